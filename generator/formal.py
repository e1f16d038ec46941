"""What the formal job description shows, prepared for its templates: the header table (grade,
scale, hours, location, reporting lines), the core competencies with their required level, and
amounts and hours written the way each language writes them."""

from __future__ import annotations

from dataclasses import dataclass

from .catalog import Catalog
from .i18n import Translator
from .model import Competency, Hours, Role, SalaryScale

MAX_CORE_COMPETENCIES = 8
"""The formal document names six to eight; the profile has them all."""


def amount(value: float, currency: str, lang: str) -> str:
    """€ 3.400 in Dutch, €3,400 in English (whole units: scales are not set in cents)."""
    whole = f"{round(value):,}"
    symbol = {"EUR": "€", "GBP": "£", "USD": "$"}.get(currency, currency + " ")
    if lang == "nl":
        return f"{symbol} {whole.replace(',', '.')}"
    return f"{symbol}{whole}"


def number(value: float, lang: str) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "nl" else text


def scale_text(scale: SalaryScale, t: Translator) -> str:
    return t.label(
        "scale_range",
        min=amount(scale.minimum, scale.currency, t.lang),
        max=amount(scale.maximum, scale.currency, t.lang),
        period=t.label(f"period_{scale.period}"),
    )


def scale_span(scale: SalaryScale, t: Translator) -> str:
    """The range alone, e.g. € 3.450 – € 4.750 (where the period is said once, nearby)."""
    low = amount(scale.minimum, scale.currency, t.lang)
    return f"{low} – {amount(scale.maximum, scale.currency, t.lang)}"


def hours_text(hours: Hours, full_time: float, t: Translator) -> str:
    low, high = hours.range
    span = number(low, t.lang) if low == high else f"{number(low, t.lang)}–{number(high, t.lang)}"
    fte_low, fte_high = low / full_time, high / full_time
    fte = (
        number(round(fte_low, 2), t.lang)
        if fte_low == fte_high
        else f"{number(round(fte_low, 2), t.lang)}–{number(round(fte_high, 2), t.lang)}"
    )
    return t.label("hours_value", hours=span, fte=fte)


@dataclass(frozen=True)
class Row:
    """One line of the header table; `role_ids` are linked to their pages."""

    label: str
    value: str
    role_ids: tuple[str, ...] = ()


def header(cat: Catalog, role: Role, t: Translator) -> list[Row]:
    """The header table of a functiebeschrijving, in the order Dutch HR expects it."""
    org = cat.organisation
    rows = []  # the title heads the document
    if role.department:
        rows.append(Row(t.label("department"), t.text(role.department)))
    if role.grade:
        system = next((g for g in org.grade_systems if g.id == role.grade.system), None)
        name = t.text(system.name) if system else role.grade.system
        rows.append(
            Row(t.label("grade"), t.label("grade_value", group=role.grade.group, system=name))
        )
        scale = next((s for s in org.salary_scales if s.id == role.grade.scale), None)
        if scale:
            rows.append(Row(t.label("scale"), f"{scale.id}: {scale_text(scale, t)}"))
    if role.hours:
        rows.append(Row(t.label("hours"), hours_text(role.hours, org.full_time_hours, t)))
    if role.location:
        place = f"{t.text(role.location.place)}, {t.label('work_mode_' + role.location.work_mode)}"
        rows.append(Row(t.label("location"), place))
    if role.reports_to and role.reports_to in cat.roles:
        rows.append(
            Row(t.label("reports_to"), t.text(cat.roles[role.reports_to].title), (role.reports_to,))
        )
    led = [(cat.roles[m.role], m.count) for m in role.manages if m.role in cat.roles]
    rows.append(
        Row(
            t.label("manages"),
            ", ".join(t.text(r.title) + (f" ({n})" if n else "") for r, n in led)
            or t.label("manages_none"),
            tuple(r.id for r, _ in led),
        )
    )
    rows.append(Row(t.label("version"), role.meta.version))
    rows.append(Row(t.label("effective"), t.date(role.meta.effective)))
    rows.append(Row(t.label("owner"), t.text(role.meta.owner)))
    return rows


@dataclass(frozen=True)
class CoreCompetency:
    competency: Competency
    level: int
    level_name: str
    descriptor: str


def core_competencies(cat: Catalog, role: Role, t: Translator) -> list[CoreCompetency]:
    """The role's competencies (the first eight) with the name and the behaviour of the
    required level."""
    core = []
    marked = [need for need in role.competencies if need.core]
    for need in (marked or role.competencies)[:MAX_CORE_COMPETENCIES]:
        comp = cat.competencies[need.id]
        scale = cat.scales.get(comp.scale)
        name = t.text(scale.levels[need.level - 1].name) if scale else str(need.level)
        core.append(CoreCompetency(comp, need.level, name, t.text(comp.levels.get(need.level))))
    return core


def conditions(role: Role, t: Translator) -> list[tuple[str, str]]:
    """The working conditions that are filled in, labelled."""
    found = []
    for name in ("travel", "car", "irregular_hours", "physical", "mental"):
        value = getattr(role.conditions, name)
        if value is not None:
            found.append((t.label(f"condition_{name}"), t.text(value)))
    return found
