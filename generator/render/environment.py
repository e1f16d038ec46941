"""The one place that builds the Jinja environments: StrictUndefined everywhere, autoescape for
HTML. Templates get model objects and helpers, never raw dicts."""

from __future__ import annotations

import html
import re
from functools import cache

from jinja2 import (
    Environment,
    FileSystemBytecodeCache,
    PackageLoader,
    StrictUndefined,
    select_autoescape,
)
from markupsafe import Markup

from .text import block_html, inline_html

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~])")


def md_escape(text: str) -> str:
    """Plain text made inert for Python-Markdown (for link texts in generated Markdown)."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False).replace("\n", " "))


def front_matter_string(text: str) -> str:
    """A double-quoted YAML scalar for front matter. MkDocs treats a page's title and description
    as HTML and themes print them unescaped, so role text is HTML-escaped first."""
    escaped = html.escape(text.replace("\n", " "), quote=True)
    escaped = escaped.replace("\\", "\\\\").replace('"', '\\"')
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
        # compiled templates kept between runs (a per-user folder in the temp dir, checked
        # against each template's source): compiling them took half a second of every build
        bytecode_cache=FileSystemBytecodeCache(),
    )
    env.filters["inline"] = inline_html
    env.filters["block"] = block_html
    env.filters["md"] = lambda text: Markup(md_escape(text))
    env.filters["front_matter"] = lambda text: Markup(front_matter_string(text))
    return env
