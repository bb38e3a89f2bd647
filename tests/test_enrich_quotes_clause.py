"""English reported clauses that come first (issue 17, thirteenth session): "<clause>, <subject>
<verb> [when or where]." On the Dragnet tuning half these were missed, or the words after the
verb were shown as what was said ("Monday at the conference"). The sentences are written for
these tests."""

from __future__ import annotations

from parallax.enrich.quotes_checks import clause_first, title_like
from parallax.enrich.quotes_partial import continue_speakers
from parallax.enrich.speech_verbs import CUE_RX
from parallax.records import Article, Mention, Published, Quote
from test_enrich_quotes_fresh import _speakers, enriched  # tests/ is on sys.path


def test_a_clause_before_its_named_speaker_is_a_reported_statement() -> None:
    article = enriched(
        "Dana Holt runs the harbour authority in Kalvaria.\n\n"
        "The northern pier will stay closed until the spring, Dana Holt said on Tuesday at a "
        "briefing in the port.")
    speakers = _speakers(article)
    assert speakers.get("The northern pier will stay closed until the spring") == "Dana Holt"
    assert "on Tuesday at a briefing in the port" not in speakers  # not what was said


def test_a_pronoun_after_the_clause_stands_for_the_person_before_not_a_name_inside() -> None:
    article = enriched(
        "Tomas Veil spoke to reporters in the capital on Friday.\n\n"
        "Troops loyal to President Ivo Brandt were shelling the villages north of the river, "
        "he said.")
    speakers = _speakers(article)
    key = "Troops loyal to President Ivo Brandt were shelling the villages north of the river"
    assert speakers.get(key) == "Tomas Veil"


def test_an_age_after_the_name_does_not_hide_the_speaker() -> None:
    article = enriched(
        "Voters in Lusk were divided on Sunday.\n\n"
        "\u201cWe will wait and see what the council does next,\u201d Mara Quist, 46, said.")
    assert _speakers(article).get("We will wait and see what the council does next") == (
        "Mara Quist")


def test_clauses_that_only_look_like_attributions_are_not_read_as_such() -> None:
    # a subordinate clause first, a relative clause, "as he promised", the verb's own object
    assert clause_first("When asked about the vote on Monday, Dana Holt ", "") is None
    assert clause_first("Women in the valley want choices, choices that Ivo Brandt has ",
                        "") is None
    assert clause_first("Brandt repeated his claims about the wall, as he ", "during the "
                        "campaign") is None
    assert clause_first("The pier will stay closed until May, she ", "to the paper she "
                        "would leave the town soon after") is None
    assert clause_first("\u201cThe pier will stay closed,\u201d Holt ", "") is None
    assert clause_first("The pier will stay closed until May, Holt ", "on Tuesday") == len(
        "The pier will stay closed until May")



def test_a_pronoun_whose_nearest_name_is_inside_the_clause_names_nobody() -> None:
    article = enriched(
        "Dana Holt spoke for the ministry on Friday.\n\n"
        "Ivo Brandt reminded his hosts that the talks had to go on, she said.")
    assert not any(q.text.startswith("Ivo Brandt reminded") for q in article.quotes)


def test_examples_and_thoughts_in_quotation_marks_are_no_voices() -> None:
    article = enriched(
        "Next time you read a comment like \u201cthe harbour board never listens to anyone,\u201d "
        "send them this page.\n\nPicture the new clerk saying to herself, \u201cWhat on earth "
        "was I thinking that morning?\u201d\n\n\u201cThe harbour board never listens to "
        "anyone,\u201d Dana Holt said.")
    speakers = _speakers(article)
    assert "What on earth was I thinking that morning?" not in speakers
    assert list(speakers.values()) == ["Dana Holt"]


def test_a_title_whose_words_the_entity_stage_took_for_names_is_still_a_title() -> None:
    text = "Harbour Lights and Salt Roads"
    names = [Mention("Harbour Lights", 0, 14, "ORG", "Harbour Lights"),
             Mention("Salt Roads", 19, 29, "ORG", "Salt Roads")]
    assert title_like(text, 0, len(text), names)
    speech = "What about Dana Holt?"
    assert not title_like(speech, 0, len(speech), [Mention("Dana Holt", 11, 20, "PERSON",
                                                           "Dana Holt")])



def test_a_quote_goes_on_from_one_whose_speaker_its_attribution_names() -> None:
    # the entity stage tagged the full name only; the attribution has the lone surname
    text = ("Mara Quist has sold houses in Lusk for twenty years.\n\n"
            "\u201cSome houses sell on the first morning,\u201d Quist said. \u201cThe price "
            "matters, and so does the garden.\u201d")
    article = Article(id="t", role="main", title="", outlet=None, published=Published(),
                      text=text, language="en",
                      entities=[Mention("Mara Quist", 0, 10, "PERSON", "Mara Quist")])
    first, second = (text.index("Some"), text.index("morning,") + 8), (
        text.index("The price"), text.index("garden.") + 7)
    quotes = [Quote(text[a:b], a, b, None, None, True) for a, b in (first, second)]
    continue_speakers(article, quotes, CUE_RX)
    assert [q.speaker for q in quotes] == ["Mara Quist", "Mara Quist"]


def test_the_person_quoted_is_the_subject_before_the_appositive_not_a_name_inside() -> None:
    from parallax.enrich.quotes_speaker import Speakers

    text = "Benn Sike, country manager at Veldt Energy, said the farm was finished."
    people = [Mention("Benn Sike", 0, 9, "PERSON", "Benn Sike"),
              # the entity stage's mistake this guards against: a company typed as a person
              Mention("Veldt Energy", 30, 42, "PERSON", "Veldt Energy")]
    article = Article(id="t", role="main", title="", outlet=None, published=Published(),
                      text=text, language="en", entities=people)
    assert Speakers(article, {}, []).recent() == [(0, "Benn Sike")]



def test_a_place_or_body_before_the_people_who_speak_is_no_speaker() -> None:
    """Fifteenth session (helper V): on the BASIL training half "a <region> congressman who
    said" gave the region, "The <state> congressman … has said" the state and "some <agency>
    officials disliked that the draft said “…”" the agency. The sentences are made up."""
    article = enriched(
        "Lawmakers in Kalvaria met on Monday to elect a new floor leader.\n\n"
        "Dana Holt won the vote over a Vell County congressman who said his party had lost "
        "its way.")
    assert "Vell County" not in _speakers(article).values()  # no name rather than a place
    article = enriched(
        "Dana Holt runs the Harbour Board in Kalvaria.\n\n"
        "Some Harbour Board officials disliked that the first draft of the report said the "
        "port was \u201cclosed to all ships until further notice\u201d because it was too early.")
    assert _speakers(article).get("closed to all ships until further notice") is None


def test_a_body_speaks_through_its_officials_when_they_are_the_subject() -> None:
    article = enriched(
        "Dana Holt runs the Harbour Board in Kalvaria.\n\n"
        "Harbour Board officials said that the port would reopen in May.\n\n"
        "\u201cWe will reopen in May,\u201d said a Harbour Board spokesman, Piet Varga.")
    speakers = _speakers(article)
    assert speakers.get("the port would reopen in May") == "Harbour Board officials"
    assert speakers.get("We will reopen in May") == "Harbour Board"


def test_a_surname_the_entity_stage_missed_before_the_verb_is_the_speaker() -> None:
    """"Lund said of … Berg" gave Berg, "Lund said he is “…”" a name from the
    sentence before, when the entity stage had not tagged the surname (BASIL training half)."""
    article = enriched(
        "Dana Holt and Piet Varga met on Monday in Kalvaria.\n\n"
        "Holt said of Varga\u2019s plan that it \u201cwould cost far too much for the harbour "
        "towns.\u201d\n\n"
        "Holt said he is \u201cnot convinced\u201d that Varga will win the vote.")
    speakers = _speakers(article)
    assert speakers.get("would cost far too much for the harbour towns") == "Dana Holt"
    assert speakers.get("he is \u201cnot convinced\u201d that Varga will win the vote") == (
        "Dana Holt")
