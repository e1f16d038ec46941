"""How a build spends its time: the pages rendered in a background process while MkDocs converts
them, and the HTML of a large site parked on disk. Each way gives the same site, byte for byte,
and a failure in the background process is reported, not hung on."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

import generator.plugin
from generator.output import pagejobs

from .test_shards import _tree, small_project


def _build(project: Path, site: str, dump: Path | None = None) -> Path:
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(project / site))
    config.plugins["rolebook"].config.pdf = False
    if dump is not None:
        config.plugins["rolebook"].config.dump_markdown = str(dump)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return project / site


def die(jobs: object) -> None:
    """A page process that is killed halfway."""
    os._exit(9)


@pytest.mark.slow
def test_pages_in_the_background_inline_or_parked_make_the_same_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = small_project(tmp_path)
    monkeypatch.chdir(project)
    calls: list[int] = []
    real = pagejobs.PageJobs.start

    def counted(self: pagejobs.PageJobs) -> None:
        calls.append(len(self.paths))
        real(self)

    monkeypatch.setattr(pagejobs.PageJobs, "start", counted)
    background = _tree(_build(project, "site-background"))
    assert calls and calls[0] > 10  # the pages went to the background process
    monkeypatch.setattr(generator.plugin, "can_render_in_background", lambda workers=None: False)
    inline = _tree(_build(project, "site-inline"))
    monkeypatch.setattr(generator.plugin, "PARK_FROM_PAGES", 0)
    parked = _tree(_build(project, "site-parked"))
    assert len(calls) == 1
    assert background == inline == parked
    assert any(name.endswith("roles/junior/index.html") for name in background)


@pytest.mark.slow
def test_a_page_process_that_dies_fails_the_build_with_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    project = small_project(tmp_path)
    monkeypatch.chdir(project)
    monkeypatch.setattr(pagejobs, "_render_chunk", die)
    caplog.set_level(logging.ERROR)
    with pytest.raises((PluginError, Abort)) as failed:
        _build(project, "site")
    said = str(failed.value) + caplog.text
    assert "the process rendering the pages stopped unexpectedly" in said


@pytest.mark.slow
def test_rolebook_build_checks_the_roles_once_and_then_reads_them_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, check_calls: list[Path]
) -> None:
    from click.testing import CliRunner

    from generator.cli import main

    project = small_project(tmp_path)
    monkeypatch.chdir(project)
    (project / "roles" / "old").mkdir()  # a warning, said on every build
    (project / "roles" / "old" / "junior.yml").write_text("title: x\n", encoding="utf-8")
    calls = check_calls
    first = CliRunner().invoke(main, ["build", "--no-pdf", "--no-strict"])
    assert first.exit_code == 0, first.output
    assert len(calls) == 1  # two languages, one check
    assert len(list((project / ".rolebook-cache" / "catalog").glob("*.json"))) == 1
    again = CliRunner().invoke(main, ["build", "--no-pdf", "--no-strict"])
    assert again.exit_code == 0 and len(calls) == 1
    for result in (first, again):
        assert "role files in subfolders are not read" in result.stderr
    # an error is found and printed as ever, with no traceback
    junior = project / "roles" / "junior.yml"
    junior.write_text(junior.read_text(encoding="utf-8") + "level: [\n", encoding="utf-8")
    broken = CliRunner().invoke(main, ["build", "--no-pdf"])
    assert broken.exit_code == 1 and "junior.yml:" in broken.stderr and "error" in broken.stderr
    assert "Traceback" not in broken.output


def test_rolebook_build_prunes_the_cache_of_what_it_no_longer_uses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A changed role's old Word file leaves the cache; what the build used stays; without PDFs
    the PDF entries are kept for the next build that makes them. A failed build prunes nothing."""
    import time

    from click.testing import CliRunner

    from generator.cli import main
    from generator.output.cache import ContentCache

    project = small_project(tmp_path)
    monkeypatch.chdir(project)
    cache = project / ".rolebook-cache"
    assert CliRunner().invoke(main, ["build", "--no-pdf", "--no-strict"]).exit_code == 0
    made = sorted(p for p in (cache / "exports").rglob("*") if p.is_file())
    assert made
    old = time.time() - 3600
    for path in made:
        os.utime(path, (old, old))
    stale_pdf = ContentCache.store(cache / "pdf" / "ee" / "ee55.pdf", b"%PDF old")
    os.utime(stale_pdf, (old, old))
    junior = project / "roles" / "junior.yml"
    junior.write_text(junior.read_text(encoding="utf-8") + "level: [\n", encoding="utf-8")
    assert CliRunner().invoke(main, ["build", "--no-pdf", "--no-strict"]).exit_code == 1
    assert sorted(p for p in (cache / "exports").rglob("*") if p.is_file()) == made
    junior.write_text(
        junior.read_text(encoding="utf-8").replace("level: [\n", "").replace("Verkoopt.", "Belt."),
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["build", "--no-pdf", "--no-strict", "-v"])
    assert result.exit_code == 0, result.output
    now = sorted(p for p in (cache / "exports").rglob("*") if p.is_file())
    # junior's Word files (nl, en) and the catalog exports made again, the old ones gone
    changed, gone = set(now) - set(made), set(made) - set(now)
    assert len(changed) == len(gone) and sum(p.suffix == ".docx" for p in changed) == 2
    assert f"cache: removed {len(gone) // 2} entries no longer used" in result.output
    assert any(p.suffix == ".docx" for p in set(now) & set(made))  # senior's, used again
    assert stale_pdf.exists()


def _frozen() -> int:
    import gc

    return gc.get_freeze_count()


def _seen() -> object:
    return _initialised


_initialised: object = None


def _initialise(value: object) -> None:
    global _initialised
    _initialised = value


def test_pool_processes_freeze_what_they_inherit_then_run_their_initializer() -> None:
    from generator.output.pool import WorkerPool

    for fork in (True, False):
        with WorkerPool(1, _initialise, ("warm",), fork=fork) as pool:
            assert pool.submit(_frozen).result() > 0
            assert pool.submit(_seen).result() == "warm"


@pytest.mark.slow
def test_the_benchmarks_dump_holds_every_generated_page_and_the_nav(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The dump (bench.py's bare build reads it) is written by the page process, and the nav
    beside it before that process may have made the folder."""
    import yaml

    project = small_project(tmp_path)
    monkeypatch.chdir(project)
    dump = tmp_path / "dump"
    site = _build(project, "site", dump)
    assert yaml.safe_load((dump / "nav.yml").read_text(encoding="utf-8"))
    pages = {p.relative_to(dump).as_posix() for p in dump.rglob("*.md")}
    assert "roles/junior.md" in pages and len(pages) > 10
    for page in pages:
        html = (
            page[: -len(".md")] + "/index.html"
            if not page.endswith("index.md")
            else page[:-2] + "html"
        )
        assert (site / html).is_file(), page
