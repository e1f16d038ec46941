"""Role text is untrusted: inline Markdown becomes HTML, and that HTML is sanitised.

markdown-it renders with raw HTML off (so `<script>` arrives as text) and refuses javascript:,
vbscript:, file: and data: links; nh3 then keeps only a few tags and safe URL schemes.
"""

from __future__ import annotations

from functools import cache, lru_cache

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

ALLOWED_TAGS = {"p", "em", "strong", "a", "code", "br", "ul", "ol", "li"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}


@cache
def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


def _clean(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


TEXTS_REMEMBERED = 50_000
"""Role and library texts recur on many pages (a competency's level texts on every profile,
assessment and print document that requires it): each is rendered once, within this bound."""


@lru_cache(maxsize=TEXTS_REMEMBERED)
def inline_html(text: str) -> Markup:
    """One line of role text (an item, a title) as safe inline HTML."""
    return Markup(_clean(_markdown().renderInline(text)).strip())


@lru_cache(maxsize=TEXTS_REMEMBERED)
def block_html(text: str) -> Markup:
    """A paragraph or more of role text as safe HTML."""
    return Markup(_clean(_markdown().render(text)).strip())
