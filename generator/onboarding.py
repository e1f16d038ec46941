"""A role's onboarding checklist: the organisation's items, the role's own (inherited ones
included) and items derived from the role, merged and ordered by phase and due day."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from typing import Literal

from .catalog import Catalog
from .i18n import labels
from .model import OnboardingItem, Phase, Role, Text

Source = Literal["organisation", "role", "derived"]
SOURCE_ORDER: dict[str, int] = {"organisation": 0, "role": 1, "derived": 2}

# Derived "get to know" items: a role whose duties name one of these gets the item.
# Matched case-insensitively on whole words in every language of the duties.
KNOWN_SUBJECTS: dict[str, tuple[str, ...]] = {
    "range": ("assortiment", "productlijn", "product range", "range of goods", "product line"),
    "clients": (
        "klantenbestand",
        "klantportefeuille",
        "client database",
        "client base",
        "client portfolio",
    ),
    "systems": ("informatiesysteem", "crm", "information system"),
}
SUBJECT_LINKS = {"clients": "knowledge/finding-clients.md", "range": "knowledge/work-cycle.md"}


@dataclass(frozen=True)
class ChecklistItem:
    """One line of a checklist, with where it came from."""

    key: str
    """Stable id, for ticking in the browser and naming PDF form fields."""
    phase: Phase
    owner: str
    text: Text
    due: int
    """Days from the start date."""
    optional: bool
    link: str | None
    source: Source

    def due_date(self, start: dt.date) -> dt.date:
        """Calendar days: weekends and holidays are not skipped."""
        return start + dt.timedelta(days=self.due)


@dataclass(frozen=True)
class Checklist:
    role: Role
    phases: list[Phase]
    items: list[ChecklistItem]

    def by_phase(self) -> list[tuple[Phase, list[ChecklistItem]]]:
        return [(phase, [i for i in self.items if i.phase.id == phase.id]) for phase in self.phases]

    def date_range_error(self, start: dt.date) -> str | None:
        """Why `start` gives a due date the calendar cannot hold (before the year 1 or after
        9999, a day after the last), or None when every due date fits."""
        dues = [item.due for item in self.items]
        if not dues:
            return None
        # the calendar's events end the day after they are due
        first, last = min(dues), max(dues) + 1
        if (start - dt.date.min).days < -first:
            return f"the checklist starts {-first} days before it, before the year 1"
        if (dt.date.max - start).days < last:
            return f"the checklist runs {last} days past it, after the year 9999"
        return None


def _key(source: str, phase: str, text: Text, index: int) -> str:
    seed = f"{source}|{phase}|{sorted(text.root.items())}|{index}"
    return hashlib.sha1(seed.encode()).hexdigest()[:10]


def _text(key: str, cat: Catalog, **values: str) -> Text:
    return Text({lang: str(labels(lang)[key]).format(**values) for lang in cat.languages})


def _mentions(role: Role, words: tuple[str, ...]) -> bool:
    texts = [t for group in role.duties for item in group.items for t in item.root.values()]
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, words)) + r")\b", re.IGNORECASE)
    return any(pattern.search(text) for text in texts)


def _derived(cat: Catalog, role: Role, phases: dict[str, Phase]) -> list[OnboardingItem]:
    found: list[OnboardingItem] = []
    linked = {item.link for item in [*cat.onboarding.items, *role.onboarding] if item.link}
    first_week = "week-1" if "week-1" in phases else next(iter(phases))
    last = list(phases)[-1]
    for subject, words in KNOWN_SUBJECTS.items():
        if _mentions(role, words):
            found.append(
                OnboardingItem(
                    phase=first_week,
                    owner="buddy",
                    item=_text(f"onboarding_know_{subject}", cat),
                    link=SUBJECT_LINKS.get(subject),
                )
            )
    for step in role.training:
        if step.phase is not None and f"training:{step.ref}" not in linked:
            training = cat.training[step.ref]
            found.append(
                OnboardingItem(
                    phase=step.phase,
                    owner="new-hire",
                    item=Text(
                        {
                            lang: str(labels(lang)["onboarding_training"]).format(
                                title=training.title.get(lang, cat.default_language)
                            )
                            for lang in cat.languages
                        }
                    ),
                    link=f"training:{step.ref}",
                )
            )
    if role.competencies:
        found.append(
            OnboardingItem(
                phase=last,
                owner="new-hire",
                item=_text("onboarding_competencies", cat),
                link="competencies",
            )
        )
    return found


def checklist(cat: Catalog, role: Role) -> Checklist:
    """The merged, ordered checklist of a role."""
    phases = {phase.id: phase for phase in cat.onboarding.phases}
    sources: list[tuple[Source, list[OnboardingItem]]] = [
        ("organisation", list(cat.onboarding.items)),
        ("role", list(role.onboarding)),
        ("derived", _derived(cat, role, phases)),
    ]
    order = {phase_id: i for i, phase_id in enumerate(phases)}
    items: list[tuple[tuple[int, int, int, int], ChecklistItem]] = []
    for source, entries in sources:
        for index, entry in enumerate(entries):
            phase = phases[entry.phase]
            due = entry.due if entry.due is not None else phase.offset_days
            item = ChecklistItem(
                key=_key(source, entry.phase, entry.item, index),
                phase=phase,
                owner=entry.owner,
                text=entry.item,
                due=due,
                optional=entry.optional,
                link=entry.link,
                source=source,
            )
            items.append(((order[entry.phase], due, SOURCE_ORDER[source], index), item))
    items.sort(key=lambda pair: pair[0])
    return Checklist(role=role, phases=list(phases.values()), items=[i for _, i in items])


def calendar(items: Checklist, start: dt.date, lang: str, default_language: str) -> bytes:
    """The checklist's items as all-day events of an iCalendar file, from `start`."""
    import icalendar

    cal = icalendar.Calendar()
    cal.add("prodid", f"-//Rolebook//Onboarding//{lang.upper()}")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    stamp = dt.datetime.combine(start, dt.time(), tzinfo=dt.UTC)
    for item in items.items:
        event = icalendar.Event()
        event.add("uid", f"{item.key}-{items.role.id}@rolebook")
        event.add("dtstamp", stamp)
        event.add("dtstart", item.due_date(start))
        event.add("dtend", item.due_date(start) + dt.timedelta(days=1))
        event.add("summary", item.text.get(lang, default_language))
        event.add("categories", [str(labels(lang)["owner_" + item.owner])])
        cal.add_component(event)
    return bytes(cal.to_ical())


def checklist_markdown(
    items: Checklist, start: dt.date | None, lang: str, default_language: str
) -> str:
    """The checklist as a Markdown task list, with dates when a start date is given."""
    words = labels(lang)
    lines = [f"# {words['onboarding_checklist']}: {items.role.title.get(lang, default_language)}"]
    for phase, entries in items.by_phase():
        if not entries:
            continue
        lines += ["", f"## {phase.name.get(lang, default_language)}", ""]
        for item in entries:
            when = str(words["due_day"]).format(n=item.due)
            if start is not None:
                when += f", {item.due_date(start).isoformat()}"
            optional = f", {words['optional_item']}" if item.optional else ""
            owner = words["owner_" + item.owner]
            lines.append(
                f"- [ ] {item.text.get(lang, default_language)} ({owner}, {when}{optional})"
            )
    return "\n".join(lines) + "\n"
