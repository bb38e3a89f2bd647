"""thread_marks through read_lines' literal scan (Line.marks) finds what a scan of the folded
page finds: comments headings of any length, thread openers, non-ASCII literals."""

from __future__ import annotations

from parallax.segment.lines import LOOKUP_WORDS, read_lines
from parallax.segment.patterns import page_index
from parallax.segment.threads import thread_marks


def _page() -> str:
    filler = "This sentence is plain article prose with enough words to count as one."
    long_heading = "12 comments on " + " ".join(["word"] * (LOOKUP_WORDS + 5))
    return "\n".join([
        "Site menu", filler, filler, "Kommentare (3)", filler,
        "Anna says:", "I agree with this.", "Ben said...", "Me too.",
        long_heading, filler, "Пётр пишет", "Согласен.", "COMMENTS", filler,
    ])


def test_thread_marks_from_the_line_scan_equal_the_page_scan() -> None:
    lines = read_lines(_page())
    assert any(line.words > LOOKUP_WORDS for line in lines)
    fast = thread_marks(lines)
    for line in lines:
        line.marks = 0  # as for lines made elsewhere: the page scan
    slow = thread_marks(lines)
    assert fast == slow
    heads, opener = fast
    texts = [line.text for line in lines]
    assert {texts[i] for i in heads} >= {"Kommentare (3)", "COMMENTS"}
    assert any(texts[i].startswith("12 comments on ") for i in heads)  # a line the scan skips
    assert opener is not None and texts[opener] == "Anna says:"


def test_the_thread_literals_are_all_looked_up() -> None:
    """A name whose literals the index cannot look up would be tried on every line by the
    furniture patterns and never marked: thread_marks would then miss headings."""
    from parallax.segment.lines import _PAGE_EXTRA, _THREAD_NAMES

    assert not page_index(_PAGE_EXTRA).always & _THREAD_NAMES
