"""English technique cut-offs chosen on the path users get (twenty-ninth session, helper TQ3):
a technique the paragraph model scores between the rows' cut-off and the path's is not shown in
English, where through the path it was right less than half the time, and still is in the
languages the path check did not measure. The sentences are written for this test."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pytest

from parallax import embeddings
from parallax.frame.features import embed_text
from parallax.frame.linear import LinearLabeller
from parallax.frame.technique_cutoffs import PATH_CUTOFFS, path_cutoffs
from parallax.frame.trained import TrainedFraming, _Context
from parallax.records import Article, Published

FLAG_WAVING = "Flag_Waving"
EXAGGERATION = "Exaggeration-Minimisation"


@dataclass(slots=True)
class _Fixed(LinearLabeller):
    """The shipped techniques model with fixed paragraph probabilities."""

    fixed: Any = None

    def proba(self, x: np.ndarray, buckets: list[list[int]] | None = None) -> np.ndarray:
        return np.tile(self.fixed, (len(x), 1))


@pytest.fixture(scope="module")
def framing() -> TrainedFraming:
    return TrainedFraming()


def _shown(framing: TrainedFraming, language: str, probabilities: dict[str, float]
           ) -> set[str]:
    shipped = framing.models["techniques"]
    fixed = np.zeros(len(shipped.labels), np.float32)
    for label, p in probabilities.items():
        fixed[shipped.labels.index(label)] = p
    framing.models["techniques"] = _Fixed(shipped.labels, shipped.weights, shipped.bias,
                                          shipped.slope, shipped.intercept, shipped.thresholds,
                                          shipped.meta, fixed=fixed)
    text = ("The new ferry is the greatest triumph any harbour town has ever seen, and nothing "
            "in the history of the coast comes close to it.")
    article = Article(id="a1", role="main", title="Ferry", outlet=None, published=Published(),
                      text=text, language=language)
    try:
        framing._techniques(article, _Context(embed_text(text, language, embeddings.encode),
                                              False, []))
    finally:
        framing.models["techniques"] = shipped
    return {t.technique for t in article.techniques}


def test_english_needs_the_path_cut_off_other_languages_the_models(
        framing: TrainedFraming) -> None:
    model = framing.models["techniques"]
    j = model.labels.index(EXAGGERATION)
    rows_cut, path_cut = float(model.thresholds[j]), PATH_CUTOFFS["en"][EXAGGERATION]
    assert rows_cut < path_cut
    between = {EXAGGERATION: (rows_cut + min(path_cut, 1.0)) / 2, "Doubt": 0.9,
               FLAG_WAVING: 0.9}
    # Flag waving keeps the rows' cut-off in English: the same paragraph still shows it;
    # Doubt, withheld in English on the path (right 29 of 70 out of fold), shows in German
    assert _shown(framing, "en", between) == {FLAG_WAVING}
    assert _shown(framing, "de", between) == {EXAGGERATION, "Doubt", FLAG_WAVING}


def test_path_cut_offs_replace_only_the_languages_and_labels_they_name(
        framing: TrainedFraming) -> None:
    model = framing.models["techniques"]
    english, german = path_cutoffs(model, "en"), path_cutoffs(model, "de")
    assert np.array_equal(german, model.thresholds)
    for j, label in enumerate(model.labels):
        assert english[j] == pytest.approx(PATH_CUTOFFS["en"].get(label, model.thresholds[j]))
    assert np.array_equal(path_cutoffs(model, None), model.thresholds)


def test_a_path_cut_off_never_lowers_a_models_higher_one(framing: TrainedFraming) -> None:
    """A retrained model whose rows ask for more than the path's cut-off keeps its own (review:
    the path cut-offs were chosen never to lower the rows' one)."""
    model = framing.models["techniques"]
    j = model.labels.index("Name_Calling-Labeling")
    raised = np.asarray(model.thresholds, dtype=np.float32).copy()
    raised[j] = 0.45
    stricter = _Fixed(model.labels, model.weights, model.bias, model.slope, model.intercept,
                      raised, model.meta, fixed=np.zeros(len(model.labels), np.float32))
    assert path_cutoffs(stricter, "en")[j] == pytest.approx(0.45)
    assert path_cutoffs(model, "en")[j] == pytest.approx(0.30)
