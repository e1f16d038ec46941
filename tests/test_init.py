"""`rolebook init`: a new project that checks and builds, in the languages asked for, written
without overwriting anything; and the same from a built wheel in a fresh virtual environment."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.checks import check_catalog
from generator.cli import main

from .conftest import REPO

LIBRARY = ["organisation", "scales", "competencies", "families", "training", "onboarding"]
PAGES = ["index", "new-hires", "managers", "hr"]


def _init(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(main, ["init", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_a_new_project_has_every_file_and_checks_clean(runner: CliRunner, tmp_path: Path) -> None:
    out = _init(runner, "demo", "--organisation", "Acme B.V.")
    assert (
        out
        == "wrote 28 files into demo (nl, en)\nnext: cd demo && rolebook check && rolebook serve\n"
    )
    demo = tmp_path / "demo"
    expected = {
        "mkdocs.yml",
        "mkdocs.en.yml",
        "README.md",
        ".gitignore",
        ".github/workflows/site.yml",
        ".gitlab-ci.yml",
        "roles/klantenservicemedewerker.yml",
        *(f"roles/library/{name}.yml" for name in LIBRARY),
        *(f"docs/{lang}/{page}.md" for lang in ("nl", "en") for page in PAGES),
    }
    written = {p.relative_to(demo).as_posix() for p in demo.rglob("*") if p.is_file()}
    assert expected <= written
    assert {p for p in written if p.startswith("schema/")} == {
        f"schema/{name}.schema.json" for name in ["role", *LIBRARY]
    }
    cat, diagnostics, files = check_catalog(demo / "roles")
    assert [str(d) for d in diagnostics] == [] and files == 7
    assert cat is not None and cat.organisation.name is not None
    assert cat.organisation.name.root == {"nl": "Acme B.V.", "en": "Acme B.V."}
    assert cat.languages == ["nl", "en"]
    role = cat.roles["klantenservicemedewerker"]
    assert role.meta.status == "published" and role.grade is not None
    assert cat.families["klantenservice"].roles == ["klantenservicemedewerker"]
    # the wording checks find nothing to warn about either
    lint = runner.invoke(
        main, ["lint", "--roles-dir", "demo/roles", "--show", "warning", "--fail-level", "warning"]
    )
    assert lint.exit_code == 0, lint.output
    # the language switch links each site to the other
    nl = yaml.safe_load((demo / "mkdocs.yml").read_text())
    assert [a["link"] for a in nl["extra"]["alternate"]] == ["./", "en/"]
    en = (demo / "mkdocs.en.yml").read_text()
    assert en.startswith("# De Engelse site, onder site/en/.") and "INHERIT: mkdocs.yml\n" in en
    assert "link: ../\n" in en and "docs_dir: docs/en\n" in en


def test_the_ci_files_install_rolebook_build_and_publish(runner: CliRunner, tmp_path: Path) -> None:
    from generator import __version__

    _init(runner, "demo")
    demo = tmp_path / "demo"
    github = yaml.safe_load((demo / ".github/workflows/site.yml").read_text())
    steps = github["jobs"]["build"]["steps"]
    runs = [step.get("run", "") for step in steps]
    assert f'pip install "rolebook=={__version__}"' in runs
    assert "rolebook check" in runs and "rolebook build --site-dir site" in runs
    assert steps[0]["with"]["fetch-depth"] == 0  # the history of the roles
    assert steps[-1] == {"uses": "actions/upload-pages-artifact@v3", "with": {"path": "site"}}
    assert github["jobs"]["deploy"]["steps"][0]["uses"] == "actions/deploy-pages@v4"
    assert github["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    [cache] = [step for step in steps if step.get("uses") == "actions/cache@v4"]
    assert cache["with"]["path"] == ".rolebook-cache"  # PDFs, exports and checked roles
    assert "hashFiles('roles/**'" in cache["with"]["key"]
    assert steps.index(cache) < runs.index("rolebook build --site-dir site")
    gitlab = yaml.safe_load((demo / ".gitlab-ci.yml").read_text())
    assert gitlab["pages"]["artifacts"] == {"paths": ["public"]}
    assert "rolebook build --site-dir public" in gitlab["pages"]["script"]
    assert gitlab["variables"]["GIT_DEPTH"] == 0
    assert ".rolebook-cache/" in gitlab["cache"]["paths"]
    ignored = (demo / ".gitignore").read_text().splitlines()
    assert {"site/", ".cache/", ".venv/", ".rolebook-cache/"} <= set(ignored)
    readme = (demo / "README.md").read_text()
    for needed in ("rolebook serve", "rolebook check", "Pages", "roles/library/organisation.yml"):
        assert needed in readme


def test_one_language_is_written_in_that_language_only(runner: CliRunner, tmp_path: Path) -> None:
    _init(runner, "demo", "--languages", "en", "--organisation", "Acme Ltd")
    demo = tmp_path / "demo"
    assert not (demo / "mkdocs.nl.yml").exists() and not (demo / "mkdocs.en.yml").exists()
    assert not (demo / "docs" / "nl").exists()
    config = yaml.safe_load((demo / "mkdocs.yml").read_text())
    assert "extra" not in config  # no language switch
    assert config["theme"]["language"] == "en" and config["docs_dir"] == "docs/en"
    for path in (demo / "roles").rglob("*.yml"):
        assert not re.search(r"\bnl: ", path.read_text()), path
    cat, diagnostics, _ = check_catalog(demo / "roles")
    assert [str(d) for d in diagnostics] == []
    assert cat is not None and list(cat.roles) == ["customer-service-representative"]
    assert cat.default_language == "en" and "customer-service" in cat.families
    assert (demo / "README.md").read_text().startswith("# Acme Ltd role book\n")


def test_english_first_then_dutch(runner: CliRunner, tmp_path: Path) -> None:
    _init(runner, "demo", "--languages", "en,nl")
    demo = tmp_path / "demo"
    assert (demo / "mkdocs.nl.yml").is_file() and (demo / "docs/nl/hr.md").is_file()
    nl = yaml.safe_load(
        "\n".join(
            line
            for line in (demo / "mkdocs.nl.yml").read_text().splitlines()
            if not line.startswith("INHERIT")
        )
    )
    assert nl["site_dir"] == "site/nl" and nl["theme"]["language"] == "nl"
    cat, diagnostics, _ = check_catalog(demo / "roles")
    assert [str(d) for d in diagnostics] == []
    assert cat is not None and cat.languages == ["en", "nl"]
    assert cat.organisation.name is not None
    assert cat.organisation.name.root == {"en": "My organisation", "nl": "My organisation"}


def test_without_the_example(runner: CliRunner, tmp_path: Path) -> None:
    out = _init(runner, "demo", "--no-example")
    assert out.startswith("wrote 27 files into demo")
    cat, diagnostics, _ = check_catalog(tmp_path / "demo" / "roles")
    assert [str(d) for d in diagnostics] == [] and cat is not None and cat.roles == {}


def test_a_folder_that_is_not_empty_is_refused_and_nothing_is_overwritten(
    runner: CliRunner, tmp_path: Path
) -> None:
    demo = tmp_path / "demo"
    demo.mkdir()
    (demo / "mkdocs.yml").write_text("site_name: Ours\n")
    refused = runner.invoke(main, ["init", "demo"])
    assert refused.exit_code == 1
    assert "demo is not empty; --force adds the files that are missing" in refused.output
    assert sorted(p.name for p in demo.iterdir()) == ["mkdocs.yml"]
    forced = runner.invoke(main, ["init", "demo", "--force"])
    assert forced.exit_code == 0
    assert forced.stderr == "skipped demo/mkdocs.yml: it exists\n"
    assert (demo / "mkdocs.yml").read_text() == "site_name: Ours\n"
    assert (demo / "roles" / "library" / "organisation.yml").is_file()
    again = runner.invoke(main, ["init", "demo", "--force"])
    assert again.exit_code == 0 and again.stdout.startswith("wrote 0 files")
    assert len(again.stderr.splitlines()) == 28


@pytest.mark.parametrize(
    ("languages", "message"),
    [
        ("de", "'de': the starter project has texts in nl and en"),
        ("nl,nl", "'nl,nl' names a language twice"),
        (",", "give one or more languages"),
    ],
)
def test_languages_are_checked(runner: CliRunner, languages: str, message: str) -> None:
    result = runner.invoke(main, ["init", "demo", "--languages", languages])
    assert result.exit_code == 2 and message in result.output
    assert not Path("demo").exists()


# --- from a wheel -------------------------------------------------------------------------------


def _build_wheel(out: Path) -> Path:
    """The wheel of this checkout, built from a copy of its sources (no build/ or egg-info left
    in the checkout). Without build isolation when this environment has the setuptools the
    project needs (the test extra installs it), so no network is used."""
    source = out / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, source / name)
    shutil.copytree(
        REPO / "generator", source / "generator", ignore=shutil.ignore_patterns("__pycache__")
    )
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(source)]
    try:
        import setuptools

        if int(setuptools.__version__.split(".")[0]) >= 69:
            command.insert(4, "--no-build-isolation")
    except ImportError:
        pass
    subprocess.run(command, check=True, capture_output=True)
    return next(out.glob("rolebook-*.whl"))


def _venv_with(wheel: Path, folder: Path) -> Path:
    """A fresh virtual environment with the wheel installed from the file alone; its
    dependencies come from this environment through a .pth line (so nothing is downloaded).
    A .pth line adds a path without running that path's own .pth files, so this checkout's
    editable install stays out."""
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True, capture_output=True)
    python = folder / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
        check=True,
        capture_output=True,
    )
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    (Path(site) / "test-dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    return folder / "bin"


def _run(bin_dir: Path, cwd: Path, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    result = subprocess.run(
        [str(bin_dir / "rolebook"), *args], cwd=cwd, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, f"rolebook {' '.join(args)}:\n{result.stdout}\n{result.stderr}"
    return result.stdout + result.stderr


@pytest.mark.slow
def test_init_check_build_from_the_wheel(tmp_path: Path) -> None:
    wheel = _build_wheel(tmp_path)
    names = zipfile.ZipFile(wheel).namelist()
    for template in ("roles/example.yml.j2", "gitignore.j2", "docs/hr.en.md.j2", "mkdocs.yml.j2"):
        assert f"generator/starter/templates/{template}" in names
    bin_dir = _venv_with(wheel, tmp_path / "venv")
    where = subprocess.run(
        [str(bin_dir / "python"), "-c", "import generator; print(generator.__file__)"],
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    ).stdout
    assert where.startswith(str(tmp_path / "venv")), where  # the wheel, not this checkout

    # two languages: a page and a PDF of the example role in each, and the language switch
    _run(bin_dir, tmp_path, "init", "demo")
    demo = tmp_path / "demo"
    _run(bin_dir, demo, "check")
    _run(bin_dir, demo, "build")
    for prefix in ("", "en/"):
        site = demo / "site" / prefix
        page = (site / "roles" / "klantenservicemedewerker" / "index.html").read_text()
        assert 'hreflang="en"' in page and 'hreflang="nl"' in page
        assert (site / "pdf" / "klantenservicemedewerker.pdf").read_bytes().startswith(b"%PDF")
        assert 'class="md-select"' in (site / "index.html").read_text()

    # one language: no switch anywhere
    _run(bin_dir, tmp_path, "init", "solo", "--languages", "en")
    solo = tmp_path / "solo"
    _run(bin_dir, solo, "check")
    _run(bin_dir, solo, "build")
    site = solo / "site"
    assert not (site / "en").exists() and not (site / "nl").exists()
    role = "customer-service-representative"
    assert (site / "pdf" / f"{role}.pdf").read_bytes().startswith(b"%PDF")
    for page in site.rglob("*.html"):
        html = page.read_text()
        assert "hreflang" not in html and 'class="md-select"' not in html, page
    assert (site / "roles" / role / "index.html").is_file()


def test_init_with_shards_writes_a_matrix_and_a_merge(runner: CliRunner, tmp_path: Path) -> None:
    """The files under examples/ci/ are what `rolebook init --languages en --shards 4` writes
    (with the unpinned requirement): one source, so they cannot drift apart."""
    from generator.starter import Project, starter_files

    from .conftest import REPO

    result = runner.invoke(main, ["init", "demo", "--shards", "3"])
    assert result.exit_code == 0, result.output
    github = yaml.safe_load((tmp_path / "demo/.github/workflows/site.yml").read_text())
    assert github["jobs"]["shard"]["strategy"]["matrix"]["shard"] == [1, 2, 3]
    assert github["env"]["SHARDS"] == 3 and github["jobs"]["deploy"]["needs"] == "site"
    gitlab = yaml.safe_load((tmp_path / "demo/.gitlab-ci.yml").read_text())
    assert gitlab["shard"]["parallel"] == 3 and gitlab["pages"]["needs"] == ["shard"]
    assert runner.invoke(main, ["init", "other", "--shards", "0"]).exit_code == 2
    example = starter_files(Project("My organisation", ("en",), requirement='"rolebook"', shards=4))
    assert (REPO / "examples/ci/github-actions.yml").read_text() == example[
        ".github/workflows/site.yml"
    ]
    assert (REPO / "examples/ci/gitlab-ci.yml").read_text() == example[".gitlab-ci.yml"]
