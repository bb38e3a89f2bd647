from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import AGGREGATOR_DUMP, APPEAL_WITH_COMMENTS

from parallax.errors import InputRejected
from parallax.ingest.sources import read_file
from parallax.records import RawDocument
from parallax.segment.dates import resolve
from parallax.segment.heuristic import HeuristicSegmenter
from parallax.segment.htmlpage import segment_html
from parallax.segment.textdump import segment_text
from parallax.settings import Config


def test_aggregator_dump_splits_main_related_and_boilerplate() -> None:
    seg = segment_text(AGGREGATOR_DUMP)
    main, related = seg.articles
    assert main.role == "main" and main.title == "Harbour strike enters second week"
    assert main.outlet == "Coastal Wire" and main.published == "3 hours ago"
    assert len(main.paragraphs) == 3
    assert related.role == "related" and related.title == "Ferry operators cancel weekend sailings"
    assert related.outlet == "Coastal Wire" and related.published == "2 hours ago"
    assert related.paragraphs == [
        "Two ferry operators cancelled all weekend sailings between Marlow and the islands "
        "because of the strike, stranding about 3,000 passengers."]
    kinds = {b.kind for b in seg.boilerplate}
    assert {"logo", "promo", "empty_comment_box", "app_download", "related_heading"} <= kinds
    assert not seg.comments
    body = " ".join(main.paragraphs)
    assert "DOWNLOAD" not in body and "AI Features" not in body


def test_donation_appeal_is_boilerplate_and_comments_follow() -> None:
    seg = segment_text(APPEAL_WITH_COMMENTS)
    assert len(seg.articles) == 1
    main = seg.articles[0]
    assert main.title == "Rail tender awarded amid protests"
    assert len(main.paragraphs) == 2
    assert [b.kind for b in seg.boilerplate] == ["donation_appeal"] * 3
    assert len(seg.comments) == 3 and seg.comments[0].startswith("Das war doch klar")


def test_text_without_title_gets_inferred_title() -> None:
    text = ("The river reached its highest level in forty years on Sunday. " * 5).strip()
    seg = segment_text(text + "\n\nSecond paragraph with more words about the flood and the "
                       "evacuation of the old town.")
    assert seg.articles[0].title_inferred
    assert seg.articles[0].title.startswith("The river reached")


def test_html_page_extracts_article_comments_and_furniture() -> None:
    page = """<!doctype html><html lang="en"><head><title>Bridge reopens | Lakeside Post</title>
    <meta property="og:site_name" content="Lakeside Post">
    <meta name="author" content="Ana Costa">
    <meta property="article:published_time" content="2026-03-02T10:00:00+01:00"></head>
    <body><header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
    <div class="cookie-banner">We use cookies to improve your experience. Accept all</div>
    <main><article><h1>Bridge reopens after two years of repairs</h1>
    <p>The old stone bridge over the Lenne reopened on Monday after two years of repairs
    that cost 14 million euros, the city council said in a statement.</p>
    <p>Mayor Ines Berg said the bridge would carry up to 9,000 cars a day and called the
    reopening a relief for commuters who had faced long detours since 2024.</p>
    <figure><img src="b.jpg" alt="">
    <figcaption>The bridge on Monday. Photo: city</figcaption></figure>
    <p>Engineers will inspect the structure again next spring, according to the council.</p>
    </article>
    <section class="comments"><div class="comment"><p>Finally! My commute is saved.</p></div>
    <div class="comment"><p>Endlich wieder offen, danke an alle Arbeiter.</p></div></section>
    </main><footer>Imprint · Privacy</footer></body></html>"""
    seg = segment_html(page)
    assert seg.title.startswith("Bridge reopens")
    assert seg.outlet == "Lakeside Post"
    assert seg.published == "2026-03-02T10:00:00+01:00"
    assert any("14 million euros" in p for p in seg.paragraphs)
    assert not any("cookies" in p for p in seg.paragraphs)
    kinds = {b.kind for b in seg.boilerplate}
    assert {"navigation", "cookie_notice", "image_caption", "footer"} <= kinds
    assert any("commute" in c for c in seg.comments)


def test_relative_times_resolve_only_with_a_fetch_time() -> None:
    assert resolve("4 hours ago").iso is None
    assert resolve("4 hours ago", now="2026-10-20T12:00:00+00:00").iso == \
        "2026-10-20T08:00:00+00:00"
    assert resolve("Nordblick · 26.10.2026").iso == "2026-10-26"
    assert resolve("October 16, 2026").iso == "2026-10-16"
    assert resolve("16. Oktober 2026").iso == "2026-10-16"


def test_segmenter_rejects_pages_without_article(config: Config) -> None:
    doc = RawDocument(uri="x.txt", kind="text", text="logo\nDOWNLOAD THE APP\n", fetched_at="",
                      sha256="0", input="x.txt")
    with pytest.raises(InputRejected) as info:
        HeuristicSegmenter(config).segment(doc)
    assert "no article found" in info.value.reason


def test_seeds_segment_as_expected(seeds: list[Path], config: Config) -> None:
    by_name = {p.name: p for p in seeds}
    pages = {}
    for name, path in by_name.items():
        (doc,) = list(read_file(path, config, given=str(path)))
        assert isinstance(doc, RawDocument)
        pages[name] = HeuristicSegmenter(config).segment(doc)
    aggregator = pages["000_50b908057a7b8d34.txt"]
    roles = [a.role for a in aggregator.articles]
    assert roles[0] == "main" and roles.count("related") >= 2
    assert aggregator.articles[0].outlet == "Russia Today"
    assert aggregator.articles[0].published.text == "4 hours ago"
    assert "app_download" in {b.kind for b in aggregator.boilerplate}
    assert "empty_comment_box" in {b.kind for b in aggregator.boilerplate}
    western = pages["004_fc93b3b7c3e75832.txt"]
    assert len(western.articles) == 1
    assert "donation_appeal" in {b.kind for b in western.boilerplate}
    assert len(western.comments) >= 15
    assert not any("your support" in a.text for a in western.articles)
