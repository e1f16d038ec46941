"""Reading a .docx: its body as a flat list of paragraphs and tables, in document order, with
what tells a heading or a list item apart (the style, list numbering, bold). python-docx does
the parsing; nothing here knows what a role is."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

OLE_MAGIC = b"\xd0\xcf\x11\xe0"
"""The start of a Word 97-2003 .doc (and of other old Office files)."""
ZIP_MAGIC = b"PK\x03\x04"
BULLET = re.compile(r"^\s*[•·▪▫◦○●■□‣⁃∙*–—-]\s+")
HEADING_STYLE = re.compile(r"^(?:heading|kop)\s*(\d)$", re.IGNORECASE)
TITLE_STYLES = {"title", "titel"}
INLINE = (
    "w:r | w:hyperlink | w:ins/w:r | w:fldSimple/w:r | w:smartTag/w:r | w:sdt/w:sdtContent/w:r"
    " | w:ins/w:hyperlink"
)
"""The parts of a paragraph that hold its text."""


class WordImportError(Exception):
    """The file is not a Word document python-docx can read; the message says which and why."""


@dataclass(frozen=True)
class Block:
    """A paragraph, or a table (`rows` of cells, each cell its own blocks)."""

    text: str = ""
    level: int | None = None
    """0 for the document's title, 1, 2, ... for headings (by style); None for body text."""
    listed: bool = False
    """A list item: a list style, Word's numbering, or a typed bullet."""
    bold: bool = False
    """Every run with text is bold: how many documents mark a heading without a style."""
    rows: tuple[tuple[tuple[Block, ...], ...], ...] | None = None

    @property
    def is_table(self) -> bool:
        return self.rows is not None


@dataclass
class WordDocument:
    path: Path
    blocks: list[Block] = field(default_factory=list)
    title: str = ""
    """The title in the document's properties."""
    language: str = ""
    """The language in the document's properties, e.g. nl or nl-NL."""


def clean(text: str) -> str:
    """One line of plain text: line breaks and tabs become spaces, control and zero-width
    characters go (YAML and the site refuse them), runs of spaces become one."""
    kept = []
    for char in text:
        if char in "\t\n\r\v\f\xa0":
            kept.append(" ")
        elif unicodedata.category(char) in ("Cc", "Cf", "Co", "Cs"):
            continue
        else:
            kept.append(char)
    return " ".join("".join(kept).split())


def _style_level(style_name: str) -> int | None:
    name = style_name.strip()
    if name.lower() in TITLE_STYLES:
        return 0
    match = HEADING_STYLE.match(name)
    return int(match.group(1)) if match else None


def _paragraph(element: Any, parent: Any, styles: dict[str, tuple[str, bool]]) -> Block | None:
    from docx.text.paragraph import Paragraph

    paragraph = Paragraph(element, parent)
    # python-docx's text leaves out tracked insertions, fields and smart tags: the text reads
    # as if every change were accepted (deleted text is in w:delText, never read)
    text = clean("".join(part.text for part in element.xpath(INLINE)))
    if not text:
        return None
    style_id = element.style or ""
    if style_id not in styles:  # python-docx scans every style per lookup: once per style
        style = paragraph.style
        styles[style_id] = (
            style.name if style is not None else "",
            bool(style is not None and style.font.bold),
        )
    style_name, style_bold = styles[style_id]
    numbered = element.pPr is not None and element.pPr.numPr is not None
    listed = numbered or "list" in style_name.lower() or "lijst" in style_name.lower()
    if BULLET.match(text):
        listed, text = True, BULLET.sub("", text, count=1)
    runs = [run for run in paragraph.runs if run.text.strip()]
    bold = bool(runs) and all(run.bold is True or (run.bold is None and style_bold) for run in runs)
    return Block(text=text, level=_style_level(style_name), listed=listed, bold=bold)


def _table(element: Any, parent: Any, styles: dict[str, tuple[str, bool]]) -> Block:
    from docx.table import Table

    rows = []
    for row in Table(element, parent).rows:
        cells: list[tuple[Block, ...]] = []
        seen: Any = None
        for cell in row.cells:
            if cell._tc is seen:  # a cell merged across columns comes once per column
                continue
            seen = cell._tc
            cells.append(tuple(_blocks(cell._tc, cell, styles)))
        rows.append(tuple(cells))
    return Block(rows=tuple(rows))


def _blocks(container: Any, parent: Any, styles: dict[str, tuple[str, bool]]) -> list[Block]:
    """The paragraphs and tables of a body or a table cell, content controls opened."""
    from docx.oxml.ns import qn

    found: list[Block] = []
    for child in container.iterchildren():
        if child.tag == qn("w:p"):
            block = _paragraph(child, parent, styles)
            if block is not None:
                found.append(block)
        elif child.tag == qn("w:tbl"):
            found.append(_table(child, parent, styles))
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                found.extend(_blocks(content, parent, styles))
    return found


def read_docx(path: Path) -> WordDocument:
    """The blocks of a .docx; a file that is not one raises WordImportError."""
    with path.open("rb") as handle:
        magic = handle.read(4)
    if magic == OLE_MAGIC:
        raise WordImportError(
            "a Word 97-2003 document (.doc) or another old Office file; open it in Word and "
            "save it as .docx"
        )
    if magic != ZIP_MAGIC:
        raise WordImportError("not a Word document (.docx)")
    from docx import Document

    try:
        doc = Document(str(path))
        properties = doc.core_properties
        styles: dict[str, tuple[str, bool]] = {}
        blocks = _blocks(doc.element.body, doc._body, styles)
        title, language = properties.title or "", properties.language or ""
    except Exception as exc:
        # python-docx fails on a damaged or foreign package with whatever its zip and XML
        # readers raise (BadZipFile, KeyError, ValueError, XMLSyntaxError, ...): the user's
        # file is at fault, so one line, no traceback
        said = str(exc.args[0]) if isinstance(exc, KeyError) and exc.args else str(exc)
        reason = said.strip().splitlines()[0] if said.strip() else type(exc).__name__
        raise WordImportError(f"not a readable Word document (.docx): {reason}") from None
    return WordDocument(path, blocks, clean(title), language.strip())
