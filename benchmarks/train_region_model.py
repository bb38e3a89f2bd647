"""Train the region chooser of the text-dump line model (``segment/data/line-regions-v1.json``).

Why: see ``parallax.segment.regions``. Data: the cached line features of the training sites'
dumps (``build/line-model-features.npz``) and the site-grouped fold models of the line model
(``build/line-model-folds.json``), both written by ``train_line_model.py``; held-out sites are
never read. Each dump's line probabilities come from the fold model that did not see its site
(out of fold: what a new site gets). Every candidate region is decoded and scored with the
word-weighted F1 of its lines against the line labels; the chooser (gradient-boosted trees) learns
which of two candidates of a page is better (both orders of each pair, weighted by their F1
difference; seventh session), or with ``--pointwise`` "this candidate is within ``TOLERANCE``
of the page's best" (the sixth session's). Reported: site-grouped 2-fold CV of the chosen
candidates' mean per-dump F1, against the fixed decoding on the same probabilities.

    nice .venv/bin/python benchmarks/train_line_model.py    # first, if the caches are missing
    nice .venv/bin/python benchmarks/train_region_model.py  # ~8 min idle (pairwise), ~3 pointwise

On a shared machine set ``OMP_NUM_THREADS=1``: scikit-learn's trees with two OpenMP threads on
two busy cores took 7.5 to over 20 min a fold at load 8-18, one thread ~3 min for the whole run
(twenty-eighth session, helper DE).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from train_line_model import CACHE, FOLDS, doc_f1

from parallax.segment import regions
from parallax.segment.linemodel import NAMES as LINE_NAMES
from parallax.segment.linemodel import best_region
from parallax.segment.render import RENDERINGS
from parallax.segment.trees import from_dict as trees_from_dict
from parallax.segment.trees import from_sklearn

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "parallax" / "segment" / "data" / "line-regions-v1.json"
TOLERANCE = 0.02
#: another candidate replaces the fixed decoding's region only when its score (probability of
#: being the best) is this much higher; chosen on the CV: the largest margin within 0.0005 of
#: the best, since where the chooser is unsure the fixed region is the safer answer
MARGINS = (0.0, 0.02, 0.05, 0.1, 0.2)
#: lines of the chosen region kept from this probability, lines outside from that one (a grid
#: 0.2-0.3 x 0.7-0.9 on the chosen regions: 0.2 / 0.9 best in the fourth session, 0.2 / 0.8 with
#: the fifth session's page-context columns, all within 0.001)
KEEP_INSIDE, KEEP_OUTSIDE = 0.2, 0.8
TREES = {"max_iter": 100, "max_depth": 5, "learning_rate": 0.1, "l2_regularization": 1.0,
         "min_samples_leaf": 40, "early_stopping": False, "random_state": 0}


def out_of_fold(data: dict[str, np.ndarray]) -> np.ndarray:
    folds = json.loads(FOLDS.read_text(encoding="utf-8"))
    groups = data["group"] % int(folds["folds"])
    p = np.zeros(len(groups))
    for fold, table in folds["trees"].items():
        sel = groups == int(fold)
        p[sel] = trees_from_dict(table).probabilities(data["x"][sel])
    return p


def candidates(data: dict[str, np.ndarray], p: np.ndarray, keep_inside: float = KEEP_INSIDE,
               keep_outside: float = KEEP_OUTSIDE) -> dict[str, np.ndarray]:
    col = {name: j for j, name in enumerate(LINE_NAMES)}
    x, y, w = data["x"], data["y"], data["w"]
    words = np.round(np.expm1(x[:, col["log_words"]]))
    docs = np.unique(data["doc"])
    bounds = np.searchsorted(data["doc"], docs)
    rows, target, doc_of, fixed = [], [], [], []
    for k, (a, b) in enumerate(zip(bounds, [*bounds[1:].tolist(), len(x)], strict=True)):
        found, feats = regions.candidate_features(
            p[a:b], words[a:b], x[a:b, col["paragraph"]], x[a:b, col["ends_sentence"]],
            x[a:b, col["stop_ratio"]], x[a:b, col["heading"]], x[a:b, col["phrase"]], keep_inside)
        pp, yy, ww = p[a:b], y[a:b], w[a:b]
        for s, e in found:
            keep = pp >= keep_outside
            keep[s:e + 1] |= pp[s:e + 1] >= keep_inside
            target.append(doc_f1(keep, yy, ww))
            doc_of.append(k)
        rows.append(regions.with_relative(feats) if len(feats) else feats)
        s, e = best_region((pp - 0.4) * np.sqrt(np.maximum(words[a:b], 1)))
        keep = pp >= keep_outside
        keep[s:e + 1] |= pp[s:e + 1] >= keep_inside
        fixed.append(doc_f1(keep, yy, ww))
    width = len(regions.NAMES + regions.RELATIVE)
    return {"x": np.concatenate([r.reshape(-1, width) for r in rows]), "f1": np.array(target),
            "doc": np.array(doc_of),
            "fixed": np.array(fixed), "group": data["group"][bounds],
            "shape": data["shape"][bounds]}


def chosen_f1(c: dict[str, np.ndarray], score: np.ndarray, margin: float = 0.0) -> np.ndarray:
    """Per dump, the F1 of its highest-scoring candidate, or of the fixed decoding's region
    unless the best scores ``margin`` above it (0 for a dump without a candidate)."""
    out = np.zeros(len(c["fixed"]))
    base = c["x"][:, regions.NAMES.index("is_base")] == 1.0
    base_score = np.full(len(out), -np.inf)
    base_score[c["doc"][base]] = score[base]
    order = np.lexsort((-score, c["doc"]))
    first = np.ones(len(order), dtype=bool)
    first[1:] = c["doc"][order][1:] != c["doc"][order][:-1]
    docs = c["doc"][order][first]
    out[docs] = c["f1"][order][first]
    stay = score[order][first] < base_score[docs] + margin
    base_f1 = np.zeros(len(out))
    base_f1[c["doc"][base]] = c["f1"][base]
    out[docs[stay]] = base_f1[docs[stay]]
    return out


def page_bounds(doc: np.ndarray) -> list[tuple[int, int]]:
    """Each dump's candidates as ``[a, b)`` (the candidates are in dump order)."""
    starts = np.flatnonzero(np.r_[True, doc[1:] != doc[:-1]])
    return list(zip(starts.tolist(), [*starts[1:].tolist(), len(doc)], strict=True))


def pairs(c: dict[str, np.ndarray], docs: np.ndarray) -> tuple[np.ndarray, ...]:
    """Both orders of every pair of one dump's candidates whose F1 differ by more than 0.005
    (``regions.pair_rows``' columns), label "the first is better", weighted by the
    difference: a pair where the choice costs little teaches little."""
    xs, ys, ws = [], [], []
    for a, b in page_bounds(c["doc"]):
        if b - a < 2 or not docs[c["doc"][a]]:
            continue
        rows = c["x"][a:b]
        first, second = np.triu_indices(b - a, 1)
        gap = c["f1"][a:b][first] - c["f1"][a:b][second]
        sel = np.abs(gap) > 0.005
        one = regions.pair_rows(rows)[sel]
        other = np.concatenate([rows[second] - rows[first], rows[second]], axis=1)[sel]
        xs += [one, other]
        ys += [gap[sel] > 0, gap[sel] < 0]
        ws += [np.abs(gap[sel])] * 2
    return np.concatenate(xs), np.concatenate(ys).astype(int), np.concatenate(ws)


def pair_scores(c: dict[str, np.ndarray], clf: HistGradientBoostingClassifier,
                docs: np.ndarray) -> np.ndarray:
    """``regions.pair_scores`` of each selected dump's candidates, with scikit-learn's trees."""
    score = np.zeros(len(c["f1"]))
    for a, b in page_bounds(c["doc"]):
        if docs[c["doc"][a]]:
            score[a:b] = regions.pair_scores(c["x"][a:b], _Sklearn(clf))  # type: ignore[arg-type]
    return score


class _Sklearn:
    """scikit-learn's classifier where ``regions.pair_scores`` expects the tree tables."""

    def __init__(self, clf: HistGradientBoostingClassifier) -> None:
        self.clf = clf

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        return np.asarray(self.clf.predict_proba(x)[:, 1])


def fit(c: dict[str, np.ndarray], train: np.ndarray, label: np.ndarray,
        pairwise: bool) -> HistGradientBoostingClassifier:
    """The chooser on the candidates (``train``: a mask of candidates, of whole dumps)."""
    if not pairwise:
        return HistGradientBoostingClassifier(**TREES).fit(c["x"][train], label[train])
    docs = np.zeros(len(c["fixed"]), dtype=bool)
    docs[c["doc"][train]] = True
    x, y, w = pairs(c, docs)
    return HistGradientBoostingClassifier(**TREES).fit(x, y, sample_weight=w)


def scores(c: dict[str, np.ndarray], clf: HistGradientBoostingClassifier, test: np.ndarray,
           pairwise: bool) -> np.ndarray:
    if not pairwise:
        return np.asarray(clf.predict_proba(c["x"][test])[:, 1])
    docs = np.zeros(len(c["fixed"]), dtype=bool)
    docs[c["doc"][test]] = True
    return pair_scores(c, clf, docs)[test]


def export(clf: HistGradientBoostingClassifier, probe: np.ndarray) -> dict[str, object]:
    """The trees as the JSON node table, checked against scikit-learn's own predictions."""
    table = from_sklearn(clf)
    raw = trees_from_dict(table).raw(probe)
    gap = np.abs(1 / (1 + np.exp(-raw)) - clf.predict_proba(probe)[:, 1])
    if gap.max() > 1e-4:
        raise SystemExit(f"exported trees differ from scikit-learn's by {gap.max():.2g}")
    return table


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--keep-inside", type=float, default=KEEP_INSIDE)
    parser.add_argument("--keep-outside", type=float, default=KEEP_OUTSIDE)
    parser.add_argument("--pointwise", action="store_true",
                        help="score candidates one at a time (the sixth session's chooser)")
    parser.add_argument("--folds-out", type=Path, default=None,
                        help="also write each CV fold's chooser to FOLDS_OUT-<fold>.json")
    args = parser.parse_args()
    pairwise = not args.pointwise
    started = time.time()
    data = dict(np.load(CACHE))
    p = out_of_fold(data)
    c = candidates(data, p, args.keep_inside, args.keep_outside)
    print(f"{len(c['f1'])} candidates of {len(c['fixed'])} dumps in {time.time() - started:.0f}s",
          flush=True)
    best = np.full(len(c["fixed"]), -1.0)
    np.maximum.at(best, c["doc"], c["f1"])
    label = (c["f1"] >= best[c["doc"]] - TOLERANCE).astype(int)
    fold_of = (c["group"] % 2)[c["doc"]]
    score = np.zeros(len(label))
    fold_models = {}
    for fold in (0, 1):
        test = fold_of == fold
        fold_models[fold] = clf = fit(c, ~test, label, pairwise)
        score[test] = scores(c, clf, test, pairwise)
    margins = {m: round(float(chosen_f1(c, score, m).mean()), 4) for m in MARGINS}
    margin = max(m for m, v in margins.items() if v >= max(margins.values()) - 0.0005)
    print(f"CV by margin over the fixed decoding's region: {margins}; kept {margin}")
    chosen = chosen_f1(c, score, margin)
    shapes = {shape: (round(float(c["fixed"][c["shape"] == k].mean()), 4),
                      round(float(chosen[c["shape"] == k].mean()), 4))
              for k, shape in enumerate(RENDERINGS)}
    print(f"CV (site-grouped, 2 folds) mean per-dump word F1: fixed decoding "
          f"{c['fixed'].mean():.4f}, chosen region {chosen.mean():.4f}, best candidate "
          f"{best.mean():.4f}; dumps under 0.5: {(c['fixed'] < 0.5).mean():.3f} -> "
          f"{(chosen < 0.5).mean():.3f}; by rendering (fixed, chosen) {shapes}", flush=True)
    probe = c["x"][:: max(1, len(label) // 20000)]
    if pairwise:
        probe = regions.pair_rows(probe[:200])
    header = {"version": "line-regions-v1", "features": list(regions.NAMES + regions.RELATIVE),
              "kind": "pairwise" if pairwise else "pointwise",
              "keep_inside": args.keep_inside, "keep_outside": args.keep_outside,
              "tolerance": TOLERANCE,
              "margin": margin,
              "cv_fixed_f1": round(float(c["fixed"].mean()), 4),
              "cv_chosen_f1": round(float(chosen.mean()), 4), "params": TREES}
    outputs = [(args.out, fit(c, np.ones(len(label), dtype=bool), label, pairwise))]
    if args.folds_out:  # fold k's chooser never saw the sites of group k (end-to-end OOF)
        outputs += [(Path(f"{args.folds_out}-{k}.json"), m) for k, m in fold_models.items()]
    for path, clf in outputs:
        text = json.dumps(header | {"trees": export(clf, probe)}, separators=(",", ":"))
        path.write_text(text.replace(',"', ',\n"') + "\n", encoding="utf-8")
        print(f"wrote {path} in {time.time() - started:.0f}s")


if __name__ == "__main__":
    main()
