"""One pronoun rule for quotes and portrayal (``enrich.pronouns``)."""

from __future__ import annotations

import re

from parallax.enrich.pronouns import antecedent
from parallax.frame.portrayal import pronoun_rows

TEXT = ("Mara Vell doubts that Oskar Brandt is serious. "
        "\"I close deals,\" he boasted to reporters. "
        "Brandt met Vell later. He nodded and Vell left.")


def _sentences(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^.]+\.", text)]


def _people(text: str) -> dict[str, list[int]]:
    return {name: [m.start() for m in re.finditer(name.split()[-1], text)]
            for name in ("Mara Vell", "Oskar Brandt")}


def test_a_pronoun_goes_to_the_subject_of_the_previous_sentence_not_the_last_name() -> None:
    starts = sorted((s, n) for n, offsets in _people(TEXT).items() for s in offsets)
    sentences = _sentences(TEXT)
    assert antecedent(TEXT.index("he boasted"), starts, sentences) == "Mara Vell"
    assert antecedent(TEXT.index("Mara"), starts, sentences) is None  # nobody named before


def test_portrayal_counts_the_boast_for_the_same_person_the_rule_names() -> None:
    rows = pronoun_rows(TEXT, _sentences(TEXT), _people(TEXT))
    boast = TEXT.index("he boasted")
    assert any(s == boast for spans in rows.get("Mara Vell", {}).values() for s, _ in spans)
    assert not any(s == boast for spans in rows.get("Oskar Brandt", {}).values()
                   for s, _ in spans)
    # "He nodded and Vell left": another person named in the pronoun's sentence: ambiguous
    he = TEXT.index("He nodded")
    assert not any(s == he for v in rows.values() for spans in v.values() for s, _ in spans)


def test_quotes_name_the_same_speaker() -> None:
    from parallax.enrich.quotes import RegexQuotes
    from parallax.enrich.sentences import sentencex_sentences
    from parallax.records import Article, Mention, Published

    mentions = [Mention(m.group(), m.start(), m.end(), "PERSON",
                        "Mara Vell" if "V" in m.group() else "Oskar Brandt")
                for m in re.finditer(r"Mara Vell|Oskar Brandt|Brandt|Vell", TEXT)]
    article = Article(id="p1", role="main", title="", outlet=None, published=Published(),
                      text=TEXT, language="en", entities=mentions,
                      sentences=sentencex_sentences(TEXT, "en"))
    RegexQuotes().annotate(article)
    (quote,) = [q for q in article.quotes if "close deals" in q.text]
    assert quote.speaker == "Mara Vell"
