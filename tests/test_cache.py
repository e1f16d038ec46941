"""The content-addressed caches of PDFs and exports, and the processes that fill them: what is
made again and what is reused, corrupt entries, failures. Never timings (see benchmarks/)."""

from __future__ import annotations

import os
import pickle
import subprocess
from pathlib import Path
from typing import Any

import pytest

from generator.catalog import Catalog
from generator.checks import load_catalog
from generator.documents.exports import WordJobDescription
from generator.documents.kind import Context, Document
from generator.documents.registry import build_context
from generator.documents.siteplan import cached_files, site_plan
from generator.errors import RenderError
from generator.exports.docx import role_docx
from generator.output import pdfstage
from generator.output.cache import ContentCache
from generator.output.exportstage import ExportStage, export_keys
from generator.output.pdf import LaidOut
from generator.output.pdfstage import PdfJob, pdf_pool, print_source
from generator.render.printing import PdfSettings, PrintDocument

from .conftest import SENIOR, WriteRoles

is_valid = ContentCache.valid

FAKE_PDF = b"%PDF-1.7\n" + b"x" * 2000 + b"\n%%EOF\n"


@pytest.fixture
def fake_layout(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """WeasyPrint replaced by a stand-in that records what it was asked to lay out (forked
    render processes inherit it; their calls are not seen here)."""
    names: list[str] = []

    def layout(document: PrintDocument, settings: PdfSettings) -> LaidOut:
        names.append(document.name)
        return LaidOut(FAKE_PDF, [])

    monkeypatch.setattr(pdfstage, "layout_pdf", layout)
    return names


def _documents(cat: Catalog, lang: str = "nl") -> list[Document]:
    return [
        Document(kind, (r,), lang) for r in cat.roles for kind in ("job", "onboarding", "profile")
    ]


def render_pdfs(
    cat: Catalog, docs: list[Document], cache: Path, **options: object
) -> pdfstage.PdfReport:
    return pdfstage.render_pdfs(build_context(cat, docs[0].lang), docs, cache, **options)  # type: ignore[arg-type]


def _stage(cat: Catalog, lang: str, cache: Path, workers: int, **options: object) -> ExportStage:
    ctx = build_context(cat, lang, **options)
    return ExportStage(ctx, cached_files(site_plan(ctx)), cache, workers=workers)


def _changed_senior(write_roles: WriteRoles) -> Catalog:
    return load_catalog(
        write_roles({"senior.yml": SENIOR.replace("Verkoopt meer.", "Verkoopt veel meer.")})
    )


def test_pdf_cache_reuses_unchanged_and_renders_only_the_changed_role(
    write_roles: WriteRoles, tmp_path: Path, fake_layout: list[str]
) -> None:
    cat = load_catalog(write_roles())
    docs = _documents(cat)
    cold = render_pdfs(cat, docs, tmp_path / "cache", workers=1)
    assert sorted(cold.rendered) == sorted(docs) and not cold.reused
    assert all(path.read_bytes() == FAKE_PDF for path in cold.paths.values())
    again = render_pdfs(load_catalog(write_roles()), docs, tmp_path / "cache", workers=1)
    assert again.rendered == [] and sorted(again.reused) == sorted(docs)
    changed = render_pdfs(_changed_senior(write_roles), docs, tmp_path / "cache", workers=1)
    # the summary is on the job description only: the onboarding and profile PDFs are reused
    assert changed.rendered == [Document("job", ("senior",), "nl")]


def test_corrupt_or_partial_pdf_is_rendered_again(
    write_roles: WriteRoles, tmp_path: Path, fake_layout: list[str]
) -> None:
    cat = load_catalog(write_roles())
    docs = [Document("job", ("junior",), "nl"), Document("job", ("senior",), "nl")]
    first = render_pdfs(cat, docs, tmp_path / "cache", workers=1)
    first.paths[docs[0]].write_bytes(FAKE_PDF[:100])  # cut off
    again = render_pdfs(cat, docs, tmp_path / "cache", workers=1)
    assert again.rendered == [docs[0]] and again.reused == [docs[1]]
    assert first.paths[docs[0]].read_bytes() == FAKE_PDF


def test_pdf_jobs_carry_the_print_html_not_the_catalog(write_roles: WriteRoles) -> None:
    cat = load_catalog(write_roles())
    document = Document("job", ("senior",), "nl")
    source = print_source(build_context(cat, "nl"), document)
    job = PdfJob(document, Path("x.pdf"), source)
    assert "Senior verkoper" in source.html
    assert b"Catalog" not in pickle.dumps(job)


def test_a_pool_serves_several_stages_and_renders_in_its_processes(
    write_roles: WriteRoles, tmp_path: Path, fake_layout: list[str]
) -> None:
    cat = load_catalog(write_roles())
    with pdf_pool(2) as pool:
        pool.start()
        nl = render_pdfs(cat, _documents(cat), tmp_path / "cache", pool=pool)
        en = render_pdfs(cat, _documents(cat, "en"), tmp_path / "cache", pool=pool)
        assert pool.started, "the caller's pool stays up between stages"
    assert len(nl.rendered) == len(en.rendered) == 6
    assert fake_layout == [], "rendered in the pool's processes, not here"
    assert all(path.read_bytes() == FAKE_PDF for path in [*nl.paths.values(), *en.paths.values()])


def test_pdf_failure_in_a_process_names_the_document(
    write_roles: WriteRoles, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def layout(document: PrintDocument, settings: PdfSettings) -> LaidOut:
        if "senior" in document.name:
            raise RenderError(f"{document.name}: PDF failed: boom")
        return LaidOut(FAKE_PDF, [])

    monkeypatch.setattr(pdfstage, "layout_pdf", layout)
    cat = load_catalog(write_roles())
    with pytest.raises(RenderError, match=r"job of 'senior' \(nl\): PDF failed: boom"):
        render_pdfs(cat, _documents(cat), tmp_path / "cache", workers=2)
    # what was made is kept; the failed document is rendered again next time
    monkeypatch.setattr(pdfstage, "layout_pdf", lambda document, settings: LaidOut(FAKE_PDF, []))
    again = render_pdfs(cat, _documents(cat), tmp_path / "cache", workers=1)
    assert sorted(again.rendered, key=str) == sorted(
        (Document(k, ("senior",), "nl") for k in ("job", "onboarding", "profile")), key=str
    )


@pytest.mark.parametrize("workers", [0, 1], ids=["in-process", "background"])
def test_export_cache_reuses_unchanged_and_makes_only_what_changed(
    write_roles: WriteRoles, tmp_path: Path, workers: int
) -> None:
    cat = load_catalog(write_roles())
    stage = _stage(cat, "nl", tmp_path / "cache", workers)
    stage.start()
    # started processes hold their own copy: the build lets go of the catalog meanwhile
    assert (stage.ctx is None) == (workers > 0)
    stage.wait()
    assert sorted(stage.made) == [
        "docx/junior.docx",
        "docx/senior.docx",
        "exports/catalog.json",
        "exports/competencies.csv",
        "exports/competencies.xlsx",
    ]
    assert stage.paths["docx/senior.docx"].read_bytes() == role_docx(cat, cat.roles["senior"], "nl")
    assert all(is_valid(path) for path in stage.paths.values())
    again = _stage(load_catalog(write_roles()), "nl", tmp_path / "cache", workers)
    assert again.made == [] and len(again.reused) == 5
    changed = _stage(_changed_senior(write_roles), "nl", tmp_path / "cache", workers)
    changed.start()
    changed.wait()
    assert sorted(changed.made) == [
        "docx/senior.docx",
        "exports/catalog.json",
        "exports/competencies.csv",
        "exports/competencies.xlsx",
    ]
    english = _stage(cat, "en", tmp_path / "cache", 0)
    assert len(english.made) == 5, "another language is another file"


def test_export_keys_follow_what_a_document_shows(write_roles: WriteRoles, tmp_path: Path) -> None:
    def keys(cat: Catalog, **options: object) -> dict[Document, str]:
        ctx = build_context(cat, "nl", **options)
        return export_keys(ctx, [document for document, _ in cached_files(site_plan(ctx))])

    junior, xlsx = Document("docx", ("junior",), "nl"), Document("catalog-xlsx", (), "nl")
    plain = keys(load_catalog(write_roles()))
    # junior's job description names its next role, senior, by title
    retitled = keys(
        load_catalog(write_roles({"senior.yml": SENIOR.replace("Senior verkoper", "Verkoper II")}))
    )
    assert plain[junior] != retitled[junior]
    template = tmp_path / "template.docx"
    template.write_bytes(b"PK not really")
    with_template = keys(load_catalog(write_roles()), word_template=template)
    assert plain[junior] != with_template[junior]
    assert plain[xlsx] == with_template[xlsx]


def test_corrupt_export_is_made_again(write_roles: WriteRoles, tmp_path: Path) -> None:
    cat = load_catalog(write_roles())
    stage = _stage(cat, "nl", tmp_path / "cache", 0)
    stage.wait()
    docx = stage.paths["docx/junior.docx"]
    good = docx.read_bytes()
    docx.write_bytes(good[: len(good) // 2])  # a torn write
    stage.paths["exports/catalog.json"].with_name(
        stage.paths["exports/catalog.json"].name + ".sha256"
    ).unlink()  # the digest never written
    again = _stage(cat, "nl", tmp_path / "cache", 0)
    assert sorted(again.made) == ["docx/junior.docx", "exports/catalog.json"]
    again.wait()
    assert docx.read_bytes() == good


@pytest.mark.parametrize("workers", [0, 1], ids=["in-process", "background"])
def test_export_failure_names_the_file(
    write_roles: WriteRoles, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    real = WordJobDescription.make_file

    def make(self: WordJobDescription, ctx: Context, subject: object) -> bytes:
        if getattr(subject, "id", None) == "senior":
            raise ValueError("boom")
        return real(self, ctx, subject)  # type: ignore[arg-type]

    monkeypatch.setattr(WordJobDescription, "make_file", make)
    stage = _stage(load_catalog(write_roles()), "nl", tmp_path / "cache", workers)
    stage.start()
    with pytest.raises(RenderError, match=r"docx/senior\.docx \(nl\): export failed: .*boom"):
        stage.wait()
    assert is_valid(stage.paths["docx/junior.docx"]), "the others are made all the same"
    assert not is_valid(stage.paths["docx/senior.docx"])


def test_page_store_writes_pages_and_removes_them_and_those_of_dead_builds(tmp_path: Path) -> None:
    from generator.pagestore import PageStore

    gone = subprocess.Popen(["true"])  # a build that was killed: its process is gone
    gone.wait()
    stale = tmp_path / "pages" / f"nl-{gone.pid}-abc"
    (stale / "roles").mkdir(parents=True)
    (stale / "roles" / "x.md").write_text("old", encoding="utf-8")
    running = tmp_path / "pages" / f"en-{os.getpid()}-def"  # another build of this process
    running.mkdir()
    store = PageStore(tmp_path, "nl")
    assert not stale.exists() and running.exists()
    page = store.write("roles/accountmanager.md", "# Accountmanager\n")
    assert page.read_text(encoding="utf-8") == "# Accountmanager\n"
    assert page.is_relative_to(tmp_path / "pages")
    store.park_html("roles/accountmanager.md", "<h1>Accountmanager</h1>")
    assert store.take_html("roles/accountmanager.md") == "<h1>Accountmanager</h1>"
    assert store.take_html("roles/other.md") is None
    store.close()
    assert not store.root.exists() and running.exists()


def test_a_catalog_loaded_for_rendering_equals_the_checked_one(tmp_path: Path) -> None:
    """Made afresh, and read back from the cache folder: the same catalog as a full check."""
    import shutil

    from generator import loadcache

    from .conftest import SHIPPED_ROLES

    roles = tmp_path / "roles"
    shutil.copytree(SHIPPED_ROLES, roles)
    checked = load_catalog(roles)
    for attempt in ("made", "cached"):
        rendering, diagnostics = loadcache.load_for_rendering(roles, tmp_path / "cache")
        assert rendering is not None and all(d.severity.name != "ERROR" for d in diagnostics)
        assert rendering == checked or rendering.sources != checked.sources, attempt
        for name in ("organisation", "scales", "competencies", "families", "training"):
            assert getattr(rendering, name) == getattr(checked, name), (attempt, name)
        assert rendering.onboarding == checked.onboarding and rendering.roles == checked.roles
        assert rendering.files == checked.files, attempt
        assert rendering.sources["accountmanager"].data == {}  # no diagnostic data kept
        assert (
            rendering.sources["accountmanager"].display == checked.sources["accountmanager"].display
        )
        assert rendering.family_roles("accountmanagement") == checked.family_roles(
            "accountmanagement"
        )
        assert len(list((tmp_path / "cache" / "catalog").glob("*.json"))) == 1


def test_the_cached_catalog_follows_every_change_and_never_trusts_the_cache(
    write_roles: WriteRoles, tmp_path: Path, check_calls: list[Path]
) -> None:
    from generator import loadcache

    root = write_roles()
    cache_dir = tmp_path / "cache"
    calls = check_calls
    first, _ = loadcache.load_for_rendering(root, cache_dir)
    again, _ = loadcache.load_for_rendering(root, cache_dir)
    assert first is not None and again == first and len(calls) == 1  # read from the cache
    # a changed role, a new file, a library edit: each is checked again
    text = (root / "junior.yml").read_text(encoding="utf-8")
    (root / "junior.yml").write_text(
        text.replace("Verkoper", "Beginnend verkoper", 1), encoding="utf-8"
    )
    changed, _ = loadcache.load_for_rendering(root, cache_dir)
    assert len(calls) == 2 and changed is not None and changed.roles != first.roles
    (root / "library" / "notes.txt").write_text("x", encoding="utf-8")
    loadcache.load_for_rendering(root, cache_dir)
    assert len(calls) == 3
    # the cache holds the newest catalog only; a damaged or foreign entry is made again
    [entry] = (cache_dir / "catalog").glob("*.json")
    entry.write_text('{"format": 1, "organisation": {"languages": 5}}', encoding="utf-8")
    remade, _ = loadcache.load_for_rendering(root, cache_dir)
    assert len(calls) == 4 and remade == changed
    entry.write_text("\x80 not json", encoding="utf-8")
    assert loadcache.load_for_rendering(root, cache_dir)[0] == changed and len(calls) == 5
    # warnings are kept with the catalog and given again
    (root / "old").mkdir()
    (root / "old" / "junior.yml").write_text(text, encoding="utf-8")  # not read: a warning
    made, said = loadcache.load_for_rendering(root, cache_dir)
    kept, said_again = loadcache.load_for_rendering(root, cache_dir)
    assert len(calls) == 6 and made is not None and kept == made
    assert said and said_again == said and said[0].severity.name == "WARNING"
    assert str(said_again[0]).startswith(f"{said[0].location.path}:")
    # a catalog with errors is not kept: its messages need the positions of a full check
    [entry] = (cache_dir / "catalog").glob("*.json")
    (root / "junior.yml").write_text(text + "\nunknown_field: 1\n", encoding="utf-8")
    broken, problems = loadcache.load_for_rendering(root, cache_dir)
    assert broken is None and any(d.severity.name == "ERROR" for d in problems)
    assert list((cache_dir / "catalog").glob("*.json")) == [entry]
    assert loadcache.load_for_rendering(root, cache_dir)[1] == problems and len(calls) == 8


def test_an_edit_to_the_print_css_renders_the_pdfs_again(
    write_roles: WriteRoles, tmp_path: Path, fake_layout: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`rolebook serve` runs for hours: the cache key reads the stylesheets, fonts, templates and
    labels as they are on disk now, not as they were when the process started."""
    import shutil

    from generator.output import cache

    assets = tmp_path / "assets"
    shutil.copytree(cache.ASSETS, assets)
    monkeypatch.setattr(cache, "RENDER_INPUTS", (assets,))
    cat = load_catalog(write_roles())
    docs = _documents(cat)
    render_pdfs(cat, docs, tmp_path / "cache", workers=1)
    assert render_pdfs(cat, docs, tmp_path / "cache", workers=1).rendered == []
    css = assets / "print.css"
    css.write_text(css.read_text(encoding="utf-8") + "\nh1 { color: red; }\n", encoding="utf-8")
    assert sorted(render_pdfs(cat, docs, tmp_path / "cache", workers=1).rendered) == sorted(docs)


def test_labels_are_read_again_when_their_file_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    from generator import i18n

    locales = tmp_path / "generator" / "locales"
    shutil.copytree(Path(i18n.__file__).parent / "locales", locales)
    monkeypatch.setattr(i18n.resources, "files", lambda package: tmp_path / "generator")
    i18n._locale_file.cache_clear()  # the package's folder is looked up once per language
    before = i18n.labels("nl")["page_of"]
    path = locales / "nl.yml"
    text = path.read_text(encoding="utf-8")
    edited = text.replace(f'page_of: "{before}"', 'page_of: "Blad {page}/{pages}"')
    assert edited != text
    path.write_text(edited, "utf-8")
    os.utime(path, ns=(path.stat().st_mtime_ns + 10**9,) * 2)
    assert i18n.labels("nl")["page_of"] == "Blad {page}/{pages}" != before
    i18n._locale_file.cache_clear()


def test_reading_a_catalog_pauses_the_cycle_collector_and_restores_it(
    write_roles: WriteRoles, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    from generator import catalog, checks

    root = write_roles()
    seen: list[bool] = []
    real = catalog.read_catalog

    def watched(path: Path) -> Any:
        seen.append(gc.isenabled())
        return real(path)

    monkeypatch.setattr(checks, "read_catalog", watched)
    assert gc.isenabled()
    assert checks.check_catalog(root)[0] is not None
    assert seen == [False] and gc.isenabled()  # paused while reading, on again after
    gc.disable()
    try:
        checks.check_catalog(root)
        assert not gc.isenabled()  # off stays off
    finally:
        gc.enable()
    monkeypatch.setattr(checks, "read_catalog", lambda path: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        checks.check_catalog(root)
    assert gc.isenabled()


def test_prune_removes_what_no_build_used_since_it_started(tmp_path: Path) -> None:
    """Entries used (`valid`) or written since the start stay; older ones go with their digest,
    as do orphan digests and partial files; empty key folders are removed."""
    import time

    from generator.output.cache import prune

    cache = ContentCache(tmp_path / "pdf")
    old = time.time() - 3600
    used, unused, fresh = "aa11", "bb22", "cc33"
    for key in (used, unused, fresh):
        ContentCache.store(cache.entry(key, "pdf"), FAKE_PDF)
    orphan = cache.entry("dd44", "pdf").with_name("dd44.pdf.sha256")
    orphan.parent.mkdir(parents=True)
    orphan.write_text("0" * 64)
    partial = cache.entry(used, "pdf").with_name(f"{used}.pdf.123.part")
    partial.write_bytes(b"half")
    for path in (tmp_path / "pdf").rglob("*"):
        if path.is_file():
            os.utime(path, (old, old))
    os.utime(cache.entry(fresh, "pdf"))  # written by this build
    started = time.time() - 1
    assert is_valid(cache.entry(used, "pdf"))  # used by this build: touched
    assert prune([tmp_path / "pdf", tmp_path / "absent"], started) == 1
    assert is_valid(cache.entry(used, "pdf")) and is_valid(cache.entry(fresh, "pdf"))
    left = sorted(p.name for p in (tmp_path / "pdf").rglob("*"))
    assert left == sorted(
        ["aa", "cc", f"{used}.pdf", f"{used}.pdf.sha256", f"{fresh}.pdf", f"{fresh}.pdf.sha256"]
    )
