"""The site's exports (a Word job description per role; the catalog as JSON, CSV and XLSX), kept
in a content-addressed cache like the PDFs, so that a rebuild makes only what changed.

Whatever is missing is made in background processes while the site's pages are built (`start`),
and collected before the files are copied (`wait`); with one core, in this process. A cache entry
sits beside the digest of its bytes and is used only when they match: a partial or corrupt entry
is made again, never published. The cache lives outside the site and is safe to delete."""

from __future__ import annotations

import hashlib
import json
import math
import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path

from .. import __version__
from ..catalog import Catalog
from ..errors import RenderError
from ..i18n import labels
from ..render.links import EXPORTS, docx_path
from .catalog import catalog_json, matrix_csv, matrix_xlsx
from .docx import role_docx

CATALOG_KINDS = ("json", "csv", "xlsx")
"""Exports of the whole catalog; "docx" is made per role."""
CHUNKS_PER_WORKER = 4
"""Word files go to the background processes in a few chunks each: one task per file would send
more messages than work, one task per process would leave one finishing alone."""


@dataclass(frozen=True)
class ExportJob:
    """One file to make: its kind, the role (for "docx"), and its place in the cache."""

    kind: str
    subject: str
    target: Path


@cache
def _code_digest() -> str:
    """The exporters' own code and the libraries that write the files: a change to either
    makes every export again."""
    digest = hashlib.sha256(f"rolebook {__version__}".encode())
    for name in ("python-docx", "openpyxl"):
        digest.update(f"{name} {metadata.version(name)}".encode())
    for module in ("catalog.py", "docx.py", "stable.py"):
        digest.update((Path(__file__).parent / module).read_bytes())
    return digest.hexdigest()


def _digest(*parts: str | bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big") + data)  # lengths: no two inputs collide
    return digest.hexdigest()


def _library_json(cat: Catalog) -> str:
    """Everything outside the roles that an export may show."""
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


def export_keys(
    cat: Catalog, lang: str, template: Path | None = None
) -> dict[tuple[str, str], str]:
    """The cache key of every export, by (kind, role id or ""): everything its bytes depend on."""
    common = _digest(
        _code_digest(),
        lang,
        cat.default_language,
        json.dumps(labels(lang), sort_keys=True, default=str),
        _library_json(cat),
    )
    template_bytes = template.read_bytes() if template else b""
    roles = {role_id: role.model_dump_json() for role_id, role in cat.roles.items()}
    keys: dict[tuple[str, str], str] = {}
    for role_id, role in cat.roles.items():
        # a job description names its next roles by their titles
        titles = [cat.roles[n].title.model_dump_json() for n in role.career.next if n in cat.roles]
        keys[("docx", role_id)] = _digest(common, "docx", template_bytes, roles[role_id], *titles)
    whole = _digest(*[part for item in roles.items() for part in item])
    for kind in CATALOG_KINDS:
        keys[(kind, "")] = _digest(common, kind, whole)
    return keys


def site_path(kind: str, subject: str) -> str:
    return docx_path(subject) if kind == "docx" else EXPORTS[kind]


def _digest_file(target: Path) -> Path:
    return target.with_name(target.name + ".sha256")


def is_valid(target: Path) -> bool:
    """Whether a cache entry is whole: its bytes match the digest written after them."""
    try:
        expected = _digest_file(target).read_text(encoding="ascii").strip()
        return hashlib.sha256(target.read_bytes()).hexdigest() == expected
    except (OSError, UnicodeDecodeError):
        return False


def store(target: Path, data: bytes) -> None:
    """Write an entry and then its digest, each via a partial file: an interrupted write leaves
    an entry that `is_valid` refuses."""
    target.parent.mkdir(parents=True, exist_ok=True)
    for path, content in (
        (target, data),
        (_digest_file(target), hashlib.sha256(data).hexdigest().encode()),
    ):
        partial = path.with_name(f"{path.name}.{os.getpid()}.part")
        partial.write_bytes(content)
        partial.replace(path)


def make(cat: Catalog, lang: str, template: Path | None, kind: str, subject: str) -> bytes:
    """The bytes of one export."""
    if kind == "docx":
        return role_docx(cat, cat.roles[subject], lang, template)
    if kind == "json":
        return catalog_json(cat).encode()
    if kind == "csv":
        return matrix_csv(cat, lang).encode()
    return matrix_xlsx(cat, lang)


def _failure(job: ExportJob, lang: str, exc: BaseException) -> str:
    return f"{site_path(job.kind, job.subject)} ({lang}): export failed: {exc!r}"


def _make_all(cat: Catalog, lang: str, template: Path | None, jobs: list[ExportJob]) -> list[str]:
    """Make and store each job; returns what failed (the others are made all the same)."""
    failures = []
    for job in jobs:
        try:
            store(job.target, make(cat, lang, template, job.kind, job.subject))
        except Exception as exc:
            failures.append(_failure(job, lang, exc))
    return failures


_worker: tuple[Catalog, str, Path | None] | None = None


_handoff: tuple[Catalog, str, Path | None] | None = None
"""The catalog for processes about to be forked: they inherit it, and the parent's reference
goes once they are started (an initializer's arguments would stay with the pool)."""


def _init_worker(*state: object) -> None:
    """Pool initializer: the catalog arrives once per process, not with every task (forked:
    from `_handoff`; otherwise as the initializer's arguments)."""
    global _worker
    _worker = state or _handoff  # type: ignore[assignment]


def _make_in_worker(jobs: list[ExportJob]) -> list[str]:
    assert _worker is not None
    return _make_all(*_worker, jobs)


def default_background_workers() -> int:
    """One process per core but the one that builds the site; none on a single core."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(0, (cores or 1) - 1)


def _chunks(jobs: list[ExportJob], count: int) -> Iterator[list[ExportJob]]:
    size = max(1, math.ceil(len(jobs) / max(1, count)))
    for start in range(0, len(jobs), size):
        yield jobs[start : start + size]


class ExportStage:
    """The exports of one build in one language: `paths` (site path -> cache file) is known at
    once; the files exist after `wait`."""

    def __init__(
        self,
        cat: Catalog,
        lang: str,
        cache_dir: Path,
        template: Path | None = None,
        workers: int | None = None,
    ) -> None:
        self.cat: Catalog | None = cat
        self.lang, self.template = lang, template
        self.workers = default_background_workers() if workers is None else workers
        folder = cache_dir / "exports"
        self.paths: dict[str, Path] = {}
        self.missing: list[ExportJob] = []
        self.reused: list[str] = []
        for (kind, subject), key in export_keys(cat, lang, template).items():
            suffix = "docx" if kind == "docx" else kind
            target = folder / key[:2] / f"{key}.{suffix}"
            self.paths[site_path(kind, subject)] = target
            if is_valid(target):
                self.reused.append(site_path(kind, subject))
            else:
                self.missing.append(ExportJob(kind, subject, target))
        self._executor: ProcessPoolExecutor | None = None
        self._futures: list[tuple[list[ExportJob], Future[list[str]]]] = []
        self._finished = not self.missing

    @property
    def made(self) -> list[str]:
        return [site_path(job.kind, job.subject) for job in self.missing]

    def start(self) -> None:
        """Start making what is missing: in the background when there are processes to spare."""
        if self._finished:
            self.cat = None  # nothing to make
            return
        if self._executor is not None:
            return
        if self.workers < 1:
            return  # made in `wait`, in this process
        global _handoff
        forked = "fork" in multiprocessing.get_all_start_methods()
        assert self.cat is not None
        state = (self.cat, self.lang, self.template)
        self._executor = ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("fork") if forked else None,
            initializer=_init_worker,
            initargs=() if forked else state,
        )
        # the catalog-wide files first: they are the largest single tasks
        whole = [job for job in self.missing if job.kind != "docx"]
        roles = [job for job in self.missing if job.kind == "docx"]
        tasks = [[job] for job in whole] + list(_chunks(roles, self.workers * CHUNKS_PER_WORKER))
        _handoff = state if forked else None
        try:  # a forking pool starts all its processes at the first task
            self._futures = [(task, self._executor.submit(_make_in_worker, task)) for task in tasks]
        finally:
            _handoff = None
        if forked:
            # The processes hold their copy: the caller may let go of the catalog (at 1,000
            # roles, 400 MB that MkDocs' page building would otherwise carry).
            self.cat = None

    def wait(self) -> None:
        """Every export is in the cache once this returns; raises RenderError naming what
        failed."""
        if self._finished:
            return
        failures: list[str] = []
        try:
            if self._executor is None:
                assert self.cat is not None  # kept when there are no processes
                failures += _make_all(self.cat, self.lang, self.template, self.missing)
            for task, future in self._futures:
                try:
                    failures += future.result()
                except Exception as exc:  # its process died
                    failures += [
                        _failure(job, self.lang, exc) for job in task if not is_valid(job.target)
                    ]
        finally:
            self.close()
            self._finished = True
        if failures:
            raise RenderError("\n".join(failures))

    def close(self) -> None:
        """Stop the background processes (whatever they have not made is made again next time)."""
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
        self._futures = []
