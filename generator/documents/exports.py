"""Downloads of the site: a Word job description per role, the catalog as JSON, and the
competency matrix as CSV and XLSX. The exports are made in the background and kept in the
cache. The role files themselves are not published: the edit link points at the repository."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import ClassVar

from ..catalog import Catalog
from ..exports.docx import role_docx
from ..exports.tables import catalog_json, matrix_csv, matrix_xlsx
from ..model import Role
from .kind import Context, DocumentKind, Ids, RoleKind


class WordJobDescription(RoleKind):
    id = "docx"
    file = "docx/{0}.docx"

    def make_file(self, ctx: Context, subject: Role) -> bytes:
        return role_docx(ctx.cat, subject, ctx.lang, ctx.word_template)

    def file_key(self, ctx: Context, subject: Role) -> str:
        # a job description names other roles by their titles: the manager, the roles it
        # leads, the approvers of its mandates and its next steps
        cat = ctx.cat
        named = [
            subject.reports_to,
            *(m.role for m in subject.manages),
            *(m.approval_by for m in subject.mandates),
            *subject.career.next,
        ]
        titles = [cat.roles[n].title.model_dump_json() for n in named if n in cat.roles]
        template = ctx.word_template.read_bytes().hex() if ctx.word_template else ""
        return json.dumps([subject.model_dump_json(), titles, template])


class CatalogExport(DocumentKind[Catalog]):
    scope = "catalog"
    writer: ClassVar[str]

    def ids(self, ctx: Context) -> Iterable[Ids]:
        return [()]

    def subject(self, ctx: Context, ids: Ids) -> Catalog:
        return ctx.cat

    def file_key(self, ctx: Context, subject: Catalog) -> str:
        return json.dumps([[rid, r.model_dump_json()] for rid, r in subject.roles.items()])


class CatalogJson(CatalogExport):
    id = "catalog-json"
    file = "exports/catalog.json"

    def make_file(self, ctx: Context, subject: Catalog) -> bytes:
        return catalog_json(subject).encode()


class MatrixCsv(CatalogExport):
    id = "catalog-csv"
    file = "exports/competencies.csv"

    def make_file(self, ctx: Context, subject: Catalog) -> bytes:
        return matrix_csv(subject, ctx.lang).encode()


class MatrixXlsx(CatalogExport):
    id = "catalog-xlsx"
    file = "exports/competencies.xlsx"

    def make_file(self, ctx: Context, subject: Catalog) -> bytes:
        return matrix_xlsx(subject, ctx.lang)


KINDS = (WordJobDescription(), CatalogJson(), MatrixCsv(), MatrixXlsx())
