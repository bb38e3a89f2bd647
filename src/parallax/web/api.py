"""The JSON API: the same store and comparison as the pages, described by FastAPI's OpenAPI
document at /openapi.json (and browsable at /api/docs only as JSON; no CDN-hosted UI)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, FastAPI, File, Form, Header, Request, UploadFile
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from parallax.ingest.addresslist import typed
from parallax.store.browse import StoryFilter
from parallax.web.context import (
    PAGE_SIZE,
    PageParam,
    SearchParam,
    WebContext,
    story_filter,
)
from parallax.web.views import story_summary

#: the bodies ``POST /api/ingest`` reads its fields from
FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")


class StorySummary(BaseModel):
    id: str
    title: str
    article_count: int
    outlets: list[str]
    languages: list[str]
    key_entities: list[str]
    start: str | None
    end: str | None


class StoryList(BaseModel):
    total: int = Field(description="stories matching the filters")
    page: int
    stories: list[StorySummary]


class SearchHit(BaseModel):
    id: str
    title: str
    outlet: str | None
    language: str | None
    role: str
    published: str | None = None
    snippet: str | None


class SearchResult(BaseModel):
    query: str
    total: int
    page: int
    results: list[SearchHit]


class IngestJob(BaseModel):
    id: str
    state: str = Field(description="queued | running | done | failed")
    inputs: int
    done: int = Field(description="inputs read or being read; each may give many outcomes "
                      "(feed items, archive records, JSONL lines)")
    stories: int
    error: str | None
    outcomes: list[dict[str, Any]]


def register_api(app: FastAPI, ctx: WebContext) -> None:
    @app.get("/api/stories", response_model=StoryList, tags=["stories"])
    def api_stories(where: Annotated[StoryFilter, Depends(story_filter)],
                    page: PageParam = 1) -> dict[str, Any]:
        """Stories, largest (or newest) first, filtered like the stories page."""
        with ctx.opened() as store:
            stories, total = store.story_page(where, (page - 1) * PAGE_SIZE, PAGE_SIZE)
        return {"total": total, "page": page, "stories": [story_summary(s) for s in stories]}

    @app.get("/api/stories/{story_id}", tags=["stories"])
    def api_story(story_id: str) -> dict[str, Any]:
        """One story and its full comparison (schema 1, see README)."""
        with ctx.opened() as store:
            story = store.story(story_id)
            if story is None:
                raise ctx.not_found("story")
            return {"story": story.to_dict(), "comparison": ctx.compare(store, story.id)}

    @app.get("/api/articles/{article_id}", tags=["articles"])
    def api_article(article_id: str) -> dict[str, Any]:
        """One analysed article in the JSON contract's article shape."""
        return ctx.require("article", lambda store: store.article(article_id)).to_dict()

    @app.get("/api/entities/{name:path}", tags=["entities"])
    def api_entity(name: str) -> Any:
        """The newest 500 articles mentioning a canonical entity (oldest first), with their
        outlet, story and role, and counts of its articles, outlets and stories over all. A
        name an article wrote for an entity answers 303 to its canonical name's address."""
        return ctx.entity(name, "/api/entities")

    @app.get("/api/outlets/{outlet:path}", tags=["outlets"])
    def api_outlet(outlet: str) -> dict[str, Any]:
        """An outlet's articles, languages and typical narratives, techniques and entities."""
        return ctx.require("outlet", lambda store: store.outlet_profile(outlet))

    @app.get("/api/search", response_model=SearchResult, tags=["search"])
    def api_search(q: SearchParam = "", page: PageParam = 1) -> dict[str, Any]:
        """Full-text search over titles and texts (every word must match; words in double
        quotes must stand together; a word or quoted phrase after a minus must not be there;
        words joined by OR need one of them)."""
        query, results, total = ctx.search(q, page)
        return {"query": query, "total": total, "page": page, "results": results}

    @app.post("/api/ingest", response_model=IngestJob, status_code=202, tags=["ingest"],
              responses={401: {"description": "missing or wrong token"},
                         403: {"description": "ingest switched off"},
                         413: {"description": "body too large"},
                         415: {"description": "a body that is no form (JSON, a raw page)"}})
    async def api_ingest(request: Request,
                         authorization: Annotated[str | None, Header()] = None,
                         text: Annotated[str, Form(max_length=5_000_000)] = "",
                         urls: Annotated[str, Form(max_length=20_000)] = "",
                         files: Annotated[list[UploadFile] | None, File()] = None
                         ) -> Any:
        """Queue pasted text, uploaded files and/or whitespace-separated URLs for ingest (a
        line opening with # is a comment).
        Needs ``Authorization: Bearer TOKEN``."""
        ctx.check_token(request)  # ``authorization``: checked before the body was read
        sent = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if sent and sent not in FORM_TYPES:
            # a script posting JSON or a raw page was told "nothing to ingest" (helper NW)
            return JSONResponse({"detail": f"this endpoint reads form fields (text, urls, "
                                 f"files) sent as multipart/form-data or application/x-www-"
                                 f"form-urlencoded, not {sent}: for example curl -F "
                                 f"'files=@page.html' -F 'urls=https://…'"}, status_code=415)
        uploads = [(f.filename or "", await f.read()) for f in files or []]
        try:
            job = ctx.jobs.submit(text=text, files=uploads, urls=typed(urls))
        except ValueError as exc:
            return JSONResponse({"detail": str(exc)}, status_code=422)
        return job.to_dict()

    @app.get("/api/ingest/{job_id}", response_model=IngestJob, tags=["ingest"])
    def api_ingest_job(job_id: str) -> dict[str, Any]:
        job = ctx.jobs.get(job_id)
        if job is None:
            raise ctx.job_not_found()
        return job.to_dict()

    @app.get("/healthz", tags=["health"])
    def healthz() -> dict[str, Any]:
        with ctx.opened() as store:
            return {"ok": True, "counts": store.counts(), "warming": ctx.jobs.warming}
