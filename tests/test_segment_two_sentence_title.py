"""A line of two sentences is no headline (``headline.two_sentences``): a one-line post's text
is kept as its body, not taken as its title and then dropped by the title check. All pages
are made up."""

from __future__ import annotations

import pytest

from parallax.segment.headline import headline_like, two_sentences
from parallax.segment.lines import read_lines
from parallax.segment.textdump import segment_text

POST = ("Every Tuesday we share a garden-themed comic strip drawn by the gifted P.J. Fenwick. "
        "Why not also browse the rest of our comic archive?")
TAIL = ["P.J. Fenwick |", "Website |", "Other Articles",
        "P.J. Fenwick draws comics about sheds, slugs and stubborn hoses from a small studio "
        "behind an allotment on the edge of a windy seaside town.",
        "Related Articles", "No related posts found", "Comments RSS", "Print Post",
        "Leave a Comment", "Your Name", "Email Address"]


@pytest.mark.parametrize("text", [
    POST,
    "- " + POST,  # (a Markdown list item's mark is read past)
    "The council met on Monday to discuss the new bridge. Will the plan survive the vote?",
])
def test_two_sentence_line_is_no_headline(text: str) -> None:
    assert two_sentences(text)
    assert not headline_like(read_lines(text)[0])


@pytest.mark.parametrize("text", [
    "Storm hits the coast. Now what?",  # a short second sentence
    "Is a greenhouse right for you? Here is how to tell",  # no sentence's end
    "Harbour ferry fares rise again as the operator blames fuel costs in winter?",  # one
    "You are here: Home » Win Tickets On Y! Sports Fantasy League Commissioner Day!",  # "Y!"
    "« Older post about the harbour ferry | Main | Newer post on the coast road works »",
    "Nearly forty and still not acting my age. (Photo: a friend on the harbour wall)",
    "Harbour Days 2026 - Psst… Want to see the new ferry before anyone else does?",  # "…"
])
def test_headlines_and_chrome_are_not_two_sentences(text: str) -> None:
    assert not two_sentences(text)


@pytest.mark.parametrize("head", [["1 Comment"], ["Home", "Blog", "1 Comment"]])
@pytest.mark.parametrize("blank", [False, True])
def test_one_line_post_is_kept_as_body(head: list[str], blank: bool) -> None:
    # the post's one line was the header's title, the title check dropped it as unrelated
    # and the article began at "Other Articles": the post's only text was lost
    seg = segment_text(("\n\n" if blank else "\n").join([*head, POST, *TAIL]))
    main = next(a for a in seg.articles if a.role == "main")
    assert main.paragraphs[0] == POST
    assert main.title != POST
