"""SQLite store: one file, WAL mode (one writer, many readers), FTS5 search over articles.

The queries live in ``store/sql.py``; this module only connects, runs transactions and
searches with FTS5.
"""

from __future__ import annotations

import fcntl
import random
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from parallax.errors import Code, ParallaxError
from parallax.store.migrations import migrate
from parallax.store.search_query import SearchQuery
from parallax.store.sql import Rows, SQLStore
from parallax.store.unspaced_queue import QUEUED, index_queued, index_queued_on_open
from parallax.store.unspaced_search import (
    ALL,
    INDEXED_COLUMNS,
    UnspacedSearch,
    left_out_scanned,
)

BUSY_TIMEOUT_MS = 10_000


class SQLiteConnection:
    """sqlite3 behind the small interface the shared queries use."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.raw = conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Rows:
        return self.raw.execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self.raw.executemany(sql, rows)


def _open(path: str) -> sqlite3.Connection:
    raw = sqlite3.connect(path, isolation_level=None, check_same_thread=False,
                          timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        raw.row_factory = sqlite3.Row
        raw.execute("PRAGMA journal_mode=WAL")
        raw.execute("PRAGMA foreign_keys=ON")
        raw.execute("PRAGMA synchronous=NORMAL")
        raw.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        migrate(raw)
        index_queued_on_open(raw)  # what another client inserted (migration 0015)
    except BaseException:
        raw.close()
        raise
    return raw


def _open_with_retry(path: str) -> sqlite3.Connection:
    """Open, switch to WAL and migrate, retrying while another process does the same.

    Two processes opening a new database at once both read it under a shared lock and both
    ask for the exclusive lock that the switch to WAL needs; SQLite answers one of them
    "database is locked" at once, without calling the busy handler (waiting would deadlock).
    That is a race, not an error, so the open starts over until BUSY_TIMEOUT_MS has passed.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    attempt = 0
    while True:
        try:
            return _open(path)
        except sqlite3.OperationalError as exc:
            contended = "locked" in str(exc) or "busy" in str(exc)
            if not contended or time.monotonic() >= deadline:
                raise ParallaxError(Code.STORE, f"cannot open database {path}: {exc}") from exc
        except ParallaxError as exc:  # migrate() wraps its own errors
            if "locked" not in exc.message or time.monotonic() >= deadline:
                raise
        except sqlite3.DatabaseError as exc:
            raise ParallaxError(Code.STORE, f"cannot open database {path}: {exc}") from exc
        attempt += 1
        time.sleep(min(0.5, 0.01 * 2 ** attempt) * (0.5 + random.random()))


class SQLiteStore(UnspacedSearch, SQLStore):
    conn: SQLiteConnection

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        if self.path != ":memory:" and (Path(self.path).is_dir()
                                        or self.path.endswith("/")):
            # "--db data/" was "cannot open database data/: unable to open database file",
            # which names no cause (helper NW, round ten); a folder not made yet was a file
            # "data" SQLite made, then E099 at its story lock "data/-stories.lock" (helper R)
            raise ParallaxError(Code.STORE, f"cannot open database {self.path}: it is a "
                                "folder; give a database file's path, e.g. "
                                f"{Path(self.path) / 'news.db'}")
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self.conn = SQLiteConnection(_open_with_retry(self.path))

    def close(self) -> None:
        self.conn.raw.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        # IMMEDIATE takes the write lock up front, so two writers wait (busy_timeout) instead
        # of failing halfway through a page.
        self.conn.raw.execute("BEGIN IMMEDIATE")
        try:
            yield
            index_queued(self.conn.raw)  # the articles it wrote, in the n-gram index
        except BaseException:
            self.conn.raw.execute("ROLLBACK")
            raise
        self.conn.raw.execute("COMMIT")

    @contextmanager
    def story_lock(self) -> Iterator[None]:
        # flock on a file beside the database, not on the database itself: SQLite takes its
        # own POSIX record locks there, and on NFS flock is emulated with those.
        if self.path == ":memory:":
            yield  # one connection, one process: nobody to wait for
            return
        with open(self.path + "-stories.lock", "a+b") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def json_text(self, column: str, key: str) -> str:
        return f"json_extract({column}, '$.{key}')"

    def bytewise(self, column: str) -> str:
        return column  # BINARY, the default collation: UTF-8 bytes, in code-point order

    def after_hash(self, column: str) -> str:
        return f"substr({column}, instr({column}, '#') + 1)"  # (migration 0017's index)

    def bound_limit(self) -> int:
        # what this build allows (32,766 on many, 999 before 3.32), or what a test set
        return int(self.conn.raw.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER))

    def word_search(self, query: SearchQuery, limit: int, offset: int) -> list[dict[str, Any]]:
        match = _fts_query(query)
        if not match:
            return []
        scanned, values = left_out_scanned(query)
        rows = self.conn.execute(
            "SELECT a.id, a.title, a.outlet, a.language, a.role, a.published,"
            " snippet(articles_fts, 1, '[', ']', '…', 12) AS snippet"
            " FROM articles_fts JOIN articles a ON a.rowid_ = articles_fts.rowid"
            f" WHERE articles_fts MATCH ?{scanned} ORDER BY rank LIMIT ? OFFSET ?",
            (match, *values, limit, offset))
        return [dict(r) for r in rows]

    def word_count(self, query: SearchQuery) -> int:
        match = _fts_query(query)
        if not match:
            return 0
        scanned, values = left_out_scanned(query)
        joined = " JOIN articles a ON a.rowid_ = articles_fts.rowid" if scanned else ""
        return int(self.conn.execute(f"SELECT count(*) FROM articles_fts{joined} WHERE"
                                     f" articles_fts MATCH ?{scanned}",
                                     (match, *values)).fetchone()[0])

    def unspaced_index(self, pairs: list[str], singles: list[str]) -> tuple[str, list[Any]]:
        # the tokens are letters and digits: no FTS5 syntax; a deleted article's rows stay in
        # the contentless table, but its rowid is never used again (AUTOINCREMENT)
        match = f"({' AND '.join([*pairs, *(f'{s}*' for s in singles)])}) OR {ALL}"
        return (f"(SELECT {INDEXED_COLUMNS} FROM articles WHERE rowid_ IN (SELECT rowid FROM"
                f" articles_unspaced WHERE articles_unspaced MATCH ? UNION {QUEUED}))", [match])


def _fts_query(query: SearchQuery) -> str:
    """Quote each term and phrase so user input can never be read as FTS5 syntax (an FTS5
    string of several words is a phrase; the terms hold no quote)."""
    words, phrases, groups, left_out = query
    either = ["(" + " OR ".join(f'"{t}"' for t in group) + ")"
              for group in groups]  # "ferry OR boat": one of them
    match = " ".join(f'"{t}"' for t in (*words, *phrases))  # (a term without a token: none)
    if either:  # FTS5 joins a parenthesised group by AND only
        match = " AND ".join([f"({match})"] * bool(match) + either)
    return f"({match})" + "".join(f' NOT "{t}"' for t in left_out) if left_out else match
