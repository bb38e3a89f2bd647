"""Bugs found reviewing the twenty-fourth session's changes and the twenty-third's leftovers
(helper R). Every text here is made up for these tests; each test fails on the code before its
fix."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from parallax.segment.textdump import segment_text
from requirements import require_module

WIRE = ("The harbour ferries of Velmora sailed again on Monday after a week of storms kept "
        "them in port, the ferry company said. Crews checked every hull and ramp overnight, "
        "and the first boat left at six with forty passengers on board. ") * 3


def _jsonl(path: Path, records: list[dict[str, Any]]) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


def _record(outlet: str, text: str = WIRE, title: str = "Ferries sail again") -> dict[str, Any]:
    return {"title": title, "outlet": outlet, "text": text, "published": "2026-11-03"}


def test_stories_parquet_keeps_every_outlet_of_a_wire_report_across_shards(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two shards each held one outlet's verbatim copy of a wire report: a worker sees its own
    shard only, so both rows had one id, and ``stories.parquet`` listed the story under the
    first outlet alone (the second outlet missing, no comparison). The driver applies the
    load's cross-shard rules before grouping and writes them back into the rows, so the rows,
    the stories file and a load agree (and the load takes the batch's grouping)."""
    require_module("dask.distributed")
    pq = require_module("pyarrow.parquet")
    import parallax.batch.partitions as partitions
    from parallax.batch.load import load_parquet
    from parallax.batch.run import cluster_stories, read_articles, read_parts
    from parallax.pipeline import Pipeline
    from parallax.runner import ingest
    from parallax.settings import Config
    from parallax.store.base import open_store

    config = Config()
    pipeline = Pipeline.from_config(config, analyse=False)
    monkeypatch.setattr(partitions, "_pipeline", lambda config: pipeline)
    shards = [_jsonl(tmp_path / "one.jsonl", [_record("Coast Post")]),
              _jsonl(tmp_path / "two.jsonl", [
                  _record("Harbour Times"),
                  _record("coast post", "The pier at Velmora opens on Friday after repairs. "
                          * 12, "Pier opens")])]
    out = tmp_path / "batch"
    for partition in partitions.plan(shards)[0]:
        partitions.run_partition(partition, str(out), config)
    cluster_stories(out, config, comparisons=False)
    stories = pq.read_table(out / "stories.parquet").to_pylist()
    ferry = next(s for s in stories if s["title"].startswith("Ferries"))
    assert sorted(ferry["outlets"]) == ["Coast Post", "Harbour Times"]
    assert len(set(ferry["article_ids"])) == 2
    rows = {r["id"]: r for r in read_articles(out)}
    assert set(ferry["article_ids"]) <= set(rows)  # the rows carry the stories' ids
    copy = next(r for r in rows.values() if r["outlet"] == "Harbour Times")
    assert copy["duplicate_of"] in ferry["article_ids"]
    assert json.loads(copy["analysis"])["id"] == copy["id"]
    assert {r["outlet"] for r in rows.values()} == {"Coast Post", "Harbour Times"}
    assert all(c["article_id"] in rows for c in read_parts(out, "comments"))
    assert all(r["minhash"] for r in rows.values())  # the workers' signatures, kept

    store = open_store(str(tmp_path / "ingest.db"))
    try:
        ingest(shards, store, config, pipeline=pipeline)
        expected = sorted((a.id, a.outlet, a.duplicate_of) for a in store.articles())
    finally:
        store.close()
    cluster_stories(out, config, comparisons=False)  # a second grouping changes nothing
    assert {r["id"] for r in read_articles(out)} == set(rows)
    store = open_store(str(tmp_path / "batch.db"))
    try:
        load_parquet(out, store, config)
        assert sorted((a.id, a.outlet, a.duplicate_of) for a in store.articles()) == expected
        assert sorted(sorted(s.article_ids) for s in store.stories()) == sorted(
            sorted(s["article_ids"]) for s in stories)
    finally:
        store.close()


def test_a_batch_folder_that_cannot_be_listed_is_reported(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``parallax batch FOLDER`` found its shards with ``rglob``, which passes over a folder it
    may not list: its shards were lost without a rejection (a524319 made ``ingest`` report
    such a folder; the tests run as root, so the refusal is made up, as there)."""
    import os

    from parallax.batch.partitions import plan

    (tmp_path / "open.jsonl").write_text(json.dumps(_record("Coast Post")) + "\n",
                                         encoding="utf-8")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "late.jsonl").write_text(json.dumps(_record("Harbour Times")) + "\n",
                                                    encoding="utf-8")
    (tmp_path / "up").symlink_to(tmp_path, target_is_directory=True)  # not entered
    (tmp_path / "alias.jsonl").symlink_to(tmp_path / "open.jsonl")  # read, as rglob did
    listing = os.scandir

    def refuse(path: Any = ".") -> Any:
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return listing(path)

    monkeypatch.setattr(os, "scandir", refuse)
    partitions, rejected = plan([str(tmp_path)])
    assert [Path(p.shard).name for p in partitions] == ["alias.jsonl", "open.jsonl"]
    assert [(r.input, r.code) for r in rejected] == [(str(tmp_path / "locked"), "E007")]
    assert "cannot list this folder: Permission denied" in rejected[0].reason
    partitions, rejected = plan([str(tmp_path / "locked")])  # the folder given itself
    assert partitions == [] and "cannot list this folder" in rejected[0].reason


@pytest.mark.parametrize("page", [
    "<p>Ferries sail again.</p>" + "<script>" * 10_000 + "x" * 2_400_000 + "</p>",
    "<p>Ferries sail again.</p>" + "<script " * 2_000 + "x" * 2_400_000,
    "<p>Ferries sail again.</p>" + "<style>" * 20_000 + "é" * 2_400_000 + "</style>"],
    ids=["unclosed scripts", "openings without a tag end", "styles closed once"])
def test_a_page_of_many_script_openings_is_looked_over_once(
        page: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """4044814's ``fit_html_blocks`` searched for the closing tag after every opening, and
    measured every body, over the rest of the page each time: a made-up 2.4 MB page of
    10,000 unclosed "<script>" took 209 s, one of 2,000 "<script " and no ">" 59 s (a loaded
    machine; was linear before). Each closing tag and each tag's end is searched for once
    now, and a body's bytes counted once."""
    import parallax.ingest.decode as decode

    searched = [0]
    after = decode._after

    def counting(text: str, what: Any, start: int) -> int:
        searched[0] += 1
        return after(text, what, start)

    measured = [0]
    utf8 = decode._utf8

    def measuring(text: str) -> int:
        measured[0] += len(text)
        return utf8(text)

    monkeypatch.setattr(decode, "_after", counting)
    monkeypatch.setattr(decode, "_utf8", measuring)
    assert decode.fit_html_blocks(page) == page  # no body over the parser's limit: kept
    assert searched[0] <= 2 * page.count(">") + 4
    assert measured[0] <= 2 * len(page)  # characters counted in UTF-8, not once per opening


def test_a_degree_after_a_persons_name_is_no_state() -> None:
    """7ce76a9 reads a postal code right after "<word>, " as the state, whatever its type: a
    doctor's degree after her name ("<given> <surname>, MD, said", made up) became a mention
    of Maryland (and "MS" Mississippi), joining the state's row across articles. A town before
    the code still makes it the state."""
    from test_ner_titles import entities

    found = entities("\u201cWe can see twice as many patients now,\u201d said Laura Bennet, MD, "
                     "the head of the new clinic. Nurse manager Grace Lin, MS, agreed.")
    assert not {c for _, _, c in found} & {"Maryland", "Mississippi"}
    assert ("IL", "GPE", "Illinois") in entities(
        "Officials in Springfield, IL said the road would reopen next week.")


def test_a_country_or_a_state_named_like_a_person_stays_a_place() -> None:
    """7ce76a9 joins a given name written alone to the article's one person whose full name
    opens with it: a country and a state of that name became the person ("Chad" beside "Chad
    <surname>", "Georgia" beside "Georgia <surname>", made up), typed a place or not. A
    listed country's, region's or state's name now never joins; a plain given name still
    does."""
    from test_ner_titles import entities

    chad = entities("Chad Verlow, the former player, visited the capital of Chad last week. "
                    "Chad has asked for more aid since the floods, officials said.")
    georgia = entities("Georgia Pellam spoke to reporters on Friday. Georgia's governor said "
                       "the state would appeal, and Georgia will vote again in May.")
    assert [c for t, _, c in chad if t == "Chad"] == ["Chad", "Chad"]
    assert {c for t, _, c in georgia if t == "Georgia"} == {"Georgia"}
    marla = entities("Marla Quenby said the council had ignored her. Marla added that she "
                     "would appeal.")
    assert [c for _, _, c in marla] == ["Marla Quenby", "Marla Quenby"]


@pytest.mark.parametrize("sep", ["\n\n", "\n"], ids=["blank lines", "one block a line"])
def test_one_reader_named_like_a_word_keeps_the_pasted_thread(sep: str) -> None:
    """fa92a5b took an item whose name line's word recurs in the sentence under its stamp for
    a "Latest" list's teaser, item by item: one reader named "Will <surname>" writing "I
    will ..." (made up) broke the run of three stamps, and the whole pasted thread of four
    was read as article text (fa92a5b^: four comments). Most of the run must echo now."""
    from tests.test_review_twentythird import FARES

    names = ["Anna Berg", "Will Parry", "Ilse Varga", "Tom Vell"]
    said = ["I think the ferry fares are far too high for families like mine.",
            "I will say it again: the fares will rise next spring as well.",
            "By the look of it the council still wants a ferry at all, I suppose.",
            "Prices went up every year since I moved here, and nobody asked us."]
    thread = [line for k in range(4) for line in (names[k], f"{k + 2} hours ago", said[k])]
    assert len(segment_text(sep.join(FARES + thread)).comments) == 4
