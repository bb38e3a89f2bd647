"""Held-out real pages, end to end: text dumps in every rendering and HTML, per language, next to
"keep everything" and trafilatura alone (the numbers of docs/quality.md).

Why: the gold set is ours and fictional; these are real pages of sites never trained on
(``realpages`` split by site), scored through the ``parallax extract --json`` path
(``realeval``). Each output is scored twice: the word 4-gram shingle F1 averaged over pages,
and the snippet P/R/F1 of trafilatura's own evaluation (``snippets``: counts summed over the
pages), the metric of issue 16's hidden German benchmark. Writes
``build/issue16-real-pages-<split>.json``.

    nice .venv/bin/python benchmarks/eval_real_pages.py [--split heldout] [--limit N] \
        [--with-site] [--with-store]
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from pathlib import Path

from parallax.segment import realeval, realpages, snippets

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "datasets" / "extraction"


def language_of(text: str) -> str:
    from parallax.enrich.language import LangidIdentifier

    return LangidIdentifier().detect(text) or "?"


def main() -> None:
    parser = argparse.ArgumentParser()
    realpages.add_selection(parser)  # --shapes "" scores HTML alone
    parser.add_argument("--no-html", action="store_true")
    parser.add_argument("--with-site", action="store_true",
                        help="also read each page's dumps with its site's other pages "
                        "(rows with_site:<shape>: the batch's site memory)")
    parser.add_argument("--with-store", action="store_true",
                        help="also ingest each site's dumps one at a time into a fresh store "
                        "(rows with_store:<shape>: the store's site memory)")
    args = parser.parse_args()
    pages, shapes = realpages.selection(args, DATA)
    started = time.time()
    results = realeval.evaluate(pages, shapes, html=not args.no_html)
    if args.with_site:
        results.scores += realeval.evaluate_with_site(pages, shapes).scores
    if args.with_store:
        results.scores += realeval.evaluate_with_store(pages, shapes).scores
    elapsed = time.time() - started
    languages = {(p.corpus, p.name): language_of(p.gold) for p in pages}
    by_lang: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for s in results.scores:
        by_lang[languages.get((s.corpus, s.page), "?")][s.shape].append(s.f)
    table = results.table()
    report = {
        "split": args.split, "pages": len(pages), "sites": len({p.site for p in pages}),
        "seconds": round(elapsed, 1), "by_shape": table,
        "by_corpus": results.table("corpus"),
        "by_language": {lang: {shape: {"pages": len(v), "f1": round(sum(v) / len(v), 4)}
                               for shape, v in shapes.items()}
                        for lang, shapes in sorted(by_lang.items())},
        "snippets": {"by_shape": snippets.table(results.snippets),
                     "by_corpus": snippets.table(results.snippets, "corpus"),
                     "by_language": snippets.table(results.snippets, "group", languages),
                     "site_interval": {shape: snippets.interval(results.snippets, shape)
                                       for shape in snippets.table(results.snippets)}},
        "worst": [[s.shape, s.corpus, s.page, s.site, round(s.f, 3)] for s in sorted(
            (s for s in results.scores if ":" not in s.shape and s.shape != "trafilatura"),
            key=lambda s: s.f)][:40],
    }
    out = ROOT / "build" / f"issue16-real-pages-{args.split}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, indent=1), encoding="utf-8")
    print(f"{len(pages)} pages of {report['sites']} sites in {elapsed:.0f}s")
    for shape, row in table.items():
        print(f"  {shape:22s} P {row['precision']:.3f} R {row['recall']:.3f} "
              f"F1 {row['f1']:.3f}  rejected {row['rejected']}  low {row['low_confidence']}")
    for lang, shapes in report["by_language"].items():
        cells = "  ".join(f"{k}={v['f1']:.3f}" for k, v in shapes.items() if ":" not in k)
        print(f"  [{lang}] n={next(iter(shapes.values()))['pages']} {cells}")
    print("snippets (trafilatura's evaluation: with/without snippets, counts summed)")
    for shape, row in report["snippets"]["by_shape"].items():
        print(f"  {shape:22s} P {row['precision']:.3f} R {row['recall']:.3f} "
              f"F1 {row['f1']:.3f}  acc {row['accuracy']:.3f}  pages {row['pages']} "
              f"(tp {row['tp']} fp {row['fp']} fn {row['fn']} tn {row['tn']}) "
              f"sites 95% {report['snippets']['site_interval'][shape]}")
    for group, row in report["snippets"]["by_language"].items():
        if ":" not in group:
            print(f"  [{group}] pages {row['pages']} F1 {row['f1']:.3f}")


if __name__ == "__main__":
    main()
