"""The word lists of the linter, read once from the YAML files in generator/lint/data/.

Every word and stem is lowercased and put in Unicode NFC, as the texts are before matching, so a
stem with a diacritic (hiërarch, coöperati) matches whether the text was typed with a composed or a
decomposed character.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from ..errors import format_diagnostics
from ..load import load_file
from ..validate import validate_source

DATA_DIR = Path(__file__).parent / "data"

M = TypeVar("M", bound=BaseModel)
When = Literal["always", "before-singular-verb", "before-noun"]


def normal(word: str) -> str:
    return unicodedata.normalize("NFC", word).lower()


# --- the files' schemas ------------------------------------------------------------------------


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class _CodedFile(_Strict):
    language: str
    source: str
    masculine: list[str] = Field(min_length=1)
    feminine: list[str] = Field(min_length=1)


class _Pronoun(_Strict):
    when: When
    use: list[str] = Field(min_length=1)


class _PronounLanguage(_Strict):
    pronouns: dict[str, _Pronoun]
    singular_verbs: list[str]
    not_nouns: list[str]


class _TitleLanguage(_Strict):
    min_stem: int = Field(ge=1)
    suffixes: dict[str, str]
    alternatives: dict[str, list[str]]
    words: dict[str, list[str]]
    exceptions: list[str]


class _AgeTerm(_Strict):
    pattern: str
    suggestion: str


class _PronounFile(_Strict):
    nl: _PronounLanguage
    en: _PronounLanguage


class _TitleFile(_Strict):
    nl: _TitleLanguage
    en: _TitleLanguage


class _AgeFile(_Strict):
    nl: list[_AgeTerm]
    en: list[_AgeTerm]


def _read(name: str, model: type[M]) -> M:
    path = DATA_DIR / name
    source, problems = load_file(path, str(path))
    obj, more = validate_source(source, model, {}) if source is not None else (None, [])
    if obj is None or problems or more:
        raise RuntimeError(f"broken word list {name}:\n{format_diagnostics(problems + more)}")
    return obj


# --- the lists as used -------------------------------------------------------------------------


@dataclass(frozen=True)
class CodedWords:
    """Masculine- and feminine-coded stems of one language."""

    language: str
    source: str
    masculine: tuple[str, ...]
    feminine: tuple[str, ...]

    index: dict[str, str] = field(init=False, repr=False, compare=False)
    longest: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index = {stem: "feminine" for stem in self.feminine}
        index.update({stem: "masculine" for stem in self.masculine})
        object.__setattr__(self, "index", index)
        object.__setattr__(self, "longest", max(map(len, index), default=0))

    def match(self, word: str) -> tuple[str, str] | None:
        """("masculine" or "feminine", the stem) when `word` (normalised) starts with a stem; the
        longest stem wins, so a word counts once."""
        for end in range(min(len(word), self.longest), 0, -1):
            gender = self.index.get(word[:end])
            if gender is not None:
                return gender, word[:end]
        return None


@dataclass(frozen=True)
class Pronoun:
    word: str
    when: When
    use: tuple[str, ...]


@dataclass(frozen=True)
class Pronouns:
    pronouns: dict[str, Pronoun]
    singular_verbs: frozenset[str]
    not_nouns: frozenset[str]


@dataclass(frozen=True)
class Titles:
    min_stem: int
    suffixes: tuple[tuple[str, str], ...]
    """(suffix, neutral replacement), longest suffix first."""
    alternatives: dict[str, tuple[str, ...]]
    words: dict[str, tuple[str, ...]]
    exceptions: frozenset[str]


@dataclass(frozen=True)
class AgeTerm:
    pattern: re.Pattern[str]
    suggestion: str


@dataclass(frozen=True)
class WordLists:
    coded: dict[str, CodedWords]
    pronouns: dict[str, Pronouns]
    titles: dict[str, Titles]
    age: dict[str, tuple[AgeTerm, ...]]

    def sizes(self) -> dict[str, int]:
        """The number of entries of each list, keyed file:list (as in the docs)."""
        sizes: dict[str, int] = {}
        for lang, coded in self.coded.items():
            sizes[f"gender-coded.{lang}.yml:masculine"] = len(coded.masculine)
            sizes[f"gender-coded.{lang}.yml:feminine"] = len(coded.feminine)
        for lang, pronouns in self.pronouns.items():
            sizes[f"pronouns.yml:{lang}"] = len(pronouns.pronouns)
        for lang, titles in self.titles.items():
            sizes[f"titles.yml:{lang}"] = len(titles.suffixes) + len(titles.words)
        for lang, terms in self.age.items():
            sizes[f"age.yml:{lang}"] = len(terms)
        return sizes


@functools.cache
def word_lists() -> WordLists:
    coded = {}
    for lang in ("en", "nl"):
        data = _read(f"gender-coded.{lang}.yml", _CodedFile)
        coded[lang] = CodedWords(
            data.language,
            data.source,
            tuple(normal(s) for s in data.masculine),
            tuple(normal(s) for s in data.feminine),
        )
    pronoun_file = _read("pronouns.yml", _PronounFile)
    title_file = _read("titles.yml", _TitleFile)
    age_file = _read("age.yml", _AgeFile)
    pronouns = {
        lang: Pronouns(
            {normal(w): Pronoun(normal(w), p.when, tuple(p.use)) for w, p in spec.pronouns.items()},
            frozenset(normal(w) for w in spec.singular_verbs),
            frozenset(normal(w) for w in spec.not_nouns),
        )
        for lang, spec in (("nl", pronoun_file.nl), ("en", pronoun_file.en))
    }
    titles = {
        lang: Titles(
            spec.min_stem,
            tuple(
                sorted(((normal(s), r) for s, r in spec.suffixes.items()), key=lambda x: -len(x[0]))
            ),
            {normal(w): tuple(a) for w, a in spec.alternatives.items()},
            {normal(w): tuple(a) for w, a in spec.words.items()},
            frozenset(normal(w) for w in spec.exceptions),
        )
        for lang, spec in (("nl", title_file.nl), ("en", title_file.en))
    }
    age = {
        lang: tuple(
            AgeTerm(
                re.compile(unicodedata.normalize("NFC", t.pattern), re.IGNORECASE), t.suggestion
            )
            for t in terms
        )
        for lang, terms in (("nl", age_file.nl), ("en", age_file.en))
    }
    return WordLists(coded, pronouns, titles, age)
