"""A search box read once into what both backends' searches ask (``SearchQuery``).

Words in double quotes stand together as a phrase; a word or quoted phrase after a minus names
what the results must not hold; words or phrases joined by an upper-case OR need one of them,
as in every search engine. Each backend's word index (``store/sqlite.py``, ``store/postgres.py``)
and the Chinese and Japanese scan (``store/unspaced_search.py``) read the same record, parsed
once a search: it was parsed three to four times (the word index's query, its OR groups, its
scanned "-words", and the test for those scripts), each a full pass of the regular expressions
(thirty-third session, helper N11).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from parallax.textutil import UNSPACED_CHAR

_UNSPACED = re.compile(UNSPACED_CHAR)


class SearchQuery(NamedTuple):
    """What a search box asks: every word and phrase, one of each group, none left out."""

    words: list[str]
    phrases: list[str]
    #: groups of words or phrases joined by OR ("ferry OR boat"), one of each required
    either: list[list[str]]
    #: "-word" and -"a phrase": none may be held
    left_out: list[str]

    @property
    def unspaced(self) -> bool:
        """Whether a term asked for holds Chinese or Japanese (the scan answers, not the word
        index, which holds a run of those scripts as one word)."""
        return any(_UNSPACED.search(t) for t in
                   (*self.words, *self.phrases, *(m for g in self.either for m in g)))


def search_terms(query: str) -> list[str]:
    """The words of a search box, without control characters (NUL ends FTS5 strings and
    PostgreSQL refuses it in text)."""
    return [t for t in (re.sub(r'["\x00-\x1f\x7f]', "", t) for t in query.split()) if t]


#: a part in double quotes (a lone quote runs to the end), or a word
_QUOTED = re.compile(r'"([^"]*)"?|(\S+)')
#: a part in double quotes after a minus, else as ``_QUOTED``
_SIGNED = re.compile(r'(-?)"([^"]*)"?|(\S+)')


def parse_search(query: str) -> SearchQuery:
    """The query's parts. Quotes: the quotes were dropped, so "said on Tuesday" listed every
    article holding the three words anywhere. Minus: dropped, "ferry -vote" listed the
    articles holding both words, the opposite of what was asked (helper NW); a query of
    nothing else reads its minus words as words, as before. OR: a word every result had to
    hold, so the query found almost nothing and a reader took that for "nobody wrote it"
    (helper NW); not at either end, nor beside another OR. In a query of Chinese or Japanese
    too, since the scan reads groups (helper N11; it read every term as required). AND and
    NOT in upper case, as boolean search boxes take them: AND between two terms is what every
    query asks anyway, NOT before a term is its minus; each was a word every result had to
    hold, so "ferry NOT vote" found only articles saying "not" and "vote" (helper N11). At
    an end, beside another operator, or in lower case, each is a word, as before."""
    kept: list[tuple[str, bool]] = []  # (a word, or a phrase in its quotes; an OR between)
    left_out: list[str] = []
    parts = _SIGNED.findall(query)
    terms_at = [not (word in ("AND", "OR", "NOT") or minus or _minus_word(word))
                for minus, _, word in parts]
    # "ferry AND NOT vote", a boolean search box's spelling of "ferry NOT vote": its AND
    # stood beside NOT, so both were words every result had to hold (helper R)
    and_not = [0 < i < len(parts) - 2 and word == "AND" and parts[i + 1][2] == "NOT"
               and terms_at[i - 1] and terms_at[i + 2] for i, (_, _, word) in enumerate(parts)]
    negated = False
    for i, (minus, quoted, word) in enumerate(parts):
        between = 0 < i < len(parts) - 1 and terms_at[i - 1] and terms_at[i + 1]
        if (word == "AND" and (between or and_not[i])) or (word == "NOT" and i < len(parts) - 1
                and terms_at[i + 1] and (i == 0 or terms_at[i - 1] or and_not[i - 1])):
            negated = word == "NOT"
            continue
        if minus or negated or _minus_word(word):
            text = quoted if minus or (negated and quoted) else word if negated else word[1:]
            if terms := search_terms(text):
                left_out.append(" ".join(terms))
        else:
            kept.append((word or f'"{quoted}"', word == "OR"))
        negated = False
    plain: list[str] = []
    groups: list[list[str]] = []
    last_in_group = pending_or = False
    for i, (text, is_or) in enumerate(kept):
        if is_or and 0 < i < len(kept) - 1 and not kept[i - 1][1] and not kept[i + 1][1]:
            pending_or = True  # between two terms
            continue
        if pending_or and last_in_group:
            groups[-1].append(text)
        elif pending_or:
            groups.append([plain.pop(), text])
        else:
            plain.append(text)  # a term, or an OR at an end or beside another: a word
        last_in_group, pending_or = pending_or, False
    either: list[list[str]] = []
    for group in groups:
        members = [" ".join(terms) for t in group if (terms := search_terms(t))]
        if len(members) > 1:
            either.append(members)
        else:
            plain += [f'"{m}"' for m in members]
    words, phrases = _parts(" ".join(plain))
    if not (words or phrases or either):
        return SearchQuery(*_parts(query), [], [])
    return SearchQuery(words, phrases, either, left_out)


def _minus_word(word: str) -> bool:
    return word[:1] == "-" and bool(re.match(r"\w", word[1:2]))


def _parts(query: str) -> tuple[list[str], list[str]]:
    words: list[str] = []
    phrases: list[str] = []
    for quoted, word in _QUOTED.findall(query):
        terms = search_terms(word or quoted)
        if quoted and len(terms) > 1:
            phrases.append(" ".join(terms))
        else:
            words.extend(terms)
    return words, phrases


__all__ = ["SearchQuery", "parse_search", "search_terms"]
