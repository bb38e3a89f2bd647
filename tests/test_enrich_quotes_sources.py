"""Who said it, on real news (issue 17, twentieth session, helper O). On the BASIL dev events the
quote stage gave a post the words of the experts who spoke about it, another of three listed
lawmakers the words of the one whose surname and party tag stood right before the verb, the
last person quoted before a "He added" that followed an attribution to a titled person the
entity stage had not tagged, a capitalised common word the entity stage typed a person a
spokeswoman's "she argued", and a place the object of a participle ("villages bordering <state>
have complained"). The sentences are written for these tests; the entities are set by
hand so that the tests do not depend on what the small entity model makes of made-up names."""

from __future__ import annotations

from tests.test_enrich_quotes_fresh import _speakers, enriched

from parallax.enrich.quotes import RegexQuotes
from parallax.records import Article, Mention


def _requoted(text: str, names: list[tuple[str, str]]) -> Article:
    """The article through the pipeline, then quoted again with exactly ``names`` as its
    entities (every occurrence; a longer name wins over a name inside it)."""
    article = enriched(text)
    found = []
    for name, kind in names:
        at = text.find(name)
        while at >= 0:
            found.append(Mention(name, at, at + len(name), kind, name))
            at = text.find(name, at + len(name))
    article.entities = sorted(
        (m for m in found if not any(o.start <= m.start and m.end <= o.end and len(o.text) > len(
            m.text) for o in found)), key=lambda m: m.start)
    RegexQuotes().annotate(article)
    return article


def test_a_source_inside_a_reported_clause_does_not_speak_the_sentence() -> None:
    article = _requoted(
        "Ana Lund, the harbour minister, wrote on Sunday that the pier contract had been signed "
        "in May.\n\nHer message soon hurt the ministry, as several analysts said it left the "
        "minister open to an inquiry, since, according to the message, she must have seen the "
        "rigged bid before the signing.", [("Ana Lund", "PERSON")])
    speakers = list(_speakers(article).values())
    assert "the message" not in speakers
    assert "several analysts" in speakers


def test_a_source_for_the_whole_sentence_still_speaks() -> None:
    article = _requoted(
        "Ivo Brandt runs the ferry line.\n\nIvo Brandt told the court, according to the Vell "
        "Courier, that the ferry had never left the harbour before the storm.",
        [("Ivo Brandt", "PERSON"), ("Vell Courier", "ORG")])
    assert "Vell Courier" in _speakers(article).values()


def test_a_surname_with_a_party_tag_before_the_verb_is_not_another_of_a_listed_three() -> None:
    article = _requoted(
        "Councillors Ana Lund, Mara Quist and Oskar Dorrow said on Friday that the ferry fares "
        "would rise in the spring. Dorrow, D-Vell, also said he would vote against the rise in "
        "the council.",
        [("Ana Lund", "PERSON"), ("Mara Quist", "PERSON"), ("Oskar Dorrow", "ORG")])
    key = "he would vote against the rise in the council"
    assert _speakers(article).get(key) == "Oskar Dorrow"


def test_he_added_after_an_attribution_to_a_titled_person_is_that_person() -> None:
    article = _requoted(
        "Ivo Brandt said on Monday that the ferry budget would be cut.\n\n\u201cThe board will "
        "have to explain every single payment to us,\u201d said Harbour Committee Chair Tomas "
        "Veil (D-Vell). He added that Dorrow had asked the auditors for the ledgers.\n\n"
        "\u201cWe will read them all,\u201d Veil said.",
        [("Ivo Brandt", "PERSON"), ("Harbour Committee", "ORG"), ("Veil", "PERSON"),
         ("Dorrow", "PERSON")])
    key = "Dorrow had asked the auditors for the ledgers"
    assert _speakers(article).get(key) == "Veil"  # not the one quoted before


def test_a_capitalised_word_opening_a_sentence_once_is_no_ones_pronoun() -> None:
    article = _requoted(
        "Ivo Brandt chairs the Vell Harbour Authority, which met on Monday to discuss the "
        "budget.\n\nLedgers obtained by the Coastal Herald describe attempts by port spokeswoman "
        "Mara Quist to keep the crane accident out of the yearly report. In a note, she argued "
        "that the authority should not give the council a reason to cut its funding.",
        [("Ivo Brandt", "PERSON"), ("Ledgers", "PERSON"), ("Coastal Herald", "ORG"),
         ("Mara Quist", "PERSON"), ("Vell Harbour Authority", "ORG")])
    key = "the authority should not give the council a reason to cut its funding"
    assert _speakers(article).get(key) != "Ledgers"


def test_a_given_name_cut_from_its_surname_may_still_open_the_chain() -> None:
    article = _requoted(
        "The school board met on Monday.\n\nElizabeth Deal, who moved to the valley last year, "
        "joined the suit. She said the class had to end.",
        [("Elizabeth", "PERSON")])
    assert _speakers(article).get("the class had to end") == "Elizabeth"


def test_a_place_after_a_lower_case_word_is_no_speaker() -> None:
    article = _requoted(
        "Nord sued Vell on Monday.\n\nFor months, fishermen in villages bordering Vell have "
        "complained that they find more of their nets cut at sea. Officials in Nord "
        "say the lawsuit seeks to stop Vell from selling the goods to visitors, and Nord says "
        "that the trade hurts its towns.", [("Vell", "GPE"), ("Nord", "GPE")])
    speakers = _speakers(article)
    assert "Vell" not in speakers.values()
    assert speakers.get("the trade hurts its towns") == "Nord"  # after "and" a place speaks
