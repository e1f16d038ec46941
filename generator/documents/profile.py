"""The competency profile of a role: a page and a PDF."""

from __future__ import annotations

from ..competencies import profile
from ..model import Role
from ..render.links import Links
from ..render.markdown import profile_page
from ..render.printing import print_html
from .kind import Context, RoleKind


class CompetencyProfile(RoleKind):
    id = "profile"
    page = "competencies/{0}.md"
    pdf = "pdf/profile-{0}.pdf"

    def markdown(self, ctx: Context, subject: Role, links: Links) -> str:
        return profile_page(ctx.cat, subject, ctx.lang, links)

    def print_html(self, ctx: Context, subject: Role) -> str:
        return print_html(
            "print/profile.html.j2",
            ctx.cat,
            ctx.t,
            ctx.settings,
            subject.meta.effective.isoformat(),
            role=subject,
            groups=profile(ctx.cat, subject),
        )


KIND = CompetencyProfile()
