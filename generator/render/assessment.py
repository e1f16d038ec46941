"""The printable gap report of a self-assessment."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..assessment import AssessmentFile, assessment_gap
from ..catalog import Catalog
from ..i18n import Translator
from .environment import environment
from .pdf import PdfSettings, pdf_from_html


def write_assessment_pdf(
    cat: Catalog, answers: AssessmentFile, role_id: str, against: str, lang: str, target: Path
) -> Path:
    t = Translator(lang, cat.default_language)
    html = (
        environment()
        .get_template("print/assessment.html.j2")
        .render(
            t=t,
            role=cat.roles[role_id],
            against=cat.roles[against],
            answers=answers,
            result=assessment_gap(cat, answers, against),
            notes={cid: a.note for cid, a in answers.answers.items() if a.note},
            org_name=t.text(cat.organisation.name) if cat.organisation.name else "",
        )
    )
    identifier = hashlib.sha256(answers.model_dump_json().encode()).hexdigest()[:32].encode()
    data = pdf_from_html(html, t, PdfSettings(), identifier, name=f"assessment of '{role_id}'")
    target.write_bytes(data)
    return target
