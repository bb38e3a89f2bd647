"""``parallax delete`` and ``ingest --replace`` on a large store: every lookup of what to
remove is an index search (migration 0007), an old store gains the indexes when it opens,
and a removal of more documents than one statement may bind goes through in chunks. All
text is made up."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from parallax.records import Article, Comment, Page, Published, Story
from parallax.store import open_store
from parallax.store.migrations import LATEST, _statements, migration_scripts
from parallax.stories.profile import profile_of

#: what migration 0007 adds, and the lookups each serves
INDEXES = {"documents_input", "documents_uri", "documents_url", "article_sources_document",
           "story_profiles_duplicate_of"}


def _article(n: int, copy_of: str | None = None) -> Article:
    text = f"The made-up ferry number {n} left the harbour of Tollby late on a windy night."
    title = f"Ferry {n} leaves Tollby"
    return Article(id=Article.make_id(title, text, *(["copy"] if copy_of else [])),
                   role="main", title=title, outlet=f"Outlet {n % 3}",
                   published=Published("2026-05-02", "2026-05-02"), text=text, language="en",
                   duplicate_of=copy_of)


def _page(n: int, *articles: Article, input_: str = "") -> Page:
    name = input_ or f"exports/day1/report-{n}.jsonl#line-1"
    return Page(input=name, uri=name, sha256=f"{n:064x}", kind="jsonl",
                fetched_at="2026-05-02T08:00:00Z", articles=list(articles),
                comments=[Comment(f"Reader note {n}.", "en")],
                metadata={"url": f"https://tollby-news.example/ferry/{n}"})


def _fill(store: Any, count: int) -> tuple[list[Article], list[Article], Article]:
    """``count`` reports in one story, a copy each of the first and the last on pages that
    stay, and one report read from a removed page and from a page that stays."""
    originals = [_article(n) for n in range(count)]
    copies = [_article(n, copy_of=originals[n].id) for n in (0, count - 1)]
    shared = _article(10_000)
    for n, article in enumerate(originals):
        store.save_page(_page(n, article, *([shared] if n == 1 else [])))
    for n, copy in enumerate(copies):
        store.save_page(_page(20_000 + n, copy, input_=f"kept/copy-{n}.txt"))
    store.save_page(_page(30_000, shared, input_="kept/shared.txt"))
    members = originals + copies + [shared]
    store.replace_stories([Story(id="s-ferry", title="Ferries", article_ids=[a.id for a in
                                                                               members],
                                 main_count=len(members))],
                          [(a.id, profile_of(a).to_json()) for a in members])
    return originals, copies, shared


def test_a_removal_of_more_documents_than_a_statement_binds_goes_through(
        db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A whole export's records at once: the ids were bound in one statement, and SQLite
    stops at 32,766 values on many builds (PostgreSQL at 65,535), so the delete failed with
    "too many SQL variables". Here the limit is set low, as far as each backend allows."""
    store = open_store(db_url)
    try:
        _bind_at_most(store, db_url, monkeypatch, 20)
        originals, copies, shared = _fill(store, 45)
        documents = store.source_documents("exports")
        assert len(documents) == 45
        removed = store.remove_documents(documents)
        assert sorted(a["id"] for a in removed.articles) == sorted(a.id for a in originals)
        assert removed.documents == sorted(f"exports/day1/report-{n}.jsonl#line-1"
                                           for n in range(45))
        assert removed.stories == {"s-ferry"}
        # the copies are articles of their own; the shared report stays, under its other page
        assert all(store.article(c.id).duplicate_of is None for c in copies)  # type: ignore[union-attr]
        assert store.article_documents(shared.id) == [f"{30_000:064x}"]
        counts = store.counts()
        assert (counts["documents"], counts["articles"], counts["comments"]) == (3, 3, 3)
        store.drop_stories(["s-ferry"])
        assert store.stories() == []
    finally:
        store.close()


def _bind_at_most(store: Any, db_url: str, monkeypatch: pytest.MonkeyPatch, n: int) -> None:
    if db_url.startswith("postgres"):  # the protocol's limit cannot be lowered
        monkeypatch.setattr(store, "bound_limit", lambda: n)
    else:
        store.conn.raw.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, n)


def test_a_story_larger_than_a_statement_binds_is_read(
        db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The readers bound every id of a story in one statement too (``article_versions`` for
    the story page's cache key, ``comments`` for its reader reaction, and the check that a
    copy's original is still stored): a story of more members than SQLite binds failed "too
    many SQL variables". Each reads in chunks now, in the order one statement gave."""
    store = open_store(db_url)
    try:
        originals, copies, shared = _fill(store, 45)
        # copies whose originals were never stored (a store a delete of c83650c left)
        orphans = [_article(40_000 + n, copy_of=f"{n:016x}") for n in range(25)]
        for n, orphan in enumerate(orphans):
            store.save_page(_page(40_000 + n, orphan, input_=f"kept/orphan-{n}.txt"))
        members = originals + copies + [shared]
        _bind_at_most(store, db_url, monkeypatch, 20)
        ids = [a.id for a in members]
        versions = store.article_versions(ids + ids[:3])  # an id given twice answers once
        assert [v[0] for v in versions] == sorted(ids)
        assert dict(versions)[shared.id] == f"{1:064x}"
        notes = store.comments([a.id for a in originals])
        assert [c["text"] for c in notes] == [f"Reader note {n}." for n in range(45)]
        assert set(notes[0]) == {"article_id", "outlet", "text", "language", "author"}
        listed = {a.id: a for a in store.articles()}
        assert all(listed[o.id].duplicate_of is None for o in orphans)
        assert all(listed[c.id].duplicate_of is not None for c in copies)
    finally:
        store.close()


def _plans(raw: sqlite3.Connection, statements: list[tuple[str, Any]]) -> list[str]:
    return [str(row[3]) for sql, params in statements if sql.lstrip().startswith("SELECT")
            for row in raw.execute("EXPLAIN QUERY PLAN " + sql, params)]


def test_finding_what_to_remove_searches_indexes_never_scans(tmp_path: Path) -> None:
    """At 100,000 articles each lookup scanned a table: 60-100 ms to find a source's or a
    page's earlier versions, 20 s to remove 1,000 documents (docs/robustness.md). The plan
    of every query a removal asks must search an index (the table's size does not change
    SQLite's plan)."""
    store = open_store(tmp_path / "s.db")
    try:
        originals, _, _ = _fill(store, 4)
        seen: list[tuple[str, Any]] = []
        execute = store.conn.execute

        def recording(sql: str, params: Any = ()) -> Any:
            seen.append((sql, list(params)))
            return execute(sql, params)

        store.conn.execute = recording  # type: ignore[method-assign]
        store.source_documents("exports/day1")
        store.source_documents("https://tollby-news.example/ferry/2")
        store.earlier_versions(_page(2, originals[2]))
        store.earlier_versions(_page(99, input_="kept/shared.txt"))
        store.remove_documents(store.article_documents(originals[0].id))
        plans = _plans(store.conn.raw, seen)
        assert plans and not [p for p in plans if p.startswith("SCAN")], plans
        for index in ("documents_input", "documents_uri", "documents_url",
                      "story_profiles_duplicate_of"):
            assert any(f"INDEX {index} " in p for p in plans), (index, plans)
    finally:
        store.close()


def test_an_old_store_opens_and_gains_the_indexes(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    raw = sqlite3.connect(path, isolation_level=None)
    for version, script in migration_scripts("sqlite"):
        if version <= 6:
            for statement in _statements(script):
                raw.execute(statement)
    raw.execute("PRAGMA user_version = 6")
    raw.execute("INSERT INTO documents (sha256, input, uri, kind, metadata) VALUES"
                " ('d1', 'old/notes.jsonl#line-1', 'old/notes.jsonl#line-1', 'jsonl',"
                " '{\"url\": \"https://tollby-news.example/old\"}')")
    raw.close()
    store = open_store(path)
    try:
        raw = store.conn.raw
        assert raw.execute("PRAGMA user_version").fetchone()[0] == LATEST >= 7
        names = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type ="
                                           " 'index'")}
        assert names >= INDEXES
        assert store.source_documents("old/notes.jsonl") == ["d1"]
        assert store.source_documents("https://tollby-news.example/old") == ["d1"]
    finally:
        store.close()


def test_postgres_lookups_can_use_the_indexes(postgres_cluster: Any) -> None:
    """The expressions of PostgreSQL's indexes must be the queries' own, or the planner never
    uses them (with sequential scans off, a usable index is taken even on a tiny table).
    PostgreSQL only (SQLite's plans are checked above): asked of the server, not of the
    two-backend ``db_url``, whose SQLite half would have to skip, and CI may not skip."""
    db_url = postgres_cluster.new_database()
    store = open_store(db_url)
    try:
        _fill(store, 4)
        conn = store.conn
        conn.execute("SET enable_seqscan = off")
        column, url = store.bytewise("input"), store.json_text("metadata", "url")
        copy = store.json_text("data", "duplicate_of")
        for sql, index in [
                (f"SELECT sha256 FROM documents WHERE {column} >= ? AND {column} < ?",
                 "documents_input"),
                (f"SELECT sha256 FROM documents WHERE {url} = ?", "documents_url"),
                (f"SELECT article FROM story_profiles WHERE {copy} IN (?, ?)",
                 "story_profiles_duplicate_of")]:
            plan = " ".join(str(r[0]) for r in conn.execute("EXPLAIN " + sql,
                                                            ["a", "b"][:sql.count("?")]))
            assert index in plan, plan
    finally:
        store.close()
        postgres_cluster.drop_database(db_url)


def test_a_folders_prefix_is_exact_in_code_point_order(db_url: str) -> None:
    """A prefix is now a range of the input index: names that a database's collation sorts
    between "a/" and "a0" ("a-b", "A/", accented) must neither be found nor lost."""
    store = open_store(db_url)
    try:
        names = ["week1/a.txt", "week1/ä/b.txt", "week1-b/c.txt", "week1.txt", "Week1/d.txt",
                 "week10/e.txt", "week1#f", "week1/", "wéek1/g.txt"]
        for n, name in enumerate(names):
            store.save_page(_page(n, _article(n), input_=name))
        found = store.source_documents("week1")
        inputs = {r[0]: r[1] for r in store.conn.execute("SELECT sha256, input FROM documents")}
        assert sorted(inputs[d] for d in found) == sorted(
            ["week1/a.txt", "week1/ä/b.txt", "week1#f", "week1/"])
    finally:
        store.close()


def test_the_placeholder_list_has_one_writer() -> None:
    """``",".join("?" * n)`` was spelled out in four places of ``store/``; ``params.marks``
    writes it now (a list longer than one statement binds is chunked by its callers)."""
    import parallax.store

    folder = Path(parallax.store.__file__).parent
    writers = sorted(p.name for p in folder.glob("*.py")
                     if re.search(r"""join\(\s*['"]\?['"]""", p.read_text(encoding="utf-8")))
    assert writers == ["params.py"]
