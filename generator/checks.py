"""The checks across a catalog: references between roles and into the library, translations,
the career graph. `check_catalog` is the one way in: it reads a roles folder and reports every
problem at once, as diagnostics with the file, line and column they are about."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from pydantic import BaseModel

from .career import career_diagnostics
from .catalog import PAGE_LINK, Catalog, LoadState, dotted, read_catalog, text_fields
from .errors import (
    CatalogError,
    Diagnostic,
    Location,
    Severity,
    display_path,
    error,
    suggest,
    warning,
)
from .load import PathKey, Source, collector_paused
from .model import Role
from .newrole import PLACEHOLDER


def _check_translations(
    obj: BaseModel, source: Source, languages: list[str], state: LoadState
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


@cache
def _markdown() -> MarkdownIt:
    """Role text as the site reads it (render/text.py): CommonMark without raw HTML."""
    return MarkdownIt("commonmark", {"html": False})


def _images(text: str) -> list[str]:
    """The source of every Markdown image in a text."""
    return [
        str(token.attrGet("src") or "")
        for block in _markdown().parse(text)
        for token in block.children or []
        if token.type == "image"
    ]


def _check_images(role: Role, source: Source, state: LoadState) -> None:
    """An image in role text: the site and the PDFs keep text and links only, so it would
    vanish without a word."""
    for path, text in text_fields(role):
        for lang, value in text.root.items():
            if "![" not in value:  # most text has none: no need to parse it
                continue
            for src in _images(value):
                state.diagnostics.append(
                    warning(
                        source.at((*path, lang)),
                        f"image '{src}' in {dotted(path)} ({lang}) is not shown: role text "
                        "keeps text and links only (link to the image instead)",
                    )
                )


def _check_role(role: Role, source: Source, cat: Catalog, state: LoadState) -> None:
    def bad(path: PathKey, message: str, hint: str | None = None) -> None:
        state.diagnostics.append(error(source.at(path), message, hint))

    if role.family not in cat.families:
        bad(
            ("family",),
            f"unknown family '{role.family}'",
            suggest(role.family, cat.families) or "families are defined in library/families.yml",
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
            bad(path, f"unknown role '{ref}'", suggest(ref, cat.roles))
    if role.reports_to == role.id:
        bad(("reports_to",), "a role cannot report to itself")
    if role.id in role.career.next:
        bad(("career", "next"), "a role cannot be its own next step")
    if role.notes:
        count = len(role.notes)
        state.diagnostics.append(
            warning(
                source.at(("notes",), key=True),
                f"{count} imported text{'s' if count > 1 else ''} in 'notes' not yet placed",
                "move each to its field, then delete it",
            )
        )
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
            if "competencies" not in state.missing:  # else reported once, by check_catalog
                bad(
                    ("competencies", i, "id"),
                    f"unknown competency '{need.id}'",
                    suggest(need.id, cat.competencies),
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
                suggest(step.ref, cat.training),
            )
        phases = [p.id for p in cat.onboarding.phases]
        if step.phase is not None and step.phase not in phases:
            bad(
                ("training", i, "phase"),
                f"unknown onboarding phase '{step.phase}'",
                suggest(step.phase, phases),
            )
    _check_onboarding_items(role.onboarding, source, ("onboarding",), cat, state)
    _check_position(role, source, cat, state)


def _check_position(role: Role, source: Source, cat: Catalog, state: LoadState) -> None:
    """The role's grade, the roles it leads and the approvers of its mandates."""

    def bad(path: PathKey, message: str, hint: str | None = None) -> None:
        state.diagnostics.append(error(source.at(path), message, hint))

    org = cat.organisation
    if role.grade is not None:
        systems = {g.id: g for g in org.grade_systems}
        scales = {s.id for s in org.salary_scales}
        system = systems.get(role.grade.system)
        if system is None:
            bad(
                ("grade", "system"),
                f"unknown grade system '{role.grade.system}'",
                suggest(role.grade.system, systems)
                or "grade systems are declared in library/organisation.yml",
            )
        elif role.grade.group not in {g.id for g in system.groups}:
            groups = ", ".join(g.id for g in system.groups)
            bad(("grade", "group"), f"no group '{role.grade.group}' in '{system.id}' ({groups})")
        if role.grade.scale not in scales:
            bad(
                ("grade", "scale"),
                f"unknown salary scale '{role.grade.scale}'",
                suggest(role.grade.scale, scales)
                or "salary scales are declared in library/organisation.yml",
            )
    for i, managed in enumerate(role.manages):
        if managed.role == role.id:
            bad(("manages", i, "role"), "a role cannot lead itself")
        elif managed.role not in cat.roles and managed.role not in state.role_ids:
            bad(
                ("manages", i, "role"),
                f"unknown role '{managed.role}'",
                suggest(managed.role, cat.roles),
            )
    for i, mandate in enumerate(role.mandates):
        ref = mandate.approval_by
        if ref is not None and ref not in cat.roles and ref not in state.role_ids:
            bad(("mandates", i, "approval_by"), f"unknown role '{ref}'", suggest(ref, cat.roles))
    seen: set[str] = set()
    for i, area in enumerate(role.result_areas):
        if area.id in seen:
            bad(("result_areas", i, "id"), f"result area '{area.id}' is listed twice")
        seen.add(area.id)
    _check_vacancy(role, source, cat, state)


def _check_vacancy(role: Role, source: Source, cat: Catalog, state: LoadState) -> None:
    """An open vacancy needs somewhere to apply. (One past its closing date is simply not
    published: a check that depends on the calendar would break a build that did not change.)"""
    vacancy = role.vacancy
    if vacancy is None or not vacancy.open:
        return
    if vacancy.apply is None and cat.organisation.recruitment.apply is None:
        state.diagnostics.append(
            error(
                source.at(("vacancy",), key=True),
                "an open vacancy needs vacancy.apply (url or email)",
                "or set recruitment.apply in library/organisation.yml",
            )
        )


def _check_onboarding_items(
    items: list[Any], source: Source, base: PathKey, cat: Catalog, state: LoadState
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


def _check_library(cat: Catalog, sources: dict[str, Source], state: LoadState) -> None:
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
                    suggest(comp.scale, cat.scales),
                )
            )
            continue
        for j, question in enumerate(comp.interview):
            beyond = [n for n in question.levels if n > len(scale.levels)]
            if beyond:
                state.diagnostics.append(
                    error(
                        comp_src.at(("competencies", i, "interview", j, "levels")),
                        f"level {beyond[0]} is outside scale '{scale.id}' "
                        f"(1 to {len(scale.levels)})",
                    )
                )
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
            if (
                tr_src
                and dev.competency not in cat.competencies
                and "competencies" not in state.missing
            ):
                state.diagnostics.append(
                    error(
                        tr_src.at(("training", i, "develops", j, "competency")),
                        f"unknown competency '{dev.competency}'",
                        suggest(dev.competency, cat.competencies),
                    )
                )
    if "onboarding" in sources:
        _check_onboarding_items(cat.onboarding.items, sources["onboarding"], ("items",), cat, state)


def check_catalog(root: Path) -> tuple[Catalog | None, list[Diagnostic], int]:
    """Load and check a roles folder. Returns the catalog (None when it has errors), every
    diagnostic, and the number of files read."""
    if not root.is_dir():
        return None, [error(Location(display_path(root)), "roles folder not found")], 0
    with collector_paused():
        return _check_catalog(root)


def _check_catalog(root: Path) -> tuple[Catalog | None, list[Diagnostic], int]:
    cat, state, lib_sources, models = read_catalog(root)
    for role_id, role in cat.roles.items():
        _check_role(role, cat.sources[role_id], cat, state)
        _check_translations(role, cat.sources[role_id], cat.languages, state)
        _check_images(role, cat.sources[role_id], state)
    _check_library(cat, lib_sources, state)
    _check_missing_library(cat, root, state)
    for name, source in lib_sources.items():
        obj = models.get(name)
        if obj is not None:
            _check_translations(obj, source, cat.languages, state)
    if cat.roles and not any(d.severity is Severity.ERROR for d in state.diagnostics):
        state.diagnostics += career_diagnostics(cat)
    cat.memo.clear()  # views computed while checking may predate the last role
    unique = sorted(set(state.diagnostics), key=lambda d: (d.location, d.message))
    has_errors = any(d.severity is Severity.ERROR for d in unique)
    return (None if has_errors else cat), unique, state.files


def page_links(cat: Catalog) -> list[tuple[Path, str]]:
    """The hand-written pages that onboarding items link to, each with the file that holds the
    link (a build reports those its site does not have)."""
    items = [(cat.root / "library" / "onboarding.yml", i) for i in cat.onboarding.items]
    items += [(cat.files[r.id], i) for r in cat.roles.values() for i in r.onboarding]
    return [(path, item.link) for path, item in items if item.link and item.link.endswith(".md")]


def _check_missing_library(cat: Catalog, root: Path, state: LoadState) -> None:
    """A library file the roles need that is not there: one error naming it."""
    if "competencies" in state.missing:
        used = {need.id for role in cat.roles.values() for need in role.competencies}
        if used:
            path = root / "library" / "competencies.yml"
            state.diagnostics.append(
                error(
                    Location(display_path(path)),
                    f"file not found; the roles require {len(used)} competencies from it",
                    "restore it, or remove the roles' competencies",
                )
            )


def load_catalog(root: Path) -> Catalog:
    """The catalog of a roles folder; raises CatalogError listing every error found."""
    cat, diagnostics, _ = check_catalog(root)
    if cat is None:
        raise CatalogError(d for d in diagnostics if d.severity is Severity.ERROR)
    return cat
