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
    page."""
    found: dict[str, list[str]] = {}
    with serve_folder(built / "site") as base, browser() as chromium:
        for size, viewport in (("desktop", DESKTOP),):
            page = chromium.new_page(viewport=viewport)
            for kind, url in urls(lang).items():
                page.goto(base + url)
                page.wait_for_load_state("networkidle")
                problems = describe(axe_violations(page))
                if problems:
                    found[f"{kind} ({url or '/'}, {size})"] = problems
            page.close()
    assert not found, found
