"""The shape of a role or library file as a form sees it, read from the pydantic model: which
fields there are, in which order, with which help text, and what each field holds (localised
text, an id of something else, a choice, a number, a list of records, ...). The Decap
configuration (`decap.py`) and the conversion between files and forms (`forms.py`) both walk it,
so that neither can drift from the model."""

from __future__ import annotations

import datetime as dt
import types
import typing
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal, Union

import annotated_types
from pydantic import BaseModel, StringConstraints
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from ..inherit import REMOVABLE_BY_ID, REQUIREMENT_LISTS
from ..model import (
    ID_PATTERN,
    ID_RULE,
    LANGUAGE_PATTERN,
    LIBRARY_FILES,
    Career,
    Competency,
    CompetencyLevel,
    Family,
    Grade,
    Managed,
    Mandate,
    Model,
    OnboardingItem,
    RequiredCompetency,
    Role,
    Text,
    TrainingStep,
)

KeySet = Literal["languages", "levels", "removable"]
"""The keys of a mapping that the form shows as one field per key: the organisation's
languages, the levels of the library's scales (1, 2, ...), or the lists `remove` works on."""

Catalogue = Literal[
    "roles",
    "competencies",
    "families",
    "phases",
    "training",
    "scales",
    "grade_systems",
    "salary_scales",
]
"""What an id can point to: the roles, or a list of a library file."""

REFERENCES: dict[tuple[type[BaseModel], str], Catalogue] = {
    (Role, "family"): "families",
    (Role, "extends"): "roles",
    (Role, "reports_to"): "roles",
    (Career, "next"): "roles",
    (Managed, "role"): "roles",
    (Mandate, "approval_by"): "roles",
    (Family, "roles"): "roles",
    (RequiredCompetency, "id"): "competencies",
    (CompetencyLevel, "competency"): "competencies",
    (TrainingStep, "ref"): "training",
    (TrainingStep, "phase"): "phases",
    (OnboardingItem, "phase"): "phases",
    (Competency, "scale"): "scales",
    (Grade, "system"): "grade_systems",
    (Grade, "scale"): "salary_scales",
}
"""The fields that hold the id of something else (every other `id` is the record's own)."""

KEYED: dict[tuple[type[BaseModel], str], KeySet] = {
    (Competency, "levels"): "levels",
    (Role, "remove"): "removable",
}
"""Mappings whose keys are a known set other than the languages."""

REMOVABLE = (*REMOVABLE_BY_ID, "rights", "responsibilities", *REQUIREMENT_LISTS)
"""The keys of a role's `remove`: the lists it can remove inherited items from."""


@dataclass(frozen=True)
class Scalar:
    """A string, number, true/false or date."""

    kind: Literal["string", "int", "float", "bool", "date"]
    minimum: float | None = None
    maximum: float | None = None
    pattern: str | None = None
    rule: str | None = None
    """What the pattern asks for, in words."""


@dataclass(frozen=True)
class Localised:
    """A `Text`: one string per language; a plain string in a file is the default language's."""


@dataclass(frozen=True)
class Choice:
    options: tuple[str, ...]


@dataclass(frozen=True)
class Ref:
    """The id of a role or of an item of a library list."""

    to: Catalogue


@dataclass(frozen=True)
class Sequence:
    item: Shape
    min_items: int | None = None
    max_items: int | None = None


@dataclass(frozen=True)
class Keyed:
    """A mapping with keys from a known set, e.g. `{nl: (m/v/x)}` or a text per level: one
    field per key in the form, only those given in the file."""

    keys: KeySet
    value: Shape


@dataclass(frozen=True)
class Record:
    """A model: its fields in the model's order."""

    model: type[BaseModel]
    fields: tuple[FieldShape, ...]

    @property
    def doc(self) -> str:
        return _doc(self.model.__doc__)

    def field(self, name: str) -> FieldShape | None:
        return next((f for f in self.fields if f.name == name), None)


Shape = Scalar | Localised | Choice | Ref | Sequence | Keyed | Record


@dataclass(frozen=True)
class FieldShape:
    name: str
    """The key in the file (a field's alias, e.g. `with`)."""
    shape: Shape
    required: bool
    default: Any
    """The default as plain data (None for none); an empty list for a default_factory list."""
    hint: str
    """The field's docstring, else its type's."""

    @property
    def label(self) -> str:
        return self.name.replace("_", " ").capitalize()


def _doc(text: str | None) -> str:
    return " ".join((text or "").split())


@cache
def record(model: type[BaseModel]) -> Record:
    """The shape of a model, e.g. `record(Role)`."""
    return Record(
        model, tuple(_field(model, name, info) for name, info in model.model_fields.items())
    )


def library_records() -> dict[str, Record]:
    """The shape of every library file, by name (organisation, scales, ...)."""
    return {name: record(model) for name, model in LIBRARY_FILES.items()}


def _field(model: type[BaseModel], name: str, info: FieldInfo) -> FieldShape:
    reference = REFERENCES.get((model, name))
    shape = _shape(info.annotation, list(info.metadata), reference, KEYED.get((model, name)))
    inner = shape.item if isinstance(shape, Sequence) else shape
    hint = _doc(info.description) or (inner.doc if isinstance(inner, Record) else "")
    default: Any = None
    if info.default_factory is not None:
        made = info.default_factory()  # type: ignore[call-arg]
        default = made.model_dump(mode="json") if isinstance(made, BaseModel) else made
    elif info.default is not PydanticUndefined and info.default is not None:
        default = info.default
    return FieldShape(info.alias or name, shape, info.is_required(), default, hint)


def _unwrap(annotation: Any, metadata: list[Any]) -> tuple[Any, list[Any]]:
    """The type under `Annotated[...]` and `X | None`, with the constraints met on the way."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            args = typing.get_args(annotation)
            annotation = args[0]
            for extra in args[1:]:
                metadata += list(extra.metadata) if isinstance(extra, FieldInfo) else [extra]
            continue
        if origin in (Union, types.UnionType):
            options = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(options) == 1:
                annotation = options[0]
                continue
        return annotation, metadata


def _shape(
    annotation: Any,
    metadata: list[Any],
    reference: Catalogue | None = None,
    keys: KeySet | None = None,
) -> Shape:
    annotation, metadata = _unwrap(annotation, metadata)
    origin = typing.get_origin(annotation)
    if origin is list:
        (item,) = typing.get_args(annotation)
        return Sequence(
            _shape(item, [], reference),
            _constraint(metadata, annotated_types.MinLen, "min_length"),
            _constraint(metadata, annotated_types.MaxLen, "max_length"),
        )
    if origin is tuple:
        items = typing.get_args(annotation)
        return Sequence(_shape(items[0], []), len(items), len(items))
    if origin is dict:
        key, value = typing.get_args(annotation)
        key_shape = _shape(key, [])
        if keys is None and isinstance(key_shape, Scalar) and key_shape.pattern == LANGUAGE_PATTERN:
            keys = "languages"
        if keys is None:
            raise TypeError(f"no form field for {annotation!r}: which keys may it have?")
        return Keyed(keys, _shape(value, []))
    if origin is Literal:
        return Choice(tuple(str(option) for option in typing.get_args(annotation)))
    if reference is not None:
        return Ref(reference)
    if annotation is Text:
        return Localised()
    if isinstance(annotation, type) and issubclass(annotation, Model):
        return record(annotation)
    return _scalar(annotation, metadata)


def _constraint(metadata: list[Any], kind: type, attribute: str) -> Any:
    for item in metadata:
        if isinstance(item, kind):
            return getattr(item, attribute)
    return None


def _scalar(annotation: Any, metadata: list[Any]) -> Scalar:
    minimum = _constraint(metadata, annotated_types.Ge, "ge")
    if minimum is None:
        minimum = _constraint(metadata, annotated_types.Gt, "gt")
    maximum = _constraint(metadata, annotated_types.Le, "le")
    if annotation is bool:
        return Scalar("bool")
    if annotation is int:
        return Scalar("int", minimum, maximum)
    if annotation is float:
        return Scalar("float", minimum, maximum)
    if annotation is dt.date:
        return Scalar("date")
    if annotation is str:
        pattern = next(
            (
                m.pattern if isinstance(m.pattern, str) else m.pattern.pattern
                for m in metadata
                if isinstance(m, StringConstraints) and m.pattern
            ),
            None,
        )
        rule = ID_RULE if pattern == ID_PATTERN else None
        return Scalar("string", pattern=pattern, rule=rule)
    raise TypeError(f"no form field for {annotation!r}")
