"""HTML path: trafilatura's text is cut at a comments heading below the article (the thread it
ran on into becomes the page's comments), and only there."""

from __future__ import annotations

from parallax.segment.htmlpage import cut_at_comments

LEAD = ("The council voted on Tuesday to close the old bridge to cars from March, after "
        "engineers found cracks in two of its supporting piers during the spring inspection.")
MORE = ("Cyclists and pedestrians may still cross while repairs go on, the council said, and "
        "buses will be sent over the new ring road until the work ends next year.")


def test_cut_at_a_comments_heading_moves_the_thread_to_comments() -> None:
    body, below = cut_at_comments([LEAD, MORE, "Comments (2)", "Great piece.",
                                   "About time they fixed it.", "Share this"])
    assert body == [LEAD, MORE]
    assert below == ["Great piece.", "About time they fixed it."]  # "Share this": furniture


def test_no_cut_where_the_words_are_no_thread_heading() -> None:
    for line in ("Comment", "Discussion", "12 comments", "Comments are closed for this story"):
        paragraphs = [LEAD, line, MORE]
        assert cut_at_comments(paragraphs) == (paragraphs, [])
    # above the first prose paragraph it is a link in the header, not the thread's start
    paragraphs = ["Comments", LEAD, MORE]
    assert cut_at_comments(paragraphs) == (paragraphs, [])


def test_an_empty_thread_line_cuts_but_gives_no_comments() -> None:
    body, below = cut_at_comments([LEAD, MORE, "No comments yet.", "Name (required)",
                                   "Mail (will not be published)"])
    assert body == [LEAD, MORE] and below == []


def test_no_cut_that_leaves_too_short_an_article() -> None:
    paragraphs = [LEAD, "Comments", "Great piece."]
    assert cut_at_comments(paragraphs) == (paragraphs, [])


def test_every_empty_thread_wording_cuts() -> None:
    """The cheap first test (``EMPTY_THREAD``) lets through each wording, in any case."""
    for line in ("Comments (0)", "Be the first to comment.", "Noch keine Kommentare",
                 "Комментариев пока нет", "AUCUN COMMENTAIRE", "Sé el primero en comentar",
                 "Leave a Comment"):
        body, below = cut_at_comments([LEAD, MORE, line, "Name (required)"])
        assert (body, below) == ([LEAD, MORE], []), line


PAGE = ("<html><head><title>Bridge closed</title></head><body><h1>Bridge closed</h1>"
        f"<p>{LEAD}</p><p>{MORE}</p>"
        "<div class=\"comments\"><h3>Comments</h3>"
        "<div class=\"comment\"><span class=\"author\">riverwatcher</span>"
        "<p>Good call, the piers looked bad for years.</p></div>"
        "<div class=\"comment\"><p>Buses on the ring road will be slow.</p></div></div>"
        "</body></html>")


def test_a_comment_sections_heading_is_no_reader_comment() -> None:
    from parallax.segment.htmlpage import segment_html

    page = segment_html(PAGE)
    assert "Comments" not in page.comments
    assert page.comments == ["Good call, the piers looked bad for years.",
                             "Buses on the ring road will be slow."]
    assert page.comment_authors[0] == "riverwatcher"
