"""The MkDocs plugin `rolebook`: a thin adapter. The core plans and makes the documents
(output/sitebuild.py); this turns them into MkDocs files and keeps MkDocs' memory in check."""

from __future__ import annotations

import logging
import posixpath
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from jinja2 import ChoiceLoader, DictLoader
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

from .catalog import Catalog
from .checks import check_catalog, page_links
from .documents.nav import nav_sections
from .documents.siteplan import Planned
from .editor.api import site_path_of, write_admin
from .editor.decap import Setting, setting_of
from .errors import RenderError, Severity
from .i18n import Translator
from .loadcache import load_for_rendering
from .output.cache import ASSETS
from .output.pagejobs import PageJobs, can_render_in_background, write_markdown
from .output.sitebuild import BuildOptions, SiteBuild
from .pagestore import PageStore
from .progress import pdf_progress
from .render.links import Links, page_url
from .render.markdown import roles_overview
from .render.printing import PdfSettings

log = logging.getLogger("mkdocs.plugins.rolebook")

OVERVIEW_MARKER = "<!-- rolebook:roles -->"
THEME = ASSETS.parent / "templates" / "theme"
ALTERNATE_TEMPLATE = THEME / "alternate.html"
# Material's templates that the plugin replaces, for accessibility (see each file).
THEME_OVERRIDES = ["partials/search.html", "404.html"]
SITE_ASSETS = ["rolebook.css", "language.js", "checklist.js", "assessment.js"] + [
    f"fonts/Inter-{style}.otf" for style in ("Regular", "Italic", "SemiBold", "Bold")
]


class RolebookConfig(Config):
    roles_dir = c.Type(str, default="roles")
    """The roles folder, relative to mkdocs.yml."""
    lang = c.Optional(c.Type(str))
    """The language of this build; default: `theme.language`, else the catalog's default
    language. Must agree with `theme.language` and be one of the organisation's languages."""
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
    """Where "edit this role" points: a URL with {path} for the role file, e.g. a repository's
    edit page. Without it role pages have no edit link (and the YAML files are not published)."""
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
    render_missing = c.Type(bool, default=True)
    """Render the PDFs and exports the cache lacks. `rolebook build --merge` turns it off, so
    that a document missing from the shards is an error, never a render on the merging
    machine."""
    quality = c.Type(bool, default=False)
    """Show a "quality" section (rolebook lint's findings) on role pages: for editors' builds,
    off for the public site."""
    editor_backend = c.Optional(c.Type(dict))
    """Publish the editor of `rolebook edit` with the site, at admin/, working on a git host:
    Decap CMS's `backend` settings, e.g. {name: github, repo: org/roles, branch: main}."""


def _check_edit_url(edit_url: str | None) -> None:
    """An edit URL names each role's file with {path} and leads to a web page: one without
    {path} would send every role to the same place."""
    if edit_url is None:
        return
    try:
        filled = edit_url.format(path="roles/x.yml")
    except (KeyError, IndexError, ValueError):
        filled = edit_url
    if "{path}" not in edit_url or filled == edit_url:
        raise PluginError(f"rolebook: edit_url '{edit_url}' needs {{path}} and no other {{...}}")
    if not re.match(r"https?://", edit_url):
        raise PluginError(f"rolebook: edit_url '{edit_url}' is not an http(s) URL")


PARK_FROM_PAGES = 1_500
"""From this many generated pages (about 250 roles) their HTML waits on disk between conversion
and template: below it, the pages' HTML is tens of MB and writing it out costs more than it
saves (0.4 s of a 20 s build at 100 roles)."""


class RolebookPlugin(BasePlugin[RolebookConfig]):
    def __init__(self) -> None:
        self.command = "build"
        self.dirty = False
        self.catalog: Catalog | None = None
        self.lang = "nl"
        self.default_language = "nl"
        self.base = Path.cwd()
        self.auto_nav = False
        self.build: SiteBuild | None = None
        self.pages: PageStore | None = None
        self.page_jobs: PageJobs | None = None
        self.overviews: dict[str, str] = {}
        self.alternates: list[dict[str, Any]] = []
        self.counterparts: dict[str, Planned] = {}
        self.admin: tuple[Setting, dict[str, Any]] | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this instance across `mkdocs serve` rebuilds.
        self.command, self.dirty = command, dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.base = Path(config.config_file_path or ".").resolve().parent
        roles_dir = self.base / self.config.roles_dir
        self.catalog = None  # a rebuild (serve) lets go of the last catalog before loading
        if self.config.quality:  # the quality section reports positions: keep the sources
            cat, diagnostics, _ = check_catalog(roles_dir)
        else:
            cat, diagnostics = load_for_rendering(roles_dir, self.base / self.config.cache_dir)
        for diag in diagnostics:
            if diag.severity is Severity.WARNING:
                log.warning(str(diag))
        if cat is None:
            errors = [str(d) for d in diagnostics if d.severity is Severity.ERROR]
            raise PluginError("the roles have errors:\n" + "\n".join(errors))
        self.lang = self._language(config, cat)
        self.default_language = cat.default_language
        self.catalog = cat
        config.site_url = self._site_url(config.site_url, cat)
        self.admin = self._admin(roles_dir, cat)
        self.alternates = [dict(a) for a in config.extra.get("alternate") or []]
        if str(roles_dir) not in config.watch:
            config.watch.append(str(roles_dir))
        # generated pages mark the headings of sections that stay out of the search index
        # ({ data-search-exclude }): attribute lists must be on, or the mark would show
        if "attr_list" not in config.markdown_extensions:
            config.markdown_extensions.append("attr_list")
        config.extra_css.append("assets/rolebook/rolebook.css")
        config.extra_javascript += [
            f"assets/rolebook/{name}" for name in ("language.js", "checklist.js", "assessment.js")
        ]
        # Without a nav in mkdocs.yml, MkDocs would list the generated pages by folder, a flat
        # section of every role each; the nav is then made in on_files, once the pages are known.
        self.auto_nav = config.nav is None
        if config.nav is not None:
            config.nav = self._with_sections(config.nav, cat)
        if not re.fullmatch(r"#[0-9a-fA-F]{6}", self.config.colour):
            raise PluginError(f"rolebook: colour '{self.config.colour}' is not #rrggbb")
        _check_edit_url(self.config.edit_url)
        return config

    def _language(self, config: MkDocsConfig, cat: Catalog) -> str:
        """This build's language: the plugin's `lang`, which must agree with the theme's."""
        name = Path(config.config_file_path or "mkdocs.yml").name
        theme = config.theme.get("language")
        lang = self.config.lang or (theme if theme in cat.languages else cat.default_language)
        if self.config.lang and theme and theme != self.config.lang:
            raise PluginError(
                f"{name}: the rolebook plugin's lang is '{self.config.lang}' but theme.language "
                f"is '{theme}'; a build is one language: make them the same"
            )
        if lang not in cat.languages:
            raise PluginError(
                f"{name}: rolebook lang '{lang}' is not one of the organisation's languages "
                f"({', '.join(cat.languages)}, library/organisation.yml)"
            )
        return lang

    def _site_url(self, site_url: str | None, cat: Catalog) -> str | None:
        """This language's site_url: another language than the default is built into the
        subfolder of its code (`rolebook build`), and its config inherits the default's site_url.
        Its own path makes its 404 page, canonical links and sitemap point into its own site."""
        if not site_url or self.lang == cat.default_language:
            return site_url
        site_url = site_url if site_url.endswith("/") else site_url + "/"
        return site_url if site_url.endswith(f"/{self.lang}/") else f"{site_url}{self.lang}/"

    def _with_sections(self, nav: list[Any], cat: Catalog) -> list[Any]:
        """The role sections after the nav's first entry (the home page)."""
        position = min(1, len(nav))
        return nav[:position] + nav_sections(cat, self.lang) + nav[position:]

    def _options(self, config: MkDocsConfig) -> BuildOptions:
        pdfs = self.config.pdf if self.config.pdf is not None else self.command != "serve"
        return BuildOptions(
            cache_dir=self.base / self.config.cache_dir,
            pdfs=pdfs,
            use_directory_urls=config.use_directory_urls,
            edit_url=self.config.edit_url,
            settings=PdfSettings(
                accent=self.config.colour,
                organisation=self.config.organisation or "",
                logo=Path(self.config.logo) if self.config.logo else None,
            ),
            workers=self.config.workers,
            history=self.config.history,
            history_limit=self.config.history_limit,
            quality=self.config.quality,
            word_template=Path(self.config.word_template) if self.config.word_template else None,
            dump_markdown=Path(self.config.dump_markdown) if self.config.dump_markdown else None,
            render_missing=self.config.render_missing,
        )

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        cat = self.catalog
        assert cat is not None
        self._close()
        if not (self.dirty and self.pages is not None and self.pages.lang == self.lang):
            self._close_pages()
            self.pages = PageStore(self.base / self.config.cache_dir, self.lang, keep=self.dirty)
        build = self.build = SiteBuild(cat, self.lang, self._options(config))
        try:
            build.start()
            self.counterparts = {}
            for planned, path in self._page_files(build, self.pages):
                assert planned.page is not None
                self.counterparts[planned.page] = planned
                inclusion = (
                    InclusionLevel.UNDEFINED if planned.in_nav else InclusionLevel.NOT_IN_NAV
                )
                files.append(
                    File.generated(
                        config, planned.page, abs_src_path=str(path), inclusion=inclusion
                    )
                )
            for site_path, data in build.files():
                kwargs: dict[str, Any] = (
                    {"abs_src_path": str(data)} if isinstance(data, Path) else {"content": data}
                )
                files.append(File.generated(config, site_path, **kwargs))
            self._check_item_links(files, cat)
            if self.auto_nav:
                written = [
                    f.src_uri for f in files.documentation_pages() if f.generated_by != "rolebook"
                ]
                config.nav = self._with_sections(nest_paths(written), cat)
            if self.config.dump_markdown:  # the nav beside the pages the build dumped
                nav = yaml.safe_dump(config.nav, allow_unicode=True)
                # the page process may not have made the folder yet
                write_markdown(Path(self.config.dump_markdown) / "nav.yml", nav)
            for asset in SITE_ASSETS:
                files.append(
                    File.generated(
                        config, f"assets/rolebook/{asset}", abs_src_path=str(ASSETS / asset)
                    )
                )
            if build.options.pdfs:
                with pdf_progress(f"PDFs ({self.lang})") as progress:
                    for site_path, cached in build.pdfs(progress):
                        files.append(File.generated(config, site_path, abs_src_path=str(cached)))
            self.overviews = self._overviews(files, config, build)
        except RenderError as exc:
            self._close()
            raise PluginError(str(exc)) from None
        except BaseException:
            self._close()
            raise
        build.release()
        self.catalog = None  # MkDocs builds the pages without the catalog
        return files

    def _page_files(self, build: SiteBuild, store: PageStore) -> Iterator[tuple[Planned, Path]]:
        """Each generated page and the file that holds (or will hold) its Markdown. With a core
        to spare the pages are rendered in a background process while MkDocs converts the ones
        before them (`on_page_read_source` waits for each); a dirty serve renders them here, so
        that a page that did not change keeps its file's time."""
        if self.dirty or not can_render_in_background(self.config.workers):
            for planned, markdown in build.pages():
                assert planned.page is not None
                yield planned, store.write(planned.page, markdown)
            return
        self.page_jobs = build.page_jobs(store.path_of)
        for planned in build.plan:
            if planned.page is not None:
                yield planned, self.page_jobs.paths[planned.page]

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        jobs = self.page_jobs
        if jobs is None or page.file.src_uri not in jobs.paths:
            return None
        try:
            return jobs.text(page.file.src_uri)
        except RenderError as exc:
            raise PluginError(str(exc)) from None

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        """The last event before MkDocs copies the files: the exports must be in the cache.
        Material's templates in THEME_OVERRIDES are replaced by the plugin's. The language
        switcher's template takes each page's links as they are: MkDocs' `url` filter turns a
        link that leaves the site ("../", the other language's site) into one that stays in it."""
        if env.loader is not None:
            overrides = {
                name: (THEME / Path(name).name).read_text(encoding="utf-8")
                for name in THEME_OVERRIDES
            }
            if self.alternates:
                overrides["partials/alternate.html"] = ALTERNATE_TEMPLATE.read_text("utf-8")
            env.loader = ChoiceLoader([DictLoader(overrides), env.loader])
        self._close_page_jobs()  # MkDocs has read every page
        build, self.build = self.build, None
        if build is not None:
            try:
                build.finish()
            except RenderError as exc:
                raise PluginError(str(exc)) from None
        return env

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.dirty:  # MkDocs has read every page; a dirty serve compares them next time
            self._close_pages()
        if self.admin is not None:
            setting, backend = self.admin
            site_path = site_path_of(config.site_url)
            write_admin(Path(config.site_dir) / "admin", setting, backend, site_path)

    def _admin(self, roles_dir: Path, cat: Catalog) -> tuple[Setting, dict[str, Any]] | None:
        """The editor to publish at admin/ (with the default language's site only)."""
        backend = self.config.editor_backend
        if backend is None or self.lang != cat.default_language:
            return None
        if not isinstance(backend.get("name"), str):
            raise PluginError("rolebook: editor_backend needs a name, e.g. {name: github, ...}")
        try:
            roles_path = roles_dir.resolve().relative_to(self.base).as_posix()
        except ValueError:
            raise PluginError(
                "rolebook: editor_backend needs the roles folder inside the folder of mkdocs.yml"
            ) from None
        return setting_of(cat, roles_path), dict(backend)

    def on_build_error(self, *, error: Exception) -> None:
        self._close()
        self._close_pages()

    def on_shutdown(self) -> None:
        self._close()
        self._close_pages()
        self.catalog = None  # `rolebook build` runs the next language in this process

    def _close(self) -> None:
        if self.build is not None:
            self.build.close()
            self.build = None

    def _close_page_jobs(self) -> None:
        if self.page_jobs is not None:
            self.page_jobs.close()
            self.page_jobs = None

    def _close_pages(self) -> None:
        self._close_page_jobs()
        if self.pages is not None:
            self.pages.close()
            self.pages = None

    def _check_item_links(self, files: Files, cat: Catalog) -> None:
        """A missing page that an onboarding item links to is reported (and fails a strict
        build), with the file that holds the link."""
        for path, link in page_links(cat):
            if files.get_file_from_path(link) is None:
                log.warning(
                    f"{path.name}: onboarding item links to '{link}', which is not a "
                    f"page of the '{self.lang}' site"
                )

    def _overviews(self, files: Files, config: MkDocsConfig, build: SiteBuild) -> dict[str, str]:
        """The roles overview of each hand-written page that asks for it, made while the
        catalog is at hand."""
        overviews = {}
        for file in files.documentation_pages():
            if file.generated_by != "rolebook" and OVERVIEW_MARKER in file.content_string:
                links = build.ctx.links(file.src_uri)
                overviews[file.src_uri] = roles_overview(build.ctx.cat, self.lang, links)
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
    # page's Markdown is let go of once converted, and in a large site (PARK_FROM_PAGES) its HTML
    # waits on disk until the page's template is rendered. on_page_content runs after, and on_page_context before, every other
    # plugin's handler of the same event, so those still see the page whole.
    @event_priority(-100)
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if page.file.generated_by != "rolebook":
            return html
        # The HTML is made and MkDocs does not convert it again; "" rather than None, which
        # would make page.title None (the title comes from the front matter, kept in meta).
        page.markdown = ""
        if self.pages is None or len(self.counterparts) < PARK_FROM_PAGES:
            return html
        self.pages.park_html(page.file.src_uri, html)
        return ""

    def _alternate_links(self, page: Page, config: MkDocsConfig) -> list[dict[str, Any]]:
        """The language switcher's links for one page: the same page in each language (a
        generated page's path may differ per language; a hand-written one has the same)."""
        links = []
        for alternate in self.alternates:
            lang = alternate.get("lang") or self.lang
            planned = self.counterparts.get(page.file.src_uri)
            path = (
                planned.kind.page_path(planned.document.ids, lang) if planned else None
            ) or page.file.src_uri
            url = page_url(path, config.use_directory_urls)
            target = posixpath.normpath(posixpath.join(str(alternate.get("link", "./")), url))
            target += "/" if not url or url.endswith("/") else ""
            # relative to this page, as the switcher template prints it (see on_env)
            links.append({**alternate, "link": Links(from_url=page.url)._relative(target)})
        return links

    @event_priority(100)
    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        if self.alternates:  # Material's switcher reads config.extra.alternate as it renders
            config.extra["alternate"] = self._alternate_links(page, config)
        if page.file.generated_by == "rolebook" and self.pages is not None:
            html = self.pages.take_html(page.file.src_uri)
            if html is not None:
                page.content = html
        return context

    def on_template_context(
        self, context: TemplateContext, *, template_name: str, config: MkDocsConfig
    ) -> TemplateContext:
        """The 404 page: its words in this language, and a language switcher that leads to the
        other sites' home pages from any URL (root-absolute, like the 404's other links)."""
        if template_name != "404.html":
            return context
        t = Translator(self.lang, self.default_language)
        context["not_found"] = {  # type: ignore[typeddict-unknown-key]
            key: t.label(f"not_found_{key}") for key in ("title", "text", "home")
        }
        base = urlsplit(config.site_url or "/").path
        config.extra["alternate"] = [
            {
                **alt,
                "link": posixpath.normpath(posixpath.join(base, str(alt.get("link", "./")))) + "/",
            }
            for alt in self.alternates
        ]
        return context

    @event_priority(-100)
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self.alternates:  # other templates (404) get the home pages again
            config.extra["alternate"] = [dict(a) for a in self.alternates]
        if page.file.generated_by == "rolebook":
            page.content = None  # written out; the search index already has its text
        return output
