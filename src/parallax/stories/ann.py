"""Nearest-neighbour search over article vectors, so finding a story's candidates costs the same
at a hundred articles as at a million.

usearch (HNSW, a small wheel with no other dependencies) when it imports; an exact numpy scan
otherwise, which is also what tiny corpora get because HNSW recall is not worth its build cost
below a few thousand vectors. Both take integer keys chosen by the caller (the store's row ids),
so an index and the store never disagree about which article a hit is.
"""

from __future__ import annotations

import logging
from typing import Any

import numpy as np

from parallax.embeddings import DIM

log = logging.getLogger(__name__)

#: below this many vectors an exact scan is faster than building and querying a graph
EXACT_BELOW = 2_000


class VectorIndex:
    def __init__(self, dim: int = DIM) -> None:
        self.dim = dim
        self._keys: list[int] = []
        self._rows: list[np.ndarray] = []
        self._matrix: np.ndarray | None = None  # exact scan, built lazily
        self._hnsw: Any = None

    def __len__(self) -> int:
        return len(self._keys) if self._hnsw is None else len(self._hnsw)

    def add(self, key: int, vector: np.ndarray) -> None:
        vector = np.asarray(vector, dtype=np.float32)
        if self._hnsw is not None:
            self._hnsw.add(key, vector)
            return
        self._keys.append(key)
        self._rows.append(vector)
        self._matrix = None
        if len(self._keys) >= EXACT_BELOW:
            self._promote()

    def add_many(self, keys: list[int], vectors: np.ndarray) -> None:
        if not keys:
            return
        if self._hnsw is None and len(self._keys) + len(keys) >= EXACT_BELOW:
            self._promote()
        if self._hnsw is not None:
            self._hnsw.add(np.asarray(keys, dtype=np.uint64),
                           np.asarray(vectors, dtype=np.float32))
            return
        for key, vector in zip(keys, vectors, strict=True):
            self.add(key, vector)

    def _promote(self) -> None:
        """Move to an HNSW graph once the corpus is big enough to need one."""
        try:
            from usearch.index import Index
        except ImportError:  # pragma: no cover - usearch is a declared dependency
            log.warning("usearch is not importable; story candidates use an exact scan")
            return
        index = Index(ndim=self.dim, metric="ip", dtype="f16", connectivity=16,
                      expansion_add=64, expansion_search=64)
        if self._keys:
            index.add(np.asarray(self._keys, dtype=np.uint64), np.stack(self._rows))
        self._hnsw = index
        self._keys, self._rows, self._matrix = [], [], None

    def search(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        """Up to ``k`` (key, inner product) pairs, best first."""
        vector = np.asarray(vector, dtype=np.float32)
        if self._hnsw is not None:
            if len(self._hnsw) == 0:
                return []
            matches = self._hnsw.search(vector, min(k, len(self._hnsw)))
            return [(int(key), 1.0 - float(dist))
                    for key, dist in zip(matches.keys, matches.distances, strict=True)]
        if not self._keys:
            return []
        if self._matrix is None:
            self._matrix = np.stack(self._rows)
        scores = self._matrix @ vector
        top = np.argsort(-scores)[:k]
        return [(self._keys[i], float(scores[i])) for i in top]
