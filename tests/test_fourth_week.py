"""What a new user's fourth week needed (docs/robustness.md, twenty-second session): taking a
wrong or corrected document out again, the batch path agreeing with ingest, and labels in
words. All inputs are made up here."""

from __future__ import annotations

import re
from html import escape
from pathlib import Path
from typing import Any

import pytest
from tests.test_render import make_comparison

from parallax.records import Article, Mention, Page, Published


def test_a_possibly_shared_cluster_reads_as_words_on_the_story_page() -> None:
    """A cluster's meta line printed the raw token "possibly_shared"."""
    from parallax.compare.render import render_html_report

    comparison = make_comparison()
    clusters = comparison["claims"]["clusters"]
    clusters[2]["status"] = "possibly_shared"
    comparison["claims"]["exclusive"], comparison["claims"]["possibly_shared"] = [], ["c3"]
    html = render_html_report(comparison)
    meta = [re.sub(r"<[^>]+>", "", line)  # the words shown, not the CSS class
            for line in re.findall(r'<p class="claim-meta">(.*?)</p>', html, re.S)]
    assert meta and not any("possibly_shared" in line for line in meta)
    assert any("possibly stated by other outlets" in line for line in meta)


def test_a_database_lost_while_loading_a_batchs_rejections_is_said_not_a_traceback(
        tmp_path: Path) -> None:
    """The loader saved the batch's rejections outside the failure wrapper its pages have: a
    database lost there was an internal error (a traceback) instead of the store's line."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from parallax.batch.load import load_parquet
    from parallax.batch.schema import REJECTION_SCHEMA
    from parallax.errors import Code, ParallaxError
    from parallax.settings import Config
    from parallax.store.base import open_store

    out = tmp_path / "run1"
    (out / "articles").mkdir(parents=True)
    (out / "rejections").mkdir()
    rows = [{"input": f"export.jsonl#line-{n}", "code": "E009", "reason": "no article found"}
            for n in (2, 5)]
    pq.write_table(pa.Table.from_pylist(rows, schema=REJECTION_SCHEMA),
                   out / "rejections" / "part-0.parquet")
    store = open_store(str(tmp_path / "news.db"))
    real = store.save_rejection
    calls = {"n": 0}

    def flaky(rejection: object) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError("disk went away")
        real(rejection)  # type: ignore[arg-type]

    store.save_rejection = flaky  # type: ignore[method-assign]
    try:
        with pytest.raises(ParallaxError, match="after 0 documents and 1 of the batch's "
                           "rejections were loaded") as caught:
            load_parquet(out, store, Config())
        assert caught.value.code == Code.STORE and "run the same command again" in str(
            caught.value)
    finally:
        store.close()


def _report(n: int, text: str, *, outlet: str | None = None, input: str = "",
            url: str | None = None, entity: str = "Ana Lund") -> Article:
    """A made-up main article naming ``entity`` once."""
    return Article(id=Article.make_id(f"Pier report {n}", text), role="main",
                   title=f"Pier report {n}", outlet=outlet,
                   published=Published("2026-11-0" + str(n), "2026-11-0" + str(n)), text=text,
                   input=input, url=url, language="en",
                   entities=[Mention(entity, 0, len(entity), "PERSON", entity)])


def _save(store: Any, *articles: Article) -> None:
    for a in articles:
        store.save_page(Page(input=a.input, uri=a.url or a.input, sha256="h" + a.id,
                             kind="text", fetched_at="2026-11-07T10:00:00Z", articles=[a]))


def test_the_entity_page_names_outlet_less_articles_as_the_comparison_does(
        db_url: str, tmp_path: Path) -> None:
    """Every outlet-less article was grouped under one "Unknown outlet" and counted as one
    outlet, while the comparison names each by its site or file."""
    from fastapi.testclient import TestClient

    from parallax.compare.overlap import outlet_names
    from parallax.settings import Config
    from parallax.store.base import open_store
    from parallax.web.app import create_app

    articles = [
        _report(1, "Ana Lund opened the pier on Monday.", input="day1/dump0.txt"),
        _report(2, "Ana Lund closed the pier on Tuesday.", input="day2/dump0.txt"),
        _report(3, "Ana Lund spoke at the pier.", input="feed.rss#item-1",
                url="https://www.quill.example/pier"),
        _report(4, "Ana Lund walked the pier.", outlet="Coast Post", input="post.jsonl#line-1")]
    store = open_store(db_url)
    try:
        _save(store, *articles)
        profile = store.entity_profile("Ana Lund")
    finally:
        store.close()
    assert profile is not None
    expected = outlet_names(articles)
    assert {r["id"]: r["outlet_label"] for r in profile["articles"]} == expected
    assert len(set(expected.values())) == 4 and profile["outlet_count"] == 4
    if db_url.startswith("postgres"):
        return
    config = Config()
    config.values["web_rate_per_minute"] = 0
    with TestClient(create_app(db_url, config)) as client:
        page = client.get("/entity/Ana Lund")
    assert page.status_code == 200
    for label in set(expected.values()) - {"Coast Post"}:
        assert escape(label) in page.text
    assert "by 4 outlets" in page.text
