"""A page's author and date are what the article states: never a comment form's label, a
reader comment's time, or the words beside a date; its comments hold readers' words, not a
menu, a script or a form (made-up pages; the real pages behind each case are counted in
docs/segmentation.md, "Seventeenth session (helper F)")."""

from __future__ import annotations

from parallax.segment.dates import date_alone
from parallax.segment.htmlpage import segment_html

BODY = """<p>The ferry operator said on Monday that the northern route would reopen after a
month of repairs to the landing stage, which was damaged in the autumn storms.</p>
<p>Passengers had used a bus link between the two harbours since October, and local shops
said trade on the island fell by a third while the crossing was closed to cars.</p>
<p>The council thanked residents for their patience and said a second landing stage would be
built next year so that one storm can no longer stop every crossing.</p>"""


def _page(header: str = "", after: str = "") -> str:
    return (f"<html><head><title>Ferry route reopens</title></head><body><article>"
            f"<h1>Ferry route reopens</h1>{header}{BODY}</article>{after}</body></html>")


COMMENT_FORM = """<div id="respond"><h3>Leave a Reply</h3>
<form action="/post-comment" method="post" id="commentform">
<p class="comment-form-author"><label for="author">Name</label>
<input id="author" name="author" type="text"></p>
<p class="comment-form-email"><label for="email">Email</label>
<input id="email" name="email" type="text"></p>
<textarea name="comment"></textarea></form></div>"""


def test_a_comment_forms_label_is_no_author() -> None:
    assert segment_html(_page(after=COMMENT_FORM)).author is None


def test_an_author_outside_the_form_is_kept() -> None:
    header = '<p class="author">Mara Lindqvist</p>'
    assert segment_html(_page(header, COMMENT_FORM)).author == "Mara Lindqvist"


def test_a_time_of_blocks_reads_with_spaces() -> None:
    header = ('<header><time datetime="2026-05-04T09:44:00-04:00"><div>4</div><div>May</div>'
              '<div>2026</div><div>9:44am, EDT</div></time></header>')
    assert segment_html(_page(header)).published == "4 May 2026 9:44am, EDT"


COMMENTS = """<ol class="commentlist"><li class="comment" id="comment-7">
<div class="comment-meta"><cite>Oskar Brandt</cite> Tuesday, May 12 2026</div>
<p>Good to hear the crossing is back, the bus took forever.</p></li></ol>"""


def test_a_reader_comments_time_is_not_the_articles() -> None:
    published = segment_html(_page(after=COMMENTS)).published
    assert published is None or ("Oskar" not in published and "May 12" not in published)


def test_a_byline_date_is_the_date_alone() -> None:
    header = '<div class="entry-meta">by Mara Lindqvist on May 4, 2026</div>'
    assert segment_html(_page(header, COMMENTS)).published == "May 4, 2026"


def test_a_datetime_that_is_no_date_is_no_iso() -> None:
    header = '<time datetime="2026/05/04 1:48:23 PM"></time>'
    assert segment_html(_page(header)).published_iso is None


def test_date_alone_keeps_weekday_and_clock_only() -> None:
    assert date_alone("Oskar Brandt Tuesday, May 12 2026") == "Tuesday, May 12 2026"
    assert date_alone("12 May 2026 at 9:15 am PST by Oskar") == "12 May 2026 at 9:15 am PST"
    assert date_alone("Published: 2026-05-12") == "2026-05-12"
    assert date_alone("04.05.2026 à 13h36") == "04.05.2026 à 13h36"
    assert date_alone("3 hours ago") == "3 hours ago"


READER = """<div class="comment-item"><cite>Oskar Brandt</cite>
<p>Good to hear the crossing is back, the bus took forever.</p></div>
<div class="comment-item"><cite>Ines Varga</cite>
<p>Will the cars queue on the pier again in the summer?</p></div>"""
HEADER_BOX = """<div class="site-conversations header-v2">
<div class="strip"><a href="/jobs">Jobs</a> <a href="/homes">Homes</a> <a href="/cars">Cars</a>
<a href="/paper">Today's Paper</a> <a href="/video">Videos</a> <a href="/events">Events</a></div>
<div class="strip"><a href="/ask">Ask the desk</a> Talking with our readers
<script>showAd('banner_top', false, {slot: 3});</script></div></div>"""
FORM_BOX = """<div class="comments-area">
<div class="field"><label>Name</label> <input type="text" name="who"></div>
<div class="field"><label>Email (never shown)</label> <input type="text" name="mail"></div>
<div class="field">Your comment <textarea name="text"></textarea></div></div>"""


def test_a_menu_or_a_script_is_no_comment() -> None:
    assert segment_html(_page(after=HEADER_BOX)).comments == []


def test_a_comment_forms_fields_are_no_comments() -> None:
    assert segment_html(_page(after=FORM_BOX)).comments == []


def test_reader_comments_beside_them_are_kept() -> None:
    page = _page(after=f'{HEADER_BOX}{FORM_BOX}<div class="comments">{READER}</div>')
    assert segment_html(page).comments == [
        "Good to hear the crossing is back, the bus took forever.",
        "Will the cars queue on the pier again in the summer?"]


def test_the_pages_time_of_the_shown_day_is_kept() -> None:
    from parallax.ingest.sources import from_text
    from parallax.segment.heuristic import HeuristicSegmenter
    from parallax.settings import Config

    header = ('<header><time datetime="2026-05-04T09:44:00-04:00"><div>4</div><div>May</div>'
              '<div>2026</div><div>9:44am, EDT</div></time></header>')
    page = _page(header)
    doc = next(iter(from_text(page, "html", uri="p.html", given="p.html", config=Config(),
                              raw=page.encode())))
    published = HeuristicSegmenter(Config()).segment(doc).articles[0].published
    assert (published.text, published.iso) == ("4 May 2026 9:44am, EDT",
                                                "2026-05-04T09:44:00-04:00")
