"""One Word document to one draft role: read it, outline it, map its header and sections, then
complete what a role file needs with placeholders (`rolebook check` warns on each) and write
the YAML with the report of what went where."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..catalog import Catalog
from .builder import Draft, Kept, slug
from .fields import map_section, markdown
from .header import read_header, read_info_line
from .read import WordImportError, read_docx
from .sections import MAX_HEADING, Outline, outline
from .write import Quoted, role_text

DEFAULT_VERSION = "0.1.0"
DEFAULT_OWNER = "HR"


@dataclass
class ImportResult:
    """A draft role and the report on it."""

    source: Path
    role_id: str
    title: str
    lang: str
    yaml: str
    data: dict[str, Any]
    mapped: list[str] = field(default_factory=list)
    kept: list[Kept] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    def report(self, target: str) -> list[str]:
        """The report as lines: what went where, what was kept in notes, what is missing."""
        lines = [f"{self.source.name} -> {target} ({self.lang}, status draft)"]
        lines.append("  mapped:")
        lines += [f"    {line}" for line in self.mapped] or ["    nothing"]
        if self.kept:
            lines.append("  not mapped, kept in notes:")
            for group in self.kept:
                count = len(group.texts)
                lines.append(
                    f"    {group.source}: {group.reason} ({count} text{'s' if count > 1 else ''})"
                )
        lines.append("  missing for a complete role:")
        lines += [f"    {line}" for line in self.missing] or ["    nothing"]
        return lines


def _language(out: Outline, doc_language: str, cat: Catalog) -> tuple[str, str]:
    """The document's language and how it was found: its properties, else the language most
    of its headings are in, else the organisation's default."""
    code = doc_language.split("-")[0].casefold()
    if code in cat.languages:
        return code, "the document's properties"
    if out.votes:
        voted = out.votes.most_common(1)[0][0]
        if voted in cat.languages:
            return voted, "its headings"
    return cat.default_language, "the organisation's default language"


def _title(out: Outline, header_title: str, doc_title: str, path: Path) -> tuple[str, str]:
    if out.title:
        return out.title, out.title_source
    if header_title:
        return header_title, "the header"
    preamble = out.preamble.lines
    if preamble and preamble[0].kind == "para" and len(preamble[0].text) <= MAX_HEADING:
        first = preamble.pop(0)
        if not first.text.endswith("."):
            return first.text, "the first line"
        preamble.insert(0, first)
    if doc_title:
        return doc_title, "the document's properties"
    return path.stem.replace("_", " ").strip(), "the file name"


def import_docx(
    path: Path,
    cat: Catalog,
    *,
    lang: str | None = None,
    family: str | None = None,
    today: dt.date | None = None,
) -> ImportResult:
    """The draft role of one .docx; WordImportError when it is not one."""
    doc = read_docx(path)
    out = outline(doc.blocks)
    how = "--lang"
    if lang is None:
        lang, how = _language(out, doc.language, cat)
    draft = Draft(cat, lang)
    data = draft.data
    header_title = read_header(draft, out.header)
    title, title_source = _title(out, header_title, doc.title, path)

    # the preamble: Rolebook's own line under the title, then the summary
    preamble = list(out.preamble.lines)
    if preamble and preamble[0].kind == "para" and read_info_line(draft, preamble[0].text):
        preamble.pop(0)
    has_summary = any(section.key == "summary" for section in out.sections)
    prose = [line for line in preamble if line.kind in ("para", "item")]
    if prose and not has_summary:
        data["summary"] = draft.text(markdown(prose))
        draft.report("the text under the title", "summary")
    elif prose:
        draft.keep(
            "the text under the title", "a summary is given elsewhere", [ln.text for ln in prose]
        )
    for section in out.sections:
        map_section(draft, section)

    # what every role needs
    role_id = slug(title) or slug(path.stem) or "imported-role"
    data["id"] = role_id
    data["title"] = draft.text(title)
    draft.mapped.insert(0, f"{title_source} -> title")
    _complete(draft, family, today or dt.date.today())
    if len(cat.languages) > 1:
        others = ", ".join(lg for lg in cat.languages if lg != lang)
        draft.missing.append(f"texts in {others}: the document is in {lang} (found by {how})")
    notes = [draft.text(text) for group in draft.kept for text in group.texts]
    if notes:
        data["notes"] = notes
    yaml_text = role_text(data, draft.kept, notes, path.name)
    return ImportResult(
        path, role_id, title, lang, yaml_text, data, draft.mapped, draft.kept, draft.missing
    )


def _complete(draft: Draft, family: str | None, today: dt.date) -> None:
    data, cat = draft.data, draft.cat
    if family is not None:
        data["family"] = family
    elif "family" not in data:
        if not cat.families:
            raise WordImportError("library/families.yml has no family for the role; add one first")
        data["family"] = next(iter(cat.families))
        draft.missing.append(f"family: set to '{data['family']}', the first of the library")
    if "level" not in data:
        data["level"] = 1
        draft.missing.append("level: set to 1")
    meta = data.setdefault("meta", {})
    meta.setdefault("version", DEFAULT_VERSION)
    if "effective" not in meta:
        meta["effective"] = today
        draft.missing.append("meta.effective: set to today; use the date the description applies")
    meta.setdefault("owner", draft.text(DEFAULT_OWNER))
    meta["status"] = "draft"
    meta["version"] = Quoted(meta["version"])
    data["meta"] = {key: meta[key] for key in ("version", "effective", "owner", "status")}
    if "grade" in data:
        data["grade"] = {
            key: Quoted(data["grade"][key]) if key != "system" else data["grade"][key]
            for key in ("system", "group", "scale")
        }
    placeholders = {
        "summary": ("de functie in een of twee zinnen", "the role in a sentence or two"),
        "purpose": ("waarom de functie bestaat", "why the role exists"),
    }
    for key, (nl, en) in placeholders.items():
        if key not in data:
            data[key] = draft.placeholder(nl if draft.lang == "nl" else en)
            draft.missing.append(f"{key}: a placeholder (TODO)")
    for key in ("result_areas", "competencies", "requirements"):
        if key not in data:
            draft.missing.append(f"{key}: none found")
    if "career" not in data:
        draft.missing.append("career: no next role and no note")
