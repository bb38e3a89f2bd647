"""Loaded language the paragraph model is sure of where no word passes a cut-off (thirtieth
session, helper TQ4): from ``PARAGRAPH_MARKS``' paragraph probability the news model's likeliest
word is shown, with a note saying it rests on the paragraph. The sentences are made up."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from parallax import embeddings
from parallax.frame import paragraph_marks, units
from parallax.frame.features import embed_text
from parallax.frame.linear import LinearLabeller
from parallax.frame.loaded import LoadedWords
from parallax.frame.spans import BUCKETS, SpanScorer
from parallax.frame.trained import LOADED, NAME_CALLING, TrainedFraming, _Context

#: the words the stub news model rates, all under its cut-off (0.825)
LIKELY = {"shambles": 0.4, "timetable": 0.2, "fiasco": 0.5}


@pytest.fixture(scope="module")
def framing() -> TrainedFraming:
    return TrainedFraming()


@pytest.fixture()
def unsure_words(framing: TrainedFraming, monkeypatch: pytest.MonkeyPatch) -> None:
    """No word passes a cut-off: a span scorer that rates every word 0.02, a news model that
    rates ``LIKELY``'s words under its own cut-off and the others 0."""
    monkeypatch.setattr(framing, "spans", SpanScorer(
        [LOADED, NAME_CALLING], np.zeros((BUCKETS, 2), np.float32),
        np.array([-4.0, -4.0], np.float32), np.array([0.5, 0.5], np.float32)))
    assert framing.loaded is not None
    scorer = framing.loaded.scorer

    def token_proba(self: LoadedWords, text: str, start: int, end: int, sentence_at: Any
                    ) -> tuple[Any, np.ndarray]:
        toks, _ = scorer.token_proba(text, start, end)
        return toks, np.array([[LIKELY.get(t.text.lower(), 0.0)] for t in toks], np.float32)

    monkeypatch.setattr(LoadedWords, "token_proba", token_proba)


def test_a_sure_loaded_paragraph_with_no_word_shows_its_likeliest_word(
        framing: TrainedFraming, unsure_words: None) -> None:
    text = "The committee called the new timetable for the footbridge a shambles on Tuesday."
    ctx = _Context(embed_text(text, "en", embeddings.encode), False, [])
    floor = paragraph_marks.PARAGRAPH_MARKS["en"][LOADED]
    likeliest: list[tuple[int, int]] = []
    shown = framing._loaded_words(text, 0, len(text), floor, ctx, "en", likeliest)
    assert [text[s:e] for s, e, _ in shown] == ["shambles"]
    assert shown[0][2] == floor and likeliest == [shown[0][:2]]
    # under the floor, or in a language without a floor, the paragraph shows nothing
    assert framing._loaded_words(text, 0, len(text), floor - 0.05, ctx, "en") == []
    assert framing._loaded_words(text, 0, len(text), 0.99, ctx, "xx") == []
    # a paragraph the technique model does not call loaded: the news model's words only
    assert framing._loaded_words(text, 0, len(text), None, ctx, "en") == []


ARTICLE = ("The committee called the new timetable for the footbridge a shambles on Tuesday, "
           "and the works will start again in the spring after a long delay.\n\n"
           "\"It is a fiasco from start to finish,\" said Dana Whitfield, who chairs the "
           "residents' group on the east bank of the river.")


@pytest.mark.parametrize("genre", ["opinion", "reporting"])
def test_the_likeliest_words_are_shown_with_a_note_saying_so(
        framing: TrainedFraming, unsure_words: None, monkeypatch: pytest.MonkeyPatch,
        genre: str) -> None:
    """Through the framing stage: every paragraph sure of loaded language shows its likeliest
    word and the article says how many rest on the paragraph; in a straight news report only the
    quoted one is shown, and counted."""
    from tests.test_enrich_quotes import enriched

    model = framing.models["techniques"]
    proba = LinearLabeller.proba

    def sure(self: LinearLabeller, *args: Any, **kwargs: Any) -> np.ndarray:
        p = proba(self, *args, **kwargs)
        if self is model:  # loaded language in every paragraph, nothing else
            p = np.zeros_like(p)
            p[..., model.labels.index(LOADED)] = 0.9
        return p

    monkeypatch.setattr(LinearLabeller, "proba", sure)
    monkeypatch.setattr(units, "decode_genre", lambda p, m: (genre, 0.9))
    article = enriched(ARTICLE)
    framing.annotate(article)
    words = [(ARTICLE[t.start:t.end], t.quoted is not None) for t in article.techniques]
    # the likeliest word is the paragraph's label, not a sure word: every one is flagged unsure
    assert all(t.low_confidence for t in article.techniques)
    notes = [n for n in article.notes if "likeliest word" in n]
    if genre == "opinion":
        assert words == [("shambles", False), ("fiasco", True)]
        assert notes == [paragraph_marks.NOTE.format(n=2)]
    else:
        assert words == [("fiasco", True)]
        assert notes == [paragraph_marks.NOTE.format(n=1)]
