"""`rolebook check`: exact, positioned diagnostics for each class of problem."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main

from .conftest import JUNIOR, WriteRoles


def check(runner: CliRunner, *args: str) -> tuple[int, list[str]]:
    result = runner.invoke(main, ["check", "--roles-dir", "roles", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = result.stderr.splitlines() if not args else result.output.splitlines()
    return result.exit_code, lines


def test_valid_catalog_passes(write_roles: WriteRoles, runner: CliRunner) -> None:
    write_roles()
    code, lines = check(runner)
    assert lines == ["8 files checked: 0 errors, 0 warnings"]
    assert code == 0


def replace(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new)


CASES = [
    pytest.param(
        {"junior.yml": "title: [\n"},
        [
            "roles/junior.yml:2:1: error: invalid YAML: expected the node content, but found "
            "'<stream end>' (while parsing a flow node at line 2)"
        ],
        id="syntax",
    ),
    pytest.param(
        {"junior.yml": "title: x\nfamily:\n\t- verkoop\n"},
        ["roles/junior.yml:3:1: error: invalid YAML: tab character; indent with spaces"],
        id="tab",
    ),
    pytest.param(
        {"junior.yml": "family: verkoop\n  level: 1\n"},
        ["roles/junior.yml:2:8: error: invalid YAML: mapping values are not allowed here"],
        id="bad-indentation",
    ),
    pytest.param(
        {"junior.yml": ""},
        ["roles/junior.yml:1:1: error: file is empty; expected a mapping of fields"],
        id="empty",
    ),
    pytest.param(
        {"junior.yml": "- a\n- b\n"},
        ["roles/junior.yml:1:1: error: expected a mapping of role fields at the top of the file"],
        id="top-level-list",
    ),
    pytest.param(
        {"junior.yml": replace(JUNIOR, "level: 1\n", "level: 1\nlevel: 2\n")},
        ["roles/junior.yml:4:1: error: duplicate key 'level' (first defined at line 3)"],
        id="duplicate-key",
    ),
    pytest.param(
        {"junior.yml": replace(JUNIOR, "duties:", "dutties:")},
        ["roles/junior.yml:8:1: error: unknown field 'dutties' (did you mean 'duties'?)"],
        id="misspelt-field",
    ),
    pytest.param(
        {"junior.yml": replace(JUNIOR, "level: 1\n", "level: een\n")},
        ["roles/junior.yml:3:8: error: expected a whole number, got 'een'"],
        id="wrong-type",
    ),
    pytest.param(
        {"junior.yml": replace(JUNIOR, "summary: {nl: Verkoopt., en: Sells.}\n", "")},
        ["roles/junior.yml:1:1: error: missing required field 'summary'"],
        id="missing-field",
    ),
    pytest.param(
        {"junior.yml": "id: ../etc\n" + JUNIOR},
        [
            "roles/junior.yml:1:5: error: invalid role id '../etc': use lowercase letters a-z, digits "
            "and single hyphens between them (no '--', no hyphen at either end), at most 64 "
            "characters"
        ],
        id="path-like-id",
    ),
    pytest.param(
        # '--' joins the two roles of a career step in its address: refused, not a crash later
        {"junior.yml": "id: jun--ior\n" + JUNIOR.replace("id: junior\n", "")},
        [
            "roles/junior.yml:1:5: error: invalid role id 'jun--ior': use lowercase letters a-z, "
            "digits and single hyphens between them (no '--', no hyphen at either end), at most 64 "
            "characters"
        ],
        id="double-hyphen-id",
    ),
    pytest.param(
        {"Junior Sales.yml": JUNIOR},
        [
            "roles/Junior Sales.yml:1:1: error: invalid role id 'Junior Sales': use lowercase letters "
            "a-z, digits and single hyphens between them (no '--', no hyphen at either end), at most "
            "64 characters (the id comes from the file name; rename the file or add an 'id' field)"
        ],
        id="bad-file-name",
    ),
    pytest.param(
        {"junior.yaml": JUNIOR},
        [
            "roles/junior.yml:1:1: error: duplicate role id 'junior' (also defined in "
            "roles/junior.yaml)"
        ],
        id="duplicate-id",
    ),
    pytest.param(
        {"junior.yml": replace(JUNIOR, "id: onderhandelen", "id: onderhandelenn")},
        [
            "roles/junior.yml:13:10: error: unknown competency 'onderhandelenn' (did you mean "
            "'onderhandelen'?)"
        ],
        id="unknown-competency",
    ),
    pytest.param(
        {"junior.yml": replace(JUNIOR, "family: verkoop", "family: inkoop")},
        ["roles/junior.yml:2:9: error: unknown family 'inkoop' (did you mean 'verkoop'?)"],
        id="unknown-family",
    ),
    pytest.param(
        {"junior.yml": replace(JUNIOR, "next: [senior]", "next: [seniorr]")},
        ["roles/junior.yml:19:10: error: unknown role 'seniorr' (did you mean 'senior'?)"],
        id="unknown-role",
    ),
    pytest.param(
        {"junior.yml": replace(JUNIOR, "level: 1}", "level: 4}")},
        ["roles/junior.yml:13:32: error: level 4 is outside the scale of 'onderhandelen' (1 to 3)"],
        id="level-out-of-scale",
    ),
    pytest.param(
        {"junior.yml": "extends: senior\n" + JUNIOR},
        ["roles/senior.yml:4:10: error: 'extends' makes a cycle: junior -> senior -> junior"],
        id="extends-cycle",
    ),
    pytest.param(
        {"junior.yml": b"title: caf\xe9\n"},
        ["roles/junior.yml:1:11: error: file is not valid UTF-8 (byte 0xe9); save it as UTF-8"],
        id="not-utf8",
    ),
    pytest.param(
        {"junior.yml": "title: !!python/object/apply:os.system [echo hi]\n"},
        [
            "roles/junior.yml:1:8: error: YAML tags are not allowed (found "
            "'!!python/object/apply:os.system'); role files hold plain text, numbers, lists and "
            "mappings only"
        ],
        id="object-tag",
    ),
    pytest.param(
        {"junior.yml": "a: &a [x, x]\nb: [*a, *a]\n"},
        [
            "roles/junior.yml:1:4: error: anchors are not allowed (found '&a'); write the value out "
            "in full"
        ],
        id="alias",
    ),
    pytest.param(
        {"junior.yml": replace(JUNIOR, "{nl: Bellen, en: Calling}", "{nl: Bellen}")},
        [
            "roles/junior.yml:11:9: warning: no 'en' text for duties[0].items[0]; 'nl' is shown "
            "instead"
        ],
        id="missing-translation",
    ),
    pytest.param(
        {"junior.yml": replace(JUNIOR, "{nl: Bellen, en: Calling}", "{nl: Bellen, de: Anrufen}")},
        ["roles/junior.yml:11:9: error: unknown language 'de' (configured: nl, en)"],
        id="unknown-language",
    ),
    pytest.param(
        {"junior.yml": replace(JUNIOR, "due: 2}", "due: 2, link: 'javascript:alert(1)'}")},
        [
            "roles/junior.yml:17:95: error: invalid link 'javascript:alert(1)': expected "
            "training:ID, competencies, or a page of the site such as knowledge/work-cycle.md"
        ],
        id="bad-link",
    ),
    pytest.param(
        {"junior.yml": JUNIOR + "notes:\n  - {nl: Losse tekst, en: Loose text}\n  - Tweede\n"},
        [
            "roles/junior.yml:20:1: warning: 2 imported texts in 'notes' not yet placed (move "
            "each to its field, then delete it)",
            "roles/junior.yml:22:5: warning: no 'en' text for notes[1]; 'nl' is shown instead",
        ],
        id="imported-notes",
    ),
    pytest.param(
        {"junior.yml": replace(JUNIOR, "status: published", "status: final")},
        ["roles/junior.yml:5:82: error: expected one of: 'draft' or 'published', but got 'final'"],
        id="bad-status",
    ),
    pytest.param(
        {"junior.yml": replace(JUNIOR, "effective: 2026-12-01", "effective: 1-12-2026")},
        ["roles/junior.yml:5:37: error: expected a date like 2026-12-01, got '1-12-2026'"],
        id="bad-date",
    ),
]


@pytest.mark.parametrize(("files", "expected"), CASES)
def test_diagnostics(
    write_roles: WriteRoles, runner: CliRunner, files: dict[str, str], expected: list[str]
) -> None:
    write_roles(files)
    code, lines = check(runner)
    problems = lines[:-1]
    assert problems == expected
    assert code == (1 if any(": error: " in e for e in expected) else 0)


def test_json_format(write_roles: WriteRoles, runner: CliRunner) -> None:
    write_roles({"junior.yml": replace(JUNIOR, "duties:", "dutties:")})
    result = runner.invoke(main, ["check", "--roles-dir", "roles", "--format", "json"])
    assert result.exit_code == 1
    assert json.loads(result.stdout) == [
        {
            "path": "roles/junior.yml",
            "line": 8,
            "col": 1,
            "severity": "error",
            "message": "unknown field 'dutties'",
            "hint": "did you mean 'duties'?",
        }
    ]


def test_missing_folder_is_an_error(runner: CliRunner) -> None:
    result = runner.invoke(main, ["check", "--roles-dir", "nowhere"])
    assert result.exit_code == 1
    assert "nowhere:1:1: error: roles folder not found" in result.stderr


def test_usage_error_exits_2(runner: CliRunner) -> None:
    assert runner.invoke(main, ["check", "--format", "xml"]).exit_code == 2


def test_positional_roles_dir_still_works_with_a_deprecation_warning(
    write_roles: WriteRoles, runner: CliRunner
) -> None:
    write_roles()
    result = runner.invoke(main, ["check", "roles"])
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0] == (
        "warning: the positional ROLES_DIR is deprecated; use --roles-dir roles"
    )


def test_a_role_file_written_before_result_areas_and_grades_still_validates(
    tmp_path: Path,
) -> None:
    """tests/fixtures/legacy/accountmanager.yml is the shipped role as it was before the formal
    job-description fields (duties, kpis, no grade): it loads with today's library."""
    import shutil

    from generator.checks import check_catalog

    from .conftest import REPO

    roles = tmp_path / "roles"
    shutil.copytree(REPO / "roles" / "library", roles / "library")
    shutil.copy(REPO / "tests" / "fixtures" / "legacy" / "accountmanager.yml", roles)
    cat, diagnostics, _ = check_catalog(roles)
    errors = [
        str(d)
        for d in diagnostics
        if d.severity.name == "ERROR" and "unknown role" not in d.message
    ]
    assert errors == []
    assert cat is None or cat.roles["accountmanager"].duties


GRADED = """\
grade: {system: fuwa, group: "6", scale: "8"}
department: {nl: Verkoop, en: Sales}
location: {place: Utrecht, work_mode: hybrid}
hours: {min: 32, max: 40}
manages: [{role: junior, count: 4}]
result_areas:
  - id: omzet
    name: {nl: Omzet, en: Revenue}
    result: {nl: Omzet gehaald., en: Revenue met.}
    activities: [{nl: Verkopen, en: Selling}]
    kpis: [{name: {nl: Omzet, en: Revenue}, measure: {nl: Per kwartaal, en: Per quarter}}]
mandates:
  - {decides: {nl: Korting, en: Discount}, limit: {nl: tot 10 %, en: up to 10%}, approval_by: junior}
contacts:
  internal: [{with: {nl: Financiën, en: Finance}, about: {nl: Facturen, en: Invoices}}]
conditions: {travel: {nl: Veel onderweg, en: Travels often}}
"""
ORGANISATION_WITH_GRADES = """\
name: {nl: Test B.V., en: Test Ltd}
languages: [nl, en]
default_language: nl
grade_systems:
  - id: fuwa
    name: {nl: Functiewaardering, en: Job evaluation}
    groups: [{id: "5"}, {id: "6"}, {id: "7"}]
salary_scales:
  - {id: "8", minimum: 3000, maximum: 4200, period: month, source: {nl: cao, en: CLA}}
"""


def test_grade_and_the_formal_fields_validate_and_are_checked(
    write_roles: WriteRoles, runner: CliRunner
) -> None:
    from .conftest import SENIOR

    write_roles(
        {"library/organisation.yml": ORGANISATION_WITH_GRADES, "senior.yml": SENIOR + GRADED}
    )
    code, lines = check(runner)
    assert code == 0, lines
    bad = GRADED.replace('group: "6"', 'group: "9"').replace("role: junior", "role: nobody")
    bad = bad.replace('scale: "8"', 'scale: "80"')
    write_roles({"library/organisation.yml": ORGANISATION_WITH_GRADES, "senior.yml": SENIOR + bad})
    code, lines = check(runner)
    assert code == 1
    assert [line for line in lines if ": error:" in line] == [
        "roles/senior.yml:17:30: error: no group '9' in 'fuwa' (5, 6, 7)",
        "roles/senior.yml:17:42: error: unknown salary scale '80' (did you mean '8'?)",
        "roles/senior.yml:21:18: error: unknown role 'nobody'",
    ]


def test_a_missing_competency_library_is_one_error_naming_the_file(
    write_roles: WriteRoles, runner: CliRunner
) -> None:
    write_roles({"library/competencies.yml": None})
    code, lines = check(runner)
    assert code == 1
    assert [line for line in lines if ": error:" in line] == [
        "roles/library/competencies.yml:1:1: error: file not found; the roles require 2 competencies "
        "from it (restore it, or remove the roles' competencies)"
    ]


def test_a_role_file_in_a_subfolder_is_named_not_ignored(
    write_roles: WriteRoles, runner: CliRunner
) -> None:
    from .conftest import JUNIOR

    root = write_roles()
    (root / "sales").mkdir()
    (root / "sales" / "trainee.yml").write_text(JUNIOR, encoding="utf-8")
    code, lines = check(runner)
    assert code == 0
    assert lines[0] == (
        "roles/sales/trainee.yml:1:1: warning: role files in subfolders are not read "
        "(move it to roles/)"
    )


def test_an_image_in_role_text_is_a_warning(write_roles: WriteRoles, runner: CliRunner) -> None:
    """The site keeps text and links only: an image would vanish without a word (issue 23,
    point 21)."""
    write_roles({"junior.yml": replace(JUNIOR, "{nl: Bellen,", "{nl: 'Bellen ![x](y.png)',")})
    code, lines = check(runner)
    assert code == 0
    assert lines == [
        "roles/junior.yml:11:14: warning: image 'y.png' in duties[0].items[0] (nl) is not shown: "
        "role text keeps text and links only (link to the image instead)",
        "8 files checked: 0 errors, 1 warning",
    ]
