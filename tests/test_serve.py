"""`rolebook serve` with a role that breaks while serving: the last good site stays up at once,
with the error on every page, and the pages come back when the file is fixed (issue 23,
point 20)."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from .conftest import WriteRoles
from .test_site import make_project

pytestmark = pytest.mark.slow

ANSWER_WITHIN = 20
"""Seconds a request may take; MkDocs' own server held it until the role was fixed."""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str) -> str:
    """The page, or "" while the server is not up; a request that hangs fails the test."""
    try:
        with urllib.request.urlopen(url, timeout=ANSWER_WITHIN) as response:
            return str(response.read().decode("utf-8"))
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise AssertionError(f"{url} hangs") from None
        return ""
    except TimeoutError:
        raise AssertionError(f"{url} hangs") from None


def _until(check: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.5)
    raise AssertionError(f"not within {seconds} s: {what}")


@pytest.fixture
def served(write_roles: WriteRoles, tmp_path: Path) -> Iterator[tuple[Path, str]]:
    root = tmp_path / "project"
    root.mkdir()
    make_project(root, write_roles())
    with running(root, "serve", "roles/junior/", "Verkoper", "the first build") as base:
        yield root, base


@contextlib.contextmanager
def running(root: Path, command: str, page: str, text: str, what: str) -> Iterator[str]:
    """`rolebook COMMAND` on a free local port in `root`, until `page` shows `text`; yields the
    base URL. On the way out it is stopped, and it must not have printed a traceback."""
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", command, "-a", f"127.0.0.1:{port}"],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        _until(lambda: text in _get(base + page), 180, what)
        yield base
    finally:
        server.terminate()
        try:
            _, stderr = server.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            _, stderr = server.communicate()
        assert "Traceback" not in stderr, stderr


def test_a_broken_role_shows_on_the_last_good_site(served: tuple[Path, str]) -> None:
    root, base = served
    role = root / "roles" / "junior.yml"
    good = role.read_text(encoding="utf-8")
    role.write_text(good.replace("family: verkoop", "family: verkoopp"), encoding="utf-8")
    page = base + "roles/junior/"
    _until(lambda: "rb-build-error" in _get(page), 90, "the error banner")
    started = time.monotonic()
    html = _get(page)
    assert time.monotonic() - started < ANSWER_WITHIN
    assert "roles/junior.yml:2:9: error: unknown family &#x27;verkoopp&#x27;" in html, html
    assert "Verkoper</h1>" in html  # the last good page, under the banner
    assert "rb-build-error" in _get(base)  # on every page
    role.write_text(good, encoding="utf-8")
    _until(lambda: "rb-build-error" not in _get(page), 90, "the banner gone")
    assert "Verkoper</h1>" in _get(page)
