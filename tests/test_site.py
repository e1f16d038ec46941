"""End to end: build the shipped site the way the README says, then look at it in a browser."""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator.model import advertised

from .browser import PageWatch, browser, serve_folder
from .conftest import JUNIOR, REPO, SENIOR
from .htmlcheck import live_problems
from .test_render import ATTACKS, _hostile

pytestmark = pytest.mark.slow
LANGS = {"nl": "", "en": "en/"}


def make_project(root: Path, roles: Path | None = None, *, history: bool = False) -> Path:
    """A copy of the project's site sources (config, docs, roles) in `root`; with `history`, the
    repository's git history too, so that role pages get their history section."""
    for name in ["mkdocs.yml", "mkdocs.en.yml"]:
        shutil.copy(REPO / name, root / name)
    if history:
        copy_history(root)
    shutil.copytree(REPO / "docs", root / "docs")
    shutil.copytree(roles or REPO / "roles", root / "roles")
    return root


def copy_history(root: Path) -> None:
    """The repository's git history in `root`: a copy of .git, or, in a git worktree (where .git
    is a file naming the real one), a clone of the checked-out branch with its index."""
    if (REPO / ".git").is_dir():
        shutil.copytree(REPO / ".git", root / ".git")
        return
    clone = root / ".clone"
    subprocess.run(["git", "clone", "-q", "--no-checkout", str(REPO), str(clone)], check=True)
    (clone / ".git").rename(root / ".git")
    clone.rmdir()
    subprocess.run(["git", "-C", str(root), "reset", "-q"], check=True)


def rolebook(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
    )


def role_ids() -> list[str]:
    return sorted(p.stem for p in (REPO / "roles").glob("*.yml"))


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def test_every_role_has_a_page_and_a_pdf_in_both_languages(built: Path) -> None:
    site = built / "site"
    for lang, prefix in LANGS.items():
        for role_id in role_ids():
            page = site / prefix / "roles" / role_id / "index.html"
            assert page.is_file(), page
            pdf = site / prefix / "pdf" / f"{role_id}.pdf"
            reader = PdfReader(io.BytesIO(pdf.read_bytes()))
            assert reader.trailer["/Root"]["/Lang"] == lang
            assert reader.metadata is not None and reader.metadata.title
            assert "/StructTreeRoot" in reader.trailer["/Root"]
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'lang="nl"' in home and "Accountmanager" in home
    assert 'lang="en"' in (site / "en" / "index.html").read_text(encoding="utf-8")


def test_generated_pages_keep_their_titles(built: Path) -> None:
    # the plugin lets go of a page's Markdown once it is converted: the title must survive that,
    # in the page's heading, its <title> and in the navigation of the other pages
    from generator.checks import load_catalog

    cat = load_catalog(REPO / "roles")
    site = built / "site"
    for role_id, role in cat.roles.items():
        title = role.title.get("nl", "nl")
        page = (site / "roles" / role_id / "index.html").read_text(encoding="utf-8")
        assert f"<h1>{title}</h1>" in page, role_id
        assert f"<title>{title} - Functieboek</title>" in page, role_id
        checklist = (site / "onboarding" / role_id / "index.html").read_text(encoding="utf-8")
        assert f"<title>Inwerkchecklist: {title} - Functieboek</title>" in checklist, role_id
    # the pages waited on disk for MkDocs to read them; nothing of them is left after the build
    assert list((built / ".rolebook-cache" / "pages").iterdir()) == []
    other = (site / "roles" / "key-accountmanager" / "index.html").read_text(encoding="utf-8")
    assert re.search(
        r'href="\.\./accountmanager/"[^>]*>\s*<span class="md-ellipsis">\s*'
        r"Accountmanager\s*</span>",
        other,
    )


def test_pages_load_nothing_from_other_hosts(built: Path) -> None:
    for html in (built / "site").rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        for marker in ("fonts.googleapis", "fonts.gstatic", "unpkg.com", "jsdelivr", "cdnjs"):
            assert marker not in text, (html, marker)


def mkdocs_build(project: Path, out: Path) -> subprocess.CompletedProcess[str]:
    """A strict `mkdocs build` of the project's default language into `out`."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)],
        cwd=project,
        capture_output=True,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
        timeout=600,
    )


def test_mkdocs_build_strict_passes(built: Path, tmp_path: Path) -> None:
    result = mkdocs_build(built, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "pdf" / "accountmanager.pdf").is_file()


def test_rebuild_with_nothing_changed_renders_no_pdf(built: Path) -> None:
    result = rolebook(built, "build")
    assert result.returncode == 0, result.stderr
    from generator.career import career_steps
    from generator.checks import load_catalog

    cat = load_catalog(built / "roles")
    steps = len(career_steps(cat))
    notices = len(list((built / "site" / "pdf").glob("changes-*.pdf")))
    assert notices >= 1  # accountmanager's newest version
    annexes = sum(1 for r in cat.roles.values() if r.work_cycle or r.duties)
    vacancies = sum(1 for r in cat.roles.values() if advertised(r))
    # job, onboarding, profile and interview kit per role; the work-method annexes; a matrix per
    # family; a plan per career step; the newest change notice of each role with history; the
    # job architecture; a vacancy per open one
    documents = len(role_ids()) * 4 + annexes + 4 + steps + notices + 1 + vacancies
    for lang in LANGS:
        assert f"rolebook: 0 PDFs rendered, {documents} unchanged ({lang})" in result.stderr


def test_role_history_and_change_notices(built: Path) -> None:
    """accountmanager went from 1.0.0 to 1.1.0 in this repository's history."""
    from .test_pdf import pdf_text

    site = built / "site"
    for prefix, history, notice, signatures in (
        ("", "Geschiedenis", "Wijzigingsbericht", "Handtekeningen"),
        ("en/", "History", "Change notice", "Signatures"),
    ):
        page = (site / prefix / "roles" / "accountmanager" / "index.html").read_text("utf-8")
        assert f">{history}<" in page and ">1.0.0<" in page
        assert 'href="../../changes/accountmanager/1.1.0/">1.1.0</a>' in page
        html = (site / prefix / "changes" / "accountmanager" / "1.1.0" / "index.html").read_text(
            "utf-8"
        )
        assert notice in html and "<del>" in html and "<ins>" in html
        assert live_problems(html) == []
        # the newest version's notice is the one with a PDF (HR hands it out)
        (pdf,) = (site / prefix / "pdf").glob("changes-accountmanager-*.pdf")
        text = pdf_text(pdf.read_bytes())
        version = pdf.stem.removeprefix("changes-accountmanager-")
        assert notice in text and signatures in text and version in text


def test_failed_build_keeps_the_last_good_site(built: Path) -> None:
    before = tree_digest(built / "site")
    role = built / "roles" / "verkoper.yml"
    original = role.read_bytes()
    try:
        role.write_bytes(original.replace(b"family: verkoop", b"family: verkoopp", 1))
        result = rolebook(built, "build")
    finally:
        role.write_bytes(original)
    assert result.returncode == 1
    assert "roles/verkoper.yml:" in result.stderr and "unknown family 'verkoopp'" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree_digest(built / "site") == before
    assert role.read_bytes() == original


def test_home_and_role_page_in_a_browser(built: Path, tmp_path: Path) -> None:
    with serve_folder(built / "site") as base, browser() as chromium:
        page = chromium.new_page()
        watch = PageWatch(page, base)
        page.goto(base)
        page.wait_for_load_state("networkidle")
        assert page.locator(".rb-overview").inner_text().count("Accountmanager") >= 1
        page.locator(".rb-overview table").get_by_role("link", name="Key-accountmanager").click()
        page.wait_for_load_state("networkidle")
        assert page.title().startswith("Key-accountmanager")
        assert page.locator("h2#werkcyclus").count() == 1
        assert page.locator("ol.rb-cycle > li").count() >= 10  # inherited from accountmanager
        pdf_link = page.get_by_role("link", name="Download als PDF")
        assert pdf_link.get_attribute("href") == "../../pdf/key-accountmanager.pdf"
        response = page.request.get(base + "pdf/key-accountmanager.pdf")
        assert response.ok and response.body().startswith(b"%PDF-")
        page.screenshot(path=str(tmp_path / "role.png"))
        page.goto(base + "en/roles/accountmanager/")
        page.wait_for_load_state("networkidle")
        assert page.locator("h2#work-cycle").count() == 1
        assert not watch.foreign, watch.foreign
        assert not watch.errors, watch.errors


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    import textwrap

    from .conftest import LIBRARY

    roles = tmp_path_factory.mktemp("hostile") / "roles"
    (roles / "library").mkdir(parents=True)
    for name, text in LIBRARY.items():
        (roles / "library" / name).write_text(textwrap.dedent(text), encoding="utf-8")
    attacks = " ".join(ATTACKS.values())
    (roles / "junior.yml").write_text(_hostile(attacks), encoding="utf-8")
    (roles / "senior.yml").write_text(SENIOR, encoding="utf-8")
    project = make_project(tmp_path_factory.mktemp("hostile-project"), roles)
    result = rolebook(project, "build", "--no-strict")
    assert result.returncode == 0, result.stderr
    # no git here: the role pages leave the history out and the log says why
    assert "rolebook: role pages without history" in result.stderr
    page = (project / "site" / "roles" / "junior" / "index.html").read_text("utf-8")
    assert "Geschiedenis" not in page and "changes/junior" not in page
    yield project


def test_injection_does_nothing_in_the_browser(hostile_site: Path) -> None:
    assert JUNIOR  # the hostile role is the fixture role with attacks in its texts
    with serve_folder(hostile_site / "site") as base, browser() as chromium:
        page = chromium.new_page()
        watch = PageWatch(page, base)
        for url in ["", "roles/junior/", "en/roles/junior/"]:
            page.goto(base + url)
            page.wait_for_load_state("networkidle")
            for link in page.locator(".md-content a").all():
                href = link.get_attribute("href") or ""
                assert not href.lower().startswith(("javascript:", "data:", "file:")), href
        assert "&lt;script&gt;alert" in page.content()  # shown as text, not run
        assert not watch.dialogs, watch.dialogs
        assert not watch.foreign, watch.foreign
    for html in (hostile_site / "site").rglob("*.html"):
        assert live_problems(html.read_text(encoding="utf-8")) == [], html
    for pdf in (hostile_site / "site").rglob("junior.pdf"):
        data = pdf.read_bytes()
        assert b"/EmbeddedFile" not in data and b"/JavaScript" not in data


def test_every_role_has_an_onboarding_page_and_fillable_pdf(built: Path) -> None:
    for prefix in LANGS.values():
        for role_id in role_ids():
            assert (built / "site" / prefix / "onboarding" / role_id / "index.html").is_file()
            pdf = built / "site" / prefix / "pdf" / f"onboarding-{role_id}.pdf"
            fields = PdfReader(io.BytesIO(pdf.read_bytes())).get_fields() or {}
            assert sum(f.get("/FT") == "/Btn" for f in fields.values()) >= 10


def test_onboarding_checklist_in_a_browser(built: Path, tmp_path: Path) -> None:
    import icalendar

    with serve_folder(built / "site") as base, browser() as chromium:
        context = chromium.new_context(accept_downloads=True)
        page = context.new_page()
        watch = PageWatch(page, base)
        page.goto(base + "onboarding/accountmanager/")
        page.wait_for_load_state("networkidle")
        boxes = page.locator("[data-rb-item]")
        total = boxes.count()
        progress = page.locator('[data-rb-progress="all"] [data-rb-progress-text]')
        assert progress.inner_text() == f"0 van {total} gedaan"
        for i in (0, 1, 5):
            boxes.nth(i).check()
        assert progress.inner_text() == f"3 van {total} gedaan"
        page.fill("[data-rb-start]", "2027-01-04")
        page.dispatch_event("[data-rb-start]", "change")
        first_date = page.locator("[data-rb-date]").first.inner_text()
        assert "december 2026" in first_date  # day -14 of a 4 January start, in Dutch
        page.reload()
        page.wait_for_load_state("networkidle")
        assert [boxes.nth(i).is_checked() for i in (0, 1, 2, 5)] == [True, True, False, True]
        assert page.locator("[data-rb-start]").input_value() == "2027-01-04"
        with page.expect_download() as download_info:
            page.click("[data-rb-ics]")
        ics = Path(download_info.value.path()).read_bytes()
        events = icalendar.Calendar.from_ical(ics).walk("VEVENT")
        assert len(events) == total
        assert events[0].decoded("dtstart").isoformat() == "2026-12-21"
        page.screenshot(path=str(tmp_path / "onboarding.png"))
        # the reset asks first: accept it (instead of the watch, which dismisses every dialog)
        page.remove_listener("dialog", watch._dialog)
        page.once("dialog", lambda dialog: dialog.accept())
        page.click("[data-rb-reset]")
        assert progress.inner_text() == f"0 van {total} gedaan"
        page.reload()
        assert not boxes.nth(0).is_checked()
        assert not watch.foreign, watch.foreign
        assert not watch.errors, watch.errors
        context.close()


def test_competency_pages_and_pdfs_exist(built: Path) -> None:
    for prefix in LANGS.values():
        site = built / "site" / prefix
        for role_id in role_ids():
            assert (site / "competencies" / role_id / "index.html").is_file()
            assert (site / "assessment" / role_id / "index.html").is_file()
            assert (site / "pdf" / f"profile-{role_id}.pdf").is_file()
        for family in ("accountmanagement", "verkoop", "klantenservice", "directie"):
            assert (site / "families" / family / "index.html").is_file()
            assert (site / "pdf" / f"family-{family}.pdf").is_file()
        assert (site / "competency-library" / "index.html").is_file()


def _answered_gap(cat: object, choices: dict[str, int], page_role: object, target: object) -> int:
    """The gap the page shows: per competency of `target` that the page can score and that
    has an answer, max(0, required - chosen) (generator.competencies.gap on those lines)."""
    from generator.competencies import gap

    scorable = {need.id for need in page_role.competencies}  # type: ignore[attr-defined]
    lines = gap(cat, choices, target).lines  # type: ignore[arg-type]
    return sum(
        line.gap
        for line in lines
        if line.competency.id in scorable and line.competency.id in choices
    )


def test_self_assessment_in_a_browser(built: Path, tmp_path: Path) -> None:
    from generator.checks import load_catalog

    cat = load_catalog(built / "roles")
    choices = {"onderhandelen": 3, "productkennis": 4, "wetgeving-ondernemen": 1}
    with serve_folder(built / "site") as base, browser() as chromium:
        context = chromium.new_context(accept_downloads=True)
        page = context.new_page()
        watch = PageWatch(page, base)
        url = base + "assessment/accountmanager/"
        page.goto(url)
        page.wait_for_load_state("networkidle")
        against = page.locator("select[name=against]")
        assert against.input_value() == "corporate-accountmanager"  # the next career step
        for comp, level in choices.items():
            page.get_by_role("radio", name=f"{level} – ", exact=False).and_(
                page.locator(f"input[name='level-{comp}']")
            ).check()
        page.fill("textarea[name=note-onderhandelen]", "Twee deals zelfstandig")
        page.fill("input[name=name]", "Sam de Vries")
        own = page.locator("[data-rb-summary-own]")
        other = page.locator("[data-rb-summary-against]")
        page_role = cat.roles["accountmanager"]
        expected_own = _answered_gap(cat, choices, page_role, page_role)
        expected_other = _answered_gap(
            cat, choices, page_role, cat.roles["corporate-accountmanager"]
        )
        assert own.get_attribute("data-rb-total") == str(expected_own)
        assert other.get_attribute("data-rb-total") == str(expected_other)
        against.select_option("key-accountmanager")
        expected_key = _answered_gap(cat, choices, page_role, cat.roles["key-accountmanager"])
        assert other.get_attribute("data-rb-total") == str(expected_key)
        assert expected_key != expected_other
        shared_link = page.url
        page.reload()
        page.wait_for_load_state("networkidle")
        assert page.locator("input[name='level-onderhandelen'][value='3']").is_checked()
        assert (
            page.locator("textarea[name=note-onderhandelen]").input_value()
            == "Twee deals zelfstandig"
        )
        with page.expect_download() as download_info:
            page.click("[data-rb-export=json]")
        exported = Path(download_info.value.path())
        data = json.loads(exported.read_text(encoding="utf-8"))
        assert data["answers"]["onderhandelen"] == {"level": 3, "note": "Twee deals zelfstandig"}
        assert data["against"] == "key-accountmanager"
        with page.expect_download() as csv_info:
            page.click("[data-rb-export=csv]")
        csv_text = Path(csv_info.value.path()).read_text(encoding="utf-8-sig")
        assert csv_text.splitlines()[0] == (
            "Competentie;Vereist niveau;Jouw niveau;Status;Verschil;Notitie"
        )
        # a note that starts like a formula is exported inert (OWASP, CSV injection)
        page.fill("textarea[name=note-productkennis]", '=HYPERLINK("http://x","y")')
        with page.expect_download() as csv_info:
            page.click("[data-rb-export=csv]")
        exported_csv = Path(csv_info.value.path()).read_text(encoding="utf-8-sig")
        assert '"\'=HYPERLINK(""http://x"",""y"")"' in exported_csv
        assert ';"=HYPERLINK' not in exported_csv and ";=HYPERLINK" not in exported_csv
        page.fill("textarea[name=note-productkennis]", "")
        # a fresh browser (no localStorage): the shared link and an import restore the state
        fresh = chromium.new_context().new_page()
        fresh.goto(shared_link)
        fresh.wait_for_load_state("networkidle")
        assert fresh.locator("input[name='level-productkennis'][value='4']").is_checked()
        fresh.goto(url.split("#")[0] + "#")
        fresh.evaluate("localStorage.clear()")
        fresh.goto(url)
        fresh.wait_for_load_state("networkidle")
        assert not fresh.locator("input[name='level-onderhandelen'][value='3']").is_checked()
        fresh.set_input_files("[data-rb-import]", str(exported))
        fresh.wait_for_function(
            "document.querySelector(\"input[name='level-onderhandelen'][value='3']\").checked"
        )
        assert fresh.locator("select[name=against]").input_value() == "key-accountmanager"
        assert fresh.locator("[data-rb-summary-against]").get_attribute("data-rb-total") == str(
            expected_key
        )
        page.screenshot(path=str(tmp_path / "assessment.png"))
        assert not watch.foreign, watch.foreign
        assert not watch.errors, watch.errors
        context.close()


def test_career_graph_and_plans_on_the_site(built: Path) -> None:
    import posixpath
    import xml.etree.ElementTree as ET

    from generator.career import career_steps
    from generator.checks import load_catalog

    cat = load_catalog(built / "roles")
    steps = career_steps(cat)
    assert ("accountmanager", "key-accountmanager") in [(a.id, b.id) for a, b in steps]
    for prefix in LANGS.values():
        site = built / "site" / prefix
        for a, b in steps:
            assert (site / "plans" / f"{a.id}--{b.id}" / "index.html").is_file()
            assert (site / "pdf" / f"plan-{a.id}--{b.id}.pdf").is_file()
        home = (site / "index.html").read_text(encoding="utf-8")
        start = home.index('<svg xmlns="http://www.w3.org/2000/svg" class="rb-graph"')
        svg = home[start : home.index("</svg>", start) + 6]
        root = ET.fromstring(svg)
        hrefs = [a.get("href") for a in root.iter("{http://www.w3.org/2000/svg}a")]
        assert len(hrefs) == len(cat.roles)
        for href in hrefs:
            assert href is not None
            target = site / posixpath.normpath(href) / "index.html"
            assert target.is_file(), href
    text = PdfReader(
        io.BytesIO(
            (built / "site" / "pdf" / "plan-accountmanager--key-accountmanager.pdf").read_bytes()
        )
    )
    content = "\n".join(page.extract_text() for page in text.pages)
    assert "Ontwikkelplan" in content and "Key-accountmanager" in content


def test_exports_and_structured_data_on_the_site(built: Path) -> None:
    import re

    from docx import Document

    for lang, prefix in LANGS.items():
        site = built / "site" / prefix
        for role_id in role_ids():
            doc = Document(str(site / "docx" / f"{role_id}.docx"))
            assert doc.core_properties.language == lang
            html = (site / "roles" / role_id / "index.html").read_text(encoding="utf-8")
            block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
            assert block is not None, role_id
            data = json.loads(block.group(1))
            assert data["@type"] == "Occupation" and data["identifier"] == role_id
            assert data["inLanguage"] == lang
        for name in ("catalog.json", "competencies.csv", "competencies.xlsx"):
            assert (site / "exports" / name).stat().st_size > 1000


def test_language_switch_opens_the_same_page_in_the_other_language(built: Path) -> None:
    """nl -> en and back on every kind of page, the self-assessment's answers (after #) kept;
    without site_url, and so without sitemaps."""
    pages = [
        ("", "en/"),
        ("roles/accountmanager/", "en/roles/accountmanager/"),
        ("onboarding/accountmanager/", "en/onboarding/accountmanager/"),
        ("managers/", "en/managers/"),
        ("hr/writing-a-role/", "en/hr/writing-a-role/"),
        ("changes/accountmanager/1.1.0/", "en/changes/accountmanager/1.1.0/"),
    ]
    with serve_folder(built / "site") as base, browser() as chromium:
        page = chromium.new_page()

        def switch(lang: str) -> None:
            with page.expect_navigation():
                page.locator(f"a.md-select__link[hreflang={lang}]").first.dispatch_event("click")

        for nl, en in pages:
            page.goto(base + nl)
            switch("en")
            assert page.url == base + en, (nl, page.url)
            switch("nl")
            assert page.url == base + nl, (en, page.url)
        page.goto(base + "assessment/accountmanager/#r=accountmanager&l.onderhandelen=3")
        page.wait_for_load_state("networkidle")
        switch("en")
        page.wait_for_load_state("networkidle")
        assert page.url.startswith(base + "en/assessment/accountmanager/#")
        assert "l.onderhandelen=3" in page.url
        assert page.locator("input[name='level-onderhandelen'][value='3']").is_checked()


def test_every_job_description_has_at_most_three_pages_and_a_sign_off(built: Path) -> None:
    """The formal functiebeschrijving is short enough to sign and file; the competency profile
    (required and next level only) at most four pages."""
    from pypdf import PdfReader

    from .test_pdf import pdf_text

    for prefix, sign_off in (("", "Ondertekening"), ("en/", "Sign-off")):
        for role_id in role_ids():
            data = (built / "site" / prefix / "pdf" / f"{role_id}.pdf").read_bytes()
            pages = len(PdfReader(io.BytesIO(data)).pages)
            assert pages <= 3, (prefix, role_id, pages)
            assert sign_off in pdf_text(data), (prefix, role_id)
            profile = built / "site" / prefix / "pdf" / f"profile-{role_id}.pdf"
            assert len(PdfReader(profile).pages) <= 4, (prefix, role_id)


def test_job_architecture_page_and_pdf(built: Path) -> None:
    from .test_pdf import pdf_text

    for page, pdf, title in (
        ("functiehuis/index.html", "pdf/functiehuis.pdf", "Functiehuis"),
        ("en/job-architecture/index.html", "en/pdf/job-architecture.pdf", "Job architecture"),
    ):
        html = (built / "site" / page).read_text(encoding="utf-8")
        assert "<h1" in html and title in html
        assert 'href="../roles/accountmanager/"' in html or 'href="../roles/accountmanager/' in html
        text = pdf_text((built / "site" / pdf).read_bytes())
        assert title in text and "Accountmanager" in text.replace(
            "Account manager", "Accountmanager"
        )


def test_keyboard_focus_is_visible_on_checkboxes_and_radio_buttons(built: Path) -> None:
    """Tab to a checklist box and to an assessment level: each shows a focus ring of at least
    2 px that is not 'none' (WCAG 2.2, 2.4.7 and 2.4.11)."""
    script = """() => {
        const el = document.activeElement;
        const style = getComputedStyle(el);
        return [el.tagName, el.type, style.outlineStyle, parseFloat(style.outlineWidth)];
    }"""
    with serve_folder(built / "site") as base, browser() as chromium:
        page = chromium.new_page()
        for url, kind in (
            ("onboarding/accountmanager/", "checkbox"),
            ("assessment/accountmanager/", "radio"),
        ):
            page.goto(base + url)
            page.wait_for_load_state("networkidle")
            for _ in range(200):
                page.keyboard.press("Tab")
                tag, type_, style, width = page.evaluate(script)
                if tag == "INPUT" and type_ == kind:
                    break
            else:
                raise AssertionError(f"no {kind} reached with Tab on {url}")
            assert style != "none" and width >= 2, (url, style, width)


def test_assessment_ignores_values_that_do_not_fit(built: Path) -> None:
    """A link with vs=__proto__ or a level of 99 used to crash the page and poison its storage:
    such values are ignored with a notice, and what fits is kept."""
    with serve_folder(built / "site") as base, browser() as chromium:
        page = chromium.new_page()
        watch = PageWatch(page, base)
        url = base + "assessment/accountmanager/"
        for bad in ("vs=__proto__", "vs=constructor", "vs=nobody"):
            page.goto("about:blank")  # a new hash alone would not load the page again
            page.goto(f"{url}#r=accountmanager&{bad}&l.onderhandelen=99&l.productkennis=3")
            page.wait_for_load_state("networkidle")
            assert watch.errors == [], watch.errors
            notice = page.locator("[data-rb-notice]")
            assert notice.is_visible() and "genegeerd" in notice.inner_text()
            assert page.locator("input[name='level-productkennis'][value='3']").is_checked()
            assert not page.locator("input[name='level-onderhandelen']:checked").count()
            against = page.locator("[data-rb-summary-against]").inner_text()
            assert "Corporate accountmanager" in against  # the default comparison
            # a change saves the state: only what fits is stored
            page.locator("input[name='level-productkennis'][value='4']").check()
            stored = page.evaluate("localStorage.getItem('rolebook:assessment:accountmanager')")
            assert '"productkennis":4' in stored
            assert "__proto__" not in stored and "constructor" not in stored and "99" not in stored
            assert "nobody" not in stored
            page.evaluate("localStorage.clear()")


def test_reset_asks_first_on_the_checklist_and_the_assessment(built: Path) -> None:
    """One click used to wipe everything: now the page asks, and 'cancel' keeps it all."""
    with serve_folder(built / "site") as base, browser() as chromium:
        page = chromium.new_page()
        for url, field, question in (
            ("onboarding/accountmanager/", "input[type=checkbox][data-rb-item]", "vinkjes"),
            (
                "assessment/accountmanager/",
                "input[name='level-productkennis'][value='3']",
                "antwoorden",
            ),
        ):
            page.goto(base + url)
            page.wait_for_load_state("networkidle")
            box = page.locator(field).first
            box.check()
            asked: list[str] = []

            def answer(dialog: object, accept: bool, asked: list[str] = asked) -> None:
                asked.append(dialog.message)  # type: ignore[attr-defined]
                if accept:
                    dialog.accept()  # type: ignore[attr-defined]
                else:
                    dialog.dismiss()  # type: ignore[attr-defined]

            page.once("dialog", lambda d: answer(d, False))
            page.click("[data-rb-reset]")
            assert asked and question in asked[0], asked
            assert box.is_checked(), "cancel keeps what was filled in"
            page.once("dialog", lambda d: answer(d, True))
            page.click("[data-rb-reset]")
            assert not box.is_checked()


def test_vacancies_and_interview_kits_on_the_site(built: Path) -> None:
    """Open roles have a vacancy page with JobPosting and a PDF; closed ones none; every role has
    an interview kit page and a fillable PDF in both languages; the recruitment page lists them."""
    from generator.checks import load_catalog

    cat = load_catalog(REPO / "roles")
    # advertised today: open and not past the closing date (after it, the site shows none)
    open_ids = {r.id for r in cat.roles.values() if advertised(r)}
    for lang, prefix in LANGS.items():
        site = built / "site" / prefix
        for role_id in role_ids():
            vacancy = site / "vacancies" / role_id / "index.html"
            assert vacancy.exists() == (role_id in open_ids), (lang, role_id)
            assert (site / "pdf" / f"vacancy-{role_id}.pdf").exists() == (role_id in open_ids)
            if role_id in open_ids:
                html = vacancy.read_text(encoding="utf-8")
                match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
                assert match, role_id
                assert json.loads(match.group(1))["@type"] == "JobPosting"
            kit = (site / "interview" / role_id / "index.html").read_text(encoding="utf-8")
            assert "STAR" in kit
            fields = PdfReader(site / "pdf" / f"interview-{role_id}.pdf").get_fields() or {}
            assert "advice" in fields and any(k.startswith("score-") for k in fields)
        overview = site / "vacancies" / "index.html"
        text = overview.read_text(encoding="utf-8")
        for role_id in open_ids:
            assert f'href="{role_id}/"' in text
        assert text.count("../interview/") >= len(role_ids())


def test_every_folder_of_pages_has_an_index_page(built: Path) -> None:
    """A folder's address opens a page to pick from, never a web server's file listing, and the
    navigation's sections open on those pages (issue 23, point 7)."""
    for lang, prefix in LANGS.items():
        site = built / "site" / prefix
        folders = {
            page.parent.parent
            for page in site.rglob("index.html")
            if page.parent.parent != site.parent and page.parent != site
        }
        folders.discard(site)
        if lang == "nl":
            folders = {f for f in folders if f.relative_to(site).parts[:1] != ("en",)}
        assert {f.relative_to(site).as_posix() for f in folders} >= {
            "roles",
            "onboarding",
            "assessment",
            "competencies",
            "plans",
            "families",
            "interview",
            "vacancies",
            "hr",
            "changes",
        }
        for folder in folders:
            index = folder / "index.html"
            assert index.is_file(), f"{lang}: {folder.relative_to(site)} has no index page"
            assert "<h1" in index.read_text(encoding="utf-8")
        # the sections open on them
        home = (site / "index.html").read_text(encoding="utf-8")
        for folder in ("roles/", "onboarding/", "plans/", "competencies/"):
            assert f'href="{folder}"' in home, (lang, folder)


def _search(page: object, base: str, query: str) -> list[tuple[str, str]]:
    """(address, preview) of the first results of the site's search for `query`."""
    page.goto(f"{base}?q={query}")  # type: ignore[attr-defined]
    page.wait_for_selector(".md-search-result__item", timeout=20000)  # type: ignore[attr-defined]
    page.wait_for_timeout(300)  # type: ignore[attr-defined]
    items = page.locator(".md-search-result__item > a")  # type: ignore[attr-defined]
    found = []
    for i in range(min(items.count(), 6)):
        link = items.nth(i)
        href = link.get_attribute("href").removeprefix(base).split("?")[0]
        found.append((href, " ".join(link.inner_text().split())))
    return found


def test_search_finds_what_people_look_for(built: Path) -> None:
    """Role pages first for a word of their work, the checklists for 'inwerken', and previews
    that start with the text, not the buttons (issue 23, point 12)."""
    with serve_folder(built / "site") as base, browser() as chromium:
        page = chromium.new_page()
        klant = _search(page, base, "klant")
        assert [href for href, _ in klant[:3]] == [
            "roles/accountmanager/",
            "roles/corporate-accountmanager/",
            "roles/key-accountmanager/",
        ], klant
        assert all(href.startswith("roles/") for href, _ in klant[:5]), klant
        inwerken = _search(page, base, "inwerken")
        assert all(href.startswith("onboarding/") for href, _ in inwerken[:5]), inwerken
        own = _search(page, base, "accountmanager")
        assert own[0][0] == "roles/accountmanager/", own
        for _, preview in klant + own:
            assert "Download" not in preview and "PDF" not in preview, preview
        en = _search(page, base + "en/", "onboarding")
        assert en and all(href.startswith("onboarding/") for href, _ in en[:3]), en


def test_assessment_result_view_for_the_conversation(built: Path) -> None:
    """Neutral before any answer; then the largest gaps first with the next level's behaviour,
    in a summary that stays in view; a comparison counts only what both roles can be scored on;
    the link never carries the name or notes; on paper, a line to sign (issue 23, points 4, 5)."""
    from generator.checks import load_catalog

    cat = load_catalog(built / "roles")
    own = {need.id for need in cat.roles["accountmanager"].competencies}
    director = {need.id for need in cat.roles["commercieel-directeur"].competencies}
    with serve_folder(built / "site") as base, browser() as chromium:
        page = chromium.new_page(viewport={"width": 1366, "height": 900})
        watch = PageWatch(page, base)
        page.goto(base + "assessment/accountmanager/")
        page.wait_for_load_state("networkidle")
        page.evaluate("localStorage.clear()")
        page.reload()
        assert page.locator("[data-rb-neutral]").is_visible()
        assert not page.locator("[data-rb-summary-own]").is_visible()
        assert not page.locator("[data-rb-gaps-block]").is_visible()
        summary = page.locator("[data-rb-summary]")
        assert summary.evaluate("e => getComputedStyle(e).position") == "sticky"
        for comp, level in {"onderhandelen": 1, "productkennis": 2, "relatiebeheer": 4}.items():
            page.locator(f"input[name='level-{comp}'][value='{level}']").check()
        assert not page.locator("[data-rb-neutral]").is_visible()
        assert "3 van " in page.locator("[data-rb-summary-own]").inner_text()
        page.locator("[data-rb-gaps-block] summary").click()
        gaps = page.locator("[data-rb-gaps] li")
        assert gaps.count() == 2  # the two below the required level, largest first
        first = gaps.nth(0).inner_text()
        next_level = cat.competencies["onderhandelen"].levels[2].get("nl", "nl")
        assert first.startswith("Onderhandelen: niveau 1, vereist 3")
        assert "Volgende stap, niveau 2:" in first and next_level in first
        assert gaps.nth(1).inner_text().startswith("Productkennis: niveau 2, vereist 3")
        # a role that needs competencies this page cannot score: compared on the shared ones
        page.locator("select[name=against]").select_option("commercieel-directeur")
        against = page.locator("[data-rb-summary-against]")
        assert against.get_attribute("data-rb-compared") == str(len(director & own))
        fresh = page.locator("[data-rb-new]")
        assert fresh.get_attribute("data-rb-count") == str(len(director - own))
        for comp_id in director - own:
            assert cat.competencies[comp_id].name.get("nl", "nl") in fresh.inner_text()
        # the name, date and notes stay out of the address and the share link
        page.fill("input[name=name]", "Sam de Vries")
        page.fill("textarea[name=note-onderhandelen]", "vertrouwelijk")
        page.locator("textarea[name=note-onderhandelen]").blur()
        assert "Sam" not in page.url and "vertrouwelijk" not in page.url
        assert "l.onderhandelen=1" in page.url
        page.click("[data-rb-share]")
        link = page.locator("[data-rb-share-url]").input_value()
        assert "l.onderhandelen=1" in link and "vs=commercieel-directeur" in link
        assert "name" not in link and "n." not in link and "vertrouwelijk" not in link
        assert (
            "naam, datum en notities gaan niet mee"
            in page.locator("[data-rb-share-box]").inner_text()
        )
        # on paper: the gaps open, a line to sign
        page.locator("[data-rb-gaps-block] summary").click()  # closed again
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        assert page.locator("[data-rb-gaps-block]").get_attribute("open") is not None
        page.emulate_media(media="print")
        assert page.locator(".rb-print-signoff").is_visible()
        assert not page.locator("[data-rb-tools]").is_visible()
        assert not watch.errors, watch.errors


def test_search_index_is_at_most_10_kb_per_role_page(built: Path) -> None:
    """Role pages index their summary, purpose, result areas, mandates and requirements; the
    annexes (work cycle, competency table, training, history...) stay out (issue 22)."""
    from collections import defaultdict

    for prefix in LANGS.values():
        index = json.loads((built / "site" / prefix / "search" / "search_index.json").read_text())
        size: dict[str, int] = defaultdict(int)
        for entry in index["docs"]:
            size[entry["location"].split("#")[0]] += len(
                json.dumps(entry, ensure_ascii=False).encode()
            )
        pages = {p: n for p, n in size.items() if p.startswith("roles/") and p != "roles/"}
        assert len(pages) == len(role_ids())
        assert max(pages.values()) <= 10_000, max(pages.items(), key=lambda item: item[1])
        titles = {
            entry["title"]
            for entry in index["docs"]
            if entry["location"].startswith("roles/accountmanager/")
        }
        assert ("Resultaatgebieden" if not prefix else "Key result areas") in titles
        assert ("Werkcyclus" if not prefix else "Work cycle") not in titles


def test_404_pages_lead_to_their_own_language_under_a_sub_path(tmp_path: Path) -> None:
    """Built with a site_url under a path: each language's 404 page, sent for any missing URL
    below its site, says so in its language and links only to its own site's pages (the English
    one linked to the Dutch site), with links that work under the path (not from "/")."""
    (tmp_path / "project").mkdir()
    project = make_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    site_url = "site_name: Functieboek\nsite_url: https://example.org/handbook/\n"
    config.write_text(text.replace("site_name: Functieboek\n", site_url, 1), encoding="utf-8")
    result = rolebook(project, "build", "--no-pdf")
    assert result.returncode == 0, result.stderr
    site = project / "site"
    www = tmp_path / "www"
    www.mkdir()
    (www / "handbook").symlink_to(site)
    error_pages = {"/handbook/": site / "404.html", "/handbook/en/": site / "en" / "404.html"}
    with serve_folder(www, error_pages) as base, browser() as chromium:
        page = chromium.new_page()
        root = base.rstrip("/")
        sites = {"nl": root + "/handbook/", "en": root + "/handbook/en/"}
        for lang, heading, other in (
            ("nl", "Pagina niet gevonden", "en"),
            ("en", "Page not found", "nl"),
        ):
            response = page.goto(sites[lang] + "roles/nobody/")
            assert response is not None and response.status == 404
            assert page.locator("html").get_attribute("lang") == lang
            assert page.locator("h1").inner_text() == heading
            hrefs = page.eval_on_selector_all(
                ":is(.md-header, .md-tabs, .md-content) a[href]:not(.md-select__link)",
                "links => links.map(a => a.href)",
            )
            assert len(hrefs) >= 8, hrefs
            for href in hrefs:
                assert href.startswith(sites[lang]), (lang, href)
                assert lang == "en" or not href.startswith(sites["en"]), (lang, href)
                assert page.request.get(href).ok, (lang, href)
            switcher = page.eval_on_selector_all(
                "a.md-select__link", "links => links.map(a => [a.hreflang, a.href])"
            )
            assert sorted(switcher) == sorted([[lang, sites[lang]], [other, sites[other]]])
