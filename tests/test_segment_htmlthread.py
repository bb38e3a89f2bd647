"""A post's own reader thread, kept by the extractor as article text, ends the article
(``htmlthread.cut_at_thread``, thirtieth session). Pages and words made up."""

from __future__ import annotations

from parallax.segment.blockmarks import CODES, NO_MARKS
from parallax.segment.htmlpage import segment_html
from parallax.segment.htmlthread import cut_at_thread
from parallax.segment.render import Block

THREAD = (CODES["comments"], 0.4, 0.0, 1)
TITLE = "Harbour ferry timetable changes for the winter"
POST = [
    "The harbour authority will run the morning ferry forty minutes later from the first "
    "week of November, the council said on Tuesday, after a survey of regular passengers.",
    "Evening crossings stay as they are, and the night service on Fridays returns in spring "
    "once the new landing stage at the north quay has been inspected and opened.",
]
READERS = [
    "Finally, the early boat was always half empty anyway.",
    "Posted by: gull_watcher at 7:41 PM",
    "Does anyone know whether the bike racks stay on the winter boat?",
    "Posted by: Tamsin at 8:02 PM",
]


def _blocks(post_marks: tuple[int, float, float, int] = NO_MARKS) -> list[Block]:
    return [Block("Home", "li", (CODES["nav"], 0.05, 0.0, 1)), Block(TITLE, "h1"),
            Block("12 November | 2 comments", "p"),
            *[Block(p, "p", post_marks) for p in POST],
            *[Block(r, "p", THREAD) for r in READERS],
            Block("About this site", "p", (CODES["nav"], 0.05, 0.0, 1))]


def test_the_thread_below_the_headlined_post_is_cut() -> None:
    kept, cut = cut_at_thread(TITLE, POST + READERS, (f"{TITLE} | Quay Times", _blocks()))
    assert kept == POST
    assert cut == READERS


def test_the_page_titles_headline_part_anchors_it_too() -> None:
    kept, cut = cut_at_thread("Quay Times", POST + READERS, (f"{TITLE} | Quay Times", _blocks()))
    assert (kept, cut) == (POST, READERS)


def test_no_headline_on_the_page_no_cut() -> None:
    blocks = [b for b in _blocks() if b.text != TITLE]
    assert cut_at_thread(TITLE, POST + READERS, (TITLE, blocks)) == (POST + READERS, [])


def test_a_comment_marked_span_inside_the_article_is_no_thread() -> None:
    # a code sample's "token comment" span: marked, but the article goes on below it
    blocks = _blocks()
    blocks.insert(4, Block("// read the timetable file", "other", THREAD))
    paragraphs = [POST[0], "// read the timetable file", POST[1]]
    assert cut_at_thread(TITLE, paragraphs, (TITLE, blocks)) == (paragraphs, [])


def test_a_short_post_keeps_its_thread() -> None:
    short = ["Ferries run later this winter."]
    blocks = [Block(TITLE, "h1"), Block("12 November", "p"), Block(short[0], "p"),
              *[Block(r, "p", THREAD) for r in READERS]]
    assert cut_at_thread(TITLE, short + READERS, (TITLE, blocks)) == (short + READERS, [])


def test_paragraphs_that_are_no_block_go_with_the_block_above() -> None:
    row = "| Monday | 07:40 | 08:20 |"
    kept, cut = cut_at_thread(TITLE, [POST[0], row, POST[1], READERS[0], "| Tuesday |"],
                              (TITLE, _blocks()))
    assert kept == [POST[0], row, POST[1]]
    assert cut == [READERS[0], "| Tuesday |"]


# a 2000s blog in a layout table: the thread's heading and bodies are named in the markup, and
# no rule before this cut took them out of the article
PAGE = """<html><head><title>{title} | Quay Times</title></head><body><table><tr><td>
<div id="container"><div class="blog"><h2>November 12, 2026</h2><h3>{title}</h3>
{post}
<div class="posted">Posted by Harbour desk at November 12, 2026 5:00 PM</div>
<div class="comments-head">Comments</div>
{readers}
</div></div></td></tr></table></body></html>"""
SAID = [("Finally, the early boat was always half empty anyway.", "gull_watcher", "7:41 PM"),
        ("Does anyone know whether the bike racks stay on the winter boat?", "Tamsin", "8:02 PM"),
        ("The north quay has needed that landing stage for years.", "old salt", "9:15 PM")]


def test_segment_html_ends_the_article_above_the_thread() -> None:
    post = "\n".join(f"<p>{p}</p>" for p in POST)
    readers = "\n".join(
        f"<div class='comments-body'><p>{said}</p><span class='comments-post'>Comment #{k} - "
        f"Posted by: {who} at November 12, 2026 {time}</span></div>"
        for k, (said, who, time) in enumerate(SAID, 1))
    seg = segment_html(PAGE.format(title=TITLE, post=post, readers=readers))
    assert POST[0] in seg.paragraphs and POST[1] in seg.paragraphs
    assert not any(said in p for said, _, _ in SAID for p in seg.paragraphs)
    assert "Comments" not in seg.paragraphs
    # the thread is the page's comments (nothing else found any), without its heading
    assert [said for said, _, _ in SAID] == seg.comments[::2]
