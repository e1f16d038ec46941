"""Render many PDFs: skip those whose inputs did not change (content-addressed cache), render the
rest in a process pool. The cache lives outside the site, is safe to delete, and a corrupt entry
is never used."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path

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
    Subject,
    _page_counter_css,
    print_html,
    render_pdf,
    subject_key,
)


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


def document_key(cat: Catalog, role: Subject, lang: str, settings: PdfSettings, kind: str) -> str:
    """The cache key of a PDF: everything its bytes depend on."""
    digest = hashlib.sha256(f"{_assets_digest()}|{kind}|{subject_key(role)}|{lang}".encode())
    digest.update(print_html(cat, role, lang, settings, kind).encode())
    digest.update(settings.accent.encode())
    digest.update(_page_counter_css(Translator(lang, cat.default_language)).encode())
    if settings.logo:
        digest.update(settings.logo.read_bytes())
    return digest.hexdigest()


Document = tuple[str, str, str]
"""A PDF to make: (kind, role id, language)."""


@dataclass
class PdfJob:
    document: Document
    key: str
    target: Path


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


def _render_job(cat: Catalog, job: PdfJob, settings: PdfSettings) -> None:
    kind, role_id, lang = job.document
    data = render_pdf(cat, subject_of(cat, kind, role_id), lang, settings, kind)
    job.target.parent.mkdir(parents=True, exist_ok=True)
    partial = job.target.with_name(f"{job.target.name}.{os.getpid()}.part")
    partial.write_bytes(data)
    partial.replace(job.target)


def default_workers() -> int:
    return max(
        1,
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1),
    )


def render_pdfs(
    cat: Catalog,
    documents: Iterable[Document],
    cache_dir: Path,
    settings: PdfSettings | None = None,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> PdfReport:
    """Make sure a PDF exists in the cache for each document; render what is missing."""
    settings = settings or PdfSettings()
    folder = cache_dir / "pdf"
    jobs: list[PdfJob] = []
    report = PdfReport(paths={}, rendered=[], reused=[])
    for document in documents:
        kind, role_id, lang = document
        key = document_key(cat, subject_of(cat, kind, role_id), lang, settings, kind)
        target = folder / key[:2] / f"{key}.pdf"
        report.paths[document] = target
        if _is_pdf(target):
            report.reused.append(document)
        else:
            target.unlink(missing_ok=True)  # corrupt or partial: never trusted
            jobs.append(PdfJob(document, key, target))
    workers = min(workers or default_workers(), len(jobs))
    failures: list[str] = []
    done = 0

    def advance() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, len(jobs))

    if workers <= 1:
        for job in jobs:
            try:
                _render_job(cat, job, settings)
            except RenderError as exc:
                failures.append(str(exc))
            advance()
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = [(job, pool.submit(_render_job, cat, job, settings)) for job in jobs]
            for job, future in futures:
                try:
                    future.result()
                    advance()
                except RenderError as exc:
                    failures.append(str(exc))
                except Exception as exc:  # a worker died: name the document
                    kind, role_id, lang = job.document
                    failures.append(f"role '{role_id}' ({lang}, {kind}): PDF failed: {exc!r}")
    if failures:
        raise RenderError("\n".join(failures))
    report.rendered = [job.document for job in jobs]
    return report
