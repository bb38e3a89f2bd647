"""The story index's vector graph is kept beside the store and reused by the next ingest run when
the vectors it holds are stored vectors (``stories.keptgraph``; docs/stories.md, twenty-fifth
session, helper S); articles removed since are taken out of it while they are few (twenty-sixth
session, helper S2); anything else is rebuilt, never trusted. All inputs are made up; the graph
threshold is lowered so that a small store has a graph."""

from __future__ import annotations

import random
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from parallax.records import Article, Page, Published

NAMES = ["Lund", "Ellery", "Marsk", "Quill", "Orrin", "Tavi", "Brenna", "Cobb", "Dalvik",
         "Essen", "Fenner", "Galt", "Harrow", "Ivers", "Jessop", "Kell"]


@pytest.fixture(autouse=True)
def small_graphs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    from parallax.stories import ann

    monkeypatch.setattr(ann, "EXACT_BELOW", 20)
    monkeypatch.setattr(ann, "BUILD_THREADS", 1)
    monkeypatch.setenv("PARALLAX_CACHE_DIR", str(tmp_path / "cache"))  # PostgreSQL's graphs
    yield


def _articles(seed: int, first: int, count: int) -> list[Article]:
    """Made-up reports of eight events: each event's names and a vector near its centre."""
    rng = random.Random(seed)
    centres = np.random.default_rng(seed).standard_normal((8, 512))
    out = []
    for n in range(first, first + count):
        event = n % 8
        cast = NAMES[2 * event:2 * event + 2]
        vector = centres[event] + 0.6 * np.random.default_rng(n).standard_normal(512)
        day = f"2026-11-{event + 1:02d}"
        out.append(Article(id=f"a{n:03d}", role="main", title=f"{cast[0]} and {cast[1]} at pier",
                           outlet=f"Outlet {n % 5}", language="en", published=Published(day, day),
                           text=f"Report {n}: {cast[0]} met {cast[1]} at the harbour "
                                f"{rng.choice(['today', 'on Monday', 'again'])}.",
                           input=f"p{n}", vector=vector.tolist()))
    return out


def _ingest(store: Any, articles: list[Article]) -> None:
    from parallax.runner import update_stories
    from parallax.settings import Config

    for a in articles:
        store.save_page(Page(input=a.input, uri=a.input, sha256="h" + a.input, kind="text",
                             fetched_at="2026-11-10T10:00:00Z", articles=[a]))
    update_stories(store, Config(), articles)


def _events() -> dict[str, int]:
    from parallax.stories.keptgraph import events

    return dict(events)


def _delta(before: dict[str, int]) -> dict[str, int]:
    now = _events()
    return {k: now[k] - before.get(k, 0) for k in now if now[k] != before.get(k, 0)}


def _store(db_url: str) -> Any:
    from parallax.store.base import open_store

    return open_store(db_url)


def test_a_kept_graph_is_saved_then_reused_and_extended(db_url: str) -> None:
    from parallax.stories.keptgraph import graph_path

    store = _store(db_url)
    try:
        before = _events()
        _ingest(store, _articles(1, 0, 40))
        assert _delta(before) == {"saved": 1}  # no file yet: built, then kept
        path = graph_path(store)
        assert path is not None and path.exists()
        older = path.read_bytes()
        before = _events()
        _ingest(store, _articles(1, 40, 1))  # one more article: the kept graph plus it
        assert _delta(before) == {"reused": 1, "saved": 1}
        before = _events()
        _ingest(store, [])  # nothing new: the kept graph serves and is not written again
        assert _delta(before) == {"reused": 1}
        # a graph kept before the last article was stored: that article is added to it
        path.write_bytes(older)
        before = _events()
        _ingest(store, [])
        assert _delta(before) == {"reused": 1, "extended": 1, "saved": 1}
        before = _events()
        _ingest(store, [])
        assert _delta(before) == {"reused": 1}
    finally:
        store.close()


def test_a_stale_corrupt_or_foreign_graph_is_rebuilt_not_trusted(
        db_url: str, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    from parallax.stories.keptgraph import graph_path

    store = _store(db_url)
    other = _store(str(tmp_path / "other.db"))
    try:
        _ingest(store, _articles(1, 0, 40))
        path = graph_path(store)
        assert path is not None
        whole = path.read_bytes()
        for damage in (whole[:len(whole) // 2], whole[:-7] + b"garbage", b"not a graph"):
            path.write_bytes(damage)
            before = _events()
            caplog.clear()
            with caplog.at_level("WARNING", logger="parallax.stories.keptgraph"):
                _ingest(store, [])
            assert _delta(before) == {"rebuilt": 1, "saved": 1}
            assert path.read_bytes() != damage
            assert any("unreadable" in r.getMessage() and r.levelname == "WARNING"
                       for r in caplog.records)
        # another store's graph (other articles) in this one's place
        _ingest(other, _articles(2, 100, 40))
        other_path = graph_path(other)
        assert other_path is not None
        shutil.copy(other_path, path)
        before = _events()
        _ingest(store, [])
        assert _delta(before) == {"rebuilt": 1, "saved": 1}
        # a stored vector changed under the same article id
        conn = store.conn
        conn.execute("UPDATE article_vectors SET vector = ? WHERE article = ?",
                     (np.ones(512, dtype=np.float32).tobytes(), "a003"))
        before = _events()
        _ingest(store, [])
        assert _delta(before) == {"rebuilt": 1, "saved": 1}
    finally:
        store.close()
        other.close()


def test_a_graph_file_of_an_older_version_is_rebuilt_without_a_warning(
        db_url: str, caplog: pytest.LogCaptureFixture) -> None:
    from parallax.stories import keptgraph

    store = _store(db_url)
    try:
        _ingest(store, _articles(1, 0, 40))
        path = keptgraph.graph_path(store)
        assert path is not None
        whole = path.read_bytes()
        older = keptgraph.MAGIC[:-1] + bytes([keptgraph.MAGIC[-1] - 1])
        path.write_bytes(older + whole[len(older):])
        before = _events()
        caplog.clear()
        with caplog.at_level("INFO", logger="parallax.stories.keptgraph"):
            _ingest(store, [])
        assert _delta(before) == {"rebuilt": 1, "saved": 1}
        assert path.read_bytes().startswith(keptgraph.MAGIC)
        built = [r for r in caplog.records if "built from" in r.getMessage()]
        assert len(built) == 1 and built[0].levelname == "INFO"
        assert "another version" in built[0].getMessage()
    finally:
        store.close()


def test_a_delete_keeps_the_graph_and_the_next_load_takes_the_article_out(db_url: str) -> None:
    from parallax.runner import delete
    from parallax.settings import Config
    from parallax.stories.incremental import IncrementalClusterer
    from parallax.stories.keptgraph import graph_path

    store = _store(db_url)
    try:
        _ingest(store, _articles(1, 0, 40))
        path = graph_path(store)
        assert path is not None and path.exists()
        before = _events()
        deletion = delete(store, Config(), [("a005", False)])
        assert deletion.rows[0]["status"] == "deleted"
        assert path.exists() and _delta(before) == {}
        before = _events()
        _ingest(store, _articles(1, 40, 1))  # trimmed, then written again with the new one
        assert _delta(before) == {"reused": 1, "trimmed": 1, "saved": 1}
        index = IncrementalClusterer(Config()).load(store)  # the removed key stays out
        assert _delta(before) == {"reused": 2, "trimmed": 1, "saved": 1}
        assert index._key_of_row.count("") == 1 and "a005" not in index._key_of_row
        assert len(index.vectors) == 40  # 40 stored, the removed one's node no search returns
        a005 = _articles(1, 5, 1)[0].vector
        assert a005 is not None
        hits = [index._key_of_row[k] for k, _ in index.vectors.search(np.asarray(a005), 40)]
        assert len(hits) == 40 and "" not in hits and "a005" not in hits
    finally:
        store.close()


def test_a_graph_with_many_removed_articles_is_rebuilt(db_url: str) -> None:
    from parallax.runner import delete
    from parallax.settings import Config
    from parallax.stories import keptgraph

    store = _store(db_url)
    try:
        _ingest(store, _articles(1, 0, 40))
        path = keptgraph.graph_path(store)
        assert path is not None
        assert keptgraph.REMOVED_SHARE * 40 == 8
        removals = [(f"a{n:03d}", False) for n in range(0, 40, 5)]  # 8 of 40: trimmed
        assert all(r["status"] == "deleted" for r in delete(store, Config(), removals).rows)
        assert path.exists()
        before = _events()
        _ingest(store, [])
        assert _delta(before) == {"reused": 1, "trimmed": 1, "saved": 1}
        before = _events()
        _ingest(store, [])  # the 8 removed keys are kept as removed: nothing to take out
        assert _delta(before) == {"reused": 1}
        assert delete(store, Config(), [("a001", False)]).rows[0]["status"] == "deleted"
        before = _events()
        _ingest(store, [])  # 9 of 40 keys removed: built anew from the 31 left
        assert _delta(before) == {"rebuilt": 1, "saved": 1}
        before = _events()
        _ingest(store, [])
        assert _delta(before) == {"reused": 1}
    finally:
        store.close()


def test_a_loaded_graph_finds_the_candidates_a_fresh_one_finds(db_url: str) -> None:
    from parallax.runner import delete
    from parallax.settings import Config
    from parallax.stories.incremental import IncrementalClusterer
    from parallax.stories.keptgraph import graph_path

    store = _store(db_url)
    try:
        _ingest(store, _articles(3, 0, 48))
        path = graph_path(store)
        assert path is not None
        older = path.read_bytes()
        _ingest(store, _articles(3, 48, 3))
        path.write_bytes(older)  # the graph of 48 and the three stored since added to it
        deletion = delete(store, Config(), [("a007", False), ("a030", False)])
        assert [r["status"] for r in deletion.rows] == ["deleted", "deleted"]
        clusterer = IncrementalClusterer(Config())
        before = _events()
        kept = clusterer.load(store)  # ... and two of the 48 removed since
        assert _delta(before) == {"reused": 1, "trimmed": 1, "extended": 1}
        path.unlink()
        before = _events()
        fresh = clusterer.load(store)
        assert _delta(before) == {"rebuilt": 1}
        queries = [p for p in fresh.profiles.values() if p.vector is not None]
        assert len(queries) == 49 and kept.stories.keys() == fresh.stories.keys()
        for p in queries:
            near = kept.near_stories(p.vector)
            assert near == fresh.near_stories(p.vector)
            assert kept.story_of[p.id] in near  # the graph's keys name the right articles
            assert kept.candidates(p.vector, kept.unit(p.keys)) == \
                fresh.candidates(p.vector, fresh.unit(p.keys))
    finally:
        store.close()
