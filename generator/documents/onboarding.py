"""The onboarding checklist: a page per role that a new hire ticks off, and a fillable PDF."""

from __future__ import annotations

from ..model import Role
from ..onboarding import checklist
from ..render.links import Links
from ..render.markdown import onboarding_page
from ..render.printing import print_html
from .kind import Context, RoleKind


class OnboardingChecklist(RoleKind):
    id = "onboarding"
    page = "onboarding/{0}.md"
    pdf = "pdf/onboarding-{0}.pdf"
    forms = True

    def markdown(self, ctx: Context, subject: Role, links: Links) -> str:
        return onboarding_page(ctx.cat, subject, ctx.lang, links)

    def print_html(self, ctx: Context, subject: Role) -> str:
        return print_html(
            "print/onboarding.html.j2",
            ctx.cat,
            ctx.t,
            ctx.settings,
            subject.meta.effective.isoformat(),
            role=subject,
            checklist=checklist(ctx.cat, subject),
        )


KIND = OnboardingChecklist()
