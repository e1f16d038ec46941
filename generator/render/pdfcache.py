"""Render many PDFs: skip those whose inputs did not change (content-addressed cache), render the
rest in a process pool. The cache lives outside the site, is safe to delete, and a corrupt entry
is never used.

The parent makes each document's print HTML (it needs it for the cache key anyway) and sends a
render process only that HTML: never the catalog, and the HTML is never made twice. Jobs stream
to the pool as their keys are known, so the processes start rendering while the parent is still
making HTML, and only a few jobs wait in memory at a time."""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path
from types import TracebackType

from .. import __version__
from ..career import development_plan
from ..catalog import Catalog
from ..errors import RenderError
from ..i18n import Translator
from .pdf import (
    ASSETS,
    FAMILY_KIND,
    PLAN_KIND,
    PdfSettings,
    PrintDocument,
    Subject,
    _page_counter_css,
    layout_pdf,
    print_document,
    subject_key,
)

JOBS_PER_WORKER = 3
"""Jobs in flight per process: enough that none waits for the parent, few enough that the print
HTML of a large catalog is never all in memory at once."""


@cache
def _assets_digest() -> str:
    """A digest of every asset a PDF may use (stylesheet, fonts) and of the renderer."""
    import weasyprint

    digest = hashlib.sha256(f"rolebook {__version__} weasyprint {weasyprint.__version__}".encode())
    for path in sorted(ASSETS.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(ASSETS).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def subject_of(cat: Catalog, kind: str, subject_id: str) -> Subject:
    if kind == FAMILY_KIND:
        return cat.families[subject_id]
    if kind == PLAN_KIND:
        source, _, target = subject_id.partition("--")
        return development_plan(cat, cat.roles[source], cat.roles[target])
    return cat.roles[subject_id]


def _settings_digest(settings: PdfSettings) -> bytes:
    """What the settings add to every key (the logo is read once per stage, not per PDF)."""
    digest = hashlib.sha256(settings.accent.encode())
    if settings.logo:
        digest.update(settings.logo.read_bytes())
    return digest.digest()


def document_key(
    document: PrintDocument, subject: Subject, kind: str, settings_digest: bytes
) -> str:
    """The cache key of a PDF: everything its bytes depend on."""
    seed = f"{_assets_digest()}|{kind}|{subject_key(subject)}|{document.lang}"
    digest = hashlib.sha256(seed.encode())
    digest.update(document.html.encode())
    digest.update(settings_digest)
    t = Translator(document.lang, document.default_language)
    digest.update(_page_counter_css(t).encode())
    return digest.hexdigest()


Document = tuple[str, str, str]
"""A PDF to make: (kind, role id, language)."""


@dataclass(frozen=True)
class PdfJob:
    """One PDF to render: what a render process needs, and no more."""

    document: Document
    target: Path
    source: PrintDocument


@dataclass
class PdfReport:
    """What a PDF stage did."""

    paths: dict[Document, Path]
    rendered: list[Document]
    reused: list[Document]


def _is_pdf(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            head = handle.read(5)
            handle.seek(-1024, os.SEEK_END) if path.stat().st_size > 1024 else handle.seek(0)
            return head == b"%PDF-" and b"%%EOF" in handle.read()
    except OSError:
        return False


def _render_job(job: PdfJob, settings: PdfSettings) -> list[str]:
    """Render and store one PDF (via a partial file); returns the URLs the render fetched."""
    fetched: list[str] = []
    own = PdfSettings(settings.organisation, settings.logo, settings.accent, fetched)
    data = layout_pdf(job.source, own)
    job.target.parent.mkdir(parents=True, exist_ok=True)
    partial = job.target.with_name(f"{job.target.name}.{os.getpid()}.part")
    partial.write_bytes(data)
    partial.replace(job.target)
    return fetched


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


def _nothing() -> None:
    """A task that makes the pool start its processes."""


def default_workers() -> int:
    return max(
        1,
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1),
    )


class PdfPool:
    """The render processes of one build: start them once (`start`), early, so they warm up while
    the build does other work, and use them for every PDF stage of the build."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = max(1, workers or default_workers())
        self._executor: ProcessPoolExecutor | None = None

    def start(self) -> None:
        """Start (and warm) the processes now, without waiting for them."""
        if self._executor is None:
            self._executor = ProcessPoolExecutor(max_workers=self.workers, initializer=_warm)
            self._executor.submit(_nothing)  # the processes start on the first task

    def submit(self, job: PdfJob, settings: PdfSettings) -> Future[list[str]]:
        self.start()
        assert self._executor is not None
        return self._executor.submit(_render_job, job, settings)

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def __enter__(self) -> PdfPool:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def render_pdfs(
    cat: Catalog,
    documents: Iterable[Document],
    cache_dir: Path,
    settings: PdfSettings | None = None,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    pool: PdfPool | None = None,
) -> PdfReport:
    """Make sure a PDF exists in the cache for each document; render what is missing.

    With `pool`, its processes render (and stay up for the caller); otherwise a pool of
    `workers` processes (default: one per core) is started for the missing PDFs, or they are
    rendered in this process when there is one worker."""
    settings = settings or PdfSettings()
    folder = cache_dir / "pdf"
    report = PdfReport(paths={}, rendered=[], reused=[])
    settings_digest = _settings_digest(settings)
    workers = pool.workers if pool else (workers or default_workers())
    own_pool = pool is None and workers > 1
    if own_pool:
        pool = PdfPool(workers)
    failures: list[str] = []
    pending: dict[Future[list[str]], PdfJob] = {}
    total = done = 0

    def finish(job: PdfJob, outcome: Callable[[], list[str]]) -> None:
        nonlocal done
        try:
            settings.fetched.extend(outcome())
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
            kind, subject_id, lang = document
            subject = subject_of(cat, kind, subject_id)
            source = print_document(cat, subject, lang, settings, kind)
            key = document_key(source, subject, kind, settings_digest)
            target = folder / key[:2] / f"{key}.pdf"
            report.paths[document] = target
            if _is_pdf(target):
                report.reused.append(document)
                continue
            target.unlink(missing_ok=True)  # corrupt or partial: never trusted
            job = PdfJob(document, target, source)
            report.rendered.append(document)
            total += 1
            if pool is None:
                finish(job, partial(_render_job, job, settings))
                continue
            try:
                pending[pool.submit(job, settings)] = job
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
