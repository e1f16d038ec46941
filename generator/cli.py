"""The `rolebook` command: a thin adapter around the core. Exit 0 on success, 1 on errors in the
user's files, 2 on usage errors; never a traceback for bad input."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__
from .catalog import Catalog, check_catalog
from .errors import Severity, diagnostics_json, display_path, summary_line
from .i18n import Translator
from .newrole import write_new_role
from .plugin_options import PDF_WHILE_SERVING
from .schema import write_schemas

ROLES_DIR = click.Path(file_okay=False, path_type=Path)

F = TypeVar("F", bound=Callable[..., Any])

lang_option = click.option("--lang", default=None, help="Language (default: the default language).")
roles_dir_option = click.option(
    "--roles-dir", type=ROLES_DIR, default="roles", show_default=True, help="The roles folder."
)


def output_option(help_text: str) -> Callable[[F], F]:
    return click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help=help_text,
    )


# Material 9.8 prints a banner about MkDocs 2.0 on every build; Rolebook pins MkDocs < 2.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def _echo_diagnostics(diagnostics: list, files: int, fmt: str) -> None:  # type: ignore[type-arg]
    if fmt == "json":
        click.echo(diagnostics_json(diagnostics))
        return
    for diag in diagnostics:
        click.echo(str(diag), err=True)
    click.echo(summary_line(diagnostics, files), err=True)


def require_catalog(roles_dir: Path) -> Catalog:
    """The catalog, or exit 1 after printing every problem."""
    cat, diagnostics, files = check_catalog(roles_dir)
    if cat is None:
        _echo_diagnostics(diagnostics, files, "text")
        raise SystemExit(1)
    for diag in diagnostics:
        click.echo(str(diag), err=True)
    return cat


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="rolebook")
def main() -> None:
    """Rolebook: job descriptions, onboarding, competencies and career paths from YAML roles."""


@main.command()
@click.argument("roles_dir", type=ROLES_DIR, default="roles")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    help="Diagnostics as text lines or as JSON.",
)
def check(roles_dir: Path, fmt: str) -> None:
    """Check every role and library file in ROLES_DIR (default: roles).

    Prints one line per problem as PATH:LINE:COL: SEVERITY: MESSAGE and exits 1 when there are
    errors.
    """
    _, diagnostics, files = check_catalog(roles_dir)
    _echo_diagnostics(diagnostics, files, fmt)
    if any(d.severity is Severity.ERROR for d in diagnostics):
        raise SystemExit(1)


@main.command("list")
@click.argument("roles_dir", type=ROLES_DIR, default="roles")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    help="A table, or JSON.",
)
@click.option(
    "--lang", default=None, help="Language of the titles (default: the default language)."
)
def list_roles(roles_dir: Path, fmt: str, lang: str | None) -> None:
    """List the roles with family, level and status."""
    cat = require_catalog(roles_dir)
    lang = lang or cat.default_language
    rows = [
        {
            "id": r.id,
            "title": r.title.get(lang, cat.default_language),
            "family": r.family,
            "level": r.level,
            "status": r.meta.status,
            "version": r.meta.version,
        }
        for family in sorted({r.family for r in cat.roles.values()})
        for r in cat.family_roles(family)
    ]
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    headers = ["id", "title", "family", "level", "status", "version"]
    widths = {h: max([len(h), *(len(str(row[h])) for row in rows)]) for h in headers}
    click.echo("  ".join(h.upper().ljust(widths[h]) for h in headers).rstrip())
    for row in rows:
        click.echo("  ".join(str(row[h]).ljust(widths[h]) for h in headers).rstrip())


@main.command()
@click.argument("role_id")
@roles_dir_option
@click.option(
    "--family", default=None, help="Family id (default: the first family of the library)."
)
def new(role_id: str, roles_dir: Path, family: str | None) -> None:
    """Write a commented template for a new role to ROLES_DIR/ROLE_ID.yml.

    Refuses to overwrite an existing file.
    """
    import re

    from .model import ID_PATTERN

    if not re.match(ID_PATTERN, role_id) or len(role_id) > 64:
        raise click.BadParameter(
            "use lowercase letters a-z, digits and hyphens, starting with a letter or digit",
            param_hint="ROLE_ID",
        )
    if not roles_dir.is_dir():
        raise click.BadParameter(
            f"folder {display_path(roles_dir)} does not exist", param_hint="--roles-dir"
        )
    if family is None:
        cat, _, _ = check_catalog(roles_dir)
        family = next(iter(cat.families), "TODO") if cat else "TODO"
    effective = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    try:
        path = write_new_role(roles_dir, role_id, family, effective)
    except FileExistsError:
        raise click.ClickException(
            f"{display_path(roles_dir / (role_id + '.yml'))} already exists; not overwritten"
        ) from None
    click.echo(f"wrote {display_path(path)}: fill in the TODOs, then run `rolebook check`")


@main.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default="schema",
    show_default=True,
    help="Folder for the schema files.",
)
def schema(output: Path) -> None:
    """Write JSON Schemas (draft-07) for role and library files, for editor completion."""
    for path in write_schemas(output):
        click.echo(f"wrote {display_path(path)}")


def _setup_logging(verbose: bool) -> None:
    import logging

    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.handlers = [handler]
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)
    logger.propagate = False


@main.command()
@click.option(
    "-f",
    "--config-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default="mkdocs.yml",
    show_default=True,
    help="The default language's MkDocs config; others are mkdocs.<lang>.yml.",
)
@click.option(
    "-d",
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default="site",
    show_default=True,
    help="Where the site goes.",
)
@click.option("--pdf/--no-pdf", default=True, show_default=True, help="Build the PDFs.")
@click.option(
    "--strict/--no-strict",
    default=True,
    show_default=True,
    help="Fail on warnings (broken links, missing translations).",
)
@click.option("-v", "--verbose", is_flag=True, help="Show MkDocs' debug output.")
def build(config_file: Path, site_dir: Path, pdf: bool, strict: bool, verbose: bool) -> None:
    """Build the site in every language, with a PDF per role and language.

    Builds into a temporary folder first: when anything fails, the previous site stays as it was.
    """
    import time

    from .build import BuildError, build_site

    if not config_file.is_file():
        raise click.BadParameter(f"{config_file} not found", param_hint="--config-file")
    roles_dir = _roles_dir_of(config_file)
    cat = require_catalog(roles_dir)
    _setup_logging(verbose)
    started = time.perf_counter()
    try:
        builds = build_site(cat, config_file, site_dir, pdf=pdf, strict=strict)
    except BuildError as exc:
        click.echo(f"error: {exc}", err=True)
        click.echo(f"build failed; {display_path(site_dir)} was left as it was", err=True)
        raise SystemExit(1) from None
    langs = ", ".join(b.lang for b in builds)
    click.echo(
        f"built {display_path(site_dir)} ({langs}; {len(cat.roles)} roles"
        f"{', with PDFs' if pdf else ''}) in {time.perf_counter() - started:.1f} s",
        err=True,
    )


def _roles_dir_of(config_file: Path) -> Path:
    """The roles folder named in the config's rolebook plugin (default: roles beside it)."""
    import yaml

    try:
        data = yaml.safe_load(config_file.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        data = {}
    for plugin in data.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("rolebook"), dict):
            return config_file.parent / str(plugin["rolebook"].get("roles_dir", "roles"))
    return config_file.parent / "roles"


@main.command()
@click.option(
    "-f",
    "--config-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default="mkdocs.yml",
    show_default=True,
)
@click.option("--lang", default=None, help="Serve this language (default: the default language).")
@click.option("--pdf", is_flag=True, help="Also build PDFs on every rebuild (slower).")
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True)
def serve(config_file: Path, lang: str | None, pdf: bool, dev_addr: str) -> None:
    """Serve the site with live reload: role edits rebuild the pages. PDFs off unless --pdf."""
    from mkdocs.commands.serve import serve as mkdocs_serve
    from mkdocs.exceptions import MkDocsException

    cat = require_catalog(_roles_dir_of(config_file))
    lang = lang or cat.default_language
    if lang != cat.default_language:
        config_file = config_file.with_name(f"{config_file.stem}.{lang}{config_file.suffix}")
    _setup_logging(False)
    if pdf:
        os.environ[PDF_WHILE_SERVING] = "1"
    try:
        mkdocs_serve(str(config_file), dev_addr=dev_addr, livereload=True, strict=False)
    except MkDocsException as exc:
        raise click.ClickException(exc.format_message()) from None


@main.command()
@click.argument("role_id")
@lang_option
@output_option("The PDF file (default: ROLE_ID.LANG.pdf).")
@roles_dir_option
def pdf(role_id: str, lang: str | None, output: Path | None, roles_dir: Path) -> None:
    """Render the job-description PDF of one role."""
    from .errors import RenderError
    from .render.pdf import write_pdf

    cat = require_catalog(roles_dir)
    role_id, lang = _role_and_lang(cat, role_id, lang)
    output = output or Path(f"{role_id}.{lang}.pdf")
    try:
        write_pdf(cat, cat.roles[role_id], lang, output)
    except RenderError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"wrote {display_path(output)}")


@main.command()
@click.argument("role_id")
@click.option(
    "--start",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="The start date, YYYY-MM-DD (needed for ics).",
)
@click.option(
    "--format", "fmt", type=click.Choice(["md", "ics", "pdf"]), default="md", show_default=True
)
@lang_option
@output_option("Write to this file (default: standard output; pdf: ROLE_ID.onboarding.pdf).")
@roles_dir_option
def onboarding(
    role_id: str,
    start: dt.datetime | None,
    fmt: str,
    lang: str | None,
    output: Path | None,
    roles_dir: Path,
) -> None:
    """The onboarding checklist of a role: Markdown, a calendar file or a fillable PDF."""
    from .errors import RenderError
    from .onboarding import calendar, checklist, checklist_markdown
    from .render.pdf import write_pdf

    cat = require_catalog(roles_dir)
    role_id, lang = _role_and_lang(cat, role_id, lang)
    items = checklist(cat, cat.roles[role_id])
    start_date = start.date() if start else None
    if fmt == "pdf":
        target = output or Path(f"{role_id}.onboarding.{lang}.pdf")
        try:
            write_pdf(cat, cat.roles[role_id], lang, target, kind="onboarding")
        except RenderError as exc:
            raise click.ClickException(str(exc)) from None
        click.echo(f"wrote {display_path(target)}")
        return
    if fmt == "ics":
        if start_date is None:
            raise click.UsageError("--format ics needs --start YYYY-MM-DD")
        data = calendar(items, start_date, lang, cat.default_language)
    else:
        data = checklist_markdown(items, start_date, lang, cat.default_language).encode()
    if output is None:
        click.echo(data.decode(), nl=False)
    else:
        output.write_bytes(data)
        click.echo(f"wrote {display_path(output)}", err=True)


def _role_and_lang(cat: Catalog, role_id: str, lang: str | None) -> tuple[str, str]:
    """Validate a ROLE_ID argument and a --lang option against the catalog."""
    from .catalog import _suggest

    if role_id not in cat.roles:
        hint = _suggest(role_id, cat.roles)
        raise click.BadParameter(
            f"no role '{role_id}'" + (f"; {hint}" if hint else ""), param_hint="ROLE_ID"
        )
    lang = lang or cat.default_language
    if lang not in cat.languages:
        raise click.BadParameter(
            f"'{lang}' is not one of {', '.join(cat.languages)}", param_hint="--lang"
        )
    return role_id, lang


@main.command()
@click.argument("role_id")
@click.argument("answers", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--against", default=None, help="Compare with this role (default: ROLE_ID).")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "pdf"]), default="text", show_default=True
)
@lang_option
@output_option("Write to this file (pdf default: assessment-ROLE_ID.pdf).")
@roles_dir_option
def assess(
    role_id: str,
    answers: Path,
    against: str | None,
    fmt: str,
    lang: str | None,
    output: Path | None,
    roles_dir: Path,
) -> None:
    """The gap report of a self-assessment exported from the site (JSON) or written in YAML."""
    from .assessment import assessment_gap, read_assessment
    from .errors import CatalogError

    cat = require_catalog(roles_dir)
    role_id, lang = _role_and_lang(cat, role_id, lang)
    if against is not None and against not in cat.roles:
        raise click.BadParameter(f"no role '{against}'", param_hint="--against")
    try:
        data = read_assessment(answers, cat, role_id)
    except CatalogError as exc:
        for diag in exc.diagnostics:
            click.echo(str(diag), err=True)
        raise SystemExit(1) from None
    target = against or role_id
    result = assessment_gap(cat, data, target)
    t = Translator(lang, cat.default_language)
    if fmt == "json":
        report = {
            "role": role_id,
            "against": target,
            "name": data.name,
            "date": data.date,
            "total_gap": result.total,
            **{status: result.count(status) for status in ("met", "below", "above", "missing")},
            "lines": [
                {
                    "competency": line.competency.id,
                    "required": line.required,
                    "level": line.current,
                    "status": line.status,
                    "gap": line.gap,
                }
                for line in result.lines
            ],
        }
        _emit(json.dumps(report, ensure_ascii=False, indent=2) + "\n", output)
    elif fmt == "text":
        width = max((len(t.text(line.competency.name)) for line in result.lines), default=10)
        rows = [
            f"{t.label('self_assessment')}: {t.text(cat.roles[role_id].title)}"
            f" · {t.label('summary_against')} {t.text(cat.roles[target].title)}"
        ]
        for line in result.lines:
            have = "-" if line.current is None else str(line.current)
            rows.append(
                f"{t.text(line.competency.name):<{width}}  {line.required} {have:>2}  "
                f"{t.label('status_' + line.status)}" + (f" (+{line.gap})" if line.gap else "")
            )
        rows.append(f"{t.label('total_gap')}: {result.total} {t.label('levels_short')}")
        _emit("\n".join(rows) + "\n", output)
    else:
        from .render.assessment import write_assessment_pdf

        target_file = output or Path(f"assessment-{role_id}.pdf")
        write_assessment_pdf(cat, data, role_id, target, lang, target_file)
        click.echo(f"wrote {display_path(target_file)}")


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"wrote {display_path(output)}", err=True)


@main.command()
@click.argument("roles_dir", type=ROLES_DIR, default="roles")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    help="Findings as text lines or as JSON.",
)
@click.option(
    "--fail-level",
    type=click.Choice(["error", "warning", "info"]),
    default=None,
    help="Exit 1 on findings at this level or above (default: lint.yml, else warning).",
)
@click.option(
    "--show",
    type=click.Choice(["error", "warning", "info"]),
    default="info",
    show_default=True,
    help="Print findings at this level or above.",
)
def lint(roles_dir: Path, fmt: str, fail_level: str | None, show: str) -> None:
    """Check the wording of every role: gendered and age-excluding language, gender-coded
    words, completeness, consistency and readability.

    Prints PATH:LINE:COL: SEVERITY: MESSAGE [rule] and exits 1 when anything reaches the fail
    level. Rules, severities and suppressions are set in ROLES_DIR/library/lint.yml.
    """
    from .errors import CatalogError
    from .lint import (
        at_or_above,
        fails,
        findings_json,
        format_findings,
        lint_catalog,
        load_lint_config,
    )
    from .lint import summary_line as lint_summary

    cat = require_catalog(roles_dir)
    try:
        config = load_lint_config(roles_dir)
    except CatalogError as exc:
        for diag in exc.diagnostics:
            click.echo(str(diag), err=True)
        raise SystemExit(1) from None
    if fail_level is not None:
        config = dataclasses.replace(config, fail_level=fail_level)
    findings = lint_catalog(cat, config)
    shown = at_or_above(findings, show)
    if fmt == "json":
        click.echo(findings_json(shown))
    else:
        if shown:
            click.echo(format_findings(shown))
        click.echo(lint_summary(findings, len(cat.roles)), err=True)
    if fails(findings, config):
        raise SystemExit(1)


@main.command()
@click.argument("from_id")
@click.argument("to_id")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "md", "pdf"]),
    default="text",
    show_default=True,
)
@lang_option
@output_option("Write to this file (pdf default: plan-FROM_ID--TO_ID.pdf).")
@roles_dir_option
def plan(
    from_id: str, to_id: str, fmt: str, lang: str | None, output: Path | None, roles_dir: Path
) -> None:
    """The development plan from one role to another: competencies to raise, new requirements,
    training that closes the gap, and the authorities and responsibilities that come with it."""
    from .career import development_plan, plan_data, plan_markdown
    from .errors import RenderError
    from .render.pdf import PLAN_KIND, render_pdf

    cat = require_catalog(roles_dir)
    from_id, lang = _role_and_lang(cat, from_id, lang)
    to_id, _ = _role_and_lang(cat, to_id, lang)
    result = development_plan(cat, cat.roles[from_id], cat.roles[to_id])
    if fmt == "json":
        data = plan_data(result, lang, cat.default_language)
        _emit(json.dumps(data, ensure_ascii=False, indent=2) + "\n", output)
    elif fmt in ("md", "text"):
        text = plan_markdown(result, lang, cat.default_language)
        if fmt == "text":
            text = text.replace("**", "").replace("# ", "").replace("#", "")
        _emit(text, output)
    else:
        target = output or Path(f"plan-{from_id}--{to_id}.pdf")
        try:
            target.write_bytes(render_pdf(cat, result, lang, kind=PLAN_KIND))
        except RenderError as exc:
            raise click.ClickException(str(exc)) from None
        click.echo(f"wrote {display_path(target)}")


ROLE_FORMATS = ("jsonld", "docx")
CATALOG_FORMATS = ("json", "csv", "xlsx")


@main.command()
@click.argument("role_id", required=False)
@click.option(
    "--format",
    "fmt",
    type=click.Choice([*ROLE_FORMATS, *CATALOG_FORMATS]),
    required=True,
    help="jsonld or docx for one role; json, csv or xlsx for the catalog.",
)
@lang_option
@output_option("Write to this file (default: standard output; docx and xlsx need -o).")
@click.option(
    "--template",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="A .docx whose styles, headers and footers to use.",
)
@roles_dir_option
def export(
    role_id: str | None,
    fmt: str,
    lang: str | None,
    output: Path | None,
    template: Path | None,
    roles_dir: Path,
) -> None:
    """Export a role as schema.org JSON-LD or Word, or the catalog as JSON, CSV or XLSX."""
    from .exports.catalog import catalog_json, matrix_csv, matrix_xlsx
    from .exports.docx import role_docx
    from .exports.jsonld import occupation

    cat = require_catalog(roles_dir)
    if fmt in ROLE_FORMATS and role_id is None:
        raise click.UsageError(f"--format {fmt} needs a ROLE_ID")
    if fmt in CATALOG_FORMATS and role_id is not None:
        raise click.UsageError(f"--format {fmt} exports the whole catalog; leave out ROLE_ID")
    if fmt in ("docx", "xlsx") and output is None:
        raise click.UsageError(f"--format {fmt} needs -o FILE")
    lang = _role_and_lang(cat, role_id, lang)[1] if role_id else (lang or cat.default_language)
    if lang not in cat.languages:
        raise click.BadParameter(
            f"'{lang}' is not one of {', '.join(cat.languages)}", param_hint="--lang"
        )
    data: str | bytes
    if fmt == "jsonld":
        assert role_id is not None
        data = (
            json.dumps(occupation(cat, cat.roles[role_id], lang), ensure_ascii=False, indent=2)
            + "\n"
        )
    elif fmt == "docx":
        assert role_id is not None
        data = role_docx(cat, cat.roles[role_id], lang, template)
    elif fmt == "json":
        data = catalog_json(cat)
    elif fmt == "csv":
        data = matrix_csv(cat, lang)
    else:
        data = matrix_xlsx(cat, lang)
    if output is None:
        click.echo(data if isinstance(data, str) else data.decode(), nl=False)
        return
    output.write_bytes(data.encode() if isinstance(data, str) else data)
    click.echo(f"wrote {display_path(output)}", err=True)
