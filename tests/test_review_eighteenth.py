"""Bugs found reviewing the eighteenth session's changes (helper R); made-up input only."""

from __future__ import annotations

from parallax.ingest.url import redacted


def test_a_password_holding_an_at_sign_is_redacted_whole() -> None:
    # urlsplit takes the authority's last "@" as the end of the user info, so the host here
    # is the news site and the password is "se@cret": no part of it may be echoed or stored
    shown = redacted("http://alice:se@cret@news.example/today")
    assert "cret" not in shown and "alice" not in shown, shown
    assert shown.endswith("@news.example/today"), shown


def _german_entities(text: str) -> dict[str, tuple[str, str]]:
    from parallax.enrich.ner import make_multilingual
    from parallax.enrich.sentences import split_sentences
    from parallax.records import Article, Published
    from parallax.settings import Config

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
