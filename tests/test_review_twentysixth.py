"""Bugs found reviewing the twenty-sixth session's commits (docs/robustness.md, "Twenty-sixth
session (helper R): review"). Each test failed on the code before its fix. Made-up data only."""

from __future__ import annotations

import html
from pathlib import Path

from fastapi.testclient import TestClient

from parallax.records import Article, Page, Published
from parallax.settings import Config
from parallax.store import open_store
from parallax.titles import shown
from parallax.web.app import create_app


def test_a_title_stored_whole_before_the_cut_is_still_readable_on_its_article_page(
        tmp_path: Path) -> None:
    """a777120 shows a title stored whole before the cut (twenty-fifth session) cut on every
    page. A title cut since then is whole in its text's first paragraph, with a note; one
    stored before has neither, so its article page, the one place that shows a document in
    full, kept no trace of the rest of the title."""
    title = " ".join(f"tollword{n}" for n in range(300))  # 3,489 characters
    text = "A made-up ferry left the harbour of Tollby an hour late, a clerk there said."
    article = Article(id=Article.make_id(title, text), role="main", title=title,
                      outlet="Coast Post", published=Published("2026-05-02", "2026-05-02"),
                      text=text, language="en")
    path = tmp_path / "old.db"
    store = open_store(path)
    store.save_page(Page(input="uploads/old.txt", uri="uploads/old.txt", sha256=f"{2:064x}",
                         kind="text", fetched_at="2026-05-02T08:00:00Z", articles=[article]))
    store.close()
    config = Config()
    config.values.update({"web_rate_per_minute": 0, "web_warm_comparisons": False})
    page = TestClient(create_app(str(path), config)).get(f"/article/{article.id}")
    assert page.status_code == 200
    heading = page.text.split('id="article-title"', 1)[1].split("</h1>", 1)[0]
    assert html.unescape(heading).endswith(shown(title)) and title not in heading  # h1 cut
    assert title in page.text  # and the whole title is on the page, said to be whole
    assert "3,489 characters, stored whole" in page.text
