"""From role to hire: the vacancy (text, JobPosting, lint) and the interview kit (questions,
scoring sheet, fillable PDF), and the interview-topic rule."""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from generator.checks import check_catalog, load_catalog
from generator.cli import main
from generator.documents.registry import build_context, kind
from generator.lint import lint_catalog
from generator.model import InterviewQuestion, advertised
from generator.render.interview import fitting, interview_kit
from generator.render.vacancy import job_posting, posting, snippet_markdown, vacancy_findings

from .conftest import SHIPPED_ROLES, WriteRoles, site_links
from .test_pdf import pdf_text

SHIPPED = load_catalog(SHIPPED_ROLES)
OPEN = sorted(r.id for r in SHIPPED.roles.values() if r.vacancy and r.vacancy.open)
"""The shipped roles with an open vacancy (whatever the date: a page renders any role)."""

# Google Search Central, "Job posting (JobPosting) structured data": required and recommended.
REQUIRED = ("datePosted", "description", "hiringOrganization", "jobLocation", "title")
RECOMMENDED = ("baseSalary", "directApply", "employmentType", "identifier", "validThrough")


def _ld_from_page(markdown: str) -> dict[str, object]:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', markdown, re.S)
    assert match, "no JSON-LD on the page"
    data: dict[str, object] = json.loads(match.group(1))
    return data


def test_the_shipped_family_has_open_vacancies() -> None:
    assert OPEN, "mark at least one shipped role open"
    ctx = build_context(SHIPPED, "nl")
    published = sorted(ids[0] for ids in kind("vacancy").ids(ctx))
    assert published == [r for r in OPEN if advertised(SHIPPED.roles[r])]


def test_a_vacancy_past_its_closing_date_is_not_published() -> None:
    import datetime as dt

    role = SHIPPED.roles[OPEN[0]]
    assert role.vacancy is not None and role.vacancy.valid_through is not None
    closing = role.vacancy.valid_through
    assert role.vacancy.published_on(closing)
    assert not role.vacancy.published_on(closing + dt.timedelta(days=1))
    assert not role.vacancy.model_copy(update={"open": False}).published_on(closing)


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("role_id", OPEN)
def test_job_posting_has_what_google_requires(role_id: str, lang: str) -> None:
    ctx = build_context(SHIPPED, lang)
    role = SHIPPED.roles[role_id]
    data = _ld_from_page(kind("vacancy").markdown(ctx, role, site_links("vacancies/x.md", lang)))
    assert data["@context"] == "https://schema.org" and data["@type"] == "JobPosting"
    for name in REQUIRED + RECOMMENDED:
        assert data.get(name) not in (None, "", []), name
    assert data["title"] == posting(SHIPPED, role, lang).title
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(data["datePosted"]))
    assert str(data["validThrough"]).startswith(str(role.vacancy.valid_through))  # type: ignore[union-attr]
    org = data["hiringOrganization"]
    assert isinstance(org, dict) and org["@type"] == "Organization" and org["name"]
    place = data["jobLocation"]
    assert isinstance(place, dict) and place["@type"] == "Place"
    address = place["address"]
    assert address["@type"] == "PostalAddress"
    for field in ("streetAddress", "addressLocality", "addressRegion", "postalCode"):
        assert address[field], field
    assert address["addressCountry"] == "NL"
    salary = data["baseSalary"]
    assert isinstance(salary, dict) and salary["currency"] == "EUR"
    value = salary["value"]
    assert value["unitText"] == "MONTH" and 0 < value["minValue"] < value["maxValue"]
    assert set(data["employmentType"]) <= {"FULL_TIME", "PART_TIME", "TEMPORARY"}  # type: ignore[arg-type]
    assert data["occupationalCategory"] == f"ISCO-08 {role.codes.isco08}"
    assert data["workHours"] and data["directApply"] is True
    # the description is the vacancy's HTML: every section is in it
    description = str(data["description"])
    assert description.count("<h2>") >= 4 and "<script" not in description


def test_remote_work_is_telecommute_with_a_country(write_roles: WriteRoles) -> None:
    root = _project(write_roles, work_mode="remote")
    cat = load_catalog(root)
    data = job_posting(cat, cat.roles["junior"], "nl", "<p>x</p>")
    assert data["jobLocationType"] == "TELECOMMUTE"
    assert data["applicantLocationRequirements"] == {"@type": "Country", "name": "NL"}
    assert "jobLocation" not in data
    onsite = load_catalog(_project(write_roles, work_mode="hybrid"))
    data = job_posting(onsite, onsite.roles["junior"], "nl", "<p>x</p>")
    assert "jobLocationType" not in data and data["jobLocation"]["address"]["addressLocality"]


def _project(
    write_roles: WriteRoles,
    *,
    work_mode: str = "onsite",
    intro: str = "Kom je ons team versterken?",
    vacancy: str | None = None,
    apply: bool = True,
) -> Path:
    root = write_roles()
    org = root / "library" / "organisation.yml"
    org.write_text(
        org.read_text(encoding="utf-8")
        + "address: {locality: Utrecht, country: NL}\n"
        + ("recruitment: {apply: {email: werk@example.org}}\n" if apply else ""),
        encoding="utf-8",
    )
    junior = root / "junior.yml"
    block = vacancy or (
        "vacancy:\n  open: true\n  posted: 2026-11-02\n  valid_through: 2099-12-31\n"
        f"  intro: {json.dumps(intro, ensure_ascii=False)}\n"
    )
    junior.write_text(
        junior.read_text(encoding="utf-8")
        + f"location: {{place: Utrecht, work_mode: {work_mode}}}\n"
        + block,
        encoding="utf-8",
    )
    return root


def test_vacancy_needs_a_posted_date_and_dates_in_order(write_roles: WriteRoles) -> None:
    root = _project(write_roles, vacancy="vacancy:\n  open: true\n")
    cat, diagnostics, _ = check_catalog(root)
    assert cat is None
    assert any(
        d.location.path.endswith("junior.yml") and "posted date" in d.message for d in diagnostics
    )
    root = _project(
        write_roles,
        vacancy="vacancy: {open: true, posted: 2026-11-02, valid_through: 2026-10-01}\n",
    )
    _, diagnostics, _ = check_catalog(root)
    assert any(
        "valid_through 2026-10-01 is before posted 2026-11-02" in d.message for d in diagnostics
    )


def test_open_vacancy_needs_somewhere_to_apply(write_roles: WriteRoles) -> None:
    cat, diagnostics, _ = check_catalog(_project(write_roles, apply=False))
    assert cat is None
    [problem] = [d for d in diagnostics if "apply" in d.message]
    assert problem.location.path.endswith("junior.yml") and problem.location.line > 1
    assert "vacancy.apply" in problem.message


def test_vacancy_keeps_must_haves_and_nice_to_haves_apart() -> None:
    role = SHIPPED.roles["accountmanager"]
    post = posting(SHIPPED, role, "nl")
    optional = {o.get("nl", "nl") for o in role.requirements.optional}
    assert {p.text for p in post.nice} == optional
    assert not optional & {p.text for p in post.must}
    assert 1 <= len(post.must) <= 8
    assert post.title.endswith("(m/v/x)")
    assert not posting(SHIPPED, role, "en").title.endswith(")")
    text = snippet_markdown(SHIPPED, role, "nl")
    for heading in ("Wat ga je doen?", "Wat breng je mee?", "Mooi meegenomen", "Wat bieden we?"):
        assert f"## {heading}" in text
    assert "€ 3.450 – € 4.750 bruto per maand" in text
    assert "Reageer uiterlijk 10 januari 2027" in text


def test_vacancy_text_is_escaped_everywhere(write_roles: WriteRoles) -> None:
    attack = "</script><script>alert(1)</script> *x* [y](javascript:alert(1))"
    cat = load_catalog(_project(write_roles, intro=attack))
    role = cat.roles["junior"]
    ctx = build_context(cat, "nl")
    page = kind("vacancy").markdown(ctx, role, site_links("vacancies/junior.md"))
    assert "<script>alert" not in page
    data = _ld_from_page(page)
    assert attack in str(data["description"]).replace("&lt;", "<").replace("&gt;", ">")
    assert "\\*x\\*" in snippet_markdown(cat, role, "nl")


def test_vacancy_lint_points_at_the_text(write_roles: WriteRoles) -> None:
    root = _project(write_roles, intro="Wij zoeken een jonge, gedreven collega voor ons team.")
    cat = load_catalog(root)
    findings = vacancy_findings(cat, cat.roles["junior"], "nl")
    [age] = [f for f in findings if f.rule == "age"]
    line = next(
        i
        for i, text in enumerate((root / "junior.yml").read_text().splitlines(), 1)
        if "jonge" in text
    )
    assert age.location.path.endswith("junior.yml") and age.location.line == line
    assert "jonge" in age.message


def test_shipped_vacancies_reach_b1_and_have_no_warnings() -> None:
    """Dutch vacancies aim at B1 (Flesch-Douma at or above the organisation's target)."""
    for role_id in OPEN:
        for lang in ("nl", "en"):
            found = vacancy_findings(SHIPPED, SHIPPED.roles[role_id], lang)
            serious = [f for f in found if f.severity != "info"]
            assert not serious, "\n".join(map(str, serious))


def test_hard_vacancy_is_reported_below_b1(write_roles: WriteRoles) -> None:
    long = " ".join(
        ["De organisatieontwikkelingsmedewerker implementeert bedrijfsprocesoptimalisaties"] * 30
    )
    cat = load_catalog(_project(write_roles, intro=long + "."))
    found = vacancy_findings(cat, cat.roles["junior"], "nl")
    [hard] = [f for f in found if f.rule == "vacancy-readability"]
    assert hard.severity == "warning" and "below the B1 target of 60" in hard.message


def test_vacancy_cli_formats(runner: CliRunner) -> None:
    roles = Path("roles")
    shutil.copytree(SHIPPED_ROLES, roles)
    md = runner.invoke(main, ["vacancy", "accountmanager", "--roles-dir", "roles"])
    assert md.exit_code == 0, md.output
    assert md.stdout.startswith("# Accountmanager (m/v/x)")
    html = runner.invoke(main, ["vacancy", "accountmanager", "--format", "html", "--lang", "en"])
    assert html.exit_code == 0 and html.stdout.startswith("<h1>Account manager</h1>")
    ld = runner.invoke(
        main,
        ["vacancy", "klantenservicemedewerker", "--format", "jsonld", "--url", "https://x.nl/v"],
    )
    assert ld.exit_code == 0
    data = json.loads(ld.stdout)
    assert data["@type"] == "JobPosting" and data["url"] == "https://x.nl/v"
    unknown = runner.invoke(main, ["vacancy", "nobody"])
    assert unknown.exit_code != 0 and "Traceback" not in unknown.output


# --- interview kit ----------------------------------------------------------------------------


def _q(*levels: int) -> InterviewQuestion:
    text = {"nl": f"vraag {levels}", "en": f"question {levels}"}
    return InterviewQuestion.model_validate(
        {"levels": list(levels), "question": text, "listen_for": text}
    )


def test_questions_fit_the_required_level() -> None:
    low1, low2, high1, high2 = _q(1, 2, 3), _q(1, 2, 3), _q(3, 4, 5), _q(3, 4, 5)
    bank = [low1, low2, high1, high2]
    assert fitting(bank, 1) == [low1, low2]
    assert fitting(bank, 5) == [high1, high2]
    assert len(fitting(bank, 3)) == 3
    # too few for the level: the nearest band fills up to two
    assert fitting([low1, high1], 5) == [high1, low1]


def test_every_role_has_a_kit_with_questions_for_each_core_competency() -> None:
    for role in SHIPPED.roles.values():
        for lang in ("nl", "en"):
            kit = interview_kit(SHIPPED, role, lang)
            assert 5 <= len(kit.competencies) <= 8, role.id
            for comp in kit.competencies:
                assert 2 <= len(comp.questions) <= 3, (role.id, comp.competency.id)
                assert [a.score for a in comp.anchors] == [1, 2, 3, 4, 5]
                assert [a.required for a in comp.anchors].count(True) == 1
                assert all(q.question and q.listen_for for q in comp.questions)


def test_every_competency_in_use_has_questions_in_both_languages() -> None:
    used = {need.id for role in SHIPPED.roles.values() for need in role.competencies}
    for comp_id in used:
        comp = SHIPPED.competencies[comp_id]
        assert len(comp.interview) >= 4, comp_id
        for q in comp.interview:
            for text in (q.question, q.listen_for, q.warning_signs):
                assert text is not None and set(text.root) == {"nl", "en"}, comp_id


def test_interview_questions_about_protected_topics_are_errors(write_roles: WriteRoles) -> None:
    root = write_roles()
    comps = root / "library" / "competencies.yml"
    text = comps.read_text(encoding="utf-8").replace(
        "    levels:\n      1: {nl: een, en: one}",
        "    interview:\n"
        "      - levels: [1, 2]\n"
        "        question: {nl: Heb je kinderen of wil je die nog?, en: Do you plan to have children?}\n"
        "        listen_for: {nl: Stemt de aanpak af op de klant., en: Aligns with the client.}\n"
        "    levels:\n      1: {nl: een, en: one}",
        1,
    )
    assert "kinderen" in text
    comps.write_text(text, encoding="utf-8")
    cat = load_catalog(root)
    found = [f for f in lint_catalog(cat) if f.rule == "interview-topic"]
    assert {f.severity for f in found} == {"error"}
    assert len(found) == 2  # the Dutch and the English question, not "stemt af"
    nl = next(f for f in found if "kinderen" in f.message)
    assert "competency 'onderhandelen'" in nl.message and "Heb je kinderen" in nl.message
    assert nl.location.path.endswith("competencies.yml") and nl.location.line > 1


def test_shipped_questions_stay_clear_of_protected_topics() -> None:
    assert not [f for f in lint_catalog(SHIPPED) if f.rule == "interview-topic"]


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_interview_kit_pdf_is_a_form(runner: CliRunner, lang: str) -> None:
    shutil.copytree(SHIPPED_ROLES, Path("roles"))
    result = runner.invoke(main, ["interview", "accountmanager", "--lang", lang, "-o", "kit.pdf"])
    assert result.exit_code == 0, result.output
    data = Path("kit.pdf").read_bytes()
    reader = PdfReader(io.BytesIO(data))
    fields = reader.get_fields() or {}
    kit = interview_kit(SHIPPED, SHIPPED.roles["accountmanager"], lang)
    for comp in kit.competencies:
        cid = comp.competency.id
        assert fields[f"score-{cid}"]["/FT"] == "/Btn", cid  # a radio group, 1 to 5
        assert fields[f"score-{cid}"]["/Opt"] == ["1", "2", "3", "4", "5"]
        assert fields[f"notes-{cid}"]["/FT"] == "/Tx"
    assert fields["advice"]["/Opt"] == ["hire", "doubt", "no_hire"]
    for name in ("candidate", "interviewer", "date", "motivation"):
        assert fields[name]["/FT"] == "/Tx", name
    text = " ".join(pdf_text(data).split())
    first = kit.competencies[0]
    assert first.name in text
    assert " ".join(first.questions[0].question.split())[:40] in text
    assert ("Scoreformulier" if lang == "nl" else "Scoring sheet") in text


@pytest.mark.slow
def test_vacancy_pdf(runner: CliRunner) -> None:
    shutil.copytree(SHIPPED_ROLES, Path("roles"))
    result = runner.invoke(main, ["vacancy", "accountmanager", "--format", "pdf", "-o", "v.pdf"])
    assert result.exit_code == 0, result.output
    data = Path("v.pdf").read_bytes()
    assert len(PdfReader(io.BytesIO(data)).pages) <= 2
    text = " ".join(pdf_text(data).split())
    for heading in ("Accountmanager (m/v/x)", "Wat ga je doen?", "Wat bieden we?", "Solliciteren"):
        assert heading in text
