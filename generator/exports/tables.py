"""The whole catalog as JSON (inheritance applied), and the competency matrix as CSV and XLSX."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

from ..catalog import Catalog
from ..i18n import Translator
from .stable import stable_zip


def catalog_json(cat: Catalog) -> str:
    """Every role (resolved) and the library, as one JSON document."""
    data: dict[str, Any] = {
        "organisation": cat.organisation.model_dump(mode="json", by_alias=True),
        "scales": [s.model_dump(mode="json") for s in cat.scales.values()],
        "competencies": [c.model_dump(mode="json") for c in cat.competencies.values()],
        "families": [f.model_dump(mode="json") for f in cat.families.values()],
        "training": [x.model_dump(mode="json", by_alias=True) for x in cat.training.values()],
        "onboarding": cat.onboarding.model_dump(mode="json"),
        "roles": [r.model_dump(mode="json", by_alias=True) for r in cat.roles.values()],
    }
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a cell as a formula (OWASP, CSV injection)."""


def inert(value: Any) -> Any:
    """A text cell that no spreadsheet runs as a formula: prefixed with an apostrophe, as OWASP
    advises for CSV. Numbers pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _ordered_roles(cat: Catalog) -> list[Any]:
    return [r for f in cat.families.values() for r in cat.family_roles(f.id)]


def matrix_csv(cat: Catalog, lang: str) -> str:
    """Competencies (rows) by roles (columns, in ladder order): the required levels."""
    t = Translator(lang, cat.default_language)
    roles = _ordered_roles(cat)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["competency", t.label("competency"), "type", *[r.id for r in roles]])
    for comp in cat.competencies.values():
        levels = {r.id: {n.id: n.level for n in r.competencies}.get(comp.id, "") for r in roles}
        row = [comp.id, t.text(comp.name), comp.type, *[levels[r.id] for r in roles]]
        writer.writerow([inert(cell) for cell in row])
    return out.getvalue()


def matrix_xlsx(cat: Catalog, lang: str) -> bytes:
    """One sheet per family (its ladder) and one for the library (all roles)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    t = Translator(lang, cat.default_language)
    book = Workbook()
    # the date of the newest role, not the time of writing: the same roles give the same bytes
    newest = max((r.meta.effective for r in cat.roles.values()), default=dt.date(2000, 1, 1))
    stamp = dt.datetime.combine(newest, dt.time())
    book.properties.created = stamp
    book.properties.modified = stamp
    book.properties.creator = "Rolebook"
    book.remove(book.active)

    def sheet(title: str, roles: list[Any], competencies: list[Any]) -> None:
        ws = book.create_sheet(title[:31])
        ws.append([t.label("competency"), "id", *[t.text(r.title) for r in roles]])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for comp in competencies:
            levels = [{n.id: n.level for n in r.competencies}.get(comp.id) for r in roles]
            ws.append([t.text(comp.name), comp.id, *levels])
        for row in ws.iter_rows():
            for cell in row:
                # role text is never a formula: openpyxl stores "=..." as one unless told
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
                    cell.data_type = "s"
        ws.column_dimensions["A"].width = 40
        ws.freeze_panes = "C2"

    for family in cat.families.values():
        roles = cat.family_roles(family.id)
        if roles:
            used = {n.id for r in roles for n in r.competencies}
            sheet(
                t.text(family.name), roles, [c for c in cat.competencies.values() if c.id in used]
            )
    sheet(t.label("competency_library"), _ordered_roles(cat), list(cat.competencies.values()))
    out = io.BytesIO()
    book.save(out)
    return stable_zip(out.getvalue(), newest)
