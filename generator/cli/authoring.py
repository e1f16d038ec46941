"""`rolebook init` and `import`: a new project, and draft roles from Word job descriptions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from .. import __version__
from ..errors import display_path, suggest
from . import _echo_diagnostics, main, roles_dir_option

STARTER_LANGUAGES = ("nl", "en")


def _languages(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
    languages = tuple(part.strip() for part in value.split(",") if part.strip())
    if not languages:
        raise click.BadParameter("give one or more languages, e.g. nl,en")
    for lang in languages:
        if lang not in STARTER_LANGUAGES:
            raise click.BadParameter(f"'{lang}': the starter project has texts in nl and en")
    if len(set(languages)) < len(languages):
        raise click.BadParameter(f"'{value}' names a language twice")
    return languages


@main.command()
@click.argument(
    "folder",
    metavar="[DIR]",
    required=False,
    default=".",
    type=click.Path(file_okay=False, path_type=Path),
)
@click.option(
    "--organisation",
    default=None,
    help="The organisation's name (default: 'Mijn organisatie', or 'My organisation' in English).",
)
@click.option(
    "--languages",
    default="nl,en",
    show_default=True,
    callback=_languages,
    help="The site's languages, comma-separated (nl, en); the first is the default.",
)
@click.option(
    "--example/--no-example", default=True, show_default=True, help="Write an example role."
)
@click.option(
    "--shards",
    type=click.IntRange(1, 32),
    default=1,
    show_default=True,
    help="Build the site on this many CI machines (a matrix of shard jobs and a merge job).",
)
@click.option(
    "--force",
    is_flag=True,
    help="Write into a folder that is not empty; existing files are still never overwritten.",
)
def init(
    folder: Path,
    organisation: str | None,
    languages: tuple[str, ...],
    example: bool,
    shards: int,
    force: bool,
) -> None:
    """Start a new project in DIR (default: the current folder): the site configs, a roles
    library to fill in, an example role, pages for each audience, CI for GitHub and GitLab Pages
    and a README for the HR team.

    Refuses a folder that is not empty unless --force, and never overwrites a file.
    """
    from ..starter import DEFAULT_ORGANISATION, Project, starter_files, write_files

    name = " ".join((organisation or DEFAULT_ORGANISATION[languages[0]]).split())
    if not name:
        raise click.BadParameter("the name is empty", param_hint="--organisation")
    if folder.exists() and any(folder.iterdir()) and not force:
        raise click.ClickException(
            f"{display_path(folder)} is not empty; --force adds the files that are missing "
            "(it never overwrites one)"
        )
    project = Project(
        name, languages, example, requirement=f'"rolebook=={__version__}"', shards=shards
    )
    written, skipped = write_files(folder, starter_files(project))
    shown = display_path(folder)
    click.echo(f"wrote {len(written)} files into {shown} ({', '.join(languages)})")
    for path in skipped:
        click.echo(f"skipped {display_path(path)}: it exists", err=True)
    steps = "rolebook check && rolebook serve"
    click.echo(f"next: {steps if shown == '.' else f'cd {shown} && {steps}'}")


def _docx_files(path: Path) -> list[Path]:
    """The file, or the .docx files of a folder (without Word's ~$ lock files)."""
    if path.is_file():
        return [path]
    return sorted(
        p
        for p in path.iterdir()
        if p.is_file() and p.suffix.lower() == ".docx" and not p.name.startswith("~$")
    )


@main.command("import")
@click.argument("path", metavar="FILE.docx|FOLDER", type=click.Path(exists=True, path_type=Path))
@roles_dir_option
@click.option("--force", is_flag=True, help="Replace a role file of the same id.")
@click.option(
    "--lang",
    default=None,
    help="The language the document is written in (default: from the document).",
)
@click.option(
    "--family", default=None, help="Family id (default: named in the document, else the first)."
)
def import_(path: Path, roles_dir: Path, force: bool, lang: str | None, family: str | None) -> None:
    """Turn Word job descriptions (.docx) into draft role files in the roles folder.

    Maps headings, header tables, lists and tables to the fields of a role, keeps what it cannot
    place in the role's notes, and prints a report per file. Never overwrites a role file
    without --force.
    """
    from ..checks import check_catalog
    from ..output.files import write_atomic
    from ..wordimport import WordImportError, import_docx

    # the names in the documents are matched against this catalog; its warnings are for
    # `rolebook check` (earlier drafts would repeat theirs on every import)
    cat, diagnostics, checked = check_catalog(roles_dir)
    if cat is None:
        _echo_diagnostics(diagnostics, checked, "text")
        raise SystemExit(1)
    if lang is not None and lang not in cat.languages:
        raise click.BadParameter(
            f"'{lang}' is not one of {', '.join(cat.languages)}", param_hint="--lang"
        )
    if family is not None and family not in cat.families:
        hint = suggest(family, cat.families)
        raise click.BadParameter(
            f"no family '{family}' in library/families.yml" + (f"; {hint}" if hint else ""),
            param_hint="--family",
        )
    files = _docx_files(path)
    if not files:
        raise click.ClickException(f"{display_path(path)}: no .docx files in this folder")
    failed = written = 0
    taken: set[str] = set()
    today = dt.date.today()
    for source in files:
        try:
            result = import_docx(source, cat, lang=lang, family=family, today=today)
        except WordImportError as exc:
            click.echo(f"{display_path(source)}: error: {exc}", err=True)
            failed += 1
            continue
        role_id, number = result.role_id, 2
        while role_id in taken:  # two documents of one title in this run: both are kept
            role_id = f"{result.role_id[:60]}-{number}"
            number += 1
        text = result.yaml.replace(f"\nid: {result.role_id}\n", f"\nid: {role_id}\n", 1)
        target = roles_dir / f"{role_id}.yml"
        existing = [p for p in (target, target.with_suffix(".yaml")) if p.exists()]
        if existing and not force:
            click.echo(
                f"{display_path(existing[0])}: error: already exists; not overwritten "
                f"(--force replaces it); from {display_path(source)}",
                err=True,
            )
            failed += 1
            continue
        if existing:  # replaced where it is: a second file of the same id would be an error
            target = existing[0]
        write_atomic(target, text.encode("utf-8"))
        taken.add(role_id)
        written += 1
        click.echo("\n".join(result.report(display_path(target))))
    if written:
        click.echo(
            f"imported {written} of {len(files)} file{'s' if len(files) > 1 else ''}; "
            "then run `rolebook check`",
            err=True,
        )
    if failed:
        raise SystemExit(1)
