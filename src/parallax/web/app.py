"""Read-only web UI and JSON API over a store: plain server-rendered HTML, no JavaScript.

Everything shown comes from pages written by strangers, so the app leans on three layers:
Jinja2 autoescaping (nothing is marked safe), a strict Content-Security-Policy that would stop
a script even if one slipped through, and links only for http(s) addresses. The store is opened
per request so a long-running server always sees what the last ingest wrote.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import (
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from parallax.compare.render import (
    STATIC_DIR,
    comparison_view,
    render_csv,
    render_html_report,
    render_markdown,
    span_text,
    template_environment,
)
from parallax.errors import Code, ParallaxError
from parallax.records import Article, Story
from parallax.settings import Config
from parallax.store import Store, open_store

log = logging.getLogger(__name__)

ComparisonFor = Callable[[Store, str], dict[str, Any]]

SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
MAX_QUERY = 200
_PARAGRAPHS = re.compile(r"\n\s*\n")


class SecurityHeaders:
    """Pure ASGI so the headers also reach static files and error pages, not just routes."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _default_comparison(config: Config) -> ComparisonFor:
    """Import lazily: the web UI must start (and show stories) even without the compare stage."""

    def compute(store: Store, story_id: str) -> dict[str, Any]:
        from parallax.compare.service import comparison_for

        return comparison_for(store, story_id, config)

    return compute


def story_summary(story: Story) -> dict[str, Any]:
    return {"id": story.id, "title": story.title,
            "article_count": story.main_count or len(story.article_ids),
            "outlets": story.outlets, "languages": story.languages,
            "key_entities": story.key_entities, "start": story.start, "end": story.end}


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in _PARAGRAPHS.split(text or "") if p.strip()]


_SPAN = re.compile(r"^(\d{1,7})-(\d{1,7})$")


def marked_paragraphs(text: str, span: str | None) -> list[list[tuple[str, bool]]]:
    """Paragraphs as (text, highlighted) pieces: the span a comparison statement links to
    (``?span=START-END``) is marked; a malformed or out-of-range span marks nothing."""
    bounds = None
    if span and (m := _SPAN.match(span)):
        start, end = int(m.group(1)), int(m.group(2))
        if 0 <= start < end <= len(text):
            bounds = (start, end)
    out: list[list[tuple[str, bool]]] = []
    for m in re.finditer(r"\S(?:.*?\S)?(?=\s*\n\s*\n|\s*$)", text or "", re.DOTALL):
        a, b = m.start(), m.end()
        if bounds is None or bounds[1] <= a or bounds[0] >= b:
            out.append([(m.group(0), False)])
            continue
        lo, hi = max(a, bounds[0]), min(b, bounds[1])
        pieces = [(text[a:lo], False), (text[lo:hi], True), (text[hi:b], False)]
        out.append([(t, h) for t, h in pieces if t])
    return out


def _entities(article: Article) -> list[dict[str, Any]]:
    """Mentions repeat; one line per (text, canonical, type) with a count reads better."""
    seen: dict[tuple[str, str, str], dict[str, Any]] = {}
    for m in article.entities:
        key = (m.text, m.canonical, m.type)
        if key in seen:
            seen[key]["count"] += 1
        else:
            seen[key] = {"text": m.text, "canonical": m.canonical, "type": m.type, "count": 1}
    return list(seen.values())


def _techniques(article: Article) -> list[dict[str, Any]]:
    size = len(article.text)
    return [{"name": t.technique, "score": t.score,
             "text": article.text[max(0, t.start):min(size, t.end)] if t.end > t.start else ""}
            for t in article.techniques]


def _download_name(story_id: str, suffix: str) -> str:
    """Header values must never carry request text verbatim (CR/LF, quotes)."""
    safe = re.sub(r"[^A-Za-z0-9_-]", "", story_id)[:64] or "story"
    return f'attachment; filename="parallax-{safe}{suffix}"'


def create_app(db: str, config: Config | None = None,
               comparison_for: ComparisonFor | None = None) -> FastAPI:
    config = config or Config()
    compare = comparison_for or _default_comparison(config)
    env = template_environment()
    app = FastAPI(title="Parallax", summary="Read-only news comparison",
                  docs_url=None, redoc_url=None)
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")

    @contextmanager
    def opened() -> Iterator[Store]:
        store = open_store(db)
        try:
            yield store
        finally:
            store.close()

    def page(name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        return HTMLResponse(env.get_template(name).render(**context), status_code=status_code)

    def not_found(what: str) -> HTTPException:
        return HTTPException(404, f"No {what} with this id in the store.")

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        if request.url.path.startswith(("/api/", "/healthz")):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        title = "Not found" if exc.status_code == 404 else f"Error {exc.status_code}"
        return page("error.html", exc.status_code, title=title, message=str(exc.detail))

    @app.exception_handler(ParallaxError)
    async def parallax_error(request: Request, exc: ParallaxError) -> Response:
        status = 404 if exc.code is Code.NOT_IN_STORE else 500
        log.error("request %s failed: %s", request.url.path, exc)
        if request.url.path.startswith(("/api/", "/healthz")):
            return JSONResponse({"detail": exc.message, "code": exc.code.value},
                                status_code=status)
        return page("error.html", status, title=f"Error {exc.code.value}", message=exc.message)

    # -- HTML pages ------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse)
    def index() -> HTMLResponse:
        with opened() as store:
            stories = sorted(store.stories(), key=lambda s: -(s.main_count or len(s.article_ids)))
            counts, rejections = store.counts(), store.rejections()
        return page("index.html", nav="stories", stories=stories, counts=counts,
                    rejections=rejections, spans=[span_text(s.start, s.end) for s in stories])

    @app.get("/search", response_class=HTMLResponse)
    def search(q: str = "") -> HTMLResponse:
        query = q.strip()[:MAX_QUERY]
        with opened() as store:
            results = store.search(query) if query else []
        return page("search.html", nav="search", query=query, results=results)

    @app.get("/story/{story_id}", response_class=HTMLResponse)
    def story_page(story_id: str) -> Response:
        with opened() as store:
            story = store.story(story_id)
            if story is None:
                raise not_found("story")
            if story.id != story_id:  # merged into another story: old links keep working
                return RedirectResponse(f"/story/{story.id}", status_code=301)
            comparison = compare(store, story_id)
        return page("story.html", nav="stories", v=comparison_view(comparison), links=True,
                    story_id=story_id)

    def story_export(story_id: str, render: Callable[[dict[str, Any]], str], suffix: str,
                     media_type: str) -> Response:
        with opened() as store:
            if store.story(story_id) is None:
                raise not_found("story")
            comparison = compare(store, story_id)
        return PlainTextResponse(render(comparison), media_type=media_type, headers={
            "Content-Disposition": _download_name(story_id, suffix)})

    @app.get("/story/{story_id}/report.html")
    def story_report(story_id: str) -> Response:
        """A download, not a page: the report's inline <style> is for offline reading."""
        return story_export(story_id, render_html_report, ".html", "text/html; charset=utf-8")

    @app.get("/story/{story_id}/report.md")
    def story_markdown(story_id: str) -> Response:
        return story_export(story_id, render_markdown, ".md", "text/markdown; charset=utf-8")

    @app.get("/story/{story_id}/claims.csv")
    def story_csv(story_id: str) -> Response:
        return story_export(story_id, render_csv, ".csv", "text/csv; charset=utf-8")

    @app.get("/article/{article_id}", response_class=HTMLResponse)
    def article_page(article_id: str, span: str | None = None) -> HTMLResponse:
        with opened() as store:
            article = store.article(article_id)
            if article is None:
                raise not_found("article")
            context: dict[str, Any] = {
                "source": store.article_source(article_id),
                "related": store.related(article_id),
                "boilerplate": store.boilerplate(article_id),
                "comments": store.comments([article_id]),
            }
        return page("article.html", a=article,
                    paragraphs=marked_paragraphs(article.text, (span or "")[:20]),
                    entities=_entities(article), techniques=_techniques(article), **context)

    # -- JSON API --------------------------------------------------------------------------

    @app.get("/api/stories")
    def api_stories() -> list[dict[str, Any]]:
        with opened() as store:
            stories = sorted(store.stories(), key=lambda s: -(s.main_count or len(s.article_ids)))
        return [story_summary(s) for s in stories]

    @app.get("/api/stories/{story_id}")
    def api_story(story_id: str) -> dict[str, Any]:
        with opened() as store:
            story = store.story(story_id)
            if story is None:
                raise not_found("story")
            return {"story": story.to_dict(), "comparison": compare(store, story_id)}

    @app.get("/api/articles/{article_id}")
    def api_article(article_id: str) -> dict[str, Any]:
        with opened() as store:
            article = store.article(article_id)
        if article is None:
            raise not_found("article")
        return article.to_dict()

    @app.get("/api/search")
    def api_search(q: str = "") -> list[dict[str, Any]]:
        query = q.strip()[:MAX_QUERY]
        with opened() as store:
            return store.search(query) if query else []

    @app.get("/healthz")
    def healthz() -> dict[str, Any]:
        with opened() as store:
            return {"ok": True, "counts": store.counts()}

    return app
