"""Entity rows of a wrong shape that a reader saw on real news (twenty-second session, helper
E): a state's news-agency abbreviation as a place of its own, an owner glued to the common
word after its possessive, a person typed a body in a list of people. Made-up text.
"""

from __future__ import annotations

from parallax.enrich.common_words import CommonWords
from parallax.enrich.mention_links import join_rows
from parallax.enrich.ner import make_multilingual
from parallax.enrich.ner_spans import (
    names_run_together,
    owners_of_common_words,
    people_typed_bodies,
    unclosed_brackets,
)
from parallax.enrich.sentences import split_sentences
from parallax.enrich.us_states import name_states
from parallax.records import Article, Mention, Published
from parallax.settings import Config


def entities(text: str) -> list[tuple[str, str, str]]:
    a = Article(id="x", role="main", title="", outlet=None, published=Published(),
                text=text, language="en")
    a.sentences = split_sentences(text)
    make_multilingual(Config()).annotate(a)
    return [(m.text, m.type, m.canonical) for m in a.entities]


def test_a_state_abbreviation_after_a_town_is_the_state() -> None:
    found = entities("The hearing was held in Harlow, Ore., on Monday. Oregon officials said "
                     "the ferry would keep running. A second hearing is set for Dunmore, "
                     "Calif., in May.")
    assert ("Ore.", "GPE", "Oregon") in found
    assert ("Calif.", "GPE", "California") in found
    assert {c for _, _, c in found} == {"Harlow", "Oregon", "Dunmore", "California", "May"}


def test_a_state_abbreviation_is_read_only_where_the_model_typed_a_place() -> None:
    title = [Mention("Miss.", 0, 5, "PERSON", "Miss."), Mention("Wash.", 10, 15, "GPE", "Wash.")]
    name_states(title)
    assert [m.canonical for m in title] == ["Miss.", "Washington State"]


def test_an_owner_glued_to_a_common_word_is_the_owner() -> None:
    found = entities("Investigators said Tomas Brandel rented the truck. The phone was "
                     "recovered from Brandel’s van, which stood near the pier.")
    assert found == [("Tomas Brandel", "PERSON", "Tomas Brandel"),
                     ("Brandel", "PERSON", "Tomas Brandel")]


def test_a_possessive_inside_a_body_s_own_name_stays() -> None:
    text = "The Harlow Lawyers’ Committee for Fair Ports and Brandel’s shop. The shop opened."
    body = Mention("Harlow Lawyers’ Committee for Fair Ports", 4, 44, "ORG",
                   "Harlow Lawyers’ Committee for Fair Ports")
    shop = Mention("Brandel’s shop", 49, 63, "ORG", "Brandel’s shop")
    kept = owners_of_common_words([body, shop], text, lambda: {"shop", "the"},
                                  lambda name, etype: (name, etype))
    assert kept == [body]  # the shop's owner is named nowhere else: nothing shown


def test_a_person_typed_a_body_in_a_list_of_people_is_a_person() -> None:
    found = entities("Representatives John Lopez, Mark Fenwick and Emanuel Drayton said "
                     "protesters shouted at them. Drayton said he was not hurt.")
    assert ("Emanuel Drayton", "PERSON", "Emanuel Drayton") in found
    assert ("Drayton", "PERSON", "Emanuel Drayton") in found


def test_a_body_in_a_list_of_bodies_stays_a_body() -> None:
    text = "Velmara Shipping, Harlow Freight and Dunmore Ferries signed the deal."
    names = [Mention("Velmara Shipping", 0, 16, "ORG", "Velmara Shipping"),
             Mention("Harlow Freight", 18, 32, "ORG", "Harlow Freight"),
             Mention("Dunmore Ferries", 37, 52, "ORG", "Dunmore Ferries")]
    people_typed_bodies(names, text, {})
    assert [m.type for m in names] == ["ORG", "ORG", "ORG"]


def test_a_hashtag_of_an_embedded_post_is_no_name() -> None:
    found = entities("The mayor spoke to reporters on Monday. “The ferry stays,” she wrote. "
                     "#SaveTheFerry pic.twitter.com/x8Qz2Lm — Velmara Ferry Friends "
                     "(@velmaraferry) May 4, 2026")
    assert "SaveTheFerry" not in {text for text, _, _ in found}


def test_a_hashtag_the_article_also_writes_as_a_word_stays() -> None:
    found = entities("Fans of the #Velmara team filled the square. Velmara won the cup on "
                     "Sunday.")
    assert [text for text, _, _ in found] == ["Velmara", "Velmara"]


# twenty-third session (helper E): one thing in two rows, and a dotted state in brackets


def test_a_bracketed_initialism_joins_the_name_it_abbreviates() -> None:
    found = entities("The Board of Veterinary Harmony (BVH) met on Tuesday. The BVH said the "
                     "rules would change.")
    assert {c for t, _, c in found if t in ("BVH", "Board of Veterinary Harmony")} == {
        "Board of Veterinary Harmony"}


def test_a_bracketed_word_that_is_no_initialism_of_the_name_stays_apart() -> None:
    mentions = [Mention("Board of Veterinary Harmony", 4, 31, "ORG", "Board of Veterinary Harmony"),
                Mention("KLM", 33, 36, "ORG", "KLM")]
    join_rows(mentions, "The Board of Veterinary Harmony (KLM) met.", {})
    assert [m.canonical for m in mentions] == ["Board of Veterinary Harmony", "KLM"]


def test_a_body_after_its_country_is_the_body_of_its_rows() -> None:
    found = entities("The U.S. Supreme Court took the case. The Supreme Court will rule in "
                     "June, and the Supreme Court rarely waits.")
    assert {c for t, _, c in found if t.endswith("Supreme Court")} == {"Supreme Court"}


def test_the_committees_of_two_chambers_stay_apart() -> None:
    found = entities("The Senate Judiciary Committee met. The House Judiciary Committee also "
                     "met. The Judiciary Committee chairman spoke.")
    assert len({c for _, _, c in found}) == 3


def test_a_two_word_surname_joins_the_full_name_a_given_name_opens() -> None:
    text = "Linda Marsh Holloway spoke. Marsh Holloway left."
    mentions = [Mention("Linda Marsh Holloway", 0, 20, "PERSON", "Linda Marsh Holloway"),
                Mention("Marsh Holloway", 28, 42, "PERSON", "Marsh Holloway")]
    join_rows(mentions, text, {})
    assert {m.canonical for m in mentions} == {"Linda Marsh Holloway"}


def test_a_word_glued_before_a_name_the_article_writes_alone_is_cut() -> None:
    text = "Pre-Order Tobias Wrenfield's book. Tobias Wrenfield wrote it."
    mentions = [Mention("Pre-Order Tobias Wrenfield", 0, 26, "PERSON",
                        "Pre-Order Tobias Wrenfield"),
                Mention("Tobias Wrenfield", 35, 51, "PERSON", "Tobias Wrenfield")]
    join_rows(mentions, text, {})
    assert [(text[m.start:m.end], m.canonical) for m in mentions] == [
        ("Tobias Wrenfield", "Tobias Wrenfield")] * 2


def test_a_dotted_state_in_brackets_after_a_lawmaker_is_no_row() -> None:
    found = entities("Senator Margo Quillfeather (N.Y.) said on Monday that the bill was dead. "
                     "Representative Dale Vossberg (W.Va.) voted no.")
    assert {c for _, _, c in found} == {"Margo Quillfeather", "Dale Vossberg"}


def test_names_run_together_in_a_list_are_cut_at_the_second_given_name() -> None:
    text = "Vote: Ellen Marsh Peter Wrenfield Dina Kettleby"
    run = [Mention("Ellen Marsh Peter Wrenfield", 6, 33, "PERSON", "Ellen Marsh Peter Wrenfield"),
           Mention("Dina Kettleby", 34, 47, "PERSON", "Dina Kettleby")]
    cut = names_run_together(run, text, lambda name, etype: (name, etype))
    assert [(text[m.start:m.end], m.canonical) for m in cut] == [
        ("Ellen Marsh", "Ellen Marsh"), ("Peter Wrenfield", "Peter Wrenfield"),
        ("Dina Kettleby", "Dina Kettleby")]


def test_a_given_name_glued_to_the_next_name_outside_the_span_is_left_out() -> None:
    text = "Vote: Ellen Marsh Peter Wrenfield"
    run = [Mention("Ellen Marsh Peter", 6, 23, "PERSON", "Ellen Marsh Peter")]
    cut = names_run_together(run, text, lambda name, etype: (name, etype))
    assert [m.text for m in cut] == ["Ellen Marsh"]


def test_a_name_with_an_initial_or_a_second_given_name_is_never_cut() -> None:
    text = "Paul D. Ryan and Mary Ellen Roth, then Anita L. Russell, spoke."
    names = [Mention("Paul D. Ryan", 0, 12, "PERSON", "Paul D. Ryan"),
             Mention("Mary Ellen Roth", 17, 32, "PERSON", "Mary Ellen Roth"),
             Mention("Anita L. Russell", 39, 55, "PERSON", "Anita L. Russell")]
    assert names_run_together(list(names), text, lambda n, t: (n, t)) == names


def test_a_span_that_swallowed_an_open_bracket_is_cut_before_it() -> None:
    spans = [Mention("Office for Made-up Review (OMR", 4, 34, "ORG",
                     "Office for Made-up Review (OMR")]
    cut = unclosed_brackets(spans, lambda name, etype: (name, etype))
    assert [(m.text, m.end, m.canonical) for m in cut] == [
        ("Office for Made-up Review", 29, "Office for Made-up Review")]
    closed = [Mention("Harlow (Ore.) Ferry", 0, 19, "ORG", "Harlow (Ore.) Ferry")]
    assert unclosed_brackets(list(closed), lambda n, t: (n, t)) == closed


def test_a_faith_its_scripture_and_its_law_are_no_rows() -> None:
    found = entities("The preacher said the Qur’an and the Sharia guide his life. He wrote on "
                     "Islam for the Harlow Courier.")
    assert not {c for _, _, c in found} & {"Qur’an", "Sharia", "Islam"}
    assert ("Harlow Courier", "ORG", "Harlow Courier") in found


def test_a_pages_legal_links_are_no_row() -> None:
    text = "Readers accept the Cookie Policy & Terms of Service below."
    common = CommonWords(text)
    start = text.index("Cookie")
    assert common.not_a_name(Mention("Cookie Policy & Terms", start, start + 21, "ORG", "x"))
    assert not common.not_a_name(Mention("Privacy International", 0, 21, "ORG", "x"))
