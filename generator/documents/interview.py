"""The interview kit of a role: questions per core competency and a scoring sheet, as a page
and a fillable PDF."""

from __future__ import annotations

from ..model import Role
from ..render.environment import environment
from ..render.interview import interview_kit
from ..render.links import Links
from ..render.printing import print_html
from .kind import Context, RoleKind


class InterviewKit(RoleKind):
    id = "interview"
    page = "interview/{0}.md"
    pdf = "pdf/interview-{0}.pdf"
    forms = True

    def markdown(self, ctx: Context, subject: Role, links: Links) -> str:
        return (
            environment()
            .get_template("markdown/interview.md.j2")
            .render(
                cat=ctx.cat,
                role=subject,
                t=ctx.t,
                links=links,
                kit=interview_kit(ctx.cat, subject, ctx.lang),
            )
        )

    def print_html(self, ctx: Context, subject: Role) -> str:
        return print_html(
            "print/interview.html.j2",
            ctx.cat,
            ctx.t,
            ctx.settings,
            subject.meta.effective.isoformat(),
            role=subject,
            kit=interview_kit(ctx.cat, subject, ctx.lang),
        )


KIND = InterviewKit()
