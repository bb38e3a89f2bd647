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
#: threads of a batch insert (0: all cores). A multi-threaded build links the graph in an order
#: that varies between runs, so two runs may group a few generated articles differently;
#: benchmarks/bench_stories.py --deterministic sets 1 to compare two versions' groupings
BUILD_THREADS = 0
#: threads of a batch search (0: all cores); the hits do not depend on it. One: the batch is a
#: consolidation's first round, a small share of its time, and on a loaded machine a second
#: thread waiting on the first costs CPU for nothing
SEARCH_THREADS = 1


class VectorIndex:
    def __init__(self, dim: int = DIM) -> None:
        self.dim = dim
        self._keys: list[int] = []
        #: exact scan rows, grown by doubling: re-stacking a list of rows per query made the
        #: first 2,000 articles of a corpus cost O(n^2) copies (a tenth of a 10k benchmark)
        self._matrix = np.zeros((64, dim), dtype=np.float32)
        self._hnsw: Any = None

    def __len__(self) -> int:
        return len(self._keys) if self._hnsw is None else len(self._hnsw)

    def add(self, key: int, vector: np.ndarray) -> None:
        vector = np.asarray(vector, dtype=np.float32)
        if self._hnsw is not None:
            self._hnsw.add(key, vector)
            return
        n = len(self._keys)
        if n == len(self._matrix):
            grown = np.zeros((2 * n, self.dim), dtype=np.float32)
            grown[:n] = self._matrix
            self._matrix = grown
        self._matrix[n] = vector
        self._keys.append(key)
        if len(self._keys) >= EXACT_BELOW:
            self._promote()

    def add_many(self, keys: list[int], vectors: np.ndarray) -> None:
        if not keys:
            return
        if self._hnsw is None and len(self._keys) + len(keys) >= EXACT_BELOW:
            self._promote()
        if self._hnsw is not None:
            self._hnsw.add(np.asarray(keys, dtype=np.uint64),
                           np.asarray(vectors, dtype=np.float32), threads=BUILD_THREADS)
            return
        for key, vector in zip(keys, vectors, strict=True):
            self.add(key, vector)

    def _promote(self) -> None:
        """Move to an HNSW graph once the corpus is big enough to need one."""
        index = new_graph(self.dim)
        if index is None:
            return
        if self._keys:
            index.add(np.asarray(self._keys, dtype=np.uint64), self._matrix[:len(self._keys)],
                      threads=BUILD_THREADS)
        self._hnsw = index
        self._keys, self._matrix = [], np.zeros((0, self.dim), dtype=np.float32)

    @property
    def graph(self) -> Any:
        """The HNSW graph (None while an exact scan serves): ``stories.keptgraph`` saves it."""
        return self._hnsw

    def adopt(self, graph: Any) -> None:
        """Serve from a graph built earlier (``stories.keptgraph``) instead of what was added;
        keys go on from ``len(graph)``."""
        self._hnsw = graph
        self._keys, self._matrix = [], np.zeros((0, self.dim), dtype=np.float32)

    def search_keys(self, vectors: np.ndarray, k: int) -> list[list[int]]:
        """The keys ``search`` finds for each row, in one call: a consolidation's first round
        searches every story it starts from, and HNSW answers a batch of queries for about
        three quarters of the CPU of one call each (same hits: each query walks the graph
        alone, whatever the batch)."""
        if self._hnsw is None:
            return [[key for key, _ in self.search(v, k)] for v in vectors]
        if len(self._hnsw) == 0 or not len(vectors):
            return [[] for _ in vectors]
        matches = self._hnsw.search(np.asarray(vectors, dtype=np.float32),
                                    min(k, len(self._hnsw)), threads=SEARCH_THREADS)
        return [row[:n] for row, n in zip(matches.keys.tolist(), matches.counts.tolist(),
                                          strict=True)]

    def search(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        """Up to ``k`` (key, inner product) pairs, best first."""
        vector = np.asarray(vector, dtype=np.float32)
        if self._hnsw is not None:
            if len(self._hnsw) == 0:
                return []
            matches = self._hnsw.search(vector, min(k, len(self._hnsw)))
            return list(zip(matches.keys.tolist(), (1.0 - matches.distances).tolist(),
                            strict=True))
        n = len(self._keys)
        if not n:
            return []
        scores = self._matrix[:n] @ vector
        top = np.argpartition(-scores, k)[:k] if n > k else np.arange(n)
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(self._keys[i], float(scores[i])) for i in top.tolist()]


#: what a graph is built with: a kept graph (``stories.keptgraph``) is used only when made so
GRAPH_SETTINGS: dict[str, Any] = {"metric": "ip", "dtype": "f16", "connectivity": 16,
                                  "expansion_add": 64, "expansion_search": 64}


def new_graph(dim: int = DIM) -> Any:
    """An empty HNSW graph, or None where usearch does not import."""
    try:
        from usearch.index import Index
    except ImportError:  # pragma: no cover - usearch is a declared dependency
        log.warning("usearch is not importable; story candidates use an exact scan")
        return None
    return Index(ndim=dim, **GRAPH_SETTINGS)
