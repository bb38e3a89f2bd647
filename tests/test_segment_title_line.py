"""A dump whose first line is the page's ``<title>``: that line's headline when the header
rules find none the article bears out (``headline.page_title_headline``). Made-up pages."""

from __future__ import annotations

from parallax.segment.headline import page_title_headline
from parallax.segment.lines import read_lines
from parallax.segment.textdump import segment_text
from test_segment_header import BRIDGE

TITLE_LINE = ("Harbour bridge repairs approved after two years of delay - "
              "The Saltmouth Evening Post and Gazette")
PARAGRAPHS = [p for p in BRIDGE.split("\n") if p.strip()]


def _main_title(dump: str) -> str:
    seg = segment_text(dump)
    return next(a for a in seg.articles if a.role == "main").title


def test_the_title_line_is_the_headline_when_the_rules_find_none_it_bears_out() -> None:
    """The site's part of the title line has more than four words, so ``titled_part`` offers
    nothing and the logo's repeat was withheld: the article had no title. The site's name
    coming back under it and the article's words say the line is the page's title."""
    dump = (TITLE_LINE + "\nThe Saltmouth Evening Post and Gazette\nHome\nNews\nSport\n"
            "Weather\nContact\n" + BRIDGE)
    assert _main_title(dump) == TITLE_LINE


def test_a_site_name_on_top_without_the_title_line_stays_no_headline() -> None:
    """Without the ``<title>`` the first line is the site's name: it comes back at the foot
    of the page, but the article holds few of its words, so the rules' headline stands."""
    dump = ("Saltmouth Harbour News and Weather Notes\nHome\nNews\n"
            "Harbour bridge repairs approved after two years\nBy Jane Doe\n" + BRIDGE
            + "Saltmouth Harbour News and Weather Notes\n")
    assert _main_title(dump) == "Harbour bridge repairs approved after two years"


def test_a_headline_run_on_into_its_section_and_date_is_cut_at_the_title_lines_part() -> None:
    page = read_lines("Harbour bridge repairs approved after two years - Local News - "
                      "Saltmouth Post\nSaltmouth Post\n" + BRIDGE)
    run_on = "Harbour bridge repairs approved after two years Local News, Updated Nov 6"
    assert page_title_headline(run_on, PARAGRAPHS, page, lambda: True) \
        == "Harbour bridge repairs approved after two years"
    # a separator after the part: the headline's own second part, kept
    subtitle = "Harbour bridge repairs approved after two years - work starts in spring"
    assert page_title_headline(subtitle, PARAGRAPHS, page, lambda: True) == subtitle


def test_a_first_line_that_comes_back_nowhere_or_is_short_changes_nothing() -> None:
    page = read_lines(TITLE_LINE + "\nHome\n" + BRIDGE)
    assert page_title_headline("", PARAGRAPHS, page, lambda: False) == ""
    assert page_title_headline("", PARAGRAPHS, read_lines("Bridge news\n" + BRIDGE),
                               lambda: True) == ""
    assert page_title_headline("", PARAGRAPHS, page, lambda: True) == TITLE_LINE


ENGINEER = [*PARAGRAPHS, "Jane Doe, the council's engineer, said the bridge would stay open."]


def test_a_caption_the_article_bears_out_a_little_better_gives_way_to_the_title_line() -> None:
    """A photo caption (or an author's name, a standfirst) holds the article's words as well
    as its headline does: only a clearly higher share lets it stand against the page's own
    title."""
    page = read_lines("Harbour bridge repairs approved after two years | Saltmouth Post\n"
                      "Saltmouth Post\n" + "\n".join(ENGINEER) + "\n")
    caption = "Jane Doe, the council's engineer, on the harbour bridge"
    assert page_title_headline(caption, ENGINEER, page, lambda: True) \
        == "Harbour bridge repairs approved after two years"
    # the article bears the rules' title out far better than a loosely related title line
    loose = read_lines("Harbour bridge: what the mayor wants next | Saltmouth Post\n"
                       "Saltmouth Post\n" + BRIDGE)
    assert page_title_headline("Town council approved repairs", PARAGRAPHS, loose,
                               lambda: True) == "Town council approved repairs"
