"""Portrayal and roles scored on what ``parallax analyze`` emits (scripts/eval_portrayal.py).

Each labelled article is written to a file and read back through the analyze code path
(:func:`parallax.frame.endtoend.analyse_files`), so the segmenter, the entity recogniser and the
pronoun resolution are the ones users get. The labelled entity is the pipeline's canonical entity
whose name or an alias equals the gold name, or shares its last word; when the pipeline found no
such entity, or emitted no portrayal for it, the prediction is ``neutral`` (no lean shown), and
for roles an empty role set. Rejected files count the same way.

``lean_curve`` is the training side's check that decides whether the default may show the
model's own leans (run by ``portrayal_train``, written to the card).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from parallax.frame.portrayal import LABELS
from parallax.records import Article
from parallax.textutil import fold

#: article probabilities at which ``lean_curve`` reports the model's shown leans
CURVE_AT = (0.4, 0.5, 0.6, 0.7)
#: a curve point with fewer shown leans than this says nothing about precision (1 of 1 is noise)
CURVE_MIN_SHOWN = 10


@dataclass(slots=True)
class EntityGold:
    doc: str  # id of the document
    entity: str
    label: str  # negative | neutral | positive


def find_entity(article: Article | None, name: str) -> str | None:
    """The canonical name of the pipeline's entity for a gold ``name``."""
    if article is None:
        return None
    want = fold(name)
    last = want.split()[-1] if want.split() else want
    best: tuple[int, str] | None = None
    for e in article.canonical_entities:
        names = {fold(e.name), *(fold(a) for a in e.aliases)}
        if want in names:
            return e.name
        words = {w for n in names for w in n.split()}
        if last in words and (best is None or e.mentions > best[0]):
            best = (e.mentions, e.name)
    return best[1] if best else None


def predicted_portrayal(article: Article | None, name: str) -> str:
    entity = find_entity(article, name)
    if article is None or entity is None:
        return "neutral"
    for p in article.portrayals:
        if p.entity == entity:
            return p.polarity
    return "neutral"


def write_texts(folder: Path, items: list[tuple[str, str, str]]) -> list[Path]:
    """(id, title, body) as text files ``title\\n\\nbody`` in ``folder`` (git-ignored build/),
    the way a user would paste an article."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for doc_id, title, body in items:
        path = folder / f"{doc_id}.txt"
        text = (title.strip() + "\n\n" if title.strip() else "") + body.strip() + "\n"
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def read_labels(path: Path) -> list[EntityGold]:
    """Hand labels: JSON lines with ``doc``, ``entity`` and ``label`` (no article text)."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            item = json.loads(line)
            out.append(EntityGold(str(item["doc"]), item["entity"], item["label"]))
    return out


def lean_curve(q: np.ndarray, p: list[np.ndarray], gold: list[str], totals: dict[str, int],
               marks: list[np.ndarray | None], evidence_min: float) -> dict[str, Any]:
    """The decision rule for showing model leans by default (fixed in the ninth session, before
    any held-out measurement): out of fold on PerSenT's training part, the leans the model would
    show (argmax, article probability at ``CURVE_AT``, an own-words sentence leaning that way with
    ``evidence_min``) must be right at least as often as the author's labels (``marks``, the rule
    the default ships), at ``CURVE_MIN_SHOWN`` shown leans or more. A wrong label is worse than no
    label, so coverage alone never buys a lean. ``q``: out-of-fold article probabilities;
    ``p``: each entity's own-words sentence probabilities; ``totals``: gold counts of the
    training part, missed entities included (the recall's denominator)."""
    stated = [int(np.sign(m.sum())) if m is not None and m.size else 0 for m in marks]
    author_n = sum(1 for s in stated if s)
    author_right = sum(1 for s, g in zip(stated, gold, strict=True)
                       if s and g == LABELS[1 + s])
    author = {"n": author_n, "right": author_right,
              "precision": round(author_right / author_n, 3) if author_n else None}
    curve: list[dict[str, Any]] = []
    for k in (0, 2):
        for t in CURVE_AT:
            shown = [bool(qq.argmax() == k and qq[k] >= t and len(pp) > 0
                          and pp[:, k].max() >= evidence_min)
                     for qq, pp in zip(q, p, strict=True)]
            right = sum(s and g == LABELS[k] for s, g in zip(shown, gold, strict=True))
            n = sum(shown)
            curve.append({"label": LABELS[k], "at": t, "shown": n, "right": right,
                          "precision": round(right / n, 3) if n else None,
                          "recall": round(right / max(1, totals[LABELS[k]]), 3)})
    reference = author["precision"]
    passes = [c for c in curve if c["shown"] >= CURVE_MIN_SHOWN and reference is not None
              and c["precision"] is not None and c["precision"] >= reference]
    return {"author_labels": author, "curve": curve, "min_shown": CURVE_MIN_SHOWN,
            "base_rate": {c: round(gold.count(c) / max(1, len(gold)), 3) for c in LABELS},
            "model_leans_pass": [f"{c['label']} >= {c['at']}" for c in passes]}


def rule_lines(rule: dict[str, Any] | None) -> list[str]:
    """The card's table for ``lean_curve``: may the default show the model's leans?"""
    if not rule:
        return []
    author = rule["author_labels"]
    share = (f"{author['right']} of {author['n']} right ({author['precision']:.2f})"
             if author["n"] else "none shown")
    lines = ["## Decision rule for model leans (out of fold, PerSenT training part)", "",
             "The default may show the model's own leans only where they are right at least as "
             "often as the author's labels, the rule it ships, at "
             f"{rule['min_shown']} shown leans or more. Author's labels: {share}. Base rates: "
             + ", ".join(f"{k} {v:.2f}" for k, v in rule["base_rate"].items()) + ".", "",
             "| lean | article probability ≥ | shown | right | precision | recall |",
             "|---|---:|---:|---:|---:|---:|"]
    for c in rule["curve"]:
        precision = f"{c['precision']:.2f}" if c["precision"] is not None else "—"
        lines.append(f"| {c['label']} | {c['at']} | {c['shown']} | {c['right']} | {precision} "
                     f"| {c['recall']:.2f} |")
    verdict = ("passes at " + ", ".join(rule["model_leans_pass"]) if rule["model_leans_pass"]
               else "no point passes: the default shows the author's labels only")
    return [*lines, "", f"Verdict: {verdict}.", ""]
