"""Does the text-dump segmenter find an article as well in German (French, Russian, ...) as in
English? Real furniture around real news prose, one language at a time
(``parallax.segment.transplant`` says how and why). Writes build/language-transplant.json.

    nice .venv/bin/python benchmarks/eval_language_transplant.py [--split heldout] [--limit 150]
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from parallax.segment import realpages, transplant
from parallax.segment.render import RENDERINGS

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "datasets"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", default="heldout", choices=("heldout", "train"))
    parser.add_argument("--limit", type=int, default=150)
    parser.add_argument("--shapes", default=",".join(RENDERINGS))
    parser.add_argument("--languages", default=",".join(transplant.LANGUAGES))
    parser.add_argument("--out", default=str(ROOT / "build" / "language-transplant.json"))
    args = parser.parse_args()
    languages = tuple(x for x in args.languages.split(",") if x)
    shapes = tuple(x for x in args.shapes.split(",") if x)
    pages = [p for p in realpages.load(DATA / "extraction") if p.split == args.split]
    random.Random(16).shuffle(pages)
    scores = transplant.evaluate(pages, DATA / "semeval2023-task3", languages, shapes,
                                 args.limit)
    report = {"split": args.split, "pages": scores.pages,
              "f1": {lang: {shape: round(scores.mean(lang, shape), 4) for shape in shapes}
                     for lang in languages},
              "mean": {lang: round(scores.mean(lang), 4) for lang in languages},
              "rejected": {lang: scores.rejected[lang] for lang in languages}}
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(report, indent=1), encoding="utf-8")
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
