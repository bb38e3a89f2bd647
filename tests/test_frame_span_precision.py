"""Technique spans a reader can trust (issue 17, ninth session): a span never shows a piece of a
hyphenated compound, name-calling sits on a label (a noun or adjective, never a verb), and a
straight news report gets no name-calling best-word fallback. The sentences are written for these
tests."""

from __future__ import annotations

import numpy as np
import pytest

from parallax import embeddings
from parallax.frame import heads
from parallax.frame.features import embed_text
from parallax.frame.spans import BUCKETS, SpanScorer, bucket, whole_compound
from parallax.frame.trained import NAME_CALLING, TrainedFraming, _Context
from parallax.records import TechniqueSpan

LABELS = ["Loaded_Language", NAME_CALLING]


def _scorer(words: dict[str, tuple[int, float]]) -> SpanScorer:
    """A token scorer that gives each word a fixed logit for one of LABELS (bias -4)."""
    weights = np.zeros((BUCKETS, 2), np.float32)
    for word, (j, w) in words.items():
        weights[bucket(f"w:{word}"), j] = w
    return SpanScorer(LABELS, weights, np.array([-4.0, -4.0], np.float32),
                      np.array([0.5, 0.5], np.float32))


def test_a_compound_fragment_is_never_a_span() -> None:
    scorer = _scorer({"immigrant": (0, 9.0), "self": (0, 9.0)})
    text = "The mayor praised the anti-immigrant plan in a glowing self-assessment on Monday."
    spans = scorer.spans(text, 0, len(text), "Loaded_Language", [])
    assert [text[s:e] for s, e, _ in spans] == ["anti-immigrant", "self-assessment"]
    best = scorer.best_word(text, 0, len(text), "Loaded_Language", [], 0.1)
    assert best is not None and text[best[0]:best[1]] in ("anti-immigrant", "self-assessment")
    # both halves passing make one span, not two overlapping ones
    both = _scorer({"anti": (0, 9.0), "immigrant": (0, 9.0)})
    spans = both.spans(text, 0, len(text), "Loaded_Language", [])
    assert [text[s:e] for s, e, _ in spans] == ["anti-immigrant"]


def test_a_compound_is_joined_by_hyphens_only_and_stays_inside_the_paragraph() -> None:
    text = "a so-called expert – quoted here – spoke; well-known\u2011ish"
    s = text.index("called")
    assert text[slice(*whole_compound(text, s, s + 6))] == "so-called"
    s = text.index("expert")
    assert text[slice(*whole_compound(text, s, s + 6))] == "expert"  # a dash is not a hyphen
    s = text.index("known")
    assert text[slice(*whole_compound(text, s, s + 5))] == "well-known\u2011ish"
    assert whole_compound(text, s, s + 5, lo=s) == (s, len(text))


def test_a_verb_is_never_a_label() -> None:
    if heads._tagger() is None:  # pragma: no cover
        pytest.skip("no English tagger")
    sentence = "The governor consolidates his grip while critics call him a puppet."
    tagged = heads.tags(sentence)
    at = sentence.index("consolidates")
    assert heads.label_span(tagged, at, at + len("consolidates")) is None
    at = sentence.index("puppet")
    assert heads.label_span(tagged, at, at + 6) == (at, at + 6)
    sentence = "He is a shamelessly dishonest man, his rivals say."
    at = sentence.index("shamelessly")
    span = heads.label_span(heads.tags(sentence), at, at + len("shamelessly"))
    assert span is not None and sentence[span[0]:span[1]] == "shamelessly dishonest"


def test_the_tagger_is_the_entity_stages_pipeline_whose_pipe_runs_ner_alone() -> None:
    """One spaCy copy a process: name-calling tags come from the entity stage's pipeline, and
    that pipeline's nlp.pipe still runs no tagger for the entities."""
    if heads._tagger() is None:  # pragma: no cover
        pytest.skip("no English tagger")
    from parallax.enrich.ner import english_pipeline

    nlp = english_pipeline()
    assert heads._tagger() is nlp
    assert nlp.pipe_names == ["ner"]
    sentence = "Critics in Geneva call him a puppet."
    doc = nlp(sentence)
    assert [e.text for e in doc.ents] == ["Geneva"] and not any(t.tag_ for t in doc)
    assert [tag for *_, tag in heads.tags(sentence)] == ["NNS", "IN", "NNP", "VBP", "PRP", "DT",
                                                         "NN", "."]


@pytest.fixture(scope="module")
def framing() -> TrainedFraming:
    return TrainedFraming()


def _context(text: str) -> _Context:
    return _Context(embed_text(text, "en", embeddings.encode), False, [])


def _name_calling_spans(framing: TrainedFraming, text: str,
                        words: dict[str, tuple[int, float]]) -> list[TechniqueSpan]:
    """Where ``_locate`` puts name-calling in ``text`` with a scorer that passes ``words``."""
    model = framing.models["techniques"]
    j = model.labels.index(NAME_CALLING)
    shipped, framing.spans = framing.spans, _scorer(words)
    try:
        return [TechniqueSpan(NAME_CALLING, s, e, 0.9, False)
                for s, e in framing._locate(text, 0, len(text), model, j, _context(text))]
    finally:
        framing.spans = shipped


def test_name_calling_never_sits_on_a_verb(framing: TrainedFraming) -> None:
    text = ("The governor consolidates his grip on the party while his critics call him a "
            "puppet of the donors who fund his campaigns.")
    found = _name_calling_spans(framing, text, {"consolidates": (1, 9.0), "puppet": (1, 9.0)})
    assert [text[t.start:t.end] for t in found] == ["consolidates", "puppet"]
    found = framing._labels_only(text, found, _context(text), "en")
    assert [text[t.start:t.end] for t in found] == ["puppet"]


def test_no_best_word_fallback_in_a_straight_news_report(framing: TrainedFraming) -> None:
    """A name-calling paragraph with no word over the cut-off shows its best word, except in an
    article the genre model calls ``reporting`` (there it was a topic noun)."""
    model = framing.models["techniques"]
    j = model.labels.index(NAME_CALLING)
    text = "The senator called the board a gang of cronies during the hearing on Friday."
    # "cronies" at 0.18: under the cut-off (0.5 here), over the fallback floor (0.10)
    shipped, framing.spans = framing.spans, _scorer({"cronies": (1, 2.5)})
    try:
        ctx = _context(text)
        opinion = framing._locate(text, 0, len(text), model, j, ctx)
        report = framing._locate(text, 0, len(text), model, j, ctx, reporting=True)
    finally:
        framing.spans = shipped
    assert [text[s:e] for s, e in opinion] == ["cronies"]
    assert report == []


def test_a_straight_news_report_shows_techniques_only_in_quotes() -> None:
    """In an article called ``reporting`` the outlet's own Flag_Waving, Doubt, loaded words and
    name-calling are not shown (on real straight news they were right 0 of 12 and 0.07-0.29 of
    the time, judged); a speaker's are."""
    from parallax.frame.trained import straight_news_labels
    from parallax.records import QuotedBy

    own_flag = TechniqueSpan("Flag_Waving", 0, 40, 0.6, False)
    said_flag = TechniqueSpan("Flag_Waving", 50, 90, 0.6, False, QuotedBy("A Senator", True))
    own_doubt = TechniqueSpan("Doubt", 100, 140, 0.5, False)
    loaded = TechniqueSpan("Loaded_Language", 10, 18, 0.9, False)
    said_loaded = TechniqueSpan("Loaded_Language", 60, 66, 0.9, False,
                                QuotedBy("A Senator", True))
    calling = TechniqueSpan(NAME_CALLING, 20, 26, 0.8, False)
    kept = straight_news_labels([own_flag, said_flag, own_doubt, loaded, said_loaded, calling])
    assert kept == [said_flag, said_loaded]


REPORT = ("The city council approved the budget on Tuesday after a disgraceful, shameful and "
          "outrageous night of chaos, in which the mayor's corrupt cronies shouted down every "
          "critic and the thuggish guards dragged two residents out of the hall.\n\n"
          "\"This plan is a ridiculous, disgraceful betrayal of every family in this city and a "
          "shameful sham,\" said Senator Mark Jensen, who opposed the measure on Tuesday.\n\n"
          "Council members who supported the budget said it would fund road repairs, two new "
          "libraries and more bus routes across the northern districts next year.")


def test_the_genre_decides_whether_the_outlets_own_loaded_words_are_shown(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """End to end through the framing stage: the same article shows its own loaded words when
    the genre model calls it opinion, and only the senator's when it calls it reporting."""
    from tests.test_enrich_quotes import enriched

    from parallax.frame import units

    shown = {}
    for genre in ("opinion", "reporting"):
        monkeypatch.setattr(units, "decode_genre", lambda p, model, g=genre: (g, 0.9))
        article = enriched(REPORT)
        TrainedFraming().annotate(article)
        assert article.genre is not None and article.genre.label == genre
        shown[genre] = article.techniques
    own = [t for t in shown["opinion"] if t.quoted is None]
    said = [t for t in shown["opinion"] if t.quoted is not None]
    assert own and said, [(REPORT[t.start:t.end], t.quoted) for t in shown["opinion"]]
    assert shown["reporting"] == said


def test_a_german_name_calling_span_needs_a_noun_or_an_adjective(
        framing: TrainedFraming) -> None:
    """German has no tagger here: the verbs and function words the scorer passes are dropped by
    spelling (a made-up sentence)."""
    text = ("Die Regierung soll auf die Reform verzichten, sagen die Kritiker. Sie nennen sie "
            "gegen jede Vernunft eine faschistische Bande.")
    found = _name_calling_spans(framing, text, {
        "soll": (1, 9.0), "verzichten": (1, 9.0), "gegen": (1, 9.0),
        "faschistische": (1, 9.0)})
    assert [text[t.start:t.end] for t in found] == ["soll", "verzichten", "gegen",
                                                    "faschistische"]
    found = framing._labels_only(text, found, _context(text), "de")
    # the first sentence's paragraph label stays, on its sentence; the second shows its label
    assert [text[t.start:t.end] for t in found] == [
        "Die Regierung soll auf die Reform verzichten, sagen die Kritiker.", "faschistische"]
    assert heads.german_label("Marionette") and heads.german_label("so korrupte Eliten")
    assert not any(heads.german_label(w) for w in ("Die", "standen", "sollen", "zur"))


def test_a_loaded_paragraph_shows_its_best_word_even_when_the_news_model_does_not_back_it(
        framing: TrainedFraming) -> None:
    """English loaded language: in a paragraph the technique model calls loaded where no word
    passed both the span scorer and the news model, the span scorer's best word over its cut-off
    is shown (twenty-eighth session: out of fold such paragraphs were right and showed nothing);
    a paragraph the technique model does not call loaded gets nothing from the span scorer."""
    assert framing.loaded is not None
    text = "The committee met on Tuesday to agree the timetable for the new footbridge."
    # "timetable" at 0.62 from the span scorer (cut-off 0.5 here); a plain word to the news model
    shipped, framing.spans = framing.spans, _scorer({"timetable": (0, 4.5)})
    try:
        ctx = _context(text)
        loaded = framing._loaded_words(text, 0, len(text), 0.7, ctx, "en")
        not_loaded = framing._loaded_words(text, 0, len(text), None, ctx, "en")
    finally:
        framing.spans = shipped
    assert [text[s:e] for s, e, _ in loaded] == ["timetable"]
    assert loaded[0][2] == 0.7  # scored by the paragraph's probability
    assert not_loaded == []
