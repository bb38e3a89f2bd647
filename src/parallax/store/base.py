"""The store interface every backend implements (SQLite by default, PostgreSQL for servers).

Kept deliberately small: documents are written one transaction each (so a crash loses only the
document in flight), and everything the web app and ``compare`` need is read back as records.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from parallax.records import Article, Page, Rejection, Story
from parallax.segment.sitememory import Sibling
from parallax.store.browse import StoryFilter
from parallax.store.remove import Removed


@dataclass(frozen=True, slots=True)
class SavedPage:
    """What ``save_page`` changed. ``new_document`` is False when the same input was stored
    between a caller's ``has_document`` check and its save (two ``ingest`` runs on one database
    at once): the caller then reports it as skipped, not as stored a second time."""

    new_document: bool
    #: ids of the articles that were new; one already stored (the same content from another
    #: input) is linked, not duplicated
    new_articles: list[str] = field(default_factory=list)
    #: what the page replaced (``save_page(replaces=)``), else None
    removed: Removed | None = None


class Store(Protocol):
    def close(self) -> None: ...

    def has_document(self, sha256: str) -> bool:
        """True if this exact input was stored before (idempotent ingest skips it)."""
        ...

    def save_page(self, page: Page, signatures: dict[str, bytes] | None = None,
                  replaces: Sequence[str] = (),
                  relinks: dict[str, tuple[str | None, float | None]] | None = None,
                  site_lines: Collection[int] = (), path: str | None = None) -> SavedPage:
        """Store a page and its articles, comments, boilerplate and the articles' near-duplicate
        ``signatures`` in one transaction (a crash between them would leave an article that
        re-runs skip and near-duplicate checks never see). ``replaces``: stored documents
        this page is a new version of, removed in the same transaction (``ingest --replace``:
        a crash between the two would lose both versions or keep both). ``relinks``: stored
        copies whose original this page changed (``NearDuplicateIndex.take_relinks``), in
        the same transaction. ``site_lines``: a text dump's line hashes
        (``sitememory.line_hashes``), kept for the site memory of dumps ingested later.
        ``path``: the input's absolute spelling when it was read from a file here
        (``runner.local_path``), so a delete from another folder finds it (migration 0019)."""
        ...

    def site_siblings(self, lines: Collection[int], least: float, limit: int,
                      upto: int | None = None) -> list[Sibling]:
        """The newest ``limit`` stored dumps sharing at least ``least`` of ``lines``, of
        those stored up to ``upto`` when given (store/site_lines.py)."""
        ...

    def site_lines_mark(self) -> int:
        """The newest stored dump's number (0: none)."""
        ...

    def copy_links(self) -> dict[str, tuple[str | None, str | None]]:
        """Articles with a near-duplicate signature: (published, original)."""
        ...

    # -- removing (``store/remove.py``) ----------------------------------------------------

    def article_documents(self, article_id: str) -> list[str]: ...

    def source_documents(self, source: str) -> list[str]: ...

    def remove_source_rejections(self, source: str) -> int:
        """Forget the rejections read from ``source``; how many went."""
        ...

    def document_sources(self, documents: Sequence[str]) -> list[str]: ...

    def earlier_versions(self, page: Page, path: str | None = None) -> list[str]: ...

    def document_articles(self, documents: Sequence[str]) -> list[str]: ...

    def article_stories(self, article_ids: Sequence[str]) -> list[str]: ...

    def remove_documents(self, documents: Sequence[str]) -> Removed: ...

    def drop_stories(self, story_ids: Sequence[str]) -> None: ...

    def save_rejection(self, rejection: Rejection, path: str | None = None) -> None: ...

    def save_signatures(self, signatures: dict[str, bytes]) -> None:
        """MinHash signatures of stored articles (near-duplicate index)."""
        ...

    def signatures(self) -> list[tuple[str, bytes]]: ...

    def articles(self, role: str | None = "main") -> list[Article]: ...

    def outlets(self) -> list[str]:
        """The outlets stored main articles carry (what confirms a dump's header outlet)."""
        ...

    def outlets_at(self, at: str) -> list[str]:
        """The outlets stored main articles at the site ``at`` carry (a newsletter's
        sender's site, ``KnownOutlets.of_site``)."""
        ...

    def article(self, article_id: str) -> Article | None: ...

    def article_source(self, article_id: str) -> dict[str, Any] | None:
        """Input, uri, kind and fetch time of the document an article came from."""
        ...

    def comments(self, article_ids: list[str]) -> list[dict[str, Any]]:
        """Reader comments of the pages whose main article is one of these ids."""
        ...

    def boilerplate(self, article_id: str) -> list[dict[str, Any]]: ...

    def related(self, article_id: str) -> list[Article]:
        """Teasers embedded in the page of this main article."""
        ...

    def replace_stories(self, stories: list[Story],
                        profiles: list[tuple[str, dict[str, Any]]] | None = None) -> None:
        """Swap every story for these (a full re-clustering); forgets the online index, and
        writes ``profiles`` (the new index) in the same transaction."""
        ...

    def story_lock(self) -> AbstractContextManager[None]:
        """Held by whoever re-assigns stories, from reading the story index to saving it.

        Two ingests into one store at once would otherwise both read the index before either
        saves, and an article they share would land in two stories. A lock of its own rather
        than one long transaction: clustering a large batch takes a while, and pages of the
        other ingest keep being written meanwhile (only the other clustering waits)."""
        ...

    def save_stories(self, stories: list[Story], merges: dict[str, str],
                     profiles: list[tuple[str, dict[str, Any]]] | None = None) -> None:
        """Write the stories that changed; ``merges`` (old id -> surviving id) removes the
        merged stories and remembers where they went. ``profiles`` (the articles these
        stories now hold, for the online index) go in the same transaction: written apart, a
        crash between the two left articles profiled but in no story, and the next run, which
        re-assigns only unprofiled articles, never put them in one."""
        ...

    def save_story_profiles(self, profiles: list[tuple[str, dict[str, Any]]]) -> None: ...

    def has_story_profiles(self) -> bool: ...

    def story_profiles(self) -> Iterator[tuple[str, str | None, str, bytes | None]]:
        """(article id, story id or None, profile JSON, vector bytes or None), oldest first."""
        ...

    def story_members(self, story_ids: Sequence[str]
                      ) -> list[tuple[str, str | None, str, bytes | None]]:
        """``story_profiles`` of these stories' members only, in the same order."""
        ...

    def story_key_counts(self, keys: Sequence[str]) -> tuple[int, dict[str, int]]:
        """Over all stored profiles: how many are main articles', and how many of those hold
        each of ``keys`` (name keys): the document frequencies the story index weighs by."""
        ...

    def unprofiled_articles(self) -> list[Article]:
        """Stored articles the story index has not seen (e.g. after a crash mid-run)."""
        ...

    def story_merges(self) -> dict[str, str]: ...

    def merged_into(self, story_id: str) -> str | None: ...

    def stories(self) -> list[Story]: ...

    def story(self, story_id: str) -> Story | None:
        """The story, or the one it was merged into (its ``id`` then differs)."""
        ...

    def search(self, query: str, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        """Full-text search over article titles and texts: id, title, outlet, snippet."""
        ...

    def search_count(self, query: str) -> int: ...

    def story_page(self, where: StoryFilter, offset: int = 0, limit: int = 20
                   ) -> tuple[list[Story], int]:
        """Stories matching a filter, one page of them, and the total."""
        ...

    def facet_options(self, limit: int = 50) -> dict[str, list[str]]: ...

    def article_versions(self, article_ids: list[str]) -> list[tuple[str, str]]:
        """(article id, its document's sha256), by id."""
        ...

    def cached_comparison(self, story_id: str, signature: str) -> dict[str, Any] | None: ...

    def cache_comparison(self, story_id: str, signature: str, data: dict[str, Any]) -> None: ...

    def entity_profile(self, name: str, limit: int = 500) -> dict[str, Any] | None: ...

    def outlet_profile(self, outlet: str, limit: int = 200) -> dict[str, Any] | None: ...

    def shown_names(self, names: Iterable[str], keep: Iterable[str] = ()) -> dict[str, str]:
        """canonical name -> the name its articles use, where they differ
        (``store/shown_names.py``); ``keep``: names shown as they are (the alias table's)."""
        ...

    def entity_spelt(self, name: str) -> str | None:
        """The canonical name of the entity an article wrote as ``name``, or None."""
        ...

    def story_shown_names(self, article_ids: Iterable[str],
                          keep: Iterable[str] = ()) -> dict[str, str]: ...

    def entity_names(self, article_ids: Iterable[str]) -> list[str]: ...

    def rejections(self, limit: int | None = None) -> list[dict[str, Any]]:
        """The oldest first; ``limit`` of them (a page lists a few, the store may hold
        thousands)."""
        ...

    def counts(self) -> dict[str, int]: ...


def open_store(location: str | Path) -> Store:
    """Open a store by path or URL: a plain path (or sqlite:///path) is SQLite,
    postgresql://user:password@host/db is PostgreSQL."""
    text = str(location)
    if is_server_url(text):
        from parallax.store.postgres import PostgresStore

        return PostgresStore(text)
    from parallax.store.sqlite import SQLiteStore

    return SQLiteStore(text.removeprefix("sqlite:///"))


def is_server_url(location: str | Path) -> bool:
    """True for a database server URL (nothing to look for on disk)."""
    return str(location).startswith(("postgresql://", "postgres://"))
