"""A sentence of the same topic stating a neighbouring fact is no restatement (twentieth
session): made-up stories, each shaped like a wrong "in other words" sentence of real news."""

from __future__ import annotations

from parallax.pipeline import build_comparer
from parallax.records import Article, Claim, Published, Sentence, Story
from parallax.settings import Config


def _article(aid: str, outlet: str, sentences: list[str], claims: int) -> Article:
    """An article whose first ``claims`` sentences are its claims (as the claim finder would
    give them)."""
    text, spans = "", []
    for s in sentences:
        spans.append(Sentence(start=len(text), end=len(text) + len(s)))
        text += s + " "
    return Article(id=aid, role="main", title="", outlet=outlet, text=text, language="en",
                   published=Published(iso="2026-03-01"), sentences=spans,
                   claims=[Claim(text=sentences[i], start=spans[i].start, end=spans[i].end,
                                 attribution=None, checkworthiness=0.9)
                           for i in range(claims)])


def _clusters(articles: list[Article]) -> dict[str, tuple[str, dict[str, str], list[str]]]:
    story = Story("s1", "t", [a.id for a in articles], main_count=len(articles))
    result = build_comparer(Config()).compare(story, articles, [])
    return {c["text"]: (c["status"], c["positions"], [r["text"] for r in c.get("restated", [])])
            for c in result["claims"]["clusters"]}


def test_two_words_of_a_short_sentence_do_not_restate_a_long_claim() -> None:
    """The Star's short sentence shares the charter and its reading with the Post's claim, but
    says who questioned it, not what was decided; the wording test reads no cosine."""
    claim = ("The council decided in advance that the repealed articles of the Ostmark charter "
             "would not be read aloud, sparing members its old clauses on tolls.")
    post = _article("a1", "Morning Post", [claim, "Dam builders were not reached."], 1)
    star = _article("a2", "Evening Star", [
        "Rain fell in Lindau.", "Brandl questioned the reading of the Ostmark charter."], 0)
    status, positions, restated = _clusters([post, star])[claim]
    assert (status, positions["Evening Star"], restated) == ("exclusive", "silent", [])


def test_two_claims_of_one_topic_are_not_each_others_restatement() -> None:
    """Each paper's claim is about the same memos and plan, but one says who rewrote the plan
    and the other reports a quarrel over it: the alignment kept them apart, and neither is the
    other's fact "in other words". The same sentence when it is no claim of its paper is read
    with the meaning test's own bar, as before."""
    rewrote = ("Harbour officials said the Lindau memos show that several agencies rewrote "
               "Mayor Ana Lund's dam plan.")
    quarrel = ("The Lindau memos reveal a quarrel between harbour chief Tomas Brandl and his "
               "deputy over Mayor Ana Lund's dam plan.")
    post = _article("a1", "Morning Post", [rewrote, "Dam builders were not reached."], 1)
    star = _article("a2", "Evening Star", [quarrel, "Rain fell in Lindau."], 1)
    clusters = _clusters([post, star])
    # neither restates the other; neither is called exclusive either, since each paper has a
    # sentence this close to the other's claim (twenty-first session: compare/doubt.py)
    assert clusters[rewrote] == ("possibly_shared", {"Evening Star": "silent",
                                                     "Morning Post": "asserts"}, [])
    assert clusters[quarrel] == ("possibly_shared", {"Evening Star": "asserts",
                                                     "Morning Post": "silent"}, [])
    star = _article("a2", "Evening Star", ["Rain fell in Lindau.", quarrel], 0)
    assert _clusters([post, star])[rewrote][2] == [quarrel]

