"""Run the rules over a catalog, apply the configuration and the suppressions."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..catalog import Catalog
from ..errors import Location, display_path
from .config import LintConfig
from .findings import RULES, Finding
from .formal import calque_hits, demand_hits, formal_field_hits, legal_hits, length_hits
from .interview import interview_hits
from .rules import (
    Hit,
    age_hits,
    coded_hits,
    coded_words,
    completeness_hits,
    descriptor_hits,
    duplicate_hits,
    extends_hits,
    kpi_hits,
    ladder_hits,
    pronoun_hits,
    readability_hits,
    sentence_hits,
    title_hits,
)
from .suppress import Disable, disable_problems, parse_disables
from .text import RawFiles, Span, spans, text_location
from .wordlists import word_lists

LABELS = (
    "strongly masculine-coded",
    "masculine-coded",
    "neutral",
    "feminine-coded",
    "strongly feminine-coded",
)


def _raw_files(cat: Catalog) -> RawFiles:
    paths: dict[str, Path] = {}
    for role_id, path in cat.files.items():
        if role_id in cat.sources:
            paths[cat.sources[role_id].display] = path
    library = cat.root / "library" / "competencies.yml"
    paths[display_path(library)] = library
    return RawFiles(paths)


def _role_spans(cat: Catalog, role_id: str, raw: RawFiles) -> list[Span]:
    return spans(role_id, cat.roles[role_id], cat.sources[role_id], raw)


def _hits(cat: Catalog, config: LintConfig, raw: RawFiles) -> list[Hit]:
    lists = word_lists()
    found: list[Hit] = []
    for role_id in sorted(cat.roles):
        role, source = cat.roles[role_id], cat.sources[role_id]
        role_spans = _role_spans(cat, role_id, raw)
        for span in role_spans:
            found += calque_hits(span)
            found += legal_hits(span)
            found += pronoun_hits(span, lists)
            found += title_hits(span, lists)
            found += coded_hits(span, lists)
            found += age_hits(span, lists)
            found += sentence_hits(span, config.max_sentence_words)
        if config.enabled("readability"):
            title = {lang: text_location(source, ("title",), lang) for lang in role.title.root}
            found += readability_hits(role_spans, title)
        found += completeness_hits(role, source, cat.languages)
        found += duplicate_hits(source, cat.default_language)
        found += kpi_hits(role, source)
        found += extends_hits(cat, role_id)
        found += formal_field_hits(role, source)
        for lang in cat.languages:
            found += length_hits(role, source, lang, cat.default_language)
        found += demand_hits(cat, role, source)
    found += ladder_hits(cat)
    found += descriptor_hits(cat)
    found += interview_hits(cat)
    return found


def _suppressed(
    finding: Finding, disables: dict[tuple[str, int], list[Disable]], by_file: set[tuple[str, str]]
) -> bool:
    if finding.rule.startswith("suppression-"):
        return False
    loc = finding.location
    if (finding.rule, loc.path) in by_file:
        return True
    return any(finding.rule in d.rules for d in disables.get((loc.path, loc.line), []))


def lint_catalog(cat: Catalog, config: LintConfig | None = None) -> list[Finding]:
    """Every finding for the roles of a checked catalog, sorted by location."""
    config = config or LintConfig()
    raw = _raw_files(cat)
    hits = _hits(cat, config, raw)
    files = sorted({h.location.path for h in hits} | set(raw.paths))
    disables: dict[tuple[str, int], list[Disable]] = {}
    for display in files:
        lines = raw.lines(display)
        for item in parse_disables(display, lines or []):
            disables.setdefault((display, item.line), []).append(item)
            hits += disable_problems([item])
    by_file = {
        (s.rule, cat.sources[s.role].display) for s in config.suppress if s.role in cat.sources
    }
    findings: dict[tuple[Location, str, str], Finding] = {}
    for hit in hits:
        if hit.rule not in RULES or not config.enabled(hit.rule):
            continue
        finding = Finding(
            hit.location, config.severity(hit.rule), hit.rule, hit.message, hit.suggestion
        )
        if not _suppressed(finding, disables, by_file):
            findings.setdefault(finding.sort_key(), finding)
    return sorted(findings.values(), key=Finding.sort_key)


def _label(masculine: int, feminine: int) -> str:
    """gender-decoder's verdict: the difference of the counts, strongly beyond 3."""
    score = feminine - masculine
    if score == 0:
        return "neutral"
    if score > 3:
        return "strongly feminine-coded"
    if score > 0:
        return "feminine-coded"
    if score < -3:
        return "strongly masculine-coded"
    return "masculine-coded"


def balance_score(cat: Catalog, role_id: str, lang: str) -> tuple[str, int, int]:
    """(label, masculine count, feminine count) of a role's texts in one language, counted like
    the gender-coded rule and labelled like gender-decoder (no coded words at all is neutral)."""
    lists = word_lists()
    raw = _raw_files(cat)
    masculine = feminine = 0
    for span in _role_spans(cat, role_id, raw):
        if span.lang != lang:
            continue
        for _, _, gender, _ in coded_words(span, lists):
            masculine += gender == "masculine"
            feminine += gender == "feminine"
    return _label(masculine, feminine), masculine, feminine


def fails(findings: Iterable[Finding], config: LintConfig) -> bool:
    """Whether the findings fail the run at the configured fail level."""
    return any(config.fails(f.severity) for f in findings)
