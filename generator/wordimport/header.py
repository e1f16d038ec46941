"""The header of a job description: grade, scale, hours, location, reporting lines, department
and the document's version and date, read from their labelled values. A value that does not
fit the catalog (a scale the organisation does not have, a manager that is no role) is kept in
the notes."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from ..i18n import labels
from .builder import Draft, is_none, matchable
from .sections import HeaderField

HEADER_SOURCE = "header"
WORK_MODES = ("onsite", "hybrid", "remote")
MODE_WORDS = {
    "hybrid": ("hybride", "hybrid", "deels thuis", "partly from home"),
    "remote": ("op afstand", "remote", "thuiswerk", "volledig thuis", "from home"),
    "onsite": ("op locatie", "on site", "onsite", "op kantoor", "at the office"),
}
NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def parse_date(text: str) -> dt.date | None:
    """2027-02-01, 1-2-2027, 1/2/2027, 1 februari 2027, 1 February 2027 or February 1, 2027."""
    text = text.strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    match = re.search(r"\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b", text)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            return dt.date(year, month, day)
        months = {}
        for lang in ("nl", "en"):
            for number, name in enumerate(labels(lang)["months"], 1):
                months[matchable(name)] = number
                months[matchable(name)[:3]] = number
        words = matchable(text).split()
        for i, word in enumerate(words):
            if word in months:
                numbers = [int(w) for w in words[max(0, i - 1) : i + 3] if w.isdigit()]
                found_day = next((n for n in numbers if 1 <= n <= 31), None)
                found_year = next((n for n in numbers if n > 1900), None)
                if found_day and found_year:
                    return dt.date(found_year, months[word], found_day)
    except ValueError:
        return None
    return None


def _grade(draft: Draft, field: HeaderField) -> None:
    org = draft.cat.organisation
    if not org.grade_systems:
        draft.keep(HEADER_SOURCE, "no grade system in library/organisation.yml", [_line(field)])
        return
    value = matchable(field.value)
    system = next(
        (
            s
            for s in org.grade_systems
            if matchable(s.id) in value.split()
            or any(matchable(name) in value for name in s.name.root.values() if name.strip())
        ),
        org.grade_systems[0],
    )
    groups = {g.id.casefold(): g.id for g in system.groups}
    group = next((groups[w] for w in _tokens(field.value) if w.casefold() in groups), None)
    if group is None:
        draft.keep(HEADER_SOURCE, f"no such group in grade system '{system.id}'", [_line(field)])
        return
    draft.data.setdefault("grade", {}).update(system=system.id, group=group)
    draft.report(f'"{field.label}"', "grade.group", f"{system.id} {group}")


def _scale(draft: Draft, field: HeaderField) -> None:
    scales = {s.id.casefold(): s.id for s in draft.cat.organisation.salary_scales}
    scale = next(
        (scales[w] for w in _tokens(field.value.split(":")[0]) if w.casefold() in scales), None
    )
    if scale is None:
        draft.keep(
            HEADER_SOURCE, "no such salary scale in library/organisation.yml", [_line(field)]
        )
        return
    draft.data.setdefault("grade", {})["scale"] = scale
    draft.report(f'"{field.label}"', "grade.scale", scale)


def _tokens(text: str) -> list[str]:
    return re.findall(r"[A-Za-z0-9][A-Za-z0-9.-]*", text)


def _hours(draft: Draft, field: HeaderField) -> None:
    before = field.value.split("(")[0]
    numbers = [_number(n) for n in NUMBER.findall(before)]
    if "fte" in before.casefold() and not re.search(r"uur|hour|\bu\b", before.casefold()):
        numbers = [n * draft.cat.organisation.full_time_hours for n in numbers if n <= 1.5]
    numbers = [round(n, 2) for n in numbers if 0 < n <= 60]
    if not numbers:
        draft.keep(HEADER_SOURCE, "no hours per week found", [_line(field)])
        return
    low, high = min(numbers[:2]), max(numbers[:2])
    draft.data["hours"] = (
        {"per_week": _whole(low)} if low == high else {"min": _whole(low), "max": _whole(high)}
    )
    draft.report(f'"{field.label}"', "hours")


def _whole(value: float) -> float | int:
    return int(value) if value == int(value) else value


def _location(draft: Draft, field: HeaderField) -> None:
    place, mode = field.value.strip(), None
    for candidate in WORK_MODES:  # "Utrecht, hybride (deels thuis)" or "Utrecht (hybrid)"
        names = [str(labels(lang)[f"work_mode_{candidate}"]) for lang in ("nl", "en")]
        for name in [*names, *MODE_WORDS[candidate]]:
            for suffix in (f", {name}", f" ({name})", f" - {name}", f" – {name}"):
                if mode is None and place.casefold().endswith(suffix.casefold()):
                    place, mode = place[: -len(suffix)].strip(), candidate
    if mode is None:
        words = matchable(place)
        mode = next((m for m, names in MODE_WORDS.items() if any(n in words for n in names)), None)
    location: dict[str, object] = {"place": draft.text(place)}
    if mode and mode != "onsite":
        location["work_mode"] = mode
    draft.data["location"] = location
    draft.report(f'"{field.label}"', "location", mode or "onsite")


def _reports_to(draft: Draft, field: HeaderField) -> None:
    found, _ = draft.find_all("roles", field.value)
    if not found:
        draft.keep(HEADER_SOURCE, "no role of the catalog has this title", [_line(field)])
        return
    draft.data["reports_to"] = found[0][0]
    draft.report(f'"{field.label}"', "reports_to", found[0][0])


def _manages(draft: Draft, field: HeaderField) -> None:
    if is_none(field.value):
        draft.report(f'"{field.label}"', "manages", "none")
        return
    found, leftover = draft.find_all("roles", field.value)
    if found:
        draft.data["manages"] = [
            {"role": ident, **({"count": count} if count else {})} for ident, count in found
        ]
        draft.report(f'"{field.label}"', "manages", ", ".join(i for i, _ in found))
    if leftover:
        draft.keep(
            HEADER_SOURCE, "not every role it names is a role of the catalog", [_line(field)]
        )


def _family(draft: Draft, field: HeaderField) -> None:
    family = draft.find("families", field.value)
    if family is None:
        draft.keep(HEADER_SOURCE, "no such family in library/families.yml", [_line(field)])
        return
    draft.data["family"] = family
    draft.report(f'"{field.label}"', "family", family)


def _level(draft: Draft, field: HeaderField) -> None:
    numbers = [int(n) for n in re.findall(r"\d+", field.value)]
    if len(numbers) == 1 and 1 <= numbers[0] <= 10:
        draft.data["level"] = numbers[0]
        draft.report(f'"{field.label}"', "level", str(numbers[0]))
    else:
        draft.keep(HEADER_SOURCE, "not a rung from 1 to 10", [_line(field)])


def _effective(draft: Draft, field: HeaderField) -> None:
    date = parse_date(field.value)
    if date is None:
        draft.keep(HEADER_SOURCE, "not a date", [_line(field)])
        return
    draft.data.setdefault("meta", {})["effective"] = date
    draft.report(f'"{field.label}"', "meta.effective", date.isoformat())


def _version(draft: Draft, field: HeaderField) -> None:
    draft.data.setdefault("meta", {})["version"] = field.value.strip()[:40]
    draft.report(f'"{field.label}"', "meta.version", field.value.strip()[:40])


def _text(key: str) -> Callable[[Draft, HeaderField], None]:
    def set_text(draft: Draft, field: HeaderField) -> None:
        if key == "owner":
            draft.data.setdefault("meta", {})["owner"] = draft.text(field.value)
            draft.report(f'"{field.label}"', "meta.owner")
        else:
            draft.data[key] = draft.text(field.value)
            draft.report(f'"{field.label}"', key)

    return set_text


def _line(field: HeaderField) -> str:
    return f"{field.label}: {field.value}" if field.label else field.value


HANDLERS: dict[str, Callable[[Draft, HeaderField], None]] = {
    "grade": _grade,
    "scale": _scale,
    "hours": _hours,
    "location": _location,
    "reports_to": _reports_to,
    "manages": _manages,
    "family": _family,
    "level": _level,
    "effective": _effective,
    "version": _version,
    "department": _text("department"),
    "owner": _text("owner"),
}


def read_header(draft: Draft, fields: list[HeaderField]) -> str:
    """Put each header field in its place; returns the title a field gave ("" if none)."""
    title = ""
    for field in fields:
        if field.key == "title":
            title = title or field.value
            continue
        handler = HANDLERS.get(field.key or "")
        if handler is None or not field.value.strip():
            if field.value.strip():
                draft.keep(
                    HEADER_SOURCE, "a header field Rolebook has no place for", [_line(field)]
                )
            continue
        handler(draft, field)
    grade = draft.data.get("grade")
    if grade is not None and not {"system", "group", "scale"} <= set(grade):
        del draft.data["grade"]
        half = f"group {grade['group']}" if "group" in grade else f"scale {grade['scale']}"
        draft.keep(HEADER_SOURCE, "a grade needs both a group and a salary scale", [half])
        draft.missing.append("grade: needs both the group and the salary scale")
    return title


INFO_PART = re.compile(r"^(?P<label>\D+?)\s+(?P<value>\S.*)$")


def read_info_line(draft: Draft, text: str) -> bool:
    """The line under the title of Rolebook's own Word export, "Family · rung 1 · Version 2.1.0
    · Effective 1 February 2027": read (true) when every part of it is understood."""
    parts = [p.strip() for p in text.split(" · ")]
    if len(parts) < 2:
        return False
    found: dict[str, object] = {}
    for part in parts:
        family = draft.find("families", part)
        rung = re.fullmatch(r"(?:trede|rung|niveau|level)\s+(\d+)", part, re.IGNORECASE)
        match = INFO_PART.match(part)
        label = matchable(match.group("label")) if match else ""
        if family:
            found["family"] = family
        elif rung:
            found["level"] = int(rung.group(1))
        elif match and label in ("versie", "version"):
            found["version"] = match.group("value")
        elif (
            match
            and label in ("ingangsdatum", "effective date", "effective")
            and (date := parse_date(match.group("value")))
        ):
            found["effective"] = date
        else:
            return False
    for key in ("family", "level"):
        if key in found:
            draft.data[key] = found[key]
    meta = draft.data.setdefault("meta", {})
    for key in ("version", "effective"):
        if key in found:
            meta[key] = found[key]
    draft.report("the line under the title", ", ".join(found))
    return True
