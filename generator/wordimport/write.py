"""The draft as a role file: the fields in the order of the YAML reference, in the block style of
the shipped roles, with a comment above each group of notes saying where its text came from."""

from __future__ import annotations

from typing import Any

import yaml

from ..model import Role
from .builder import Kept

HEAD = """\
# yaml-language-server: $schema=../schema/role.schema.json
# A draft imported by `rolebook import` from "{source}".
# Check each field against the document, replace every TODO, move the notes to their fields,
# then run `rolebook check`.
"""


class Quoted(str):
    """A value that must stay text, written in double quotes as the YAML reference asks:
    versions and grade ids ("1.10" and "8" would read as numbers)."""


class _Dumper(yaml.SafeDumper):
    """List items indented under their key, as the shipped roles write them."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _string(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    # several paragraphs read best as a literal block; PyYAML quotes what a block cannot hold
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _quoted(dumper: yaml.SafeDumper, value: Quoted) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style='"')


_Dumper.add_representer(str, _string)
_Dumper.add_representer(Quoted, _quoted)


def _dump(data: Any) -> str:
    return yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=10_000,
        default_flow_style=False,
    )


def role_text(data: dict[str, Any], kept: list[Kept], notes: list[Any], source: str) -> str:
    """The YAML of a draft role; `notes` are the kept texts in the role's text form, in the order
    of `kept`."""
    order = [name for name in Role.model_fields if name in data and name != "notes"]
    body = _dump({name: data[name] for name in order}) if order else ""
    text = HEAD.format(source=source) + body
    if not notes:
        return text
    lines = ["notes:  # imported text not yet placed: move each item to its field, then delete it"]
    position = 0
    for group in kept:
        lines.append(f"  # {group.source}: {group.reason}")
        for note in notes[position : position + len(group.texts)]:
            item = _dump([note]).rstrip("\n").splitlines()
            lines.extend("  " + line for line in item)
        position += len(group.texts)
    return text + "\n".join(lines) + "\n"
