"""Training the news loaded-words scorer (``loaded.npz``) on BABE's experts' word marks.

SemEval's span gold comes from propaganda articles: on real US news sentences the words its token
scorer picked were what BABE's experts marked as loaded only 26% of the time (outlets the
cut-off was not chosen on). This scorer learns from news itself: every token of a BABE sentence
(``bias/babe/final_labels_SG2.csv``) is positive when the experts listed it among the sentence's
biased words. Only the *tune outlets* (:data:`TUNE_OUTLETS`: Alternet, Breitbart, Federalist) are
trained on; the other outlets (Reuters, USA Today, MSNBC, Fox News, HuffPost, ...) are the check,
scored end to end by ``benchmarks/frame_realnews.py babe --exclude-outlets ...``.

Features are the word and its last three letters only (:func:`parallax.frame.spans.word_features`,
hashed, no vocabulary stored): with neighbours and bigrams the model learnt the partisan outlets'
topics and lost 0.05 of precision on the other outlets. The cut-off is chosen on the tune outlets,
leave one outlet out: the lowest one at which the words it marks in the left-out outlet were
loaded at least :data:`TUNE_PRECISION` of the time. That bar is high on purpose: partisan outlets
mark four times as many words as mainstream ones (4.9% of tokens against 1.1%), so precision
measured there overstates what a mainstream article gets.
"""

from __future__ import annotations

import ast
import csv
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from parallax.frame.hashing import tokens
from parallax.frame.span_training import fit_token_scorer
from parallax.frame.spans import BUCKETS, SpanScorer, _seed, token_buckets
from parallax.frame.training import THRESHOLDS

TUNE_OUTLETS = ("Alternet", "Breitbart", "Federalist")
TUNE_PRECISION = 0.70
C = 2.0
_WORD = re.compile(r"\w+(?:[-']\w+)*")


def babe_rows(path: Path) -> list[dict[str, str]]:
    """BABE's sentences with an agreed label (``path``: the CSV or its folder)."""
    csv_path = path / "final_labels_SG2.csv" if path.is_dir() else path
    with csv_path.open(encoding="utf-8-sig") as fh:
        return [r for r in csv.DictReader(fh, delimiter=";")
                if r["label_bias"] in ("Biased", "Non-biased")]


def marked_words(row: dict[str, str]) -> set[str]:
    """The words experts marked, lower-cased and split (a phrase marks each of its words)."""
    try:
        phrases = ast.literal_eval(row.get("biased_words") or "[]")
    except (ValueError, SyntaxError):
        phrases = []
    return {w.lower() for phrase in phrases for w in _WORD.findall(str(phrase))}


def token_table(rows: list[dict[str, str]]) -> tuple[Any, np.ndarray, np.ndarray, np.ndarray]:
    """CSR word features, gold, outlet and "may seed a span" per token."""
    from scipy import sparse

    indices: list[int] = []
    indptr = [0]
    gold: list[bool] = []
    outlets: list[str] = []
    seeds: list[bool] = []
    for row in rows:
        text = row["text"].strip()
        marked = marked_words(row)
        toks = tokens(text)
        for tok, ids in zip(toks, token_buckets(toks, text, "word"), strict=True):
            indices.extend(sorted(set(ids)))
            indptr.append(len(indices))
            gold.append(tok.text in marked)
            outlets.append(row["outlet"])
            seeds.append(_seed(tok, text, []))
    x = sparse.csr_matrix((np.ones(len(indices), np.float32), indices, indptr),
                          shape=(len(indptr) - 1, BUCKETS))
    return x, np.asarray(gold), np.asarray(outlets), np.asarray(seeds)


def _pr(pred: np.ndarray, y: np.ndarray) -> dict[str, float]:
    tp = float((pred & y).sum())
    return {"precision": tp / max(1.0, float(pred.sum())), "recall": tp / max(1.0, float(y.sum())),
            "marked_tokens": float(pred.sum())}


def train_loaded(babe: Path, out: Path) -> dict[str, Any]:
    x, y, outlets, seeds = token_table(babe_rows(babe))
    tune = np.isin(outlets, TUNE_OUTLETS)
    oof = np.zeros(len(y), dtype=np.float32)
    for outlet in TUNE_OUTLETS:
        w, b = fit_token_scorer(x[tune & (outlets != outlet)], y[tune & (outlets != outlet)], C)
        left = outlets == outlet
        oof[left] = 1 / (1 + np.exp(-(x[left] @ w + b)))
    passing = [float(t) for t in THRESHOLDS
               if _pr((oof >= t) & seeds & tune, y & tune)["precision"] >= TUNE_PRECISION]
    threshold = min(passing) if passing else 0.9
    w, b = fit_token_scorer(x[tune], y[tune], C)
    held = 1 / (1 + np.exp(-(x[~tune] @ w + b)))
    card: dict[str, Any] = {
        "task": "loaded-words", "trained": date.today().isoformat(),
        "data": "BABE final_labels_SG2.csv, tune outlets only", "tune_outlets": TUNE_OUTLETS,
        "threshold": threshold, "tune_precision_bar": TUNE_PRECISION,
        "tokens": {"tune": int(tune.sum()), "check": int((~tune).sum())},
        "cross_validation_leave_one_outlet_out": _pr((oof >= threshold) & seeds & tune, y & tune),
        "check_outlets_tokens": _pr((held >= threshold) & seeds[~tune], y[~tune]),
        "note": "token level on the sentences alone; the end-to-end number (through analyze) "
                "is in docs/framing.md",
    }
    scorer = SpanScorer(["Loaded_Language"], w[:, None], np.array([b], np.float32),
                        np.array([threshold], np.float32),
                        {"features": "word", "languages": ["en"], "trained": card["trained"]})
    out.mkdir(parents=True, exist_ok=True)
    scorer.save(out / "loaded.npz")
    (out / "loaded.card.json").write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    return card


if __name__ == "__main__":  # make models: python -m parallax.frame.loaded_training BABE OUT
    import sys

    print(json.dumps(train_loaded(Path(sys.argv[1]), Path(sys.argv[2])), indent=2))
