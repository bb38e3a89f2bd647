"""What readers saw wrong on real news and the demo corpus (twenty-eighth session, helper RW):
quote sources, role nouns, relative dates, month names that are surnames, cross-script links.
Every text is made up for these tests."""

from __future__ import annotations

from tests.test_enrich_quotes_fresh import enriched

from parallax.records import Article, Quote


def _german(text: str) -> Article:
    article = enriched(text)
    assert article.language == "de"
    return article


def _by_start(quotes: list[Quote], opening: str, text: str) -> Quote:
    at = text.index(opening)
    (quote,) = [q for q in quotes if q.start <= at < q.end]
    return quote


def test_nach_angaben_des_keeps_its_noun_phrase_as_laut_does() -> None:
    """"nach Angaben des Unternehmens" showed the speaker "Unternehmens", a bare genitive
    read as a name; "laut der Behörde" kept its article. Both show the phrase as written,
    and "von" (a preposition) is still left out."""
    text = ("Die Werft in Kellbach hat im Sommer neue Aufträge erhalten. Nach Angaben des "
            "Unternehmens stiegen die Umsätze um zehn Prozent.\n\n"
            "Nach Angaben der Hafenbehörde sanken die Gebühren im Mai deutlich.\n\n"
            "Nach Angaben von Ana Lund wird der Umbau noch Jahre dauern.\n")
    article = _german(text)
    assert _by_start(article.quotes, "Nach Angaben des", text).speaker == "des Unternehmens"
    assert _by_start(article.quotes, "Nach Angaben der", text).speaker == "der Hafenbehörde"
    assert _by_start(article.quotes, "Nach Angaben von", text).speaker == "Ana Lund"
    sources = {c.text[:20]: c.attribution for c in article.claims}
    assert sources["Nach Angaben des Unt"] == "des Unternehmens"
