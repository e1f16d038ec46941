"""The MkDocs plugin as MkDocs runs it: watch list, positioned errors, no traceback."""

from __future__ import annotations

import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from mkdocs.config import load_config

from .test_site import make_project

pytestmark = pytest.mark.slow


def test_roles_folder_is_watched_and_pages_are_generated(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    config = load_config(config_file=str(project / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=False)
    config = config.plugins.on_config(config)
    assert str(project / "roles") in config.watch
    plugin = config.plugins["rolebook"]
    assert plugin._options(config).pdfs is False  # off while serving


def test_invalid_role_fails_mkdocs_build_with_positions(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    role = project / "roles" / "accountmanager.yml"
    role.write_text(
        role.read_text(encoding="utf-8").replace("level: 1", "level: hoog", 1), encoding="utf-8"
    )
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 1
    assert "roles/accountmanager.yml:" in result.stderr
    assert "expected a whole number, got 'hoog'" in result.stderr
    assert "Traceback" not in result.stderr


def test_serve_reloads_after_a_role_edit(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    port = 18000 + (int(time.time()) % 1000)
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/roles/verkoper/"
    try:
        assert "Verkoper" in _fetch_when_ready(url, lambda page: True)
        role = project / "roles" / "verkoper.yml"
        role.write_text(
            role.read_text(encoding="utf-8").replace(
                "title: {nl: Verkoper", "title: {nl: Verkoopadviseur", 1
            ),
            encoding="utf-8",
        )
        page = _fetch_when_ready(url, lambda page: "Verkoopadviseur" in page)
        assert "Verkoopadviseur" in page
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert "Traceback" not in output


def _fetch_when_ready(url: str, done: object, timeout: float = 120) -> str:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                last = response.read().decode()
                if done(last):  # type: ignore[operator]
                    return last
        except OSError:
            pass
        time.sleep(0.5)
    return last


def test_dirty_serve_rebuilds_only_the_edited_roles_pages(tmp_path: Path) -> None:
    from mkdocs.commands.build import build

    (tmp_path / "project").mkdir()
    project = make_project(tmp_path / "project")
    site = tmp_path / "site"

    def rebuild() -> None:
        config = load_config(
            config_file=str(project / "mkdocs.yml"), site_dir=str(site), strict=False
        )
        config.plugins.on_startup(command="serve", dirty=True)
        build(config, dirty=True)

    rebuild()
    pages = {p: p.stat().st_mtime_ns for p in site.glob("roles/*/index.html")}
    time.sleep(1.1)
    role = project / "roles" / "verkoper.yml"
    text = role.read_text(encoding="utf-8")
    edited = text.replace("summary:\n  nl: ", "summary:\n  nl: Nieuw. ", 1)
    assert edited != text
    role.write_text(edited, encoding="utf-8")
    rebuild()
    changed = {p for p, mtime in pages.items() if p.stat().st_mtime_ns != mtime}
    assert changed == {site / "roles" / "verkoper" / "index.html"}
    page = (site / "roles" / "verkoper" / "index.html").read_text(encoding="utf-8")
    assert "Nieuw. " in page
    # the menu of the rebuilt page still names the pages that were not read again
    assert re.search(r'href="\.\./hoofd-verkoop/"[^>]*>\s*<span class="md-ellipsis">\s*Hoofd', page)


@pytest.mark.parametrize(
    ("config", "old", "new", "message"),
    [
        (
            "mkdocs.en.yml",
            "  - rolebook:\n      roles_dir: roles\n      lang: en",
            "  - rolebook:\n      roles_dir: roles\n      lang: nl",
            "mkdocs.en.yml: the rolebook plugin's lang is 'nl' but theme.language is 'en'",
        ),
        (
            "mkdocs.yml",
            "      lang: nl\n\nmarkdown",
            "      lang: de\n\nmarkdown",
            "mkdocs.yml: the rolebook plugin's lang is 'de' but theme.language is 'nl'",
        ),
    ],
    ids=["english-config-says-nl", "unknown-language"],
)
def test_a_language_mismatch_stops_the_build_naming_the_config(
    tmp_path: Path, config: str, old: str, new: str, message: str
) -> None:
    from .test_site import rolebook

    project = make_project(tmp_path)
    path = project / config
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    result = rolebook(project, "build", "--no-pdf")
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr and not (project / "site").exists()


def test_a_config_whose_language_is_another_languages_is_refused(tmp_path: Path) -> None:
    """mkdocs.en.yml that says nl in both places would build a second Dutch site."""
    from .test_site import rolebook

    project = make_project(tmp_path)
    path = project / "mkdocs.en.yml"
    text = path.read_text(encoding="utf-8").replace("lang: en", "lang: nl")
    path.write_text(text.replace("language: en", "language: nl"), encoding="utf-8")
    result = rolebook(project, "build", "--no-pdf")
    assert result.returncode == 1
    assert "mkdocs.en.yml builds language 'nl', but it is the config of 'en'" in result.stderr


@pytest.mark.parametrize(
    ("edit_url", "message"),
    [
        (None, None),
        ("https://git.example.org/hr/rolebook/-/edit/main/{path}", None),
        ("https://git.example.org/hr/rolebook/-/edit/main/", "needs {path}"),
        ("https://git.example.org/{branch}/{path}", "needs {path}"),
        ("javascript:alert(1)//{path}", "is not an http(s) URL"),
    ],
)
def test_edit_url_is_checked(tmp_path: Path, edit_url: str | None, message: str | None) -> None:
    from mkdocs.exceptions import PluginError

    project = make_project(tmp_path)
    config = load_config(config_file=str(project / "mkdocs.yml"))
    config.plugins["rolebook"].config.edit_url = edit_url
    if message is None:
        config.plugins.on_config(config)
        return
    with pytest.raises(PluginError, match=re.escape(message)):
        config.plugins.on_config(config)


def test_editor_backend_publishes_the_editor_with_the_default_languages_site(
    tmp_path: Path,
) -> None:
    """`editor_backend` writes the editor of `rolebook edit` into site/admin/ for a git host:
    Decap's files and a config.yml with that backend and the roles folder's collections."""
    import yaml

    project = make_project(tmp_path)
    for name in ("mkdocs.yml", "mkdocs.en.yml"):
        config_file = project / name
        text = config_file.read_text(encoding="utf-8")
        text = text.replace(
            "      roles_dir: roles\n",
            "      roles_dir: roles\n      editor_backend: {name: gitlab, repo: hr/rolebook}\n",
        )
        config_file.write_text(text, encoding="utf-8")
    for name, published in (("mkdocs.yml", True), ("mkdocs.en.yml", False)):
        site = tmp_path / f"site-{name}"
        config = load_config(config_file=str(project / name), site_dir=str(site))
        config.plugins.on_startup(command="build", dirty=False)
        config = config.plugins.on_config(config)
        config.plugins["rolebook"].on_post_build(config=config)
        assert (site / "admin" / "config.yml").exists() is published, name
        config.plugins.on_shutdown()
    admin = tmp_path / "site-mkdocs.yml" / "admin"
    made = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
    assert made["backend"] == {"name": "gitlab", "repo": "hr/rolebook"}
    assert made["publish_mode"] == "editorial_workflow"
    assert [c["name"] for c in made["collections"]] == ["roles", "library"]
    assert made["collections"][0]["folder"] == "roles"
    assert {"index.html", "decap-cms.js", "decap-cms.LICENSE"} <= {p.name for p in admin.iterdir()}
