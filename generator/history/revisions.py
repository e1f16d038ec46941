"""A role as it was: read from a file or from git, inheritance applied, validated; and the versions
of every role of a catalog from its git history."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..catalog import ROLE_SUFFIXES, Catalog
from ..errors import Diagnostic, Location, error
from ..inherit import MAX_DEPTH, resolve_sources
from ..load import Source, load_bytes, load_file
from ..model import Role, validation_context
from ..validate import validate_source
from .diff import RoleDiff, diff_roles
from .git import Commit, GitError, Repository

ParentReader = Callable[[str], Source | list[Diagnostic] | None]
"""A parent role by id: its parsed file, None when there is no such role, or the problems that
stop it from being read."""

HISTORY_LIMIT = 20
"""Versions shown per role: the newest ones."""


class RoleUnreadable(Exception):
    """A version of a role that cannot be read, with the problems found."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__("; ".join(str(d) for d in diagnostics))
        self.diagnostics = diagnostics


def _usable(source: Source | None, problems: list[Diagnostic]) -> Source | list[Diagnostic]:
    """A parsed parent file, or the problems that stop it from being used."""
    return problems if source is None or problems else source


def resolve(
    source: Source, read_parent: ParentReader, languages: list[str], default_language: str
) -> Role:
    """A parsed role file with its parents applied and validated; RoleUnreadable otherwise.
    The parents are read as far as `extends` goes; inheritance itself is the catalog's
    (inherit.resolve_sources)."""
    role_id = source.path.stem
    sources = {role_id: source}
    current = source
    while isinstance(current.data, dict) and isinstance(current.data.get("extends"), str):
        parent_id = current.data["extends"]
        if parent_id in sources or len(sources) > MAX_DEPTH:
            break  # resolve_sources names the cycle or the depth
        parent = read_parent(parent_id)
        if parent is None:
            break  # ... and the unknown role
        if isinstance(parent, list):
            raise RoleUnreadable(parent)
        sources[parent_id] = current = parent
    resolved, problems = resolve_sources(sources)
    merged = resolved.get(role_id)
    if merged is None or problems:
        raise RoleUnreadable(problems)
    if isinstance(merged.data, dict):
        merged.data.setdefault("id", role_id)
    role, problems = validate_source(merged, Role, validation_context(languages, default_language))
    if role is None:
        raise RoleUnreadable(problems)
    return role


def resolve_file(path: Path, display: str, roles_dir: Path, cat: Catalog | None) -> Role:
    """A role file anywhere on disk; its parents are looked up beside it, then in roles_dir."""
    source, problems = load_file(path, display)
    if source is None or problems:
        raise RoleUnreadable(problems)

    def read_parent(role_id: str) -> Source | list[Diagnostic] | None:
        for folder in dict.fromkeys([path.parent, roles_dir]):
            for suffix in ROLE_SUFFIXES:
                candidate = folder / f"{role_id}{suffix}"
                if candidate.is_file():
                    return _usable(*load_file(candidate, str(candidate)))
        return None

    languages = cat.languages if cat else ["nl", "en"]
    return resolve(source, read_parent, languages, cat.default_language if cat else languages[0])


def _git_parent_reader(
    repo: Repository, rev: str, folder: str, display: Callable[[str], str]
) -> ParentReader:
    def read_parent(role_id: str) -> Source | list[Diagnostic] | None:
        for suffix in ROLE_SUFFIXES:
            spec = f"{rev}:{folder}/{role_id}{suffix}" if folder else f"{rev}:{role_id}{suffix}"
            raw = repo.read([spec])[spec]
            if raw is not None:
                return _usable(
                    *load_bytes(raw, display(f"{role_id}{suffix}"), Path(role_id + suffix))
                )
        return None

    return read_parent


def resolve_at(repo: Repository, rev: str, roles_dir: Path, role_id: str, cat: Catalog) -> Role:
    """A role as it was at a git revision."""
    commit = repo.resolve(rev)
    folder = repo.relative(roles_dir)

    def display(name: str) -> str:
        return f"{rev}:{folder}/{name}" if folder else f"{rev}:{name}"

    reader = _git_parent_reader(repo, commit, folder, display)
    found = reader(role_id)
    if found is None:
        raise RoleUnreadable(
            [error(Location(display(f"{role_id}.yml")), f"no role '{role_id}' at {rev}")]
        )
    if isinstance(found, list):
        raise RoleUnreadable(found)
    return resolve(found, reader, cat.languages, cat.default_language)


# --- the history of a catalog ------------------------------------------------------------------


@dataclass(frozen=True)
class Version:
    """One version of a role: the last commit that had it, and what changed since the version
    before."""

    role: Role
    commit: Commit | None
    """None: changes in the working copy that are not committed yet."""
    diff: RoleDiff | None
    """Against the version before; None for the first version."""
    slug: str
    """The version as it appears in the change notice's address."""


@dataclass
class History:
    versions: dict[str, list[Version]] = field(default_factory=dict)
    """Per role id, newest first."""
    notices: list[str] = field(default_factory=list)
    """Versions that could not be read, for the build log."""


def slug(version: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", version).strip("-.") or "version"


_committed: dict[tuple[str, ...], tuple[dict[str, list[tuple[Role, Commit]]], list[str]]] = {}
"""The committed versions, per repository, folder and HEAD: commits do not change, so the
languages of one build and the rebuilds of `serve` share them."""


def _committed_versions(
    repo: Repository, cat: Catalog, limit: int
) -> tuple[dict[str, list[tuple[Role, Commit]]], list[str]]:
    folder = repo.relative(cat.root)
    key = (
        str(repo.top),
        folder,
        repo.resolve("HEAD") if repo.has_commits() else "",
        str(limit),
        ",".join(cat.languages),
    )
    if key in _committed:
        return _committed[key]
    prefix = f"{folder}/" if folder else ""
    # A role changes with its own file and with the files of the roles it extends.
    affected: dict[str, list[str]] = {}
    for role_id in cat.roles:
        current: str | None = role_id
        for _ in range(MAX_DEPTH + 1):
            if current is None or current not in cat.files:
                break
            affected.setdefault(f"{prefix}{cat.files[current].name}", []).append(role_id)
            current = cat.roles[current].extends if current in cat.roles else None
    commits = repo.log(cat.root)
    state: dict[str, str] = {}  # the blob of every role file of the folder, commit by commit
    parents: dict[str, tuple[Source | None, list[Diagnostic]]] = {}  # parsed parents, by blob
    found: dict[str, list[tuple[Role, Commit]]] = {}
    notices: list[str] = []

    def display(name: str, commit: Commit) -> str:
        return f"{commit.sha[:10]}:{prefix}{name}"

    for commit in commits:
        for path, blob in commit.changed.items():
            if blob is None:
                state.pop(path, None)
            else:
                state[path] = blob
        # One git process per commit for the role files it changed.
        touched = dict.fromkeys(r for p in commit.changed for r in affected.get(p, []))
        paths = [f"{prefix}{cat.files[r].name}" for r in touched]
        repo.read([state[p] for p in paths if p in state])
        for role_id in touched:
            path = f"{prefix}{cat.files[role_id].name}"
            blob = state.get(path)
            if blob is None:
                continue

            def read_parent(
                parent_id: str, commit: Commit = commit
            ) -> Source | list[Diagnostic] | None:
                for suffix in ROLE_SUFFIXES:
                    parent_blob = state.get(f"{prefix}{parent_id}{suffix}")
                    if parent_blob is None:
                        continue
                    if parent_blob not in parents:  # a parent is read once, not once per child
                        raw = repo.read([parent_blob])[parent_blob]
                        if raw is None:
                            return None
                        parents[parent_blob] = load_bytes(
                            raw, display(parent_id + suffix, commit), Path(parent_id + suffix)
                        )
                    return _usable(*parents[parent_blob])
                return None

            raw = repo.read([blob])[blob]
            if raw is None:
                continue
            name = path.rsplit("/", 1)[-1]
            source, problems = load_bytes(raw, display(name, commit), Path(name))
            try:
                if source is None or problems:
                    raise RoleUnreadable(problems)
                role = resolve(source, read_parent, cat.languages, cat.default_language)
            except RoleUnreadable as exc:
                notices.append(
                    f"history of {role_id}: skipped a version that cannot be read: {exc}"
                )
                continue
            versions = found.setdefault(role_id, [])
            if versions and versions[-1][0] == role:
                continue  # e.g. a parent's change that this role overrides
            if versions and versions[-1][0].meta.version == role.meta.version:
                versions[-1] = (role, commit)  # the last commit of a version is the version
            else:
                versions.append((role, commit))
        repo.blobs.clear()  # parsed already; keep memory flat on long histories
    for role_id, versions in found.items():
        found[role_id] = versions[-limit - 1 :]  # one more than shown: the first shown has a diff
    _committed.clear()
    _committed[key] = (found, notices)
    return found, notices


def catalog_history(cat: Catalog, limit: int = HISTORY_LIMIT) -> History:
    """Every role's versions from git, newest first, with the working copy's uncommitted changes
    on top. GitError when the catalog is not in a git repository."""
    repo = Repository.find(cat.root)
    committed, notices = _committed_versions(repo, cat, limit)
    history = History(notices=list(notices))
    for role_id, role in cat.roles.items():
        pairs: list[tuple[Role, Commit | None]] = list(committed.get(role_id, []))
        if not pairs or pairs[-1][0] != role:
            pairs.append((role, None))
        versions: list[Version] = []
        used: set[str] = set()
        for i, (version_role, commit) in enumerate(pairs):
            name = slug(version_role.meta.version)
            if commit is None:
                name = f"{name}-uncommitted"
            unique, n = name, 2
            while unique in used:
                unique, n = f"{name}-{n}", n + 1
            used.add(unique)
            diff = diff_roles(pairs[i - 1][0], version_role) if i else None
            versions.append(Version(version_role, commit, diff, unique))
        if len(committed.get(role_id, [])) > limit:
            versions = versions[1:]  # only there to give the oldest shown version its diff
        history.versions[role_id] = versions[::-1]
    return history


__all__ = [
    "GitError",
    "History",
    "RoleUnreadable",
    "Version",
    "catalog_history",
    "resolve",
    "resolve_at",
    "resolve_file",
]


# --- honest versions ---------------------------------------------------------------------------


UNVERSIONED = ("vacancy",)
"""Parts of a role file that are not the role: opening or closing a vacancy is no new version."""


def _versioned(data: object) -> object:
    if not isinstance(data, dict):
        return data
    return {k: v for k, v in data.items() if k not in UNVERSIONED}


def unbumped_versions(cat: Catalog) -> list[Diagnostic]:
    """A warning for every role whose content changed since the last commit while its
    meta.version did not: through its own file (formatting and comments are not content: the
    parsed data is compared) or through a role it extends. Nothing is reported outside a git
    repository or for roles not committed yet."""
    from ..errors import display_path, warning

    try:
        repo = Repository.find(cat.root)
        if not repo.has_commits():
            return []
        specs = {role_id: f"HEAD:{repo.relative(path)}" for role_id, path in cat.files.items()}
        committed = repo.read(list(specs.values()))
    except GitError:
        return []
    found = []
    changed: set[str] = set()
    versions: dict[str, object] = {}
    for role_id, path in cat.files.items():
        raw = committed.get(specs[role_id])
        before = load_bytes(raw, f"HEAD:{path.name}")[0] if raw is not None else None
        if before is None or not isinstance(before.data, dict):
            continue
        meta = before.data.get("meta")
        versions[role_id] = meta.get("version") if isinstance(meta, dict) else None
        now, _ = load_file(path, display_path(path))
        if now is None or _versioned(before.data) == _versioned(now.data):
            continue
        changed.add(role_id)
        if versions[role_id] == cat.roles[role_id].meta.version:
            found.append(
                warning(
                    now.at(("meta", "version")),
                    "the content changed since the last commit but meta.version is still "
                    f"'{cat.roles[role_id].meta.version}'",
                    "raise the version (and meta.effective if the date changes) so the history "
                    "and the change notices can tell the versions apart",
                )
            )
    for role_id, role in cat.roles.items():
        if role_id in changed or versions.get(role_id) != role.meta.version:
            continue
        ancestors, current = [], role.extends
        while current in cat.roles and current not in ancestors:
            ancestors.append(current)
            current = cat.roles[current].extends
        through = [a for a in ancestors if a in changed]
        if not through:
            continue
        try:
            before_role = resolve_at(repo, "HEAD", cat.root, role_id, cat)
        except (RoleUnreadable, GitError):
            continue
        if before_role.model_copy(update={"meta": role.meta}) != role:
            found.append(
                warning(
                    cat.sources[role_id].at(("meta", "version")),
                    f"the content changed since the last commit through '{through[0]}', which "
                    f"this role extends, but meta.version is still '{role.meta.version}'",
                    "raise the version of this role too",
                )
            )
    return found
