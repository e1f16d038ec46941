"""A checked catalog kept in the build's cache folder, as JSON, keyed on everything reading it
depends on: a build of unchanged roles (the second language of `rolebook build`, a serve rebuild
after a docs edit, a CI run with its cache restored) validates the JSON instead of parsing,
resolving and checking every role again (a sixth of the time).

JSON, not pickle: the cache folder may come from elsewhere (a CI cache), and what is read back
is validated by the same models as a role file, so it can hold wrong text at worst, as a cached
PDF could, and never run code."""

from __future__ import annotations

import gc
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import IO, Any

from .catalog import Catalog
from .checks import check_catalog
from .errors import Diagnostic, Location, Severity, display_path
from .load import Source, collector_paused
from .model import (
    Competency,
    Family,
    OnboardingFile,
    Organisation,
    Role,
    Scale,
    TrainingItem,
    validation_context,
)

FORMAT = 1
PACKAGE = Path(__file__).resolve().parent


@cache
def _code_digest() -> str:
    """This Rolebook's loading and checking code, and the libraries that shape the models."""
    h = hashlib.sha256(f"{FORMAT}".encode())
    for name in ("pydantic", "pydantic-core", "PyYAML", "markdown-it-py"):
        h.update(f"\0{name} {metadata.version(name)}".encode())
    for path in sorted(PACKAGE.rglob("*.py")):
        h.update(f"\0{path.relative_to(PACKAGE).as_posix()}\0".encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def folder_key(root: Path) -> str:
    """Everything reading a roles folder depends on: the code, the name the folder is shown by
    in messages, and every file in it with its bytes (a checkout changes times, not contents)."""
    h = hashlib.sha256(f"{_code_digest()}\0{display_path(root)}".encode())
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        h.update(f"\0{path.relative_to(root).as_posix()}\0".encode())
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def write_packed(file: IO[str], cat: Catalog, diagnostics: list[Diagnostic]) -> None:
    """A checked catalog (and what checking it said) as JSON, written piece by piece: each model
    writes its own JSON (pydantic's serializer), so that no copy of the whole is ever in memory
    beside the checked catalog (at 1,000 roles, Python dicts and joined strings of it were
    250 MB on top of the catalog's 880)."""

    def models(key: str, items: Any) -> None:
        file.write(f',"{key}":[')
        for number, item in enumerate(items):
            file.write("," * (number > 0) + item.model_dump_json(by_alias=True))
        file.write("]")

    file.write(f'{{"format":{FORMAT},"organisation":')
    file.write(cat.organisation.model_dump_json(by_alias=True))
    for key in ("scales", "competencies", "families", "training"):
        models(key, getattr(cat, key).values())
    file.write(',"onboarding":' + cat.onboarding.model_dump_json(by_alias=True))
    models("roles", cat.roles.values())
    sources = {k: [str(s.path), s.display] for k, s in cat.sources.items()}
    file.write(',"sources":' + json.dumps(sources, ensure_ascii=False))
    file.write(',"files":' + json.dumps({k: str(p) for k, p in cat.files.items()}))
    file.write(',"diagnostics":' + json.dumps([d.as_dict() for d in diagnostics]) + "}")


def unpack(text: str, root: Path) -> tuple[Catalog, list[Diagnostic]]:
    """The catalog that `write_packed` wrote, validated by the models again; raises ValueError (or a
    pydantic ValidationError, which is one) when the text is not such a catalog."""
    with collector_paused():
        return _unpack(json.loads(text), root)


def _unpack(data: Any, root: Path) -> tuple[Catalog, list[Diagnostic]]:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError("not a packed catalog of this format")
    org = Organisation.model_validate(
        data["organisation"], context=validation_context(["nl", "en"], "nl")
    )
    context = validation_context(list(org.languages), org.default_language)

    def each(model: type[Any], key: str) -> dict[str, Any]:
        items = [model.model_validate(x, context=context) for x in data[key]]
        return {item.id: item for item in items}

    cat = Catalog(
        root=root,
        organisation=org,
        scales=each(Scale, "scales"),
        competencies=each(Competency, "competencies"),
        families=each(Family, "families"),
        training=each(TrainingItem, "training"),
        onboarding=OnboardingFile.model_validate(data["onboarding"], context=context),
        roles=each(Role, "roles"),
        sources={k: Source(Path(p), d, {}) for k, (p, d) in data["sources"].items()},
        files={k: Path(p) for k, p in data["files"].items()},
    )
    diagnostics = [
        Diagnostic(
            Location(str(d["path"]), int(d["line"]), int(d["col"])),
            Severity(d["severity"]),
            str(d["message"]),
            d.get("hint"),
        )
        for d in data["diagnostics"]
    ]
    return cat, diagnostics


def _read(entry: Path, root: Path) -> tuple[Catalog, list[Diagnostic]] | None:
    try:
        return unpack(entry.read_text(encoding="utf-8"), root)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        entry.unlink(missing_ok=True)  # damaged or of another version: made again below
        return None


def load_for_rendering(
    root: Path, cache_dir: Path | None = None
) -> tuple[Catalog | None, list[Diagnostic]]:
    """`check_catalog` for a build that renders and keeps the catalog to the end: without the
    sources' diagnostic data, and laid out densely in memory. Loading leaves the models
    scattered between the freed parse data, in blocks that Python cannot give back while one
    object in them lives (at 1,000 roles the catalog took 600 MB for 300 MB of models); the copy
    made from the packed JSON, once the scattered original is gone, is dense.

    With a `cache_dir`, the packed catalog is kept there (`catalog/KEY.json`, the newest one
    only) and a build of the same files reads it instead of checking the roles again. A catalog
    with errors is not kept: its messages need the sources' positions."""
    if not root.is_dir():
        return check_catalog(root)[:2]
    folder = cache_dir / "catalog" if cache_dir is not None else None
    key = folder_key(root)
    if folder is not None:
        known = _read(folder / f"{key}.json", root)
        if known is not None:
            return known
    cat, diagnostics, _ = check_catalog(root)
    if cat is None:
        return None, diagnostics
    with _packed_file(folder) as (file, keep):
        write_packed(file, cat, diagnostics)
        del cat
        gc.collect()
        file.seek(0)
        dense, _ = unpack(file.read(), root)
        keep(f"{key}.json")
    return dense, diagnostics


@contextmanager
def _packed_file(folder: Path | None) -> Iterator[tuple[IO[str], Callable[[str], None]]]:
    """A file to pack a catalog into: in the cache folder, where `keep(name)` makes it the one
    entry (whole or not at all: a build killed halfway leaves no half entry), or, without a cache
    folder or where it cannot be written, a temporary file."""
    made: Path | None = None
    try:
        if folder is None:
            raise OSError("no cache folder")
        folder.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".json")
        made = Path(name)
        file: IO[str] = os.fdopen(fd, "w+", encoding="utf-8")
    except OSError:  # a read-only cache folder: the next build checks the roles again
        file = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115 (closed below)

    def keep(entry: str) -> None:
        nonlocal made
        if made is None or folder is None:
            return
        file.flush()
        try:
            for old in folder.glob("*.json"):  # the one before, and any a killed build left
                if old.name != made.name:
                    old.unlink(missing_ok=True)
            os.replace(made, folder / entry)
            made = None
        except OSError:
            pass

    try:
        with file:
            yield file, keep
    finally:
        if made is not None:
            made.unlink(missing_ok=True)
