"""The registry of document kinds: every kind a build makes, in the order its pages are made.
Adding a kind is one module (a DocumentKind subclass and its templates) and one entry here."""

from __future__ import annotations

from typing import Any

from ..catalog import Catalog
from . import (
    architecture,
    assessment,
    development_plan,
    exports,
    family,
    indexes,
    interview,
    job,
    library,
    notice,
    onboarding,
    recruitment,
    vacancy,
    workmethod,
)
from . import profile as competency_profile
from .kind import Context, DocumentKind, Ids

KINDS: tuple[DocumentKind[Any], ...] = (
    job.KIND,
    workmethod.KIND,
    notice.KIND,
    onboarding.KIND,
    competency_profile.KIND,
    assessment.KIND,
    development_plan.KIND,
    family.KIND,
    library.KIND,
    architecture.KIND,
    vacancy.KIND,
    interview.KIND,
    recruitment.KIND,
    *indexes.KINDS,
    indexes.RoleChangesIndex(),
    assessment.ROLES,
    *exports.KINDS,
)
BY_ID: dict[str, DocumentKind[Any]] = {kind.id: kind for kind in KINDS}
assert len(BY_ID) == len(KINDS), "two kinds share an id"


def kind(kind_id: str) -> DocumentKind[Any]:
    """The kind with this id (KeyError naming the known ones)."""
    try:
        return BY_ID[kind_id]
    except KeyError:
        raise KeyError(f"no document kind '{kind_id}' (kinds: {', '.join(BY_ID)})") from None


class SitePaths:
    """Where every kind's documents live in one language: the `Paths` that links use."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def page(self, kind_id: str, ids: Ids) -> str | None:
        return kind(kind_id).page_path(ids, self.lang)

    def pdf(self, kind_id: str, ids: Ids) -> str | None:
        return kind(kind_id).pdf_path(ids, self.lang)

    def file(self, kind_id: str, ids: Ids) -> str | None:
        return kind(kind_id).file_path(ids, self.lang)


def build_context(cat: Catalog, lang: str, **options: Any) -> Context:
    """The context of a build in `lang`, with the registry's paths (options: see Context)."""
    return Context(cat, lang, SitePaths(lang), **options)
