"""Ingest's per-run rules (outlet hints and spellings, a copy's own id, near-duplicate marks)
applied over all of a batch's shards at once, in the order ``ingest`` reads them.

Why: a worker sees its own shard only. Two shards' copies of one wire report (made up: "Coast
Post" in one, "Harbour Times" in the other) kept one id, so the driver's ``stories.parquet``
listed the story under one outlet and made no comparison (twenty-second and twenty-third
sessions' reviews). One owner, ``Settler``, applies the rules for the driver before it groups
stories (``batch.run.cluster_stories``, which writes the decisions back into the rows) and for
``ingest --from-parquet`` (``batch.load``), which applies them again against the store.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, TypeVar

from parallax.ingest.outlets import RunOutlets, spelling
from parallax.records import Article, Page
from parallax.stories.dedupe import NearDuplicateIndex

Row = TypeVar("Row", bound=Mapping[str, Any])


def shard_of(row: Mapping[str, Any]) -> str:
    """The shard a batch row was read from: its input without the record's part."""
    return str(row["input"] or row["uri"]).split("#", 1)[0]


def in_ingest_order(by_document: Mapping[str, Sequence[Row]]) -> list[tuple[str, Sequence[Row]]]:
    """Documents in the order ingest reads them (a folder's files, a shell glob: sorted
    paths), each shard's in its own order; partition files are named by a hash."""
    return sorted(by_document.items(), key=lambda kv: shard_of(kv[1][0]))


def minhashes(rows: Iterable[Mapping[str, Any]]) -> dict[str, bytes]:
    """The workers' near-duplicate signatures by text (``NearDuplicateIndex(computed=)``)."""
    return {row["text"]: row["minhash"] for row in rows if row.get("minhash") and row["text"]}


def decisions(article: Article) -> tuple[str, str | None, str | None]:
    return article.id, article.outlet, article.duplicate_of


class Settler:
    """Pages in, pages out with their outlets, ids and copy marks decided over the whole run;
    ``changed``: whether any decision differs from the one the page came with."""

    def __init__(self, outlets: RunOutlets, duplicates: NearDuplicateIndex) -> None:
        self.outlets = outlets
        self.duplicates = duplicates
        self.changed = False

    def run(self, pages: Iterable[Page]) -> Iterator[tuple[Page, dict[str, bytes]]]:
        """Each page once, with its new near-duplicate signatures; a page whose outlet hint
        waits for the rest of the run comes after the others, as in ``ingest``."""
        for page in pages:
            spelt = [a.outlet for a in page.articles]
            for ready in self.outlets.feed(page):
                self.changed = (self.changed or ready is not page
                                or spelt != [a.outlet for a in page.articles])
                yield ready, self._settle(ready)
        for page in self.outlets.drain():
            self.changed = True  # a hint held for the rest of the run may have been confirmed
            yield page, self._settle(page)

    def _settle(self, page: Page) -> dict[str, bytes]:
        before = [decisions(a) for a in page.articles]
        for article in page.articles:  # as the pipeline gave it: decided again over all
            if article.role == "main":
                article.duplicate_of = article.duplicate_similarity = None
                if article.outlet and article.id == Article.make_id(
                        article.title, article.text, spelling(article.outlet)):
                    article.id = Article.make_id(article.title, article.text)
        self.outlets.own(page)
        signatures = self.duplicates.mark(page)
        self.changed = (self.changed or before != [decisions(a) for a in page.articles]
                        or bool(self.duplicates.relinked))  # an earlier page's copy moved
        return signatures


__all__ = ["Settler", "decisions", "in_ingest_order", "minhashes", "shard_of"]
