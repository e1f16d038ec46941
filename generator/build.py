"""`rolebook build`: every language's MkDocs build into a temporary folder, which replaces the
site only when all of them succeeded. An adapter around MkDocs, like the plugin."""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import gc
import logging
import os
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .catalog import Catalog
from .output.cache import CONTENT_FOLDERS, prune
from .output.shards import ShardSpec


class BuildError(Exception):
    """The build failed; the message says why. The previous site is untouched."""


@dataclass(frozen=True)
class LanguageBuild:
    lang: str
    config_file: Path
    subdir: str
    """Where this language goes inside the site: "" for the default language."""


def language_builds(cat: Catalog, config_file: Path) -> list[LanguageBuild]:
    """The default language from mkdocs.yml, every other one from mkdocs.<lang>.yml beside it."""
    builds = [LanguageBuild(cat.default_language, config_file, "")]
    for lang in cat.languages:
        if lang == cat.default_language:
            continue
        other = config_file.with_name(f"{config_file.stem}.{lang}{config_file.suffix}")
        if not other.is_file():
            raise BuildError(
                f"no {other.name} for language '{lang}' (library/organisation.yml "
                f"lists it); add one that INHERITs {config_file.name}"
            )
        builds.append(LanguageBuild(lang, other, lang))
    return builds


@contextlib.contextmanager
def site_lock(site_dir: Path) -> Iterator[None]:
    """One build at a time per site folder; a second one stops with a clear message."""
    lock_path = site_dir.with_name(f".{site_dir.name}.lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildError(
                f"another build is writing {site_dir} (lock {lock_path.name}); "
                "wait for it to finish"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _mkdocs_build(
    config_file: Path,
    site_dir: Path,
    *,
    lang: str,
    pdf: bool,
    strict: bool,
    render_missing: bool = True,
) -> Path | None:
    """One language's MkDocs build; returns the plugin's cache folder (None without the
    plugin)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    try:
        config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=strict)
        if "rolebook" in config.plugins:
            options = config.plugins["rolebook"].config
            theme = config.theme.get("language")
            said = options.lang or theme
            # (a plugin lang that disagrees with the theme is the plugin's to report)
            if said and said != lang and (not options.lang or not theme or options.lang == theme):
                raise BuildError(
                    f"{config_file.name} builds language '{said}', but it is the config of "
                    f"'{lang}' (its plugin's lang and theme.language must say '{lang}')"
                )
            options.pdf = pdf
            options.render_missing = render_missing
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
        return _cache_dir(config)
    except BuildError:
        raise
    except (MkDocsException, Abort) as exc:
        raise BuildError(f"{config_file.name}: {exc.format_message()}") from None
    except OSError as exc:
        raise BuildError(f"{config_file.name}: {exc}") from None
    except Exception as exc:  # a bug, not the user's input: still no traceback, site kept
        log = logging.getLogger("mkdocs")
        log.debug("internal error", exc_info=True)
        raise BuildError(
            f"{config_file.name}: internal error: {exc!r} (run with -v for "
            "details, and please report it)"
        ) from None


def _cache_dir(config: Any) -> Path | None:
    """The rolebook plugin's cache folder of a loaded MkDocs config (None without the plugin)."""
    if "rolebook" not in config.plugins:
        return None
    folder: str = config.plugins["rolebook"].config.cache_dir
    return Path(config.config_file_path).resolve().parent / folder


def build_site(
    builds: list[LanguageBuild],
    site_dir: Path,
    *,
    pdf: bool = True,
    strict: bool = True,
    render_missing: bool = True,
) -> None:
    """Build every language into a fresh folder, then swap it in place of `site_dir`; then
    remove from the cache what none of the languages used (PDFs only when they were built)."""
    site_dir = site_dir.resolve()
    started = time.time()
    caches: set[Path] = set()
    with site_lock(site_dir):
        staging = site_dir.with_name(f".{site_dir.name}.building-{os.getpid()}")
        shutil.rmtree(staging, ignore_errors=True)
        try:
            for item in builds:
                logging.getLogger("mkdocs").info(
                    f"building '{item.lang}' from {item.config_file.name}"
                )
                cache_dir = _mkdocs_build(
                    item.config_file,
                    staging / item.subdir if item.subdir else staging,
                    lang=item.lang,
                    pdf=pdf,
                    strict=strict,
                    render_missing=render_missing,
                )
                if cache_dir is not None:
                    caches.add(cache_dir)
                gc.collect()  # the last language's pages and catalog, before the next loads
            _swap(staging, site_dir)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        kinds = CONTENT_FOLDERS if pdf else tuple(k for k in CONTENT_FOLDERS if k != "pdf")
        prune([cache / kind for cache in sorted(caches) for kind in kinds], started)


def _swap(staging: Path, site_dir: Path) -> None:
    """Put the new site in place; the old one is removed only once the new one is there."""
    old = site_dir.with_name(f".{site_dir.name}.old-{os.getpid()}")
    if site_dir.exists():
        site_dir.rename(old)
    try:
        staging.rename(site_dir)
    except OSError:
        if old.exists():
            old.rename(site_dir)
        raise
    shutil.rmtree(old, ignore_errors=True)


# --- sharded builds ----------------------------------------------------------------------------


def _plugin_build(item: LanguageBuild, cache_dir: Path | None) -> tuple[Any, Any]:
    """The plugin of a language's config, configured as for a build (catalog loaded), and that
    build's documents, without running MkDocs."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from .output.sitebuild import SiteBuild

    try:
        config = load_config(config_file=str(item.config_file))
        if "rolebook" not in config.plugins:
            raise BuildError(f"{item.config_file.name}: the rolebook plugin is not configured")
        plugin: Any = config.plugins["rolebook"]
        plugin.on_startup(command="build", dirty=False)
        plugin.on_config(config)
    except MkDocsException as exc:
        raise BuildError(f"{item.config_file.name}: {exc.format_message()}") from None
    options = plugin._options(config)
    if cache_dir is not None:
        options = dataclasses.replace(options, cache_dir=cache_dir, pdfs=True)
    return plugin, SiteBuild(plugin.catalog, plugin.lang, options)


def shard_site(builds: list[LanguageBuild], spec: ShardSpec, out_dir: Path) -> dict[str, Any]:
    """Render shard `spec` of every language's PDFs and exports into `out_dir`, with its
    manifest; returns the manifest's languages."""
    from .errors import RenderError
    from .output.shards import write_manifest

    out_dir = out_dir.resolve()
    started = time.time()
    languages: dict[str, Any] = {}
    for item in builds:
        logging.getLogger("mkdocs").info(
            f"shard {spec}: '{item.lang}' from {item.config_file.name}"
        )
        plugin, build = _plugin_build(item, out_dir)
        try:
            languages[item.lang] = build.render_share(spec, out_dir)
        except RenderError as exc:
            raise BuildError(str(exc)) from None
        finally:
            build.close()
            plugin.on_shutdown()
            gc.collect()
    write_manifest(out_dir, spec, languages)
    # what a folder restored from CI's cache holds of earlier runs (changed roles, another
    # share) would otherwise travel to the merge and back into the cache, run after run
    prune([out_dir / kind for kind in CONTENT_FOLDERS], started)
    return languages


def merge_site(
    builds: list[LanguageBuild], shards: list[Path], site_dir: Path, *, strict: bool = True
) -> int:
    """Put the shards' entries in the build's cache, then build the site from it, rendering
    nothing: a document no shard made is an error. Returns the entries added."""
    from mkdocs.config import load_config

    from .output.shards import ShardError, merge_entries, read_manifests

    try:
        manifests = read_manifests([s.resolve() for s in shards])
    except ShardError as exc:
        raise BuildError(str(exc)) from None
    langs = {lang for m in manifests for lang in m.get("languages", {})}  # type: ignore[attr-defined]
    wanted = {b.lang for b in builds}
    if langs != wanted:
        raise BuildError(
            f"the shards hold languages {sorted(langs)}, the site builds {sorted(wanted)}"
        )
    added = 0
    caches = set()
    for item in builds:
        cache_dir = _cache_dir(load_config(config_file=str(item.config_file)))
        if cache_dir is not None:
            caches.add(cache_dir)
    for cache_dir in sorted(caches):
        added += merge_entries([s.resolve() for s in shards], cache_dir)
    build_site(builds, site_dir, pdf=True, strict=strict, render_missing=False)
    return added
