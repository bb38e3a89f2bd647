"""SQLite store: one file, WAL mode (one writer, many readers), FTS5 search over articles.

The queries live in ``store/sql.py``; this module only connects, runs transactions and
searches with FTS5.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from parallax.errors import Code, ParallaxError
from parallax.store.migrations import migrate
from parallax.store.sql import Rows, SQLStore, search_terms

BUSY_TIMEOUT_MS = 10_000


class SQLiteConnection:
    """sqlite3 behind the small interface the shared queries use."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.raw = conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Rows:
        return self.raw.execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self.raw.executemany(sql, rows)


class SQLiteStore(SQLStore):
    conn: SQLiteConnection

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            raw = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False,
                                  timeout=BUSY_TIMEOUT_MS / 1000)
            raw.row_factory = sqlite3.Row
            raw.execute("PRAGMA journal_mode=WAL")
            raw.execute("PRAGMA foreign_keys=ON")
            raw.execute("PRAGMA synchronous=NORMAL")
            raw.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            migrate(raw)
        except sqlite3.DatabaseError as exc:
            raise ParallaxError(Code.STORE, f"cannot open database {self.path}: {exc}") from exc
        self.conn = SQLiteConnection(raw)

    def close(self) -> None:
        self.conn.raw.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        # IMMEDIATE takes the write lock up front, so two writers wait (busy_timeout) instead
        # of failing halfway through a page.
        self.conn.raw.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.raw.execute("ROLLBACK")
            raise
        self.conn.raw.execute("COMMIT")

    def json_text(self, column: str, key: str) -> str:
        return f"json_extract({column}, '$.{key}')"

    def search(self, query: str, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        match = _fts_query(query)
        if not match:
            return []
        rows = self.conn.execute(
            "SELECT a.id, a.title, a.outlet, a.language, a.role, a.published,"
            " snippet(articles_fts, 1, '[', ']', '…', 12) AS snippet"
            " FROM articles_fts JOIN articles a ON a.rowid_ = articles_fts.rowid"
            " WHERE articles_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?", (match, limit, offset))
        return [dict(r) for r in rows]

    def search_count(self, query: str) -> int:
        match = _fts_query(query)
        if not match:
            return 0
        return int(self.conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts"
                                     " MATCH ?", (match,)).fetchone()[0])


def _fts_query(query: str) -> str:
    """Quote each term so user input can never be read as FTS5 syntax."""
    return " ".join(f'"{t}"' for t in search_terms(query))
