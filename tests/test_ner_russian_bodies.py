"""Russian bodies named with their place: natasha cuts "the council of <town>" into the body
("Городской совет") and the town in the genitive. Cut, the councils (armies, ministries) of
every town and country were one entity, within and across articles (sixteenth session).

Made-up text and made-up towns.
"""

from __future__ import annotations

from parallax.enrich.linker import CorpusLinker
from parallax.enrich.ner import make_multilingual
from parallax.enrich.sentences import split_sentences
from parallax.records import Article, Published
from parallax.runner import corpus_linker
from parallax.settings import Config

FIRST = ("Городской совет Тормена во вторник проголосовал за закрытие старого моста. "
         "Жители Тормена просили совет подождать.")
SECOND = ("Городской совет Ольвика во вторник проголосовал за ремонт набережной. "
          "Мэр Ольвика Анна Ветрова назвала решение разумным.")


def article(ident: str, text: str) -> Article:
    a = Article(id=ident, role="main", title="", outlet=None, published=Published(),
                text=text, language="ru")
    a.sentences = split_sentences(text)
    make_multilingual(Config()).annotate(a)
    return a


def test_a_council_is_named_with_its_town_and_the_town_keeps_its_mention() -> None:
    found = {m.text: (m.type, m.canonical) for m in article("a", FIRST).entities}
    assert found["Городской совет"] == ("ORG", "Gorodskoy sovet Tormena")
    assert found["Тормена"][0] == "GPE"


def test_the_bare_body_later_in_the_article_is_the_one_named_with_its_place() -> None:
    text = FIRST + " Позже Городской совет обещал ответить жителям в пятницу."
    councils = [m for m in article("a", text).entities if m.text == "Городской совет"]
    assert [m.canonical for m in councils] == ["Gorodskoy sovet Tormena"] * 2


def test_two_towns_councils_stay_two_entities_across_articles() -> None:
    first, second = article("a", FIRST), article("b", SECOND)
    linker = corpus_linker(Config(), [])
    for each in (first, second):
        linker.link(each)
    councils = {m.canonical for a in (first, second) for m in a.entities
                if m.text == "Городской совет"}
    assert councils == {"Gorodskoy sovet Tormena", "Gorodskoy sovet Olvika"}


def test_the_linker_keeps_a_body_of_another_place_or_of_none_apart() -> None:
    linker = CorpusLinker([("Ministerstvo inostrannye dela Tormenii", "ORG")], embeddings=False)
    for other in ("Ministerstvo inostrannye dela Olvii", "Ministerstvo inostrannye dela"):
        assert linker.resolve(other, "ORG", language="ru") == other
    # a spelling variant of the same body still links
    assert linker.resolve("Ministerstvo inostranye dela Tormenii", "ORG", language="ru") \
        == "Ministerstvo inostrannye dela Tormenii"


def test_a_body_of_one_country_is_one_entity_under_either_spelling_of_the_country() -> None:
    # seventeenth session: "<body> РФ" and "<body> России" were two entities (made-up text)
    first = article("a", "Минобороны РФ в среду сообщило об учениях у границы Тормена.")
    second = article("b", "Минобороны России в четверг показало видео учений у Ольвика.")
    bodies = {m.canonical for a in (first, second) for m in a.entities if m.type == "ORG"}
    assert bodies == {"Minoborony Rossii"}
    # the country's own mention is the country, under either spelling
    assert {m.canonical for m in first.entities if m.text == "РФ"} == {"Russia"}
    # a place the alias table does not know is still written as it stands
    assert {m.canonical for m in article("c", FIRST).entities if m.type == "ORG"} \
        == {"Gorodskoy sovet Tormena"}
