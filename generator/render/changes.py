"""A role's change notice: the semantic diff of two versions as text, Markdown, JSON or PDF."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from ..catalog import Catalog
from ..history.diff import REWORD_THRESHOLD, Change, RoleDiff, Value, word_diff
from ..i18n import Translator
from ..model import Text
from .environment import environment
from .links import Links

MARKS = {
    "added": "+",
    "removed": "-",
    "reworded": "~",
    "moved": ">",
    "raised": "↑",
    "lowered": "↓",
    "changed": "*",
}
COLOURS = {
    "added": "32",
    "removed": "31",
    "reworded": "33",
    "moved": "36",
    "raised": "32",
    "lowered": "31",
    "changed": "33",
}


@dataclass(frozen=True)
class ChangeLine:
    """One change, worded in one language."""

    kind: str
    label: str
    subject: str | None
    old: str | None
    new: str | None
    words: list[tuple[str, str]] | None
    """For a reworded text: the word-by-word change."""
    note: str | None


@dataclass(frozen=True)
class SectionView:
    title: str
    lines: list[ChangeLine]


class NoticeView:
    """A diff prepared for one language: what the templates and the text output show."""

    def __init__(
        self, cat: Catalog | None, diff: RoleDiff, lang: str, default_language: str
    ) -> None:
        self.cat = cat
        self.diff = diff
        self.t = Translator(lang, default_language)
        self.old = diff.old
        self.new = diff.new

    @property
    def title(self) -> str:
        return self.t.text(self.new.title)

    @property
    def from_to(self) -> str:
        return self.t.label(
            "change_from_to",
            old=self.old.meta.version,
            old_date=self.t.date(self.old.meta.effective),
            new=self.new.meta.version,
            new_date=self.t.date(self.new.meta.effective),
        )

    def section_title(self, section: str) -> str:
        if section.startswith("requirements."):
            return f"{self.t.label('requirements')}: {self.t.label(section.split('.', 1)[1])}"
        key = f"section_{section}"
        return self.t.label(key if key in self.t.labels else section)

    def sections(self) -> list[SectionView]:
        return [
            SectionView(self.section_title(s), [self.line(c) for c in self.diff.in_section(s)])
            for s in self.diff.sections()
        ]

    def summary(self) -> str:
        """One line: the sections that changed and how, leaving out version and date (the
        history shows those beside it)."""
        parts = []
        for section in self.diff.sections():
            changes = [
                c
                for c in self.diff.in_section(section)
                if not (section == "meta" and c.field in ("version", "effective"))
            ]
            if not changes:
                continue
            counts: dict[str, int] = {}
            for change in changes:
                counts[change.kind] = counts.get(change.kind, 0) + 1
            worded = ", ".join(self.t.label(f"count_{k}", n=n) for k, n in counts.items())
            parts.append(f"{self.section_title(section)}: {worded}")
        if not parts:
            return (
                self.t.label("history_only_meta")
                if self.diff.changes
                else self.t.label("change_none")
            )
        return "; ".join(parts)

    # --- one change ---

    def _value(self, value: Value) -> str:
        if value is None:
            return self.t.label("none_value")
        if isinstance(value, Text):
            return self.t.text(value)
        if isinstance(value, dt.date):
            return self.t.date(value)
        return str(value)

    def _subject(self, change: Change) -> str | None:
        cat = self.cat
        if change.key is not None:
            if change.section == "competencies" and cat and change.key in cat.competencies:
                return self.t.text(cat.competencies[change.key].name)
            if change.section == "training" and cat and change.key in cat.training:
                subject = self.t.text(cat.training[change.key].title)
            elif change.section == "career" and cat and change.key in cat.roles:
                subject = self.t.text(cat.roles[change.key].title)
            else:
                subject = change.key
            if change.field == "next":
                return f"{self._field('next')}: {subject}"
            if change.field:
                return f"{subject}: {self._field(change.field)}"
            return subject
        if change.section in ("reports_to", "extends") and cat:
            return None
        if change.field:
            field = self._field(change.field)
            if change.context is not None:
                return f"{self.t.text(change.context)}: {field}"
            return field
        if change.context is not None:
            return self.t.text(change.context)
        return None

    def _shown(self, value: Value, change: Change) -> str | None:
        # A step added to or removed from a list of ids has no value beside its name.
        if value is None and change.key is not None:
            return None
        if change.section == "competencies" and isinstance(value, int):
            return self.t.label("competency_level_n", n=value)
        return self._value(value)

    def _field(self, name: str) -> str:
        key = f"field_{name}"
        return self.t.label(key if key in self.t.labels else name)

    def _role_value(self, value: Value) -> Value:
        if isinstance(value, str) and self.cat and value in self.cat.roles:
            return f"{self.t.text(self.cat.roles[value].title)} ({value})"
        return value

    def line(self, change: Change) -> ChangeLine:
        old, new = change.old, change.new
        if change.section in ("reports_to", "extends"):
            old, new = self._role_value(old), self._role_value(new)
        if change.section == "meta" and change.field == "status":
            old = self.t.label(f"status_{old}") if old else old
            new = self.t.label(f"status_{new}") if new else new
        words = None
        notes = []
        if change.kind == "reworded" and isinstance(old, Text) and isinstance(new, Text):
            words = word_diff(self.t.text(old), self.t.text(new))
            if self.t.text(old) == self.t.text(new):
                names = self.t.labels.get("language_names", {})
                notes.append(
                    self.t.label(
                        "change_only_in",
                        languages=", ".join(names.get(lg, lg) for lg in change.languages()),
                    )
                )
        if change.old_context is not None:
            notes.append(self.t.label("change_moved_from", group=self.t.text(change.old_context)))
        return ChangeLine(
            kind=change.kind,
            label=self.t.label(f"change_{change.kind}"),
            subject=self._subject(change),
            old=None if change.kind in ("added", "moved") else self._shown(old, change),
            new=None if change.kind == "removed" else self._shown(new, change),
            words=words,
            note="; ".join(notes) or None,
        )


# --- the formats ------------------------------------------------------------------------------


def _ansi(code: str, text: str, colour: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if colour else text


def _word(op: str, text: str, colour: bool) -> str:
    if op == "=":
        return text
    word, space = text.rstrip(), text[len(text.rstrip()) :]
    if colour:
        return _ansi("9;31" if op == "-" else "4;32", word, True) + space
    return (f"[-{word}-]" if op == "-" else f"{{+{word}+}}") + space


def notice_text(view: NoticeView, *, colour: bool = False) -> str:
    """Plain text for a terminal: word changes as [-removed-]{+added+} (coloured when asked)."""
    t = view.t
    out = [
        _ansi("1", f"{t.label('change_notice')}: {view.title} ({view.new.id})", colour),
        view.from_to,
        "",
    ]
    sections = view.sections()
    if not sections:
        out.append(t.label("change_none"))
    for section in sections:
        out.append(_ansi("1", section.title, colour))
        for line in section.lines:
            head = f"  {MARKS[line.kind]} {line.label}"
            if line.subject:
                head += f" ({line.subject})"
            if line.words is not None:
                body = "".join(_word(op, text, colour) for op, text in line.words)
            elif line.old is not None and line.new is not None:
                body = f"{line.old} → {line.new}"
            else:
                body = line.new if line.new is not None else (line.old or "")
            text = f"{head}: {body}" if body else head
            out.append(_ansi(COLOURS[line.kind], head, colour) + text[len(head) :])
            if line.note:
                out.append(f"      ({line.note})")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _json_value(value: Value) -> Any:
    if isinstance(value, Text):
        return dict(value.root)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def notice_json(diff: RoleDiff) -> str:
    """Every change with the texts of all languages, for other tools."""

    def side(role: Any) -> dict[str, Any]:
        return {
            "version": role.meta.version,
            "effective": role.meta.effective.isoformat(),
            "status": role.meta.status,
        }

    data = {
        "role": diff.new.id,
        "from": side(diff.old),
        "to": side(diff.new),
        "reword_threshold": REWORD_THRESHOLD,
        "changes": [
            {
                "section": c.section,
                "kind": c.kind,
                "field": c.field,
                "key": c.key,
                "old": _json_value(c.old),
                "new": _json_value(c.new),
                "context": _json_value(c.context),
                "old_context": _json_value(c.old_context),
                "similarity": c.similarity,
                "languages": c.languages(),
            }
            for c in diff.changes
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def notice_markdown(view: NoticeView, links: Links | None = None, pdf: str | None = None) -> str:
    """A Markdown page (the site's change notice, or `rolebook diff --format md`)."""
    return (
        environment()
        .get_template("markdown/changes.md.j2")
        .render(view=view, t=view.t, links=links, role=view.new, pdf=pdf)
    )


def notice_html(view: NoticeView, org_name: str) -> str:
    return (
        environment()
        .get_template("print/changes.html.j2")
        .render(view=view, t=view.t, role=view.new, org_name=org_name)
    )
