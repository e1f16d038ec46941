"""The semantic difference between two versions of a resolved role: per section, what was added,
removed or reworded, which competency levels rose or fell, and what changed in the meta data.

Rewording: an item removed and an item added in the same section are reported as one rewording
when their texts are similar enough: the word-level similarity (difflib's ratio over the words,
ignoring case and punctuation, averaged over the languages both versions have) is at least
`REWORD_THRESHOLD`. Below it they are a removal and an addition.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from ..model import Role, Text

REWORD_THRESHOLD = 0.5
"""The similarity (0 to 1) from which a removed and an added text are one rewording."""

Kind = Literal["added", "removed", "reworded", "moved", "raised", "lowered", "changed"]
Value = Text | str | int | dt.date | None

REQUIREMENT_KINDS = ("education", "experience", "knowledge", "skills", "traits", "optional")
SECTIONS = (
    "meta",
    "title",
    "family",
    "level",
    "extends",
    "reports_to",
    "summary",
    "purpose",
    "duties",
    "work_cycle",
    "rights",
    "responsibilities",
    *(f"requirements.{k}" for k in REQUIREMENT_KINDS),
    "competencies",
    "kpis",
    "training",
    "onboarding",
    "career",
    "codes",
)
"""Every section a change can be in, in the order of a job description."""


@dataclass(frozen=True)
class Change:
    """One change between two versions of a role."""

    section: str
    """One of SECTIONS."""
    kind: Kind
    old: Value = None
    new: Value = None
    field: str | None = None
    """What in the section changed, when it is not a list item: e.g. version, group, level."""
    key: str | None = None
    """The id of the changed thing, for competencies, training, career steps."""
    context: Text | None = None
    """The duty group or work-cycle stage an item is in (the new one for a move)."""
    old_context: Text | None = None
    """The group or stage an item was moved from."""
    similarity: float | None = None
    """For a rewording: how similar the two texts are."""

    def languages(self) -> list[str]:
        """The languages whose text differs (for texts); every language for other values."""
        if isinstance(self.old, Text) and isinstance(self.new, Text):
            langs = dict.fromkeys([*self.old.root, *self.new.root])
            return [lg for lg in langs if self.old.root.get(lg) != self.new.root.get(lg)]
        return []


@dataclass(frozen=True)
class RoleDiff:
    """Everything that changed from `old` to `new`."""

    old: Role
    new: Role
    changes: list[Change] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.changes

    def in_section(self, section: str) -> list[Change]:
        return [c for c in self.changes if c.section == section]

    def sections(self) -> list[str]:
        """The sections with changes, in SECTIONS order."""
        present = {c.section for c in self.changes}
        return [s for s in SECTIONS if s in present]


# --- similarity ---------------------------------------------------------------------------------

_WORD = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)


def words(text: str) -> list[str]:
    """The words of a text, lower case, without punctuation: what similarity compares."""
    return [w.lower() for w in _WORD.findall(text)]


def similarity(old: Text, new: Text) -> float:
    """How alike two texts are, 0 to 1: difflib's ratio over their words, averaged over the
    languages both have."""
    langs = [lg for lg in old.root if lg in new.root]
    if not langs:
        return 0.0
    total = 0.0
    for lang in langs:
        a, b = words(old.root[lang]), words(new.root[lang])
        total += 1.0 if a == b else difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
    return total / len(langs)


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """A text's change word by word: (op, text) with op "=", "-" or "+", spaces kept in the
    text so that joining the "=" and "+" parts gives the new text back."""
    a = re.findall(r"\S+\s*", old)
    b = re.findall(r"\S+\s*", new)
    key_a = [w.strip() for w in a]
    key_b = [w.strip() for w in b]
    ops: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, key_a, key_b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(("=", "".join(b[j1:j2])))
            continue
        if i2 > i1:
            removed = "".join(a[i1:i2])
            if j2 > j1 and not removed[-1:].isspace():
                removed += " "  # keep the struck and the new words apart
            ops.append(("-", removed))
        if j2 > j1:
            ops.append(("+", "".join(b[j1:j2])))
    return ops


# --- matching list items ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Item:
    text: Text
    context: Text | None = None


def _same(a: Text | None, b: Text | None) -> bool:
    return (a.root if a else None) == (b.root if b else None)


def _pair_similar(
    removed: list[_Item], added: list[_Item]
) -> tuple[list[tuple[_Item, _Item, float]], list[_Item], list[_Item]]:
    """Pair removed and added items into rewordings, most similar first."""
    scored = sorted(
        (
            (similarity(old.text, new.text), i, j)
            for i, old in enumerate(removed)
            for j, new in enumerate(added)
        ),
        key=lambda s: (-s[0], s[1], s[2]),
    )
    used_old: set[int] = set()
    used_new: set[int] = set()
    pairs: list[tuple[int, int, float]] = []
    for score, i, j in scored:
        if score < REWORD_THRESHOLD:
            break
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        pairs.append((i, j, score))
    pairs.sort(key=lambda p: p[1])  # in the new version's order
    return (
        [(removed[i], added[j], score) for i, j, score in pairs],
        [item for i, item in enumerate(removed) if i not in used_old],
        [item for j, item in enumerate(added) if j not in used_new],
    )


def _diff_items(
    section: str,
    old: Sequence[_Item],
    new: Sequence[_Item],
    renamed: dict[str, str] | None = None,
) -> list[Change]:
    """Changes between two lists of texts: unchanged texts are matched first (a text in another
    group is a move; `renamed` maps a renamed group's old heading to its new one), then the rest
    is paired by similarity."""
    renamed = renamed or {}

    def same_group(a: Text | None, b: Text | None) -> bool:
        if a is None or b is None:
            return a is b
        return renamed.get(json_key(a), json_key(a)) == json_key(b)

    remaining = list(old)
    added: list[_Item] = []
    changes: list[Change] = []
    for item in new:
        match = next((o for o in remaining if o.text.root == item.text.root), None)
        if match is None:
            added.append(item)
            continue
        remaining.remove(match)
        if not same_group(match.context, item.context):
            changes.append(
                Change(
                    section,
                    "moved",
                    old=match.text,
                    new=item.text,
                    context=item.context,
                    old_context=match.context,
                )
            )
    pairs, removed, added = _pair_similar(remaining, added)
    for old_item, new_item, score in pairs:
        changes.append(
            Change(
                section,
                "reworded",
                old=old_item.text,
                new=new_item.text,
                context=new_item.context,
                old_context=None
                if same_group(old_item.context, new_item.context)
                else old_item.context,
                similarity=round(score, 3),
            )
        )
    changes += [Change(section, "removed", old=i.text, context=i.context) for i in removed]
    changes += [Change(section, "added", new=i.text, context=i.context) for i in added]
    return changes


def _diff_headings(
    section: str,
    old: Sequence[tuple[Text, Sequence[Text]]],
    new: Sequence[tuple[Text, Sequence[Text]]],
) -> list[Change]:
    """Group headings (duty groups, work-cycle stages) added, removed or renamed. A heading is
    renamed when its text is similar, or when the group keeps some of the same items."""
    changes = _diff_items(section, [_Item(h) for h, _ in old], [_Item(h) for h, _ in new])

    def items_of(groups: Sequence[tuple[Text, Sequence[Text]]], heading: Value) -> set[str]:
        found = next((ts for h, ts in groups if h is heading), [])
        return {json_key(t) for t in found}

    for gone in [c for c in changes if c.kind == "removed"]:
        kept = items_of(old, gone.old)
        match = next(
            (c for c in changes if c.kind == "added" and items_of(new, c.new) & kept), None
        )
        if match is not None:
            position = changes.index(gone)
            changes.remove(match)
            changes[position] = Change(section, "reworded", old=gone.old, new=match.new)
    return [
        Change(section, c.kind, old=c.old, new=c.new, field="group", similarity=c.similarity)
        for c in changes
        if c.kind != "moved"
    ]


def json_key(text: Text) -> str:
    """A text's identity across its languages."""
    return "\x1f".join(f"{k}={v}" for k, v in sorted(text.root.items()))


def _diff_text(
    section: str, old: Text | None, new: Text | None, name: str | None = None
) -> list[Change]:
    if _same(old, new):
        return []
    if old is None:
        return [Change(section, "added", new=new, field=name)]
    if new is None:
        return [Change(section, "removed", old=old, field=name)]
    return [
        Change(
            section,
            "reworded",
            old=old,
            new=new,
            field=name,
            similarity=round(similarity(old, new), 3),
        )
    ]


def _diff_value(section: str, old: Any, new: Any, name: str | None = None) -> list[Change]:
    if old == new:
        return []
    if isinstance(old, Text) or isinstance(new, Text):
        return _diff_text(section, old, new, name)
    return [Change(section, "changed", old=old, new=new, field=name)]


def _keyed(
    section: str,
    old: Iterable[Any],
    new: Iterable[Any],
    key: Callable[[Any], str],
    compare: Callable[[str, Any, Any], list[Change]],
) -> list[Change]:
    """Changes between two lists of things with ids: added, removed, and what changed in each."""
    before = {key(x): x for x in old}
    after = {key(x): x for x in new}
    changes: list[Change] = []
    for k, item in after.items():
        if k in before:
            changes += compare(k, before[k], item)
        else:
            changes.append(Change(section, "added", new=_label(item), key=k))
    changes += [
        Change(section, "removed", old=_label(item), key=k)
        for k, item in before.items()
        if k not in after
    ]
    return changes


def _label(item: Any) -> Value:
    """The value a change of a keyed item shows: a competency's level, a training's timing."""
    level = getattr(item, "level", None)
    if isinstance(level, int):
        return level
    when = getattr(item, "when", None)
    return when if isinstance(when, Text) else None


# --- sections -----------------------------------------------------------------------------------


def _meta(old: Role, new: Role) -> list[Change]:
    changes: list[Change] = []
    for name in ("version", "effective", "status"):
        changes += _diff_value("meta", getattr(old.meta, name), getattr(new.meta, name), name)
    changes += _diff_text("meta", old.meta.owner, new.meta.owner, "owner")
    return changes


def _grouped(groups: Sequence[tuple[Text, Sequence[Text]]]) -> list[_Item]:
    return [_Item(text, heading) for heading, items in groups for text in items]


def _renames(headings: list[Change]) -> dict[str, str]:
    return {
        json_key(c.old): json_key(c.new)
        for c in headings
        if c.kind == "reworded" and isinstance(c.old, Text) and isinstance(c.new, Text)
    }


def _duties(old: Role, new: Role) -> list[Change]:
    before = [(g.group, g.items) for g in old.duties]
    after = [(g.group, g.items) for g in new.duties]
    headings = _diff_headings("duties", before, after)
    return headings + _diff_items("duties", _grouped(before), _grouped(after), _renames(headings))


def _work_cycle(old: Role, new: Role) -> list[Change]:
    before = [(s.stage, s.activities) for s in old.work_cycle]
    after = [(s.stage, s.activities) for s in new.work_cycle]
    changes = _diff_headings("work_cycle", before, after)
    changes += _diff_items("work_cycle", _grouped(before), _grouped(after), _renames(changes))
    if not changes and [s.root for s, _ in before] != [s.root for s, _ in after]:
        changes.append(Change("work_cycle", "changed", field="order"))
    return changes


def _flat(section: str, old: list[Text], new: list[Text]) -> list[Change]:
    return _diff_items(section, [_Item(t) for t in old], [_Item(t) for t in new])


def _competencies(old: Role, new: Role) -> list[Change]:
    def compare(key: str, a: Any, b: Any) -> list[Change]:
        if a.level == b.level:
            return []
        kind: Kind = "raised" if b.level > a.level else "lowered"
        return [Change("competencies", kind, old=a.level, new=b.level, key=key, field="level")]

    return _keyed("competencies", old.competencies, new.competencies, lambda c: c.id, compare)


def _kpis(old: Role, new: Role) -> list[Change]:
    # A KPI is its name: a renamed KPI is a rewording of the name, a new measure a rewording too.
    changes = _diff_items(
        "kpis", [_Item(k.name) for k in old.kpis], [_Item(k.name) for k in new.kpis]
    )
    renamed = {id(c.new): c.old for c in changes if c.kind == "reworded"}
    for kpi in new.kpis:
        name = renamed.get(id(kpi.name), kpi.name)
        twin = next((k for k in old.kpis if k.name.root == getattr(name, "root", None)), None)
        if twin is not None and twin.measure.root != kpi.measure.root:
            changes.append(
                Change(
                    "kpis",
                    "reworded",
                    old=twin.measure,
                    new=kpi.measure,
                    field="measure",
                    context=kpi.name,
                    similarity=round(similarity(twin.measure, kpi.measure), 3),
                )
            )
    return changes


def _training(old: Role, new: Role) -> list[Change]:
    def compare(key: str, a: Any, b: Any) -> list[Change]:
        return [
            Change(c.section, c.kind, old=c.old, new=c.new, field=c.field, key=key)
            for c in _diff_value("training", a.when, b.when, "when")
            + _diff_value("training", a.phase, b.phase, "phase")
        ]

    return _keyed("training", old.training, new.training, lambda t: t.ref, compare)


def _onboarding(old: Role, new: Role) -> list[Change]:
    return _diff_items(
        "onboarding",
        [_Item(i.item) for i in old.onboarding],
        [_Item(i.item) for i in new.onboarding],
    )


def _career(old: Role, new: Role) -> list[Change]:
    changes = [
        Change("career", "added", key=r, field="next")
        for r in new.career.next
        if r not in old.career.next
    ]
    changes += [
        Change("career", "removed", key=r, field="next")
        for r in old.career.next
        if r not in new.career.next
    ]
    return changes + _diff_text("career", old.career.note, new.career.note, "note")


def diff_roles(old: Role, new: Role) -> RoleDiff:
    """What changed from one version of a resolved role to another, section by section."""
    changes = _meta(old, new)
    for name in ("title", "family", "level", "extends", "reports_to", "summary", "purpose"):
        changes += _diff_value(name, getattr(old, name), getattr(new, name))
    changes += _duties(old, new)
    changes += _work_cycle(old, new)
    changes += _flat("rights", old.rights, new.rights)
    changes += _flat("responsibilities", old.responsibilities, new.responsibilities)
    for kind in REQUIREMENT_KINDS:
        changes += _flat(
            f"requirements.{kind}", getattr(old.requirements, kind), getattr(new.requirements, kind)
        )
    changes += _competencies(old, new)
    changes += _kpis(old, new)
    changes += _training(old, new)
    changes += _onboarding(old, new)
    changes += _career(old, new)
    for name in ("isco08", "esco"):
        changes += _diff_value("codes", getattr(old.codes, name), getattr(new.codes, name), name)
    order = {s: i for i, s in enumerate(SECTIONS)}
    changes.sort(key=lambda c: order[c.section])  # stable: keeps the order within a section
    return RoleDiff(old, new, changes)
