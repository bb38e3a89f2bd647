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
from collections.abc import Callable, Iterator
from itertools import islice, pairwise
from typing import Any

from parallax.store.search_query import SearchQuery, parse_search
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
    """The query's required words and phrases when a term it asks for holds a character of
    those scripts (``SearchQuery.unspaced``), else None (the index answers)."""
    parsed = parse_search(query)
    return [*parsed.words, *parsed.phrases] if parsed.unspaced else None


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


def _query(query: SearchQuery, index: Index) -> tuple[
        str, list[Any], list[re.Pattern[str]], list[list[re.Pattern[str]]]]:
    """The database's source and condition (the articles the index gives, holding every term
    without cased letters whole and of the others their runs of those scripts: they have no
    case; and of each OR group without cased letters one member) with their parameters, and
    what is left for Python to find: the other terms, the other groups. The substring tests
    stand outside the index's subquery: a plan that tested them row by row in stored order
    (PostgreSQL's, for a first page) read every article's text for a rare word."""
    terms = [*query.words, *query.phrases]
    asked = [t for t in terms if _caseless(t)]
    asked += [run for t in terms if not _caseless(t) for run in _RUNS.findall(t)]
    left = [_found(t) for t in terms if not _caseless(t)]
    decided = [g for g in query.either if all(map(_caseless, g))]
    groups = [[_found(m) for m in g] for g in query.either if not all(map(_caseless, g))]
    source, values = index(*_asked_grams(asked)) if asked else _either_source(query, index)
    conditions = [_HAYSTACK] * len(asked) + [
        "(" + " OR ".join([_HAYSTACK] * len(g)) + ")" for g in decided]
    return f"{source} a WHERE " + (" AND ".join(conditions) or "1 = 1"), \
        [*values, *map(_pattern, asked), *(_pattern(m) for g in decided for m in g)], \
        left, groups


def _found(term: str) -> re.Pattern[str]:
    return re.compile(re.escape(term), re.IGNORECASE)


def _either_source(query: SearchQuery, index: Index) -> tuple[str, list[Any]]:
    """The articles a query of OR groups alone ("渡轮 OR 轮船") may match: those the index
    gives for any member of its first group whose every member holds a run of those scripts
    (a member's runs are in every article holding it); with no such group, every article (a
    Latin member, "渡轮 OR ferry", is no n-gram: the scan, as before the index)."""
    for group in query.either:
        runs = [_RUNS.findall(m) for m in group]
        if all(runs):
            sources = [index(*_asked_grams(r)) for r in runs]
            # one IN of the members' rowids (a UNION): "rowid_ IN (…) OR rowid_ IN (…)" took
            # 1.5-2x the CPU on SQLite (20,000 articles: rare OR rare 15-21 -> 7-8 ms)
            return ("(SELECT " + INDEXED_COLUMNS + " FROM articles WHERE rowid_ IN ("
                    + " UNION ".join(f"SELECT rowid_ FROM {source} u{k}"
                                     for k, (source, _) in enumerate(sources)) + "))",
                    [v for _, values in sources for v in values])
    return f"(SELECT {INDEXED_COLUMNS} FROM articles)", []


def _results(rows: Any, query: SearchQuery, left: list[re.Pattern[str]],
             groups: list[list[re.Pattern[str]]]) -> Iterator[dict[str, Any]]:
    """The rows holding the ``left`` terms too, a member of each of ``groups`` and none of
    the query's "-words", each with its snippet."""
    patterns = [_found(t) for t in (*query.words, *query.phrases,
                                    *(m for g in query.either for m in g))]
    unwanted = [_unwanted(t) for t in query.left_out]
    for row in rows:
        found = dict(row)
        text = str(found.pop("text_") or "")
        title = str(found.get("title") or "")
        if all(_held(p, title, text) for p in left) \
                and all(any(_held(p, title, text) for p in g) for g in groups) \
                and not any(_held(p, title, text) for p in unwanted):
            found["snippet"] = _snippet(text, [m for p in patterns if (m := p.search(text))])
            yield found


def _held(pattern: re.Pattern[str], title: str, text: str) -> bool:
    return bool(pattern.search(title) or pattern.search(text))


def _unwanted(term: str) -> re.Pattern[str]:
    """A "-word" as the word index leaves it out: whole words where the term starts or ends
    with a letter of a spaced script, across any white space; "渡轮 -ferry" left out
    "ferryman", which "ferry -storm" keeps (review of 7e3dd86)."""
    body = r"\s+".join(map(re.escape, term.split()))
    start = r"(?<!\w)" if re.match(r"\w", term) and not _UNSPACED.match(term) else ""
    end = r"(?!\w)" if re.search(r"\w$", term) and not _UNSPACED.search(term[-1]) else ""
    return re.compile(start + body + end, re.IGNORECASE)


def left_out_scanned(query: SearchQuery) -> tuple[str, list[str]]:
    """The word index's condition (on ``articles a``) and values leaving out the articles that
    hold a "-word" of those scripts: the index holds a run of them as one word, so "ferry
    -渡轮" listed an article holding 渡轮 inside a run (review of 7e3dd86). Tested on the
    title and text as the scan tests a term its database matches."""
    terms = [t for t in query.left_out if _UNSPACED.search(t)]
    return "".join(f" AND NOT ({_HAYSTACK})" for _ in terms), [_pattern(t) for t in terms]


def unspaced_search(conn: Any, index: Index, query: SearchQuery, limit: int,
                    offset: int) -> list[dict[str, Any]]:
    """Articles holding every term, a member of each OR group and none of the "-words", in
    the order they were stored."""
    where, params, left, groups = _query(query, index)
    select = f"SELECT {_FIELDS}, a.text AS text_ FROM {where} ORDER BY a.rowid_"
    if not (left or groups or query.left_out):  # the database answers whole
        return list(_results(conn.execute(select + " LIMIT ? OFFSET ?",
                                          [*params, limit, offset]), query, left, groups))
    return list(islice(_results(conn.execute(select, params), query, left, groups), offset,
                       offset + limit))


def unspaced_count(conn: Any, index: Index, query: SearchQuery) -> int:
    where, params, left, groups = _query(query, index)
    if not (left or groups or query.left_out):
        return int(conn.execute(f"SELECT count(*) FROM {where}", params).fetchone()[0])
    return sum(1 for _ in _results(conn.execute(
        f"SELECT {_FIELDS}, a.text AS text_ FROM {where}", params), query, left, groups))


class UnspacedSearch:
    """``search`` and ``search_count`` of both backends: a query holding those scripts here,
    any other by the backend's word index (``word_search``, ``word_count``). The backend gives
    its n-gram index's condition (``unspaced_index``)."""

    conn: Any

    def search(self, query: str, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        parsed = parse_search(query)  # once a search (``store/search_query.py``)
        if parsed.unspaced:  # Chinese, Japanese: no word breaks
            return unspaced_search(self.conn, self.unspaced_index, parsed, limit, offset)
        return self.word_search(parsed, limit, offset)

    def search_count(self, query: str) -> int:
        parsed = parse_search(query)
        if parsed.unspaced:
            return unspaced_count(self.conn, self.unspaced_index, parsed)
        return self.word_count(parsed)

    def word_search(self, query: SearchQuery, limit: int, offset: int) -> list[dict[str, Any]]:
        raise NotImplementedError

    def word_count(self, query: SearchQuery) -> int:
        raise NotImplementedError

    def unspaced_index(self, pairs: list[str], singles: list[str]) -> tuple[str, list[Any]]:
        raise NotImplementedError


__all__ = ["ALL", "INDEXED_COLUMNS", "WHOLE", "Index", "UnspacedSearch", "left_out_scanned",
           "unspaced_count", "unspaced_grams", "unspaced_search", "unspaced_terms"]
