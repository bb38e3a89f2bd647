"""The store written once in SQL both backends understand; ``SQLiteStore`` and
``PostgresStore`` add only connecting, transactions and full-text search.

Each page is written in its own transaction, so an interrupted batch keeps every page committed
before the interruption, and a re-run skips them by content hash (idempotent). Queries use ``?``
placeholders and the upsert syntax (``ON CONFLICT ... DO``) that SQLite and PostgreSQL share; the
PostgreSQL connection translates the placeholders.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any, Protocol
from urllib.parse import urlsplit

import numpy as np

from parallax.records import Article, Page, Rejection, Story
from parallax.store import keycounts
from parallax.store.base import SavedPage
from parallax.store.browse import BrowseQueries, facets_of
from parallax.store.remove import RemoveQueries
from parallax.store.site_lines import SiteLineQueries


class Rows(Protocol):
    """What ``execute`` returns on both backends: iterable rows, readable by name or index."""

    def fetchone(self) -> Any: ...

    def __iter__(self) -> Iterator[Any]: ...


class Connection(Protocol):
    def execute(self, sql: str, params: Sequence[Any] = ()) -> Rows: ...

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None: ...


def utc_now() -> str:
    """Timestamps are ISO-8601 text on both backends (the SQLite convention)."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class SQLStore(BrowseQueries, RemoveQueries, SiteLineQueries):
    conn: Connection
    #: what keys a rejection (its input; on PostgreSQL the input's MD5, migration 0020)
    rejection_key = "(input)"

    def transaction(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    def story_lock(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> SQLStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------

    def has_document(self, sha256: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
        return row is not None

    def save_page(self, page: Page, signatures: dict[str, bytes] | None = None,
                  replaces: Sequence[str] = (),
                  relinks: dict[str, tuple[str | None, float | None]] | None = None,
                  site_lines: Collection[int] = (), path: str | None = None) -> SavedPage:
        new_ids: list[str] = []
        conn = self.conn
        with self.transaction():
            removed = self.removing(replaces, [a.id for a in page.articles]) \
                if replaces else None  # in the same transaction
            inserted = conn.execute(
                "INSERT INTO documents (sha256, input, uri, kind, fetched_at, metadata, path)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING sha256",
                (page.sha256, page.input, page.uri, page.kind, page.fetched_at,
                 json.dumps(page.metadata, ensure_ascii=False, default=str), path),
            ).fetchone()
            for article in page.articles:
                exists = conn.execute("SELECT 1 FROM articles WHERE id = ?",
                                      (article.id,)).fetchone()
                if not exists:
                    conn.execute(
                        "INSERT INTO articles (id, document, role, title, outlet, language,"
                        " published, text, analysis) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (article.id, page.sha256, article.role, article.title, article.outlet,
                         article.language, article.published.iso, article.text,
                         json.dumps(article.to_dict(), ensure_ascii=False)),
                    )
                    new_ids.append(article.id)
                    self.save_facets(article.id, facets_of(article))
                if article.vector is not None:
                    conn.execute("INSERT INTO article_vectors (article, vector) VALUES (?, ?)"
                                 " ON CONFLICT DO NOTHING",
                                 (article.id, _vector_blob(article.vector)))
                conn.execute("INSERT INTO article_sources (article, document) VALUES (?, ?)"
                             " ON CONFLICT DO NOTHING", (article.id, page.sha256))
            conn.execute("DELETE FROM comments WHERE document = ?", (page.sha256,))
            conn.executemany(
                "INSERT INTO comments (document, position, text, language, author)"
                " VALUES (?, ?, ?, ?, ?)",
                [(page.sha256, i, c.text, c.language, c.author)
                 for i, c in enumerate(page.comments)],
            )
            conn.execute("DELETE FROM boilerplate WHERE document = ?", (page.sha256,))
            conn.executemany(
                "INSERT INTO boilerplate (document, position, kind, text) VALUES (?, ?, ?, ?)",
                [(page.sha256, i, b.kind, b.text) for i, b in enumerate(page.boilerplate)],
            )
            if path:  # its rejection read from another folder goes too (migration 0019)
                conn.execute(f"DELETE FROM rejections WHERE input = ? OR"
                             f" {self.bytewise('path')} = ?", (page.input, path))
            else:
                conn.execute("DELETE FROM rejections WHERE input = ?", (page.input,))
            if signatures:  # in the page's transaction: a crash never keeps one without other
                self.save_signatures(signatures)
            if inserted is not None:  # a text dump's lines, for the site memory of later ones
                self.save_site_lines(page.sha256, site_lines)
            own = {a.id for a in page.articles}  # (written above as the page holds them)
            if relinks and (stored := {k: v for k, v in relinks.items() if k not in own}):
                self.relink(stored)
        return SavedPage(new_document=inserted is not None, new_articles=new_ids,
                         removed=removed)

    def save_signatures(self, signatures: dict[str, bytes]) -> None:
        self.conn.executemany("INSERT INTO article_signatures (article, signature)"
                              " VALUES (?, ?) ON CONFLICT DO NOTHING", list(signatures.items()))

    def signatures(self) -> list[tuple[str, bytes]]:
        """In the order the articles were stored: the copy index breaks a tie between copies
        of one date by it (the first stored is the original, ``dedupe._first``; the dates
        themselves it orders by instant). Unordered, PostgreSQL gave rows in their place on
        disk, which an update or a vacuum after a delete changes, so a new copy could re-link
        a stored group whose dates had not changed (R's review, twenty-ninth session)."""
        return [(r["article"], bytes(r["signature"])) for r in self.conn.execute(
            "SELECT s.article, s.signature FROM article_signatures s JOIN articles a"
            " ON a.id = s.article ORDER BY a.rowid_")]

    def save_rejection(self, rejection: Rejection, path: str | None = None) -> None:
        self.conn.execute(
            "INSERT INTO rejections (input, code, reason, seen_at, path) VALUES (?, ?, ?, ?, ?)"
            f" ON CONFLICT {self.rejection_key} DO UPDATE SET code = excluded.code,"
            " reason = excluded.reason,"
            " seen_at = excluded.seen_at, path = excluded.path",
            (rejection.input, rejection.code, rejection.reason, utc_now(), path),
        )

    def replace_stories(self, stories: list[Story],
                        profiles: list[tuple[str, dict[str, Any]]] | None = None) -> None:
        with self.transaction():
            self.conn.execute("DELETE FROM story_articles")
            self.conn.execute("DELETE FROM stories")
            self.conn.execute("DELETE FROM story_profiles")  # the online index starts over
            self.conn.execute("DELETE FROM story_key_counts")
            for story in stories:
                self._insert_story(story)
            if profiles:
                self.save_story_profiles(profiles)

    def _insert_story(self, story: Story) -> None:
        self.conn.execute("INSERT INTO stories (id, data, size) VALUES (?, ?, ?)"
                          " ON CONFLICT (id) DO UPDATE SET data = excluded.data,"
                          " size = excluded.size",
                          (story.id, json.dumps(story.to_dict(), ensure_ascii=False),
                           story.main_count or len(story.article_ids)))
        self.conn.executemany("INSERT INTO story_articles (story, article) VALUES (?, ?)"
                              " ON CONFLICT DO NOTHING",
                              [(story.id, a) for a in story.article_ids])

    def save_stories(self, stories: list[Story], merges: dict[str, str],
                     profiles: list[tuple[str, dict[str, Any]]] | None = None) -> None:
        conn = self.conn
        with self.transaction():
            if profiles:
                self.save_story_profiles(profiles)
            for old, new in merges.items():
                conn.execute("DELETE FROM story_articles WHERE story = ?", (old,))
                conn.execute("DELETE FROM stories WHERE id = ?", (old,))
                conn.execute("INSERT INTO story_merges (old, new, merged_at) VALUES (?, ?, ?)"
                             " ON CONFLICT (old) DO UPDATE SET new = excluded.new,"
                             " merged_at = excluded.merged_at", (old, new, utc_now()))
                conn.execute("UPDATE story_merges SET new = ? WHERE new = ?", (new, old))
            for story in stories:
                conn.execute("DELETE FROM story_articles WHERE story = ?", (story.id,))
                self._insert_story(story)

    def save_story_profiles(self, profiles: list[tuple[str, dict[str, Any]]]) -> None:
        latest = dict(profiles)  # an id given twice is stored as its last
        stored = [str(r[0]) for r in self._each(
            "SELECT data FROM story_profiles WHERE article IN ({marks})", sorted(latest))]
        self.conn.executemany("INSERT INTO story_profiles (article, data) VALUES (?, ?)"
                              " ON CONFLICT (article) DO UPDATE SET data = excluded.data",
                              [(i, json.dumps(d, ensure_ascii=False)) for i, d in profiles])
        keycounts.apply(self.conn, keycounts.change(stored, latest.values()))

    def has_story_profiles(self) -> bool:
        return self.conn.execute("SELECT 1 FROM story_profiles LIMIT 1").fetchone() is not None

    def story_profiles(self) -> Iterator[tuple[str, str | None, str, bytes | None]]:
        rows = self.conn.execute(
            "SELECT p.article, sa.story, p.data, v.vector FROM story_profiles p"
            " LEFT JOIN story_articles sa ON sa.article = p.article"
            " LEFT JOIN article_vectors v ON v.article = p.article ORDER BY p.rowid")
        for r in rows:
            yield (r[0], r[1], r[2], None if r[3] is None else bytes(r[3]))

    def story_members(self, story_ids: Sequence[str]
                      ) -> list[tuple[str, str | None, str, bytes | None]]:
        """``story_profiles`` of these stories' members only, in the same order."""
        rows = self._each("SELECT p.rowid, p.article, sa.story, p.data, v.vector"
                          " FROM story_articles sa JOIN story_profiles p ON p.article = sa.article"
                          " LEFT JOIN article_vectors v ON v.article = p.article"
                          " WHERE sa.story IN ({marks})", story_ids)
        rows.sort(key=lambda r: int(r[0]))  # chunks each in order, not the whole
        return [(r[1], r[2], r[3], None if r[4] is None else bytes(r[4])) for r in rows]

    def story_key_counts(self, keys: Sequence[str]) -> tuple[int, dict[str, int]]:
        """Kept as profiles are written and removed (``store/keycounts.py``), not counted."""
        docs = self.conn.execute("SELECT count(*) FROM story_profiles WHERE"
                                 f" {self.json_text('data', 'role')} = 'main'").fetchone()[0]
        counts = {str(r[0]): int(r[1]) for r in self._each(
            "SELECT key, articles FROM story_key_counts WHERE key IN ({marks})"
            " AND articles > 0", keys)}
        return int(docs), counts

    def unprofiled_articles(self) -> list[Article]:
        return self._articles(" WHERE a.id NOT IN (SELECT article FROM story_profiles)"
                              " ORDER BY a.rowid_", ())

    def story_merges(self) -> dict[str, str]:
        return {r[0]: r[1] for r in self.conn.execute("SELECT old, new FROM story_merges")}

    def merged_into(self, story_id: str) -> str | None:
        row = self.conn.execute("SELECT new FROM story_merges WHERE old = ?",
                                (story_id,)).fetchone()
        return str(row[0]) if row else None

    # -- reading ---------------------------------------------------------------------------

    def articles(self, role: str | None = "main") -> list[Article]:
        if role is None:
            return self._articles(" ORDER BY a.rowid_", ())
        return self._articles(" WHERE a.role = ? ORDER BY a.rowid_", (role,))

    def outlets(self) -> list[str]:
        return [str(r[0]) for r in self.conn.execute(
            "SELECT DISTINCT outlet FROM articles WHERE role = 'main' AND outlet IS NOT NULL"
            " ORDER BY outlet")]

    def outlets_at(self, at: str) -> list[str]:
        """The outlets of the stored main articles whose address is at the site ``at``
        (``ingest.sender.site``), in storing order: what tells a newsletter's sender "Times"
        at ``nytimes.com`` ingested alone is that site's outlet (``KnownOutlets.of_site``;
        helper N11). Read only for such a letter; the address is the page's (its record's or
        feed item's link, or the fetched URL) as the article's is."""
        from parallax.ingest.sender import site

        url = self.json_text("d.metadata", "url")
        escaped = at.replace("!", "!!").replace("%", "!%").replace("_", "!_")
        rows = self.conn.execute(
            f"SELECT a.outlet, {url} AS url FROM articles a JOIN documents d"
            " ON d.sha256 = a.document WHERE a.role = 'main' AND a.outlet IS NOT NULL"
            # lower(): LIKE ignores case on SQLite, not on PostgreSQL (helper R)
            f" AND lower({url}) LIKE ? ESCAPE '!' ORDER BY a.rowid_",
            (f"%{escaped.lower()}%",))
        found: list[str] = []
        for row in rows:
            host = _host(str(row["url"]))
            if host and site(host) == at and row["outlet"] not in found:
                found.append(str(row["outlet"]))
        return found

    def _articles(self, where: str, params: tuple[Any, ...]) -> list[Article]:
        rows = self.conn.execute("SELECT a.analysis, v.vector FROM articles a"
                                 " LEFT JOIN article_vectors v ON v.article = a.id" + where,
                                 params)
        out = []
        for r in rows:
            article = Article.from_dict(json.loads(r["analysis"]))
            if r["vector"] is not None:
                article.vector = np.frombuffer(bytes(r["vector"]), dtype=np.float32)
            out.append(article)
        return self._unmark_dangling(out)

    def article(self, article_id: str) -> Article | None:
        row = self.conn.execute("SELECT analysis FROM articles WHERE id = ?",
                                (article_id,)).fetchone()
        return self._unmark_dangling([Article.from_dict(json.loads(row["analysis"]))])[0] \
            if row else None

    def _unmark_dangling(self, articles: list[Article]) -> list[Article]:
        """A copy whose original is no longer stored is shown as an article of its own: a
        removal unmarks copies (``store/remove.py``), but a store where a delete of c83650c
        left a copy outside its original's story marked still names a missing id."""
        named = {a.duplicate_of for a in articles if a.duplicate_of} - {a.id for a in articles}
        if not named:
            return articles
        wanted = sorted(named)
        held = {str(r[0]) for r in self._each(
            "SELECT id FROM articles WHERE id IN ({marks})", wanted)}
        present = {a.id for a in articles} | held
        for a in articles:
            if a.duplicate_of and a.duplicate_of not in present:
                a.duplicate_of = a.duplicate_similarity = None
        return articles

    def article_source(self, article_id: str) -> dict[str, Any] | None:
        row = self.conn.execute(
            "SELECT d.input, d.uri, d.kind, d.fetched_at, d.metadata FROM articles a"
            " JOIN documents d ON d.sha256 = a.document WHERE a.id = ?", (article_id,)).fetchone()
        if row is None:
            return None
        source = dict(row)
        source["metadata"] = json.loads(source["metadata"])
        source["also_in"] = [r["input"] for r in self.conn.execute(
            "SELECT d.input FROM article_sources s JOIN documents d ON d.sha256 = s.document"
            " WHERE s.article = ? AND d.input != ?", (article_id, row["input"]))]
        return source

    def comments(self, article_ids: list[str]) -> list[dict[str, Any]]:
        if not article_ids:
            return []
        rows = self._each(
            "SELECT a.rowid_, c.position, a.id AS article_id, a.outlet, c.text, c.language,"
            " c.author FROM articles a JOIN comments c ON c.document = a.document"
            " WHERE a.role = 'main' AND a.id IN ({marks})", article_ids)
        rows.sort(key=lambda r: (int(r["rowid_"]), int(r["position"])))  # chunk by chunk
        return [{k: r[k] for k in ("article_id", "outlet", "text", "language", "author")}
                for r in rows]

    def boilerplate(self, article_id: str) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            "SELECT b.kind, b.text FROM articles a JOIN boilerplate b ON b.document = a.document"
            " WHERE a.id = ? ORDER BY b.position", (article_id,))
        return [dict(r) for r in rows]

    def related(self, article_id: str) -> list[Article]:
        rows = self.conn.execute(
            "SELECT r.analysis FROM articles a JOIN articles r ON r.document = a.document"
            " WHERE a.id = ? AND r.role = 'related' ORDER BY r.rowid_", (article_id,))
        return [Article.from_dict(json.loads(r["analysis"])) for r in rows]

    def stories(self) -> list[Story]:
        rows = self.conn.execute("SELECT data FROM stories ORDER BY size DESC, id")
        return [Story.from_dict(json.loads(r["data"])) for r in rows]

    def story(self, story_id: str) -> Story | None:
        row = self.conn.execute("SELECT data FROM stories WHERE id = ?", (story_id,)).fetchone()
        if row is None:  # merged by consolidation: the surviving story answers for it
            new = self.merged_into(story_id)
            return self.story(new) if new and new != story_id else None
        return Story.from_dict(json.loads(row["data"]))

    def rejections(self, limit: int | None = None) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute(
            "SELECT input, code, reason, seen_at FROM rejections ORDER BY seen_at, input"
            + (" LIMIT ?" if limit is not None else ""), () if limit is None else (limit,))]

    def counts(self) -> dict[str, int]:
        out = {}
        for table in ("documents", "articles", "comments", "boilerplate", "stories",
                      "rejections"):
            out[table] = int(self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        return out


def _host(url: str) -> str | None:
    try:
        return urlsplit(url).hostname
    except ValueError:  # a stored address that is no URL ("http://[x")
        return None


def _vector_blob(vector: Any) -> bytes:
    return np.asarray(vector, dtype=np.float32).tobytes()
