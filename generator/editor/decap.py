"""The Decap CMS configuration, made from the model's shapes (`shape.py`): a folder collection
for the role files and a files collection for the library, every field with its docstring as
help text. Localised text is the editor's own `localised` widget (the languages side by side; a
list of texts `localised_list`). The id of a role is a relation widget, which offers the roles
there are; the id of a library item (a competency, family, phase, training, scale) is a select
widget with the items of the library as they were when the editor's page was opened. (Decap's
relation widget can point into a list of one file, but it then keeps a partial copy of that
file which the editor shows when the file is opened by address, e.g. with the Back button.)"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..catalog import Catalog
from ..model import Role
from .forms import FORM_KEY, Languages
from .shape import (
    REMOVABLE,
    Catalogue,
    Choice,
    FieldShape,
    Keyed,
    Localised,
    Record,
    Ref,
    Scalar,
    Sequence,
    Shape,
    library_records,
    record,
)

LIBRARY_LABELS = {
    "organisation": "Organisation",
    "scales": "Scales",
    "competencies": "Competencies",
    "families": "Families",
    "training": "Training",
    "onboarding": "Onboarding",
}

_SUMMARY_FIELDS = (
    "id",
    "ref",
    "competency",
    "role",
    "phase",
    "name",
    "title",
    "group",
    "stage",
    "decides",
    "question",
    "item",
    "with",
    "level",
)
"""The field that names an item of a list when the list is folded, the first found."""


@dataclass(frozen=True)
class Setting:
    """What the configuration depends on besides the model."""

    languages: Languages
    roles_path: str
    """The roles folder relative to the repository, e.g. "roles"."""
    levels: int = 5
    """The most levels a scale of the library has: the fields of a competency's levels."""
    choices: Mapping[Catalogue, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    """The ids of the library's items (and a label for each), per kind."""


def setting_of(cat: Catalog, roles_path: str) -> Setting:
    """The setting of a catalog whose roles folder is at `roles_path` in the repository."""
    org = cat.organisation
    lang = org.default_language
    levels = max((len(scale.levels) for scale in cat.scales.values()), default=5)

    def named(items: Iterable[Any], name: str = "name") -> tuple[tuple[str, str], ...]:
        return tuple(
            (item.id, f"{getattr(item, name).get(lang, lang)} ({item.id})")
            if getattr(item, name, None) is not None
            else (item.id, item.id)
            for item in items
        )

    choices: dict[Catalogue, tuple[tuple[str, str], ...]] = {
        "competencies": named(cat.competencies.values()),
        "families": named(cat.families.values()),
        "phases": named(cat.onboarding.phases),
        "training": named(cat.training.values(), "title"),
        "scales": named(cat.scales.values()),
        "grade_systems": named(org.grade_systems),
        "salary_scales": tuple((s.id, s.id) for s in org.salary_scales),
    }
    return Setting(Languages.of(list(org.languages), lang), roles_path, levels, choices)


def collections(setting: Setting) -> list[dict[str, Any]]:
    """The two collections: roles (a folder of files) and the library (one entry per file)."""
    default = setting.languages.default
    roles = {
        "name": "roles",
        "label": "Roles",
        "label_singular": "Role",
        "description": record(Role).doc,
        "folder": setting.roles_path,
        "extension": "yml",
        "format": "yaml",
        "identifier_field": "id",
        "slug": "{{slug}}",
        "summary": f"{{{{title.{default}}}}} ({{{{id}}}})",
        "sortable_fields": ["id", f"title.{default}", "family", "level"],
        "create": True,
        "delete": True,
        "fields": _fields(record(Role), setting, within_required=True),
    }
    library = {
        "name": "library",
        "label": "Library",
        "description": "The files of the library: what the roles refer to.",
        "format": "yaml",
        "extension": "yml",
        "delete": False,
        "files": [
            {
                "name": name,
                "label": LIBRARY_LABELS[name],
                "file": f"{setting.roles_path}/library/{name}.yml",
                "description": shape.doc,
                "fields": _fields(shape, setting, within_required=True),
            }
            for name, shape in library_records().items()
        ],
    }
    return [roles, library]


def config(
    setting: Setting, backend: dict[str, Any], *, site_url: str | None = None
) -> dict[str, Any]:
    """A whole config.yml for Decap with `backend`, e.g. {"name": "proxy", "proxy_url":
    "/api/v1"} for `rolebook edit`, which saves at once, or {"name": "github", "repo": ...}
    for a published site, where a save is a pull request (Decap's editorial workflow) for the
    checks of CI and a reviewer to pass."""
    local = backend.get("name") == "proxy"
    made: dict[str, Any] = {
        "backend": backend,
        "locale": setting.languages.default,
        "publish_mode": "simple" if local else "editorial_workflow",
        "media_folder": f"{setting.roles_path}/library/media",
        "slug": {"encoding": "ascii", "clean_accents": True},
    }
    if site_url:
        made["site_url"] = made["display_url"] = site_url
    made["collections"] = collections(setting)
    if local:  # the token of `rolebook edit`'s forms (store.Forms), kept and sent back
        token = {"name": FORM_KEY, "label": "Version", "widget": "hidden", "required": False}
        roles, library = made["collections"]
        roles["fields"].insert(0, token)
        for file in library["files"]:
            file["fields"].insert(0, token)
    return made


def _fields(shape: Record, setting: Setting, *, within_required: bool) -> list[dict[str, Any]]:
    return [_field(field, setting, within_required) for field in shape.fields]


def _field(field: FieldShape, setting: Setting, within_required: bool) -> dict[str, Any]:
    """A field of the form. Decap requires a field of an object that is there; a field of an
    optional object that is left out is not, so it is required only when every object above it
    is (the checks still find it missing when the object is given without it)."""
    required = field.required and within_required
    made: dict[str, Any] = {"name": field.name, "label": field.label}
    if field.hint:
        made["hint"] = field.hint
    made.update(_widget(field.shape, setting, field, required))
    made["required"] = required
    plain = isinstance(field.shape, Scalar | Choice) or (
        isinstance(field.shape, Sequence) and isinstance(field.shape.item, Choice)
    )
    if plain and field.default not in (None, []):
        made["default"] = field.default
    return made


def _widget(
    shape: Shape, setting: Setting, field: FieldShape | None, required: bool
) -> dict[str, Any]:
    if isinstance(shape, Localised):
        return {
            "widget": "localised",
            "languages": list(setting.languages.codes),
            "default_language": setting.languages.default,
        }
    if isinstance(shape, Scalar):
        return _scalar(shape)
    if isinstance(shape, Choice):
        return {"widget": "select", "options": list(shape.options)}
    if isinstance(shape, Ref):
        return _relation(shape.to, setting)
    if isinstance(shape, Record):
        return {
            "widget": "object",
            "collapsed": not required,
            "fields": _fields(shape, setting, within_required=required),
        }
    if isinstance(shape, Keyed):
        return {
            "widget": "object",
            "collapsed": not required,
            "fields": [
                {
                    "name": str(key),
                    "label": label,
                    "required": False,
                    **_widget(shape.value, setting, None, False),
                }
                for key, label in _keys(shape, setting)
            ],
        }
    return _list(shape, setting, field)


def _keys(shape: Keyed, setting: Setting) -> list[tuple[str, str]]:
    if shape.keys == "languages":
        return [(lang, lang) for lang in setting.languages.codes]
    if shape.keys == "levels":
        return [(str(n), f"Level {n}") for n in range(1, setting.levels + 1)]
    return [(name, name) for name in REMOVABLE]


def _list(shape: Sequence, setting: Setting, field: FieldShape | None) -> dict[str, Any]:
    limits = {
        key: value
        for key, value in (("min", shape.min_items), ("max", shape.max_items))
        if value is not None
    }
    item = shape.item
    if isinstance(item, Choice):
        return {"widget": "select", "multiple": True, "options": list(item.options), **limits}
    if isinstance(item, Ref):
        one = _relation(item.to, setting)
        if one["widget"] != "string":
            return {**one, "multiple": True, **limits}
    if isinstance(item, Localised):
        return {**_widget(item, setting, None, False), "widget": "localised_list", **limits}
    if isinstance(item, Record):
        made: dict[str, Any] = {
            "widget": "list",
            "collapsed": True,
            "fields": _fields(item, setting, within_required=True),
            "default": [],  # else Decap starts a new entry's list with one item
            **limits,
        }
        summary = _summary(item, setting)
        if summary:
            made["summary"] = summary
        return made
    name = field.name if field else "item"
    return {
        "widget": "list",
        "field": {
            "name": name,
            "label": field.label if field else name,
            **_widget(item, setting, None, True),
        },
        "default": [],
        **limits,
    }


def _summary(shape: Record, setting: Setting) -> str | None:
    for name in _SUMMARY_FIELDS:
        field = shape.field(name)
        if field is None:
            continue
        if isinstance(field.shape, Localised):
            return f"{{{{fields.{name}.{setting.languages.default}}}}}"
        if isinstance(field.shape, Scalar | Ref | Choice):
            return f"{{{{fields.{name}}}}}"
    return None


def _scalar(shape: Scalar) -> dict[str, Any]:
    if shape.kind == "bool":
        return {"widget": "boolean"}
    if shape.kind == "date":
        return {
            "widget": "datetime",
            "format": "YYYY-MM-DD",
            "date_format": "YYYY-MM-DD",
            "time_format": False,
            "picker_utc": True,
        }
    if shape.kind in ("int", "float"):
        made: dict[str, Any] = {"widget": "number", "value_type": shape.kind}
        if shape.minimum is not None:
            made["min"] = shape.minimum
        if shape.maximum is not None:
            made["max"] = shape.maximum
        return made
    made = {"widget": "string"}
    if shape.pattern:
        made["pattern"] = [shape.pattern, shape.rule or f"must match {shape.pattern}"]
    return made


def _relation(to: Catalogue, setting: Setting) -> dict[str, Any]:
    """A relation widget for the roles (titles shown), a select widget for the items of a
    library list; with no items to offer, a text field for an id."""
    default = setting.languages.default
    if to == "roles":
        return {
            "widget": "relation",
            "collection": "roles",
            "value_field": "id",
            "search_fields": ["id", f"title.{default}"],
            "display_fields": [f"title.{default}"],
            "options_length": 1000,
        }
    options = setting.choices.get(to, ())
    if not options:
        return {"widget": "string"}
    return {
        "widget": "select",
        "options": [{"label": label, "value": value} for value, label in options],
    }
