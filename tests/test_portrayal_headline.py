"""The headline's lean against the main person or organisation (``frame/portrayal_headline.py``,
twenty-ninth session, helper PL): shown only in an English opinion piece whose own headline names
the entity and reads against it, with the headline as evidence. Made-up headlines, the shipped
sentence model."""

from __future__ import annotations

import functools
from pathlib import Path

import numpy as np

from parallax import embeddings
from parallax.frame.bundle import bundled_dir
from parallax.frame.linear import LinearLabeller
from parallax.frame.portrayal_headline import NEGATIVE_MIN, headline_lean, headline_spans
from parallax.records import Article, GenreLabel, Mention, PortrayalLabel, Published

NAME = "Tamsin Vell"
AGAINST = "Disgraced Mayor Tamsin Vell Caught Lying Again To Hide Her Failures"


@functools.cache
def _sentence_model() -> LinearLabeller:
    return LinearLabeller.load(Path(bundled_dir()) / "portrayal-sentence.npz")


def _article(genre: str = "opinion", language: str = "en", place_first: bool = False
             ) -> tuple[Article, list[PortrayalLabel]]:
    text = f"{NAME} spoke on Monday. Harbourton voted. {NAME} left."
    mentions = [Mention(NAME, 0, len(NAME), "PERSON", NAME),
                Mention(NAME, text.rindex(NAME), text.rindex(NAME) + len(NAME), "PERSON", NAME)]
    place = Mention("Harbourton", text.index("Harbourton"), text.index("Harbourton") + 10, "GPE",
                    "Harbourton")
    article = Article(id="h1", role="main", title="", outlet=None, published=Published(),
                      text=text, language=language, entities=[*mentions, place])
    article.genre = GenreLabel(genre, 0.9)
    labels = [PortrayalLabel(NAME, "neutral", 0.6, 2)]
    if place_first:
        labels.insert(0, PortrayalLabel("Harbourton", "neutral", 0.7, 3))
    return article, labels


def _lean(title: str, genre: str = "opinion", language: str = "en",
          labels: list[PortrayalLabel] | None = None, place_first: bool = False
          ) -> PortrayalLabel:
    article, made = _article(genre, language, place_first)
    out = headline_lean(article, title, labels or made, _sentence_model(), embeddings.encode)
    return next(label for label in out if label.entity == NAME)


def test_a_headline_against_the_main_person_shows_a_negative_lean_with_it_as_evidence() -> None:
    shown = _lean(AGAINST)
    assert shown.polarity == "negative" and shown.score >= NEGATIVE_MIN
    assert shown.evidence == [AGAINST] and shown.mentions == 2
    # the most mentioned person or organisation is the main entity, not a place ranked above it
    assert _lean(AGAINST, place_first=True).polarity == "negative"


def test_no_headline_lean_in_a_report_another_language_or_a_plain_headline() -> None:
    assert _lean(AGAINST, genre="reporting").polarity == "neutral"
    assert _lean(AGAINST, language="de").polarity == "neutral"
    assert _lean("Tamsin Vell Opens New Harbour Office").polarity == "neutral"
    assert _lean("").polarity == "neutral"


def test_a_quoted_or_reported_headline_is_not_the_author_s() -> None:
    # the name only inside a quotation: someone else's words
    assert headline_spans('Rivals Chant "Tamsin Vell Is A Liar" At Rally', NAME) == []
    assert _lean('Rivals Chant "Disgraced Tamsin Vell Caught Lying Again" At Rally'
                 ).polarity == "neutral"
    # a speech verb outside the quotes: the critic's verdict, not the author's
    assert _lean("Disgraced Mayor Tamsin Vell Caught Lying Again, Rival Says").polarity == "neutral"
    assert headline_spans(AGAINST, NAME) == [(AGAINST.index("Vell"), AGAINST.index("Vell") + 4)]


def test_the_headline_never_overrides_a_lean_the_article_already_shows() -> None:
    praised = [PortrayalLabel(NAME, "positive", 0.9, 2, ["The hero Tamsin Vell ..."])]
    kept = _lean(AGAINST, labels=praised)
    assert kept.polarity == "positive" and kept.evidence == ["The hero Tamsin Vell ..."]


def test_the_cut_off_decides() -> None:
    article, labels = _article()

    def model(bias: list[float]) -> LinearLabeller:
        dim = embeddings.DIM
        return LinearLabeller(["negative", "neutral", "positive"], np.zeros((dim, 3), np.float32),
                              np.asarray(bias, np.float32), np.ones(3, np.float32),
                              np.zeros(3, np.float32), np.full(3, 0.5, np.float32), {})

    sure = headline_lean(article, AGAINST, labels, model([3.0, -2.0, -2.0]), embeddings.encode)
    assert sure[0].polarity == "negative"  # 0.80 after normalising the three classes
    unsure = headline_lean(article, AGAINST, labels, model([1.0, 0.0, 0.0]), embeddings.encode)
    assert unsure[0].polarity == "neutral"  # 0.42
