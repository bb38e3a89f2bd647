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


# -- the JSON API's delete, and every version of a source (twenty-fourth session) ----------

BEARER = {"Authorization": f"Bearer {TOKEN}"}


def _add_versions(path: Path, arts: dict[str, Article]) -> dict[str, Article]:
    """A second version of the Harbour Times page read from the same file (a copy of the
    first), two records of one report link in two exports, a neighbour record of that link's
    export and an unrelated page."""
    more = {"harbour2": _article("Tollby ferry delayed, crew short", "Harbour Times")}
    more["harbour2"].duplicate_of = arts["harbour"].id
    more["record_a"] = _article("Tollby ferry back on time", "Bay Wire")
    more["record_b"] = _article("Tollby ferry back on time today", "Bay Wire")
    more["neighbour"] = _article("Gulls nest on the Tollby pier", "Bay Wire")
    more["other"] = _article("Tollby market opens late", "Quill Daily")
    link = "https://bay-wire.example/ferry-on-time"
    pages = [("uploads/harbour.txt", "harbour2", None), ("exports/a.jsonl#line-1",
                                                         "record_a", link),
             ("exports/b.jsonl#line-4", "record_b", link),
             ("exports/a.jsonl#line-2", "neighbour", "https://bay-wire.example/gulls"),
             ("uploads/other.txt", "other", None)]
    store = open_store(path)
    try:
        for n, (name, key, url) in enumerate(pages):
            store.save_page(Page(input=name, uri=name, sha256=f"{n + 100:064x}", kind="text",
                                 fetched_at="2026-05-03T08:00:00Z", articles=[more[key]],
                                 metadata={"url": url} if url else {}))
        # the copy is found by its story profile, as the story index keeps it
        store.save_story_profiles([(a.id, profile_of(a).to_json()) for a in more.values()])
    finally:
        store.close()
    return more


def test_the_api_deletes_with_the_ingest_token_and_answers_json(
        client: TestClient, store_path: tuple[Path, dict[str, Article]]) -> None:
    """There was no delete in the JSON API (405): a script had to run ``parallax delete``."""
    path, arts = store_path
    coast = arts["coast"].id
    url = f"/api/articles/{coast}"
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}):
        refused = client.delete(url, headers=headers)
        assert refused.status_code == 401 and "token" in refused.json()["detail"]
    with _client(path, "") as read_only:
        off = read_only.delete(url, headers=BEARER)
        assert off.status_code == 403 and "read-only" in off.json()["detail"]
    teaser = client.delete(f"/api/articles/{arts['teaser'].id}", headers=BEARER)
    assert teaser.status_code == 409 and "teaser" in teaser.json()["detail"]
    assert _stored(path, coast) is not None and _stored(path, arts["teaser"].id) is not None
    done = client.delete(url, headers=BEARER)
    assert done.status_code == 200
    body = done.json()
    assert body["article"] == coast and body["source"] is False
    assert body["documents"] == ["uploads/coast.txt"]
    assert {a["id"] for a in body["articles"]} == {coast, arts["teaser"].id}
    assert body["copies"] == [] and body["stories_removed"] == []
    [story] = body["stories_changed"]
    assert story["id"] == "s-ferry" and story["article_count"] == 2
    assert sorted(story["outlets"]) == ["Harbour Times", "Quill Daily"]
    assert client.get(url).status_code == 404
    again = client.delete(url, headers=BEARER)
    assert again.status_code == 404 and again.json() == {
        "detail": "No article with this id in the store."}
    assert _stored(path, arts["quill"].id) is not None


@pytest.mark.parametrize("hostile_id", [HOSTILE, "a\"onmouseover='x'", "%3Cb%3Ebold%3C%2Fb%3E"])
def test_the_api_delete_of_a_hostile_id_is_404_json_and_removes_nothing(
        client: TestClient, store_path: tuple[Path, dict[str, Article]],
        hostile_id: str) -> None:
    path, arts = store_path
    for query in ("", "?source=true"):
        response = client.delete(f"/api/articles/{hostile_id}{query}", headers=BEARER)
        assert response.status_code == 404
        assert response.headers["content-type"].startswith("application/json")
    assert all(_stored(path, a.id) is not None for a in arts.values())


def test_the_api_deletes_every_version_of_the_source_on_request(
        client: TestClient, store_path: tuple[Path, dict[str, Article]]) -> None:
    """``?source=true``: the page's input and its address, as ``--source`` takes each: the
    other record of the same link (another export) goes, the neighbour record of the same
    export and the unrelated page stay."""
    path, arts = store_path
    more = _add_versions(path, arts)
    done = client.delete(f"/api/articles/{more['record_a'].id}?source=true", headers=BEARER)
    assert done.status_code == 200
    body = done.json()
    assert body["source"] is True
    assert body["documents"] == ["exports/a.jsonl#line-1", "exports/b.jsonl#line-4"]
    assert {a["id"] for a in body["articles"]} == {more["record_a"].id, more["record_b"].id}
    for key in ("neighbour", "other"):
        assert _stored(path, more[key].id) is not None
    # without it, one version only: the page's copy stays, an article of its own now
    one = client.delete(f"/api/articles/{arts['harbour'].id}", headers=BEARER).json()
    assert one["documents"] == ["uploads/harbour.txt"]
    assert [a["id"] for a in one["articles"]] == [arts["harbour"].id]
    assert one["copies"] == [more["harbour2"].id]
    assert _stored(path, more["harbour2"].id).duplicate_of is None


def test_the_page_offers_every_version_of_the_source_and_the_post_honours_it(
        client: TestClient, store_path: tuple[Path, dict[str, Article]]) -> None:
    """The page deleted the article's own page only: a second version read from the same
    file had to be found and deleted on its own, or with ``parallax delete --source``."""
    path, arts = store_path
    more = _add_versions(path, arts)
    harbour = arts["harbour"].id
    ask = client.get(f"/article/{harbour}/delete")
    assert ask.status_code == 200
    assert "Every other version of this source" in ask.text
    assert "uploads/harbour.txt" in ask.text and "Tollby ferry delayed, crew short" in ask.text
    assert "1 other stored document" in ask.text
    form = re.search(r'<form class="delete-form" action="([^"]+)" method="post">(.*?)</form>',
                     ask.text, re.DOTALL)
    assert form is not None
    # the token stays the first field (TokenGate reads it before the body); the box after
    assert re.findall(r'<input[^>]*name="([^"]+)"', form.group(2)) == ["token", "source"]
    assert _stored(path, more["harbour2"].id) is not None  # asking changes nothing
    # a page whose source holds no other version offers none
    quill = client.get(f"/article/{arts['quill'].id}/delete").text
    assert "No other version of this page" in quill and 'name="source"' not in quill
    # ticked, the other version goes too (unticked: one document, as the API test shows)
    assert client.post(f"/article/{harbour}/delete", data={"source": "1", "token": TOKEN}
                       ).status_code == 401  # the token must still come first
    done = client.post(f"/article/{harbour}/delete", data={"token": TOKEN, "source": "1"})
    assert done.status_code == 200 and "Removed 2 documents and 2 articles" in done.text
    assert _stored(path, more["harbour2"].id) is None
    assert _stored(path, more["other"].id) is not None


def test_a_hostile_source_name_is_escaped_on_the_page(
        client: TestClient, store_path: tuple[Path, dict[str, Article]]) -> None:
    path, _ = store_path
    store = open_store(path)
    try:
        for n in range(2):
            store.save_page(Page(input=f"uploads/{HOSTILE}", uri=f"uploads/{HOSTILE}",
                                 sha256=f"{n + 200:064x}", kind="text",
                                 fetched_at="2026-05-03T08:00:00Z",
                                 articles=[_article(f"Quay report {n}", "Odd Outlet")]))
    finally:
        store.close()
    ask = client.get(f"/article/{_article('Quay report 0', 'Odd Outlet').id}/delete").text
    assert "<script>alert(1)" not in ask and "&lt;script&gt;alert(1)&lt;/script&gt;" in ask
    assert "Quay report 1" in ask


def test_a_copy_removed_by_a_later_target_is_no_copy_left(
        store_path: tuple[Path, dict[str, Article]]) -> None:
    """``parallax delete`` runs the same ``runner.delete``: an original and its copy given
    together leave no copy behind (the copy the first removal unmarked went with the second);
    the summary counted it as a copy that stays."""
    import json

    from typer.testing import CliRunner

    from parallax.cli import app

    path, arts = store_path
    more = _add_versions(path, arts)
    result = CliRunner().invoke(app, ["delete", arts["harbour"].id, more["harbour2"].id,
                                      "--db", str(path), "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows[0]["copies"] == [more["harbour2"].id]  # what that removal did
    assert rows[-1]["summary"]["copies"] == 0 and rows[-1]["summary"]["articles"] == 2


def test_pastes_are_no_versions_of_one_source(
        client: TestClient, store_path: tuple[Path, dict[str, Article]]) -> None:
    """The web form stores every paste as "pasted text": taken as a source, every other paste
    was offered (and, ticked, deleted) as a version of a pasted page."""
    path, _ = store_path
    pasted = [_article(f"Pier lights fixed {n}", "Quay Notes") for n in range(2)]
    store = open_store(path)
    try:
        for n, article in enumerate(pasted):
            store.save_page(Page(input="pasted text", uri="pasted text",
                                 sha256=f"{n + 300:064x}", kind="text",
                                 fetched_at="2026-05-03T08:00:00Z", articles=[article]))
    finally:
        store.close()
    ask = client.get(f"/article/{pasted[0].id}/delete").text
    assert "No other version of this page" in ask and "Pier lights fixed 1" not in ask
    done = client.delete(f"/api/articles/{pasted[0].id}?source=true", headers=BEARER).json()
    assert [a["id"] for a in done["articles"]] == [pasted[0].id]
    assert _stored(path, pasted[1].id) is not None
