"""The site's generated pages rendered in a background process while the site generator converts
them: on two cores the main process then spends its time converting Markdown, not rendering it.

A forked process inherits the build's context and plan, renders the pages in the plan's order in
chunks and writes each to the path the caller gives; `text` waits for the chunk that holds a
page and reads it. Where processes cannot be forked, or there is one core, the caller renders
the pages itself (`SiteBuild.pages`)."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from ..documents.kind import Context
from ..documents.siteplan import Planned, render_markdown
from ..errors import RenderError
from .pool import WorkerPool, cores

CHUNK_PAGES = 16
"""Pages per task: small enough that the first page is ready at once, large enough that the
tasks cost nothing next to the pages."""

_handoff: tuple[Context, list[Planned], Path | None] | None = None
"""What the process about to be forked inherits: it is never pickled."""
_work: tuple[Context, list[Planned], Path | None] | None = None


def _init_worker() -> None:
    global _work
    _work = _handoff


def _render_chunk(jobs: list[tuple[int, str]]) -> None:
    """Render the plan's pages at these indexes to these files (and to the dump folder)."""
    assert _work is not None
    ctx, plan, dump = _work
    for index, target in jobs:
        planned = plan[index]
        markdown = render_markdown(ctx, planned)
        write_markdown(Path(target), markdown)
        if dump is not None and planned.page is not None:
            write_markdown(dump / planned.page, markdown)


def write_markdown(path: Path, markdown: str) -> None:
    """A page's Markdown written to `path`, its folders made."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(markdown, encoding="utf-8")


def can_render_in_background(workers: int | None = None) -> bool:
    """Whether a process can be forked and has a core of its own to render on."""
    return "fork" in multiprocessing.get_all_start_methods() and (workers or cores()) > 1


class PageJobs:
    """The pages of a plan, rendered in one forked process to files: `paths` (page -> file) is
    known at once, `text(page)` waits for that page."""

    def __init__(
        self,
        ctx: Context,
        plan: list[Planned],
        target_of: Callable[[str], Path],
        dump: Path | None = None,
    ) -> None:
        self._ctx: Context | None = ctx
        self._plan = plan
        self._dump = dump
        self.paths: dict[str, Path] = {}
        jobs = []
        for index, planned in enumerate(plan):
            if planned.page is not None:
                self.paths[planned.page] = target_of(planned.page)
                jobs.append((index, str(self.paths[planned.page])))
        self._chunks = [jobs[i : i + CHUNK_PAGES] for i in range(0, len(jobs), CHUNK_PAGES)]
        self._chunk_of = {
            plan[index].page: number
            for number, chunk in enumerate(self._chunks)
            for index, _ in chunk
        }
        self._futures: list[Future[None]] = []
        self._pool: WorkerPool | None = None

    def start(self) -> None:
        """Fork the process and hand it every chunk; the caller may let go of the catalog then."""
        global _handoff
        assert self._ctx is not None
        self._pool = WorkerPool(1, _init_worker, fork=True)
        _handoff = (self._ctx, self._plan, self._dump)
        try:  # the process is forked at the first task and inherits the handoff
            self._futures = [self._pool.submit(_render_chunk, chunk) for chunk in self._chunks]
        finally:
            _handoff = None
        self._ctx, self._plan = None, []

    def text(self, page: str) -> str:
        """A page's Markdown, once its chunk is rendered; raises what rendering it raised."""
        future = self._futures[self._chunk_of[page]]
        try:
            future.result()  # the page's own error, as rendering it here would have raised
        except BrokenProcessPool:
            raise RenderError("the process rendering the pages stopped unexpectedly") from None
        return self.paths[page].read_text(encoding="utf-8")

    def close(self) -> None:
        """Stop the process; chunks not started are dropped."""
        if self._pool is not None:
            self._pool.close()
            self._pool = None
