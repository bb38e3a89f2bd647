"""The line model's page-context columns (``segment/pagecontext.py``): where the page title comes
back as the headline, and which lines lie below a reader-comment heading. Titles and lines are
made up."""

from __future__ import annotations

import numpy as np

from parallax.segment.linemodel import NAMES, features
from parallax.segment.lines import read_lines
from parallax.segment.pagecontext import NAMES as CONTEXT_NAMES
from parallax.segment.pagecontext import context_columns, title_repeats

STORY = ("The council voted on Tuesday to close the old bridge to cars for two years while "
         "engineers replace its rusted cables, a decision that angered shop owners nearby.")


def test_the_headline_under_a_site_title_is_found_in_each_title_shape() -> None:
    for title in ("Ann's Notebook: Sometimes, a little is quite enough",
                  "Sometimes, a little is quite enough | Ann's Notebook",
                  "Sometimes, a little is quite enough - Ann's Notebook",
                  "Sometimes, a little is quite enough"):
        lines = read_lines("\n".join([title, "Recent Posts", "Three kinds of quiet",
                                      "# Sometimes, a little is quite enough", STORY]))
        assert title_repeats(lines) == [3], title


def test_menu_words_and_longer_lines_are_no_title_repeat() -> None:
    lines = read_lines("\n".join(["Bridge to close for two years | City News", "Home", "News",
                                  "City News", STORY, "Bridge to close for two years today, "
                                  "the council said"]))
    # "City News" is a part of 2 words (a site name repeated in the menu counts; the model
    # weighs it); "Home" is no part, the long last line is longer than the title
    assert title_repeats(lines) == [3]
    assert title_repeats(read_lines("Only one line here")) == []


def test_the_remembered_page_gives_its_own_answer_and_a_fresh_list() -> None:
    """``title_repeats`` remembers the last page's answer (the header asks again); another
    page, or other Line objects with the same text, are scanned anew, and a caller changing
    the answer it got does not change the next one."""
    first = read_lines("\n".join(["Bridge to close | City News", "Home", "Bridge to close",
                                   STORY]))
    other = read_lines("\n".join(["Ann's Notebook: Sometimes, a little is quite enough", "Posts",
                                   "Three kinds", "Sometimes, a little is quite enough", STORY]))
    answer = title_repeats(first)
    assert answer == [2]
    answer.append(99)  # the caller's list, not the remembered one
    assert title_repeats(first) == [2]
    # as many lines as the remembered page, other objects: scanned anew
    same_length = read_lines("\n".join(["Bridge to close | City News", "Home", STORY,
                                         "Bridge to close"]))
    assert title_repeats(same_length) == [3]
    assert title_repeats(other) == [3]
    assert title_repeats(first[:2] + other[3:4]) == []


def test_columns_mark_lines_after_the_title_repeat_and_after_a_comments_heading() -> None:
    text = "\n".join(["Bridge to close | City News", "Home", "Bridge to close", "4 Comments",
                      STORY, STORY, STORY, "385 Comments",
                      "I drive over it every day. Terrible idea.",
                      "Good riddance, it was falling apart."])
    lines = read_lines(text)
    cols = context_columns(lines)
    assert cols.shape == (len(lines), len(CONTEXT_NAMES))
    title, after, comments = cols.T
    assert title.tolist() == [0, 0, 1, 0, 0, 0, 0, 0, 0, 0]
    assert after.tolist() == [0, 0, 0, 1, 1, 1, 1, 1, 1, 1]
    # the byline's "4 Comments" above the story opens no thread; "385 Comments" below 84 words
    # of it does
    assert comments.tolist() == [0, 0, 0, 0, 0, 0, 0, 0, 1, 1]
    # the same columns end the line model's feature rows
    assert NAMES[-len(CONTEXT_NAMES):] == CONTEXT_NAMES
    assert np.array_equal(features(lines)[:, -len(CONTEXT_NAMES):], cols)
