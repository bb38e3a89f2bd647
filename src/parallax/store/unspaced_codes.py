"""PostgreSQL's n-gram index of Chinese and Japanese as integers (migration 0018).

Why: its tsvector of ASCII tokens ("u" and four hex digits a character, migration 0013) was
268 MB at 20,000 articles of 1,000 characters, four times the articles' own table; as
integers it is 161 MB and a search is as fast or faster (thirty-second session, helpers
N10 and CJ). An int[] has no prefix match, so a query of one character cannot ask the pairs
for "a pair starting with it" (asking for its 28,289 possible pairs took 110 s, N10): each
article's distinct characters are a column of their own (smallint[]) under their own GIN
index (15 MB). SQLite keeps its FTS5 tokens (``unspaced_search.unspaced_grams``); the
query's tokens are turned into codes here.
"""

from __future__ import annotations

from typing import Any

#: ``textutil.UNSPACED_CHAR``'s ranges in order: a character's code is its index among them
_RANGES = ((0x3040, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))
#: how many characters the ranges hold; a pair (a, b) is ``a * CODES + b`` (under 2**31)
CODES = sum(hi - lo + 1 for lo, hi in _RANGES)  # under 2**15: a character is a smallint
#: the code of a text longer than ``unspaced_search.WHOLE``, in both columns: every query's
#: condition accepts it and the substring tests decide (as the tsvector's 'uall')
WHOLE_CODE = -1


def unspaced_code(point: int) -> int:
    """The index of a code point of those scripts (``parallax_unspaced_codes`` in SQL)."""
    base = 0
    for lo, hi in _RANGES:
        if lo <= point <= hi:
            return base + point - lo
        base += hi - lo + 1
    raise ValueError(f"U+{point:04X} is not a character of the unspaced scripts")


def _token_codes(token: str) -> list[int]:
    """A token of ``unspaced_search._asked_grams`` ("u" and four hex digits a character) as
    the code points' indexes."""
    return [unspaced_code(int(token[k:k + 4], 16)) for k in range(1, len(token), 4)]


def codes_condition(pairs: list[str], singles: list[str]) -> tuple[str, list[Any]]:
    """The condition on ``articles_unspaced_codes`` holding every pair and every single
    character (a text too long to index is a candidate too), and its parameters."""
    asked: list[tuple[str, str, list[int]]] = []  # (column, its elements' type, codes)
    if pairs:
        asked.append(("pairs", "integer", sorted({a * CODES + b
                                                  for a, b in map(_token_codes, pairs)})))
    if singles:
        asked.append(("chars", "smallint", sorted(_token_codes(s)[0] for s in singles)))
    if not asked:
        return "true", []
    whole = f"{asked[0][0]} = '{{{WHOLE_CODE}}}'"
    return "(" + " AND ".join(f"{column} @> ?::{kind}[]" for column, kind, _ in asked) \
        + f") OR {whole}", [codes for _, _, codes in asked]


__all__ = ["CODES", "WHOLE_CODE", "codes_condition", "unspaced_code"]
