"""Search for words of the scripts written without spaces between words (Chinese, Japanese,
Korean's Hanja), on both backends.

Why: both full-text indexes cut the text into words at spaces and punctuation, so a Chinese or
Japanese sentence is one "word" up to its next comma, and a search for a word inside it
("渡轮", ferry) found nothing, on the page and in ``/api/search``: a CJK user was told that
no article holds a word that the article's title shows (thirtieth session, helper N7). A query
holding such a word is answered by a substring scan of titles and texts instead, every term
required as by the index (a whole-run match is a substring match, so nothing the index found
is lost). The scan reads every article: slower than the index at a large store, and only for
such queries. Hangul is written with spaces and stays with the index.
"""

from __future__ import annotations

import re
from typing import Any

from parallax.store.sql import search_parts

#: Han (with its extensions and compatibility forms), hiragana and katakana
_UNSPACED = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
#: the fields a result carries, as the index's search gives them
_FIELDS = "a.id, a.title, a.outlet, a.language, a.role, a.published"
_HAYSTACK = "lower(coalesce(a.title, '') || ' ' || a.text) LIKE ? ESCAPE '!'"
#: characters of a snippet around the first match, before and after it
_BEFORE, _AFTER = 30, 60


def unspaced_terms(query: str) -> list[str] | None:
    """The query's words and phrases when one of them holds a character of those scripts,
    else None (the index answers)."""
    words, phrases = search_parts(query)
    terms = [*words, *phrases]
    return terms if any(_UNSPACED.search(t) for t in terms) else None


def _pattern(term: str) -> str:
    escaped = term.lower().replace("!", "!!").replace("%", "!%").replace("_", "!_")
    return f"%{escaped}%"


def _snippet(text: str, terms: list[str]) -> str:
    """The text around the first term found, the term in brackets (as the index's snippet)."""
    low = text.lower()
    found = [(at, t) for t in terms if (at := low.find(t.lower())) >= 0]
    if not found:  # the terms stood in the title only
        return text[:_BEFORE + _AFTER] + ("…" if len(text) > _BEFORE + _AFTER else "")
    at, term = min(found)
    start, end = max(0, at - _BEFORE), min(len(text), at + len(term) + _AFTER)
    return ("…" if start else "") + text[start:at] + "[" + text[at:at + len(term)] + "]" \
        + text[at + len(term):end] + ("…" if end < len(text) else "")


def unspaced_search(conn: Any, terms: list[str], limit: int, offset: int
                    ) -> list[dict[str, Any]]:
    """Articles holding every term, in the order they were stored."""
    where = " AND ".join([_HAYSTACK] * len(terms))
    rows = conn.execute(f"SELECT {_FIELDS}, a.text AS text_ FROM articles a WHERE {where}"
                        " ORDER BY a.rowid_ LIMIT ? OFFSET ?",
                        [*map(_pattern, terms), limit, offset])
    results = []
    for row in rows:
        found = dict(row)
        text = str(found.pop("text_") or "")
        found["snippet"] = _snippet(text, terms)
        results.append(found)
    return results


def unspaced_count(conn: Any, terms: list[str]) -> int:
    where = " AND ".join([_HAYSTACK] * len(terms))
    return int(conn.execute(f"SELECT count(*) FROM articles a WHERE {where}",
                            [*map(_pattern, terms)]).fetchone()[0])


__all__ = ["unspaced_count", "unspaced_search", "unspaced_terms"]
