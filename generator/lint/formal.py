"""Rules for the formal job description: wording left over from translation (calques), phrases
that are legally wrong in the Netherlands, the fields every functiebeschrijving has, its length,
and competency levels below what a result area demands."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..catalog import Catalog
from ..load import Source
from ..model import Role
from .rules import Hit
from .text import Span

CALQUES: dict[str, list[tuple[str, str]]] = {
    "en": [
        (r"\bthe own\b", "say whose: 'their', 'the organisation's', or leave it out"),
        (r"\bwithin the own\b", "'within their'"),
        (r"\bbehaves? socially\b", "'behaves professionally'"),
    ],
    "nl": [
        (r"\bberoepsstandaard\w*", "noem de opleiding in Nederlandse termen (mbo-4, hbo, wo)"),
        (r"\bfax\b", "dat kanaal bestaat in de praktijk niet meer: noem telefoon, e-mail of chat"),
        (r"\btentoonstelling\w*", "'beurzen' of 'vakbeurzen'"),
        (r"\bprijspositie\w*", "'prijsstelling'"),
        (r"\bsociaal gedrag\b|\bgedraagt zich sociaal\b", "'gedraagt zich professioneel'"),
        (r"\bsenior accountmanager\b", "die functie bestaat niet in deze catalogus"),
    ],
}
"""Leftovers of a translated source and calques, per language, with what to write instead."""

LIABILITY = {
    "nl": (r"aansprakelijk\w*", r"schade", r"opzet|roekeloos"),
    "en": (r"\bliab\w*", r"\bdamage", r"\bintent|reckless"),
}
"""Art. 7:661 BW: an employee answers for damage caused in the work only in case of intent or
conscious recklessness. A text that makes the employee liable for damage without saying so is
legally wrong."""
PROBATION = {
    "nl": re.compile(
        r"proeftijd van (\d+|twee|drie|vier|zes) maanden|(\d+|drie|vier|zes) maanden proeftijd"
    ),
    "en": re.compile(
        r"probation(?:ary)? period of (\d+|two|three|four|six) months|(\d+|three|four|six)[- ]months? probation"
    ),
}
"""Art. 7:652 BW: at most two months (one month in a fixed-term contract under two years)."""
NUMBERS = {"twee": 2, "drie": 3, "vier": 4, "zes": 6, "two": 2, "three": 3, "four": 4, "six": 6}
AGE_LIMIT = {
    "nl": re.compile(
        r"\b(?:maximaal|hoogstens|niet ouder dan|jonger dan|tot)\s+\d{2}\s+jaar\b|\btussen \d{2} en \d{2} jaar\b"
    ),
    "en": re.compile(
        r"\b(?:under|below|younger than|no older than|aged)\s+\d{2}\b|\bbetween \d{2} and \d{2} years\b"
    ),
}
"""Age limits in a role or vacancy: forbidden by the WGBL unless objectively justified."""

MAX_PURPOSE_WORDS = 60
FORMAL_WORDS_PER_PAGE = 430
"""Words of role text that fit on a page of the formal job description, measured on the shipped
roles (header, chart and sign-off take the rest): more than three pages' worth is a warning."""


def calque_hits(span: Span) -> Iterator[Hit]:
    for pattern, instead in CALQUES.get(span.lang, []):
        for match in re.finditer(pattern, span.text, re.IGNORECASE):
            yield Hit(
                "calque",
                span.at(match.start()),
                f"'{match.group()}' reads as a leftover or calque",
                instead,
            )


def legal_hits(span: Span) -> Iterator[Hit]:
    words = LIABILITY.get(span.lang)
    text = span.text.lower()
    if (
        words
        and re.search(words[0], text)
        and re.search(words[1], text)
        and not re.search(words[2], text)
    ):
        start = re.search(words[0], text)
        assert start is not None
        yield Hit(
            "legal-risk",
            span.at(start.start()),
            "makes the employee liable for damage without limiting it to intent or conscious "
            "recklessness (art. 7:661 BW)",
            "state the rule of art. 7:661 BW, or refer to the employment contract and the cao",
        )
    probation = PROBATION.get(span.lang)
    for match in probation.finditer(text) if probation else ():
        value = next(g for g in match.groups() if g)
        months = int(value) if value.isdigit() else NUMBERS.get(value, 0)
        if months > 2:
            yield Hit(
                "legal-risk",
                span.at(match.start()),
                f"a probation period of {months} months is longer than art. 7:652 BW allows "
                "(at most two months)",
                "take the probation period from the employment contract",
            )
    limit = AGE_LIMIT.get(span.lang)
    for match in limit.finditer(text) if limit else ():
        yield Hit(
            "legal-risk",
            span.at(match.start()),
            f"age limit '{match.group()}' (equal treatment: WGBL)",
            "ask for what the work needs, not for an age",
        )


def formal_field_hits(role: Role, source: Source) -> Iterator[Hit]:
    """A published role lacks a field every functiebeschrijving has."""
    if role.meta.status != "published":
        return
    missing = [
        name
        for name, value in (
            ("grade", role.grade),
            ("hours", role.hours),
            ("location", role.location),
            ("result_areas", role.result_areas),
            ("mandates", role.mandates),
        )
        if not value
    ]
    if missing:
        yield Hit(
            "formal-fields",
            source.at(("meta", "status")),
            f"published role without {', '.join(missing)}: its job description cannot be signed "
            "as it is",
            "add them, or set meta.status to draft",
        )


def _words(text: str) -> int:
    return len(text.split())


def length_hits(role: Role, source: Source, lang: str, default: str) -> Iterator[Hit]:
    purpose = role.purpose.get(lang, default)
    if _words(purpose) > MAX_PURPOSE_WORDS:
        yield Hit(
            "length",
            source.at(("purpose",)),
            f"purpose has {_words(purpose)} words ({lang}); a job description states it in at "
            f"most {MAX_PURPOSE_WORDS}",
            "move background to the summary",
        )
    texts = [purpose]
    for area in role.result_areas:
        texts += [area.name.get(lang, default), area.result.get(lang, default)]
        texts += [a.get(lang, default) for a in area.activities]
        texts += [k.name.get(lang, default) + " " + k.measure.get(lang, default) for k in area.kpis]
    for mandate in role.mandates:
        texts += [
            mandate.decides.get(lang, default),
            mandate.limit.get(lang, default) if mandate.limit else "",
        ]
    for side in (role.contacts.internal, role.contacts.external):
        texts += [c.with_.get(lang, default) + " " + c.about.get(lang, default) for c in side]
    for key in ("education", "experience", "knowledge", "skills"):
        texts += [t.get(lang, default) for t in getattr(role.requirements, key)]
    words = sum(_words(t) for t in texts)
    if words > 3 * FORMAL_WORDS_PER_PAGE:
        yield Hit(
            "length",
            source.at(("result_areas",)) if role.result_areas else source.at(("purpose",)),
            f"the formal job description holds about {words} words ({lang}): more than three pages",
            "fewer and shorter activities; requirements as short sentences",
        )


def demand_hits(cat: Catalog, role: Role, source: Source) -> Iterator[Hit]:
    """A result area whose text asks for a competency (its `demands` in the library) at a level
    the role does not require."""
    levels = {need.id: (i, need.level) for i, need in enumerate(role.competencies)}
    for comp in cat.competencies.values():
        for demand in comp.demands:
            for a, area in enumerate(role.result_areas):
                texts = [area.name, area.result, *area.activities]
                found = any(
                    re.search(rf"\b{re.escape(stem)}", text.get(lang, "").lower())
                    for text in texts
                    for lang, stems in demand.words.items()
                    for stem in stems
                )
                if not found:
                    continue
                index, level = levels.get(comp.id, (None, 0))
                if level >= demand.level:
                    continue
                where = (
                    source.at(("competencies", index, "level"))
                    if index is not None
                    else source.at(("result_areas", a, "name"))
                )
                name = comp.name.get(cat.default_language, cat.default_language)
                yield Hit(
                    "competency-level",
                    where,
                    f"result area '{area.id}' asks for {name} at level {demand.level} or higher; "
                    + (
                        f"the role requires {level}"
                        if index is not None
                        else "the role does not require it"
                    ),
                    f"require '{comp.id}' at level {demand.level}, or reword the result area",
                )
                break
