"""JSON Schemas of the role and library files, kept to what draft-07 (yaml-language-server) accepts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .model import LIBRARY_FILES, Role

DRAFT_07 = "http://json-schema.org/draft-07/schema#"


def _draft07(node: Any) -> Any:
    """Rewrite pydantic's 2020-12 output: `$defs` -> `definitions`, and drop nothing draft-07 needs."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$defs":
                key = "definitions"
            if key == "$ref" and isinstance(value, str):
                value = value.replace("#/$defs/", "#/definitions/")
            out[key] = _draft07(value)
        # A Text is a RootModel whose own schema is replaced by json_schema_extra's anyOf.
        if "anyOf" in out and out.get("type") == "object" and "additionalProperties" in out:
            out.pop("type")
            out.pop("additionalProperties")
        return out
    if isinstance(node, list):
        return [_draft07(item) for item in node]
    return node


def schema_of(model: type[BaseModel], title: str) -> dict[str, Any]:
    schema = _draft07(model.model_json_schema(ref_template="#/definitions/{model}"))
    return {
        "$schema": DRAFT_07,
        "title": title,
        **{k: v for k, v in schema.items() if k != "title"},
    }


def all_schemas() -> dict[str, dict[str, Any]]:
    """File name -> schema, for the role files and each library file."""
    schemas = {"role.schema.json": schema_of(Role, "Rolebook role")}
    for name, model in LIBRARY_FILES.items():
        schemas[f"{name}.schema.json"] = schema_of(model, f"Rolebook library: {name}")
    return schemas


def schema_text(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in all_schemas().items():
        path = folder / name
        path.write_text(schema_text(schema), encoding="utf-8")
        written.append(path)
    return written
