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
import logging
import os
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import dask
import pyarrow as pa
import pyarrow.parquet as pq

from parallax.batch.partitions import Partition, done, plan, run_partition
from parallax.batch.schema import STORY_SCHEMA, article_of
from parallax.batch.settle import Settler, decisions, in_ingest_order, minhashes
from parallax.errors import Code, ParallaxError
from parallax.records import Article, Mention, Page, Published, Rejection
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
        # Dask's own INFO log ("Scheduler at: tcp://…", "please install jupyter-server-proxy")
        # was 24 lines around the command's two; Parallax's level (PARALLAX_LOG) rules it
        logging.getLogger("distributed").setLevel(logging.getLogger().getEffectiveLevel())
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


def settle_parts(out: Path, config: Config) -> list[Article]:
    """Every shard's articles (slim) with ingest's rules applied across shards, the decisions
    written back into their rows and the comments' article ids, so the rows, the grouping and
    ``ingest --from-parquet`` agree (``batch.settle``); each part is rewritten only when one
    of its rows changed. In the parts' order, as grouping always read them."""
    from parallax.ingest.outlets import RunOutlets
    from parallax.stories.dedupe import NearDuplicateIndex

    parts: list[tuple[Path, list[dict[str, Any]], list[Article]]] = []
    by_document: dict[str, list[dict[str, Any]]] = defaultdict(list)
    members: dict[str, list[Article]] = defaultdict(list)
    computed: dict[str, bytes] = {}
    for file in sorted((out / "articles").glob("part-*.parquet")):
        has = set(pq.read_schema(file).names)
        rows = pq.read_table(file, columns=[*PROFILE_COLUMNS, "document", "input", "uri",
                                            *({"minhash"} & has)]).to_pylist()
        computed.update(minhashes(rows))
        analyses = pq.read_table(file, columns=["analysis"]).column("analysis").to_pylist()
        articles = [_slim(row) for row in rows]
        for row, article, analysis in zip(rows, articles, analyses, strict=True):
            if '"outlet_hint": null' not in analysis:  # (row_of's json.dumps): rarely parsed
                article.outlet_hint = json.loads(analysis).get("outlet_hint")
            by_document[row["document"]].append(row)
            members[row["document"]].append(article)
        parts.append((file, rows, articles))
    settler = Settler(RunOutlets(config["known_outlets"]),
                      NearDuplicateIndex(float(config["near_duplicate_threshold"]),
                                         computed=computed, by_date=True))
    pages = (Page(input=rows[0]["input"] or rows[0]["uri"], uri=rows[0]["uri"], sha256=document,
                  kind="", fetched_at="", articles=members[document])
             for document, rows in in_ingest_order(by_document))
    for _ in settler.run(pages):
        pass
    for file, rows, articles in parts:
        _write_back(out, file, rows, articles)
    return [a for _, _, articles in parts for a in articles]


def _write_back(out: Path, file: Path, rows: list[dict[str, Any]],
                articles: list[Article]) -> None:
    changed = {i: a for i, (r, a) in enumerate(zip(rows, articles, strict=True))
               if (r["id"], r["outlet"], r["duplicate_of"]) != decisions(a)}
    if not changed:
        return
    table = pq.read_table(file)
    columns = {name: table.column(name).to_pylist()
               for name in ("id", "outlet", "duplicate_of", "analysis")}
    for i, article in changed.items():
        data = json.loads(columns["analysis"][i])
        for name in ("id", "outlet", "duplicate_of", "duplicate_similarity"):
            data[name] = getattr(article, name)
        columns["analysis"][i] = json.dumps(data, ensure_ascii=False)
        columns["id"][i], columns["outlet"][i], columns["duplicate_of"][i] = decisions(article)
    touched = {rows[i]["document"] for i in changed}
    mains: dict[str, str] = {}  # document -> its first main article's id (the comments')
    for row, article in zip(rows, articles, strict=True):
        if row["document"] in touched and article.role == "main":
            mains.setdefault(row["document"], article.id)
    for name, values in columns.items():
        at = table.schema.get_field_index(name)
        table = table.set_column(at, table.schema.field(at), pa.array(values, pa.string()))
    _replace(file, table)
    comments_file = out / "comments" / file.name
    if mains and comments_file.exists():
        notes = pq.read_table(comments_file)
        ids = [mains.get(document, old) for document, old in
               zip(notes.column("document").to_pylist(), notes.column("article_id").to_pylist(),
                   strict=True)]
        at = notes.schema.get_field_index("article_id")
        _replace(comments_file, notes.set_column(at, notes.schema.field(at),
                                                 pa.array(ids, pa.string())))


def _replace(file: Path, table: pa.Table) -> None:
    tmp = file.with_name(f".{file.name}.{os.getpid()}.tmp")  # swept by the next run if left
    pq.write_table(table, tmp)
    os.replace(tmp, file)


def cluster_stories(out: Path, config: Config, *, comparisons: bool) -> tuple[int, int]:
    from parallax.pipeline import build_clusterer, build_comparer

    articles = settle_parts(out, config)
    stories = build_clusterer(config).cluster(articles, [])
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
    return len(articles), len(stories)
