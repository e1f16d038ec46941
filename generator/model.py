"""The data model: one class per concept of a role catalog. Field docstrings become the YAML reference.

Every human text is a `Text`: a plain string (in the default language) or a mapping of language codes
to strings. Validation needs a context with `languages` and `default_language` (see `validation_context`).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    RootModel,
    StringConstraints,
    ValidationInfo,
    model_validator,
)
from pydantic_core import PydanticCustomError

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
"""Lowercase letters, digits and single hyphens between them: no "--", which joins the two
roles of a career step in its address (plans/a--b/), and no hyphen at either end."""
ID_RULE = (
    "use lowercase letters a-z, digits and single hyphens between them "
    "(no '--', no hyphen at either end), at most 64 characters"
)
"""What an id may be, for messages."""
LANGUAGE_PATTERN = r"^[a-z]{2,3}$"

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=64)]
"""An identifier: lowercase letters a-z, digits and single hyphens between them."""

Language = Annotated[str, StringConstraints(pattern=LANGUAGE_PATTERN)]
Level = Annotated[int, Field(ge=1, le=10)]
Owner = Literal["hr", "manager", "buddy", "new-hire"]
CompetencyType = Literal["knowledge", "skill", "trait"]
TrainingKind = Literal["course", "certificate", "on-the-job", "mentoring", "reading"]
Status = Literal["draft", "published"]


def validation_context(languages: list[str], default_language: str) -> dict[str, Any]:
    return {"languages": languages, "default_language": default_language}


def _type_name(value: object) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "text"


class Text(RootModel[dict[str, str]]):
    """Localised text: a string in the default language, or `{nl: ..., en: ...}`."""

    model_config = ConfigDict(
        json_schema_extra={
            "anyOf": [
                {"type": "string"},
                {
                    "type": "object",
                    "additionalProperties": {"type": "string"},
                    "propertyNames": {"pattern": LANGUAGE_PATTERN},
                    "minProperties": 1,
                },
            ]
        }
    )

    @model_validator(mode="before")
    @classmethod
    def _normalise(cls, value: Any, info: ValidationInfo) -> dict[str, str]:
        context = info.context or {}
        default = context.get("default_language", "nl")
        languages = context.get("languages")
        if isinstance(value, str):
            return {default: value}
        if not isinstance(value, dict):
            raise PydanticCustomError(
                "text_type",
                "expected text (a string, or a mapping of language codes to strings), got {got}",
                {"got": _type_name(value)},
            )
        if not value:
            raise PydanticCustomError("text_empty", "expected text in at least one language")
        for lang, text in value.items():
            if not isinstance(lang, str) or not re.match(LANGUAGE_PATTERN, lang):
                raise PydanticCustomError(
                    "text_language",
                    "'{lang}' is not a language code (expected e.g. nl, en)",
                    {"lang": str(lang)},
                )
            if languages and lang not in languages:
                raise PydanticCustomError(
                    "text_language",
                    "unknown language '{lang}' (configured: {known})",
                    {"lang": lang, "known": ", ".join(languages)},
                )
            if not isinstance(text, str):
                raise PydanticCustomError(
                    "text_type",
                    "expected a string for language '{lang}', got {got}",
                    {"lang": lang, "got": _type_name(text)},
                )
        return dict(value)

    def get(self, lang: str, fallback: str) -> str:
        """The text in `lang`, else in `fallback`, else in any language."""
        texts = self.root
        return texts.get(lang) or texts.get(fallback) or next(iter(texts.values()), "")


TextList = list[Text]


class Model(BaseModel):
    """Base for every file section: unknown fields are errors, never silently dropped."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)


# --- the library -------------------------------------------------------------------------------


class Organisation(Model):
    """roles/library/organisation.yml: who publishes the roles, and in which languages."""

    name: Text | None = None
    """The organisation's name, shown in headers and footers."""
    languages: list[Language] = Field(default_factory=lambda: ["nl", "en"], min_length=1)
    """The languages every text should be written in; the first build is the default language."""
    default_language: Language = "nl"
    """The language of plain (untagged) strings and of the site's root."""

    @model_validator(mode="after")
    def _default_is_listed(self) -> Organisation:
        if self.default_language not in self.languages:
            raise PydanticCustomError(
                "default_language",
                "default_language '{d}' is not in languages ({known})",
                {"d": self.default_language, "known": ", ".join(self.languages)},
            )
        return self


class ScaleLevel(Model):
    """One named level of a competency scale; levels are cumulative."""

    level: Level
    """The level's number, 1 being the lowest."""
    name: Text
    """Short name, e.g. Basis / Foundation."""
    description: Text
    """What this level means in general, for any competency."""


class Scale(Model):
    """A scale of levels that competencies are measured on."""

    id: Id
    name: Text
    levels: list[ScaleLevel] = Field(min_length=2)
    """The levels, lowest first, numbered 1, 2, 3, ... without gaps."""

    @model_validator(mode="after")
    def _numbered(self) -> Scale:
        numbers = [lvl.level for lvl in self.levels]
        if numbers != list(range(1, len(numbers) + 1)):
            raise PydanticCustomError(
                "scale_levels",
                "levels must be numbered 1 to {n} in order, got {got}",
                {"n": len(numbers), "got": ", ".join(map(str, numbers))},
            )
        return self


class ScalesFile(Model):
    """roles/library/scales.yml."""

    scales: list[Scale] = Field(default_factory=list)


class Competency(Model):
    """A competency of the library, with what a person does at each level."""

    id: Id
    name: Text
    type: CompetencyType
    """knowledge, skill or trait."""
    category: Text
    """A grouping such as Client contact or Analysis, used in matrices."""
    scale: Id
    """The id of the scale its levels follow."""
    description: Text
    """One sentence on what the competency is."""
    levels: dict[Level, Text]
    """A behavioural descriptor per level; levels may be left out but not invented."""


class CompetenciesFile(Model):
    """roles/library/competencies.yml."""

    competencies: list[Competency] = Field(default_factory=list)


class Family(Model):
    """A role family: roles that form one ladder."""

    id: Id
    name: Text
    description: Text | None = None
    roles: list[Id] = Field(default_factory=list)
    """The roles of the family in ladder order, lowest rung first."""


class FamiliesFile(Model):
    """roles/library/families.yml."""

    families: list[Family] = Field(default_factory=list)


class CompetencyLevel(Model):
    """A competency at a level: required by a role, or developed by a training."""

    competency: Id
    level: Level


class TrainingItem(Model):
    """A training of the library: a course, certificate, on-the-job training, mentoring or reading."""

    id: Id
    title: Text
    kind: TrainingKind
    provider: Text | None = None
    duration: Text | None = None
    employer_paid: bool = Field(default=True, strict=True)
    """Whether the employer pays; continuous training at the employer's expense is the norm."""
    description: Text | None = None
    develops: list[CompetencyLevel] = Field(default_factory=list)
    """The competencies it raises and up to which level."""


class TrainingFile(Model):
    """roles/library/training.yml."""

    training: list[TrainingItem] = Field(default_factory=list)


class Phase(Model):
    """A phase of onboarding, e.g. the first week."""

    id: Id
    name: Text
    offset_days: int = Field(ge=-365, le=730)
    """Days from the start date at which the phase ends (negative: before the start)."""


class OnboardingItem(Model):
    """One thing to do during onboarding."""

    phase: Id
    """The phase id, from roles/library/onboarding.yml."""
    owner: Owner
    """Who does it: hr, manager, buddy or new-hire."""
    item: Text
    due: int | None = Field(default=None, ge=-365, le=730)
    """Days from the start date; defaults to the phase's offset."""
    optional: bool = Field(default=False, strict=True)
    link: str | None = Field(default=None, max_length=500)
    """A training (training:ID) or a page of the site."""


class OnboardingFile(Model):
    """roles/library/onboarding.yml: the phases and the items for every new hire."""

    phases: list[Phase] = Field(default_factory=list)
    items: list[OnboardingItem] = Field(default_factory=list)


# --- a role ------------------------------------------------------------------------------------


class Meta(Model):
    """Administrative data of a role description."""

    version: str = Field(min_length=1, max_length=40)
    """The version of this description, e.g. "1.2.0" (quote it)."""
    effective: dt.date
    """The date from which it applies, e.g. 2026-12-01."""
    owner: Text
    """Who maintains it, e.g. HR."""
    status: Status = "draft"
    """draft or published."""


class DutyGroup(Model):
    """Duties under one heading."""

    group: Text
    items: TextList = Field(min_length=1)


class Stage(Model):
    """One stage of the work cycle."""

    stage: Text
    activities: TextList = Field(default_factory=list)


class Requirements(Model):
    """What a candidate brings."""

    education: TextList = Field(default_factory=list)
    experience: TextList = Field(default_factory=list)
    knowledge: TextList = Field(default_factory=list)
    skills: TextList = Field(default_factory=list)
    traits: TextList = Field(default_factory=list)
    optional: TextList = Field(default_factory=list)
    """Sometimes asked: a foreign language, a driving licence, own transport."""


class RequiredCompetency(Model):
    """A competency of the library at the level the role requires."""

    id: Id
    level: Level


class Kpi(Model):
    """A key performance indicator and how it is measured."""

    name: Text
    measure: Text


class TrainingStep(Model):
    """A step of the role's training path: a training of the library, and when."""

    ref: Id
    """The training id in roles/library/training.yml."""
    when: Text | None = None
    phase: Id | None = None
    """An onboarding phase: the step then also appears on the onboarding checklist."""


class Career(Model):
    """Where the role leads."""

    next: list[Id] = Field(default_factory=list)
    """Role ids this role grows into."""
    note: Text | None = None
    """How the next step is earned; give one when there is no next role."""


class Codes(Model):
    """Classification codes."""

    isco08: Annotated[str, StringConstraints(pattern=r"^[0-9]{1,4}$")] | None = None
    """ISCO-08 code, quoted (e.g. "2433")."""
    esco: (
        Annotated[
            str, StringConstraints(pattern=r"^http://data\.europa\.eu/esco/occupation/[0-9a-f-]+$")
        ]
        | None
    ) = None
    """ESCO occupation URI."""


class Role(Model):
    """A role: one YAML file in roles/, named after its id."""

    id: Id
    """Defaults to the file name."""
    title: Text
    family: Id
    """The family id, from roles/library/families.yml."""
    level: Level
    """The rung in the family's ladder, 1 being the first."""
    extends: Id | None = None
    """A parent role: its content is inherited; lists are extended, the rest overridden."""
    reports_to: Id | None = None
    """The role id of the manager."""
    meta: Meta
    summary: Text
    purpose: Text
    """Why the role exists."""
    duties: list[DutyGroup] = Field(default_factory=list)
    work_cycle: list[Stage] = Field(default_factory=list)
    """The stages of the work, in order."""
    rights: TextList = Field(default_factory=list)
    """Authorities of the holder."""
    responsibilities: TextList = Field(default_factory=list)
    """What the holder answers for, including liability."""
    requirements: Requirements = Field(default_factory=Requirements)
    competencies: list[RequiredCompetency] = Field(default_factory=list)
    kpis: list[Kpi] = Field(default_factory=list)
    training: list[TrainingStep] = Field(default_factory=list)
    """The training path."""
    onboarding: list[OnboardingItem] = Field(default_factory=list)
    """Role-specific onboarding items, merged with the library's."""
    career: Career = Field(default_factory=Career)
    codes: Codes = Field(default_factory=Codes)


LIBRARY_FILES: dict[str, type[Model]] = {
    "organisation": Organisation,
    "scales": ScalesFile,
    "competencies": CompetenciesFile,
    "families": FamiliesFile,
    "training": TrainingFile,
    "onboarding": OnboardingFile,
}
"""The files of roles/library/ (without .yml) and the model of each."""
