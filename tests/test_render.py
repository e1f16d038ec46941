"""Markdown pages and print HTML: golden output, and role text treated as untrusted."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from generator.checks import load_catalog
from generator.render.markdown import role_page, roles_overview

from .conftest import JUNIOR, SHIPPED_ROLES, WriteRoles, print_html, site_links
from .htmlcheck import live_problems

Golden = Callable[[str, str], None]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_role_page_golden(write_roles: WriteRoles, golden: Golden, lang: str) -> None:
    cat = load_catalog(write_roles())
    links = site_links("roles/senior/")
    golden(f"senior.{lang}.md", role_page(cat, cat.roles["senior"], lang, links))


def test_overview_golden(write_roles: WriteRoles, golden: Golden) -> None:
    cat = load_catalog(write_roles())
    golden("overview.nl.html", roles_overview(cat, "nl", site_links("")))


def test_shipped_role_page_golden(golden: Golden) -> None:
    cat = load_catalog(SHIPPED_ROLES)
    page = role_page(cat, cat.roles["accountmanager"], "nl", site_links("roles/accountmanager/"))
    golden("accountmanager.nl.md", page)


def test_edit_link_only_where_the_site_says_where_roles_are_edited(write_roles: WriteRoles) -> None:
    """Every visitor saw "Deze functie bewerken", which downloaded the raw YAML: the link is off
    unless the plugin's `edit_url` points at the repository, and the YAML is not published."""
    from dataclasses import replace

    from generator.documents.registry import build_context
    from generator.documents.siteplan import site_plan

    cat = load_catalog(write_roles())
    links = site_links("roles/senior/")
    assert "Deze functie bewerken" not in role_page(cat, cat.roles["senior"], "nl", links)
    files = [p.file for p in site_plan(build_context(cat, "nl")) if p.file]
    assert files and not [name for name in files if name.endswith(".yml")]
    edit = replace(links, edit_url="https://git.example.org/hr/rolebook/-/edit/main/{path}")
    page = role_page(cat, cat.roles["senior"], "en", edit)
    assert (
        '<a class="md-button" href="https://git.example.org/hr/rolebook/-/edit/main/'
        'roles/senior.yml">Edit this role</a>'
    ) in page


ATTACKS = {
    "script": "<script>alert('x')</script>",
    "handler": '<img src=x onerror="alert(1)">',
    "js-link": "[klik](javascript:alert(1))",
    "data-link": "[klik](data:text/html;base64,PHNjcmlwdD4=)",
    "file-image": "![passwd](file:///etc/passwd)",
    "attachment": '<a rel="attachment" href="file:///etc/passwd">bijlage</a>',
    "iframe": '<iframe src="https://example.org"></iframe><object data="x.swf"></object>',
    "svg": "<svg><script>alert(1)</script></svg>",
    "style": "<style>@import url(https://example.org/x.css)</style>",
    "md-html-link": "[a](<javascript:alert(1)>)",
    "autolink": "<javascript:alert(1)>",
}


def _hostile(text: str) -> str:
    value = text.replace('"', '\\"')
    return (
        JUNIOR.replace("{nl: Bellen, en: Calling}", f'{{nl: "{value}", en: "{value}"}}')
        .replace(
            "summary: {nl: Verkoopt., en: Sells.}", f'summary: {{nl: "{value}", en: "{value}"}}'
        )
        .replace("title: {nl: Verkoper, en: Salesperson}", f'title: {{nl: "{value}", en: "x"}}')
    )


DANGEROUS = [
    "<script",
    "onerror",
    "javascript:",
    "data:text",
    "file://",
    "<iframe",
    "<object",
    "<style",
    'rel="attachment"',
    "<img",
]


@pytest.mark.parametrize("attack", ATTACKS, ids=list(ATTACKS))
def test_role_text_is_inert(write_roles: WriteRoles, attack: str) -> None:
    cat = load_catalog(write_roles({"junior.yml": _hostile(ATTACKS[attack])}))
    role = cat.roles["junior"]
    outputs = {
        "markdown": role_page(cat, role, "nl", site_links("roles/junior/")),
        "print": print_html(cat, role, "nl"),
        "overview": roles_overview(cat, "nl", site_links()),
    }
    for name, output in outputs.items():
        # the front matter's title and description reach the theme unescaped: escape them here
        body = output.split("</head>")[-1]
        if output.startswith("---\n"):
            front, _, body = output.partition("\n---\n")
            assert "<" not in front and ">" not in front, front
        assert live_problems(body) == [], name
        live = _live_markup(body)
        assert not [bad for bad in DANGEROUS if bad in live], (name, live)
        urls = re.findall(r'(?:href|src)="([^"]*)"', live)
        assert all(url.startswith(SAFE_URL_PREFIXES) for url in urls), (name, urls)


SAFE_URL_PREFIXES = (
    "https://",
    "http://",
    "mailto:",
    "../",
    "./",
    "#",
    "pdf/",
    "roles/",
    "plans/",
    "print.css",
)


def _live_markup(html: str) -> str:
    """The markup outside escaped text: what a browser would treat as tags and attributes."""
    # data blocks (JSON-LD, page data) are not run; their content has no "<" (escaped as \u003c)
    html = re.sub(r'<script type="application/(ld\+)?json"[^>]*>[^<]*</script>', "", html)
    tags = re.findall(r"<[a-zA-Z/][^>]*>", html)
    return "\n".join(tags)


def test_markdown_in_role_text_renders(write_roles: WriteRoles) -> None:
    text = JUNIOR.replace(
        "{nl: Bellen, en: Calling}", '{nl: "**Bellen** met [klanten](https://example.org)", en: x}'
    )
    cat = load_catalog(write_roles({"junior.yml": text}))
    page = role_page(cat, cat.roles["junior"], "nl", site_links())
    assert (
        '<strong>Bellen</strong> met <a href="https://example.org" '
        'rel="noopener noreferrer">klanten</a>' in page
    )


def test_quality_section_only_for_editors(write_roles: WriteRoles) -> None:
    from generator.lint import balance_score, lint_catalog
    from generator.render.markdown import RoleQuality

    text = JUNIOR.replace("{nl: Bellen, en: Calling}", '{nl: "Hij belt <b>klanten</b>", en: x}')
    cat = load_catalog(write_roles({"junior.yml": text}))
    role = cat.roles["junior"]
    public = role_page(cat, role, "nl", site_links())
    assert "## Kwaliteit" not in public
    findings = [f for f in lint_catalog(cat) if f.location.path.endswith("junior.yml")]
    quality = RoleQuality(findings=findings, balance=balance_score(cat, "junior", "nl")[0])
    page = role_page(cat, role, "nl", site_links(), quality)
    assert "## Kwaliteit" in page
    assert "[gendered-pronoun]" in page
    assert live_problems(page.split("## Kwaliteit")[1]) == []
    assert "<b>" not in page.split("## Kwaliteit")[1]
