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
GradeId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9.-]*$", max_length=16)]
"""A grade group's or salary scale's id, as the system writes it: "7", "B", "8a"."""
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


class GradeGroup(Model):
    """A group (functiegroep) of a job-evaluation system."""

    id: GradeId
    """As the system numbers it, e.g. "7" (quote it)."""
    name: Text | None = None
    """The group's name, e.g. Specialist."""
    points: tuple[int, int] | None = None
    """The evaluation points the group spans, e.g. [90, 109]."""


class GradeSystem(Model):
    """A job-evaluation system (functiewaarderingssysteem): ORBA, HAY, FUWAVAZ, or your own."""

    id: Id
    """The system's id, used in a role's `grade.system`."""
    name: Text
    """E.g. ORBA, or "Functiewaardering Voorbeeldorganisatie"."""
    groups: list[GradeGroup] = Field(min_length=1)
    """Its groups, lowest first: the rows of the job architecture."""


class SalaryScale(Model):
    """A salary scale: the range a role's pay moves in."""

    id: GradeId
    """E.g. "8" (quote it)."""
    minimum: float = Field(gt=0)
    """The lowest gross amount of the scale."""
    maximum: float = Field(gt=0)
    """The highest gross amount of the scale."""
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] = "EUR"
    """The currency, as an ISO 4217 code."""
    period: Literal["month", "year"] = "month"
    """Gross amounts per month or per year."""
    source: Text | None = None
    """Where the scale comes from: the cao and its edition, or the organisation's pay policy."""

    @model_validator(mode="after")
    def _ordered(self) -> SalaryScale:
        if self.maximum < self.minimum:
            raise PydanticCustomError(
                "scale_range",
                "maximum {max} is below minimum {min}",
                {"max": self.maximum, "min": self.minimum},
            )
        return self


HttpsUrl = Annotated[str, StringConstraints(pattern=r"^https?://[^\s<>\"']+$", max_length=500)]
"""A web address (http or https)."""
Email = Annotated[
    str, StringConstraints(pattern=r"^[^@\s<>\"']+@[^@\s<>\"']+\.[a-z]{2,}$", max_length=200)
]


class Address(Model):
    """A postal address (schema.org PostalAddress)."""

    street: str | None = Field(default=None, max_length=200)
    """The street and number."""
    postal_code: str | None = Field(default=None, max_length=20)
    """The postal code, e.g. 3511 AB."""
    locality: str = Field(min_length=1, max_length=100)
    """The town or city."""
    region: str | None = Field(default=None, max_length=100)
    """The province, e.g. Utrecht."""
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] = "NL"
    """The ISO 3166-1 alpha-2 country code."""


class Apply(Model):
    """Where candidates apply: a web form, an e-mail address, or both."""

    url: HttpsUrl | None = None
    """The web address of the application form."""
    email: Email | None = None
    """The address to send an application to."""
    contact: Text | None = None
    """Who answers questions about the vacancy, e.g. "Anna de Vries, recruiter, 030 123 45 67"."""

    @model_validator(mode="after")
    def _somewhere(self) -> Apply:
        if self.url is None and self.email is None:
            raise PydanticCustomError("apply", "give url, email or both", {})
        return self


class Recruitment(Model):
    """The organisation's settings for vacancies."""

    title_suffix: dict[Language, str] = Field(default_factory=dict)
    """Text after a vacancy's title per language, e.g. {nl: "(m/v/x)"}; leave a language out
    when its titles are gender-neutral already."""
    apply: Apply | None = None
    """Where candidates apply, unless the vacancy says otherwise."""
    b1_reading_ease: float = Field(default=60, ge=0, le=100)
    """The Flesch-Douma score below which a Dutch vacancy is reported as harder than B1."""


class Organisation(Model):
    """roles/library/organisation.yml: who publishes the roles, and in which languages."""

    name: Text | None = None
    """The organisation's name, shown in headers and footers."""
    languages: list[Language] = Field(default_factory=lambda: ["nl", "en"], min_length=1)
    """The languages every text should be written in; the first build is the default language."""
    default_language: Language = "nl"
    """The language of plain (untagged) strings and of the site's root."""
    description: Text | None = None
    """A few sentences about the organisation (for vacancies and the job architecture)."""
    full_time_hours: float = Field(default=40, gt=0, le=60)
    """Hours of a full-time week (the cao's or the organisation's): hours / this = FTE."""
    grade_systems: list[GradeSystem] = Field(default_factory=list)
    """The job-evaluation systems roles are graded in (usually one)."""
    salary_scales: list[SalaryScale] = Field(default_factory=list)
    """The salary scales a role's grade points to."""
    website: HttpsUrl | None = None
    """The organisation's website (the hiring organisation of a vacancy)."""
    address: Address | None = None
    """The main address: a vacancy's job location when its role does not give one."""
    employment_terms: Text | None = None
    """The cao or the organisation's own terms of employment, e.g. "cao Groothandel"."""
    benefits: TextList = Field(default_factory=list)
    """What every employee gets besides the salary, for vacancies (pension, leave, training)."""
    recruitment: Recruitment = Field(default_factory=lambda: Recruitment())
    """How vacancies are written and answered."""

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
    """The scale's id, used by competencies."""
    name: Text
    """The scale's name."""
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


class Demand(Model):
    """Word stems that show a result area needs a competency at `level` or higher."""

    level: Level
    """The level from which a result area with these words needs the competency."""
    words: dict[Language, list[Annotated[str, StringConstraints(min_length=3, max_length=40)]]]
    """Per language, lowercase word stems, e.g. {nl: [onderhandel], en: [negotiat]}."""


class Question(Model):
    """An interview question with what to listen for."""

    question: Text
    """A behavioural question about a real past situation (STAR)."""
    listen_for: Text
    """What a good answer shows."""
    warning_signs: Text | None = None
    """What should worry the interviewer."""


class InterviewQuestion(Question):
    """An interview question for a competency, at the levels it fits."""

    levels: list[Level] = Field(min_length=1)
    """The required levels the question fits, e.g. [1, 2, 3]."""


class Competency(Model):
    """A competency of the library, with what a person does at each level."""

    id: Id
    """The competency's id, used by roles and training."""
    name: Text
    """The competency's name."""
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
    demands: list[Demand] = Field(default_factory=list)
    """Words that, in a role's result area, ask for this competency at a level (rolebook lint
    warns when the role requires less)."""
    interview: list[InterviewQuestion] = Field(default_factory=list)
    """Behavioural (STAR) questions for an interview, each for a band of levels."""


class CompetenciesFile(Model):
    """roles/library/competencies.yml."""

    competencies: list[Competency] = Field(default_factory=list)


class Family(Model):
    """A role family: roles that form one ladder."""

    id: Id
    """The family's id, used in a role's `family`."""
    name: Text
    """The family's name."""
    description: Text | None = None
    """What the roles of this family have in common."""
    roles: list[Id] = Field(default_factory=list)
    """The roles of the family in ladder order, lowest rung first."""


class FamiliesFile(Model):
    """roles/library/families.yml."""

    families: list[Family] = Field(default_factory=list)


class CompetencyLevel(Model):
    """A competency at a level: required by a role, or developed by a training."""

    competency: Id
    """A competency from roles/library/competencies.yml."""
    level: Level
    """The level the training raises it to."""


class TrainingItem(Model):
    """A training of the library: a course, certificate, on-the-job training, mentoring or reading."""

    id: Id
    """The training's id, used in a role's `training`."""
    title: Text
    """The title."""
    kind: TrainingKind
    """course, certificate, on-the-job, mentoring or reading."""
    provider: Text | None = None
    """Who gives it, e.g. In-house academy."""
    duration: Text | None = None
    """How long it takes, e.g. 2 days."""
    employer_paid: bool = Field(default=True, strict=True)
    """Whether the employer pays; continuous training at the employer's expense is the norm."""
    description: Text | None = None
    """What it covers and for whom."""
    develops: list[CompetencyLevel] = Field(default_factory=list)
    """The competencies it raises and up to which level."""


class TrainingFile(Model):
    """roles/library/training.yml."""

    training: list[TrainingItem] = Field(default_factory=list)


class Phase(Model):
    """A phase of onboarding, e.g. the first week."""

    id: Id
    """The phase's id, used by onboarding items."""
    name: Text
    """The name, e.g. First week."""
    offset_days: int = Field(ge=-365, le=730)
    """Days from the start date at which the phase ends (negative: before the start)."""


class OnboardingItem(Model):
    """One thing to do during onboarding."""

    phase: Id
    """The phase id, from roles/library/onboarding.yml."""
    owner: Owner
    """Who does it: hr, manager, buddy or new-hire."""
    item: Text
    """What needs doing."""
    due: int | None = Field(default=None, ge=-365, le=730)
    """Days from the start date; defaults to the phase's offset."""
    optional: bool = Field(default=False, strict=True)
    """Whether the item is optional."""
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
    """The heading, e.g. Standard duties."""
    items: TextList = Field(min_length=1)
    """The duties under that heading, one sentence each."""


class Stage(Model):
    """One stage of the work cycle."""

    stage: Text
    """The name of the stage."""
    activities: TextList = Field(default_factory=list)
    """What happens in this stage."""


class Requirements(Model):
    """What a candidate brings."""

    education: TextList = Field(default_factory=list)
    """Education and qualifications."""
    experience: TextList = Field(default_factory=list)
    """Work experience."""
    knowledge: TextList = Field(default_factory=list)
    """Knowledge the work needs."""
    skills: TextList = Field(default_factory=list)
    """Skills the work needs."""
    traits: TextList = Field(default_factory=list)
    """Personal traits."""
    optional: TextList = Field(default_factory=list)
    """Sometimes asked: a foreign language, a driving licence, own transport."""


class RequiredCompetency(Model):
    """A competency of the library at the level the role requires."""

    id: Id
    """A competency from roles/library/competencies.yml; each one at most once per role."""
    level: Level
    """The level the role requires, at most the top of the competency's scale."""
    core: bool = False
    """One of the six to eight core competencies the formal job description names (without
    any marked, it names the first eight)."""


class Kpi(Model):
    """A key performance indicator and how it is measured."""

    name: Text
    """The indicator."""
    measure: Text
    """How it is measured: a number, how often and from which source."""


class TrainingStep(Model):
    """A step of the role's training path: a training of the library, and when."""

    ref: Id
    """The training id in roles/library/training.yml."""
    when: Text | None = None
    """When in the career this training takes place."""
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


class Grade(Model):
    """The role's place in the organisation's job-evaluation system."""

    system: Id
    """A grade system of library/organisation.yml."""
    group: GradeId
    """The functiegroep in that system."""
    scale: GradeId
    """The salary scale (library/organisation.yml)."""
    points: int | None = Field(default=None, ge=0)
    """The evaluation's points, when the system scores."""


class Location(Model):
    """Where the work is done (standplaats)."""

    place: Text
    """E.g. Utrecht, or "Utrecht en bij klanten in Midden-Nederland"."""
    work_mode: Literal["onsite", "hybrid", "remote"] = "onsite"
    """onsite, hybrid or remote."""


class Hours(Model):
    """Working hours (arbeidsduur): a fixed number, or a range the role may be filled in."""

    per_week: float | None = Field(default=None, gt=0, le=60)
    """Hours per week, e.g. 38."""
    min: float | None = Field(default=None, gt=0, le=60)
    """The fewest hours per week the role may be filled with (with max: a range)."""
    max: float | None = Field(default=None, gt=0, le=60)
    """The most hours per week the role may be filled with (with min: a range)."""

    @model_validator(mode="after")
    def _one_form(self) -> Hours:
        if self.per_week is None and (self.min is None or self.max is None):
            raise PydanticCustomError(
                "hours", "give per_week, or min and max (a range of hours per week)", {}
            )
        if self.min is not None and self.max is not None and self.max < self.min:
            raise PydanticCustomError("hours", "max is below min", {})
        return self

    @property
    def range(self) -> tuple[float, float]:
        if self.per_week is not None:
            return self.per_week, self.per_week
        assert self.min is not None and self.max is not None
        return self.min, self.max


class Managed(Model):
    """A role this role leads."""

    role: Id
    """The role id of the role led."""
    count: int | None = Field(default=None, ge=1)
    """How many people hold it under this role (about)."""


class ResultArea(Model):
    """A result area (resultaatgebied): what the role delivers, how, and how it is measured."""

    id: Id
    """The result area's id, used to replace or remove it in a role that extends this one."""
    name: Text
    """The result area's name."""
    result: Text
    """The result it delivers, in one sentence."""
    activities: TextList = Field(min_length=1)
    """Three to five core activities (kernactiviteiten)."""
    kpis: list[Kpi] = Field(default_factory=list)
    """How the result is measured."""
    interview: list[Question] = Field(default_factory=list)
    """Questions for this result area in the role's interview kit."""


class Mandate(Model):
    """A bounded authority (bevoegdheid): what the role decides, up to what, and who approves
    beyond it."""

    id: Id | None = None
    """Needed only to replace or remove an inherited mandate (with `extends`)."""
    decides: Text
    """E.g. "Geeft korting op de catalogusprijs"."""
    limit: Text | None = None
    """E.g. "tot 10 %", "tot € 25.000 per contract"."""
    approval_by: Id | None = None
    """The role that approves beyond the limit."""


class Contact(Model):
    """A regular contact of the role."""

    with_: Text = Field(alias="with")
    """Whom: a department, role or kind of organisation."""
    about: Text
    """What about."""


class Contacts(Model):
    """Internal and external contacts."""

    internal: list[Contact] = Field(default_factory=list)
    external: list[Contact] = Field(default_factory=list)


class Conditions(Model):
    """Working conditions (arbeidsomstandigheden)."""

    travel: Text | None = None
    """Travel: how often and where."""
    car: Text | None = None
    """Whether a (lease) car or driving licence comes with the role."""
    irregular_hours: Text | None = None
    """Evening, weekend or shift work, and how it is compensated."""
    physical: Text | None = None
    """Physical load."""
    mental: Text | None = None
    """Mental load: deadlines, conflicts, emotions."""


EmploymentType = Literal[
    "full_time", "part_time", "temporary", "contractor", "intern", "per_diem", "volunteer", "other"
]


def _full_time() -> list[EmploymentType]:
    return ["full_time"]


class Vacancy(Model):
    """An opening for the role: what its vacancy page and snippets are made from. Not
    inherited through `extends`."""

    open: bool = Field(default=False, strict=True)
    """Whether the vacancy is published on the site."""
    posted: dt.date | None = None
    """The date the vacancy was first published (needed when open)."""
    valid_through: dt.date | None = None
    """The closing date for applications."""
    openings: int = Field(default=1, ge=1, le=999)
    """How many people are hired."""
    employment_type: list[EmploymentType] = Field(default_factory=_full_time)
    """full_time, part_time, temporary, contractor, intern, per_diem, volunteer or other."""
    contract: Text | None = None
    """The contract offered, e.g. "Jaarcontract met uitzicht op een vast contract"."""
    intro: Text | None = None
    """An opening paragraph of its own; without it the role's summary opens the vacancy."""
    apply: Apply | None = None
    """Where to apply, when not the organisation's recruitment address."""

    def published_on(self, day: dt.date) -> bool:
        """Whether the vacancy is advertised on `day`: open, and not past its closing date (an
        expired posting is taken down, as job boards and search engines require)."""
        return self.open and (self.valid_through is None or self.valid_through >= day)

    @model_validator(mode="after")
    def _dates(self) -> Vacancy:
        if self.open and self.posted is None:
            raise PydanticCustomError("vacancy", "an open vacancy needs its posted date", {})
        if self.posted and self.valid_through and self.valid_through < self.posted:
            raise PydanticCustomError(
                "vacancy",
                "valid_through {end} is before posted {start}",
                {"end": self.valid_through.isoformat(), "start": self.posted.isoformat()},
            )
        return self


def advertised(role: Role, day: dt.date | None = None) -> bool:
    """Whether the role has a vacancy advertised on `day` (default: today)."""
    return role.vacancy is not None and role.vacancy.published_on(day or dt.date.today())


class Role(Model):
    """A role: one YAML file in roles/, named after its id."""

    id: Id
    """Defaults to the file name."""
    title: Text
    """The job title."""
    family: Id
    """The family id, from roles/library/families.yml."""
    level: Level
    """The rung in the family's ladder, 1 being the first."""
    extends: Id | None = None
    """A parent role: its content is inherited; lists are extended, the rest overridden."""
    reports_to: Id | None = None
    """The role id of the manager."""
    remove: dict[str, list[str]] = Field(default_factory=dict)
    """With `extends`: inherited items to drop, per field: ids (result_areas, competencies,
    onboarding, training) or default-language texts (rights, responsibilities,
    requirements.education and the other requirement lists)."""
    meta: Meta
    summary: Text
    """The role in one or two sentences."""
    purpose: Text
    """Why the role exists."""
    grade: Grade | None = None
    department: Text | None = None
    """The department (afdeling)."""
    location: Location | None = None
    hours: Hours | None = None
    manages: list[Managed] = Field(default_factory=list)
    result_areas: list[ResultArea] = Field(default_factory=list)
    """Four to seven result areas: the core of the formal job description."""
    mandates: list[Mandate] = Field(default_factory=list)
    contacts: Contacts = Field(default_factory=Contacts)
    conditions: Conditions = Field(default_factory=Conditions)
    duties: list[DutyGroup] = Field(default_factory=list)
    """Older form of the work, kept for role files written before result areas: shown on the
    role page; the formal job description shows result areas."""
    work_cycle: list[Stage] = Field(default_factory=list)
    """The stages of the work, in order."""
    rights: TextList = Field(default_factory=list)
    """Authorities of the holder."""
    responsibilities: TextList = Field(default_factory=list)
    """What the holder answers for, including liability."""
    requirements: Requirements = Field(default_factory=Requirements)
    competencies: list[RequiredCompetency] = Field(default_factory=list)
    kpis: list[Kpi] = Field(default_factory=list)
    """Older form: KPIs now belong to a result area. Shown on the role page when given."""
    training: list[TrainingStep] = Field(default_factory=list)
    """The training path."""
    onboarding: list[OnboardingItem] = Field(default_factory=list)
    """Role-specific onboarding items, merged with the library's."""
    career: Career = Field(default_factory=Career)
    codes: Codes = Field(default_factory=Codes)
    vacancy: Vacancy | None = None
    """An opening for the role (vacancy page, PDF and JobPosting)."""
    notes: TextList = Field(default_factory=list)
    """Imported text not yet placed: what `rolebook import` found in a Word document but could
    not put in a field. Move each item to its field, then delete it; `rolebook check` warns
    while any are left. Not shown in any document, and not inherited."""


LIBRARY_FILES: dict[str, type[Model]] = {
    "organisation": Organisation,
    "scales": ScalesFile,
    "competencies": CompetenciesFile,
    "families": FamiliesFile,
    "training": TrainingFile,
    "onboarding": OnboardingFile,
}
"""The files of roles/library/ (without .yml) and the model of each."""
