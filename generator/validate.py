"""Turn pydantic's validation errors into positioned diagnostics in the user's words."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, RootModel, ValidationError

from .errors import Diagnostic, error
from .load import PathKey, Source
from .model import ID_RULE

M = TypeVar("M", bound=BaseModel)

_EXPECTED = {
    "string_type": "expected text",
    "int_type": "expected a whole number",
    "int_parsing": "expected a whole number",
    "int_from_float": "expected a whole number",
    "bool_type": "expected true or false",
    "bool_parsing": "expected true or false",
    "list_type": "expected a list",
    "dict_type": "expected a mapping",
    "model_type": "expected a mapping of fields",
    "model_attributes_type": "expected a mapping of fields",
    "date_type": "expected a date like 2026-12-01",
    "date_parsing": "expected a date like 2026-12-01",
    "date_from_datetime_parsing": "expected a date like 2026-12-01",
    "date_from_datetime_inexact": "expected a date like 2026-12-01",
}


def _got(value: object) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    text = str(value)
    return f"'{text[:40]}…'" if len(text) > 40 else f"'{text}'"


def _inner_types(annotation: Any) -> list[Any]:
    """The model classes inside an annotation such as `list[X] | None`."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _inner_types(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType, list, dict):
        return [t for arg in typing.get_args(annotation) for t in _inner_types(arg)]
    return [annotation]


def model_at(model: type[BaseModel], path: PathKey) -> type[BaseModel] | None:
    """The model class that validates the mapping at `path` below `model`."""
    current: type[BaseModel] = model
    for part in path:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(str(part))
        if field is None:
            return None
        candidates = [
            t
            for t in _inner_types(field.annotation)
            if isinstance(t, type) and issubclass(t, BaseModel) and not issubclass(t, RootModel)
        ]
        if not candidates:
            return None
        current = candidates[0]
    return current


def _clean_loc(loc: tuple[int | str, ...], data: Any) -> PathKey:
    """Keep the parts of pydantic's location that exist in the data (drops union tags like 'str')."""
    path: list[str | int] = []
    node = data
    for part in loc:
        if (
            isinstance(node, dict)
            and isinstance(part, str)
            and part.isascii()
            and part.isdigit()
            and int(part) in node
        ):
            part = int(part)  # pydantic reports dict[int, ...] keys as strings
        in_dict = isinstance(node, dict) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_dict or in_list:
            node = node[part]
        else:
            if isinstance(node, dict):
                path.append(part)  # a missing key: kept so the message can name it
            break
        path.append(part)
    return tuple(path)


def diagnostics_from(
    exc: ValidationError, source: Source, model: type[BaseModel]
) -> list[Diagnostic]:
    """One diagnostic per validation error, positioned at the offending key or value."""
    found: list[Diagnostic] = []
    for item in exc.errors(include_url=False):
        path = _clean_loc(item["loc"], source.data)
        kind = item["type"]
        name = str(path[-1]) if path else ""
        if kind == "missing":
            found.append(error(source.at(path[:-1]), f"missing required field '{name}'"))
        elif kind == "extra_forbidden":
            owner = model_at(model, path[:-1])
            allowed = list(owner.model_fields) if owner else []
            close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
            hint = (
                f"did you mean '{close[0]}'?"
                if close
                else (f"expected one of: {', '.join(allowed)}" if allowed else None)
            )
            found.append(error(source.at(path, key=True), f"unknown field '{name}'", hint))
        elif kind == "string_pattern_mismatch" and "a-z0-9" in str(item.get("ctx", {})):
            found.append(
                error(
                    source.at(path),
                    f"invalid id {_got(item['input'])}: {ID_RULE}",
                )
            )
        elif kind == "literal_error":
            expected = item.get("ctx", {}).get("expected", "")
            found.append(
                error(
                    source.at(path), f"expected one of: {expected}, but got {_got(item['input'])}"
                )
            )
        elif kind in _EXPECTED:
            found.append(error(source.at(path), f"{_EXPECTED[kind]}, got {_got(item['input'])}"))
        else:
            message = item["msg"]
            message = message[0].lower() + message[1:] if message else "invalid value"
            for prefix in ("value error, ", "assertion failed, "):
                message = message.removeprefix(prefix)
            field = f"'{name}': " if name and not isinstance(path[-1], int) else ""
            found.append(error(source.at(path), f"{field}{message}"))
    return found


def validate_source(
    source: Source, model: type[M], context: dict[str, Any]
) -> tuple[M | None, list[Diagnostic]]:
    """Validate a parsed file against a model; return the object or the positioned problems."""
    if not isinstance(source.data, dict):
        return None, [
            error(
                source.at(()),
                f"expected a mapping of fields at the top of the file, got {_got(source.data)}",
            )
        ]
    try:
        return model.model_validate(source.data, context=context), []
    except ValidationError as exc:
        return None, diagnostics_from(exc, source, model)
