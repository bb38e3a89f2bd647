"""English voices on fresh real news (issue 17, twelfth session): what a judged sample of the
Dragnet tuning half showed as voices wrongly. Titles and shouts in quotation marks with no speech
verb near are no voices, the one told is no speaker, and a quote after a colon takes its speaker
from the clause that introduces it, never from an earlier sentence. The sentences are written for
these tests."""

from __future__ import annotations

import dataclasses
import functools

from parallax.enrich.quotes_checks import title_like
from parallax.pipeline import Pipeline
from parallax.records import Article, Published
from parallax.settings import Config


@functools.cache
def _pipeline() -> Pipeline:
    return Pipeline.from_config(Config())


def enriched(text: str) -> Article:
    article = Article(id="t", role="main", title="", outlet="Outlet A", published=Published(),
                      text=text)
    for kind, annotator in _pipeline().annotators:
        if kind != "framing":
            annotator.annotate(article)
    return article


def _speakers(article: Article) -> dict[str, str | None]:
    return {q.text.strip(" ,.;"): q.speaker for q in article.quotes}


def test_titles_and_shouts_in_quotation_marks_are_no_voices() -> None:
    article = enriched(
        "The critic Dana Wells has published three books: \"Small Rivers and Slow Longing,\" "
        "\"Salt and Iron at Midnight\" and \"The Quiet Harbour Years.\" She lives near the "
        "coast.\n\nThe cafe is the most \"WE ARE YOUNG AND LOUD AND PROUD\" place in town, "
        "with a neon wall.\n\nHer neighbour shouted \"we never asked for any of this\" and "
        "left the meeting.")
    shown = _speakers(article)
    assert not {"Small Rivers and Slow Longing", "Salt and Iron at Midnight",
                "The Quiet Harbour Years", "WE ARE YOUNG AND LOUD AND PROUD"} & set(shown)
    assert "we never asked for any of this" in shown  # speech in sentence case stays


def test_title_case_counts_no_words_of_a_found_name() -> None:
    article = enriched("Senator Ruth Calder spoke in Tallinn on Monday.")
    text = "\u201cMeet Ruth Calder.\u201d"
    title = "Once Upon a Harbour: The Rise of the Ferry"  # made up
    assert title_like(title, 0, len(title), [])
    assert not title_like("we never asked for any of this", 0, 30, [])
    names = [m for m in article.entities if m.text == "Ruth Calder"]
    assert names  # the sentence above makes the entity stage find the name
    shifted = [dataclasses.replace(m, start=6, end=17) for m in names[:1]]
    assert title_like(text, 1, 18, []) and not title_like(text, 1, 18, shifted)


def test_the_one_told_is_no_speaker() -> None:
    article = enriched(
        "\u201cThe budget will pass before the winter recess, whatever the opposition says,"
        "\u201d Marta Kellner of the finance committee told Radio Nordvik on Monday."
        "\n\nThe sprinter Tomas Rydell lost his appeal on Friday. Rydell told Radio Nordvik: "
        "\u201cWe will appeal the ruling in every court that will hear us.\u201d")
    shown = _speakers(article)
    assert shown["The budget will pass before the winter recess, whatever the opposition "
                 "says"] == "Marta Kellner"  # was Radio Nordvik
    assert shown["We will appeal the ruling in every court that will hear us"] == "Tomas Rydell"


def test_a_colon_quote_takes_no_speaker_from_an_earlier_sentence() -> None:
    article = enriched(
        "The mayor, Elin Ferrow, opened the new bridge over the river on Monday. A local paper "
        "later printed a letter from a reader:\n\n\u201cThis bridge has cut my drive to work in "
        "half and I am grateful for it.\u201d\n\nGeneral Aron Vasquez visited the port on "
        "Tuesday.\n\nVasquez said: \u201cThe harbour will stay open to every ship that needs "
        "it.\u201d")
    shown = _speakers(article)
    assert shown["This bridge has cut my drive to work in half and I am grateful for it"] is None
    assert shown["The harbour will stay open to every ship that needs it"] == "Aron Vasquez"


def test_real_news_voices_name_the_person_not_a_description_or_a_place() -> None:
    """Nineteenth session (helper V), made-up sentences after the BASIL audit: a descriptive
    appositive was shown as the speaker instead of the name before it; a department the speaker
    attacked, right before ", and said", as the speaker; the place nearest the verb instead of
    the attorneys general of it."""
    shown = _speakers(enriched(
        "The ferry union met on Monday. Mara Lindqvist, a longtime critic of the harbour "
        "board, said it is \"not that easy.\""))
    assert shown["not that easy"] == "Mara Lindqvist"
    shown = _speakers(enriched(
        "Senator Maria Costa on Tuesday renewed her attack on the \"lazy\" Harbour Department, "
        "and said a former aide to her rival should resign."))
    assert shown["a former aide to her rival should resign"] == "Maria Costa"
    shown = _speakers(enriched(
        "Attorneys general in Vermont and New Hampshire said they had no plans to join the suit."))
    assert shown["they had no plans to join the suit"] == \
        "Attorneys general in Vermont and New Hampshire"


def test_an_unnamed_subject_speaks_as_written_and_passes_on_to_no_other_voice() -> None:
    """Nineteenth session (helper V), made up: "the lawsuit says" gave no voice (or the place
    named nearest); a direct quote after another person's attribution (a line break inside
    the sentence) took the earlier reported clause's speaker."""
    shown = _speakers(enriched(
        "The two towns went to court over the ferry in May. The lawsuit says the new quay "
        "breaks the harbour charter."))
    assert shown["the new quay breaks the harbour charter"] == "The lawsuit"
    shown = _speakers(enriched(
        "Port officials say the ferry left late from the north quay\n\nafter the storm, and "
        "Tomas Berg said on Friday,\n\n\u201cI agree with every word of the report.\u201d"))
    assert shown["the ferry left late from the north quay"] == "Port officials"
    assert shown["I agree with every word of the report"] != "Port officials"
