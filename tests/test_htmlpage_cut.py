"""HTML path: trafilatura's text is cut at a comments heading below the article (the thread it
ran on into becomes the page's comments), and only there; a comment form's field labels end the
article too (``cut_at_post_end``), even under a post too short for the comments cut when the post
holds a sentence's worth of words."""

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


POST = ("Our little harbour choir sang on the old pier last night, and the gulls joined in "
        "for the chorus.")
POST_MORE = ("Forty people came despite the rain; the ferry waited ten minutes so its crew could "
             "hear the last song, and the choir will sing there again on the first Friday of "
             "every month until the autumn storms begin.")
FORM_PAGE = (
    "<html><head><title>Pier song | Harbour Notes</title></head><body>"
    f"<h2>Pier song</h2><p>{POST}</p><p>{POST_MORE}</p>"
    "<p>RSS feed for comments on this post.</p><h3 id='respond'>Leave a Reply</h3>"
    "<form action='/post-comment' method='post'>"
    "<p><input type='text' name='author'/> <label>Name (required)</label></p>"
    "<p><input type='text' name='email'/> <label>Mail (will not be published) (required)</label>"
    "</p><p><input type='text' name='url'/> <label>Website</label></p>"
    "<p><textarea name='comment'></textarea></p>"
    "<p><input name='submit' type='submit' value='Submit Comment'/></p></form>"
    "<p>Harbour Notes is a blog about small boats, written since 2009 by the choir's "
    "secretary.</p></body></html>")


def test_a_short_posts_comment_form_and_what_follows_leave_the_article() -> None:
    from parallax.segment.htmlpage import segment_html

    page = segment_html(FORM_PAGE)
    assert page.paragraphs == [POST, POST_MORE]
    dropped = [b.text for b in page.boilerplate if b.kind == "post_end"]
    assert "RSS feed for comments on this post." in dropped and "Leave a Reply" in dropped


def test_a_short_post_loses_its_form_unless_it_is_only_a_label() -> None:
    """A short post with a sentence's worth of words stands (the segmenter keeps it, marked low
    confidence: ``tests/test_html_short_post.py``); a page with only a label or two above the
    form has no post to stand for the article, and keeps its form."""
    from parallax.segment.htmlpage import cut_at_post_end

    form = ["No comments yet.", "Name (required)", "Website", "Submit"]
    assert cut_at_post_end([POST, *form]) == ([POST], form)
    assert cut_at_post_end(["Share", "Print page", *form]) == (["Share", "Print page", *form], [])


def test_a_form_inside_the_page_goes_alone_when_the_article_goes_on_below() -> None:
    from parallax.segment.htmlpage import cut_at_post_end

    long_tail = " ".join([MORE, LEAD])  # 60 words of prose below the form
    body, form = cut_at_post_end([LEAD, "Your name:", "Your e-mail:", "Submit", long_tail])
    assert (body, form) == ([LEAD, long_tail], ["Your name:", "Your e-mail:", "Submit"])


def test_no_cut_for_a_lone_label_or_label_words_in_a_sentence() -> None:
    from parallax.segment.htmlpage import cut_at_post_end

    for paragraphs in (
            [LEAD, "Website", MORE, "Share this"],
            [LEAD, "Entries for the race close on Friday; the name (required) and an "
                   "e-mail address (required) go on the form at the club.", MORE],
            ["Name (required)", "Website", LEAD],  # the first line is never cut
            [LEAD, "12", "5 points", MORE]):  # numbers are no labels
        assert cut_at_post_end(paragraphs) == (paragraphs, []), paragraphs


def test_a_platforms_end_of_post_line_ends_the_post_but_not_above_it() -> None:
    from parallax.segment.htmlpage import cut_at_post_end

    feed = "You can follow any responses to this entry through the RSS 2.0 feed."
    assert cut_at_post_end([LEAD, MORE, feed, "Next post: Gulls on the pier"]) == \
        ([LEAD, MORE], [feed, "Next post: Gulls on the pier"])
    # a neighbour's link above the post: only the link goes, the post below stays
    long_post = " ".join([MORE, LEAD])
    assert cut_at_post_end(["Harbour Notes", "Previous post: Choir news", long_post]) == \
        (["Harbour Notes", long_post], ["Previous post: Choir news"])
