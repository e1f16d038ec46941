"""A role as a schema.org Occupation (JSON-LD), for job sites, HR suites and search engines."""

from __future__ import annotations

from typing import Any

from ..catalog import Catalog
from ..i18n import Translator
from ..model import Role

ISCO_SET = "ISCO-08"
ESCO_SET = "ESCO"


def occupation(cat: Catalog, role: Role, lang: str) -> dict[str, Any]:
    """The Occupation object of a role in one language."""
    t = Translator(lang, cat.default_language)
    duties = [t.text(item) for group in role.duties for item in group.items]
    req = role.requirements
    categories: list[dict[str, Any]] = []
    if role.codes.isco08:
        categories.append(
            {"@type": "CategoryCode", "codeValue": role.codes.isco08, "inCodeSet": ISCO_SET}
        )
    if role.codes.esco:
        categories.append(
            {
                "@type": "CategoryCode",
                "codeValue": role.codes.esco,
                "inCodeSet": ESCO_SET,
                "url": role.codes.esco,
            }
        )
    skills = []
    for need in role.competencies:
        comp = cat.competencies[need.id]
        scale = cat.scales[comp.scale]
        skills.append(
            {
                "@type": "DefinedTerm",
                "termCode": comp.id,
                "name": t.text(comp.name),
                "description": t.text(comp.levels.get(need.level)) or t.text(comp.description),
                "inDefinedTermSet": f"{t.label('competency_library')}: {t.text(scale.name)}",
            }
        )
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Occupation",
        "identifier": role.id,
        "name": t.text(role.title),
        "description": t.text(role.summary),
        "inLanguage": lang,
        "responsibilities": duties + [t.text(x) for x in role.responsibilities],
        "skills": skills,
        "qualifications": [t.text(x) for x in [*req.knowledge, *req.skills, *req.traits]],
        "educationRequirements": [
            {"@type": "EducationalOccupationalCredential", "credentialCategory": t.text(x)}
            for x in req.education
        ],
        "experienceRequirements": [
            {"@type": "OccupationalExperienceRequirements", "description": t.text(x)}
            for x in req.experience
        ],
    }
    if categories:
        data["occupationalCategory"] = categories
    return data
