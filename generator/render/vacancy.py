"""A role's vacancy (vacature): the text of a job advertisement, assembled from the role (result
areas, requirements, grade, hours, location) and the organisation (description, terms, benefits),
with where each piece came from so the linter can point at it."""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from ..catalog import Catalog
from ..errors import Location, display_path
from ..formal import hours_text, scale_span
from ..i18n import Translator
from ..lint.config import DEFAULT_MAX_SENTENCE_WORDS, LintConfig
from ..lint.findings import Finding
from ..lint.readability import Score, reading_ease
from ..lint.rules import Hit, age_hits, coded_hits, pronoun_hits, sentence_hits, title_hits
from ..lint.text import RawFiles, Span, make_span
from ..lint.wordlists import word_lists
from ..load import PathKey, load_file
from ..model import Apply, Role, SalaryScale, Text, Vacancy
from .environment import environment
from .links import Links
from .markdown import script_json

MAX_MUST_HAVES = 8
"""A vacancy lists at most this many must-haves (education and experience first, then skills,
knowledge and traits in the role's order); the job description has them all."""
MUST_HAVE_FIELDS = ("education", "experience", "skills", "knowledge", "traits")


@dataclass(frozen=True)
class Piece:
    """One text of the vacancy and where it comes from: ("role", path) in the role file,
    ("organisation", path) in library/organisation.yml, or None for generated text."""

    text: str
    origin: tuple[str, PathKey] | None = None


@dataclass(frozen=True)
class Task:
    name: Piece
    result: Piece


@dataclass(frozen=True)
class Posting:
    """The vacancy of one role in one language."""

    role: Role
    vacancy: Vacancy
    lang: str
    title: str
    intro: list[Piece]
    organisation: Piece | None
    tasks: list[Task]
    must: list[Piece]
    nice: list[Piece]
    offer: list[Piece]
    apply: Apply | None
    contact: Piece | None
    scale: SalaryScale | None = None
    notes: list[str] = field(default_factory=list)

    def pieces(self) -> list[Piece]:
        """Every text of the vacancy, in reading order."""
        found = [*self.intro]
        if self.organisation:
            found.append(self.organisation)
        for task in self.tasks:
            found += [task.name, task.result]
        found += [*self.must, *self.nice, *self.offer]
        if self.contact:
            found.append(self.contact)
        return found


def vacancy_of(role: Role, posted: dt.date | None = None) -> Vacancy:
    """The role's vacancy block, or a closed one dated `posted` (a vacancy on request)."""
    return role.vacancy or Vacancy(posted=posted or role.meta.effective)


def _texts(t: Translator, items: list[Text], path: PathKey) -> list[Piece]:
    return [
        Piece(t.text(item), ("role", (*path, i))) for i, item in enumerate(items) if t.text(item)
    ]


def _lower(text: str) -> str:
    """The first letter in lower case, unless the word is an abbreviation (ERP, AVG)."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def posting(cat: Catalog, role: Role, lang: str) -> Posting:
    """The vacancy text of a role in `lang`."""
    t = Translator(lang, cat.default_language)
    org = cat.organisation
    vacancy = vacancy_of(role)
    suffix = org.recruitment.title_suffix.get(lang, "")
    title = f"{t.text(role.title)} {suffix}".strip()

    if vacancy.intro is not None:
        intro = [Piece(t.text(vacancy.intro), ("role", ("vacancy", "intro")))]
    else:
        intro = [Piece(t.text(role.summary), ("role", ("summary",)))]
    organisation = (
        Piece(t.text(org.description), ("organisation", ("description",)))
        if org.description
        else None
    )

    tasks = [
        Task(
            Piece(t.text(area.name), ("role", ("result_areas", i, "name"))),
            Piece(t.text(area.result), ("role", ("result_areas", i, "result"))),
        )
        for i, area in enumerate(role.result_areas)
    ]

    req = role.requirements
    must: list[Piece] = []
    for name in MUST_HAVE_FIELDS:
        found = _texts(t, getattr(req, name), ("requirements", name))
        if name == "knowledge":  # the job description heads them "Kennis"; a list item says it
            found = [
                Piece(t.label("vacancy_knowledge_of", what=_lower(p.text)), p.origin) for p in found
            ]
        must += found
    nice = _texts(t, req.optional, ("requirements", "optional"))

    offer: list[Piece] = []
    scale = None
    if role.grade:
        scale = next((s for s in org.salary_scales if s.id == role.grade.scale), None)
    if scale:
        offer.append(
            Piece(
                t.label(
                    "vacancy_salary",
                    range=scale_span(scale, t),
                    period=t.label(f"period_{scale.period}"),
                    scale=scale.id,
                )
            )
        )
    if role.hours:
        offer.append(Piece(hours_text(role.hours, org.full_time_hours, t)))
    if role.location:
        mode = t.label("work_mode_" + role.location.work_mode)
        offer.append(Piece(f"{t.text(role.location.place)}, {mode}", ("role", ("location",))))
    if vacancy.contract:
        offer.append(Piece(t.text(vacancy.contract), ("role", ("vacancy", "contract"))))
    if org.employment_terms:
        offer.append(Piece(t.text(org.employment_terms), ("organisation", ("employment_terms",))))
    offer += [
        Piece(t.text(b), ("organisation", ("benefits", i)))
        for i, b in enumerate(org.benefits)
        if t.text(b)
    ]

    apply = vacancy.apply or org.recruitment.apply
    contact = None
    if apply and apply.contact:
        origin: PathKey = (
            ("vacancy", "apply", "contact")
            if vacancy.apply
            else ("recruitment", "apply", "contact")
        )
        contact = Piece(
            t.text(apply.contact), ("role" if vacancy.apply else "organisation", origin)
        )
    notes = []
    if len(must) > MAX_MUST_HAVES:
        notes.append(f"{len(must) - MAX_MUST_HAVES} must-haves left out")
    return Posting(
        role=role,
        vacancy=vacancy,
        lang=lang,
        title=title,
        intro=intro,
        organisation=organisation,
        tasks=tasks,
        must=must[:MAX_MUST_HAVES],
        nice=nice,
        offer=offer,
        apply=apply,
        contact=contact,
        scale=scale,
        notes=notes,
    )


EMPLOYMENT_TYPES = {
    "full_time": "FULL_TIME",
    "part_time": "PART_TIME",
    "temporary": "TEMPORARY",
    "contractor": "CONTRACTOR",
    "intern": "INTERN",
    "per_diem": "PER_DIEM",
    "volunteer": "VOLUNTEER",
    "other": "OTHER",
}
"""The vacancy's employment types as Google's job-posting documentation spells them."""


def job_posting(
    cat: Catalog,
    role: Role,
    lang: str,
    description_html: str,
    url: str | None = None,
    post: Posting | None = None,
) -> dict[str, Any]:
    """The schema.org JobPosting of a role's vacancy in one language: every property Google's
    job-posting documentation requires (title, description, datePosted, hiringOrganization,
    jobLocation, or jobLocationType with applicantLocationRequirements for remote work), and the
    recommended ones the data has (validThrough, employmentType, baseSalary, directApply,
    identifier)."""
    t = Translator(lang, cat.default_language)
    post = post or posting(cat, role, lang)
    vacancy = post.vacancy
    org = cat.organisation
    organisation: dict[str, Any] = {"@type": "Organization", "name": t.text(org.name) or ""}
    if org.website:
        organisation["sameAs"] = org.website
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": post.title,
        "description": description_html,
        "identifier": {"@type": "PropertyValue", "name": organisation["name"], "value": role.id},
        "datePosted": (vacancy.posted or role.meta.effective).isoformat(),
        "hiringOrganization": organisation,
        "employmentType": [EMPLOYMENT_TYPES[e] for e in vacancy.employment_type],
        "totalJobOpenings": vacancy.openings,
        "inLanguage": lang,
    }
    if vacancy.valid_through:
        # Google reads a date as the start of that day; applications close at its end.
        data["validThrough"] = f"{vacancy.valid_through.isoformat()}T23:59:59"
    mode = role.location.work_mode if role.location else "onsite"
    address = org.address
    if address and mode != "remote":
        postal: dict[str, Any] = {
            "@type": "PostalAddress",
            "addressLocality": address.locality,
            "addressCountry": address.country,
        }
        if address.street:
            postal["streetAddress"] = address.street
        if address.postal_code:
            postal["postalCode"] = address.postal_code
        if address.region:
            postal["addressRegion"] = address.region
        data["jobLocation"] = {"@type": "Place", "address": postal}
    if mode == "remote":
        # Google: TELECOMMUTE is for work done fully remotely; a hybrid job has its office.
        data["jobLocationType"] = "TELECOMMUTE"
        country = address.country if address else "NL"
        data["applicantLocationRequirements"] = {"@type": "Country", "name": country}
    if post.scale:
        data["baseSalary"] = {
            "@type": "MonetaryAmount",
            "currency": post.scale.currency,
            "value": {
                "@type": "QuantitativeValue",
                "minValue": post.scale.minimum,
                "maxValue": post.scale.maximum,
                "unitText": post.scale.period.upper(),
            },
        }
    if role.codes.isco08:
        data["occupationalCategory"] = f"ISCO-08 {role.codes.isco08}"
    if role.hours:
        data["workHours"] = hours_text(role.hours, org.full_time_hours, t)
    apply = post.apply
    data["directApply"] = bool(apply and apply.url)
    if url:
        data["url"] = url
    return data


def body_html(
    cat: Catalog, role: Role, lang: str, heading: str = "h2", post: Posting | None = None
) -> str:
    """The vacancy's HTML: the page's body, the job-board snippet, the JobPosting's
    description."""
    t = Translator(lang, cat.default_language)
    macro = environment().get_template("partials/vacancy.html.j2").module.body  # type: ignore[attr-defined]
    return str(macro(post or posting(cat, role, lang), t, heading)).strip()


def snippet_html(cat: Catalog, role: Role, lang: str) -> str:
    """A fragment for a job board or an intranet: the title and the body, nothing else."""
    post = posting(cat, role, lang)
    return f"<h1>{html.escape(post.title)}</h1>\n{body_html(cat, role, lang, post=post)}\n"


_MARKUP = re.compile(r"([\\`*_\[\]<>|])")


def _plain_md(text: str) -> str:
    """Text safe in Markdown for a job board: the characters that start emphasis, code, links,
    HTML or tables escaped, and nothing else (a period stays a period)."""
    escaped = _MARKUP.sub(r"\\\1", " ".join(text.split()))
    # a paragraph that would open a heading, quote or list
    escaped = re.sub(r"^(\d+)([.)])(?=\s)", r"\1\\\2", escaped)
    return re.sub(r"^([#=+-])", r"\\\1", escaped)


def snippet_markdown(cat: Catalog, role: Role, lang: str) -> str:
    """The vacancy as plain Markdown, for job boards that take it."""
    t = Translator(lang, cat.default_language)
    post = posting(cat, role, lang)
    lines = [f"# {_plain_md(post.title)}", ""]
    lines += [_plain_md(p.text) + "\n" for p in post.intro]
    if post.organisation:
        lines += [_plain_md(post.organisation.text), ""]

    def section(label: str, items: list[str]) -> None:
        if items:
            lines.extend([f"## {t.label(label)}", "", *(f"- {i}" for i in items), ""])

    section(
        "vacancy_you_do",
        [f"**{_plain_md(k.name.text)}**: {_plain_md(k.result.text)}" for k in post.tasks],
    )
    section("vacancy_you_bring", [_plain_md(p.text) for p in post.must])
    section("vacancy_nice_to_have", [_plain_md(p.text) for p in post.nice])
    section("vacancy_we_offer", [_plain_md(p.text) for p in post.offer])
    lines += [f"## {t.label('vacancy_apply')}", "", apply_text(post, t), ""]
    return "\n".join(lines)


def apply_text(post: Posting, t: Translator) -> str:
    """How to apply, as one plain sentence or two."""
    a, v = post.apply, post.vacancy
    if a and a.url:
        text = f"{t.label('vacancy_apply_url')} {a.url}"
        text += f" {t.label('vacancy_or_mail')} {a.email}." if a.email else "."
    elif a and a.email:
        text = f"{t.label('vacancy_apply_mail')} {a.email}."
    else:
        text = t.label("vacancy_apply_none")
    if v.valid_through:
        text += " " + t.label("vacancy_closing", date=t.date(v.valid_through))
    if post.contact:
        text += " " + t.label("vacancy_questions", contact=_plain_md(post.contact.text))
    return text


def vacancy_markdown(cat: Catalog, role: Role, lang: str, links: Links) -> str:
    """The Markdown of a vacancy page, with its JobPosting."""
    t = Translator(lang, cat.default_language)
    post = posting(cat, role, lang)
    body = body_html(cat, role, lang, post=post)
    return (
        environment()
        .get_template("markdown/vacancy.md.j2")
        .render(
            cat=cat,
            role=role,
            t=t,
            links=links,
            post=post,
            body=Markup(body),
            jsonld=script_json(job_posting(cat, role, lang, body, post=post)),
        )
    )


# --- the lint on a vacancy ---------------------------------------------------------------------


def vacancy_findings(
    cat: Catalog, role: Role, lang: str, config: LintConfig | None = None
) -> list[Finding]:
    """rolebook lint's word rules (gendered pronouns and titles, gender-coded and age-excluding
    words, long sentences) on every text of the vacancy, and its reading ease against the B1
    target (recruitment.b1_reading_ease), each at the place in the YAML the text comes from."""
    post = posting(cat, role, lang)
    role_source = cat.sources.get(role.id)
    org_path = cat.root / "library" / "organisation.yml"
    org_source, _ = (
        load_file(org_path, display_path(org_path)) if org_path.is_file() else (None, [])
    )
    raw = RawFiles(
        {
            s.display: p
            for s, p in ((role_source, cat.files.get(role.id)), (org_source, org_path))
            if s and p
        }
    )
    anchor = (role_source.at(("vacancy",), key=True) if role_source and role.vacancy else None) or (
        role_source.at(("title",)) if role_source else Location(f"roles/{role.id}.yml")
    )
    spans: list[Span] = []
    for piece in post.pieces():
        source = None
        if piece.origin is not None:
            source = role_source if piece.origin[0] == "role" else org_source
        if source is not None and piece.origin is not None:
            spans.append(make_span(role.id, source, piece.origin[1], lang, piece.text, raw))
        else:
            spans.append(Span(role.id, (), lang, piece.text, anchor, None))
    lists = word_lists()
    hits: list[Hit] = []
    for span in spans:
        hits += pronoun_hits(span, lists)
        hits += title_hits(span, lists)
        hits += coded_hits(span, lists)
        hits += age_hits(span, lists)
        hits += sentence_hits(
            span, config.max_sentence_words if config else DEFAULT_MAX_SENTENCE_WORDS
        )
    score = reading_ease([s.text for s in spans], lang)
    target = cat.organisation.recruitment.b1_reading_ease
    if score is not None and score.score < target:
        hits.append(
            Hit(
                "vacancy-readability",
                anchor,
                f"the {lang} vacancy reads at {score.formula} {score.score:.0f} ({score.band}), "
                f"below the B1 target of {target:.0f}",
                "shorter sentences and shorter words; one point per sentence",
            )
        )
    config = config or LintConfig()
    found = {
        (h.location, h.rule, h.message): Finding(
            h.location, config.severity(h.rule), h.rule, h.message, h.suggestion
        )
        for h in hits
        if config.enabled(h.rule)
    }
    return sorted(found.values(), key=Finding.sort_key)


def reading_score(cat: Catalog, role: Role, lang: str) -> Score | None:
    """The vacancy's reading ease in `lang` (None for too short a text or no formula)."""
    return reading_ease([p.text for p in posting(cat, role, lang).pieces()], lang)
