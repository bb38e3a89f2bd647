"""The region chooser of the text-dump line model (``segment/regions.py``)."""

from __future__ import annotations

import json
from importlib import resources

import numpy as np

from parallax.segment import regions
from parallax.segment.linemodel import best_region, default_model


def _page(seed: int, n: int = 120) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    rng = np.random.default_rng(seed)
    p = 0.3 * rng.random(n)  # menus, teasers
    a, b = n // 3, 2 * n // 3
    p[a:b] = 0.6 + 0.4 * rng.random(b - a)  # a prose block
    columns = {"words": rng.integers(1, 60, n).astype(np.float64),
               **{name: (rng.random(n) > 0.5).astype(np.float64)
                  for name in ("paragraph", "ends_sentence", "heading", "phrase")},
               "stop_ratio": rng.random(n)}
    return p, columns


def test_best_runs_are_the_maximum_subarrays() -> None:
    rng = np.random.default_rng(3)
    score = rng.normal(size=(7, 90))
    starts, ends, gains = regions._best_runs(score)
    for row, s, e, g in zip(score, starts, ends, gains, strict=True):
        bs, be = best_region(row)
        assert np.isclose(row[s:e + 1].sum(), g)
        assert np.isclose(row[bs:be + 1].sum(), g)  # the same best sum as the reference


def test_candidate_features_match_a_span_by_span_computation() -> None:
    p, c = _page(1)
    found, rows = regions.candidate_features(
        p, c["words"], c["paragraph"], c["ends_sentence"], c["stop_ratio"], c["heading"],
        c["phrase"], 0.2)
    assert found and rows.shape == (len(found), len(regions.NAMES))
    assert len(set(found)) == len(found)
    col = {name: j for j, name in enumerate(regions.NAMES)}
    words = c["words"]
    for (s, e), row in zip(found, rows, strict=True):
        span = slice(s, e + 1)
        kept = p[span] >= 0.2
        assert row[col["p_max"]] == p[span].max()
        assert row[col["p_min_kept"]] == (p[span][kept].min() if kept.any() else 0.0)
        assert np.isclose(row[col["words_rel"]], words[span].sum() / words.sum())
        assert np.isclose(row[col["kept_share"]], words[span][kept].sum() / words[span].sum())
        assert np.isclose(row[col["heading_in"]], c["heading"][span].mean())
        assert row[col["p_before"]] == (p[s - 1] if s > 0 else -1.0)
        assert row[col["p_after"]] == (p[e + 1] if e + 1 < len(p) else -1.0)
    base = [row for row in rows if row[col["is_base"]] == 1.0]
    assert len(base) == 1 and base[0][col["overlap_base"]] == 1.0


def test_no_candidate_keeps_only_sure_lines() -> None:
    model = default_model()
    assert model is not None and model.regions is not None
    p = np.full(30, 0.05)
    p[3] = 0.95
    _, columns = _page(2, 30)
    keep = model.regions.choose(p, columns)
    assert keep.tolist() == [i == 3 for i in range(30)]


def test_the_chooser_keeps_the_prose_block() -> None:
    model = default_model()
    assert model is not None and model.regions is not None
    p, columns = _page(4)
    keep = model.regions.choose(p, columns)
    assert keep[40:80].all()
    assert keep.sum() < 0.5 * len(p)


def test_shipped_region_model_matches_the_code() -> None:
    chooser = regions.default_regions()
    assert chooser is not None, "segment/data/line-regions-v1.json is missing"
    assert chooser.relative and chooser.pairwise
    width = len(regions.NAMES + regions.RELATIVE)
    used = set(chooser.trees.feature.ravel().tolist())
    assert max(used) < 2 * width  # the pair's difference, then the first candidate's row
    # the trees read the difference of some page-relative columns (else they would not be
    # worth their cost) and the first candidate's own row
    assert used & set(range(len(regions.NAMES), width))
    assert used & set(range(width, 2 * width))


class _FirstColumnWins:
    """A stand-in chooser: the candidate with the larger first column wins the pair."""

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        return np.asarray(1.0 / (1.0 + np.exp(-10.0 * x[:, 0])))


def test_pair_scores_rank_by_pairwise_wins() -> None:
    rows = np.array([[0.1, 5.0], [0.9, 1.0], [0.5, 3.0], [0.2, 0.0]])
    pairs = regions.pair_rows(rows)
    assert pairs.shape == (6, 4)
    assert np.allclose(pairs[0], [0.1 - 0.9, 5.0 - 1.0, 0.1, 5.0])  # (0, 1): difference, first
    score = regions.pair_scores(rows, _FirstColumnWins())  # type: ignore[arg-type]
    assert score.argsort().tolist() == [0, 3, 2, 1]
    # each pair hands out one win in all, read as p for the first and 1 - p for the second
    assert np.isclose(score.sum(), len(rows) / 2)
    assert regions.pair_scores(rows[:1], _FirstColumnWins()).tolist() == [1.0]  # type: ignore[arg-type]


def test_pointwise_region_files_still_load() -> None:
    path = resources.files("parallax.segment") / "data" / "line-regions-v1.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert regions.from_dict(data).pairwise
    data.pop("kind")  # a file of the sixth session: one candidate at a time
    assert not regions.from_dict(data).pairwise


def test_relative_columns_compare_a_pages_candidates() -> None:
    p, c = _page(1)
    _, rows = regions.candidate_features(
        p, c["words"], c["paragraph"], c["ends_sentence"], c["stop_ratio"], c["heading"],
        c["phrase"], 0.2)
    full = regions.with_relative(rows)
    names = regions.NAMES + regions.RELATIVE
    assert full.shape == (len(rows), len(names))
    assert np.array_equal(full[:, :len(regions.NAMES)], rows)
    words = rows[:, regions.NAMES.index("log_words")]
    assert np.allclose(full[:, names.index("log_words-max")], words - words.max())
    assert np.allclose(full[:, names.index("log_words-min")], words - words.min())
    assert (full[:, names.index("candidates")] == len(rows)).all()
