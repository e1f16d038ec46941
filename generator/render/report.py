"""The printable gap report of a self-assessment (`rolebook assess --format pdf`)."""

from __future__ import annotations

from ..answers import AssessmentFile, assessment_gap
from ..catalog import Catalog
from ..i18n import Translator
from .environment import environment
from .printing import PrintDocument, pdf_identifier


def assessment_report(
    cat: Catalog, answers: AssessmentFile, role_id: str, against: str, lang: str
) -> PrintDocument:
    """The print document of a gap report: the answers against a role's levels."""
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
    return PrintDocument(
        html=html,
        lang=lang,
        default_language=cat.default_language,
        identifier=pdf_identifier(answers.model_dump_json()),
        forms=False,
        name=f"assessment of '{role_id}'",
    )
