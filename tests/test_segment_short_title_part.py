"""Two fixes to the headline a dump's first line (its page ``<title>``) offers
(``headline.first_line_headline``): a headline part of two or three words ("<three words> -
<site>") and WordPress's "<headline> « <blog>" page titles. Before, the first offered nothing
and the second the whole line, so the header rules' right title was dropped as unborne by the
article's lead. All pages are made up."""

from __future__ import annotations

import pytest

from parallax.segment.headline import (
    checked_title,
    first_line_headline,
    separated,
    short_title_part,
    title_part,
)
from parallax.segment.lines import read_lines
from parallax.segment.textdump import segment_text

MENU = ["Home", "Recipes", "Travel", "About", "Contact"]
BODY = [
    "We spent most of last weekend at the old market by the quay, where the smoked mackerel "
    "sellers open before dawn and close once the tide turns.",
    "The best stall belongs to a retired ferry engineer who cures everything himself and "
    "insists that patience, not salt, makes the difference.",
    "He gave us a bag of peppered fillets, a jar of pickled onions and directions to a bakery "
    "that nobody in town will admit exists.",
    "Next month we plan to go back with a cooler and a longer shopping list.",
]
TAIL = ["Share this:", "Twitter", "Facebook", "Related posts", "Leave a Reply"]


def _title(lines: list[str], *, lead: bool = True) -> str | None:
    seg = segment_text("\n".join(lines))
    main = next(a for a in seg.articles if a.role == "main")
    assert not lead or main.paragraphs[0] == BODY[0]
    assert BODY[1] in main.paragraphs
    return main.title


def _first(text: str) -> str:
    return first_line_headline(read_lines(text)[0])


@pytest.mark.parametrize(("line", "part"), [
    ("Quayside smokehouse visit - Saltmouth Kitchen", "Quayside smokehouse visit"),
    ("Pickled onion notes | Harbour Table", "Pickled onion notes"),
    ("Dawn market run « Saltmouth Kitchen and Other Tales of the Coast", "Dawn market run"),
])
def test_short_headline_part_is_offered(line: str, part: str) -> None:
    assert _first(line) == part


@pytest.mark.parametrize("line", [
    "Contact Us - Saltmouth Kitchen",  # chrome, no headline
    "Home | Harbour Table",  # one word
    "Quayside visit - Saltmouth Kitchen Harbour Table Weekly Notes",  # a long other part
    "Saltmouth Kitchen - Going...Going...Gone!",  # the site's name first, no longer than the post
])
def test_short_part_that_is_no_headline(line: str) -> None:
    assert short_title_part(line) == ""
    assert not _first(line).startswith(("Contact", "Home", "Quayside"))


@pytest.mark.parametrize(("line", "part"), [
    ("Why the dawn market at the quay still matters « Saltmouth Kitchen",
     "Why the dawn market at the quay still matters"),
    ("Smoked mackerel at the quay, again « Notes from a Small Harbour Town by the Sea",
     "Smoked mackerel at the quay, again"),
])
def test_blog_name_after_guillemet_is_cut(line: str, part: str) -> None:
    assert separated(line)
    assert title_part(line, blog=True) == part
    assert _first(line) == part
    assert title_part(line) == ""  # (the HTML path's <title> unchanged: not measured there)


@pytest.mark.parametrize("line", [
    "Le maire parle de « la vraie marée » sur le quai du port",  # paired French quotes
    "Der Bürgermeister sagt »nie wieder Ebbe« am Hafen heute",  # German quotes
    "« Older post | Main | Newer post »",
])
def test_quotation_marks_are_no_blog_separator(line: str) -> None:
    parts = title_part(line, blog=True)
    assert " « " not in line or "»" in line
    assert not parts or "«" not in parts or "»" in parts


@pytest.mark.parametrize("first", [
    "Quayside smokehouse visit - Saltmouth Kitchen",
    "Quayside smokehouse visit « Saltmouth Kitchen",
])
def test_short_title_confirmed_by_page_title(first: str) -> None:
    # the article's lead holds none of the headline's words: before, the first line offered
    # no headline (or its whole line) and the rules' right title was dropped as unborne
    assert _title([first, *MENU, "Quayside smokehouse visit", *BODY, *TAIL]) \
        == "Quayside smokehouse visit"


def test_short_part_never_replaces_a_title_the_lead_does_not_hold() -> None:
    # neither the first line's short part nor the rules' title shares a word with the lead:
    # the short part confirms a title, it never replaces one on its own (a section's or a
    # sidebar's name in the page title)
    title = _title(["Summer reading list - Saltmouth Kitchen", *MENU,
                    "Winter lights on the pier", *BODY, *TAIL], lead=False)
    assert title != "Summer reading list"


def test_short_part_confirms_only_a_title_holding_all_its_words() -> None:
    # "Saltmouth Harbour Tides" shares two of "Saltmouth Harbour Association"'s three words
    # (enough for a full headline part's overlap, ``same_words``), not all: a sidebar's
    # heading under the association's page title; the lead holds neither, so no title
    lead = {"mackerel", "market", "quay"}
    first = "Saltmouth Harbour Association"
    assert checked_title("Saltmouth Harbour Tides", first, lambda: lead, short=True) == ""
    assert checked_title("Saltmouth Harbour Association Members", first, lambda: lead,
                         short=True) == "Saltmouth Harbour Association Members"
    # ... and never replaces the rules' title, even where the lead holds the part's words
    assert checked_title("Quay market", "Quay stories", lambda: lead | {"stories"},
                         short=True) == "Quay market"
