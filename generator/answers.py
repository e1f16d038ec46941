"""Exported self-assessments (JSON from the site, or YAML): read with positioned errors, then
compared with a role through competencies.gap."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import Field

from .catalog import Catalog
from .competencies import Gap, gap
from .errors import CatalogError, Diagnostic, Location, display_path, error
from .load import load_file
from .model import Id, Level, Model, validation_context
from .validate import validate_source


class Answer(Model):
    """The level chosen for one competency, and a note."""

    level: Level | None = None
    note: str = Field(default="", max_length=5_000)


class AssessmentFile(Model):
    """A self-assessment as the site exports it."""

    format: Literal["rolebook-assessment"] = "rolebook-assessment"
    version: Literal[1] = 1
    role: Id
    against: Id | None = None
    name: str = Field(default="", max_length=200)
    date: str = Field(default="", max_length=40)
    answers: dict[Id, Answer] = Field(default_factory=dict)
    summary: dict[str, int] | None = None
    """Written by the site for convenience; recomputed, never trusted."""


def read_assessment(path: Path, cat: Catalog, role_id: str) -> AssessmentFile:
    """Read and check an assessment of `role_id`; raises CatalogError with positions."""
    display = display_path(path)
    if path.suffix.lower() == ".json":  # exported from the site: say what is wrong as JSON
        try:
            json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            where = (
                Location(display, exc.lineno, exc.colno)
                if isinstance(exc, json.JSONDecodeError)
                else Location(display)
            )
            reason = exc.msg if isinstance(exc, json.JSONDecodeError) else "not UTF-8"
            raise CatalogError([error(where, f"invalid JSON: {reason}")]) from None
    source, problems = load_file(path, display)
    if source is None or problems:
        raise CatalogError(problems)
    context = validation_context(cat.languages, cat.default_language)
    answers, problems = validate_source(source, AssessmentFile, context)
    if answers is None:
        raise CatalogError(problems)
    found: list[Diagnostic] = []
    if answers.role != role_id:
        found.append(
            error(
                source.at(("role",)),
                f"this assessment is of role '{answers.role}', not '{role_id}'",
            )
        )
    if answers.against is not None and answers.against not in cat.roles:
        found.append(error(source.at(("against",)), f"unknown role '{answers.against}'"))
    for comp_id, answer in answers.answers.items():
        comp = cat.competencies.get(comp_id)
        if comp is None:
            found.append(
                error(source.at(("answers", comp_id), key=True), f"unknown competency '{comp_id}'")
            )
            continue
        top = len(cat.scales[comp.scale].levels)
        if answer.level is not None and answer.level > top:
            found.append(
                error(
                    source.at(("answers", comp_id, "level")),
                    f"level {answer.level} is outside the scale of '{comp_id}' (1 to {top})",
                )
            )
    if found:
        raise CatalogError(found)
    return answers


def levels_of(answers: AssessmentFile) -> dict[str, int]:
    return {cid: a.level for cid, a in answers.answers.items() if a.level is not None}


def assessment_gap(cat: Catalog, answers: AssessmentFile, against: str) -> Gap:
    return gap(cat, levels_of(answers), cat.roles[against])
