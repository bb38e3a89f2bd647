"""German spans that hold more than one name or a noun beside one: a connector, a genitive
before its noun, a compound noun or a body before an unlisted given name, a subject before its
object, a person's genitive "-s", the "G7", disease and unit acronyms (made-up text; real counts
in docs/enrichment.md, "Twentieth session (helper E4): German entities, fourth pass")."""

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


def _found(text: str) -> dict[str, tuple[str, str]]:
    return {m.text: (m.type, m.canonical) for m in _mentions(text)}


def test_a_noun_before_a_connector_is_no_part_of_the_name_after_it() -> None:
    found = _found(
        "Nach Auskunft von Hanna Roloff fehlt das Geld. Im Gefolge der Vennhof-Pleite "
        "schloss der Betrieb. Danach traten Estland und Finnland der NATO bei, sagte sie.")
    assert found.get("Hanna Roloff") == ("PERSON", "Hanna Roloff"), found
    assert found.get("Finnland") == ("GPE", "Finland"), found
    assert found.get("NATO") == ("ORG", "NATO"), found
    assert not any(" von " in t or " der " in t for t in found), found


def test_a_country_genitive_before_its_noun_is_the_country_alone() -> None:
    found = _found("Die Dürre wird zur Gefahr für Russlands Tundra. Schon brennt Russlands "
                   "Tundra an vielen Stellen.")
    assert found.get("Russlands") == ("GPE", "Russia"), found
    assert not any("Tundra" in t for t in found), found


def test_a_group_of_states_keeps_its_number() -> None:
    found = [(m.text, m.type) for m in _mentions(
        "Die Minister der G20 berieten lange. Zuvor hatten die G7-Staaten beraten.")]
    assert ("G20", "ORG") in found, found
    assert ("G7", "ORG") in found, found
    assert not any(t == "G" or t.endswith(" G") for t, _ in found), found


def test_a_compound_noun_or_a_body_before_an_unlisted_given_name_is_cut_off() -> None:
    found = _found(
        "Das schrieb der Küstenschutzexperte Anatole Ferrand am Montag. Ferrand warnte vor "
        "Sturmfluten. Ein Sprecher der EU-Kommission Tiberiu Dobran widersprach. Dobran "
        "sagte, es gebe Geld.")
    assert found.get("Anatole Ferrand") == ("PERSON", "Anatole Ferrand"), found
    assert found.get("Tiberiu Dobran") == ("PERSON", "Tiberiu Dobran"), found
    assert found.get("EU-Kommission") == ("ORG", "European Commission"), found
    assert not any(t.startswith("Küstenschutzexperte") for t in found), found


def test_a_subject_before_its_object_is_two_names() -> None:
    found = [(m.text, m.canonical) for m in _mentions(
        "Zuvor hatte die Chefin Hanna Roloff Polen scharf kritisiert. Roloff sagte, in "
        "Polen sei das anders.")]
    assert ("Hanna Roloff", "Hanna Roloff") in found, found
    assert found.count(("Polen", "Poland")) == 2, found


def test_a_persons_genitive_s_is_cut_before_a_noun_but_a_surname_in_s_stays() -> None:
    found = _found(
        "Die Kritik an Orla Brenners Plan wächst. Orla Brenners neues Buch erscheint bald. "
        "Laut Bernie Sanders Vorschlag zahlen alle. Sanders sagte das am Abend.")
    assert found.get("Orla Brenner") == ("PERSON", "Orla Brenner"), found
    assert "Orla Brenners" not in found, found
    assert found.get("Bernie Sanders") == ("PERSON", "Bernie Sanders"), found


def test_a_disease_a_unit_a_numeral_and_a_noun_beside_a_noun_are_no_names() -> None:
    found = _found(
        "Wer an Covid erkrankt, bleibt zu Hause. Chronic Covid ist ein Schlagwort, und Covid "
        "bleibt. Die Anlage liefert 2 GW und im Jahr viele GWh. Phase II beginnt bald. Das "
        "fällt in jedem Krankenhaus und Pflegeheim an.")
    assert found == {}, found


def test_an_institute_after_a_persons_name_is_an_organisation() -> None:
    found = _found("Das Robert Vennberg-Institut meldet neue Zahlen. Die Außenminister trafen "
                   "sich auf Schloss Kernhagen. Im Schloss Kernhagen gab es Streit.")
    assert found.get("Robert Vennberg-Institut", ("",))[0] == "ORG", found
    assert found.get("Kernhagen", ("",))[0] == "GPE", found
    assert not any(t.startswith("Schloss") for t in found), found


def test_an_english_new_opens_the_name_it_stands_before() -> None:
    found = _found("Laut der New York Times stieg die Miete. In New York war es kalt, und die "
                   "Zeitung New York Post schrieb darüber.")
    assert found.get("New York Times", ("",))[0] == "ORG", found
    assert found.get("New York Post", ("",))[0] == "ORG", found
    assert found.get("New York", ("",))[0] == "GPE", found
    assert not any(t.startswith("York") for t in found), found
