"""A job description as a Word document. The organisation's own template (.docx) can replace the
default: its styles, headers, footers and logo are kept, and the content uses its heading styles,
so the document navigates in Word."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Any

from ..catalog import Catalog
from ..formal import conditions, header
from ..i18n import Translator
from ..model import Role
from .stable import stable_entry
from .wordstyles import add_missing_styles, style_ids

REQUIREMENT_KEYS = ("education", "experience", "knowledge", "skills", "traits", "optional")


class _Paragraphs:
    """Adds styled paragraphs and tables through python-docx's element classes, skipping what
    made a job description take a tenth of a second: python-docx scans every style of the
    document (and again for the default style) at each style lookup, feeds a run's text through
    a state machine one character at a time, and grows a table row by row, each row measured
    against the grid. Here every style name is resolved in one pass, a text without tabs or line
    breaks is one `w:t`, and a table is made with all its rows at once. The XML is what the
    public calls would write."""

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self.style_ids = style_ids(doc)

    def _style_id(self, name: str, kind: str) -> str | None:
        """What python-docx's `part.get_style_id(name, type)` gives, from the one-pass map."""
        from docx.styles import BabelFish

        try:
            style_id, is_default = self.style_ids[(BabelFish.ui2internal(name), kind)]
        except KeyError:
            raise ValueError(f"the Word template has no {kind} style '{name}'") from None
        return None if is_default else style_id

    def add(self, text: str, style: str | None = None) -> None:
        paragraph = self.doc.add_paragraph()
        if text:
            _add_run(paragraph._p, text)
        if style is not None:
            paragraph._p.style = self._style_id(style, "paragraph")

    def heading(self, text: str, level: int) -> None:
        self.add(text, "Title" if level == 0 else f"Heading {level}")

    def table(self, rows: list[list[str]], header: bool = False) -> None:
        """A grid of plain cells; with `header`, the first row is the column headings."""
        from docx.text.font import Font

        table = self.doc.add_table(rows=len(rows), cols=len(rows[0]))
        table._tbl.tblStyle_val = self._style_id("Table Grid", "table")
        for row, (tr, values) in enumerate(zip(table._tbl.tr_lst, rows, strict=True)):
            for column, (tc, value) in enumerate(zip(tr.tc_lst, values, strict=True)):
                run = _add_run(tc.p_lst[0], value)
                if (row == 0) if header else (column == 0):  # the labels
                    Font(run).bold = True


def _add_run(paragraph: Any, text: str) -> Any:
    """A run holding `text`; python-docx's character-by-character path only where the text has a
    tab or a line break (which become their own elements)."""
    run = paragraph.add_r()
    if "\t" in text or "\n" in text or "\r" in text:
        run.text = text
    else:
        run.add_t(text)
    return run


def _stable_bytes(doc: Any) -> bytes:
    """The package as python-docx's `save` writes it, but with the fixed entry times of
    `stable_zip` from the start (saving and then re-packing compressed everything twice)."""
    from docx.opc import pkgwriter

    steps: Any = pkgwriter.PackageWriter  # its steps take any writer with `write(uri, blob)`
    package = doc.part.package
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        writer = _StableWriter(archive)
        steps._write_content_types_stream(writer, parts)
        steps._write_pkg_rels(writer, package.rels)
        steps._write_parts(writer, parts)
    return out.getvalue()


class _StableWriter:
    """python-docx's physical package writer, with `stable_zip`'s entry times and modes."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive

    def write(self, pack_uri: Any, blob: bytes) -> None:
        self.archive.writestr(stable_entry(pack_uri.membername), blob)


def role_docx(cat: Catalog, role: Role, lang: str, template: Path | None = None) -> bytes:
    """The DOCX bytes of a job description (byte-stable for the same input)."""
    from docx import Document

    t = Translator(lang, cat.default_language)
    if template is not None:
        doc = Document(str(template))
        add_missing_styles(doc)
    else:  # python-docx's default is US Letter; Dutch organisations print on A4
        from docx.shared import Mm

        doc = Document()
        for section in doc.sections:
            section.page_width, section.page_height = Mm(210), Mm(297)
            section.left_margin = section.right_margin = Mm(22)
            section.top_margin = section.bottom_margin = Mm(20)
    org = t.text(cat.organisation.name) if cat.organisation.name else ""
    props = doc.core_properties
    limit = 255  # Word's document properties hold at most 255 characters
    props.title = t.text(role.title)[:limit]
    props.subject = t.text(role.summary)[:limit]
    props.author = org[:limit]
    props.last_modified_by = org[:limit]
    props.language = lang
    props.version = role.meta.version
    props.revision = 1
    stamp = dt.datetime.combine(role.meta.effective, dt.time())
    props.created = stamp
    props.modified = stamp
    props.last_printed = stamp

    add = _Paragraphs(doc)
    add.heading(t.text(role.title), level=0)
    add.add(
        f"{t.text(cat.families[role.family].name)} · "
        f"{t.label('rung_n', n=role.level)} · {t.label('version')} "
        f"{role.meta.version} · {t.label('effective')} {t.date(role.meta.effective)}"
    )
    add.add(t.text(role.summary))

    def bullets(items: list[str]) -> None:
        for text in items:
            add.add(text, "List Bullet")

    # the formal job description first, in the order of the PDF: the header table, the purpose,
    # result areas, mandates and contacts
    add.table([[row.label, row.value] for row in header(cat, role, t)])
    add.heading(t.label("purpose"), level=1)
    add.add(t.text(role.purpose))
    if role.result_areas:
        add.heading(t.label("result_areas"), level=1)
        for number, area in enumerate(role.result_areas, 1):
            add.heading(f"{number}. {t.text(area.name)}", level=2)
            add.add(f"{t.label('result')}: {t.text(area.result)}")
            add.add(t.label("activities"))
            bullets([t.text(a) for a in area.activities])
            if area.kpis:
                add.add(t.label("measured_by"))
                bullets([f"{t.text(k.name)}: {t.text(k.measure)}" for k in area.kpis])
    if role.mandates:
        add.heading(t.label("mandates"), level=1)
        keys = ("mandate_decides", "mandate_limit", "mandate_approval")
        rows = [[t.label(key) for key in keys]]
        for mandate in role.mandates:
            approver = cat.roles.get(mandate.approval_by or "")
            rows.append(
                [
                    t.text(mandate.decides),
                    t.text(mandate.limit) if mandate.limit else "–",
                    t.text(approver.title) if approver else "–",
                ]
            )
        add.table(rows, header=True)
    if role.contacts.internal or role.contacts.external:
        add.heading(t.label("contacts"), level=1)
        for side in ("internal", "external"):
            contacts = getattr(role.contacts, side)
            if contacts:
                add.heading(t.label(f"contacts_{side}"), level=2)
                bullets([f"{t.text(c.with_)}: {t.text(c.about)}" for c in contacts])
    if role.duties:
        add.heading(t.label("duties"), level=1)
        for group in role.duties:
            add.heading(t.text(group.group), level=2)
            bullets([t.text(item) for item in group.items])
    if role.work_cycle:
        add.heading(t.label("work_cycle"), level=1)
        for number, stage in enumerate(role.work_cycle, 1):
            add.heading(f"{number}. {t.text(stage.stage)}", level=2)
            bullets([t.text(a) for a in stage.activities])
    for key, items in (("rights", role.rights), ("responsibilities", role.responsibilities)):
        if items:
            add.heading(t.label(key), level=1)
            bullets([t.text(x) for x in items])
    add.heading(t.label("requirements"), level=1)
    for key in REQUIREMENT_KEYS:
        items = getattr(role.requirements, key)
        if items:
            add.heading(t.label(key), level=2)
            bullets([t.text(x) for x in items])
    if role.competencies:
        add.heading(t.label("competencies"), level=1)
        rows = [[t.label(key) for key in ("competency", "required_level", "level")]]
        for need in role.competencies:
            comp = cat.competencies[need.id]
            level_name = t.text(cat.scales[comp.scale].levels[need.level - 1].name)
            rows.append(
                [
                    t.text(comp.name),
                    f"{need.level} – {level_name}",
                    t.text(comp.levels.get(need.level)),
                ]
            )
        add.table(rows, header=True)
    if found := conditions(role, t):
        add.heading(t.label("conditions"), level=1)
        add.table([[label, text] for label, text in found])
    if role.kpis:
        add.heading(t.label("kpis"), level=1)
        bullets([f"{t.text(k.name)}: {t.text(k.measure)}" for k in role.kpis])
    if role.training:
        add.heading(t.label("training"), level=1)
        bullets(
            [
                t.text(cat.training[s.ref].title) + (f" ({t.text(s.when)})" if s.when else "")
                for s in role.training
            ]
        )
    add.heading(t.label("career"), level=1)
    bullets([t.text(cat.roles[n].title) for n in role.career.next])
    if role.career.note:
        add.add(t.text(role.career.note))
    return _stable_bytes(doc)
