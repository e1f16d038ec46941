"""Job-description PDFs with WeasyPrint: tagged (PDF/UA-1), reproducible, and sandboxed so that
nothing outside the package's assets (and a configured logo) is ever read."""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlparse
from urllib.request import url2pathname

from ..catalog import Catalog
from ..errors import RenderError
from ..i18n import Translator
from ..model import Role
from .environment import environment
from .links import Links

ASSETS = Path(str(resources.files("generator") / "assets"))


class RefusedResource(Exception):
    """A document asked for a resource outside the allowed folders."""


def _fetcher_class() -> type:
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    class SandboxedFetcher(URLFetcher):  # type: ignore[misc]
        """Serves file: URLs inside the allowed folders only; everything else stops the render."""

        def __init__(self, allowed: list[Path], log: list[str]) -> None:
            super().__init__(allowed_protocols={"file"}, fail_on_errors=True)
            self.allowed = [p.resolve() for p in allowed]
            self.log = log

        def fetch(self, url: str, headers: object = None) -> object:
            self.log.append(url)
            parsed = urlparse(url)
            if parsed.scheme != "file":
                raise FatalURLFetchingError(f"refused {url[:80]}: only the project's assets")
            path = Path(url2pathname(parsed.path)).resolve()
            if not any(path == root or path.is_relative_to(root) for root in self.allowed):
                raise FatalURLFetchingError(f"refused {url[:80]}: outside the allowed folders")
            return super().fetch(url, headers)

    return SandboxedFetcher


def sandboxed_fetcher(allowed: list[Path], log: list[str]) -> Any:
    """A WeasyPrint URL fetcher that serves files inside `allowed` only, logging every URL."""
    return _fetcher_class()(allowed, log)


@dataclass
class PdfSettings:
    """What a PDF render may use, beyond the role."""

    organisation: str = ""
    logo: Path | None = None
    fetched: list[str] = field(default_factory=list)
    """Every URL the renderer asked for (for tests and the security log)."""


def _page_counter_css(t: Translator) -> str:
    label = t.label("page_of", page="\0page\0", pages="\0pages\0")
    parts = []
    for piece in re.split(r"(\0page\0|\0pages\0)", label):
        if piece == "\0page\0":
            parts.append("counter(page)")
        elif piece == "\0pages\0":
            parts.append("counter(pages)")
        elif piece:
            parts.append('"' + piece.replace("\\", "\\\\").replace('"', '\\"') + '"')
    return "@page { @bottom-right { content: " + " ".join(parts) + "; } }"


DOCUMENT_KINDS = ("job", "onboarding")
"""The PDFs made per role and language: the job description and the onboarding checklist."""


def print_html(
    cat: Catalog, role: Role, lang: str, settings: PdfSettings, kind: str = "job"
) -> str:
    """The print HTML of a document (what WeasyPrint lays out)."""
    t = Translator(lang, cat.default_language)
    org = settings.organisation or (t.text(cat.organisation.name) if cat.organisation.name else "")
    logo_url = settings.logo.resolve().as_uri() if settings.logo else None
    links = Links(pdfs=False, publish_sources=False, pages=False)
    if kind == "onboarding":
        from ..onboarding import checklist

        template = environment().get_template("print/onboarding.html.j2")
        return template.render(
            cat=cat,
            role=role,
            t=t,
            links=links,
            org_name=org,
            logo_url=logo_url,
            checklist=checklist(cat, role),
        )
    template = environment().get_template("print/role.html.j2")
    return template.render(cat=cat, role=role, t=t, links=links, org_name=org, logo_url=logo_url)


def pdf_identifier(role: Role, lang: str, kind: str = "job") -> bytes:
    """A stable PDF /ID from the document kind, the role, its version and the language."""
    seed = f"{kind}|{role.id}|{role.meta.version}|{lang}"
    return hashlib.sha256(seed.encode()).hexdigest()[:32].encode()


def render_pdf(
    cat: Catalog, role: Role, lang: str, settings: PdfSettings | None = None, kind: str = "job"
) -> bytes:
    """The PDF of `kind` (job description or onboarding checklist) for `role` in `lang`."""
    from weasyprint import CSS, HTML

    settings = settings or PdfSettings()
    allowed = [ASSETS] + ([settings.logo] if settings.logo else [])
    fetcher = sandboxed_fetcher(allowed, settings.fetched)
    html = print_html(cat, role, lang, settings, kind)
    t = Translator(lang, cat.default_language)
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    try:
        document = HTML(string=html, base_url=ASSETS.as_uri() + "/", url_fetcher=fetcher)
        pdf: bytes = document.write_pdf(
            stylesheets=[CSS(string=_page_counter_css(t))],
            pdf_variant="pdf/ua-1",
            pdf_identifier=pdf_identifier(role, lang, kind),
            custom_metadata=True,
            pdf_forms=kind == "onboarding",
        )
    except BaseException as exc:  # WeasyPrint's fatal fetch error derives from BaseException
        if isinstance(exc, KeyboardInterrupt | SystemExit):
            raise
        raise RenderError(f"role '{role.id}' ({lang}, {kind}): PDF failed: {exc}") from exc
    return pdf


def write_pdf(
    cat: Catalog,
    role: Role,
    lang: str,
    target: Path,
    settings: PdfSettings | None = None,
    kind: str = "job",
) -> Path:
    """Render and write a PDF (via a temporary file, so a failed render leaves no half file)."""
    data = render_pdf(cat, role, lang, settings, kind)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    partial.write_bytes(data)
    partial.replace(target)
    return target
