"""Rolebook's speed against its baselines, measured in one process on the same generated content.

    python benchmarks/bench.py            # 100 and 1,000 roles, 40 PDFs (several minutes)
    python benchmarks/bench.py --quick    # 20 and 60 roles, 4 PDFs (under 2 minutes)
    python benchmarks/bench.py --json     # one JSON object instead of the table
    python benchmarks/bench.py --roles 100 400 --documents 20   # any sizes in between

Baselines: bare WeasyPrint (one process, no cache, on the print HTML Rolebook produces, making
the same tagged PDF/UA-1; the default untagged PDF is timed too) and a
bare `mkdocs build` (Material, no plugin) on exactly the Markdown the plugin generates.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import gc
import json
import logging
import os
import platform
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
FAMILY_SIZE = 10

BENCH_CONFIG = """\
site_name: Rolebook benchmark
docs_dir: docs
theme:
  name: material
  language: nl
  font: false
  features: [navigation.tabs, navigation.prune, navigation.indexes]
plugins:
  - search: {lang: nl}
"""


def make_catalog(folder: Path, roles: int) -> Path:
    """A catalog of `roles` roles the size of the shipped accountmanager, in families of ten."""
    root = folder / "roles"
    shutil.copytree(REPO / "roles" / "library", root / "library")
    template = yaml.safe_load((REPO / "roles" / "accountmanager.yml").read_text(encoding="utf-8"))
    families = []
    for number in range(roles):
        family = f"familie-{number // FAMILY_SIZE:04d}"
        role_id = f"functie-{number:05d}"
        data = copy.deepcopy(template)
        data.update(id=role_id, family=family, level=number % FAMILY_SIZE + 1, reports_to=None)
        # the shipped roles it would point at are not in the generated catalog
        for mandate in data.get("mandates", []):
            mandate.pop("approval_by", None)
        data.pop("manages", None)
        data.pop("vacancy", None)
        data["title"] = {lang: f"{text} {number}" for lang, text in data["title"].items()}
        last = number % FAMILY_SIZE == FAMILY_SIZE - 1 or number == roles - 1
        data["career"] = (
            {"next": [], "note": {"nl": "Top.", "en": "Top."}}
            if last
            else {"next": [f"functie-{number + 1:05d}"]}
        )
        (root / f"{role_id}.yml").write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
        if number % FAMILY_SIZE == 0:
            families.append(
                {
                    "id": family,
                    "name": {"nl": f"Familie {family}", "en": f"Family {family}"},
                    "roles": [],
                }
            )
        families[-1]["roles"].append(role_id)
    (root / "library" / "families.yml").write_text(
        yaml.safe_dump({"families": families}, allow_unicode=True), encoding="utf-8"
    )
    return root


def _reset_peak_rss() -> None:
    """Start this process's peak RSS afresh (Linux: VmHWM), so that one build's peak is its own
    and not that of a build before it; elsewhere the peak stays the whole run's."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def _peak_rss_since_reset() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _mkdocs(project: Path, config_text: str, site: Path) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one `mkdocs build`, in this process."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    (project / "mkdocs.yml").write_text(config_text, encoding="utf-8")
    gc.collect()
    _reset_peak_rss()
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="build", dirty=False)
    started = time.perf_counter()
    build(config)
    elapsed = time.perf_counter() - started
    config.plugins.on_shutdown()
    peak = _peak_rss_since_reset()
    del config
    return elapsed, peak


def site_times(work: Path, roles: int, rounds: int = 1, warm: bool = False) -> dict[str, float]:
    """Plugin build and bare build on the same Markdown (seconds, peak RSS), and the pages, for
    one language, PDFs off. With several rounds the two builds alternate and each keeps its
    fastest time: this machine's speed drifts by a quarter over minutes, and alternating lets
    both builds see the same drift. Every plugin build is cold: an empty cache folder. With `warm`,
    each round also builds again with the cache the cold build left (the checked catalog and the
    exports), as a CI run with its cache restored, a serve rebuild after a docs edit or the
    second language of `rolebook build` does."""
    project = work / f"site-{roles}"
    make_catalog(project, roles)
    (project / "docs").mkdir()
    (project / "docs" / "index.md").write_text("# Benchmark\n\n<!-- rolebook:roles -->\n")
    dump = work / f"dump-{roles}"
    plugin = BENCH_CONFIG + f"  - rolebook: {{lang: nl, pdf: false, dump_markdown: {dump}}}\n"
    bare_project = work / f"bare-{roles}"
    plugin_times: list[float] = []
    warm_times: list[float] = []
    bare_times: list[float] = []
    plugin_peak = bare_peak = 0.0
    for _ in range(rounds):
        shutil.rmtree(project / ".rolebook-cache", ignore_errors=True)
        seconds, peak = _mkdocs(project, plugin, work / f"out-plugin-{roles}")
        plugin_times.append(seconds)
        plugin_peak = max(plugin_peak, peak)
        shutil.rmtree(work / f"out-plugin-{roles}")  # 5,000 pages of site at 1,000 roles
        if warm:
            seconds, _ = _mkdocs(project, plugin, work / f"out-plugin-{roles}")
            warm_times.append(seconds)
            shutil.rmtree(work / f"out-plugin-{roles}")
        if not bare_project.exists():
            shutil.copytree(project / "docs", bare_project / "docs")
            shutil.copytree(dump, bare_project / "docs", dirs_exist_ok=True)
            # The same navigation as the plugin build: it decides how much each page carries.
            nav_file = bare_project / "docs" / "nav.yml"
            nav = yaml.safe_load(nav_file.read_text(encoding="utf-8"))
            nav_file.unlink()
            bare_config = BENCH_CONFIG + yaml.safe_dump({"nav": nav}, allow_unicode=True)
        seconds, peak = _mkdocs(bare_project, bare_config, work / f"out-bare-{roles}")
        bare_times.append(seconds)
        bare_peak = max(bare_peak, peak)
        shutil.rmtree(work / f"out-bare-{roles}")
    return {
        "plugin": min(plugin_times),
        "plugin_warm": min(warm_times) if warm_times else 0.0,
        "bare": min(bare_times),
        "pages": len(list((bare_project / "docs").rglob("*.md"))),
        "plugin_peak": plugin_peak,
        "bare_peak": bare_peak,
    }


def pdf_times(work: Path, documents: int) -> dict[str, Any]:
    from weasyprint import HTML

    from generator.checks import load_catalog
    from generator.documents.kind import Document
    from generator.documents.registry import build_context
    from generator.output.cache import ASSETS
    from generator.output.pdfstage import pdf_pool, print_source, render_pdfs
    from generator.output.pool import cores

    root = make_catalog(work / "pdf", documents)
    cat = load_catalog(root)
    ids = list(cat.roles)
    docs = [Document("job", (r,), "nl") for r in ids]
    htmls = [print_source(build_context(cat, "nl"), doc).html for doc in docs]
    HTML(string=htmls[0], base_url=ASSETS.as_uri() + "/").write_pdf()  # warm fonts and imports
    # The baseline makes the same kind of PDF as Rolebook: tagged PDF/UA-1 with its metadata,
    # which costs about 7 % more than WeasyPrint's default untagged PDF (measured too).
    same_output = {"pdf_variant": "pdf/ua-1", "custom_metadata": True}
    started = time.perf_counter()
    for html in htmls:
        HTML(string=html, base_url=ASSETS.as_uri() + "/").write_pdf(**same_output)
    bare = time.perf_counter() - started
    started = time.perf_counter()
    for html in htmls:
        HTML(string=html, base_url=ASSETS.as_uri() + "/").write_pdf()
    untagged = time.perf_counter() - started
    cache = work / "pdf-cache"
    _reset_peak_rss()
    started = time.perf_counter()
    cold = render_pdfs(build_context(cat, "nl"), docs, cache)
    rolebook = time.perf_counter() - started
    peak = max(
        _peak_rss_since_reset(),
        round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
    )
    # As in a build, where the render processes start (and load WeasyPrint, the stylesheet and
    # the fonts) while the pages are generated: the same documents with the pool started first.
    pool = pdf_pool()
    pool.start()
    for future in [pool.submit(time.sleep, 0) for _ in range(pool.workers * 2)]:
        future.result()
    started = time.perf_counter()
    render_pdfs(build_context(cat, "nl"), docs, work / "pdf-cache-pool", pool=pool)
    started_pool = time.perf_counter() - started
    pool.close()
    unchanged = render_pdfs(build_context(cat, "nl"), docs, cache)
    changed_file = root / f"{ids[0]}.yml"
    data = yaml.safe_load(changed_file.read_text(encoding="utf-8"))
    data["summary"]["nl"] += " Gewijzigd."
    changed_file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    one_change = render_pdfs(build_context(load_catalog(root), "nl"), docs, cache)
    return {
        "documents": documents,
        "workers": cores(),
        "bare_weasyprint_s": round(bare, 2),
        "bare_weasyprint_untagged_s": round(untagged, 2),
        "rolebook_cold_s": round(rolebook, 2),
        "pdf_speedup_vs_bare": round(bare / rolebook, 2),
        "pdf_speedup_vs_untagged": round(untagged / rolebook, 2),
        "rolebook_started_pool_s": round(started_pool, 2),
        "pdf_speedup_started_pool": round(bare / started_pool, 2),
        "cold_pdfs_rendered": len(cold.rendered),
        "unchanged_rebuild_pdfs_rendered": len(unchanged.rendered),
        "one_change_pdfs_rendered": len(one_change.rendered),
        "one_change_expected": 1,
        "pdf_stage_peak_rss_mb": peak,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, under 2 minutes")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--roles", nargs=2, type=int, metavar=("SMALL", "LARGE"), help="the two catalog sizes"
    )
    parser.add_argument("--documents", type=int, help="the number of PDFs")
    parser.add_argument("--pdf-only", action="store_true", help="only the PDF stage figures")
    parser.add_argument(
        "--rounds",
        type=int,
        default=2,
        help="alternating plugin/bare builds at the small size, fastest kept (default 2; "
        "the large size builds once)",
    )
    args = parser.parse_args()
    small, large, documents = (20, 60, 4) if args.quick else (100, 1000, 40)
    if args.roles:
        small, large = args.roles
    documents = args.documents or documents
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    sys.path.insert(0, str(REPO))
    with tempfile.TemporaryDirectory(prefix="rolebook-bench-") as tmp:
        work = Path(tmp)
        pdf = pdf_times(work, documents)
        if args.pdf_only:
            print(json.dumps(pdf, indent=None if args.json else 2))
            return
        small_site = site_times(work, small, max(1, args.rounds), warm=True)
        large_site = site_times(work, large)
    plugin_small, plugin_large = small_site["plugin"], large_site["plugin"]
    result = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        **pdf,
        "roles_small": small,
        "roles_large": large,
        "pages_small": small_site["pages"],
        "pages_large": large_site["pages"],
        "plugin_build_small_s": round(plugin_small, 2),
        "bare_build_small_s": round(small_site["bare"], 2),
        "plugin_build_large_s": round(plugin_large, 2),
        "bare_build_large_s": round(large_site["bare"], 2),
        "overhead_ratio": round(plugin_large / large_site["bare"], 3),
        "overhead_ratio_small": round(plugin_small / small_site["bare"], 3),
        "plugin_build_small_warm_s": round(small_site["plugin_warm"], 2),
        "overhead_ratio_small_warm": round(small_site["plugin_warm"] / small_site["bare"], 3),
        "rounds_small": max(1, args.rounds),
        "per_role_growth": round((plugin_large / large) / (plugin_small / small), 3),
        "plugin_build_large_peak_rss_mb": large_site["plugin_peak"],
        "bare_build_large_peak_rss_mb": large_site["bare_peak"],
        # Rolebook's own peak: the larger of its PDF stage and its site build
        "peak_rss_mb": max(pdf["pdf_stage_peak_rss_mb"], large_site["plugin_peak"]),
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    width = max(len(key) for key in result)
    for key, value in result.items():
        print(f"{key:<{width}}  {value}")


if __name__ == "__main__":
    main()
