"""The texts of a role, each with the position of every character in its YAML file.

The loader records where each value starts. For a value on one line (a plain or quoted scalar, also
inside a flow mapping like `{nl: ..., en: ...}`) and for a literal block (`|`), this module maps each
character of the text back to its line and column, so a finding can point at the word itself; for
other values (folded or multi-line scalars, text that is not in Unicode NFC) it points at the start
of the value.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..catalog import dotted, text_fields
from ..errors import Location
from ..load import PathKey, Source

WORD = re.compile(r"\w+(?:[-'’]\w+)*")
"""A word: letters and digits (any script), joined by hyphens or apostrophes (collega's)."""


@dataclass(frozen=True)
class Span:
    """One text in one language, as the linter reads it."""

    role: str
    path: PathKey
    """The path of the Text in the role's data, e.g. ("duties", 0, "items", 2)."""
    lang: str
    text: str
    """The text in Unicode NFC."""
    start: Location
    chars: tuple[tuple[int, int], ...] | None
    """(line, column) of every character of `text`, when known."""

    def at(self, offset: int) -> Location:
        """The position of the character at `offset`, or the start of the value."""
        if self.chars is None or not 0 <= offset < len(self.chars):
            return self.start
        line, col = self.chars[offset]
        return Location(self.start.path, line, col)

    @property
    def dotted(self) -> str:
        return dotted(self.path)


class RawFiles:
    """The lines of the YAML files, by the display path the locations use."""

    def __init__(self, paths: dict[str, Path]) -> None:
        self.paths = paths
        self._lines: dict[str, list[str] | None] = {}

    def lines(self, display: str) -> list[str] | None:
        if display not in self._lines:
            path = self.paths.get(display, Path(display))
            try:
                text = path.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError):
                self._lines[display] = None
            else:
                self._lines[display] = text.splitlines()
        return self._lines[display]


_ESCAPE_LENGTH = {"x": 4, "u": 6, "U": 10}


def _single_line(raw: str, start: int, text: str, line: int) -> list[tuple[int, int]] | None:
    """Columns of a plain, 'single-quoted' or "double-quoted" scalar that ends on its first line."""
    if start >= len(raw):
        return None
    quote = raw[start]
    if quote not in "'\"":
        if raw[start : start + len(text)] == text:
            return [(line, start + 1 + i) for i in range(len(text))]
        return None
    cols: list[int] = []
    i = start + 1
    while i < len(raw):
        char = raw[i]
        if char == quote:
            if quote == "'" and raw[i + 1 : i + 2] == "'":
                cols.append(i + 1)
                i += 2
                continue
            return [(line, c) for c in cols] if len(cols) == len(text) else None
        if quote == '"' and char == "\\":
            cols.append(i + 1)
            i += _ESCAPE_LENGTH.get(raw[i + 1 : i + 2], 2)
            continue
        if len(cols) >= len(text) or text[len(cols)] != char:
            return None
        cols.append(i + 1)
        i += 1
    return None  # continues on the next line


def _literal_block(lines: list[str], index: int, start: int, text: str) -> list[tuple[int, int]]:
    """Positions of a literal block scalar (`|`, `|-`, `|+`) whose indicator is at lines[index]."""
    header = lines[index][start:].split("#", 1)[0].strip()
    if not re.fullmatch(r"\|[-+]?", header):
        raise ValueError("not a literal block")
    body = lines[index + 1 :]
    indent = next((len(b) - len(b.lstrip(" ")) for b in body if b.strip()), 0)
    positions: list[tuple[int, int]] = []
    for k, part in enumerate(text.split("\n")):
        number = index + 2 + k  # 1-based line of this part
        if part:
            raw = body[k] if k < len(body) else ""
            if raw[indent : indent + len(part)] != part or raw[:indent].strip():
                raise ValueError("block does not match")
        positions += [(number, indent + 1 + j) for j in range(len(part))]
        positions.append((number, indent + 1 + len(part)))  # the newline
    return positions[: len(text)]


def char_positions(
    lines: list[str] | None, start: Location, text: str
) -> tuple[tuple[int, int], ...] | None:
    if lines is None or not 1 <= start.line <= len(lines):
        return None
    raw = lines[start.line - 1]
    begin = start.col - 1
    if "\n" not in text:
        found = _single_line(raw, begin, text, start.line)
        if found is not None:
            return tuple(found)
    if raw[begin : begin + 1] == "|":
        try:
            return tuple(_literal_block(lines, start.line - 1, begin, text))
        except ValueError:
            return None
    return None


def node_at(data: Any, path: PathKey) -> Any:
    """The raw value at `path` in parsed YAML data, or None."""
    node = data
    for part in path:
        in_dict = isinstance(node, dict) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if not (in_dict or in_list):
            return None
        node = node[part]
    return node


def text_location(source: Source, path: PathKey, lang: str) -> Location:
    """Where the `lang` text of the Text at `path` is written: the language key's value in a
    mapping, else the plain string."""
    if isinstance(node_at(source.data, path), dict):
        return source.at((*path, lang))
    return source.at(path)


def make_span(
    role: str, source: Source, path: PathKey, lang: str, value: str, raw: RawFiles
) -> Span:
    start = text_location(source, path, lang)
    text = unicodedata.normalize("NFC", value)
    chars = char_positions(raw.lines(start.path), start, value) if text == value else None
    return Span(role, path, lang, text, start, chars)


def spans(role_id: str, role: BaseModel, source: Source, raw: RawFiles) -> list[Span]:
    """Every non-empty text of a role, in every language it has."""
    found: list[Span] = []
    for path, text in text_fields(role):
        for lang, value in text.root.items():
            if value.strip():
                found.append(make_span(role_id, source, path, lang, value, raw))
    return found
