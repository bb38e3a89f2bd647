"""Wrong fields a new user saw (eighteenth session, helper U2): an outlet, title or author
written as markup, a script's words in a byline, and the form's bare 413 line.

Every page here is made up."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from parallax.segment.htmlpage import segment_html
from parallax.segment.render import markup_text
from parallax.settings import Config
from parallax.web.app import create_app
from parallax.web.security import hash_token

BODY = (
    "<p>The old harbour crane went back to work on Tuesday after eight months of repairs, the "
    "port office said in a short note to residents.</p>"
    "<p>Workers replaced the cables and the cabin, and painted the frame in its original "
    "green, a spokesperson for the port office explained.</p>"
    "<p>The crane will lift small boats out of the water for the winter from next week, and "
    "the port expects a busy season.</p>")


def _page(head: str = "", byline: str = "", after: str = "",
          title: str = "Harbour crane returns") -> str:
    return (f"<html><head><title>{title}</title>{head}</head><body><article>"
            f"<h1>Harbour crane returns</h1>{byline}{BODY}</article>{after}</body></html>")


@pytest.mark.parametrize(("meta", "outlet"), [
    ('<meta property="og:site_name" content="&lt;b&gt;Daily&lt;/b&gt; Post">', "Daily Post"),
    # the same tags escaped once more: they were title-cased into '≪B≫Daily≪/B≫ Post'
    ('<meta property="og:site_name" content="&amp;lt;b&amp;gt;Daily&amp;lt;/b&amp;gt; Post">',
     "Daily Post"),
    ('<meta name="publisher" content="&lt;i&gt;Daily&lt;/i&gt; &lt;script&gt;go()&lt;/script&gt;'
     'Post">', "Daily Post"),
    ('<meta property="og:site_name" content="&quot;&gt;&lt;img src=x onerror=go(1)&gt;Quay '
     '&lt;b&gt;Post&lt;/b&gt;">', "Quay Post"),
    # nothing textual left: no outlet rather than the tags
    ('<meta property="og:site_name" content="&lt;script&gt;go(1)&lt;/script&gt;">', None),
    ('<meta property="og:site_name" content="&lt;img src=x onerror=go(1)&gt;">', None),
])
def test_an_outlet_written_as_markup_is_its_text_or_none(meta: str, outlet: str | None) -> None:
    assert segment_html(_page(meta)).outlet == outlet


@pytest.mark.parametrize("head", [
    '<meta name="author" content="Mira &lt;script&gt;go(2)&lt;/script&gt; Tal">',
    '<meta property="article:author" content="Mira &lt;style&gt;p{color:red}&lt;/style&gt; Tal">',
])
def test_a_script_in_an_author_meta_is_no_part_of_the_name(head: str) -> None:
    assert segment_html(_page(head)).author == "Mira Tal"


@pytest.mark.parametrize("code", ["<script>go(4)</script>", "<noscript>turn on scripts</noscript>"])
def test_a_script_in_a_byline_element_is_no_part_of_the_name(code: str) -> None:
    byline = f'<p class="byline">By <span class="author">Mira {code} Tal</span></p>'
    assert segment_html(_page(byline=byline)).author == "Mira Tal"


@pytest.mark.parametrize(("head", "title"), [
    ('<meta property="og:title" content="Harbour &lt;i&gt;crane&lt;/i&gt; returns '
     '&lt;script&gt;go()&lt;/script&gt;">', "Harbour crane returns"),
    ('<meta name="title" content="&lt;script&gt;go()&lt;/script&gt;Harbour crane returns">',
     "Harbour crane returns"),
])
def test_a_title_written_as_markup_is_its_text(head: str, title: str) -> None:
    assert segment_html(_page(head)).title == title


def test_a_script_written_in_the_title_element_is_not_the_title() -> None:
    page = _page(title="Harbour <script>go()</script> crane returns").replace(
        "<h1>Harbour crane returns</h1>", "")
    assert segment_html(page).title == "Harbour crane returns"


def test_a_teasers_fields_hold_no_script_or_style() -> None:
    related = ('<aside class="related"><ul><li><a href="/a">Ferry fares rise '
               '<script>track()</script>again</a><span class="source">Daily '
               '<style>.x{}</style>Post</span></li><li><a href="/b">Dyke repairs</a></li>'
               '</ul></aside>')
    teasers = segment_html(_page(after=related)).related
    assert [(t.title, t.outlet) for t in teasers] == [
        ("Ferry fares rise again", "Daily Post"), ("Dyke repairs", None)]


def test_a_byline_dates_words_hold_no_script() -> None:
    byline = '<p class="byline">Monday <script>var shown = 1;</script>9 March 2026</p>'
    assert segment_html(_page(byline=byline)).published == "Monday 9 March 2026"


def test_text_without_tags_is_left_as_it_is() -> None:
    for text in ("Smith & Sons Gazette", "A < B weekly", "Fish &amp; Chips", None, ""):
        assert markup_text(text) == text


TOKEN = "made-up-token-for-the-limit"


def test_a_too_large_upload_gets_the_apps_error_page_with_the_limit(tmp_path: Path) -> None:
    config = Config()
    config.values.update({"web_rate_per_minute": 0, "web_max_body_bytes": 2000})
    client = TestClient(create_app(str(tmp_path / "s.db"), config,
                                   comparison_for=lambda s, i: {},
                                   token_hash=hash_token(TOKEN)))
    page = client.post("/ingest", data={"token": TOKEN},
                       files={"files": ("big.txt", b"x" * 5000)})
    assert page.status_code == 413
    assert page.headers["content-type"].startswith("text/html")
    assert "Upload too large" in page.text and "0.002 MB" in page.text
    assert "parallax ingest" in page.text and 'href="/"' in page.text
    # the API keeps its JSON answer, with the same advice
    api = client.post("/api/ingest", files={"files": ("big.txt", b"x" * 5000)},
                      headers={"Authorization": f"Bearer {TOKEN}"})
    assert api.status_code == 413 and "0.002 MB" in api.json()["detail"]


@pytest.mark.parametrize(("text", "name"), [
    # the small English model reads these as "<given> von der" and an ORG / PERSON "<Surname>"
    ("European Commission President Greta von der Weyen, NATO's chief and the heads of three "
     "states joined the talks.", "Greta von der Weyen"),
    ("European Commission President Maren von der Leyde, NATO's chief and the heads of three "
     "states joined the talks.", "Maren von der Leyde"),
    # ... and this one as "Ilse von der" with no surname at all
    ("European Commission President Ilse von der Brake, NATO's chief and the heads of three "
     "states joined the talks.", "Ilse von der Brake"),
])
def test_a_name_with_von_der_is_one_person(text: str, name: str) -> None:
    from parallax.enrich.ner import make_multilingual
    from parallax.enrich.sentences import split_sentences
    from parallax.records import Article, Published

    article = Article(id="x", role="related", title="", outlet=None, published=Published(),
                      text=text, language="en")
    article.sentences = split_sentences(text)
    make_multilingual(Config()).annotate(article)
    people = [(m.text, m.type) for m in article.entities if "von" in m.text
              or m.text in name.split()]
    assert people == [(name, "PERSON")]
