"""`rolebook build`, `serve` and `pdf`: the site and its documents."""

from __future__ import annotations

import os
from pathlib import Path

import click

from ..errors import display_path
from ..plugin_options import PDF_WHILE_SERVING
from . import (
    _role_and_lang,
    lang_option,
    main,
    output_option,
    require_catalog,
    roles_dir_option,
)

config_file_option = click.option(
    "-f",
    "--config-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default="mkdocs.yml",
    show_default=True,
    help="The default language's MkDocs config; others are mkdocs.<lang>.yml.",
)


def _setup_logging(verbose: bool) -> None:
    import logging

    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.handlers = [handler]
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)
    logger.propagate = False


@main.command()
@config_file_option
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
    import gc
    import time

    from ..build import BuildError, build_site, language_builds

    if not config_file.is_file():
        raise click.BadParameter(f"{config_file} not found", param_hint="--config-file")
    roles_dir = _roles_dir_of(config_file)
    cat = require_catalog(roles_dir)
    _setup_logging(verbose)
    started = time.perf_counter()
    roles = len(cat.roles)
    try:
        builds = language_builds(cat, config_file)
        # Each language's build loads its own compact catalog; this checked one, with its
        # sources, would otherwise sit beside it (about 600 MB at 1,000 roles).
        del cat
        gc.collect()
        build_site(builds, site_dir, pdf=pdf, strict=strict)
    except BuildError as exc:
        click.echo(f"error: {exc}", err=True)
        click.echo(f"build failed; {display_path(site_dir)} was left as it was", err=True)
        raise SystemExit(1) from None
    langs = ", ".join(b.lang for b in builds)
    click.echo(
        f"built {display_path(site_dir)} ({langs}; {roles} roles"
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
@config_file_option
@click.option("--lang", default=None, help="Serve this language (default: the default language).")
@click.option("--pdf", is_flag=True, help="Also build PDFs on every rebuild (slower).")
@click.option(
    "--dirty",
    is_flag=True,
    help="Rebuild only the pages whose source changed: a role edit shows in seconds in a large "
    "catalog, but the search and the overview keep old titles until a full rebuild.",
)
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True)
def serve(config_file: Path, lang: str | None, pdf: bool, dirty: bool, dev_addr: str) -> None:
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
        mkdocs_serve(
            str(config_file),
            dev_addr=dev_addr,
            livereload=True,
            strict=False,
            build_type="dirty" if dirty else None,
        )
    except MkDocsException as exc:
        raise click.ClickException(exc.format_message()) from None


@main.command()
@click.argument("role_id")
@lang_option
@output_option("The PDF file (default: ROLE_ID.LANG.pdf).")
@roles_dir_option
def pdf(role_id: str, lang: str | None, output: Path | None, roles_dir: Path) -> None:
    """Render the job-description PDF of one role."""
    from ..errors import RenderError
    from ..render.pdf import write_pdf

    cat = require_catalog(roles_dir)
    role_id, lang = _role_and_lang(cat, role_id, lang)
    output = output or Path(f"{role_id}.{lang}.pdf")
    try:
        write_pdf(cat, cat.roles[role_id], lang, output)
    except RenderError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"wrote {display_path(output)}")
