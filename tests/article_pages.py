"""One stored article's web page, for tests that check what the article page says about it:
the store, the app and the request are the same in each, only the article differs."""

from __future__ import annotations

from pathlib import Path

from parallax.records import Article, Page, content_hash
from parallax.settings import Config
from parallax.store import open_store


def article_page(tmp_path: Path, article: Article) -> str:
    """The HTML of ``/article/<id>`` after ``article`` is stored alone in a new database."""
    from fastapi.testclient import TestClient

    from parallax.web.app import create_app

    store = open_store(tmp_path / "news.db")
    store.save_page(Page(input="t", uri="t://x", sha256=content_hash("p"), kind="text",
                         fetched_at="2026-03-03T00:00:00Z", articles=[article]))
    store.close()
    config = Config()
    config.values.update({"web_warm_comparisons": False})
    page = TestClient(create_app(str(tmp_path / "news.db"), config)).get(
        f"/article/{article.id}")
    assert page.status_code == 200
    return page.text
