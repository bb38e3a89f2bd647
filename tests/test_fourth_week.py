"""What a new user's fourth week needed (docs/robustness.md, twenty-second session): taking a
wrong or corrected document out again, the batch path agreeing with ingest, and labels in
words. All inputs are made up here."""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from html import escape
from pathlib import Path
from typing import Any

import pytest
from tests.test_render import make_comparison

from parallax.records import Article, Mention, Page, Published


def test_a_possibly_shared_cluster_reads_as_words_on_the_story_page() -> None:
    """A cluster's meta line printed the raw token "possibly_shared"."""
    from parallax.compare.render import render_html_report

    comparison = make_comparison()
    clusters = comparison["claims"]["clusters"]
    clusters[2]["status"] = "possibly_shared"
    comparison["claims"]["exclusive"], comparison["claims"]["possibly_shared"] = [], ["c3"]
    html = render_html_report(comparison)
    meta = [re.sub(r"<[^>]+>", "", line)  # the words shown, not the CSS class
            for line in re.findall(r'<p class="claim-meta">(.*?)</p>', html, re.S)]
    assert meta and not any("possibly_shared" in line for line in meta)
    assert any("possibly stated by other outlets" in line for line in meta)


def test_a_database_lost_while_loading_a_batchs_rejections_is_said_not_a_traceback(
        tmp_path: Path) -> None:
    """The loader saved the batch's rejections outside the failure wrapper its pages have: a
    database lost there was an internal error (a traceback) instead of the store's line."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from parallax.batch.load import load_parquet
    from parallax.batch.schema import REJECTION_SCHEMA
    from parallax.errors import Code, ParallaxError
    from parallax.settings import Config
    from parallax.store.base import open_store

    out = tmp_path / "run1"
    (out / "articles").mkdir(parents=True)
    (out / "rejections").mkdir()
    rows = [{"input": f"export.jsonl#line-{n}", "code": "E009", "reason": "no article found"}
            for n in (2, 5)]
    pq.write_table(pa.Table.from_pylist(rows, schema=REJECTION_SCHEMA),
                   out / "rejections" / "part-0.parquet")
    store = open_store(str(tmp_path / "news.db"))
    real = store.save_rejection
    calls = {"n": 0}

    def flaky(rejection: object) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError("disk went away")
        real(rejection)  # type: ignore[arg-type]

    store.save_rejection = flaky  # type: ignore[method-assign]
    try:
        with pytest.raises(ParallaxError, match="after 0 documents and 1 of the batch's "
                           "rejections were loaded") as caught:
            load_parquet(out, store, Config())
        assert caught.value.code == Code.STORE and "run the same command again" in str(
            caught.value)
    finally:
        store.close()


def _report(n: int, text: str, *, outlet: str | None = None, input: str = "",
            url: str | None = None, entity: str = "Ana Lund") -> Article:
    """A made-up main article naming ``entity`` once."""
    return Article(id=Article.make_id(f"Pier report {n}", text), role="main",
                   title=f"Pier report {n}", outlet=outlet,
                   published=Published("2026-11-0" + str(n), "2026-11-0" + str(n)), text=text,
                   input=input, url=url, language="en",
                   entities=[Mention(entity, 0, len(entity), "PERSON", entity)])


def _save(store: Any, *articles: Article) -> None:
    for a in articles:
        store.save_page(Page(input=a.input, uri=a.url or a.input, sha256="h" + a.id,
                             kind="text", fetched_at="2026-11-07T10:00:00Z", articles=[a]))


def test_the_entity_page_names_outlet_less_articles_as_the_comparison_does(
        db_url: str, tmp_path: Path) -> None:
    """Every outlet-less article was grouped under one "Unknown outlet" and counted as one
    outlet, while the comparison names each by its site or file."""
    from fastapi.testclient import TestClient

    from parallax.compare.overlap import outlet_names
    from parallax.settings import Config
    from parallax.store.base import open_store
    from parallax.web.app import create_app

    articles = [
        _report(1, "Ana Lund opened the pier on Monday.", input="day1/dump0.txt"),
        _report(2, "Ana Lund closed the pier on Tuesday.", input="day2/dump0.txt"),
        _report(3, "Ana Lund spoke at the pier.", input="feed.rss#item-1",
                url="https://www.quill.example/pier"),
        _report(4, "Ana Lund walked the pier.", outlet="Coast Post", input="post.jsonl#line-1")]
    store = open_store(db_url)
    try:
        _save(store, *articles)
        profile = store.entity_profile("Ana Lund")
    finally:
        store.close()
    assert profile is not None
    expected = outlet_names(articles)
    assert {r["id"]: r["outlet_label"] for r in profile["articles"]} == expected
    assert len(set(expected.values())) == 4 and profile["outlet_count"] == 4
    if db_url.startswith("postgres"):
        return
    config = Config()
    config.values["web_rate_per_minute"] = 0
    with TestClient(create_app(db_url, config)) as client:
        page = client.get("/entity/Ana Lund")
    assert page.status_code == 200
    for label in set(expected.values()) - {"Coast Post"}:
        assert escape(label) in page.text
    assert "by 4 outlets" in page.text


# -- (1) taking a document out again, and an outlet's corrected version ----------------------

FERRY = ("The ferry company of Port Ellery added two evening sailings on Monday after crews "
         "ended their strike, the harbour office said. Passengers had waited for hours on the "
         "quay since Friday, and the town council asked the company for a timetable it keeps. "
         "Harbour master Ana Lund said the first boat left at six and the second at nine. ")
EXTRA = {"Coast Post": "Unions said the deal gives crews a rest day.",
         "Quill Daily": "The council will meet the company on Thursday.",
         "Harbour Times": "Ticket prices stay the same, the company said.",
         "Velmora Radio": "Ana Lund thanked Velmora listeners for their patience."}


def _ferry(outlet: str, text: str | None = None) -> dict[str, Any]:
    return {"title": f"Ferries sail again ({outlet})", "outlet": outlet,
            "url": f"https://{outlet.replace(' ', '').lower()}.example/ferries",
            "published": "2026-11-03", "text": text or FERRY + EXTRA[outlet]}


def _jsonl(path: Path, records: list[dict[str, Any]]) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


def _week(tmp_path: Path) -> list[str]:
    bridge = {"title": "Bridge at Karsk closed", "outlet": "Quill Daily",
              "url": "https://quilldaily.example/bridge", "published": "2026-11-03",
              "text": "The old stone bridge at Karsk closed on Tuesday for six weeks of repairs,"
                      " the county roads office said. Engineer Tomas Brell said cracks had grown"
                      " over the summer. Drivers must use the ring road. " * 2}
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("Lemon cake\n\n" + "Mix flour, sugar and three eggs, then bake it for "
                     "forty minutes until golden. Let it cool before you cut it. " * 3,
                     encoding="utf-8")
    return [_jsonl(tmp_path / "week.jsonl", [_ferry(o) for o in EXTRA] + [bridge]), str(wrong)]


def _stories(store: Any) -> list[tuple[str, str, list[str], list[str], list[str]]]:
    return sorted((s.id, s.title, sorted(s.article_ids), s.outlets, sorted(s.key_entities))
                  for s in store.stories())


@pytest.fixture(scope="module")
def week_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small store ingested with the full analysis (entities make key entities)."""
    from parallax.runner import ingest
    from parallax.settings import Config
    from parallax.store.base import open_store

    folder = tmp_path_factory.mktemp("week")
    store = open_store(str(folder / "week.db"))
    try:
        ingest(_week(folder), store, Config())
    finally:
        store.close()
    return folder / "week.db"


def test_delete_takes_an_article_and_a_wrong_file_out_of_everything(
        week_db: Path, tmp_path: Path) -> None:
    """There was no way to take out a file ingested by mistake, or one outlet's report."""
    from fastapi.testclient import TestClient
    from typer.testing import CliRunner

    from parallax.cli import app
    from parallax.runner import recluster
    from parallax.settings import Config
    from parallax.store.base import open_store
    from parallax.web.app import create_app

    db = tmp_path / "week.db"
    shutil.copy(week_db, db)
    store = open_store(str(db))
    radio = next(a for a in store.articles() if a.outlet == "Velmora Radio")
    cake = next(a for a in store.articles() if "flour" in a.text)
    ferry = next(s for s in store.stories() if radio.id in s.article_ids)
    cake_story = next(s for s in store.stories() if cake.id in s.article_ids)
    assert "Velmora Radio" in ferry.outlets and store.search("Velmora")
    store.close()

    result = CliRunner().invoke(app, ["delete", radio.id, "--source",
                                      str(week_db.parent / "wrong.txt"), "nosuch",
                                      "--db", str(db), "--json"])
    assert result.exit_code == 2  # one target was not found; the others are gone
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["target"], r["status"]) for r in rows[:3]] == [
        (radio.id, "deleted"), ("nosuch", "not_found"),
        (str(week_db.parent / "wrong.txt"), "deleted")]  # ids, then sources
    assert [a["id"] for a in rows[0]["articles"]] == [radio.id]
    assert rows[3]["summary"] == {"documents": 2, "articles": 2, "copies": 0, "not_found": 1,
                                  "refused": 0, "stories_changed": 1, "stories_removed": 1,
                                  "stories": 2}

    store = open_store(str(db))
    try:
        assert store.article(radio.id) is None and store.article(cake.id) is None
        assert not store.search("Velmora") and not store.search("flour")
        lund = store.entity_profile("Ana Lund")
        assert lund is not None and radio.id not in {r["id"] for r in lund["articles"]}
        story = store.story(ferry.id)
        assert story is not None and radio.id not in story.article_ids
        assert "Velmora Radio" not in story.outlets and store.story(cake_story.id) is None
        assert "Velmora Radio" not in store.outlets()
        streamed = _stories(store)
        recluster(store, Config())  # `stories --rebuild` agrees with what delete left
        assert _stories(store) == streamed
    finally:
        store.close()
    config = Config()
    config.values["web_rate_per_minute"] = 0
    with TestClient(create_app(str(db), config)) as client:
        assert client.get(f"/article/{radio.id}").status_code == 404
        assert client.get(f"/story/{cake_story.id}").status_code == 404
        page = client.get(f"/story/{ferry.id}")
        assert page.status_code == 200 and "Velmora Radio" not in page.text


def test_ingest_replace_swaps_an_outlets_corrected_report(week_db: Path, tmp_path: Path) -> None:
    """A corrected report (same address, new text) was stored beside the old one, a
    near-duplicate of it, both in the story; with --replace it takes the old one's place."""
    from parallax.runner import ingest
    from parallax.settings import Config
    from parallax.store.base import open_store

    fixed = _ferry("Quill Daily", FERRY.replace("six", "seven") + EXTRA["Quill Daily"])
    correction = _jsonl(tmp_path / "fix.jsonl", [fixed])
    for replace in (False, True):
        db = tmp_path / f"replace-{replace}.db"
        shutil.copy(week_db, db)
        store = open_store(str(db))
        try:
            old = next(a for a in store.articles() if a.outlet == "Quill Daily"
                       and a.title.startswith("Ferries"))
            report = ingest([correction], store, Config(), replace=replace)
            (outcome,) = report.outcomes
            new = store.article(outcome.articles[0]["id"])
            assert new is not None and "seven" in new.text
            story = next(s for s in store.stories() if new.id in s.article_ids)
            if not replace:  # kept beside it, marked its near-duplicate
                assert outcome.replaced == [] and new.duplicate_of == old.id
                assert old.id in story.article_ids
                continue
            assert outcome.replaced == [old.id] and outcome.to_contract()["replaced"] == [old.id]
            assert store.article(old.id) is None and new.duplicate_of is None
            assert old.id not in story.article_ids and "Quill Daily" in story.outlets
            assert store.counts()["documents"] == 6
        finally:
            store.close()


def test_replace_never_takes_a_record_by_its_line(tmp_path: Path) -> None:
    """A record inserted above the others moves them down a line: the record stored from
    "#line-1" is still in the file (on line 2), so a record's line is no source to replace."""
    from parallax.pipeline import Pipeline
    from parallax.runner import ingest
    from parallax.settings import Config
    from parallax.store.base import open_store

    config = Config()
    pipeline = Pipeline.from_config(config, analyse=False)
    first = {"title": "Pier opens", "outlet": "Coast Post", "text": FERRY}
    path = tmp_path / "export.jsonl"
    store = open_store(str(tmp_path / "news.db"))
    try:
        ingest([_jsonl(path, [first])], store, config, pipeline=pipeline, cluster=False)
        inserted = {"title": "Pier closes", "outlet": "Coast Post", "text": FERRY + "Again."}
        report = ingest([_jsonl(path, [inserted, first])], store, config, pipeline=pipeline,
                        cluster=False, replace=True)
        assert [o.status for o in report.outcomes] == ["stored", "skipped"]
        assert report.outcomes[0].replaced == [] and len(store.articles()) == 2
    finally:
        store.close()


def test_removing_an_original_unmarks_its_copies_and_keeps_shared_articles(db_url: str) -> None:
    """A copy that named a removed article as its original kept pointing at nothing (its
    story counted it as no independent outlet); an article read from two inputs stays while
    one of them is left."""
    from parallax.runner import forget, ingest
    from parallax.settings import Config
    from parallax.store.base import open_store

    config = Config()
    from parallax.pipeline import Pipeline

    pipeline = Pipeline.from_config(config, analyse=False)
    text = FERRY * 3  # near-duplicates are linked from 50 words on
    wire = [{"title": "Ferries sail again", "outlet": o, "text": text}
            for o in ("Coast Post", "Quill Daily", "Harbour Times")]
    store = open_store(db_url)
    folder = Path(tempfile.mkdtemp(prefix="u-wire-"))
    try:
        ingest([_jsonl(folder / "wire.jsonl", wire), _jsonl(folder / "again.jsonl", wire[:1])],
               store, config, pipeline=pipeline)
        original = next(a for a in store.articles() if a.outlet == "Coast Post")
        copies = [a for a in store.articles() if a.id != original.id]
        assert all(a.duplicate_of == original.id for a in copies)
        # the same record read from two files is one article: one file out, it stays
        kept = store.remove_documents(store.source_documents(str(folder / "again.jsonl")))
        assert kept.articles == [] and store.article(original.id) is not None
        removed = store.remove_documents(store.article_documents(original.id))
        assert [a["id"] for a in removed.articles] == [original.id]
        forget(store, config, removed.stories)
        assert all(store.article(a.id).duplicate_of is None for a in copies)  # type: ignore[union-attr]
        (story,) = store.stories()
        assert sorted(story.independent_outlets) == ["Harbour Times", "Quill Daily"]
        assert store.counts()["documents"] == 2
    finally:
        store.close()
        shutil.rmtree(folder)


# -- (2) batch and ingest agree on outlets and ids -------------------------------------------

def test_batch_then_load_stores_what_ingest_stores(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """`parallax batch` folded no outlet spellings and gave wire copies no ids of their own:
    "coast post" stayed an outlet beside "Coast Post", and three outlets' verbatim copy was
    one article id three times (the load kept one outlet). Within a shard the worker applies
    ingest's rules; the load applies them across shards and against the store."""
    import parallax.batch.partitions as partitions
    from parallax.batch.load import load_parquet
    from parallax.batch.run import cluster_stories, read_articles
    from parallax.pipeline import Pipeline
    from parallax.runner import ingest
    from parallax.settings import Config
    from parallax.store.base import open_store

    config = Config()
    pipeline = Pipeline.from_config(config, analyse=False)
    monkeypatch.setattr(partitions, "_pipeline", lambda config: pipeline)
    wire = FERRY * 3

    def record(title: str, outlet: str, text: str) -> dict[str, Any]:
        return {"title": title, "outlet": outlet, "text": text, "published": "2026-11-03"}

    shards = [_jsonl(tmp_path / "one.jsonl", [
                  record("Ferries sail again", "Coast Post", wire),
                  record("Ferries sail again", "Quill Daily", wire),
                  record("Pier report", "coast post", FERRY + "The pier opens on Friday.")]),
              _jsonl(tmp_path / "two.jsonl", [
                  record("Ferries sail again", "Harbour Times", wire),
                  record("Ferries sail again", "COAST POST", wire),
                  record("Bridge report", "www.quill.example", FERRY + "The bridge shuts."),
                  record("Road report", "quill.example", FERRY + "The ring road is open.")])]

    def stored(db: Path) -> tuple[list[tuple[Any, ...]], list[str]]:
        store = open_store(str(db))
        try:
            return (sorted((a.id, a.title, a.outlet, a.duplicate_of) for a in store.articles()),
                    store.outlets())
        finally:
            store.close()

    store = open_store(str(tmp_path / "ingest.db"))
    try:
        ingest(shards, store, config, pipeline=pipeline)
    finally:
        store.close()
    out = tmp_path / "batch"
    planned, _ = partitions.plan(shards)
    for partition in planned:
        partitions.run_partition(partition, str(out), config)
    cluster_stories(out, config, comparisons=False)
    store = open_store(str(tmp_path / "batch.db"))
    try:
        load_parquet(out, store, config)
    finally:
        store.close()
    shard_one = {r["outlet"] for r in read_articles(out) if r["input"].startswith(shards[0])}
    assert shard_one == {"Coast Post", "Quill Daily"}  # the Parquet rows: folded per shard
    articles, outlets = stored(tmp_path / "ingest.db")
    assert stored(tmp_path / "batch.db") == (articles, outlets)
    assert outlets == ["Coast Post", "Harbour Times", "Quill Daily", "www.quill.example"]
    assert len({a[0] for a in articles}) == 6  # the wire copy: one id per outlet


def test_a_source_is_a_file_its_records_a_folder_or_one_address(db_url: str) -> None:
    from parallax.store.base import open_store

    inputs = ["week1/a.txt", "week1/b.jsonl#line-2", "week10/c.txt", "https://quill.example/",
              "https://quill.example/pier"]
    store = open_store(db_url)
    try:
        _save(store, *[_report(n, f"Ana Lund at the pier, part {n}.", input=i,
                               url=i if i.startswith("http") else None)
                       for n, i in enumerate(inputs, start=1)])
        def named(source: str) -> list[str]:
            return sorted(store.remove_documents(store.source_documents(source)).documents)

        assert named("week1/b.jsonl") == ["week1/b.jsonl#line-2"]
        assert named("week1/") == ["week1/a.txt"]
        assert named("https://quill.example/") == ["https://quill.example/"]  # not the site
        assert named("") == [] and store.counts()["documents"] == 2
    finally:
        store.close()


def test_a_teasers_id_is_refused_with_the_page_to_remove_instead(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from parallax.cli import app
    from parallax.store.base import open_store

    main = _report(1, "Ana Lund opened the pier on Monday.", input="pier.html")
    teaser = Article(id=Article.make_id("Bridge shuts", "More soon."), role="related",
                     title="Bridge shuts", outlet=None, published=Published(),
                     text="More soon.", input="pier.html")
    db = str(tmp_path / "news.db")
    store = open_store(db)
    store.save_page(Page(input="pier.html", uri="pier.html", sha256="h1", kind="html",
                         fetched_at=None, articles=[main, teaser]))
    store.close()
    result = CliRunner().invoke(app, ["delete", teaser.id, "--db", db, "--json"])
    assert result.exit_code == 2
    row = json.loads(result.stdout.splitlines()[0])
    assert row["status"] == "refused" and "--source 'pier.html'" in row["reason"]
    store = open_store(db)
    try:
        assert store.article(main.id) is not None and store.article(teaser.id) is not None
    finally:
        store.close()
