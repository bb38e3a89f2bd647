"""Bugs found reviewing the eighteenth session's changes (helper R); made-up input only."""

from __future__ import annotations

from parallax.ingest.url import redacted
from parallax.records import Article, Published
from parallax.settings import Config


def test_a_password_holding_an_at_sign_is_redacted_whole() -> None:
    # urlsplit takes the authority's last "@" as the end of the user info, so the host here
    # is the news site and the password is "se@cret": no part of it may be echoed or stored
    shown = redacted("http://alice:se@cret@news.example/today")
    assert "cret" not in shown and "alice" not in shown, shown
    assert shown.endswith("@news.example/today"), shown


def _german_entities(text: str) -> dict[str, tuple[str, str]]:
    from parallax.enrich.ner import make_multilingual
    from parallax.enrich.sentences import split_sentences

    article = Article(id="a", role="main", title="", outlet=None, published=Published(),
                      text=text, language="de")
    article.sentences = split_sentences(text)
    make_multilingual(Config()).annotate(article)
    return {m.text: (m.type, m.canonical) for m in article.entities if m.type != "DATE"}


def test_a_sentence_opening_determiner_before_a_company_word_is_no_company_name() -> None:
    # "Each GmbH must pay": the capitalised determiner is not the firm's name
    found = _german_entities("Die Steuer steigt im Mai. Jede GmbH muss dann mehr zahlen. "
                             "Der Vorstand der Vorbek AG widersprach.")
    assert "Jede GmbH" not in found, found
    assert found.get("Vorbek AG") == ("ORG", "Vorbek AG"), found


def test_a_noun_made_by_er_is_not_the_listed_name_it_contains() -> None:
    # "Kalte Krieger" are cold warriors, not the Cold War; the war's own case forms still are
    from parallax.enrich.german_places import german_place

    assert german_place("Kalten Krieger") is None
    assert german_place("Kalten Krieges") == ("Cold War", "EVENT")
    assert german_place("Roten Meeres") == ("Red Sea", "GPE")


def test_a_speaker_whose_name_opens_with_an_umlaut_is_named() -> None:
    # "<Name> sagte am Montag, ...": the same sentence with an "O" named its speaker, the
    # one with an "Ö" named none (and lost the attribution's check-worthiness)
    from parallax.enrich.claims import make_claims
    from parallax.records import Sentence

    def attribution(text: str) -> str | None:
        article = Article(id="a", role="main", title="", outlet=None, published=Published(),
                          text=text, language="de", sentences=[Sentence(0, len(text))])
        make_claims(Config()).annotate(article)
        return article.claims[0].attribution if article.claims else "no claim"

    said = "{} sagte am Montag, die Preise seien um 20 Prozent gestiegen."
    assert attribution(said.format("Ozkan")) == "Ozkan"
    assert attribution(said.format("Özkan")) == "Özkan"
    assert attribution(said.format("Ülker")) == "Ülker"
