"""Between a file's data and the editor's form data. The form has one shape for each field where
a file may have several: a localised text is always a mapping of languages (a file may give a
plain string in the default language), and the keys of a mapping are text (a level's number
too). Back from the form, empty values are dropped and dates are dates again, so that a form
saved unchanged gives back the data it was made from (`canonical` is that data)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from .shape import (
    Choice,
    Keyed,
    Localised,
    Record,
    Ref,
    Scalar,
    Sequence,
    Shape,
)


class _Empty:
    """Nothing: an empty text, list or record, which the file leaves out."""

    def __repr__(self) -> str:
        return "EMPTY"


EMPTY: Any = _Empty()

FORM_KEY = "_rolebook"
"""The form's own field (hidden, not in the file): its token, which names the version of the
file the form was made from (`store.Forms`)."""

_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(T[0-9:.]+Z?)?$")


@dataclass(frozen=True)
class Languages:
    """The organisation's languages, the default first."""

    codes: tuple[str, ...]
    default: str

    @classmethod
    def of(cls, languages: list[str], default: str) -> Languages:
        return cls((default, *[lang for lang in languages if lang != default]), default)


def to_form(shape: Shape, value: Any, langs: Languages) -> Any:
    """A file's value as the form shows it."""
    if value is None:
        return None
    if isinstance(shape, Localised):
        return {langs.default: value} if isinstance(value, str) else value
    if isinstance(shape, Record) and isinstance(value, dict):
        fields = {f.name: f for f in shape.fields}
        return {
            key: to_form(fields[key].shape, item, langs) if key in fields else item
            for key, item in value.items()
        }
    if isinstance(shape, Sequence) and isinstance(value, list):
        return [to_form(shape.item, item, langs) for item in value]
    if isinstance(shape, Keyed) and isinstance(value, dict):
        return {str(key): to_form(shape.value, item, langs) for key, item in value.items()}
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def from_form(shape: Shape, value: Any, langs: Languages) -> Any:
    """The form's value as a file holds it; EMPTY for nothing. A value of the wrong kind is
    passed on as it is, for the loader to report."""
    if value is None or value == "" or value == [] or value == {}:
        return EMPTY
    if isinstance(shape, Localised):
        if isinstance(value, str):
            return {langs.default: value} if value.strip() else EMPTY
        if not isinstance(value, dict):
            return value
        ordered = [lang for lang in langs.codes if lang in value]
        ordered += [lang for lang in value if lang not in ordered]
        texts = {
            lang: value[lang]
            for lang in ordered
            if not (isinstance(value[lang], str) and not value[lang].strip())
            and value[lang] is not None
        }
        return texts or EMPTY
    if isinstance(shape, Record):
        if not isinstance(value, dict):
            return value
        fields = {f.name: f for f in shape.fields}
        record: dict[str, Any] = {}
        for name in [*fields, *[key for key in value if key not in fields]]:
            if name in value:
                item = (
                    from_form(fields[name].shape, value[name], langs)
                    if name in fields
                    else value[name]
                )
                if item is not EMPTY:
                    record[name] = item
        defaults = all(
            key in fields and not fields[key].required and item == fields[key].default
            for key, item in record.items()
        )
        return EMPTY if defaults else record  # only defaults: as good as left out
    if isinstance(shape, Sequence):
        if not isinstance(value, list):
            return value
        items = [from_form(shape.item, item, langs) for item in value]
        return [item for item in items if item is not EMPTY] or EMPTY
    if isinstance(shape, Keyed):
        if not isinstance(value, dict):
            return value
        keyed = {
            _key(shape, key): from_form(shape.value, item, langs) for key, item in value.items()
        }
        return {key: item for key, item in keyed.items() if item is not EMPTY} or EMPTY
    if isinstance(shape, Scalar):
        return _scalar(shape, value)
    if isinstance(shape, Choice | Ref):
        return value
    raise TypeError(shape)


def _key(shape: Keyed, key: Any) -> Any:
    """A key as the file writes it: a level is a number."""
    if shape.keys == "levels" and isinstance(key, str) and key.isdigit():
        return int(key)
    return key


def _scalar(shape: Scalar, value: Any) -> Any:
    if shape.kind == "date" and isinstance(value, str) and (match := _DATE.match(value)):
        try:
            return dt.date.fromisoformat(match[1])
        except ValueError:
            return value
    if shape.kind in ("int", "float") and isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            return value
    if shape.kind in ("int", "float") and isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def canonical(shape: Shape, value: Any, langs: Languages) -> Any:
    """A file's value as it comes back from the form unchanged."""
    return from_form(shape, to_form(shape, value, langs), langs)
