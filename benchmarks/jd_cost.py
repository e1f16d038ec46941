"""The one-process cost of a formal job description: Rolebook's layout against bare WeasyPrint on
the same print HTML, in one process, each the best of several rounds over the shipped roles.

    python benchmarks/jd_cost.py [--rounds 4]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    from weasyprint import HTML

    from generator.checks import load_catalog
    from generator.documents.registry import build_context, kind
    from generator.output.cache import ASSETS
    from generator.output.pdf import layout_pdf
    from generator.render.printing import PdfSettings

    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args()
    cat = load_catalog(REPO / "roles")
    ctx = build_context(cat, cat.default_language)
    docs = [kind("job").print_document(ctx, (r,), cat.roles[r]) for r in sorted(cat.roles)]

    def bare(html: str) -> None:
        HTML(string=html, base_url=ASSETS.as_uri() + "/").write_pdf(
            pdf_variant="pdf/ua-1", custom_metadata=True
        )

    bare(docs[0].html)
    layout_pdf(docs[0], PdfSettings())  # imports, fonts and the shared stylesheet
    best = {"bare_weasyprint_s": 1e9, "rolebook_s": 1e9}
    for _ in range(args.rounds):
        started = time.perf_counter()
        for doc in docs:
            bare(doc.html)
        best["bare_weasyprint_s"] = min(best["bare_weasyprint_s"], time.perf_counter() - started)
        started = time.perf_counter()
        for doc in docs:
            layout_pdf(doc, PdfSettings())
        best["rolebook_s"] = min(best["rolebook_s"], time.perf_counter() - started)
    result = {key: round(value / len(docs), 3) for key, value in best.items()}
    result["documents"] = len(docs)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
