"""Train the sibling line model (``segment/data/sibling-lines-v1.json``).

Why: see ``parallax.segment.sitelines_model``. Data: the training sites of
``../shared/datasets/extraction`` with at least two pages (held-out sites are never read),
each rendering of a site's pages read as one batch (``realeval.evaluate_with_site``: chunks of
16, the site memory's siblings). Each dump with siblings gives its lines, the line model's
probabilities from the fold model that never saw its site (out of fold: what a new site gets;
``--folds``: the fold trees ``train_line_model.py`` writes, ``--choosers``: the fold choosers
``train_region_model.py --folds-out`` writes), the sibling columns and the line labels
(``train_line_model.labels``). The model is a logistic regression with the line model's logit
as a fixed offset (coefficient 1, no intercept: a line no sibling holds keeps its probability
exactly) over the sibling columns, fitted by weighted log loss (weights: the lines' words, as the
line model's) with a small L2 penalty. Reported: site-grouped 2-fold line log loss against the
line model's own probabilities.

    nice .venv/bin/python benchmarks/train_sibling_lines.py \
        --folds build/line-model-folds.json --choosers build/line-regions-folds  # ~3 min idle
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import numpy as np
from scipy.optimize import minimize
from train_line_model import DATA, labels

from parallax.segment import linemodel, realeval, regions, sitelines_model, textdump
from parallax.segment.realpages import fold_of, of_split
from parallax.segment.render import RENDERINGS
from parallax.segment.sitememory import siblings
from parallax.segment.trees import from_dict as trees_from_dict

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "parallax" / "segment" / "data" / "sibling-lines-v1.json"
L2 = 1e-4


def collect(folds: Path, choosers: str) -> dict[str, np.ndarray]:
    ship = linemodel.default_model()
    assert ship is not None
    tables = json.loads(folds.read_text(encoding="utf-8"))
    models = {k: replace(ship, trees=trees_from_dict(tables["trees"][str(k)]),
                         regions=regions.from_dict(json.loads(
                             Path(f"{choosers}-{k}.json").read_text(encoding="utf-8"))))
              for k in (0, 1)}
    current = {"model": ship}
    textdump.default_model = lambda: current["model"]  # type: ignore[assignment]
    sites = defaultdict(list)
    for page in of_split(DATA, "train"):
        sites[page.site].append(page)
    rows: dict[str, list[np.ndarray]] = defaultdict(list)
    now: dict[str, object] = {}  # the site being read: its index and pages

    def record(docs, results, segment, stored=None, model=None,  # type: ignore[no-untyped-def]
               searched=None):
        for i, held in siblings(docs, results, stored, searched).items():
            k = int(re.search(r"(\d+)-\w+\.txt$", docs[i].uri).group(1))  # type: ignore[union-attr]
            gold = now["pages"][k].gold  # type: ignore[index]

            def keep(lines, p, held=held, gold=gold):  # type: ignore[no-untyped-def]
                y, w = labels([line.text for line in lines], gold)
                rows["x"].append(sitelines_model.columns(lines, [s.lines for s in held], p))
                rows["y"].append(y)
                rows["w"].append(w)
                rows["site"].append(np.full(len(lines), now["index"]))
                return p
            with sitelines_model.rescoring(keep):
                segment(docs[i])

    sitelines_model.resegment_with_siblings = record  # type: ignore[assignment]
    names = sorted(s for s, pages in sites.items() if len(pages) >= 2)
    for index, site in enumerate(names):
        current["model"] = models[fold_of(site + "#cv") % 2]
        now.update(index=index, pages=sites[site])
        realeval.evaluate_with_site(sites[site], tuple(RENDERINGS))
    data = {key: np.concatenate(value) for key, value in rows.items()}
    data["fold"] = np.array([fold_of(s + "#cv") % 2 for s in names])[data["site"]]
    return data


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Coefficients of ``x[:, 1:]`` with ``x[:, 0]`` (the logit) as the offset."""
    offset, cols, total = x[:, 0], x[:, 1:], w.sum()

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        z = offset + cols @ theta
        value = np.sum(w * (np.logaddexp(0, z) - y * z)) / total + L2 * theta @ theta
        grad = cols.T @ (w * (1 / (1 + np.exp(-z)) - y)) / total + 2 * L2 * theta
        return float(value), grad
    return np.asarray(minimize(loss, np.zeros(cols.shape[1]), jac=True,
                               method="L-BFGS-B").x)


def log_loss(z: np.ndarray, y: np.ndarray, w: np.ndarray) -> float:
    return float(np.sum(w * (np.logaddexp(0, z) - y * z)) / w.sum())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folds", type=Path, default=ROOT / "build" / "line-model-folds.json")
    parser.add_argument("--choosers", default=str(ROOT / "build" / "line-regions-folds"))
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    started = time.time()
    data = collect(args.folds, args.choosers)
    x, y, w = data["x"], data["y"].astype(float), data["w"]
    for fold in (0, 1):
        train, test = data["fold"] == fold, data["fold"] != fold
        theta = fit(x[train], y[train], w[train])
        z = x[test, 0] + x[test, 1:] @ theta
        before, after = log_loss(x[test, 0], y[test], w[test]), log_loss(z, y[test], w[test])
        print(f"fold {fold}: coef {np.round(theta, 3).tolist()}; line log loss on the other "
              f"fold {before:.4f} -> {after:.4f}")
    theta = fit(x, y, w)
    model = {"model": "sibling line model (offset logistic regression)",
             "features": list(sitelines_model.NAMES), "coef": [1.0, *theta.tolist()],
             "lines": len(y), "sites": len(np.unique(data["site"]))}
    args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"{len(y)} lines of {model['sites']} sites; coef {np.round(theta, 4).tolist()}; "
          f"wrote {args.out} ({time.time() - started:.0f} s)")


if __name__ == "__main__":
    main()
