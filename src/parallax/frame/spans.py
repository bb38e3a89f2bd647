"""Where a word-level technique sits inside a paragraph: a token scorer learnt from span gold.

The paragraph model decides *whether* a paragraph uses loaded language or name-calling; this
decides *which words*. The paragraph model's lexical weights were a poor guide for that: they
reward words that co-occur with loaded paragraphs ("death", "instead", names of the politicians
such paragraphs discuss), so the span a user saw was often a plain word or a bare name. This
scorer is trained on the SemEval-2023 character spans themselves (all six languages): for each
token, is it inside a gold span of the technique? Features are hashed (no vocabulary is stored):
the word, its last three letters, its neighbours, the two bigrams, and its shape. Names are never
a span on their own: a token inside a named-entity mention (or capitalised mid-sentence) cannot
seed a span, so "Obama" is not loaded language, while "Crooked Hillary" keeps its name.

Training and the out-of-fold threshold live in ``parallax.frame.span_training``; this module is
what runs in the pipeline (numpy only).
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from parallax.frame.hashing import Token, tokens
from parallax.frame.linear import read_model, sigmoid, write_model
from parallax.textutil import STOPWORDS

BUCKETS = 1 << 17
FORMAT = "parallax-spans/1"
SPAN_TECHNIQUES = ("Loaded_Language", "Name_Calling-Labeling")
MAX_WORDS = 4
#: hyphen-minus, hyphen, non-breaking hyphen: what joins a compound ("self-assessment",
#: "anti-immigrant"); dashes between words are not among them
HYPHENS = frozenset("-\u2010\u2011")


def token_features(toks: list[Token], i: int, text: str) -> list[str]:
    w = toks[i].text
    prev = toks[i - 1].text if i > 0 else "<s>"
    nxt = toks[i + 1].text if i + 1 < len(toks) else "</s>"
    raw = text[toks[i].start:toks[i].end]
    shape = ("num" if w.isdigit() else "upper" if raw.isupper() and len(raw) > 1
             else "cap" if raw[:1].isupper() else "low")
    return [f"w:{w}", f"s:{w[-3:]}", f"p:{prev}", f"n:{nxt}", f"b:{prev} {w}", f"a:{w} {nxt}",
            f"h:{shape}", f"l:{min(len(w), 12)}", "stop" if w in STOPWORDS else "content"]


def word_features(toks: list[Token], i: int, text: str) -> list[str]:
    """The word and its ending only: a lexicon that travels to outlets it was not learnt on
    (neighbours and bigrams learnt the partisan outlets' topics; ``parallax.frame.loaded``)."""
    w = toks[i].text
    return [f"w:{w}", f"s:{w[-3:]}", "bias"]


FEATURES = {"context": token_features, "word": word_features}


def bucket(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8")) % BUCKETS


def token_buckets(toks: list[Token], text: str, kind: str = "context") -> list[list[int]]:
    features = FEATURES[kind]
    return [[bucket(f) for f in features(toks, i, text)] for i in range(len(toks))]


#: a paragraph's tokens and their probabilities (``SpanScorer.token_proba``)
Scored = tuple[list[Token], np.ndarray]


@dataclass(slots=True)
class SpanScorer:
    """Per technique: hashed token weights, a bias, and the out-of-fold threshold; per language
    where ``by_language`` has one (``span_training.language_cut_offs``: one cut-off over-marked
    French and German words once their gold was read at the right offsets, twenty-seventh
    session). A file without them (written before) loads with the per-technique ones only."""

    labels: list[str]
    weights: np.ndarray  # (BUCKETS, labels)
    bias: np.ndarray
    thresholds: np.ndarray
    meta: dict[str, Any] = field(default_factory=dict)
    by_language: dict[str, np.ndarray] = field(default_factory=dict)

    def cut(self, j: int, language: str | None) -> float:
        """The cut-off of label ``j`` for an article in ``language``."""
        row = self.by_language.get(language or "")
        return float((row if row is not None else self.thresholds)[j])

    def token_proba(self, text: str, start: int, end: int) -> Scored:
        toks = tokens(text[start:end], start)
        if not toks:
            return toks, np.zeros((0, len(self.labels)), dtype=np.float32)
        rows = token_buckets(toks, text, str(self.meta.get("features", "context")))
        z = np.stack([self.weights[ids].sum(axis=0) for ids in rows]) + self.bias
        return toks, sigmoid(z)

    def spans(self, text: str, start: int, end: int, label: str,
              names: list[tuple[int, int]], scored: Scored | None = None,
              language: str | None = None) -> list[tuple[int, int, float]]:
        """Runs of tokens whose probability passes the threshold, seeded by a content word that
        is not part of a name, at most ``MAX_WORDS`` long; each with its best token's
        probability. Empty when no word passes (the paragraph label then has no span).
        ``scored``: this paragraph's ``token_proba``, when the caller needs it too."""
        j = self.labels.index(label)
        toks, p = scored or self.token_proba(text, start, end)
        if not toks:
            return []
        keep = p[:, j] >= self.cut(j, language)
        out: list[tuple[int, int, float]] = []
        i = 0
        while i < len(toks):
            if not keep[i]:
                i += 1
                continue
            k = i
            while k + 1 < len(toks) and keep[k + 1] and k + 1 - i < MAX_WORDS:
                k += 1
            run = range(i, k + 1)
            seeds = [r for r in run if _seed(toks[r], text, names)]
            if seeds:
                lo = min(r for r in run if _content(toks[r]))
                hi = max(r for r in run if _content(toks[r]))
                s, e = whole_compound(text, toks[lo].start, toks[hi].end, start, end)
                if out and s < out[-1][1]:  # two runs inside one compound
                    s0, _, q = out.pop()
                    out.append((min(s0, s), e, max(q, float(p[list(run), j].max()))))
                else:
                    out.append((s, e, float(p[list(run), j].max())))
            i = k + 1
        return out

    def best_word(self, text: str, start: int, end: int, label: str,
                  names: list[tuple[int, int]], floor: float, scored: Scored | None = None
                  ) -> tuple[int, int, float] | None:
        """The one word that can seed a span and scores highest, if at least ``floor``: where a
        paragraph the technique model is sure of has no word over the cut-off."""
        j = self.labels.index(label)
        toks, p = scored or self.token_proba(text, start, end)
        seeds = [i for i, t in enumerate(toks) if _seed(t, text, names) and p[i, j] >= floor]
        if not seeds:
            return None
        i = max(seeds, key=lambda k: p[k, j])
        s, e = whole_compound(text, toks[i].start, toks[i].end, start, end)
        return s, e, float(p[i, j])

    def save(self, path: Path) -> None:
        header = {"format": FORMAT, "labels": self.labels, "meta": self.meta,
                  "language_thresholds": {k: [float(t) for t in v]
                                          for k, v in sorted(self.by_language.items())}}
        write_model(path, header, {"weights": self.weights.astype(np.float16),
                                   "bias": self.bias.astype(np.float32),
                                   "thresholds": self.thresholds.astype(np.float32)})

    @classmethod
    def load(cls, path: Path) -> SpanScorer:
        header, data = read_model(path, FORMAT)
        by_language = {k: np.asarray(v, dtype=np.float32)
                       for k, v in header.get("language_thresholds", {}).items()}
        return cls(list(header["labels"]), data["weights"].astype(np.float32),
                   data["bias"], data["thresholds"], header.get("meta", {}), by_language)


def whole_compound(text: str, s: int, e: int, lo: int = 0, hi: int | None = None
                   ) -> tuple[int, int]:
    """``s:e`` widened to the hyphenated compounds it touches, inside ``lo:hi``: the word
    tokens split "self-assessment" at the hyphen, and a span on "self" or on the "immigrant" of
    "anti-immigrant" shows the reader a word the author never wrote on its own (SemEval's gold
    spans split a compound 2 times in 3,040; dropping such spans instead of widening them
    scored 0.7319 against 0.7340 micro-F1 on the training documents, ninth session)."""
    hi = len(text) if hi is None else hi
    while s - 2 >= lo and text[s - 1] in HYPHENS and text[s - 2].isalnum():
        s -= 1
        while s > lo and text[s - 1].isalnum():
            s -= 1
    while e + 1 < hi and text[e] in HYPHENS and text[e + 1].isalnum():
        e += 1
        while e < hi and text[e].isalnum():
            e += 1
    return s, e


def _content(token: Token) -> bool:
    return token.text.isalpha() and token.text not in STOPWORDS and len(token.text) > 1


def _seed(token: Token, text: str, names: list[tuple[int, int]]) -> bool:
    """A word that can carry a span: a content word, not inside a name, not capitalised in the
    middle of a sentence (a name the entity stage missed)."""
    if not _content(token) or len(token.text) < 3:
        return False
    if any(s <= token.start and token.end <= e for s, e in names):
        return False
    raw = text[token.start:token.end]
    before = text[max(0, token.start - 2):token.start].strip()
    return not (raw[:1].isupper() and before not in ("", ".", "!", "?", '"', "“", "‘", ":")
                and not raw.isupper())
