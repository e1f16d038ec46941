"""Job-description PDFs: real WeasyPrint output, checked for text, metadata and safety."""

from __future__ import annotations

import io
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator.checks import load_catalog
from generator.errors import RenderError
from generator.output.cache import ASSETS
from generator.render.printing import PdfSettings

from .conftest import SHIPPED_ROLES, WriteRoles, render_pdf
from .test_render import ATTACKS, _hostile

pytestmark = pytest.mark.slow
Golden = Callable[[str, str], None]


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    pages = [page.extract_text() for page in reader.pages]
    return "\n".join(f"--- page {i} ---\n{text.strip()}" for i, text in enumerate(pages, 1)) + "\n"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_pdf_text_golden(write_roles: WriteRoles, golden: Golden, lang: str) -> None:
    cat = load_catalog(write_roles())
    golden(f"senior.{lang}.pdf.txt", pdf_text(render_pdf(cat, cat.roles["senior"], lang)))


def test_shipped_pdf_text_golden(golden: Golden) -> None:
    cat = load_catalog(SHIPPED_ROLES)
    data = render_pdf(cat, cat.roles["accountmanager"], "nl")
    golden("accountmanager.nl.pdf.txt", pdf_text(data))
    # pdftotext reads it too, and sees the parts of a Dutch functiebeschrijving
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    text = " ".join(text.split())  # labels in narrow columns wrap
    for label in [
        "Functiegroep",
        "Schaal",
        "Arbeidsduur",
        "Standplaats",
        "Rapporteert aan",
        "Geeft leiding aan",
        "Resultaatgebieden",
        "Bevoegdheden",
        "Contacten",
        "Functie-eisen",
        "Kerncompetenties",
        "Arbeidsomstandigheden",
        "Ondertekening",
    ]:
        assert label in text, label


def test_pdf_metadata_tagged_and_reproducible(write_roles: WriteRoles) -> None:
    cat = load_catalog(write_roles())
    role = cat.roles["senior"]
    first, second = render_pdf(cat, role, "en"), render_pdf(cat, role, "en")
    assert first == second, "same input must give the same bytes"
    reader = PdfReader(io.BytesIO(first))
    assert reader.metadata is not None
    assert reader.metadata.title == "Job description: Senior salesperson – Test organisation"
    assert reader.metadata.author == "Test organisation"
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert "pdfuaid" in root["/Metadata"].get_object().get_data().decode()
    assert str(reader.metadata["/CreationDate"]).startswith("D:20261201")
    page = reader.pages[0]
    fonts = {str(f["/BaseFont"]) for f in page["/Resources"]["/Font"].values()}
    assert fonts and all("+Inter" in name for name in fonts), fonts  # embedded subsets
    box = page.mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4


def test_dutch_pdf_uses_dutch_labels(write_roles: WriteRoles) -> None:
    cat = load_catalog(write_roles())
    text = pdf_text(render_pdf(cat, cat.roles["senior"], "nl"))
    assert "Pagina 1 van 1" in text and "Doel van de functie" in text
    assert "Page 1 of" not in text


@pytest.mark.parametrize("attack", ATTACKS, ids=list(ATTACKS))
def test_pdf_embeds_and_fetches_nothing_from_role_text(
    write_roles: WriteRoles, attack: str
) -> None:
    cat = load_catalog(write_roles({"junior.yml": _hostile(ATTACKS[attack])}))
    settings = PdfSettings()
    data = render_pdf(cat, cat.roles["junior"], "nl", settings)
    for marker in (b"/EmbeddedFile", b"/JavaScript", b"/Launch", b"/URI (file:", b"/JS"):
        assert marker not in data, marker
    assert settings.fetched, "the stylesheet and fonts are fetched through the sandbox"
    assert all(url.startswith(ASSETS.as_uri()) for url in settings.fetched), settings.fetched


def test_sandbox_refuses_files_outside_the_assets(tmp_path: Path) -> None:
    from generator.output.pdf import sandboxed_fetcher

    log: list[str] = []
    fetcher = sandboxed_fetcher([ASSETS], log)
    fetcher.fetch((ASSETS / "print.css").as_uri()).close()
    for url in [
        "file:///etc/passwd",
        (ASSETS / ".." / ".." / "pyproject.toml").as_uri(),
        "https://example.org/x.css",
        "data:text/css,body{}",
    ]:
        with pytest.raises(BaseException, match="refused"):
            fetcher.fetch(url)
    assert len(log) == 5


def test_logo_outside_is_a_clear_error(write_roles: WriteRoles, tmp_path: Path) -> None:
    cat = load_catalog(write_roles())
    missing = tmp_path / "nope.png"
    with pytest.raises(RenderError, match="job of 'senior' \\(nl\\): PDF failed"):
        render_pdf(cat, cat.roles["senior"], "nl", PdfSettings(logo=missing))


def test_pdf_command(write_roles: WriteRoles, runner: object) -> None:
    from click.testing import CliRunner

    from generator.cli import main

    assert isinstance(runner, CliRunner)
    write_roles()
    result = runner.invoke(main, ["pdf", "senior", "--lang", "en", "-o", "out/senior.pdf"])
    assert result.exit_code == 0, result.output
    assert result.output == "wrote out/senior.pdf\n"
    assert Path("out/senior.pdf").read_bytes().startswith(b"%PDF-")
    unknown = runner.invoke(main, ["pdf", "seniorr"])
    assert unknown.exit_code == 2 and "no role 'seniorr'; did you mean 'senior'?" in unknown.output
    assert runner.invoke(main, ["pdf", "senior", "--lang", "de"]).exit_code == 2


def test_accent_colour(write_roles: WriteRoles) -> None:
    cat = load_catalog(write_roles())
    role = cat.roles["senior"]
    red = render_pdf(cat, role, "nl", PdfSettings(accent="#aa0000"))
    assert red != render_pdf(cat, role, "nl")
    with pytest.raises(RenderError, match="accent colour 'red' is not #rrggbb"):
        render_pdf(cat, role, "nl", PdfSettings(accent="red"))


def test_weasyprint_warnings_are_reported_with_their_document() -> None:
    """A stylesheet WeasyPrint cannot follow is a diagnostic of the document, not console noise."""
    from generator.output.pdf import layout_pdf
    from generator.render.printing import PrintDocument

    html = (
        '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>x</title>'
        "<style>p { colour: red; }</style></head><body><p>Tekst</p></body></html>"
    )
    laid_out = layout_pdf(
        PrintDocument(html, "nl", "nl", b"0" * 32, False, "job of 'x' (nl)"), PdfSettings()
    )
    assert laid_out.pdf.startswith(b"%PDF-")
    assert any(w.startswith("job of 'x' (nl): ") and "colour" in w for w in laid_out.warnings), (
        laid_out.warnings
    )


def test_shipped_documents_render_without_weasyprint_warnings() -> None:
    from generator.documents.kind import Document
    from generator.documents.registry import build_context
    from generator.output.pdf import layout_pdf
    from generator.output.pdfstage import print_source

    cat = load_catalog(SHIPPED_ROLES)
    ctx = build_context(cat, "nl")
    for kind in ("job", "onboarding", "profile"):
        laid_out = layout_pdf(
            print_source(ctx, Document(kind, ("accountmanager",), "nl")), PdfSettings()
        )
        assert laid_out.warnings == [], laid_out.warnings
