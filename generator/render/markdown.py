"""Markdown pages of the site: one per role, and the overview of roles by family."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from .. import formal
from ..career import Plan, career_graph
from ..catalog import Catalog
from ..competencies import (
    default_comparison,
    family_matrix,
    library_overview,
    profile,
    requirements,
    role_levels,
)
from ..exports.jsonld import occupation
from ..history.revisions import Version
from ..i18n import Translator
from ..model import Family, Role, advertised
from ..onboarding import Checklist, checklist
from .environment import environment
from .graph import career_svg, role_graph
from .links import Links
from .position import position_svg
from .steps import role_steps, steps_list


@dataclass(frozen=True)
class RoleQuality:
    """What the editors' quality section shows: lint findings and the gender-coding balance."""

    findings: list[Any]
    balance: str


@dataclass(frozen=True)
class HistoryRow:
    """One version in a role page's history table."""

    version: str
    effective: dt.date
    date: dt.date | None
    """When the version was committed; None for changes not committed yet."""
    summary: str
    notice: str | None
    """The link to the change notice; None for the first version."""


def history_rows(
    cat: Catalog, versions: list[Version], lang: str, links: Links
) -> list[HistoryRow]:
    """The history table of a role page, newest version first."""
    from .changes import NoticeView

    t = Translator(lang, cat.default_language)
    return [
        HistoryRow(
            version=v.role.meta.version,
            effective=v.role.meta.effective,
            date=v.commit.date.date() if v.commit else None,
            summary=(
                NoticeView(cat, v.diff, lang, cat.default_language).summary()
                if v.diff
                else t.label("history_first")
            ),
            notice=links.change(v.role.id, v.slug) if v.diff else None,
        )
        for v in versions
    ]


def role_page(
    cat: Catalog,
    role: Role,
    lang: str,
    links: Links,
    quality: RoleQuality | None = None,
    history: list[HistoryRow] | None = None,
) -> str:
    """The Markdown of a role's job-description page; `history` None leaves the section out."""
    template = environment().get_template("markdown/role.md.j2")
    t = Translator(lang, cat.default_language)
    return template.render(
        cat=cat,
        role=role,
        t=t,
        links=links,
        quality=quality,
        history=history,
        graph=role_graph(cat, role, lang, links),
        steps=role_steps(cat, role, lang, links),
        jsonld=script_json(occupation(cat, role, lang)),
        advertised=advertised(role),
        header=formal.header(cat, role, t),
        position=position_svg(cat, role, lang),
        conditions=formal.conditions(role, t),
    )


def plan_page(cat: Catalog, plan: Plan, lang: str, links: Links) -> str:
    """The Markdown of a development plan page."""
    return (
        environment()
        .get_template("markdown/plan.md.j2")
        .render(
            cat=cat,
            plan=plan,
            links=links,
            t=Translator(lang, cat.default_language),
        )
    )


def roles_overview(cat: Catalog, lang: str, links: Links) -> str:
    """HTML listing every role by family, for the home page."""
    template = environment().get_template("partials/overview.html.j2")
    families = [(family, cat.family_roles(family.id)) for family in cat.families.values()]
    families = [(family, roles) for family, roles in families if roles]
    whole = career_graph(cat)
    graph = Markup(career_svg(cat, whole, lang, links.role_or_none))
    return template.render(
        graph=graph,
        steps=steps_list(cat, whole, lang, links),
        cat=cat,
        families=families,
        t=Translator(lang, cat.default_language),
        links=links,
    )


def script_json(data: object) -> Markup:
    """JSON safe inside a <script> element: no "</script>", no HTML-significant characters."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, code)
    return Markup(text)


def checklist_data(items: Checklist, lang: str, t: Translator) -> dict[str, object]:
    """What checklist.js needs: item keys, due days and texts for the calendar export."""
    return {
        "role": items.role.id,
        "lang": lang,
        "title": t.label("onboarding_checklist") + ": " + t.text(items.role.title),
        "labels": {"done_of": t.label("done_of")},
        "items": [
            {
                "key": i.key,
                "due": i.due,
                "text": t.text(i.text),
                "owner": t.label("owner_" + i.owner),
            }
            for i in items.items
        ],
    }


def onboarding_page(cat: Catalog, role: Role, lang: str, links: Links) -> str:
    """The Markdown of a role's onboarding checklist page."""
    t = Translator(lang, cat.default_language)
    items = checklist(cat, role)
    template = environment().get_template("markdown/onboarding.md.j2")
    return template.render(
        cat=cat,
        role=role,
        t=t,
        links=links,
        checklist=items,
        data_json=script_json(checklist_data(items, lang, t)),
    )


def profile_page(cat: Catalog, role: Role, lang: str, links: Links) -> str:
    """The Markdown of a role's competency profile."""
    t = Translator(lang, cat.default_language)
    return (
        environment()
        .get_template("markdown/profile.md.j2")
        .render(cat=cat, role=role, t=t, links=links, groups=profile(cat, role))
    )


def family_page(cat: Catalog, family: Family, lang: str, links: Links) -> str:
    """The Markdown of a family's competency matrix."""
    roles, rows = family_matrix(cat, family)
    graph = career_graph(cat).around({r.id for r in roles})
    return (
        environment()
        .get_template("markdown/family.md.j2")
        .render(
            cat=cat,
            family=family,
            roles=roles,
            rows=rows,
            links=links,
            t=Translator(lang, cat.default_language),
            graph=Markup(career_svg(cat, graph, lang, links.role_or_none)),
            steps=steps_list(cat, graph, lang, links),
        )
    )


def library_page(cat: Catalog, lang: str, links: Links) -> str:
    """The Markdown of the competency library overview."""
    return (
        environment()
        .get_template("markdown/library.md.j2")
        .render(
            cat=cat,
            overview=library_overview(cat),
            links=links,
            t=Translator(lang, cat.default_language),
        )
    )


def _assessment_role(role: Role, t: Translator) -> dict[str, object]:
    return {"title": t.text(role.title), "levels": role_levels(role)}


def assessment_data(cat: Catalog, role: Role, lang: str, t: Translator) -> dict[str, object]:
    """What assessment.js needs on one page: this role and its default comparison; the other
    roles come from the site's shared script (`assessment_roles_script`)."""
    comparison = default_comparison(cat, role) or role
    keys = [
        "status_met",
        "status_below",
        "status_above",
        "status_missing",
        "total_gap",
        "levels_short",
        "summary_against",
        "import_error",
        "ignored_values",
        # the CSV export: its separator and headers as a spreadsheet in this language reads them
        "csv_separator",
        "competency",
        "required_level",
        "your_level",
        "status",
        "gap",
        "note",
        # the result view
        "answered_of",
        "to_bridge",
        "gap_line",
        "next_step",
        "new_for_role",
        "compared_on",
        "copied",
    ]
    return {
        "role": role.id,
        "lang": lang,
        "defaultAgainst": comparison.id,
        "roles": {r.id: _assessment_role(r, t) for r in (role, comparison)},
        "labels": {key: t.label(key) for key in keys},
        "names": {
            need.id: t.text(cat.competencies[need.id].name)
            for need in role.competencies
            if need.id in cat.competencies
        },
    }


def assessment_roles_script(cat: Catalog, lang: str) -> str:
    """The shared script with every role's title and required levels, in catalog order."""
    t = Translator(lang, cat.default_language)
    roles = [{"id": r.id, **_assessment_role(r, t)} for r in cat.roles.values()]
    names = {c.id: t.text(c.name) for c in cat.competencies.values()}
    # names too: a role to compare with may need competencies this page does not show
    return (
        f"window.rolebookAssessmentRoles = {script_json(roles)};\n"
        f"window.rolebookCompetencyNames = {script_json(names)};\n"
    )


def assessment_page(cat: Catalog, role: Role, lang: str, links: Links) -> str:
    """The Markdown of a role's self-assessment page."""
    t = Translator(lang, cat.default_language)
    comparison = default_comparison(cat, role) or role
    return (
        environment()
        .get_template("markdown/assessment.md.j2")
        .render(
            cat=cat,
            role=role,
            t=t,
            links=links,
            reqs=requirements(cat, role),
            others=[role] if comparison.id == role.id else [role, comparison],
            comparison=comparison,
            data_json=script_json(assessment_data(cat, role, lang, t)),
        )
    )
