"""What every route needs: the store (opened per request, so a running server sees what the
last ingest wrote), the templates, the comparison function, the ingest jobs and the token."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Annotated, Any, TypeVar
from urllib.parse import quote

from fastapi import Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from jinja2 import Environment
from pydantic import AfterValidator
from starlette.exceptions import HTTPException

from parallax.settings import Config
from parallax.store import Store, open_store
from parallax.store.browse import ISO_DAY, StoryFilter, filter_day
from parallax.store.shown_names import alias_names
from parallax.web.jobs import MAX_JOBS_KEPT, IngestJobs
from parallax.web.pagecache import RenderedPages
from parallax.web.security import WRITES_OFF

ComparisonFor = Callable[[Store, str], dict[str, Any]]
T = TypeVar("T")
PAGE_SIZE = 20
FACETS_TTL_S = 15.0
MAX_QUERY = 200

# query parameters the pages and the API share, validated the same way (422 otherwise)


def _real_date(value: str | None) -> str | None:
    """2026-02-31 has the right shape but is no day: 422, not an empty result."""
    return None if value is None else filter_day(value)  # ValueError: a validation error


DateParam = Annotated[str | None, Query(pattern=f"^{ISO_DAY}$",
                                        description="ISO date, YYYY-MM-DD"),
                      AfterValidator(_real_date)]
TextParam = Annotated[str | None, Query(max_length=MAX_QUERY)]
PageParam = Annotated[int, Query(ge=1, le=10_000)]
SortParam = Annotated[str, Query(pattern="^(largest|newest)$")]
SearchParam = Annotated[str, Query(max_length=1000)]


def story_filter(outlet: TextParam = None, language: TextParam = None,
                 since: DateParam = None, until: DateParam = None, entity: TextParam = None,
                 narrative: TextParam = None, sort: SortParam = "largest") -> StoryFilter:
    """The stories filter from query parameters (a FastAPI dependency); empty means any."""
    return StoryFilter(outlet=outlet or None, language=language or None, since=since,
                       until=until, entity=entity or None, narrative=narrative or None,
                       sort=sort)


@dataclass(slots=True)
class WebContext:
    db: str
    config: Config
    compare: ComparisonFor
    env: Environment
    jobs: IngestJobs
    token_hash: str  # empty: ingest is switched off (read-only server)
    rendered: RenderedPages
    #: the path a proxy serves the app under ("/parallax"; "" at a host's root): every link,
    #: form and redirect starts with it (``parallax serve --root-path``)
    root: str = ""
    _facets: tuple[float, dict[str, list[str]]] | None = None
    #: canonical name -> (when read, its shown name or None), kept FACETS_TTL_S as the choices
    _shown: dict[str, tuple[float, str | None]] = field(default_factory=dict)

    def facet_options(self, store: Store) -> dict[str, list[str]]:
        """The filter choices, recomputed at most every FACETS_TTL_S: grouping the facet index
        of 10,000 articles on every stories page would dominate its cost."""
        now = time.monotonic()
        if self._facets is None or now - self._facets[0] > FACETS_TTL_S:
            self._facets = (now, store.facet_options())
        return self._facets[1]

    def forget_facets(self) -> None:
        """After a delete: the next page reads the filter choices again."""
        self._facets = None
        self._shown = {}

    def shown_names(self, store: Store, names: Iterable[str]) -> dict[str, str]:
        """``Store.shown_names`` read at most every FACETS_TTL_S a name: the stories page
        names the store's most frequent entities, and counting their votes on every request
        cost 40 ms CPU of a page at 100,000 articles (docs/enrichment.md, helper DN)."""
        now, wanted = time.monotonic(), set(names)
        stale = [n for n in wanted if now - self._shown.get(n, (-FACETS_TTL_S - 1.0, None))[0]
                 > FACETS_TTL_S]
        if stale:
            found = store.shown_names(stale, alias_names(self.config))
            if len(self._shown) > 100_000:
                self._shown = {}
            self._shown.update({n: (now, found.get(n)) for n in stale})
        return {n: shown for n in wanted
                if (shown := self._shown.get(n, (0.0, None))[1]) is not None}

    @contextmanager
    def opened(self) -> Iterator[Store]:
        store = open_store(self.db)
        try:
            yield store
        finally:
            store.close()

    def page(self, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        context.setdefault("ingest_enabled", bool(self.token_hash))
        context.setdefault("root", self.root)
        return HTMLResponse(self.env.get_template(template).render(**context),
                            status_code=status_code)

    def search(self, q: str, page: int) -> tuple[str, list[dict[str, Any]], int]:
        """(the query as searched, one page of hits, total hits); an empty query finds
        nothing."""
        query = q.strip()[:MAX_QUERY]
        if not query:
            return query, [], 0
        with self.opened() as store:
            return (query, store.search(query, PAGE_SIZE, (page - 1) * PAGE_SIZE),
                    store.search_count(query))

    @staticmethod
    def not_found(what: str) -> HTTPException:
        return HTTPException(404, f"No {what} with this id in the store.")

    @staticmethod
    def job_not_found() -> HTTPException:
        """Jobs live in the server's memory, not the store: "no ingest job with this id in
        the store" left a person who reloads a job page after a restart thinking the
        ingest was lost."""
        return HTTPException(404, "No ingest job with this id: the server keeps its last "
                             f"{MAX_JOBS_KEPT} jobs in memory and forgets them when it "
                             "restarts. What a job stored stays stored: find it on the "
                             "stories page or by search.")

    def require(self, what: str, fetch: Callable[[Store], T | None]) -> T:
        """What ``fetch`` reads from a store opened for this request, or a 404 naming it: the
        shape every page and API route that shows one thing shares."""
        with self.opened() as store:
            found = fetch(store)
        if found is None:
            raise self.not_found(what)
        return found

    def entity(self, name: str, route: str) -> dict[str, Any] | RedirectResponse:
        """The entity's profile; where no entity has this canonical name but an article of the
        store wrote it for one ("Tomas Brannock" for "Tomás Brannock"), a 303 to ``route``
        under that entity's canonical name (one indexed read, ``Store.entity_spelt``); else a
        404. The name an article shows was a dead address (thirty-second session, N10)."""
        with self.opened() as store:
            profile = store.entity_profile(name)
            spelt = store.entity_spelt(name) if profile is None else None
        if profile is not None:
            return profile
        if spelt is None:
            raise self.not_found("entity")
        return RedirectResponse(f"{self.root}{route}/{quote(spelt, safe='')}", status_code=303)

    def check_token(self, request: Request) -> None:
        """The token was checked by ``security.TokenGate`` before the body was read (off the
        event loop); the route only confirms the gate let this request through."""
        if not self.token_hash:
            raise HTTPException(403, WRITES_OFF)
        if not getattr(request.state, "token_ok", False):
            raise HTTPException(401, "Ingest and delete need a valid token.")

