"""The names a job description gives its sections and header fields, in Dutch and English: the
labels Rolebook's own documents use (from the locale files, so its Word export always reads
back) and the usual variants found in Dutch HR practice. Names are compared by their letters and
digits only, without numbering, accents or a final colon: "3. Functie-eisen:" is "functieeisen".
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from ..i18n import labels

LANGUAGES = ("nl", "en")
NUMBERING = re.compile(r"^\s*(?:\d+(?:\.\d+)*[.)]?|[a-z][.)]|[ivx]+[.)])\s*", re.IGNORECASE)

Names = dict[str, tuple[tuple[str, ...], tuple[str, ...]]]
"""Per key, the names in Dutch and in English (besides the locale label of the same key)."""

SECTIONS: Names = {
    "summary": (
        (
            "samenvatting",
            "algemene omschrijving",
            "korte omschrijving",
            "de functie in het kort",
            "functie in het kort",
            "omschrijving",
            "inleiding",
        ),
        ("summary", "role summary", "job summary", "overview", "about the role", "introduction"),
    ),
    "purpose": (
        (
            "doel van de functie",
            "doel",
            "functiedoel",
            "doelstelling",
            "doelstelling van de functie",
            "doel functie",
        ),
        (
            "purpose",
            "purpose of the role",
            "purpose of the job",
            "job purpose",
            "role purpose",
            "objective",
            "main purpose",
        ),
    ),
    "result_areas": (
        (
            "resultaatgebieden",
            "resultaatgebied",
            "kernresultaatgebieden",
            "resultaatgebieden en kernactiviteiten",
        ),
        ("key result areas", "result areas", "key results", "key result area"),
    ),
    "duties": (
        (
            "taken",
            "werkzaamheden",
            "taken en werkzaamheden",
            "kerntaken",
            "hoofdtaken",
            "taken en verantwoordelijkheden",
            "belangrijkste taken",
            "werkzaamheden en taken",
        ),
        (
            "duties",
            "tasks",
            "main duties",
            "key duties",
            "duties and tasks",
            "main tasks",
            "duties and responsibilities",
            "key tasks",
        ),
    ),
    "work_cycle": (("werkcyclus", "werkproces", "werkwijze"), ("work cycle", "work process")),
    "rights": (("rechten",), ("rights",)),
    "mandates": (
        ("bevoegdheden", "bevoegdheid", "mandaat", "beslissingsbevoegdheden", "beslisbevoegdheden"),
        (
            "authority",
            "authorities",
            "decision-making authority",
            "mandate",
            "mandates",
            "delegated authority",
            "decision rights",
        ),
    ),
    "responsibilities": (
        ("verantwoordelijkheden", "verantwoordelijkheid", "aansprakelijkheid"),
        ("responsibilities", "accountabilities", "accountability", "responsibility"),
    ),
    "contacts": (
        ("contacten", "interne en externe contacten", "werkcontacten", "contacten en relaties"),
        (
            "contacts",
            "key contacts",
            "internal and external contacts",
            "working relationships",
            "key relationships",
        ),
    ),
    "requirements": (
        (
            "functie-eisen",
            "functie eisen",
            "eisen",
            "profiel",
            "functieprofiel",
            "wat vragen wij",
            "wat we vragen",
            "wat wij vragen",
            "kwalificaties",
            "kennis en ervaring",
            "opleiding en ervaring",
            "functie-eisen en competenties",
            "gevraagd profiel",
        ),
        (
            "requirements",
            "job requirements",
            "qualifications",
            "candidate profile",
            "person specification",
            "what we ask",
            "what we are looking for",
            "skills and experience",
            "knowledge and experience",
        ),
    ),
    "competencies": (
        ("competenties", "kerncompetenties", "gedragscompetenties", "vereiste competenties"),
        (
            "competencies",
            "core competencies",
            "competences",
            "key competencies",
            "required competencies",
        ),
    ),
    "conditions": (
        (
            "arbeidsomstandigheden",
            "werkomstandigheden",
            "omstandigheden",
            "bijzondere omstandigheden",
            "werkomgeving",
            "bezwarende omstandigheden",
        ),
        ("working conditions", "work environment", "conditions", "working environment"),
    ),
    "kpis": (
        (
            "prestatie-indicatoren",
            "prestatieindicatoren",
            "kpi's",
            "kpi",
            "kritieke prestatie-indicatoren",
            "resultaatindicatoren",
            "normen",
            "prestatienormen",
        ),
        (
            "key performance indicators",
            "kpis",
            "kpi's",
            "performance indicators",
            "measures",
            "performance measures",
        ),
    ),
    "training": (
        (
            "opleidingstraject",
            "opleiding en ontwikkeling",
            "ontwikkeling",
            "trainingen",
            "opleidingen",
            "scholing",
        ),
        (
            "training",
            "training path",
            "learning and development",
            "development",
            "training and development",
        ),
    ),
    "career": (
        (
            "loopbaan",
            "loopbaanperspectief",
            "doorgroeimogelijkheden",
            "doorgroei",
            "loopbaanmogelijkheden",
            "ontwikkelmogelijkheden",
        ),
        ("career", "career path", "career prospects", "progression", "career development"),
    ),
    "general": (
        (
            "algemene gegevens",
            "functiegegevens",
            "algemeen",
            "kenmerken",
            "functiekenmerken",
            "plaats in de organisatie",
            "organisatorische positie",
        ),
        (
            "general",
            "general information",
            "role details",
            "job details",
            "key facts",
            "position in the organisation",
            "position in the organization",
        ),
    ),
}
"""The sections; `general` holds header fields written as "Label: value" lines."""

SUBSECTIONS: dict[str, Names] = {
    "contacts": {
        "internal": (
            ("intern", "interne contacten", "binnen de organisatie"),
            ("internal", "internal contacts", "within the organisation"),
        ),
        "external": (
            ("extern", "externe contacten", "buiten de organisatie"),
            ("external", "external contacts", "outside the organisation"),
        ),
    },
    "requirements": {
        "education": (
            (
                "opleiding",
                "opleidingsniveau",
                "vooropleiding",
                "opleiding en niveau",
                "werk- en denkniveau",
                "diploma",
            ),
            ("education", "qualification", "degree", "education and qualifications"),
        ),
        "experience": (("ervaring", "werkervaring"), ("experience", "work experience")),
        "knowledge": (("kennis", "vakkennis"), ("knowledge", "expertise")),
        "skills": (("vaardigheden", "vaardigheid"), ("skills", "abilities")),
        "traits": (
            ("persoonlijke eigenschappen", "eigenschappen", "persoonlijkheid", "persoonskenmerken"),
            ("personal traits", "traits", "personal qualities", "personal attributes"),
        ),
        "optional": (
            ("soms gevraagd", "pre", "pluspunten", "wenselijk", "gewenst", "een pre"),
            ("sometimes asked", "nice to have", "desirable", "preferred", "optional", "a plus"),
        ),
    },
    "conditions": {
        "travel": (("reizen", "reistijd", "reisbewegingen"), ("travel", "travelling")),
        "car": (("auto", "vervoer", "rijbewijs"), ("car", "transport", "driving licence")),
        "irregular_hours": (
            ("werktijden", "onregelmatige werktijden", "onregelmatigheid"),
            ("working hours", "irregular hours", "hours of work"),
        ),
        "physical": (
            ("fysieke belasting", "lichamelijke belasting", "fysiek", "fysieke omstandigheden"),
            ("physical load", "physical", "physical demands"),
        ),
        "mental": (
            (
                "mentale belasting",
                "psychische belasting",
                "mentaal",
                "emotionele belasting",
                "werkdruk",
            ),
            ("mental load", "mental", "emotional load", "mental demands", "pressure"),
        ),
    },
}

HEADER: Names = {
    "title": (
        ("functietitel", "functiebenaming", "functienaam", "functie", "naam functie"),
        ("job title", "role title", "title", "position", "role"),
    ),
    "department": (
        ("afdeling", "team", "eenheid", "organisatieonderdeel"),
        ("department", "team", "unit"),
    ),
    "grade": (
        ("functiegroep", "functieniveau", "groep", "salarisgroep", "indeling"),
        ("grade", "job grade", "pay grade"),
    ),
    "scale": (
        ("schaal", "salarisschaal", "inschaling", "salaris"),
        ("scale", "salary scale", "pay scale", "salary"),
    ),
    "hours": (
        ("uren", "arbeidsduur", "uren per week", "werkweek", "omvang", "aantal uren"),
        ("hours", "working hours", "hours per week", "hours a week", "working time"),
    ),
    "location": (
        ("standplaats", "locatie", "werkplek", "werklocatie", "plaats"),
        ("location", "place of work", "workplace", "based in", "based at"),
    ),
    "reports_to": (
        (
            "rapporteert aan",
            "leidinggevende",
            "direct leidinggevende",
            "hierarchisch leidinggevende",
            "valt onder",
            "hierarchisch",
        ),
        ("reports to", "line manager", "reporting to", "manager", "reporting line"),
    ),
    "manages": (
        (
            "geeft leiding aan",
            "leidinggeven aan",
            "leiding aan",
            "leidinggevend aan",
            "ondergeschikten",
        ),
        ("manages", "direct reports", "leads", "line management of", "manages people"),
    ),
    "family": (("functiefamilie", "functiereeks"), ("role family", "job family", "family")),
    "level": (("niveau", "trede"), ("level", "rung")),
    "version": (("versie", "versienummer"), ("version",)),
    "effective": (
        ("ingangsdatum", "datum", "vastgesteld op", "vastgesteld", "datum vaststelling"),
        ("effective date", "effective", "date", "date approved"),
    ),
    "owner": (
        ("eigenaar", "opgesteld door", "beheerder"),
        ("owner", "prepared by", "maintained by"),
    ),
}

PARTS: Names = {
    "area_name": (
        ("resultaatgebied", "gebied", "naam"),
        ("result area", "key result area", "area", "name"),
    ),
    "result": (
        ("resultaat", "beoogd resultaat", "resultaten"),
        ("result", "expected result", "outcome"),
    ),
    "activities": (
        ("kernactiviteiten", "activiteiten", "taken", "werkzaamheden"),
        ("core activities", "activities", "tasks", "duties"),
    ),
    "measured_by": (
        (
            "meetbaar aan",
            "normen",
            "indicatoren",
            "kpi's",
            "prestatie-indicatoren",
            "resultaatindicatoren",
        ),
        ("measured by", "kpis", "kpi's", "measures", "indicators"),
    ),
    "mandate_decides": (
        ("beslist zelfstandig over", "bevoegdheid", "onderwerp", "besluit"),
        ("decides alone on", "authority", "decision", "subject"),
    ),
    "mandate_limit": (
        ("tot", "grens", "limiet", "maximum", "tot en met"),
        ("up to", "limit", "maximum"),
    ),
    "mandate_approval": (
        ("daarboven goedkeuring van", "goedkeuring", "goedkeuring door", "daarboven", "escalatie"),
        ("above that, approval by", "approval", "approval by", "escalation"),
    ),
    "contact_with": (("met", "contact", "wie", "contactpersoon"), ("with", "contact", "who")),
    "contact_about": (("waarover", "onderwerp", "doel", "over"), ("about", "subject", "purpose")),
    "competency": (("competentie", "naam"), ("competency", "name", "competence")),
    "required_level": (("vereist niveau", "niveau"), ("required level", "level")),
    "kpi": (("indicator", "kpi", "prestatie-indicator"), ("indicator", "kpi")),
    "measure": (("meting", "norm", "meetwijze"), ("measure", "target", "norm")),
}
"""The labels inside a section: the parts of a result area, the columns of tables."""

LABEL_KEYS = {
    **{key: key for key in SECTIONS if key != "general"},
    **{key: key for key in HEADER if key != "title"},
    **{key: key for key in PARTS},
}
"""The locale label of each key (the same name), where one exists."""


def normal(text: str) -> str:
    """What names are compared by: letters and digits, lowercase, no numbering or accents."""
    text = NUMBERING.sub("", text.strip(), count=1)
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if c.isalnum())


@cache
def _index(table: str, scope: str = "") -> dict[str, list[tuple[str, str]]]:
    """normal(name) -> every (key, language) it names, in the order of the table."""
    names: Names
    if table == "sections":
        names = SECTIONS
    elif table == "sub":
        names = SUBSECTIONS[scope]
    elif table == "header":
        names = HEADER
    else:
        names = PARTS
    index: dict[str, list[tuple[str, str]]] = {}
    for key, per_language in names.items():
        for lang_index, lang in enumerate(LANGUAGES):
            locale = labels(lang)
            label_key = _label_key(table, scope, key)
            own = [str(locale[label_key])] if label_key in locale else []
            for name in [*own, *per_language[lang_index]]:
                found = index.setdefault(normal(name), [])
                if (key, lang) not in found:
                    found.append((key, lang))
    return index


def _label_key(table: str, scope: str, key: str) -> str:
    if table == "sub":
        return {"contacts": f"contacts_{key}", "conditions": f"condition_{key}"}.get(scope, key)
    return LABEL_KEYS.get(key, "")


def _first(table: str, text: str, scope: str = "") -> tuple[str, str] | None:
    found = _index(table, scope).get(normal(text))
    return found[0] if found else None


def section(text: str) -> tuple[str, str] | None:
    """(section key, language) of a heading, e.g. ("purpose", "nl") for "1. Doel van de functie"."""
    return _first("sections", text)


def subsection(scope: str, text: str) -> tuple[str, str] | None:
    """(part, language) of a heading inside a section, e.g. ("internal", "nl") for "Intern"."""
    return _first("sub", text, scope) if scope in SUBSECTIONS else None


def any_subsection(text: str) -> tuple[str, str, str] | None:
    """A subsection's heading used as a section of its own ("Interne contacten", "Opleiding"):
    (section, part, language)."""
    for scope in SUBSECTIONS:
        found = subsection(scope, text)
        if found:
            return scope, found[0], found[1]
    return None


def header(text: str) -> tuple[str, str] | None:
    """(header field, language) of a label such as "Functiegroep" or "Reports to"."""
    return _first("header", text)


def part(text: str, *keys: str) -> str | None:
    """Which of `keys` a label inside a section is (e.g. "Resultaat" is "result"); the first
    of them it can name."""
    named = {key for key, _ in _index("parts").get(normal(text), [])}
    return next((key for key in keys if key in named), None)
