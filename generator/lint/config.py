"""roles/library/lint.yml: which rules run, at which severity, what fails the run, and which
findings are suppressed for which role (always with a reason)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from ..errors import CatalogError, Diagnostic, display_path, error
from ..load import load_file
from ..model import ID_PATTERN
from ..validate import validate_source
from .findings import RULES, LintSeverity

CONFIG_FILE = "lint.yml"
"""The file name, inside roles/library/."""

DEFAULT_MAX_SENTENCE_WORDS = 25

SeverityName = Literal["error", "warning", "info"]
NonBlank = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]


@dataclass(frozen=True)
class RuleOverride:
    """A rule switched off, or given another severity."""

    enabled: bool = True
    severity: str | None = None


@dataclass(frozen=True)
class Suppression:
    """Findings of `rule` in the file of `role` are not reported, for the stated reason."""

    rule: str
    role: str
    reason: str


@dataclass
class LintConfig:
    """How to lint: per-rule overrides, the level that fails the run, and suppressions."""

    rules: dict[str, RuleOverride] = field(default_factory=dict)
    fail_level: str = "warning"
    """Findings at this severity or above fail `rolebook lint`: error, warning or info."""
    suppress: list[Suppression] = field(default_factory=list)
    max_sentence_words: int = DEFAULT_MAX_SENTENCE_WORDS

    def enabled(self, rule: str) -> bool:
        override = self.rules.get(rule)
        return override.enabled if override else True

    def severity(self, rule: str) -> str:
        override = self.rules.get(rule)
        if override and override.severity:
            return override.severity
        return RULES[rule].severity.value

    def fails(self, severity: str) -> bool:
        return LintSeverity(severity).rank >= LintSeverity(self.fail_level).rank


# --- the file's schema -------------------------------------------------------------------------


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)


class RuleFile(_Strict):
    """Settings of one rule."""

    enabled: bool = Field(default=True, strict=True)
    """false switches the rule off."""
    severity: SeverityName | None = None
    """error, warning or info instead of the rule's default."""


class SuppressFile(_Strict):
    """One suppression: a rule, a role and why."""

    rule: str
    role: Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=64)]
    reason: NonBlank
    """Why the finding is acceptable; required."""


class LintFile(_Strict):
    """roles/library/lint.yml."""

    fail_level: SeverityName = "warning"
    """The lowest severity that makes `rolebook lint` fail."""
    max_sentence_words: int = Field(default=DEFAULT_MAX_SENTENCE_WORDS, ge=5, le=200)
    """Sentences longer than this are reported by the readability rule."""
    rules: dict[str, RuleFile] = Field(default_factory=dict)
    """Per rule id: `enabled` and/or `severity`."""
    suppress: list[SuppressFile] = Field(default_factory=list)
    """Rules not to report for a role, each with a reason."""


def _suggest(name: str) -> str | None:
    close = difflib.get_close_matches(name, list(RULES), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else f"rules: {', '.join(RULES)}"


def load_lint_config(roles_dir: Path) -> LintConfig:
    """The configuration in roles_dir/library/lint.yml; the defaults when there is none.
    Raises CatalogError with positioned diagnostics when the file is not valid."""
    path = roles_dir / "library" / CONFIG_FILE
    if not path.exists():
        return LintConfig()
    source, problems = load_file(path, display_path(path))
    if source is None or problems:
        raise CatalogError(problems)
    parsed, problems = validate_source(source, LintFile, {})
    if parsed is None:
        raise CatalogError(problems)
    diagnostics: list[Diagnostic] = []
    for rule in parsed.rules:
        if rule not in RULES:
            diagnostics.append(
                error(
                    source.at(("rules", rule), key=True), f"unknown rule '{rule}'", _suggest(rule)
                )
            )
    for i, item in enumerate(parsed.suppress):
        if item.rule not in RULES:
            diagnostics.append(
                error(
                    source.at(("suppress", i, "rule")),
                    f"unknown rule '{item.rule}'",
                    _suggest(item.rule),
                )
            )
        if not any((roles_dir / f"{item.role}{suffix}").is_file() for suffix in (".yml", ".yaml")):
            diagnostics.append(
                error(source.at(("suppress", i, "role")), f"unknown role '{item.role}'")
            )
    if diagnostics:
        raise CatalogError(diagnostics)
    return LintConfig(
        rules={
            rule: RuleOverride(enabled=setting.enabled, severity=setting.severity)
            for rule, setting in parsed.rules.items()
        },
        fail_level=parsed.fail_level,
        suppress=[Suppression(s.rule, s.role, s.reason) for s in parsed.suppress],
        max_sentence_words=parsed.max_sentence_words,
    )
