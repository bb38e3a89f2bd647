"""Short quoted phrases that are no voice (issue 17, fourteenth session, helper V2): a term or
a name after a naming verb with no speaker ("a tool called “…”", "also referred to as “…”"),
and the author's own words ("I’ve called it “…”", "I said recently … “…”"). Seen on the Dragnet
tuning half; the sentences are written for these tests."""

from __future__ import annotations

from test_enrich_quotes_fresh import _speakers, enriched  # tests/ is on sys.path


def test_a_term_or_name_after_a_naming_verb_is_no_voice() -> None:
    article = enriched(
        "Package handling in the system is done by a small tool called \u201cdrover,\u201d "
        "which keeps every program up to date.\n\n"
        "Plant the round kinds (also referred to as \u201cglobe\u201d) in a deep pot.")
    shown = _speakers(article)
    assert "drover" not in shown
    assert "globe" not in shown


def test_the_authors_own_words_are_no_voice() -> None:
    article = enriched(
        "I spent an hour with the founder, and I\u2019ve called the guide \u201cHarbor "
        "Secrets\u201d because it holds so much.\n\n"
        "I said recently that I had lost sight of the \u201cbig picture\u201d at work.")
    shown = _speakers(article)
    assert "Harbor Secrets" not in shown
    assert "big picture" not in shown


def test_someone_naming_something_still_speaks() -> None:
    article = enriched(
        "Senator Mara Quell, a Democrat from Ohio, called the plan \u201ca quiet theft\u201d "
        "on Monday.\n\n"
        "The farmer kept what the district water office called \u201cthree illegal ponds\u201d on "
        "his land.")
    shown = _speakers(article)
    assert "a quiet theft" in shown
    assert "three illegal ponds" in shown
