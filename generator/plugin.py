"""The MkDocs plugin `rolebook`: a thin adapter that adds the role pages, their PDFs and the
site assets to a build. All the work is done by the core (catalog, render)."""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import nest_paths
from mkdocs.utils.templates import TemplateContext

from .career import career_steps, development_plan
from .catalog import Catalog, check_catalog, load_for_rendering
from .errors import RenderError, Severity
from .exports.cache import ExportStage
from .history.git import GitError
from .history.revisions import History, catalog_history
from .i18n import Translator
from .pagestore import PageStore
from .plugin_options import PDF_WHILE_SERVING
from .progress import pdf_progress
from .render.links import (
    ASSESSMENT_ROLES_PATH,
    LIBRARY_PAGE_PATH,
    Links,
    assessment_page_path,
    change_page_path,
    family_page_path,
    notice_pdf_path,
    onboarding_page_path,
    page_url,
    pdf_path,
    plan_id,
    plan_page_path,
    profile_page_path,
    role_page_path,
    role_source_path,
)
from .render.markdown import (
    RoleQuality,
    assessment_page,
    assessment_roles_script,
    family_page,
    history_rows,
    library_page,
    onboarding_page,
    plan_page,
    profile_page,
    role_page,
    roles_overview,
)
from .render.nav import nav_sections
from .render.pdf import ASSETS, DOCUMENT_KINDS, FAMILY_KIND, PLAN_KIND, PdfSettings
from .render.pdfcache import PdfPool, default_workers, render_pdfs

log = logging.getLogger("mkdocs.plugins.rolebook")

OVERVIEW_MARKER = "<!-- rolebook:roles -->"
SITE_ASSETS = [
    "rolebook.css",
    "checklist.js",
    "assessment.js",
    "fonts/Inter-Regular.otf",
    "fonts/Inter-Italic.otf",
    "fonts/Inter-SemiBold.otf",
    "fonts/Inter-Bold.otf",
]


class RolebookConfig(Config):
    roles_dir = c.Type(str, default="roles")
    """The roles folder, relative to mkdocs.yml."""
    lang = c.Optional(c.Type(str))
    """The language of this build; default: the catalog's default language."""
    pdf = c.Optional(c.Type(bool))
    """Build PDFs: default on for `mkdocs build`, off for `mkdocs serve`."""
    organisation = c.Optional(c.Type(str))
    """The organisation name in PDFs; default: library/organisation.yml."""
    logo = c.Optional(c.File(exists=True))
    """An image for the PDF header."""
    colour = c.Type(str, default="#1f4e79")
    """The accent colour of the PDFs (headings, rules), as #rrggbb; the site's colours come
    from Material's `theme.palette`."""
    edit_url = c.Optional(c.Type(str))
    """Where "edit this role" points, with {path} for the role file; default: its YAML copy."""
    cache_dir = c.Type(str, default=".rolebook-cache")
    """Rendered PDFs and the exports (Word, XLSX, JSON, CSV) are kept here, keyed by their
    inputs; safe to delete."""
    workers = c.Optional(c.Type(int))
    """PDF render processes; default: one per core."""
    dump_markdown = c.Optional(c.Type(str))
    """For benchmarks: also write every generated page and the final nav to this folder, so a
    bare `mkdocs build` can run on exactly the same Markdown."""
    word_template = c.Optional(c.File(exists=True))
    """A .docx whose styles, headers and footers the Word job descriptions use."""
    history = c.Type(bool, default=True)
    """A history section on role pages, and a change notice page per version, from the git
    history of the role files (left out, with a notice in the log, without git)."""
    history_limit = c.Type(int, default=20)
    """Versions shown per role: the newest."""
    quality = c.Type(bool, default=False)
    """Show a "quality" section (rolebook lint's findings) on role pages: for editors' builds,
    off for the public site."""


class RolebookPlugin(BasePlugin[RolebookConfig]):
    def __init__(self) -> None:
        self.command = "build"
        self.catalog: Catalog | None = None
        self.lang = "nl"
        self.base = Path.cwd()
        self.exports: ExportStage | None = None
        self.auto_nav = False
        self.dirty = False
        self.pages: PageStore | None = None
        self.overviews: dict[str, str] = {}

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this instance across `mkdocs serve` rebuilds.
        self.command = command
        self.dirty = dirty

    @property
    def pdfs_enabled(self) -> bool:
        if self.config.pdf is not None:
            return self.config.pdf
        return self.command != "serve" or os.environ.get(PDF_WHILE_SERVING) == "1"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.base = Path(config.config_file_path or ".").resolve().parent
        roles_dir = self.base / self.config.roles_dir
        self.catalog = None  # a rebuild (serve) lets go of the last catalog before loading
        if self.config.quality:  # the quality section reports positions: keep the sources
            cat, diagnostics, _ = check_catalog(roles_dir)
        else:
            cat, diagnostics = load_for_rendering(roles_dir)
        for diag in diagnostics:
            if diag.severity is Severity.WARNING:
                log.warning(str(diag))
        if cat is None:
            errors = [str(d) for d in diagnostics if d.severity is Severity.ERROR]
            raise PluginError("the roles have errors:\n" + "\n".join(errors))
        self.catalog = cat
        self.lang = self.config.lang or cat.default_language
        if self.lang not in cat.languages:
            raise PluginError(
                f"rolebook: lang '{self.lang}' is not one of the catalog's "
                f"languages ({', '.join(cat.languages)})"
            )
        if str(roles_dir) not in config.watch:
            config.watch.append(str(roles_dir))
        config.extra_css.append("assets/rolebook/rolebook.css")
        config.extra_javascript.append("assets/rolebook/checklist.js")
        config.extra_javascript.append("assets/rolebook/assessment.js")
        # Without a nav in mkdocs.yml, MkDocs would list the generated pages by folder, a flat
        # section of every role each; the nav is then made in on_files, once the pages are known.
        self.auto_nav = config.nav is None
        if config.nav is not None:
            config.nav = self._with_sections(config.nav, cat)
        return config

    def _with_sections(self, nav: list[Any], cat: Catalog) -> list[Any]:
        """The role sections after the nav's first entry (the home page)."""
        position = min(1, len(nav))
        return nav[:position] + nav_sections(cat, self.lang) + nav[position:]

    def _links(self, from_url: str, config: MkDocsConfig) -> Links:
        return Links(
            from_url=from_url,
            use_directory_urls=config.use_directory_urls,
            pdfs=self.pdfs_enabled,
            edit_url=self.config.edit_url,
        )

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        # Background work starts first: the PDF processes load WeasyPrint and the fonts while the
        # pages are generated (and then serve every PDF of this build); the exports are made
        # from here until on_env, while MkDocs reads the pages.
        workers = self.config.workers or default_workers()
        pool = PdfPool(workers) if self.pdfs_enabled and workers > 1 else None
        if pool is not None:
            pool.start()
        assert self.catalog is not None
        template = Path(self.config.word_template) if self.config.word_template else None
        self._close_exports()
        if not (self.dirty and self.pages is not None and self.pages.lang == self.lang):
            self._close_pages()
            self.pages = PageStore(self.base / self.config.cache_dir, self.lang, keep=self.dirty)
        self.exports = ExportStage(
            self.catalog, self.lang, self.base / self.config.cache_dir, template
        )
        self.exports.start()
        try:
            files = self._files(files, config, pool)
            self.overviews = self._overviews(files, config)
        except BaseException:
            self._close_exports()
            raise
        finally:
            if pool is not None:
                pool.close()
        # Every page and PDF is made: MkDocs builds the pages without the catalog (at 1,000
        # roles, 400 MB of the build's peak); the export processes hold their own copy.
        self.catalog = None
        return files

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        """The last event before MkDocs copies the files: the exports must be in the cache."""
        stage, self.exports = self.exports, None
        if stage is not None:
            try:
                stage.wait()
            except RenderError as exc:
                raise PluginError(str(exc)) from None
            log.info(
                f"rolebook: {len(stage.made)} exports made, {len(stage.reused)} unchanged "
                f"({self.lang})"
            )
        return env

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.dirty:  # MkDocs has read every page; a dirty serve compares them next time
            self._close_pages()

    def on_build_error(self, *, error: Exception) -> None:
        self._close_exports()
        self._close_pages()

    def on_shutdown(self) -> None:
        self._close_exports()
        self._close_pages()
        self.catalog = None  # `rolebook build` runs the next language in this process

    def _close_pages(self) -> None:
        if self.pages is not None:
            self.pages.close()
            self.pages = None

    def _close_exports(self) -> None:
        if self.exports is not None:
            self.exports.close()
            self.exports = None

    def _page(
        self,
        config: MkDocsConfig,
        path: str,
        markdown: str,
        inclusion: InclusionLevel = InclusionLevel.UNDEFINED,
    ) -> File:
        """A generated page, kept on disk until MkDocs reads it: held in memory, the Markdown of
        every page (200 MB at 1,000 roles) stayed to the end of the build."""
        assert self.pages is not None
        return File.generated(
            config, path, abs_src_path=str(self.pages.write(path, markdown)), inclusion=inclusion
        )

    def _files(self, files: Files, config: MkDocsConfig, pool: PdfPool | None) -> Files:
        cat = self.catalog
        assert cat is not None
        quality = self._quality(cat) if self.config.quality else {}
        history = self._history(cat)
        for role in cat.roles.values():
            path = role_page_path(role.id)
            links = self._links(page_url(path, config.use_directory_urls), config)
            versions = history.versions.get(role.id, []) if history else []
            rows = history_rows(cat, versions, self.lang, links) if history else None
            page = role_page(cat, role, self.lang, links, quality.get(role.id), rows)
            files.append(self._page(config, path, page))
            self._add_notices(files, config, cat, versions)
            path = onboarding_page_path(role.id)
            links = self._links(page_url(path, config.use_directory_urls), config)
            files.append(self._page(config, path, onboarding_page(cat, role, self.lang, links)))
            for path, render in (
                (profile_page_path(role.id), profile_page),
                (assessment_page_path(role.id), assessment_page),
            ):
                links = self._links(page_url(path, config.use_directory_urls), config)
                files.append(self._page(config, path, render(cat, role, self.lang, links)))
            if not self.config.edit_url:
                files.append(
                    File.generated(
                        config, role_source_path(role.id), content=cat.files[role.id].read_bytes()
                    )
                )
        for source, target in career_steps(cat):
            path = plan_page_path(source.id, target.id)
            links = self._links(page_url(path, config.use_directory_urls), config)
            plan = development_plan(cat, source, target)
            files.append(self._page(config, path, plan_page(cat, plan, self.lang, links)))
        for family in cat.families.values():
            if cat.family_roles(family.id):
                path = family_page_path(family.id)
                links = self._links(page_url(path, config.use_directory_urls), config)
                files.append(self._page(config, path, family_page(cat, family, self.lang, links)))
        links = self._links(page_url(LIBRARY_PAGE_PATH, config.use_directory_urls), config)
        files.append(self._page(config, LIBRARY_PAGE_PATH, library_page(cat, self.lang, links)))
        files.append(
            File.generated(
                config, ASSESSMENT_ROLES_PATH, content=assessment_roles_script(cat, self.lang)
            )
        )
        self._add_exports(files, config)
        self._check_item_links(files)
        if self.auto_nav:
            written = [
                f.src_uri for f in files.documentation_pages() if f.generated_by != "rolebook"
            ]
            config.nav = self._with_sections(nest_paths(written), cat)
        if self.config.dump_markdown:
            self._dump(files, config, Path(self.config.dump_markdown))
        for asset in SITE_ASSETS:
            files.append(
                File.generated(config, f"assets/rolebook/{asset}", abs_src_path=str(ASSETS / asset))
            )
        if self.pdfs_enabled:
            if not re.fullmatch(r"#[0-9a-fA-F]{6}", self.config.colour):
                raise PluginError(f"rolebook: colour '{self.config.colour}' is not #rrggbb")
            settings = PdfSettings(
                accent=self.config.colour,
                organisation=self.config.organisation or "",
                logo=Path(self.config.logo) if self.config.logo else None,
            )
            try:
                with pdf_progress(f"PDFs ({self.lang})") as progress:
                    report = render_pdfs(
                        cat,
                        [(kind, r, self.lang) for r in cat.roles for kind in DOCUMENT_KINDS]
                        + [
                            (PLAN_KIND, plan_id(a.id, b.id), self.lang)
                            for a, b in career_steps(cat)
                        ]
                        + [
                            (FAMILY_KIND, f.id, self.lang)
                            for f in cat.families.values()
                            if cat.family_roles(f.id)
                        ],
                        self.base / self.config.cache_dir,
                        settings,
                        self.config.workers,
                        progress=progress,
                        pool=pool,
                    )
            except RenderError as exc:
                raise PluginError(str(exc)) from None
            log.info(
                f"rolebook: {len(report.rendered)} PDFs rendered, "
                f"{len(report.reused)} unchanged ({self.lang})"
            )
            for (kind, subject_id, _), cached in report.paths.items():
                files.append(
                    File.generated(config, pdf_path(kind, subject_id), abs_src_path=str(cached))
                )
            if history:
                self._add_notice_pdfs(files, config, cat, history, settings)
        return files

    def _history(self, cat: Catalog) -> History | None:
        if not self.config.history:
            return None
        try:
            history = catalog_history(cat, max(1, self.config.history_limit))
        except GitError as exc:
            # An exported folder has no history: leave the section out, do not fail the build.
            log.info(f"rolebook: role pages without history ({exc})")
            return None
        for notice in history.notices:
            log.info(f"rolebook: {notice}")
        return history

    def _add_notices(
        self, files: Files, config: MkDocsConfig, cat: Catalog, versions: list[Any]
    ) -> None:
        """A change notice page for every version that has one before it."""
        from .render.changes import NoticeView, notice_markdown

        for i, version in enumerate(versions):
            if version.diff is None:
                continue
            path = change_page_path(version.role.id, version.slug)
            links = self._links(page_url(path, config.use_directory_urls), config)
            # Only the newest notice gets a PDF: the one HR hands out; older ones via `rolebook diff`.
            pdf = (
                links.pdf_notice(version.role.id, version.slug)
                if i == 0 and version.commit is not None
                else None
            )
            view = NoticeView(cat, version.diff, self.lang, cat.default_language)
            # Reached from the role's history table, not from the navigation.
            files.append(
                self._page(
                    config, path, notice_markdown(view, links, pdf), InclusionLevel.NOT_IN_NAV
                )
            )

    def _add_notice_pdfs(
        self,
        files: Files,
        config: MkDocsConfig,
        cat: Catalog,
        history: History,
        settings: PdfSettings,
    ) -> None:
        from .render.changes import NoticeView, cached_notice_pdf

        rendered = 0
        org = settings.organisation or Translator(self.lang, cat.default_language).text(
            cat.organisation.name
        )
        for versions in history.versions.values():
            newest = versions[0] if versions else None
            if newest is None or newest.diff is None or newest.commit is None:
                continue
            view = NoticeView(cat, newest.diff, self.lang, cat.default_language)
            try:
                cached, fresh = cached_notice_pdf(
                    view, org, settings, self.base / self.config.cache_dir
                )
            except RenderError as exc:
                raise PluginError(str(exc)) from None
            rendered += fresh
            target = notice_pdf_path(newest.role.id, newest.slug)
            files.append(File.generated(config, target, abs_src_path=str(cached)))
        log.info(f"rolebook: {rendered} change notice PDFs rendered ({self.lang})")

    def _quality(self, cat: Catalog) -> dict[str, RoleQuality]:
        """rolebook lint's findings and balance score per role, for the quality section."""
        from .lint import balance_score, lint_catalog, load_lint_config

        findings = lint_catalog(cat, load_lint_config(cat.root))
        by_file: dict[str, list[Any]] = {}
        for finding in findings:
            by_file.setdefault(finding.location.path, []).append(finding)
        return {
            role_id: RoleQuality(
                findings=by_file.get(source.display, []),
                balance=balance_score(cat, role_id, self.lang)[0],
            )
            for role_id, source in cat.sources.items()
        }

    def _add_exports(self, files: Files, config: MkDocsConfig) -> None:
        """Word job descriptions and the catalog exports, as downloads of the site: their cache
        files, which the export stage makes (or has made) by on_env."""
        assert self.exports is not None
        for path, cached in self.exports.paths.items():
            files.append(File.generated(config, path, abs_src_path=str(cached)))

    def _dump(self, files: Files, config: MkDocsConfig, folder: Path) -> None:
        import yaml

        for file in files:
            if file.generated_by == "rolebook" and file.src_uri.endswith(".md"):
                target = folder / file.src_uri
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(file.content_string, encoding="utf-8")
        (folder / "nav.yml").write_text(
            yaml.safe_dump(config.nav, allow_unicode=True), encoding="utf-8"
        )

    def _check_item_links(self, files: Files) -> None:
        """Onboarding items may link to hand-written pages: a missing page is reported (and
        fails a strict build), with the file that holds the link."""
        cat = self.catalog
        assert cat is not None
        items = [(cat.root / "library" / "onboarding.yml", i) for i in cat.onboarding.items]
        items += [(cat.files[r.id], i) for r in cat.roles.values() for i in r.onboarding]
        for path, item in items:
            link = item.link
            if link and link.endswith(".md") and files.get_file_from_path(link) is None:
                log.warning(
                    f"{path.name}: onboarding item links to '{link}', which is not a "
                    f"page of the '{self.lang}' site"
                )

    def _overviews(self, files: Files, config: MkDocsConfig) -> dict[str, str]:
        """The roles overview of each hand-written page that asks for it, made while the
        catalog is at hand."""
        assert self.catalog is not None
        overviews = {}
        for file in files.documentation_pages():
            if file.generated_by != "rolebook" and OVERVIEW_MARKER in file.content_string:
                links = self._links(file.url, config)
                overviews[file.src_uri] = roles_overview(self.catalog, self.lang, links)
        return overviews

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        overview = self.overviews.get(page.file.src_uri)
        if overview is None or OVERVIEW_MARKER not in markdown:
            return markdown
        return markdown.replace(OVERVIEW_MARKER, overview)

    # Memory: MkDocs converts every page before it writes any, so it holds every page's Markdown
    # and HTML at once: at 1,000 roles (5,000 generated pages) most of its peak. A generated
    # page's Markdown is let go of once converted, and its HTML waits on disk until the page's
    # template is rendered. on_page_content runs after, and on_page_context before, every other
    # plugin's handler of the same event, so those still see the page whole.
    @event_priority(-100)
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if page.file.generated_by != "rolebook":
            return html
        # The HTML is made and MkDocs does not convert it again; "" rather than None, which
        # would make page.title None (the title comes from the front matter, kept in meta).
        page.markdown = ""
        if self.pages is None:
            return html
        self.pages.park_html(page.file.src_uri, html)
        return ""

    @event_priority(100)
    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        if page.file.generated_by == "rolebook" and self.pages is not None:
            html = self.pages.take_html(page.file.src_uri)
            if html is not None:
                page.content = html
        return context

    @event_priority(-100)
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if page.file.generated_by == "rolebook":
            page.content = None  # written out; the search index already has its text
        return output
