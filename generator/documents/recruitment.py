"""The recruitment page (the index of vacancies/): the open vacancies, and the interview kit of
every role by family."""

from __future__ import annotations

from collections.abc import Iterable

from ..catalog import Catalog
from ..model import advertised
from ..render.environment import environment
from ..render.links import Links
from .kind import Context, DocumentKind, Ids


class Recruitment(DocumentKind[Catalog]):
    id = "recruitment"
    scope = "catalog"
    page = "vacancies/index.md"
    in_nav = False

    def ids(self, ctx: Context) -> Iterable[Ids]:
        return [()]

    def subject(self, ctx: Context, ids: Ids) -> Catalog:
        return ctx.cat

    def markdown(self, ctx: Context, subject: Catalog, links: Links) -> str:
        open_roles = [r for r in subject.roles.values() if advertised(r)]
        families = [
            (f, subject.family_roles(f.id))
            for f in subject.families.values()
            if subject.family_roles(f.id)
        ]
        return (
            environment()
            .get_template("markdown/recruitment.md.j2")
            .render(cat=subject, t=ctx.t, links=links, open_roles=open_roles, families=families)
        )


KIND = Recruitment()
