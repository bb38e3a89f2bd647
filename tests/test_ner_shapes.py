"""Entity rows of a wrong shape that a reader saw on real news (twenty-second session, helper
E): a state's news-agency abbreviation as a place of its own, an owner glued to the common
word after its possessive, a person typed a body in a list of people. Made-up text.
"""

from __future__ import annotations

from parallax.enrich.ner import make_multilingual
from parallax.enrich.ner_spans import owners_of_common_words, people_typed_bodies
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
