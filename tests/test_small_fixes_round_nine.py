"""The small things this session's helpers left (docs/robustness.md, thirty-first session,
helper N9). Each test here failed before its fix. All inputs are made up here."""

from __future__ import annotations

from parallax.records import Article, Page, Published, Rejection
from parallax.runner import delete
from parallax.settings import Config
from parallax.store import open_store


def _page(n: int, input_: str) -> Page:
    text = f"The made-up lighthouse number {n} at Carrow Point was relit on a calm evening."
    title = f"Lighthouse {n} relit"
    article = Article(id=Article.make_id(title, text), role="main", title=title,
                      outlet="Carrow Courier", published=Published("2026-05-02", "2026-05-02"),
                      text=text, language="en")
    return Page(input=input_, uri=input_, sha256=f"{n:064x}", kind="jsonl",
                fetched_at="2026-05-02T08:00:00Z", articles=[article])


def test_deleting_a_source_forgets_its_rejections(db_url: str) -> None:
    """The front page listed a deleted source's rejections as if the source were stored."""
    store = open_store(db_url)
    try:
        store.save_page(_page(1, "crawl/export.jsonl#line-1"))
        for name in ("crawl/export.jsonl#line-2", "crawl/export.jsonl", "crawl/export.jsonl2",
                     "other.jsonl#line-4", "crawl/feed.xml#item-3"):
            store.save_rejection(Rejection(name, "made-up reason", "E002"))
        done = delete(store, Config(), [("crawl/export.jsonl", True)])
        assert [r["status"] for r in done.rows] == ["deleted"]
        assert len(done.removed.documents) == 1
        assert sorted(r["input"] for r in store.rejections()) == [
            "crawl/export.jsonl2", "crawl/feed.xml#item-3", "other.jsonl#line-4"]
        # a folder takes its files' rejections; a source with only rejections is deleted
        done = delete(store, Config(), [("crawl", True), ("other.jsonl", True)])
        assert [r["status"] for r in done.rows] == ["deleted", "deleted"]
        assert "1 rejection" in done.rows[1]["reason"]
        assert store.rejections() == []
        # nothing left from it: not found, as before
        done = delete(store, Config(), [("other.jsonl", True)])
        assert [r["status"] for r in done.rows] == ["not_found"]
    finally:
        store.close()


def test_deleting_an_article_with_its_sources_forgets_their_rejections(db_url: str) -> None:
    """The web page's and the API's "every version from its source" delete takes the sources
    as ``--source`` does, rejections included; an article alone leaves them."""
    store = open_store(db_url)
    try:
        page = _page(2, "harbour.jsonl")
        store.save_page(page)
        store.save_rejection(Rejection("harbour.jsonl#line-9", "made-up reason", "E002"))
        delete(store, Config(), [(page.articles[0].id, False)])
        assert [r["input"] for r in store.rejections()] == ["harbour.jsonl#line-9"]
        store.save_page(page)
        delete(store, Config(), [(page.articles[0].id, False)], every_version=True)
        assert store.rejections() == []
    finally:
        store.close()
