"""German capitalises every noun: nouns glued to names, noun phrases shown as names and nouns
typed PERSON because they recur like a surname (made-up text; real counts in
docs/enrichment.md, "Eighteenth session (helper E): German entities")."""

from __future__ import annotations

from parallax.enrich.german_lexicon import learn
from parallax.enrich.ner import make_multilingual
from parallax.enrich.sentences import split_sentences
from parallax.records import Article, Published
from parallax.settings import Config


def _entities(text: str) -> dict[str, str]:
    a = Article(id="a", role="main", title="", outlet=None, published=Published(), text=text,
                language="de")
    a.sentences = split_sentences(text)
    make_multilingual(Config()).annotate(a)
    return {m.text: m.type for m in a.entities if m.type != "DATE"}


def test_a_noun_phrase_is_no_name_and_a_recurring_noun_no_surname() -> None:
    found = _entities("Die Politik der Stadt ist umstritten. Diese Politik hat Folgen, sagte "
                      "ein Sprecher. Am Abend kamen viele Leute. Alle Leute gingen nach Hause.")
    assert not any("Politik" in name or "Leute" in name for name in found), found


def test_a_role_noun_before_a_given_name_is_cut_off() -> None:
    found = _entities("Am Montag sprach der Moderator Ben Kessling über die Wahl. Kessling "
                      "sagte, er sei zufrieden.")
    assert found.get("Ben Kessling") == "PERSON", found
    assert not any(name.startswith("Moderator") for name in found), found


def test_an_adjective_capitalised_mid_sentence_opens_a_name_typed_by_its_head() -> None:
    found = _entities("Die Fischer blieben lange im Schwarzen Meer. Das Meer war am Morgen "
                      "ruhig, und das Meer blieb es bis zum Abend.")
    assert found.get("Schwarzen Meer") == "GPE", found


def test_the_lexicon_learns_nouns_from_articles_and_lower_case_from_adjectives() -> None:
    nouns, lower = learn(["Gestern war das Gespräch lang. Ein neues Gespräch folgt, sagte "
                          "Kessling. Dann kam Kessling wieder. Die grüne Wiese ist groß."])
    assert "gespräch" in nouns and "wiese" in nouns and "kessling" not in nouns
    assert "grüne" in lower
