"""Reader comments in the shapes people paste them: a commenter's name on a line of its own
ending in a colon, and "Name: words" on one line. All pages are made up."""

from __future__ import annotations

from parallax.segment.textdump import segment_text

ARTICLE = [
    "Commuters on the island of Marrow Holm say the new winter timetable leaves them stranded "
    "after evening shifts on the mainland.",
    "The operator cut the last crossing from 23:10 to 21:40 from the start of December, citing "
    "falling passenger numbers after the summer season.",
    "A council member said he would raise the matter at the next meeting and ask the operator "
    "to publish its passenger figures for the whole year.",
]
HEAD = ["Home | News | Sport | Weather", "Ferry timetable changes anger island commuters"]
READERS = [("Marianne", "We have been asking for a later boat for years, this makes it worse."),
           ("Jonas B.", "The figures were always going to be low in November, nobody travels."),
           ("kestrel_9", "Will the weekend sailings change too?")]


def _blocks(blocks: list[str]) -> str:
    return "\n\n".join(blocks) + "\n"


def test_a_name_line_ending_in_a_colon_is_the_comment_author() -> None:
    thread = [f"{name}:\n{words}" for name, words in READERS]
    seg = segment_text(_blocks(HEAD + ARTICLE + ["Comments (3)", *thread, "Leave a comment"]))
    assert seg.comments == [words for _, words in READERS]
    assert seg.comment_authors == [name for name, _ in READERS]
    main = next(d for d in seg.articles if d.role == "main")
    assert main.paragraphs == ARTICLE


def test_a_label_with_a_colon_is_no_author() -> None:
    """A forum's "Quote:" above the words quoted is the comment's, not a commenter."""
    thread = ["Marianne:\nWe have been asking for a later boat for years, this makes it worse.",
              "Quote:\nThe figures were always going to be low in November, nobody travels."]
    seg = segment_text(_blocks(HEAD + ARTICLE + ["Comments (2)", *thread]))
    assert seg.comment_authors[0] == "Marianne"
    assert "Quote" not in seg.comment_authors


def test_name_and_words_on_one_line_stay_one_comment_without_an_author() -> None:
    """On real pages the words before such a colon are as often a label, an addressee or a
    speaker in a quoted dialogue as the commenter (docs/segmentation.md, twentieth session), so
    the line is kept whole and no author is claimed."""
    thread = [f"{name}: {words}" for name, words in READERS]
    for sep in ("\n\n", "\n"):
        seg = segment_text(sep.join(HEAD + ARTICLE + ["Reader comments", *thread]) + "\n")
        assert seg.comments == thread
        assert seg.comment_authors == [None, None, None]
