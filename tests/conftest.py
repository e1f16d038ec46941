"""Shared fixtures: a small valid catalog written to a temporary folder, and a CLI runner."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.catalog import Catalog
from generator.documents.registry import SitePaths, build_context
from generator.output.pdfstage import render_pdf as output_render_pdf
from generator.render.links import Links
from generator.render.printing import PdfSettings

REPO = Path(__file__).resolve().parent.parent
SHIPPED_ROLES = REPO / "roles"

LIBRARY = {
    "organisation.yml": """\
        name: {nl: Testorganisatie, en: Test organisation}
        languages: [nl, en]
        default_language: nl
        """,
    "scales.yml": """\
        scales:
          - id: standaard
            name: {nl: Standaard, en: Standard}
            levels:
              - {level: 1, name: {nl: Basis, en: Foundation}, description: {nl: b, en: f}}
              - {level: 2, name: {nl: Bekwaam, en: Proficient}, description: {nl: b, en: p}}
              - {level: 3, name: {nl: Expert, en: Expert}, description: {nl: e, en: e}}
        """,
    "competencies.yml": """\
        competencies:
          - id: onderhandelen
            name: {nl: Onderhandelen, en: Negotiation}
            type: skill
            category: {nl: Klantcontact, en: Client contact}
            scale: standaard
            description: {nl: Onderhandelt., en: Negotiates.}
            levels:
              1: {nl: een, en: one}
              2: {nl: twee, en: two}
              3: {nl: drie, en: three}
          - id: productkennis
            name: {nl: Productkennis, en: Product knowledge}
            type: knowledge
            category: {nl: Commercieel, en: Commercial}
            scale: standaard
            description: {nl: Kent het assortiment., en: Knows the range.}
            levels:
              1: {nl: een, en: one}
              2: {nl: twee, en: two}
              3: {nl: drie, en: three}
        """,
    "families.yml": """\
        families:
          - id: verkoop
            name: {nl: Verkoop, en: Sales}
            roles: [junior, senior]
        """,
    "training.yml": """\
        training:
          - id: crm
            title: {nl: CRM-training, en: CRM training}
            kind: course
            develops:
              - {competency: productkennis, level: 2}
        """,
    "onboarding.yml": """\
        phases:
          - {id: dag-1, name: {nl: Eerste dag, en: First day}, offset_days: 0}
          - {id: week-1, name: {nl: Eerste week, en: First week}, offset_days: 4}
        items:
          - {phase: dag-1, owner: hr, item: {nl: Welkom, en: Welcome}}
        """,
}

JUNIOR = textwrap.dedent("""\
    title: {nl: Verkoper, en: Salesperson}
    family: verkoop
    level: 1
    reports_to: senior
    meta: {version: "1.0.0", effective: 2026-12-01, owner: {nl: HR, en: HR}, status: published}
    summary: {nl: Verkoopt., en: Sells.}
    purpose: {nl: Omzet., en: Revenue.}
    duties:
      - group: {nl: Taken, en: Duties}
        items:
          - {nl: Bellen, en: Calling}
    competencies:
      - {id: onderhandelen, level: 1}
    training:
      - {ref: crm, when: {nl: Maand 1, en: Month 1}}
    onboarding:
      - {phase: week-1, owner: manager, item: {nl: Kennismaken, en: Meet the team}, due: 2}
    career:
      next: [senior]
    """)

SENIOR = textwrap.dedent("""\
    title: {nl: Senior verkoper, en: Senior salesperson}
    family: verkoop
    level: 2
    extends: junior
    reports_to: null
    summary: {nl: Verkoopt meer., en: Sells more.}
    duties:
      - group: {nl: Extra, en: Extra}
        items:
          - {nl: Coachen, en: Coaching}
    competencies:
      - {id: onderhandelen, level: 3}
      - {id: productkennis, level: 2}
    career:
      next: []
      note: {nl: Hoogste trede., en: Top rung.}
    """)

WriteRoles = Callable[..., Path]


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped project, with its git history, built as the README says (`rolebook build`):
    one build for every browser test of the session. A test that changes it puts it back."""
    from .test_site import make_project, rolebook

    project = make_project(tmp_path_factory.mktemp("project"), history=True)
    result = rolebook(project, "build")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return project


@pytest.fixture
def write_roles(tmp_path: Path) -> WriteRoles:
    """Write a valid small catalog; `files` overrides or adds files (None removes one)."""

    def write(files: dict[str, str | bytes | None] | None = None, *, base: bool = True) -> Path:
        root = tmp_path / "roles"
        (root / "library").mkdir(parents=True, exist_ok=True)
        content: dict[str, str | bytes | None] = {}
        if base:
            content.update({f"library/{k}": v for k, v in LIBRARY.items()})
            content.update({"junior.yml": JUNIOR, "senior.yml": SENIOR})
        content.update(files or {})
        for name, text in content.items():
            path = root / name
            if text is None:
                path.unlink(missing_ok=True)
            elif isinstance(text, bytes):
                path.write_bytes(text)
            else:
                path.write_text(textwrap.dedent(text), encoding="utf-8")
        return root

    return write


@pytest.fixture
def check_calls(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The roles folders that `load_for_rendering` checks in full (not read from its cache)."""
    from generator import checks, loadcache

    calls: list[Path] = []
    real = checks.check_catalog

    def counted(path: Path) -> object:
        calls.append(path)
        return real(path)

    monkeypatch.setattr(loadcache, "check_catalog", counted)
    return calls


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> CliRunner:
    monkeypatch.chdir(tmp_path)
    return CliRunner()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="Rewrite the golden files in tests/golden/ from the current output.",
    )


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """Compare text with tests/golden/NAME; with --update-goldens, write it instead."""
    update = bool(request.config.getoption("--update-goldens"))

    def compare(name: str, actual: str) -> None:
        path = Path(__file__).parent / "golden" / name
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
            return
        assert path.exists(), f"no golden file {name}: run pytest --update-goldens and review it"
        expected = path.read_text(encoding="utf-8")
        assert actual == expected, (
            f"{name} differs from its golden file (review, then --update-goldens)"
        )

    return compare


def site_links(from_url: str = "", lang: str = "nl") -> Links:
    """Links from a page of the site, with the registry's paths."""
    return Links(from_url=from_url, paths=SitePaths(lang))


def render_pdf(
    cat: Catalog,
    subject: object,
    lang: str,
    settings: PdfSettings | None = None,
    kind: str = "job",
) -> bytes:
    """The PDF of `kind` for a role, family (by object) in this process."""
    ctx = build_context(cat, lang, settings=settings or PdfSettings())
    return output_render_pdf(ctx, kind, subject.id)  # type: ignore[attr-defined]


def print_html(cat: Catalog, subject: object, lang: str, kind: str = "job") -> str:
    from generator.documents.kind import Document
    from generator.output.pdfstage import print_source

    document = Document(kind, (subject.id,), lang)  # type: ignore[attr-defined]
    return print_source(build_context(cat, lang), document).html
