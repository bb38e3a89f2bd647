"""Train the HTML combiner (``segment/data/html-combine-v1.json``): trafilatura's main text and
the line model's probabilities, decided line by line over the page's visible lines.

Why: see ``parallax.segment.htmlcombine``. Data: training sites of
``../shared/datasets/extraction`` (every ``--stride``-th page; held-out sites never read). Each
page goes through ``segment_html`` (trafilatura as the HTML path calls it) and its visible
lines through the line model. The line probabilities are out of fold: each page is scored by
the fold model of ``train_line_model.py`` that never saw its site (``build/line-model-folds.json``),
so the combiner learns how far to trust the model on a new site. Labels as for the line model
(word 4-grams in the gold). Method: standardised features, L2 logistic regression, the decision
threshold chosen on site-grouped out-of-fold predictions, then one fit on all.

    nice .venv/bin/python benchmarks/train_line_model.py   # first: the fold models
    nice .venv/bin/python benchmarks/train_html_combine.py
"""

from __future__ import annotations

import argparse
import itertools
import json
import time
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from train_line_model import doc_f1, labels

from parallax.segment import realpages
from parallax.segment.htmlcombine import NAMES, Combiner, combine_features, contained
from parallax.segment.htmlpage import segment_html
from parallax.segment.linemodel import NAMES as LINE_NAMES
from parallax.segment.linemodel import LineModel, default_model, features
from parallax.segment.lines import read_lines
from parallax.segment.render import render
from parallax.segment.trees import from_dict as trees_from_dict

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "datasets" / "extraction"
OUT = ROOT / "src" / "parallax" / "segment" / "data" / "html-combine-v1.json"
CACHE = ROOT / "build" / "html-combine-data.npz"
FOLDS = ROOT / "build" / "line-model-folds.json"


def gather(stride: int) -> dict[str, np.ndarray]:
    pages = [p for p in realpages.load(DATA) if p.split == "train"][::stride]
    out: dict[str, list[np.ndarray]] = {k: [] for k in ("x", "y", "w", "traf", "doc", "group")}
    for k, page in enumerate(pages):
        seg = segment_html(page.html)
        title, blocks = seg.visible
        lines = read_lines(render(title, blocks, "select_all")) if blocks else []
        if not lines:
            continue
        texts = [ln.text for ln in lines]
        y, w = labels(texts, page.gold)
        traf = contained(texts, [seg.title, *seg.paragraphs])
        for key, value in (("x", features(lines)), ("y", y), ("w", w), ("traf", traf),
                           ("doc", np.full(len(lines), k)),
                           ("group", np.full(len(lines), realpages.fold_of(page.site + "#cv")))):
            out[key].append(value)
    return {k: np.concatenate(v) for k, v in out.items()}


def stacked(data: dict[str, np.ndarray], model: LineModel) -> tuple[np.ndarray, np.ndarray]:
    """Combiner features of every line (out-of-fold line probabilities) and its model mask."""
    folds = json.loads(FOLDS.read_text(encoding="utf-8"))
    group = data["group"] % int(folds["folds"])
    p = np.zeros(len(data["y"]))
    for fold, table in folds.get("trees", {}).items():  # the shipped model is trees
        sel = group == int(fold)
        p[sel] = trees_from_dict(table).probabilities(data["x"][sel])
    for fold, lr in folds.get("linear", {}).items():  # the shipped model is a logistic regression
        sel = group == int(fold)
        z = ((data["x"][sel] - np.asarray(lr["mean"])) / np.asarray(lr["scale"])) \
            @ np.asarray(lr["coef"]) + lr["intercept"]
        p[sel] = 1 / (1 + np.exp(-z))
    words = np.expm1(data["x"][:, LINE_NAMES.index("log_words")])
    rows: list[np.ndarray] = []
    masks: list[np.ndarray] = []
    for a, b in _slices(data["doc"]):
        lines = [_Words(round(v)) for v in words[a:b].tolist()]
        rows.append(combine_features(lines, p[a:b], data["traf"][a:b].astype(float),  # type: ignore[arg-type]
                                     model))
        masks.append(np.array(model.decode(lines, p[a:b])))  # type: ignore[arg-type]
    return np.concatenate(rows), np.concatenate(masks)


class _Words:
    __slots__ = ("words",)

    def __init__(self, words: int) -> None:
        self.words = words


def _slices(doc: np.ndarray) -> list[tuple[int, int]]:
    starts = np.flatnonzero(np.r_[True, doc[1:] != doc[:-1]])
    return list(zip(starts.tolist(), [*starts[1:].tolist(), len(doc)], strict=True))


def mean_f1(keep: np.ndarray, data: dict[str, np.ndarray]) -> float:
    return float(np.mean([doc_f1(keep[a:b], data["y"][a:b], data["w"][a:b])
                          for a, b in _slices(data["doc"])]))


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> tuple[np.ndarray, ...]:
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    clf = LogisticRegression(C=1.0, max_iter=400)
    clf.fit((x - mean) / scale, y, sample_weight=w)
    return mean, scale, clf.coef_[0], np.array([clf.intercept_[0]])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--stride", type=int, default=2)
    parser.add_argument("--rebuild", action="store_true")
    # 0.9 by default: lower values score higher here (CleanEval's gold keeps a page's captions
    # and comments) but add bylines and captions to the project's gold set (body precision
    # under its 0.98 floor at 0.8)
    parser.add_argument("--add-above", type=float, default=0.9,
                        help="fix the add threshold (0: tune it too)")
    args = parser.parse_args()
    started = time.time()
    if CACHE.exists() and not args.rebuild:
        data = dict(np.load(CACHE))
    else:
        data = gather(args.stride)
        CACHE.parent.mkdir(exist_ok=True)
        np.savez_compressed(CACHE, **data)  # type: ignore[arg-type]
    model = default_model()
    assert model is not None
    x, region = stacked(data, model)
    data["traf"] = data["traf"].astype(bool)
    oof = np.zeros(len(data["y"]))
    group = data["group"] % 4
    for fold in np.unique(group):
        test = group == fold
        mean, scale, coef, intercept = fit(x[~test], data["y"][~test], data["w"][~test])
        oof[test] = 1 / (1 + np.exp(-(((x[test] - mean) / scale) @ coef + intercept[0])))
    scores = {}
    # what htmlcombine.addable allows (the comment/teaser stop needs the page: not here)
    plain = (data["x"][:, LINE_NAMES.index("meta")] == 0) \
        & (data["x"][:, LINE_NAMES.index("phrase")] == 0)
    adds = (args.add_above,) if args.add_above else (0.5, 0.6, 0.7, 0.8, 0.9)
    for drop, add in itertools.product((0.05, 0.1, 0.2, 0.3), adds):
        rule = Combiner(np.zeros(len(NAMES)), np.ones(len(NAMES)), np.zeros(len(NAMES)), 0.0,
                        drop, add)
        keep = np.concatenate([rule.decide(x[a:b], oof[a:b], plain[a:b])
                               for a, b in _slices(data["doc"])])
        scores[(drop, add)] = mean_f1(keep, data)
    drop, add = max(scores, key=lambda k: scores[k])
    traf_f1, model_f1 = mean_f1(data["traf"], data), mean_f1(region, data)
    print({f"{k[0]}/{k[1]}": round(v, 4) for k, v in scores.items()})
    print(f"{len(np.unique(data['doc']))} pages, {len(data['y'])} visible lines; site-grouped "
          f"CV mean per-page word F1: trafilatura's lines {traf_f1:.4f}, line model "
          f"{model_f1:.4f}, combined {scores[(drop, add)]:.4f} (drop below {drop}, add above "
          f"{add})")
    mean, scale, coef, intercept = fit(x, data["y"], data["w"])
    OUT.write_text(json.dumps({
        "version": "html-combine-v1", "features": list(NAMES),
        "mean": [round(v, 6) for v in mean.tolist()],
        "scale": [round(v, 6) for v in scale.tolist()],
        "coef": [round(v, 6) for v in coef.tolist()], "intercept": round(float(intercept[0]), 6),
        "drop_below": drop, "add_above": add, "cv_word_f1": round(scores[(drop, add)], 4),
        "cv_word_f1_trafilatura": round(traf_f1, 4), "cv_word_f1_line_model": round(model_f1, 4),
    }, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT} in {time.time() - started:.0f}s")


if __name__ == "__main__":
    main()
