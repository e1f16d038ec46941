"""The rules. Each yields Hits (a rule, a position, a message); the engine turns them into Findings
with the configured severity and applies suppressions."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..catalog import Catalog, dotted, text_fields
from ..errors import Location, display_path
from ..load import PathKey, Source, load_file
from ..model import Role, Text
from .readability import reading_ease, sentences
from .text import WORD, Span, node_at, text_location
from .wordlists import WordLists, normal


@dataclass(frozen=True)
class Hit:
    rule: str
    location: Location
    message: str
    suggestion: str | None = None


def _quote_list(words: tuple[str, ...] | list[str]) -> str:
    quoted = [f"'{w}'" for w in words]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"


# --- words -------------------------------------------------------------------------------------

_SIMPLE_WORD = re.compile(r"\w+")
_PARTICIPLE = re.compile(r"ge\w{2,}[dtn]|(?:be|ver|ont|her|er)\w{2,}[dt]")
_BARE_ADJECTIVE = re.compile(r"\w*(?:lijk|ig|baar|isch|ief|eel|aal)")


def _noun_like(word: str, not_nouns: frozenset[str]) -> bool:
    """Whether the word after Dutch zijn/haar looks like a noun (or an attributive adjective, as in
    "zijn eigen klanten"), making zijn/haar possessive rather than the verb "to be"."""
    if word in not_nouns or word.isdigit():
        return False
    return not (_PARTICIPLE.fullmatch(word) or _BARE_ADJECTIVE.fullmatch(word))


def pronoun_hits(span: Span, lists: WordLists) -> Iterator[Hit]:
    spec = lists.pronouns.get(span.lang)
    if spec is None:
        return
    words = list(_SIMPLE_WORD.finditer(span.text))
    for i, match in enumerate(words):
        pronoun = spec.pronouns.get(normal(match.group()))
        if pronoun is None:
            continue
        nxt = words[i + 1] if i + 1 < len(words) else None
        following = (
            normal(nxt.group())
            if nxt and not span.text[match.end() : nxt.start()].strip()
            else None
        )
        if pronoun.when == "before-singular-verb" and following not in spec.singular_verbs:
            continue
        if pronoun.when == "before-noun" and (
            following is None or not _noun_like(following, spec.not_nouns)
        ):
            continue
        yield Hit(
            "gendered-pronoun",
            span.at(match.start()),
            f"gendered pronoun '{match.group()}'",
            f"use {_quote_list(pronoun.use)}",
        )


def title_hits(span: Span, lists: WordLists) -> Iterator[Hit]:
    spec = lists.titles.get(span.lang)
    if spec is None:
        return
    for match in _SIMPLE_WORD.finditer(span.text):
        word = normal(match.group())
        if word in spec.exceptions:
            continue
        alternatives = spec.words.get(word)
        if alternatives is None:
            for suffix, neutral in spec.suffixes:
                stem = word[: -len(suffix)]
                if word.endswith(suffix) and len(stem) >= spec.min_stem:
                    alternatives = spec.alternatives.get(word, (stem + neutral,))
                    break
        if alternatives is not None:
            yield Hit(
                "gendered-title",
                span.at(match.start()),
                f"gendered job title '{match.group()}'",
                f"use {_quote_list(alternatives)}",
            )


def coded_words(span: Span, lists: WordLists) -> Iterator[tuple[int, str, str, str]]:
    """(offset, word, gender, stem) of every gender-coded word. A hyphenated word counts as a whole
    when it starts with a stem, else each part is checked (as gender-decoder does)."""
    coded = lists.coded.get(span.lang)
    if coded is None:
        return
    for match in WORD.finditer(span.text):
        word = match.group()
        found = coded.match(normal(word))
        if found:
            yield match.start(), word, found[0], found[1]
            continue
        if "-" not in word:
            continue
        offset = match.start()
        for part in word.split("-"):
            found = coded.match(normal(part))
            if found and part:
                yield offset, part, found[0], found[1]
            offset += len(part) + 1


def coded_hits(span: Span, lists: WordLists) -> Iterator[Hit]:
    for offset, word, gender, stem in coded_words(span, lists):
        yield Hit("gender-coded", span.at(offset), f"{gender}-coded word '{word}' (stem '{stem}')")


def age_hits(span: Span, lists: WordLists) -> Iterator[Hit]:
    terms = lists.age.get(span.lang, ())
    matches = sorted(
        (
            (m.start(), m.end(), term.suggestion)
            for term in terms
            for m in term.pattern.finditer(span.text)
        ),
        key=lambda m: (m[0], -m[1]),
    )
    end = -1
    for start, stop, suggestion in matches:
        if start < end:
            continue  # overlaps a longer, earlier match
        end = stop
        term = " ".join(span.text[start:stop].split())
        yield Hit("age", span.at(start), f"age-excluding term '{term}'", suggestion)


def sentence_hits(span: Span, max_words: int) -> Iterator[Hit]:
    for begin, end in sentences(span.text):
        words = list(WORD.finditer(span.text, begin, end))
        if len(words) > max_words:
            yield Hit(
                "readability",
                span.at(words[0].start()),
                f"sentence of {len(words)} words (more than {max_words})",
                "split it into shorter sentences",
            )


def readability_hits(role_spans: list[Span], title: dict[str, Location]) -> Iterator[Hit]:
    """One reading-ease score per language of the role, at the role's title in that language."""
    langs = sorted({s.lang for s in role_spans})
    for lang in langs:
        score = reading_ease([s.text for s in role_spans if s.lang == lang], lang)
        if score is None or lang not in title:
            continue
        yield Hit(
            "readability",
            title[lang],
            f"{score.formula} reading ease {score.score:.0f} ({score.band}) "
            f"for the {lang} text of this role ({score.words} words)",
        )


# --- completeness ------------------------------------------------------------------------------


def completeness_hits(role: Role, source: Source, languages: list[str]) -> Iterator[Hit]:
    def missing(key: str, message: str) -> Hit:
        return Hit("completeness", source.at((key,), key=True), message)

    for key in ("summary", "purpose"):
        text: Text = getattr(role, key)
        if not any(v.strip() for v in text.root.values()):
            yield missing(key, f"{key} is empty")
    if not role.duties:
        yield missing("duties", "no duties")
    req = role.requirements
    if not any(getattr(req, name) for name in type(req).model_fields):
        yield missing(
            "requirements",
            f"no requirements: fill at least one of {', '.join(type(req).model_fields)}",
        )
    if not role.competencies:
        yield missing("competencies", "no competencies")
    if not role.onboarding:
        yield missing("onboarding", "no role-specific onboarding items")
    if not role.career.next and role.career.note is None:
        yield missing("career", "no next role in career.next and no career.note")
    for path, text in text_fields(role):
        for lang in languages:
            if not text.root.get(lang, "").strip():
                where = text_location(source, path, lang) if lang in text.root else source.at(path)
                yield Hit("completeness", where, f"no '{lang}' text in {dotted(path)}")


def descriptor_hits(cat: Catalog) -> Iterator[Hit]:
    """Every competency a role uses has a descriptor, in every language, for each level of its
    scale; reported once, in library/competencies.yml."""
    users: dict[str, list[str]] = {}
    for role in cat.roles.values():
        for need in role.competencies:
            users.setdefault(need.id, []).append(role.id)
    gaps: dict[str, list[int]] = {}
    for comp_id in sorted(users):
        comp = cat.competencies.get(comp_id)
        scale = cat.scales.get(comp.scale) if comp else None
        if comp is None or scale is None:
            continue
        missing = [
            n
            for n in range(1, len(scale.levels) + 1)
            if n not in comp.levels
            or any(not comp.levels[n].root.get(lg, "").strip() for lg in cat.languages)
        ]
        if missing:
            gaps[comp_id] = missing
    if not gaps:
        return
    path = cat.root / "library" / "competencies.yml"
    source, _ = load_file(path, display_path(path))
    if source is None:
        return
    entries = node_at(source.data, ("competencies",))
    index = {
        item.get("id"): i
        for i, item in enumerate(entries if isinstance(entries, list) else [])
        if isinstance(item, dict)
    }
    for comp_id, missing in gaps.items():
        names = sorted(set(users[comp_id]))
        shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        levels = ", ".join(map(str, missing))
        plural = "s" if len(missing) > 1 else ""
        yield Hit(
            "completeness",
            source.at(("competencies", index.get(comp_id, -1), "levels"), key=True),
            f"competency '{comp_id}' has no descriptor in every language for level{plural} "
            f"{levels} of scale '{cat.competencies[comp_id].scale}' (used by {shown})",
        )


# --- consistency -------------------------------------------------------------------------------


def norm_text(text: str) -> str:
    return " ".join(normal(text).split()).rstrip(".!?;: ")


def _item_paths(data: Any) -> Iterator[PathKey]:
    """The paths of the list items of duties, work_cycle, rights, responsibilities and
    requirements in raw role data."""

    def items(path: PathKey) -> Iterator[PathKey]:
        node = node_at(data, path)
        if isinstance(node, list):
            yield from ((*path, i) for i in range(len(node)))

    for group in items(("duties",)):
        yield from items((*group, "items"))
    for stage in items(("work_cycle",)):
        yield from items((*stage, "activities"))
    yield from items(("rights",))
    yield from items(("responsibilities",))
    requirements = node_at(data, ("requirements",))
    if isinstance(requirements, dict):
        for key in requirements:
            yield from items(("requirements", key))


def _item_texts(data: Any, path: PathKey, default: str) -> dict[str, str]:
    node = node_at(data, path)
    if isinstance(node, str):
        return {default: norm_text(node)} if node.strip() else {}
    if isinstance(node, dict):
        return {
            lang: norm_text(value)
            for lang, value in node.items()
            if isinstance(lang, str) and isinstance(value, str) and value.strip()
        }
    return {}


def duplicate_hits(source: Source, default: str) -> Iterator[Hit]:
    """The same text in the same language twice among a role's items. Pairs across files (a child
    repeating its parent) are left to extends_hits."""
    seen: dict[tuple[str, str], PathKey] = {}
    for path in _item_paths(source.data):
        repeats: list[str] = []
        first: PathKey | None = None
        for lang, text in _item_texts(source.data, path, default).items():
            earlier = seen.setdefault((lang, text), path)
            if earlier != path and source.at(earlier).path == source.at(path).path:
                repeats.append(lang)
                first = first or earlier
        if repeats and first is not None:
            yield Hit(
                "consistency",
                text_location(source, path, repeats[0]),
                f"duplicate item: same text as {dotted(first)} ({', '.join(repeats)})",
                "remove one of the two",
            )


def kpi_hits(role: Role, source: Source) -> Iterator[Hit]:
    for i, kpi in enumerate(role.kpis):
        path = ("kpis", i, "measure")
        for lang, measure in kpi.measure.root.items():
            where = text_location(source, path, lang)
            if not measure.strip():
                yield Hit("consistency", where, f"KPI measure is empty ({lang})")
            elif norm_text(measure) == norm_text(kpi.name.root.get(lang, "")):
                yield Hit(
                    "consistency",
                    where,
                    f"KPI measure repeats the KPI name ({lang})",
                    "say how, how often and from which source it is measured",
                )


def ladder_hits(cat: Catalog) -> Iterator[Hit]:
    """A higher rung of a family (a higher `level`) that requires a competency at a lower level
    than a lower rung does. An inherited requirement is reported at the role's own
    `competencies` key, where a higher level would be set."""
    for family_id in sorted({r.family for r in cat.roles.values()}):
        ladder = cat.family_roles(family_id)
        for higher in ladder:
            source = cat.sources[higher.id]
            for i, need in enumerate(higher.competencies):
                lower = [
                    (req.level, other.id)
                    for other in ladder
                    if other.level < higher.level
                    for req in other.competencies
                    if req.id == need.id and req.level > need.level
                ]
                if not lower:
                    continue
                level, other_id = max(lower, key=lambda x: x[0])
                where = source.at(("competencies", i, "level"))
                inherited = ""
                if where.path != source.display:
                    where = source.at(("competencies",), key=True)
                    if where.path != source.display:
                        where = Location(source.display)
                    inherited = f" (inherited from '{higher.extends}')"
                yield Hit(
                    "consistency",
                    where,
                    f"'{higher.id}' requires '{need.id}' at level {need.level}{inherited}, "
                    f"below level {level} of '{other_id}', a lower rung of family '{family_id}'",
                    f"require at least level {level}",
                )


def extends_hits(cat: Catalog, role_id: str) -> Iterator[Hit]:
    """Items a child role's own file repeats from its parent: inherited lists are extended, so
    they would appear twice. The child's own items are the merged items whose position is in the
    child's file (merging keeps positions with the data)."""
    role = cat.roles[role_id]
    if role.extends is None or role.extends not in cat.sources:
        return
    own = cat.sources[role_id]
    parent = cat.sources[role.extends]
    default = cat.default_language
    known: dict[tuple[str, str], PathKey] = {}
    for path in _item_paths(parent.data):
        for lang, text in _item_texts(parent.data, path, default).items():
            known.setdefault((lang, text), path)
    for path in _item_paths(own.data):
        if own.at(path).path != own.display:
            continue  # inherited
        for lang, text in _item_texts(own.data, path, default).items():
            if (lang, text) in known:
                yield Hit(
                    "consistency",
                    text_location(own, path, lang),
                    f"repeats {dotted(known[(lang, text)])} of parent '{role.extends}', "
                    "which this role already inherits",
                    "remove it here",
                )
                break
