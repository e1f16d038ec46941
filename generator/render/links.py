"""Links from one page to the others, as URLs relative to that page. Where each document lives
is not known here: the document registry says it, through the `Paths` a build passes in."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import Protocol


class Paths(Protocol):
    """Where the documents of one build live (the registry of document kinds implements it)."""

    def page(self, kind: str, ids: tuple[str, ...]) -> str | None:
        """The docs-relative path of a page, e.g. roles/accountmanager.md."""

    def pdf(self, kind: str, ids: tuple[str, ...]) -> str | None:
        """The site-relative path of a PDF."""

    def file(self, kind: str, ids: tuple[str, ...]) -> str | None:
        """The site-relative path of another file (an export, a script, a role's source)."""


def page_url(docs_path: str, use_directory_urls: bool) -> str:
    """The site-relative URL MkDocs gives a Markdown page."""
    stem = docs_path.removesuffix(".md")
    if not use_directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


@dataclass(frozen=True)
class Links:
    """Links from one page (at site-relative URL `from_url`) to the generated documents."""

    from_url: str = ""
    paths: Paths | None = None
    """None: no document has a place (print, or a page rendered on its own)."""
    use_directory_urls: bool = True
    pdfs: bool = True
    edit_url: str | None = None
    """Where a role is edited: a template with {path} (the role file's path in the repository);
    None: role pages have no edit link."""
    pages: bool = True
    """False in print: links between site pages mean nothing on paper."""

    def _relative(self, target: str) -> str:
        base = (
            posixpath.dirname(self.from_url)
            if not self.from_url.endswith("/")
            else self.from_url.rstrip("/")
        )
        rel = posixpath.relpath(target or ".", base or ".")
        return rel + ("/" if target.endswith("/") and not rel.endswith("/") else "")

    # --- by kind: what the templates of a new kind of document use --------------------------

    def page_of(self, kind: str, *ids: str) -> str | None:
        """The page of a document, e.g. page_of("onboarding", role.id)."""
        path = self.paths.page(kind, ids) if self.paths and self.pages else None
        return self.page(path) if path else None

    def pdf_of(self, kind: str, *ids: str) -> str | None:
        path = self.paths.pdf(kind, ids) if self.paths and self.pdfs else None
        return self._relative(path) if path else None

    def file_of(self, kind: str, *ids: str) -> str | None:
        path = self.paths.file(kind, ids) if self.paths and self.pages else None
        return self._relative(path) if path else None

    def page(self, docs_path: str) -> str:
        """A page by its path in docs/ (hand-written or generated)."""
        return self._relative(page_url(docs_path, self.use_directory_urls))

    # --- the existing documents, by name ----------------------------------------------------

    def role(self, role_id: str) -> str | None:
        return self.page_of("job", role_id)

    def role_or_none(self, role_id: str) -> str | None:
        return self.role(role_id)

    def pdf(self, role_id: str) -> str | None:
        return self.pdf_of("job", role_id)

    def onboarding(self, role_id: str) -> str | None:
        return self.page_of("onboarding", role_id)

    def onboarding_pdf(self, role_id: str) -> str | None:
        return self.pdf_of("onboarding", role_id)

    def profile(self, role_id: str) -> str | None:
        return self.page_of("profile", role_id)

    def assessment(self, role_id: str) -> str | None:
        return self.page_of("assessment", role_id)

    def assessment_roles(self) -> str | None:
        return self.file_of("assessment-roles")

    def family(self, family_id: str) -> str | None:
        return self.page_of("family", family_id)

    def library(self) -> str | None:
        return self.page_of("library")

    def docx(self, role_id: str) -> str | None:
        return self.file_of("docx", role_id)

    def export(self, fmt: str) -> str | None:
        return self.file_of(f"catalog-{fmt}")

    def plan(self, source_id: str, target_id: str) -> str | None:
        return self.page_of("plan", source_id, target_id)

    def change(self, role_id: str, version_slug: str) -> str | None:
        return self.page_of("notice", role_id, version_slug)

    def pdf_notice(self, role_id: str, version_slug: str) -> str | None:
        return self.pdf_of("notice", role_id, version_slug)

    def item(self, role_id: str, link: str | None) -> str | None:
        """Where an onboarding item's link points: a training, the competencies, or a page."""
        if not link or not self.pages:
            return None
        if link.startswith("training:"):
            return f"{self.role(role_id)}#training-{link.removeprefix('training:')}"
        if link == "competencies":
            return self.profile(role_id)
        return self.page(link)

    def edit(self, role_id: str) -> str | None:
        if not self.edit_url or not self.pages:
            return None
        return self.edit_url.format(path=f"roles/{role_id}.yml")
