"""The name an entity is shown under: the spelling its articles use, not the first one seen.

The corpus linker keeps the first spelling it meets as an entity's canonical name, so that
``entity_id(canonical)``, the facet rows and every entity URL stay stable as news comes in
(``enrich/linker.py``). That spelling may be a misspelling, a German "Irak" on English pages or
a machine transliteration of a Russian page; readers then saw it on every page. The canonical
name stays the key; this module chooses what is *shown* for it.

The rule (chosen before any output was read, twenty-eighth session, helper DN):

1. Each stored main article naming the entity votes once for every name its own entity stage
   gave the entity (``Mention.linked_from``, or ``canonical`` where corpus linking changed
   nothing): the fullest name of that article, not a bare surname or pronoun.
2. A name that is a transliteration (the mention was written in Cyrillic letters, the name is
   not) is machine-made: such votes count only when the entity has no vote for a name as
   written. (Russian pages' names reach the store transliterated, ``entities.py``.)
3. The name with the most votes wins; a tie goes to the name seen first (its earliest article).
4. A name of the alias table (the curated one and a user's ``entity_alias_file``) is kept.

Votes are facet rows (``article_facets`` kinds ``spelling`` and ``transliterated``, value the
canonical name, detail the article's name), so saving, replacing and removing an article keeps
them right with no step of its own, on both backends (migration 0012 indexes stored articles).
Nothing is stored per entity: the choice is read when a page is shown.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from parallax.records import Article
from parallax.store.params import Chunked

if TYPE_CHECKING:
    from parallax.settings import Config

SPELLING, TRANSLITERATED = "spelling", "transliterated"
_CYRILLIC = re.compile("[\u0400-\u04ff]")


def spelling_facets(article: Article) -> dict[tuple[str, str, str], int]:
    """(kind, canonical, the article's name) -> mentions, for ``store.browse.facets_of``; a
    main article's only (the entity pages count those), so the choice reads the index alone."""
    out: dict[tuple[str, str, str], int] = {}
    for m in article.entities if article.role == "main" else []:
        if m.type == "DATE":
            continue
        name = m.linked_from or m.canonical
        machine = bool(_CYRILLIC.search(m.text)) and not _CYRILLIC.search(name)
        key = (TRANSLITERATED if machine else SPELLING, m.canonical, name)
        out[key] = out.get(key, 0) + 1
    return out


def choose(votes: Iterable[tuple[str, str, str, int, int]],
           keep: Iterable[str] = ()) -> dict[str, str]:
    """canonical -> shown name, only where they differ, from rows (canonical, kind, name,
    articles voting, the earliest of them as a number)."""
    best: dict[str, tuple[bool, int, int, str]] = {}
    for canonical, kind, name, articles, first in votes:
        rank = (kind == SPELLING, int(articles), -int(first), name)
        if canonical not in best or rank[:3] > best[canonical][:3]:
            best[canonical] = rank
    kept = set(keep)
    return {c: r[3] for c, r in best.items() if r[3] != c and c not in kept}


def _tied(rows: list[list[Any]]) -> bool:
    """Whether the two best (kind, articles) of a name's votes are equal."""
    ranks = sorted(((r[0] == SPELLING, r[2]) for r in rows), reverse=True)
    return len(ranks) > 1 and ranks[0] == ranks[1]


def alias_names(config: Config | None) -> frozenset[str]:
    """The alias table's canonical names (rule 4): a curated or a user's own name is kept.
    Read once per file version: every page asks."""
    extra = (config.get("entity_alias_file") or None) if config is not None else None
    try:
        return _alias_names(extra, os.stat(extra).st_mtime_ns if extra else 0)
    except OSError:  # the ingest names a missing file; a page is shown with the curated table
        return _alias_names(None, 0)


@lru_cache(maxsize=8)
def _alias_names(extra: str | None, _version: int) -> frozenset[str]:
    from parallax.enrich.aliases import load_aliases

    return frozenset(e.canonical for e in load_aliases(extra).values())


class ShownNames(Chunked):
    def shown_names(self, names: Iterable[str], keep: Iterable[str] = ()) -> dict[str, str]:
        """The shown name of each canonical name whose articles use another spelling.
        Votes are counted on the index ``(kind, value, detail)`` alone (an entity may be named
        in tens of thousands of articles); only names whose best two tie read their articles'
        order."""
        votes: dict[str, list[list[Any]]] = {}
        for r in self._each(f"SELECT value, kind, detail, count(*) FROM article_facets WHERE"
                            f" kind IN ('{SPELLING}', '{TRANSLITERATED}') AND value IN"
                            " ({marks}) GROUP BY value, kind, detail", sorted(set(names))):
            votes.setdefault(str(r[0]), []).append([str(r[1]), str(r[2]), int(r[3]), 0])
        tied = [c for c, rows in votes.items() if _tied(rows)]
        if tied:
            first = {(str(r[0]), str(r[1]), str(r[2])): int(r[3]) for r in self._each(
                "SELECT f.value, f.kind, f.detail, min(a.rowid_) FROM article_facets f"
                " JOIN articles a ON a.id = f.article"
                f" WHERE f.kind IN ('{SPELLING}', '{TRANSLITERATED}') AND f.value IN"
                " ({marks}) GROUP BY f.value, f.kind, f.detail", tied)}
            for c in tied:
                for row in votes[c]:
                    row[3] = first.get((c, row[0], row[1]), 0)
        return choose(((c, k, n, a, f) for c, rows in votes.items() for k, n, a, f in rows),
                      keep)

    def entity_spelt(self, name: str) -> str | None:
        """The canonical name of the entity an article of the store wrote as ``name`` (the one
        most articles wrote so, then the first by name), or None: an entity page asked by the
        name an article shows ("Tomas Brannock" where the canonical is "Tomás Brannock") was a
        404. Read on migration 0016's index of the votes by the article's name."""
        row = self.conn.execute(
            "SELECT value FROM article_facets WHERE kind IN ('spelling', 'transliterated')"
            " AND detail = ? AND value <> ? GROUP BY value ORDER BY count(*) DESC, value"
            " LIMIT 1", (name, name)).fetchone()
        return str(row[0]) if row else None

    def story_shown_names(self, article_ids: Iterable[str],
                          keep: Iterable[str] = ()) -> dict[str, str]:
        """``shown_names`` of every entity the articles name."""
        return self.shown_names(self.entity_names(article_ids), keep)

    def entity_names(self, article_ids: Iterable[str]) -> list[str]:
        """The canonical names the articles name. By the articles' own rows: with the kind
        in the statement SQLite read every entity row of the store (``(kind, value)`` index,
        470 ms a story page at 100,000 articles)."""
        return sorted({str(r[1]) for r in self._each(
            "SELECT DISTINCT kind, value FROM article_facets WHERE article IN ({marks})",
            list(article_ids)) if r[0] == "entity"})


def with_shown(rows: list[dict[str, Any]], shown: dict[str, str], key: str = "label"
               ) -> list[dict[str, Any]]:
    """Rows naming an entity by ``key`` gain ``shown``: the name to print (links keep ``key``)."""
    return [{**r, "shown": shown.get(r[key], r[key])} for r in rows]


__all__ = ["ShownNames", "alias_names", "choose", "spelling_facets", "with_shown"]
