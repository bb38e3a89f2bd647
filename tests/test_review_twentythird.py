"""Bugs found reviewing the twenty-third session's changes and the twenty-second's leftovers
(helper R). Every text here is made up for these tests; each test fails on the code before its
fix."""

from __future__ import annotations

import random
import string
from typing import Any

import pytest
from tests.test_enrich_quotes_fresh import _speakers
from tests.test_enrich_quotes_sources import _requoted
from tests.test_review_twentysecond import SHORTENED

from parallax.records import Article, Page, Published
from parallax.segment.textdump import segment_text
from parallax.store import open_store


def test_an_infinitives_object_after_a_lower_case_title_does_not_speak() -> None:
    """"came to see councillor <name> said": the residents speak, not the councillor (left by
    the twenty-second session's review: the rule wanted a capitalised title before the name)."""
    article = _requoted(
        "The river rose over the quay at Velmora on Monday. Residents who came to see "
        "councillor Lena Moss said \u201cwe were promised a wall years ago\u201d and went home.",
        [("Lena Moss", "PERSON"), ("Velmora", "GPE")])
    assert _speakers(article)["we were promised a wall years ago"] != "Lena Moss"
    capitalised = _requoted(
        "The river rose over the quay at Velmora on Monday. Councillor Lena Moss said "
        "\u201cwe were promised a wall years ago\u201d and went home.",
        [("Lena Moss", "PERSON"), ("Velmora", "GPE")])
    assert _speakers(capitalised)["we were promised a wall years ago"] == "Lena Moss"



def test_a_page_with_a_very_long_address_is_stored_and_found(db_url: str) -> None:
    """Migration 0007 put B-tree indexes on PostgreSQL's document addresses; a B-tree entry
    holds at most 2,704 bytes, so a page whose address ran longer (a link with a long query
    string) failed to save with "index row size exceeds btree maximum", and an old store
    holding one could not open (the migration failed)."""
    rng = random.Random(3)
    url = "https://harbour-news.example/story?ref=" + "".join(
        rng.choice(string.ascii_letters + string.digits) for _ in range(4000))
    text = "The made-up ferry left the harbour of Tollby late on a windy night, the crew said."
    article = Article(id=Article.make_id("Ferry", text), role="main", title="Ferry",
                      outlet="Coast Post", published=Published("2026-05-02", "2026-05-02"),
                      text=text, language="en")
    store = open_store(db_url)
    try:
        for n, address in enumerate((url, url + "#line-1")):
            store.save_page(Page(input=address, uri=address, sha256=f"{n:064x}", kind="html",
                                 fetched_at="2026-05-02T08:00:00Z", articles=[article][:1 - n],
                                 metadata={"url": address}))
        assert store.source_documents(url) == [f"{n:064x}" for n in range(2)]
    finally:
        store.close()


@pytest.mark.parametrize("sep", ["\n\n", "\n"], ids=["blank lines", "one block a line"])
@pytest.mark.parametrize("day", ["May 3", "3 May"])
def test_a_headline_whose_own_words_end_in_a_date_is_not_cut_to_a_shortened_title(
        day: str, sep: str) -> None:
    """Left by the twenty-second session's review: a ``<title>`` shortened for search results
    over the full headline kept that headline unless what ran on held a date; a headline's
    own words may end in one ("... commuters from May 3"), and it was cut to the prefix."""
    first, headline, body = SHORTENED["en"]
    headline = f"{headline} {day}"
    seg = segment_text(sep.join([first, headline, "By Mara Quint", *body]) + "\n")
    assert next(d for d in seg.articles if d.role == "main").title == headline


def test_a_headline_after_a_long_menu_is_one_the_header_zone_holds() -> None:
    """8142a26 reads the header again from a headline under a long menu; ``headline_like``
    reads past Markdown marks ("# " before a 25-word headline: 25 words, a headline), the
    zone's own test does not (26 words): the zone held no line, nothing was taken, and the
    decoder read the same header again for ever (``segment_text`` never returned)."""
    from parallax.segment.header import headline_after_menu, zone_of
    from parallax.segment.lines import LineClassifier, read_lines

    menu = ("Home News World Politics Business Markets Tech Science Health Sport Culture Film "
            "Music Books Travel Food Style Opinion Weather Video").split()
    headline = ("# Ferry service to Tollby resumes on Monday after engineers repair the pier "
                "and the council agrees to pay for a new landing ramp next spring")
    body = ["The island ferry resumed its timetable on Monday after engineers repaired the "
            "pier that a storm damaged last week, the made-up operator said."] * 3
    lines = read_lines("\n".join([*menu, headline, *body]))
    clf = LineClassifier()
    for pos in range(len(lines)):
        at = headline_after_menu(lines, pos)
        if at is not None:
            assert zone_of(lines, at, clf), lines[at].text


#: a made-up report over a thread pasted without its buttons ("<name>" / "<n> hours ago" /
#: a sentence, repeated)
FARES = ["Ferry fares rise for island commuters", "By Mara Quint",
         "The island ferry operator will raise fares for commuters from May, the company said "
         "on Monday, blaming fuel costs and a new pier fee.",
         "A monthly pass will cost 64 euros instead of 52, while single tickets rise by half a "
         "euro for adults and stay the same for children.",
         "Commuters on the island said the rise would hit families who cross every day for work "
         "and school, and asked the council to step in."]


def _pasted_thread(n: int) -> list[str]:
    names = ["Anna Berg", "Karl Moss", "Ilse Varga", "Tom Vell"]
    thread = []
    for k in range(n):
        thread += [names[k % 4], f"{k % 50 + 2} hours ago",
                   f"I think the ferry fares are far too high for families like mine, number {k}."]
    return thread


def test_a_long_thread_without_buttons_is_read_in_one_pass(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """4e881f8's ``_rhythm`` is asked at every stamp and walked back to the start of the run
    each time: a pasted thread of 4,000 comments took 11.6 s to segment (0.1 s at d53def8).
    It needs three stamps in a row, so it walks no further than that: a bounded number of
    ``_said`` questions per stamp (600 comments: 1,799, was 180,302)."""
    import parallax.segment.threads as threads

    asked = [0]
    said = threads._said

    def counting(lines: list[Any], k: int) -> bool:
        asked[0] += 1
        return said(lines, k)

    monkeypatch.setattr(threads, "_said", counting)
    seg = segment_text("\n".join(FARES + _pasted_thread(600)))
    assert len(seg.comments) == 600
    assert asked[0] <= 4 * 600


#: an opinion rail under a report: a columnist's name, a stamp and a headline (made up)
OPINION = ["More from Opinion",
           "Lena Moss", "3 hours ago",
           "Why the harbour plan will cost the town far more than it saves",
           "Karl Berg", "5 hours ago",
           "The ferry strike showed how little the island matters to the mainland",
           "Ana Ruiz", "8 hours ago",
           "Our schools need teachers and not another glossy strategy document",
           "Tom Vell", "1 day ago",
           "A bridge to the island is a dream we should finally give up"]


@pytest.mark.parametrize("sep", ["\n\n", "\n"], ids=["blank lines", "one block a line"])
def test_an_opinion_rails_columnists_are_no_readers(sep: str) -> None:
    """4e881f8 reads names over relative stamps over sentences as a thread; a headline of
    eight words or more counted as a sentence, so an opinion rail (columnist / "3 hours ago"
    / headline) became four reader comments under the columnists' names. A reader's words
    end as a sentence; the thread pasted without buttons is still read."""
    seg = segment_text(sep.join([*FARES, *OPINION, "© 2026 Coast Post"]))
    assert not seg.comments and not seg.comment_authors
    assert len(next(a for a in seg.articles if a.role == "main").paragraphs) == 3
    assert len(segment_text(sep.join(FARES + _pasted_thread(4))).comments) == 4


def test_a_passing_mention_of_ukraine_in_one_long_paragraph_is_no_war_topic() -> None:
    """2a86950 keeps a text out of the war domain unless Ukraine is a topic: enough cues per
    100 words or a cue in 8 % of its paragraphs. Under a title, a body of one paragraph (a
    record's text with no line breaks) that names Ukraine once is half the lines: the column
    the share keeps out was in the domain again when its text came as one line."""
    from parallax.frame.domains import in_domains

    paragraphs = [
        "Senators of the governing party debated its foreign policy platform on Tuesday, "
        "arguing over alliances, trade and the defence budget for the coming year."] * 3 + [
        "Several members said Russia had tested NATO for years and that Russia would go on "
        "doing so while NATO stayed divided over spending and the price of fuel."] * 6 + [
        "One senator mentioned Ukraine in passing before the debate returned to tariffs."] + [
        "The committee meets again next month to vote on the budget, the chair said, and "
        "the quarrel over Russia, sanctions and NATO will go on until then."] * 10
    title = "Senators quarrel over the party's foreign policy"
    assert in_domains(title + "\n" + "\n\n".join(paragraphs)) == set()
    assert in_domains(title + "\n" + " ".join(paragraphs)) == set()
    # a short report on the war stays in it, as one paragraph too
    war = ("Shelling hit a power station near Kyiv overnight, Ukraine's energy ministry said, "
           "and Russia claimed new gains in the east.")
    assert in_domains(title + "\n" + war) == {"URW"}
