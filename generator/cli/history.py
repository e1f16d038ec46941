"""`rolebook diff`: what changed between two versions of a role, in words."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..catalog import Catalog
from ..checks import check_catalog
from ..errors import display_path
from ..history.diff import diff_roles
from ..history.git import GitError, Repository
from ..history.revisions import RoleUnreadable, resolve_at, resolve_file, slug
from ..model import Role
from . import (
    _role_and_lang,
    lang_option,
    main,
    output_option,
    require_catalog,
    roles_dir_option,
    write_print,
)


def _unreadable(exc: RoleUnreadable) -> SystemExit:
    for diag in exc.diagnostics:
        click.echo(str(diag), err=True)
    return SystemExit(1)


def _colour(output: Path | None) -> bool:
    return output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ


@main.command()
@click.argument("first", metavar="OLD|ROLE_ID")
@click.argument("second", metavar="[NEW]", required=False)
@click.option(
    "--from",
    "rev_from",
    default=None,
    metavar="REV",
    help="With ROLE_ID: the git revision of the older version (default: HEAD).",
)
@click.option(
    "--to",
    "rev_to",
    default=None,
    metavar="REV",
    help="With ROLE_ID: the git revision of the newer version (default: the file as it is now).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "md", "json", "pdf"]),
    default="text",
    show_default=True,
)
@lang_option
@output_option("Write to this file (default: standard output; pdf: ROLE_ID-OLD-NEW.LANG.pdf).")
@roles_dir_option
def diff(
    first: str,
    second: str | None,
    rev_from: str | None,
    rev_to: str | None,
    fmt: str,
    lang: str | None,
    output: Path | None,
    roles_dir: Path,
) -> None:
    """What changed between two versions of a role: duties, rights, responsibilities,
    requirements and training added, removed or reworded; competency levels raised or lowered;
    version, date and status.

    Either two role files, `rolebook diff OLD.yml NEW.yml` (a parent named in `extends` is looked
    up beside each file, then in --roles-dir), or a role and git revisions,
    `rolebook diff ROLE_ID --from REV [--to REV]`. Exits 0 whether or not there are changes,
    1 when a version cannot be read.
    """
    from ..render.changes import NoticeView, notice_html, notice_json, notice_markdown, notice_text

    cat: Catalog | None
    if second is not None:
        if rev_from or rev_to:
            raise click.UsageError("--from and --to go with ROLE_ID, not with two files")
        cat = check_catalog(roles_dir)[0] if roles_dir.is_dir() else None
        old, new = (
            _file(Path(arg), roles_dir, cat, name)
            for arg, name in ((first, "OLD"), (second, "NEW"))
        )
    else:
        cat = require_catalog(roles_dir)
        role_id, _ = _role_and_lang(cat, first, lang)
        old = _at_revision(cat, roles_dir, role_id, rev_from or "HEAD", "--from")
        new = (
            cat.roles[role_id]
            if rev_to is None
            else _at_revision(cat, roles_dir, role_id, rev_to, "--to")
        )
    languages = cat.languages if cat else ["nl", "en"]
    default = cat.default_language if cat else languages[0]
    lang = lang or default
    if lang not in languages:
        raise click.BadParameter(
            f"'{lang}' is not one of {', '.join(languages)}", param_hint="--lang"
        )
    changes = diff_roles(old, new)
    view = NoticeView(cat, changes, lang, default)
    if fmt == "pdf":
        from ..render.printing import PrintDocument, pdf_identifier

        target = output or Path(
            f"{new.id}-{slug(old.meta.version)}-{slug(new.meta.version)}.{lang}.pdf"
        )
        org = view.t.text(cat.organisation.name) if cat and cat.organisation.name else ""
        document = PrintDocument(
            html=notice_html(view, org),
            lang=lang,
            default_language=default,
            identifier=pdf_identifier(
                f"notice|{new.id}|{old.meta.version}|{new.meta.version}|{lang}"
            ),
            forms=False,
            name=f"change notice of '{new.id}'",
        )
        write_print(document, target)
        return
    if fmt == "json":
        text = notice_json(changes)
    elif fmt == "md":
        text = notice_markdown(view)
    else:
        text = notice_text(view, colour=_colour(output))
    if output is None:
        click.echo(text, nl=False, color=_colour(output) or None)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"wrote {display_path(output)}", err=True)


def _file(path: Path, roles_dir: Path, cat: Catalog | None, name: str) -> Role:
    if not path.is_file():
        raise click.BadParameter(f"no file '{path}'", param_hint=name)
    try:
        return resolve_file(path, display_path(path), roles_dir, cat)
    except RoleUnreadable as exc:
        raise _unreadable(exc) from None


def _at_revision(cat: Catalog, roles_dir: Path, role_id: str, rev: str, option: str) -> Role:
    try:
        repo = Repository.find(roles_dir)
        repo.resolve(rev)
    except GitError as exc:
        raise click.BadParameter(str(exc), param_hint=option) from None
    try:
        return resolve_at(repo, rev, roles_dir, role_id, cat)
    except RoleUnreadable as exc:
        raise _unreadable(exc) from None
    except GitError as exc:
        raise click.ClickException(str(exc)) from None
