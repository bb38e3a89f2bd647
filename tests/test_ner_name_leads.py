"""English entities on real news, twentieth session: a word before a person that is no part of
the name, and a chamber that is not the White House.

Made-up text. On BASIL and SemEval-2023 EN training the small spaCy model took a title, a body
or an owner in the possessive into a person's span (often typed ORG), and the chamber "House"
took the White House's canonical name through the name-part linking.
"""

from __future__ import annotations

from parallax.enrich.mention_links import link_name_parts
from parallax.enrich.ner import make_multilingual
from parallax.enrich.sentences import split_sentences
from parallax.records import Article, Mention, Published
from parallax.settings import Config


def entities(text: str) -> list[tuple[str, str, str]]:
    article = Article(id="x", role="main", title="", outlet=None, published=Published(),
                      text=text, language="en", sentences=split_sentences(text))
    make_multilingual(Config()).annotate(article)
    return [(m.text, m.type, m.canonical) for m in article.entities if m.type != "DATE"]


def test_the_house_is_not_the_white_house() -> None:
    found = entities("The House voted on Tuesday while the White House waited. House Democrats "
                     "said the bill would pass the House next week.")
    assert ("White House", "ORG", "White House") in found
    assert [c for t, _, c in found if t == "House"] == ["House", "House", "House"]


def test_a_lone_house_still_joins_a_person_of_that_surname() -> None:
    mentions = [Mention("Edda House", 0, 10, "PERSON", "Edda House"),
                Mention("House", 20, 25, "PERSON", "House")]
    assert [m.canonical for m in link_name_parts(mentions)] == ["Edda House", "Edda House"]
