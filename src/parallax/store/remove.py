"""Taking documents out of a store: a wrong file ingested by mistake (``parallax delete``), or
an outlet's corrected article replacing the version stored (``parallax ingest --replace``).

A document goes with everything that hangs on it: its comments and boilerplate, and each of
its articles that no other stored document also holds (the same text read from a second input
is one article with two sources: it stays, under the other source). An article goes from the
search index (SQLite's FTS triggers; PostgreSQL's generated column), the facet index behind
entity and outlet pages, the near-duplicate signatures, the story index and its story. A copy
that named a removed article as its original (``duplicate_of``) loses the mark rather than
point at nothing. The stories that held a removed article are returned: their records (title,
outlets, key entities) are made again from the members left by the caller, under the story
lock (``runner.forget``), and their cached comparisons are dropped here.

Written once in the SQL both backends share, like ``sql.py``; deletes run children first, as
the foreign keys (enforced on both) require. Every lookup is an index search (migration 0007):
a delete or a replacement costs the same in a store of 100,000 articles as in one of 100. A
list of ids is bound in chunks of what the backend allows in one statement (``bound_limit``;
SQLite builds differ, many stop at 32,766): a whole export's 40,000 records go at once.
"""

from __future__ import annotations

import json
import os
from collections.abc import Collection, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from parallax.store import keycounts
from parallax.store.params import Chunked, marks

if TYPE_CHECKING:
    from parallax.records import Page
    from parallax.store.sql import Connection

#: what the web form stores a paste under (``web/jobs.py``): like standard input ("-"), a
#: label every paste shares, never one page's source
PASTED = "pasted text"

#: tables keyed by article that go with a removed article (children of ``articles``)
_ARTICLE_TABLES = ("article_facets", "article_signatures", "article_vectors", "story_profiles",
                   "story_articles", "article_sources")


@dataclass(slots=True)
class Removed:
    """What a removal took out."""

    #: the removed documents' inputs (file, record, address), as ingest named them
    documents: list[str] = field(default_factory=list)
    #: each removed article: id, role, title, outlet
    articles: list[dict[str, Any]] = field(default_factory=list)
    #: stories that held a removed article (their records are now out of date)
    stories: set[str] = field(default_factory=set)
    #: ids of the copies of a removed article, articles of their own now (they stay)
    copies: list[str] = field(default_factory=list)

    def add(self, other: Removed) -> None:
        self.documents += other.documents
        self.articles += other.articles
        self.stories |= other.stories
        # a copy one removal unmarked may go with a later one (an export's every record)
        self.copies = sorted({*self.copies, *other.copies} - {a["id"] for a in self.articles})


def _prefix_range(prefix: str) -> tuple[str, str]:
    """The strings that start with ``prefix`` are those from it up to, not including, the
    prefix with its last character's successor ("a/" to "a0"): a range an index answers,
    where ``substr(input, 1, n) = ?`` read every row. Code-point order, which is SQLite's
    BINARY collation over UTF-8 and PostgreSQL's "C" (``bytewise``)."""
    return prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)


def _held_ranges(source: str) -> list[tuple[str, str]]:
    """The ranges of inputs held under ``source``: its records and items ("notes.jsonl#line-3")
    and, unless it is an address (one page, never the site under it) or an archive's record
    of one ("crawl.warc.gz#https://…/p" held ".../p/robots.txt", another record), its folder's
    files ("week1/dump0.txt"); read by ``source_documents`` and ``remove_source_rejections``
    alike."""
    page = is_address(source) or is_address(source.partition("#")[2])
    parts = [source + "#"] + ([] if page else [source.rstrip("/") + "/"])
    return [_prefix_range(p) for p in parts]


def _absolute(source: str) -> bool:
    """A source that can be an input's absolute path (``path``, migration 0019)."""
    return os.path.isabs(source) and not is_address(source)


def is_address(text: object) -> bool:
    """An http(s) address (``ingest.url.is_url``, imported here only: it brings httpx)."""
    from parallax.ingest.url import is_url

    return isinstance(text, str) and is_url(text)


def replace_keys(page: Page) -> tuple[list[str], str | None]:
    """What ``ingest --replace`` finds a page's earlier versions by: its addresses (the
    page's, or the link its record or feed item gives) and its input when that names a whole
    file. Not a record's or item's position ("notes.jsonl#line-3"): a record inserted above
    it moves every later record down a line, and the record stored from that line is then
    still in the file, a line further on; nor standard input ("-"), which names no source.
    Neither: the page has nothing to be matched by (a URL-less record)."""
    addresses = sorted({str(a) for a in (page.uri, page.metadata.get("url"))
                        if is_address(a)})
    whole = page.input if page.input and page.input != "-" and "#" not in page.input else None
    return addresses, whole


class RemoveQueries(Chunked):
    conn: Connection

    def transaction(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    def json_text(self, column: str, key: str) -> str:
        raise NotImplementedError

    def bytewise(self, column: str) -> str:
        """``column`` compared by code point (the prefix ranges of ``source_documents``)."""
        raise NotImplementedError

    def after_hash(self, column: str) -> str:
        """``column`` after its first "#" (all of it without one): the record of an archive or
        list ("crawl.warc.gz#https://…"), as migration 0017's index of rejections holds it."""
        raise NotImplementedError

    # -- finding what to remove ------------------------------------------------------------

    def article_documents(self, article_id: str) -> list[str]:
        """Every stored document holding the article (it has one per input it was read from)."""
        return sorted({str(r[0]) for r in self.conn.execute(
            "SELECT document FROM article_sources WHERE article = ?"
            " UNION SELECT document FROM articles WHERE id = ?", (article_id, article_id))})

    def source_documents(self, source: str) -> list[str]:
        """Documents read from ``source``: an input as ingest named it (a file, a URL), every
        record or item of it ("notes.jsonl" holds "notes.jsonl#line-3"), every file of a
        folder ("week1" holds "week1/dump0.txt"), or a page's address (a feed item's or
        record's own link included)."""
        if not source.strip():
            return []
        ranges = _held_ranges(source)
        # one indexed search each (migration 0007), not one scan of every row
        selects = ["SELECT sha256 FROM documents WHERE uri = ?",
                   f"SELECT sha256 FROM documents WHERE {self.json_text('metadata', 'url')} = ?"]
        params = [source, source]
        # an absolute path is also each input's absolute spelling (migration 0019): a file
        # ingested as "in/report.txt" from another folder
        for name in ("input", "path") if _absolute(source) else ("input",):
            column = self.bytewise(name)
            selects += [f"SELECT sha256 FROM documents WHERE {column} = ?"] + [
                f"SELECT sha256 FROM documents WHERE {column} >= ? AND {column} < ?"
                for _ in ranges]
            params += [source, *[v for r in ranges for v in r]]
        return sorted({str(r[0]) for r in self.conn.execute(" UNION ".join(selects), params)})

    def remove_source_rejections(self, source: str) -> int:
        """Forget the rejections read from ``source`` (the rows the front page lists), matched
        as ``source_documents`` matches inputs: the source as given, its records and items
        ("notes.jsonl#line-3") and, unless it is an address, its folder's files; an address
        also takes its records in any archive, list or feed ("crawl.warc.gz#https://…"), as
        ``source_documents`` takes a record's stored page by its address (thirty-second
        session, helper N10: the address is the source a user sees; such a rejection went
        only with the archive's delete). A deleted source's failures are no longer news:
        left, they were listed as if still stored. Returns how many went."""
        if not source.strip():
            return 0
        where, params = self.source_rejections_where(source)
        with self.transaction():
            found = int(self.conn.execute(f"SELECT count(*) FROM rejections WHERE {where}",
                                          params).fetchone()[0])
            if found:
                self.conn.execute(f"DELETE FROM rejections WHERE {where}", params)
        return found

    def source_rejections_where(self, source: str) -> tuple[str, list[str]]:
        """``remove_source_rejections``' condition and values: each term one index's range
        (the inputs' primary key, migration 0017's index of their records)."""
        ranges, address = _held_ranges(source), is_address(source)
        terms: list[str] = []
        params: list[str] = []
        for name in ("input", "path") if _absolute(source) else ("input",):  # (as above)
            column = self.bytewise(name)
            equal = "input" if name == "input" else column  # (the primary key; 0019's index)
            terms += [f"{equal} = ?"] + [f"({column} >= ? AND {column} < ?)" for _ in ranges]
            params += [source, *[v for r in ranges for v in r]]
        if address:
            terms.append(f"{self.after_hash('input')} = ?")
            params.append(source)
        return " OR ".join(terms), params

    def document_sources(self, documents: Sequence[str]) -> list[str]:
        """The sources these documents were read from, as ``source_documents`` takes them:
        each input as ingest named it (a record stays a record: "notes.jsonl#line-3", not the
        whole file) and each page's own address (a fetched page's, or the link its record or
        item gives), so every stored version of the page is found, read from wherever.
        Never standard input ("-") or a web paste (``PASTED``): each names no source, and
        taken as one it would be every paste."""
        rows = self._each(f"SELECT input, uri, {self.json_text('metadata', 'url')}, path"
                          " FROM documents WHERE sha256 IN ({marks})", documents)
        names = {str(r[0]) for r in rows} | {str(a) for r in rows for a in (r[1], r[2])
                                             if is_address(a)} | {
            str(r[3]) for r in rows if r[3]}  # its path: read from another folder too
        return sorted(n for n in names if n.strip() and n not in ("-", PASTED))

    def earlier_versions(self, page: Page, path: str | None = None) -> list[str]:
        """Stored documents this page is a new version of (``ingest --replace``): those of
        its ``replace_keys``, and those read from its file as ``path`` spells it (migration
        0019: a file given from another folder)."""
        addresses, whole = replace_keys(page)
        selects, params = [], []
        if addresses:
            listed = marks(addresses)
            selects += [f"SELECT sha256 FROM documents WHERE uri IN ({listed})",
                        f"SELECT sha256 FROM documents"
                        f" WHERE {self.json_text('metadata', 'url')} IN ({listed})"]
            params += addresses + addresses
        if whole is not None:
            selects.append(f"SELECT sha256 FROM documents WHERE {self.bytewise('input')} = ?")
            params.append(whole)
            if path is not None:
                selects.append(f"SELECT sha256 FROM documents WHERE {self.bytewise('path')} = ?")
                params.append(path)
        if not selects:
            return []
        return sorted({str(r[0]) for r in self.conn.execute(" UNION ".join(selects), params)}
                      - {page.sha256})

    def document_articles(self, documents: Sequence[str]) -> list[str]:
        """Ids of the articles these documents hold (as first or as a later source)."""
        return sorted({str(r[0]) for r in self._each(
            "SELECT article FROM article_sources WHERE document IN ({marks})"
            " UNION SELECT id FROM articles WHERE document IN ({marks})", documents)})

    def article_stories(self, article_ids: Sequence[str]) -> list[str]:
        """Ids of the stories these articles are in (what a removal would make again)."""
        return sorted({str(r[0]) for r in self._each(
            "SELECT story FROM story_articles WHERE article IN ({marks})", article_ids)})

    # -- removing --------------------------------------------------------------------------

    def remove_documents(self, documents: Sequence[str]) -> Removed:
        """Remove these documents in one transaction."""
        with self.transaction():
            return self.removing(documents)

    def removing(self, documents: Sequence[str], returning: Collection[str] = ()) -> Removed:
        """``remove_documents`` inside the caller's transaction (``save_page(replaces=)``
        swaps a page's versions in one). ``returning``: the ids of the articles the new
        version brings back (its date or outlet corrected, title and text the same): their
        copies stay marked, still word-for-word copies of them."""
        conn = self.conn
        removed = Removed()
        documents = sorted(set(documents))
        if not documents:
            return removed
        removed.documents = sorted(str(r[0]) for r in self._each(
            "SELECT input FROM documents WHERE sha256 IN ({marks})", documents))
        leaving = set(documents)
        held = self.document_articles(documents)
        sources: dict[str, list[str]] = {}
        for row in self._each("SELECT article, document FROM article_sources"
                              " WHERE article IN ({marks})", held):
            sources.setdefault(str(row[0]), []).append(str(row[1]))
        first = {str(r[0]): str(r[1]) for r in self._each(
            "SELECT id, document FROM articles WHERE id IN ({marks})", held)}
        gone: list[str] = []
        for article_id in held:
            other = min((d for d in sources.get(article_id, ()) if d not in leaving),
                        default=None)
            if other is None:
                gone.append(article_id)
            elif first.get(article_id) in leaving:
                # read from another input too: it stays, under that one
                conn.execute("UPDATE articles SET document = ? WHERE id = ?",
                             (other, article_id))
        if gone:
            self._remove_articles(gone, removed, set(returning))
        for chunk in self._chunks(documents):
            listed = marks(chunk)
            for table in ("comments", "boilerplate", "article_sources"):
                conn.execute(f"DELETE FROM {table} WHERE document IN ({listed})", chunk)
            conn.execute("DELETE FROM site_lines WHERE seq IN (SELECT seq FROM site_pages"
                         f" WHERE document IN ({listed}))", chunk)  # (store/site_lines.py)
            conn.execute(f"DELETE FROM site_pages WHERE document IN ({listed})", chunk)
            conn.execute(f"DELETE FROM documents WHERE sha256 IN ({listed})", chunk)
        return removed

    def _remove_articles(self, ids: list[str], removed: Removed, returning: set[str]) -> None:
        conn = self.conn
        rows = sorted(self._each("SELECT rowid_, id, role, title, outlet FROM articles"
                                 " WHERE id IN ({marks})", ids), key=lambda r: r["rowid_"])
        removed.articles = [{"id": r["id"], "role": r["role"], "title": r["title"],
                             "outlet": r["outlet"]} for r in rows]
        removed.stories = set(self.article_stories(ids))
        profiles = [str(r[0]) for r in self._each(
            "SELECT data FROM story_profiles WHERE article IN ({marks})", ids)]
        keycounts.apply(conn, keycounts.change(profiles, ()))
        for chunk in self._chunks(ids):
            listed = marks(chunk)
            for table in _ARTICLE_TABLES:
                conn.execute(f"DELETE FROM {table} WHERE article IN ({listed})", chunk)
            conn.execute(f"DELETE FROM articles WHERE id IN ({listed})", chunk)
        # a copy's story may be another one: its record and comparison named the original
        removed.copies = self._unmark_copies(set(ids) - returning, sorted(removed.stories))
        removed.stories |= set(self.article_stories(removed.copies))
        for chunk in self._chunks(sorted(removed.stories)):
            conn.execute(f"DELETE FROM comparison_cache WHERE story IN ({marks(chunk)})", chunk)

    def _unmark_copies(self, ids: set[str], stories: list[str]) -> list[str]:
        """Copies of a removed article become articles of their own (no other copy is made
        their original: the near-duplicate index matched each copy to the removed one, not
        the copies to each other). A copy joins its original's story (``StoryIndex.assign``),
        but a later run's regrouping may move it to another (``stories.regroup``), so copies
        are found by their profiles, as well as among the removed stories' members (an
        article a crash left unprofiled). Returns the copies' ids."""
        wanted = sorted(ids)
        if not wanted:
            return []
        found = {str(r[0]) for r in self._each(
            f"SELECT article FROM story_profiles WHERE"
            f" {self.json_text('data', 'duplicate_of')} IN ({{marks}})", wanted)}
        found |= {str(r[0]) for r in self._each(
            "SELECT article FROM story_articles WHERE story IN ({marks})", stories)}
        return self.relink({}, sorted(found), of=ids)

    def relink(self, links: dict[str, tuple[str | None, float | None]],
               unmark: Sequence[str] = (), of: Collection[str] = ()) -> list[str]:
        """Give stored articles another original (``duplicate_of``, its similarity; None:
        they are originals), in their analysis and their story profile, and drop their
        stories' cached comparisons (they list each article's original); ``unmark``: also
        make originals those of these articles that are copies of one of ``of``. The near-
        duplicate index re-links a group of copies to its earliest dated member
        (``stories.dedupe``), in the transaction of the page that made it so. Returns the
        ids changed."""
        conn = self.conn
        rows = self._each("SELECT a.id, a.analysis, p.data FROM articles a"
                          " LEFT JOIN story_profiles p ON p.article = a.id"
                          " WHERE a.id IN ({marks})", sorted({*links, *unmark}))
        changed: list[str] = []
        for row in rows:
            article_id, analysis, profile = row[0], row[1], row[2]
            data = json.loads(analysis)
            if article_id in links:
                original, similarity = links[article_id]
            elif data.get("duplicate_of") in of:
                original, similarity = None, None
            else:
                continue
            changed.append(article_id)
            data["duplicate_of"], data["duplicate_similarity"] = original, similarity
            conn.execute("UPDATE articles SET analysis = ? WHERE id = ?",
                         (json.dumps(data, ensure_ascii=False), article_id))
            if profile is not None:
                slim = json.loads(profile)
                slim["duplicate_of"] = original
                conn.execute("UPDATE story_profiles SET data = ? WHERE article = ?",
                             (json.dumps(slim, ensure_ascii=False), article_id))
        if links:
            stories = sorted(set(self.article_stories(sorted(links))))
            for chunk in self._chunks(stories):
                conn.execute(f"DELETE FROM comparison_cache WHERE story IN ({marks(chunk)})",
                             chunk)
        return sorted(changed)

    def copy_links(self) -> dict[str, tuple[str | None, str | None]]:
        """Each article with a near-duplicate signature: its published time and its
        original, as its story profile holds it (``NearDuplicateIndex(links=)``). Read from
        the profiles' small JSON, not the analyses: an article a crash left unprofiled
        counts as an original."""
        return {str(r[0]): (r[1], r[2]) for r in self.conn.execute(
            "SELECT s.article, a.published, "
            f"{self.json_text('p.data', 'duplicate_of')} FROM article_signatures s"
            " JOIN articles a ON a.id = s.article"
            " LEFT JOIN story_profiles p ON p.article = s.article")}

    def drop_stories(self, story_ids: Sequence[str]) -> None:
        """Stories left without a main article by a removal (their teasers, if any, wait in
        the story index for a story, as a teaser that matched none does)."""
        if not story_ids:
            return
        with self.transaction():
            for chunk in self._chunks(story_ids):
                for table, column in (("story_articles", "story"),
                                      ("comparison_cache", "story"), ("stories", "id")):
                    self.conn.execute(f"DELETE FROM {table} WHERE {column} IN"
                                      f" ({marks(chunk)})", chunk)


__all__ = ["PASTED", "RemoveQueries", "Removed", "is_address", "replace_keys"]
