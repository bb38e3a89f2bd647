"""Fitting the linear labellers, with the cross-validation that calibrates and scores them.

One routine serves every task: standardise the features, fit a class-balanced logistic
regression per label on k-1 folds (folds are whole documents, so paragraphs or mentions of one
article never sit on both sides), collect the out-of-fold scores, fit Platt scaling and the
F1-best threshold on them, then refit on everything. The out-of-fold predictions are what the
model cards report: every number there comes from documents the model had not seen.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from parallax.frame.linear import LinearLabeller, sigmoid

MIN_POSITIVES = 3
THRESHOLDS = np.round(np.arange(0.05, 0.96, 0.05), 2)
#: the fewest out-of-fold rows a precision-floored cut-off must show, so that its precision
#: is not one lucky paragraph
MIN_SHOWN = 20
#: the threshold of a label that is never emitted (no probability reaches it)
NEVER = 1.01


@dataclass(slots=True)
class Fitted:
    model: LinearLabeller
    oof: np.ndarray  # calibrated out-of-fold probabilities, (rows, labels)


def fold_of(groups: Sequence[str], folds: int) -> np.ndarray:
    """Stable fold per group: the same document is always in the same fold."""
    import zlib

    return np.array([zlib.crc32(g.encode("utf-8")) % folds for g in groups])


def _fit_one(x: np.ndarray, y: np.ndarray, c: float, balanced: bool = True
             ) -> tuple[np.ndarray, float]:
    from sklearn.linear_model import LogisticRegression

    if y.sum() < MIN_POSITIVES or y.sum() == len(y):
        return np.zeros(x.shape[1], dtype=np.float32), -8.0 if y.sum() < len(y) else 8.0
    clf = fit_quietly(LogisticRegression(C=c, class_weight="balanced" if balanced else None,
                                         max_iter=2000), x, y)
    return clf.coef_[0].astype(np.float32), float(clf.intercept_[0])


def fit_quietly(clf: Any, x: Any, y: np.ndarray) -> Any:
    """``clf.fit(x, y)`` with scikit-learn's warnings silenced, as every trainer here fits
    (the label, span and portrayal models): one place, so they cannot come to differ."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return clf.fit(x, y)


def _fit_hashed(s: Any, y: np.ndarray, c: float) -> tuple[np.ndarray, float]:
    from sklearn.linear_model import LogisticRegression

    if y.sum() < MIN_POSITIVES or y.sum() == len(y):
        return np.zeros(s.shape[1], dtype=np.float32), -8.0 if y.sum() < len(y) else 8.0
    clf = LogisticRegression(C=c, class_weight="balanced", solver="liblinear", max_iter=500)
    clf.fit(s, y)
    return clf.coef_[0].astype(np.float32), float(clf.intercept_[0])


def _platt(scores: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Calibration weights (one per score column) and intercept, fitted out of fold."""
    from sklearn.linear_model import LogisticRegression

    if y.sum() == 0 or y.sum() == len(y):
        return np.r_[np.ones(scores.shape[1]), 0.0]
    clf = LogisticRegression(C=100.0, max_iter=1000)
    clf.fit(scores, y)
    return np.r_[clf.coef_[0], clf.intercept_[0]]


def best_threshold(p: np.ndarray, y: np.ndarray, floor: float = 0.0,
                   min_precision: float = 0.0) -> float:
    """The F1-best cut-off out of fold, never below ``floor`` (for labels the model barely
    knows, the F1-best cut-off can sit at 0.05 and flood the output with guesses).

    With ``min_precision``, only cut-offs whose out-of-fold precision reaches it over at least
    ``MIN_SHOWN`` rows count; a label without one gets ``NEVER`` and is not emitted: a label
    right less often than that is a wrong label more often than not (docs/framing.md, tenth
    session)."""
    if y.sum() < MIN_POSITIVES:
        return 0.5
    best, best_f1 = (0.5 if min_precision <= 0 else NEVER), -1.0
    for t in THRESHOLDS[floor - 1e-9 <= THRESHOLDS]:
        pred = p >= t
        tp = float((pred & y).sum())
        if min_precision > 0 and (pred.sum() < MIN_SHOWN or tp < min_precision * pred.sum()):
            continue
        f1 = 2 * tp / (pred.sum() + y.sum()) if pred.sum() + y.sum() else 0.0
        if f1 > best_f1 + 1e-9:
            best, best_f1 = float(t), f1
    return best


def fit_labeller(x: np.ndarray, y: np.ndarray, labels: Sequence[str], groups: Sequence[str], *,
                 c: float = 1.0, folds: int = 5, meta: dict | None = None, balanced: bool = True,
                 hashed: Any = None, hashed_c: float = 0.1, min_threshold: float = 0.0,
                 min_precision: float | Mapping[str, float] = 0.0,
                 progress: Callable[[str], None] | None = None) -> Fitted:
    """``hashed`` (a CSR matrix of word buckets, optional) adds the lexical part; the two parts
    are trained separately and combined by the calibration, fitted on out-of-fold scores."""
    x = np.asarray(x, dtype=np.float32)
    y = np.asarray(y, dtype=bool)
    mean = x.mean(axis=0)
    std = x.std(axis=0) + 1e-6
    z = (x - mean) / std
    fold = fold_of(groups, folds)
    parts = 1 if hashed is None else 2
    raw = np.zeros((*y.shape, parts), dtype=np.float32)
    for k in range(folds):
        train, test = fold != k, fold == k
        if not test.any():
            continue
        for j in range(y.shape[1]):
            w, b = _fit_one(z[train], y[train, j], c, balanced)
            raw[test, j, 0] = z[test] @ w + b
            if hashed is not None:
                w, b = _fit_hashed(hashed[train], y[train, j], hashed_c)
                raw[test, j, 1] = hashed[test] @ w + b
        if progress:
            progress(f"fold {k + 1}/{folds}")
    n_labels = y.shape[1]
    calibration = np.zeros((n_labels, parts + 1), dtype=np.float32)
    thresholds = np.full(n_labels, 0.5, dtype=np.float32)
    oof = np.zeros(y.shape, dtype=np.float32)
    weights = np.zeros((x.shape[1], n_labels), dtype=np.float32)
    bias = np.zeros(n_labels, dtype=np.float32)
    lexical = np.zeros((hashed.shape[1] if hashed is not None else 0, n_labels), np.float32)
    lexical_bias = np.zeros(n_labels, dtype=np.float32)
    for j in range(n_labels):
        calibration[j] = _platt(raw[:, j], y[:, j])
        oof[:, j] = sigmoid(raw[:, j] @ calibration[j, :parts] + calibration[j, parts])
        floor = (min_precision.get(labels[j], 0.0) if isinstance(min_precision, Mapping)
                 else min_precision)
        thresholds[j] = best_threshold(oof[:, j], y[:, j], min_threshold, floor)
        w, b = _fit_one(z, y[:, j], c, balanced)
        # fold the standardisation into the weights: (x - mean) / std @ w + b
        weights[:, j] = w / std
        bias[j] = b - float((mean / std) @ w)
        if hashed is not None:
            lexical[:, j], lexical_bias[j] = _fit_hashed(hashed, y[:, j], hashed_c)
    model = LinearLabeller(list(labels), weights, bias, calibration[:, 0], calibration[:, parts],
                           thresholds, dict(meta or {}))
    if hashed is not None:
        model.hashed, model.hashed_bias, model.hashed_slope = (lexical, lexical_bias,
                                                               calibration[:, 1].copy())
    return Fitted(model, oof)


def label_matrix(rows: Sequence[Sequence[str]], labels: Sequence[str]) -> np.ndarray:
    index = {label: i for i, label in enumerate(labels)}
    y = np.zeros((len(rows), len(labels)), dtype=bool)
    for r, names in enumerate(rows):
        for name in names:
            if name in index:
                y[r, index[name]] = True
    return y
