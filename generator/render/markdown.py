"""Markdown pages of the site: one per role, and the overview of roles by family."""

from __future__ import annotations

from ..catalog import Catalog
from ..i18n import Translator
from ..model import Role
from .environment import environment
from .links import Links


def role_page(cat: Catalog, role: Role, lang: str, links: Links) -> str:
    """The Markdown of a role's job-description page."""
    template = environment().get_template("markdown/role.md.j2")
    return template.render(
        cat=cat, role=role, t=Translator(lang, cat.default_language), links=links
    )


def roles_overview(cat: Catalog, lang: str, links: Links) -> str:
    """HTML listing every role by family, for the home page."""
    template = environment().get_template("partials/overview.html.j2")
    families = [(family, cat.family_roles(family.id)) for family in cat.families.values()]
    families = [(family, roles) for family, roles in families if roles]
    return template.render(
        cat=cat, families=families, t=Translator(lang, cat.default_language), links=links
    )
