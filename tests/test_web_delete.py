"""Deleting a document from the web UI: the article page's button leads to a page that asks
first (GET, which changes nothing), whose form sends the token (POST); the answer says what
went and which story was made again, and the id then answers 404. All text is made up."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from parallax.records import Article, Comment, Page, Published, Story
from parallax.settings import Config
from parallax.store import open_store
from parallax.stories.profile import profile_of
from parallax.web.app import create_app
from parallax.web.security import hash_token

TOKEN = "made-up-token-for-tests"
HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'


def _article(title: str, outlet: str, role: str = "main") -> Article:
    text = f"{title}. The made-up ferry left the harbour of Tollby late, said a clerk there."
    return Article(id=Article.make_id(title, text), role=role, title=title,  # type: ignore[arg-type]
                   outlet=outlet, published=Published("2026-05-02", "2026-05-02"), text=text,
                   language="en")


@pytest.fixture
def store_path(tmp_path: Path) -> tuple[Path, dict[str, Article]]:
    """A ferry story of three outlets (one page with a teaser and a reader comment), and a
    story of one article whose title is hostile markup."""
    arts = {"coast": _article("Ferry to Tollby sails late", "Coast Post"),
            "quill": _article("Late ferry for Tollby", "Quill Daily"),
            "harbour": _article("Tollby ferry delayed", "Harbour Times"),
            "teaser": _article("Bridge works start in May", "Coast Post", role="related"),
            "hostile": _article(HOSTILE, "Odd Outlet")}
    path = tmp_path / "web.db"
    store = open_store(path)
    pages = [("coast", ["coast", "teaser"]), ("quill", ["quill"]), ("harbour", ["harbour"]),
             ("hostile", ["hostile"])]
    for n, (name, held) in enumerate(pages):
        store.save_page(Page(input=f"uploads/{name}.txt", uri=f"uploads/{name}.txt",
                             sha256=f"{n + 1:064x}", kind="text",
                             fetched_at="2026-05-02T08:00:00Z",
                             articles=[arts[h] for h in held],
                             comments=[Comment("A made-up reader note.", "en")]))
    ferry = [arts[k] for k in ("coast", "quill", "harbour", "teaser")]
    store.replace_stories(
        [Story(id="s-ferry", title="Ferry to Tollby sails late", main_count=3,
               article_ids=[a.id for a in ferry],
               outlets=["Coast Post", "Harbour Times", "Quill Daily"]),
         Story(id="s-odd", title=HOSTILE, main_count=1, article_ids=[arts["hostile"].id],
               outlets=["Odd Outlet"])],
        [(a.id, profile_of(a).to_json()) for a in arts.values()])
    store.close()
    return path, arts


def _client(path: Path, token_hash: str) -> TestClient:
    config = Config()
    config.values.update({"web_rate_per_minute": 0})
    return TestClient(create_app(str(path), config, token_hash=token_hash,
                                 comparison_for=lambda store, story_id: {}))


@pytest.fixture
def client(store_path: tuple[Path, dict[str, Article]]) -> Iterator[TestClient]:
    with _client(store_path[0], hash_token(TOKEN)) as c:
        yield c


def _stored(path: Path, article_id: str) -> Any:
    store = open_store(path)
    try:
        return store.article(article_id)
    finally:
        store.close()


def test_the_article_page_leads_to_a_page_that_asks_first(
        client: TestClient, store_path: tuple[Path, dict[str, Article]]) -> None:
    path, arts = store_path
    coast = arts["coast"].id
    page = client.get(f"/article/{coast}").text
    assert f'action="/article/{coast}/delete" method="get"' in page
    assert "Delete this document" in page
    ask = client.get(f"/article/{coast}/delete")
    assert ask.status_code == 200
    # what would go: the page's input, its article and teaser, the story made again
    assert "uploads/coast.txt" in ask.text and "Bridge works start in May" in ask.text
    assert 'href="/story/s-ferry"' in ask.text
    form = re.search(r'<form class="delete-form" action="([^"]+)" method="post">(.*?)</form>',
                     ask.text, re.DOTALL)
    assert form and form.group(1) == f"/article/{coast}/delete"
    # the token is the form's first field, as TokenGate reads it before the body
    assert re.findall(r'<input[^>]*name="([^"]+)"', form.group(2)) == ["token"]
    assert _stored(path, coast) is not None  # asking changes nothing
    # a teaser is no page of its own: no button, and its delete says which page holds it
    assert "Delete this document" not in client.get(f"/article/{arts['teaser'].id}").text
    teaser = client.get(f"/article/{arts['teaser'].id}/delete")
    assert teaser.status_code == 409 and f'href="/article/{coast}"' in teaser.text
    assert 'method="post"' not in teaser.text


def test_delete_needs_the_token_and_a_token_server(
        client: TestClient, store_path: tuple[Path, dict[str, Article]]) -> None:
    path, arts = store_path
    coast = arts["coast"].id
    assert client.post(f"/article/{coast}/delete").status_code == 401
    assert client.post(f"/article/{coast}/delete", data={"token": "wrong"}).status_code == 401
    assert client.post(f"/article/{coast}/delete", data={"other": "x", "token": TOKEN}
                       ).status_code == 401  # the token must come first
    with _client(path, "") as read_only:
        assert "Delete this document" not in read_only.get(f"/article/{coast}").text
        assert read_only.get(f"/article/{coast}/delete").status_code == 403
        refused = read_only.post(f"/article/{coast}/delete", data={"token": TOKEN})
        assert refused.status_code == 403 and "read-only" in refused.text
    assert _stored(path, coast) is not None


def test_delete_says_what_went_and_the_id_then_answers_404(
        client: TestClient, store_path: tuple[Path, dict[str, Article]]) -> None:
    path, arts = store_path
    coast = arts["coast"].id
    done = client.post(f"/article/{coast}/delete", data={"token": TOKEN})
    assert done.status_code == 200
    assert "Removed 1 document and 2 articles" in done.text
    assert "uploads/coast.txt" in done.text and "Ferry to Tollby sails late" in done.text
    story = client.get("/api/stories/s-ferry").json()
    assert sorted(story["story"]["outlets"]) == ["Harbour Times", "Quill Daily"]
    assert 'href="/story/s-ferry"' in done.text and "2 articles" in done.text
    for url in (f"/article/{coast}", f"/article/{coast}/delete"):
        gone = client.get(url)
        assert gone.status_code == 404 and "No article with this id" in gone.text
    again = client.post(f"/article/{coast}/delete", data={"token": TOKEN})
    assert again.status_code == 404
    assert client.get(f"/api/articles/{arts['teaser'].id}").status_code == 404
    assert _stored(path, arts["quill"].id) is not None


def test_a_story_left_without_articles_is_named_removed_and_hostile_text_stays_text(
        client: TestClient, store_path: tuple[Path, dict[str, Article]]) -> None:
    _, arts = store_path
    odd = arts["hostile"].id
    ask = client.get(f"/article/{odd}/delete").text
    assert "<script>alert(1)" not in ask and "&lt;script&gt;alert(1)&lt;/script&gt;" in ask
    done = client.post(f"/article/{odd}/delete", data={"token": TOKEN})
    assert done.status_code == 200 and "<script>alert(1)" not in done.text
    assert "Removed, no article left" in done.text and "s-odd" in done.text
    assert client.get("/story/s-odd").status_code == 404


@pytest.mark.parametrize("hostile_id", [HOSTILE, "a\"onmouseover='x'", "..%2F..%2Fetc",
                                        "%3Cb%3Ebold%3C%2Fb%3E"])
def test_hostile_ids_are_escaped_and_delete_nothing(
        client: TestClient, store_path: tuple[Path, dict[str, Article]],
        hostile_id: str) -> None:
    path, arts = store_path
    for response in (client.get(f"/article/{hostile_id}/delete"),
                     client.post(f"/article/{hostile_id}/delete", data={"token": TOKEN})):
        assert response.status_code == 404
        assert "<script>" not in response.text and "<b>" not in response.text
        assert "onmouseover='x'" not in response.text
    assert all(_stored(path, a.id) is not None for a in arts.values())
