"""Load a roles folder into one validated Catalog: library, roles with inheritance applied, and
every cross-reference checked. All problems are collected before anything is reported."""

from __future__ import annotations

import difflib
import gc
import pickle
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .errors import CatalogError, Diagnostic, Location, Severity, display_path, error, warning
from .inherit import merge_sources
from .load import PathKey, Source, load_file
from .model import (
    ID_PATTERN,
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
from .newrole import PLACEHOLDER
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
class _Loaded:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0
    role_ids: set[str] = field(default_factory=set)
    """Every role id that was read, valid or not, so that references to a broken role are not
    reported as unknown as well."""


def _load_library(
    root: Path, state: _Loaded
) -> tuple[dict[str, BaseModel | None], dict[str, Source]]:
    library = root / "library"
    models: dict[str, BaseModel | None] = {}
    sources: dict[str, Source] = {}
    context = validation_context(["nl", "en"], "nl")
    for name, model in LIBRARY_FILES.items():
        path = library / f"{name}.yml"
        if not path.exists():
            models[name] = model()
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
    items: list[Any], what: str, source: Source | None, key: str, state: _Loaded
) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for i, item in enumerate(items):
        if item.id in found:
            where = source.at((key, i, "id")) if source else Location("?")
            state.diagnostics.append(error(where, f"duplicate {what} id '{item.id}'"))
        found[item.id] = item
    return found


def _read_roles(root: Path, state: _Loaded) -> dict[str, Source]:
    """Parse every role file; key them by id (the `id` field, else the file name)."""
    sources: dict[str, Source] = {}
    paths = sorted(p for p in root.iterdir() if p.suffix in ROLE_SUFFIXES and p.is_file())
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
                    f"invalid role id {role_id!r}: use lowercase letters a-z, digits and hyphens, "
                    "starting with a letter or digit"
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


def _resolve(sources: dict[str, Source], state: _Loaded) -> dict[str, Source]:
    """Apply `extends`, parents first; report unknown parents and cycles."""
    resolved: dict[str, Source] = {}
    failed: set[str] = set()

    def visit(role_id: str, chain: list[str]) -> Source | None:
        if role_id in resolved:
            return resolved[role_id]
        if role_id in failed:
            return None
        source = sources[role_id]
        parent_id = source.data.get("extends")
        if parent_id is None:
            resolved[role_id] = source
            return source
        where = source.at(("extends",))
        if not isinstance(parent_id, str):
            failed.add(role_id)  # the model reports the wrong type
            resolved[role_id] = source
            return source
        if parent_id in chain or parent_id == role_id:
            cycle = (
                " -> ".join([*chain[chain.index(parent_id) :], role_id, parent_id])
                if parent_id in chain
                else f"{role_id} -> {role_id}"
            )
            state.diagnostics.append(error(where, f"'extends' makes a cycle: {cycle}"))
            failed.add(role_id)
            return None
        if parent_id not in sources:
            failed.add(role_id)
            if parent_id in state.role_ids:
                return None  # the parent's own file is broken and already reported
            state.diagnostics.append(
                error(
                    where,
                    f"'extends' names unknown role '{parent_id}'",
                    _suggest(parent_id, sources),
                )
            )
            return None
        parent = visit(parent_id, [*chain, role_id])
        if parent is None:
            failed.add(role_id)
            return None
        resolved[role_id] = merge_sources(parent, source)
        return resolved[role_id]

    for role_id in sources:
        visit(role_id, [])
    return resolved


def _suggest(name: str, known: Any) -> str | None:
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None


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


def _check_translations(
    obj: BaseModel, source: Source, languages: list[str], state: _Loaded
) -> None:
    default = languages[0] if languages else "nl"
    for path, text in text_fields(obj):
        if any(PLACEHOLDER in value for value in text.root.values()):
            state.diagnostics.append(
                warning(source.at(path), f"placeholder '{PLACEHOLDER}' left in {dotted(path)}")
            )
        missing = [lang for lang in languages if not text.root.get(lang, "").strip()]
        for lang in missing:
            fallback = next((lg for lg in languages if text.root.get(lg)), default)
            state.diagnostics.append(
                warning(
                    source.at(path),
                    f"no '{lang}' text for {dotted(path)}; '{fallback}' is shown instead",
                )
            )


def _check_role(role: Role, source: Source, cat: Catalog, state: _Loaded) -> None:
    def bad(path: PathKey, message: str, hint: str | None = None) -> None:
        state.diagnostics.append(error(source.at(path), message, hint))

    if role.family not in cat.families:
        bad(
            ("family",),
            f"unknown family '{role.family}'",
            _suggest(role.family, cat.families) or "families are defined in library/families.yml",
        )
    elif cat.families[role.family].roles and role.id not in cat.families[role.family].roles:
        state.diagnostics.append(
            warning(
                source.at(("family",)),
                f"role '{role.id}' is not in the ladder of family '{role.family}' "
                "(library/families.yml)",
            )
        )
    for path, ref in [
        (("reports_to",), role.reports_to),
        *[(("career", "next", i), r) for i, r in enumerate(role.career.next)],
    ]:
        if ref is not None and ref not in cat.roles and ref not in state.role_ids:
            bad(path, f"unknown role '{ref}'", _suggest(ref, cat.roles))
    if role.reports_to == role.id:
        bad(("reports_to",), "a role cannot report to itself")
    if role.id in role.career.next:
        bad(("career", "next"), "a role cannot be its own next step")
    if not role.career.next and role.career.note is None:
        state.diagnostics.append(
            warning(
                source.at(("career",)),
                "no next role in 'career.next'; add one or explain in 'career.note'",
            )
        )
    seen: set[str] = set()
    for i, need in enumerate(role.competencies):
        if need.id in seen:
            bad(("competencies", i, "id"), f"competency '{need.id}' is listed twice")
        seen.add(need.id)
        comp = cat.competencies.get(need.id)
        if comp is None:
            bad(
                ("competencies", i, "id"),
                f"unknown competency '{need.id}'",
                _suggest(need.id, cat.competencies),
            )
            continue
        scale = cat.scales.get(comp.scale)
        top = len(scale.levels) if scale else max(comp.levels, default=5)
        if need.level > top:
            bad(
                ("competencies", i, "level"),
                f"level {need.level} is outside the scale of '{need.id}' (1 to {top})",
            )
    for i, step in enumerate(role.training):
        if step.ref not in cat.training:
            bad(
                ("training", i, "ref"),
                f"unknown training '{step.ref}'",
                _suggest(step.ref, cat.training),
            )
        phases = [p.id for p in cat.onboarding.phases]
        if step.phase is not None and step.phase not in phases:
            bad(
                ("training", i, "phase"),
                f"unknown onboarding phase '{step.phase}'",
                _suggest(step.phase, phases),
            )
    _check_onboarding_items(role.onboarding, source, ("onboarding",), cat, state)


def _check_onboarding_items(
    items: list[Any], source: Source, base: PathKey, cat: Catalog, state: _Loaded
) -> None:
    phases = {p.id for p in cat.onboarding.phases}
    for i, item in enumerate(items):
        if item.phase not in phases:
            state.diagnostics.append(
                error(
                    source.at((*base, i, "phase")),
                    f"unknown onboarding phase '{item.phase}'"
                    + (
                        f" (phases: {', '.join(phases)})"
                        if phases
                        else " (no phases in library/onboarding.yml)"
                    ),
                )
            )
        link = item.link
        where = source.at((*base, i, "link"))
        if link is None or link == "competencies":
            continue
        if link.startswith("training:"):
            if link.removeprefix("training:") not in cat.training:
                state.diagnostics.append(
                    error(where, f"unknown training '{link.removeprefix('training:')}' in link")
                )
        elif not PAGE_LINK.match(link):
            state.diagnostics.append(
                error(
                    where,
                    f"invalid link '{link}': expected training:ID, competencies, or a page of "
                    "the site such as knowledge/work-cycle.md",
                )
            )


def _check_library(cat: Catalog, sources: dict[str, Source], state: _Loaded) -> None:
    comp_src = sources.get("competencies")
    for i, comp in enumerate(cat.competencies.values()):
        if not comp_src:
            break
        scale = cat.scales.get(comp.scale)
        if scale is None:
            state.diagnostics.append(
                error(
                    comp_src.at(("competencies", i, "scale")),
                    f"unknown scale '{comp.scale}'",
                    _suggest(comp.scale, cat.scales),
                )
            )
            continue
        for level in comp.levels:
            if level > len(scale.levels):
                state.diagnostics.append(
                    error(
                        comp_src.at(("competencies", i, "levels", level)),
                        f"level {level} is outside scale '{scale.id}' (1 to {len(scale.levels)})",
                    )
                )
    fam_src = sources.get("families")
    for i, family in enumerate(cat.families.values()):
        for j, rid in enumerate(family.roles):
            if fam_src and rid not in cat.roles and rid not in state.role_ids:
                state.diagnostics.append(
                    error(
                        fam_src.at(("families", i, "roles", j)),
                        f"unknown role '{rid}' in family '{family.id}'",
                    )
                )
    tr_src = sources.get("training")
    for i, item in enumerate(cat.training.values()):
        for j, dev in enumerate(item.develops):
            if tr_src and dev.competency not in cat.competencies:
                state.diagnostics.append(
                    error(
                        tr_src.at(("training", i, "develops", j, "competency")),
                        f"unknown competency '{dev.competency}'",
                        _suggest(dev.competency, cat.competencies),
                    )
                )
    if "onboarding" in sources:
        _check_onboarding_items(cat.onboarding.items, sources["onboarding"], ("items",), cat, state)


def load_for_rendering(root: Path) -> tuple[Catalog | None, list[Diagnostic]]:
    """`check_catalog` for a build that renders and keeps the catalog to the end: without the
    sources' diagnostic data, and laid out densely in memory. Loading leaves the models
    scattered between the freed parse data, in blocks that Python cannot give back while one
    object in them lives (at 1,000 roles the catalog took 600 MB for 300 MB of models). A pickle
    round trip of our own objects, made once the scattered original is gone, lays the copy out
    densely: 2 to 5 ms a role."""
    cat, diagnostics, _ = check_catalog(root)
    if cat is None:
        return None, diagnostics
    cat.forget_sources()
    packed = pickle.dumps(cat, protocol=pickle.HIGHEST_PROTOCOL)
    del cat
    gc.collect()
    dense: Catalog = pickle.loads(packed)
    return dense, diagnostics


def check_catalog(root: Path) -> tuple[Catalog | None, list[Diagnostic], int]:
    """Load and check a roles folder. Returns the catalog (None when it has errors), every
    diagnostic, and the number of files read."""
    state = _Loaded()
    if not root.is_dir():
        return None, [error(Location(display_path(root)), "roles folder not found")], 0
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
    for role_id, source in _resolve(raw, state).items():
        role, problems = validate_source(source, Role, context)
        state.diagnostics += problems
        if role is not None:
            cat.roles[role_id] = role
            cat.sources[role_id] = source
            cat.files[role_id] = raw[role_id].path
    for role_id, role in cat.roles.items():
        _check_role(role, cat.sources[role_id], cat, state)
        _check_translations(role, cat.sources[role_id], cat.languages, state)
    _check_library(cat, lib_sources, state)
    for name, source in lib_sources.items():
        obj = models.get(name)
        if obj is not None:
            _check_translations(obj, source, cat.languages, state)
    if cat.roles and not any(d.severity is Severity.ERROR for d in state.diagnostics):
        from .career import career_diagnostics  # career builds on a resolved catalog

        state.diagnostics += career_diagnostics(cat)
    cat.memo.clear()  # views computed while checking may predate the last role
    unique = sorted(set(state.diagnostics), key=lambda d: (d.location, d.message))
    has_errors = any(d.severity is Severity.ERROR for d in unique)
    return (None if has_errors else cat), unique, state.files


def load_catalog(root: Path) -> Catalog:
    """The catalog of a roles folder; raises CatalogError listing every error found."""
    cat, diagnostics, _ = check_catalog(root)
    if cat is None:
        raise CatalogError(d for d in diagnostics if d.severity is Severity.ERROR)
    return cat
