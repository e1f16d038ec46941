"""Saving a form into a role or library file. The form's data goes into the file's own YAML
document (ruamel.yaml's round trip), changing only what changed: the order of the keys, the
comments, the quoting and the flow style of everything else stay as they were. The result is
checked before anything is written: the roles folder as it would be after the save (the other
files linked, the new one written out, in a temporary folder) goes through the loader and the
catalog checks, and a save that brings an error is refused with the checks' own messages. Only
then is the file replaced, atomically."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import secrets
import shutil
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.scalarstring import LiteralScalarString, ScalarString

from ..checks import check_catalog
from ..errors import Diagnostic, Severity, display_path
from ..load import load_bytes, parse_text
from ..model import LIBRARY_FILES, Organisation, Role
from ..output.files import write_atomic
from .forms import EMPTY, FORM_KEY, Languages, canonical, from_form, to_form
from .shape import Localised, Record, Sequence, Shape, record

ROLE_HEADER = "# yaml-language-server: $schema=../schema/role.schema.json\n"
"""The first line of a new role file, as `rolebook new` writes it."""


class Refused(Exception):
    """A save or a read the editor does not do; the message is for the user."""


def _represent_none(representer: RoundTripRepresenter, data: None) -> Any:
    return representer.represent_scalar("tag:yaml.org,2002:null", "null")


def _yaml() -> YAML:
    """ruamel.yaml set up as the project writes YAML: two-space indents, list items indented
    under their key, long lines left long, null written out."""
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.representer.add_representer(type(None), _represent_none)
    return yaml


@dataclass(frozen=True)
class Project:
    """Where the editor reads and writes: the project folder (paths in the editor are relative
    to it) and its roles folder."""

    root: Path
    roles_dir: Path

    @property
    def roles_path(self) -> str:
        """The roles folder relative to the project, e.g. "roles"."""
        return self.roles_dir.resolve().relative_to(self.root.resolve()).as_posix()

    def languages(self) -> Languages:
        """The organisation's languages (as the loader reads them, with the same defaults)."""
        org = Organisation()
        languages, default = list(org.languages), org.default_language
        path = self.roles_dir / "library" / "organisation.yml"
        source = load_bytes(path.read_bytes(), path.name)[0] if path.is_file() else None
        data = source.data if source is not None and isinstance(source.data, dict) else {}
        if isinstance(data.get("languages"), list):
            languages = [str(lang) for lang in data["languages"]]
        if isinstance(data.get("default_language"), str):
            default = data["default_language"]
        return Languages.of(languages, default)

    def locate(self, path: str) -> tuple[Path, Record]:
        """The file a path of the editor names and the shape of its content: a role file in the
        roles folder or a file of its library. Anything else is refused."""
        parts = Path(path).parts
        roles = Path(self.roles_path).parts
        if tuple(parts[: len(roles)]) != roles or ".." in parts:
            raise Refused(f"{path}: not a file of the roles folder")
        rest = parts[len(roles) :]
        if len(rest) == 1 and rest[0].endswith(".yml") and not rest[0].startswith("."):
            return self.roles_dir / rest[0], record(Role)
        if len(rest) == 2 and rest[0] == "library" and rest[1].endswith(".yml"):
            name = rest[1][: -len(".yml")]
            if name in LIBRARY_FILES:
                return self.roles_dir / "library" / rest[1], record(LIBRARY_FILES[name])
        raise Refused(f"{path}: not a role or library file")


def _sha(data: bytes | None) -> str:
    return hashlib.sha256(data).hexdigest() if data is not None else "-"


class Forms:
    """The version of its file that each open form was made from, so that a save does not
    overwrite what changed in the file since (in another window, or in a text editor). A form's
    token names it and the version it was read at; after a save from it, the version it wrote.
    Two windows on one file have two tokens: the second to save is refused."""

    LIMIT = 10_000

    def __init__(self) -> None:
        self._written: OrderedDict[str, str] = OrderedDict()
        self._lock = threading.Lock()

    def token(self, data: bytes) -> str:
        return f"{secrets.token_hex(8)}:{_sha(data)}"

    def expected(self, token: str) -> str:
        """The version of the file the form holds (as read, or as it last saved)."""
        form, _, read = token.partition(":")
        with self._lock:
            return self._written.get(form, read)

    def saved(self, token: str, data: bytes | None) -> None:
        form = token.partition(":")[0]
        with self._lock:
            self._written[form] = _sha(data)
            self._written.move_to_end(form)
            while len(self._written) > self.LIMIT:
                self._written.popitem(last=False)


def read_form(project: Project, path: str, forms: Forms | None = None) -> str | None:
    """A file's content as the form reads it (as JSON, which Decap's YAML parser reads too
    and which is quicker to write), or None when there is no such file. With `forms`, the
    form's token comes first."""
    target, shape = project.locate(path)
    if not target.is_file():
        return None
    raw = target.read_bytes()
    source, problems = load_bytes(raw, display_path(target))
    if source is None or problems:
        raise Refused("\n".join(str(p) for p in problems))
    data = to_form(shape, source.data, project.languages())
    if forms is not None:
        data = {FORM_KEY: forms.token(raw), **data}
    return json.dumps(data, ensure_ascii=False, indent=1)


_lock = threading.Lock()
"""One save at a time: each checks the folder as the one before it left it."""


def save(project: Project, path: str, raw: str, forms: Forms | None = None) -> list[str]:
    """Write the form's YAML `raw` into the file at `path` (relative to the project), if the
    roles folder passes the checks with it and, with `forms`, the file is still the version
    the form was made from. Returns the warnings; raises Refused with the errors as
    `path:line:col: error: message` lines."""
    target, shape = project.locate(path)
    form, problems = parse_text(raw, f"{path} (from the editor)")
    if form is None or problems or not isinstance(form.data, dict):
        raise Refused("\n".join(str(p) for p in problems) or f"{path}: the form is empty")
    token = form.data.pop(FORM_KEY, None)
    langs = project.languages()
    new = from_form(shape, form.data, langs)
    new = {} if new is EMPTY else new
    if not isinstance(new, dict):
        raise Refused(f"{path}: the form holds no fields")
    with _lock:
        before = target.read_bytes() if target.is_file() else None
        if forms is not None and before is not None:
            _same_version(target, before, token, forms)
        text = merged(
            shape, before, new, langs, fresh_header=ROLE_HEADER if shape.model is Role else ""
        )
        if before is not None and text.encode() == before:
            return []
        warnings = _checked_write(project, target, text.encode())
        if forms is not None and isinstance(token, str):
            forms.saved(token, text.encode())
        return warnings


def _same_version(target: Path, before: bytes, token: Any, forms: Forms) -> None:
    """Refuse a save into a file that is not the version the form was made from: another
    window or program changed it since, or a new role has the id of one that exists."""
    shown = display_path(target)
    if not isinstance(token, str):
        raise Refused(
            f"{shown}: the file exists already and this form was not opened from it; nothing "
            "was written. Give a new role another id, or open the existing one to change it."
        )
    if forms.expected(token) != _sha(before):
        raise Refused(
            f"{shown}: the file changed since this form was opened (in another window or "
            "program); nothing was written, so that those changes are not lost. Reload the "
            "page to see the file as it is now, then make your change again."
        )


def delete(project: Project, path: str) -> None:
    """Remove a role file, if the roles folder passes the checks without it."""
    target, shape = project.locate(path)
    if shape.model is not Role:
        raise Refused(f"{path}: a library file cannot be deleted")
    with _lock:
        if not target.is_file():
            return
        _checked_write(project, target, None)


def _checked_write(project: Project, target: Path, data: bytes | None) -> list[str]:
    """Check the roles folder as it would be with `data` in `target` (None: without it) and
    write it only if that brings no error that is not there now. Returns the warnings."""
    known = _errors_now(project.roles_dir)
    with _shadow(project.roles_dir, target, data) as (shadow, relabel):
        _, after, _ = check_catalog(shadow)
        found = [(d.severity, relabel(d)) for d in after]
    errors = [text for severity, text in found if severity is Severity.ERROR and text not in known]
    if errors:
        raise Refused("\n".join(errors))
    if data is None:
        target.unlink()
    else:
        write_atomic(target, data)
    errors_after = {text for severity, text in found if severity is Severity.ERROR}
    _checked[project.roles_dir] = (_fingerprint(project.roles_dir), errors_after)
    return [text for severity, text in found if severity is Severity.WARNING]


_checked: dict[Path, tuple[list[tuple[str, int, int]], set[str]]] = {}
"""The errors of each roles folder as last checked, with the state of its files then: a save
checks the folder as it is only when a file changed since (in a text editor, say)."""


def _fingerprint(roles_dir: Path) -> list[tuple[str, int, int]]:
    found = []
    for folder, _, files in os.walk(roles_dir):
        for name in files:
            stat = Path(folder, name).stat()
            found.append((os.path.join(folder, name), stat.st_mtime_ns, stat.st_size))
    return sorted(found)


def _errors_now(roles_dir: Path) -> set[str]:
    """The errors `rolebook check` finds in the roles folder now."""
    state = _fingerprint(roles_dir)
    last = _checked.get(roles_dir)
    if last is not None and last[0] == state:
        return last[1]
    _, now, _ = check_catalog(roles_dir)
    errors = {str(d) for d in now if d.severity is Severity.ERROR}
    _checked[roles_dir] = (state, errors)
    return errors


@contextmanager
def _shadow(
    roles_dir: Path, target: Path, data: bytes | None
) -> Iterator[tuple[Path, Callable[[Diagnostic], str]]]:
    """A temporary roles folder: links to every file of `roles_dir` but `target`, which holds
    `data` (or is missing). Yields the folder and a function that writes a diagnostic with the
    real file's name."""
    holder = Path(tempfile.mkdtemp(prefix="rolebook-edit-"))
    shadow = holder / roles_dir.name
    real = roles_dir.resolve()
    replaced = target.resolve()
    try:
        for folder, _, files in os.walk(real):
            here = shadow / Path(folder).relative_to(real)
            here.mkdir(parents=True, exist_ok=True)
            for name in files:
                if Path(folder, name) != replaced:
                    (here / name).symlink_to(Path(folder, name))
        written = shadow / replaced.relative_to(real)
        if data is not None:
            written.parent.mkdir(parents=True, exist_ok=True)
            written.write_bytes(data)
        shown = display_path(target)

        def relabel(diag: Diagnostic) -> str:
            text = str(diag)
            for prefix in (str(written), display_path(written)):
                if text.startswith(prefix + ":"):
                    return shown + text[len(prefix) :]
            return text

        yield shadow, relabel
    finally:
        shutil.rmtree(holder, ignore_errors=True)


# --- merging -------------------------------------------------------------------------------


def merged(
    shape: Record,
    before: bytes | None,
    new: dict[str, Any],
    langs: Languages,
    *,
    fresh_header: str = "",
) -> str:
    """The file's text with `new` (file data, from the form) in place of its content: what did
    not change keeps its text and comments."""
    yaml = _yaml()
    doc: Any = None
    if before is not None:
        try:
            doc = yaml.load(before.decode("utf-8"))
        except (YAMLError, UnicodeDecodeError):
            doc = None
    out = io.StringIO()
    if not isinstance(doc, CommentedMap):
        fresh = _trimmed(shape, new)
        yaml.dump(CommentedMap((key, _node(value)) for key, value in fresh.items()), out)
        return fresh_header + out.getvalue()
    _merge_map(shape, doc, new, langs)
    yaml.dump(doc, out)
    return out.getvalue()


def _plain(node: Any) -> Any:
    """A ruamel value as the loader reads it (dates as text)."""
    if isinstance(node, dict):
        return {key: _plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_plain(value) for value in node]
    if isinstance(node, dt.date):
        return node.isoformat()
    if isinstance(node, str):
        return str(node)
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    return node


def _merge_map(shape: Record, doc: CommentedMap, new: dict[str, Any], langs: Languages) -> None:
    fields = {f.name: f for f in shape.fields}
    for key in list(doc.keys()):
        if key in new:
            continue
        field = fields.get(key)
        if field is not None and canonical(field.shape, _plain(doc[key]), langs) is not EMPTY:
            del doc[key]
    order = [f.name for f in shape.fields]
    for key, value in new.items():
        field = fields.get(key)
        if key in doc:
            if field is None:
                continue
            replaced = _merged(field.shape, doc[key], value, langs)
            if replaced is not doc[key]:
                doc[key] = replaced
            continue
        if field is not None and value == field.default:
            continue  # the default, which the file left out: still left out
        at = len(doc)
        if key in order:
            later = order[order.index(key) + 1 :]
            at = next((i for i, k in enumerate(doc.keys()) if k in later), len(doc))
        doc.insert(at, key, _node(_trimmed(field.shape, value) if field else value))


def _merged(shape: Shape, node: Any, new: Any, langs: Languages) -> Any:
    """`node` with `new` in it: the same object when it was changed in place or not at all."""
    if canonical(shape, _plain(node), langs) == new:
        return node
    if isinstance(shape, Record) and isinstance(node, CommentedMap) and isinstance(new, dict):
        _merge_map(shape, node, new, langs)
        return node
    if isinstance(shape, Localised) and isinstance(node, CommentedMap) and isinstance(new, dict):
        for lang in list(node.keys()):
            if lang not in new:
                del node[lang]
        for lang, text in new.items():
            if lang in node:
                node[lang] = _scalar_like(node[lang], text)
            else:
                node.insert(_language_position(node, lang, langs), lang, _node(text))
        return node
    if (
        isinstance(shape, Localised)
        and isinstance(node, str)
        and isinstance(new, dict)
        and list(new) == [langs.default]
    ):
        return _scalar_like(node, new[langs.default])
    if isinstance(shape, Sequence) and isinstance(node, CommentedSeq) and isinstance(new, list):
        for i, value in enumerate(new):
            if i < len(node):
                replaced = _merged(shape.item, node[i], value, langs)
                if replaced is not node[i]:
                    node[i] = replaced
            else:
                node.append(_node(_trimmed(shape.item, value)))
        del node[len(new) :]
        return node
    if isinstance(new, dict | list):
        return _node(_trimmed(shape, new))
    return _scalar_like(node, new)


def _trimmed(shape: Shape, value: Any) -> Any:
    """New data without the optional fields that hold their default (`core: false`)."""
    if isinstance(shape, Record) and isinstance(value, dict):
        fields = {f.name: f for f in shape.fields}
        return {
            key: _trimmed(fields[key].shape, item) if key in fields else item
            for key, item in value.items()
            if key not in fields or fields[key].required or item != fields[key].default
        }
    if isinstance(shape, Sequence) and isinstance(value, list):
        return [_trimmed(shape.item, item) for item in value]
    return value


def _language_position(node: CommentedMap, lang: str, langs: Languages) -> int:
    if lang not in langs.codes:
        return len(node)
    later = langs.codes[langs.codes.index(lang) + 1 :]
    return next((i for i, k in enumerate(node.keys()) if k in later), len(node))


def _scalar_like(node: Any, value: Any) -> Any:
    """`value` written as `node` was (quoted stays quoted), or as a block if it has lines."""
    if isinstance(value, str):
        if "\n" in value.strip("\n"):
            return LiteralScalarString(value)
        if isinstance(node, ScalarString) and not isinstance(node, LiteralScalarString):
            return type(node)(value)
    return value


_FLOW_LIMIT = 70
"""A new mapping or list of scalars up to this many characters is written on one line."""


def _node(value: Any) -> Any:
    """New data as ruamel nodes: a short mapping or list of plain values in flow style, as the
    project's files write them (`{nl: ..., en: ...}`, `{id: ..., level: 3}`, `[a, b]`); the
    rest in block style."""
    if isinstance(value, dict):
        node = CommentedMap((key, _node(item)) for key, item in value.items())
        if _flat(value.values()) and _flat_length(value) <= _FLOW_LIMIT:
            node.fa.set_flow_style()
        return node
    if isinstance(value, list):
        seq = CommentedSeq(_node(item) for item in value)
        if _flat(value) and _flat_length(value) <= _FLOW_LIMIT:
            seq.fa.set_flow_style()
        return seq
    return _scalar_like(None, value)


def _flat(values: Iterable[Any]) -> bool:
    return all(not isinstance(v, dict | list) for v in values)


def _flat_length(value: Any) -> int:
    """The length of a value on one line, or more than the limit if it cannot be on one."""
    if isinstance(value, dict):
        return sum(len(str(k)) + 2 + _flat_length(v) for k, v in value.items()) + 2
    if isinstance(value, list):
        return sum(_flat_length(v) + 2 for v in value) + 2
    if isinstance(value, str) and "\n" in value:
        return _FLOW_LIMIT + 1
    return len(str(value))
