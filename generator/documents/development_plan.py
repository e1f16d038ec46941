"""The development plan of a career step (from a role to one of its next roles): a page and a
PDF per step."""

from __future__ import annotations

from collections.abc import Iterable

from ..career import Plan, career_steps, development_plan
from ..render.links import Links
from ..render.markdown import plan_page
from ..render.printing import print_html
from .kind import Context, DocumentKind, Ids


class DevelopmentPlan(DocumentKind[Plan]):
    id = "plan"
    scope = "step"
    page = "plans/{0}--{1}.md"
    pdf = "pdf/plan-{0}--{1}.pdf"

    def ids(self, ctx: Context) -> Iterable[Ids]:
        return [(source.id, target.id) for source, target in career_steps(ctx.cat)]

    def subject(self, ctx: Context, ids: Ids) -> Plan:
        source, target = ids
        return development_plan(ctx.cat, ctx.cat.roles[source], ctx.cat.roles[target])

    def version(self, subject: Plan) -> str:
        return (
            f"{subject.source.id}|{subject.source.meta.version}|{subject.target.id}|"
            f"{subject.target.meta.version}"
        )

    def markdown(self, ctx: Context, subject: Plan, links: Links) -> str:
        return plan_page(ctx.cat, subject, ctx.lang, links)

    def print_html(self, ctx: Context, subject: Plan) -> str:
        return print_html(
            "print/plan.html.j2",
            ctx.cat,
            ctx.t,
            ctx.settings,
            subject.target.meta.effective.isoformat(),
            plan=subject,
        )


KIND = DevelopmentPlan()
