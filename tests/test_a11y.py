"""Accessibility and small screens, in a browser on the built site: axe-core on every kind of
page in both languages, and no page wider than a phone."""

from __future__ import annotations

from pathlib import Path

import pytest

from .browser import axe_violations, browser, describe, serve_folder

pytestmark = pytest.mark.slow

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}

# One page of every kind, in Dutch and in English (site-relative URLs).
PAGES = {
    "home": ("", "en/"),
    "role": ("roles/accountmanager/", "en/roles/accountmanager/"),
    "onboarding checklist": ("onboarding/accountmanager/", "en/onboarding/accountmanager/"),
    "self-assessment": ("assessment/accountmanager/", "en/assessment/accountmanager/"),
    "development plan": (
        "plans/accountmanager--key-accountmanager/",
        "en/plans/accountmanager--key-accountmanager/",
    ),
    "competency profile": ("competencies/accountmanager/", "en/competencies/accountmanager/"),
    "competency library": ("competency-library/", "en/competency-library/"),
    "family matrix": ("families/accountmanagement/", "en/families/accountmanagement/"),
    # the page the Career paths tab opens (the whole graph is on the home page)
    "career paths": (
        "plans/accountmanager--corporate-accountmanager/",
        "en/plans/accountmanager--corporate-accountmanager/",
    ),
    "job architecture": ("functiehuis/", "en/job-architecture/"),
    "changes": ("changes/accountmanager/1.1.0/", "en/changes/accountmanager/1.1.0/"),
    "HR guide": ("hr/writing-a-role/", "en/hr/writing-a-role/"),
    "not found": ("404.html", "en/404.html"),
}


def urls(lang: str) -> dict[str, str]:
    return {kind: pair[lang == "en"] for kind, pair in PAGES.items()}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_serious_accessibility_violations(built: Path, lang: str) -> None:
    """axe-core finds nothing serious or critical, and no skipped heading level, on any kind of
    page, on a desktop and on a phone."""
    found: dict[str, list[str]] = {}
    with serve_folder(built / "site") as base, browser() as chromium:
        for size, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
            page = chromium.new_page(viewport=viewport)
            for kind, url in urls(lang).items():
                page.goto(base + url)
                page.wait_for_load_state("networkidle")
                problems = describe(axe_violations(page))
                if problems:
                    found[f"{kind} ({url or '/'}, {size})"] = problems
            page.close()
    assert not found, found


def test_no_page_is_wider_than_a_phone(built: Path) -> None:
    """At 390 px the competency table of a role page made the whole page scroll sideways (it was
    124 px too wide): a table scrolls inside its own box, and no page is wider than the screen."""
    wide: dict[str, int] = {}
    with serve_folder(built / "site") as base, browser() as chromium:
        page = chromium.new_page(viewport=PHONE)
        for lang in ("nl", "en"):
            for kind, url in urls(lang).items():
                page.goto(base + url)
                page.wait_for_load_state("networkidle")
                width = page.evaluate("document.documentElement.scrollWidth")
                if width > PHONE["width"]:
                    wide[f"{kind} ({url or '/'})"] = width
        page.goto(base + "roles/accountmanager/")
        box = page.locator("#rb-competencies").locator("xpath=..")
        assert box.evaluate("e => getComputedStyle(e).overflowX") == "auto"
        assert box.evaluate("e => e.getBoundingClientRect().right") <= PHONE["width"]
    assert not wide, wide


@pytest.mark.parametrize(("viewport", "listed"), [(PHONE, True), (DESKTOP, False)])
def test_career_graph_on_a_phone_is_readable(
    built: Path, viewport: dict[str, int], listed: bool
) -> None:
    """The graph shrank to the screen's width, with labels too small to read: on a phone it keeps
    its size in a box that scrolls, and a list below it names every step as links; on a desktop
    the graph alone."""
    from generator.career import career_graph
    from generator.checks import load_catalog

    cat = load_catalog(built / "roles")
    steps = career_graph(cat).edges
    with serve_folder(built / "site") as base, browser() as chromium:
        page = chromium.new_page(viewport=viewport)
        page.goto(base)
        page.wait_for_load_state("networkidle")
        graph = page.locator("svg.rb-graph").first
        drawn = graph.evaluate("e => e.getBoundingClientRect().width")
        if listed:
            assert drawn == int(graph.get_attribute("width") or 0)  # not shrunk
            assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        paths = page.locator(".rb-graph-list")
        assert paths.is_visible() is listed
        items = paths.first.locator("li")
        assert items.count() == len(steps)
        first = items.first
        assert first.locator("a").count() == 3  # both roles and the step's development plan
        if listed:
            first.locator("a").nth(1).click()
            page.wait_for_load_state("networkidle")
            assert "/roles/" in page.url


ENTRY_LINKS = {  # each audience's place, from the home page
    "nl": ["new-hires/", "managers/", "hr/writing-a-role/"],
    "en": ["new-hires/", "managers/", "hr/writing-a-role/"],
}


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_home_shows_every_audience_its_way_in_without_scrolling(
    built: Path, viewport: dict[str, int]
) -> None:
    """New hires, managers and HR found their link only below the fold (at y = 1,020 px on a
    1366x900 desktop, 1,561 px on a phone): all three are in the first screenful."""
    with serve_folder(built / "site") as base, browser() as chromium:
        page = chromium.new_page(viewport=viewport)
        for lang, prefix in (("nl", ""), ("en", "en/")):
            page.goto(base + prefix)
            page.wait_for_load_state("networkidle")
            for href in ENTRY_LINKS[lang]:
                link = page.locator(f'.md-content a[href="{href}"]').first
                assert link.is_visible(), (lang, href)
                box = link.bounding_box()
                assert box is not None
                assert box["y"] + box["height"] <= viewport["height"], (lang, href, box)
