"""What keeps the web's pages quick on a large store (docs/web.md, "Twenty-fourth session
(helper W)"): the reading queries of a page must follow an index from what the page is about,
never read every row of a kind. Checked by the SQLite query plan of each statement a page
asks, on a small made-up store (SQLite has no statistics here, so it plans as on a large
one)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from fastapi.testclient import TestClient

from parallax.records import (
    Article,
    Mention,
    NarrativeLabel,
    Page,
    Published,
    Rejection,
    Story,
    TechniqueSpan,
)
from parallax.store import open_store
from parallax.store.browse import StoryFilter
from parallax.web.app import create_app


def _store(path: Path) -> None:
    store = open_store(path)
    for i in range(6):
        outlet = "Gull Gazette" if i % 2 else "Fen Courier"
        a = Article(id=f"a{i}", role="main", title=f"Made-up report {i}", outlet=outlet,
                    published=Published("2026-02-01", "2026-02-01"),
                    text="Mayor Ida Brask opened the ferry pier.", language="en")
        a.entities = [Mention("Ida Brask", 6, 15, "PERSON", "Ida Brask")]
        a.narratives = [NarrativeLabel("Civic pride", None, 0.6)]
        a.techniques = [TechniqueSpan("loaded_language", 0, 5, 0.6)]
        store.save_page(Page(input=f"r{i}.txt", uri=f"r{i}.txt", sha256=f"d{i}", kind="text",
                             fetched_at="2026-02-01T00:00:00Z", articles=[a]))
    store.close()


def _plans(path: Path, ask: str, *args: object) -> list[tuple[str, str]]:
    """(statement, its query plan) of every SELECT ``Store.<ask>(*args)`` sends."""
    store = open_store(path)
    asked: list[str] = []
    conn: sqlite3.Connection = store.conn.raw  # type: ignore[attr-defined]
    conn.set_trace_callback(asked.append)
    try:
        assert getattr(store, ask)(*args) is not None
    finally:
        conn.set_trace_callback(None)
        store.close()
    plain = sqlite3.connect(path)
    try:
        return [(sql, " | ".join(r[3] for r in plain.execute("EXPLAIN QUERY PLAN " + sql)))
                for sql in asked if sql.lstrip().upper().startswith("SELECT")]
    finally:
        plain.close()


def test_the_outlet_page_reads_the_outlets_articles_not_every_facet(tmp_path: Path) -> None:
    """Its charts tallied facets by kind first: every entity facet in the store was read and
    its article looked up (2 s a page at 100,000 made-up articles); the outlet's own
    articles come first now."""
    db = tmp_path / "w.db"
    _store(db)
    plans = _plans(db, "outlet_profile", "Gull Gazette")
    assert len(plans) >= 4
    for sql, plan in plans:
        assert "article_facets_value (kind=?)" not in plan, (sql, plan)
        assert not any(step.startswith("SCAN ") and "CONSTANT ROW" not in step
                       for step in plan.split(" | ")), (sql, plan)
    store = open_store(db)
    try:
        profile = store.outlet_profile("Gull Gazette")
    finally:
        store.close()
    assert profile is not None
    assert profile["entities"] == [{"label": "Ida Brask", "articles": 3, "count": 3}]
    assert profile["narratives"] == [{"label": "Civic pride", "articles": 3, "count": 3}]


def test_an_entity_filter_starts_from_the_entitys_articles(tmp_path: Path) -> None:
    """The stories filtered by an entity were found by reading every main article and asking
    each for the entity (half a second a query for a name in one of 100,000 made-up
    articles); the entity's index rows lead now, unless an outlet (indexed, and fewer) does."""
    db = tmp_path / "f.db"
    _store(db)
    store = open_store(db)
    store.replace_stories([Story(id="s1", title="Pier", article_ids=["a0", "a1"], main_count=2),
                           Story(id="s2", title="Pier again", article_ids=["a2"],
                                 main_count=1)])
    store.close()
    for where, lead in ((StoryFilter(entity="Ida Brask"), "article_facets_value"),
                        (StoryFilter(narrative="Civic pride", language="en"),
                         "article_facets_value"),
                        (StoryFilter(entity="Ida Brask", outlet="Gull Gazette"),
                         "outlet=?)")):
        plans = _plans(db, "story_page", where)
        assert len(plans) == 2
        for sql, plan in plans:
            assert "articles_role (role=?)" not in plan, (sql, plan)
            assert lead in plan, (sql, plan)
    store = open_store(db)
    try:
        assert [s.id for s in store.story_page(StoryFilter(entity="Ida Brask"))[0]] == \
            ["s1", "s2"]
        assert store.story_page(StoryFilter(entity="Ida Brask", outlet="Gull Gazette"))[1] == 1
        assert store.story_page(StoryFilter(entity="Nobody Made Up"))[1] == 0
    finally:
        store.close()


def test_the_home_page_counts_every_rejection_and_lists_a_few(tmp_path: Path) -> None:
    """It read every rejected input for every page and said "Rejected inputs (50)" of a store
    that held 60: the ten left out were not mentioned."""
    db = tmp_path / "r.db"
    _store(db)
    store = open_store(db)
    for i in range(60):
        store.save_rejection(Rejection(input=f"inbox/file{i:02d}.bin", code="E003",
                                       reason="made-up binary file"))
    assert len(store.rejections(limit=5)) == 5
    store.close()
    page = TestClient(create_app(str(db), token_hash="")).get("/").text
    assert "Rejected inputs (60)" in page
    assert "The 50 oldest are listed; 10 more are not shown here." in page
    assert page.count("made-up binary file") == 50


def test_the_filter_choices_read_the_facet_index_alone(tmp_path: Path) -> None:
    """The most frequent entities offered in the filters were grouped from every entity
    facet's row (0.6 s every 15 s at 100,000 made-up articles); migration 0009 puts the type in
    the index, and a store made before it gains the index on open."""
    db = tmp_path / "c.db"
    _store(db)
    raw = sqlite3.connect(db)
    raw.execute("DROP INDEX article_facets_value")
    raw.execute("CREATE INDEX article_facets_value ON article_facets(kind, value)")
    raw.execute("DROP INDEX articles_role_outlet")  # 0010's, made again after 0009
    raw.execute("PRAGMA user_version = 8")
    raw.commit()
    raw.close()
    plans = _plans(db, "facet_options")
    (entities,) = [plan for sql, plan in plans if "'entity'" in sql]
    assert "COVERING INDEX article_facets_value" in entities
    store = open_store(db)
    try:
        assert store.facet_options()["entities"] == ["Ida Brask"]
    finally:
        store.close()



def test_the_outlets_offered_are_read_from_an_index(tmp_path: Path) -> None:
    """Every outlet of the main articles was read through the role index from each row (0.1 s
    every 15 s at 100,000 made-up articles); migration 0010's (role, outlet) index answers
    alone, and an outlet filter searches it by both."""
    db = tmp_path / "o.db"
    _store(db)
    store = open_store(db)
    store.replace_stories([Story(id="s1", title="Pier", article_ids=["a0", "a1"], main_count=2)])
    store.close()
    (outlets,) = [plan for sql, plan in _plans(db, "facet_options") if "DISTINCT outlet" in sql]
    assert "COVERING INDEX articles_role_outlet" in outlets
    for sql, plan in _plans(db, "story_page", StoryFilter(outlet="Gull Gazette", language="en")):
        assert "articles_role_outlet (role=? AND outlet=?)" in plan, (sql, plan)
    store = open_store(db)
    try:
        assert store.facet_options()["outlets"] == ["Fen Courier", "Gull Gazette"]
        assert store.story_page(StoryFilter(outlet="Gull Gazette", language="en"))[1] == 1
    finally:
        store.close()
