"""Reading ease per role and language, with the optional `textstat` package.

Dutch is scored with the Flesch-Douma formula (textstat's "nl" settings), English with Flesch
Reading Ease. textstat counts English syllables with the CMU dictionary, which it downloads through
NLTK on first use; the linter must never touch the network, so English is scored with the
"en-GB" locale, for which textstat counts syllables with Pyphen's British English hyphenation
dictionary instead. Other languages are not scored. Without textstat there is no score, but the
long-sentence check (which needs nothing) still runs.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from typing import Any

from .text import WORD

TEXTSTAT_LANG = {"nl": "nl", "en": "en-GB"}
FORMULA = {"nl": "Flesch-Douma", "en": "Flesch"}
MIN_WORDS = 100
"""Below this many words a reading-ease score says little, and none is given."""

_BANDS = [
    (90.0, "very easy"),
    (80.0, "easy"),
    (70.0, "fairly easy"),
    (60.0, "plain"),
    (50.0, "fairly difficult"),
    (30.0, "difficult"),
]

_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|\n")


def band(score: float) -> str:
    """The usual interpretation of a Flesch (or Flesch-Douma) score."""
    return next((name for floor, name in _BANDS if score >= floor), "very difficult")


def _textstat() -> Any | None:
    try:
        return importlib.import_module("textstat")
    except ImportError:
        return None


@dataclass(frozen=True)
class Score:
    formula: str
    score: float
    words: int

    @property
    def band(self) -> str:
        return band(self.score)


def reading_ease(texts: list[str], lang: str) -> Score | None:
    """The reading-ease score of the texts taken together, or None when it cannot be computed
    (no textstat, a language without a formula, fewer than MIN_WORDS words)."""
    if lang not in TEXTSTAT_LANG:
        return None
    joined = " ".join(t.strip() if t.strip()[-1:] in ".!?" else f"{t.strip()}." for t in texts)
    words = len(WORD.findall(joined))
    if words < MIN_WORDS:
        return None
    textstat = _textstat()
    if textstat is None:
        return None
    textstat.set_lang(TEXTSTAT_LANG[lang])
    return Score(FORMULA[lang], float(textstat.flesch_reading_ease(joined)), words)


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of a text: split after . ! ? followed by a space,
    and at line breaks. Abbreviations (bijv., e.g.) split too, which only shortens sentences."""
    found: list[tuple[int, int]] = []
    begin = 0
    for match in _SENTENCE_END.finditer(text):
        found.append((begin, match.end()))
        begin = match.end()
    found.append((begin, len(text)))
    return [(b, e) for b, e in found if text[b:e].strip()]
