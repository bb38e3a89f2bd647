"""SQLite's n-gram index of Chinese and Japanese articles (migration 0013) filled from Python.

Its insert trigger called ``parallax_unspaced_grams``, a function registered on Parallax's own
connections, so another SQLite client (the ``sqlite3`` shell, a script) could not insert such
an article: "no such function". Since migration 0015 the trigger, plain SQL, only queues the
new article's rowid; the store computes the tokens (``unspaced_grams``, the function's own
code) before each of its write transactions commits and when it opens. A search takes every
queued article as a candidate besides what the index gives (``QUEUED``), and the substring
tests decide for it, so an article another client inserted is found before it is indexed, and
a store nobody may write to (a read-only file) answers the same. PostgreSQL's trigger is SQL
and needs none of this.
"""

from __future__ import annotations

import sqlite3

from parallax.store.unspaced_search import unspaced_grams

#: the queued articles' rowids, joined to the index's subquery (``SQLiteStore.unspaced_index``)
QUEUED = "SELECT article FROM articles_unspaced_queue"


def index_queued(conn: sqlite3.Connection) -> int:
    """Index the queued articles inside the caller's write transaction; how many. A queued
    article deleted before it was indexed leaves the queue without a row."""
    rows = conn.execute("SELECT q.article, a.title, a.text FROM articles_unspaced_queue q"
                        " LEFT JOIN articles a ON a.rowid_ = q.article").fetchall()
    if not rows:
        return 0
    conn.executemany("INSERT INTO articles_unspaced(rowid, grams) VALUES (?, ?)",
                     [(r[0], unspaced_grams(r[1], r[2])) for r in rows if r[2] is not None])
    conn.executemany("DELETE FROM articles_unspaced_queue WHERE article = ?",
                     [(r[0],) for r in rows])
    return len(rows)


def index_queued_on_open(conn: sqlite3.Connection) -> None:
    """What other clients queued, indexed when the store opens (most opens find nothing and
    write nothing). A store that cannot be written now (read-only, locked past the timeout)
    stays as it is: its searches still find the queued articles."""
    if conn.execute(f"{QUEUED} LIMIT 1").fetchone() is None:
        return
    try:
        conn.execute("BEGIN IMMEDIATE")
        index_queued(conn)
        conn.execute("COMMIT")
    except sqlite3.OperationalError:
        if conn.in_transaction:
            conn.execute("ROLLBACK")


__all__ = ["QUEUED", "index_queued", "index_queued_on_open"]
