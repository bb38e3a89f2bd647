"""A span scorer with a cut-off per language (twenty-seventh session, helper OF2): the same word
score passes in one language and not in another, the cut-offs survive saving, a file written
before them still loads, and the trainer picks the lowest cut-off that reaches the target."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from parallax.frame import span_training
from parallax.frame.hashing import tokens
from parallax.frame.linear import write_model
from parallax.frame.spans import BUCKETS, FORMAT, SpanScorer, token_buckets

TEXT = "The minister called the plan a disgraceful swindle today."


def _scorer() -> SpanScorer:
    """Only 'disgraceful' scores (about 0.27 through the sigmoid); everything else ~0."""
    weights = np.zeros((BUCKETS, 2), dtype=np.float32)
    toks = tokens(TEXT, 0)
    i = [t.text for t in toks].index("disgraceful")
    ids = sorted(set(token_buckets(toks, TEXT)[i]))
    others = {b for k, row in enumerate(token_buckets(toks, TEXT)) if k != i for b in row}
    only = [b for b in ids if b not in others]
    weights[only[0], 0] = 9.0
    bias = np.array([-10.0, -10.0], dtype=np.float32)
    return SpanScorer(["Loaded_Language", "Name_Calling-Labeling"], weights, bias,
                      np.array([0.2, 0.2], dtype=np.float32), {},
                      {"fr": np.array([0.3, 0.2], dtype=np.float32)})


def _words(scorer: SpanScorer, language: str | None) -> list[str]:
    return [TEXT[s:e] for s, e, _ in scorer.spans(TEXT, 0, len(TEXT), "Loaded_Language", [],
                                                   language=language)]


def test_the_cut_off_of_the_article_language_decides(tmp_path: Path) -> None:
    scorer = _scorer()
    assert _words(scorer, "en") == ["disgraceful"]  # no row: the per-technique 0.20
    assert _words(scorer, None) == ["disgraceful"]
    assert _words(scorer, "fr") == []  # 0.27 < 0.30
    scorer.save(tmp_path / "spans.npz")
    loaded = SpanScorer.load(tmp_path / "spans.npz")
    assert set(loaded.by_language) == {"fr"}
    assert np.allclose(loaded.by_language["fr"], [0.3, 0.2])
    assert _words(loaded, "fr") == [] and _words(loaded, "en") == ["disgraceful"]


def test_a_file_without_language_cut_offs_loads(tmp_path: Path) -> None:
    scorer = _scorer()
    write_model(tmp_path / "old.npz", {"format": FORMAT, "labels": scorer.labels, "meta": {}},
                {"weights": scorer.weights.astype(np.float16), "bias": scorer.bias,
                 "thresholds": scorer.thresholds})
    old = SpanScorer.load(tmp_path / "old.npz")
    assert old.by_language == {}
    assert _words(old, "fr") == ["disgraceful"]


def test_the_trainer_takes_the_lowest_cut_off_that_reaches_the_target(monkeypatch) -> None:
    # made-up scores: in "xx" tokens at 0.22 are mostly wrong, those at 0.32 and up mostly right
    rng = np.random.default_rng(0)
    n = 400
    oof = np.zeros((n, 2), dtype=np.float32)
    y = np.zeros((n, 2), dtype=bool)
    oof[:100, 0], y[:100, 0] = 0.22, rng.random(100) < 0.2
    oof[100:200, 0], y[100:200, 0] = 0.32, rng.random(100) < 0.9
    oof[:100, 1], y[:100, 1] = 0.22, True
    monkeypatch.setattr(span_training, "SHIPPED_PRECISION", {"xx": (0.8, 0.5), "zz": (0.5, 0.5)})
    floor = np.array([0.2, 0.2], dtype=np.float32)  # as stored: the float32 0.2 is above 0.2
    cuts = span_training.language_cut_offs(oof, y, ["xx"] * n, floor)
    assert set(cuts) == {"xx"}  # no rows in "zz": no row for it
    assert np.allclose(cuts["xx"], [0.25, 0.2])
