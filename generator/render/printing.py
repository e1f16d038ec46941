"""What every print document shares: the settings a PDF may use, the context its template gets,
and the print document handed to the layout stage (small and picklable: a render process gets
this, never the catalog)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..catalog import Catalog
from ..i18n import Translator
from .environment import environment
from .links import Links


@dataclass
class PdfSettings:
    """What a PDF render may use, beyond the role."""

    organisation: str = ""
    logo: Path | None = None
    accent: str = "#1f4e79"
    """The accent colour (#rrggbb) of headings and rules."""
    fetched: list[str] = field(default_factory=list)
    """Every URL the renderer asked for (for tests and the security log)."""


@dataclass(frozen=True)
class PrintDocument:
    """A document ready for layout: its print HTML and what its PDF carries besides."""

    html: str
    lang: str
    default_language: str
    identifier: bytes
    forms: bool
    name: str


def pdf_identifier(seed: str) -> bytes:
    """A stable PDF /ID from what identifies the document (kind, subject, version, language)."""
    return hashlib.sha256(seed.encode()).hexdigest()[:32].encode()


PRINT_LINKS = Links(pdfs=False, pages=False)
"""Links on paper: none to site pages, PDFs or sources."""


def print_html(
    template: str, cat: Catalog, t: Translator, settings: PdfSettings, created: str, **data: Any
) -> str:
    """A print template rendered with what every print document shows: the organisation, the
    logo, the date."""
    org = settings.organisation or (t.text(cat.organisation.name) if cat.organisation.name else "")
    return (
        environment()
        .get_template(template)
        .render(
            cat=cat,
            t=t,
            links=PRINT_LINKS,
            org_name=org,
            logo_url=settings.logo.resolve().as_uri() if settings.logo else None,
            created=created,
            **data,
        )
    )
