"""The Catalog (the library and the resolved roles) and how a roles folder is read into one:
files parsed and validated, `extends` applied. The checks across roles live in checks.py, which
loads a catalog through `read_catalog`; views of a catalog (career, competencies) build on it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .errors import Diagnostic, Location, display_path, error, warning
from .inherit import resolve_sources
from .load import PathKey, Source, load_file
from .model import (
    ID_PATTERN,
    ID_RULE,
    LIBRARY_FILES,
    CompetenciesFile,
    Competency,
    FamiliesFile,
    Family,
    OnboardingFile,
    Organisation,
    Role,
    Scale,
    ScalesFile,
    Text,
    TrainingFile,
    TrainingItem,
    validation_context,
)
from .validate import validate_source

MAX_ROLES = 5_000
PAGE_LINK = re.compile(r"^(?!/)(?!.*\.\.)[A-Za-z0-9_/-]+\.md$")
"""A hand-written page of the site, relative to docs/<lang>/: no scheme, no way out."""
ROLE_SUFFIXES = (".yml", ".yaml")


@dataclass
class Catalog:
    """Everything Rolebook renders: the library and the resolved roles, in a stable order."""

    root: Path
    organisation: Organisation
    scales: dict[str, Scale]
    competencies: dict[str, Competency]
    families: dict[str, Family]
    training: dict[str, TrainingItem]
    onboarding: OnboardingFile
    roles: dict[str, Role]
    sources: dict[str, Source] = field(default_factory=dict)
    """The resolved source of each role (data and positions), for later diagnostics."""
    files: dict[str, Path] = field(default_factory=dict)
    """The file each role was written in."""
    memo: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)
    """Views computed once per loaded catalog (ladders, the career graph): a catalog is not
    changed after loading, and recomputing them per page made large builds quadratic."""

    @property
    def languages(self) -> list[str]:
        return list(self.organisation.languages)

    @property
    def default_language(self) -> str:
        return self.organisation.default_language

    def forget_sources(self) -> None:
        """Drop what the sources hold for diagnostics (raw data, the position of every value),
        keeping each role's file name: for a build that only renders, where at 1,000 roles the
        positions alone were over a million objects held to the end."""
        self.sources = {
            role_id: Source(source.path, source.display, {})
            for role_id, source in self.sources.items()
        }

    def family_roles(self, family_id: str) -> list[Role]:
        """The family's roles in ladder order: the family's list first, then by level and id."""
        key = ("family_roles", family_id)
        if key not in self.memo:
            self.memo[key] = self._family_roles(family_id)
        return list(self.memo[key])

    def _family_roles(self, family_id: str) -> list[Role]:
        members = [r for r in self.roles.values() if r.family == family_id]
        order = (
            {rid: i for i, rid in enumerate(self.families[family_id].roles)}
            if family_id in self.families
            else {}
        )
        return sorted(members, key=lambda r: (order.get(r.id, len(order)), r.level, r.id))


@dataclass
class LoadState:
    """What reading a roles folder found besides the catalog."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0
    role_ids: set[str] = field(default_factory=set)
    """Every role id that was read, valid or not, so that references to a broken role are not
    reported as unknown as well."""
    missing: set[str] = field(default_factory=set)
    """Library files that do not exist (competencies, scales, ...): what roles refer to in them
    is reported once, naming the file, not once per reference."""


def _load_library(
    root: Path, state: LoadState
) -> tuple[dict[str, BaseModel | None], dict[str, Source]]:
    library = root / "library"
    models: dict[str, BaseModel | None] = {}
    sources: dict[str, Source] = {}
    context = validation_context(["nl", "en"], "nl")
    for name, model in LIBRARY_FILES.items():
        path = library / f"{name}.yml"
        if not path.exists():
            models[name] = model()
            state.missing.add(name)
            continue
        state.files += 1
        source, problems = load_file(path, display_path(path))
        state.diagnostics += problems
        if source is None or problems:
            models[name] = None
            continue
        sources[name] = source
        obj, problems = validate_source(source, model, context)
        state.diagnostics += problems
        models[name] = obj
        if name == "organisation" and isinstance(obj, Organisation):
            context = validation_context(list(obj.languages), obj.default_language)
    return models, sources


def _unique(
    items: list[Any], what: str, source: Source | None, key: str, state: LoadState
) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for i, item in enumerate(items):
        if item.id in found:
            where = source.at((key, i, "id")) if source else Location("?")
            state.diagnostics.append(error(where, f"duplicate {what} id '{item.id}'"))
        found[item.id] = item
    return found


def _read_roles(root: Path, state: LoadState) -> dict[str, Source]:
    """Parse every role file; key them by id (the `id` field, else the file name)."""
    sources: dict[str, Source] = {}
    paths = sorted(p for p in root.iterdir() if p.suffix in ROLE_SUFFIXES and p.is_file())
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and p.name != "library"):
        for nested in sorted(folder.rglob("*")):
            if nested.suffix in ROLE_SUFFIXES and nested.is_file():
                state.diagnostics.append(
                    warning(
                        Location(display_path(nested)),
                        "role files in subfolders are not read",
                        f"move it to {display_path(root)}/",
                    )
                )
    if len(paths) > MAX_ROLES:
        state.diagnostics.append(
            error(
                Location(display_path(root)), f"{len(paths)} role files; the limit is {MAX_ROLES}"
            )
        )
        paths = paths[:MAX_ROLES]
    state.role_ids.update(p.stem for p in paths)  # so a broken file is not also "unknown"
    for path in paths:
        state.files += 1
        display = display_path(path)
        source, problems = load_file(path, display)
        state.diagnostics += problems
        if source is None:
            continue
        if not isinstance(source.data, dict):
            state.diagnostics.append(
                error(source.at(()), "expected a mapping of role fields at the top of the file")
            )
            continue
        role_id = source.data.get("id", path.stem)
        if not isinstance(role_id, str) or not re.match(ID_PATTERN, role_id) or len(role_id) > 64:
            where = source.at(("id",)) if "id" in source.data else Location(display)
            state.diagnostics.append(
                error(
                    where,
                    f"invalid role id {role_id!r}: {ID_RULE}"
                    + (
                        ""
                        if "id" in source.data
                        else " (the id comes from the file name; rename the file or add an 'id' field)"
                    ),
                )
            )
            continue
        if role_id != path.stem:
            state.diagnostics.append(
                error(
                    source.at(("id",)),
                    f"role id '{role_id}' does not match the file name '{path.name}'",
                    f"rename the file to {role_id}.yml",
                )
            )
        if role_id in sources:
            first = sources[role_id].display
            state.diagnostics.append(
                error(
                    source.at(("id",)), f"duplicate role id '{role_id}' (also defined in {first})"
                )
            )
            continue
        source.data.setdefault("id", role_id)
        sources[role_id] = source
    return sources


def text_fields(obj: Any, path: PathKey = ()) -> Iterator[tuple[PathKey, Text]]:
    """Every Text inside a model, with its path in the data."""
    if isinstance(obj, Text):
        yield path, obj
    elif isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from text_fields(getattr(obj, name), (*path, name))
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            yield from text_fields(item, (*path, i))
    elif isinstance(obj, dict):
        for key, item in obj.items():
            yield from text_fields(item, (*path, key))


def dotted(path: PathKey) -> str:
    """A path as people write it: duties[0].items[2]."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def read_catalog(root: Path) -> tuple[Catalog, LoadState, dict[str, Source], dict[str, Any]]:
    """Read a roles folder (which must exist): the catalog of every role that validates, what
    reading found, and the library's sources and models (None for a file that failed)."""
    state = LoadState()
    models, lib_sources = _load_library(root, state)
    org = (
        models["organisation"]
        if isinstance(models["organisation"], Organisation)
        else Organisation()
    )
    context = validation_context(list(org.languages), org.default_language)
    scales = models["scales"] if isinstance(models["scales"], ScalesFile) else ScalesFile()
    comps = (
        models["competencies"]
        if isinstance(models["competencies"], CompetenciesFile)
        else CompetenciesFile()
    )
    fams = models["families"] if isinstance(models["families"], FamiliesFile) else FamiliesFile()
    train = models["training"] if isinstance(models["training"], TrainingFile) else TrainingFile()
    onboarding = (
        models["onboarding"]
        if isinstance(models["onboarding"], OnboardingFile)
        else OnboardingFile()
    )
    cat = Catalog(
        root=root,
        organisation=org,
        scales=_unique(scales.scales, "scale", lib_sources.get("scales"), "scales", state),
        competencies=_unique(
            comps.competencies, "competency", lib_sources.get("competencies"), "competencies", state
        ),
        families=_unique(fams.families, "family", lib_sources.get("families"), "families", state),
        training=_unique(
            train.training, "training", lib_sources.get("training"), "training", state
        ),
        onboarding=onboarding,
        roles={},
    )
    raw = _read_roles(root, state)
    resolved, problems = resolve_sources(raw, state.role_ids)
    state.diagnostics += problems
    for role_id, source in resolved.items():
        role, problems = validate_source(source, Role, context)
        state.diagnostics += problems
        if role is not None:
            cat.roles[role_id] = role
            cat.sources[role_id] = source
            cat.files[role_id] = raw[role_id].path
    return cat, state, lib_sources, models
