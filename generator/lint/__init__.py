"""The language-quality linter: gendered and age-excluding wording, gender-coded words,
completeness, consistency and readability of the roles of a checked catalog.

    cat = load_catalog(roles_dir)
    config = load_lint_config(roles_dir)          # roles/library/lint.yml, optional
    findings = lint_catalog(cat, config)          # sorted by location
    print(format_findings(findings))
    failed = fails(findings, config)              # anything at or above config.fail_level

The rules and their default severities are in RULES; docs/en/hr/lint.md describes them.
"""

from __future__ import annotations

from .config import CONFIG_FILE, LintConfig, RuleOverride, Suppression, load_lint_config
from .engine import LABELS, balance_score, fails, lint_catalog
from .findings import (
    RULES,
    SEVERITIES,
    Finding,
    LintSeverity,
    Rule,
    at_or_above,
    findings_json,
    format_findings,
    summary_line,
)
from .wordlists import word_lists

__all__ = [
    "CONFIG_FILE",
    "LABELS",
    "RULES",
    "SEVERITIES",
    "Finding",
    "LintConfig",
    "LintSeverity",
    "Rule",
    "RuleOverride",
    "Suppression",
    "at_or_above",
    "balance_score",
    "fails",
    "findings_json",
    "format_findings",
    "lint_catalog",
    "load_lint_config",
    "summary_line",
    "word_lists",
]
