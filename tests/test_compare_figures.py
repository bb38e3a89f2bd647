"""Figures the outlets disagree on are not shown shared, and outlet-less sources of one file
name stay apart (twenty-first session, helper Q2; docs/claims.md). Made-up reports."""

from __future__ import annotations

from typing import Any

import pytest

from parallax.compare.contradiction import conflict, facts
from parallax.compare.overlap import outlet_names
from parallax.pipeline import build_comparer
from parallax.records import Article, Claim, Published, Sentence, Story
from parallax.settings import Config


def _article(aid: str, outlet: str | None, text: str, source: str = "") -> Article:
    """An article of one sentence, which is its claim."""
    return Article(id=aid, role="main", title="", outlet=outlet, text=text, language="en",
                   published=Published(iso="2026-03-01"), input=source,
                   sentences=[Sentence(start=0, end=len(text))],
                   claims=[Claim(text=text, start=0, end=len(text), attribution=None,
                                 checkworthiness=0.9)])


def _compare(articles: list[Article]) -> dict[str, Any]:
    story = Story("s1", "t", [a.id for a in articles], main_count=len(articles))
    return build_comparer(Config()).compare(story, articles, [])


def _cue(a: str, b: str) -> str | None:
    return conflict(facts(a, set(), "en"), facts(b, set(), "en"))


def test_two_stated_figures_of_one_precision_are_contested_not_shared() -> None:
    """40 against 45 million: not a rounding of each other, so the outlets disagree."""
    low = "The Vell council promised 40 million crowns for the new harbour bridge on Monday."
    high = "The Vell council promised 45 million crowns for the new harbour bridge on Monday."
    result = _compare([_article("a1", "Morning Post", low), _article("a2", "Evening Star", high),
                       _article("a3", "Coast Herald", high)])
    (cluster,) = result["claims"]["clusters"]
    assert cluster["status"] == "contested"
    assert cluster["positions"]["Morning Post"] == "contradicts"
    assert cluster["conflict"]["cue"] == "numbers"
    assert "40 million" in cluster["conflict"]["summary"]
    assert "45 million" in cluster["conflict"]["summary"]
    assert result["claims"]["shared"] == []


@pytest.mark.parametrize(("a", "b", "cue"), [
    # one precision, two statements: a difference (the old 20 % bar called both agreement)
    ("Five people died in the fire at the depot.", "Six people died in the fire at the depot.",
     "numbers"),
    ("The board promised 40 million crowns.", "The board promised 45 million crowns.",
     "numbers"),
    # dropping a whole digit is no shortening, only dropping the decimals of one digit is
    ("The board promised 40 million crowns.", "The board promised 45.5 million crowns.",
     "numbers"),
    ("5,000 people marched.", "5,700 people marched.", "numbers"),
    ("The plan costs $5 billion.", "The plan costs $5.7 billion.", None),
    # a rounding, the same figure within 2 %, a hedge, a bound before a currency sign: agreement
    ("The plan costs $6 billion.", "The plan costs $5.7 billion.", None),
    ("The plan costs $5.6 billion.", "The plan costs $5.7 billion.", None),
    ("The storm damaged 300 homes.", "The storm damaged 320 homes.", None),
    ("The board promised about 40 million crowns.", "The board promised 45 million crowns.",
     None),
    ("She gave more than $10,000 to the campaign.", "She gave $18,000 to the campaign.", None),
    # a hedge is a word of its own: "handsome" holds "some" and hedges nothing
    ("The board gave a handsome 40 million crowns.", "The board gave 45 million crowns.",
     "numbers"),
    # a rounding that moves a figure by more than a fifth still reads as two figures
    ("Ten people died in the fire.", "14 people died in the fire.", "numbers"),
])
def test_a_figure_agrees_only_with_its_rounding_hedge_or_bound(a: str, b: str,
                                                              cue: str | None) -> None:
    assert _cue(a, b) == cue
    assert _cue(b, a) == cue


def _dump(aid: str, source: str) -> Article:
    return _article(aid, None, "The Vell council promised 40 million crowns for the bridge.",
                    source)


def test_dumps_of_one_file_name_from_two_folders_are_two_columns() -> None:
    names = outlet_names([_dump("a1", "week/run03/dump0.txt"),
                          _dump("a2", "week/run04/dump0.txt#2"),
                          _dump("a3", "week/run04/dump0.txt#3"),
                          _dump("a4", "week/run04/notes.txt")])
    assert names == {"a1": "Unknown outlet (run03/dump0.txt)",
                     "a2": "Unknown outlet (run04/dump0.txt)",
                     "a3": "Unknown outlet (run04/dump0.txt)",
                     "a4": "Unknown outlet (notes.txt)"}


def test_a_file_name_seen_once_keeps_its_short_label_and_outlets_stay() -> None:
    named = _dump("a2", "run04/dump0.txt")
    named.outlet = "Coast Herald"
    site = _dump("a3", "")
    site.url = "https://www.vell-news.example/bridge"
    assert outlet_names([_dump("a1", "/data/run03/dump0.txt"), named, site]) == {
        "a1": "Unknown outlet (dump0.txt)", "a2": "Coast Herald",
        "a3": "Unknown outlet (vell-news.example)"}


def test_the_comparison_shows_each_outlet_less_source_as_its_own_column() -> None:
    result = _compare([_dump("a1", "week/run03/dump0.txt"), _dump("a2", "week/run04/dump0.txt")])
    assert [o["outlet"] for o in result["outlets"]] == ["Unknown outlet (run03/dump0.txt)",
                                                        "Unknown outlet (run04/dump0.txt)"]
    (cluster,) = result["claims"]["clusters"]
    assert cluster["status"] == "shared"
