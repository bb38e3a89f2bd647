"""Train the HTML block extension (``segment/htmlextend.py``) on the training sites' pages.

Each training-site page of ``../shared/datasets/extraction`` goes through ``segment_html`` as
``parallax extract`` runs it (the shipped paragraph filter included); what the extension would
see (title, kept paragraphs, the page's link texts and visible blocks, the texts it must not add)
is recorded there, so training and runtime read the same candidates and features. A candidate
block is article text when at least half of its word 4-grams are in the gold (under four words:
its words occur in the gold in a row; ``train_html_filter.label``). Gradient-boosted trees; the
threshold is chosen on out-of-fold probabilities (five folds by site) by the page F1 of title +
paragraphs with the added blocks. The held-out sites are never read.

    nice .venv/bin/python benchmarks/train_html_extend.py [--oof build/html-extend-oof.json]
"""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Collection
from pathlib import Path
from typing import Any

import numpy as np
from train_html_filter import FOLDS, PARAMS, as_read, final_table, label, out_of_fold, save

from parallax.segment import htmlextend, htmlpage, realpages
from parallax.segment.render import Block

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "datasets" / "extraction"
OUT = ROOT / "src" / "parallax" / "segment" / "data" / "html-blocks-v1.json"
THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7)


class _Recorder:
    """Stands in for the extension inside ``segment_html``: records what it is shown."""

    def __init__(self) -> None:
        self.seen: tuple[str, list[str], set[str], list[Block], set[str], list[str]] | None \
            = None

    def extend(self, title: str, paragraphs: list[str], anchors: set[str],
               visible: list[Block], skip: Collection[str],
               marks: Collection[str] = ()) -> list[str]:
        self.seen = (title, list(paragraphs), set(anchors), list(visible), set(skip),
                     list(marks))
        return paragraphs


def collect(pages: list[realpages.RealPage], reach: int = htmlextend.REACH
            ) -> list[dict[str, Any]]:
    """One row per page: what the extension is shown there and its candidates within
    ``reach`` blocks of the kept span (a longer reach than the model's lets a harness compare
    reaches on one collection: ``outside_by`` says how far out each candidate lies)."""
    recorder = _Recorder()
    htmlpage.default_extender = lambda: recorder  # type: ignore[assignment]
    rows = []
    folder = Path(tempfile.mkdtemp(prefix="parallax-html-extend-"))
    for page in pages:
        recorder.seen = None
        seg = htmlpage.segment_html(as_read(page, folder))
        # without an extension (no tree, no paragraph) ``segment_html``'s own output is final
        row: dict[str, Any] = {"site": page.site, "gold": page.gold, "title": seg.title,
                               "paragraphs": seg.paragraphs, "final": True, "at": [],
                               "cand": [], "x": np.zeros((0, len(htmlextend.NAMES))), "y": []}
        if recorder.seen is not None:
            title, paragraphs, anchors, visible, skip, marks = recorder.seen
            # what the extension saw: the end-of-post cut and the title check come after it
            row.update(title=title, paragraphs=paragraphs, final=False,
                       page_title=seg.visible[0])
            at, cand = htmlextend.candidates(title, paragraphs, visible, skip, marks, reach)
            if cand:
                gold = realpages.shingles(realpages.words(page.gold))
                gold_words = f" {' '.join(realpages.words(page.gold))} "
                row.update(at=at, cand=cand, blocks=visible,
                           x=htmlextend.features(at, cand, visible, anchors),
                           y=[label(visible[k].text, gold, gold_words) for k in cand])
        rows.append(row)
    return rows


def page_text(row: dict[str, Any], add: list[int]) -> str:
    """Title and article as ``segment_html`` returns them with the blocks ``add`` put back:
    the positions are the uncut paragraphs', the end-of-post cut and the title check run after
    the extension (``htmlpage.finish_article``), as at runtime."""
    title, paragraphs = row["title"], row["paragraphs"]
    if not row["final"]:
        if add:
            paragraphs = htmlextend.assemble(paragraphs, row["at"], row["blocks"], add)
        title, paragraphs, _ = htmlpage.finish_article(title, paragraphs, row["page_title"])
    return "\n".join([title, *paragraphs])


def page_f1(rows: list[dict[str, Any]], probs: list[np.ndarray], threshold: float) -> float:
    scores = []
    for row, p in zip(rows, probs, strict=True):
        add = [k for k, v in zip(row["cand"], p, strict=True) if v >= threshold]
        scores.append(realpages.shingle_prf(page_text(row, add), row["gold"])[2])
    return float(np.mean(scores))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--oof", type=Path, help="write out-of-fold tables per fold here")
    parser.add_argument("--out", type=Path, default=OUT, help="the model file to write")
    args = parser.parse_args()
    pages = [p for p in realpages.load(DATA) if p.split == "train"]
    rows = collect(pages)
    probs, tables = out_of_fold(rows, fill=0.0)
    base = page_f1(rows, probs, 2.0)
    by_threshold = {t: page_f1(rows, probs, t) for t in THRESHOLDS}
    best = max(by_threshold, key=lambda t: by_threshold[t])
    print(f"{len(rows)} pages, {sum(len(r['y']) for r in rows)} candidates "
          f"({sum(sum(r['y']) for r in rows)} article); out of fold by site: F1 {base:.4f} "
          "unextended, " + ", ".join(f"{t}: {v:.4f}" for t, v in by_threshold.items())
          + f"; chosen {best}")
    table = final_table(rows, probe_rows=300)
    model = {"names": list(htmlextend.NAMES), "threshold": best, "trees": table,
             "cv": {"folds": FOLDS, "unextended": round(base, 4),
                    "by_threshold": {str(t): round(v, 4) for t, v in by_threshold.items()}},
             "params": PARAMS, "reach": htmlextend.REACH, "pages": len(rows)}
    save(model, args.out, args.oof, tables)


if __name__ == "__main__":
    main()
