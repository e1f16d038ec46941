"""Labels of generated documents per language, and language-aware formatting of role data."""

from __future__ import annotations

import datetime as dt
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .model import Text

FALLBACK_LANGUAGE = "en"


def labels(lang: str) -> dict[str, Any]:
    """The labels for `lang` (English where the language has no locale file); read again when
    the file changes, so a long `rolebook serve` shows an edit."""
    path = _locale_file(lang)
    return _labels(path, path.stat().st_mtime_ns)


@cache
def _locale_file(lang: str) -> Path:
    folder = Path(str(resources.files("generator") / "locales"))
    path = folder / f"{lang}.yml"
    return path if path.is_file() else folder / f"{FALLBACK_LANGUAGE}.yml"


@cache
def _labels(path: Path, stamp: int) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


class Translator:
    """Everything a template needs to speak one language."""

    def __init__(self, lang: str, default_language: str) -> None:
        self.lang = lang
        self.default_language = default_language
        self.labels = labels(lang)

    def text(self, value: Text | None) -> str:
        """A localised text in this language (falling back to the default language)."""
        return "" if value is None else value.get(self.lang, self.default_language)

    def label(self, key: str, **values: object) -> str:
        template = str(self.labels[key])
        return template.format(**values) if values else template

    def date(self, value: dt.date) -> str:
        month = self.labels["months"][value.month - 1]
        return str(self.labels["date_format"]).format(day=value.day, month=month, year=value.year)
