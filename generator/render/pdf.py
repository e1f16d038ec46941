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

from ..career import Plan
from ..catalog import Catalog
from ..errors import RenderError
from ..i18n import Translator
from ..model import Family, Role
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
    accent: str = "#1f4e79"
    """The accent colour (#rrggbb) of headings and rules."""
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


DOCUMENT_KINDS = ("job", "onboarding", "profile")
PLAN_KIND = "plan"
"""The PDFs made per role and language: job description, onboarding checklist, competency
profile. Per family and language there is one more: FAMILY_KIND, the competency matrix."""
FAMILY_KIND = "family"

Subject = Role | Family | Plan


def _created(cat: Catalog, subject: Subject) -> str:
    """The date a document carries: the role's effective date; for a family, its latest role's."""
    if isinstance(subject, Role):
        return subject.meta.effective.isoformat()
    if isinstance(subject, Plan):
        return subject.target.meta.effective.isoformat()
    dates = [r.meta.effective for r in cat.family_roles(subject.id)]
    return max(dates).isoformat() if dates else "2000-01-01"


def _accent_css(accent: str) -> str:
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", accent):
        raise RenderError(f"accent colour '{accent}' is not #rrggbb")
    # a user stylesheet: !important so that it wins over print.css's default
    return f":root {{ --accent: {accent} !important; }}"


def print_html(
    cat: Catalog, subject: Subject, lang: str, settings: PdfSettings, kind: str = "job"
) -> str:
    """The print HTML of a document (what WeasyPrint lays out)."""
    from ..competencies import family_matrix, profile
    from ..onboarding import checklist

    t = Translator(lang, cat.default_language)
    org = settings.organisation or (t.text(cat.organisation.name) if cat.organisation.name else "")
    common = {
        "cat": cat,
        "t": t,
        "links": Links(pdfs=False, publish_sources=False, pages=False),
        "org_name": org,
        "logo_url": settings.logo.resolve().as_uri() if settings.logo else None,
        "created": _created(cat, subject),
    }
    if isinstance(subject, Plan):
        template = environment().get_template("print/plan.html.j2")
        return template.render(plan=subject, **common)
    if isinstance(subject, Family):
        roles, rows = family_matrix(cat, subject)
        template = environment().get_template("print/family.html.j2")
        return template.render(family=subject, roles=roles, rows=rows, **common)
    extra: dict[str, object] = {}
    if kind == "onboarding":
        extra["checklist"] = checklist(cat, subject)
    elif kind == "profile":
        extra["groups"] = profile(cat, subject)
    if kind == "job":
        from .markdown import role_graph

        extra["graph"] = role_graph(cat, subject, lang, Links(pages=False))
    name = {"job": "role", "onboarding": "onboarding", "profile": "profile"}[kind]
    template = environment().get_template(f"print/{name}.html.j2")
    return template.render(role=subject, **common, **extra)


def subject_key(subject: Subject) -> str:
    """What identifies a document's subject, its version included."""
    if isinstance(subject, Plan):
        return (
            f"{subject.source.id}|{subject.source.meta.version}|{subject.target.id}|"
            f"{subject.target.meta.version}"
        )
    version = subject.meta.version if isinstance(subject, Role) else ""
    return f"{subject.id}|{version}"


def pdf_identifier(subject: Subject, lang: str, kind: str = "job") -> bytes:
    """A stable PDF /ID from the document kind, the subject, its version and the language."""
    seed = f"{kind}|{subject_key(subject)}|{lang}"
    return hashlib.sha256(seed.encode()).hexdigest()[:32].encode()


@dataclass(frozen=True)
class PrintDocument:
    """A document ready for layout: its print HTML and what its PDF carries besides. Small and
    picklable, so that a render process gets this instead of the whole catalog."""

    html: str
    lang: str
    default_language: str
    identifier: bytes
    forms: bool
    name: str


def print_document(
    cat: Catalog, role: Subject, lang: str, settings: PdfSettings, kind: str = "job"
) -> PrintDocument:
    """The print HTML of `kind` for a role (or a family, or a plan) and its PDF's metadata."""
    what = {Family: "family", Plan: "plan"}.get(type(role), "role")
    return PrintDocument(
        html=print_html(cat, role, lang, settings, kind),
        lang=lang,
        default_language=cat.default_language,
        identifier=pdf_identifier(role, lang, kind),
        forms=kind == "onboarding",
        name=f"{what} '{subject_key(role).split('|')[0]}' ({lang}, {kind})",
    )


def layout_pdf(document: PrintDocument, settings: PdfSettings) -> bytes:
    """The PDF of a print document."""
    return pdf_from_html(
        document.html,
        Translator(document.lang, document.default_language),
        settings,
        document.identifier,
        forms=document.forms,
        name=document.name,
    )


def render_pdf(
    cat: Catalog,
    role: Subject,
    lang: str,
    settings: PdfSettings | None = None,
    kind: str = "job",
) -> bytes:
    """The PDF of `kind` for a role (or a family, for the matrix) in `lang`."""
    settings = settings or PdfSettings()
    return layout_pdf(print_document(cat, role, lang, settings, kind), settings)


def pdf_from_html(
    html: str,
    t: Translator,
    settings: PdfSettings,
    identifier: bytes,
    *,
    forms: bool = False,
    name: str = "document",
) -> bytes:
    """Lay out print HTML with the sandboxed fetcher: a tagged PDF/UA-1 document."""
    from weasyprint import CSS, HTML

    allowed = [ASSETS] + ([settings.logo] if settings.logo else [])
    fetcher = sandboxed_fetcher(allowed, settings.fetched)
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    try:
        document = HTML(string=html, base_url=ASSETS.as_uri() + "/", url_fetcher=fetcher)
        pdf: bytes = document.write_pdf(
            stylesheets=[CSS(string=_page_counter_css(t) + _accent_css(settings.accent))],
            pdf_variant="pdf/ua-1",
            pdf_identifier=identifier,
            custom_metadata=True,
            pdf_forms=forms or None,
        )
    except BaseException as exc:  # WeasyPrint's fatal fetch error derives from BaseException
        if isinstance(exc, KeyboardInterrupt | SystemExit):
            raise
        raise RenderError(f"{name}: PDF failed: {exc}") from exc
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
