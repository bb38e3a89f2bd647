"""Whom "he said" / "she said" goes back to (issue 17, thirteenth session, helper Q3). On a
judged sample of pronoun-attributed English quotes (Dragnet tuning half, BASIL, SemEval-2023 EN
training) the wrong speakers were a name of the other gender ("she said" -> Ralph Nader), a
word the entity stage took for a person ("said on Twitter"), the person quoted three sentences
back instead of the subject of the sentence before, a name in a phrase before the pronoun
("Like Saviano, he said"), and a named person where the subject is unnamed ("A journalist …
after he said"). The sentences are written for these tests."""

from __future__ import annotations

from tests.test_enrich_quotes_fresh import _speakers, enriched

from parallax.enrich.quotes_genders import given_gender


def test_given_names_and_titles_tell_the_gender() -> None:
    assert given_gender("Ralph Nader") == "he"
    assert given_gender("Rep. Ed Royce") == "he"
    assert given_gender("Cynthia Huntington") == "she"
    assert given_gender("Pope Francis") == "he"
    assert given_gender("Nader") is None  # a surname tells nothing
    assert given_gender("Jordan Peel") is None  # a name used for both is in neither list
    assert given_gender("Louis Tea Party Group", titled=False) is None


def test_she_is_never_a_man_named_last() -> None:
    article = enriched(
        "Before the vote I met Cynthia Huntington at a bus stop in Portland. She could not "
        "decide between the Democrat and the independent candidate Ralph Nader.\n\n"
        "\u201cNone of them ever cared about people who work two jobs,\u201d she said.")
    assert _speakers(article)["None of them ever cared about people who work two jobs"] == (
        "Cynthia Huntington")


def test_the_subject_of_the_sentence_before_beats_the_last_person_quoted() -> None:
    article = enriched(
        "\u201cThe party has to change course before the next election,\u201d said Walter "
        "Brennan, a strategist who advised two governors.\n\nThe party lost three states it "
        "had held for decades.\n\nThe analyst Gordon Pike agreed, saying the losses were "
        "deep.\n\n\u201cThey cannot win a national race with this coalition,\u201d he said.")
    assert _speakers(article)["They cannot win a national race with this coalition"] == (
        "Gordon Pike")


def test_a_chain_of_he_said_goes_back_past_names_in_phrases() -> None:
    article = enriched(
        "Martin Kessler spoke for an hour at the convention in Dayton on Friday.\n\n"
        "\u201cWe are tired of waiting for the capital to fix this,\u201d he said.\n\n"
        "Like Senator Paula Reyes, he said the budget was the real problem.\n\n"
        "\u201cNobody in that building reads the bills they pass,\u201d he said.")
    shown = _speakers(article)
    assert shown["Nobody in that building reads the bills they pass"] == "Martin Kessler"
    assert shown["We are tired of waiting for the capital to fix this"] == "Martin Kessler"


def test_an_unnamed_subject_gets_no_name() -> None:
    article = enriched(
        "Governor Frank Ellison visited the border post on Monday.\n\n"
        "A local journalist has asked for protection after he said his family had been "
        "threatened by men in two trucks.")
    assert all(q.speaker != "Frank Ellison" for q in article.quotes)
