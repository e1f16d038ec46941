"""The job architecture (functiehuis): every role of the catalog at its grade, families as
columns and the grade groups as rows (highest first), each row with its salary scale. A page at
functiehuis/ on the Dutch site and job-architecture/ on the English one, and a PDF."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from types import MappingProxyType

from ..catalog import Catalog
from ..formal import scale_span
from ..model import Family, GradeGroup, Role, SalaryScale
from ..render.environment import environment
from ..render.links import Links
from ..render.printing import print_html
from .kind import Context, DocumentKind, Ids


@dataclass(frozen=True)
class GradeRow:
    """One row of the job architecture: a grade group, its scale, and its roles per family."""

    group: GradeGroup | None
    """None: the roles without a grade."""
    scale: SalaryScale | None
    cells: list[list[Role]]


@dataclass(frozen=True)
class Architecture:
    families: list[Family]
    rows: list[GradeRow]
    system_name: object


def architecture(cat: Catalog) -> Architecture:
    """The grid of the first grade system; rows without roles are left out."""
    families = [f for f in cat.families.values() if cat.family_roles(f.id)]
    system = cat.organisation.grade_systems[0] if cat.organisation.grade_systems else None
    scales = {s.id: s for s in cat.organisation.salary_scales}
    rows: list[GradeRow] = []
    placed: set[str] = set()
    for group in reversed(system.groups) if system else []:
        cells = [
            [
                r
                for r in cat.family_roles(f.id)
                if r.grade and system and r.grade.system == system.id and r.grade.group == group.id
            ]
            for f in families
        ]
        if not any(cells):
            continue
        placed.update(r.id for cell in cells for r in cell)
        # the scale of the group: the one its roles name (a group maps to one scale here)
        scale_ids = {r.grade.scale for cell in cells for r in cell if r.grade}
        scale = scales.get(next(iter(sorted(scale_ids)))) if len(scale_ids) == 1 else None
        rows.append(GradeRow(group, scale, cells))
    rest = [[r for r in cat.family_roles(f.id) if r.id not in placed] for f in families]
    if any(rest):
        rows.append(GradeRow(None, None, rest))
    return Architecture(families, rows, system.name if system else None)


class JobArchitecture(DocumentKind[Catalog]):
    id = "architecture"
    scope = "catalog"
    page = MappingProxyType({"nl": "functiehuis.md", "*": "job-architecture.md"})
    pdf = MappingProxyType({"nl": "pdf/functiehuis.pdf", "*": "pdf/job-architecture.pdf"})

    def ids(self, ctx: Context) -> Iterable[Ids]:
        return [()]

    def subject(self, ctx: Context, ids: Ids) -> Catalog:
        return ctx.cat

    def version(self, subject: Catalog) -> str:
        return "|".join(f"{r.id}:{r.meta.version}" for r in subject.roles.values())

    def markdown(self, ctx: Context, subject: Catalog, links: Links) -> str:
        return (
            environment()
            .get_template("markdown/architecture.md.j2")
            .render(
                cat=subject, t=ctx.t, links=links, grid=architecture(subject), scale_span=scale_span
            )
        )

    def print_html(self, ctx: Context, subject: Catalog) -> str:
        dates = [r.meta.effective for r in subject.roles.values()]
        created = max(dates).isoformat() if dates else "2000-01-01"
        return print_html(
            "print/architecture.html.j2",
            subject,
            ctx.t,
            ctx.settings,
            created,
            grid=architecture(subject),
            scale_span=scale_span,
        )


KIND = JobArchitecture()
