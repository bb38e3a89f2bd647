"""A record with no date of its own is dated by the full day its URL states (issue 18), marked
as read from the URL; a stated date is never replaced, and an address without a whole, valid
day gives nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from parallax.compare.render import published_text
from parallax.ingest import read_inputs
from parallax.records import RawDocument
from parallax.segment.dates import from_url, url_date
from parallax.segment.heuristic import HeuristicSegmenter
from parallax.settings import Config

BODY = ("The harbour council voted on Tuesday to rebuild the northern pier after the storm, "
        "and the works are to start in spring. ") * 4


@pytest.mark.parametrize(("url", "day"), [
    ("https://news.example/politics/2019/03/14/council-votes", "2019-03-14"),
    ("https://news.example/2019/3/4/a-story.html", "2019-03-04"),
    ("https://news.example/local/2019-03-14-council-votes", "2019-03-14"),
    ("https://news.example/local/2019/03/14", "2019-03-14"),
    # the same day twice is one day
    ("https://news.example/2019/03/14/archive/2019-03-14/x", "2019-03-14"),
])
def test_a_full_day_in_the_path_is_read(url: str, day: str) -> None:
    found = url_date(url)
    assert found is not None and found[0] == day


@pytest.mark.parametrize("url", [
    None, "", "not a url", "https://news.example/",
    "https://news.example/politics/2019/03/council-votes",  # a month is not a day
    "https://news.example/2019/02/30/no-such-day",
    "https://news.example/2019/13/01/no-such-month",
    "https://news.example/story?date=2019/03/14/",  # the query is not the address
    "https://news.example/story#2019/03/14/",
    "https://news.example/story-20190314-id",  # eight digits: ids look the same
    "https://news.example/item/12019/03/14/x",  # not a year between delimiters
    "https://news.example/1850/03/14/x",  # not a news year
    "https://news.example/2019/03/14/then/2019/03/15/",  # two days: ambiguous
    "http://[::1/2019/03/14/",  # malformed
])
def test_no_full_day_gives_nothing(url: str | None) -> None:
    assert url_date(url) is None
    assert from_url(url) is None


def _records(tmp_path: Path, *rows: dict[str, str]) -> list[RawDocument]:
    path = tmp_path / "x.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    items = list(read_inputs([str(path)], Config()))
    assert all(isinstance(i, RawDocument) for i in items)
    return items  # type: ignore[return-value]


def test_jsonl_record_without_a_date_takes_its_urls_day(tmp_path: Path) -> None:
    url = "https://news.example/local/2019/03/14/pier"
    (doc,) = _records(tmp_path, {"url": url, "title": "Pier", "text": BODY})
    assert doc.metadata["published_iso"] == "2019-03-14"
    assert doc.metadata["published_text"] == "in the URL: /2019/03/14"
    (article,) = HeuristicSegmenter(Config()).segment(doc).articles
    assert article.published.iso == "2019-03-14"
    # what the JSON contract carries and what the story page prints: the source is shown
    shown = published_text({"text": article.published.text, "iso": article.published.iso})
    assert shown == "in the URL: /2019/03/14 (2019-03-14)"


def test_a_stated_date_is_never_replaced_by_the_urls(tmp_path: Path) -> None:
    url = "https://news.example/local/2019/03/14/pier"
    stated, relative, plain = _records(
        tmp_path, {"url": url, "title": "Pier", "text": BODY, "published": "2019-03-15"},
        {"url": url, "title": "Pier", "text": BODY, "published": "4 hours ago"},
        {"url": "https://news.example/local/pier", "title": "Pier", "text": BODY})
    assert (stated.metadata["published_text"], stated.metadata["published_iso"]) == (
        "2019-03-15", "2019-03-15")
    # a relative time in a file has no day (no fetch time): unknown, not the URL's, not "now",
    # and not the text itself as if it were ISO
    assert relative.metadata["published_text"] == "4 hours ago"
    assert relative.metadata["published_iso"] is None
    (article,) = HeuristicSegmenter(Config()).segment(relative).articles
    assert article.published.iso is None
    assert plain.metadata["published_iso"] is None and plain.metadata["published_text"] is None


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Coastal Wire</title><link>https://coastal.example/</link>
<item><title>Pier</title><link>https://coastal.example/2026/03/02/pier</link>
<description>The harbour council voted to rebuild the pier.</description></item>
<item><title>Strike</title><link>https://coastal.example/2026/03/02/strike</link>
<pubDate>Tue, 03 Mar 2026 09:00:00 GMT</pubDate>
<description>Dock workers ended their strike.</description></item>
</channel></rss>"""


def test_feed_item_without_a_date_takes_its_links_day(tmp_path: Path) -> None:
    path = tmp_path / "wire.rss"
    path.write_text(RSS, encoding="utf-8")
    undated, dated = read_inputs([str(path)], Config())
    assert isinstance(undated, RawDocument) and isinstance(dated, RawDocument)
    assert undated.metadata["published_iso"] == "2026-03-02"
    assert undated.metadata["published_text"] == "in the URL: /2026/03/02"
    assert dated.metadata["published_iso"] == "2026-03-03T09:00:00+00:00"


def test_html_page_without_a_date_is_dated_by_its_canonical_url_already() -> None:
    """The HTML path (pages, WARC records, fetched URLs) had this before: trafilatura's date
    search (htmldate) reads the canonical address's day when the markup shows no date, so
    ingest does not add a second reader; a date in the markup wins."""
    head = '<link rel="canonical" href="https://news.example/local/2019/03/14/pier">'
    page = (f"<html><head><title>Pier</title>{head}</head><body><article><h1>Pier</h1>"
            f"<p>{BODY}</p><p>{BODY}</p></article></body></html>")
    doc = RawDocument(uri="pier.html", kind="html", text=page, fetched_at="", sha256="x",
                      metadata={})
    (article,) = [a for a in HeuristicSegmenter(Config()).segment(doc).articles
                  if a.role == "main"]
    assert article.published.iso == "2019-03-14"
    marked = page.replace("</head>", '<meta property="article:published_time" '
                          'content="2019-03-15T08:00:00Z"></head>')
    doc = RawDocument(uri="pier.html", kind="html", text=marked, fetched_at="", sha256="x",
                      metadata={})
    (article,) = [a for a in HeuristicSegmenter(Config()).segment(doc).articles
                  if a.role == "main"]
    assert article.published.iso is not None and article.published.iso.startswith("2019-03-15")
