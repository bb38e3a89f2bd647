"""PostgreSQL store for a server many people share: the same queries as SQLite
(``store/sql.py``) over psycopg 3, full-text search on a generated ``tsvector`` column.

Selected by a ``postgresql://`` database URL. One connection per store object, in autocommit
mode with explicit transactions per page, like SQLite; the web app opens one store per request,
so closed stores leave their connection idle for the next one.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from parallax.errors import Code, ParallaxError
from parallax.store.migrations import migrate_postgres
from parallax.store.search_query import SearchQuery
from parallax.store.sql import Rows, SQLStore
from parallax.store.unspaced_codes import codes_condition
from parallax.store.unspaced_search import (
    INDEXED_COLUMNS,
    UnspacedSearch,
    left_out_scanned,
)

CONNECT_TIMEOUT_S = 10
#: the most values one statement binds (the protocol counts them in 16 bits)
MAX_BOUND = 65_535
#: the advisory lock that serialises story updates (any fixed number unique to Parallax)
STORY_LOCK_KEY = 0x5041524C
#: idle connections kept per URL for the next store (the web app opens one store per request)
MAX_IDLE = 8
#: URLs whose schema this process has already brought up to date (a store per web request
#: would otherwise take the migration lock on every page)
_migrated: set[str] = set()
_idle: dict[str, list[Any]] = {}
_idle_lock = threading.Lock()


def _reuse(url: str) -> Any | None:
    """An idle connection to this URL that still answers, or None.

    A handful of idle connections instead of psycopg_pool: a store is opened and closed per web
    request, so reuse is all that is needed, without background threads that would keep
    reconnecting to a database that was dropped or is down."""
    while True:
        with _idle_lock:
            pool = _idle.get(url)
            conn = pool.pop() if pool else None
        if conn is None:
            return None
        try:
            conn.execute("SELECT 1")
            return conn
        except Exception:  # the server restarted or ended the session: try the next one
            conn.close()


def _release(url: str, conn: Any) -> None:
    import psycopg

    healthy = (not conn.closed and conn.info.transaction_status
               == psycopg.pq.TransactionStatus.IDLE)
    with _idle_lock:
        pool = _idle.setdefault(url, [])
        if healthy and len(pool) < MAX_IDLE:
            pool.append(conn)
            return
    conn.close()


class Row:
    """A result row readable by column name or position, like ``sqlite3.Row``."""

    __slots__ = ("_index", "_values")

    def __init__(self, index: dict[str, int], values: Sequence[Any]) -> None:
        self._index = index
        self._values = values

    def __getitem__(self, key: int | str) -> Any:
        return self._values[self._index[key] if isinstance(key, str) else key]

    def keys(self) -> list[str]:
        return list(self._index)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)


def _row_factory(cursor: Any) -> Any:
    index = {c.name: i for i, c in enumerate(cursor.description or ())}
    return lambda values: Row(index, values)


@lru_cache(maxsize=256)
def _pg_sql(sql: str) -> str:
    """The shared queries' ``?`` placeholders in psycopg's spelling."""
    return sql.replace("%", "%%").replace("?", "%s")


def _clean(params: Sequence[Any]) -> tuple[Any, ...]:
    # PostgreSQL text cannot hold NUL; news text never means one, so it is dropped here rather
    # than failing the whole page.
    return tuple(p.replace("\x00", "") if isinstance(p, str) else p for p in params)


class PostgresConnection:
    def __init__(self, conn: Any) -> None:
        self.raw = conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Rows:
        return self.raw.execute(_pg_sql(sql), _clean(params))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        batch = [_clean(r) for r in rows]
        if batch:
            with self.raw.cursor() as cursor:
                cursor.executemany(_pg_sql(sql), batch)


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    parts = urlsplit(url)
    if parts.password:
        host = parts.hostname or ""
        netloc = f"{parts.username}:***@{host}" + (f":{parts.port}" if parts.port else "")
        return urlunsplit(parts._replace(netloc=netloc))
    return url


class PostgresStore(UnspacedSearch, SQLStore):
    # a B-tree entry holds 2,704 bytes: a longer rejected input stopped the ingest (0020)
    rejection_key = "((md5(input)))"
    conn: PostgresConnection

    def __init__(self, url: str) -> None:
        import psycopg

        self.path = redact(url)
        self.url = url
        raw = _reuse(url)
        if raw is None:
            try:
                raw = psycopg.connect(url, autocommit=True, row_factory=_row_factory,
                                      connect_timeout=CONNECT_TIMEOUT_S)
            except psycopg.Error as exc:
                raise ParallaxError(Code.STORE, f"cannot connect to PostgreSQL at {self.path}: "
                                    f"{str(exc).strip()}") from exc
        try:
            if url not in _migrated:
                migrate_postgres(raw)
                _migrated.add(url)
        except BaseException:
            raw.close()
            raise
        self.conn = PostgresConnection(raw)

    def close(self) -> None:
        """Hand the connection back for the next store in this process (or close it)."""
        _release(self.url, self.conn.raw)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self.conn.raw.transaction():
            yield

    @contextmanager
    def story_lock(self) -> Iterator[None]:
        # a session-level advisory lock: released by the server too if this process dies
        self.conn.execute("SELECT pg_advisory_lock(?)", (STORY_LOCK_KEY,))
        try:
            yield
        finally:
            self.conn.execute("SELECT pg_advisory_unlock(?)", (STORY_LOCK_KEY,))

    def json_text(self, column: str, key: str) -> str:
        return f"(({column})::jsonb ->> '{key}')"

    def bytewise(self, column: str) -> str:
        # the database's collation may order "a/b" after "a-c": "C" orders by code point
        return f'({column} COLLATE "C")'

    def after_hash(self, column: str) -> str:
        return f"substr({column}, strpos({column}, '#') + 1)"  # (migration 0017's index)

    def bound_limit(self) -> int:
        return MAX_BOUND

    def word_search(self, query: SearchQuery, limit: int, offset: int) -> list[dict[str, Any]]:
        expression, values = _tsquery(query)
        if not values:
            return []
        scanned, left_out = left_out_scanned(query)
        rows = self.conn.execute(
            "SELECT a.id, a.title, a.outlet, a.language, a.role, a.published,"
            " ts_headline('simple', a.text, t.q, 'StartSel=[, StopSel=], MaxWords=14,"
            " MinWords=6, MaxFragments=1') AS snippet"
            f" FROM articles a, (SELECT {expression} AS q) t WHERE a.fts @@ t.q{scanned}"
            " ORDER BY ts_rank(a.fts, t.q) DESC, a.rowid_ LIMIT ? OFFSET ?",
            (*values, *left_out, limit, offset))
        return [dict(r) for r in rows]

    def word_count(self, query: SearchQuery) -> int:
        expression, values = _tsquery(query)
        if not values:
            return 0
        scanned, left_out = left_out_scanned(query)
        return int(self.conn.execute(
            f"SELECT count(*) FROM articles a WHERE a.fts @@ ({expression}){scanned}",
            [*values, *left_out]).fetchone()[0])

    def unspaced_index(self, pairs: list[str], singles: list[str]) -> tuple[str, list[Any]]:
        # migration 0018's table (a deleted article's row goes with it); OFFSET 0 keeps the
        # subquery whole, so the substring tests run on what the index gave
        condition, values = codes_condition(pairs, singles)
        return (f"(SELECT {INDEXED_COLUMNS} FROM articles WHERE rowid_ IN (SELECT article FROM"
                f" articles_unspaced_codes WHERE {condition}) OFFSET 0)", values)


def _tsquery(query: SearchQuery) -> tuple[str, list[str]]:
    """The tsquery of a search box as SQL of placeholders only, and its values: every word
    (``plainto_tsquery``, no operators) and each quoted phrase (``phraseto_tsquery``)."""
    words, phrases, either, left_out = query  # either: "ferry OR boat", one of them
    parts = ["plainto_tsquery('simple', ?)"] * bool(words) + \
        ["phraseto_tsquery('simple', ?)"] * len(phrases) + \
        ["(" + " || ".join(["phraseto_tsquery('simple', ?)"] * len(g)) + ")" for g in either] + \
        ["(!! phraseto_tsquery('simple', ?))"] * len(left_out)  # "-word": none of them
    return " && ".join(parts), [" ".join(words)] * bool(words) + phrases + \
        [t for g in either for t in g] + left_out
