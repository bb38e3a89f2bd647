"""What a real page's furniture put among the analysis: a clock time or a date's weekday as a
name, an ordinal or a year written short as a claim's figure, a reply's handle given a
language (made-up text; real counts in docs/enrichment.md, "Seventeenth session (helper F)")."""

from __future__ import annotations

from parallax.compare.contradiction import numbers_of
from parallax.enrich.language import LangidIdentifier
from parallax.enrich.ner import make_multilingual
from parallax.enrich.sentences import split_sentences
from parallax.records import Article, Published
from parallax.settings import Config
from parallax.textutil import numbers

POSTS = ("Recent posts on the harbour blog:\n"
         "Tue, 12 May 2026 21:40:03 GMT Ferry Line Adds Night Crossings\n"
         "Mon, 11 May 2026 08:15:00 GMT Harbour Board Approves New Quay\n"
         "The Harbour Board met on Monday, and Mara Lindqvist of Nordvik Ferries said the new "
         "crossings would start in June.")


def _names(text: str) -> set[str]:
    a = Article(id="a", role="main", title="", outlet=None, published=Published(), text=text,
                language="en")
    a.sentences = split_sentences(text)
    make_multilingual(Config()).annotate(a)
    return {m.text for m in a.entities if m.type != "DATE"}


def test_a_clock_time_or_a_dates_weekday_is_no_name() -> None:
    names = _names(POSTS)
    assert not any(":" in n or n.startswith(("GMT", "Tue", "Mon")) for n in names), names
    assert "Mara Lindqvist" in names


def test_an_ordinal_or_a_short_year_is_no_figure() -> None:
    text = "Leaders of the 21st century still argue over the pre-'91 borders and the ’80s."
    assert numbers(text) == []
    assert numbers_of(text) == frozenset()
    assert numbers("The 3rd bridge cost 40 million and 12,000 people used it.") == ["40", "12000"]


def test_a_handle_alone_gets_no_language() -> None:
    identifier = LangidIdentifier()
    assert identifier.detect("@ harbourwatcher", "en") is None
    assert identifier.detect("@harbour_watcher:", "en") is None
    assert identifier.detect("@harbourwatcher thanks for the update", "en") == "en"


def test_a_name_does_not_carry_its_indefinite_article() -> None:
    """Nineteenth session (helper V): the small model took a lower-case "a" into a board's
    name on real news (made-up sentence)."""
    names = _names("Officials said the findings of a State Department Accountability Review "
                   "Board were due in May.")
    assert "State Department Accountability Review Board" in names
    assert not any(n.startswith(("a ", "an ")) for n in names), names
