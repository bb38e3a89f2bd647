"""Clustering quality: pairwise precision/recall/F1 and B-cubed F1 against a gold grouping.

Both take ``{item: cluster}`` dicts over the same items; used by the story quality gate
(tests/test_story_quality.py) and docs/quality.md.
"""

from __future__ import annotations

from collections import Counter


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def _contingency(gold: dict[str, str], pred: dict[str, str]
                 ) -> tuple[Counter[tuple[str, str]], Counter[str], Counter[str]]:
    """Counts per (gold, predicted) cell and per cluster, over the items both label: every
    metric here follows from them in time linear in the items (100,000-article benchmark)."""
    items = set(gold) & set(pred)
    cells = Counter((gold[i], pred[i]) for i in items)
    return cells, Counter(gold[i] for i in items), Counter(pred[i] for i in items)


def pairwise(gold: dict[str, str], pred: dict[str, str]) -> dict[str, float]:
    cells, gold_sizes, pred_sizes = _contingency(gold, pred)
    tp = sum(_pairs(n) for n in cells.values())
    gold_pairs = sum(_pairs(n) for n in gold_sizes.values())
    pred_pairs = sum(_pairs(n) for n in pred_sizes.values())
    precision = tp / pred_pairs if pred_pairs else 1.0
    recall = tp / gold_pairs if gold_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def bcubed(gold: dict[str, str], pred: dict[str, str]) -> dict[str, float]:
    cells, gold_sizes, pred_sizes = _contingency(gold, pred)
    n = max(1, sum(gold_sizes.values()))
    # each of the c items in cell (g, p) has overlap c with both its clusters
    precision = sum(c * c / pred_sizes[p] for (_, p), c in cells.items()) / n
    recall = sum(c * c / gold_sizes[g] for (g, _), c in cells.items()) / n
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}
