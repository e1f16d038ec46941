"""Competency views of the catalog: a role's profile, a family's matrix, the library overview,
and the gap between an assessment (or a role) and a role's requirements.

`gap` is the one computation of a gap: the self-assessment page mirrors it in JavaScript (a
browser test checks they agree) and development plans use it directly."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .catalog import Catalog
from .model import Competency, Family, Role, Scale

TYPES = ("knowledge", "skill", "trait")
Status = Literal["met", "below", "above", "missing"]


@dataclass(frozen=True)
class Requirement:
    competency: Competency
    scale: Scale
    level: int


def requirements(cat: Catalog, role: Role) -> list[Requirement]:
    """A role's required competencies, in the library's order."""
    levels = {need.id: need.level for need in role.competencies}
    return [
        Requirement(comp, cat.scales[comp.scale], levels[comp.id])
        for comp in cat.competencies.values()
        if comp.id in levels
    ]


def profile(cat: Catalog, role: Role) -> list[tuple[str, list[tuple[str, list[Requirement]]]]]:
    """Requirements grouped by type (knowledge, skill, trait), then by category name."""
    lang = cat.default_language
    grouped: list[tuple[str, list[tuple[str, list[Requirement]]]]] = []
    for kind in TYPES:
        of_kind = [r for r in requirements(cat, role) if r.competency.type == kind]
        categories: dict[str, list[Requirement]] = {}
        for req in of_kind:
            categories.setdefault(req.competency.category.get(lang, lang), []).append(req)
        if categories:
            grouped.append((kind, list(categories.items())))
    return grouped


@dataclass(frozen=True)
class MatrixRow:
    competency: Competency
    levels: list[int | None]
    """The required level per role (None: not required), in ladder order."""
    rises: list[bool]
    """Whether the level rises from the role to its left neighbour."""


def family_matrix(cat: Catalog, family: Family) -> tuple[list[Role], list[MatrixRow]]:
    """Roles of a family (columns, ladder order) by the competencies any of them requires."""
    roles = cat.family_roles(family.id)
    needed = [{n.id: n.level for n in role.competencies} for role in roles]
    rows = []
    for comp in cat.competencies.values():
        levels = [need.get(comp.id) for need in needed]
        if not any(levels):
            continue
        rises = [i > 0 and (levels[i] or 0) > (levels[i - 1] or 0) for i in range(len(levels))]
        rows.append(MatrixRow(comp, levels, rises))
    return roles, rows


def library_overview(cat: Catalog) -> list[tuple[Competency, list[tuple[Role, int]]]]:
    """Each competency of the library with the roles that require it and at which level."""
    return [
        (
            comp,
            sorted(
                (
                    (role, need.level)
                    for role in cat.roles.values()
                    for need in role.competencies
                    if need.id == comp.id
                ),
                key=lambda pair: (-pair[1], pair[0].id),
            ),
        )
        for comp in cat.competencies.values()
    ]


@dataclass(frozen=True)
class GapLine:
    competency: Competency
    required: int
    current: int | None
    status: Status
    gap: int
    """Levels still to climb (0 when met or above)."""


@dataclass(frozen=True)
class Gap:
    lines: list[GapLine]

    @property
    def total(self) -> int:
        return sum(line.gap for line in self.lines)

    def count(self, status: Status) -> int:
        return sum(line.status == status for line in self.lines)


def gap(cat: Catalog, current: dict[str, int], target: Role) -> Gap:
    """How `current` levels (an assessment, or another role's requirements) compare with the
    levels `target` requires. An unanswered competency counts as level 0."""
    lines = []
    for req in requirements(cat, target):
        have = current.get(req.competency.id)
        if have is None:
            status: Status = "missing"
        elif have == req.level:
            status = "met"
        else:
            status = "above" if have > req.level else "below"
        lines.append(
            GapLine(req.competency, req.level, have, status, max(0, req.level - (have or 0)))
        )
    return Gap(lines)


def role_levels(role: Role) -> dict[str, int]:
    """A role's requirements as current levels, to compute the gap from one role to another."""
    return {need.id: need.level for need in role.competencies}


def default_comparison(cat: Catalog, role: Role) -> Role | None:
    """The role a self-assessment compares with by default: the first next career step."""
    return next((cat.roles[r] for r in role.career.next if r in cat.roles), None)
