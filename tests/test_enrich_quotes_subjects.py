"""Whose words a quote is when another clause stands near it (issue 17, twenty-second session,
helper Q). Judging 110 shown voices of the BASIL training half, the wrong speakers were names
of another clause: the person quoted a paragraph before for a "he said" that followed a
sentence opening with a phrase ("In a spring interview, <name> spoke of …"), the person an
infinitive's object ("to see <name> and called her a “…”"), the asker of a question a cry
answered ("When <name> asked …, someone shouted “…”"). The sentences are written for these
tests; entities are set by hand (``_requoted``)."""

from __future__ import annotations

from tests.test_enrich_quotes_fresh import _speakers
from tests.test_enrich_quotes_sources import _requoted


def test_he_said_after_a_sentence_that_opens_with_a_phrase_is_its_subject() -> None:
    article = _requoted(
        "Karl Berg, head of the Westport Ferry Club, said the national groups did not see "
        "\u201chow much anger there was on the quays.\u201d\n\nIn a spring interview, Tom Moss "
        "spoke of the trouble he had raising money for the club. "
        "\u201cI met each one of the owners,\u201d "
        "he said. \u201cStill, it is slow going.\u201d",
        [("Karl Berg", "PERSON"), ("Tom Moss", "PERSON"), ("Westport Ferry Club", "ORG")])
    shown = _speakers(article)
    assert shown["I met each one of the owners"] == "Tom Moss"
    assert shown["Still, it is slow going"] == "Tom Moss"


def test_the_object_of_an_infinitive_does_not_speak() -> None:
    article = _requoted(
        "\u201cThis is how a town should be,\u201d said Lena Moen, a nurse from Westport. She was "
        "at the fair to see Ana Ruiz and called her a \u201cplain-spoken ... everyday "
        "neighbour.\u201d",
        [("Lena Moen", "PERSON"), ("Ana Ruiz", "PERSON")])
    assert _speakers(article)["plain-spoken ... everyday neighbour"] != "Ana Ruiz"


def test_a_name_after_according_to_what_still_speaks() -> None:
    """"to what", "to a", "to the" open no infinitive: the name after them keeps its voice."""
    article = _requoted(
        "The ferry ran late all winter. Indeed, according to what Ana Ruiz wrote, the harbour "
        "board had known of the broken engine since the autumn.",
        [("Ana Ruiz", "PERSON")])
    assert "Ana Ruiz" in _speakers(article).values()


def test_a_cry_between_the_verb_and_the_phrase_is_not_the_askers() -> None:
    article = _requoted(
        "Ana Ruiz gave the closing speech. When Ana Ruiz asked what the port lacks, someone "
        "shouted \u201ca new ferry,\u201d though Ana Ruiz said it is \u201cnot that simple.\u201d",
        [("Ana Ruiz", "PERSON")])
    shown = _speakers(article)
    assert shown["a new ferry"] != "Ana Ruiz"
    assert "Ana Ruiz" in shown.values()  # her own "not that simple" stays hers


def test_a_place_after_a_hyphened_modifier_is_no_speaker() -> None:
    """The quote stage reads a place after "<word>-born", "-based" as a modifier, as the
    comparison's voices did (one rule since the twenty-second session)."""
    article = _requoted(
        "The tolls rose again. Two Nord-born Westmark councillors said the ferries will run late "
        "until May.", [("Westmark", "GPE")])
    assert "Westmark" not in _speakers(article).values()
