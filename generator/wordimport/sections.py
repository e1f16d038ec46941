"""The outline of a document: its title, the text before the first section (the preamble), the
header fields (a table of labels and values, or "Label: value" lines), and the sections under
the headings the vocabulary knows. A heading is a heading style, a bold short line, or any line
whose whole text is a section's name ("3. Functie-eisen"), so documents written without styles
are read too. Sections with a name the vocabulary does not know are kept, with key None."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from . import vocabulary as vocab
from .read import Block

MAX_HEADING = 80
"""A bold line longer than this is body text, not a heading."""
DOCUMENT_TITLES = (
    "functiebeschrijving",
    "functieomschrijving",
    "job description",
    "role description",
    "role profile",
    "functieprofiel",
)
DOCUMENT_NAMES = {vocab.normal(name) for name in DOCUMENT_TITLES}
"""What a document calls itself above the title: not a title, not a section."""
LABEL = re.compile(r"^([^:]{1,60}):\s*(.*)$")
TOP_NUMBER = re.compile(r"^\s*\d+[.)]?\s+\D")
"""A heading numbered "7." or "7", not "7.1"."""
AREA_PARTS = ("result", "activities", "measured_by")
"""The labels inside a result area ("Resultaat: ...")."""


@dataclass
class Line:
    """One unit of a section's content: a sub-heading, a paragraph, a list item or a table."""

    kind: Literal["sub", "para", "item", "table"]
    text: str = ""
    table: Block | None = None


@dataclass
class Section:
    heading: str
    """As written; "" for the preamble."""
    key: str | None
    """A section of the vocabulary ("purpose", ...), "" for the preamble, None when unknown."""
    part: str | None = None
    """For a subsection's name used as a section ("Interne contacten"): which part."""
    level: int | None = None
    """The heading style's level; None for a heading by boldness or by name."""
    lines: list[Line] = field(default_factory=list)
    numbered: bool = False
    """The heading is numbered "7." (not "7.1"): so is the next section's."""


@dataclass(frozen=True)
class HeaderField:
    label: str
    """As written."""
    key: str | None
    """A field of the vocabulary's header, None when unknown."""
    value: str


@dataclass
class Outline:
    title: str = ""
    title_source: str = ""
    preamble: Section = field(default_factory=lambda: Section("", ""))
    header: list[HeaderField] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    votes: Counter[str] = field(default_factory=Counter)
    """How many names matched per language: the document's language."""


def split_label(text: str) -> tuple[str, str] | None:
    """("Functiegroep", "8") for "Functiegroep: 8"; None without a short label and a value."""
    match = LABEL.match(text)
    if match and match.group(2).strip():
        return match.group(1).strip(), match.group(2).strip()
    return None


def strip_numbering(text: str) -> str:
    return vocab.NUMBERING.sub("", text, count=1).strip() or text


def cell_text(cell: tuple[Block, ...]) -> str:
    return " ".join(b.text for b in cell if not b.is_table).strip()


def cell_lines(cell: tuple[Block, ...]) -> list[Line]:
    """A cell's paragraphs as lines (a nested table stays a table)."""
    lines = []
    for block in cell:
        if block.is_table:
            lines.append(Line("table", table=block))
        elif block.listed:
            lines.append(Line("item", block.text))
        elif block.bold and _short(block.text):
            lines.append(Line("sub", block.text))
        else:
            lines.append(Line("para", block.text))
    return lines


def _short(text: str) -> bool:
    return len(text) <= MAX_HEADING and not text.endswith((".", ";", ","))


class _Builder:
    def __init__(self) -> None:
        self.outline = Outline()
        self.current = self.outline.preamble

    def start(
        self, heading: str, key: str | None, level: int | None, part: str | None = None
    ) -> None:
        numbered = bool(TOP_NUMBER.match(heading))
        self.current = Section(strip_numbering(heading), key, part, level, numbered=numbered)
        self.outline.sections.append(self.current)

    def vote(self, found: tuple[str, str] | tuple[str, str, str] | None) -> None:
        if found:
            self.outline.votes[found[-1]] += 1

    def in_header(self) -> bool:
        return self.current.key in ("", "general")

    def header_row(self, label: str, value: str) -> bool:
        """A label and its value: kept as a header field when the label is one (true)."""
        found = vocab.header(label)
        if found:
            self.vote(found)
            self.outline.header.append(HeaderField(label, found[0], value))
            return True
        return False

    def table(self, block: Block) -> None:
        assert block.rows is not None
        if not self.in_header() and not self._is_form(block):
            self.current.lines.append(Line("table", table=block))
            return
        for row in block.rows:
            self._form_row(row)

    def _is_form(self, block: Block) -> bool:
        """A table of section names and their text, the whole description laid out in a grid."""
        assert block.rows is not None
        named = [row for row in block.rows if row and vocab.section(cell_text(row[0]))]
        return len(named) >= 2  # one could be the heading row of a table of result areas

    def _form_row(self, row: tuple[tuple[Block, ...], ...]) -> None:
        cells = [cell for cell in row if cell_text(cell) or len(row) <= 2]
        if len(cells) >= 2 and (found := vocab.section(cell_text(cells[0]))):
            self.vote(found)
            self.start(cell_text(cells[0]), found[0], None)
            for cell in cells[1:]:
                self.current.lines.extend(cell_lines(cell))
            return
        pairs = [cells[i : i + 2] for i in range(0, len(cells) - 1, 2)]
        if len(cells) % 2 == 0 and all(vocab.header(cell_text(p[0])) for p in pairs):
            for label, value in pairs:
                self.header_row(cell_text(label), cell_text(value))
            return
        if len(cells) == 2 and self.header_row(cell_text(cells[0]), cell_text(cells[1])):
            return
        text = " | ".join(cell_text(cell) for cell in cells if cell_text(cell))
        if text:
            self.outline.header.append(HeaderField("", None, text))

    def paragraph(self, block: Block) -> None:
        text = block.text
        outline = self.outline
        if vocab.normal(text) in DOCUMENT_NAMES and not outline.sections:
            return
        if block.level == 0 and not outline.title:
            outline.title, outline.title_source = _title(text), "the title"
            return
        # a list item is a heading only when it looks like one: Word's numbered headings
        headingish = (
            block.level is not None or block.bold or (not block.listed and len(text) <= MAX_HEADING)
        )
        scope = self.current.key or ""
        sub = vocab.subsection(scope, text) if headingish else None
        deeper = (
            self.current.level is None or block.level is None or block.level > self.current.level
        )
        if sub and deeper:
            self.vote(sub)
            self.current.lines.append(Line("sub", strip_numbering(text)))
            return
        found = vocab.section(text) if headingish else None
        nested = (  # a result area called "Accountability" under "Key result areas"
            block.level is not None
            and self.current.level is not None
            and block.level > self.current.level
        )
        if found and not nested:
            self.vote(found)
            self.start(text, found[0], block.level)
            return
        whole = vocab.any_subsection(text) if headingish else None
        if whole and not nested and (block.level is not None or block.bold or not block.listed):
            self.vote(whole)
            self.start(text, whole[0], block.level, whole[1])
            return
        labelled = split_label(text)
        if labelled:
            label, value = labelled
            if self.in_header() and self.header_row(label, value):
                return
            found = vocab.section(label)
            own_part = vocab.subsection(scope, label) or (
                scope == "result_areas" and vocab.part(label, *AREA_PARTS)
            )
            if found and not own_part:
                self.vote(found)
                self.start(label, found[0], block.level)
                self.current.lines.append(Line("para", value))
                return
        if block.level is not None:
            if not outline.title and not outline.sections:
                outline.title, outline.title_source = _title(text), "the first heading"
            elif self.current.level is not None and block.level > self.current.level:
                self.current.lines.append(Line("sub", strip_numbering(text)))
            else:
                self.start(text, None, block.level)
            return
        if block.bold and _short(text) and not block.listed:
            if not outline.title and not outline.sections and not self.current.lines:
                outline.title, outline.title_source = _title(text), "the first bold line"
            elif self.current.numbered and TOP_NUMBER.match(text):
                self.start(text, None, None)  # "9. Overige bepalingen" after "8. Opleiding"
            else:
                self.current.lines.append(Line("sub", strip_numbering(text)))
            return
        self.current.lines.append(Line("item" if block.listed else "para", text))


def _title(text: str) -> str:
    """The title without "Functiebeschrijving" or "Job description:" before it."""
    for name in DOCUMENT_TITLES:
        match = re.match(rf"^{name}\b\s*[:\-–—]?\s*(.+)$", text, re.IGNORECASE)
        if match:
            return match.group(1).strip()
    return text


def outline(blocks: list[Block]) -> Outline:
    builder = _Builder()
    for block in blocks:
        if block.is_table:
            builder.table(block)
        else:
            builder.paragraph(block)
    return builder.outline
