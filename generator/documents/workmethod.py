"""The work-method annex of a job description: how the work is done (the work cycle, the duties,
rights and responsibilities, the training path and the career), a PDF per role that has them.
The role page shows the same; the formal job description stays short and refers to this."""

from __future__ import annotations

from ..model import Role
from ..render.graph import role_graph
from ..render.links import Links
from ..render.printing import print_html
from .kind import Context, Ids, RoleKind


class WorkMethod(RoleKind):
    id = "workmethod"
    pdf = "pdf/workmethod-{0}.pdf"

    def has_pdf(self, ctx: Context, ids: Ids) -> bool:
        role = ctx.cat.roles[ids[0]]
        return bool(role.work_cycle or role.duties or role.rights or role.responsibilities)

    def print_html(self, ctx: Context, subject: Role) -> str:
        return print_html(
            "print/workmethod.html.j2",
            ctx.cat,
            ctx.t,
            ctx.settings,
            subject.meta.effective.isoformat(),
            role=subject,
            graph=role_graph(ctx.cat, subject, ctx.lang, Links(pages=False)),
        )


KIND = WorkMethod()
