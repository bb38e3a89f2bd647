"""A technique inside someone else's words is the speaker's, not the outlet's (issue 17, ninth
session): the span keeps its label, carries who said it, and the comparison, the story page, the
article page and the report count the outlet's own techniques apart from quoted ones. The
sentences are written for these tests."""

from __future__ import annotations

import functools
import re
from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.test_enrich_quotes import enriched
from tests.test_web import FakeStore, assert_no_active_content, fake_comparison

import parallax.web.app as web
import parallax.web.context as web_context
from parallax.compare.overlap import OverlapComparer
from parallax.compare.render import render_html_report, render_markdown
from parallax.frame.quoted import attribute, quote_of
from parallax.records import (
    Article,
    GenreLabel,
    Published,
    Quote,
    QuotedBy,
    Story,
    TechniqueSpan,
)
from parallax.settings import Config

TEXT = ("The city council voted on Tuesday to approve a new budget for the coming year, "
        "after a long debate that ran late into the evening.\n\n"
        "\"This plan is a ridiculous, disgraceful betrayal of every family in this city,\" "
        "said Senator Mark Jensen, who opposed the measure.\n\n"
        "Council members who supported the budget said it would fund road repairs, two new "
        "libraries and more bus routes across the northern districts.")
HOSTILE = "<script>alert('q')</script> Jensen"


def _at(word: str, text: str = TEXT) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


def _quote() -> Quote:
    start, end = _at("This plan is a ridiculous, disgraceful betrayal of every family in this "
                     "city,")
    return Quote(TEXT[start:end], start, end, "Mark Jensen", "said", True)


def test_a_word_inside_a_quote_is_the_speakers() -> None:
    spans = [TechniqueSpan("Loaded_Language", *_at("ridiculous"), 0.9),
             TechniqueSpan("Loaded_Language", *_at("long debate"), 0.6)]
    attribute(TEXT, spans, [_quote()])
    assert spans[0].quoted == QuotedBy("Mark Jensen", True)
    assert spans[1].quoted is None  # the author's own words


def test_a_sentence_label_over_a_two_part_quote_is_the_speakers() -> None:
    """Neither part of the quote covers half of the sentence, the two together do."""
    text = ("\u201cThe vote was rushed through in a single night,\u201d Senator Ana Reyes "
            "said on Tuesday, adding that the council should start again \u201cwith every "
            "district at the table and every number in public.\u201d")
    first = _at("The vote was rushed through in a single night,", text)
    second = _at("with every district at the table and every number in public.", text)
    quotes = [Quote(text[slice(*first)], *first, "Ana Reyes", "said", True),
              Quote(text[slice(*second)], *second, "Ana Reyes", "adding", True)]
    spans = [TechniqueSpan("Flag_Waving", 0, len(text), 0.4)]
    attribute(text, spans, quotes)
    assert spans[0].quoted == QuotedBy("Ana Reyes", True)
    assert quote_of(text, 0, len(text), quotes[:1]) is None  # one part alone: the author's


def test_a_sentence_label_is_the_speakers_when_most_of_it_is_quoted() -> None:
    start = TEXT.index('"This plan')
    end = TEXT.index("measure.") + len("measure.")
    assert quote_of(TEXT, start, end, [_quote()]) is not None  # the quote and its "said X"
    # a sentence that only touches a quote stays the author's
    tail = TEXT.index("Council members")
    assert quote_of(TEXT, tail, len(TEXT), [_quote()]) is None
    assert quote_of(TEXT, 5, 5, [_quote()]) is None  # an empty span


def test_reported_speech_with_a_speaker_counts_and_the_closest_quote_wins() -> None:
    start, end = _at("it would fund road repairs, two new libraries")
    reported = Quote(TEXT[start:end], start, end, "Council members", "said", False)
    span = TechniqueSpan("Exaggeration-Minimisation", start, end, 0.5)
    attribute(TEXT, [span], [_quote(), reported])
    assert span.quoted == QuotedBy("Council members", False)


def test_a_short_partial_quote_from_the_quote_stage_is_someone_elses() -> None:
    """Partial quotes come from the quote stage (tenth session; tests/test_enrich_quotes.py):
    framing only reads its records."""
    text = ("The group condemned \u201cracist elements\u201d in the movement, and the "
            "\"witch hunt\" talk went on while critics of the plan kept \"an outrageous and "
            "reckless\" silence and the 'shameful' vote passed.")
    spans = [TechniqueSpan("Name_Calling-Labeling", *_at("racist", text), 0.9),
             TechniqueSpan("Name_Calling-Labeling", *_at("witch hunt", text), 0.8),
             TechniqueSpan("Loaded_Language", *_at("outrageous", text), 0.7),
             TechniqueSpan("Loaded_Language", *_at("shameful", text), 0.7)]
    attribute(text, spans, enriched(text).quotes)
    # four words: a direct quote of the direct pass; one word in single quotes: none
    assert [t.quoted is not None for t in spans] == [True, True, True, False]
    kinds = {q.text: q.kind for q in enriched(text).quotes}
    assert kinds["racist elements"] == kinds["witch hunt"] == "partial"
    attribute(text, spans, [])
    assert [t.quoted for t in spans] == [None] * 4  # no finder of its own
    # the author's own scare quotes, no speech or labelling verb near: still the author's
    scare = "Voters left the party.\n\nThe \u201cmoderates\u201d stayed home on polling day."
    span = TechniqueSpan("Name_Calling-Labeling", *_at("moderates", scare), 0.8)
    attribute(scare, [span], enriched(scare).quotes)
    assert span.quoted is None


def test_an_unnamed_quote_that_goes_on_from_the_one_before_takes_its_speaker() -> None:
    text = ('"We will vote no," Mark Jensen said on Monday. "This plan is a disgrace." '
            "Officials declined to comment.\n\nLater the council met. " + "x " * 120
            + '"It is a disgrace."')
    far = text.rindex("It is")
    spans = [TechniqueSpan("Loaded_Language", *_at("disgrace", text), 0.9),
             TechniqueSpan("Loaded_Language", far + 8, far + 16, 0.9)]
    attribute(text, spans, enriched(text).quotes)
    assert spans[0].quoted == QuotedBy("Mark Jensen", True)
    assert spans[1].quoted == QuotedBy(None, True)  # too far from any named quote


def test_attribution_round_trips_and_old_rows_load() -> None:
    article = Article("a", "main", "t", "Outlet", Published(None, None), TEXT, techniques=[
        TechniqueSpan("Loaded_Language", *_at("ridiculous"), 0.9,
                      quoted=QuotedBy("Mark Jensen", True)),
        TechniqueSpan("Doubt", 0, 10, 0.4)])
    data = article.to_dict()
    assert data["techniques"][0]["quoted"] == {"speaker": "Mark Jensen", "direct": True}
    assert data["techniques"][1]["quoted"] is None
    assert Article.from_dict(data).techniques == article.techniques
    for row in data["techniques"]:
        del row["quoted"]  # stored before this field existed
    assert [t.quoted for t in Article.from_dict(data).techniques] == [None, None]


@functools.cache
def _analysed() -> Article:
    from parallax.pipeline import Pipeline

    article = Article("x", "main", "Council passes budget", "Test Outlet", Published(None, None),
                      TEXT, language=None)
    Pipeline.from_config(Config()).analyse_articles([article])
    return article


def test_analyze_attributes_the_quoted_loaded_word_to_the_speaker() -> None:
    """Through the shipped stages: the quote finder names the speaker, the technique model
    marks "ridiculous" (0.96 at writing), and the span says whose word it is."""
    article = _analysed()
    start, end = _quote().start, _quote().end
    inside = [t for t in article.techniques if start <= t.start and t.end <= end]
    assert any(article.text[t.start:t.end] == "ridiculous" for t in inside)
    for t in article.techniques:
        holder = quote_of(article.text, t.start, t.end, article.quotes)
        assert (t.quoted is None) == (holder is None)
    assert all(t.quoted is not None and t.quoted.speaker == "Mark Jensen" for t in inside)


def _articles() -> list[Article]:
    quoted = TechniqueSpan("Loaded_Language", *_at("ridiculous"), 0.9,
                           quoted=QuotedBy(HOSTILE, True))
    own = TechniqueSpan("Loaded_Language", *_at("long debate"), 0.6)
    first = Article("a1", "main", "Budget passes", "Outlet A", Published(None, None), TEXT,
                    techniques=[quoted, own])
    second = Article("a2", "main", "Budget row", "Outlet B", Published(None, None), TEXT,
                     techniques=[TechniqueSpan("Flag_Waving", *_at("ridiculous"), 0.7,
                                               quoted=QuotedBy(HOSTILE, True))])
    return [first, second]


def _comparison() -> dict[str, Any]:
    story = Story("s", "Budget", ["a1", "a2"], ["Outlet A", "Outlet B"])
    return OverlapComparer(Config()).compare(story, _articles(), [])


def test_the_comparison_counts_an_outlets_own_techniques_apart_from_quoted_ones() -> None:
    result = _comparison()
    own = {(r["outlet"], r["technique"]): r["count"] for r in result["techniques"]}
    assert own == {("Outlet A", "Loaded_Language"): 1}  # Outlet B only quotes Flag Waving
    quoted = {(r["outlet"], r["technique"]): r for r in result["quoted_techniques"]}
    assert set(quoted) == {("Outlet A", "Loaded_Language"), ("Outlet B", "Flag_Waving")}
    assert quoted[("Outlet B", "Flag_Waving")]["speakers"] == [HOSTILE]
    assert quoted[("Outlet B", "Flag_Waving")]["examples"][0]["text"] == "ridiculous"


def test_the_report_shows_quoted_techniques_apart_and_escaped() -> None:
    result = _comparison()
    text = render_markdown(result)
    b = text[text.index("### Outlet B"):]
    assert "Technique: Flag Waving" not in text
    assert "In quotes: Flag Waving ×1 (speakers: " in b
    assert "<script>" not in text
    page = render_html_report(result)
    assert "In quotes (the speakers', not the outlet's)" in page
    assert re.search(r"No techniques in the outlet(&#39;|')s own words\.", page)
    assert "<script>alert(&#39;q&#39;)</script>" not in page
    assert "&lt;script&gt;alert(&#39;q&#39;)&lt;/script&gt; Jensen" in page


class _QuotingStore(FakeStore):
    def __init__(self) -> None:
        super().__init__()
        self.items["a1"].techniques = [
            TechniqueSpan("Loaded_Language", 4, 13, 0.7, quoted=QuotedBy(HOSTILE, True)),
            TechniqueSpan("Doubt", 14, 30, 0.5, quoted=QuotedBy(None, True))]


def _comparison_with_quotes(store: Any, story_id: str) -> dict[str, Any]:
    result = fake_comparison(store, story_id)
    result["quoted_techniques"] = [{"outlet": "Korvan Today", "technique": "Flag_Waving",
                                    "count": 2, "speakers": [HOSTILE], "examples": [
                                        {"article_id": "a1", "start": 0, "end": 9,
                                         "text": "The Brava"}]}]
    return result


@pytest.fixture
def client(monkeypatch: pytest.MonkeyPatch) -> TestClient:
    monkeypatch.setattr(web_context, "open_store", lambda db: _QuotingStore())
    return TestClient(web.create_app("unused.db", comparison_for=_comparison_with_quotes))


def test_story_and_article_pages_mark_quoted_techniques(client: TestClient) -> None:
    story = client.get("/story/s1").text
    assert "In quotes (the speakers', not the outlet's)" in story
    assert re.search(r"<strong>Flag Waving</strong> <span class=\"count\">×2</span>", story)
    assert "speakers: &lt;script&gt;alert(&#39;q&#39;)&lt;/script&gt; Jensen" in story
    assert_no_active_content(story)
    page = client.get("/article/a1").text
    assert "in a quote by &lt;script&gt;alert(&#39;q&#39;)&lt;/script&gt; Jensen" in page
    assert "Loaded Language (in a quote by" in page  # the highlight's title says it too
    assert "in a quote (speaker not found), not the outlet" in page
    assert_no_active_content(page)


def test_outlet_page_facets_count_only_the_outlets_own_techniques() -> None:
    from parallax.store.browse import facets_of

    text = 'The minister called the plan "ridiculous". The plan is a disgraceful betrayal.'
    article = Article(id="a1", role="main", title="t", outlet="Ledger",
                      published=Published(), text=text, techniques=[
                          TechniqueSpan("Loaded_Language", 30, 40, 0.9,
                                        quoted=QuotedBy("the minister", True)),
                          TechniqueSpan("Loaded_Language", 56, 67, 0.8)])
    assert [f for f in facets_of(article) if f[0] == "technique"] == [
        ("technique", "Loaded_Language", "", 1)]


def test_the_report_says_straight_news_is_not_labelled_in_its_own_words() -> None:
    """An outlet whose articles are all straight news shows no technique of its own
    (``trained.straight_news_labels``); the report must say that is an abstention, while an
    outlet of opinion pieces with none still reads "none detected"."""
    from parallax.compare.render import STRAIGHT_NEWS

    report = _articles()
    report[0].techniques = [t for t in report[0].techniques if t.quoted is not None]
    report[0].genre = GenreLabel("reporting", 0.8)
    report[1].genre = GenreLabel("opinion", 0.7)
    report[1].techniques = []
    story = Story("s", "Budget", ["a1", "a2"], ["Outlet A", "Outlet B"])
    result = OverlapComparer(Config()).compare(story, report, [])
    text = render_markdown(result)
    split = text.index("### Outlet B")
    a, b = text[text.index("### Outlet A"):split], text[split:]
    assert STRAIGHT_NEWS in a and "In quotes: Loaded Language" in a
    assert STRAIGHT_NEWS not in b and "- none detected" in b
    page = render_html_report(result)
    assert page.count("Parallax labels techniques here only inside quotes") == 1
    assert "No techniques detected." in page


@pytest.mark.parametrize("genre", ["reporting", "opinion"])
def test_the_article_page_says_a_straight_news_report_is_labelled_only_in_quotes(
        monkeypatch: pytest.MonkeyPatch, genre: str) -> None:
    store = _QuotingStore()
    store.items["a1"].genre = GenreLabel(genre, 0.8)
    monkeypatch.setattr(web_context, "open_store", lambda db: store)
    app = TestClient(web.create_app("unused.db", comparison_for=_comparison_with_quotes))
    note = "Parallax labels techniques here only inside quotes"
    assert (note in app.get("/article/a1").text) == (genre == "reporting")
    store.items["a1"].techniques = []
    page = app.get("/article/a1").text
    assert (note in page) == (genre == "reporting")
    assert ("No techniques detected." in page) == (genre == "opinion")
