"""`rolebook build`, `serve` and `pdf`: the site and its documents."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..errors import display_path
from . import (
    _role_and_lang,
    lang_option,
    main,
    output_option,
    require_catalog,
    roles_dir_option,
    write_document,
)
from .faults import dev_address

if TYPE_CHECKING:
    from ..catalog import Catalog

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
@click.option(
    "--shard",
    "shard",
    metavar="I/N",
    default=None,
    help="Render only share I of N of the PDFs and exports (balanced by cost) into --site-dir, "
    "for a build spread over N machines; no site is built.",
)
@click.option(
    "--merge",
    "merge",
    is_flag=True,
    help="Build the site from the shard folders given as arguments, rendering nothing again.",
)
@click.argument(
    "shard_dirs", nargs=-1, type=click.Path(file_okay=False, exists=True, path_type=Path)
)
def build(
    config_file: Path,
    site_dir: Path,
    pdf: bool,
    strict: bool,
    verbose: bool,
    shard: str | None,
    merge: bool,
    shard_dirs: tuple[Path, ...],
) -> None:
    """Build the site in every language, with a PDF per role and language.

    Builds into a temporary folder first: when anything fails, the previous site stays as it was.
    With --shard I/N each of N machines renders its share of the documents; `build --merge
    SHARD_DIR...` then makes the site from their folders.
    """
    import gc
    import time

    from ..build import BuildError, build_site, language_builds

    if not config_file.is_file():
        raise click.BadParameter(f"{config_file} not found", param_hint="--config-file")
    roles_dir = _roles_dir_of(config_file)
    cat = _checked_catalog(roles_dir, _cache_dir_of(config_file))
    _setup_logging(verbose)
    started = time.perf_counter()
    roles = len(cat.roles)
    spec = None
    if shard is not None:
        from ..output.shards import ShardSpec

        try:
            spec = ShardSpec.parse(shard)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--shard") from None
        if merge:
            raise click.UsageError("--shard and --merge are two different steps: give one")
    if shard_dirs and not merge:
        raise click.UsageError("shard folders are for --merge")
    try:
        builds = language_builds(cat, config_file)
        # Each language's build loads its own compact catalog; this checked one, with its
        # sources, would otherwise sit beside it (about 600 MB at 1,000 roles).
        del cat
        gc.collect()
        if spec is not None:
            from ..build import shard_site

            languages = shard_site(builds, spec, site_dir)
            count = sum(int(v["documents"]) for v in languages.values())
            click.echo(
                f"shard {spec}: {count} documents in {display_path(site_dir)} "
                f"in {time.perf_counter() - started:.1f} s",
                err=True,
            )
            return
        if merge:
            from ..build import merge_site

            merge_site(builds, list(shard_dirs), site_dir, strict=strict)
        else:
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


def _site_config(config_file: Path) -> dict[str, Any]:
    """The site config as MkDocs reads it (INHERIT and !ENV applied), unvalidated."""
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils.yaml import yaml_load

    try:
        with config_file.open("rb") as handle:
            data = yaml_load(handle)
    except (OSError, ConfigurationError, ValueError) as exc:
        raise click.ClickException(f"{display_path(config_file)}: {exc}") from None
    return data if isinstance(data, dict) else {}


def _rolebook_options(data: dict[str, Any]) -> dict[str, Any] | None:
    plugins = data.get("plugins") or []
    if isinstance(plugins, dict):
        options = plugins.get("rolebook")
        return options if isinstance(options, dict) else ({} if "rolebook" in plugins else None)
    for plugin in plugins:
        if isinstance(plugin, dict) and "rolebook" in plugin:
            return plugin["rolebook"] if isinstance(plugin["rolebook"], dict) else {}
        if plugin == "rolebook":
            return {}
    return None


def _roles_dir_of(config_file: Path) -> Path:
    """The roles folder named in the config's rolebook plugin (default: roles beside it)."""
    options = _rolebook_options(_site_config(config_file)) or {}
    return config_file.parent / str(options.get("roles_dir", "roles"))


def _cache_dir_of(config_file: Path) -> Path:
    """The cache folder named in the config's rolebook plugin (default: .rolebook-cache)."""
    options = _rolebook_options(_site_config(config_file)) or {}
    return config_file.parent / str(options.get("cache_dir", ".rolebook-cache"))


def _checked_catalog(roles_dir: Path, cache_dir: Path) -> Catalog:
    """The catalog for a build, checked, or exit 1 after printing every problem. Checked once
    through the cache: the language builds then read it from there instead of checking the
    roles again."""
    from ..loadcache import load_for_rendering

    cat, diagnostics = load_for_rendering(roles_dir, cache_dir)
    if cat is None:
        require_catalog(roles_dir)  # prints every problem with the file count, and exits
    assert cat is not None
    for diag in diagnostics:
        click.echo(str(diag), err=True)
    return cat


def _plugins_with_pdfs(config_file: Path) -> list[Any]:
    """The config's plugins, with PDFs switched on for the rolebook plugin."""
    plugins = _site_config(config_file).get("plugins") or []
    if isinstance(plugins, dict):
        plugins = [{name: options} for name, options in plugins.items()]
    changed: list[Any] = []
    for plugin in plugins:
        if plugin == "rolebook" or (isinstance(plugin, dict) and "rolebook" in plugin):
            options = plugin.get("rolebook") if isinstance(plugin, dict) else None
            plugin = {"rolebook": {**(options or {}), "pdf": True}}
        changed.append(plugin)
    return changed


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
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True, callback=dev_address)
def serve(config_file: Path, lang: str | None, pdf: bool, dirty: bool, dev_addr: str) -> None:
    """Serve the site with live reload: role edits rebuild the pages. PDFs off unless --pdf.

    A rebuild that fails keeps the last good site up, with the error on every page."""
    from mkdocs.exceptions import MkDocsException

    from ..serve import serve_site

    cat = require_catalog(_roles_dir_of(config_file))
    lang = lang or cat.default_language
    if lang != cat.default_language:
        config_file = config_file.with_name(f"{config_file.stem}.{lang}{config_file.suffix}")
    _setup_logging(False)
    # --pdf reaches the plugin as an option of the config, like any other setting
    overrides: dict[str, Any] = {"plugins": _plugins_with_pdfs(config_file)} if pdf else {}
    try:
        serve_site(config_file, dev_addr=dev_addr, dirty=dirty, **overrides)
    except MkDocsException as exc:
        raise click.ClickException(exc.format_message()) from None


def _role_pdf_kinds() -> list[str]:
    from ..documents.registry import KINDS

    return [k.id for k in KINDS if k.scope == "role" and k.pdf is not None]


@main.command()
@click.argument("role_id")
@click.option(
    "--kind",
    type=click.Choice(_role_pdf_kinds()),
    default="job",
    show_default=True,
    help="Which of the role's documents.",
)
@lang_option
@output_option("The PDF file (default: ROLE_ID.LANG.pdf; other kinds ROLE_ID.KIND.LANG.pdf).")
@roles_dir_option
def pdf(role_id: str, kind: str, lang: str | None, output: Path | None, roles_dir: Path) -> None:
    """Render a PDF of one role: its job description, or another of its documents."""
    cat = require_catalog(roles_dir)
    role_id, lang = _role_and_lang(cat, role_id, lang)
    default = f"{role_id}.{lang}.pdf" if kind == "job" else f"{role_id}.{kind}.{lang}.pdf"
    write_document(cat, kind, (role_id,), lang, output or Path(default))


@main.command()
@config_file_option
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True, callback=dev_address)
def edit(config_file: Path, dev_addr: str) -> None:
    """Edit the roles and the library in forms in the browser, at /admin/, beside the site
    with live reload.

    A save writes the YAML file (comments and key order kept) only when `rolebook check`
    would pass with it; otherwise the editor shows the errors and nothing is written."""
    from mkdocs.exceptions import MkDocsException

    from ..editor.api import ADMIN, EditorApp, site_path_of
    from ..editor.store import Project
    from ..serve import serve_site

    roles_dir = _roles_dir_of(config_file)
    cat = require_catalog(roles_dir)
    project_root = config_file.resolve().parent
    try:
        project = Project(project_root, roles_dir.resolve())
        project.roles_path  # noqa: B018  (the roles folder must be in the project)
    except ValueError:
        raise click.ClickException(
            f"the roles folder {display_path(roles_dir)} is not inside the project folder "
            f"{display_path(project_root)}"
        ) from None
    site_path = site_path_of(str(_site_config(config_file).get("site_url") or "/"))
    app = EditorApp(project, site_path=site_path, lang=cat.default_language)
    _setup_logging(False)
    click.echo(f"rolebook edit: the editor is at http://{dev_addr}{ADMIN}", err=True)
    if dev_addr.rpartition(":")[0].strip("[]") not in ("127.0.0.1", "localhost", "::1"):
        click.echo(
            f"warning: anyone who can reach {dev_addr} can change the roles with the editor",
            err=True,
        )
    try:
        serve_site(config_file, dev_addr=dev_addr, dirty=False, mounted=app)
    except MkDocsException as exc:
        raise click.ClickException(exc.format_message()) from None
