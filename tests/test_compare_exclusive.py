"""A claim is called one outlet's alone only when no other outlet has a sentence that may state
it (twenty-first session, compare/doubt.py): made-up stories, each shaped like a wrong
"exclusive" claim of real news, and the page that shows the difference."""

from __future__ import annotations

from typing import Any

from parallax.compare.doubt import clauses
from parallax.compare.render import render_html_report, render_markdown
from parallax.pipeline import build_comparer
from parallax.records import Article, Quote, Story
from parallax.settings import Config
from test_compare_restate import _article  # an article whose first sentences are claims

CLAIM = "The Vell harbour board voted to close the old ferry pier at the end of March."


def _compare(articles: list[Article]) -> dict[str, Any]:
    story = Story("s1", "t", [a.id for a in articles], main_count=len(articles))
    return build_comparer(Config()).compare(story, articles, [])


def _cluster(result: dict[str, Any], text: str) -> dict[str, Any]:
    (cluster,) = [c for c in result["claims"]["clusters"] if c["text"] == text]
    return cluster


def test_a_fact_another_outlet_states_in_a_clause_is_not_called_exclusive() -> None:
    """The Star states the Post's fact inside a clause of a long sentence about something
    else: too far for a restatement (cosine under the bar), but not the Post's alone."""
    inside = ("The fishing cooperative's accounts for last year, published on Monday, show "
              "losses of almost a third, a fall its chairman blames on fuel prices and on the "
              "decision by which the harbour board voted to close the old ferry pier.")
    post = _article("a1", "Morning Post", [CLAIM, "Ferry crews were not reached."], 1)
    star = _article("a2", "Evening Star", ["Rain fell in Lindau.", inside], 0)
    result = _compare([post, star])
    cluster = _cluster(result, CLAIM)
    assert cluster["status"] == "possibly_shared"
    assert cluster["positions"] == {"Morning Post": "asserts", "Evening Star": "silent"}
    assert not cluster.get("restated")
    assert [(c["outlet"], c["text"]) for c in cluster["closest"]] == [("Evening Star", inside)]
    assert cluster["id"] in result["claims"]["possibly_shared"]
    assert cluster["id"] not in result["claims"]["exclusive"]


def test_a_neighbouring_fact_or_another_speakers_words_stay_exclusive() -> None:
    """A sentence of the same topic with another statement, and another speaker's words in
    nearly the same wording, leave the claim the Post's alone."""
    post = _article("a1", "Morning Post", [CLAIM, "Ferry crews were not reached."], 1)
    star = _article("a2", "Evening Star", [
        "Rain fell on the old ferry pier in Lindau, where tourists queued for the last boat "
        "of the season.", "Dock workers marched."], 0)
    assert _cluster(_compare([post, star]), CLAIM)["status"] == "exclusive"

    said = "The harbour board must close the old ferry pier at the end of March, Ana Lund said."
    post = _article("a1", "Morning Post", [said, "Ferry crews were not reached."], 1)
    post.claims[0].attribution = "Ana Lund"
    other = "“The harbour board must close the old ferry pier by March,” Tomas Brandl said."
    star = _article("a2", "Evening Star", ["Rain fell in Lindau.", other], 0)
    start = star.sentences[1].start
    star.quotes = [Quote(text=other, start=start, end=start + len(other),
                         speaker="Tomas Brandl", cue="said", direct=True)]
    assert _cluster(_compare([post, star]), said)["status"] == "exclusive"


def test_clauses_cut_at_marks_and_at_words_that_open_a_clause() -> None:
    text = ("Ferry workers, who learned that the harbour board voted to close the pier, "
            "marched through Lindau; the mayor stayed away")
    assert clauses(text, "en") == ["the harbour board voted to close the pier, marched "
                                   "through Lindau", "the mayor stayed away"]
    assert clauses("Die Fähre fährt nicht mehr; der Hafen bleibt zu", "de") == [
        "Die Fähre fährt nicht mehr", "der Hafen bleibt zu"]


def _comparison(status: str) -> dict[str, Any]:
    cluster = {"id": "c1", "text": CLAIM, "status": status,
               "positions": {"Morning Post": "asserts", "Evening Star": "silent"},
               "members": [{"outlet": "Morning Post", "article_id": "a1", "text": CLAIM,
                            "start": 0, "end": len(CLAIM)}]}
    if status == "possibly_shared":
        cluster["closest"] = [{"outlet": "Evening Star", "article_id": "a2", "start": 0,
                               "end": 20, "text": "The board shut the pier.", "cosine": 0.7}]
    return {"schema": 1, "story": {"id": "s1", "title": "Pier",
                                   "outlets": ["Morning Post", "Evening Star"]},
            "outlets": [], "claims": {"clusters": [cluster], "shared": [], "contested": [],
                                      "exclusive": [] if status != "exclusive" else ["c1"],
                                      status: ["c1"]}}


def test_the_page_says_plainly_what_is_not_called_exclusive() -> None:
    """The report and the story page list such claims under their own heading, say why, and
    show the other outlet's closest sentence; the heading is absent when there are none."""
    markdown = render_markdown(_comparison("possibly_shared"))
    section = markdown.split("## Possibly stated by other outlets")[1].split("\n## ")[0]
    assert "does not call them exclusive" in section
    assert "Evening Star, closest sentence: “The board shut the pier.”" in section
    assert CLAIM in section
    assert "_No exclusive claims found._" in markdown
    html = render_html_report(_comparison("possibly_shared"))
    assert "Possibly stated by other outlets" in html and "closest sentence" in html
    assert "does not call them exclusive" in html
    for page in (render_markdown(_comparison("exclusive")),
                 render_html_report(_comparison("exclusive"))):
        assert "Possibly stated by other outlets" not in page
