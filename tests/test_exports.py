"""Exports: JSON-LD, Word, catalog JSON, matrix CSV and XLSX; all byte-stable."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.checks import load_catalog
from generator.cli import main
from generator.exports.docx import role_docx
from generator.exports.jsonld import occupation
from generator.exports.tables import catalog_json, matrix_csv, matrix_xlsx

from .conftest import SHIPPED_ROLES, WriteRoles

Golden = Callable[[str, str], None]


def test_jsonld_golden(write_roles: WriteRoles, golden: Golden) -> None:
    cat = load_catalog(write_roles())
    data = occupation(cat, cat.roles["senior"], "en")
    golden("senior.jsonld", json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    assert data["@type"] == "Occupation" and data["@context"] == "https://schema.org"


def test_shipped_jsonld_carries_the_fields() -> None:
    cat = load_catalog(SHIPPED_ROLES)
    for role in cat.roles.values():
        for lang in cat.languages:
            data = occupation(cat, role, lang)
            assert data["name"] and data["description"] and data["responsibilities"]
            assert all(s["@type"] == "DefinedTerm" and s["termCode"] for s in data["skills"])
            assert data["occupationalCategory"][0] == {
                "@type": "CategoryCode",
                "codeValue": role.codes.isco08,
                "inCodeSet": "ISCO-08",
            }


def test_docx_opens_with_headings_and_every_duty(write_roles: WriteRoles) -> None:
    from docx import Document

    cat = load_catalog(SHIPPED_ROLES)
    role = cat.roles["accountmanager"]
    data = role_docx(cat, role, "nl")
    assert data == role_docx(cat, role, "nl"), "byte-stable"
    doc = Document(io.BytesIO(data))
    assert doc.core_properties.title == "Accountmanager"
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert {"Doel van de functie", "Taken", "Werkcyclus", "Rechten", "Functie-eisen"} <= set(
        headings
    )
    texts = {p.text for p in doc.paragraphs}
    duties = [item.get("nl", "nl") for group in role.duties for item in group.items]
    assert all(duty in texts for duty in duties)
    # the formal job description: the header table, result areas, mandates, contacts, conditions
    assert {"Resultaatgebieden", "Bevoegdheden", "Contacten", "Arbeidsomstandigheden"} <= set(
        headings
    )
    header = {row.cells[0].text: row.cells[1].text for row in doc.tables[0].rows}
    assert header["Functiegroep"] == "8 (Functiegroepen Voorbeeldorganisatie)"
    assert header["Rapporteert aan"] == "Hoofd verkoop"
    assert "1. Nieuwe klanten" in headings
    activities = [a.get("nl", "nl") for area in role.result_areas for a in area.activities]
    assert all(activity in texts for activity in activities)
    mandates = [[c.text for c in row.cells] for row in doc.tables[1].rows]
    assert mandates[1] == ["Korting op de catalogusprijs", "tot 10 %", "Hoofd verkoop"]
    assert doc.sections[0].page_width.mm == pytest.approx(210, abs=0.5)  # A4


def test_catalog_exports_are_stable_and_correct() -> None:
    from openpyxl import load_workbook

    cat = load_catalog(SHIPPED_ROLES)
    assert catalog_json(cat) == catalog_json(cat)
    data = json.loads(catalog_json(cat))
    assert len(data["roles"]) == len(cat.roles) and len(data["competencies"]) == 42
    key = next(r for r in data["roles"] if r["id"] == "key-accountmanager")
    # the formal job description's fields, inherited where the role extends another
    assert key["grade"] == {"system": "fg", "group": "10", "scale": "10", "points": 172}
    assert key["hours"]["min"] == 32 and key["location"]["work_mode"] == "hybrid"
    assert "orders-en-contracten" not in [a["id"] for a in key["result_areas"]]  # removed
    assert {m.get("id") for m in key["mandates"]} >= {"korting", "contracten", "vergoeding"}
    assert key["contacts"]["internal"][0]["with"]["nl"] == "Verkoop binnendienst"
    assert key["conditions"]["travel"]["nl"].startswith("Bezoekt klanten")
    assert data["organisation"]["salary_scales"][0]["minimum"] > 0
    assert len(key["duties"]) > len(
        next(r for r in data["roles"] if r["id"] == "accountmanager")["duties"]
    )  # resolved
    rows = matrix_csv(cat, "nl").splitlines()
    assert rows[0].startswith("competency,Competentie,type,accountmanager,")
    assert matrix_xlsx(cat, "nl") == matrix_xlsx(cat, "nl")
    book = load_workbook(io.BytesIO(matrix_xlsx(cat, "nl")))
    assert book.sheetnames == [
        "Accountmanagement",
        "Verkoop",
        "Klantenservice",
        "Directie",
        "Competentiebibliotheek",
    ]
    sheet = book["Accountmanagement"]
    assert [c.value for c in sheet[1]][:3] == ["Competentie", "id", "Accountmanager"]
    wanted = {n.id: n.level for n in cat.roles["key-accountmanager"].competencies}
    for row in sheet.iter_rows(min_row=2, values_only=True):
        assert row[4] == wanted.get(row[1])


def test_export_command(write_roles: WriteRoles, runner: CliRunner) -> None:
    write_roles()
    result = runner.invoke(main, ["export", "senior", "--format", "jsonld"])
    assert result.exit_code == 0 and json.loads(result.output)["identifier"] == "senior"
    assert (
        runner.invoke(main, ["export", "senior", "--format", "docx", "-o", "s.docx"]).exit_code == 0
    )
    assert Path("s.docx").read_bytes().startswith(b"PK")
    assert runner.invoke(main, ["export", "--format", "xlsx", "-o", "m.xlsx"]).exit_code == 0
    assert runner.invoke(main, ["export", "--format", "docx"]).exit_code == 2
    assert runner.invoke(main, ["export", "senior", "--format", "csv"]).exit_code == 2


def _word_outline(data: bytes) -> str:
    """A Word document as text for a golden file: each paragraph with its style, each table row
    with its cells (bold ones in asterisks), in body order."""
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    doc = Document(io.BytesIO(data))
    lines = []
    for block in doc.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(f"[{block.style.name if block.style else '?'}] {block.text}")
        elif isinstance(block, Table):
            lines.append(f"[table: {block.style.name if block.style else '?'}]")
            for row in block.rows:
                cells = []
                for cell in row.cells:
                    bold = any(run.bold for p in cell.paragraphs for run in p.runs)
                    cells.append(f"*{cell.text}*" if bold else cell.text)
                lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def test_docx_golden(write_roles: WriteRoles, golden: Golden) -> None:
    """Every paragraph's style and text and every table cell of a Word job description."""
    cat = load_catalog(write_roles())
    golden("senior.nl.docx.txt", _word_outline(role_docx(cat, cat.roles["senior"], "nl")))


def test_docx_keeps_tabs_and_line_breaks(write_roles: WriteRoles) -> None:
    """Text with a tab or a line break takes python-docx's own path: w:tab and w:br elements."""
    from docx import Document

    from .conftest import JUNIOR

    cat = load_catalog(
        write_roles(
            {
                "junior.yml": JUNIOR.replace(
                    "title: {nl: Verkoper,", 'title: {nl: "Ver\\tkoper\\nB",'
                )
            }
        )
    )
    data = role_docx(cat, cat.roles["junior"], "nl")
    doc = Document(io.BytesIO(data))
    assert doc.paragraphs[0].text == "Ver\tkoper\nB"
    assert b"<w:tab/>" in zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")


def _blank_word_template(path: Path) -> Path:
    """A template as a blank document saved by a Dutch Word: none of the styles a job
    description uses, no numbering part, Normal's id localised, and a header of its own."""
    from docx import Document

    from generator.exports.wordstyles import USED, W

    doc = Document()
    styles = doc.styles.element
    for style in list(styles.iterchildren(W + "style")):
        name = style.find(W + "name").get(W + "val")
        if (name, style.get(W + "type")) in USED or name.endswith(" Char"):
            styles.remove(style)
        elif name == "Normal":
            style.set(W + "styleId", "Standaard")
        elif name == "List Number":  # a Dutch Word's ids differ: this one takes ListBullet's
            style.set(W + "styleId", "ListBullet")
    numbering = doc.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"
    )
    doc.part.drop_rel(next(r for r, rel in doc.part.rels.items() if rel.target_part is numbering))
    doc.sections[0].header.paragraphs[0].text = "Voorbeeld BV – vertrouwelijk"
    doc.save(str(path))
    return path


def test_docx_on_a_template_without_the_styles_it_uses(
    write_roles: WriteRoles, tmp_path: Path
) -> None:
    """Word saves only the styles in use: the missing ones come from python-docx's default, the
    headings with their outline level, the bullets with a numbering of their own."""
    from docx import Document

    from generator.exports.wordstyles import W

    template = _blank_word_template(tmp_path / "huisstijl.docx")
    cat = load_catalog(SHIPPED_ROLES)
    data = role_docx(cat, cat.roles["accountmanager"], "nl", template)
    assert data == role_docx(cat, cat.roles["accountmanager"], "nl", template), "byte-stable"
    doc = Document(io.BytesIO(data))
    assert doc.sections[0].header.paragraphs[0].text == "Voorbeeld BV – vertrouwelijk"
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert "Doel van de functie" in headings
    heading = doc.styles["Heading 1"].element
    assert heading.find(f"{W}pPr/{W}outlineLvl").get(W + "val") == "0"
    assert heading.find(W + "basedOn").get(W + "val") == "Standaard"  # the template's Normal
    assert heading.find(W + "link") is None  # its character style is not in the template
    bullet = doc.styles["List Bullet"].element
    assert bullet.get(W + "styleId") == "ListBullet1"  # the template's own ListBullet kept
    num_id = bullet.find(f"{W}pPr/{W}numPr/{W}numId").get(W + "val")
    numbering = doc.part.numbering_part.element
    num = numbering.find(f"{W}num[@{W}numId='{num_id}']")
    abstract = numbering.find(
        f"{W}abstractNum[@{W}abstractNumId='{num.find(W + 'abstractNumId').get(W + 'val')}']"
    )
    assert abstract.find(f"{W}lvl/{W}numFmt").get(W + "val") == "bullet"
    assert abstract.find(f"{W}lvl/{W}pStyle").get(W + "val") == bullet.get(W + "styleId")
    assert [p.style.name for p in doc.paragraphs].count("List Bullet") > 10
    assert doc.tables[0].style.name == "Table Grid"


def test_docx_on_a_template_that_has_the_styles_keeps_them(
    write_roles: WriteRoles, tmp_path: Path
) -> None:
    """An organisation's own Heading 1 is used as it is, not replaced."""
    from docx import Document
    from docx.shared import Pt

    template = Document()
    template.styles["Heading 1"].font.size = Pt(21)
    template.save(str(tmp_path / "eigen.docx"))
    cat = load_catalog(write_roles())
    doc = Document(io.BytesIO(role_docx(cat, cat.roles["senior"], "nl", tmp_path / "eigen.docx")))
    assert doc.styles["Heading 1"].font.size == Pt(21)
    assert len([s for s in doc.styles if s.name == "Heading 1"]) == 1


def test_docx_takes_very_long_titles(write_roles: WriteRoles) -> None:
    from docx import Document

    from .conftest import JUNIOR

    long_title = "Verkoper " + "x" * 400
    cat = load_catalog(
        write_roles(
            {"junior.yml": JUNIOR.replace("title: {nl: Verkoper,", f'title: {{nl: "{long_title}",')}
        )
    )
    doc = Document(io.BytesIO(role_docx(cat, cat.roles["junior"], "nl")))
    assert doc.core_properties.title == long_title[:255]
    assert doc.paragraphs[0].text == long_title


def test_xlsx_is_byte_stable_across_seconds_and_dated_from_the_roles() -> None:
    """openpyxl stamps the time of saving into docProps/core.xml: the export carries the date of
    the newest role instead, so a rebuild a second later gives the same bytes."""
    import time
    import zipfile

    cat = load_catalog(SHIPPED_ROLES)
    first = matrix_xlsx(cat, "nl")
    time.sleep(1.1)
    assert matrix_xlsx(cat, "nl") == first
    core = zipfile.ZipFile(io.BytesIO(first)).read("docProps/core.xml").decode()
    newest = max(r.meta.effective for r in cat.roles.values()).isoformat()
    assert f">{newest}T00:00:00Z</dcterms:modified>" in core
    assert f">{newest}T00:00:00Z</dcterms:created>" in core


PAYLOADS = ['=HYPERLINK("http://x","y")', "+1", "-1+1", "@SUM(1)", "\t=1", "\r=1"]


@pytest.mark.parametrize("payload", PAYLOADS, ids=["hyperlink", "plus", "minus", "at", "tab", "cr"])
def test_spreadsheet_exports_never_hold_a_formula(write_roles: WriteRoles, payload: str) -> None:
    """A competency name that starts like a formula is text in the CSV (apostrophe) and a string
    cell in the XLSX, not a live formula (OWASP's CSV-injection guidance)."""
    import csv
    import zipfile

    from openpyxl import load_workbook

    from .conftest import LIBRARY

    hostile = LIBRARY["competencies.yml"].replace(
        "name: {nl: Onderhandelen, en: Negotiation}",
        "name: {nl: " + json.dumps(payload) + ", en: Negotiation}",
    )
    assert hostile != LIBRARY["competencies.yml"]
    cat = load_catalog(write_roles({"library/competencies.yml": hostile}))
    rows = list(csv.reader(io.StringIO(matrix_csv(cat, "nl"))))
    names = [row[1] for row in rows]
    assert "'" + payload in names
    data = matrix_xlsx(cat, "nl")
    book = load_workbook(io.BytesIO(data))
    cells = [
        c for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value == payload
    ]
    assert cells and all(c.data_type == "s" for c in cells)
    archive = zipfile.ZipFile(io.BytesIO(data))
    sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
    assert not any(b"<f>" in archive.read(n) or b"<f " in archive.read(n) for n in sheets)
