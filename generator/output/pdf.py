"""PDF layout with WeasyPrint: tagged (PDF/UA-1), reproducible, and sandboxed so that nothing
outside the package's assets (and a configured logo) is ever read. WeasyPrint's own warnings (a
missing font, an unsupported CSS property, a refused URL) are kept with the document they belong
to, for the build to report."""

from __future__ import annotations

import atexit
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse
from urllib.request import url2pathname

from ..errors import RenderError
from ..i18n import Translator
from ..render.printing import PdfSettings, PrintDocument
from .cache import ASSETS


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


def page_counter_css(t: Translator) -> str:
    """The "page x of y" footer in the document's language."""
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


def accent_css(accent: str) -> str:
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", accent):
        raise RenderError(f"accent colour '{accent}' is not #rrggbb")
    # a user stylesheet: !important so that it wins over print.css's default
    return f":root {{ --accent: {accent} !important; }}"


@dataclass(frozen=True)
class LaidOut:
    """A PDF and what WeasyPrint warned about while making it."""

    pdf: bytes
    warnings: list[str]


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage().strip()
        if message not in self.messages:
            self.messages.append(message)


@contextmanager
def _weasyprint_warnings() -> Iterator[list[str]]:
    """WeasyPrint's warnings while the block runs, instead of on the console."""
    logger = logging.getLogger("weasyprint")
    handler = _Collect()
    old = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old[0])
        logger.propagate = old[1]


PRINT_CSS_LINK = '<link rel="stylesheet" href="print.css">'
"""How every print template links the print stylesheet."""
_SHEET: dict[tuple[int, int], tuple[Any, Any, list[str]]] = {}
# WeasyPrint's font configuration frees its fonts in __del__, which fails once the interpreter
# has torn its modules down: let go of it while they are still there.
atexit.register(_SHEET.clear)


def _print_stylesheet(log: list[str]) -> tuple[Any, Any]:
    """The print stylesheet parsed once per process, with its fonts loaded once into one font
    configuration that every document of the process shares (parsing it and loading the four
    font files for each document cost about a tenth of a job description's render). Read again
    when the file changes (`rolebook serve`)."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    path = ASSETS / "print.css"
    stat = path.stat()
    key = (stat.st_mtime_ns, stat.st_size)
    if key not in _SHEET:
        _SHEET.clear()
        fonts, read = FontConfiguration(), [path.as_uri()]
        fetcher = sandboxed_fetcher([ASSETS], read)
        sheet = CSS(filename=str(path), url_fetcher=fetcher, font_config=fonts)
        _SHEET[key] = (fonts, sheet, read)
    fonts, sheet, read = _SHEET[key]
    log.extend(read)  # what this document uses, though read once for the process
    return fonts, sheet


def pdf_from_html(
    html: str,
    t: Translator,
    settings: PdfSettings,
    identifier: bytes,
    *,
    forms: bool = False,
    name: str = "document",
) -> LaidOut:
    """Lay out print HTML with the sandboxed fetcher: a tagged PDF/UA-1 document."""
    from weasyprint import CSS, HTML

    allowed = [ASSETS] + ([settings.logo] if settings.logo else [])
    fetcher = sandboxed_fetcher(allowed, settings.fetched)
    with _weasyprint_warnings() as warnings:
        try:
            fonts, sheet = _print_stylesheet(settings.fetched)
            if sheet is not None:
                html = html.replace(PRINT_CSS_LINK, "", 1)
            document = HTML(string=html, base_url=ASSETS.as_uri() + "/", url_fetcher=fetcher)
            extra = CSS(string=page_counter_css(t) + accent_css(settings.accent), font_config=fonts)
            pdf: bytes = document.write_pdf(
                stylesheets=[s for s in (sheet, extra) if s is not None],
                font_config=fonts,
                pdf_variant="pdf/ua-1",
                pdf_identifier=identifier,
                custom_metadata=True,
                pdf_forms=forms or None,
            )
        except BaseException as exc:  # WeasyPrint's fatal fetch error derives from BaseException
            if isinstance(exc, KeyboardInterrupt | SystemExit):
                raise
            raise RenderError(f"{name}: PDF failed: {exc}") from exc
    return LaidOut(pdf, [f"{name}: {message}" for message in warnings])


def layout_pdf(document: PrintDocument, settings: PdfSettings) -> LaidOut:
    """The PDF of a print document."""
    return pdf_from_html(
        document.html,
        Translator(document.lang, document.default_language),
        settings,
        document.identifier,
        forms=document.forms,
        name=document.name,
    )
