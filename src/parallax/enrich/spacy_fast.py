"""spaCy's NER token encoder on numpy's BLAS instead of thinc's BLIS, for inference (issue 19).

The small English pipeline's ``ner`` reads each token through its own tok2vec: four hash
embeddings, a maxout layer, four residual window-maxout layers, a linear projection. thinc runs
their matrix products on BLIS, which on this machine's build reaches 26-33 GFLOPS at these
shapes where numpy's OpenBLAS reaches 68-96 (measured side by side, docs/speed.md), and its
maxout op reads the pieces strided. :class:`FastTok2Vec` computes the same layers in numpy with
the weights read from the loaded model: products through OpenBLAS, each maxout's weights
reordered so that a piece is a contiguous block (a max of three blocks), the same layer norm
formula, and thinc's own ``flatten``/``unflatten`` for the zero rows between documents, so the
layout the window layers see is the one thinc builds. The embedding half depends on a token's
four features alone and is kept per distinct feature row. Measured on 64-96 real articles,
alternating: the tok2vec 32 -> 13 CPU ms per article, the whole NER 72-87 -> 56-63.

The result differs from thinc's in the last bits (another summation order: at most ~5e-6 on
the token vectors), and the transition parser that reads it takes an argmax, so an entity
could in principle move where two actions tie that closely; on the 300 real articles of
benchmarks/bench_real.py the entities are identical to the character, and
tests/test_spacy_fast.py checks the gold and demo texts. Training (``is_train``) keeps thinc's
own forward pass. Any model whose layer structure is not exactly the one this was written for
is left alone (:func:`install` returns False), so a new spaCy model gets thinc's path.

The parser's first layer (``lower``, a precomputable affine over the token vectors) gets
numpy's matrix product the same way: its ops are swapped for ``NumpyOps(use_blis=False)``.
The parser's own step loop (thinc's C BLAS table) is untouched.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

#: the token features en_core_web_sm 3.x's NER tok2vec embeds
_EMBED_COLUMNS = ["NORM", "PREFIX", "SUFFIX", "SHAPE"]
#: distinct feature rows whose embedding is kept (96 floats each: 100,000 = 38 MB, allocated as
#: rows are written)
MEMO_ROWS = 100_000
#: a product of at least this many rows gives each row the same bits (OpenBLAS, see above)
_MIN_ROWS = 16
#: one lock for the memos, replaced in a forked child (a fork taken while another thread held
#: it would leave the child's copy locked for ever)
_LOCKS = [threading.Lock()]
if hasattr(os, "register_at_fork"):  # POSIX
    os.register_at_fork(after_in_child=lambda: _LOCKS.__setitem__(0, threading.Lock()))


class FastTok2Vec:
    """The NER tok2vec's inference forward pass in numpy (see the module docstring)."""

    def __init__(self, model: Any) -> None:
        inner, _, linear = model.layers
        embed_chain, encoder = inner.layers
        features, _, embed, reduce, _ = embed_chain.layers
        self.columns = features.attrs["columns"]
        self.tables: list[tuple[np.ndarray, int, int]] = []
        for part in embed.layers[0].layers:
            getitem, hashembed = part.layers
            self.tables.append((hashembed.get_param("E"), int(hashembed.attrs["seed"]),
                                int(getitem.attrs["index"][1])))
        maxout, norm = reduce.layers[0].layers[0].layers
        self.reduce = _maxout(maxout) + _norm(norm)
        self.pad = int(encoder.attrs["pad"])
        self.blocks = []
        for residual in encoder.layers[0].layers:
            window, rest = residual.layers[0].layers
            maxout, norm = rest.layers[0].layers
            self.blocks.append((int(window.attrs["window_size"]), *_maxout(maxout),
                                *_norm(norm)))
        self.linear_w = np.ascontiguousarray(linear.get_param("W").T)
        self.linear_b = linear.get_param("b")
        self.ops = model.ops
        self._memo = np.zeros((MEMO_ROWS, self.reduce[2]), dtype=np.float32)
        self._row: dict[bytes, int] = {}
        self._used = 0

    def __call__(self, docs: Sequence[Any]) -> np.ndarray:
        with _LOCKS[0]:  # the memo is shared state (the web app runs threads)
            return self._forward(docs)

    def _forward(self, docs: Sequence[Any]) -> np.ndarray:
        width = len(self.columns)
        feats = [np.asarray(doc.to_array(self.columns), dtype=np.uint64).reshape(len(doc), width)
                 for doc in docs]
        lengths = [len(f) for f in feats]
        flat = np.concatenate(feats) if feats else np.zeros((0, width), np.uint64)
        if not len(flat):
            return np.zeros((0, len(self.linear_b)), dtype=np.float32)
        x = self._embedded(flat)
        # thinc's with_array(pad=...) layout: zero rows before each document and after the last
        xs = np.split(x, np.cumsum(lengths)[:-1])
        h = self.ops.flatten(xs, pad=self.pad)
        for width, w, b, n_out, g, beta in self.blocks:
            h = h + _apply_maxout_norm(_window(h, width), w, b, n_out, g, beta)
        out = self.ops.unflatten(h, np.asarray(lengths, dtype="i"), pad=self.pad)
        y = np.concatenate(out) @ self.linear_w
        y += self.linear_b
        return np.asarray(y, dtype=np.float32)


    def _embedded(self, flat: np.ndarray) -> np.ndarray:
        """The embedding half (hash embeddings, maxout, layer norm) depends on a token's four
        features only, so it is kept per distinct feature row (bounded; emptied when full).
        New rows are computed in products of at least ``_MIN_ROWS`` rows, where OpenBLAS
        gives a row the same bits whatever its neighbours: the memo never changes a value."""
        keys = np.ascontiguousarray(flat).view(np.dtype((np.void, flat.shape[1] * 8))).ravel()
        unique, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
        names = [k.tobytes() for k in unique]
        rows = np.array([self._row.get(k, -1) for k in names], dtype=np.int64)
        missing = np.flatnonzero(rows < 0)
        if len(missing):
            if self._used + len(missing) > len(self._memo):
                self._row.clear()
                self._used = 0
                missing = np.arange(len(unique))
            start, stop = self._used, self._used + len(missing)
            self._memo[start:stop] = self._compute(flat[first[missing]])
            for i, m in enumerate(missing.tolist(), start):
                self._row[names[m]] = i
            rows[missing] = np.arange(start, stop)
            self._used = stop
        return self._memo[rows[inverse.ravel()]]

    def _compute(self, flat: np.ndarray) -> np.ndarray:
        count = len(flat)
        if count < _MIN_ROWS:
            flat = np.concatenate([flat, np.zeros((_MIN_ROWS - count, flat.shape[1]),
                                                  dtype=flat.dtype)])
        parts = []
        for table, seed, column in self.tables:
            keys = self.ops.hash(np.ascontiguousarray(flat[:, column]), seed) % table.shape[0]
            parts.append(self.ops.gather_add(table, keys))
        return _apply_maxout_norm(np.hstack(parts), *self.reduce)[:count]


def _maxout(layer: Any) -> tuple[np.ndarray, np.ndarray, int]:
    """Weights (nO, nP, nI) reordered to (nI, nP*nO): piece p of every output is the
    contiguous block p, so the max over pieces is a max of nP blocks."""
    weights, bias = layer.get_param("W"), layer.get_param("b")
    n_out, pieces, n_in = weights.shape
    w = np.ascontiguousarray(weights.transpose(1, 0, 2).reshape(pieces * n_out, n_in).T)
    return w, np.ascontiguousarray(bias.T.reshape(-1)), n_out


def _norm(layer: Any) -> tuple[np.ndarray, np.ndarray]:
    return layer.get_param("G"), layer.get_param("b")


def _apply_maxout_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray, n_out: int,
                       g: np.ndarray, beta: np.ndarray) -> np.ndarray:
    y = x @ w
    y += b
    best = y[:, :n_out].copy()
    for p in range(n_out, y.shape[1], n_out):
        np.maximum(best, y[:, p:p + n_out], out=best)
    # thinc's LayerNorm: (X - mean) * (var + 1e-8) ** -0.5 * G + b
    mu = best.mean(axis=1, keepdims=True)
    var = best.var(axis=1, keepdims=True) + 1e-08
    out = (best - mu) * var ** (-1.0 / 2.0)
    out *= g
    out += beta
    return out


def _window(x: np.ndarray, width: int) -> np.ndarray:
    """thinc's seq2col over one sequence: each row next to its ``width`` neighbours on each
    side, zeros past the ends."""
    n, dim = x.shape
    out = np.zeros((n, (2 * width + 1) * dim), dtype=x.dtype)
    for k in range(-width, width + 1):
        col = (k + width) * dim
        if k < 0:
            out[-k:, col:col + dim] = x[:n + k]
        elif k > 0:
            out[:n - k, col:col + dim] = x[k:]
        else:
            out[:, col:col + dim] = x
    return out


def _is_small_ner_tok2vec(model: Any) -> bool:
    """The exact layer structure FastTok2Vec reads; anything else keeps thinc's path."""
    try:
        inner, list2array, linear = model.layers
        embed_chain, encoder = inner.layers
        features, to_ragged, embed, reduce, to_list = embed_chain.layers
        names = [features.name, to_ragged.name, to_list.name, list2array.name, linear.name]
        if names != ["extract_features", "list2ragged", "ragged2list", "list2array", "linear"]:
            return False
        if features.attrs.get("columns") != _EMBED_COLUMNS or embed.attrs.get("pad") != 0:
            return False
        if [p.layers[1].name for p in embed.layers[0].layers] != ["hashembed"] * 4:
            return False
        if any(p.layers[1].attrs.get("dropout_rate") not in (0.0, None)
               for p in embed.layers[0].layers):
            return False
        maxout, norm = reduce.layers[0].layers[0].layers
        if (maxout.name, norm.name) != ("maxout", "layernorm"):
            return False
        for residual in encoder.layers[0].layers:
            window, rest = residual.layers[0].layers
            maxout, norm = rest.layers[0].layers
            if (residual.name.startswith("residual") is False or window.name != "expand_window"
                    or (maxout.name, norm.name) != ("maxout", "layernorm")):
                return False
        return bool(linear.has_param("W") and linear.has_param("b"))
    except (AttributeError, KeyError, ValueError, IndexError, TypeError):
        return False


def install(nlp: Any) -> bool:
    """Give the pipeline's ``ner`` the numpy tok2vec and ``lower`` numpy's products.
    True when done; False (nothing changed) when the model is not the one expected."""
    try:
        from thinc.api import NumpyOps

        ner = nlp.get_pipe("ner")
        tok2vec = ner.model.get_ref("tok2vec")
        lower = ner.model.get_ref("lower")
    except (ImportError, KeyError, ValueError):
        return False
    if tok2vec.attrs.get("parallax_fast"):
        return True
    if not _is_small_ner_tok2vec(tok2vec):
        return False
    fast = FastTok2Vec(tok2vec)
    thinc_forward: Callable[..., Any] = tok2vec._func

    def forward(model: Any, docs: Any, is_train: bool) -> Any:
        if is_train:
            return thinc_forward(model, docs, is_train)
        return fast(docs), _no_backprop

    tok2vec._func = forward
    tok2vec.attrs["parallax_fast"] = True
    numpy_ops = NumpyOps(use_blis=False)
    for node in lower.walk():
        node.ops = numpy_ops
    return True


def _no_backprop(_: Any) -> Any:
    raise RuntimeError("the numpy NER tok2vec is for inference only")
