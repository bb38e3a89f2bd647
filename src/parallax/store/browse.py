"""The reading side the web app needs beyond records: filtered, paginated stories, the facet
index behind entity and outlet pages, paginated search. Kept apart from the write path
(``sql.py``) and written as SQL over indexed tables, so a page over a store of 10,000
articles costs milliseconds, not a scan of every analysis.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from parallax.records import Article, Published, Story
from parallax.store.shown_names import ShownNames, spelling_facets

if TYPE_CHECKING:
    from parallax.store.sql import Connection

#: the form of ``StoryFilter``'s ``since`` / ``until``: an ISO day
ISO_DAY = r"\d{4}-\d{2}-\d{2}"
_ISO_DAY = re.compile(ISO_DAY)


def filter_day(value: str) -> str:
    """``value`` when it is an ISO day the calendar has, else ValueError: "2026-02-31" has the
    right shape but is no day, an error rather than an empty result (the API's and the
    command line's ``since`` / ``until``)."""
    if not _ISO_DAY.fullmatch(value):
        raise ValueError(f"not a day written YYYY-MM-DD: {value!r}")
    date.fromisoformat(value)
    return value


#: what an article's facets are, row by row: (kind, value, detail, count)
Facet = tuple[str, str, str, int]


def facets_of(article: Article) -> list[Facet]:
    out: dict[tuple[str, str, str], int] = {}
    for m in article.entities:
        if m.type == "DATE":  # a year is no entity page, outlet row or search filter ("2024")
            continue
        key = ("entity", m.canonical, m.type)
        out[key] = out.get(key, 0) + 1
    out.update(spelling_facets(article))  # the votes for its shown name (store/shown_names.py)
    for r in article.roles:
        out[("role", r.entity, r.main_role)] = 1
    for n in article.narratives:
        out[("narrative", n.label, n.sub or "")] = 1
    for t in article.techniques:
        if t.quoted is not None:  # a speaker's technique, not the outlet's (records.TechniqueSpan)
            continue
        key = ("technique", t.technique, "")
        out[key] = out.get(key, 0) + 1
    return [(k, v, d, c) for (k, v, d), c in out.items()]


@dataclass(slots=True)
class StoryFilter:
    """Every field optional; an empty filter lists all stories."""

    outlet: str | None = None
    language: str | None = None
    since: str | None = None  # ISO date, inclusive
    until: str | None = None
    entity: str | None = None
    narrative: str | None = None
    sort: str = "largest"  # largest | newest

    def matching(self) -> tuple[str, list[Any]]:
        """SQL for the ids of the stories with a main article that matches, and its
        parameters. With an entity or a narrative and no outlet, that facet's articles come
        first (CROSS JOIN keeps SQLite's order): left to choose, SQLite read every main article
        and asked each for the facet, half a second a query for an entity named in one of
        100,000 made-up articles (docs/web.md)."""
        clauses, params = ["a.role = 'main'"], []
        for column, value in (("a.outlet = ?", self.outlet), ("a.language = ?", self.language),
                              ("substr(a.published, 1, 10) >= ?", self.since),
                              ("substr(a.published, 1, 10) <= ?", self.until)):
            if value:
                clauses.append(column)
                params.append(value)
        facets = [(k, v) for k, v in (("entity", self.entity), ("narrative", self.narrative))
                  if v]
        # an outlet's articles (indexed) are fewer than a facet's in a large store: they lead
        lead = 0 if self.outlet else 1
        for kind, value in facets[lead:]:
            clauses.append("EXISTS (SELECT 1 FROM article_facets f WHERE f.article = a.id"
                           " AND f.kind = ? AND f.value = ?)")
            params += [kind, value]
        if not facets[:lead]:
            return ("SELECT DISTINCT sa.story FROM story_articles sa JOIN articles a"
                    f" ON a.id = sa.article WHERE {' AND '.join(clauses)}", params)
        return ("SELECT DISTINCT sa.story FROM article_facets f0 CROSS JOIN articles a"
                " CROSS JOIN story_articles sa WHERE f0.kind = ? AND f0.value = ?"
                f" AND a.id = f0.article AND sa.article = a.id AND {' AND '.join(clauses)}",
                [*facets[0], *params])

    @property
    def active(self) -> bool:
        return any((self.outlet, self.language, self.since, self.until, self.entity,
                    self.narrative))

    def params(self) -> dict[str, str]:
        """The filter as query parameters (for pagination links and the filter form)."""
        return {k: v for k, v in (("outlet", self.outlet), ("language", self.language),
                                  ("since", self.since), ("until", self.until),
                                  ("entity", self.entity), ("narrative", self.narrative),
                                  ("sort", self.sort)) if v}


def unknown_outlets(rows: list[dict[str, Any]]) -> dict[str, str]:
    """Outlet-less articles (id, input, url) by the names the comparison gives them
    ("Unknown outlet (<site or file>)", ``compare.overlap.outlet_names``): the entity page
    listed them all under one "Unknown outlet" and counted them as one outlet, while the
    story's comparison showed each source as an outlet of its own."""
    if not rows:
        return {}
    from parallax.compare.overlap import outlet_names

    return outlet_names([Article(id=r["id"], role="main", title="", outlet=None,
                                 published=Published(), text="", input=r["input"] or "",
                                 url=r["url"]) for r in rows])


class BrowseQueries(ShownNames):
    conn: Connection

    def json_text(self, column: str, key: str) -> str:
        """SQL for one top-level field of a JSON text column (each dialect spells it)."""
        raise NotImplementedError

    def save_facets(self, article_id: str, facets: list[Facet]) -> None:
        self.conn.executemany(
            "INSERT INTO article_facets (article, kind, value, detail, count)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (article, kind, value, detail)"
            " DO UPDATE SET count = excluded.count", [(article_id, *f) for f in facets])

    def article_versions(self, article_ids: list[str]) -> list[tuple[str, str]]:
        """(article id, the document it is stored from), by id: an article ``ingest
        --replace`` stored again under its id (its outlet or date corrected) comes from
        another document."""
        return sorted((str(r[0]), str(r[1])) for r in self._each(
            "SELECT id, document FROM articles WHERE id IN ({marks})", article_ids))

    def cached_comparison(self, story_id: str, signature: str) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT data FROM comparison_cache WHERE story = ? AND"
                                " signature = ?", (story_id, signature)).fetchone()
        return json.loads(row[0]) if row else None

    def cache_comparison(self, story_id: str, signature: str, data: dict[str, Any]) -> None:
        from parallax.store.sql import utc_now

        self.conn.execute("INSERT INTO comparison_cache (story, signature, data, made_at)"
                          " VALUES (?, ?, ?, ?) ON CONFLICT (story) DO UPDATE SET"
                          " signature = excluded.signature, data = excluded.data,"
                          " made_at = excluded.made_at",
                          (story_id, signature, json.dumps(data, ensure_ascii=False),
                           utc_now()))

    def story_page(self, where: StoryFilter, offset: int = 0, limit: int = 20
                   ) -> tuple[list[Story], int]:
        """Stories with at least one main article matching the filter, and how many there
        are in all."""
        order = (f"{self.json_text('s.data', 'end')} DESC NULLS LAST, s.size DESC, s.id"
                 if where.sort == "newest"
                 else "s.size DESC, s.id")
        if where.active:
            ids, params = where.matching()
            total = self.conn.execute(f"SELECT count(*) FROM ({ids}) AS matching",
                                      params).fetchone()[0]
            rows = self.conn.execute(f"SELECT s.data FROM stories s WHERE s.id IN ({ids})"
                                     f" ORDER BY {order} LIMIT ? OFFSET ?",
                                     [*params, limit, offset])
        else:
            total = self.conn.execute("SELECT count(*) FROM stories").fetchone()[0]
            rows = self.conn.execute(f"SELECT s.data FROM stories s ORDER BY {order}"
                                     " LIMIT ? OFFSET ?", (limit, offset))
        return [Story.from_dict(json.loads(r[0])) for r in rows], int(total)

    def facet_options(self, limit: int = 50) -> dict[str, list[str]]:
        """Values to offer in the story filters: every outlet and language, the most
        frequent entities and narratives."""
        def column(sql: str, *params: Any) -> list[str]:
            return [str(r[0]) for r in self.conn.execute(sql, params) if r[0]]

        return {
            "outlets": column("SELECT DISTINCT outlet FROM articles WHERE role = 'main'"
                              " AND outlet IS NOT NULL ORDER BY outlet"),
            "languages": column("SELECT DISTINCT language FROM articles WHERE role = 'main'"
                                " AND language IS NOT NULL ORDER BY language"),
            "entities": column("SELECT value FROM article_facets WHERE kind = 'entity' AND"
                               " detail IN ('PERSON', 'ORG', 'GPE') GROUP BY value"
                               " ORDER BY count(*) DESC, value LIMIT ?", limit),
            "narratives": column("SELECT value FROM article_facets WHERE kind = 'narrative'"
                                 " GROUP BY value ORDER BY count(*) DESC, value LIMIT ?", limit),
        }

    def entity_profile(self, name: str, limit: int = 500) -> dict[str, Any] | None:
        """Where an entity appears and how each outlet portrays it: its ``limit`` newest
        articles, oldest first, and the counts over all of them. Uncapped, an entity named in
        thousands of articles made a page (and an API answer) of thousands of rows."""
        source = {k: f"CASE WHEN a.outlet IS NULL THEN {self.json_text('a.analysis', k)} END"
                  for k in ("input", "url")}  # parsed only where an outlet must be named
        newest = [dict(r) for r in self.conn.execute(
            f"SELECT a.id, a.title, a.outlet, a.language, a.published, f.count,"
            f" {source['input']} AS input, {source['url']} AS url,"
            " (SELECT r.detail FROM article_facets r WHERE r.article = a.id AND r.kind = 'role'"
            "  AND r.value = f.value) AS role,"
            " (SELECT sa.story FROM story_articles sa WHERE sa.article = a.id) AS story"
            " FROM article_facets f JOIN articles a ON a.id = f.article"
            " WHERE f.kind = 'entity' AND f.value = ? AND a.role = 'main'"
            " ORDER BY a.published IS NULL, a.published DESC, a.id DESC LIMIT ?",
            (name, limit))]
        if not newest:
            return None
        # an undated article's date is unknown, not "now": the dated newest fill the list
        # first, and the page shows them oldest first with the undated after them
        newest.sort(key=lambda r: (r["published"] is None, r["published"] or "", r["id"]))
        articles, outlets, stories = self.conn.execute(
            "SELECT count(DISTINCT a.id), count(DISTINCT a.outlet),"
            " count(DISTINCT sa.story) FROM article_facets f JOIN articles a ON a.id = f.article"
            " LEFT JOIN story_articles sa ON sa.article = a.id"
            " WHERE f.kind = 'entity' AND f.value = ? AND a.role = 'main'", (name,)).fetchone()
        unnamed = unknown_outlets([dict(r) for r in self.conn.execute(
            f"SELECT DISTINCT a.id, {source['input']} AS input, {source['url']} AS url"
            " FROM article_facets f JOIN articles a ON a.id = f.article WHERE f.kind = 'entity'"
            " AND f.value = ? AND a.role = 'main' AND a.outlet IS NULL", (name,))])
        for row in newest:
            row["outlet_label"] = row["outlet"] or unnamed[row["id"]]
            del row["input"], row["url"]
        return {"name": name, "articles": newest, "article_count": int(articles),
                "outlet_count": int(outlets) + len(set(unnamed.values())),
                "story_count": int(stories)}

    def outlet_profile(self, outlet: str, limit: int = 200) -> dict[str, Any] | None:
        articles = [dict(r) for r in self.conn.execute(
            "SELECT a.id, a.title, a.language, a.published,"
            " (SELECT sa.story FROM story_articles sa WHERE sa.article = a.id) AS story"
            " FROM articles a WHERE a.outlet = ? AND a.role = 'main'"
            " ORDER BY coalesce(a.published, '') DESC, a.id LIMIT ?", (outlet, limit))]
        if not articles:
            return None

        def tally(kind: str) -> list[dict[str, Any]]:
            # CROSS JOIN keeps SQLite's join order: the outlet's articles, then each one's
            # facets. Left to choose, it read every facet of the kind in the store and looked
            # each article up (2 s an outlet page at 100,000 articles, docs/web.md)
            return [{"label": r[0], "articles": r[1], "count": r[2]} for r in self.conn.execute(
                "SELECT f.value, count(DISTINCT f.article), sum(f.count) FROM articles a"
                " CROSS JOIN article_facets f WHERE f.article = a.id AND a.outlet = ?"
                " AND f.kind = ? AND a.role = 'main'"
                " GROUP BY f.value ORDER BY 2 DESC, 3 DESC, f.value LIMIT 12", (outlet, kind))]

        total = self.conn.execute("SELECT count(*) FROM articles WHERE outlet = ? AND"
                                  " role = 'main'", (outlet,)).fetchone()[0]
        languages = {str(r[0] or "unknown"): int(r[1]) for r in self.conn.execute(
            "SELECT language, count(*) FROM articles WHERE outlet = ? AND role = 'main'"
            " GROUP BY language ORDER BY 2 DESC", (outlet,))}
        return {"outlet": outlet, "article_count": int(total), "articles": articles,
                "languages": languages, "narratives": tally("narrative"),
                "techniques": tally("technique"), "entities": tally("entity")}
