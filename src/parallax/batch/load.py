"""`parallax ingest --from-parquet DIR`: batch results into a store for the web app.

Documents already stored are skipped (same content hash), so loading twice, or loading the
output of a resumed batch, is idempotent. Stories come from ``stories.parquet`` when it exists
(the batch's global clustering), otherwise the store re-clusters. The batch's rejections
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
from parallax.errors import Code, ParallaxError
from parallax.records import Comment, Page, Rejection, Story
from parallax.settings import Config
from parallax.store.base import Store


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
    for document, members in by_document.items():
        if store.has_document(document):
            report.skipped += 1
            continue
        first = members[0]
        page = Page(input=first["input"] or first["uri"], uri=first["uri"], sha256=document,
                    kind=first["kind"], fetched_at=first["fetched_at"],
                    articles=[article_of(r) for r in members],
                    comments=[Comment(c["text"], c["language"], c["author"]) for c in
                              sorted(comments.get(document, []), key=lambda c: c["position"])])
        with _failing(report):
            store.save_page(page)
        report.documents += 1
        report.articles += len(members)
    for row in read_parts(out, "rejections"):
        with _failing(report):  # a database lost here was a traceback (R, twenty-first)
            store.save_rejection(Rejection(row["input"], row["reason"], row["code"]))
        report.rejected += 1
    stories_file = out / "stories.parquet"
    if stories_file.exists():
        stories = [Story.from_dict({k: v for k, v in row.items() if k != "comparison"})
                   for row in pq.read_table(stories_file).to_pylist()]
        store.replace_stories(stories)
        report.stories = len(stories)
    else:
        from parallax.runner import recluster

        report.stories = len(recluster(store, config))
    return report
