"""A town typed a person: the small English model (and natasha, in the instrumental) types an
unknown town PERSON in one sentence and GPE in the next, and the corpus linker links names of
one type only, so a story listed the English and the Russian spellings of one town as two key
entities (sixteenth session, helper U's harbour story). Seventeenth session.

Made-up text and made-up towns.
"""

from __future__ import annotations

from parallax.enrich.ner import make_multilingual
from parallax.enrich.ner_types import places_typed_people
from parallax.enrich.sentences import split_sentences
from parallax.records import Article, Mention, Published
from parallax.runner import corpus_linker
from parallax.settings import Config

ENGLISH = ("Trade between Dunmore and Velmara has grown this year. Velmara's harbour was full "
           "of boats on Sunday, and the mayor of Velmara said the old quay would be rebuilt.")
RUSSIAN = ("Торговля между Данмором и Велмарой выросла в этом году. В воскресенье гавань "
           "Велмары была полна лодок, сообщил мэр Велмары.")


def article(ident: str, text: str, language: str) -> Article:
    a = Article(id=ident, role="main", title="", outlet=None, published=Published(),
                text=text, language=language)
    a.sentences = split_sentences(text)
    make_multilingual(Config()).annotate(a)
    return a


def test_an_english_town_written_as_only_a_place_is_is_a_place() -> None:
    types = {m.text: m.type for m in article("a", ENGLISH, "en").entities}
    assert types == {"Dunmore": "GPE", "Velmara": "GPE"}


def test_a_russian_town_in_the_instrumental_is_the_place_of_its_other_forms() -> None:
    found = {(m.text, m.type, m.canonical) for m in article("b", RUSSIAN, "ru").entities}
    assert found == {("Данмором", "GPE", "Danmor"), ("Велмарой", "GPE", "Velmara"),
                     ("Велмары", "GPE", "Velmara")}


def test_the_english_and_the_russian_report_name_one_town() -> None:
    english, russian = article("a", ENGLISH, "en"), article("b", RUSSIAN, "ru")
    linker = corpus_linker(Config(), [])
    for each in (english, russian):
        linker.link(each)
    towns = {m.canonical for a in (english, russian) for m in a.entities
             if m.text.startswith(("Velmara", "Велмар"))}
    assert towns == {"Velmara"}


def test_a_person_stays_a_person() -> None:
    """No evidence, a word of the article's full name of a person, or a person the alias
    table knows: the model's type stands."""
    def mentions(*rows: tuple[str, str]) -> list[Mention]:
        return [Mention(t, 0, len(t), ty, t) for t, ty in rows]

    plain = mentions(("Velmara", "PERSON"))
    places_typed_people(plain, "Velmara said the quay would be rebuilt.", {})
    assert plain[0].type == "PERSON"
    named = mentions(("Ana Velmara", "PERSON"), ("Velmara", "PERSON"))
    places_typed_people(named, "Ana Velmara spoke. Velmara's harbour office is shut.", {})
    assert named[1].type == "PERSON"


def test_a_person_who_speaks_is_no_place_by_between() -> None:
    """"A meeting between <person> and <a place's> officials": the "between" rule alone made
    the person a place, though the article makes him speak (seventeenth session, review)."""
    text = ("A meeting between Dravik and Halbeck officials was cancelled. Dravik said he was "
            "disappointed. Officials in Halbeck declined to comment.")
    rows = [("Dravik", "PERSON"), ("Halbeck", "GPE"), ("Dravik", "PERSON"), ("Halbeck", "GPE")]
    mentions = [Mention(t, text.index(t), text.index(t) + len(t), ty, t) for t, ty in rows]
    mentions[2].start = text.index("Dravik said")
    mentions[3].start = text.index("in Halbeck") + 3
    places_typed_people(mentions, text, {})
    assert [m.type for m in mentions] == ["PERSON", "GPE", "PERSON", "GPE"]
    # a town "the mayor of <town> said" speaks for stays a place
    town = [Mention("Velmara", 0, 7, "PERSON", "Velmara")]
    places_typed_people(town, "Velmara is quiet. The mayor of Velmara said the quay would "
                              "be rebuilt.", {})
    assert town[0].type == "GPE"
