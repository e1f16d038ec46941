"""One language's build carried out: the plan's pages, files, exports and PDFs, made for an
adapter (the MkDocs plugin) to hand to its site generator. Knows nothing of MkDocs."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..catalog import Catalog
from ..documents.kind import Context
from ..documents.registry import SitePaths
from ..documents.siteplan import Planned, cached_files, render_markdown, site_plan
from ..errors import RenderError
from ..history.git import GitError
from ..history.revisions import History, catalog_history
from ..render.printing import PdfSettings
from .exportstage import ExportStage
from .pagejobs import PageJobs, write_markdown
from .pdfstage import PdfReport, pdf_pool, render_pdfs
from .pool import WorkerPool, cores
from .shards import (
    ShardSpec,
    assign,
    expected_cost,
    longest_first,
    plan_digest,
    rendered_work,
)

log = logging.getLogger("mkdocs.plugins.rolebook")


@dataclass(frozen=True)
class BuildOptions:
    """What a build makes, as the site's configuration says."""

    cache_dir: Path
    pdfs: bool = True
    use_directory_urls: bool = True
    edit_url: str | None = None
    settings: PdfSettings | None = None
    workers: int | None = None
    history: bool = True
    history_limit: int = 20
    quality: bool = False
    word_template: Path | None = None
    dump_markdown: Path | None = None
    """For benchmarks: also write every generated page here."""
    render_missing: bool = True
    """Render what the cache lacks; off in a build merged from shards, where a missing
    document is an error."""


def build_history(cat: Catalog, limit: int) -> History | None:
    """The roles' history from git, or None (with the reason in the log) where there is none:
    an exported folder has no history, and that is no reason to fail a build."""
    try:
        history = catalog_history(cat, max(1, limit))
    except GitError as exc:
        log.info(f"rolebook: role pages without history ({exc})")
        return None
    for notice in history.notices:
        log.info(f"rolebook: {notice}")
    return history


def build_quality(cat: Catalog, lang: str) -> dict[str, object]:
    """rolebook lint's findings and balance score per role, for the editors' quality section."""
    from ..lint import balance_score, lint_catalog, load_lint_config
    from ..render.markdown import RoleQuality

    findings = lint_catalog(cat, load_lint_config(cat.root))
    by_file: dict[str, list[object]] = {}
    for finding in findings:
        by_file.setdefault(finding.location.path, []).append(finding)
    return {
        role_id: RoleQuality(
            findings=by_file.get(source.display, []),
            balance=balance_score(cat, role_id, lang)[0],
        )
        for role_id, source in cat.sources.items()
    }


class SiteBuild:
    """The documents of one build: `start` early (the PDF processes warm up and the exports are
    made in the background while the pages are generated), then `pages`, `files`, `pdfs`, and
    `finish` before the site is written."""

    def __init__(self, cat: Catalog, lang: str, options: BuildOptions) -> None:
        self.options = options
        self.ctx = Context(
            cat=cat,
            lang=lang,
            paths=SitePaths(lang),
            use_directory_urls=options.use_directory_urls,
            pdfs=options.pdfs,
            edit_url=options.edit_url,
            settings=options.settings or PdfSettings(),
            history=build_history(cat, options.history_limit) if options.history else None,
            quality=build_quality(cat, lang) if options.quality else {},
            word_template=options.word_template,
        )
        self.lang = lang
        self.plan: list[Planned] = list(site_plan(self.ctx))
        self.pool: WorkerPool | None = None
        self.exports: ExportStage | None = None

    def start(self) -> None:
        workers = self.options.workers or cores()
        if self.options.pdfs and workers > 1:
            self.pool = pdf_pool(workers)
            self.pool.start()
        self.exports = ExportStage(
            self.ctx,
            cached_files(self.plan),
            self.options.cache_dir,
            render_missing=self.options.render_missing,
        )
        self.exports.start()

    def lint_vacancies(self) -> None:
        """The linter's warnings and errors on each published vacancy, in the build's log as
        warnings: a strict build stops on them, as `rolebook lint` fails on them (its `info`
        findings are left to `rolebook vacancy` and `rolebook lint`)."""
        from ..lint import load_lint_config
        from ..render.vacancy import vacancy_findings

        vacancies = [p.document for p in self.plan if p.document.kind == "vacancy"]
        if not vacancies:
            return
        config = load_lint_config(self.ctx.cat.root)
        for document in vacancies:
            role = self.ctx.cat.roles[document.ids[0]]
            for finding in vacancy_findings(self.ctx.cat, role, self.lang, config):
                if finding.severity != "info":
                    log.warning(f"rolebook: vacancy of '{role.id}' ({self.lang}): {finding}")

    def pages(self) -> Iterator[tuple[Planned, str]]:
        """Every page of the plan with its Markdown."""
        dump = self.options.dump_markdown
        self.lint_vacancies()
        for planned in self.plan:
            if planned.page is not None:
                markdown = render_markdown(self.ctx, planned)
                if dump is not None:
                    write_markdown(dump / planned.page, markdown)
                yield planned, markdown

    def page_jobs(self, target_of: Callable[[str], Path]) -> PageJobs:
        """Every page of the plan, rendered to the file `target_of(page)` in a background
        process (see `pagejobs.can_render_in_background`); started."""
        self.lint_vacancies()
        jobs = PageJobs(self.ctx, self.plan, target_of, self.options.dump_markdown)
        jobs.start()
        return jobs

    def files(self) -> Iterator[tuple[str, bytes | Path]]:
        """Every other file: small ones as bytes, exports as their cache file."""
        assert self.exports is not None
        for planned in self.plan:
            if planned.file is not None and not planned.kind.cached:
                kind = planned.kind
                subject = kind.subject(self.ctx, planned.document.ids)
                yield planned.file, kind.make_file(self.ctx, subject)
        yield from self.exports.paths.items()

    def pdfs(self, progress: Callable[[int, int], None] | None = None) -> list[tuple[str, Path]]:
        """Every PDF of the plan, made or taken from the cache; WeasyPrint's warnings go to the
        log with the document they are about."""
        planned = {p.document: p.pdf for p in self.plan if p.pdf is not None}
        report: PdfReport = render_pdfs(
            self.ctx,
            longest_first(planned),
            self.options.cache_dir,
            workers=self.options.workers,
            progress=progress,
            pool=self.pool,
            render_missing=self.options.render_missing,
        )
        for warning in report.warnings:
            log.warning(f"rolebook: {warning}")
        log.info(
            f"rolebook: {len(report.rendered)} PDFs rendered, {len(report.reused)} unchanged "
            f"({self.lang})"
        )
        return [(planned[doc], path) for doc, path in report.paths.items()]

    def render_share(
        self, spec: ShardSpec, out_dir: Path, progress: Callable[[int, int], None] | None = None
    ) -> dict[str, object]:
        """Render this shard's share of the build's PDFs and exports into `out_dir` (cache
        entries); returns what the shard's manifest says of this language."""
        work = rendered_work(self.plan)
        owner = assign(((p.document.name, expected_cost(p)) for p in work), spec.count)
        mine = [p for p in work if owner[p.document.name] == spec.index]
        pdfs = longest_first(p.document for p in mine if p.pdf is not None)
        files = [(p.document, p.file) for p in mine if p.file is not None and p.kind.cached]
        workers = self.options.workers or cores()
        stage = ExportStage(self.ctx, files, out_dir, workers=max(0, workers - 1))
        stage.start()
        try:
            report = render_pdfs(
                self.ctx, pdfs, out_dir, workers=workers, progress=progress, pool=self.pool
            )
            stage.wait()
        finally:
            stage.close()
        for warning in report.warnings:
            log.warning(f"rolebook: {warning}")
        return {
            "plan": plan_digest(work),
            "documents": len(mine),
            "of_documents": len(work),
            "cost": round(sum(expected_cost(p) for p in mine), 2),
            "rendered": len(report.rendered) + len(stage.made),
        }

    def release(self) -> None:
        """Pages and PDFs are made: stop the PDF processes and let go of the catalog (the
        export processes hold their own copy)."""
        if self.pool is not None:
            self.pool.close()
            self.pool = None
        self.plan = []
        if self.exports is None or self.exports.ctx is None:
            # MkDocs builds the pages without the catalog (at 1,000 roles, 400 MB of the
            # build's peak); exports made in this process keep it until `finish`.
            self.ctx.cat = None  # type: ignore[assignment]
            self.ctx.history = None

    def finish(self) -> None:
        """Wait for the exports; raises RenderError naming what failed."""
        stage, self.exports = self.exports, None
        if stage is not None:
            stage.wait()
            log.info(
                f"rolebook: {len(stage.made)} exports made, {len(stage.reused)} unchanged "
                f"({self.lang})"
            )

    def close(self) -> None:
        self.release()
        if self.exports is not None:
            self.exports.close()
            self.exports = None


__all__ = ["BuildOptions", "RenderError", "SiteBuild"]
