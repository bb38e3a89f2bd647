"""Outlets read from real text dumps: how often the outlet a dump gives is the page's real site.

Why: a text dump carries no metadata, so its outlet is read off header lines (``header.py``,
checked by ``outlet.py``); the comparison view and the story page group articles by outlet, and
a wrong outlet is a wrong label a reader acts on. The fictional gold set cannot say how often
that label is right on real pages; this does. Evidence of each page's site and the match rule:
``segment/outleteval.py``.

Each page is rendered into the four dump shapes (``render.py``, the title line on half the
pages as in ``realeval``) and run through the ``parallax extract --json`` path
(``realeval.extract_files``); the main article's ``outlet`` is scored: given, right, wrong,
next to two trivial baselines (never give one: nothing shown; always the dump's first line).
``--unconfirmed`` shows every outlet the header gives (the code before ``outlet.py``).

    nice .venv/bin/python benchmarks/eval_outlets.py --split train [--limit N] [--dump FILE]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from parallax.segment import realpages
from parallax.segment.outleteval import run, summary

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "datasets" / "extraction"


def main() -> None:
    parser = argparse.ArgumentParser()
    realpages.add_selection(parser, split="train")
    parser.add_argument("--dump", help="write every row (page names, outlets) here as JSON")
    parser.add_argument("--unconfirmed", action="store_true",
                        help="the outlets before outlet.py (every header outlet shown)")
    args = parser.parse_args()
    if args.unconfirmed:
        from parallax.segment import decoder

        decoder.confirmed = lambda outlet, lines: outlet
    pages, shapes = realpages.selection(args, DATA)
    started = time.time()
    rows = run(pages, shapes)
    table = summary(rows)
    print(f"{len(pages)} {args.split} pages of {len({p.site for p in pages})} sites, "
          f"{time.time() - started:.0f}s")
    for name, row in table.items():
        print(f"  {name:11s} dumps {row['dumps']:5d} given {row['given']:5d} right "
              f"{row['right']:5d} wrong {row['wrong']:5d} precision {row['precision']:.3f} "
              f"right/dumps {row['coverage_right']:.3f}  without <title> evidence: right "
              f"{row['right_strict']:5d} precision {row['precision_strict']:.3f}  first line "
              f"right {row['first_line_precision']:.3f}")
    if args.dump:
        Path(args.dump).write_text(json.dumps({"summary": table, "rows": rows}, indent=0),
                                   encoding="utf-8")


if __name__ == "__main__":
    main()
