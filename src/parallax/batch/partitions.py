"""One partition = one input shard (a WARC, JSONL or Parquet file), analysed on a Dask worker.

A partition's output is written to temporary files and renamed into place, the articles file
last, so its presence means the partition is complete: a killed worker leaves nothing half
written, and a re-run skips every partition whose articles file exists. Models are loaded once
per worker process (``_pipeline`` caches the pipeline by configuration).
"""

from __future__ import annotations

import json
import os
import resource
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from parallax.batch.schema import ARTICLE_SCHEMA, COMMENT_SCHEMA, REJECTION_SCHEMA, row_of
from parallax.errors import Code
from parallax.pipeline import Pipeline
from parallax.records import Page, RawDocument, Rejection, content_hash
from parallax.settings import Config
from parallax.textutil import counted

#: documents analysed together: enough for spaCy's nlp.pipe to batch, small enough that one
#: failing document costs little to redo alone
ANALYSIS_CHUNK = 16
SHARD_SUFFIXES = (".warc", ".warc.gz", ".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz", ".parquet")
_PIPELINES: dict[str, Any] = {}


@dataclass(frozen=True, slots=True)
class Partition:
    id: str
    shard: str

    @property
    def name(self) -> str:
        return f"part-{self.id}"


def plan(inputs: list[str]) -> tuple[list[Partition], list[Rejection]]:
    """Shards from files and folders (read recursively); the id changes when a shard does."""
    partitions: list[Partition] = []
    rejected: list[Rejection] = []
    for given in inputs:
        path = Path(given)
        if not path.exists():
            rejected.append(Rejection(given, "no such file or folder", Code.NOT_FOUND.value))
            continue
        unlisted: list[OSError] = []
        files = _files(path, unlisted) if path.is_dir() else [path]
        shards = [p for p in files if p.name.lower().endswith(SHARD_SUFFIXES)]
        rejected += [Rejection(str(e.filename or given), f"cannot list this folder: "
                               f"{e.strerror or e}; none of its shards were read",
                               Code.UNSUPPORTED.value) for e in unlisted]
        if not shards and not unlisted:
            rejected.append(Rejection(given, "no WARC, JSONL or Parquet shard here",
                                      Code.EMPTY.value))
        elif not_read := _not_shards(given, [
                p for p in files if not p.name.lower().endswith(SHARD_SUFFIXES)
                and not any(part.startswith(".") for part in p.relative_to(path).parts)]):
            rejected.append(not_read)
        for shard in shards:
            stat = shard.stat()
            pid = content_hash(str(shard.resolve()), str(stat.st_size), str(stat.st_mtime_ns))
            partitions.append(Partition(id=pid, shard=str(shard)))
    return partitions, rejected


#: files a crawl writes beside its archives that hold no page (indexes, checksums, logs)
_COMPANIONS = (".cdx", ".cdxj", ".cdx.gz", ".cdxj.gz", ".idx", ".md5", ".sha1", ".sha256",
               ".log")


def _not_shards(given: str, others: list[Path]) -> Rejection | None:
    """A folder's files that are no shard (a feed, a saved page, a dump beside the archives)
    were passed over without a word, and the run said "0 records rejected" (helper N6): one
    rejection names them and says how to read them. A crawl's indexes, checksums and logs
    hold no page and are not named."""
    others = [p for p in others if not p.name.lower().endswith(_COMPANIONS)]
    if not others:
        return None
    names = ", ".join(p.name for p in others[:5]) + (", …" if len(others) > 5 else "")
    verb = "are" if len(others) > 1 else "is"
    return Rejection(given, f"{counted(len(others), 'file')} here {verb} no WARC, JSONL or "
                     f"Parquet shard, not read ({names}): give feeds, pages and dumps to "
                     "'parallax ingest'", Code.UNSUPPORTED.value)


def _files(folder: Path, unlisted: list[OSError]) -> list[Path]:
    """Every file under ``folder``, sorted, as ``rglob`` gave them (a link to a file is read,
    a link to a folder is not entered: a link back up would loop); a folder that cannot be
    listed goes to ``unlisted``: ``rglob`` passed over it without a word, so its shards were
    lost unseen (as ``ingest.sources._scan`` reports it since a524319)."""
    found = []
    for root, _dirs, names in os.walk(folder, onerror=unlisted.append, followlinks=False):
        found += [p for p in (Path(root, n) for n in names) if p.is_file()]
    return sorted(found)


def _limit_threads(threads: int) -> None:
    os.environ["PARALLAX_THREADS"] = str(threads)
    try:
        from threadpoolctl import threadpool_limits

        threadpool_limits(threads)  # numpy's BLAS in this worker process
    except ImportError:  # pragma: no cover - threadpoolctl comes with scikit-learn
        pass


def _pipeline(config: Config) -> Pipeline:
    key = json.dumps([config.stages, config.values], sort_keys=True, default=str)
    if key not in _PIPELINES:
        _PIPELINES.clear()
        _PIPELINES[key] = Pipeline.from_config(config)
    return _PIPELINES[key]


def _documents(shard: str, config: Config) -> Iterator[RawDocument | Rejection]:
    if shard.lower().endswith(".parquet"):
        from parallax.ingest.jsonl import read_jsonl_text

        try:
            table = pq.read_table(shard)
        except Exception as exc:  # a corrupt shard is reported, never half-read
            raise ShardError(f"cannot read Parquet shard: {type(exc).__name__}: {exc}") from exc
        lines = "\n".join(json.dumps(row, default=str) for row in table.to_pylist())
        yield from read_jsonl_text(lines, uri=shard, given=shard, config=config)
        return
    from parallax.ingest import read_inputs

    yield from read_inputs([shard], config)


class ShardError(Exception):
    pass


def done(partition: Partition, out: Path) -> bool:
    return (out / "articles" / f"{partition.name}.parquet").exists()


def run_partition(partition: Partition, out: str, config: Config,
                  threads: int | None = None) -> dict[str, Any]:
    """Analyse one shard and write its articles, comments and rejections; idempotent.
    ``threads``: math threads this worker may use (cores / workers on one machine)."""
    from parallax.ingest.outlets import RunOutlets
    from parallax.stories.dedupe import NearDuplicateIndex

    root = Path(out)
    if done(partition, root):
        return {"partition": partition.id, "shard": partition.shard, "skipped": True}
    if threads:
        _limit_threads(threads)
    pipeline = _pipeline(config)
    duplicates = NearDuplicateIndex(float(config["near_duplicate_threshold"]))
    articles: list[dict[str, Any]] = []
    comments: list[dict[str, Any]] = []
    rejections: list[dict[str, Any]] = []
    outlets = RunOutlets(config["known_outlets"])  # the shard's spellings and copies, as
    # extract gives them; ``ingest --from-parquet`` applies the same across shards

    def keep(page: Page) -> None:
        outlets.own(page)
        signatures = duplicates.mark(page)
        main = next((a.id for a in page.articles if a.role == "main"), None)
        for article in page.articles:
            articles.append(row_of(article, document=page.sha256, uri=page.uri,
                                   kind=page.kind, fetched_at=page.fetched_at,
                                   minhash=signatures.get(article.id)
                                   if article.role == "main" else None))
        for position, comment in enumerate(page.comments):
            comments.append({"document": page.sha256, "article_id": main,
                             "position": position, "text": comment.text,
                             "language": comment.language, "author": comment.author})

    for result in _processed(pipeline, _documents(partition.shard, config)):
        if isinstance(result, Rejection):
            rejections.append({"input": result.input, "code": result.code,
                               "reason": result.reason})
            continue
        for page in outlets.feed(result):
            keep(page)
    for page in outlets.drain():
        keep(page)
    _write(root / "comments", partition, comments, COMMENT_SCHEMA)
    _write(root / "rejections", partition, rejections, REJECTION_SCHEMA)
    _write(root / "articles", partition, articles, ARTICLE_SCHEMA)  # last: marks it done
    return {"partition": partition.id, "shard": partition.shard, "skipped": False,
            "articles": len(articles), "comments": len(comments), "rejected": len(rejections),
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}


def _processed(pipeline: Pipeline, items: Iterator[RawDocument | Rejection],
               chunk: int = ANALYSIS_CHUNK) -> Iterator[Page | Rejection]:
    """Documents analysed ``chunk`` at a time (Pipeline.process_many), in input order, so the
    near-duplicate index still sees originals before their copies."""
    pending: list[RawDocument] = []
    for item in items:
        if isinstance(item, Rejection):
            yield from pipeline.process_many(pending)
            pending = []
            yield item
            continue
        pending.append(item)
        if len(pending) >= chunk:
            yield from pipeline.process_many(pending)
            pending = []
    yield from pipeline.process_many(pending)


def _write(folder: Path, partition: Partition, rows: list[dict[str, Any]],
           schema: pa.Schema) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{partition.name}.parquet"
    tmp = folder / f".{partition.name}.{os.getpid()}.tmp"
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), tmp)
    os.replace(tmp, target)
