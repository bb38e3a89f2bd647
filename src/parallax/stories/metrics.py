"""Clustering quality: pairwise precision/recall/F1 and B-cubed F1 against a gold grouping.

Both take ``{item: cluster}`` dicts over the same items; used by the story quality gate
(tests/test_story_quality.py) and docs/quality.md.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations


def _groups(assign: dict[str, str]) -> dict[str, set[str]]:
    groups: dict[str, set[str]] = defaultdict(set)
    for item, cluster in assign.items():
        groups[cluster].add(item)
    return groups


def pairwise(gold: dict[str, str], pred: dict[str, str]) -> dict[str, float]:
    items = sorted(set(gold) & set(pred))
    gold_pairs = {p for p in combinations(items, 2) if gold[p[0]] == gold[p[1]]}
    pred_pairs = {p for p in combinations(items, 2) if pred[p[0]] == pred[p[1]]}
    tp = len(gold_pairs & pred_pairs)
    precision = tp / len(pred_pairs) if pred_pairs else 1.0
    recall = tp / len(gold_pairs) if gold_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def bcubed(gold: dict[str, str], pred: dict[str, str]) -> dict[str, float]:
    items = sorted(set(gold) & set(pred))
    gold_groups, pred_groups = _groups(gold), _groups(pred)
    precision = recall = 0.0
    for item in items:
        g = gold_groups[gold[item]] & set(items)
        p = pred_groups[pred[item]] & set(items)
        overlap = len(g & p)
        precision += overlap / len(p)
        recall += overlap / len(g)
    n = max(1, len(items))
    precision, recall = precision / n, recall / n
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}
