"""Each known section of a document mapped to the fields of a role. A mapper takes what it
understands and keeps the rest in the notes with the reason, so no text is lost."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from . import vocabulary as vocab
from .builder import Draft, is_none, matchable, n, slug
from .read import Block
from .sections import Line, Section, cell_lines, cell_text, split_label, strip_numbering

Rows = list[list[tuple[Block, ...]]]
REQUIREMENT_LISTS = ("education", "experience", "knowledge", "skills", "traits", "optional")


def _rows(line: Line) -> Rows:
    assert line.table is not None and line.table.rows is not None
    return [list(row) for row in line.table.rows]


def _columns(rows: Rows, *keys: str) -> tuple[dict[str, int], Rows]:
    """The column of each key named in the first row, and the rows below it; without a
    heading row, the keys in order and every row."""
    if rows:
        named: dict[str, int] = {}
        for index, cell in enumerate(rows[0]):
            key = vocab.part(cell_text(cell), *[k for k in keys if k not in named])
            if key:
                named[key] = index
        if named:
            return named, rows[1:]
    width = max((len(row) for row in rows), default=0)
    return {key: i for i, key in enumerate(keys) if i < width}, rows


def _cell(row: list[tuple[Block, ...]], index: int | None) -> str:
    return cell_text(row[index]) if index is not None and index < len(row) else ""


def _texts(draft: Draft, values: list[str]) -> list[Any]:
    return [draft.text(v) for v in values]


def markdown(lines: list[Line]) -> str:
    """Paragraphs as Markdown: paragraphs apart, list items as a list."""
    out: list[str] = []
    for line in lines:
        if line.kind == "item":
            if out and out[-1].startswith("- "):
                out[-1] += f"\n- {line.text}"
            else:
                out.append(f"- {line.text}")
        elif line.kind in ("para", "sub"):
            out.append(line.text)
    return "\n\n".join(out)


def _table_texts(line: Line) -> list[str]:
    return [" | ".join(cell_text(cell) for cell in row if cell_text(cell)) for row in _rows(line)]


def _keep_rest(draft: Draft, section: Section, lines: list[Line], reason: str) -> None:
    texts: list[str] = []
    for line in lines:
        texts.extend(_table_texts(line) if line.kind == "table" else [line.text])
    draft.keep(f'"{section.heading}"', reason, texts)


def _flat(lines: list[Line]) -> list[Line]:
    """Tables opened into their cells' lines (for sections that are lists)."""
    out: list[Line] = []
    for line in lines:
        if line.kind == "table":
            for row in _rows(line):
                for cell in row:
                    out.extend(cell_lines(cell))
        else:
            out.append(line)
    return out


# --- prose -------------------------------------------------------------------------------------


def prose(key: str) -> Callable[[Draft, Section], None]:
    def map_prose(draft: Draft, section: Section) -> None:
        text = markdown(_flat(section.lines))
        if not text:
            return
        if key in draft.data:  # a second section of the same kind adds to the first
            existing = draft.data[key]
            text = (existing if isinstance(existing, str) else existing[draft.lang]) + "\n\n" + text
        draft.data[key] = draft.text(text)
        draft.report(f'"{section.heading}"', key)

    return map_prose


# --- lists -------------------------------------------------------------------------------------


def text_list(key: str) -> Callable[[Draft, Section], None]:
    def map_list(draft: Draft, section: Section) -> None:
        items = [line.text for line in _flat(section.lines) if line.kind in ("item", "para")]
        subs = [line for line in section.lines if line.kind == "sub"]
        if items:
            draft.data.setdefault(key, []).extend(_texts(draft, items))
            draft.report(f'"{section.heading}"', key, n(len(items), "item"))
        _keep_rest(draft, section, subs, "a sub-heading of a list")

    return map_list


def map_duties(draft: Draft, section: Section) -> None:
    groups: list[tuple[str, list[str]]] = []
    for line in _flat(section.lines):
        if line.kind == "sub":
            groups.append((line.text, []))
        else:
            if not groups:
                groups.append((section.heading, []))
            groups[-1][1].append(line.text)
    kept = [(name, items) for name, items in groups if items]
    empty = [name for name, items in groups if not items]
    if kept:
        draft.data.setdefault("duties", []).extend(
            {"group": draft.text(name), "items": _texts(draft, items)} for name, items in kept
        )
        count = sum(len(items) for _, items in kept)
        draft.report(
            f'"{section.heading}"', "duties", f"{n(len(kept), 'group')}, {n(count, 'item')}"
        )
    draft.keep(f'"{section.heading}"', "a heading without duties under it", empty)


def map_work_cycle(draft: Draft, section: Section) -> None:
    stages: list[tuple[str, list[str]]] = []
    for line in _flat(section.lines):
        if line.kind == "sub":
            stages.append((strip_numbering(line.text), []))
        else:
            if not stages:
                stages.append((section.heading, []))
            stages[-1][1].append(line.text)
    if stages:
        draft.data.setdefault("work_cycle", []).extend(
            {"stage": draft.text(name), "activities": _texts(draft, items)}
            for name, items in stages
        )
        draft.report(f'"{section.heading}"', "work_cycle", n(len(stages), "stage"))


# --- result areas ------------------------------------------------------------------------------


def map_result_areas(draft: Draft, section: Section) -> None:
    areas: list[dict[str, Any]] = []
    loose: list[Line] = []
    mode = "activities"
    for line in section.lines:
        if line.kind == "table":
            areas.extend(_area_table(draft, line))
            continue
        if line.kind == "sub":
            areas.append({"name": strip_numbering(line.text), "activities": [], "kpis": []})
            mode = "activities"
            continue
        whole = vocab.part(line.text, "activities", "measured_by", "result")
        if whole and line.kind == "para":
            mode = whole
            continue
        labelled = split_label(line.text)
        label = vocab.part(labelled[0], "result", "measured_by", "activities") if labelled else None
        if not areas:
            if line.kind == "item":  # a flat list: each item an area
                name, _, result = line.text.partition(": ")
                areas.append({"name": name, "result": result or None, "activities": [], "kpis": []})
            else:
                loose.append(line)
            continue
        area = areas[-1]
        if labelled and label == "result":
            area["result"] = labelled[1]
        elif labelled and label == "measured_by":
            area["kpis"].extend(_inline_kpis(labelled[1]))
        elif labelled and label == "activities":
            area["activities"].append(labelled[1])
        elif mode == "measured_by":
            area["kpis"].append(_kpi(line.text))
        elif mode == "result" or (
            line.kind == "para" and not area.get("result") and not area["activities"]
        ):
            area["result"] = f"{area['result']} {line.text}" if area.get("result") else line.text
        else:
            area["activities"].append(line.text)
    _keep_rest(draft, section, loose, "text before the first result area")
    if not areas:
        return
    ids: set[str] = {a["id"] for a in draft.data.get("result_areas", [])}
    out = draft.data.setdefault("result_areas", [])
    for number, area in enumerate(areas, 1):
        ident = slug(area["name"]) or f"area-{number}"
        while ident in ids:
            ident = f"{ident[:60]}-{number}"
        ids.add(ident)
        entry: dict[str, Any] = {"id": ident, "name": draft.text(area["name"])}
        if area.get("result"):
            entry["result"] = draft.text(area["result"])
        else:
            entry["result"] = draft.placeholder("resultaat" if draft.lang == "nl" else "result")
            draft.missing.append(f"result_areas: the result of '{area['name']}'")
        if area["activities"]:
            entry["activities"] = _texts(draft, area["activities"])
        else:
            entry["activities"] = [
                draft.placeholder("kernactiviteit" if draft.lang == "nl" else "core activity")
            ]
            draft.missing.append(f"result_areas: the activities of '{area['name']}'")
        if area["kpis"]:
            entry["kpis"] = [_kpi_data(draft, name, measure) for name, measure in area["kpis"]]
        out.append(entry)
    activities = sum(len(a["activities"]) for a in areas)
    kpis = sum(len(a["kpis"]) for a in areas)
    draft.report(
        f'"{section.heading}"',
        "result_areas",
        f"{n(len(areas), 'area')}, {n(activities, 'activity', 'activities')}, {n(kpis, 'KPI')}",
    )


def _area_table(draft: Draft, line: Line) -> list[dict[str, Any]]:
    columns, rows = _columns(_rows(line), "area_name", "activities", "result", "measured_by")
    if "area_name" not in columns:
        columns["area_name"] = 0
    areas = []
    for row in rows:
        name = _cell(row, columns.get("area_name"))
        if not name:
            continue
        area: dict[str, Any] = {"name": strip_numbering(name), "activities": [], "kpis": []}
        if (index := columns.get("activities")) is not None and index < len(row):
            area["activities"] = [ln.text for ln in cell_lines(row[index]) if ln.kind != "table"]
        area["result"] = _cell(row, columns.get("result")) or None
        if (index := columns.get("measured_by")) is not None and index < len(row):
            area["kpis"] = [_kpi(ln.text) for ln in cell_lines(row[index]) if ln.kind != "table"]
        areas.append(area)
    return areas


# --- KPIs --------------------------------------------------------------------------------------


def _kpi(text: str) -> tuple[str, str | None]:
    name, sep, measure = text.partition(": ")
    return (name.strip(), measure.strip()) if sep and measure.strip() else (text.strip(), None)


def _inline_kpis(text: str) -> list[tuple[str, str | None]]:
    """ "a (how a is measured); b (...)": the PDF's way of listing an area's KPIs."""
    found: list[tuple[str, str | None]] = []
    for part in (p.strip() for p in text.split(";")):
        match = re.fullmatch(r"(.+?)\s*\((.+)\)", part)
        if match:
            found.append((match.group(1), match.group(2)))
        elif part:
            found.append(_kpi(part))
    return found


def _kpi_data(draft: Draft, name: str, measure: str | None) -> dict[str, Any]:
    if measure is None:
        draft.missing.append(f"kpis: how '{name}' is measured")
    return {
        "name": draft.text(name),
        "measure": draft.text(measure)
        if measure
        else draft.placeholder("meting" if draft.lang == "nl" else "measure"),
    }


def map_kpis(draft: Draft, section: Section) -> None:
    found: list[tuple[str, str | None]] = []
    for line in section.lines:
        if line.kind == "table":
            columns, rows = _columns(_rows(line), "kpi", "measure")
            for row in rows:
                name = _cell(row, columns.get("kpi", 0))
                if name:
                    found.append((name, _cell(row, columns.get("measure", 1)) or None))
        elif line.kind in ("item", "para"):
            found.append(_kpi(line.text))
    if found:
        draft.data.setdefault("kpis", []).extend(_kpi_data(draft, n, m) for n, m in found)
        draft.report(f'"{section.heading}"', "kpis", n(len(found), "KPI"))
    _keep_rest(
        draft, section, [ln for ln in section.lines if ln.kind == "sub"], "a sub-heading of a list"
    )


# --- mandates and contacts ---------------------------------------------------------------------


def map_mandates(draft: Draft, section: Section) -> None:
    mandates: list[dict[str, Any]] = []
    for line in section.lines:
        if line.kind == "table":
            columns, rows = _columns(
                _rows(line), "mandate_decides", "mandate_limit", "mandate_approval"
            )
            for row in rows:
                decides = _cell(row, columns.get("mandate_decides", 0))
                if not decides:
                    continue
                mandate: dict[str, Any] = {"decides": draft.text(decides)}
                limit = _cell(row, columns.get("mandate_limit"))
                if limit and not is_none(limit):
                    mandate["limit"] = draft.text(limit)
                approver = _cell(row, columns.get("mandate_approval"))
                if approver and not is_none(approver):
                    found = draft.find("roles", approver)
                    if found is None and (named := draft.find_all("roles", approver)[0]):
                        found = named[0][0]
                    if found:
                        mandate["approval_by"] = found
                    else:
                        draft.keep(
                            f'"{section.heading}"',
                            "the approver is no role of the catalog",
                            [f"{decides}: {approver}"],
                        )
                mandates.append(mandate)
        elif line.kind in ("item", "para"):
            mandates.append({"decides": draft.text(line.text)})
    if mandates:
        draft.data.setdefault("mandates", []).extend(mandates)
        draft.report(f'"{section.heading}"', "mandates", n(len(mandates), "mandate"))
    _keep_rest(
        draft, section, [ln for ln in section.lines if ln.kind == "sub"], "a sub-heading of a list"
    )


def map_contacts(draft: Draft, section: Section) -> None:
    side = section.part
    unsided = 0
    contacts = draft.data.setdefault("contacts", {})
    count = 0

    def add(with_: str, about: str | None) -> None:
        nonlocal unsided, count
        if side is None:
            unsided += 1
        entry = {
            "with": draft.text(with_),
            "about": draft.text(about)
            if about
            else draft.placeholder("waarover" if draft.lang == "nl" else "about what"),
        }
        if not about:
            draft.missing.append(f"contacts: what the contact with '{with_}' is about")
        contacts.setdefault(side or "internal", []).append(entry)
        count += 1

    for line in section.lines:
        if line.kind == "sub":
            found = vocab.subsection("contacts", line.text)
            if found:
                side = found[0]
            else:
                draft.keep(f'"{section.heading}"', "a sub-heading of a list", [line.text])
        elif line.kind == "table":
            columns, rows = _columns(_rows(line), "contact_with", "contact_about")
            for row in rows:
                with_ = _cell(row, columns.get("contact_with", 0))
                if with_:
                    add(with_, _cell(row, columns.get("contact_about", 1)) or None)
        else:
            labelled = split_label(line.text)
            with_, sep, about = line.text.partition(": ")  # "whom: about what", whom may be long
            if labelled and (found := vocab.subsection("contacts", labelled[0])):
                side = found[0]
                add(labelled[1], None)
            elif sep and about.strip():
                add(with_.strip(), about.strip())
            else:
                add(line.text, None)
    if not contacts:
        del draft.data["contacts"]
    if count:
        draft.report(f'"{section.heading}"', "contacts", n(count, "contact"))
    if unsided:
        draft.missing.append(
            f"contacts: {unsided} not said to be internal or external (placed under internal)"
        )


# --- requirements ------------------------------------------------------------------------------

KEYWORDS = {
    "optional": (
        "pre",
        "pré",
        "een plus",
        "pluspunt",
        "nice to have",
        "a plus",
        "bij voorkeur",
        "preferably",
        "is welkom",
        "is welcome",
        "desirable",
        "rijbewijs",
        "driving licence",
        "eigen vervoer",
    ),
    "education": (
        "opleiding",
        "diploma",
        "hbo",
        "mbo",
        "wo ",
        "wo-",
        "bachelor",
        "master",
        "degree",
        "vwo",
        "havo",
        "denkniveau",
        "education",
        "graduate",
        "certificaat",
        "certificate",
        "qualified",
    ),
    "experience": ("ervaring", "experience", "jaar ", "jaren", "years"),
    "knowledge": ("kennis", "knowledge", "bekend met", "familiar with", "kent ", "knows "),
    "traits": (
        "je bent",
        "you are",
        "eigenschap",
        "persoonlijk",
        "houding",
        "attitude",
        "personality",
        "stressbestendig",
        "resilient",
        "nauwkeurig",
        "accurate",
        "flexibel",
        "flexible",
        "zelfstandig",
        "independent",
        "integer",
    ),
}
"""Words that sort a requirement without a sub-heading; what matches none is a skill."""


def classify(text: str) -> str:
    lowered = f" {text.casefold()} "
    for key, words in KEYWORDS.items():
        if any(word in lowered for word in words):
            return key
    return "skills"


def map_requirements(draft: Draft, section: Section) -> None:
    found: dict[str, list[str]] = {}
    guessed = 0
    kind = section.part
    for line in _flat(section.lines):
        if line.kind == "sub":
            sub = vocab.subsection("requirements", line.text)
            if sub:
                kind = sub[0]
            else:
                draft.keep(
                    f'"{section.heading}"', "a sub-heading Rolebook has no place for", [line.text]
                )
            continue
        labelled = split_label(line.text)
        sub = vocab.subsection("requirements", labelled[0]) if labelled else None
        if labelled and sub:
            found.setdefault(sub[0], []).append(labelled[1])
        elif kind:
            found.setdefault(kind, []).append(line.text)
        else:
            found.setdefault(classify(line.text), []).append(line.text)
            guessed += 1
    if not found:
        return
    requirements = draft.data.setdefault("requirements", {})
    for key in REQUIREMENT_LISTS:
        if key in found:
            requirements.setdefault(key, []).extend(_texts(draft, found[key]))
    detail = ", ".join(f"{key} {len(found[key])}" for key in REQUIREMENT_LISTS if key in found)
    draft.report(f'"{section.heading}"', "requirements", detail)
    if guessed:
        draft.missing.append(
            f"requirements: {n(guessed, 'item')} sorted by their words; check each list"
        )


# --- library references ------------------------------------------------------------------------


def _level(draft: Draft, competency: str, text: str) -> int | None:
    numbers = [int(n) for n in re.findall(r"\b(10|[1-9])\b", text)]
    if numbers:
        return numbers[0]
    comp = draft.cat.competencies[competency]
    scale = draft.cat.scales.get(comp.scale)
    words = matchable(text)
    for level in scale.levels if scale else []:
        if any(matchable(name) and matchable(name) in words for name in level.name.root.values()):
            return level.level
    return None


def map_competencies(draft: Draft, section: Section) -> None:
    entries: list[tuple[str, str]] = []
    for line in section.lines:
        if line.kind == "table":
            columns, rows = _columns(_rows(line), "competency", "required_level")
            for row in rows:
                name = _cell(row, columns.get("competency", 0))
                if name:
                    entries.append((name, _cell(row, columns.get("required_level", 1))))
        elif line.kind in ("item", "para"):
            entries.append((line.text, ""))
        else:
            draft.keep(f'"{section.heading}"', "a sub-heading of a list", [line.text])
    chosen = {need["id"] for need in draft.data.get("competencies", [])}
    added = []
    for name, level_text in entries:
        match = draft.find_prefix("competencies", name)
        if match is None:
            draft.keep(
                f'"{section.heading}"',
                "not in library/competencies.yml",
                [f"{name} {level_text}".strip()],
            )
            continue
        ident, rest = match
        level = _level(draft, ident, f"{level_text} {rest}")
        if level is None:
            draft.keep(f'"{section.heading}"', "no level given", [name])
            draft.missing.append(f"competencies: the level of '{name}'")
            continue
        if ident not in chosen:
            chosen.add(ident)
            added.append({"id": ident, "level": level})
    if added:
        draft.data.setdefault("competencies", []).extend(added)
        draft.report(
            f'"{section.heading}"',
            "competencies",
            n(len(added), "competency", "competencies") + " of the library",
        )


def map_training(draft: Draft, section: Section) -> None:
    steps = []
    for line in _flat(section.lines):
        if line.kind == "sub":
            draft.keep(f'"{section.heading}"', "a sub-heading of a list", [line.text])
            continue
        match = draft.find_prefix("training", line.text)
        if match is None:
            draft.keep(f'"{section.heading}"', "not in library/training.yml", [line.text])
            continue
        ident, rest = match
        when = rest.strip()
        if when.startswith("(") and when.endswith(")"):
            when = when[1:-1].strip()
        steps.append({"ref": ident, **({"when": draft.text(when)} if when else {})})
    if steps:
        draft.data.setdefault("training", []).extend(steps)
        draft.report(f'"{section.heading}"', "training", n(len(steps), "step") + " of the library")


def map_career(draft: Draft, section: Section) -> None:
    career = draft.data.setdefault("career", {})
    notes: list[Line] = []
    for line in _flat(section.lines):
        role = draft.find("roles", line.text) if line.kind == "item" else None
        if role:
            if role not in career.setdefault("next", []):
                career["next"].append(role)
        elif line.kind == "item":
            draft.keep(f'"{section.heading}"', "no role of the catalog has this title", [line.text])
        else:
            notes.append(line)
    if text := markdown(notes):
        career["note"] = draft.text(text)
    if not career:
        del draft.data["career"]
        return
    draft.report(
        f'"{section.heading}"', "career", ", ".join(k for k in ("next", "note") if career.get(k))
    )


# --- conditions and the rest -------------------------------------------------------------------

CONDITION_WORDS = {
    "travel": ("reis", "reizen", "travel", "onderweg", "on the road", "buitenland", "abroad"),
    "car": ("auto", "rijbewijs", "lease", "car", "driving", "driver"),
    "irregular_hours": (
        "avond",
        "weekend",
        "werktijd",
        "onregelmatig",
        "dienst",
        "evening",
        "shift",
        "irregular",
        "overtime",
        "overwerk",
    ),
    "physical": (
        "til",
        "staan",
        "fysiek",
        "lichamelijk",
        "beeldscherm",
        "physical",
        "lift",
        "standing",
        "screen",
    ),
    "mental": (
        "stress",
        "druk",
        "deadline",
        "emotio",
        "mentaal",
        "mental",
        "conflict",
        "agressie",
        "aggress",
        "pressure",
    ),
}


def map_conditions(draft: Draft, section: Section) -> None:
    found: dict[str, list[str]] = {}
    unplaced: list[str] = []
    kind = section.part

    def place(key: str | None, text: str) -> None:
        if key is None:
            lowered = text.casefold()
            key = next(
                (k for k, words in CONDITION_WORDS.items() if any(w in lowered for w in words)),
                None,
            )
        if key is None:
            unplaced.append(text)
        else:
            found.setdefault(key, []).append(text)

    for line in section.lines:
        if line.kind == "table":
            for row in _rows(line):
                label, value = _cell(row, 0), " ".join(cell_text(c) for c in row[1:]).strip()
                sub = vocab.subsection("conditions", label)
                if sub and value:
                    place(sub[0], value)
                else:
                    place(None, " ".join(p for p in (label, value) if p))
            continue
        if line.kind == "sub":
            sub = vocab.subsection("conditions", line.text)
            if sub:
                kind = sub[0]
            else:
                unplaced.append(line.text)
            continue
        labelled = split_label(line.text)
        sub = vocab.subsection("conditions", labelled[0]) if labelled else None
        if labelled and sub:
            place(sub[0], labelled[1])
        else:
            place(kind, line.text)
    if found:
        conditions = draft.data.setdefault("conditions", {})
        for key, texts in found.items():
            conditions[key] = draft.text(" ".join(texts))
        draft.report(f'"{section.heading}"', "conditions", ", ".join(found))
    draft.keep(f'"{section.heading}"', "no kind of working condition recognised", unplaced)


def map_unknown(draft: Draft, section: Section) -> None:
    _keep_rest(draft, section, section.lines, "a section Rolebook has no field for")


def map_general(draft: Draft, section: Section) -> None:
    _keep_rest(draft, section, section.lines, "not a header field")


MAPPERS: dict[str, Callable[[Draft, Section], None]] = {
    "summary": prose("summary"),
    "purpose": prose("purpose"),
    "result_areas": map_result_areas,
    "duties": map_duties,
    "work_cycle": map_work_cycle,
    "rights": text_list("rights"),
    "responsibilities": text_list("responsibilities"),
    "mandates": map_mandates,
    "contacts": map_contacts,
    "requirements": map_requirements,
    "competencies": map_competencies,
    "conditions": map_conditions,
    "kpis": map_kpis,
    "training": map_training,
    "career": map_career,
    "general": map_general,
}


def map_section(draft: Draft, section: Section) -> None:
    MAPPERS.get(section.key or "", map_unknown)(draft, section)
