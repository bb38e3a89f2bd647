"""Ingest from the browser or the API, one job at a time in a background thread.

Analysis takes seconds per document, far longer than a request should wait, so a submission
becomes a job the page polls. Pasted text and uploads are written to a private temporary folder
under generated names; an upload is stored and shown under its file name and its content's hash
(``upload_name``). URLs and feeds go through the same readers, and so the same address guard,
as ``parallax ingest``. One worker thread: SQLite has one writer, and the models load once.
"""

from __future__ import annotations

import hashlib
import logging
import re
import shutil
import tempfile
import threading
import uuid
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from parallax.ingest.sources import listed_addresses
from parallax.ingest.url import is_url, redacted
from parallax.settings import Config, FetchBudget
from parallax.store.remove import PASTED

log = logging.getLogger(__name__)
MAX_JOBS_KEPT = 50
#: the endings an upload keeps (each read as by name, as the command line reads it); any other
#: upload is saved as text and read by its content. A CSV without a header of record fields
#: was saved as text, so its rows became one article of comma-separated lines where the
#: command line refuses it with what to add (helper N6)
_SUFFIX = re.compile(r"\.(txt|text|x?html?|rss|atom|xml|jsonl|ndjson|json|warc|warc\.gz|jsonl\.gz"
                     r"|ndjson\.gz|m?js|css|csv|tsv|srt|vtt|mht(?:ml)?|eml)$", re.IGNORECASE)


@dataclass(slots=True)
class Job:
    id: str
    inputs: list[str]
    labels: dict[str, str]
    state: str = "queued"  # queued | running | done | failed
    done: int = 0  # inputs read or being read, not outcomes (an input may give many)
    started: set[str] = field(default_factory=set)
    outcomes: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None
    stories: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "state": self.state, "inputs": len(self.inputs),
                "done": self.done, "stories": self.stories, "error": self.error,
                "outcomes": self.outcomes}


def _unique(label: str, taken: Iterable[str]) -> str:
    """Two files of one name in one submission ("notes.txt" from two folders) are two inputs:
    under one name they shared one rejection row (a stored one cleared the other's rejection,
    so a rejected file vanished from the front page) and one line on the job page."""
    used = set(taken)
    if label not in used:
        return label
    return next(f"{label} ({n})" for n in range(2, len(used) + 3) if f"{label} ({n})" not in used)


def upload_name(name: str, data: bytes) -> str:
    """The name an upload is stored under: the client's file name and the first hex digits of
    its content's SHA-256, ``notes.txt (upload 3f9a2b1c)``. A file name is no identity: under
    the bare name two people's ``notes.txt`` were one source (``delete --source`` and the
    delete page's "every other version" took both) and one rejection row (the one stored
    later cleared the other's rejection). The same bytes get the same name, so sending one
    file again is still skipped as stored and names no new source."""
    return f"{name[:200]} (upload {hashlib.sha256(data).hexdigest()[:8]})"


def _over_cap(listed: dict[str, int], cap: int) -> str | None:
    """Why a submission of ``listed`` addresses (per source) is refused, or None. The box
    holds 20,000 characters; a pasted or uploaded list was held to nothing, so one token made
    jobs of ~100,000 fetches. Refused whole, with the count, so nothing is dropped unsaid."""
    total = sum(listed.values())
    if not cap or total <= cap:
        return None
    where = ", ".join(f"{name[:100]}: {n:,}" for name, n in listed.items() if n)
    return (f"{total:,} web addresses to fetch in one job ({where}); a job fetches at most "
            f"{cap:,} (web_max_addresses): send them in several jobs, or give the list to "
            "'parallax ingest' where the server runs")


class IngestJobs:
    """Also warms the comparison cache (``warm``) on the same single thread, so precomputing
    never competes with an ingest for the database."""

    def __init__(self, db: str, config: Config,
                 compare: Callable[[Any, str], dict[str, Any]] | None = None) -> None:
        self.db = db
        self.config = config
        self.compare = compare
        self.jobs: dict[str, Job] = {}
        self.lock = threading.Lock()
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="parallax-ingest")
        #: called with each story id the warmer computed (the web app renders its page then)
        self.warming = 0  # warm runs queued or running (/healthz shows it)
        self.after_warm: Callable[[str], Any] | None = None

    def submit(self, text: str = "", files: list[tuple[str, bytes]] | None = None,
               urls: list[str] | None = None) -> Job:
        """Raises ValueError with a message for the person when there is nothing to ingest."""
        folder = Path(tempfile.mkdtemp(prefix="parallax-upload-"))
        inputs: list[str] = []
        labels: dict[str, str] = {}
        listed: dict[str, int] = {}  # addresses each pasted or uploaded list would fetch
        if text.strip():
            path = folder / "pasted.txt"
            path.write_text(text, encoding="utf-8")
            inputs.append(str(path))
            labels[str(path)] = PASTED
            listed[PASTED] = len(listed_addresses(text.encode(), path.name))
        for n, (name, data) in enumerate(files or []):
            if not data and not name:  # the form's file field left empty
                continue  # (a named empty file goes on, to be reported rejected: E002)
            suffix = m.group(0).lower() if (m := _SUFFIX.search(name or "")) else ".txt"
            path = folder / f"upload-{n}{suffix}"
            path.write_bytes(data)
            inputs.append(str(path))
            labels[str(path)] = _unique(upload_name(name or f"upload {n + 1}", data),
                                        labels.values())
            listed[labels[str(path)]] = len(listed_addresses(data, path.name))
        for url in urls or []:
            url = url.strip()
            if not url:
                continue
            if not is_url(url):
                shutil.rmtree(folder, ignore_errors=True)
                raise ValueError(f"not an http(s) address: {redacted(url)[:100]}")
            inputs.append(url)
            labels[url] = redacted(url)[:200]
            listed["the address box"] = listed.get("the address box", 0) + 1
        if not inputs:
            shutil.rmtree(folder, ignore_errors=True)
            raise ValueError("nothing to ingest: paste text, choose files or give addresses")
        cap = int(self.config["web_max_addresses"])
        if over := _over_cap(listed, cap):
            shutil.rmtree(folder, ignore_errors=True)
            raise ValueError(over)
        # what is left of the cap for the links of feeds (``follow_feed_links``), spent as read
        config = replace(self.config, budget=FetchBudget(cap - sum(listed.values()), cap)
                         if cap else None)
        job = Job(id=uuid.uuid4().hex[:12], inputs=inputs, labels=labels)
        with self.lock:
            self.jobs[job.id] = job
            for old in list(self.jobs)[:-MAX_JOBS_KEPT]:
                del self.jobs[old]
        self.pool.submit(self._run, job, folder, config)
        return job

    def warm(self, story_ids: list[str] | None = None) -> None:
        """Compute and cache comparisons in the background (all stories, largest first, when
        no ids are given), so a story's first view is normally a cache hit."""
        if self.compare is not None:
            with self.lock:
                self.warming += 1
            self.pool.submit(self._warm, story_ids).add_done_callback(self._warmed)

    def _warmed(self, _: object) -> None:
        with self.lock:
            self.warming -= 1

    def _warm(self, story_ids: list[str] | None) -> None:
        from parallax.store import open_store

        try:
            store = open_store(self.db)
        except Exception:
            log.warning("comparison warmer could not open %s", self.db, exc_info=True)
            return
        try:
            ids = story_ids if story_ids is not None else [s.id for s in store.stories()]
            for story_id in ids:
                try:
                    if self.compare is not None:
                        self.compare(store, story_id)
                    if self.after_warm is not None:
                        self.after_warm(story_id)
                except Exception:  # one bad story must not stop the others
                    log.warning("could not precompute story %s", story_id, exc_info=True)
        finally:
            store.close()

    def get(self, job_id: str) -> Job | None:
        with self.lock:
            return self.jobs.get(job_id)

    def _run(self, job: Job, folder: Path, config: Config) -> None:
        from parallax.runner import InputOutcome, ingest
        from parallax.store import open_store

        job.state = "running"
        try:
            store = open_store(self.db)
            try:
                # an upload is stored under its own name, not the temporary path it is read
                # from (runner.named); outcomes then come back under that name
                names = {k: v for k, v in job.labels.items() if k.startswith(str(folder))}
                given = {names.get(k, k): k for k in job.labels}

                def on_item(outcome: InputOutcome) -> None:
                    # one input gives many outcomes (feed items, WARC records, JSONL lines):
                    # ``done`` counts inputs, and a label keeps the part after the input
                    # ("#item-2", "#line-3") so each outcome says which one it is
                    # (the input itself, or one "#" ends: "…/a" is no input of "…/a2")
                    shown = max((k for k in given if outcome.input == k
                                 or outcome.input.startswith(k + "#")), key=len, default=None)
                    key = None if shown is None else given[shown]
                    label = outcome.input if key is None or shown is None else \
                        job.labels[key] + outcome.input[len(shown):]
                    if key is not None and key not in job.started:
                        job.started.add(key)
                        job.done = len(job.started)
                    job.outcomes.append({"input": label, "status": outcome.status,
                                         "reason": outcome.reason, "code": outcome.code,
                                         "articles": [a["id"] for a in outcome.articles]})

                report = ingest(job.inputs, store, config, on_item=on_item, names=names)
                job.stories = report.story_count
                job.done = len(job.inputs)
                changed = [s.id for s in report.stories]
            finally:
                store.close()
            job.state = "done"
            self.warm(changed)
        except Exception as exc:  # reported on the job page, never as a stack trace
            from parallax.store.failures import failure_line, store_failure

            failure = store_failure(exc)
            job.state, job.error = "failed", f"{type(exc).__name__}: {exc}" if failure is None \
                else failure_line(failure, again="send the same inputs again")
        finally:
            shutil.rmtree(folder, ignore_errors=True)
