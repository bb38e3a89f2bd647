"""`parallax batch` on a real local Dask cluster (2 worker processes) over a small WARC and
JSONL corpus written here, checked against the single-process pipeline on the same input;
restart, corrupt shards and loading the results into a store."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from requirements import require_module
from warc_builders import Record, warc_bytes

require_module("dask.distributed")
pq = require_module("pyarrow.parquet")

from parallax.batch.load import load_parquet  # noqa: E402
from parallax.batch.run import read_articles, run_batch  # noqa: E402
from parallax.runner import ingest  # noqa: E402
from parallax.settings import Config  # noqa: E402
from parallax.store import open_store  # noqa: E402

STORIES_GOLD = Path(__file__).resolve().parent / "data" / "stories_gold" / "articles.jsonl"


def _warc(records: list[tuple[str, bytes]]) -> bytes:
    return warc_bytes([Record(uri, body, "text/html; charset=utf-8") for uri, body in records])


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Twelve gold articles as JSONL (two shards) and six more as HTML pages in a WARC."""
    folder = tmp_path_factory.mktemp("shards")
    lines = STORIES_GOLD.read_text(encoding="utf-8").splitlines()
    (folder / "a.jsonl").write_text("\n".join(lines[:6]) + "\n", encoding="utf-8")
    (folder / "b.jsonl").write_text("\n".join(lines[6:12]) + "\n", encoding="utf-8")
    pages = []
    for line in lines[12:18]:
        row = json.loads(line)
        paragraphs = "".join(f"<p>{p}</p>" for p in row["text"].split("\n\n"))
        html = (f"<html><head><title>{row['title']}</title><meta property='og:site_name' "
                f"content='{row['outlet']}'></head><body><article><h1>{row['title']}</h1>"
                f"{paragraphs}</article></body></html>")
        pages.append((row["url"], html.encode("utf-8")))
    (folder / "crawl.warc.gz").write_bytes(_warc(pages))
    return folder


@pytest.fixture(scope="module")
def batch_out(tmp_path_factory: pytest.TempPathFactory, corpus: Path) -> Path:
    out = tmp_path_factory.mktemp("batch")
    report = run_batch([str(corpus)], out, Config(), workers=2)
    assert report.failed == [] and len(report.finished) == 3
    return out


def _labels(article: dict[str, object]) -> tuple[object, ...]:
    data = json.loads(str(article["analysis"]))
    return (data["title"], data["language"], (data.get("genre") or {}).get("label"),
            sorted(n["label"] for n in data["narratives"]),
            sorted(f["label"] for f in data["frames"]),
            sorted({t["technique"] for t in data["techniques"]}),
            len(data["claims"]), len(data["quotes"]))


def test_batch_matches_the_single_process_pipeline(tmp_path: Path, corpus: Path,
                                                   batch_out: Path) -> None:
    rows = {r["id"]: r for r in read_articles(batch_out)}
    store = open_store(tmp_path / "single.db")
    ingest([str(corpus)], store, Config(), cluster=False)
    single = {a.id: a for a in store.articles(role=None)}
    store.close()
    assert set(rows) == set(single) and len(rows) >= 18
    for article_id, article in single.items():
        assert _labels(rows[article_id]) == _labels({"analysis": json.dumps(
            article.to_dict())}), article_id
    stories = pq.read_table(batch_out / "stories.parquet").to_pylist()
    assert sum(len(s["article_ids"]) for s in stories) >= 18
    manifest = json.loads((batch_out / "manifest.json").read_text())
    assert manifest["finished"] == 3 and manifest["failed"] == []
    assert manifest["worker_peak_rss_mb"] > 100  # the workers' own peak, models loaded
    # each figure is rounded to 0.1 s on its own, so their sum may exceed the total by 0.1
    assert manifest["analysis_seconds"] + manifest["stories_seconds"] <= (
        manifest["seconds"] + 0.1 + 1e-9)
    assert manifest["analysis_seconds"] > 0


def test_rerun_skips_finished_shards_and_reports_a_corrupt_one(corpus: Path,
                                                               batch_out: Path) -> None:
    broken = corpus.parent / "broken"
    broken.mkdir(exist_ok=True)
    (broken / "bad.parquet").write_bytes(b"PAR1 this is not parquet")
    report = run_batch([str(corpus), str(broken), str(corpus / "missing.jsonl")], batch_out,
                       Config(), workers=2)
    assert len(report.skipped) == 3 and report.finished == []
    assert len(report.failed) == 1 and "bad.parquet" in report.failed[0]["shard"]
    assert "Parquet" in report.failed[0]["reason"]
    assert [r.input for r in report.rejected_inputs] == [str(corpus / "missing.jsonl")]
    assert report.articles >= 18  # everything finished before is kept


def test_a_truncated_warc_shard_keeps_the_records_before_the_damage(tmp_path: Path,
                                                                    corpus: Path) -> None:
    whole = (corpus / "crawl.warc.gz").read_bytes()
    shard = tmp_path / "cut.warc.gz"
    shard.write_bytes(whole[: int(len(whole) * 0.7)])
    out = tmp_path / "out"
    report = run_batch([str(shard)], out, Config(), workers=1, comparisons=False)
    assert report.failed == [] and len(report.finished) == 1  # the shard itself finished
    kept = read_articles(out)
    assert 1 <= len([r for r in kept if r["role"] == "main"]) < 6
    rejected = pq.read_table(out / "rejections").to_pylist()
    assert any("truncated or corrupt" in r["reason"] for r in rejected)


def test_parquet_results_load_into_a_store(db_url: str, batch_out: Path) -> None:
    store = open_store(db_url)  # on SQLite and on PostgreSQL
    first = load_parquet(batch_out, store, Config())
    again = load_parquet(batch_out, store, Config())
    assert first.documents >= 18 and first.stories >= 1
    assert again.documents == 0 and again.skipped == first.documents
    assert store.search("Orlec") and len(store.articles(role="main")) >= 18
    store.close()


def test_loading_stops_cleanly_when_the_database_fails(tmp_path: Path, batch_out: Path) -> None:
    from parallax.errors import ParallaxError

    store = open_store(tmp_path / "flaky.db")
    real = store.save_page
    calls = {"n": 0}

    def flaky(page: object, **kwargs: Any) -> list[str]:
        calls["n"] += 1
        if calls["n"] == 5:
            raise OSError("disk went away")
        return real(page, **kwargs)  # type: ignore[arg-type]

    store.save_page = flaky  # type: ignore[method-assign]
    with pytest.raises(ParallaxError, match="after 4 documents were loaded"):
        load_parquet(batch_out, store, Config())
    store.save_page = real  # type: ignore[method-assign]
    resumed = load_parquet(batch_out, store, Config())
    assert resumed.skipped == 4 and resumed.documents >= 14
    store.close()


def test_loading_resumes_after_the_postgres_server_drops_us(postgres_cluster: Any,
                                                           batch_out: Path) -> None:
    """The database really goes away mid-load: the server ends our session after four pages."""
    import psycopg

    from parallax.errors import ParallaxError

    url = postgres_cluster.new_database()
    store = open_store(url)
    real = store.save_page
    calls = {"n": 0}

    def dropped_after_four(page: object, **kwargs: Any) -> list[str]:
        calls["n"] += 1
        if calls["n"] == 5:
            with psycopg.connect(postgres_cluster.url(), autocommit=True) as admin:
                admin.execute("SELECT pg_terminate_backend(%s)",
                              (store.conn.raw.info.backend_pid,))
        return real(page, **kwargs)  # type: ignore[arg-type]

    store.save_page = dropped_after_four  # type: ignore[method-assign]
    with pytest.raises(ParallaxError, match="after 4 documents were loaded"):
        load_parquet(batch_out, store, Config())
    resumed = load_parquet(batch_out, open_store(url), Config())
    assert resumed.skipped == 4 and resumed.documents >= 14


def test_a_worker_killed_mid_partition_loses_nothing(tmp_path: Path, corpus: Path,
                                                     batch_out: Path) -> None:
    """SIGKILL one worker while it analyses a shard (synchronised on the partition's own loop,
    tests/worker_killer.py): Dask re-runs that shard elsewhere, the half-done work never shows,
    and the output equals an undisturbed run's."""
    import cloudpickle
    from dask.distributed import Client, LocalCluster

    import worker_killer

    cloudpickle.register_pickle_by_value(worker_killer)  # the workers cannot import tests/
    marker = str(tmp_path / "killed")
    out = tmp_path / "out"
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        client.register_plugin(worker_killer.KillOnce(marker))
        report = run_batch([str(corpus)], out, Config(), scheduler=cluster.scheduler_address)
    victim = worker_killer.killed(marker)
    assert victim is not None and victim.startswith("parallax-")  # a worker really died
    assert int(victim.rsplit("after=", 1)[1]) >= 1  # mid-partition: analysed, not yet written
    assert report.failed == [] and len(report.finished) == 3
    assert not [p for p in out.rglob("*") if p.name.startswith(".")]  # no half-written files
    assert sorted(r["id"] for r in read_articles(out)) == sorted(
        r["id"] for r in read_articles(batch_out))
