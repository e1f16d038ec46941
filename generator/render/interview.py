"""A role's interview kit: for each core competency the behavioural questions that fit the
required level, with what to listen for, and a scoring sheet whose anchors are the competency's
level descriptors; then the questions the role adds per result area."""

from __future__ import annotations

from dataclasses import dataclass

from ..catalog import Catalog
from ..formal import core_competencies
from ..i18n import Translator
from ..model import Competency, InterviewQuestion, Question, Role

QUESTIONS_PER_COMPETENCY = 3
"""At most this many questions per competency (two or three fit an hour's interview)."""
SCORES = (1, 2, 3, 4, 5)


@dataclass(frozen=True)
class KitQuestion:
    question: str
    listen_for: str
    warning_signs: str


@dataclass(frozen=True)
class Anchor:
    """What a score means: the behaviour of that level of the competency."""

    score: int
    name: str
    descriptor: str
    required: bool


@dataclass(frozen=True)
class KitCompetency:
    competency: Competency
    name: str
    level: int
    level_name: str
    questions: list[KitQuestion]
    anchors: list[Anchor]


@dataclass(frozen=True)
class KitArea:
    name: str
    questions: list[KitQuestion]


@dataclass(frozen=True)
class Kit:
    role: Role
    competencies: list[KitCompetency]
    areas: list[KitArea]

    @property
    def questions(self) -> int:
        return sum(len(c.questions) for c in self.competencies) + sum(
            len(a.questions) for a in self.areas
        )


def _question(q: Question, t: Translator) -> KitQuestion:
    return KitQuestion(t.text(q.question), t.text(q.listen_for), t.text(q.warning_signs))


def fitting(questions: list[InterviewQuestion], level: int) -> list[InterviewQuestion]:
    """The questions for a required level: those whose band holds it; when fewer than two do,
    the nearest bands' questions fill up (a level the library has few questions for)."""

    def distance(q: InterviewQuestion) -> int:
        return 0 if level in q.levels else min(abs(level - n) for n in q.levels)

    ranked = sorted(questions, key=distance)  # stable: the library's order within a distance
    chosen = [q for q in ranked if distance(q) == 0]
    if len(chosen) < 2:
        chosen = ranked[:2]
    return chosen[:QUESTIONS_PER_COMPETENCY]


def interview_kit(cat: Catalog, role: Role, lang: str) -> Kit:
    """The interview kit of a role in `lang`."""
    t = Translator(lang, cat.default_language)
    found = []
    for core in core_competencies(cat, role, t):
        comp = core.competency
        scale = cat.scales.get(comp.scale)
        anchors = [
            Anchor(
                score,
                t.text(scale.levels[score - 1].name)
                if scale and score <= len(scale.levels)
                else str(score),
                t.text(comp.levels.get(score)),
                score == core.level,
            )
            for score in SCORES
        ]
        found.append(
            KitCompetency(
                comp,
                t.text(comp.name),
                core.level,
                core.level_name,
                [_question(q, t) for q in fitting(comp.interview, core.level)],
                anchors,
            )
        )
    areas = [
        KitArea(t.text(area.name), [_question(q, t) for q in area.interview])
        for area in role.result_areas
        if area.interview
    ]
    return Kit(role, found, areas)
