"""`parallax batch`: analyse shards on a Dask cluster, then group stories over all of them.

Dask does the scheduling (no home-made scheduler): each shard is one task, retried once on
another worker if its worker dies; a failed shard is reported with its reason and the others
carry on. Without a scheduler address a local cluster sized to the machine is started (one
single-threaded worker process per core: the models are not thread-safe and the GIL would
serialise them anyway). Stories are clustered in the driver from the articles' slim columns,
since grouping needs every article at once; comparisons are computed for stories carried by at
least two outlets.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import dask
import pyarrow as pa
import pyarrow.parquet as pq

from parallax.batch.partitions import Partition, done, plan, run_partition
from parallax.batch.schema import STORY_SCHEMA, article_of
from parallax.errors import Code, ParallaxError
from parallax.records import Article, Mention, Published, Rejection
from parallax.settings import Config

PROFILE_COLUMNS = ["id", "role", "title", "outlet", "language", "published_iso",
                   "duplicate_of", "entities", "vector", "text"]


@dataclass(slots=True)
class BatchReport:
    partitions: int = 0
    finished: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[dict[str, str]] = field(default_factory=list)
    rejected_inputs: list[Rejection] = field(default_factory=list)
    articles: int = 0
    stories: int = 0
    seconds: float = 0.0
    analysis_seconds: float = 0.0  # the shards on the cluster: the part that scales
    stories_seconds: float = 0.0  # global grouping (and comparisons) in the driver

    @property
    def worker_peak_rss_mb(self) -> int:
        """The largest peak resident memory any worker process reported."""
        return max((int(r.get("peak_rss_mb", 0)) for r in self.finished), default=0)

    def to_dict(self) -> dict[str, Any]:
        return {"partitions": self.partitions, "finished": len(self.finished),
                "skipped": len(self.skipped), "failed": self.failed,
                "rejected_inputs": [{"input": r.input, "reason": r.reason, "code": r.code}
                                    for r in self.rejected_inputs],
                "articles": self.articles, "stories": self.stories,
                "seconds": round(self.seconds, 1),
                "analysis_seconds": round(self.analysis_seconds, 1),
                "stories_seconds": round(self.stories_seconds, 1),
                "worker_peak_rss_mb": self.worker_peak_rss_mb}


def run_batch(inputs: list[str], out: Path, config: Config, *, scheduler: str | None = None,
              workers: int | None = None, comparisons: bool = True,
              on_partition: Callable[[dict[str, Any]], None] | None = None) -> BatchReport:
    started = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    partitions, rejected = plan(inputs)
    report = BatchReport(partitions=len(partitions), rejected_inputs=rejected)
    todo = [p for p in partitions if not done(p, out)]
    report.skipped = [p.id for p in partitions if p not in todo]
    if todo:
        _run_on_dask(todo, out, config, scheduler, workers, report, on_partition)
    report.analysis_seconds = time.perf_counter() - started
    for stale in out.glob("*/.*.tmp"):  # left by a worker killed while writing; all are done now
        stale.unlink(missing_ok=True)
    grouping = time.perf_counter()
    report.articles, report.stories = cluster_stories(out, config, comparisons=comparisons)
    report.stories_seconds = time.perf_counter() - grouping
    report.seconds = time.perf_counter() - started
    (out / "manifest.json").write_text(json.dumps(report.to_dict(), indent=1),
                                       encoding="utf-8")
    return report


def worker_settings(threads: int) -> dict[str, Any]:
    """Dask settings for workers that run the analysis; measured on one 250-article shard.

    - Dask's nannies start workers with MALLOC_TRIM_THRESHOLD_=65536. A fixed threshold turns
      off glibc's adaptive one, so the numpy and thinc buffers of every sentence batch went back
      to the kernel and were faulted in again. That cost 28 % of throughput. Unset, glibc
      adapts as in a plain process.
    - The workers' statistical profiler samples the task thread's stack 100 times a second,
      taking the GIL each time. Turning it off gained 8.6 %.
    - The BLAS thread variables follow the cores each worker gets, instead of Dask's 1.
    """
    count = str(threads)
    return {"distributed.nanny.pre-spawn-environ": {
                "OMP_NUM_THREADS": count, "MKL_NUM_THREADS": count,
                "OPENBLAS_NUM_THREADS": count},
            "distributed.worker.profile.enabled": False}


def _run_on_dask(todo: list[Partition], out: Path, config: Config, scheduler: str | None,
                 workers: int | None, report: BatchReport,
                 on_partition: Callable[[dict[str, Any]], None] | None) -> None:
    from dask.distributed import Client, LocalCluster, as_completed

    cluster = None
    threads = None  # a remote cluster's workers decide for themselves
    if scheduler:
        try:  # nobody listening, or no address at all: one line (exit 3), not a traceback
            client = Client(scheduler)
        except (OSError, ValueError, AssertionError) as exc:  # (distributed asserts a scheme)
            raise ParallaxError(Code.CONFIG, f"cannot reach the Dask scheduler at {scheduler}: "
                                f"{exc or type(exc).__name__} (is it running? addresses look "
                                "like tcp://10.0.0.5:8786)") from exc
    else:
        n = workers or max(1, os.cpu_count() or 1)
        threads = max(1, (os.cpu_count() or 1) // n)
        with dask.config.set(worker_settings(threads)):
            cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                   dashboard_address=None, memory_limit="3GiB")
        client = Client(cluster)
    try:
        futures = {client.submit(run_partition, p, str(out), config, threads,
                                 key=f"parallax-{p.id}", retries=1, pure=False): p
                   for p in todo}
        for future in as_completed(futures):
            partition = futures[future]
            try:
                result = future.result()
            except Exception as exc:  # reported, the rest carries on
                result = {"partition": partition.id, "shard": partition.shard,
                          "error": f"{type(exc).__name__}: {exc}"}
                report.failed.append({"shard": partition.shard, "reason": result["error"]})
            else:
                report.finished.append(result)
            if on_partition:
                on_partition(result)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _slim(row: dict[str, Any]) -> Article:
    """Just what story grouping reads: names, title, time, outlet, vector."""
    import numpy as np

    article = Article(id=row["id"], role=row["role"], title=row["title"] or "",
                      outlet=row["outlet"], published=Published(iso=row["published_iso"]),
                      text=row["text"] or "", language=row["language"],
                      duplicate_of=row["duplicate_of"],
                      entities=[Mention(e["text"] or "", 0, 0, e["type"] or "",
                                        e["canonical"] or "") for e in row["entities"] or []])
    if row.get("vector") is not None:
        article.vector = np.asarray(row["vector"], dtype=np.float32)
    return article


def read_parts(out: Path, folder: str, columns: list[str] | None = None
               ) -> list[dict[str, Any]]:
    """Rows of every finished partition in ``out/folder`` (articles, comments, rejections)."""
    rows: list[dict[str, Any]] = []
    for file in sorted((out / folder).glob("part-*.parquet")):
        rows.extend(pq.read_table(file, columns=columns).to_pylist())
    return rows


def read_articles(out: Path, columns: list[str] | None = None) -> list[dict[str, Any]]:
    return read_parts(out, "articles", columns)


def cluster_stories(out: Path, config: Config, *, comparisons: bool) -> tuple[int, int]:
    from parallax.pipeline import build_clusterer, build_comparer

    rows = read_articles(out, PROFILE_COLUMNS)
    stories = build_clusterer(config).cluster([_slim(r) for r in rows], [])
    compared: dict[str, str] = {}
    if comparisons:
        wanted = {s.id for s in stories if len(s.independent_outlets or s.outlets) >= 2}
        needed = {a for s in stories if s.id in wanted for a in s.article_ids}
        full = {r["id"]: article_of(r) for r in read_articles(out, ["id", "vector", "analysis"])
                if r["id"] in needed}
        comments = read_parts(out, "comments")
        comparer = build_comparer(config)
        for story in stories:
            if story.id in wanted:
                members = [full[a] for a in story.article_ids if a in full]
                notes = [c for c in comments if c["article_id"] in set(story.article_ids)]
                compared[story.id] = json.dumps(comparer.compare(story, members, notes),
                                                ensure_ascii=False)
    table = pa.Table.from_pylist([{**s.to_dict(), "comparison": compared.get(s.id)}
                                  for s in stories], schema=STORY_SCHEMA)
    tmp = out / ".stories.parquet.tmp"
    pq.write_table(table, tmp)
    os.replace(tmp, out / "stories.parquet")
    return len(rows), len(stories)
