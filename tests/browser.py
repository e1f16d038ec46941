"""A real headless browser for tests: Debian's chromium driven by Playwright (never a downloaded
browser), and a static server for a built site on localhost."""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    error_pages: dict[str, Path] = {}  # noqa: RUF012 (set per server, in a subclass)

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        # like a web server's error_page per location: the longest matching URL prefix's page
        prefixes = sorted((p for p in self.error_pages if self.path.startswith(p)), key=len)
        if code != 404 or not prefixes:
            super().send_error(code, message, explain)
            return
        body = self.error_pages[prefixes[-1]].read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextlib.contextmanager
def serve_folder(folder: Path, error_pages: dict[str, Path] | None = None) -> Iterator[str]:
    """Serve `folder` on a free localhost port; yields the base URL. `error_pages` maps a URL
    prefix to the page sent for a missing URL under it (a site's 404.html)."""
    pages = dict(error_pages or {})
    handler = functools.partial(
        type("Handler", (_QuietHandler,), {"error_pages": pages}), directory=str(folder)
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Debian's chromium is required (apt-get install chromium)"
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()


class PageWatch:
    """Records every request and dialog of a page, to prove nothing left the host."""

    def __init__(self, page: Any, base_url: str) -> None:
        self.base_url = base_url
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    @property
    def foreign(self) -> list[str]:
        return [
            url
            for url in self.requests
            if not url.startswith((self.base_url, "data:", "blob:", "about:"))
        ]


# axe-core, as the PyPI package axe-playwright-python bundles it (axe.min.js, MPL 2.0): from a
# package registry, never fetched by the page.
FAILING_IMPACTS = ("serious", "critical")
FAILING_RULES = ("heading-order",)  # "moderate" to axe, but a skipped level loses the outline


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it is now that fail the tests: every serious or
    critical one, and the rules of FAILING_RULES."""
    from axe_playwright_python.base import AXE_SCRIPT

    page.evaluate(AXE_SCRIPT)
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [
        v
        for v in results["violations"]
        if v["impact"] in FAILING_IMPACTS or v["id"] in FAILING_RULES
    ]


def describe(violations: list[dict[str, Any]]) -> list[str]:
    """One line per violation and element, for an assertion message."""
    return [
        f"{v['id']} ({v['impact']}): {node['target']} {node['failureSummary'].splitlines()[-1]}"
        for v in violations
        for node in v["nodes"]
    ]
