"""One row per actor in the comparison, whatever spelling each outlet used (made-up stories;
nineteenth session, helper A). Before, the portrayal matrix keyed rows by the entity stage's
canonical name: one senator was two rows and each outlet "did not mention" the other one."""

from __future__ import annotations

from typing import Any

from parallax.pipeline import build_comparer
from parallax.records import Article, Mention, Published, Story
from parallax.settings import Config


def _article(aid: str, outlet: str, text: str, names: list[tuple[str, str, str]]) -> Article:
    """``names``: (surface, canonical, type) as the entity stage gave them."""
    mentions = []
    for surface, canonical, kind in names:
        start = text.index(surface)
        mentions.append(Mention(text=surface, start=start, end=start + len(surface), type=kind,
                                canonical=canonical))
    return Article(id=aid, role="main", title="", outlet=outlet, text=text, language="en",
                   published=Published(iso="2026-03-01"), entities=mentions)


def _compare(articles: list[Article]) -> dict[str, Any]:
    story = Story("s1", "t", [a.id for a in articles], main_count=len(articles))
    return build_comparer(Config()).compare(story, articles, [])


def _not_mentioned(result: dict[str, Any]) -> set[tuple[str, str]]:
    portrayal = result["portrayal"]
    shown = {(c["entity"], c["outlet"]) for c in portrayal["cells"]}
    return {(e, o) for e in portrayal["entities"] for o in portrayal["outlets"]
            if (e, o) not in shown}


def _story() -> list[Article]:
    post = _article("a1", "Morning Post",
                    "Senator Charles P. Wendt of Ostmark asked the Ostmark Farmers Union to "
                    "join the Senate Harbor Committee hearing.",
                    [("Charles P. Wendt", "Charles P. Wendt", "PERSON"),
                     ("Ostmark", "Ostmark", "GPE"),
                     ("Ostmark Farmers Union", "Ostmark Farmers Union", "ORG"),
                     ("Senate Harbor Committee", "Senate Harbor Committee", "ORG")])
    star = _article("a2", "Evening Star",
                    "Chuck Wendt (D-Ostm.) wants the OFU at the Harbor Committee hearing.",
                    [("Chuck Wendt", "Chuck Wendt", "PERSON"), ("Ostm.", "Ostm.", "GPE"),
                     ("OFU", "OFU", "ORG"), ("Harbor Committee", "Harbor Committee", "ORG")])
    lantern = _article("a3", "Daily Lantern",
                       "Wendt says the ostmark farmers union belongs at the hearing in Ostmark.",
                       [("Wendt", "Wendt", "PERSON"), ("Ostmark", "Ostmark", "GPE")])
    return [post, star, lantern]


def test_one_actor_in_several_spellings_is_one_row() -> None:
    result = _compare(_story())
    rows = result["portrayal"]["entities"]
    assert "Charles P. Wendt" in rows
    assert not {"Chuck Wendt", "Wendt", "OFU", "Ostm.", "Harbor Committee"} & set(rows)
    assert "Ostmark Farmers Union" in rows and "Ostmark" in rows
    assert "Senate Harbor Committee" in rows


def test_an_outlet_that_names_the_actor_otherwise_is_not_said_to_leave_it_out() -> None:
    result = _compare(_story())
    missing = _not_mentioned(result)
    # the Lantern writes the union in lower case (no entity): still mentioned
    assert ("Ostmark Farmers Union", "Daily Lantern") not in missing
    assert ("Charles P. Wendt", "Evening Star") not in missing
    assert ("Senate Harbor Committee", "Evening Star") not in missing
    # the Lantern really does not name the committee
    assert ("Senate Harbor Committee", "Daily Lantern") in missing
    cell = next(c for c in result["portrayal"]["cells"]
                if c["entity"] == "Ostmark Farmers Union" and c["outlet"] == "Daily Lantern")
    assert cell["abstained"] is True
    omitted = {o["outlet"]: o["missing_entities"] for o in result["omissions"]}
    assert "Evening Star" not in omitted


def test_two_people_of_one_surname_stay_apart() -> None:
    """Lena and Lotte Korr share a surname and an initial, not a first name; a lone "Korr"
    with both in the story is left alone."""
    a = _article("a1", "Morning Post", "Lena Korr beat Tom Ash.",
                 [("Lena Korr", "Lena Korr", "PERSON"), ("Tom Ash", "Tom Ash", "PERSON")])
    b = _article("a2", "Evening Star", "Lotte Korr praised Tom Ash.",
                 [("Lotte Korr", "Lotte Korr", "PERSON"), ("Tom Ash", "Tom Ash", "PERSON")])
    c = _article("a3", "Daily Lantern", "Korr spoke first, then Thomas Ash.",
                 [("Korr", "Korr", "PERSON"), ("Thomas Ash", "Thomas Ash", "PERSON")])
    rows = _compare([a, b, c])["portrayal"]["entities"]
    assert {"Lena Korr", "Lotte Korr", "Korr"} <= set(rows)
    assert "Thomas Ash" not in rows and "Tom Ash" in rows


def test_names_one_article_keeps_apart_stay_apart() -> None:
    """The Post names the harbour council and the east harbour council, two bodies: the
    Star's "Harbor Council" is not merged into the east one."""
    a = _article("a1", "Morning Post", "The East Harbor Council sued the Harbor Council.",
                 [("East Harbor Council", "East Harbor Council", "ORG"),
                  ("Harbor Council", "Harbor Council", "ORG")])
    b = _article("a2", "Evening Star", "The Harbor Council was sued on Monday.",
                 [("Harbor Council", "Harbor Council", "ORG")])
    rows = _compare([a, b])["portrayal"]["entities"]
    assert {"East Harbor Council", "Harbor Council"} <= set(rows)


def test_a_first_name_and_its_feminine_form_are_two_people() -> None:
    """"Jan Korr" and "Jana Korr" (made up) share a surname and "Jan" begins "Jana", but a
    feminine form is another first name (twentieth session); "Ben" / "Benjamin" still fits."""
    a = _article("a1", "Morning Post", "Jan Korr met Ben Ash.",
                 [("Jan Korr", "Jan Korr", "PERSON"), ("Ben Ash", "Ben Ash", "PERSON")])
    b = _article("a2", "Evening Star", "Jana Korr met Benjamin Ash.",
                 [("Jana Korr", "Jana Korr", "PERSON"), ("Benjamin Ash", "Benjamin Ash", "PERSON")])
    rows = _compare([a, b])["portrayal"]["entities"]
    assert {"Jan Korr", "Jana Korr"} <= set(rows)
    assert ("Ben Ash" in rows) != ("Benjamin Ash" in rows)


def test_a_medium_named_by_its_medium_word_is_no_omission() -> None:
    """Two outlets cite "Harbor Lights magazine" (made up), the third does not: citing a
    medium or not is no omission, though the name holds no medium word."""
    a = _article("a1", "Morning Post", "Tom Ash won, Harbor Lights magazine found.",
                 [("Tom Ash", "Tom Ash", "PERSON"), ("Harbor Lights", "Harbor Lights", "ORG")])
    b = _article("a2", "Daily Lantern", "Tom Ash won, said Harbor Lights.",
                 [("Tom Ash", "Tom Ash", "PERSON"), ("Harbor Lights", "Harbor Lights", "ORG")])
    c = _article("a3", "Evening Star", "Tom Ash won again.",
                 [("Tom Ash", "Tom Ash", "PERSON")])
    omitted = {o["outlet"]: o["missing_entities"] for o in _compare([a, b, c])["omissions"]}
    assert "Harbor Lights" not in omitted.get("Evening Star", [])
