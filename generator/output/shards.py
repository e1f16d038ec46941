"""Sharded builds: each of N machines renders a deterministic share of a build's documents (PDFs
and exports) into a folder of cache entries; a last build merges the folders into its cache and
makes the site from them, rendering nothing again. The merged site is the one a single machine
builds: every document comes from the same content-addressed entry either way.

A share is balanced by expected cost, not by count: documents are taken largest first and each
goes to the least loaded shard (the longest-processing-time rule), which only depends on the
plan, so every machine computes the same split."""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..documents.kind import Document
from ..documents.siteplan import Planned
from .cache import ContentCache, digest

MANIFEST = "rolebook-shard.json"
FORMAT = "rolebook-shard"

KIND_COST = {
    "job": 1.0,
    "workmethod": 1.3,
    "onboarding": 0.9,
    "profile": 1.0,
    "interview": 2.4,
    "vacancy": 0.6,
    "plan": 0.8,
    "family": 1.5,
    "notice": 0.6,
    "architecture": 1.2,
    "docx": 0.3,
}
"""Render time of a document of each kind relative to a job description (measured on the
shipped roles: a three-page job description takes about 0.5 s on the CI machine kind); other
kinds (the catalog exports) count as one."""


class ShardError(Exception):
    """The shards cannot make this site; the message says why."""


@dataclass(frozen=True)
class ShardSpec:
    index: int
    """1-based."""
    count: int

    @classmethod
    def parse(cls, text: str) -> ShardSpec:
        match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text)
        if not match:
            raise ValueError(f"'{text}' is not I/N (for example 1/4)")
        index, count = int(match.group(1)), int(match.group(2))
        if count < 1 or not 1 <= index <= count:
            raise ValueError(f"'{text}': I must be between 1 and N, and N at least 1")
        return cls(index, count)

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


def longest_first(documents: Iterable[Document]) -> list[Document]:
    """The documents in the order a pool should take them: the costliest kinds first (a long
    document started last keeps every other process waiting), the plan's order within a kind."""
    return sorted(documents, key=lambda d: -KIND_COST.get(d.kind, 1.0))


def expected_cost(planned: Planned) -> float:
    """What a planned document is expected to cost to render, relative to a job description."""
    return KIND_COST.get(planned.document.kind, 1.0)


def assign(items: Iterable[tuple[str, float]], count: int) -> dict[str, int]:
    """Shard number (1-based) per item: largest first to the least loaded shard; ties go by
    name and by shard number, so the split is the same on every machine."""
    loads = [0.0] * count
    owner: dict[str, int] = {}
    for name, cost in sorted(items, key=lambda item: (-item[1], item[0])):
        shard = min(range(count), key=lambda i: (loads[i], i))
        loads[shard] += cost
        owner[name] = shard + 1
    return owner


def rendered_work(plan: list[Planned]) -> list[Planned]:
    """The planned documents a shard renders: those with a PDF or a cached file."""
    return [p for p in plan if p.pdf is not None or (p.file is not None and p.kind.cached)]


def plan_digest(work: list[Planned]) -> str:
    return digest(*sorted(p.document.name for p in work))


def write_manifest(folder: Path, spec: ShardSpec, languages: dict[str, dict[str, object]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    data = {"format": FORMAT, "version": 1, "shard": spec.index, "of": spec.count}
    data["languages"] = languages
    target = folder / MANIFEST
    target.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return target


def read_manifests(folders: list[Path]) -> list[dict[str, object]]:
    """The shards' manifests, checked: one of each shard 1..N of the same plan."""
    if not folders:
        raise ShardError("--merge needs the shard folders")
    manifests = []
    for folder in folders:
        path = folder / MANIFEST
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ShardError(f"{folder}: not a shard (no {MANIFEST})") from None
        except (OSError, ValueError) as exc:
            raise ShardError(f"{path}: unreadable shard manifest ({exc})") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ShardError(f"{path}: not a rolebook shard manifest")
        data["folder"] = str(folder)
        manifests.append(data)
    counts = {m["of"] for m in manifests}
    if len(counts) != 1:
        raise ShardError(f"the shards were split differently: N is {sorted(counts)}")
    count = int(next(iter(counts)))
    seen: dict[int, str] = {}
    for m in manifests:
        index = int(m["shard"])
        if index in seen:
            raise ShardError(f"shard {index}/{count} given twice: {seen[index]} and {m['folder']}")
        seen[index] = str(m["folder"])
    missing = [str(i) for i in range(1, count + 1) if i not in seen]
    if missing:
        raise ShardError(f"shard {', '.join(missing)} of {count} missing")
    plans = {_plans(m) for m in manifests}
    if len(plans) != 1:
        raise ShardError(
            "the shards were built from different commits or configurations (their plans differ)"
        )
    return manifests


def _plans(manifest: dict[str, object]) -> str:
    languages = manifest.get("languages")
    if not isinstance(languages, dict):
        return ""
    return json.dumps({lang: info.get("plan") for lang, info in languages.items()}, sort_keys=True)


def merge_entries(folders: list[Path], cache_dir: Path) -> int:
    """Copy every whole cache entry of the shards into `cache_dir` (a hard link where the
    file system allows); returns how many were added."""
    added = 0
    for folder in folders:
        for entry in sorted(folder.rglob("*")):
            if not entry.is_file() or entry.name == MANIFEST or entry.name.endswith(".sha256"):
                continue
            if not ContentCache.valid(entry):
                continue  # a partial entry is never published; the merge finds it missing
            target = cache_dir / entry.relative_to(folder)
            if ContentCache.valid(target):
                continue
            for source, dest in ((entry, target), (_sidecar(entry), _sidecar(target))):
                dest.parent.mkdir(parents=True, exist_ok=True)
                dest.unlink(missing_ok=True)
                try:
                    os.link(source, dest)
                except OSError:
                    shutil.copy2(source, dest)
            added += 1
    return added


def _sidecar(entry: Path) -> Path:
    return entry.with_name(entry.name + ".sha256")
