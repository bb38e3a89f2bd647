"""A short post above a comment form is the article (``htmlpage.cut_at_post_end`` cuts the
form; ``HeuristicSegmenter`` keeps the post, marked low confidence, instead of reading the
visible page or rejecting it: twenty-seventh session, docs/segmentation.md). Made-up pages."""

from __future__ import annotations

from parallax.records import Page, RawDocument
from parallax.segment.heuristic import HeuristicSegmenter
from parallax.segment.htmlpage import cut_at_post_end
from parallax.settings import Config

POST = "A short film about the lighthouse keepers of the northern coast, made by two students."
BLURB = ("Hello, I am Mara and this little corner of the web collects the films, songs and "
         "pictures that made my week a bit brighter, every Friday.")
PAGE = (
    "<html><head><title>Lighthouse keepers | Mara's corner</title></head><body>"
    "<div class='post'><h2>Lighthouse keepers</h2>"
    f"<div class='entry'><p>{POST}</p></div></div>"
    "<p>No comments yet.</p><p>RSS feed for comments on this post.</p>"
    "<form action='/post-comment' method='post'>"
    "<p><input type='text' name='author'/> <label>Name (required)</label></p>"
    "<p><input type='text' name='email'/> <label>Mail (will not be published) (required)</label>"
    "</p><p><input type='text' name='url'/> <label>Website</label></p>"
    "<p><textarea name='comment'></textarea></p>"
    "<p><input name='submit' type='submit' value='Submit Comment'/></p></form>"
    f"<div class='sidebar'><h3>About me</h3><p>{BLURB}</p></div></body></html>")


def _segment(page: str) -> Page:
    doc = RawDocument(uri="p.html", kind="html", text=page, fetched_at="", sha256="0",
                      input="p.html", metadata={})
    return HeuristicSegmenter(Config()).segment(doc)


def test_a_short_post_loses_its_form_but_a_lone_label_keeps_it() -> None:
    form = ["No comments yet.", "Name (required)", "Website", "Submit"]
    assert cut_at_post_end([POST, *form]) == ([POST], form)
    # a label of three words above the form is no post: nothing to stand for the article
    assert cut_at_post_end(["Send to a friend", *form]) == (["Send to a friend", *form], [])


def test_a_short_post_is_the_article_marked_low_confidence() -> None:
    page = _segment(PAGE)
    [main] = [a for a in page.articles if a.role == "main"]
    assert main.text == POST
    assert any(n.startswith("low_confidence: a short post") for n in main.notes)
    assert "Name (required)" not in main.text and "Mara" not in main.text
