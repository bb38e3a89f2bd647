"""The site memory across ingests: each stored text dump's short lines, hashed (migration 0014).

Why: a dump's template lines (menus, teaser lists, footers) are found by reading it beside
other dumps of the same template (segment/sitememory.py). Within one batch ``ingest`` has
them; a user who ingests an outlet's pages a few at a time (a daily feed, pages pasted one by
one) gave each batch alone. The store keeps, per stored dump, the hashes of its distinct short
lines (``site_pages`` numbers the dumps in the order they were stored, ``site_lines`` holds
their hashes, indexed by hash) and answers a new dump with the newest stored dumps that share
enough of its lines, each with its main article's stored text (the same-article test). Each
line is looked up on the newest ``PER_LINE`` dumps holding it, so a lookup costs the same in
a store of 100 dumps as in one of 100,000.

Keyless, as the batch memory is (a dump names no site): any stored dump that shares the lines
is a candidate; at most ``limit`` are read, newest first. Stored pages are never segmented
again: a later page learns from earlier ones, not the reverse, so the result depends on the
order pages were ingested in. Pages stored before migration 0014 have no lines (a dump's raw
text is not kept): the memory fills as dumps are ingested.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from typing import cast

from parallax.segment.sitememory import Sibling
from parallax.store.params import Chunked

#: of each line, only the newest this many stored dumps holding it are counted: a line on
#: every page of a big store ("About us | Contact") would otherwise make each lookup read them
#: all (58 ms a dump on 10,000 made-up dumps; benchmarks/bench_site_memory_store.py)
PER_LINE = 64
#: lines looked up in one statement (SQLite allows 500 terms in a compound SELECT)
LINES_A_STATEMENT = 200


class SiteLineQueries(Chunked):
    def save_site_lines(self, document: str, lines: Collection[int]) -> None:
        """In the caller's transaction (``save_page``)."""
        if not lines:
            return
        row = self.conn.execute("INSERT INTO site_pages (document) VALUES (?)"
                                " ON CONFLICT DO NOTHING RETURNING seq", (document,)).fetchone()
        if row is not None:
            self.conn.executemany("INSERT INTO site_lines (line, seq) VALUES (?, ?)",
                                  [(line, row[0]) for line in sorted(lines)])

    def site_lines_mark(self) -> int:
        """The newest stored dump's number now: ``site_siblings(upto=)`` reads none after it."""
        row = self.conn.execute("SELECT max(seq) FROM site_pages").fetchone()
        return int(row[0]) if row is not None and row[0] is not None else 0

    def site_siblings(self, lines: Collection[int], least: float, limit: int,
                      upto: int | None = None) -> list[Sibling]:
        """The newest ``limit`` stored dumps sharing at least ``least`` of ``lines`` (each
        line counted on the newest ``PER_LINE`` dumps that hold it: an index range each), of
        those stored up to ``upto`` (``site_lines_mark``) when given."""
        if not lines or limit <= 0:
            return []
        shared: Counter[int] = Counter()
        ordered = sorted(lines)
        top = upto if upto is not None else 2**62
        for at in range(0, len(ordered), LINES_A_STATEMENT):
            part = ordered[at:at + LINES_A_STATEMENT]
            newest = " UNION ALL ".join(
                f"SELECT seq FROM (SELECT seq FROM site_lines WHERE line = ? AND seq <= ?"
                f" ORDER BY seq DESC LIMIT {PER_LINE}) AS l{k}" for k in range(len(part)))
            shared.update(int(row[0]) for row in self.conn.execute(
                newest, [v for line in part for v in (line, top)]))
        chosen = sorted((s for s, n in shared.items() if n >= least), reverse=True)[:limit]
        if not chosen:
            return []
        held: dict[int, set[int]] = {s: set() for s in chosen}
        for row in self._each("SELECT seq, line FROM site_lines WHERE seq IN ({marks})",
                              _bound(chosen)):
            held[int(row[0])].add(int(row[1]))
        documents = {int(r[0]): str(r[1]) for r in self._each(
            "SELECT seq, document FROM site_pages WHERE seq IN ({marks})", _bound(chosen))}
        held_by: dict[str, str] = {}  # article -> document (two lookups, each by its index)
        for row in self._each("SELECT article, document FROM article_sources"
                              " WHERE document IN ({marks})", list(documents.values())):
            held_by[str(row[0])] = str(row[1])
        texts: dict[str, str] = {}
        for row in self._each("SELECT id, role, text FROM articles WHERE id IN ({marks})",
                              sorted(held_by)):  # (role in the query: SQLite scans its index)
            if row[1] == "main":
                texts.setdefault(held_by[str(row[0])], str(row[2]))
        return [Sibling(frozenset(held[s]), texts.get(documents.get(s, ""), ""))
                for s in chosen]


def _bound(numbers: Collection[int]) -> list[str]:
    """``Chunked._each`` binds strings; the backends read these as the integers they are."""
    return cast(list[str], sorted(numbers))


__all__ = ["SiteLineQueries"]
