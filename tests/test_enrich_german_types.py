"""German common nouns with a place's ending, a country's name read as its people, an
adjective name's base form and recurring names that are no person's (made-up text; real
counts in docs/enrichment.md, "Nineteenth session (helper E3): German entities, third
pass")."""

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


def test_a_common_noun_with_a_place_ending_is_no_place_but_a_town_stays() -> None:
    found = {m.text: m.type for m in _mentions(
        "Im Vorfeld der Messe wurde viel gestritten. Die Scheune geriet in Brand, und im "
        "Inland wie in Übersee war das Echo groß. Ein Zug fuhr durch die Innenstadt. "
        "Danach reiste die Ministerin nach Kornstedt und weiter nach Vennland.")}
    for noun in ("Vorfeld", "Brand", "Inland", "Übersee", "Innenstadt"):
        assert noun not in found, found
    assert found.get("Kornstedt") == "GPE", found
    assert found.get("Vennland") == "GPE", found


def test_a_town_ending_after_an_article_is_a_noun_but_a_region_keeps_it() -> None:
    found = {m.text: m.type for m in _mentions(
        "Das Fest fand im Marktfeld statt. Später wanderten sie im Wendtal.")}
    assert "Marktfeld" not in found, found
    assert found.get("Wendtal") == "GPE", found


def test_a_country_name_read_as_its_people_is_no_place() -> None:
    found = [(m.text, m.start) for m in _mentions(
        "Die Polen wählten am Sonntag ein neues Parlament. Viele junge Schweden zogen weg, "
        "und 300 Ungarn demonstrierten. Die Reise führte nach Polen, das Schweden "
        "unterstützt, und in Teile der Region, die Ungarn für sich beansprucht.")]
    texts = [t for t, _ in found]
    assert texts.count("Polen") == 1, found  # "nach Polen" only
    assert texts.count("Schweden") == 1, found  # "das Schweden unterstützt"
    assert texts.count("Ungarn") == 1, found  # ", die Ungarn ... beansprucht": the country


def test_a_club_is_an_organisation_and_its_town_a_place() -> None:
    found = {m.text: (m.type, m.canonical) for m in _mentions(
        "Der FC Kornstedt gewann gegen Union Marbach. Der Trainer will in Kornstedt bleiben.")}
    assert found.get("FC Kornstedt", ("",))[0] == "ORG", found
    assert found.get("Union Marbach", ("",))[0] == "ORG", found
    assert found.get("Kornstedt") == ("GPE", "Kornstedt"), found


def test_an_adjective_name_shows_its_base_form() -> None:
    found = {m.text: m.canonical for m in _mentions(
        "Der Vorschlag kam aus dem Nordischen Wetterrat. Ein Sprecher des Nordischen "
        "Wetterrates bestätigte ihn. Die Statuten der Baltischen Fischereikommission gelten "
        "weiter, sagte ein Vertreter der Europäischen Union.")}
    assert found.get("Nordischen Wetterrat") == "Nordische Wetterrat", found
    assert found.get("Nordischen Wetterrates") == "Nordische Wetterrat", found
    assert found.get("Baltischen Fischereikommission") == "Baltische Fischereikommission", found
    assert found.get("Europäischen Union") == "European Union", found


def test_a_recurring_name_of_a_medium_or_a_numbered_plan_is_no_person() -> None:
    found = {m.text: m.type for m in _mentions(
        "Das berichtete Velden Insider am Montag. Laut Velden Insider ist das Projekt Tarnak II "
        "gestoppt. Tarnak II sollte Gas liefern. Das Fest Korvel Week endete. Korvel Week "
        "soll wiederkommen.")}
    assert found.get("Velden Insider") == "ORG", found
    assert found.get("Tarnak II") == "MISC", found
    assert found.get("Korvel Week") == "EVENT", found


def test_an_acronym_glued_to_a_digit_or_for_a_common_noun_is_no_organisation() -> None:
    found = {m.text: m.type for m in _mentions(
        "Der CO2-Ausstoß stieg, und der PCR-Test blieb teuer. Die GBV meldete Fälle von "
        "COVID-19 und FFP2-Masken. Laut GBV kaufen viele einen SUV. Eine COVID-Welle folgte.")}
    for code in ("CO", "PCR", "COVID", "FFP", "SUV"):
        assert code not in found, found
    assert found.get("GBV") == "ORG", found


def test_a_show_a_title_after_the_and_saint_abbreviated_are_no_person_and_no_place() -> None:
    found = {m.text: (m.type, m.canonical) for m in _mentions(
        "Er sprach in der Ben Tarrow Show. Das berichtet The New Korvel heute. Laut The New "
        "Korvel ist das falsch. Das Forum in St. Petersburg begann am Montag.")}
    assert found.get("Ben Tarrow Show", ("MISC",))[0] != "PERSON", found
    assert found.get("New Korvel", ("",))[0] == "ORG", found  # a medium's title
    assert "St" not in found, found
    assert found.get("Petersburg") == ("GPE", "Saint Petersburg"), found
