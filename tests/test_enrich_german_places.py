"""German countries written with an article or an inflected adjective, company suffixes and
particle names (made-up text; real counts in docs/enrichment.md, "Eighteenth session (helper
E2): German entities, second pass")."""

from __future__ import annotations

from parallax.enrich.ner import make_multilingual
from parallax.enrich.sentences import split_sentences
from parallax.records import Article, Mention, Published
from parallax.settings import Config


def _mentions(text: str) -> list[Mention]:
    a = Article(id="a", role="main", title="", outlet=None, published=Published(), text=text,
                language="de")
    a.sentences = split_sentences(text)
    make_multilingual(Config()).annotate(a)
    return [m for m in a.entities if m.type != "DATE"]


def test_a_country_with_an_article_is_a_name_with_its_english_canonical() -> None:
    found = {m.text: (m.type, m.canonical) for m in _mentions(
        "Die Delegation reiste am Montag in die Türkei. Später sprach man in der Schweiz "
        "über die Lage, und auch der Iran schickte einen Vertreter.")}
    assert found.get("Türkei") == ("GPE", "Turkey"), found
    assert found.get("Schweiz") == ("GPE", "Switzerland"), found
    assert found.get("Iran") == ("GPE", "Iran"), found


def test_an_inflected_multi_word_name_is_found_under_its_base_form() -> None:
    found = {m.text: (m.type, m.canonical) for m in _mentions(
        "Die Hilfe aus den Vereinigten Staaten kam spät. Schiffe lagen lange im Roten Meer, "
        "während Sprecher des Weißen Hauses schwiegen.")}
    assert found.get("Vereinigten Staaten") == ("GPE", "United States"), found
    assert found.get("Roten Meer") == ("GPE", "Red Sea"), found
    assert found.get("Weißen Hauses") == ("ORG", "White House"), found


def test_two_listed_countries_side_by_side_are_two_names() -> None:
    found = {m.text for m in _mentions(
        "Die Waffen, die die Niederlande Litauen geliefert haben, kamen spät an.")}
    assert {"Niederlande", "Litauen"} <= found, found
    assert "Niederlande Litauen" not in found, found


def test_a_company_suffix_makes_an_organisation_and_a_particle_name_a_person() -> None:
    found = {m.text: m.type for m in _mentions(
        "Die Turbine von Brankel Energy kam verspätet. Der Auftrag ging an die Vorbek AG. "
        "Die Firma Tarsen Beteiligungs GmbH zahlte. "
        "Dazu äußerte sich Helga von Sternau am Abend.")}
    assert found.get("Brankel Energy") == "ORG", found
    assert found.get("Vorbek AG") == "ORG", found
    assert found.get("Tarsen Beteiligungs GmbH") == "ORG", found
    assert found.get("Helga von Sternau") == "PERSON", found


def test_a_given_name_and_surname_before_von_and_a_body_are_two_names() -> None:
    found = {m.text: m.type for m in _mentions(
        "Am Rande sprach Jonas Kerbel von Greenwatch über die Messungen.")}
    assert found.get("Jonas Kerbel") == "PERSON", found
    assert not any("von" in name for name in found), found


def test_a_two_word_particle_keeps_the_surname() -> None:
    # the article reads "der <surname>" as a noun's article: the surname was cut off and the
    # lone given name dropped (eighteenth session's review)
    found = {m.text: m.type for m in _mentions(
        "Am Montag sprach Helga von der Sternau vor dem Ausschuss in Brüssel.")}
    assert found.get("Helga von der Sternau") == "PERSON", found


def test_large_cities_are_places_under_their_english_names() -> None:
    # a lone capitalised word in German needs a name's marks; a city the list knows has them
    found = {m.text: (m.type, m.canonical) for m in _mentions(
        "Nach den Protesten in München reiste die Delegation weiter nach Köln und Mailand.")}
    assert found.get("München") == ("GPE", "Munich"), found
    assert found.get("Köln") == ("GPE", "Cologne"), found
    assert found.get("Mailand") == ("GPE", "Milan"), found
