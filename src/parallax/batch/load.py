"""`parallax ingest --from-parquet DIR`: batch results into a store for the web app.

Documents already stored are skipped (same content hash), so loading twice, or loading the
output of a resumed batch, is idempotent. Each page goes through the rules ``ingest`` applies
(``ingest.outlets.RunOutlets``, near-duplicate links) against the store, through the owner the
batch's driver applied them with across shards (``batch.settle.Settler``).
Stories come from ``stories.parquet`` (the batch's global clustering) when the store was empty
and those rules changed no id, outlet or copy mark; otherwise an empty store re-clusters, and
a store holding documents keeps its stories and takes the batch's articles into them as an
ingest would (replacing them all with the batch's left the store's own articles in no story).
The batch's rejections
(records with no article, a PDF in a WARC, …) are stored as rejections too: they were left in
``rejections/``, so the web app's list of rejected inputs never showed them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from parallax.batch.run import read_articles, read_parts
from parallax.batch.schema import article_of
from parallax.batch.settle import Settler, in_ingest_order, minhashes
from parallax.errors import Code, ParallaxError
from parallax.ingest.outlets import RunOutlets
from parallax.records import Article, Comment, Page, Rejection, Story
from parallax.runner import recluster, stored_outlet, update_stories
from parallax.settings import Config
from parallax.store.base import Store
from parallax.stories.dedupe import NearDuplicateIndex


@dataclass(slots=True)
class LoadReport:
    documents: int = 0
    skipped: int = 0
    articles: int = 0
    stories: int = 0
    rejected: int = 0


def missing_output(out: Path) -> str | None:
    """Why ``out`` is no batch output folder, or None. The command asks this before it opens
    the database, so a mistyped folder leaves no empty database file behind."""
    if not out.exists():
        return f"path not found: {out}"
    if not (out / "articles").is_dir():
        return (f"{out} holds no batch output (no articles/ folder); run 'parallax batch "
                "INPUT --out DIR' first")
    return None


@contextmanager
def _failing(report: LoadReport) -> Iterator[None]:
    """The database went away: what is committed is kept, and the person is told so and what
    to do, whichever write it was (a page or one of the batch's rejections)."""
    try:
        yield
    except Exception as exc:
        done = f"{report.documents} documents"
        if report.rejected:
            done += f" and {report.rejected} of the batch's rejections"
        raise ParallaxError(Code.STORE, f"the database failed after {done} were loaded "
                            f"({type(exc).__name__}: {exc}); they are kept, run the same "
                            "command again to continue") from exc


def load_parquet(out: Path, store: Store, config: Config) -> LoadReport:
    if (why := missing_output(out)) is not None:
        raise ParallaxError(Code.NOT_FOUND, why)
    rows = read_articles(out)
    by_document: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_document[row["document"]].append(row)
    comments: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for c in read_parts(out, "comments"):
        comments[c["document"]].append(c)
    report = LoadReport()
    fresh = store.counts()["documents"] == 0
    # the rules ingest applies (one outlet's spellings folded, a copy by another outlet its
    # own id, near-duplicates linked), now across shards and against the store: a worker
    # sees its own shard only
    outlets = RunOutlets([*config["known_outlets"], *store.outlets()], stored_outlet(store),
                         store.outlets_at)
    duplicates = NearDuplicateIndex(float(config["near_duplicate_threshold"]),
                                    store.signatures(), computed=minhashes(rows),
                                    links=store.copy_links(), by_date=True)
    settler = Settler(outlets, duplicates)
    loaded: list[Article] = []

    def pages() -> Iterator[Page]:
        for document, members in in_ingest_order(by_document):
            if store.has_document(document):
                report.skipped += 1
                continue
            first = members[0]
            yield Page(input=first["input"] or first["uri"], uri=first["uri"], sha256=document,
                       kind=first["kind"], fetched_at=first["fetched_at"],
                       articles=[article_of(r) for r in members],
                       comments=[Comment(c["text"], c["language"], c["author"]) for c in
                                 sorted(comments.get(document, []),
                                        key=lambda c: c["position"])])

    for page, signatures in settler.run(pages()):
        with _failing(report):
            if moved := duplicates.take_relinks():  # an earlier copy links to this one
                store.save_page(page, signatures=signatures, relinks=moved)
            else:
                store.save_page(page, signatures=signatures)
        loaded.extend(page.articles)
        report.documents += 1
        report.articles += len(page.articles)
    for row in read_parts(out, "rejections"):
        with _failing(report):  # a database lost here was a traceback (R, twenty-first)
            store.save_rejection(Rejection(row["input"], row["reason"], row["code"]))
        report.rejected += 1
    stories_file = out / "stories.parquet"
    if stories_file.exists() and fresh and not settler.changed:  # the batch's grouping
        stories = [Story.from_dict({k: v for k, v in row.items() if k != "comparison"})
                   for row in pq.read_table(stories_file).to_pylist()]
        store.replace_stories(stories)
        report.stories = len(stories)
    elif fresh:
        report.stories = len(recluster(store, config))
    else:  # the store's own stories stay; the batch's articles join them, as in an ingest
        update_stories(store, config, loaded)
        report.stories = store.counts()["stories"]
    return report
