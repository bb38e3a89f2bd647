"""Train the text-dump headline check (``segment/data/title-check-v1.json``, ``titlecheck.py``).

Data: the training sites of ``../shared/datasets/extraction`` (held-out sites are never read
here), each page rendered one block per line, with and without the page-title line on top, and
segmented by ``segment_text`` with the check switched off. A dump counts when its page has a
reference headline (``titleeval.references``) and its main article a title the first line does
not confirm (``titlecheck.confirmed_by_first_line``: those are never judged); the label is
whether that title is right (``titleeval.verdict``). Method: standardised L2 logistic
regression over ``titlecheck.NAMES``; out-of-fold probabilities (5 folds grouped by site) show
what each threshold removes, then one fit on all rows, written with the scaling folded into
the weights.

    nice .venv/bin/python benchmarks/train_title_check.py [--threshold 0.4]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from unittest import mock

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from sklearn.preprocessing import StandardScaler

from parallax.segment import realpages, titlecheck, titleeval
from parallax.segment.lines import read_lines
from parallax.segment.render import page_blocks, render
from parallax.segment.textdump import segment_text
from parallax.segment.unwrap import unwrap

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "datasets" / "extraction"
OUT = ROOT / "src" / "parallax" / "segment" / "data" / "title-check-v1.json"


def rows(shape: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Features, labels (right), sites and variants (1: title line on top) of the judged dumps."""
    x, y, groups, variant = [], [], [], []
    with mock.patch.object(titlecheck, "shown_title", lambda title, *_: title):
        for page in realpages.of_split(DATA, "train"):
            refs = titleeval.references(page.html, page.gold)
            if not refs:
                continue
            title, blocks = page_blocks(page.html)
            for on_top in (False, True):
                dump = render(title, blocks, shape, with_title=on_top)
                lines = read_lines(unwrap(dump))
                seg = segment_text(dump)
                main = next((a for a in seg.articles if a.role == "main"), None)
                if main is None or not main.title \
                        or titlecheck.confirmed_by_first_line(main.title, lines, seg.trace):
                    continue
                x.append(titlecheck.features(main.title, main.paragraphs, lines, seg.trace))
                y.append(titleeval.verdict(main.title, refs) == "right")
                groups.append(page.site)
                variant.append(int(on_top))
    return np.array(x), np.array(y), np.array(groups), np.array(variant)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--threshold", type=float, default=0.4)
    parser.add_argument("--shape", default="lines")
    args = parser.parse_args()
    started = time.time()
    x, y, groups, variant = rows(args.shape)
    print(f"{len(y)} judged titles ({y.mean():.3f} right) in {time.time() - started:.0f}s")
    oof = np.zeros(len(y))
    for train, test in GroupKFold(5).split(x, y, groups):
        scaler = StandardScaler().fit(x[train])
        fitted = LogisticRegression(max_iter=1000).fit(scaler.transform(x[train]), y[train])
        oof[test] = fitted.predict_proba(scaler.transform(x[test]))[:, 1]
    for threshold in (0.3, 0.35, 0.4, 0.45, 0.5):
        drop = oof < threshold
        parts = [f"{name}: wrong -{(drop & ~y & (variant == k)).sum()} of "
                 f"{(~y & (variant == k)).sum()}, right -{(drop & y & (variant == k)).sum()} "
                 f"of {(y & (variant == k)).sum()}"
                 for k, name in ((0, "no title line"), (1, "title line on top"))]
        print(f"  out of fold, threshold {threshold:.2f}: " + " | ".join(parts))
    scaler = StandardScaler().fit(x)
    fitted = LogisticRegression(max_iter=1000).fit(scaler.transform(x), y)
    weights = fitted.coef_[0] / scaler.scale_
    bias = float(fitted.intercept_[0] - (weights * scaler.mean_).sum())
    OUT.write_text(json.dumps({"names": list(titlecheck.NAMES),
                               "weights": [round(float(w), 6) for w in weights],
                               "bias": round(bias, 6), "threshold": args.threshold,
                               "rows": len(y), "shape": args.shape}, indent=1) + "\n",
                   encoding="utf-8")
    for name, w in zip(titlecheck.NAMES, fitted.coef_[0], strict=True):
        print(f"  {name:28s} {w:+.2f} (standardised)")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
