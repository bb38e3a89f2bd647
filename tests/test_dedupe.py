from __future__ import annotations

import json
from pathlib import Path

from parallax.records import Article, Page, Published
from parallax.runner import ingest
from parallax.settings import Config
from parallax.store import open_store
from parallax.stories.dedupe import NearDuplicateIndex, independent

WIRE = ("The collapse of the old river dam has killed at least 38 people, officials said on "
        "Wednesday, while rescue teams searched flooded villages for survivors. ") + " ".join(
    f"Paragraph {i} describes the evacuation of district {i}, where water rose two metres "
    "overnight and residents waited on rooftops for boats." for i in range(8))


def page(title: str, text: str, outlet: str, sha: str) -> Page:
    article = Article(id=Article.make_id(title, text), role="main", title=title, outlet=outlet,
                      published=Published(), text=text)
    return Page(input=sha, uri=sha, sha256=sha, kind="record", fetched_at="", articles=[article])


def test_syndicated_copy_is_linked_and_distinct_report_is_not() -> None:
    index = NearDuplicateIndex(0.7)
    original = page("Dam collapse kills 38", WIRE, "Wire A", "1")
    copy = page("38 dead as dam fails", "LENSKOW (CPA) - " + WIRE.replace("Wednesday", "Weds"),
                "Site B", "2")
    other = page("Dam report", "A completely different report about the dam's maintenance "
                 "history, written by our own reporter, with interviews of engineers " * 6,
                 "Site C", "3")
    for p in (original, copy, other):
        index.mark(p)
    assert copy.articles[0].duplicate_of == original.articles[0].id
    assert copy.articles[0].duplicate_similarity and copy.articles[0].duplicate_similarity > 0.7
    assert original.articles[0].duplicate_of is None and other.articles[0].duplicate_of is None
    kept = independent([original.articles[0], copy.articles[0], other.articles[0]])
    assert [a.outlet for a in kept] == ["Wire A", "Site C"]


def test_copies_link_across_ingest_runs(tmp_path: Path) -> None:
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text(json.dumps({"title": "Dam collapse", "outlet": "Wire A", "text": WIRE}))
    second.write_text(json.dumps({"title": "Dam fails", "outlet": "Site B",
                                  "text": "UPDATE: " + WIRE}))
    store = open_store(tmp_path / "p.db")
    ingest([str(first)], store, Config())
    report = ingest([str(second)], store, Config())
    (outcome,) = report.outcomes
    assert outcome.articles[0]["duplicate_of"] is not None
    (story,) = store.stories()
    assert story.outlets == ["Site B", "Wire A"] and story.independent_outlets == ["Wire A"]
