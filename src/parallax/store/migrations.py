"""Schema migrations for both stores from one place.

Each dialect has a folder of numbered SQL files (``migrations/sqlite``, ``migrations/postgres``)
with the same version numbers: version N means the same tables and columns on both, so the one
set of queries in ``store/sql.py`` reads either. ``tests/test_store_backends.py`` checks that the
folders stay in step. Every migration runs in one transaction; a database newer than this code is
refused rather than silently misread.

SQLite records the applied version in ``PRAGMA user_version``; PostgreSQL in a one-row table
``parallax_schema``, under an advisory lock so two processes starting at once migrate once.
"""

from __future__ import annotations

import re
import sqlite3
from importlib import resources
from typing import Any

from parallax.errors import Code, ParallaxError

DIALECTS = ("sqlite", "postgres")
#: an arbitrary constant: the advisory lock that serialises PostgreSQL migrations
PG_MIGRATION_LOCK = 0x5A4A11A8


def migration_scripts(dialect: str = "sqlite") -> list[tuple[int, str]]:
    folder = resources.files("parallax.store") / "migrations" / dialect
    scripts = []
    for entry in folder.iterdir():
        if m := re.match(r"(\d{4})_.*\.sql$", entry.name):
            scripts.append((int(m.group(1)), entry.read_text(encoding="utf-8")))
    return sorted(scripts)


LATEST = max(v for v, _ in migration_scripts())


def _refuse_newer(current: int) -> None:
    if current > LATEST:
        raise ParallaxError(Code.STORE, f"database schema v{current} is newer than this Parallax "
                            f"(v{LATEST}); upgrade Parallax")


def migrate(conn: sqlite3.Connection) -> int:
    """Also registers the functions the schema's triggers call (``parallax_unspaced_grams``,
    migration 0013): every connection that writes articles is opened here."""
    from parallax.store.unspaced_search import unspaced_grams

    conn.create_function("parallax_unspaced_grams", 2, unspaced_grams, deterministic=True)
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    _refuse_newer(current)
    for version, script in migration_scripts("sqlite"):
        if version <= current:
            continue
        try:
            # IMMEDIATE takes the write lock before reading the version again: two processes
            # opening a new database at once migrate it once (the second waits, then skips)
            conn.execute("BEGIN IMMEDIATE")
            if conn.execute("PRAGMA user_version").fetchone()[0] >= version:
                conn.execute("COMMIT")
                continue
            for statement in _statements(script):
                if not _column_there(conn, statement):
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if conn.in_transaction:  # BEGIN itself may be what failed
                conn.execute("ROLLBACK")
            raise ParallaxError(Code.STORE, f"migration {version} failed: {exc}") from exc
    return int(LATEST)


_ADD_COLUMN = re.compile(r"\s*ALTER\s+TABLE\s+(\w+)\s+ADD\s+COLUMN\s+(\w+)", re.IGNORECASE)


def _column_there(conn: sqlite3.Connection, statement: str) -> bool:
    """Whether ``statement`` adds a column the table already has. SQLite has no ``ADD COLUMN
    IF NOT EXISTS`` (PostgreSQL's spelling), and a store whose recorded version is older than
    its tables runs its migrations again (the thirty-first session's 0014), so such a
    statement is skipped rather than fail the migration."""
    if not (m := _ADD_COLUMN.match(statement)):
        return False
    return any(row[1] == m.group(2) for row in conn.execute(f"PRAGMA table_info({m.group(1)})"))


def migrate_postgres(conn: Any) -> int:
    """``conn`` is a psycopg connection in autocommit mode."""
    import psycopg

    try:
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (PG_MIGRATION_LOCK,))
            conn.execute("CREATE TABLE IF NOT EXISTS parallax_schema (version INTEGER NOT NULL)")
            row = conn.execute("SELECT version FROM parallax_schema").fetchone()
            current = int(row[0]) if row else 0
            if row is None:
                conn.execute("INSERT INTO parallax_schema (version) VALUES (0)")
            _refuse_newer(current)
            for version, script in migration_scripts("postgres"):
                if version <= current:
                    continue
                with conn.transaction():  # a savepoint: the failing version is named
                    try:
                        for statement in _statements(script):
                            conn.execute(statement)
                    except psycopg.Error as exc:
                        raise ParallaxError(Code.STORE,
                                            f"migration {version} failed: {exc}") from exc
                conn.execute("UPDATE parallax_schema SET version = %s", (version,))
    except psycopg.Error as exc:
        raise ParallaxError(Code.STORE, f"migrating the PostgreSQL schema failed: {exc}") from exc
    return int(LATEST)


def _statements(script: str) -> list[str]:
    """Split on ';' at line ends, keeping trigger bodies (BEGIN ... END;) whole."""
    statements, buffer = [], []
    depth = 0
    for line in script.splitlines():
        stripped = line.strip()
        if stripped.startswith("--") or not stripped:
            continue
        buffer.append(line)
        upper = stripped.upper()
        if upper.endswith(" BEGIN"):
            depth += 1
        if upper == "END;":
            depth -= 1
        if stripped.endswith(";") and depth == 0:
            statements.append("\n".join(buffer))
            buffer = []
    if buffer:
        statements.append("\n".join(buffer))
    return statements
