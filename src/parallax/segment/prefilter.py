"""Which lines of a page can a regex match at all: one scan of the page for required literals.

Why: the furniture, byline and time patterns are case-insensitive alternations of hundreds of
phrases, and Python's ``re`` tries every alternative at every character of every line: 80 % of a
real dump's segmentation time went there. Every match of such a pattern contains one of a few
literal strings (``donat``, ``copyright``, ``cookie`` …), read off the parsed pattern. One scan of
the lowercased page for all of them (hashes of its 4-grams, ``LiteralIndex.candidates``) tells
which lines can match which pattern; the original pattern then runs only on those lines, so the
answers are exactly the pattern's own. A pattern with no literal of at least ``MIN_LITERAL``
characters in every alternative (an anchored ``^(x|email)$``) is cheap already and runs on every
line (``LiteralIndex.always``).

Case: the page is lowercased the way ``re.IGNORECASE`` compares characters (simple lowercase,
plus the characters ``re`` treats as equal, such as ``ſ``/``s`` and ``ı``/``i``), so a literal the
pattern matches case-insensitively is found in the lowered page.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from itertools import accumulate
from typing import cast

import numpy as np
import numpy.typing as npt

try:  # the characters re.IGNORECASE takes as equal beyond lowercase (CPython's own table)
    from re._casefix import _EXTRA_CASES
except ImportError:  # pragma: no cover - other Python implementations
    _EXTRA_CASES = {}
from re import _constants as _C  # type: ignore[attr-defined]
from re import _parser as _P  # type: ignore[attr-defined]

MIN_LITERAL = 3


def _fold_table() -> dict[int, int]:
    table: dict[int, int] = {}
    for low, extras in _EXTRA_CASES.items():
        group = (low, *extras)
        for code in group:
            if code != min(group):
                table[code] = min(group)
    return table


_FOLD = _fold_table()
_DOTTED_I = {0x130: ord("i")}  # "İ".lower() is two characters; re compares it as "i"
# lowered characters that re takes as another (rare): 26 ``str.__contains__`` scans of the
# page are cheaper than one regex class search or a translate
_SPECIAL = tuple(chr(c) for c in sorted(_FOLD))


# the last page folded, its plain ``lower()`` (None if not computed) and its fold: the line
# reader's heading lookup folds the page the line features folded just before (~50 µs a page
# with non-ASCII characters), and the features lower it again for the stop words (~30 µs)
_LAST: list[tuple[str, str | None, str]] = [("", "", "")]


def fold(text: str, lowered: str | None = None) -> str:
    """The text as ``re.IGNORECASE`` sees it, one character for one (offsets are kept).
    An ASCII text is only lowered: every character ``_FOLD`` changes, and ``İ``, is beyond
    ASCII (``str.isascii`` is a flag lookup; the special-character scan reads the page).
    ``lowered``: ``text.lower()`` if the caller has it (it is then not lowered again)."""
    last = _LAST[0]
    if text == last[0]:
        return last[2]
    plain: str | None
    if text.isascii():
        folded = plain = text.lower() if lowered is None else lowered
    else:
        plain = lowered
        if "\u0130" in text:
            lowered = text.translate(_DOTTED_I).lower()
        elif lowered is None:
            lowered = plain = text.lower()
        folded = lowered.translate(_FOLD) if any(map(lowered.__contains__, _SPECIAL)) \
            else lowered
    if len(text) >= 1000:
        _LAST[0] = (text, plain, folded)
    return folded


#: the last page ``joined``: its lines' texts (a copy), the joined text and each line's start
_JOINED: list[tuple[list[str], str, tuple[int, ...]]] = [([], "", (0,))]


def joined(texts: list[str]) -> tuple[str, tuple[int, ...]]:
    """``"\\n".join(texts)`` and each text's first offset in it. Remembered for the last page:
    the line reader, the thread marks, the line features and the outlet check each joined the
    same lines and summed their lengths again (~20 µs a real page each time). The texts are
    compared by value (the same ``str`` objects compare at once), so a changed page is never
    answered from the memo."""
    last = _JOINED[0]
    if texts == last[0]:
        return last[1], last[2]
    page = "\n".join(texts)
    starts = tuple(accumulate((len(t) + 1 for t in texts[:-1]), initial=0))
    _JOINED[0] = (list(texts), page, starts)
    return page, starts


def fold_and_lower(text: str) -> tuple[str, str]:
    """``(fold(text), text.lower())``: an ASCII text's fold is its lowering, and the last
    page folded keeps its lowering (the features' stop words and fold of one page)."""
    folded = fold(text)
    if text.isascii():
        return folded, folded
    last = _LAST[0]
    if last[1] is not None and text == last[0]:
        return folded, last[1]
    return folded, text.lower()


def required_literals(pattern: str, flags: int = re.IGNORECASE) -> frozenset[str] | None:
    """Strings of which every match of ``pattern`` contains at least one (folded), or None."""
    found = _required(_P.parse(pattern, flags))
    return frozenset(fold(s) for s in found) if found else None


def _required(seq: Iterable[tuple[object, object]]) -> set[str] | None:
    options: list[set[str]] = []
    run: list[str] = []

    def close() -> None:
        if run:
            options.append({"".join(run)})
            run.clear()

    for op, av in seq:
        if op is _C.LITERAL:
            run.append(chr(av))  # type: ignore[arg-type]
            continue
        if op is _C.AT:  # ^ $ \b: zero width, the literals on both sides stay adjacent
            continue
        close()
        got: set[str] | None = None
        if op is _C.SUBPATTERN:
            got = _required(av[3])  # type: ignore[index]
        elif op is _C.BRANCH:
            subs = [_required(b) for b in av[1]]  # type: ignore[index]
            got = None if any(s is None for s in subs) else set().union(*subs)  # type: ignore[arg-type]
        elif op is _C.IN and all(item is _C.LITERAL for item, _ in av):  # type: ignore[attr-defined]
            got = {chr(code) for _, code in av}  # type: ignore[attr-defined]
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT) \
                and av[0] >= 1:  # type: ignore[index]
            got = _required(av[2])  # type: ignore[index]
        if got:
            options.append(got)
    close()
    if not options:
        return None
    return max(options, key=lambda s: (min(map(len, s)), -len(s)))


def lines_holding(literals: Iterable[str], folded: str, starts: Sequence[int]) -> set[int]:
    """The lines of a folded page (``starts``: each line's first offset, ascending) in which
    one of ``literals`` occurs: one ``str.find`` per such line and literal, at C speed."""
    found: set[int] = set()
    n = len(starts)
    for literal in literals:
        pos = folded.find(literal)
        while pos >= 0:
            line = bisect_right(starts, pos) - 1
            found.add(line)
            if line + 1 >= n:
                break
            pos = folded.find(literal, starts[line + 1])  # the next line
    return found


def folded_twin(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """``pattern`` (compiled with ``re.IGNORECASE``) without the flag, to be searched in the
    ``fold`` of a text: the same matches at the same places (``fold`` writes one character for
    one, as ``re.IGNORECASE`` compares them, and keeps word, space and digit characters what
    they are, except where it writes one of ``TWIN_UNSAFE``: ``twin_safe``;
    tests/test_furniture_forms.py checks this for every character). None when the
    pattern holds a literal ``fold`` would change, or anything else whose matching reads case
    (a range, a back reference, a flag set inside).

    Why: with the flag, ``re`` lower-cases each character it compares, and an alternation
    whose branches open with letters gets no skip to their first characters: ``app_download``
    (``download …app|app-?store|google play|…``) tried every place of a 280-character line,
    ~25 µs; the twin skips to the branches' first letters (~3 µs)."""
    if not pattern.flags & re.IGNORECASE or pattern.flags & (re.ASCII | re.LOCALE):
        return None
    if not _folded_only(_P.parse(pattern.pattern, pattern.flags)):
        return None
    return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)


def _class_changers() -> str:
    """The characters ``fold`` writes for characters of another word/space/digit class (a
    Greek iota folds to U+0345, a combining mark, no word character): a folded text holding
    one is searched with the pattern itself, not its twin."""
    found = set()
    for code, target in _FOLD.items():
        for category in (r"\w", r"\s", r"\d"):
            if (re.match(category, chr(code)) is None) != (re.match(category, chr(target)) is None):
                found.add(chr(target))
    return "".join(sorted(found))


#: ``_class_changers()``: a folded text with none of these reads as the text does
TWIN_UNSAFE = _class_changers()


def twin_safe(folded: str) -> bool:
    """A ``folded_twin`` answers for this folded text as its pattern does for the text."""
    return not any(map(folded.__contains__, TWIN_UNSAFE))


_ZERO_WIDTH = frozenset({_C.AT_BEGINNING, _C.AT_BEGINNING_STRING, _C.AT_END, _C.AT_END_STRING,
                         _C.AT_BOUNDARY, _C.AT_NON_BOUNDARY})


def _folded_only(seq: Iterable[tuple[object, object]]) -> bool:
    """Every part of a parsed pattern matches a folded text as its case-insensitive self
    matches the text: folded literals, categories (``\\w``, ``\\s``, ``\\d``), anchors and
    word boundaries, any character, and groups, branches, repeats and lookarounds of these."""
    for op, av in seq:
        if op is _C.LITERAL:
            if fold(chr(av)) != chr(av):  # type: ignore[arg-type]
                return False
        elif op is _C.IN:
            for item, value in av:  # type: ignore[attr-defined]
                if not (item is _C.CATEGORY or item is _C.NEGATE
                        or (item is _C.LITERAL and fold(chr(value)) == chr(value))):
                    return False
        elif op is _C.AT:
            if av not in _ZERO_WIDTH:
                return False
        elif op is _C.SUBPATTERN:
            group = cast("tuple[object, int, int, Iterable[tuple[object, object]]]", av)
            if group[1] or group[2] or not _folded_only(group[3]):
                return False
        elif op is _C.BRANCH:
            if not all(_folded_only(branch) for branch in av[1]):  # type: ignore[index]
                return False
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
            if not _folded_only(av[2]):  # type: ignore[index]
                return False
        elif op in (_C.ASSERT, _C.ASSERT_NOT):
            if not _folded_only(av[1]):  # type: ignore[index]
                return False
        elif op is not _C.ANY:
            return False
    return True


def shortest_cover(literals: Iterable[str]) -> tuple[str, ...]:
    """The literals none of the others is part of: a line holds one of ``literals`` exactly
    when it holds one of these (``commentaires`` holds ``comment``), with fewer scans."""
    unique = set(literals)
    return tuple(sorted(lit for lit in unique
                        if not any(other != lit and other in lit for other in unique)))


def first_characters(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """The characters a match of ``pattern`` can start with, or None when that is not plain
    from the parsed pattern (a class too wide to list, a part that can be empty, a
    lookaround, a letter under ``re.IGNORECASE``, which also matches other letters); ``\\d``
    stands for every decimal digit (``"0"`` in the set: no letter is one). For tests that
    skip lines by their first character."""
    parsed = _P.parse(pattern, flags)
    return _first(parsed, parsed.state.flags)


def _plain(char: str, flags: int) -> bool:
    """A character that matches only itself (case-insensitively: ASCII, not a letter)."""
    return not flags & re.IGNORECASE or (char.isascii() and not char.isalpha())


def _first(seq: Iterable[tuple[object, object]], flags: int) -> frozenset[str] | None:
    for op, av in seq:
        if op is _C.AT:  # ^ \b: zero width
            continue
        if op is _C.LITERAL:
            char = chr(av)  # type: ignore[arg-type]
            return frozenset({char}) if _plain(char, flags) else None
        if op is _C.IN:
            chars: set[str] = set()
            for item, value in av:  # type: ignore[attr-defined]
                if item is _C.LITERAL and _plain(chr(value), flags):
                    chars.add(chr(value))
                elif item is _C.CATEGORY and value is _C.CATEGORY_DIGIT:
                    chars.add("0")
                else:
                    return None
            return frozenset(chars)
        if op is _C.SUBPATTERN:
            group = cast("tuple[object, int, int, Iterable[tuple[object, object]]]", av)
            return _first(group[3], (flags | group[1]) & ~group[2])
        if op is _C.BRANCH:
            found = [_first(branch, flags) for branch in av[1]]  # type: ignore[index]
            return None if any(f is None for f in found) else frozenset().union(*found)  # type: ignore[arg-type]
        if op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT) \
                and av[0] >= 1:  # type: ignore[index]
            return _first(av[2], flags)  # type: ignore[index]
        return None
    return None


def _selective(literal: str) -> bool:
    """A literal rare enough to be worth looking for: ``MIN_LITERAL`` characters, or a symbol
    such as ``©``."""
    return len(literal) >= MIN_LITERAL or not literal.isascii()


# 4-grams are hashed by multiplying each code point with its own odd 32-bit constant (sums wrap
# around in uint32) and keeping the top ``_BITS`` bits as a bucket of a table. 32 bits, not 64:
# half the memory traffic for the page's ~8,000 places, and a bucket is only a prefilter (every
# hit is checked with ``str.startswith``), so the hash's width changes no answer
_MULTIPLIERS = tuple(np.uint32(m) for m in (0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D, 0x27D4EB2F))
_BITS = 16
_GRAM = len(_MULTIPLIERS)


def _buckets(codes: npt.NDArray[np.uint32]) -> npt.NDArray[np.int32]:
    """The hash bucket of the 4-gram starting at each place of ``codes`` (all but the last 3),
    as signed integers (indexing with unsigned ones makes numpy convert every index)."""
    n = len(codes) - _GRAM + 1
    mixed = codes[:n] * _MULTIPLIERS[0]
    for k in range(1, _GRAM):
        mixed += codes[k:n + k] * _MULTIPLIERS[k]
    mixed >>= np.uint32(32 - _BITS)
    return mixed.view(np.int32)


class LiteralIndex:
    """For named patterns, the lines of a page each one can match (``candidates``)."""

    def __init__(self, patterns: Mapping[str, str]) -> None:
        self.names: dict[str, list[str]] = {}
        self.always: frozenset[str] = frozenset()
        always = set()
        for name, source in patterns.items():
            found = required_literals(source)
            if found is None or not all(_selective(lit) for lit in found):
                always.add(name)
                continue
            for literal in found:
                self.names.setdefault(literal, []).append(name)
        self.always = frozenset(always)
        # literals of 4+ characters are looked for by the hash of their first 4-gram (bucket
        # -> literals), shorter ones ("ago", "©") with str.find
        self._short = sorted(lit for lit in self.names if len(lit) < _GRAM)
        self._bucket_literals: list[list[str]] = [[]]
        self._table = np.zeros(1 << _BITS, dtype=np.int32)
        for literal in sorted(lit for lit in self.names if len(lit) >= _GRAM):
            bucket = int(_buckets(_codes(literal[:_GRAM]))[0])
            if not self._table[bucket]:
                self._table[bucket] = len(self._bucket_literals)
                self._bucket_literals.append([])
            self._bucket_literals[self._table[bucket]].append(literal)
        # a second test before Python looks: the bucket of the last 4-gram, where the first
        # 4-gram's bucket holds a single literal (else its own first 4-gram: always true)
        self._tail_offset = np.zeros(len(self._bucket_literals), dtype=np.int64)
        self._tail_bucket = np.zeros(len(self._bucket_literals), dtype=np.int64)
        for k, literals in enumerate(self._bucket_literals[1:], start=1):
            literal = literals[0] if len(literals) == 1 else literals[0][:_GRAM]
            self._tail_offset[k] = len(literal) - _GRAM
            self._tail_bucket[k] = _buckets(_codes(literal[-_GRAM:]))[0]

    def candidates(self, lines: list[str], folded: str | None = None,
                   starts: Sequence[int] | None = None) -> list[AbstractSet[str]]:
        """Per line, the filtered pattern names that may match it (``always`` not included):
        the names of every literal the folded line contains (one shared empty set for the
        lines holding none: read only). ``folded``: ``fold("\\n".join(lines))`` if known;
        ``starts``: each line's first offset in it, if known.

        Why hashes, not one regex: a trie-shaped alternation of the ~280 literals is tried at
        every character by ``re`` (~1 ms a real page); the 4-gram hashes of the whole page
        are a few numpy operations, and only the ~1 % of places whose hash is a literal's are
        checked with ``str.startswith``."""
        out: list[AbstractSet[str]] = [_NONE] * len(lines)
        if not self.names or not lines:
            return out
        page = fold("\n".join(lines)) if folded is None else folded
        if starts is None:
            starts = list(accumulate((len(t) + 1 for t in lines[:-1]), initial=0))
        places: list[int] = []
        found: list[str] = []
        if len(page) >= _GRAM:
            grams = _buckets(_codes(page))
            table = self._table.take(grams)  # (faster than fancy indexing, same values)
            # (through a boolean mask: ``nonzero`` of an int32 array is ~5x slower than of
            # its mask on a real page, the same places)
            hits = (table != 0).nonzero()[0]
            tail = hits + self._tail_offset[table[hits]]
            inside = tail < len(grams)
            hits, tail = hits[inside], tail[inside]
            hits = hits[grams[tail] == self._tail_bucket[table[hits]]]
            for pos, bucket in zip(hits.tolist(), table[hits].tolist(), strict=True):
                for literal in self._bucket_literals[bucket]:
                    if page.startswith(literal, pos):
                        places.append(pos)
                        found.append(literal)
        for literal in self._short:
            pos = page.find(literal)
            while pos >= 0:
                places.append(pos)
                found.append(literal)
                pos = page.find(literal, pos + 1)
        names: dict[int, set[str]] = {}
        for pos, literal in zip(places, found, strict=True):
            names.setdefault(bisect_right(starts, pos) - 1, set()).update(self.names[literal])
        for line, kinds in names.items():
            out[line] = kinds
        return out


_NONE: frozenset[str] = frozenset()


def _codes(text: str) -> npt.NDArray[np.uint32]:
    """Code points of ``text`` (one per character)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


__all__ = ["MIN_LITERAL", "TWIN_UNSAFE", "LiteralIndex", "first_characters", "fold",
           "fold_and_lower", "folded_twin", "joined", "lines_holding", "required_literals",
           "shortest_cover", "twin_safe"]
