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

The database matches the terms without cased letters, and of the others their runs of those
scripts (which have no case); Python then finds those others case-insensitively in what it
returns: both backends' ``lower`` leave letters beyond ASCII as they are (SQLite's always,
PostgreSQL's in the C locale), so "渡轮 Москва" found nothing where an article held both. A
snippet's brackets stand where the term is found in the text itself: placed by offsets into a
lower-cased copy, which "İ" makes longer, they stood on other words (thirtieth review).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice
from typing import Any

from parallax.store.sql import search_parts
from parallax.textutil import UNSPACED_CHAR

#: Han (with its extensions and compatibility forms), hiragana and katakana
_UNSPACED = re.compile(UNSPACED_CHAR)
_RUNS = re.compile(UNSPACED_CHAR + "+")
#: the fields a result carries, as the index's search gives them
_FIELDS = "a.id, a.title, a.outlet, a.language, a.role, a.published"
_HAYSTACK = "coalesce(a.title, '') || ' ' || a.text LIKE ? ESCAPE '!'"
#: characters of a snippet around the first match, before and after it
_BEFORE, _AFTER = 30, 60


def unspaced_terms(query: str) -> list[str] | None:
    """The query's words and phrases when one of them holds a character of those scripts,
    else None (the index answers)."""
    words, phrases = search_parts(query)
    terms = [*words, *phrases]
    return terms if any(_UNSPACED.search(t) for t in terms) else None


def _pattern(run: str) -> str:
    escaped = run.replace("!", "!!").replace("%", "!%").replace("_", "!_")
    return f"%{escaped}%"


def _snippet(text: str, found: list[re.Match[str]]) -> str:
    """The text around the first term found, the term in brackets (as the index's snippet)."""
    if not found:  # the terms stood in the title only
        return text[:_BEFORE + _AFTER] + ("…" if len(text) > _BEFORE + _AFTER else "")
    hit = min(found, key=lambda m: m.start())
    at, stop = hit.span()
    start, end = max(0, at - _BEFORE), min(len(text), stop + _AFTER)
    return ("…" if start else "") + text[start:at] + "[" + text[at:stop] + "]" \
        + text[stop:end] + ("…" if end < len(text) else "")


def _caseless(term: str) -> bool:
    return term.lower() == term == term.upper()


def _query(terms: list[str]) -> tuple[str, list[str], list[re.Pattern[str]]]:
    """The database's condition and its patterns (a term without cased letters whole, else the
    term's runs of those scripts: they have no case), and the terms left for Python to find."""
    asked = [t for t in terms if _caseless(t)]
    asked += [run for t in terms if not _caseless(t) for run in _RUNS.findall(t)]
    left = [re.compile(re.escape(t), re.IGNORECASE) for t in terms if not _caseless(t)]
    return " AND ".join([_HAYSTACK] * len(asked)), [*map(_pattern, asked)], left


def _results(rows: Any, terms: list[str], left: list[re.Pattern[str]]
             ) -> Iterator[dict[str, Any]]:
    """The rows holding the ``left`` terms too, each with its snippet."""
    patterns = [re.compile(re.escape(t), re.IGNORECASE) for t in terms]
    for row in rows:
        found = dict(row)
        text = str(found.pop("text_") or "")
        title = str(found.get("title") or "")
        if all(p.search(title) or p.search(text) for p in left):
            found["snippet"] = _snippet(text, [m for p in patterns if (m := p.search(text))])
            yield found


def unspaced_search(conn: Any, terms: list[str], limit: int, offset: int
                    ) -> list[dict[str, Any]]:
    """Articles holding every term, in the order they were stored."""
    where, params, left = _query(terms)
    select = f"SELECT {_FIELDS}, a.text AS text_ FROM articles a WHERE {where} ORDER BY a.rowid_"
    if not left:  # the database answers whole
        return list(_results(conn.execute(select + " LIMIT ? OFFSET ?",
                                          [*params, limit, offset]), terms, left))
    return list(islice(_results(conn.execute(select, params), terms, left), offset,
                       offset + limit))


def unspaced_count(conn: Any, terms: list[str]) -> int:
    where, params, left = _query(terms)
    if not left:
        return int(conn.execute(f"SELECT count(*) FROM articles a WHERE {where}",
                                params).fetchone()[0])
    return sum(1 for _ in _results(conn.execute(
        f"SELECT {_FIELDS}, a.text AS text_ FROM articles a WHERE {where}", params), terms, left))


__all__ = ["unspaced_count", "unspaced_search", "unspaced_terms"]
