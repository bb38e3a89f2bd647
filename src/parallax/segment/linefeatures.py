"""The line model's per-line features for a whole page at once (numpy), not line by line.

Why: a real dump has ~180 lines and the model's 26 base features counted letters, digits,
capitals and function words in Python loops over every character and token: a third of a dump's
segmentation time. Here the page is one array of code points; character classes come from a
lookup table, token starts from the whitespace class, per-line sums from ``np.add.reduceat``,
and the regex features (stop words, sentence gaps, separators, web addresses) from one scan of
the page text. The result is the same matrix as the straightforward per-line code
(``linemodel._base_row``, kept as the reference; ``tests/test_linefeatures.py`` compares them).

Adding a base feature: append its name to ``linemodel.BASE``, compute its column in
``base_matrix`` (vectorised: a list comprehension over ``texts`` for a cheap per-line test, an
array expression over ``cls``/``starts`` for character counts, a page-wide regex mapped to lines
with ``_per_line(literal_led(line_safe(pattern)), …)`` otherwise) and the same value in
``_base_row``; the test then checks both.
"""

from __future__ import annotations

import math
import re
from functools import cache
from itertools import repeat
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from parallax.segment.cjk import CJK_FIRST, TITLE_END
from parallax.segment.prefilter import (
    first_characters,
    fold,
    fold_and_lower,
    joined,
    lines_holding,
    required_literals,
)
from parallax.segment.stopwords import MIN_PAGE_CHARS, stop_counts

if TYPE_CHECKING:
    from parallax.segment.lines import Line

DIGIT, UPPER, ALPHA, LOWER, SPACE, COMMA = 1, 2, 4, 8, 16, 32
TOKEN_START = 64  # not in the table: set per place (``base_matrix``)
_STRIP = ".,;:!?\"'«»„“”()"


@cache
def _class_table() -> npt.NDArray[np.uint8]:
    """Character classes of the Basic Multilingual Plane as bit flags (built once, ~15 ms);
    ``COMMA``: the comma and the semicolon (the comma rate counts both)."""
    chars = "".join(map(chr, range(0x10000)))
    table = np.zeros(0x10000, dtype=np.uint8)
    for flag, test in ((DIGIT, str.isdigit), (UPPER, str.isupper), (ALPHA, str.isalpha),
                       (LOWER, str.islower), (SPACE, str.isspace)):
        table[np.fromiter(map(test, chars), dtype=bool, count=0x10000)] |= flag
    table[[ord(","), ord(";")]] |= COMMA
    return table


# per-line counts of five classes from one sum: each place's flags (with ``TOKEN_START``)
# map to five 12-bit fields of one integer, so a line of fewer than 4,096 characters sums
# them without carrying from one field into the next
_FIELD_BITS = 12
_COUNTED = ((DIGIT,), (UPPER,), (ALPHA,), (LOWER, TOKEN_START), (COMMA,))
_FIELD_SHIFTS = np.arange(0, _FIELD_BITS * len(_COUNTED), _FIELD_BITS, dtype=np.uint64)


@cache
def _count_table() -> npt.NDArray[np.uint64]:
    flags = np.arange(128)
    packed = np.zeros(128, dtype=np.uint64)
    for k, need in enumerate(_COUNTED):
        hit = np.ones(128, dtype=bool)
        for flag in need:
            hit &= (flags & flag) > 0
        packed |= hit.astype(np.uint64) << np.uint64(_FIELD_BITS * k)
    return packed


#: the last page's code points (read-only, from ``bytes``): the line reader's scan of the
#: page (``lines._nav_and_dated``) and the line features (``base_matrix``) read the same
#: joined page one after the other (~10 µs a real page each time)
_LAST_CODES: list[tuple[str, npt.NDArray[np.uint32]]] = [("", np.zeros(0, dtype=np.uint32))]


def code_points(text: str) -> npt.NDArray[np.uint32]:
    """The code points of ``text``, read-only (remembered for the last page of 1,000+
    characters)."""
    last = _LAST_CODES[0]
    if text == last[0]:
        return last[1]
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    if len(text) >= 1000:
        _LAST_CODES[0] = (text, codes)
    return codes


#: the last page's whitespace and token starts (read-only), by the identity of its code
#: points (``code_points``' array): the line reader's scan (``lines._nav_and_dated``), the
#: line features and their stop-word counts (``stopwords.stop_counts``) each found the same
#: two masks over the same page, ~3 page-long numpy passes apiece
_LAST_SPACES: list[tuple[object, npt.NDArray[np.bool_], npt.NDArray[np.bool_]]] = [
    (None, np.zeros(0, dtype=bool), np.zeros(0, dtype=bool))]


def spaces(codes: npt.NDArray[np.uint32], space: npt.NDArray[np.bool_] | None = None
           ) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """Whitespace as ``str.isspace`` reads it at each place of a page's ``codes`` (no
    character beyond the Basic Multilingual Plane is whitespace) and the places that start a
    token (no whitespace, first or after whitespace), both read-only; ``space``: the first,
    if the caller has it. Remembered for the last page (the same read-only ``codes`` array
    object: ``code_points`` returns it again for the same page)."""
    last = _LAST_SPACES[0]
    if last[0] is codes:
        return last[1], last[2]
    if space is None:
        space = (_class_table().take(codes, mode="clip") & SPACE) > 0
    start = ~space
    start[1:] &= space[:-1]
    space.flags.writeable = False
    start.flags.writeable = False
    if not codes.flags.writeable:  # (an array that can change is never answered from here)
        _LAST_SPACES[0] = (codes, space, start)
    return space, start


def classes(text: str, codes: npt.NDArray[np.uint32] | None = None) -> npt.NDArray[np.uint8]:
    """Class flags of every character of ``text`` (``codes``: its code points if known)."""
    codes = code_points(text) if codes is None else codes
    # ``take`` clipping at the table's end, not ``table[np.minimum(codes, 0xFFFF)]``: the
    # same values without the fancy-indexing path (~4x faster on a real page's ~11,000)
    cls = _class_table().take(codes, mode="clip")
    for i in (codes > 0xFFFF).nonzero()[0].tolist():  # emoji and other astral characters
        ch = text[i]
        cls[i] = (DIGIT * ch.isdigit() | UPPER * ch.isupper() | ALPHA * ch.isalpha()
                  | LOWER * ch.islower() | SPACE * ch.isspace())
    return cls


@cache
def line_safe(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern with ``\\s`` kept off the newlines joining a page's lines, so that run over
    the joined page it finds what it finds line by line (``\\s`` outside character classes
    only: checked)."""
    source = pattern.pattern
    if re.search(r"\[[^\]]*\\s", source):
        raise ValueError(f"\\s inside a character class: {source!r}")
    return re.compile(source.replace(r"\s", r"[^\S\n]"), pattern.flags)


def _has_match(pattern: re.Pattern[str], folded: str, texts: list[str],
               starts: list[int]) -> npt.NDArray[np.bool_]:
    r"""Lines the pattern matches, tried only on lines holding one of its required literals
    (``prefilter.required_literals``, found with ``str.find`` in the folded page; a
    case-sensitive match holds the literal folded too), all lines when it has none.

    Why: an alternation with no common first character (``https?://|www\.|@``) makes ``re``
    try every place of the page; the literals are found at C speed and few lines hold one."""
    literals = _literals(pattern)
    out = np.zeros(len(texts), dtype=bool)
    lines = range(len(texts)) if literals is None else lines_holding(literals, folded, starts)
    for i in lines:
        out[i] = pattern.search(texts[i]) is not None
    return out


@cache
def _literals(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    found = required_literals(pattern.pattern, pattern.flags)
    return tuple(sorted(found)) if found else None


def _per_line(patterns: tuple[tuple[str, re.Pattern[str]], ...], page: str,
              starts: npt.NDArray[np.int64], n: int) -> npt.NDArray[np.float64]:
    """Matches of the patterns (``literal_led``: each after the character it opens with, tried
    only when the page holds that character) in the page, counted per line (none spans two
    lines)."""
    hits = [m.start() for first, pattern in patterns if first in page
            for m in pattern.finditer(page)]
    if not hits:
        return np.zeros(n)
    lines = starts.searchsorted(np.asarray(hits), side="right") - 1
    return np.bincount(lines, minlength=n).astype(np.float64)


@cache
def literal_led(pattern: re.Pattern[str]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """A pattern that opens with a class of single characters (``[.!?]…``, the sentence gap)
    as one pattern per character of the class, each opening with that character as a literal,
    with the character; a pattern of another shape alone (its first character "").

    Why: ``re`` tries a pattern that opens with a class at every character of the page (~70 µs
    a real dump for the sentence gaps); one that opens with a literal it finds by scanning for
    that character (~30 µs for all three). For a pattern none of whose matches holds a
    character of the class after its first (the sentence gap: closing quotes, spaces, opening
    quotes and a capital after the stop), no match starts inside another, so ``finditer``
    finds every place where the pattern matches, and the per-character patterns find the same
    places (tests/test_linefeatures.py)."""
    found = re.fullmatch(r"\[([^\]\\^-]+)\](.*)", pattern.pattern, re.DOTALL)
    if found is None:
        return (("", pattern),)
    chars, rest = found.groups()
    return tuple((c, re.compile(re.escape(c) + rest, pattern.flags)) for c in chars)


@cache
def _endings(chars: tuple[str, ...]) -> npt.NDArray[np.bool_]:
    """Per code point of the Basic Multilingual Plane: is it one of the one-character line
    endings ``chars`` (``str.endswith`` of a tuple of them; a lookup, not ``np.isin``, which
    sorts on every call)."""
    if any(len(c) != 1 or ord(c) >= 0xFFFF for c in chars):
        raise ValueError(f"endings of one BMP character only: {chars!r}")
    table = np.zeros(0x10000, dtype=bool)
    table[[ord(c) for c in chars]] = True
    return table


_LOG1P_SIZE = 4096


@cache
def _log1p_table() -> npt.NDArray[np.float64]:
    return np.fromiter(map(math.log1p, range(_LOG1P_SIZE)), dtype=np.float64,
                       count=_LOG1P_SIZE)


def _log1p(counts: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
    """``math.log1p`` of each count (not ``np.log1p``: the two differ in the last bit for some
    inputs), read from a table of the first 4,096 (one ``take`` instead of a call a line)."""
    if not len(counts) or int(np.maximum.reduce(counts)) >= _LOG1P_SIZE:
        return np.fromiter(map(math.log1p, counts.tolist()), dtype=np.float64,
                           count=len(counts))
    return _log1p_table().take(counts)


def _flags(values: list[bool]) -> npt.NDArray[np.bool_]:
    """``values`` as a (read-only) boolean array, through ``bytes``: ``np.fromiter`` converts
    each element with a Python-level call (~2x the time for a page's ~180 lines)."""
    return np.frombuffer(bytes(values), dtype=bool)


def _stop_tokens(lowered: str, texts: list[str], word_counts: npt.NDArray[np.int64],
                 codes: npt.NDArray[np.uint32], stop: frozenset[str]) -> npt.NDArray[np.float64]:
    """Per line, its tokens that are stop words once stripped (``stopwords.stop_counts``'
    definition), from the lower-cased page's tokens: the lines' tokens, in order."""
    n = len(texts)
    is_stop = np.frombuffer(bytes(map(stop.__contains__, map(str.strip, lowered.split(),
                                                             repeat(_STRIP)))), dtype=bool)
    splits = word_counts  # (a CJK line's words are more than its tokens: cjk.word_count)
    if n and int(np.maximum.reduce(codes)) >= CJK_FIRST:
        splits = np.fromiter((len(t.split()) for t in texts), dtype=np.int64, count=n)
    token_ends = splits.cumsum()  # every line has a token
    stop_upto = is_stop.cumsum()[token_ends - 1]
    stop_count = stop_upto.astype(np.float64)
    stop_count[1:] -= stop_upto[:-1]
    return stop_count


@cache
def symbol_start(pattern: re.Pattern[str]) -> bool:
    """Every match of ``pattern`` starts with a character that is no letter and no whitespace
    (``prefilter.first_characters``): lines starting with a letter need not be tried."""
    first = first_characters(pattern.pattern, pattern.flags)
    return first is not None and not any(c.isalpha() or c.isspace() for c in first)


def base_matrix(lines: list[Line], *, stop: frozenset[str], sentence_end: tuple[str, ...],
                marker: re.Pattern[str], sep: re.Pattern[str], webby: re.Pattern[str],
                gap: re.Pattern[str], strong: frozenset[str],
                out: npt.NDArray[np.float64] | None = None) -> npt.NDArray[np.float64]:
    """``linemodel.BASE`` columns for every line (``word_position``/``line_position`` zero),
    as a view of their transpose (Fortran order: ``linemodel.features`` fills the line
    model's matrix feature by feature); ``out``: that (columns × lines) array, to fill."""
    n = len(lines)
    # the lines' fields by comprehensions (``map(attrgetter(...))`` is ~3x slower on these
    # slotted dataclasses: the comprehension's attribute read is specialised)
    texts = [line.text for line in lines]
    words = [line.words for line in lines]
    page = joined(texts)[0]
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=n)
    starts = np.zeros(n, dtype=np.int64)
    (lengths[:-1] + 1).cumsum(out=starts[1:])
    codes = code_points(page)
    cls = classes(page, codes)
    folded = fold(page)  # offsets kept
    line_starts = starts.tolist()
    # a line's span plus the "\n" after it: the newline is no digit, letter, comma or
    # token start
    per_line = np.add.reduceat
    space, token_start = spaces(codes)
    if n and int(np.maximum.reduce(lengths)) < (1 << _FIELD_BITS) - 1:
        # the five counts from one table lookup and one sum (``_count_table``)
        flags = cls | token_start.view(np.uint8) * np.uint8(TOKEN_START)
        sums = per_line(_count_table().take(flags), starts)
        # the five fields at once: one shift, one mask, one cast over (fields × lines)
        fields = sums >> _FIELD_SHIFTS[:, None]
        fields &= np.uint64((1 << _FIELD_BITS) - 1)
        digits, upper, alpha, lower_first, commas = fields.astype(np.float64)
    else:
        digits = per_line((cls & DIGIT) > 0, starts).astype(np.float64)
        upper = per_line((cls & UPPER) > 0, starts).astype(np.float64)
        alpha = per_line((cls & ALPHA) > 0, starts).astype(np.float64)
        lower_first = per_line(token_start & ((cls & LOWER) > 0), starts).astype(np.float64)
        commas = per_line((cls & COMMA) > 0, starts).astype(np.float64)
    word_counts = np.fromiter(words, dtype=np.int64, count=n)
    n_tokens = word_counts.astype(np.float64)
    tokens = np.maximum(n_tokens, 1.0)
    # line endings from each line's last character: read_lines' lines are stripped and never
    # empty, so ``rstrip()`` changes nothing; other lines take the per-line tests
    last = starts + lengths - 1
    if lengths.all() and not (cls[last] & SPACE).any():
        last_code = np.minimum(codes[last], 0xFFFF)  # no ending is beyond the BMP
        ends = _endings(sentence_end)[last_code]
        ends_title = _endings(TITLE_END)[last_code]
        ends_para = ends
    else:
        ends = np.fromiter((t.endswith(sentence_end) for t in texts), dtype=bool, count=n)
        ends_title = np.fromiter((t.rstrip().endswith(TITLE_END) for t in texts),
                                 dtype=bool, count=n)
        ends_para = np.fromiter((t.rstrip().endswith(sentence_end) for t in texts),
                                dtype=bool, count=n)
    stop_count = stop_counts(codes, starts, n, stop, _STRIP, (space, token_start)) \
        if len(page) >= MIN_PAGE_CHARS else None  # (stopwords.py)
    if stop_count is None:  # a short page, or a stop set the packing cannot hold: by tokens
        stop_count = _stop_tokens(fold_and_lower(page)[1], texts, word_counts, codes, stop)
    first = cls[starts]
    if symbol_start(marker):
        marked = np.zeros(n, dtype=bool)
        for i in ((first & (ALPHA | SPACE)) == 0).nonzero()[0].tolist():
            marked[i] = marker.match(texts[i]) is not None
    else:
        marked = np.fromiter((marker.match(t) is not None for t in texts), dtype=bool, count=n)
    blank_after = _flags([line.blank_after for line in lines])
    kinds = [line.phrase_kind for line in lines]
    prev_blank = np.empty(n, dtype=bool)
    prev_blank[:1] = True
    prev_blank[1:] = blank_after[:-1]
    nxt = np.zeros(n, dtype=bool)
    nxt[:-1] = True
    length = lengths.astype(np.float64)
    columns = [
        _log1p(word_counts), _log1p(lengths),
        ends, (n_tokens >= 12) | ((n_tokens >= 5) & ends_para),
        (n_tokens > 0) & (n_tokens <= 25) & (lengths <= 220) & ~ends_title,
        stop_count / tokens, lower_first / tokens, np.minimum(commas / tokens, 1.0),
        digits / np.maximum(length, 1.0), upper / np.maximum(alpha, 1.0),
        np.minimum(length / tokens / 10.0, 2.0),
        _flags([kind is not None for kind in kinds]), _flags([kind in strong for kind in kinds]),
        _flags([line.meta is not None for line in lines]),
        _flags([line.heading is not None for line in lines]),
        _flags([line.repeated > 1 for line in lines]),
        marked,
        _has_match(sep, folded, texts, line_starts),
        blank_after, prev_blank, (first & UPPER) > 0,
        _has_match(webby, folded, texts, line_starts),
        np.minimum(_per_line(literal_led(line_safe(gap)), page, starts, n), 5.0) / 5.0,
        np.zeros(n), np.zeros(n),
        ~blank_after & nxt & (lengths >= 55) & ~ends,
    ]
    # filled feature by feature: ``np.stack`` of the mixed bool/float columns and the cast
    # after it copied the matrix twice
    if out is None:
        out = np.empty((len(columns), n))
    for j, column in enumerate(columns):
        out[j] = column
    return out.T


__all__ = ["base_matrix", "classes"]
