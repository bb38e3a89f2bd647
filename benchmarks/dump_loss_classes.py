"""Where the training sites' text dumps lose article F1, by error class (``segment/losseval.py``).

Each training-site page is rendered in the four dump shapes (the title line as
``realeval.with_title``), read through the ``parallax extract --json`` path
(``realeval.extract_files``) and its loss split into classes; the table gives each class's
site-weighted points of F1 lost per rendering and how many dumps lose 0.05 or more to it.
Training sites only: the error analysis chooses what to change, so it never reads the held-out
part. With ``--folds`` (``train_line_model.py``'s fold trees, ``{"trees": {"0": ..., "1": ...}}``)
and ``--choosers PREFIX`` (``PREFIX-0.json``, ``PREFIX-1.json``: region choosers trained on those
folds' out-of-fold probabilities) each page is read by the fold that never saw its site, what a
new site gets; without them the shipped models read their own training pages (optimistic).

    OMP_NUM_THREADS=1 nice .venv/bin/python benchmarks/dump_loss_classes.py [--every 4] \
        [--folds build/folds.json --choosers build/chooser] [--json build/loss-classes.json]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path

from parallax.segment import linemodel, realeval, realpages, regions, textdump
from parallax.segment.losseval import loss_classes, site_weighted
from parallax.segment.render import RENDERINGS, page_blocks, render
from parallax.segment.trees import from_dict as trees_from_dict
from parallax.settings import Config

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "datasets" / "extraction"
#: the classes as the twenty-ninth session's table groups them (docs/segmentation.md)
GROUPS = {
    "kept after the article (teasers, bios, footers, threads)": ("kept after",
                                                                 "comments kept"),
    "missed tail (the article's end cut)": ("missed tail",),
    "hole: gold lines dropped inside the answer": ("hole",),
    "kept inside the article (captions, ads, share lines)": ("kept inside",),
    "kept before the article (bylines, menus, teasers)": ("kept before",),
    "missed head / lede": ("missed head",),
    "wrong region (no gold of the main run kept)": ("wrong region",),
    "rejected": ("rejected",),
    "gold not in the dump (the gold's own joins, text not shown)": ("gold not in dump",),
    "gold far from its main run (a repeated title, a remote block)": ("gold far",),
    "title line / joined lines": ("title line", "joined lines"),
}


def group_of(name: str) -> str:
    return next(g for g, prefixes in GROUPS.items() if name.startswith(prefixes))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--every", type=int, default=1, help="every Nth training page")
    parser.add_argument("--folds", type=Path)
    parser.add_argument("--choosers", type=str)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    shipped = linemodel.default_model()
    fold_models = {}
    if args.folds and shipped is not None:
        trees = json.loads(args.folds.read_text())["trees"]
        for k in (0, 1):
            chooser = shipped.regions if not args.choosers else regions.from_dict(
                json.loads(Path(f"{args.choosers}-{k}.json").read_text()))
            fold_models[k] = replace(shipped, trees=trees_from_dict(trees[str(k)]),
                                     regions=chooser)
    current = {"model": shipped}
    textdump.default_model = lambda: current["model"]  # type: ignore[assignment]
    pages = realpages.of_split(DATA, "train")[::args.every]
    rows: dict[str, list[tuple[str, float, dict[str, float]]]] = {s: [] for s in RENDERINGS}
    config = Config()
    with tempfile.TemporaryDirectory(prefix="parallax-loss-") as tmp:
        for n, page in enumerate(pages):
            if fold_models:
                current["model"] = fold_models[realpages.fold_of(page.site + "#cv") % 2]
            title, blocks = page_blocks(page.html)
            for shape in RENDERINGS:
                dump = render(title, blocks, shape, with_title=realeval.with_title(page))
                path = Path(tmp) / f"{n}-{shape}.txt"
                path.write_text(dump, encoding="utf-8")
                found = realeval.extract_files([path], config) or [{"status": "rejected"}]
                path.unlink()
                main_article = realeval.main_article(found[0])
                got_title = str((main_article or {}).get("title") or "")
                body = str((main_article or {}).get("text") or "")
                f1 = realpages.shingle_prf(f"{got_title}\n{body}", page.gold)[2]
                rows[shape].append((page.site, f1, loss_classes(
                    dump, got_title, body, page.gold, page.comments,
                    rejected=main_article is None)))
    table: dict[str, dict[str, object]] = {}
    print(f"{len(pages)} training pages; points of F1 x 100 lost, site-weighted "
          "(dumps losing >= 0.05)")
    for shape, items in rows.items():
        f1, points = site_weighted(items)
        grouped: dict[str, float] = defaultdict(float)
        for name, value in points.items():
            grouped[group_of(name)] += value
        heavy: Counter[str] = Counter()
        for _, _, classes in items:
            by_group: dict[str, float] = defaultdict(float)
            for name, share in classes.items():
                by_group[group_of(name)] += share
            heavy.update(g for g, share in by_group.items() if share >= 0.05)
        table[shape] = {"f1": round(f1, 5),
                        "points": {g: round(v, 3) for g, v in grouped.items()},
                        "dumps": dict(heavy),
                        "classes": {k: round(v, 3) for k, v in points.items()}}
        print(f"== {shape}: site-weighted F1 {f1:.4f}")
        for group in GROUPS:
            print(f"  {grouped[group]:5.2f}  ({heavy[group]:3d})  {group}")
    if args.json:
        args.json.write_text(json.dumps(table, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
