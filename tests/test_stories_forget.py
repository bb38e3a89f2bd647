"""After a removal each story that lost members is made again from the members left
(``IncrementalClusterer.forget``), reading only those members and the store's name-key counts,
not the whole story index (docs/stories.md, twenty-third session, helper S). Its records must
equal those the whole index gives: titles weigh names by how many stored articles carry them.
All inputs are made up here."""

from __future__ import annotations

import random
from typing import Any

import pytest

from parallax.records import Article, Page, Published, Story

NAMES = ["Lund", "Ellery", "Marsk", "Quill", "Orrin", "Tavi", "Brenna", "Cobb", "Dalvik",
         "Essen", "Fenner", "Galt", "Harrow", "Ivers", "Jessop", "Kell"]


def _store_of_stories(db_url: str, seed: int) -> tuple[Any, list[Article]]:
    """Twelve made-up stories of two to seven articles, titles of made-up names (a few
    common to many stories, most rare), some undated, a teaser, a copy, vectors."""
    from parallax.store.base import open_store
    from parallax.stories.profile import profile_of

    rng = random.Random(seed)
    store = open_store(db_url)
    articles: list[Article] = []
    stories: list[Story] = []
    for s in range(12):
        cast = rng.sample(NAMES, 4)
        ids: list[str] = []
        for k in range(rng.randint(2, 7)):
            n = len(articles)
            names = rng.sample(cast, 2) + rng.choices(NAMES[:3], k=rng.randint(0, 2))
            vector = [rng.gauss(0, 1) for _ in range(512)]
            a = Article(id=f"a{n:03d}", role="main", title=" and ".join(names) + f" at pier {n}",
                        outlet=f"Outlet {n % 5}", language="en",
                        published=Published(None, None) if n % 4 == 0 else
                        Published(f"2026-11-{n % 9 + 1:02d}", f"2026-11-{n % 9 + 1:02d}"),
                        text=f"The harbour report number {n} names {' '.join(names)}.",
                        input=f"p{n}", vector=vector,
                        duplicate_of=ids[0] if k == 2 else None)
            articles.append(a)
            ids.append(a.id)
        stories.append(Story(id=f"s{s:02d}", title="", article_ids=ids, main_count=len(ids)))
    teaser = Article(id="t000", role="teaser", title="Lund at the pier", outlet="Outlet 0",
                     published=Published(None, None), text="Lund at the pier.", input="p0")
    stories[0].article_ids.append(teaser.id)
    for a in [*articles, teaser]:
        store.save_page(Page(input=a.input, uri=a.input, sha256="h" + a.input, kind="text",
                             fetched_at="2026-11-10T10:00:00Z", articles=[a]))
    store.save_stories(stories, {}, [(a.id, profile_of(a).to_json())
                                     for a in [*articles, teaser]])
    return store, articles


def _whole_index_records(store: Any, story_ids: set[str]) -> list[dict[str, Any]]:
    """What ``forget`` gave before: the records of the whole reloaded index."""
    from parallax.settings import Config
    from parallax.stories.incremental import IncrementalClusterer

    clusterer = IncrementalClusterer(Config())
    index = clusterer.load(store)
    return [clusterer.story(index, index.stories[s]).to_dict() for s in sorted(story_ids)
            if s in index.stories and index.stories[s].mains]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_forget_makes_the_records_the_whole_index_makes(db_url: str, seed: int) -> None:
    from parallax.runner import forget
    from parallax.settings import Config

    store, articles = _store_of_stories(db_url, seed)
    try:
        rng = random.Random(seed)
        for gone in (rng.sample(articles, 1), rng.sample(articles, 4)):
            documents = sorted({d for a in gone for d in store.article_documents(a.id)})
            removed = store.remove_documents(documents)
            expected = _whole_index_records(store, removed.stories)
            kept = forget(store, Config(), removed.stories)
            assert [s.to_dict() for s in kept] == expected
            saved = {s.id: s.to_dict() for s in store.stories()}
            assert [saved[s["id"]] for s in expected] == expected
    finally:
        store.close()


def test_the_store_counts_name_keys_as_the_index_does(db_url: str) -> None:
    """Main profiles only (the teaser shares Lund), each key once per article."""
    from parallax.settings import Config
    from parallax.stories.incremental import IncrementalClusterer

    store, articles = _store_of_stories(db_url, 4)
    try:
        index = IncrementalClusterer(Config()).load(store)
        keys = [*sorted(index.df), "nokey"]
        docs, counts = store.story_key_counts(keys)
        assert docs == index.docs == len(articles)
        assert counts == {k: n for k, n in index.df.items() if n}
        assert "nokey" not in counts
    finally:
        store.close()


def _recounted(store: Any) -> tuple[int, dict[str, int]]:
    from parallax.settings import Config
    from parallax.stories.incremental import IncrementalClusterer

    index = IncrementalClusterer(Config()).load(store)
    return index.docs, {k: n for k, n in index.df.items() if n}


def test_the_kept_counts_follow_every_writer(db_url: str, tmp_path: Any) -> None:
    """Saved profiles, a profile saved again with other keys, removals (a copy's original
    among them), ``--replace`` and a rebuild: the kept counts are a count over the profiles."""
    import json as json_

    from parallax.pipeline import Pipeline
    from parallax.runner import ingest, recluster
    from parallax.settings import Config
    from parallax.stories.profile import profile_of

    pipeline = Pipeline.from_config(Config(), analyse=False)

    store, articles = _store_of_stories(db_url, 6)
    try:
        def check() -> None:
            docs, counts = _recounted(store)
            assert store.story_key_counts([*sorted(counts), "nokey"]) == (docs, counts)

        check()
        again = profile_of(articles[0]).to_json()
        again["keys"] = {"zzkey": 1}
        store.save_story_profiles([(articles[0].id, again), (articles[1].id,
                                                             profile_of(articles[1]).to_json())])
        check()
        store.remove_documents(store.article_documents(articles[0].id))  # an original
        store.remove_documents(store.article_documents("t000"))  # the teaser's page
        check()
        feed = tmp_path / "feed.jsonl"
        record = {"title": "Lund and Marsk at the quay", "outlet": "Outlet 9",
                  "url": "https://quay.example/lund", "published": "2026-11-05",
                  "text": "Lund and Marsk met at the quay on Tuesday, the harbour said. " * 3}
        feed.write_text(json_.dumps(record) + "\n", encoding="utf-8")
        ingest([str(feed)], store, Config(), pipeline=pipeline)
        check()
        record["text"] = record["text"].replace("Tuesday", "Wednesday")
        feed.write_text(json_.dumps(record) + "\n", encoding="utf-8")
        ingest([str(feed)], store, Config(), pipeline=pipeline, replace=True)
        check()
        recluster(store, Config())
        check()
    finally:
        store.close()


def test_an_older_store_gains_the_counts_when_it_opens(db_url: str) -> None:
    from parallax.store import postgres
    from parallax.store.base import open_store

    store, articles = _store_of_stories(db_url, 7)
    expected = _recounted(store)
    store.conn.execute("DROP INDEX story_profiles_role")
    store.conn.execute("DROP TABLE story_key_counts")
    if db_url.startswith("postgres"):
        store.conn.execute("UPDATE parallax_schema SET version = 7")
        postgres._migrated.clear()  # a process migrates a database once
    else:
        store.conn.execute("PRAGMA user_version = 7")
    store.close()
    store = open_store(db_url)
    try:
        assert store.story_key_counts(sorted(expected[1])) == expected
        assert expected[0] == len(articles) and len(expected[1]) > 5
    finally:
        store.close()


def test_forget_reads_no_other_story(db_url: str) -> None:
    """The removal's stories are made again without the whole index: at 100,000 made-up
    articles its load took 39 s for one removed document (d53def8 reads every profile)."""
    from parallax.runner import forget
    from parallax.settings import Config

    store, articles = _store_of_stories(db_url, 5)
    try:
        def refused() -> Any:
            raise AssertionError("the whole story index was read")

        store.story_profiles = refused
        removed = store.remove_documents(store.article_documents(articles[3].id))
        (kept,) = forget(store, Config(), removed.stories)
        assert articles[3].id not in kept.article_ids and kept.main_count >= 1
    finally:
        store.close()


def test_the_counts_decide_titles_here() -> None:
    """The fixture is one where weighing names over the members alone would change a title:
    a test of ``forget`` that passed with such weights would pin nothing."""
    from parallax.settings import Config
    from parallax.stories.incremental import IncrementalClusterer

    store, _ = _store_of_stories(":memory:", 1)
    try:
        clusterer = IncrementalClusterer(Config())
        index = clusterer.load(store)
        changed = 0
        for story_id, state in index.stories.items():
            members = [index.profiles[a] for a in state.mains]
            local = clusterer.new_index()
            local.docs = len(members)
            for p in members:
                local.df.update(set(p.keys))
            for p in members:
                local.restore(p, story_id)
            changed += clusterer.story(local, local.stories[story_id]).title != \
                clusterer.story(index, state).title
        assert changed
    finally:
        store.close()

