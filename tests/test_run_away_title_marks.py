"""A cut title's whole text opens the article's text (``parallax.titles``); the story marks and
the grouping's explanation read the lead after it, as the story terms do, so a run-away title
neither fills their window nor takes the lead's names and words from them. Made-up text only."""

from __future__ import annotations

from parallax.records import Article, Published
from parallax.stories.explain import grouping
from parallax.stories.marks import article_marks
from parallax.titles import cap_title

LEAD = ("The harbour board of Tollby met on Tuesday with officials from Kessmoor and Varnholt to "
        "discuss the late ferries. Crews said the new timetable left them short of rest, and "
        "the board promised a review of the ferries by spring, its chair Edda Brannick said. "
        "About 2,400 passengers a day use the crossing.")


def _article(ident: str, title: str, outlet: str) -> Article:
    shown, paragraphs, note = cap_title(title, [LEAD])
    return Article(id=ident, role="main", title=shown, outlet=outlet, published=Published(),
                   text="\n\n".join(paragraphs), language="en",
                   notes=[note] if note else [])


def _run_away(stem: str) -> str:
    """500 different capitalised made-up words: more than the marks' and the lead's window."""
    return " ".join(f"Word {stem}{n}" for n in range(500))


def test_a_run_away_title_leaves_the_story_marks_as_a_headline_does() -> None:
    short = _article("a", "Ferries late again", "Coast Post")
    long = _article("b", _run_away("Alder"), "Coast Post")
    assert long.notes and long.text.startswith("Word Alder0")  # the title was cut and moved
    assert article_marks(long) == article_marks(short)
    assert article_marks(short)["#2400"] == 1


def test_the_explanation_reads_the_lead_after_a_run_away_title() -> None:
    first = _article("a", _run_away("Alder"), "Coast Post")
    second = _article("b", _run_away("Birch"), "Harbour Times")
    terms = {t["term"] for t in grouping([first, second]).to_dict()["terms"]}
    assert {"harbour", "board", "tollby"} <= terms  # (the first of the shown 8)
