"""The whole `rolebook build` (both languages, PDFs and exports) of a generated catalog, as an
organisation runs it: cold on one machine, again with nothing changed, and split over shards
that are then merged (each shard timed on its own, as one CI machine would run it).

    python benchmarks/full_build.py --roles 100 --shards 4 --json

The project is the shipped site (mkdocs.yml, mkdocs.en.yml, docs/) with `bench.make_catalog`'s
roles in place of the shipped ones; the build is not strict, because the shipped docs link to
the shipped roles. Checks that the merged site is the one-machine site, byte for byte."""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import REPO, make_catalog


def _project(folder: Path, roles: int) -> Path:
    folder.mkdir(parents=True)
    for name in ("mkdocs.yml", "mkdocs.en.yml"):
        shutil.copy(REPO / name, folder / name)
    shutil.copytree(REPO / "docs", folder / "docs")
    make_catalog(folder, roles)
    return folder


def _run(project: Path, *args: str) -> dict[str, float]:
    """One `rolebook` command: wall seconds and the peak RSS of its largest process (MB)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", *args],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    err = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"rolebook {' '.join(args)} failed:\n{err[-3000:]}")
    return {"s": round(elapsed, 1), "peak_rss_mb": round(usage.ru_maxrss / 1024)}


def _tree(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(folder)).encode() + path.read_bytes())
    return digest.hexdigest()


def _progress(result: dict[str, Any]) -> None:
    """Each figure as soon as it is measured: a run of an hour should not lose them all."""
    print(json.dumps(result), file=sys.stderr, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--roles", type=int, default=100)
    parser.add_argument("--shards", type=int, default=4)
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--first-shard-only",
        action="store_true",
        help="only shard 1 of N, cold: what one CI machine of N spends at this size",
    )
    parser.add_argument(
        "--one-machine-only",
        action="store_true",
        help="only the one-machine build, cold and again unchanged (no shards, no merge)",
    )
    args = parser.parse_args()
    result: dict[str, Any] = {"roles": args.roles, "languages": 2, "shards": args.shards}
    if args.first_shard_only:
        with tempfile.TemporaryDirectory(prefix="rolebook-full-") as tmp:
            split = _project(Path(tmp) / "split", args.roles)
            out = Path(tmp) / "shard-1"
            result["shard_1"] = _run(
                split, "build", "--no-strict", "--shard", f"1/{args.shards}", "-d", str(out)
            )
            manifest = json.loads((out / "rolebook-shard.json").read_text(encoding="utf-8"))
            result["shard_1_documents"] = {
                lang: [share["documents"], share["of_documents"]]
                for lang, share in manifest["languages"].items()
            }
        print(json.dumps(result, indent=None if args.json else 2))
        return
    with tempfile.TemporaryDirectory(prefix="rolebook-full-") as tmp:
        one = _project(Path(tmp) / "one", args.roles)
        result["cold"] = _run(one, "build", "--no-strict")
        result["pdfs"] = len(list((one / "site").rglob("*.pdf")))
        result["pages"] = len(list((one / "site").rglob("*.html")))
        _progress(result)
        result["warm"] = _run(one, "build", "--no-strict")
        _progress(result)
        if args.one_machine_only:
            result["cold_per_role_s"] = round(result["cold"]["s"] / args.roles, 2)
            print(json.dumps(result, indent=None if args.json else 2))
            return
        split = _project(Path(tmp) / "split", args.roles)
        folders = [Path(tmp) / f"shard-{i}" for i in range(1, args.shards + 1)]
        result["shard"] = [
            _run(split, "build", "--no-strict", "--shard", f"{i}/{args.shards}", "-d", str(f))
            for i, f in enumerate(folders, 1)
        ]
        result["merge"] = _run(
            split, "build", "--no-strict", "--merge", *map(str, folders), "-d", "site"
        )
        result["merged_is_identical"] = _tree(split / "site") == _tree(one / "site")
    shard_times = [s["s"] for s in result["shard"]]
    result["slowest_shard_plus_merge_s"] = round(max(shard_times) + result["merge"]["s"], 1)
    result["cold_per_role_s"] = round(result["cold"]["s"] / args.roles, 2)
    print(json.dumps(result, indent=None if args.json else 2))


if __name__ == "__main__":
    main()
