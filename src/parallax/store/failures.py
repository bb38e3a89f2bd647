"""A database failure said in one line a person can act on, by the CLI and by web ingest
jobs alike: never a traceback, and never a bare driver message. SQLite's "database is
locked" told a user neither why (another process held the write lock past the wait) nor that
nothing was lost."""

from __future__ import annotations

import sqlite3
import sys

from parallax.errors import Code
from parallax.store import sqlite as sqlite_store


def store_failure(exc: BaseException) -> BaseException | None:
    """The database error (sqlite3 or psycopg) behind ``exc``, if that is what it is."""
    kinds: list[type[BaseException]] = [sqlite3.Error]
    if "psycopg" in sys.modules:
        kinds.append(sys.modules["psycopg"].Error)
    seen: BaseException | None = exc
    for _ in range(20):  # a cause chain can loop
        if seen is None:
            break
        if isinstance(seen, tuple(kinds)):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


def failure_line(failure: BaseException, *, again: str = "run the same command again") -> str:
    """``again``: what the person does next ("send the same inputs again" on the web)."""
    message = " ".join(str(failure).split())[:300]
    if isinstance(failure, sqlite3.OperationalError) and ("locked" in message
                                                          or "busy" in message):
        wait = sqlite_store.BUSY_TIMEOUT_MS / 1000
        return (f"[{Code.STORE.value}] the database is busy: another process kept it locked "
                f"for over {wait:g} s (another ingest's long write, or a tool holding it "
                f"open). Everything committed before it is kept; {again} when it is free.")
    if "disk is full" in message or "No space left" in message:  # SQLite's, PostgreSQL's
        # told only to run again, a person ran into the same full disk at the same place
        return (f"[{Code.STORE.value}] the disk holding the database is full "
                f"({type(failure).__name__}: {message}). Everything committed before it is "
                f"kept; free some space there, then {again} to continue.")
    return (f"[{Code.STORE.value}] the database failed: {type(failure).__name__}: {message}. "
            f"Everything committed before it is kept; {again} to continue.")
