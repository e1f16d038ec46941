"""The competency library: one page with every competency and the roles that need it."""

from __future__ import annotations

from collections.abc import Iterable

from ..catalog import Catalog
from ..render.links import Links
from ..render.markdown import library_page
from .kind import Context, DocumentKind, Ids


class CompetencyLibrary(DocumentKind[Catalog]):
    id = "library"
    scope = "catalog"
    page = "competency-library.md"

    def ids(self, ctx: Context) -> Iterable[Ids]:
        return [()]

    def subject(self, ctx: Context, ids: Ids) -> Catalog:
        return ctx.cat

    def markdown(self, ctx: Context, subject: Catalog, links: Links) -> str:
        return library_page(subject, ctx.lang, links)


KIND = CompetencyLibrary()
