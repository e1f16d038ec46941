"""A kind of document, and the context of the build that makes it.

A kind says what it exists for (its scope: one role, one family, a step between two roles, a
version of a role, the whole catalog), where its page, PDF or file goes in each language, how its
page and its print HTML are made, and what identifies its subject's version (for the PDF's /ID
and the cache key). The plan (siteplan.py) asks every kind of the registry for its documents."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Generic, Literal, TypeVar

from ..catalog import Catalog
from ..history.revisions import History
from ..i18n import Translator
from ..render.links import Links, Paths, page_url
from ..render.printing import PdfSettings, PrintDocument, pdf_identifier

Scope = Literal["role", "family", "step", "version", "catalog"]
S = TypeVar("S")
Ids = tuple[str, ...]


@dataclass(frozen=True, order=True)
class Document:
    """One document of a build: its kind, the ids of its subject (none for the catalog, a role
    id, a family id, two role ids for a step) and its language. Ids are kept apart, never joined
    into one string."""

    kind: str
    ids: Ids
    lang: str

    @property
    def name(self) -> str:
        subject = " -> ".join(f"'{i}'" for i in self.ids) or "the catalog"
        return f"{self.kind} of {subject} ({self.lang})"


@dataclass
class Context:
    """One build in one language: what every document of it is made with."""

    cat: Catalog
    lang: str
    paths: Paths
    use_directory_urls: bool = True
    pdfs: bool = True
    edit_url: str | None = None
    settings: PdfSettings = field(default_factory=PdfSettings)
    history: History | None = None
    quality: Mapping[str, Any] = field(default_factory=dict)
    """rolebook lint's findings per role id, for the editors' quality section."""
    word_template: Path | None = None

    @property
    def t(self) -> Translator:
        return Translator(self.lang, self.cat.default_language)

    def links(self, docs_path: str = "") -> Links:
        """Links from the page at `docs_path` (relative to docs/)."""
        return Links(
            from_url=page_url(docs_path, self.use_directory_urls) if docs_path else "",
            paths=self.paths,
            use_directory_urls=self.use_directory_urls,
            pdfs=self.pdfs,
            edit_url=self.edit_url,
        )


def _fill(pattern: str | Mapping[str, str] | None, ids: Ids, lang: str) -> str | None:
    if pattern is None:
        return None
    chosen = pattern if isinstance(pattern, str) else pattern.get(lang, pattern["*"])
    return chosen.format(*ids)


class DocumentKind(Generic[S]):
    """The base of every kind: override what the kind has (a page, a PDF, a file)."""

    id: ClassVar[str]
    scope: ClassVar[Scope]
    page: ClassVar[str | Mapping[str, str] | None] = None
    """The docs-relative path of its page: a pattern with {0}, {1} for the subject's ids, or a
    mapping of language to pattern ("*" for the others)."""
    pdf: ClassVar[str | Mapping[str, str] | None] = None
    """The site-relative path of its PDF."""
    file: ClassVar[str | Mapping[str, str] | None] = None
    """The site-relative path of a file it makes (an export, a script)."""
    cached: ClassVar[bool] = True
    """Whether its file is made in the background and kept in the cache (exports), or made at
    once (small files)."""
    in_nav: ClassVar[bool] = True
    forms: ClassVar[bool] = False
    """Its PDF has fillable fields."""

    # --- what exists ------------------------------------------------------------------------

    def ids(self, ctx: Context) -> Iterable[Ids]:
        """The ids of every subject of this kind in the build."""
        raise NotImplementedError

    def subject(self, ctx: Context, ids: Ids) -> S:
        """The subject with these ids (KeyError when there is none)."""
        raise NotImplementedError

    def has_pdf(self, ctx: Context, ids: Ids) -> bool:
        return self.pdf is not None

    # --- where it goes ----------------------------------------------------------------------

    def page_path(self, ids: Ids, lang: str) -> str | None:
        return _fill(self.page, ids, lang)

    def pdf_path(self, ids: Ids, lang: str) -> str | None:
        return _fill(self.pdf, ids, lang)

    def file_path(self, ids: Ids, lang: str) -> str | None:
        return _fill(self.file, ids, lang)

    # --- how it is made ---------------------------------------------------------------------

    def version(self, subject: S) -> str:
        """What identifies the subject's version; with the print HTML it names the PDF."""
        raise NotImplementedError

    def markdown(self, ctx: Context, subject: S, links: Links) -> str:
        """The page's Markdown."""
        raise NotImplementedError

    def print_html(self, ctx: Context, subject: S) -> str:
        """The HTML that WeasyPrint lays out."""
        raise NotImplementedError

    def make_file(self, ctx: Context, subject: S) -> bytes:
        """The bytes of its file."""
        raise NotImplementedError

    def file_key(self, ctx: Context, subject: S) -> str:
        """Everything its file's bytes depend on besides the code (cached files)."""
        raise NotImplementedError

    def print_document(self, ctx: Context, ids: Ids, subject: S) -> PrintDocument:
        return PrintDocument(
            html=self.print_html(ctx, subject),
            lang=ctx.lang,
            default_language=ctx.cat.default_language,
            identifier=pdf_identifier(f"{self.id}|{self.version(subject)}|{ctx.lang}"),
            forms=self.forms,
            name=Document(self.id, ids, ctx.lang).name,
        )


class RoleKind(DocumentKind[Any]):
    """A document per role."""

    scope = "role"

    def ids(self, ctx: Context) -> Iterable[Ids]:
        return ((role_id,) for role_id in ctx.cat.roles)

    def subject(self, ctx: Context, ids: Ids) -> Any:
        return ctx.cat.roles[ids[0]]

    def version(self, subject: Any) -> str:
        return f"{subject.id}|{subject.meta.version}"
