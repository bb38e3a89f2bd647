"""English entities on real news, twentieth session: a word before a person that is no part of
the name, and a chamber that is not the White House.

Made-up text. On BASIL and SemEval-2023 EN training the small spaCy model took a title, a body
or an owner in the possessive into a person's span (often typed ORG), and the chamber "House"
took the White House's canonical name through the name-part linking.
"""

from __future__ import annotations

from parallax.enrich.mention_links import link_name_parts
from parallax.enrich.name_leads import split_lead
from parallax.enrich.ner import make_multilingual
from parallax.enrich.sentences import split_sentences
from parallax.records import Article, Mention, Published
from parallax.settings import Config


def entities(text: str) -> list[tuple[str, str, str]]:
    article = Article(id="x", role="main", title="", outlet=None, published=Published(),
                      text=text, language="en", sentences=split_sentences(text))
    make_multilingual(Config()).annotate(article)
    return [(m.text, m.type, m.canonical) for m in article.entities if m.type != "DATE"]


def parts(span: str, etype: str = "ORG", lower: frozenset[str] = frozenset(),
          known: dict[str, str] | None = None) -> list[tuple[str, str]]:
    text = "x " + span + " y"
    found = split_lead(text, 2, 2 + len(span), etype, lambda: set(lower),
                       lambda name: (known or {}).get(name))
    return [(text[a:b], kind) for a, b, kind in found]


def test_the_house_is_not_the_white_house() -> None:
    found = entities("The House voted on Tuesday while the White House waited. House Democrats "
                     "said the bill would pass the House next week.")
    assert ("White House", "ORG", "White House") in found
    assert [c for t, _, c in found if t == "House"] == ["House", "House", "House"]


def test_a_lone_house_still_joins_a_person_of_that_surname() -> None:
    mentions = [Mention("Edda House", 0, 10, "PERSON", "Edda House"),
                Mention("House", 20, 25, "PERSON", "House")]
    assert [m.canonical for m in link_name_parts(mentions)] == ["Edda House", "Edda House"]


def test_a_body_or_a_title_before_a_given_name_is_cut_off() -> None:
    assert parts("UN Nikki Pellow", known={"UN": "ORG"}) == [("UN", "ORG"),
                                                             ("Nikki Pellow", "PERSON")]
    assert parts("Harbor Society’s Leonard Pike") == [("Harbor Society", "ORG"),
                                                      ("Leonard Pike", "PERSON")]
    assert parts("Vellblog’s Leonard Pike") == [("Leonard Pike", "PERSON")]  # owner unknown
    assert parts("Bishop Mark Tollan") == [("Mark Tollan", "PERSON")]
    assert parts("Drummer Mark Tollan", "PERSON", frozenset({"drummer"})) == [
        ("Mark Tollan", "PERSON")]


def test_a_name_that_only_holds_a_given_name_stays_whole() -> None:
    for span in ("Saint John Lateran", "Fort George Vell", "Ahmad Ali Vell",
                 "St. Louis Tea Party", "Marjory Vell Douglas High School", "Drummer Lee Vell"):
        assert parts(span) == [(span, "ORG")], span
    assert parts("Historian Alan Pruett", "GPE") == [("Historian Alan Pruett", "GPE")]


def test_a_person_after_a_body_in_the_possessive_is_a_person() -> None:
    found = entities("It gave a central role to the Harbor Society’s Leonard Pike, who wrote "
                     "the list. Pike declined to comment.")
    assert ("Leonard Pike", "PERSON", "Leonard Pike") in found
    assert ("Pike", "PERSON", "Leonard Pike") in found
    assert ("Harbor Society", "ORG", "Harbor Society") in found


def test_a_given_name_and_a_surname_typed_a_body_is_a_person() -> None:
    assert parts("Karen Vennick") == [("Karen Vennick", "PERSON")]
    assert parts("George W. Vell", "GPE") == [("George W. Vell", "PERSON")]
    assert parts("Rose Garden", "GPE") == [("Rose Garden", "GPE")]  # a place needs the initial
    assert parts("Virginia Vell") == [("Virginia Vell", "ORG")]  # a given name that is a place
    assert parts("Emma Vellar Award") == [("Emma Vellar Award", "ORG")]
    found = entities("The envoy to the United Nations Nikki Pellow used her speech to attack "
                     "the plan. Later, Ambassador Pellow said it must stop.")
    assert ("Nikki Pellow", "PERSON", "Nikki Pellow") in found
    assert ("United Nations", "ORG", "United Nations") in found


def test_dotted_initials_name_a_body() -> None:
    found = entities("The F.B.I. said on Monday that agents had moved to D.C. and the U.S.A.")
    assert ("F.B.I.", "ORG", "F.B.I.") in found
    assert ("U.S.A.", "GPE", "U.S.A.") in found


def test_a_state_in_a_party_tag_is_no_mention_of_the_state() -> None:
    found = entities("Sen. Rand Vell, R-Ky., said on Monday that Speaker Paul Tran (Wis.) was "
                     "wrong. Vell lives in Lexington, Ky. and spoke in Ohio.")
    places = [t for t, kind, _ in found if kind == "GPE"]
    assert places == ["Lexington", "Ky.", "Ohio"]


def test_a_name_after_a_lower_case_job_is_a_person() -> None:
    # thirty-third session (helper EJ): a person whose given name the lists do not know, after a
    # job in lower case, was typed a body or a place ("farmer <name>"), kept the job in its span
    # ("electrician <name>", a body) or was typed a product, which Parallax shows nowhere
    for sentence, name in [
            ("The plan was backed by farmer Ewan Tolley on Monday.", "Ewan Tolley"),
            ("According to nurse Bethany Colquhoun, the ward was understaffed.",
             "Bethany Colquhoun"),
            ("The plan was backed by electrician Ewan Tolley on Monday.", "Ewan Tolley"),
            ("farmer Ines Carvalho said the plan would fail.", "Ines Carvalho"),
            ("The dispute involved plumber Radek Novotny and his landlord.", "Radek Novotny")]:
        found = [(t, kind) for t, kind, _ in entities(sentence)]
        assert found == [(name, "PERSON")], (sentence, found)


def test_a_body_or_a_common_word_after_a_job_stays_as_it_was() -> None:
    # the evidence is a job right before two or three name-shaped words: a body's last word,
    # a word the article writes in lower case, or a fourth capitalised word keeps the model's
    # reading
    assert parts("Farmers Co-op Society", "ORG") == [("Farmers Co-op Society", "ORG")]
    # a lower-case noun after the name makes it a modifier: a body's, not a person's
    assert [(t, kind) for t, kind, _ in entities("volunteer Fire Brigade members attended.")] \
        == [("Fire Brigade", "ORG")]
    from parallax.enrich.name_leads import missed_after_jobs
    text = "The nurse Ewan Tolley Trust and the farmer Green Valley; valley farms."
    assert missed_after_jobs(text, [], lambda: {"valley", "farms", "the", "and", "nurse",
                                                "farmer"}) == []
    text = "Witnesses included nurse Maren Quist's sister."
    spans = missed_after_jobs(text, [], lambda: set())
    assert [text[a:b] for a, b in spans] == ["Maren Quist"]
