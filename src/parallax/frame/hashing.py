"""Hashed word features: the lexical half of the technique and role models.

Loaded language and name-calling live in single words, which sentence embeddings blur. Words and
word pairs are hashed into a fixed number of buckets, so the shipped weights hold no vocabulary
(and no text from the research data), any language works, and a word's weight says how much it
pushed a label, which is how technique spans are placed on the words that carry them.
"""

from __future__ import annotations

import itertools
import re
import zlib
from dataclasses import dataclass

import numpy as np

from parallax.textutil import STOPWORDS

WORD = re.compile(r"\w+|[!?\"“”«»]")


@dataclass(slots=True)
class Token:
    text: str
    start: int
    end: int


def tokens(text: str, offset: int = 0) -> list[Token]:
    return [Token(m.group().lower(), offset + m.start(), offset + m.end())
            for m in WORD.finditer(text)]


def _bucket(feature: str, buckets: int) -> int:
    return zlib.crc32(feature.encode("utf-8")) % buckets


def bucket_ids(toks: list[Token], buckets: int) -> list[int]:
    """Sorted unique buckets of the unigrams and bigrams."""
    words = [t.text for t in toks]
    features = set(words) | {f"{a} {b}" for a, b in itertools.pairwise(words)}
    return sorted({_bucket(f, buckets) for f in features})


def token_contributions(toks: list[Token], weights: np.ndarray) -> np.ndarray:
    """How much each token pushes one label: its own weight plus half of each bigram it is in.

    ``weights`` is one label's column of the hashed weights.
    """
    buckets = len(weights)
    words = [t.text for t in toks]
    out = np.array([weights[_bucket(w, buckets)] for w in words], dtype=np.float32)
    for i in range(len(words) - 1):
        share = 0.5 * float(weights[_bucket(f"{words[i]} {words[i + 1]}", buckets)])
        out[i] += share
        out[i + 1] += share
    return out


def sparse_rows(texts: list[str], buckets: int):  # type: ignore[no-untyped-def]
    """A CSR matrix of binary hashed features, one row per text (scipy, training only)."""
    from scipy import sparse

    indices: list[int] = []
    indptr = [0]
    for text in texts:
        indices.extend(bucket_ids(tokens(text), buckets))
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float32)
    return sparse.csr_matrix((data, indices, indptr), shape=(len(texts), buckets))


def _content(token: Token) -> bool:
    return len(token.text) > 2 and token.text.isalpha() and token.text not in STOPWORDS


def word_span(toks: list[Token], weights: np.ndarray) -> tuple[int, int] | None:
    """The content word the lexical part weighs most, widened over neighbouring content words
    that weigh at least half as much (at most four words)."""
    if not toks:
        return None
    pushes = token_contributions(toks, weights)
    content = [i for i, t in enumerate(toks) if _content(t)]
    if not content:
        return None
    best = max(content, key=lambda i: pushes[i])
    if pushes[best] <= 0:
        return None
    lo = hi = best

    def strong(i: int) -> bool:
        return _content(toks[i]) and pushes[i] >= 0.5 * pushes[best]

    while lo > 0 and hi - lo < 3 and strong(lo - 1):
        lo -= 1
    while hi + 1 < len(toks) and hi - lo < 3 and strong(hi + 1):
        hi += 1
    return toks[lo].start, toks[hi].end
