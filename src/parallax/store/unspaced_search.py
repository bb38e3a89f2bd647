"""Search for words of the scripts written without spaces between words (Chinese, Japanese,
Korean's Hanja), on both backends.

Why: both full-text indexes cut the text into words at spaces and punctuation, so a Chinese or
Japanese sentence is one "word" up to its next comma, and a search for a word inside it
("渡轮", ferry) found nothing, on the page and in ``/api/search``: a CJK user was told that
no article holds a word that the article's title shows (thirtieth session, helper N7). A query
holding such a word is answered by a substring scan of titles and texts instead, every term
required as by the index (a whole-run match is a substring match, so nothing the index found
is lost), on the articles an n-gram index gives (below). Hangul is written with spaces and
stays with the word index.

The database matches the terms without cased letters, and of the others their runs of those
scripts (which have no case); Python then finds those others case-insensitively in what it
returns: both backends' ``lower`` leave letters beyond ASCII as they are (SQLite's always,
PostgreSQL's in the C locale), so "渡轮 Москва" found nothing where an article held both. A
snippet's brackets stand where the term is found in the text itself: placed by offsets into a
lower-cased copy, which "İ" makes longer, they stood on other words (thirtieth review).

An n-gram index keeps the scan off the whole table (thirty-first session, helper SM): every
article's runs of those scripts give their character pairs (bigrams) and each run's last
character, written as ASCII tokens (``unspaced_grams``: "u" and four hex digits a character),
indexed by a contentless FTS5 table on SQLite and a table under a GIN index on PostgreSQL
(migration 0013 on both, filling itself; PostgreSQL's as integer arrays since 0018, a third
smaller: ``store/unspaced_codes.py``): PostgreSQL's written by a trigger, SQLite's from
Python for the rowids its trigger queues (migration 0015, ``store/unspaced_queue.py``). A query
asks the index for the articles holding every pair of its runs (a run of one character: a token
starting with it), which every article holding the runs does; the substring tests above then
decide, so the answers are the scan's. Without it every such query read every article's title
and text (a rare word 105 ms of CPU at 20,000 articles, 1 ms with it:
benchmarks/bench_unspaced_search.py). A mixed query still reads in Python the articles holding
its runs: few for a rare word, most of the store for a word in most articles.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from itertools import islice, pairwise
from typing import Any

from parallax.store.sql import search_parts, search_query
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


#: a text longer than this (characters of title and text) is indexed as the one token ``ALL``,
#: which every query's index condition accepts, so the substring tests decide for it as the
#: scan did: PostgreSQL's tsvector holds 1 MB (about 80,000 distinct pairs; a text of
#: 128,000 distinct ones was refused, its article not stored), and the set of a 20 MB page's
#: pairs would hold memory for nothing (thirty-first session, helper R)
WHOLE = 50_000
ALL = "uall"


def unspaced_grams(title: str | None, text: str | None) -> str:
    """The index's tokens of an article: each run's character pairs and its last character,
    in hex (a token of letters and digits: both full-text parsers read it whole), once each.
    PostgreSQL's ``parallax_unspaced_grams`` (migration 0013) gives the same tokens."""
    whole = f"{title or ''} {text or ''}"
    if len(whole) > WHOLE:
        return ALL
    tokens: set[str] = set()
    for run in _RUNS.findall(whole):
        codes = [f"{ord(c):04x}" for c in run]
        tokens.update(f"u{a}{b}" for a, b in pairwise(codes))
        tokens.add(f"u{codes[-1]}")
    return " ".join(sorted(tokens))


def _asked_grams(asked: list[str]) -> tuple[list[str], list[str]]:
    """(pairs, single characters) the index must hold for the database's patterns: every pair
    of each run, and a run of one character by itself (the article holds it before another
    character of its run, a pair starting with it, or last in a run)."""
    pairs: set[str] = set()
    singles: set[str] = set()
    for run in (r for term in asked for r in _RUNS.findall(term)):
        codes = [f"{ord(c):04x}" for c in run]
        if len(codes) == 1:
            singles.add(f"u{codes[0]}")
        pairs.update(f"u{a}{b}" for a, b in pairwise(codes))
    return sorted(pairs), sorted(singles)


#: the backend's articles that its index says may hold (pairs, single characters): a
#: subquery of the article columns the search reads, and its parameters
Index = Callable[[list[str], list[str]], tuple[str, list[Any]]]
#: the columns of an article that the index's subquery gives
INDEXED_COLUMNS = "rowid_, id, title, outlet, language, role, published, text"


def _query(terms: list[str], index: Index) -> tuple[str, list[Any], list[re.Pattern[str]]]:
    """The database's source and condition (the articles the index gives, holding every term
    without cased letters whole and of the others their runs of those scripts: they have no
    case) with their parameters, and the terms left for Python to find. The substring tests
    stand outside the index's subquery: a plan that tested them row by row in stored order
    (PostgreSQL's, for a first page) read every article's text for a rare word."""
    asked = [t for t in terms if _caseless(t)]
    asked += [run for t in terms if not _caseless(t) for run in _RUNS.findall(t)]
    left = [re.compile(re.escape(t), re.IGNORECASE) for t in terms if not _caseless(t)]
    source, values = index(*_asked_grams(asked))
    return f"{source} a WHERE " + " AND ".join([_HAYSTACK] * len(asked)), \
        [*values, *map(_pattern, asked)], left


def _results(rows: Any, terms: list[str], left: list[re.Pattern[str]],
             left_out: Sequence[str] = ()) -> Iterator[dict[str, Any]]:
    """The rows holding the ``left`` terms too and none of ``left_out`` ("-word"), each
    with its snippet."""
    patterns = [re.compile(re.escape(t), re.IGNORECASE) for t in terms]
    unwanted = [_unwanted(t) for t in left_out]
    for row in rows:
        found = dict(row)
        text = str(found.pop("text_") or "")
        title = str(found.get("title") or "")
        if all(p.search(title) or p.search(text) for p in left) and not any(
                p.search(title) or p.search(text) for p in unwanted):
            found["snippet"] = _snippet(text, [m for p in patterns if (m := p.search(text))])
            yield found


def _unwanted(term: str) -> re.Pattern[str]:
    """A "-word" as the word index leaves it out: whole words where the term starts or ends
    with a letter of a spaced script, across any white space; "渡轮 -ferry" left out
    "ferryman", which "ferry -storm" keeps (review of 7e3dd86)."""
    body = r"\s+".join(map(re.escape, term.split()))
    start = r"(?<!\w)" if re.match(r"\w", term) and not _UNSPACED.match(term) else ""
    end = r"(?!\w)" if re.search(r"\w$", term) and not _UNSPACED.search(term[-1]) else ""
    return re.compile(start + body + end, re.IGNORECASE)


def left_out_scanned(query: str) -> tuple[str, list[str]]:
    """The word index's condition (on ``articles a``) and values leaving out the articles that
    hold a "-word" of those scripts: the index holds a run of them as one word, so "ferry
    -渡轮" listed an article holding 渡轮 inside a run (review of 7e3dd86). Tested on the
    title and text as the scan tests a term its database matches."""
    terms = [t for t in search_query(query)[2] if _UNSPACED.search(t)]
    return "".join(f" AND NOT ({_HAYSTACK})" for _ in terms), [_pattern(t) for t in terms]


def unspaced_search(conn: Any, index: Index, terms: list[str], limit: int, offset: int,
                    left_out: Sequence[str] = ()) -> list[dict[str, Any]]:
    """Articles holding every term and none of ``left_out``, in the order they were stored."""
    where, params, left = _query(terms, index)
    select = f"SELECT {_FIELDS}, a.text AS text_ FROM {where} ORDER BY a.rowid_"
    if not (left or left_out):  # the database answers whole
        return list(_results(conn.execute(select + " LIMIT ? OFFSET ?",
                                          [*params, limit, offset]), terms, left))
    return list(islice(_results(conn.execute(select, params), terms, left, left_out), offset,
                       offset + limit))


def unspaced_count(conn: Any, index: Index, terms: list[str],
                   left_out: Sequence[str] = ()) -> int:
    where, params, left = _query(terms, index)
    if not (left or left_out):
        return int(conn.execute(f"SELECT count(*) FROM {where}", params).fetchone()[0])
    return sum(1 for _ in _results(conn.execute(
        f"SELECT {_FIELDS}, a.text AS text_ FROM {where}", params), terms, left, left_out))


class UnspacedSearch:
    """``search`` and ``search_count`` of both backends: a query holding those scripts here,
    any other by the backend's word index (``word_search``, ``word_count``). The backend gives
    its n-gram index's condition (``unspaced_index``)."""

    conn: Any

    def search(self, query: str, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        if (terms := unspaced_terms(query)) is not None:  # Chinese, Japanese: no word breaks
            return unspaced_search(self.conn, self.unspaced_index, terms, limit, offset,
                                   search_query(query)[2])
        return self.word_search(query, limit, offset)

    def search_count(self, query: str) -> int:
        if (terms := unspaced_terms(query)) is not None:
            return unspaced_count(self.conn, self.unspaced_index, terms, search_query(query)[2])
        return self.word_count(query)

    def word_search(self, query: str, limit: int, offset: int) -> list[dict[str, Any]]:
        raise NotImplementedError

    def word_count(self, query: str) -> int:
        raise NotImplementedError

    def unspaced_index(self, pairs: list[str], singles: list[str]) -> tuple[str, list[Any]]:
        raise NotImplementedError


__all__ = ["ALL", "INDEXED_COLUMNS", "WHOLE", "Index", "UnspacedSearch", "left_out_scanned",
           "unspaced_count", "unspaced_grams", "unspaced_search", "unspaced_terms"]
