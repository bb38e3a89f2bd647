"""The shared tasks' official metrics, so our numbers compare with the published ones.

- Narratives (SemEval-2025 T10 subtask 2): samples-averaged F1 of the label sets, coarse
  (narratives) and fine (sub-narratives).
- Entity roles (subtask 1): exact-match ratio of the fine-role set per mention.
- Techniques (SemEval-2023 T3 subtask 3): micro-F1 over paragraphs' label sets.
- Frames (subtask 2): micro-F1 over articles' label sets.
- Genre (subtask 1): macro-F1 over the three classes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence


def samples_f1(gold: Sequence[Iterable[str]], pred: Sequence[Iterable[str]]) -> float:
    if not gold:
        return 0.0
    total = 0.0
    for g, p in zip(gold, pred, strict=True):
        gs, ps = set(g), set(p)
        if not gs and not ps:
            total += 1.0
        elif gs and ps:
            total += 2 * len(gs & ps) / (len(gs) + len(ps))
    return total / len(gold)


def exact_match_ratio(gold: Sequence[Iterable[str]], pred: Sequence[Iterable[str]]) -> float:
    if not gold:
        return 0.0
    return sum(set(g) == set(p) for g, p in zip(gold, pred, strict=True)) / len(gold)


def micro_prf(gold: Sequence[Iterable[str]], pred: Sequence[Iterable[str]]) -> tuple[float, ...]:
    tp = fp = fn = 0
    for g, p in zip(gold, pred, strict=True):
        gs, ps = set(g), set(p)
        tp += len(gs & ps)
        fp += len(ps - gs)
        fn += len(gs - ps)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def micro_f1(gold: Sequence[Iterable[str]], pred: Sequence[Iterable[str]]) -> float:
    return micro_prf(gold, pred)[2]


def per_label(gold: Sequence[Iterable[str]], pred: Sequence[Iterable[str]]
              ) -> dict[str, dict[str, float]]:
    """Precision, recall, F1 and support per label, for the model cards' tables."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for g, p in zip(gold, pred, strict=True):
        gs, ps = set(g), set(p)
        tp.update(gs & ps)
        fp.update(ps - gs)
        fn.update(gs - ps)
    table: dict[str, dict[str, float]] = {}
    for label in sorted(set(tp) | set(fp) | set(fn)):
        prec = tp[label] / (tp[label] + fp[label]) if tp[label] + fp[label] else 0.0
        rec = tp[label] / (tp[label] + fn[label]) if tp[label] + fn[label] else 0.0
        table[label] = {"precision": prec, "recall": rec,
                        "f1": 2 * prec * rec / (prec + rec) if prec + rec else 0.0,
                        "support": float(tp[label] + fn[label])}
    return table


def macro_f1(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str] | None = None
             ) -> float:
    names = list(labels) if labels is not None else sorted(set(gold))
    table = per_label([[g] for g in gold], [[p] for p in pred])
    return sum(table.get(n, {"f1": 0.0})["f1"] for n in names) / len(names) if names else 0.0
