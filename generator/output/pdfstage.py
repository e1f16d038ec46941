"""Make the PDFs of a build: skip those whose inputs did not change (the content-addressed cache),
render the rest in the build's process pool.

The parent makes each document's print HTML (it needs it for the cache key anyway) and sends a
render process only that HTML: never the catalog, and the HTML is never made twice. Jobs stream
to the pool as their keys are known, so the processes render while the parent is still making
HTML, and only a few jobs wait in memory at a time."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import dataclass, field
from pathlib import Path

from ..documents.kind import Context, Document
from ..documents.registry import kind
from ..errors import RenderError
from ..i18n import Translator
from ..render.printing import PdfSettings, PrintDocument
from .cache import ContentCache, digest, files_digest
from .pdf import accent_css, layout_pdf, page_counter_css
from .pool import WorkerPool, cores

JOBS_PER_WORKER = 3
"""Jobs in flight per process: enough that none waits for the parent, few enough that the print
HTML of a large catalog is never all in memory at once."""


@dataclass(frozen=True)
class PdfJob:
    """One PDF to render: what a render process needs, and no more."""

    document: Document
    target: Path
    source: PrintDocument


@dataclass
class PdfReport:
    """What a PDF stage did."""

    paths: dict[Document, Path] = field(default_factory=dict)
    rendered: list[Document] = field(default_factory=list)
    reused: list[Document] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    """WeasyPrint's warnings, each with the document it is about."""


def _settings_digest(settings: PdfSettings) -> str:
    """What the settings add to every key (the logo is read once per stage, not per PDF)."""
    logo = settings.logo.read_bytes() if settings.logo else b""
    return digest(settings.accent, accent_css(settings.accent), logo)


def document_key(source: PrintDocument, document: Document, settings_digest: str) -> str:
    """The cache key of a PDF: everything its bytes depend on (the print CSS, fonts, templates
    and labels on disk among them)."""
    t = Translator(source.lang, source.default_language)
    return digest(
        files_digest(),
        document.kind,
        source.identifier,
        source.lang,
        source.html,
        settings_digest,
        page_counter_css(t),
    )


def _render_job(job: PdfJob, settings: PdfSettings) -> tuple[list[str], list[str]]:
    """Render and store one PDF; returns the URLs the render fetched and WeasyPrint's warnings."""
    fetched: list[str] = []
    own = PdfSettings(settings.organisation, settings.logo, settings.accent, fetched)
    laid_out = layout_pdf(job.source, own)
    ContentCache.store(job.target, laid_out.pdf)
    return fetched, laid_out.warnings


WARM_HTML = (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>warm</title>'
    '<link rel="stylesheet" href="print.css"></head><body><h1>Rolebook</h1>'
    "<p>Regular <em>italic</em> <strong>bold</strong></p></body></html>"
)


def _warm() -> None:
    """Pool initializer: import WeasyPrint and load the fonts once per process, with a tiny
    render, so the first real document does not pay for them."""
    with contextlib.suppress(RenderError):  # a broken renderer shows on the real documents
        layout_pdf(PrintDocument(WARM_HTML, "en", "en", b"0" * 32, False, "warm-up"), PdfSettings())


def pdf_pool(workers: int | None = None) -> WorkerPool:
    """The render processes of a build, each warmed up before its first document."""
    return WorkerPool(workers or cores(), initializer=_warm)


def print_source(ctx: Context, document: Document) -> PrintDocument:
    """The print document of one planned document."""
    of = kind(document.kind)
    return of.print_document(ctx, document.ids, of.subject(ctx, document.ids))


def render_pdf(ctx: Context, kind_id: str, *ids: str) -> bytes:
    """One PDF, made in this process, e.g. render_pdf(ctx, "onboarding", role.id)."""
    return layout_pdf(print_source(ctx, Document(kind_id, ids, ctx.lang)), ctx.settings).pdf


def render_pdfs(
    ctx: Context,
    documents: Iterable[Document],
    cache_dir: Path,
    *,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    pool: WorkerPool | None = None,
    render_missing: bool = True,
) -> PdfReport:
    """Make sure a PDF exists in the cache for each document; render what is missing (or, with
    `render_missing` off, as in a build merged from shards, report it as an error).

    With `pool`, its processes render (and stay up for the caller); otherwise a pool of
    `workers` processes (default: one per core) is started for the missing PDFs, or they are
    rendered in this process when there is one worker."""
    settings = ctx.settings
    cache = ContentCache(cache_dir / "pdf")
    report = PdfReport()
    settings_digest = _settings_digest(settings)
    workers = pool.workers if pool else (workers or cores())
    own_pool = pool is None and workers > 1
    if own_pool:
        pool = pdf_pool(workers)
    failures: list[str] = []
    pending: dict[Future[tuple[list[str], list[str]]], PdfJob] = {}
    total = done = 0

    def finish(job: PdfJob, outcome: Callable[[], tuple[list[str], list[str]]]) -> None:
        nonlocal done
        try:
            fetched, warnings = outcome()
            settings.fetched.extend(fetched)
            report.warnings.extend(warnings)
        except RenderError as exc:
            failures.append(str(exc))
        except Exception as exc:  # a worker died: name the document
            failures.append(f"{job.source.name}: PDF failed: {exc!r}")
        done += 1
        if progress is not None:
            progress(done, total)

    def collect() -> None:
        finished, _ = wait(list(pending), return_when=FIRST_COMPLETED)
        for future in finished:
            finish(pending.pop(future), future.result)

    try:
        for document in documents:
            source = print_source(ctx, document)
            target = cache.entry(document_key(source, document, settings_digest), "pdf")
            report.paths[document] = target
            if cache.valid(target):
                report.reused.append(document)
                continue
            cache.drop(target)  # corrupt or partial: never trusted
            if not render_missing:
                failures.append(f"{source.name}: PDF not in the cache (missing from the shards)")
                continue
            job = PdfJob(document, target, source)
            report.rendered.append(document)
            total += 1
            if pool is None:
                finish(job, lambda job=job: _render_job(job, settings))  # type: ignore[misc]
                continue
            try:
                pending[pool.submit(_render_job, job, settings)] = job
            except Exception as exc:  # the pool broke: a process died
                failures.append(f"{job.source.name}: PDF failed: {exc!r}")
            while len(pending) >= pool.workers * JOBS_PER_WORKER:
                collect()
        while pending:
            collect()
    finally:
        if own_pool and pool is not None:
            pool.close()
    if failures:
        raise RenderError("\n".join(failures))
    return report
