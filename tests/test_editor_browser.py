"""`rolebook edit` in a real browser (Debian's chromium): HR opens the account manager, changes
its purpose in Dutch and saves; the file changes in that line only (a comment elsewhere stays),
`rolebook check` passes and the served page and the preview beside the form show the new text.
A save that breaks a role is refused with the checks' message in the editor, and nothing is
written. Every request the page makes goes to the editor's own address (issue 20)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .browser import PageWatch, browser
from .test_serve import _get, _until, running
from .test_site import make_project, rolebook

pytestmark = pytest.mark.slow

NEW_PURPOSE = "Klanten vinden, helpen en houden is waarom deze functie bestaat."
NEW_PURPOSE_EN = "Finding, helping and keeping clients is why this role exists."
COMMENT = "# Competencies reviewed with the sales team in 2026.\n"


@pytest.fixture(scope="module")
def editor(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    root = make_project(tmp_path_factory.mktemp("project"))
    role = root / "roles" / "accountmanager.yml"
    text = role.read_text(encoding="utf-8")
    role.write_text(text.replace("\ncompetencies:\n", f"\n{COMMENT}competencies:\n"), "utf-8")
    with running(root, "edit", "roles/accountmanager/", "Accountmanager", "the site") as base:
        yield root, base


def _open(page: Any, base: str, entry: str, *, login: bool = True) -> None:
    """The editor at an entry, past Decap's login screen (one button: the backend is local)."""
    page.goto(f"{base}admin/#/collections/{entry}")
    if login:
        page.get_by_role("button", name=re.compile("^(Inloggen|Login)$")).click()


def _publish(page: Any) -> None:
    page.get_by_role("button", name=re.compile("^(Publiceer|Publish)$")).click()
    page.get_by_role("menuitem", name=re.compile("^(Publiceer nu|Publish now)$")).click()


def _preview(page: Any, path: str) -> Any:
    """The preview pane's frame showing the served page at `path`."""
    for _ in range(120):
        for frame in page.frames:
            if frame.url.endswith(path):
                return frame
        page.wait_for_timeout(500)  # lets Playwright take in the frames as they come
    raise AssertionError(f"no preview of {path}: {[f.url for f in page.frames]}")


def _content(frame: Any) -> str:
    """The frame's HTML, or "" while it is loading again."""
    from playwright.sync_api import Error

    try:
        return str(frame.content())
    except Error:
        return ""


def test_hr_edits_a_role_in_the_form_and_a_breaking_edit_is_refused(
    editor: tuple[Path, str],
) -> None:
    root, base = editor
    role = root / "roles" / "accountmanager.yml"
    library = root / "roles" / "library" / "competencies.yml"
    before = role.read_text(encoding="utf-8")
    with browser() as instance:
        page = instance.new_page(viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(60_000)
        watch = PageWatch(page, base)

        # the account manager's purpose, in Dutch
        _open(page, base, "roles/entries/accountmanager")
        purpose = page.get_by_label("Purpose (nl)")
        assert purpose.input_value().startswith("Klanten winnen en vasthouden")
        assert page.get_by_label("Purpose (en)").input_value().startswith("Winning and keeping")
        preview = _preview(page, "/roles/accountmanager/")
        purpose.fill(NEW_PURPOSE)
        _publish(page)
        page.locator(".Toastify__toast--success").wait_for()

        after = role.read_text(encoding="utf-8")
        changed = [
            (old, new)
            for old, new in zip(before.splitlines(), after.splitlines(), strict=True)
            if old != new
        ]
        assert changed == [
            (
                "  nl: Klanten winnen en vasthouden is de basis voor stabiliteit en groei van de "
                "organisatie. De accountmanager is het vaste aanspreekpunt van de klant en zorgt "
                "voor langdurige, winstgevende relaties. Het werk weegt daardoor zwaar voor de "
                "winstgevendheid en het imago van de organisatie. Klanten die steeds terugkomen, "
                "laten zien dat het goed gedaan wordt.",
                f"  nl: {NEW_PURPOSE}",
            )
        ]
        assert COMMENT in after

        # the same form saves again: it holds the version it wrote
        page.locator(".Toastify__toast--success").first.wait_for(state="detached")
        page.get_by_label("Purpose (en)").fill(NEW_PURPOSE_EN)
        _publish(page)
        page.locator(".Toastify__toast--success").wait_for()
        after = role.read_text(encoding="utf-8")
        assert f"  nl: {NEW_PURPOSE}\n  en: {NEW_PURPOSE_EN}\n" in after
        assert COMMENT in after
        check = rolebook(root, "check")
        assert check.returncode == 0, check.stderr
        _until(lambda: NEW_PURPOSE in _get(base + "roles/accountmanager/"), 120, "the new page")
        # the preview beside the form reloads by itself once the site is rebuilt
        for _ in range(240):
            if NEW_PURPOSE in _content(preview):
                break
            page.wait_for_timeout(500)
        else:
            raise AssertionError("the preview did not reload with the new text")

        assert watch.errors == [], watch.errors

        # a competency's id changed in the library: the roles that require it would name an
        # unknown competency, so the save is refused with the check's messages
        competencies = library.read_bytes()
        _open(page, base, "library/entries/competencies", login=False)
        toggle = "//div[normalize-space(text())='geheugen']/preceding-sibling::div[1]//button[1]"
        page.locator(f"xpath={toggle}").click()
        page.locator("input[value=geheugen]").fill("geheugen-nieuw")
        _publish(page)
        refused = page.locator("#rb-refused")
        refused.wait_for()
        message = refused.inner_text()
        assert "Er is niets geschreven" in message  # the page speaks the default language
        for line in (
            "roles/accountmanager.yml:446:10: error: unknown competency 'geheugen' "
            "(did you mean 'geheugen-nieuw'?)",
            "roles/key-accountmanager.yml:109:10: error: unknown competency 'geheugen' "
            "(did you mean 'geheugen-nieuw'?)",
        ):
            assert line in message
            assert line in page.locator(".Toastify__toast--error").inner_text()
        assert library.read_bytes() == competencies
        assert role.read_text(encoding="utf-8") == after

        assert watch.foreign == [], watch.foreign
        # Decap leaves the refused save's promise rejected, with its redux action as reason
        assert set(watch.errors) <= {"Object"}, watch.errors
        assert any(url.startswith(base + "api/v1") for url in watch.requests)
