"""Findings of the language-quality linter, its rules and their severities.

The linter has its own severity scale, with `info` below `warning`, so it does not touch
generator.errors.Severity; a Finding prints like a Diagnostic, with the rule id appended.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from ..errors import Location


class LintSeverity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {LintSeverity.INFO: 0, LintSeverity.WARNING: 1, LintSeverity.ERROR: 2}

SEVERITIES = tuple(s.value for s in LintSeverity)


@dataclass(frozen=True)
class Rule:
    id: str
    severity: LintSeverity
    summary: str


RULES: dict[str, Rule] = {
    rule.id: rule
    for rule in [
        Rule(
            "gendered-pronoun",
            LintSeverity.WARNING,
            "a gendered pronoun (hij, hem, he, she, his, ...) for the holder of the role",
        ),
        Rule(
            "gendered-title",
            LintSeverity.WARNING,
            "a job title for one gender (verkoopman, salesman, chairwoman, ...)",
        ),
        Rule(
            "gender-coded",
            LintSeverity.INFO,
            "a masculine- or feminine-coded word (Gaucher, Friesen & Kay 2011; Dutch list)",
        ),
        Rule(
            "age",
            LintSeverity.WARNING,
            "a term that excludes candidates by age (jong, starter, recent graduate, ...)",
        ),
        Rule(
            "completeness",
            LintSeverity.WARNING,
            "a section, translation or competency descriptor is missing",
        ),
        Rule(
            "consistency",
            LintSeverity.WARNING,
            "duplicate items, empty KPI measures, competency levels that fall along a ladder",
        ),
        Rule(
            "readability",
            LintSeverity.INFO,
            "long sentences, and a reading-ease score per role and language",
        ),
        Rule(
            "calque",
            LintSeverity.WARNING,
            "a leftover of translation or a calque (the own, fax, beroepsstandaard, ...)",
        ),
        Rule(
            "legal-risk",
            LintSeverity.WARNING,
            "liability beyond art. 7:661 BW, a probation period beyond art. 7:652 BW, an age limit",
        ),
        Rule(
            "formal-fields",
            LintSeverity.WARNING,
            "a published role without grade, hours, location, result areas or mandates",
        ),
        Rule(
            "length",
            LintSeverity.WARNING,
            "a purpose over 60 words, or a formal job description over three pages",
        ),
        Rule(
            "competency-level",
            LintSeverity.WARNING,
            "a competency required below the level a result area asks for",
        ),
        Rule(
            "interview-topic",
            LintSeverity.ERROR,
            "an interview question about age, pregnancy or family, religion, health, origin, "
            "sexual orientation or union membership (equal-treatment law)",
        ),
        Rule(
            "vacancy-readability",
            LintSeverity.WARNING,
            "a vacancy harder to read than B1 (reading ease below recruitment.b1_reading_ease)",
        ),
        Rule(
            "suppression-reason",
            LintSeverity.WARNING,
            "a rolebook-lint disable comment without a reason",
        ),
        Rule(
            "suppression-unknown",
            LintSeverity.WARNING,
            "a rolebook-lint disable comment naming an unknown rule",
        ),
    ]
}
"""Every rule, with its default severity."""


@dataclass(frozen=True)
class Finding:
    """One language-quality problem, at the position of the text (or word) it is about."""

    location: Location
    severity: str
    """error, warning or info."""
    rule: str
    message: str
    suggestion: str | None = None

    def __str__(self) -> str:
        text = f"{self.location}: {self.severity}: {self.message} [{self.rule}]"
        return f"{text} (suggestion: {self.suggestion})" if self.suggestion else text

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.location.path,
            "line": self.location.line,
            "col": self.location.col,
            "severity": self.severity,
            "rule": self.rule,
            "message": self.message,
            "suggestion": self.suggestion,
        }

    def sort_key(self) -> tuple[Location, str, str]:
        return (self.location, self.rule, self.message)


def at_or_above(findings: Iterable[Finding], level: str) -> list[Finding]:
    """The findings whose severity is `level` or more severe."""
    threshold = LintSeverity(level).rank
    return [f for f in findings if LintSeverity(f.severity).rank >= threshold]


def format_findings(findings: Iterable[Finding]) -> str:
    return "\n".join(str(f) for f in findings)


def findings_json(findings: Iterable[Finding]) -> str:
    return json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2)


def summary_line(findings: list[Finding], roles: int) -> str:
    """E.g. `9 roles linted: 0 errors, 2 warnings, 31 info`."""

    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    counts = {s: sum(f.severity == s.value for f in findings) for s in LintSeverity}
    return (
        f"{plural(roles, 'role')} linted: {plural(counts[LintSeverity.ERROR], 'error')}, "
        f"{plural(counts[LintSeverity.WARNING], 'warning')}, "
        f"{counts[LintSeverity.INFO]} info"
    )
