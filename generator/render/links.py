"""Where generated things live on the site, as URLs relative to the page that links to them."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass


def role_page_path(role_id: str) -> str:
    """The docs-relative path of a role's page."""
    return f"roles/{role_id}.md"


def onboarding_page_path(role_id: str) -> str:
    """The docs-relative path of a role's onboarding checklist page."""
    return f"onboarding/{role_id}.md"


def profile_page_path(role_id: str) -> str:
    return f"competencies/{role_id}.md"


def assessment_page_path(role_id: str) -> str:
    return f"assessment/{role_id}.md"


def family_page_path(family_id: str) -> str:
    return f"families/{family_id}.md"


def plan_page_path(source_id: str, target_id: str) -> str:
    return f"plans/{plan_id(source_id, target_id)}.md"


def plan_id(source_id: str, target_id: str) -> str:
    """A development plan's id; `--` cannot occur inside a role id's own hyphen runs safely,
    so ids are joined with a double hyphen and split on the first one."""
    return f"{source_id}--{target_id}"


def change_page_path(role_id: str, version_slug: str) -> str:
    """The docs-relative path of a change notice: what changed in one version of a role."""
    return f"changes/{role_id}/{version_slug}.md"


LIBRARY_PAGE_PATH = "competency-library.md"
EXPORTS = {
    "json": "exports/catalog.json",
    "csv": "exports/competencies.csv",
    "xlsx": "exports/competencies.xlsx",
}
"""The catalog exports on the site, by format."""


ASSESSMENT_ROLES_PATH = "assets/rolebook/assessment-roles.js"
"""Every role's required levels, for the self-assessment's "compare with": one script per site
that the browser caches, rather than a copy in each assessment page (which made the pages, and
the build, grow with the square of the number of roles)."""


def docx_path(role_id: str) -> str:
    return f"docx/{role_id}.docx"


def pdf_path(kind: str, subject_id: str) -> str:
    """The site-relative path of a PDF: the job description is pdf/ID.pdf, others pdf/KIND-ID.pdf."""
    return f"pdf/{subject_id}.pdf" if kind == "job" else f"pdf/{kind}-{subject_id}.pdf"


def notice_pdf_path(role_id: str, version_slug: str) -> str:
    """The site-relative path of a change notice's PDF."""
    return f"pdf/changes-{role_id}-{version_slug}.pdf"


def role_source_path(role_id: str) -> str:
    """The site-relative path of the published copy of a role's YAML file."""
    return f"roles/{role_id}.yml"


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
    use_directory_urls: bool = True
    pdfs: bool = True
    edit_url: str | None = None
    """A template with {path} (the role file's path in the repository), or None for the
    published copy of the YAML file."""
    publish_sources: bool = True
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

    def role(self, role_id: str) -> str:
        return self._relative(page_url(role_page_path(role_id), self.use_directory_urls))

    def role_or_none(self, role_id: str) -> str | None:
        return self.role(role_id) if self.pages else None

    def pdf(self, role_id: str) -> str | None:
        return self.pdf_of("job", role_id)

    def page(self, docs_path: str) -> str:
        """A hand-written page, by its path in docs/."""
        return self._relative(page_url(docs_path, self.use_directory_urls))

    def onboarding(self, role_id: str) -> str:
        return self.page(onboarding_page_path(role_id))

    def onboarding_pdf(self, role_id: str) -> str | None:
        return self.pdf_of("onboarding", role_id)

    def profile(self, role_id: str) -> str:
        return self.page(profile_page_path(role_id))

    def assessment(self, role_id: str) -> str:
        return self.page(assessment_page_path(role_id))

    def assessment_roles(self) -> str:
        return self._relative(ASSESSMENT_ROLES_PATH)

    def family(self, family_id: str) -> str:
        return self.page(family_page_path(family_id))

    def library(self) -> str:
        return self.page(LIBRARY_PAGE_PATH)

    def docx(self, role_id: str) -> str | None:
        return self._relative(docx_path(role_id)) if self.pages else None

    def export(self, fmt: str) -> str:
        return self._relative(EXPORTS[fmt])

    def plan(self, source_id: str, target_id: str) -> str | None:
        return self.page(plan_page_path(source_id, target_id)) if self.pages else None

    def change(self, role_id: str, version_slug: str) -> str | None:
        return self.page(change_page_path(role_id, version_slug)) if self.pages else None

    def pdf_notice(self, role_id: str, version_slug: str) -> str | None:
        return self._relative(notice_pdf_path(role_id, version_slug)) if self.pdfs else None

    def pdf_of(self, kind: str, subject_id: str) -> str | None:
        return self._relative(pdf_path(kind, subject_id)) if self.pdfs else None

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
        if self.edit_url:
            return self.edit_url.format(path=f"roles/{role_id}.yml")
        return self._relative(role_source_path(role_id)) if self.publish_sources else None
