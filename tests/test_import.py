"""`rolebook import`: Word job descriptions to draft role files. The round trip through
Rolebook's own Word export, three hand-made layouts against golden files, and the refusals."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.checks import check_catalog, load_catalog
from generator.cli import main
from generator.errors import Severity
from generator.model import Role, validation_context
from generator.wordimport import import_docx

from .conftest import JUNIOR, SHIPPED_ROLES, WriteRoles
from .roundtrip import report, round_trip

Golden = Callable[[str, str], None]
FIXTURES = Path(__file__).parent / "fixtures" / "word"
TODAY = dt.date(2026, 6, 1)
ORGANISATION = """\
    name: {nl: Testorganisatie, en: Test organisation}
    languages: [nl, en]
    default_language: nl
    full_time_hours: 38
    grade_systems:
      - id: fg
        name: {nl: Functiegroepen, en: Grades}
        groups: [{id: "6"}, {id: "7"}, {id: "8"}]
    salary_scales:
      - {id: "6", minimum: 2800, maximum: 3600}
      - {id: "7", minimum: 3100, maximum: 4100}
      - {id: "8", minimum: 3400, maximum: 4700}
    """


def test_the_round_trip_of_every_shipped_role(tmp_path: Path) -> None:
    """Each shipped role, exported to Word and imported again, checks without errors and
    brings back at least 90 % of its text items in the right fields (the score is printed:
    `pytest -s`, or `python -m tests.roundtrip`)."""
    cat = load_catalog(SHIPPED_ROLES)
    scores = []
    for lang in cat.languages:
        found, lines, code = round_trip(SHIPPED_ROLES, tmp_path, lang)
        assert code == 0, [line for line in lines if ": error: " in line]
        scores += found
    print("\n" + report(scores))
    for score in scores:
        assert score.ratio >= 0.9, (score.role, score.lang, score.lost)
        assert score.refs_back == score.refs, (score.role, score.lang)


@pytest.fixture
def fixture_roles(write_roles: WriteRoles) -> Path:
    return write_roles({"library/organisation.yml": ORGANISATION})


@pytest.mark.parametrize("name", ["tabel-en-koppen", "genummerd", "english"])
def test_hand_made_layouts_against_their_golden_files(
    fixture_roles: Path, golden: Golden, name: str
) -> None:
    cat = load_catalog(fixture_roles)
    result = import_docx(FIXTURES / f"{name}.docx", cat, today=TODAY)
    golden(f"import/{name}.yml", result.yaml)
    golden(f"import/{name}.report.txt", "\n".join(result.report(f"{result.role_id}.yml")) + "\n")
    # the draft is a valid role file, and the catalog with it has no errors
    Role.model_validate(yaml.safe_load(result.yaml), context=validation_context(["nl", "en"], "nl"))
    (fixture_roles / f"{result.role_id}.yml").write_text(result.yaml, encoding="utf-8")
    _, diagnostics, _ = check_catalog(fixture_roles)
    assert [str(d) for d in diagnostics if d.severity is Severity.ERROR] == []
    if result.kept:
        assert any("imported texts in 'notes' not yet placed" in d.message for d in diagnostics)


def test_the_command_writes_reports_and_never_overwrites(
    fixture_roles: Path, runner: CliRunner
) -> None:
    source = str(FIXTURES / "english.docx")
    result = runner.invoke(main, ["import", source, "--roles-dir", "roles"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        "english.docx -> roles/inside-sales-representative.yml (en, status draft)\n  mapped:\n"
    )
    assert '    "About us": a section Rolebook has no field for (1 text)' in result.stdout
    target = fixture_roles / "inside-sales-representative.yml"
    target.write_text(target.read_text() + "# edited\n")
    again = runner.invoke(main, ["import", source, "--roles-dir", "roles"])
    assert again.exit_code == 1
    assert again.stderr.splitlines()[0] == (
        "roles/inside-sales-representative.yml: error: already exists; not overwritten "
        f"(--force replaces it); from {source}"
    )
    assert target.read_text().endswith("# edited\n")
    forced = runner.invoke(main, ["import", source, "--roles-dir", "roles", "--force"])
    assert forced.exit_code == 0 and not target.read_text().endswith("# edited\n")


def _damaged(folder: Path) -> dict[str, bytes]:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "not a Word document")
    good = (FIXTURES / "english.docx").read_bytes()
    return {
        "notes.docx": b"just some text\n",
        "old.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100),
        "some.zip.docx": out.getvalue(),
        "cut.docx": good[: len(good) // 2],
    }


def test_damaged_and_foreign_files_are_one_line_each(
    fixture_roles: Path, runner: CliRunner, tmp_path: Path
) -> None:
    folder = tmp_path / "word"
    folder.mkdir()
    for name, data in _damaged(folder).items():
        (folder / name).write_bytes(data)
    (folder / "good.docx").write_bytes((FIXTURES / "genummerd.docx").read_bytes())
    (folder / "~$good.docx").write_bytes(b"Word's lock file")
    result = runner.invoke(main, ["import", "word", "--roles-dir", "roles"])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    errors = result.stderr.splitlines()[:-1]
    assert errors[0].startswith("word/cut.docx: error: not a readable Word document (.docx): ")
    assert errors[1:] == [
        "word/notes.docx: error: not a Word document (.docx)",
        "word/some.zip.docx: error: not a readable Word document (.docx): "
        "There is no item named '[Content_Types].xml' in the archive",
    ]
    assert result.stderr.splitlines()[-1] == "imported 1 of 4 files; then run `rolebook check`"
    assert (fixture_roles / "accountmanager-zakelijke-markt.yml").is_file()
    single = runner.invoke(main, ["import", "word/old.doc", "--roles-dir", "roles"])
    assert single.exit_code == 1
    assert single.stderr == (
        "word/old.doc: error: a Word 97-2003 document (.doc) or another old Office file; "
        "open it in Word and save it as .docx\n"
    )


def test_usage_errors(fixture_roles: Path, runner: CliRunner) -> None:
    source = str(FIXTURES / "english.docx")
    for args, message in [
        (["--lang", "de"], "'de' is not one of nl, en"),
        (["--family", "verkop"], "no family 'verkop' in library/families.yml; did you mean"),
    ]:
        result = runner.invoke(main, ["import", source, "--roles-dir", "roles", *args])
        assert result.exit_code == 2 and message in result.output, result.output
    missing = runner.invoke(main, ["import", "nothing.docx", "--roles-dir", "roles"])
    assert missing.exit_code == 2
    Path("empty").mkdir()
    empty = runner.invoke(main, ["import", "empty", "--roles-dir", "roles"])
    assert empty.exit_code == 1 and "empty: no .docx files in this folder" in empty.output


def test_two_documents_of_one_title_are_both_kept(
    fixture_roles: Path, runner: CliRunner, tmp_path: Path
) -> None:
    folder = tmp_path / "twice"
    folder.mkdir()
    for name in ("a.docx", "b.docx"):
        (folder / name).write_bytes((FIXTURES / "english.docx").read_bytes())
    result = runner.invoke(main, ["import", "twice", "--roles-dir", "roles", "--force"])
    assert result.exit_code == 0, result.output
    assert (fixture_roles / "inside-sales-representative.yml").is_file()
    second = (fixture_roles / "inside-sales-representative-2.yml").read_text()
    assert "\nid: inside-sales-representative-2\n" in second


def test_a_single_language_organisation_gets_plain_strings(
    write_roles: WriteRoles, runner: CliRunner
) -> None:
    root = write_roles(
        {
            "library/organisation.yml": "languages: [en]\ndefault_language: en\n",
            "library/families.yml": "families:\n  - {id: sales, name: Sales}\n",
        },
        base=False,
    )
    result = runner.invoke(main, ["import", str(FIXTURES / "english.docx"), "--roles-dir", "roles"])
    assert result.exit_code == 0, result.output
    text = (root / "inside-sales-representative.yml").read_text()
    assert "\ntitle: Inside Sales Representative\n" in text
    assert "texts in" not in result.stdout  # nothing to translate
    _, diagnostics, _ = check_catalog(root)
    assert [str(d) for d in diagnostics if d.severity is Severity.ERROR] == []


def test_tracked_changes_read_as_accepted(write_roles: WriteRoles, tmp_path: Path) -> None:
    from docx import Document
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    doc = Document()
    doc.add_heading("Doel van de functie", level=1)
    paragraph = doc.add_paragraph("Klanten winnen")
    paragraph._p.append(
        parse_xml(
            f'<w:ins {nsdecls("w")} w:id="1" w:author="HR"><w:r><w:t xml:space="preserve">'
            " en vasthouden</w:t></w:r></w:ins>"
        )
    )
    paragraph._p.append(
        parse_xml(
            f'<w:del {nsdecls("w")} w:id="2" w:author="HR"><w:r><w:delText>'
            " voor altijd</w:delText></w:r></w:del>"
        )
    )
    doc.save(str(tmp_path / "changes.docx"))
    result = import_docx(tmp_path / "changes.docx", load_catalog(write_roles()), today=TODAY)
    assert result.data["purpose"] == {"nl": "Klanten winnen en vasthouden"}


def test_force_replaces_a_yaml_file_in_place(fixture_roles: Path, runner: CliRunner) -> None:
    old = fixture_roles / "inside-sales-representative.yaml"
    old.write_text(JUNIOR.replace("reports_to: senior\n", ""))
    source = str(FIXTURES / "english.docx")
    refused = runner.invoke(main, ["import", source, "--roles-dir", "roles"])
    assert refused.exit_code == 1 and "inside-sales-representative.yaml: error" in refused.stderr
    result = runner.invoke(main, ["import", source, "--roles-dir", "roles", "--force"])
    assert result.exit_code == 0, result.output
    assert not (fixture_roles / "inside-sales-representative.yml").exists()
    assert "\nid: inside-sales-representative\n" in old.read_text()
    assert [str(d) for d in check_catalog(fixture_roles)[1] if d.severity is Severity.ERROR] == []


def test_a_text_longer_than_a_role_file_holds_is_cut(
    write_roles: WriteRoles, tmp_path: Path
) -> None:
    from docx import Document

    from generator.load import MAX_SCALAR_CHARS

    doc = Document()
    doc.add_heading("Purpose", level=1)
    doc.add_paragraph("word " * (MAX_SCALAR_CHARS // 4))
    doc.save(str(tmp_path / "long.docx"))
    root = write_roles()
    result = import_docx(tmp_path / "long.docx", load_catalog(root), today=TODAY)
    assert len(result.data["purpose"]["en"]) == MAX_SCALAR_CHARS
    assert any(line.startswith("a text was cut at 20,000 characters") for line in result.missing)
    (root / "long.yml").write_text(result.yaml)
    assert check_catalog(root)[0] is not None
