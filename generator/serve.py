"""`rolebook serve`: MkDocs' development server, except that a rebuild that fails does not leave
the browser waiting. MkDocs holds every request until a build succeeds; here each rebuild goes to
a folder of its own, which replaces the served one only when the build succeeds. A failed one
leaves the last good site in place, with a banner on every page naming the file, line and
message, and the pages reload when a rebuild succeeds again. An adapter around MkDocs, like
the plugin."""

from __future__ import annotations

import html
import logging
import os
import re
import shutil
import signal
import tempfile
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from mkdocs.livereload import LiveReloadServer, _serve_url

log = logging.getLogger("mkdocs.rolebook.serve")

BANNER_ID = "rb-build-error"
BANNER_STYLE = (
    "position:sticky;top:0;z-index:10000;margin:0;padding:.75rem 1rem;background:#8b0000;"
    "color:#fff;font:14px/1.5 monospace;white-space:pre-wrap;overflow-wrap:anywhere"
)


def error_banner(problems: list[str]) -> str:
    """The banner that tops every page while the last rebuild has failed."""
    lines = "\n".join(html.escape(line) for problem in problems for line in problem.splitlines())
    return (
        f'<div id="{BANNER_ID}" role="alert" style="{BANNER_STYLE}"><strong>rolebook serve: the '
        "site could not be rebuilt; this is the last good build. Save a fix and the page "
        f"reloads.</strong>\n{lines}</div>"
    )


def with_banner(page: bytes, problems: list[str]) -> bytes:
    """The page with the banner first in its body."""
    banner = error_banner(problems).encode()
    body = re.search(rb"<body[^>]*>", page)
    at = body.end() if body else 0
    return page[:at] + banner + page[at:]


class _ErrorLog(logging.Handler):
    """The error lines MkDocs and the plugin log during one build."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


class Mounted(Protocol):
    """A WSGI application served beside the site, for the paths it handles (`rolebook edit`'s
    editor at /admin/ and its backend at /api/v1)."""

    def handles(self, path: str) -> bool: ...

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]: ...


class SiteServer(LiveReloadServer):
    """MkDocs' live-reload server with the error banner on its HTML pages, and an application
    of its own beside the site if given one."""

    def __init__(self, *, mounted: Mounted | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.problems: list[str] = []
        """The error lines of the last rebuild; empty when it succeeded."""
        self.mounted = mounted

    def _serve_request(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes] | None:
        if self.mounted is not None and self.mounted.handles(environ.get("PATH_INFO", "")):
            return self.mounted(environ, start_response)
        result: Iterable[bytes] | None = super()._serve_request(environ, start_response)
        return result

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        page: bytes = super()._inject_js_into_html(content, epoch)  # type: ignore[no-untyped-call]
        problems = self.problems
        return with_banner(page, problems) if problems else page


def serve_site(
    config_file: Path,
    *,
    dev_addr: str,
    dirty: bool,
    mounted: Mounted | None = None,
    **overrides: Any,
) -> None:
    """Build the site and serve it on `dev_addr` until interrupted, rebuilding on changes, with
    `mounted` beside it. `overrides` are settings of the config, as `mkdocs serve` takes them.
    Every build goes to a temporary folder, removed when the server stops (by Ctrl+C, or by
    `kill` likewise)."""
    holder = Path(tempfile.mkdtemp(prefix="rolebook-serve-"))
    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _interrupt) if main_thread else None
    try:
        _serve(
            config_file,
            holder,
            dev_addr=dev_addr,
            dirty=dirty,
            mounted=mounted,
            overrides=overrides,
        )
    finally:
        if main_thread:
            signal.signal(signal.SIGTERM, previous)
        shutil.rmtree(holder, ignore_errors=True)


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def _serve(
    config_file: Path,
    holder: Path,
    *,
    dev_addr: str,
    dirty: bool,
    mounted: Mounted | None,
    overrides: dict[str, Any],
) -> None:
    retired: list[str] = []
    """Folders of earlier builds: a request that was waiting for a rebuild may still read the
    one served before it, so each goes one rebuild later."""

    def configured(site_dir: str) -> Any:
        return load_config(
            config_file=str(config_file),
            site_dir=site_dir,
            dev_addr=dev_addr,
            strict=False,
            **overrides,
        )

    config = configured(tempfile.mkdtemp(dir=holder))
    config.plugins.on_startup(command="serve", dirty=dirty)
    host, port = config.dev_addr
    mount_path = urlsplit(config.site_url or "/").path
    config.site_url = serve_url = _serve_url(host, port, mount_path)

    def rebuild() -> None:
        """Build into a new folder (a dirty build: into the served one) and serve it when the
        build succeeds; a failure is logged and shown on the pages, never raised, so that MkDocs'
        server answers requests at once with the last good build."""
        target = server.root if dirty else tempfile.mkdtemp(dir=holder)
        log.info("Building documentation...")
        errors = _ErrorLog()
        logging.getLogger("mkdocs").addHandler(errors)
        try:
            again = configured(target)
            again.site_url = serve_url
            build(again, serve_url=serve_url, dirty=dirty)
        except Exception as exc:
            failed: Exception | None = exc
        else:
            failed = None
        finally:
            logging.getLogger("mkdocs").removeHandler(errors)
        if failed is not None:
            if not isinstance(failed, MkDocsException):  # not logged by MkDocs: a bug of ours
                log.error("the rebuild failed", exc_info=failed)
            server.problems = list(errors.messages) or [f"{type(failed).__name__}: {failed}"]
            log.error(
                "rolebook: the rebuild failed; serving the last good build with the error on "
                "every page until it is fixed"
            )
            if target != server.root:
                shutil.rmtree(target, ignore_errors=True)
            return
        server.problems = []
        if target != server.root:
            retired.append(server.root)
            server.root = target
            while len(retired) > 1:
                shutil.rmtree(retired.pop(0), ignore_errors=True)

    server = SiteServer(
        builder=rebuild,
        host=host,
        port=port,
        root=config.site_dir,
        mount_path=mount_path,
        mounted=mounted,
    )

    def error_page(code: int) -> bytes | None:
        page = os.path.join(server.root, f"{code}.html")
        if code in (404, 500) and os.path.isfile(page):
            return Path(page).read_bytes()
        return None

    server.error_handler = error_page
    try:
        log.info("Building documentation...")
        build(config, serve_url=serve_url, dirty=dirty)
        server.watch(config.docs_dir)
        if config.config_file_path:
            server.watch(config.config_file_path)
        server = config.plugins.on_serve(server, config=config, builder=rebuild)
        for item in config.watch:
            server.watch(item)
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        config.plugins.on_shutdown()
