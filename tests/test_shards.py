"""Sharded builds: N machines render a share each, a merge makes the site from their folders,
byte for byte the site one machine builds."""

from __future__ import annotations

import hashlib
import json
import shutil
import textwrap
from pathlib import Path

import pytest

from generator.output.shards import (
    MANIFEST,
    ShardError,
    ShardSpec,
    assign,
    read_manifests,
    write_manifest,
)

from .conftest import JUNIOR, LIBRARY, SENIOR
from .test_site import make_project, rolebook


def test_shard_spec() -> None:
    assert ShardSpec.parse("2/4") == ShardSpec(2, 4)
    assert str(ShardSpec.parse(" 1 / 1 ")) == "1/1"
    for bad in ("0/4", "5/4", "1/0", "a/b", "1-4", ""):
        with pytest.raises(ValueError):
            ShardSpec.parse(bad)


def test_assign_balances_by_cost_and_is_deterministic() -> None:
    items = [(f"doc-{i}", cost) for i, cost in enumerate([5, 1, 4, 3, 3, 3, 2, 2, 1, 1])]
    owner = assign(items, 3)
    assert owner == assign(list(reversed(items)), 3)  # order of the plan does not matter
    loads = [sum(c for n, c in items if owner[n] == s) for s in (1, 2, 3)]
    assert max(loads) - min(loads) <= max(c for _, c in items)
    # by count the first shard would get the three costliest documents
    assert max(loads) <= 9
    many = assign(items, 20)  # more shards than documents: each document once, some empty
    assert sorted(many) == sorted(n for n, _ in items) and len(set(many.values())) == len(items)


def _manifest(folder: Path, index: int, count: int, plan: str = "p") -> Path:
    write_manifest(folder, ShardSpec(index, count), {"nl": {"plan": plan, "documents": 1}})
    return folder


def test_merge_refuses_missing_duplicate_and_mismatched_shards(tmp_path: Path) -> None:
    one, two = _manifest(tmp_path / "a", 1, 2), _manifest(tmp_path / "b", 2, 2)
    assert len(read_manifests([one, two])) == 2
    with pytest.raises(ShardError, match="shard 2 of 2 missing"):
        read_manifests([one])
    with pytest.raises(ShardError, match="given twice"):
        read_manifests([one, one, two])
    with pytest.raises(ShardError, match="split differently"):
        read_manifests([one, _manifest(tmp_path / "c", 2, 3)])
    with pytest.raises(ShardError, match="different commits or configurations"):
        read_manifests([one, _manifest(tmp_path / "d", 2, 2, plan="other")])
    with pytest.raises(ShardError, match="not a shard"):
        read_manifests([one, tmp_path])


def _tree(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def small_project(root: Path) -> Path:
    """A copy of the site's sources with the two test roles (junior, senior), in root/project."""
    roles = root / "source-roles"
    (roles / "library").mkdir(parents=True)
    for name, text in LIBRARY.items():
        (roles / "library" / name).write_text(textwrap.dedent(text), encoding="utf-8")
    (roles / "junior.yml").write_text(JUNIOR, encoding="utf-8")
    (roles / "senior.yml").write_text(SENIOR, encoding="utf-8")
    (root / "project").mkdir()
    return make_project(root / "project", roles)


@pytest.mark.slow
def test_two_shards_merged_are_the_site_one_machine_builds(tmp_path: Path) -> None:
    sharded = small_project(tmp_path / "sharded")
    single = small_project(tmp_path / "single")
    shards = [tmp_path / "shard-1", tmp_path / "shard-2"]
    # what a shard folder or a cache restored by CI holds of an earlier run is pruned
    stale = [_stale_entry(shards[0]), _stale_entry(single / ".rolebook-cache")]
    for index, folder in enumerate(shards, 1):
        result = rolebook(sharded, "build", "--shard", f"{index}/2", "-d", str(folder))
        assert result.returncode == 0, result.stderr
        assert (folder / MANIFEST).is_file()
        assert not (folder / "index.html").exists()  # a shard is cache entries, not a site
    shares = [json.loads((f / MANIFEST).read_text())["languages"] for f in shards]
    for lang in ("nl", "en"):
        counts = [share[lang]["documents"] for share in shares]
        assert sum(counts) == shares[0][lang]["of_documents"] and min(counts) > 0
    # a missing shard is an error, and the site is not made
    result = rolebook(sharded, "build", "--no-strict", "--merge", str(shards[0]), "-d", "site")
    assert result.returncode == 1 and "shard 2 of 2 missing" in result.stderr
    assert "Traceback" not in result.stderr and not (sharded / "site").exists()
    merged = rolebook(sharded, "build", "--no-strict", "--merge", *map(str, shards), "-d", "site")
    assert merged.returncode == 0, merged.stderr
    assert "PDFs rendered" in merged.stderr and "0 PDFs rendered" in merged.stderr
    whole = rolebook(single, "build", "--no-strict", "-d", "site")
    assert whole.returncode == 0, whole.stderr
    assert _tree(sharded / "site") == _tree(single / "site")
    assert any(name.endswith(".pdf") for name in _tree(single / "site"))
    assert not any(path.exists() for path in stale)


def _stale_entry(folder: Path) -> Path:
    """A whole cache entry last used an hour ago."""
    import os
    import time

    from generator.output.cache import ContentCache

    entry = ContentCache.store(folder / "pdf" / "ff" / "ff66.pdf", b"%PDF of an earlier run")
    old = time.time() - 3600
    for path in (entry, entry.with_name(entry.name + ".sha256")):
        os.utime(path, (old, old))
    return entry


@pytest.mark.slow
def test_more_shards_than_documents_and_a_stale_shard(tmp_path: Path) -> None:
    project = small_project(tmp_path)
    folders = []
    for index in range(1, 61):
        folder = tmp_path / f"s{index}"
        if index in (1, 60):  # the first and an empty one are enough to see them work
            result = rolebook(project, "build", "--shard", f"{index}/60", "-d", str(folder))
            assert result.returncode == 0, result.stderr
        folders.append(folder)
    empty = json.loads((folders[-1] / MANIFEST).read_text())["languages"]
    assert all(info["documents"] == 0 for info in empty.values())
    # shards of another version of the catalog: the merge names what is missing
    shutil.rmtree(folders[-1])
    stale = tmp_path / "stale"
    role = project / "roles" / "junior.yml"
    role.write_text(role.read_text(encoding="utf-8").replace("Verkoopt.", "Verkoopt veel."))
    for index in (1, 2):
        result = rolebook(project, "build", "--shard", f"{index}/2", "-d", str(stale / str(index)))
        assert result.returncode == 0, result.stderr
    role.write_text(role.read_text(encoding="utf-8").replace("Verkoopt veel.", "Verkoopt anders."))
    result = rolebook(
        project, "build", "--no-strict", "--merge", str(stale / "1"), str(stale / "2"), "-d", "site"
    )
    assert result.returncode == 1, result.stderr
    assert "missing from the shards" in result.stderr and "junior" in result.stderr
    assert not (project / "site").exists()


def test_ci_examples_shard_and_merge() -> None:
    import yaml

    from .conftest import REPO

    github = yaml.safe_load((REPO / "examples/ci/github-actions.yml").read_text())
    shard_steps = " ".join(str(s.get("run", "")) for s in github["jobs"]["shard"]["steps"])
    assert "rolebook build --shard ${{ matrix.shard }}/${{ env.SHARDS }} --site-dir shard" in (
        shard_steps
    )
    assert len(github["jobs"]["shard"]["strategy"]["matrix"]["shard"]) == int(
        github["env"]["SHARDS"]
    )
    site_steps = " ".join(str(s.get("run", "")) for s in github["jobs"]["site"]["steps"])
    assert "rolebook build --merge shards/shard-*" in site_steps
    gitlab = yaml.safe_load((REPO / "examples/ci/gitlab-ci.yml").read_text())
    assert gitlab["shard"]["parallel"] == 4
    assert any(
        "--shard $CI_NODE_INDEX/$CI_NODE_TOTAL" in line for line in gitlab["shard"]["script"]
    )
    assert any("--merge shards/shard-*" in line for line in gitlab["pages"]["script"])
