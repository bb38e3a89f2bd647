"""Deleting a document from the browser: the article page's "Delete this document" leads to a
page that says what would go (``GET``, which changes nothing), whose form sends the token
(``POST``, checked by ``security.TokenGate`` before the body is read, as ingest's); the answer
is a plain page of what was removed and which stories were made again.

Why: a reader who finds a wrong page in the store (a file ingested by mistake) had to leave
the browser for ``parallax delete``. The removal is the command's own: the same documents
(``runner.documents_to_remove``: the article's page, teasers and comments with it, a teaser's
id refused), the same store transaction and the same regrouping of stories
(``runner.forget``). A link, a crawler or a prefetch can only reach the ``GET`` page.
"""

from __future__ import annotations

import re
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response

from parallax.web.context import WebContext

#: the paths whose POST deletes (``TokenGate`` checks their token; the route's own pattern)
DELETE_PATHS = (re.compile(r"/article/[^/]+/delete"),)


def _preview(ctx: WebContext, article_id: str) -> dict[str, Any]:
    """What a delete of this article would take out, read without changing anything."""
    from parallax.runner import documents_to_remove

    with ctx.opened() as store:
        article = store.article(article_id)
        if article is None:
            raise ctx.not_found("article")
        documents, _, why = documents_to_remove(store, article_id, by_source=False)
        source = store.article_source(article_id) or {}
        # a teaser's page is deleted by its own article (the command names its --source)
        page = store.article_documents(article_id) if why else documents
        held = [a for a in (store.article(i) for i in store.document_articles(page))
                if a is not None]
        # an article another input also holds stays, under that input
        going = [a for a in held if set(store.article_documents(a.id)) <= set(documents)]
        stories = [s for i in store.article_stories([a.id for a in going])
                   if (s := store.story(i)) is not None]
    return {"a": article, "refused": why, "going": going, "stories": stories,
            "pages": [a for a in held if a.role == "main"],
            "inputs": [source.get("input") or source.get("uri") or "",
                       *source.get("also_in", [])]}


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
    def delete_submit(request: Request, article_id: str) -> Response:
        from parallax.runner import documents_to_remove, forget

        ctx.check_token(request)  # the form's first field, checked before the body was read
        with ctx.opened() as store:
            documents, status, why = documents_to_remove(store, article_id, by_source=False)
            if not documents:
                if status == "not_found":
                    raise ctx.not_found("article")
                return ctx.page("error.html", 409, title="Not deleted",
                                message=f"Not deleted: {why}.")
            removed = store.remove_documents(documents)
            kept = forget(store, ctx.config, removed.stories)
        ctx.forget_facets()  # the filters must not offer an outlet or entity now gone
        ctx.jobs.warm([s.id for s in kept])
        return ctx.page("deleted.html", removed=removed, kept=kept,
                        dropped=sorted(removed.stories - {s.id for s in kept}))


__all__ = ["DELETE_PATHS", "register_delete"]
