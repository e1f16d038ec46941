"""The plan of a build in one language: every page, PDF and file it makes, as data. The MkDocs
plugin, `rolebook build`, `rolebook pdf`, the links and the cache all read it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .kind import Context, Document, DocumentKind
from .registry import KINDS


@dataclass(frozen=True)
class Planned:
    """One document of the plan and where its outputs go."""

    document: Document
    page: str | None
    """The docs-relative path of its page."""
    pdf: str | None
    """The site-relative path of its PDF."""
    file: str | None
    """The site-relative path of its file."""
    in_nav: bool = True

    @property
    def kind(self) -> DocumentKind[Any]:
        from .registry import kind

        return kind(self.document.kind)


def site_plan(ctx: Context) -> Iterator[Planned]:
    """Every document of the build, kind by kind in the registry's order."""
    for kind in KINDS:
        for ids in kind.ids(ctx):
            yield Planned(
                document=Document(kind.id, tuple(ids), ctx.lang),
                page=kind.page_path(ids, ctx.lang),
                pdf=kind.pdf_path(ids, ctx.lang) if kind.has_pdf(ctx, ids) else None,
                file=kind.file_path(ids, ctx.lang),
                in_nav=kind.in_nav,
            )


def render_markdown(ctx: Context, planned: Planned) -> str:
    """The Markdown of a planned page."""
    kind = planned.kind
    assert planned.page is not None
    subject = kind.subject(ctx, planned.document.ids)
    return kind.markdown(ctx, subject, ctx.links(planned.page))


def cached_files(plan: Iterable[Planned]) -> list[tuple[Document, str]]:
    """The plan's files made in the background and kept in the cache (the exports)."""
    return [(p.document, p.file) for p in plan if p.file and p.kind.cached]
