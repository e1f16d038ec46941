"""The vacancy (vacature) of a role: a page with schema.org JobPosting for every open vacancy,
its PDF, and snippets for job boards (`rolebook vacancy`)."""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Role, advertised
from ..render.links import Links
from ..render.printing import print_html
from ..render.vacancy import posting, vacancy_markdown
from .kind import Context, Ids, RoleKind


class VacancyText(RoleKind):
    id = "vacancy"
    page = "vacancies/{0}.md"
    pdf = "pdf/vacancy-{0}.pdf"

    def ids(self, ctx: Context) -> Iterable[Ids]:
        """Only open vacancies before their closing date are published; `rolebook vacancy`
        renders any role on request."""
        return ((r.id,) for r in ctx.cat.roles.values() if advertised(r))

    def version(self, subject: Role) -> str:
        v = subject.vacancy
        dates = f"{v.posted}|{v.valid_through}" if v else ""
        return f"{subject.id}|{subject.meta.version}|{dates}"

    def markdown(self, ctx: Context, subject: Role, links: Links) -> str:
        return vacancy_markdown(ctx.cat, subject, ctx.lang, links)

    def print_html(self, ctx: Context, subject: Role) -> str:
        return print_html(
            "print/vacancy.html.j2",
            ctx.cat,
            ctx.t,
            ctx.settings,
            subject.meta.effective.isoformat(),
            role=subject,
            post=posting(ctx.cat, subject, ctx.lang),
        )


KIND = VacancyText()
