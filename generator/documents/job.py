"""The job description: a page per role, and its PDF."""

from __future__ import annotations

from .. import formal
from ..model import Role
from ..render.links import Links
from ..render.markdown import history_rows, role_page
from ..render.position import position_svg
from ..render.printing import print_html
from .kind import Context, RoleKind


class JobDescription(RoleKind):
    id = "job"
    page = "roles/{0}.md"
    pdf = "pdf/{0}.pdf"

    def markdown(self, ctx: Context, subject: Role, links: Links) -> str:
        versions = ctx.history.versions.get(subject.id, []) if ctx.history else []
        rows = history_rows(ctx.cat, versions, ctx.lang, links) if ctx.history else None
        quality = ctx.quality.get(subject.id)
        return role_page(ctx.cat, subject, ctx.lang, links, quality, rows)

    def print_html(self, ctx: Context, subject: Role) -> str:
        """The formal job description: at most three pages, signed; the rest of the role is
        on its page and in the annexes (competency profile, work method)."""
        t = ctx.t
        return print_html(
            "print/role.html.j2",
            ctx.cat,
            t,
            ctx.settings,
            subject.meta.effective.isoformat(),
            role=subject,
            header=formal.header(ctx.cat, subject, t),
            position=position_svg(ctx.cat, subject, ctx.lang),
            core=formal.core_competencies(ctx.cat, subject, t),
            conditions=formal.conditions(subject, t),
        )


KIND = JobDescription()
