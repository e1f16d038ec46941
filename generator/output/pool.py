"""The process pool of a build: started early, so its processes warm up while the build does
other work, and used for every PDF and export the build makes."""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from types import TracebackType
from typing import Any, TypeVar

T = TypeVar("T")


def cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def _nothing() -> None:
    """A task that makes the pool start its processes."""


def _child_start(initializer: Callable[..., object] | None, *initargs: Any) -> None:
    """First thing in each process: what a forked one inherited (the catalog, the parent's
    modules) goes to the collector's permanent generation, so that its collections never walk
    those objects again (at 1,000 roles, a million of them on every full collection) nor write
    to their pages, which the parent shares with it until then."""
    gc.freeze()
    if initializer is not None:
        initializer(*initargs)


class WorkerPool:
    """Processes that run one initializer each (load WeasyPrint and the fonts, or receive the
    catalog), then any task. With `fork`, the processes are forked, so they inherit what the
    parent holds when `start` is called."""

    def __init__(
        self,
        workers: int,
        initializer: Callable[..., object] | None = None,
        initargs: tuple[Any, ...] = (),
        *,
        fork: bool = False,
    ) -> None:
        self.workers = max(1, workers)
        self.initializer, self.initargs = initializer, initargs
        self.fork = fork and "fork" in multiprocessing.get_all_start_methods()
        self._executor: ProcessPoolExecutor | None = None

    @property
    def started(self) -> bool:
        return self._executor is not None

    def start(self) -> None:
        """Start the processes now, without waiting for them (a forking pool starts them all at
        the first task)."""
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("fork") if self.fork else None,
                initializer=_child_start,
                initargs=(self.initializer, *self.initargs),
            )
            self._executor.submit(_nothing)

    def submit(self, fn: Callable[..., T], *args: Any) -> Future[T]:
        self.start()
        assert self._executor is not None
        return self._executor.submit(fn, *args)

    def close(self) -> None:
        """Stop the processes; tasks not started are dropped."""
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
