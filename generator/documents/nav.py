"""The site navigation of the generated pages, as the plain data of an MkDocs `nav`.

Every section that has a page per role (the roles, their onboarding, profiles, self-assessments
and career steps) is grouped per family. With Material's `navigation.prune` a page then carries
the families of its section and the pages of its own family only, not a link to every role of the
catalog: at 1,000 roles a flat section put 1,000 links into each of 5,000 pages and made the
build grow with the square of the roles.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from typing import Any

from ..career import career_steps
from ..catalog import Catalog
from ..i18n import Translator
from ..model import Role, advertised
from .registry import SitePaths

NavItem = str | dict[str, Any]


def _title(t: Translator, text: Any) -> str:
    # MkDocs prints nav titles as HTML: role and family names are escaped.
    return html.escape(t.text(text))


def _per_family(
    cat: Catalog, t: Translator, pages: Callable[[Role], Iterable[NavItem]]
) -> list[NavItem]:
    """One subsection per family (in the catalog's order) holding `pages` of each of its roles;
    families without pages are left out."""
    grouped: list[NavItem] = []
    for family in cat.families.values():
        items = [item for role in cat.family_roles(family.id) for item in pages(role)]
        if items:
            grouped.append({_title(t, family.name): items})
    return grouped


def nav_sections(cat: Catalog, lang: str) -> list[dict[str, list[NavItem]]]:
    """The sections the plugin adds to the site's nav, in this language."""
    t = Translator(lang, cat.default_language)
    paths = SitePaths(lang)

    def path(kind: str) -> Callable[..., str]:
        return lambda *ids: paths.page(kind, ids) or ""

    role_page_path, onboarding_page_path = path("job"), path("onboarding")
    profile_page_path, assessment_page_path = path("profile"), path("assessment")
    family_page_path, plan_page_path = path("family"), path("plan")
    steps: dict[str, list[Role]] = {}
    for source, target in career_steps(cat):
        steps.setdefault(source.id, []).append(target)

    def plans(role: Role) -> list[NavItem]:
        return [
            {
                html.escape(
                    t.label("plan_title", source=t.text(role.title), target=t.text(target.title))
                ): plan_page_path(role.id, target.id)
            }
            for target in steps.get(role.id, [])
        ]

    def titled(path: Callable[[str], str]) -> Callable[[Role], list[NavItem]]:
        return lambda role: [{_title(t, role.title): path(role.id)}]

    families = [f for f in cat.families.values() if cat.family_roles(f.id)]
    index = path  # a folder's index page heads its section (navigation.indexes)
    competencies: list[NavItem] = [
        index("competencies-index")(),
        path("library")(),
        {
            t.label("family_matrix"): [
                index("families-index")(),
                *[{_title(t, f.name): family_page_path(f.id)} for f in families],
            ]
        },
        {t.label("competency_profile"): _per_family(cat, t, titled(profile_page_path))},
        {
            t.label("self_assessment"): [
                index("assessment-index")(),
                *_per_family(cat, t, titled(assessment_page_path)),
            ]
        },
    ]
    return [
        # titled like the others: a dirty build (serve --dirty) knows only the titles the nav
        # gives for pages it does not read again
        {
            t.label("roles"): [
                index("roles-index")(),
                {t.label("job_architecture"): path("architecture")()},
                *_per_family(cat, t, titled(role_page_path)),
            ]
        },
        {t.label("career_graph"): [index("plans-index")(), *_per_family(cat, t, plans)]},
        {
            t.label("onboarding"): [
                index("onboarding-index")(),
                *_per_family(cat, t, titled(onboarding_page_path)),
            ]
        },
        {t.label("competencies"): competencies},
        {
            t.label("recruitment"): [
                path("recruitment")(),
                *[
                    {_title(t, r.title): path("vacancy")(r.id)}
                    for r in cat.roles.values()
                    if advertised(r)
                ],
                {
                    t.label("interview_kits"): [
                        index("interview-index")(),
                        *_per_family(cat, t, titled(path("interview"))),
                    ]
                },
            ]
        },
    ]
