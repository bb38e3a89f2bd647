"""The kept count of main profiles per name key (``story_key_counts``, migration 0008).

Why: a story's record weighs its members' names by how many stored articles carry them
(``StorySimilarity.unit``). Counting that over every profile when a delete makes a story again
read all of them: seconds at 100,000 articles (docs/stories.md, twenty-third session). Every
writer of ``story_profiles`` passes what it adds and takes away through here, in the same
transaction, so the table says what a count over the profiles says (tests compare the two after
ingest, replace, delete and rebuild on both backends). A profile's role and keys are read as the
story index reads them (``ArticleProfile.from_json``).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from parallax.store.sql import Connection


def main_keys(data: dict[str, Any]) -> list[str]:
    """The name keys a profile counts for: a main article's, each once (not its mentions)."""
    return list(data.get("keys") or {}) if data.get("role", "main") == "main" else []


def change(removed: Iterable[str], added: Iterable[dict[str, Any]]) -> Counter[str]:
    """What replacing the profiles ``removed`` (stored JSON) by ``added`` does to the counts."""
    delta: Counter[str] = Counter()
    for text in removed:
        delta.subtract(main_keys(json.loads(text)))
    for data in added:
        delta.update(main_keys(data))
    return delta


def apply(conn: Connection, delta: Counter[str]) -> None:
    rows = [(key, n) for key, n in sorted(delta.items()) if n]
    if rows:
        conn.executemany("INSERT INTO story_key_counts (key, articles) VALUES (?, ?)"
                         " ON CONFLICT (key) DO UPDATE SET"
                         " articles = story_key_counts.articles + excluded.articles", rows)


__all__ = ["apply", "change", "main_keys"]
