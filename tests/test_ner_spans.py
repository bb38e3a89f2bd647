"""English entity spans: what a name is not (thirteenth session, Dragnet tuning half).

Made-up text. On real blogs and news the small spaCy model typed ages, durations and counts as
dates and ran names across line breaks and bylines ("Jason Shafrin - Nov", "Twitter / Connect").
"""

from __future__ import annotations

from parallax.enrich.ner import _CALENDAR, _pieces, make_multilingual
from parallax.enrich.sentences import split_sentences
from parallax.records import Article, Published
from parallax.settings import Config


def test_a_date_is_a_point_in_the_calendar() -> None:
    for date in ("2012", "November 13", "Nov. 2", "Sept 5", "last August", "the 1990s", "'80s",
                 "65 AD", "2012-10-16", "10/12/2012", "between 2003 and 2010"):
        assert _CALENDAR.search(date), date
    for other in ("72-year-old", "16 years", "age of 10", "12th", "20+", "2-3 years",
                  "5,500-year-old", "1,500", "next 100 years", "3 decades", "Monday"):
        assert not _CALENDAR.search(other), other


def test_ages_and_durations_are_not_shown_as_dates() -> None:
    text = ("Ines Berg, 72, said on November 13, 2012 that the 16 years of work in Halden "
            "were over. The 72-year-old mayor left in 2013.")
    article = Article(id="x", role="main", title="", outlet=None, published=Published(),
                      text=text, language="en", sentences=split_sentences(text))
    make_multilingual(Config()).annotate(article)
    dates = {m.text for m in article.entities if m.type == "DATE"}
    assert not dates & {"72", "16 years", "72-year-old"}
    assert "2013" in dates


def pieces(span: str, etype: str = "ORG") -> list[str]:
    text = "ab " + span + " zz"
    return [text[a:b] for a, b in _pieces(text, 3, 3 + len(span), etype)]


def test_a_name_stops_at_a_line_break_a_spaced_dash_and_trailing_marks() -> None:
    assert pieces("Twitter\n\nConnect") == ["Twitter"]  # a lone word under it: a heading
    assert pieces("Market\n\nBrendon DeSimone") == ["Market", "Brendon DeSimone"]
    assert pieces("Morgen Peck\n\n") == ["Morgen Peck"]
    assert pieces("Iljitsch van Beijnum - Nov 9,") == ["Iljitsch van Beijnum"]
    assert pieces("Hollywood Theatre (") == ["Hollywood Theatre"]
    assert pieces("Stephen:") == ["Stephen"]
    assert pieces("Linding et al") == ["Linding"]
    assert pieces("Spider-Man") == ["Spider-Man"]
    assert pieces("November 13, 2012\n", "DATE") == ["November 13, 2012"]


def test_a_date_takes_no_name() -> None:
    text = "Karl Weick won the Deutsche Bank Award 2012. In 2012 he wrote a book."
    article = Article(id="x", role="main", title="", outlet=None, published=Published(),
                      text=text, language="en", sentences=split_sentences(text))
    make_multilingual(Config()).annotate(article)
    canonical = {m.text: m.canonical for m in article.entities if m.type == "DATE"}
    assert canonical.get("2012") == "2012"


def test_a_surname_typed_a_place_joins_the_articles_one_person_of_that_name() -> None:
    """The small model types some lone surnames as places; the name-part linking left places
    alone, so 'Varesh' stayed apart from 'Oleg Varesh' (33 of 40 such splits on the Dragnet
    tuning half). A word used after a place's preposition, or shared by two people, stays."""
    from parallax.enrich.ner_types import surnames_typed_places as _surnames_typed_places
    from parallax.records import Mention

    def mentions(*rows: tuple[str, str]) -> list[Mention]:
        return [Mention(t, 0, len(t), ty, t) for t, ty in rows]

    text = "Oleg Varesh spoke. Varesh left. Ana Halden flew in from Halden."
    found = mentions(("Oleg Varesh", "PERSON"), ("Varesh", "GPE"), ("Ana Halden", "PERSON"),
                     ("Halden", "GPE"))
    _surnames_typed_places(found, text, {})
    assert [m.type for m in found] == ["PERSON", "PERSON", "PERSON", "GPE"]
    two = mentions(("Oleg Varesh", "PERSON"), ("Ines Varesh", "PERSON"), ("Varesh", "GPE"))
    _surnames_typed_places(two, "Oleg Varesh and Ines Varesh. Varesh.", {})
    assert two[2].type == "GPE"
