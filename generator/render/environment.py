"""The one place that builds the Jinja environments: StrictUndefined everywhere, autoescape for
HTML. Templates get model objects and helpers, never raw dicts."""

from __future__ import annotations

import html
import re
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from .text import block_html, inline_html

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~])")


def md_escape(text: str) -> str:
    """Plain text made inert for Python-Markdown (for link texts in generated Markdown)."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False).replace("\n", " "))


def _yaml_string(text: str) -> str:
    """A double-quoted YAML scalar, for front matter."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return f'"{escaped}"'


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("generator", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html", "md", "j2"), default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["inline"] = inline_html
    env.filters["block"] = block_html
    env.filters["md"] = lambda text: Markup(md_escape(text))
    env.filters["yaml_string"] = lambda text: Markup(_yaml_string(text))
    return env
