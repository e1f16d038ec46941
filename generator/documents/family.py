"""The competency matrix of a role family: a page and a PDF per family that has roles."""

from __future__ import annotations

from collections.abc import Iterable

from ..competencies import family_matrix
from ..model import Family
from ..render.links import Links
from ..render.markdown import family_page
from ..render.printing import print_html
from .kind import Context, DocumentKind, Ids


class FamilyMatrix(DocumentKind[Family]):
    id = "family"
    scope = "family"
    page = "families/{0}.md"
    pdf = "pdf/family-{0}.pdf"

    def ids(self, ctx: Context) -> Iterable[Ids]:
        for family in ctx.cat.families.values():
            if ctx.cat.family_roles(family.id):
                yield (family.id,)

    def subject(self, ctx: Context, ids: Ids) -> Family:
        return ctx.cat.families[ids[0]]

    def version(self, subject: Family) -> str:
        return f"{subject.id}|"

    def markdown(self, ctx: Context, subject: Family, links: Links) -> str:
        return family_page(ctx.cat, subject, ctx.lang, links)

    def print_html(self, ctx: Context, subject: Family) -> str:
        roles, rows = family_matrix(ctx.cat, subject)
        dates = [r.meta.effective for r in ctx.cat.family_roles(subject.id)]
        created = max(dates).isoformat() if dates else "2000-01-01"
        return print_html(
            "print/family.html.j2",
            ctx.cat,
            ctx.t,
            ctx.settings,
            created,
            family=subject,
            roles=roles,
            rows=rows,
        )


KIND = FamilyMatrix()
