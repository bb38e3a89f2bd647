"""One made-up article saved as the twenty-fifth session's code stored it (a title kept whole,
no note), shared by the tests of how today's pages show what older code stored."""

from __future__ import annotations

from pathlib import Path

from parallax.records import Article, Page, Published
from parallax.store import Store, open_store


def store_old_article(path: Path, title: str, text: str, sha: int) -> tuple[Store, Article]:
    """The store is left open so a test can add what else the old store held (its stories)."""
    article = Article(id=Article.make_id(title, text), role="main", title=title,
                      outlet="Coast Post", published=Published("2026-05-02", "2026-05-02"),
                      text=text, language="en")
    store = open_store(path)
    store.save_page(Page(input="uploads/old.txt", uri="uploads/old.txt", sha256=f"{sha:064x}",
                         kind="text", fetched_at="2026-05-02T08:00:00Z", articles=[article]))
    return store, article
