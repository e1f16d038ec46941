"""Competency profiles, family matrices, the library overview, gaps and `rolebook assess`."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.checks import load_catalog
from generator.cli import main
from generator.competencies import family_matrix, gap, role_levels
from generator.render.markdown import family_page, library_page, profile_page

from .conftest import SHIPPED_ROLES, WriteRoles, render_pdf, site_links

Golden = Callable[[str, str], None]


def test_matrix_rows_and_rises(write_roles: WriteRoles) -> None:
    cat = load_catalog(write_roles())
    roles, rows = family_matrix(cat, cat.families["verkoop"])
    assert [r.id for r in roles] == ["junior", "senior"]
    assert [(r.competency.id, r.levels, r.rises) for r in rows] == [
        ("onderhandelen", [1, 3], [False, True]),
        ("productkennis", [None, 2], [False, True]),
    ]


def test_gap_statuses_and_total(write_roles: WriteRoles) -> None:
    cat = load_catalog(write_roles())
    result = gap(cat, {"onderhandelen": 2}, cat.roles["senior"])
    assert [
        (ln.competency.id, ln.required, ln.current, ln.status, ln.gap) for ln in result.lines
    ] == [("onderhandelen", 3, 2, "below", 1), ("productkennis", 2, None, "missing", 2)]
    assert result.total == 3
    assert gap(cat, role_levels(cat.roles["senior"]), cat.roles["junior"]).count("above") == 1


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_pages_golden(write_roles: WriteRoles, golden: Golden, lang: str) -> None:
    cat = load_catalog(write_roles())
    golden(
        f"verkoop.matrix.{lang}.md",
        family_page(cat, cat.families["verkoop"], lang, site_links("families/verkoop/")),
    )
    golden(
        f"senior.profile.{lang}.md",
        profile_page(cat, cat.roles["senior"], lang, site_links("competencies/senior/")),
    )
    golden(f"library.{lang}.md", library_page(cat, lang, site_links("competency-library/")))


def test_shipped_family_matrix_golden(golden: Golden) -> None:
    cat = load_catalog(SHIPPED_ROLES)
    page = family_page(
        cat, cat.families["accountmanagement"], "nl", site_links("families/accountmanagement/")
    )
    golden("accountmanagement.matrix.nl.md", page)


ANSWERS = """\
format: rolebook-assessment
version: 1
role: senior
name: Sam
date: "2027-02-01"
answers:
  onderhandelen: {level: 2, note: "groeit"}
"""


def test_assess_text_and_json(write_roles: WriteRoles, runner: CliRunner) -> None:
    write_roles()
    Path("answers.yml").write_text(ANSWERS, encoding="utf-8")
    text = runner.invoke(main, ["assess", "senior", "answers.yml", "--lang", "en"])
    assert text.exit_code == 0, text.output
    assert text.output.splitlines() == [
        "Self-assessment: Senior salesperson · Compared with Senior salesperson",
        "Negotiation        3  2  below level (+1)",
        "Product knowledge  2  -  not answered (+2)",
        "Total gap: 3 levels",
    ]
    out = runner.invoke(
        main, ["assess", "senior", "answers.yml", "--against", "junior", "--format", "json"]
    )
    report = json.loads(out.output)
    assert (report["against"], report["total_gap"], report["above"]) == ("junior", 0, 1)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("level: 2,", "level: 9,"),
            "answers.yml:7:26: error: level 9 is outside the scale of 'onderhandelen' (1 to 3)",
        ),
        (
            ("role: senior", "role: junior"),
            "answers.yml:3:7: error: this assessment is of role 'junior', not 'senior'",
        ),
        (
            ("onderhandelen:", "onderhandelenn:"),
            "answers.yml:7:3: error: unknown competency 'onderhandelenn'",
        ),
        (
            ("name: Sam", "nam: Sam"),
            "answers.yml:4:1: error: unknown field 'nam' (did you mean 'name'?)",
        ),
    ],
)
def test_assess_positioned_errors(
    write_roles: WriteRoles, runner: CliRunner, change: tuple[str, str], expected: str
) -> None:
    write_roles()
    Path("answers.yml").write_text(ANSWERS.replace(*change), encoding="utf-8")
    result = runner.invoke(main, ["assess", "senior", "answers.yml"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [expected]


@pytest.mark.slow
def test_assess_pdf_and_matrix_pdf(
    write_roles: WriteRoles, runner: CliRunner, golden: Golden
) -> None:
    from pypdf import PdfReader

    from .test_pdf import pdf_text

    write_roles()
    Path("answers.yml").write_text(ANSWERS, encoding="utf-8")
    result = runner.invoke(main, ["assess", "senior", "answers.yml", "--format", "pdf"])
    assert result.exit_code == 0, result.output
    text = pdf_text(Path("assessment-senior.pdf").read_bytes())
    assert "Sam" in text and "groeit" in text and "3 niveaus" in text
    cat = load_catalog(Path("roles"))
    matrix = render_pdf(cat, cat.families["verkoop"], "nl", kind="family")
    golden("verkoop.matrix.nl.pdf.txt", pdf_text(matrix))
    page = PdfReader(io.BytesIO(matrix)).pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)  # landscape
    golden(
        "senior.profile.en.pdf.txt",
        pdf_text(render_pdf(cat, cat.roles["senior"], "en", kind="profile")),
    )
