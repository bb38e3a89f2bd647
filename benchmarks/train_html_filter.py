"""Train the HTML paragraph filter (``segment/htmlfilter.py``) on the training sites' pages.

Each training-site page of ``../shared/datasets/extraction`` goes through ``segment_html`` as
``parallax extract`` runs it; the paragraphs the filter would see (after the comments cut), the
page's link texts and visible blocks are recorded there, so training and runtime read the same
rows. A paragraph is article text when at least half of its word 4-grams are in the gold (a
paragraph of under four words: when its words occur in the gold in a row). Gradient-boosted
trees; the threshold is chosen on out-of-fold probabilities (five folds by site) by the page F1
of title + kept paragraphs against the gold. The held-out sites are never read.

    nice .venv/bin/python benchmarks/train_html_filter.py [--oof build/html-filter-oof.json]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier

from parallax.ingest.sources import read_inputs
from parallax.records import RawDocument
from parallax.segment import htmlfilter, htmlpage, realpages
from parallax.segment.render import Block
from parallax.segment.trees import from_dict as trees_from_dict
from parallax.segment.trees import from_sklearn
from parallax.settings import Config

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "datasets" / "extraction"
OUT = ROOT / "src" / "parallax" / "segment" / "data" / "html-paragraphs-v1.json"
FOLDS = 5
THRESHOLDS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)
PARAMS = {"max_iter": 100, "max_depth": 4, "learning_rate": 0.1, "random_state": 0}


class _Recorder:
    """Stands in for the filter inside ``segment_html``: records what it is shown."""

    def __init__(self) -> None:
        self.seen: tuple[list[str], set[str], list[Block]] | None = None

    def keep(self, paragraphs: list[str], anchors: set[str], visible: list[Block]) -> list[bool]:
        self.seen = (list(paragraphs), set(anchors), list(visible))
        return [True] * len(paragraphs)


def label(paragraph: str, gold: Any, gold_words: str) -> int:
    tokens = realpages.words(paragraph)
    if not tokens:
        return 1
    if len(tokens) < 4:
        return int(f" {' '.join(tokens)} " in gold_words)
    own = realpages.shingles(tokens)
    return int(sum((own & gold).values()) / sum(own.values()) >= 0.5)


def as_read(page: realpages.RealPage, folder: Path) -> str:
    """The page's text as ``parallax extract`` reads it from a file (the reader decodes by the
    page's declared charset: for ~3 % of pages not the text ``realpages`` decoded)."""
    path = folder / "page.html"
    path.write_text(page.html, encoding="utf-8")
    item = next(iter(read_inputs([str(path)], Config())))
    return item.text if isinstance(item, RawDocument) else page.html


def collect(pages: list[realpages.RealPage]) -> list[dict[str, Any]]:
    recorder = _Recorder()
    htmlpage.default_filter = lambda: recorder  # type: ignore[assignment]
    rows = []
    folder = Path(tempfile.mkdtemp(prefix="parallax-html-filter-"))
    for page in pages:
        recorder.seen = None
        seg = htmlpage.segment_html(as_read(page, folder))
        nothing: tuple[list[str], set[str], list[Block]] = (seg.paragraphs, set(), [])
        paragraphs, anchors, visible = recorder.seen or nothing
        gold = realpages.shingles(realpages.words(page.gold))
        gold_words = f" {' '.join(realpages.words(page.gold))} "
        rows.append({"site": page.site, "gold": page.gold, "title": seg.title,
                     "paragraphs": paragraphs,
                     "x": htmlfilter.features(paragraphs, anchors, visible),
                     "y": [label(p, gold, gold_words) for p in paragraphs]})
    return rows


def page_f1(rows: list[dict[str, Any]], probs: list[np.ndarray], threshold: float) -> float:
    scores = []
    for row, p in zip(rows, probs, strict=True):
        paragraphs = row["paragraphs"]
        keep = [bool(v >= threshold) for v in p]
        if len(paragraphs) < 2 or sum(len(t) for t, k in zip(paragraphs, keep, strict=True)
                                      if k) < htmlfilter.KEEP_MIN_CHARS:
            keep = [True] * len(paragraphs)
        text = "\n".join([row["title"], *(t for t, k in zip(paragraphs, keep, strict=True)
                                          if k)])
        scores.append(realpages.shingle_prf(text, row["gold"])[2])
    return float(np.mean(scores))


def fit(rows: list[dict[str, Any]]) -> HistGradientBoostingClassifier:
    x = np.vstack([r["x"] for r in rows if r["y"]])
    y = np.concatenate([r["y"] for r in rows if r["y"]])
    return HistGradientBoostingClassifier(**PARAMS).fit(x, y)


def out_of_fold(rows: list[dict[str, Any]], fill: float
                ) -> tuple[list[np.ndarray], dict[int, dict[str, Any]]]:
    """Each row's probabilities from the fold (five, by site) that did not train on its site,
    and each fold's tree table; a row with nothing to score keeps ``fill``. Shared with
    ``train_html_extend.py``: both HTML models are chosen the same way."""
    fold = [realpages.fold_of(r["site"] + "html") % FOLDS for r in rows]
    probs = [np.full(len(r["y"]), fill) for r in rows]
    tables = {}
    for k in range(FOLDS):
        table = from_sklearn(fit([r for r, f in zip(rows, fold, strict=True) if f != k]))
        trees = trees_from_dict(table)
        tables[k] = table
        for i, r in enumerate(rows):
            if fold[i] == k and r["y"]:
                probs[i] = trees.probabilities(r["x"])
    return probs, tables


def final_table(rows: list[dict[str, Any]], probe_rows: int) -> dict[str, Any]:
    """The trees fitted on every training site, as the table ``trees.from_dict`` reads, checked
    against scikit-learn's own probabilities on the first ``probe_rows`` rows."""
    clf = fit(rows)
    table = from_sklearn(clf)
    probe = np.vstack([r["x"] for r in rows[:probe_rows] if r["y"]])
    gap = np.abs(trees_from_dict(table).probabilities(probe) - clf.predict_proba(probe)[:, 1])
    assert gap.max() < 1e-6, f"tree tables disagree with scikit-learn by {gap.max()}"
    return table


def save(model: dict[str, Any], out: Path, oof: Path | None,
         tables: dict[int, dict[str, Any]]) -> None:
    """Write the model (and, when asked, each fold's tables with the chosen threshold)."""
    out.write_text(json.dumps(model, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {out} ({out.stat().st_size // 1024} KB)")
    if oof:
        oof.write_text(json.dumps({"fold_of": "fold_of(site + 'html') % 5",
                                   "threshold": model["threshold"], "tables": tables}),
                       encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--oof", type=Path, help="write out-of-fold tables per fold here")
    parser.add_argument("--out", type=Path, default=OUT, help="the model file to write")
    args = parser.parse_args()
    pages = [p for p in realpages.load(DATA) if p.split == "train"]
    rows = collect(pages)
    probs, tables = out_of_fold(rows, fill=1.0)
    base = page_f1(rows, probs, -1.0)
    by_threshold = {t: page_f1(rows, probs, t) for t in THRESHOLDS}
    best = max(by_threshold, key=lambda t: by_threshold[t])
    print(f"{len(rows)} pages, {sum(len(r['y']) for r in rows)} paragraphs; out of fold by "
          f"site: F1 {base:.4f} unfiltered, " + ", ".join(
              f"{t}: {v:.4f}" for t, v in by_threshold.items()) + f"; chosen {best}")
    table = final_table(rows, probe_rows=200)
    model = {"names": list(htmlfilter.NAMES), "threshold": best, "trees": table,
             "cv": {"folds": FOLDS, "unfiltered": round(base, 4),
                    "by_threshold": {str(t): round(v, 4) for t, v in by_threshold.items()}},
             "params": PARAMS, "pages": len(rows)}
    save(model, args.out, args.oof, tables)


if __name__ == "__main__":
    main()
