"""A gradient-boosted tree ensemble evaluated in numpy, for the line model.

Why trees: the line features interact (a long line is article text in a prose region and a
teaser in a link list; a short line is a sub-heading between paragraphs and a menu item between
menu items), which a linear score cannot express; on held-out training sites the trees decode
better than the logistic regression (``docs/segmentation.md``). Why not scikit-learn at runtime:
its models are pickles (code runs on load) and its per-call overhead is larger than a page. The
trees are stored as flat node arrays in the model's JSON file and evaluated for all lines and all
trees at once: one gather per tree level, no per-line Python.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

#: (trees x lines) places walked at once. Why: the walk reads and writes five arrays of that
#: shape at every level (node, index, value, bound, test: ~1 MB at 32,000 places, 320 lines of
#: the line model's 100 trees), which then stay in a core's L2 cache (2 MB here); a long page
#: walked whole spilled them. On 800 training-site dumps the walk took ~6 % less CPU in blocks
#: of 320-512 lines than whole, and blocks of 192 ~3 % more than of 320 (numpy's cost a call;
#: docs/segmentation.md, twenty-seventh session)
WALK_ELEMENTS = 32_000


@dataclass(frozen=True, slots=True)
class TreeEnsemble:
    """Trees padded to complete binary trees of one ``depth``, stored level by level: tree
    ``t``'s internal node ``k`` (root 0, children ``2k+1``/``2k+2``) tests
    ``x[feature[t, k]] > threshold[t, k]`` (true: right), and its leaf ``j`` holds
    ``value[t, j]``. A leaf above the last level is padded with always-left tests and its value
    copied down, so every line takes exactly ``depth`` steps and the next node is arithmetic,
    not a lookup. The raw score is ``baseline`` plus the leaves' values (log-odds, as
    scikit-learn's HistGradientBoostingClassifier computes it)."""

    feature: IntArray  # (trees, 2**depth - 1)
    threshold: FloatArray  # (trees, 2**depth - 1)
    value: FloatArray  # (trees, 2**depth)
    depth: int
    baseline: float
    #: the nodes level-major (every tree's level-0 node, then every tree's two level-1 nodes,
    #: ...), with where each level starts: ``raw``'s gathers read one level's block
    by_level: tuple[IntArray, FloatArray, tuple[int, ...]] = field(init=False, repr=False,
                                                                   compare=False)

    def __post_init__(self) -> None:
        trees = self.feature.shape[0]
        blocks = [slice(2 ** d - 1, 2 ** (d + 1) - 1) for d in range(self.depth)]
        feature = np.concatenate([self.feature[:, b].ravel() for b in blocks]
                                 or [np.zeros(0, dtype=np.intp)]).astype(np.intp)
        threshold = np.concatenate([self.threshold[:, b].ravel() for b in blocks]
                                   or [np.zeros(0)]).astype(np.float64)
        starts = tuple(trees * (2 ** d - 1) for d in range(self.depth + 1))
        object.__setattr__(self, "by_level", (feature, threshold, starts))

    def raw(self, x: FloatArray) -> FloatArray:
        n = x.shape[0]
        trees, inner = self.feature.shape
        if not n or not trees:
            return np.full(n, self.baseline)
        if not inner:  # depth 0: every tree is one leaf
            return np.full(n, self.baseline + self.value[:, 0].sum())
        # a long page in blocks one line apart in size (each line's walk reads only its own
        # row, so the scores are the same to the bit; a block of one line would not be: its
        # sum over the trees runs in another order, and ``ceil(n / blocks)`` lines a block
        # can leave one, as a page of 102,081 lines did)
        blocks = -(-n // max(1, WALK_ELEMENTS // trees))
        if blocks > 1:
            return np.concatenate([self._walk(part) for part in np.array_split(x, blocks)])
        return self._walk(x)

    def _walk(self, x: FloatArray) -> FloatArray:
        n = x.shape[0]
        trees = self.feature.shape[0]
        # the page column by column, so a node's feature column starts at feature * n. A
        # line's node at level d is kept as q = tree * 2**d + (its path's d tests as bits),
        # its place in that level's block of ``by_level``; the next level's is 2q + right,
        # and after the last level q is the leaf's place in ``value`` (tree * 2**depth + j).
        # The roots' tests need no gather (one feature row per tree); the gathers take
        # mode="wrap" (their indices are in range), which ``take`` does not buffer when
        # given ``out``, and every level reuses the same buffers
        feature, threshold, starts = self.by_level
        by_feature = np.ascontiguousarray(x.T, dtype=np.float64)
        columns = by_feature.ravel()
        column_start = feature * n
        lines = np.arange(n, dtype=np.intp)
        right = by_feature[feature[:trees]] > threshold[:trees, None]
        q = np.arange(0, 2 * trees, 2, dtype=np.intp)[:, None] + right
        index = np.empty((trees, n), dtype=np.intp)
        value = np.empty((trees, n))
        bound = np.empty((trees, n))
        for level in range(1, self.depth):
            block = slice(starts[level], starts[level + 1])
            column_start[block].take(q, out=index, mode="wrap")
            index += lines
            columns.take(index, out=value, mode="wrap")
            threshold[block].take(q, out=bound, mode="wrap")
            np.greater(value, bound, out=right)
            q <<= 1
            q += right
        return np.asarray(self.baseline + self.value.ravel().take(q).sum(axis=0),
                          dtype=np.float64)

    def probabilities(self, x: FloatArray) -> FloatArray:
        return np.asarray(1.0 / (1.0 + np.exp(-self.raw(x))), dtype=np.float64)


def from_dict(data: dict[str, Any]) -> TreeEnsemble:
    depth = int(data["depth"])
    return TreeEnsemble(
        feature=np.asarray(data["feature"], dtype=np.intp).reshape(-1, 2 ** depth - 1),
        threshold=np.asarray(data["threshold"], dtype=np.float64).reshape(-1, 2 ** depth - 1),
        value=np.asarray(data["value"], dtype=np.float64).reshape(-1, 2 ** depth),
        depth=depth,
        baseline=float(data["baseline"]),
    )


# JSON has no infinity: a padding test's threshold (always left) is a huge number
_ALWAYS_LEFT = 1e300


def from_sklearn(clf: Any) -> dict[str, Any]:
    """The complete-tree tables of a fitted binary ``HistGradientBoostingClassifier``
    (training only; flattened lists for JSON).

    Reads its private predictor records (``_predictors``, ``_baseline_prediction``): the format
    is checked by the training script, which compares these trees' probabilities with
    ``predict_proba`` before writing the model."""
    predictors = [p for (p,) in clf._predictors]
    depth = max(int(p.nodes["depth"].max()) for p in predictors)
    feature: list[int] = []
    threshold: list[float] = []
    value: list[float] = []
    for predictor in predictors:
        nodes = predictor.nodes
        feat = [0] * (2 ** depth - 1)
        thr = [_ALWAYS_LEFT] * (2 ** depth - 1)
        val = [0.0] * 2 ** depth

        def place(index: int, slot: int, level: int, nodes: Any = nodes, feat: list[int] = feat,
                  thr: list[float] = thr, val: list[float] = val) -> None:
            node = nodes[index]
            if level == depth:
                val[slot - (2 ** depth - 1)] = round(float(node["value"]), 7)
                return
            if node["is_leaf"]:
                place(index, 2 * slot + 1, level + 1)
                place(index, 2 * slot + 2, level + 1)
                return
            feat[slot] = int(node["feature_idx"])
            thr[slot] = float(node["num_threshold"])
            place(int(node["left"]), 2 * slot + 1, level + 1)
            place(int(node["right"]), 2 * slot + 2, level + 1)

        place(0, 0, 0)
        feature += feat
        threshold += thr
        value += val
    return {"depth": depth, "feature": feature, "threshold": threshold, "value": value,
            "baseline": round(float(np.ravel(clf._baseline_prediction)[0]), 7)}


def packaged(name: str) -> dict[str, Any] | None:
    """A model file shipped in ``parallax/segment/data``, parsed; None when it is absent (the
    line model, its region chooser and the HTML paragraph filter all load this way)."""
    path = resources.files("parallax.segment") / "data" / name
    if not path.is_file():
        return None
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def scored_blocks(data: dict[str, Any], names: tuple[str, ...], what: str
                  ) -> tuple[TreeEnsemble, float]:
    """The trees and threshold of an HTML block model (the paragraph filter, the block
    extension); one written for other features than ``names`` is refused, naming ``what``."""
    if tuple(data["names"]) != names:
        raise ValueError(f"{what}: the model's features are not this code's")
    return from_dict(data["trees"]), float(data["threshold"])


__all__ = ["TreeEnsemble", "from_dict", "from_sklearn", "packaged", "scored_blocks"]
