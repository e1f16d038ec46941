"""One content-addressed cache for everything a build renders (PDFs, Word files, the catalog
exports, change notices): an entry's name is the digest of every input its bytes depend on, and
it sits beside the digest of its own bytes, so a partial or corrupt entry is made again, never
published. The cache lives outside the site and is safe to delete.

Every entry a build uses is touched; `rolebook build` and each shard then `prune` what no build
used since it started (the documents of roles since changed or removed, and of older versions of
Rolebook), so that a cache that CI restores and saves run after run stays the size of one site.

The digest of the inputs that are files (print CSS, fonts, labels, templates) is recomputed
whenever one of them changes on disk, so a long `rolebook serve` picks up an edit to them."""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
from collections.abc import Iterable
from importlib import metadata, resources
from pathlib import Path

from .. import __version__
from .files import write_atomic

PACKAGE = Path(str(resources.files("generator")))
ASSETS = PACKAGE / "assets"
"""Stylesheets, scripts and fonts of the site and the PDFs."""
RENDER_INPUTS = (ASSETS, PACKAGE / "templates", PACKAGE / "locales")
"""The package's folders whose files shape every rendered document."""


def digest(*parts: str | bytes) -> str:
    """A digest of several parts, each with its length, so that no two inputs collide."""
    hashed = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        hashed.update(len(data).to_bytes(8, "big") + data)
    return hashed.hexdigest()


_files_digest: dict[tuple[Path, ...], tuple[tuple[object, ...], str]] = {}


def files_digest(folders: Iterable[Path] | None = None) -> str:
    """A digest of every file in `folders` (default: RENDER_INPUTS) and of the renderers'
    versions. Recomputed when a file's size or time changes (a stat per file, not a read), else
    taken from memory."""
    folders = tuple(RENDER_INPUTS if folders is None else folders)
    paths = sorted(p for folder in folders for p in folder.rglob("*") if p.is_file())
    stamp = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in paths)
    key = tuple(folders)
    known = _files_digest.get(key)
    if known is not None and known[0] == stamp:
        return known[1]
    versions = [f"rolebook {__version__}"]
    for name in ("weasyprint", "python-docx", "openpyxl"):
        versions.append(f"{name} {metadata.version(name)}")
    value = digest(*versions, *(part for p in paths for part in (str(p), p.read_bytes())))
    _files_digest[key] = (stamp, value)
    return value


def _digest_file(target: Path) -> Path:
    return target.with_name(target.name + ".sha256")


class ContentCache:
    """Entries under `folder`, one per key: `entry(key, suffix)` names it, `valid` tells whether
    it is whole, `store` writes it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def entry(self, key: str, suffix: str) -> Path:
        return self.folder / key[:2] / f"{key}.{suffix}"

    @staticmethod
    def valid(target: Path) -> bool:
        """Whether an entry is whole: its bytes match the digest written after them. A whole
        entry is marked as used now, for `prune`."""
        try:
            expected = _digest_file(target).read_text(encoding="ascii").strip()
            whole = hashlib.sha256(target.read_bytes()).hexdigest() == expected
        except (OSError, UnicodeDecodeError):
            return False
        if whole:
            with contextlib.suppress(OSError):  # a read-only cache is still a cache
                os.utime(target)
        return whole

    @staticmethod
    def store(target: Path, data: bytes) -> Path:
        """Write an entry and then its digest, each atomically: an interrupted store leaves an
        entry that `valid` refuses."""
        write_atomic(target, data)
        write_atomic(_digest_file(target), hashlib.sha256(data).hexdigest().encode())
        return target

    @staticmethod
    def drop(target: Path) -> None:
        target.unlink(missing_ok=True)
        _digest_file(target).unlink(missing_ok=True)


CONTENT_FOLDERS = ("pdf", "exports")
"""The folders of a cache (or a shard) whose entries `prune` removes when unused."""

PRUNE_MARGIN_S = 2.0
"""Some file systems keep times to two seconds: an entry used just after a build started may
look older than that start by as much."""


def prune(folders: Iterable[Path], started: float) -> int:
    """Remove from `folders` every entry neither written nor used (`valid`) since `started` (a
    `time.time()`), with its digest, and left-over partial files; returns the entries removed.
    Call it only after a build that used every entry it needs from these folders."""
    before = started - PRUNE_MARGIN_S
    removed = 0
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            try:
                if not path.is_file() or path.stat().st_mtime >= before:
                    continue
                if path.name.endswith(".part"):
                    path.unlink()
                elif path.name.endswith(".sha256"):
                    if not path.with_name(path.name.removesuffix(".sha256")).exists():
                        path.unlink()
                else:
                    ContentCache.drop(path)
                    removed += 1
            except OSError:  # removed meanwhile by another build: as good
                continue
        for sub in folder.iterdir():
            if sub.is_dir():
                with contextlib.suppress(OSError):
                    sub.rmdir()  # only when empty
    if removed:
        logging.getLogger("mkdocs").info(f"cache: removed {removed} entries no longer used")
    return removed
