"""Reader comments of text dumps in the shapes real pages give (issue 16): a thread under a
counted or Markdown comments heading, inside or after the line model's article block, with the
comments' buttons and the comment form set aside. The text below is written for these tests."""

from __future__ import annotations

import pytest

from parallax.segment.patterns import comment_furniture, comments_start
from parallax.segment.textdump import segment_text

ARTICLE = [
    "The harbour council voted on Tuesday to rebuild the old pier after two winters of storm "
    "damage had closed it to the fishing boats that still land their catch in the town.",
    "Engineers told the meeting that the timber piles had rotted below the waterline and that "
    "a concrete deck would last three times as long, although it would cost more to build.",
    "Several members asked whether the ferry service could keep running during the works, and "
    "the harbour master said a temporary landing stage would be put up on the north side.",
    "The first contracts are expected to be signed in the spring, and the pier should reopen "
    "before the summer season of the following year if the weather allows the crews to work.",
]
COMMENTS = [
    "About time too, the pier has been falling apart for years and nobody did anything.",
    "I hope they keep the old lamps, they are the best thing about the harbour at night.",
]


def dump(heading: str, markdown: bool) -> str:
    item = "- " if markdown else ""
    lines = ["# Council votes to rebuild the pier" if markdown else
             "Council votes to rebuild the pier", *ARTICLE, heading]
    for k, comment in enumerate(COMMENTS):
        lines += [f"{item}Reader{k} October {k + 3}, 2012 at 8:0{k} pm", comment, f"{item}Reply"]
    lines += ["Leave a Reply", "Name *", "Email *", "Website", "Post Comment",
              "Privacy policy", "Terms of use"]
    return ("\n\n" if markdown else "\n").join(lines) + "\n"


@pytest.mark.parametrize("heading,markdown", [
    ("### 2 Comments", True), ("#### 2 comments:", True), ("2 Responses to “The pier”", False),
    ("{ 2 comments… read them below or add one }", False), ("## Comments (2)", True),
    ("Comments", False)])
def test_thread_under_a_comments_heading_is_comments(heading: str, markdown: bool) -> None:
    seg = segment_text(dump(heading, markdown))
    said = "\n".join(seg.comments)
    for comment in COMMENTS:
        assert comment in said, (heading, seg.comments)
    assert not any(c.strip("- ") == "Reply" for c in seg.comments)
    assert not any(c in ("Name *", "Website", "Privacy policy", "Terms of use")
                   for c in seg.comments)
    main = next(a for a in seg.articles if a.role == "main")
    assert all(p in main.paragraphs for p in ARTICLE)
    assert not any(c in main.paragraphs for c in COMMENTS)


def test_comment_count_in_the_header_does_not_end_the_article() -> None:
    """'- 2 Comments' next to the byline, then share buttons: a link, not the thread."""
    text = "\n\n".join(["## Council votes to rebuild the pier", "- By Ann Example", "- 2 Comments",
                       "- Tweet", "- Email This", *ARTICLE]) + "\n"
    seg = segment_text(text)
    main = next(a for a in seg.articles if a.role == "main")
    assert all(p in main.paragraphs for p in ARTICLE)
    assert not seg.comments


def test_patterns() -> None:
    assert comments_start("### 385 Comments")
    assert comments_start("42 Kommentare")
    assert comments_start("5 thoughts on “A title”")
    assert not comments_start("Posted by X | 2 Comments")
    assert not comments_start("Comments are closed.")
    assert not comments_start("3 comments ago we met")
    assert comment_furniture("- Reply") == "action"
    assert comment_furniture("ReplyDelete") == "action"
    assert comment_furniture("Report abuse") == "action"
    assert comment_furniture("Leave a Reply") == "form"
    assert comment_furniture("Great post, thanks!") is None
