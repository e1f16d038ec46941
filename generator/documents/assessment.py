"""The self-assessment page of a role (filled in and kept in the browser; no PDF of its own: the
page prints), and the shared script with every role's required levels."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..model import Role
from ..render.links import Links
from ..render.markdown import assessment_page, assessment_roles_script
from .kind import Context, DocumentKind, Ids, RoleKind


class SelfAssessment(RoleKind):
    id = "assessment"
    page = "assessment/{0}.md"

    def markdown(self, ctx: Context, subject: Role, links: Links) -> str:
        return assessment_page(ctx.cat, subject, ctx.lang, links)


class AssessmentRoles(DocumentKind[Any]):
    """Every role's title and levels in one script the browser caches, rather than a copy in each
    assessment page (which made the pages, and the build, grow with the square of the roles)."""

    id = "assessment-roles"
    scope = "catalog"
    file = "assets/rolebook/assessment-roles.js"
    cached = False

    def ids(self, ctx: Context) -> Iterable[Ids]:
        return [()]

    def subject(self, ctx: Context, ids: Ids) -> Any:
        return ctx.cat

    def make_file(self, ctx: Context, subject: Any) -> bytes:
        return assessment_roles_script(ctx.cat, ctx.lang).encode()


KIND = SelfAssessment()
ROLES = AssessmentRoles()
