"""Generated pages kept on disk for one build, so that the pages of a large catalog do not all
sit in memory: their Markdown until MkDocs reads it, their HTML from its conversion until the
page is written out."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


class PageStore:
    """A folder of this build's pages under `cache_dir/pages/`, removed by `close()`. A folder
    left by a build that was killed is removed by the next one (its process is gone)."""

    def __init__(self, cache_dir: Path, lang: str, *, keep: bool = False) -> None:
        """With `keep` (`rolebook serve --dirty`), the store lives across rebuilds and a page
        whose Markdown did not change is not written again: its file keeps its time, so MkDocs'
        dirty build skips it."""
        self.lang = lang
        self.keep = keep
        parent = cache_dir / "pages"
        parent.mkdir(parents=True, exist_ok=True)
        for folder in parent.iterdir():
            owner = folder.name.split("-")[1] if folder.name.count("-") >= 2 else ""
            if owner.isdigit() and not _alive(int(owner)):
                shutil.rmtree(folder, ignore_errors=True)
        self.root = Path(tempfile.mkdtemp(prefix=f"{lang}-{os.getpid()}-", dir=parent))

    def path_of(self, path: str) -> Path:
        """Where a page's Markdown is kept."""
        return self.root / path

    def write(self, path: str, markdown: str) -> Path:
        target = self.path_of(path)
        if self.keep and target.is_file() and target.read_text(encoding="utf-8") == markdown:
            return target
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown, encoding="utf-8")
        return target

    def _html_file(self, path: str) -> Path:
        return self.root / "html" / f"{path}.html"

    def park_html(self, path: str, html: str) -> None:
        """Keep a page's HTML here between its conversion and its template."""
        target = self._html_file(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")

    def take_html(self, path: str) -> str | None:
        """A parked page's HTML (None when it was never parked); the file stays for `close`."""
        try:
            return self._html_file(path).read_text(encoding="utf-8")
        except FileNotFoundError:
            return None

    def close(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
