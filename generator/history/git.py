"""Read role files from git without a checkout: one `git log` for the history of a folder and one
`git cat-file --batch` process for the contents, so the cost does not grow with a process per
role and revision."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

GIT_TIMEOUT = 120
"""Seconds for one git command; a hung git must not hang a build."""


class GitError(Exception):
    """git is missing, the folder is not in a repository, or a revision is unknown."""


@dataclass(frozen=True)
class Commit:
    sha: str
    date: dt.datetime
    subject: str
    changed: dict[str, str | None]
    """The files (repository paths) this commit changed in the folder: new blob id, or None when
    the file was deleted."""


def _env() -> dict[str, str]:
    # Plain, stable output whatever the user's configuration: no pager, no colour, C locale.
    env = dict(os.environ, GIT_PAGER="cat", LC_ALL="C", GIT_CONFIG_NOSYSTEM="1")
    env.pop("GIT_DIR", None)
    env.pop("GIT_WORK_TREE", None)
    return env


def _run(
    folder: Path, args: tuple[str, ...], stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    """One git command in `folder`; GitError when git cannot run or hangs."""
    try:
        return subprocess.run(
            ["git", "-C", str(folder), *args],
            input=stdin,
            capture_output=True,
            timeout=GIT_TIMEOUT,
            env=_env(),
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise GitError(f"git {args[0]} failed: {exc}") from None


@dataclass
class Repository:
    """A git work tree that holds a roles folder."""

    top: Path
    blobs: dict[str, bytes] = field(default_factory=dict, repr=False)

    @staticmethod
    def find(folder: Path) -> Repository:
        """The repository holding `folder`; GitError when there is none or git is missing."""
        if shutil.which("git") is None:
            raise GitError("git is not installed")
        done = _run(folder, ("rev-parse", "--show-toplevel"))
        if done.returncode != 0:
            raise GitError(f"{folder} is not in a git repository")
        return Repository(Path(done.stdout.decode().strip()).resolve())

    def _git(self, *args: str, stdin: bytes | None = None) -> bytes:
        done = _run(self.top, args, stdin)
        if done.returncode != 0:
            message = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise GitError(message[-1] if message else f"git {args[0]} failed")
        return done.stdout

    def relative(self, path: Path) -> str:
        """A path as git names it: relative to the top, with forward slashes."""
        try:
            return path.resolve().relative_to(self.top).as_posix()
        except ValueError:
            raise GitError(f"{path} is outside the repository at {self.top}") from None

    def has_commits(self) -> bool:
        try:
            self._git("rev-parse", "--verify", "-q", "HEAD^{commit}")
        except GitError:
            return False
        return True

    def log(self, folder: Path) -> list[Commit]:
        """The commits that changed `folder`, oldest first, along the first-parent line (the
        history of the branch, merges seen as one change)."""
        if not self.has_commits():
            return []
        out = self._git(
            "log",
            "--reverse",
            "--first-parent",
            "-m",
            "--raw",
            "--no-abbrev",
            "--no-renames",
            "-z",
            "--format=%x1e%H%x1f%aI%x1f%s",
            "--",
            self.relative(folder) or ".",
        )
        commits = []
        for record in out.decode("utf-8", "replace").split("\x1e")[1:]:
            header, _, raw = record.partition("\x00")  # -z ends the header with NUL
            sha, date, subject = header.split("\x1f", 2)
            changed: dict[str, str | None] = {}
            fields = raw.strip("\n\x00").split("\x00")
            # -z --raw: ":old_mode new_mode old_sha new_sha status" NUL path NUL
            for meta, path in zip(fields[::2], fields[1::2], strict=False):
                parts = meta.strip().split()
                if len(parts) == 5:
                    changed[path] = None if parts[4].startswith("D") else parts[3]
            commits.append(Commit(sha, dt.datetime.fromisoformat(date), subject, changed))
        return commits

    def resolve(self, rev: str) -> str:
        """The commit id a revision names; GitError when it names none."""
        try:
            out = self._git("rev-parse", "--verify", "-q", "--end-of-options", f"{rev}^{{commit}}")
        except GitError:
            raise GitError(f"unknown revision '{rev}'") from None
        return out.decode().strip()

    def read(self, specs: list[str]) -> dict[str, bytes | None]:
        """The contents of blobs, named as `git cat-file` takes them (a blob id or REV:PATH); None
        for names that do not exist. Blobs are kept, so asking twice costs nothing."""
        wanted = [s for s in dict.fromkeys(specs) if s not in self.blobs]
        missing: set[str] = set()
        if wanted:
            if any("\n" in s for s in wanted):
                raise GitError("a path with a line break cannot be read from git")
            out = self._git("cat-file", "--batch", stdin="".join(f"{s}\n" for s in wanted).encode())
            position = 0
            for spec in wanted:
                end = out.index(b"\n", position)
                header = out[position:end].decode("utf-8", "replace").split()
                position = end + 1
                if len(header) >= 2 and header[-1] == "missing":
                    missing.add(spec)
                    continue
                kind, size = header[1], int(header[2])
                body = out[position : position + size]
                position += size + 1
                if kind == "blob":
                    self.blobs[spec] = body
                else:
                    missing.add(spec)
        return {s: (None if s in missing else self.blobs.get(s)) for s in specs}
