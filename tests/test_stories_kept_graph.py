"""The story index's vector graph is kept beside the store and reused by the next ingest run when
it holds exactly the stored vectors (``stories.keptgraph``; docs/stories.md, twenty-fifth
session, helper S); anything else is rebuilt, never trusted. All inputs are made up; the graph
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


def test_a_delete_drops_the_kept_graph(db_url: str) -> None:
    from parallax.runner import delete
    from parallax.settings import Config
    from parallax.stories.keptgraph import graph_path

    store = _store(db_url)
    try:
        _ingest(store, _articles(1, 0, 40))
        path = graph_path(store)
        assert path is not None and path.exists()
        before = _events()
        deletion = delete(store, Config(), [("a005", False)])
        assert deletion.rows[0]["status"] == "deleted"
        assert not path.exists() and _delta(before) == {"dropped": 1}
        before = _events()
        _ingest(store, _articles(1, 40, 1))
        assert _delta(before) == {"rebuilt": 1, "saved": 1}
    finally:
        store.close()


def test_a_loaded_graph_finds_the_candidates_a_fresh_one_finds(db_url: str) -> None:
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
        clusterer = IncrementalClusterer(Config())
        before = _events()
        kept = clusterer.load(store)
        assert _delta(before) == {"reused": 1, "extended": 1}
        path.unlink()
        before = _events()
        fresh = clusterer.load(store)
        assert _delta(before) == {"rebuilt": 1}
        queries = [p for p in fresh.profiles.values() if p.vector is not None]
        assert len(queries) == 51 and kept.stories.keys() == fresh.stories.keys()
        for p in queries:
            near = kept.near_stories(p.vector)
            assert near == fresh.near_stories(p.vector)
            assert kept.story_of[p.id] in near  # the graph's keys name the right articles
            assert kept.candidates(p.vector, kept.unit(p.keys)) == \
                fresh.candidates(p.vector, fresh.unit(p.keys))
    finally:
        store.close()
