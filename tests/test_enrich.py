from __future__ import annotations

import pytest

from parallax.enrich.claims import make_claims
from parallax.enrich.entities import make_gazetteer
from parallax.enrich.language import LangidIdentifier
from parallax.enrich.quotes import make_quotes
from parallax.enrich.sentences import split_sentences
from parallax.records import Article, Published
from parallax.settings import Config


def analysed(text: str, language: str = "en", author: str | None = None) -> Article:
    config = Config()
    article = Article(id="t", role="main", title="", outlet=None, published=Published(),
                      text=text, language=language, author=author)
    article.sentences = split_sentences(text)
    make_gazetteer(config).annotate(article)
    make_quotes(config).annotate(article)
    make_claims(config).annotate(article)
    return article


@pytest.mark.parametrize(("text", "expected"), [
    ("The ministry said on Monday that the bridge would reopen next week.", "en"),
    ("Die Regierung kündigte an, dass die Brücke nächste Woche wieder öffnet.", "de"),
    ("Правительство заявило, что мост откроется на следующей неделе.", "ru"),
    ("Endlich wieder offen!", "de"),
])
def test_language(text: str, expected: str) -> None:
    assert LangidIdentifier().detect(text) == expected


def test_sentences_have_exact_offsets() -> None:
    text = "Dr. Berg arrived at 9 a.m. on Monday. She left at noon!\n\n„Wir sind froh.“ Er ging."
    spans = split_sentences(text)
    pieces = [text[s.start:s.end] for s in spans]
    assert pieces[0] == "Dr. Berg arrived at 9 a.m. on Monday."
    assert "She left at noon!" in pieces
    assert all(p == p.strip() and p for p in pieces)


def test_entities_link_aliases_across_spellings_and_scripts() -> None:
    article = analysed("Vladimir Putin met Donald Trump in Kiev. Later Putin said Trump was "
                       "tired. Путин уехал. Zelenskyy and Vladimir Zelensky were not invited "
                       "to Kyiv.")
    canon = {m.text: m.canonical for m in article.entities}
    assert canon["Putin"] == canon["Путин"] == "Vladimir Putin"
    assert canon["Kiev"] == canon["Kyiv"] == "Kyiv"
    assert canon["Zelenskyy"] == canon["Vladimir Zelensky"] == "Volodymyr Zelensky"
    assert all(article.text[m.start:m.end] == m.text for m in article.entities)


def test_name_parts_link_to_the_full_name() -> None:
    article = analysed("President Aurel Dragan arrived late. Dragan then spoke for an hour "
                       "about the dam.")
    people = {m.text: m.canonical for m in article.entities if m.type == "PERSON"}
    assert people == {"Aurel Dragan": "Aurel Dragan", "Dragan": "Aurel Dragan"}


def test_direct_indirect_and_scare_quotes() -> None:
    text = ("Mayor Ines Berg said the bridge was safe. “We checked every beam,” Berg told "
            "reporters. The so-called 'experts' disagree. According to the Red Cross, 40 "
            "people were evacuated. Officials called it a 'temporary measure for the winter'.")
    article = analysed(text)
    direct = [q for q in article.quotes if q.direct]
    assert any(q.text == "We checked every beam," and q.speaker == "Ines Berg" and
               q.cue == "told" for q in direct)
    assert not any(q.text == "experts" for q in article.quotes)
    indirect = [q for q in article.quotes if not q.direct]
    assert any(q.speaker == "Ines Berg" and q.cue == "said" for q in indirect)
    assert any(q.speaker == "Red Cross" and q.cue == "according to" for q in indirect)
    assert all(article.text[q.start:q.end] == q.text for q in article.quotes)


def test_first_person_quote_is_the_authors() -> None:
    text = ("Last week, before the vote, I wrote:\n'The council will fold, and the mayor "
            "knows it better than anyone.'")
    article = analysed(text, author="Jan Novak")
    assert article.quotes[0].speaker == "Jan Novak" and article.quotes[0].direct


def test_claims_are_factual_and_attributed_not_opinion() -> None:
    text = ("According to the Red Cross, 38 people died and 12,000 were evacuated. "
            "The government must resign now. "
            "Do we really believe them?")
    article = analysed(text)
    assert len(article.claims) == 1
    claim = article.claims[0]
    assert claim.attribution == "the Red Cross" and claim.checkworthiness >= 0.8
    assert article.text[claim.start:claim.end] == claim.text


@pytest.mark.parametrize("text", [
    "", "Word", "😀😀😀 🙏", "Это 混合 text مع scripts", "Ꭰ Ꭱ Ꭲ Ꭳ Ꭴ Ꭵ Ꭶ Ꭷ Ꭸ Ꭹ",
])
def test_hostile_texts_give_honest_results(text: str) -> None:
    from parallax.pipeline import Pipeline
    from parallax.settings import load_config

    pipeline = Pipeline.from_config(load_config(None))
    article = Article(id="x", role="main", title="", outlet=None, published=Published(),
                      text=text)
    for _, annotator in pipeline.annotators:
        annotator.annotate(article)
    assert all(article.text[m.start:m.end] == m.text for m in article.entities)
    if not text.strip():
        assert article.entities == [] and article.quotes == [] and article.claims == []


def test_huge_article_is_cut_with_a_note() -> None:
    from parallax.enrich.ner import MAX_NER_CHARS, make_multilingual
    from parallax.settings import Config

    text = ("Mayor Ines Berg said the bridge in Marlow would reopen on Monday. " * 20000)[:-1]
    article = Article(id="x", role="main", title="", outlet=None, published=Published(),
                      text=text, language="en")
    article.sentences = split_sentences(text[:5000])
    make_multilingual(Config()).annotate(article)
    assert any("only the first" in n for n in article.notes)
    assert article.entities and all(m.end <= MAX_NER_CHARS for m in article.entities)
