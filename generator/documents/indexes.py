"""An index page for every folder of the site that holds pages, so that a folder's address
(/roles/, /onboarding/, ...) opens a page that lets the reader pick, never a web server's file
listing; the navigation's sections open on them (Material's navigation.indexes)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..career import career_steps
from ..catalog import Catalog
from ..render.environment import environment
from ..render.links import Links
from .kind import Context, DocumentKind, Ids


@dataclass(frozen=True)
class Entry:
    title: str
    url: str | None
    note: str = ""


@dataclass(frozen=True)
class Group:
    title: str
    entries: list[Entry]
    note: str = ""


class FolderIndex(DocumentKind[Catalog]):
    """The index of a folder of per-role pages: its roles grouped by family, each linking to
    that role's page of `target`."""

    scope = "catalog"
    in_nav = False  # the nav puts it at the head of its section itself
    target: str = ""
    title_label: str = ""
    intro_label: str = ""

    def __init__(self, kind_id: str, folder: str, target: str, title: str, intro: str) -> None:
        self.id = kind_id  # type: ignore[misc]
        self.page = f"{folder}/index.md"  # type: ignore[misc]
        self.target, self.title_label, self.intro_label = target, title, intro

    def ids(self, ctx: Context) -> Iterable[Ids]:
        return [()]

    def subject(self, ctx: Context, ids: Ids) -> Catalog:
        return ctx.cat

    def groups(self, ctx: Context, links: Links) -> list[Group]:
        t = ctx.t
        found = []
        for family in ctx.cat.families.values():
            roles = ctx.cat.family_roles(family.id)
            if roles:
                found.append(
                    Group(
                        t.text(family.name),
                        [
                            Entry(
                                t.text(r.title), links.page_of(self.target, r.id), t.text(r.summary)
                            )
                            for r in roles
                        ],
                    )
                )
        return found

    def extra(self, ctx: Context, links: Links) -> list[Entry]:
        """Links shown above the groups (the overviews of the folder)."""
        return []

    def markdown(self, ctx: Context, subject: Catalog, links: Links) -> str:
        return (
            environment()
            .get_template("markdown/index.md.j2")
            .render(
                t=ctx.t,
                title=ctx.t.label(self.title_label),
                intro=ctx.t.label(self.intro_label),
                extra=self.extra(ctx, links),
                groups=self.groups(ctx, links),
            )
        )


class RolesIndex(FolderIndex):
    def extra(self, ctx: Context, links: Links) -> list[Entry]:
        t = ctx.t
        return [
            Entry(
                t.label("job_architecture"),
                links.page_of("architecture"),
                t.label("index_architecture"),
            ),
        ]


class CompetenciesIndex(FolderIndex):
    def extra(self, ctx: Context, links: Links) -> list[Entry]:
        t = ctx.t
        return [
            Entry(
                t.label("competency_library"), links.page_of("library"), t.label("index_library")
            ),
            Entry(
                t.label("family_matrix"), links.page_of("families-index"), t.label("index_families")
            ),
        ]


class PlansIndex(FolderIndex):
    """Every career step, grouped by the family of the role it starts from."""

    def groups(self, ctx: Context, links: Links) -> list[Group]:
        t = ctx.t
        by_family: dict[str, list[Entry]] = {}
        for source, target in career_steps(ctx.cat):
            by_family.setdefault(source.family, []).append(
                Entry(
                    t.label("plan_title", source=t.text(source.title), target=t.text(target.title)),
                    links.page_of("plan", source.id, target.id),
                )
            )
        return [
            Group(t.text(family.name), by_family[family.id])
            for family in ctx.cat.families.values()
            if family.id in by_family
        ]


class FamiliesIndex(FolderIndex):
    """Every family with its ladder and its grades."""

    def groups(self, ctx: Context, links: Links) -> list[Group]:
        t = ctx.t
        entries = []
        for family in ctx.cat.families.values():
            roles = ctx.cat.family_roles(family.id)
            if not roles:
                continue
            grades = sorted({r.grade.group for r in roles if r.grade}, key=_grade_key)
            note = " → ".join(t.text(r.title) for r in roles)
            if grades:
                note += " · " + t.label("index_grades", low=grades[0], high=grades[-1])
            entries.append(Entry(t.text(family.name), links.page_of("family", family.id), note))
        return [Group(t.label("families"), entries)] if entries else []


def _grade_key(group: str) -> tuple[int, str]:
    return (int(group), "") if group.isdigit() else (10**6, group)


class ChangesIndex(FolderIndex):
    """The change notices of every role that has them (a build with history)."""

    def ids(self, ctx: Context) -> Iterable[Ids]:
        return [()] if ctx.history is not None and _noticed(ctx) else []

    def groups(self, ctx: Context, links: Links) -> list[Group]:
        return [_notices(ctx, role_id, links) for role_id in _noticed(ctx)]


class RoleChangesIndex(DocumentKind[str]):
    """changes/ROLE/: the change notices of one role."""

    id = "changes-role-index"
    scope = "role"
    page = "changes/{0}/index.md"
    in_nav = False

    def ids(self, ctx: Context) -> Iterable[Ids]:
        return [(role_id,) for role_id in _noticed(ctx)]

    def subject(self, ctx: Context, ids: Ids) -> str:
        return ids[0]

    def version(self, subject: str) -> str:
        return subject

    def markdown(self, ctx: Context, subject: str, links: Links) -> str:
        t = ctx.t
        role = ctx.cat.roles[subject]
        group = _notices(ctx, subject, links)
        return (
            environment()
            .get_template("markdown/index.md.j2")
            .render(
                t=t,
                title=f"{t.label('index_changes')}: {t.text(role.title)}",
                intro=t.label("index_changes_intro"),
                extra=[Entry(t.text(role.title), links.role(subject))],
                groups=[group],
                boost=0.3,
            )
        )


def _notices(ctx: Context, role_id: str, links: Links) -> Group:
    """The change notices of one role, newest first."""
    t = ctx.t
    versions = ctx.history.versions.get(role_id, []) if ctx.history else []
    return Group(
        t.text(ctx.cat.roles[role_id].title),
        [
            Entry(
                t.label("index_version", version=v.role.meta.version),
                links.page_of("notice", role_id, v.slug),
                t.date(v.role.meta.effective),
            )
            for v in versions
            if v.diff is not None
        ],
    )


def _noticed(ctx: Context) -> list[str]:
    if ctx.history is None:
        return []
    return [
        role_id
        for role_id in ctx.cat.roles
        if any(v.diff is not None for v in ctx.history.versions.get(role_id, []))
    ]


ROLES = RolesIndex("roles-index", "roles", "job", "roles", "index_roles_intro")
ONBOARDING = FolderIndex(
    "onboarding-index", "onboarding", "onboarding", "onboarding", "index_onboarding_intro"
)
ASSESSMENT = FolderIndex(
    "assessment-index", "assessment", "assessment", "self_assessment", "index_assessment_intro"
)
COMPETENCIES = CompetenciesIndex(
    "competencies-index", "competencies", "profile", "competencies", "index_competencies_intro"
)
PLANS = PlansIndex("plans-index", "plans", "plan", "career_graph", "index_plans_intro")
FAMILIES = FamiliesIndex(
    "families-index", "families", "family", "family_matrix", "index_families_intro"
)
INTERVIEW = FolderIndex(
    "interview-index", "interview", "interview", "interview_kits", "interview_intro"
)
CHANGES = ChangesIndex("changes-index", "changes", "notice", "index_changes", "index_changes_intro")
KINDS = (ROLES, ONBOARDING, ASSESSMENT, COMPETENCIES, PLANS, FAMILIES, INTERVIEW, CHANGES)
