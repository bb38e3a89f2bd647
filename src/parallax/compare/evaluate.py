"""Scoring claim alignment and contradiction on a claim-pair set (``tests/data/claim_pairs``).

Alignment is decided as ``compare`` decides it (``alignment.same_fact``, languages from the
pair). Each pair is two sentences labelled ``same`` / ``contradict`` (one fact: should align) or
``related`` / ``unrelated`` (should not). The sentences go through the same language and entity
stages as an article, so contradiction reads names exactly as ``compare`` does. Used by the CI
gate (tests/test_claims.py) and docs/stories.md.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from parallax import registry
from parallax.compare.alignment import same_fact, wording
from parallax.compare.claims import claim_vectors
from parallax.compare.contradiction import conflict, contest, facts, name_vocabulary
from parallax.pipeline import run_stage
from parallax.records import Article, Published
from parallax.settings import Config


def _prf(tp: int, predicted: int, actual: int) -> dict[str, float]:
    p = tp / predicted if predicted else 1.0
    r = tp / actual if actual else 1.0
    return {"precision": round(p, 3), "recall": round(r, 3),
            "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


def _names(texts: list[str], config: Config) -> list[str]:
    articles = [Article(id=f"p{i}", role="main", title="", outlet=None, published=Published(),
                        text=t) for i, t in enumerate(texts)]
    for kind in ("language", "sentences", "entities"):
        run_stage(registry.create(kind, config.stages[kind], config), articles)
    return [m.canonical for a in articles for m in a.entities]


def score_pairs(path: Path, config: Config | None = None) -> dict[str, object]:
    config = config or Config()
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    a_texts, b_texts = [r["a"] for r in rows], [r["b"] for r in rows]
    cosine = (claim_vectors(a_texts) * claim_vectors(b_texts)).sum(axis=1)
    vocabulary = name_vocabulary(_names(a_texts + b_texts, config))
    pairs = [(facts(r["a"], vocabulary, r.get("lang_a")),
              facts(r["b"], vocabulary, r.get("lang_b"))) for r in rows]
    cues = [conflict(a, b) for a, b in pairs]  # any cue, attribution included
    contested = [contest(a, b, float(c))[0] for (a, b), c in zip(pairs, cosine, strict=True)]
    one_fact = [r["label"] in ("same", "contradict") for r in rows]
    aligned = [same_fact(wording(r["a"], None, r.get("lang_a")),
                         wording(r["b"], None, r.get("lang_b")), float(c))
               for r, c in zip(rows, cosine, strict=True)]
    contradict = [r["label"] == "contradict" for r in rows]
    # contradiction given the right alignment (the detector alone) and end to end
    detector = [c is not None for c, f in zip(contested, one_fact, strict=True) if f]
    truth = [c for c, f in zip(contradict, one_fact, strict=True) if f]
    end_to_end = [a and c is not None for a, c in zip(aligned, contested, strict=True)]
    by_cue: Counter[str] = Counter()
    found_by_cue: Counter[str] = Counter()
    contested_by_cue: Counter[str] = Counter()
    for r, cue, decided in zip(rows, cues, contested, strict=True):
        if r["label"] == "contradict":
            by_cue[r["cue"]] += 1
            found_by_cue[r["cue"]] += cue is not None
            contested_by_cue[r["cue"]] += decided is not None
    return {
        "pairs": len(rows),
        "cross_lingual": sum(r["lang_a"] != r["lang_b"] for r in rows),
        "alignment": _prf(sum(a and f for a, f in zip(aligned, one_fact, strict=True)),
                          sum(aligned), sum(one_fact)),
        "contradiction_given_alignment": _prf(
            sum(d and t for d, t in zip(detector, truth, strict=True)), sum(detector),
            sum(truth)),
        "contradiction_end_to_end": _prf(
            sum(e and t for e, t in zip(end_to_end, contradict, strict=True)), sum(end_to_end),
            sum(contradict)),
        "recall_by_cue": {cue: round(found_by_cue[cue] / n, 3) for cue, n in sorted(
            by_cue.items())},
        "contested_recall_by_cue": {cue: round(contested_by_cue[cue] / n, 3)
                                    for cue, n in sorted(by_cue.items())},
        "attribution_flag": _prf(
            sum(c == "attribution" and r["cue"] == "attribution" for c, r in zip(
                cues, rows, strict=True)),
            sum(c == "attribution" and f for c, f in zip(cues, one_fact, strict=True)),
            sum(r["cue"] == "attribution" for r in rows)),
    }
