"""The store contract, run on SQLite and on a real PostgreSQL server (the ``db_url`` fixture is
parametrised over both): whatever the web app, stories and batch load rely on must read the same
on either backend."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import numpy as np
import pytest

from parallax.errors import ParallaxError
from parallax.records import (
    Article,
    Boilerplate,
    Comment,
    Mention,
    NarrativeLabel,
    Page,
    Published,
    Rejection,
    RoleLabel,
    Story,
    TechniqueSpan,
)
from parallax.runner import ingest, update_stories
from parallax.settings import Config
from parallax.store import open_store
from parallax.store.migrations import DIALECTS, LATEST, migration_scripts
from parallax.store.postgres import redact


def article(title: str, text: str, outlet: str, language: str, day: str,
            role: str = "main", entity: str = "Petra Olsen") -> Article:
    a = Article(id=Article.make_id(title, text), role=role, title=title,  # type: ignore[arg-type]
                outlet=outlet, published=Published(day, day), text=text, language=language)
    a.entities = [Mention(entity, 0, len(entity), "PERSON", entity),
                  Mention("Marlow", 0, 6, "GPE", "Marlow"), Mention("Marlow", 9, 15, "GPE",
                                                                    "Marlow")]
    a.roles = [RoleLabel(entity, "Protagonist", ["Underdog"], 0.8)]
    a.narratives = [NarrativeLabel("Labour dispute", "Pay", 0.7)]
    a.techniques = [TechniqueSpan("Loaded_Language", 0, 5, 0.6)]
    a.vector = np.arange(4, dtype=np.float32) / 4
    return a


def page(sha: str, *articles: Article, input_: str | None = None) -> Page:
    return Page(input=input_ or f"{sha}.html", uri=f"https://example.org/{sha}", sha256=sha,
                kind="html", fetched_at="2026-03-02T10:00:00Z", articles=list(articles),
                comments=[Comment("Well said.", "en", "reader1"), Comment("Nein.", "de")],
                boilerplate=[Boilerplate("Donate now", "appeal")])


@pytest.fixture
def filled(db_url: str):  # type: ignore[no-untyped-def]
    """Three outlets, two languages, one teaser; stories s1 (two articles) and s2."""
    store = open_store(db_url)
    a1 = article("Harbour strike widens", "Dock workers in Marlow extended the strike.",
                 "Coastal Wire", "en", "2026-03-01")
    a2 = article("Hafenstreik weitet sich aus", "Die Hafenarbeiter in Marlow streiken weiter.",
                 "Nordkurier", "de", "2026-03-02")
    teaser = article("Ferries cancelled", "Ferry operators cancelled sailings.", "Coastal Wire",
                     "en", "2026-03-01", role="related")
    a3 = article("Budget vote delayed", "The council delayed the budget vote in Halden.",
                 "Halden Post", "en", "2026-03-05", entity="Ida Berg")
    store.save_page(page("p1", a1, teaser))
    store.save_page(page("p2", a2))
    store.save_page(page("p3", a3))
    store.replace_stories([
        Story(id="s1", title="Harbour strike", article_ids=[a1.id, a2.id, teaser.id],
              outlets=["Coastal Wire", "Nordkurier"], main_count=2, start="2026-03-01",
              end="2026-03-02"),
        Story(id="s2", title="Budget vote", article_ids=[a3.id], outlets=["Halden Post"],
              main_count=1, start="2026-03-05", end="2026-03-05"),
    ])
    yield store, (a1, a2, teaser, a3)
    store.close()


def test_migration_folders_stay_in_step() -> None:
    versions = {d: [v for v, _ in migration_scripts(d)] for d in DIALECTS}
    assert versions["sqlite"] == versions["postgres"] == list(range(1, LATEST + 1))


def test_pages_articles_comments_and_boilerplate_round_trip(filled) -> None:  # type: ignore[no-untyped-def]
    store, (a1, a2, teaser, _) = filled
    assert store.has_document("p1") and not store.has_document("nope")
    back = store.article(a1.id)
    assert back is not None and back.title == a1.title and back.entities == a1.entities
    (main,) = [a for a in store.articles() if a.id == a1.id]
    assert np.allclose(main.vector, a1.vector)  # vectors survive as float32 bytes
    assert [a.id for a in store.articles(role="related")] == [teaser.id]
    assert [r.id for r in store.related(a1.id)] == [teaser.id]
    comments = store.comments([a1.id, a2.id])
    assert [(c["article_id"], c["text"]) for c in comments][:2] == [
        (a1.id, "Well said."), (a1.id, "Nein.")]
    assert store.boilerplate(a1.id) == [{"kind": "appeal", "text": "Donate now"}]
    source = store.article_source(a1.id)
    assert source is not None and source["uri"] == "https://example.org/p1"
    assert store.counts() == {"documents": 3, "articles": 4, "comments": 6, "boilerplate": 3,
                              "stories": 2, "rejections": 0}


def test_search_ranks_counts_pages_and_survives_hostile_queries(filled) -> None:  # type: ignore[no-untyped-def]
    store, (a1, *_rest) = filled
    hits = store.search("marlow")
    assert {h["outlet"] for h in hits} == {"Coastal Wire", "Nordkurier"}
    assert store.search_count("marlow") == 2
    assert len(store.search("marlow", limit=1)) == 1
    assert store.search("marlow", limit=1, offset=1)[0]["id"] != store.search(
        "marlow", limit=1)[0]["id"]
    (hit,) = store.search("dock strike")  # every word must match
    assert hit["id"] == a1.id and re.search(r"\[Dock\]", hit["snippet"])
    for hostile in ('"; DROP TABLE articles; --', "a\x00b", "% _ ? :x $1", "NEAR(", "!!"):
        store.search(hostile)
        store.search_count(hostile)
    assert store.counts()["articles"] == 4


def test_story_filters_pages_and_facets(filled) -> None:  # type: ignore[no-untyped-def]
    from parallax.store.browse import StoryFilter

    store, _ = filled
    stories, total = store.story_page(StoryFilter())
    assert total == 2 and [s.id for s in stories] == ["s1", "s2"]  # largest first
    assert [s.id for s in store.story_page(StoryFilter(sort="newest"))[0]] == ["s2", "s1"]
    assert store.story_page(StoryFilter(language="de"))[1] == 1
    assert store.story_page(StoryFilter(entity="Ida Berg"))[0][0].id == "s2"
    assert store.story_page(StoryFilter(narrative="Labour dispute"))[1] == 2
    assert store.story_page(StoryFilter(since="2026-03-03"))[1] == 1
    assert store.story_page(StoryFilter(until="2026-03-01", outlet="Coastal Wire"))[1] == 1
    assert [s.id for s in store.story_page(StoryFilter(), offset=1, limit=1)[0]] == ["s2"]
    options = store.facet_options()
    assert options["outlets"] == ["Coastal Wire", "Halden Post", "Nordkurier"]
    assert options["languages"] == ["de", "en"] and options["entities"][0] == "Marlow"
    profile = store.entity_profile("Petra Olsen")
    assert profile is not None and [(r["outlet"], r["role"], r["story"]) for r in
                                    profile["articles"]] == [
        ("Coastal Wire", "Protagonist", "s1"), ("Nordkurier", "Protagonist", "s1")]
    assert store.entity_profile("Nobody") is None
    outlet = store.outlet_profile("Coastal Wire")
    assert outlet is not None and outlet["article_count"] == 1
    assert outlet["entities"][0] == {"label": "Marlow", "articles": 1, "count": 2}


def test_merges_redirect_and_profiles_keep_their_order(filled) -> None:  # type: ignore[no-untyped-def]
    store, (a1, a2, teaser, a3) = filled
    merged = Story(id="s1", title="Harbour strike", article_ids=[a1.id, a2.id, teaser.id,
                                                                  a3.id], main_count=3)
    store.save_stories([merged], {"s2": "s1"})
    assert store.story("s2") == merged and store.merged_into("s2") == "s1"
    store.save_stories([], {"s1": "s9"})  # a second merge re-points the first one
    assert store.story_merges() == {"s2": "s9", "s1": "s9"}
    assert not store.has_story_profiles()
    assert [a.id for a in store.unprofiled_articles()] == [a1.id, teaser.id, a2.id, a3.id]
    store.save_story_profiles([(a2.id, {"n": 2}), (a1.id, {"n": 1})])
    store.save_story_profiles([(a2.id, {"n": 3})])  # an update keeps the original place
    rows = list(store.story_profiles())
    assert [(r[0], r[2]) for r in rows] == [(a2.id, '{"n": 3}'), (a1.id, '{"n": 1}')]
    assert rows[0][3] is not None and len(rows[0][3]) == 16
    assert [a.id for a in store.unprofiled_articles()] == [teaser.id, a3.id]


def test_caches_signatures_and_rejections(filled) -> None:  # type: ignore[no-untyped-def]
    store, (a1, *_rest) = filled
    assert store.cached_comparison("s1", "v1") is None
    store.cache_comparison("s1", "v1", {"claims": ["ü"]})
    store.cache_comparison("s1", "v2", {"claims": []})
    assert store.cached_comparison("s1", "v1") is None
    assert store.cached_comparison("s1", "v2") == {"claims": []}
    store.save_signatures({a1.id: b"\x00\x01\xff"})
    store.save_signatures({a1.id: b"other"})  # first one wins, as before
    assert store.signatures() == [(a1.id, b"\x00\x01\xff")]
    store.save_rejection(Rejection("bad.bin", "binary input", "E003"))
    store.save_rejection(Rejection("bad.bin", "still binary", "E003"))
    (row,) = store.rejections()
    assert row["reason"] == "still binary" and row["seen_at"].endswith("Z")
    store.save_page(page("p9", input_="bad.bin"))  # stored at last: the rejection goes
    assert store.rejections() == []


def test_nul_characters_in_page_text_are_stored_not_fatal(db_url: str) -> None:
    store = open_store(db_url)
    a = article("Null\x00title", "Text with a \x00 NUL.", "X", "en", "2026-03-01")
    assert store.save_page(page("nul", a)).new_articles == [a.id]
    assert store.counts()["articles"] == 1


def test_the_demo_corpus_ingests_into_the_same_stories(db_url: str, corpus: Path,
                                                       tmp_path: Path) -> None:
    """The whole pipeline into this backend; its stories equal those of a SQLite run."""
    files = sorted(str(p) for p in corpus.glob("*"))[:8]
    store = open_store(db_url)
    report = ingest(files, store, Config())
    reference = open_store(tmp_path / "reference.db")
    expected = ingest(files, reference, Config())
    assert report.count("stored") == expected.count("stored") >= len(files)
    assert sorted(s.article_ids for s in store.stories()) == sorted(
        s.article_ids for s in reference.stories())
    assert store.counts() == reference.counts()


def test_story_updates_wait_for_each_other(db_url: str) -> None:
    """A story update in one store waits while another store on the same database holds the
    story lock (two ingests at once would otherwise both read the story index before either
    saves it, and an article they share would land in two stories)."""
    holder, waiter = open_store(db_url), open_store(db_url)
    done = threading.Event()

    def update() -> None:
        update_stories(waiter, Config(), [])
        done.set()

    try:
        with holder.story_lock():
            worker = threading.Thread(target=update, daemon=True)
            worker.start()
            worker.join(timeout=1.5)
            assert worker.is_alive() and not done.is_set(), "the update did not wait"
        worker.join(timeout=60)
        assert done.is_set(), "the update did not finish once the lock was free"
    finally:
        holder.close()
        waiter.close()


def test_postgres_errors_name_the_server_not_the_password(tmp_path: Path) -> None:
    url = f"postgresql://me:secret@/nodb?host={tmp_path}"
    with pytest.raises(ParallaxError, match="cannot connect to PostgreSQL") as info:
        open_store(url)
    assert "secret" not in str(info.value)
    assert redact("postgresql://me:secret@db:5432/x") == "postgresql://me:***@db:5432/x"


def test_a_newer_postgres_schema_is_refused(postgres_cluster) -> None:  # type: ignore[no-untyped-def]
    import psycopg

    url = postgres_cluster.new_database()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE parallax_schema (version INTEGER NOT NULL)")
        conn.execute("INSERT INTO parallax_schema VALUES (%s)", (LATEST + 1,))
    with pytest.raises(ParallaxError, match="newer than this Parallax"):
        open_store(url)


def test_postgres_connections_are_reused_and_dead_ones_replaced(postgres_cluster) -> None:  # type: ignore[no-untyped-def]
    import psycopg

    url = postgres_cluster.new_database()
    first = open_store(url)
    pid = first.conn.raw.info.backend_pid
    first.close()
    second = open_store(url)  # the web app opens a store per request: no new connection
    assert second.conn.raw.info.backend_pid == pid
    second.close()
    with psycopg.connect(postgres_cluster.url(), autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
    third = open_store(url)  # the idle one died meanwhile: a fresh one, no error
    assert third.conn.raw.info.backend_pid != pid and third.counts()["articles"] == 0
    third.close()
