"""The comparison's voices name who speaks, not a body that titles the speaker nor a place
near the verb (twentieth session, helper K; made-up sentences after the audit of the BASIL
dev half). Before, the quote stage's body or place was shown as the voice as it came."""

from __future__ import annotations

from typing import Any

from parallax.pipeline import build_comparer
from parallax.records import Article, Mention, Published, Quote, Story
from parallax.settings import Config


def _article(text: str, names: list[tuple[str, str, str]],
             quotes: list[tuple[str, str, bool]], language: str = "en") -> Article:
    """``names``: (surface, canonical, type), a repeated surface naming a later mention;
    ``quotes``: (quoted words, speaker, direct)."""
    mentions, at = [], {}
    for surface, canonical, kind in names:
        start = text.index(surface, at.get(surface, 0))
        at[surface] = start + 1
        mentions.append(Mention(text=surface, start=start, end=start + len(surface), type=kind,
                                canonical=canonical))
    found = []
    for words, speaker, direct in quotes:
        start = text.index(words)
        found.append(Quote(text=words, start=start, end=start + len(words), speaker=speaker,
                           cue="said", direct=direct))
    return Article(id="a1", role="main", title="", outlet="Morning Post", text=text,
                   language=language, published=Published(iso="2026-03-01"), entities=mentions,
                   quotes=found)


def _voices(article: Article) -> dict[str, str]:
    story = Story("s1", "t", [article.id], main_count=1)
    result: dict[str, Any] = build_comparer(Config()).compare(story, [article], [])
    return {v["examples"][0]: v["speaker"] for v in result["voices"]}


def test_a_body_that_titles_the_speaker_gives_the_persons_voice() -> None:
    article = _article(
        "\u201cThe quay stays shut,\u201d said a Harbor Council spokeswoman, Ana Ruiz. Later "
        "the tolls rose.\n\n\u201cWe will look again,\u201d said Harbor Council Chairman "
        "Tomas Berg (D-Ostm.). Mr. Berg left.",
        [("Harbor Council", "Harbor Council", "ORG"), ("Ana Ruiz", "Ana Ruiz", "PERSON"),
         ("Harbor Council", "Harbor Council", "ORG"), ("Mr. Berg", "Tomas Berg", "PERSON")],
        [("The quay stays shut,", "Harbor Council", True),
         ("We will look again,", "Harbor Council", True)])
    # the entity stage left "Tomas Berg" in the title unread; "Mr. Berg" later is his
    shown = _voices(article)
    assert shown["The quay stays shut,"] == "Ana Ruiz"
    assert shown["We will look again,"] == "Tomas Berg"


def test_a_place_inside_another_subject_or_past_the_sentence_is_no_voice() -> None:
    article = _article(
        "Ferry crews in towns bordering Ostmark have complained that the tolls doubled. "
        "Eastport and Westmark said the ferries run late. Westmark votes next. The complaint "
        "says the tolls break the charter. Ostmark Mayor Lena Korr disagreed.",
        [("Ostmark", "Ostmark", "GPE"), ("Eastport", "Eastport", "GPE"),
         ("Westmark", "Westmark", "GPE"), ("Westmark", "Westmark", "GPE"),
         ("Ostmark", "Ostmark", "GPE"), ("Lena Korr", "Lena Korr", "PERSON")],
        [("the tolls doubled", "Ostmark", False), ("the ferries run late", "Westmark", False),
         ("the tolls break the charter", "Ostmark", False)])
    shown = _voices(article)
    assert "the tolls doubled" not in shown
    assert "the tolls break the charter" not in shown
    # two places that are the subject keep their voice (one named again in the next
    # sentence, nearer the quote than the subject)
    assert shown["the ferries run late"] == "Westmark"


def test_a_medium_that_reports_on_a_person_keeps_its_voice() -> None:
    """"The Harbor Post reported that Tom Ash ..." (made up): the person follows a verb, not
    a title, so the medium stays the voice."""
    article = _article(
        "The Harbor Post reported that Tom Ash will resign on Friday.",
        [("Harbor Post", "Harbor Post", "ORG"), ("Tom Ash", "Tom Ash", "PERSON")],
        [("Tom Ash will resign on Friday", "Harbor Post", False)])
    assert _voices(article)["Tom Ash will resign on Friday"] == "Harbor Post"


def test_a_place_after_its_article_still_speaks_outside_english() -> None:
    """The "place inside another subject" reading looks at the lower-case word before the
    place; French and German put their article there ("la France", "die Schweiz"), and the
    place is then the subject that speaks (made up; helper R's review row)."""
    article = _article(
        "Lundi, la Westmarie a déclaré que les péages resteront gelés jusqu'en mai.",
        [("Westmarie", "Westmarie", "GPE")],
        [("les péages resteront gelés jusqu'en mai", "Westmarie", False)], language="fr")
    assert _voices(article) == {"les péages resteront gelés jusqu'en mai": "Westmarie"}


def test_a_sentence_opening_with_a_capital_outside_ascii_ends_the_quotes_sentence() -> None:
    """A body or place that only opens the next sentence is no indirect quote's voice; the end
    before it was seen only when that sentence opened with an ASCII capital (or a straight or
    English quote mark), so "Électricité ...", "Överland", "Остмарк" or „Westmark ...“ were
    shown as the voice (made up; docs/robustness.md, twentieth session's review row)."""
    cases = [
        ("fr", "Le recours affirme que les péages violent la charte. Électricité de Westmarie "
               "a refusé de commenter.",
         [("Électricité de Westmarie", "Électricité de Westmarie", "ORG")],
         "les péages violent la charte", "Électricité de Westmarie"),
        ("de", "Die Klage behauptet, die Maut verletze die Satzung. Överland prüft den Fall "
               "seit Mai.",
         [("Överland", "Överland", "GPE")], "die Maut verletze die Satzung", "Överland"),
        ("ru", "В жалобе говорится, что пошлины нарушают устав. Остмарк ответил отказом.",
         [("Остмарк", "Ostmark", "GPE")], "пошлины нарушают устав", "Ostmark"),
        ("de", "Die Klage behauptet, die Maut verletze die Satzung. „Westmark prüft den "
               "Fall“, hieß es am Abend.",
         [("Westmark", "Westmark", "GPE")], "die Maut verletze die Satzung", "Westmark"),
    ]
    for language, text, names, words, speaker in cases:
        article = _article(text, names, [(words, speaker, False)], language=language)
        assert _voices(article) == {}, language


def test_a_body_in_the_quotes_own_sentence_keeps_its_voice_in_any_script() -> None:
    """The sentence end needs a stop before the capital: a capital inside the sentence ("...
    die Satzung, erklärte Överland") leaves the place its voice (made up)."""
    article = _article(
        "Die Maut verletze die Satzung, erklärte Överland am Montag.",
        [("Överland", "Överland", "GPE")], [("Die Maut verletze die Satzung", "Överland", False)],
        language="de")
    assert _voices(article) == {"Die Maut verletze die Satzung": "Överland"}


def test_a_place_after_a_conjunction_speaks_and_one_after_a_possessive_does_not() -> None:
    """One rule with the quote stage (``quotes_checks.WORD_BEFORE``): a place after "as",
    "that", "when" … is the subject of its clause; after a possessive or a hyphened modifier
    it is not (made up; before, voices dropped the former too)."""
    article = _article(
        "The ferries will run late until May, as Westmark announced on Monday that the pier is "
        "shut. A spokesman in the mayor\u2019s Eastport office said the tolls stay.",
        [("Westmark", "Westmark", "GPE"), ("Eastport", "Eastport", "GPE")],
        [("the pier is shut", "Westmark", False), ("the tolls stay", "Eastport", False)])
    assert _voices(article) == {"the pier is shut": "Westmark"}
