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

from .. import __version__
from ..catalog import Catalog
from ..checks import check_catalog
from ..errors import Severity, diagnostics_json, display_path, summary_line
from ..newrole import write_new_role
from ..render.printing import PdfSettings, PrintDocument
from ..schema import write_schemas
from .faults import RolebookGroup

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


def roles_dir_argument(func: F) -> F:
    """`--roles-dir`, as every command takes it, and the positional ROLES_DIR that `check`,
    `list` and `lint` took before (deprecated: it still works, with a warning, for one
    release)."""

    def merge(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
        if value is not None:
            click.echo(
                "warning: the positional ROLES_DIR is deprecated; use --roles-dir "
                f"{display_path(value)}",
                err=True,
            )
        return value

    func = click.argument(
        "old_roles_dir", metavar="[ROLES_DIR]", required=False, type=ROLES_DIR, callback=merge
    )(func)
    return roles_dir_option(func)


def _roles_dir(roles_dir: Path, old_roles_dir: Path | None) -> Path:
    return old_roles_dir if old_roles_dir is not None else roles_dir


def write_print(document: PrintDocument, target: Path, settings: PdfSettings | None = None) -> None:
    """Lay out a print document and write its PDF (atomically); WeasyPrint's warnings are
    printed, a failure exits 1 naming the document."""
    from ..errors import RenderError
    from ..output.files import write_atomic
    from ..output.pdf import layout_pdf

    try:
        laid_out = layout_pdf(document, settings or PdfSettings())
    except RenderError as exc:
        raise click.ClickException(str(exc)) from None
    for warning in laid_out.warnings:
        click.echo(f"warning: {warning}", err=True)
    write_atomic(target, laid_out.pdf)
    click.echo(f"wrote {display_path(target)}")


def write_document(cat: Catalog, kind: str, ids: tuple[str, ...], lang: str, target: Path) -> None:
    """The PDF of one document of the registry, e.g. ("onboarding", ("accountmanager",))."""
    from ..documents.registry import build_context
    from ..documents.registry import kind as kind_of
    from ..errors import RenderError

    ctx = build_context(cat, lang)
    of = kind_of(kind)
    try:
        document = of.print_document(ctx, ids, of.subject(ctx, ids))
    except RenderError as exc:
        raise click.ClickException(str(exc)) from None
    write_print(document, target)


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


@click.group(cls=RolebookGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="rolebook")
def main() -> None:
    """Rolebook: job descriptions, onboarding, competencies and career paths from YAML roles."""
    # Material 9.8 prints a banner about MkDocs 2.0 on every build; Rolebook pins MkDocs < 2.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def _role_and_lang(cat: Catalog, role_id: str, lang: str | None) -> tuple[str, str]:
    """Validate a ROLE_ID argument and a --lang option against the catalog."""
    from ..errors import suggest

    if role_id not in cat.roles:
        hint = suggest(role_id, cat.roles)
        raise click.BadParameter(
            f"no role '{role_id}'" + (f"; {hint}" if hint else ""), param_hint="ROLE_ID"
        )
    lang = lang or cat.default_language
    if lang not in cat.languages:
        raise click.BadParameter(
            f"'{lang}' is not one of {', '.join(cat.languages)}", param_hint="--lang"
        )
    return role_id, lang


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"wrote {display_path(output)}", err=True)


@main.command()
@roles_dir_argument
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    help="Diagnostics as text lines or as JSON.",
)
def check(roles_dir: Path, old_roles_dir: Path | None, fmt: str) -> None:
    """Check every role and library file in the roles folder (default: roles).

    Prints one line per problem as PATH:LINE:COL: SEVERITY: MESSAGE and exits 1 when there are
    errors.
    """
    from ..history.revisions import unbumped_versions

    roles_dir = _roles_dir(roles_dir, old_roles_dir)
    cat, diagnostics, files = check_catalog(roles_dir)
    if cat is not None:
        diagnostics = sorted(
            diagnostics + unbumped_versions(cat),
            key=lambda d: (d.location, d.message),
        )
    _echo_diagnostics(diagnostics, files, fmt)
    if any(d.severity is Severity.ERROR for d in diagnostics):
        raise SystemExit(1)


@main.command("list")
@roles_dir_argument
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
def list_roles(roles_dir: Path, old_roles_dir: Path | None, fmt: str, lang: str | None) -> None:
    """List the roles with family, level and status."""
    cat = require_catalog(_roles_dir(roles_dir, old_roles_dir))
    lang = lang or cat.default_language
    if lang not in cat.languages:
        raise click.BadParameter(
            f"'{lang}' is not one of {', '.join(cat.languages)}", param_hint="--lang"
        )
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

    from ..model import ID_PATTERN, ID_RULE

    if not re.match(ID_PATTERN, role_id) or len(role_id) > 64:
        raise click.BadParameter(
            ID_RULE,
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


@main.command()
@roles_dir_argument
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
def lint(
    roles_dir: Path, old_roles_dir: Path | None, fmt: str, fail_level: str | None, show: str
) -> None:
    """Check the wording of every role: gendered and age-excluding language, gender-coded
    words, completeness, consistency and readability.

    Prints PATH:LINE:COL: SEVERITY: MESSAGE [rule] and exits 1 when anything reaches the fail
    level. Rules, severities and suppressions are set in library/lint.yml of the roles folder.
    """
    roles_dir = _roles_dir(roles_dir, old_roles_dir)
    from ..errors import CatalogError
    from ..lint import (
        at_or_above,
        fails,
        findings_json,
        format_findings,
        lint_catalog,
        load_lint_config,
    )
    from ..lint import summary_line as lint_summary

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
    findings = _with_vacancies(cat, config, findings)
    shown = at_or_above(findings, show)
    if fmt == "json":
        click.echo(findings_json(shown))
    else:
        if shown:
            click.echo(format_findings(shown))
        click.echo(lint_summary(findings, len(cat.roles)), err=True)
    if fails(findings, config):
        raise SystemExit(1)


def _with_vacancies(cat: Catalog, config: Any, findings: list[Any]) -> list[Any]:
    """The findings on every open vacancy's text in every language, with the role findings (a
    text both use is reported once)."""
    from ..lint.findings import Finding
    from ..model import advertised
    from ..render.vacancy import vacancy_findings

    found = {f.sort_key(): f for f in findings}
    for role in cat.roles.values():
        if advertised(role):
            for lang in cat.languages:
                for finding in vacancy_findings(cat, role, lang, config):
                    found.setdefault(finding.sort_key(), finding)
    return sorted(found.values(), key=Finding.sort_key)


# The other commands register themselves on `main` when imported.
from . import authoring, documents, history, site  # noqa: E402

__all__ = ["authoring", "documents", "history", "main", "site"]
