"""Onboarding checklists: merge and order, due dates, the calendar file, the PDF form, the page."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

import icalendar
import pytest
from click.testing import CliRunner

from generator.checks import load_catalog
from generator.cli import main
from generator.onboarding import checklist, checklist_markdown
from generator.render.markdown import onboarding_page

from .conftest import SHIPPED_ROLES, WriteRoles, site_links

Golden = Callable[[str, str], None]


def test_merge_and_order_golden(write_roles: WriteRoles, golden: Golden) -> None:
    cat = load_catalog(write_roles())
    items = checklist(cat, cat.roles["senior"])
    # organisation item first, then the inherited role item; derived competency item last
    assert [(i.phase.id, i.due, i.source) for i in items.items] == [
        ("dag-1", 0, "organisation"),
        ("week-1", 2, "role"),
        ("week-1", 4, "derived"),
    ]
    golden("senior.onboarding.nl.md", checklist_markdown(items, dt.date(2027, 1, 4), "nl", "nl"))


def test_shipped_checklist_golden(golden: Golden) -> None:
    cat = load_catalog(SHIPPED_ROLES)
    items = checklist(cat, cat.roles["accountmanager"])
    golden("accountmanager.onboarding.en.md", checklist_markdown(items, None, "en", "nl"))
    sources = {i.source for i in items.items}
    assert sources == {"organisation", "role", "derived"}
    keys = [i.key for i in items.items]
    assert len(keys) == len(set(keys)), "item keys must be unique"


def test_page_golden(write_roles: WriteRoles, golden: Golden) -> None:
    cat = load_catalog(write_roles())
    page = onboarding_page(cat, cat.roles["senior"], "en", site_links("onboarding/senior/"))
    golden("senior.onboarding-page.en.md", page)
    assert "</script>" not in page.split('<script type="application/json"')[1][:-12]


def test_due_dates_count_calendar_days(write_roles: WriteRoles) -> None:
    cat = load_catalog(write_roles())
    items = checklist(cat, cat.roles["junior"]).items
    start = dt.date(2027, 1, 1)  # a Friday: day 2 is a Sunday, kept as is (documented)
    assert [i.due_date(start) for i in items][:2] == [dt.date(2027, 1, 1), dt.date(2027, 1, 3)]


def test_ics_from_the_cli_parses(write_roles: WriteRoles, runner: CliRunner) -> None:
    write_roles()
    result = runner.invoke(
        main,
        ["onboarding", "senior", "--start", "2027-01-04", "--format", "ics", "-o", "senior.ics"],
    )
    assert result.exit_code == 0, result.output
    cal = icalendar.Calendar.from_ical(Path("senior.ics").read_bytes())
    events = cal.walk("VEVENT")
    assert [(e.decoded("dtstart"), str(e["summary"])) for e in events] == [
        (dt.date(2027, 1, 4), "Welkom"),
        (dt.date(2027, 1, 6), "Kennismaken"),
        (dt.date(2027, 1, 8), events[2]["summary"]),
    ]
    assert runner.invoke(main, ["onboarding", "senior", "--format", "ics"]).exit_code == 2


@pytest.mark.slow
def test_pdf_has_a_checkbox_per_item_and_signoff_fields(
    write_roles: WriteRoles, runner: CliRunner
) -> None:
    from pypdf import PdfReader

    write_roles()
    result = runner.invoke(main, ["onboarding", "senior", "--format", "pdf", "-o", "s.pdf"])
    assert result.exit_code == 0, result.output
    reader = PdfReader(io.BytesIO(Path("s.pdf").read_bytes()))
    fields = reader.get_fields() or {}
    cat = load_catalog(Path("roles"))
    items = checklist(cat, cat.roles["senior"])
    boxes = {name for name, f in fields.items() if f.get("/FT") == "/Btn"}
    assert boxes == {f"item-{i.key}" for i in items.items}
    phases = [phase.id for phase, entries in items.by_phase() if entries]
    texts = {name for name, f in fields.items() if f.get("/FT") == "/Tx"}
    assert texts == {"new-hire-name", "start-date"} | {
        f"signoff-{p}-{who}" for p in phases for who in ("new-hire", "manager")
    }
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]
