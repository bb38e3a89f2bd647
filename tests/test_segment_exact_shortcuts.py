"""Shortcuts of the text-dump path that must answer as the code they replaced (nineteenth
session's dump-speed cuts; docs/segmentation.md). Every page here is made up."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from parallax.segment import linemodel
from parallax.segment.headline import (
    _HEADLINE,
    MARKS,
    _headline_like,
    forget_words,
    headline_like,
)
from parallax.segment.linefeatures import code_points
from parallax.segment.lines import read_lines
from parallax.segment.patterns import FURNITURE_WORDS, SHARE_PHRASE_WORDS, boilerplate_kind
from parallax.segment.prefilter import joined
from parallax.segment.titlecheck import title_line

_WORDS = ["harbour", "ferry", "council", "Winter", "share", "Share", "ſhare", "support", "the"]


def _line(seed: int, count: int) -> str:
    return " ".join(_WORDS[(seed + k * k) % len(_WORDS)] for k in range(count))


def test_code_points_remember_only_the_same_page() -> None:
    page = "Ａ page with ſ, İ and \U0001F600 in it. " * 40
    other = page[:-1] + "x"  # the same length, another last character
    for text in (page, other, page, "short", page):
        codes = code_points(text)
        assert codes.tolist() == [ord(c) for c in text]
        assert not codes.flags.writeable  # shared between the line reader and the features


def test_joined_pages_are_remembered_only_for_the_same_lines() -> None:
    first = ["Harbour tolls rise", "", "The council met on Monday.", "ſhare İt"]
    edited = [*first[:-1], "share it"]  # the same length, another last line
    single: list[str] = ["One line only"]
    empty: list[str] = []
    for texts in (first, first, edited, first, single, empty, empty, first):
        page, starts = joined(texts)
        assert page == "\n".join(texts)
        assert list(starts) == list(itertools.accumulate(
            (len(t) + 1 for t in texts[:-1]), initial=0))
    changed = list(first)
    joined(changed)
    changed[0] = "Ferry fares fall"  # a caller's list changed after the call
    assert joined(changed)[0] == "\n".join(changed)


def test_read_lines_asks_always_kind_wherever_it_can_answer() -> None:
    """``read_lines`` leaves out ``always_kind`` for plain lines of more than
    ``SHARE_PHRASE_WORDS`` words not starting with an "s" and for lines of more than
    ``FURNITURE_WORDS`` words: each line's kind is still ``boilerplate_kind``'s."""
    texts = [_line(seed, count) for seed in range(len(_WORDS))
             for count in (1, 2, SHARE_PHRASE_WORDS, SHARE_PHRASE_WORDS + 1, 12,
                           FURNITURE_WORDS, FURNITURE_WORDS + 1, 55)]
    texts += ["Share this story", "Share", "Tweet", "Copier le lien", "share on the ferry",
              "ſhare the council minutes with your neighbours today"]
    for page in ("\n".join(texts), "\n\n".join(texts)):
        for line in read_lines(page):
            assert line.phrase_kind == boilerplate_kind(line.text), line.text


def _pages() -> list[str]:
    lines = [_line(seed, count) + end for seed, count, end in itertools.product(
        range(4), (1, 3, 8, 14, 30), ("", ".", " and more."))]
    return ["\n".join(lines[:k]) for k in (1, 2, 5, 17, 45, len(lines))]


@pytest.mark.parametrize("page", _pages())
def test_window_means_are_window_mean_of_each_column(page: str) -> None:
    """The line model's windowed columns, from slices of padded prefix sums: bit for bit the
    clipped window means ``window_mean`` defines."""
    lines = read_lines(page)
    x = linemodel.features(lines)
    names = linemodel.NAMES
    for window in (3, 8, 20):
        for column in ("paragraph", "log_words", "stop_ratio"):
            got = x[:, names.index(f"{column}~{window}")]
            assert got.tobytes() == linemodel.window_mean(x[:, names.index(column)],
                                                          window).tobytes()
    density = linemodel.window_mean(
        x[:, names.index("paragraph")] * np.expm1(x[:, names.index("log_words")]), 8)
    assert np.array_equal(x[:, names.index("density_rel")],
                          density / max(float(density.max()), 1e-9))


def test_title_line_finds_the_line_the_substitution_finds() -> None:
    """With no title line in the trace, the title's line is the first that reads as it
    without its Markdown or list marks (``MARKS`` cuts a prefix only, so such a line holds
    the title: the text test before the substitution changes no answer)."""
    page = "\n".join(["Menu", "# Ferry fares rise", "- Ferry fares rise", "> Ferry fares rise",
                      "Ferry fares rise again", "##  Ferry fares rise", ">", "*", "+ x",
                      "Ferry fares rise", "The council met."])
    lines = read_lines(page)
    for title in ("Ferry fares rise", "Ferry fares rise again", "x", "", "Menu", "ferry",
                  "# Ferry fares rise", "The council met."):
        want = next((line.index for line in lines
                     if MARKS.sub("", line.text).strip() == title), None)
        assert title_line(title, lines, []) == want, title
        assert title_line(title, lines, [("Menu", "boilerplate")]) == want, title


def test_headline_like_remembered_per_text_answers_as_the_rule() -> None:
    """``headline_like`` remembers its answer per line text until ``forget_words`` (the header
    rules ask about the same lines again): every answer is ``_headline_like``'s of the text,
    also for a second ``Line`` with the same text at another place, and a new page starts
    with an empty memo."""
    texts = ["Ferry council votes to keep the winter timetable", "Video", "Skip to content",
             "By JANE DOE", "« Older post | Main | Newer post »", "Posted at 9:15 pm",
             "## Harbour fees rise again after the storm", "ferry, harbour, winter, council",
             "(Photo: a made-up credit)", "Next", "Share this story"]
    page = "\n".join(texts + texts)
    forget_words()
    for _ in range(2):
        for line in read_lines(page):
            assert headline_like(line) is _headline_like(line.text), line.text
    assert _HEADLINE
    forget_words()
    assert not _HEADLINE
