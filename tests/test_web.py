"""Web UI and JSON API on an in-memory fake store: pages, 404s, escaping and security headers."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

import parallax.web.app as web
import parallax.web.context as web_context
from parallax.records import (
    Article,
    Claim,
    GenreLabel,
    Mention,
    NarrativeLabel,
    Published,
    Quote,
    RoleLabel,
    Story,
    TechniqueSpan,
)

HOSTILE = ('Intro <script>alert(1)</script> then <img src=x onerror=alert(1)> and '
           '<a href="javascript:alert(1)">click</a>.\n\nSecond paragraph.')
CALM = ("The Brava dam broke on Thursday night, officials said.\n\n"
        "Rescue teams reached the valley by morning.")


def _calm_article() -> Article:
    return Article(
        id="a1", role="main", title="Brava dam breaks", outlet="Korvan Today",
        published=Published(text="4 hours ago", iso="2026-10-16T08:00:00+00:00"), text=CALM,
        url="https://korvan.example/brava", language="en",
        entities=[Mention("Brava", 4, 9, "LOC", "Brava"), Mention("Brava", 40, 45, "LOC", "Brava")],
        quotes=[Quote("We are doing everything", 0, 20, "Aurel Dragan", "said", True)],
        claims=[Claim("The Brava dam broke on Thursday night", 0, 38, "officials", 0.8)],
        roles=[RoleLabel("Aurel Dragan", "Protagonist", ["Guardian"], 0.6)],
        narratives=[NarrativeLabel("CC: Criticism of institutions", None, 0.5, ["x"])],
        techniques=[TechniqueSpan("Loaded_Language", 4, 13, 0.7)],
        genre=GenreLabel("news", 0.9),
    )


def _hostile_article() -> Article:
    return Article(
        id="a2", role="main", title="<script>alert('t')</script>Gas shock", outlet="Nordblick",
        published=Published(text="gestern", iso=None), text=HOSTILE,
        url="javascript:alert(1)", language="de",
    )


class FakeStore:
    """Just the read side of the Store protocol the web app uses."""

    closed = 0

    def __init__(self) -> None:
        self.items = {a.id: a for a in (_calm_article(), _hostile_article())}
        self.teaser = Article(id="r1", role="related", title="More on dams", outlet=None,
                              published=Published(), text="teaser")
        self.all_stories = [
            Story(id="s2", title="Small story", article_ids=["a2"], outlets=["Nordblick"]),
            Story(id="s1", title="Dam breach <b>near</b> Brava", article_ids=["a1", "a2"],
                  outlets=["Korvan Today", "Nordblick"], languages=["en", "de"],
                  key_entities=["Aurel Dragan"], start="2026-10-16", end="2026-10-18"),
        ]

    def close(self) -> None:
        FakeStore.closed += 1

    def stories(self) -> list[Story]:
        return list(self.all_stories)

    def story(self, story_id: str) -> Story | None:
        return next((s for s in self.all_stories if s.id == story_id), None)

    def article(self, article_id: str) -> Article | None:
        return self.teaser if article_id == "r1" else self.items.get(article_id)

    def articles(self, role: str | None = "main") -> list[Article]:
        return list(self.items.values())

    def article_versions(self, article_ids: list[str]) -> list[tuple[str, str]]:
        return [(i, f"doc-{i}") for i in sorted(article_ids) if i in self.items]

    def article_stories(self, article_ids: list[str]) -> list[str]:
        return sorted({s.id for s in self.all_stories for i in article_ids
                       if i in s.article_ids})

    def article_source(self, article_id: str) -> dict[str, Any] | None:
        return {"input": f"corpus/{article_id}.html", "uri": "file:///x", "kind": "html",
                "fetched_at": "2026-10-16T09:00:00Z", "also_in": []}

    def comments(self, article_ids: list[str]) -> list[dict[str, Any]]:
        return [{"article_id": i, "outlet": "Nordblick", "language": "de", "author": "leser",
                 "text": "Unglaublich <script>alert(2)</script>"} for i in article_ids]

    def boilerplate(self, article_id: str) -> list[dict[str, Any]]:
        return [{"kind": "cookie-banner", "text": "We use cookies."}]

    def related(self, article_id: str) -> list[Article]:
        return [self.teaser] if article_id == "a1" else []

    def search(self, query: str, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        return [{"id": a.id, "title": a.title, "outlet": a.outlet, "language": a.language,
                 "role": a.role, "snippet": a.text[:60]}
                for a in self.items.values() if query.lower() in a.text.lower()][offset:limit]

    def search_count(self, query: str) -> int:
        return len(self.search(query, 1000))

    def story_page(self, where: Any, offset: int = 0, limit: int = 20) -> tuple[list[Story],
                                                                                 int]:
        ordered = sorted(self.all_stories, key=lambda s: -len(s.article_ids))
        return ordered[offset:offset + limit], len(ordered)

    def facet_options(self, limit: int = 50) -> dict[str, list[str]]:
        return {"outlets": ["Korvan Today", "Nordblick"], "languages": ["de", "en"],
                "entities": ["Aurel Dragan"], "narratives": []}

    def entity_profile(self, name: str) -> dict[str, Any] | None:
        return None

    def shown_names(self, names: Any, keep: Any = ()) -> dict[str, str]:
        return {}  # every name is shown as stored (store/shown_names.py)

    def story_shown_names(self, article_ids: Any, keep: Any = ()) -> dict[str, str]:
        return {}

    def entity_names(self, article_ids: Any) -> list[str]:
        return []

    def outlet_profile(self, outlet: str, limit: int = 200) -> dict[str, Any] | None:
        return None

    def counts(self) -> dict[str, int]:
        return {"articles": len(self.items), "stories": len(self.all_stories)}

    def rejections(self, limit: int | None = None) -> list[dict[str, Any]]:
        return [{"input": "broken.bin", "code": "E003", "reason": "binary file"}][:limit]


def fake_comparison(store: Any, story_id: str) -> dict[str, Any]:
    return {
        "schema": 1,
        "story": {"id": story_id, "title": "Dam breach near Brava", "start": "2026-10-16",
                  "end": "2026-10-18", "outlets": ["Korvan Today", "Nordblick"],
                  "languages": ["en", "de"], "key_entities": ["Aurel Dragan"],
                  "article_count": 2},
        "outlets": [{"outlet": "Korvan Today", "articles": [{
            "id": "a1", "title": "Brava dam breaks", "published": {"text": "4 hours ago",
                                                                  "iso": None},
            "language": "en", "genre": "news", "words": 20, "input": "p", "url": None}]}],
        "claims": {"clusters": [{
            "id": "c1", "text": "The dam broke <script>alert(3)</script>", "status": "contested",
            "positions": {"Korvan Today": "asserts", "Nordblick": "contradicts"},
            "members": [{"outlet": "Nordblick", "article_id": "a2", "text": "It held.",
                         "start": 0, "end": 8, "attribution": None, "numbers": []}]}],
            "shared": [], "contested": ["c1"], "exclusive": []},
        "timeline": [{"published": "2026-10-16", "published_text": "4 hours ago",
                      "outlet": "Korvan Today", "title": "Brava dam breaks",
                      "article_id": "a1"}],
    }


@pytest.fixture
def client(monkeypatch: pytest.MonkeyPatch) -> TestClient:
    monkeypatch.setattr(web_context, "open_store", lambda db: FakeStore())
    return TestClient(web.create_app("unused.db", comparison_for=fake_comparison))


def assert_no_active_content(html: str) -> None:
    scripts = re.findall(r"<script[^>]*>.*?</script>", html, re.IGNORECASE | re.DOTALL)
    assert scripts in ([], ['<script src="/static/app.js" defer></script>'])  # ours, no inline
    assert html.lower().count("<script") == len(scripts)
    assert not re.search(r"<[^>]+\sstyle=", html)  # CSP forbids inline style attributes
    assert not re.search(r"<[^>]+\son\w+=", html)  # no event handler attributes in any tag
    assert 'href="javascript:' not in html


def test_security_headers_on_every_response(client: TestClient) -> None:
    for path in ("/", "/story/s1", "/story/nope", "/api/stories", "/static/style.css",
                 "/healthz", "/openapi.json"):
        response = client.get(path)
        csp = response.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp
        assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"
        assert response.headers["x-frame-options"] == "DENY"


def test_index_lists_stories_largest_first(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    html = response.text
    assert 'href="/story/s1"' in html and 'href="/story/s2"' in html
    assert html.index("/story/s1") < html.index("/story/s2")
    assert "Dam breach &lt;b&gt;near&lt;/b&gt; Brava" in html
    assert "2026-10-16 – 2026-10-18" in html
    assert '<label for="q">' in html and 'action="/search"' in html
    assert "never run" in html
    assert "broken.bin" in html
    assert '<link rel="stylesheet" href="/static/style.css">' in html
    assert_no_active_content(html)
    assert FakeStore.closed > 0


def test_story_page_shows_comparison_with_links(client: TestClient) -> None:
    response = client.get("/story/s1")
    assert response.status_code == 200
    html = response.text
    assert "<h1>Dam breach near Brava</h1>" in html
    assert "Contested claims" in html
    assert '<span class="pos pos-contradicts">contradicts</span>: Nordblick' in html
    assert re.search(r'<a href="/article/a2\?span=\d+-\d+#span">It held.</a>', html)
    assert '<a href="/article/a1">Brava dam breaks</a>' in html
    assert "No omissions found." in html
    assert "Why these articles are one story" in html and "Dates:" in html  # issue 18
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in html
    assert_no_active_content(html)


def test_unknown_story_and_article_are_404_pages(client: TestClient) -> None:
    for path in ("/story/nope", "/article/nope"):
        response = client.get(path)
        assert response.status_code == 404
        assert "text/html" in response.headers["content-type"]
        assert "Not found" in response.text
    api = client.get("/api/stories/nope")
    assert api.status_code == 404 and "detail" in api.json()


def test_article_page_shows_text_and_analysis(client: TestClient) -> None:
    response = client.get("/article/a1")
    assert response.status_code == 200
    html = response.text
    text = re.search(r'<section id="article-text"[^>]*>(.*?)</section>', html, re.S)
    assert text is not None
    plain = re.sub(r"<[^>]+>", "", text.group(1))
    assert "The Brava dam broke on Thursday night, officials said." in plain
    assert "<p>Rescue teams reached the valley by morning.</p>" in html
    # highlight layers: the entity "Brava" and the claim are marked, with what they are
    assert re.search(r'<span class="hl hl-claims hl-entities hl-quotes hl-techniques" '
                     r'title="Brava \(LOC\) · [^"]*Loaded Language">Brava</span>', html)
    assert "hl-claims" in html and 'title="claim, attributed to officials' in html
    assert 'class="article-text show-entities show-quotes show-claims show-techniques"' in html
    only = client.get("/article/a1", params={"layers": "quotes"}).text
    assert 'class="article-text show-quotes"' in only
    assert '<a href="https://korvan.example/brava" rel="noopener noreferrer nofollow">' in html
    assert "2026-10-16T08:00:00+00:00" in html
    assert "Aurel Dragan" in html and "direct" in html
    assert "attributed to officials" in html
    assert "Loaded Language" in html and "<q>Brava dam</q>" in html
    assert "Protagonist" in html and "Guardian" in html
    assert "CC: Criticism of institutions" in html
    assert 'Brava (<a href="/entity/Brava">Brava</a>) <span class="muted">LOC ×2</span>' in html
    assert '<a href="/article/r1">More on dams</a>' in html
    assert "cookie-banner" in html and "We use cookies." in html
    assert "corpus/a1.html" in html
    assert 'lang="en"' in html
    assert_no_active_content(html)


def test_hostile_article_is_escaped(client: TestClient) -> None:
    response = client.get("/article/a2")
    assert response.status_code == 200
    html = response.text
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x" not in html
    assert '<a href="javascript:alert(1)">' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;a href=&#34;javascript:alert(1)&#34;&gt;" in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html  # reader comment
    assert "<p>Second paragraph.</p>" in html
    assert "(not a web link)" in html  # javascript: url shown as text, never as a link
    assert_no_active_content(html)


def test_search_page_and_api(client: TestClient) -> None:
    html = client.get("/search", params={"q": "dam"}).text
    assert '<a href="/article/a1">Brava dam breaks</a>' in html
    assert 'value="dam"' in html
    hostile = client.get("/search", params={"q": "<script>x</script>"}).text
    assert "&lt;script&gt;x&lt;/script&gt;" in hostile
    assert_no_active_content(hostile)
    escaped = client.get("/search", params={"q": "script"}).text
    assert "Intro &lt;script&gt;alert(1)&lt;/script&gt;" in escaped
    assert_no_active_content(escaped)
    assert client.get("/search").status_code == 200
    results = client.get("/api/search", params={"q": "dam"}).json()
    assert [r["id"] for r in results["results"]] == ["a1"] and results["total"] == 1
    assert client.get("/api/search").json()["results"] == []


def test_json_api(client: TestClient) -> None:
    listed = client.get("/api/stories").json()
    assert listed["total"] == 2 and listed["page"] == 1
    stories = listed["stories"]
    assert [s["id"] for s in stories] == ["s1", "s2"]
    assert stories[0]["article_count"] == 2
    assert stories[0]["outlets"] == ["Korvan Today", "Nordblick"]
    assert stories[0]["start"] == "2026-10-16"
    story = client.get("/api/stories/s1").json()
    assert story["story"]["id"] == "s1"
    assert story["comparison"]["claims"]["contested"] == ["c1"]
    article = client.get("/api/articles/a1")
    assert article.headers["content-type"].startswith("application/json")
    assert article.json()["title"] == "Brava dam breaks"
    assert client.get("/api/articles/nope").status_code == 404
    health = client.get("/healthz").json()
    assert health == {"ok": True, "counts": {"articles": 2, "stories": 2}, "warming": 0}


def test_docs_off_openapi_on(client: TestClient) -> None:
    assert client.get("/docs").status_code == 404
    assert client.get("/redoc").status_code == 404
    assert client.get("/openapi.json").json()["info"]["title"] == "Parallax"


def test_static_css_served(client: TestClient) -> None:
    response = client.get("/static/style.css")
    assert response.status_code == 200
    assert "text/css" in response.headers["content-type"]
    assert ".outlet-grid" in response.text


def test_story_downloads(client: TestClient) -> None:
    report = client.get("/story/s1/report.html")
    assert report.status_code == 200
    assert "attachment" in report.headers["content-disposition"]
    assert "<style>" in report.text and "<script" not in report.text.lower()
    assert "Dam breach near Brava" in report.text
    markdown = client.get("/story/s1/report.md")
    assert markdown.text.startswith("# Dam breach near Brava")
    table = client.get("/story/s1/claims.csv")
    assert table.text.splitlines()[0] == "cluster,status,text,Korvan Today,Nordblick"
    assert client.get("/story/nope/claims.csv").status_code == 404


def test_default_comparison_is_imported_lazily(monkeypatch: pytest.MonkeyPatch) -> None:
    """The app must build without parallax.compare.service; only the story page needs it."""
    monkeypatch.setattr(web_context, "open_store", lambda db: FakeStore())
    client = TestClient(web.create_app("unused.db"))
    assert client.get("/").status_code == 200
    assert client.get("/api/stories").status_code == 200


def test_comparison_links_to_spans_and_article_marks_them(tmp_path: Path, corpus: Path) -> None:
    """Every statement links to its supporting words; the article page marks exactly them."""
    from parallax.runner import ingest
    from parallax.settings import Config
    from parallax.store import open_store

    db = tmp_path / "demo.db"
    store = open_store(db)
    ingest([str(corpus)], store, Config())
    story = store.stories()[0]
    store.close()
    client = TestClient(web.create_app(str(db)))
    story_html = client.get(f"/story/{story.id}").text
    links = re.findall(r'href="/article/([^"?]+)\?span=(\d+)-(\d+)#span"', story_html)
    assert len(links) >= 5
    article_id, start, end = links[0]
    page = client.get(f"/article/{article_id}?span={start}-{end}").text
    assert page.count('id="span"') == 1
    marked = re.findall(r'<mark(?: id="span")? class="linked-span">(.*?)</mark>', page, re.S)
    assert len(html.unescape(re.sub(r"<[^>]+>", "", "".join(marked)))) == int(end) - int(start)
    assert "<mark" not in client.get(f"/article/{article_id}?span=9-x").text
    assert client.get(f"/article/{article_id}?span=1-99999999").status_code == 200
