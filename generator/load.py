"""Read YAML safely into plain data, remembering where every key and value came from.

PyYAML is used only to parse and compose; values are built here so that nothing in a role file can
construct objects or expand aliases, and so that scalars follow YAML 1.2 (`no` stays the text "no").
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Diagnostic, Location, error

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 32
MAX_NODES = 200_000
MAX_SCALAR_CHARS = 20_000

PathKey = tuple[str | int, ...]

_INT = re.compile(r"^[-+]?(0|[1-9][0-9_]*)$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$")
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}


@dataclass
class Source:
    """One parsed YAML file: its data and the position of every value and key in it."""

    path: Path
    display: str
    data: Any
    values: dict[PathKey, Location] = field(default_factory=dict)
    keys: dict[PathKey, Location] = field(default_factory=dict)

    def at(self, path: PathKey, *, key: bool = False) -> Location:
        """The position of the value (or key) at `path`, or of its nearest known ancestor."""
        table = self.keys if key else self.values
        for end in range(len(path), -1, -1):
            prefix = path[:end]
            if prefix in table:
                return table[prefix]
            if prefix in self.values:
                return self.values[prefix]
        return Location(self.display)


class _Refused(Exception):
    def __init__(self, mark: Any, message: str) -> None:
        super().__init__(message)
        self.mark = mark
        self.message = message


class _Composer(yaml.SafeLoader):
    """Composes nodes but refuses anchors, aliases, explicit tags, deep nesting and huge documents."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self._nodes = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event: Any = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(
                event.start_mark,
                f"aliases are not allowed (found '*{event.anchor}'); write the value out in full",
            )
        if getattr(event, "anchor", None):
            raise _Refused(
                event.start_mark,
                f"anchors are not allowed (found '&{event.anchor}'); write the value out in full",
            )
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!":
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            raise _Refused(
                event.start_mark,
                f"YAML tags are not allowed (found '{shown}'); "
                "role files hold plain text, numbers, lists and mappings only",
            )
        self._nodes += 1
        if self._nodes > MAX_NODES:
            raise _Refused(event.start_mark, f"file has more than {MAX_NODES} values")
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _Refused(event.start_mark, f"nested more than {MAX_DEPTH} levels deep")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class _Unsure(Exception):
    """The fast composer leaves this document to the careful one."""


try:
    from yaml._yaml import CParser as _CParser
except ImportError:  # PyYAML built without libyaml: the careful composer does everything
    _CParser = None  # type: ignore[assignment,misc]

_DIFFERENT = re.compile("[\\t\\x85\\u2028\\u2029\\ufeff]")
"""Tabs (libyaml accepts some that PyYAML refuses), and line breaks and a BOM that the two may
count differently in positions: documents with these take the careful path."""


def _compose_fast(text: str) -> yaml.Node | None:
    """Compose with libyaml, for speed: PyYAML's pure-Python scanner took most of a build's
    loading time. Nodes are built here from libyaml's events, so that anchors, aliases and tags
    are seen before anything is composed. Whatever the careful composer (`_Composer`) would refuse
    or report, and any error at all, raises _Unsure: that composer then runs and gives exactly
    its own diagnostics, so the fast path only ever agrees with it."""
    if _CParser is None or yaml.reader.Reader.NON_PRINTABLE.search(text) or _DIFFERENT.search(text):
        raise _Unsure
    parser = _CParser(text)
    stack: list[tuple[yaml.Node, list[Any]]] = []
    root: yaml.Node | None = None
    documents = nodes = 0
    try:
        while True:
            event: Any = parser.get_event()
            if isinstance(event, yaml.StreamEndEvent):
                return root
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise _Unsure  # "expected a single document": the careful path says so
                continue
            if isinstance(event, yaml.CollectionEndEvent):
                done, _ = stack.pop()
                if not stack:
                    root = done
                continue
            if not isinstance(event, yaml.NodeEvent):
                continue  # stream start, document end
            nodes += 1
            if (
                isinstance(event, yaml.AliasEvent)
                or event.anchor
                or getattr(event, "tag", None) not in (None, "!")
                or nodes > MAX_NODES
                or len(stack) + 1 > MAX_DEPTH
            ):
                raise _Unsure
            node: yaml.Node
            mark: Any = event.start_mark
            if isinstance(event, yaml.ScalarEvent):  # libyaml says '' for plain, PyYAML None
                node = yaml.ScalarNode("", event.value, mark, None, style=event.style or None)
            elif isinstance(event, yaml.SequenceStartEvent):
                node = yaml.SequenceNode("", [], mark, None)
            else:
                node = yaml.MappingNode("", [], mark, None)
            if stack:
                parent, pending = stack[-1]
                if isinstance(parent, yaml.SequenceNode):
                    parent.value.append(node)
                elif pending:
                    parent.value.append((pending.pop(), node))
                else:
                    pending.append(node)
            elif not isinstance(event, yaml.CollectionStartEvent):
                root = node
            if isinstance(event, yaml.CollectionStartEvent):
                stack.append((node, []))
    except _Unsure:
        raise
    except Exception as exc:  # any libyaml error: the careful path reports it its own way
        raise _Unsure from exc
    finally:
        parser.dispose()


def _loc(display: str, mark: yaml.Mark) -> Location:
    return Location(display, mark.line + 1, mark.column + 1)


def _scalar(node: yaml.ScalarNode) -> Any:
    text: str = node.value
    if node.style is not None:  # quoted or block scalar: always text
        return text
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT.match(text):
        return int(text.replace("_", ""))
    if _FLOAT.match(text) and any(c.isdigit() for c in text):
        return float(text.replace("_", ""))
    return text


class _Builder:
    def __init__(self, display: str) -> None:
        self.display = display
        self.values: dict[PathKey, Location] = {}
        self.keys: dict[PathKey, Location] = {}
        self.problems: list[Diagnostic] = []

    def build(self, node: yaml.Node, path: PathKey) -> Any:
        self.values[path] = _loc(self.display, node.start_mark)
        if isinstance(node, yaml.ScalarNode):
            if len(node.value) > MAX_SCALAR_CHARS:
                self.problems.append(
                    error(
                        self.values[path],
                        f"text is {len(node.value)} characters long; the limit is {MAX_SCALAR_CHARS}",
                    )
                )
                return ""
            return _scalar(node)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key_loc = _loc(self.display, key_node.start_mark)
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(
                    error(key_loc, "a key must be a plain word, not a list or mapping")
                )
                continue
            key = _scalar(key_node)
            if key in mapping:
                first = self.keys[(*path, key)]
                self.problems.append(
                    error(key_loc, f"duplicate key '{key}' (first defined at line {first.line})")
                )
                continue
            self.keys[(*path, key)] = key_loc
            mapping[key] = self.build(value_node, (*path, key))
        return mapping


def _decode(raw: bytes, display: str) -> tuple[str | None, Diagnostic | None]:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, error(Location(display), "file is UTF-16 encoded; save it as UTF-8")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, error(
            Location(display, line, col),
            f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8",
        )


def _position_of(text: str, index: int, display: str) -> Location:
    line = text.count("\n", 0, index) + 1
    return Location(display, line, index - (text.rfind("\n", 0, index) + 1) + 1)


def _syntax_message(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or "invalid YAML"
    if "'\\t'" in problem:
        return "invalid YAML: tab character; indent with spaces"
    if exc.context and exc.context_mark is not None:
        return f"invalid YAML: {problem} ({exc.context} at line {exc.context_mark.line + 1})"
    return f"invalid YAML: {problem}"


def parse_text(
    text: str, display: str, path: Path | None = None
) -> tuple[Source | None, list[Diagnostic]]:
    """Parse YAML text; return the data with positions, or the problems that stop it."""
    try:
        node = _compose_fast(text)
    except _Unsure:
        return _parse_careful(text, display, path)
    return _built(node, display, path)


def _parse_careful(
    text: str, display: str, path: Path | None
) -> tuple[Source | None, list[Diagnostic]]:
    loader: _Composer | None = None
    try:
        loader = _Composer(text)  # the reader checks characters already here
        node = loader.get_single_node()
    except _Refused as exc:
        return None, [error(_loc(display, exc.mark), exc.message)]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = _loc(display, mark) if mark else Location(display)
        return None, [error(where, _syntax_message(exc))]
    except yaml.reader.ReaderError as exc:
        char = exc.character
        code = char if isinstance(char, int) else ord(str(char)[:1] or "?")
        return None, [
            error(
                _position_of(text, exc.position, display),
                f"control character U+{code:04X} is not allowed in YAML; remove it",
            )
        ]
    except (yaml.YAMLError, RecursionError) as exc:  # last resort: never a traceback
        return None, [error(Location(display), f"invalid YAML: {exc}")]
    finally:
        if loader is not None:
            loader.dispose()
    return _built(node, display, path)


def _built(
    node: yaml.Node | None, display: str, path: Path | None
) -> tuple[Source | None, list[Diagnostic]]:
    if node is None:
        return None, [error(Location(display), "file is empty; expected a mapping of fields")]
    builder = _Builder(display)
    data = builder.build(node, ())
    source = Source(path or Path(display), display, data, builder.values, builder.keys)
    return source, builder.problems


def load_file(path: Path, display: str) -> tuple[Source | None, list[Diagnostic]]:
    """Read and parse one YAML file with every safety limit applied."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [
                error(
                    Location(display),
                    f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,} bytes",
                )
            ]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [error(Location(display), f"cannot read file: {exc.strerror or exc}")]
    return load_bytes(raw, display, path)


def load_bytes(
    raw: bytes, display: str, path: Path | None = None
) -> tuple[Source | None, list[Diagnostic]]:
    """Parse the bytes of a YAML file (from disk or from git) with every safety limit applied."""
    if len(raw) > MAX_FILE_BYTES:
        return None, [
            error(
                Location(display),
                f"file is {len(raw):,} bytes; the limit is {MAX_FILE_BYTES:,} bytes",
            )
        ]
    text, problem = _decode(raw, display)
    if text is None:
        return None, [problem] if problem else []
    return parse_text(text, display, path)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off while a catalog is read: reading makes a million small
    objects (nodes, positions, models) and none of them in cycles, and every full collection
    walked all of them again (at 1,000 roles, 19 of the 29 s parsing took). What was on is on
    again afterwards."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
