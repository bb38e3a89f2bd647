"""The web app: server-rendered pages and a JSON API over one store.

Everything shown comes from pages written by strangers, so the app leans on layers that do not
depend on each other: Jinja2 autoescaping (nothing is marked safe), a strict
Content-Security-Policy that would stop a script even if one slipped through, links only for
http(s) addresses, a body-size cap and rate limit in front of every route, and a token (only its
hash configured) for anything that writes. Errors reach people as pages and JSON messages,
never as stack traces.
"""

from __future__ import annotations

import logging
import re
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import UploadFile as StarletteUpload
from starlette.exceptions import HTTPException
from starlette.types import Scope

from parallax.compare.render import STATIC_DIR, template_environment
from parallax.errors import Code, ParallaxError
from parallax.settings import Config
from parallax.store import Store
from parallax.web.api import register_api
from parallax.web.context import ComparisonFor, WebContext
from parallax.web.delete import DELETE_PATHS, register_delete
from parallax.web.jobs import IngestJobs
from parallax.web.pagecache import RenderedPages
from parallax.web.pages import register_pages
from parallax.web.security import SECURITY_HEADERS, Limits, SecurityHeaders, TokenGate
from parallax.web.views import story_summary

__all__ = ["SECURITY_HEADERS", "create_app", "story_summary"]

log = logging.getLogger(__name__)


def _default_comparison(config: Config, context: list[WebContext]) -> ComparisonFor:
    """Import lazily: the web UI must start (and show stories) even without the compare stage.
    ``context``: the server's, once made (its kept shown names)."""

    def compute(store: Store, story_id: str) -> dict[str, Any]:
        from parallax.compare.service import comparison_for

        return comparison_for(store, story_id, config,
                              shown_names=context[0].shown_names if context else None)

    return compute


def _problem(error: dict[str, Any]) -> Any:
    """One validation problem without the value sent: an upload's internals (temporary file
    arguments) or megabytes of pasted text are no answer to the person who sent them."""
    problem = {k: error[k] for k in ("loc", "msg", "type", "ctx") if k in error}
    if isinstance(error.get("input"), StarletteUpload):  # ``-F text=@page.txt``
        problem["msg"] = ("a file was sent where text was expected: upload files in the "
                          "field 'files' (curl -F files=@page.txt)")
    return jsonable_encoder(problem)


def _is_api(request: Request) -> bool:
    return request.url.path.startswith(("/api/", "/healthz"))


#: a path prefix a proxy may serve the app under: path segments of unreserved characters
_ROOT_PATH = re.compile(r"(?:/[A-Za-z0-9._~-]+)*")


def path_prefix(value: str) -> str:
    """``value`` as the prefix of every address the app writes ("parallax/" -> "/parallax");
    ValueError for one that is no plain path."""
    root = "/" + value.strip().strip("/") if value.strip().strip("/") else ""
    if not _ROOT_PATH.fullmatch(root) or "/../" in root + "/" or "/./" in root + "/":
        raise ValueError(f"not a path prefix: {value!r}; give one like /parallax (letters, "
                         "digits and . _ ~ - between slashes)")
    return root


def create_app(db: str, config: Config | None = None,
               comparison_for: ComparisonFor | None = None,
               token_hash: str | None = None, root_path: str = "") -> FastAPI:
    """``token_hash``: PBKDF2 hash of the ingest token (default: the ``web_token_hash``
    setting); empty keeps the server read-only. ``root_path``: the path a proxy serves the app
    under, having stripped it from each request ("/parallax"): links, forms and redirects
    start with it. Behind such a proxy every page's links led outside the app (helper NW)."""
    config = config or Config()
    if token_hash is None:
        token_hash = "" if config["web_read_only"] else str(config["web_token_hash"])
    made: list[WebContext] = []
    compare = comparison_for or _default_comparison(config, made)
    ctx = WebContext(db=db, config=config, compare=compare, env=template_environment(),
                     jobs=IngestJobs(db, config, compare), token_hash=token_hash,
                     rendered=RenderedPages(config), root=path_prefix(root_path))
    made.append(ctx)

    max_body = int(config["web_max_body_bytes"])
    # form_limits: Starlette's own 1 MB cap per text field would refuse a paste the form
    # allows (5 MB); the body cap bounds every field anyway. redirect_slashes off: Starlette
    # builds that redirect from the Host header (a reflected, absolute Location).
    app = FastAPI(title="Parallax", version="1",
                  summary="Every side of a news story: stories, comparisons, articles, "
                          "entities, outlets, search and ingest.",
                  docs_url=None, redoc_url=None, redirect_slashes=False,
                  form_limits={"max_part_size": max_body})

    async def refuse(scope: Scope, status: int, message: str) -> Response:
        if str(scope.get("path", "")).startswith(("/api/", "/healthz")):
            return JSONResponse({"detail": message}, status_code=status)
        title = {401: "Token needed", 403: "Read-only server",
                 413: "Upload too large"}.get(status, f"Error {status}")
        return ctx.page("error.html", status, title=title, message=message)

    # outermost last: every answer, refusals included, passes SecurityHeaders
    app.add_middleware(TokenGate, token_hash=token_hash, paths={"/ingest", "/api/ingest"},
                       patterns=DELETE_PATHS, refuse=refuse)
    app.add_middleware(Limits, max_body=max_body,
                       per_minute=int(config["web_rate_per_minute"]), page=refuse)
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        """Browsers ask for it on pages that name no icon (the JSON API opened in a tab), and
        its 404 was the one console error there."""
        return FileResponse(STATIC_DIR / "favicon.svg", media_type="image/svg+xml")

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        path = request.url.path
        if exc.status_code == 404 and request.method in ("GET", "HEAD") and len(path) > 1 \
                and path.endswith("/") and not path.startswith(("//", "/\\")):
            # "/story/x/" -> "/story/x": a relative Location, never one built from Host
            target = ctx.root + quote(path.rstrip("/"), safe="/:@-._~!$&'()*+,;=%")
            query = request.url.query
            return RedirectResponse(target + (f"?{query}" if query else ""), status_code=308)
        if _is_api(request):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        title = {404: "Not found", 401: "Token needed", 403: "Read-only server",
                 405: "Not allowed"}.get(exc.status_code, f"Error {exc.status_code}")
        return ctx.page("error.html", exc.status_code, title=title, message=str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = [f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: "
                    f"{e.get('msg', 'invalid')}" for e in exc.errors()][:5]
        if _is_api(request):  # FastAPI's documented shape: loc, msg, type per problem
            return JSONResponse({"detail": [_problem(e) for e in exc.errors()]},
                                status_code=422)
        return ctx.page("error.html", 422, title="Check the address",
                        message="Some parameters are not valid: " + "; ".join(problems))

    @app.exception_handler(ParallaxError)
    async def parallax_error(request: Request, exc: ParallaxError) -> Response:
        status = 404 if exc.code is Code.NOT_IN_STORE else 500
        log.error("request %s failed: %s", request.url.path, exc)
        if _is_api(request):
            return JSONResponse({"detail": exc.message, "code": exc.code.value},
                                status_code=status)
        return ctx.page("error.html", status, title=f"Error {exc.code.value}",
                        message=exc.message)

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:
        log.exception("request %s crashed", request.url.path)
        message = "Something went wrong on the server; the error was logged."
        if _is_api(request):
            return JSONResponse({"detail": message}, status_code=500)
        return ctx.page("error.html", 500, title="Server error", message=message)

    register_pages(app, ctx)
    register_delete(app, ctx)
    register_api(app, ctx)
    app.state.jobs = ctx.jobs  # `parallax serve` asks it to warm the comparison cache
    return app
