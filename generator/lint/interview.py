"""The interview rule: no question, listening point or warning sign that touches a topic Dutch
equal-treatment law keeps out of selection (age, pregnancy and family, religion, health, origin,
sexual orientation, union membership). The word list and its sources: data/interview.yml."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from ..catalog import Catalog
from ..errors import display_path
from ..load import PathKey, Source, load_file
from ..model import Question
from .rules import Hit
from .text import RawFiles, make_span

DATA = Path(__file__).parent / "data" / "interview.yml"
FIELDS = ("question", "listen_for", "warning_signs")


@dataclass(frozen=True)
class Topic:
    name: str
    pattern: re.Pattern[str]


@cache
def topics() -> dict[str, tuple[Topic, ...]]:
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return {
        lang: tuple(
            Topic(entry["topic"], re.compile("|".join(entry["patterns"]), re.IGNORECASE))
            for entry in entries
        )
        for lang, entries in data.items()
    }


def _question_hits(
    owner: str, question: Question, source: Source, path: PathKey, raw: RawFiles, role: str
) -> Iterator[Hit]:
    for name in FIELDS:
        text = getattr(question, name)
        if text is None:
            continue
        for lang, value in text.root.items():
            span = make_span(role, source, (*path, name), lang, value, raw)
            for topic in topics().get(lang, ()):
                match = topic.pattern.search(span.text)
                if match:
                    quoted = question.question.get(lang, lang)
                    yield Hit(
                        "interview-topic",
                        span.at(match.start()),
                        f"{owner}: an interview {name.replace('_', ' ')} touches {topic.name} "
                        f"('{match.group()}') in \"{quoted}\"",
                        "ask about the work only: equal-treatment law keeps this topic out of "
                        "selection",
                    )


def interview_hits(cat: Catalog) -> Iterator[Hit]:
    """Findings in the competency library's questions and in the roles' result-area
    questions."""
    path = cat.root / "library" / "competencies.yml"
    if path.is_file() and any(c.interview for c in cat.competencies.values()):
        source, _ = load_file(path, display_path(path))
        if source is not None:
            raw = RawFiles({source.display: path})
            for i, comp in enumerate(cat.competencies.values()):
                for j, question in enumerate(comp.interview):
                    yield from _question_hits(
                        f"competency '{comp.id}'",
                        question,
                        source,
                        ("competencies", i, "interview", j),
                        raw,
                        "",
                    )
    for role_id in sorted(cat.roles):
        role, source = cat.roles[role_id], cat.sources.get(role_id)
        file = cat.files.get(role_id)
        if source is None or file is None:
            continue
        raw = RawFiles({source.display: file})
        for i, area in enumerate(role.result_areas):
            for j, asked in enumerate(area.interview):
                yield from _question_hits(
                    f"role '{role_id}', result area '{area.id}'",
                    asked,
                    source,
                    ("result_areas", i, "interview", j),
                    raw,
                    role_id,
                )
