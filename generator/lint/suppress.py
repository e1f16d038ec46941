"""Line suppressions: a YAML comment on the offending line (or the line before it),

    - nl: Hij belt de klant.  # rolebook-lint: disable=gendered-pronoun reason="quotes a client"
    # rolebook-lint: disable-next-line=age,gender-coded reason="legal exception, see HR-123"

A comment without a reason still suppresses, but is itself reported (suppression-reason); a comment
naming an unknown rule is reported too (suppression-unknown).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..errors import Location
from .findings import RULES
from .rules import Hit

COMMENT = re.compile(
    r"(?:^|\s)#\s*rolebook-lint:\s*disable(?P<next>-next-line)?\s*=\s*(?P<rules>[\w,\s-]*?)"
    r"(?:\s+reason\s*=\s*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'))?\s*$"
)


@dataclass(frozen=True)
class Disable:
    location: Location
    """Where the comment is."""
    line: int
    """The line it applies to."""
    rules: frozenset[str]
    reason: str | None


def parse_disables(display: str, lines: list[str]) -> list[Disable]:
    found: list[Disable] = []
    for number, text in enumerate(lines, start=1):
        if "rolebook-lint" not in text:
            continue
        match = COMMENT.search(text)
        if match is None:
            continue
        hash_col = text.index("#", match.start()) + 1
        rules = frozenset(r for r in re.split(r"[\s,]+", match["rules"]) if r)
        reason = match["dq"] if match["dq"] is not None else match["sq"]
        found.append(
            Disable(
                Location(display, number, hash_col),
                number + 1 if match["next"] else number,
                rules,
                reason.strip() if reason is not None else None,
            )
        )
    return found


def disable_problems(disables: list[Disable]) -> Iterator[Hit]:
    for item in disables:
        if not item.reason:
            yield Hit(
                "suppression-reason",
                item.location,
                "rolebook-lint disable without a reason",
                'add reason="..." to say why the text is acceptable',
            )
        for rule in sorted(item.rules):
            if rule not in RULES:
                close = difflib.get_close_matches(rule, list(RULES), n=1, cutoff=0.6)
                yield Hit(
                    "suppression-unknown",
                    item.location,
                    f"unknown rule '{rule}' in rolebook-lint comment",
                    f"did you mean '{close[0]}'?" if close else f"rules: {', '.join(RULES)}",
                )
        if not item.rules:
            yield Hit(
                "suppression-unknown",
                item.location,
                "rolebook-lint disable names no rule",
                "write disable=RULE, e.g. disable=gendered-pronoun",
            )
