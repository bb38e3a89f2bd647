"""English entities: a word capitalised only by position or emphasis is not a name.

Made-up text. On real blogs and news pages (Dragnet, twelfth session, docs/quality.md) the small
spaCy model listed sentence-initial common words, recipe headings, shouting and uncapitalised
spans as people and organisations on the article's entity list.
"""

from __future__ import annotations

from parallax.enrich.common_words import CommonWords
from parallax.enrich.ner import make_multilingual
from parallax.enrich.sentences import split_sentences
from parallax.records import Article, Mention, Published
from parallax.settings import Config

TEXT = ("Parsley is a go-to herb. I add parsley to most everything, and the book is free: get "
        "a FREE copy.\n\nCranberry Citrus Sauce\n\nThis makes about 2 cups of cranberry citrus "
        "sauce. We ate frozen custard at Chipotle. Time is short, said Mayor Ines Berg, who "
        "reads Time every week.\n• Jay Cutler threw twice. Write to jgraham@dccouncil.us today.")


def entities(text: str) -> dict[str, str]:
    article = Article(id="x", role="main", title="", outlet=None, published=Published(),
                      text=text, language="en")
    article.sentences = split_sentences(text)
    make_multilingual(Config()).annotate(article)
    assert all(text[m.start:m.end] == m.text for m in article.entities)
    return {m.text: m.canonical for m in article.entities}


def test_capitalised_common_words_of_the_article_are_not_names() -> None:
    found = entities(TEXT)
    # the article writes "parsley", "free", "cranberry citrus sauce" in lower case elsewhere
    assert not {"Parsley", "FREE", "Cranberry Citrus Sauce"} & set(found)
    # names stay, a bullet is no part of one, and "Time" mid-sentence is the magazine
    assert found["Ines Berg"] == "Ines Berg"
    assert found["Jay Cutler"] == "Jay Cutler"
    assert "Time" in found and "Chipotle" in found


def test_a_handle_keeps_its_at_sign_and_is_no_name() -> None:
    """Bullets and quote marks are trimmed off a span, an @ is not: "@GretaThunberg" trimmed
    became the name "GretaThunberg" on SemEval documents."""
    text = "Thanks to @GretaThunberg for the post."
    start = text.index("@")
    mention = make_multilingual(Config())._mention(text, start, start + 14, "PERSON")
    assert mention is not None and mention.text == "@GretaThunberg"
    assert CommonWords(text).not_a_name(mention)


def test_the_rule_needs_the_lower_case_word_in_the_same_article() -> None:
    text = ("Time is short. We have no time. US troops left; the rest of us stayed. NATO "
            "agreed. The list was LONG and long. Write to jgraham@dccouncil.us or ask me.")
    common = CommonWords(text)

    def mention(surface: str, nth: int = 0) -> Mention:
        start = -1
        for _ in range(nth + 1):
            start = text.index(surface, start + 1)
        return Mention(surface, start, start + len(surface), "ORG", surface)

    assert common.not_a_name(mention("Time"))            # sentence start, "time" written later
    assert not common.not_a_name(mention("US"))          # short capitals: may be a name
    assert not common.not_a_name(mention("NATO"))        # no "nato" in the text
    assert common.not_a_name(mention("LONG"))            # shouting a word the text also writes
    assert common.not_a_name(mention("jgraham@dccouncil.us"))
    assert common.not_a_name(Mention("frozen custard", 0, 14, "PERSON", "frozen custard"))
    assert common.not_a_name(Mention("doesn", 0, 5, "PERSON", "doesn"))
    # a name written in lower case only in page furniture or an address stays a name
    tagged = ("Evan Gershkovich was jailed.\n\nread more on evan gershkovich\n"
              "wsj.com/evan-gershkovich")
    assert not CommonWords(tagged).not_a_name(Mention("Evan Gershkovich", 0, 16, "PERSON",
                                                       "Evan Gershkovich"))
    # mid-sentence, a capitalised word that is also a common word stays a name
    assert not CommonWords("We read Time and had no time.").not_a_name(
        Mention("Time", 8, 12, "ORG", "Time"))


def test_an_acronym_of_a_common_noun_is_no_name() -> None:
    text = "The CPU and the LCD screen of the NASA probe, in a PDF."
    common = CommonWords(text)

    def mention(surface: str) -> Mention:
        start = text.index(surface)
        return Mention(surface, start, start + len(surface), "ORG", surface)

    assert common.not_a_name(mention("CPU")) and common.not_a_name(mention("LCD"))
    assert common.not_a_name(mention("PDF"))
    assert not common.not_a_name(mention("NASA"))
