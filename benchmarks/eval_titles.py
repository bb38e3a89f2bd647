"""Headlines of real pages, end to end: title right / wrong / none per text-dump rendering (with
and without the page-title line on top) and for HTML, next to trivial baselines (the first
line; the longest of the first five lines). The reference headline comes from the page's own
HTML (``titleeval.references``). Writes ``build/titles-<split>.json``.

Why: the body's shingle F1 hardly sees a wrong headline, but every listing of a story shows it
(docs/segmentation.md, "Titles, twelfth session").

    nice .venv/bin/python benchmarks/eval_titles.py [--split heldout] [--limit N] [--no-html]
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import asdict
from pathlib import Path

from parallax.segment import realpages, titleeval

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "datasets" / "extraction"


def main() -> None:
    parser = argparse.ArgumentParser()
    realpages.add_selection(parser)
    parser.add_argument("--no-html", action="store_true")
    args = parser.parse_args()
    pages, shapes = realpages.selection(args, DATA)
    started = time.time()
    scores = titleeval.evaluate(pages, shapes, html=not args.no_html)
    elapsed = time.time() - started
    table = titleeval.table(scores)
    out = ROOT / "build" / f"titles-{args.split}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"split": args.split, "pages": len(pages),
                               "with_reference": len({(s.corpus, s.page) for s in scores}),
                               "seconds": round(elapsed, 1), "by_shape": table,
                               "scores": [asdict(s) for s in scores]}, indent=1),
                   encoding="utf-8")
    print(f"{len(pages)} pages ({len({(s.corpus, s.page) for s in scores})} with a reference "
          f"headline) in {elapsed:.0f}s")
    for shape, row in table.items():
        print(f"  {shape:30s} n={row['pages']:4d} right {row['right']:.3f} "
              f"wrong {row['wrong']:.3f} none {row['none']:.3f}")


if __name__ == "__main__":
    main()
