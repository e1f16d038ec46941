"""The site's exports (the kinds with a cached file: a Word job description per role, the
catalog as JSON, CSV and XLSX), kept in the content-addressed cache like the PDFs, so that a
rebuild makes only what changed.

Whatever is missing is made in background processes while the site's pages are built (`start`),
and collected before the files are copied (`wait`); with one core, in this process."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path

from ..documents.kind import Context, Document
from ..documents.registry import kind
from ..errors import RenderError
from ..i18n import labels
from .cache import ContentCache, digest, files_digest
from .pool import WorkerPool, cores

CHUNKS_PER_WORKER = 4
"""Word files go to the background processes in a few chunks each: one task per file would send
more messages than work, one task per process would leave one finishing alone."""


@dataclass(frozen=True)
class ExportJob:
    """One file to make: the document, and its place in the cache."""

    document: Document
    site_path: str
    target: Path


def _library_json(ctx: Context) -> str:
    """Everything outside the roles that an export may show."""
    cat = ctx.cat
    return json.dumps(
        [
            cat.organisation.model_dump_json(),
            [s.model_dump_json() for s in cat.scales.values()],
            [c.model_dump_json() for c in cat.competencies.values()],
            [f.model_dump_json() for f in cat.families.values()],
            [x.model_dump_json() for x in cat.training.values()],
            cat.onboarding.model_dump_json(),
        ]
    )


def export_keys(ctx: Context, documents: Iterable[Document]) -> dict[Document, str]:
    """The cache key of each export: everything its bytes depend on."""
    common = digest(
        files_digest(),
        ctx.lang,
        ctx.cat.default_language,
        json.dumps(labels(ctx.lang), sort_keys=True, default=str),
        _library_json(ctx),
    )
    keys = {}
    for document in documents:
        of = kind(document.kind)
        subject = of.subject(ctx, document.ids)
        keys[document] = digest(common, document.kind, of.file_key(ctx, subject))
    return keys


def _make_all(ctx: Context, jobs: list[ExportJob]) -> list[str]:
    """Make and store each job; returns what failed (the others are made all the same)."""
    failures = []
    for job in jobs:
        of = kind(job.document.kind)
        try:
            data = of.make_file(ctx, of.subject(ctx, job.document.ids))
            ContentCache.store(job.target, data)
        except Exception as exc:
            failures.append(_failure(job, ctx.lang, exc))
    return failures


def _failure(job: ExportJob, lang: str, exc: BaseException) -> str:
    return f"{job.site_path} ({lang}): export failed: {exc!r}"


_worker: Context | None = None
_handoff: Context | None = None
"""The context for processes about to be forked: they inherit it, and the parent's reference
goes once they are started (an initializer's arguments would stay with the pool)."""


def _init_worker(*state: Context) -> None:
    """Pool initializer: the catalog arrives once per process, not with every task (forked:
    from `_handoff`; otherwise as the initializer's argument)."""
    global _worker
    _worker = state[0] if state else _handoff


def _make_in_worker(jobs: list[ExportJob]) -> list[str]:
    assert _worker is not None
    return _make_all(_worker, jobs)


def default_background_workers() -> int:
    """One process per core but the one that builds the site; none on a single core."""
    return max(0, cores() - 1)


def _chunks(jobs: list[ExportJob], count: int) -> Iterator[list[ExportJob]]:
    size = max(1, math.ceil(len(jobs) / max(1, count)))
    for start in range(0, len(jobs), size):
        yield jobs[start : start + size]


class ExportStage:
    """The exports of one build in one language: `paths` (site path -> cache file) is known at
    once; the files exist after `wait`."""

    def __init__(
        self,
        ctx: Context,
        documents: Iterable[tuple[Document, str]],
        cache_dir: Path,
        workers: int | None = None,
        render_missing: bool = True,
    ) -> None:
        self.ctx: Context | None = ctx
        self.lang = ctx.lang
        self.workers = default_background_workers() if workers is None else workers
        cache = ContentCache(cache_dir / "exports")
        documents = list(documents)
        keys = export_keys(ctx, [document for document, _ in documents])
        self.paths: dict[str, Path] = {}
        self.missing: list[ExportJob] = []
        self.reused: list[str] = []
        for document, site_path in documents:
            suffix = site_path.rsplit(".", 1)[-1]
            target = cache.entry(keys[document], suffix)
            self.paths[site_path] = target
            if cache.valid(target):
                self.reused.append(site_path)
            else:
                self.missing.append(ExportJob(document, site_path, target))
        if self.missing and not render_missing:
            names = ", ".join(job.site_path for job in self.missing[:5])
            more = f" and {len(self.missing) - 5} more" if len(self.missing) > 5 else ""
            raise RenderError(
                f"{len(self.missing)} exports ({self.lang}) not in the cache (missing from the "
                f"shards): {names}{more}"
            )
        self._pool: WorkerPool | None = None
        self._futures: list[tuple[list[ExportJob], Future[list[str]]]] = []
        self._finished = not self.missing

    @property
    def made(self) -> list[str]:
        return [job.site_path for job in self.missing]

    def start(self) -> None:
        """Start making what is missing: in the background when there are processes to spare."""
        if self._finished:
            self.ctx = None  # nothing to make
            return
        if self._pool is not None or self.workers < 1:
            return  # started, or made in `wait`, in this process
        global _handoff
        assert self.ctx is not None
        pool = WorkerPool(self.workers, _init_worker, fork=True)
        if not pool.fork:
            pool.initargs = (self.ctx,)
        self._pool = pool
        # the catalog-wide files first: they are the largest single tasks
        whole = [job for job in self.missing if not job.document.ids]
        roles = [job for job in self.missing if job.document.ids]
        tasks = [[job] for job in whole] + list(_chunks(roles, self.workers * CHUNKS_PER_WORKER))
        _handoff = self.ctx if pool.fork else None
        try:  # a forking pool starts all its processes at the first task
            pool.start()
            self._futures = [(task, pool.submit(_make_in_worker, task)) for task in tasks]
        finally:
            _handoff = None
        if pool.fork:
            # The processes hold their copy: the caller may let go of the catalog (at 1,000
            # roles, 400 MB that MkDocs' page building would otherwise carry).
            self.ctx = None

    def wait(self) -> None:
        """Every export is in the cache once this returns; raises RenderError naming what
        failed."""
        if self._finished:
            return
        failures: list[str] = []
        try:
            if self._pool is None:
                assert self.ctx is not None  # kept when there are no processes
                failures += _make_all(self.ctx, self.missing)
            for task, future in self._futures:
                try:
                    failures += future.result()
                except Exception as exc:  # its process died
                    failures += [
                        _failure(job, self.lang, exc)
                        for job in task
                        if not ContentCache.valid(job.target)
                    ]
        finally:
            self.close()
            self._finished = True
        if failures:
            raise RenderError("\n".join(failures))

    def close(self) -> None:
        """Stop the background processes (whatever they have not made is made again next time)."""
        if self._pool is not None:
            self._pool.close()
            self._pool = None
        self._futures = []
