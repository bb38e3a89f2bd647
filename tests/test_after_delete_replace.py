"""What must follow a ``delete`` or an ``ingest --replace`` (docs/robustness.md, twenty-second
session, helper V): the running server's story page, a copy whose original is gone, and a
correction that has nothing to be matched by. All inputs are made up here."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from parallax.records import Article, Page, Published, Story

TEXT = ("The ferry company of Port Ellery added two evening sailings on Monday after crews "
        "ended their strike, the harbour office said. Passengers had waited on the quay since "
        "Friday, and harbour master Ana Lund said the first boat left at six. ")


def _record(outlet: str, published: str = "2026-11-03") -> dict[str, Any]:
    return {"title": "Ferries sail again", "outlet": outlet, "published": published,
            "url": "https://quay.example/ferries", "text": TEXT}


def _jsonl(path: Path, records: list[dict[str, Any]]) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


def test_a_running_server_shows_the_date_a_replacement_corrected(tmp_path: Path) -> None:
    """``--replace`` of a report whose date was wrong keeps the article's id, its story's id
    and members: the server's rendered page, keyed by those, showed the old date until it
    was restarted."""
    from fastapi.testclient import TestClient

    from parallax.compare.service import comparison_for
    from parallax.pipeline import Pipeline
    from parallax.runner import ingest
    from parallax.settings import Config
    from parallax.store.base import open_store
    from parallax.web.app import create_app

    config = Config()
    config.values["web_warm_comparisons"] = False
    pipeline = Pipeline.from_config(config, analyse=False)
    db = str(tmp_path / "news.db")
    store = open_store(db)
    try:
        ingest([_jsonl(tmp_path / "a.jsonl", [_record("Coast Post")])], store, config,
               pipeline=pipeline)
        (story,) = store.stories()
    finally:
        store.close()
    calls: list[str] = []

    def counting(store: Any, story_id: str) -> dict[str, Any]:
        calls.append(story_id)
        return comparison_for(store, story_id, config)

    client = TestClient(create_app(db, config, comparison_for=counting, token_hash=""))
    first, again = client.get(f"/story/{story.id}"), client.get(f"/story/{story.id}")
    assert "2026-11-03" in first.text and again.text == first.text and len(calls) == 1
    store = open_store(db)
    try:
        report = ingest([_jsonl(tmp_path / "b.jsonl", [_record("Coast Post", "2026-11-04")])],
                        store, config, pipeline=pipeline, replace=True)
        (fixed,) = store.stories()
        assert report.outcomes[0].replaced == story.article_ids == fixed.article_ids
        assert fixed.id == story.id and fixed.start == "2026-11-04"
    finally:
        store.close()
    page = client.get(f"/story/{story.id}")
    assert "2026-11-03" not in page.text and "2026-11-04" in page.text and len(calls) == 2
    assert client.get(f"/story/{story.id}").text == page.text and len(calls) == 2


def _article(n: int, outlet: str, duplicate_of: str | None = None) -> Article:
    return Article(id=f"a{n}", role="main", title=f"Pier report {n}", outlet=outlet,
                   published=Published("2026-11-03", "2026-11-03"), text=TEXT, input=f"p{n}",
                   language="en", duplicate_of=duplicate_of,
                   duplicate_similarity=None if duplicate_of is None else 0.9)


def test_a_copy_in_another_story_loses_the_mark_of_its_removed_original(db_url: str) -> None:
    """A copy joins its original's story, but a later run's regrouping may move it to
    another; removing the original then left the copy's ``duplicate_of`` (article JSON, story
    profile, the comparison's article rows) naming no stored article."""
    from parallax.runner import forget
    from parallax.settings import Config
    from parallax.store.base import open_store
    from parallax.stories.profile import profile_of

    original, copy, other = (_article(1, "Coast Post"), _article(2, "Quill Daily", "a1"),
                             _article(3, "Harbour Times"))
    store = open_store(db_url)
    try:
        for a in (original, copy, other):
            store.save_page(Page(input=a.input, uri=a.input, sha256="h" + a.id, kind="text",
                                 fetched_at="2026-11-07T10:00:00Z", articles=[a]))
        stories = [Story(id="s1", title="Pier", article_ids=["a1"], main_count=1),
                   Story(id="s2", title="Pier", article_ids=["a2", "a3"], main_count=2)]
        store.save_stories(stories, {}, [(a.id, profile_of(a).to_json())
                                         for a in (original, copy, other)])
        removed = store.remove_documents(store.article_documents("a1"))
        assert removed.stories == {"s1", "s2"}  # s2's record and comparison are made again
        forget(store, Config(), removed.stories)
        assert store.article("a2").duplicate_of is None  # type: ignore[union-attr]
        profiles = {a: json.loads(d) for a, _, d, _ in store.story_profiles()}
        assert profiles["a2"]["duplicate_of"] is None and "a1" not in profiles
        (left,) = store.stories()
        assert left.id == "s2" and left.independent_outlets == ["Harbour Times", "Quill Daily"]
    finally:
        store.close()


def test_replace_says_when_a_record_has_nothing_to_be_matched_by(tmp_path: Path) -> None:
    """A URL-less JSONL record cannot be matched to its stored version (a line is no
    identity): ``--replace`` stored the correction beside it and said "stored 1" only."""
    from typer.testing import CliRunner

    from parallax.cli import app

    plain = {"title": "Pier opens", "outlet": "Coast Post", "text": TEXT}
    first = _jsonl(tmp_path / "a.jsonl", [plain])
    fixed = _jsonl(tmp_path / "b.jsonl", [{**plain, "text": TEXT + "Corrected."},
                                          _record("Quill Daily")])
    db = str(tmp_path / "news.db")
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", first, "--db", db]).exit_code == 0
    out = runner.invoke(app, ["ingest", fixed, "--db", db, "--replace", "--json"])
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    assert [line["reason"] is not None for line in lines[:2]] == [True, False]
    assert "parallax delete" in lines[0]["reason"] and lines[0]["stored"]
    shown = runner.invoke(app, ["ingest", _jsonl(tmp_path / "c.jsonl", [
        {**plain, "text": TEXT * 3 + "Corrected again."}]), "--db", db, "--replace"])
    assert shown.exit_code == 0 and "not replaced" in shown.output
    words = " ".join(shown.output.split())
    assert "parallax delete" in words and "near-duplicate" not in words
    again = runner.invoke(app, ["ingest", _jsonl(tmp_path / "d.jsonl", [
        {**plain, "text": TEXT * 3 + "Corrected once more."}]), "--db", db, "--replace"])
    (old,) = {a.duplicate_of for a in _stored(db) if a.text.endswith("once more.")}
    assert old is not None  # the message names the version it repeats, to delete
    assert f"near-duplicates of: {old}" in " ".join(again.output.split())


def test_an_outlet_corrected_by_replace_keeps_the_id_a_fresh_ingest_gives(tmp_path: Path) -> None:
    """The correction looked like another outlet's word-for-word copy of the version it
    replaces (still stored when ids are given), so it got an id of its own (title, text,
    outlet): the store then held another id than a fresh ingest of the corrected file."""
    from parallax.pipeline import Pipeline
    from parallax.runner import ingest
    from parallax.settings import Config
    from parallax.store.base import open_store

    config = Config()
    pipeline = Pipeline.from_config(config, analyse=False)
    fixed = _jsonl(tmp_path / "b.jsonl", [_record("Coast Post")])
    ids = []
    for name, inputs, replace in (("fresh", [fixed], False),
                                  ("replaced", [_jsonl(tmp_path / "a.jsonl",
                                                       [_record("Coast Postt")]), fixed], True)):
        store = open_store(str(tmp_path / f"{name}.db"))
        try:
            for path in inputs:
                ingest([path], store, config, pipeline=pipeline, replace=replace)
            (article,) = store.articles()
            assert article.outlet == "Coast Post"
            ids.append(article.id)
        finally:
            store.close()
    assert ids[0] == ids[1]


def test_copies_keep_their_mark_when_replace_brings_the_original_back(tmp_path: Path) -> None:
    """A correction of the date keeps title and text, so the article comes back under its
    id; its copies (another outlet's word-for-word run of it) lost their mark all the same."""
    from parallax.pipeline import Pipeline
    from parallax.runner import ingest
    from parallax.settings import Config
    from parallax.store.base import open_store

    config = Config()
    pipeline = Pipeline.from_config(config, analyse=False)
    wire = {**_record("Quill Daily"), "url": "https://quill.example/ferries",
            "text": TEXT * 3}  # near-duplicates are linked from 50 words on
    first = {**_record("Coast Post"), "text": TEXT * 3}
    store = open_store(str(tmp_path / "news.db"))
    try:
        ingest([_jsonl(tmp_path / "a.jsonl", [first, wire])], store, config, pipeline=pipeline)
        original = next(a for a in store.articles() if a.outlet == "Coast Post")
        copy = next(a for a in store.articles() if a.outlet == "Quill Daily")
        assert copy.duplicate_of == original.id
        report = ingest([_jsonl(tmp_path / "b.jsonl", [{**first, "published": "2026-11-04"}])],
                        store, config, pipeline=pipeline, replace=True)
        assert report.outcomes[0].replaced == [original.id]
        assert store.article(original.id).published.iso == "2026-11-04"  # type: ignore[union-attr]
        assert store.article(copy.id).duplicate_of == original.id  # type: ignore[union-attr]
    finally:
        store.close()


def test_a_copy_of_an_article_no_longer_stored_reads_as_its_own(tmp_path: Path) -> None:
    """A store where an earlier delete left a copy marked (before copies were found outside
    the original's story) showed the missing id in the article JSON and comparisons."""
    from parallax.store.base import open_store

    store = open_store(str(tmp_path / "news.db"))
    try:
        kept, copy = _article(1, "Coast Post"), _article(2, "Quill Daily", "a-gone")
        later = _article(3, "Harbour Times", "a1")
        for a in (kept, copy, later):
            store.save_page(Page(input=a.input, uri=a.input, sha256="h" + a.id, kind="text",
                                 fetched_at="2026-11-07T10:00:00Z", articles=[a]))
        assert store.article("a2").duplicate_of is None  # type: ignore[union-attr]
        assert store.article("a3").duplicate_of == "a1"  # type: ignore[union-attr]
        assert {a.id: a.duplicate_of for a in store.articles()} == {
            "a1": None, "a2": None, "a3": "a1"}
    finally:
        store.close()


def _stored(db: str) -> list[Article]:
    from parallax.store.base import open_store

    store = open_store(db)
    try:
        return store.articles()
    finally:
        store.close()
