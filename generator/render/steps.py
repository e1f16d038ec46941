"""The career graph's steps as a list of links: the graph's text form, for screens too narrow
to show the drawing whole (the site shows it below a breakpoint, see rolebook.css)."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from markupsafe import Markup

from ..career import CareerGraph, career_graph
from ..catalog import Catalog
from ..i18n import Translator
from ..model import Role
from .links import Links


def steps_list(cat: Catalog, graph: CareerGraph, lang: str, links: Links) -> Markup:
    """One item per step of `graph`, "A → B · Development plan", each role and plan a link
    where it has a page; empty for a graph without steps."""
    if not graph.edges:
        return Markup("")
    t = Translator(lang, cat.default_language)

    def role(role_id: str) -> str:
        title = escape(t.text(cat.roles[role_id].title) or role_id)
        href = links.role_or_none(role_id)
        return f"<a href={quoteattr(href)}>{title}</a>" if href else title

    # the arrow is drawn, a word is read: a screen reader would say "right arrow"
    arrow = (
        '<span aria-hidden="true"> → </span>'
        f'<span class="rb-sr-only"> {escape(t.label("to_level"))} </span>'
    )
    items = []
    for source, target in graph.edges:
        plan = links.plan(source, target)
        view = f" · <a href={quoteattr(plan)}>{escape(t.label('view_plan'))}</a>" if plan else ""
        items.append(f"<li>{role(source)}{arrow}{role(target)}{view}</li>")
    label = quoteattr(t.label("career_graph"))
    return Markup(f'<ul class="rb-graph-list" aria-label={label}>' + "".join(items) + "</ul>")


def role_steps(cat: Catalog, role: Role, lang: str, links: Links) -> Markup:
    """The steps of the graph around a role (role_graph's) as a list."""
    return steps_list(cat, career_graph(cat).around({role.id}), lang, links)
