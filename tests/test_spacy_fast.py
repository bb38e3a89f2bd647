"""The numpy NER token encoder (parallax.enrich.spacy_fast) must find spaCy's own entities:
a faster NER that labels differently would be a different recogniser, not a speed-up."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from parallax.enrich import spacy_fast
from parallax.enrich.ner import english_pipeline

ROOT = Path(__file__).resolve().parents[1]


def _english_texts() -> list[str]:
    texts = []
    for line in (ROOT / "tests/data/stories_gold/articles.jsonl").read_text(
            encoding="utf-8").splitlines():
        texts.append(json.loads(line)["text"])
    for path in sorted((ROOT / "tests/data/enrich_gold").glob("*-en-*.json")):
        texts.append(json.loads(path.read_text(encoding="utf-8"))["text"])
    for path in sorted((ROOT / "src/parallax/demo/corpus").iterdir()):
        texts.append(path.read_text(encoding="utf-8", errors="replace"))
    return [t for t in texts if t.strip()] + ["", "A", "Joe Biden met Olaf Scholz in Berlin."]


def _ents(nlp: Any, texts: list[str]) -> list[list[tuple[int, int, str]]]:
    return [[(e.start_char, e.end_char, e.label_) for e in doc.ents]
            for doc in nlp.pipe(texts, batch_size=16)]


@pytest.fixture()
def thinc_path() -> Any:
    """A switch that runs the loaded pipeline through thinc's own forward pass and ops; the
    fast path is put back afterwards."""
    from thinc.api import NumpyOps
    from thinc.layers.chain import forward as chain_forward

    nlp = english_pipeline()
    tok2vec = nlp.get_pipe("ner").model.get_ref("tok2vec")
    lower = nlp.get_pipe("ner").model.get_ref("lower")
    assert tok2vec.attrs.get("parallax_fast"), "english_pipeline() installs the fast path"
    fast_func, fast_ops = tok2vec._func, {id(n): n.ops for n in lower.walk()}

    def use_thinc() -> None:
        tok2vec._func = chain_forward
        for node in lower.walk():
            node.ops = NumpyOps()  # BLIS, as loaded

    yield use_thinc
    tok2vec._func = fast_func
    for node in lower.walk():
        node.ops = fast_ops[id(node)]


def test_fast_ner_finds_thincs_entities(thinc_path: Any) -> None:
    nlp = english_pipeline()
    texts = _english_texts()
    assert len(texts) > 20
    fast = _ents(nlp, texts)
    thinc_path()
    assert _ents(nlp, texts) == fast
    assert sum(map(len, fast)) > 100  # the comparison saw entities


def test_fast_token_vectors_match_thincs(thinc_path: Any) -> None:
    nlp = english_pipeline()
    tok2vec = nlp.get_pipe("ner").model.get_ref("tok2vec")
    docs = [nlp.make_doc(t) for t in _english_texts()[:16]]
    fast = tok2vec.predict(docs)
    thinc_path()
    assert 0 < float(np.abs(tok2vec.predict(docs) - fast).max()) < 1e-4  # two paths, one answer


def test_the_embedding_memo_never_changes_a_vector() -> None:
    """Feature rows are computed in products of >= 16 rows, so a token's embedding is the
    same bits whatever else the memo holds, and when it is emptied (tiny memo here)."""
    nlp = english_pipeline()
    tok2vec = nlp.get_pipe("ner").model.get_ref("tok2vec")
    texts = _english_texts()
    probe = [nlp.make_doc(t) for t in texts[:4]]
    fresh = spacy_fast.FastTok2Vec(tok2vec)(probe)
    seasoned = spacy_fast.FastTok2Vec(tok2vec)
    seasoned([nlp.make_doc(t) for t in texts[4:20]])
    assert np.array_equal(seasoned(probe), fresh)
    tiny = spacy_fast.FastTok2Vec(tok2vec)
    tiny._memo = np.zeros((600, tiny._memo.shape[1]), dtype=np.float32)
    tiny([nlp.make_doc(t) for t in texts[4:8]])
    assert np.array_equal(tiny(probe), fresh)
    assert tiny([]).shape == (0, 64)


def test_an_unexpected_model_is_left_alone() -> None:
    class Other:
        def get_pipe(self, name: str) -> Any:
            raise KeyError(name)

    assert spacy_fast.install(Other()) is False
    assert spacy_fast._is_small_ner_tok2vec(object()) is False
