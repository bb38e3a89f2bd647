"""Article text read as reader comments and comments read as article text in text dumps
(issue 16, eighteenth session): a "Comments" link or a section heading inside the story opens
no thread unless a thread's sign follows it; a thread under a short post opens at its heading
when it has a thread's rhythm; a sidebar's "Recent Comments" widget ends the thread. The text
below is written for these tests."""

from __future__ import annotations

import pytest

from parallax.segment.decoder import Decoder, Segmented
from parallax.segment.lines import LineClassifier, read_lines
from parallax.segment.textdump import segment_text
from parallax.segment.threads import thread_marks

STORY = [
    "The river authority said on Monday that the old weir above the mill town would be taken "
    "down next summer, ending a dispute that has divided anglers and farmers for a decade.",
    "Engineers found that the stone sill had shifted during the spring floods and that repairs "
    "would cost more than removing it, a finding the board accepted without a vote.",
]
MORE = [
    "Farmers downstream had argued that the weir kept the water meadows wet through the dry "
    "months, and several of them told the hearing that their hay yields would fall without it.",
    "Anglers said the opposite: salmon have not been able to climb past the sill since it was "
    "raised in the last century, and the spawning beds upstream have stood empty for years.",
    "The authority promised to monitor the meadows for three seasons after the work and to pay "
    "for new ditches if the ground dries out faster than its hydrologists have predicted.",
    "Work is due to start in July, when the river is at its lowest, and should take about six "
    "weeks, during which the towpath between the two bridges will be closed to walkers.",
]


def main_of(text: str) -> list[str]:
    seg = segment_text(text)
    return next(a for a in seg.articles if a.role == "main").paragraphs


def decode(texts: list[str], main: list[bool]) -> Segmented:
    """The model-guided pass with the line model's main lines given (``main``): the case where
    the model's article block runs on past a comments heading."""
    lines = read_lines("\n".join(texts) + "\n")
    return Decoder(lines, LineClassifier(), main, thread_marks(lines)).run()


@pytest.mark.parametrize("heading", ["Comments", "Discussion", "Comment"])
def test_a_comments_link_inside_the_story_opens_no_thread(heading: str) -> None:
    """A share bar's "Comments" (or a report's "Discussion") between the story's paragraphs,
    with links and no commenter under it, while the line model reads the story on below it:
    the story goes on, nothing is a reader comment."""
    bar = [heading, "Corrections?", "Gallery", "Print edition"]
    texts = ["Weir above the mill town to come down", *STORY, *bar, *MORE, "About us", "Contact"]
    main = [t not in bar and t not in ("About us", "Contact") for t in texts]
    seg = decode(texts, main)
    body = next(a for a in seg.articles if a.role == "main").paragraphs
    assert all(p in body for p in STORY + MORE), body
    assert not seg.comments, seg.comments


def test_a_signed_thread_inside_the_models_block_still_opens() -> None:
    """The same heading with a commenter's name and time under it is a thread, also where the
    line model's block runs on through it (a thread's prose reads like the article's)."""
    readers = ["I fished that stretch as a boy and never saw a salmon above the sill, not once.",
               "The meadows will dry out, mark my words, and nobody will pay for the ditches."]
    texts = ["Weir above the mill town to come down", *STORY, *MORE, "Comments",
             "Tom says:", "March 3, 2012 at 8:15 pm", readers[0],
             "Ruth says:", "March 3, 2012 at 9:40 pm", readers[1]]
    seg = decode(texts, [True] * len(texts))
    said = "\n".join(seg.comments)
    assert all(r in said for r in readers), seg.comments
    body = next(a for a in seg.articles if a.role == "main").paragraphs
    assert all(p in body for p in STORY + MORE) and not any(r in body for r in readers)


def test_a_thread_under_the_story_still_opens_at_its_heading() -> None:
    """The same heading with a commenter's name and time under it is a thread."""
    readers = ["I fished that stretch as a boy and never saw a salmon above the sill.",
               "The meadows will dry out, mark my words, and nobody will pay for ditches."]
    text = "\n".join(["Weir above the mill town to come down", *STORY, *MORE, "Comments",
                      "Tom says:", "March 3, 2012 at 8:15 pm", readers[0], "Reply",
                      "Ruth says:", "March 3, 2012 at 9:40 pm", readers[1], "Reply",
                      "Leave a Reply", "Name *"]) + "\n"
    seg = segment_text(text)
    said = "\n".join(seg.comments)
    assert all(r in said for r in readers), seg.comments
    assert all(p in main_of(text) for p in STORY + MORE)


def test_a_thread_under_a_short_post_is_comments() -> None:
    """A one-line photo post and a counted heading: too little article for the 60-word rule,
    but names, times and words in a thread's rhythm under it."""
    readers = ["What a lovely light on the water, is that the north bridge?",
               "Beautiful. I walked past there last week and the path was flooded.",
               "Great shot, the colours of the willows are just right."]
    lines = ["Evening on the towpath", "Taken last night from the lock gate, no filter.",
             "3 Responses to “Evening on the towpath”"]
    for k, words in enumerate(readers):
        lines += [f"Reader{k} says:", f"May {k + 3}, 2012 at 8:1{k} pm", words]
    lines += ["Leave a Reply", "Name *", "Email *"]
    seg = segment_text("\n".join(lines) + "\n")
    said = "\n".join(seg.comments)
    assert all(r in said for r in readers), seg.comments
    main = next(a for a in seg.articles if a.role == "main").paragraphs
    assert not any(r in main for r in readers), main


def test_a_recent_comments_widget_ends_the_thread() -> None:
    """Below the thread, a sidebar lists the latest comments of the whole blog as "<name> on
    <post title>": those rows are no comments on this page."""
    readers = ["I fished that stretch as a boy and never saw a salmon above the sill.",
               "The meadows will dry out, mark my words, and nobody will pay for ditches."]
    widget = ["Martha Greenwood on Why the lock keeper's cottage should be kept as a museum",
              "Peter Ashdown on Seven walks along the canal that most visitors never find",
              "Liz Harrow on The day the flood reached the market square, remembered forty "
              "years on",
              "Sam Ferris on What the new bridge toll means for people who cross it every day"]
    text = "\n".join(["Weir above the mill town to come down", *STORY, *MORE, "2 Comments",
                      "Tom says:", "March 3, 2012 at 8:15 pm", readers[0],
                      "Ruth says:", "March 3, 2012 at 9:40 pm", readers[1],
                      "Recent Comments", *widget, "Archives", "March 2012"]) + "\n"
    seg = segment_text(text)
    said = "\n".join(seg.comments)
    assert all(r in said for r in readers), seg.comments
    assert not any(w in seg.comments for w in widget), seg.comments
