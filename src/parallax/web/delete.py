"""Deleting a document from the browser and from the JSON API.

The article page's "Delete this document" leads to a page that says what would go (``GET``,
which changes nothing), whose form sends the token (``POST``, checked by
``security.TokenGate`` before the body is read, as ingest's); the answer is a plain page of
what was removed and which stories were made again. A script sends ``DELETE
/api/articles/ID`` with ``Authorization: Bearer TOKEN`` (the same gate as ``POST
/api/ingest``) and gets the same answer as JSON.

Why: a reader who finds a wrong page in the store (a file ingested by mistake) had to leave
the browser for ``parallax delete``, and a script had no way but the command. The removal is
the command's own (``runner.delete``): the same documents (the article's page, teasers and
comments with it, a teaser's id refused), the same store transaction and the same regrouping
of stories. Both ways may also take every other version of the page's source (its inputs
and its address, as ``parallax delete --source`` takes each): the page lists those apart and
a checkbox after the token takes them, the API's ``?source=true``. A link, a crawler or a
prefetch can only reach the ``GET`` page.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import FastAPI, Form, Header, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, Field

from parallax.web.api import StorySummary
from parallax.web.context import WebContext
from parallax.web.views import story_summary

if TYPE_CHECKING:
    from parallax.records import Article
    from parallax.runner import Deletion
    from parallax.store import Store

#: the paths whose POST or DELETE deletes (``TokenGate`` checks their token; the routes' own
#: patterns)
DELETE_PATHS = (re.compile(r"/article/[^/]+/delete"), re.compile(r"/api/articles/[^/]+"))


class RemovedArticle(BaseModel):
    id: str
    role: str
    title: str | None
    outlet: str | None


class Deleted(BaseModel):
    article: str
    source: bool = Field(description="every other version of the page's source went too")
    documents: list[str] = Field(description="the removed documents' inputs")
    articles: list[RemovedArticle]
    copies: list[str] = Field(description="copies of a removed article: they stay, as "
                              "articles of their own")
    stories_changed: list[StorySummary] = Field(
        description="stories made again from the articles left")
    stories_removed: list[str] = Field(description="stories left without a main article")


def _going(store: Store, documents: list[str]) -> list[Article]:
    """The articles these documents hold that would go: one another input also holds stays,
    under that input."""
    held = [a for a in (store.article(i) for i in store.document_articles(documents))
            if a is not None]
    return [a for a in held if set(store.article_documents(a.id)) <= set(documents)]


def _preview(ctx: WebContext, article_id: str) -> dict[str, Any]:
    """What a delete of this article would take out, and what every other version of its
    source would add, read without changing anything."""
    from parallax.runner import documents_to_remove

    with ctx.opened() as store:
        article = store.article(article_id)
        if article is None:
            raise ctx.not_found("article")
        documents, _, why = documents_to_remove(store, article_id, by_source=False)
        source = store.article_source(article_id) or {}
        # a teaser's page is deleted by its own article (the command names its --source)
        page = store.article_documents(article_id) if why else documents
        pages = [a for i in store.document_articles(page) if (a := store.article(i))
                 and a.role == "main"]
        going = _going(store, documents)
        versions = documents_to_remove(store, article_id, False, every_version=True)[0]
        also = [a for a in _going(store, versions) if a.id not in {g.id for g in going}]
        stories = [s for i in store.article_stories([a.id for a in going])
                   if (s := store.story(i)) is not None]
        names = store.document_sources(documents) if documents else []
    return {"a": article, "refused": why, "going": going, "stories": stories,
            "pages": pages, "inputs": [source.get("input") or source.get("uri") or "",
                                       *source.get("also_in", [])],
            "sources": names, "also": also, "also_documents": len(set(versions) -
                                                                  set(documents))}


def _delete(ctx: WebContext, article_id: str, every_version: bool) -> Deletion:
    """``runner.delete`` of one article id; the caller answers its refusal (a page or JSON)."""
    from parallax.runner import delete

    with ctx.opened() as store:
        done = delete(store, ctx.config, [(article_id, False)], every_version=every_version)
    if done.rows[0]["status"] == "not_found":
        raise ctx.not_found("article")
    if done.removed.documents:
        ctx.forget_facets()  # the filters must not offer an outlet or entity now gone
        ctx.jobs.warm([s.id for s in done.kept])
    return done


def register_delete(app: FastAPI, ctx: WebContext) -> None:
    @app.get("/article/{article_id}/delete", include_in_schema=False,
             response_class=HTMLResponse)
    def delete_form(article_id: str) -> Response:
        if not ctx.token_hash:
            from parallax.web.security import WRITES_OFF

            return ctx.page("error.html", 403, title="Read-only server", message=WRITES_OFF)
        view = _preview(ctx, article_id)
        return ctx.page("delete.html", 409 if view["refused"] else 200, **view)

    @app.post("/article/{article_id}/delete", include_in_schema=False,
              response_class=HTMLResponse)
    def delete_submit(request: Request, article_id: str,
                      source: Annotated[str, Form(max_length=10)] = "") -> Response:
        ctx.check_token(request)  # the form's first field, checked before the body was read
        done = _delete(ctx, article_id, every_version=bool(source))
        if done.rows[0]["status"] != "deleted":
            return ctx.page("error.html", 409, title="Not deleted",
                            message=f"Not deleted: {done.rows[0]['reason']}.")
        return ctx.page("deleted.html", removed=done.removed, kept=done.kept,
                        dropped=done.dropped)

    @app.delete("/api/articles/{article_id}", response_model=Deleted, tags=["articles"],
                responses={401: {"description": "missing or wrong token"},
                           403: {"description": "delete switched off (read-only server)"},
                           404: {"description": "no stored article has this id"},
                           409: {"description": "a teaser: delete the page that holds it"}})
    def api_delete(request: Request, article_id: str, source: bool = False,
                   authorization: Annotated[str | None, Header()] = None) -> Any:
        """Remove the article's page (its teasers, comments and boilerplate with it), as
        ``parallax delete ID`` does; with ``source=true`` also every other version of the
        page's source (its inputs and address, as ``--source`` takes each). Stories that lost
        members are made again from the articles left. Needs ``Authorization: Bearer
        TOKEN``."""
        ctx.check_token(request)  # ``authorization``: checked by TokenGate before the route
        done = _delete(ctx, article_id, every_version=source)
        row = done.rows[0]
        if row["status"] != "deleted":
            return JSONResponse({"detail": f"Not deleted: {row['reason']}."}, status_code=409)
        return {"article": article_id, "source": source, "documents": done.removed.documents,
                "articles": done.removed.articles, "copies": done.removed.copies,
                "stories_changed": [story_summary(s) for s in done.kept],
                "stories_removed": done.dropped}


__all__ = ["DELETE_PATHS", "register_delete"]
