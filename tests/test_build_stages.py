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

from .conftest import WriteRoles
from .test_shards import _tree, small_project


def _build(project: Path, site: str) -> Path:
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(project / site))
    config.plugins["rolebook"].config.pdf = False
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
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from generator import checks, loadcache
    from generator.cli import main

    project = small_project(tmp_path)
    monkeypatch.chdir(project)
    (project / "roles" / "old").mkdir()  # a warning, said on every build
    (project / "roles" / "old" / "junior.yml").write_text("title: x\n", encoding="utf-8")
    calls: list[Path] = []
    real = checks.check_catalog

    def counted(path: Path) -> object:
        calls.append(path)
        return real(path)

    monkeypatch.setattr(loadcache, "check_catalog", counted)
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


def test_a_large_folder_parsed_in_two_processes_reads_as_in_one(
    write_roles: WriteRoles, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same sources and the same messages, in the same order, broken files included."""
    from generator import load
    from generator.checks import check_catalog

    from .conftest import JUNIOR

    files: dict[str, str | bytes | None] = {
        f"rol-{n:03d}.yml": JUNIOR.replace("Verkoper", f"Verkoper {n}") for n in range(45)
    }
    files["rol-007.yml"] = "title: [\n"  # a syntax error
    files["rol-030.yml"] = b"title: \xff\n"  # not UTF-8, in the second process's half
    root = write_roles(files)
    monkeypatch.setattr(load, "PARALLEL_FROM", 10**9)
    one, said_one, count_one = check_catalog(root)
    monkeypatch.setattr(load, "PARALLEL_FROM", 2)
    calls: list[str] = []
    real = load.load_file

    def counted(path: Path, display: str) -> object:
        calls.append(display)  # in this process only: the other one counts in its own copy
        return real(path, display)

    monkeypatch.setattr(load, "load_file", counted)
    two, said_two, count_two = check_catalog(root)
    assert 10 < len(calls) < 40  # this process parsed about half of the 47 role files
    assert said_two == said_one and count_two == count_one
    assert any("rol-007.yml:2:" in str(d) for d in said_one)
    assert any("rol-030.yml" in str(d) and "UTF-8" in str(d) for d in said_one)
    assert one is None and two is None  # errors: no catalog, in either way
    files.pop("rol-007.yml"), files.pop("rol-030.yml")
    for name in ("rol-007.yml", "rol-030.yml"):
        (root / name).unlink()
    monkeypatch.setattr(load, "PARALLEL_FROM", 10**9)
    fine_one = check_catalog(root)
    monkeypatch.setattr(load, "PARALLEL_FROM", 2)
    fine_two = check_catalog(root)
    assert fine_one[0] is not None and fine_two[0] is not None
    assert fine_two[0].roles == fine_one[0].roles and fine_two[0].sources == fine_one[0].sources
    assert fine_two[1:] == fine_one[1:]
