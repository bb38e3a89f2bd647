"""Stop words per line of a page, counted from the page's code points (numpy), not its tokens.

Why: the line model's ``stop_ratio`` counts, per line, the whitespace-separated tokens that
are stop words once the punctuation around them is stripped (``token.strip(strip) in stop``
on the lower-cased page). Splitting a real dump into its ~1,850 tokens and stripping and
looking up each one cost ~0.22 ms, 8 % of the dump (twenty-eighth session). The stop words
are short (at most ``MAX_CHARS`` characters) and spelt with few letters (~50), so each
token's stripped form, when it is that short, packs exactly into one integer of ``BITS``
bits a character, and a token is a stop word when its integer is one of theirs: a handful
of array operations over the page (~0.12 ms).

Exact, not approximate: a character's value is its lower-case letter's place in the stop
words' alphabet (1 …), and any other character gets a value no stop word holds, so two
strings of at most ``MAX_CHARS`` characters pack to the same integer only when they are the
same string over that alphabet. ``str.split`` and ``str.strip`` read whitespace and the
strip characters as the table does (``str.isspace`` per character; a character lowers to
one character of the same kind, checked when the table is built). A stop set the packing
cannot hold (longer words, a larger alphabet, a character that lowers to several) gets no
table, and the caller counts tokens as before (``linefeatures.base_matrix``);
``tests/test_segment_stopwords.py`` compares the two.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import numpy.typing as npt

#: the longest stop word the packing holds, and the bits of one character in it
MAX_CHARS, BITS = 5, 6
#: the shortest page counted here: the array operations cost ~35 µs whatever the page, the
#: tokens ~20 µs a 1,000 characters (measured on training-site and benchmark dumps cut to
#: their first 3-80 lines: even at ~2,500 characters), so shorter pages count tokens
MIN_PAGE_CHARS = 2_500
#: the steps the strip walks a character at a time before it skips the rest of the runs in
#: one pass over the page: a 5 MB line of "(" took ~18 s of CPU one step a character (the
#: tokens: 0.6 s; twenty-eighth session's review), real pages' runs are a few characters
STRIP_STEPS = 8
_SPACE, _STRIP, _OTHER = 255, 254, (1 << BITS) - 1  # (254 keeps 62 in its low bits: no letter)
#: the hash table's width: the stop words' integers land in distinct slots (checked)
_SLOT_BITS = range(8, 17)
#: a token's places (rows) and each place's shift in its packed integer
_PLACES = np.arange(MAX_CHARS)[:, None]
_SHIFTS = (np.arange(MAX_CHARS, dtype=np.uint32) * np.uint32(BITS))[:, None]
_MULTIPLIERS = (0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D, 0x27D4EB2F, 0x165667B1)


@cache
def tables(stop: frozenset[str], strip: str) -> tuple[npt.NDArray[np.uint8],
                                                     npt.NDArray[np.uint32], int, int] | None:
    """Per code point of the Basic Multilingual Plane its value (``_SPACE`` for whitespace,
    ``_STRIP`` for a strip character, a stop-word letter's place, else ``_OTHER``), the stop
    words' integers by hash slot (0: none), the multiplier and the shift of the hash; None
    when the stop words do not pack (built once per stop set, ~40 ms)."""
    alphabet = sorted(set("".join(stop)))
    if not stop or len(alphabet) >= _OTHER - 1 or max(map(len, stop)) > MAX_CHARS \
            or any(c.isspace() or c in strip or c.lower() != c for c in alphabet):
        return None
    place = {c: k for k, c in enumerate(alphabet, start=1)}
    value = np.full(0x10000, _OTHER, dtype=np.uint8)
    for code in range(0x10000):
        char = chr(code)
        lowered = char.lower()
        if len(lowered) != 1:
            # ("İ" alone, to "i" and a combining dot): no whitespace and no strip character in
            # it, and a character no stop word holds, so a token holding it is no stop word
            # either way; the table calls it another word character
            if any(c.isspace() or c in strip for c in lowered) \
                    or all(c in place for c in lowered):
                return None
            continue
        if char.isspace() != lowered.isspace() or (char in strip) != (lowered in strip):
            return None
        if char.isspace():
            value[code] = _SPACE
        elif char in strip:
            value[code] = _STRIP
        else:
            value[code] = place.get(lowered, _OTHER)
    words = [sum(place[c] << (BITS * k) for k, c in enumerate(word)) for word in stop]
    for bits in _SLOT_BITS:
        for multiplier in _MULTIPLIERS:
            slots = [((w * multiplier) & 0xFFFFFFFF) >> (32 - bits) for w in words]
            if len(set(slots)) == len(slots):
                table = np.zeros(1 << bits, dtype=np.uint32)  # (no word packs to 0)
                table[slots] = words
                return value, table, multiplier, 32 - bits
    return None


def stop_counts(codes: npt.NDArray[np.uint32], starts: npt.NDArray[np.int64], n: int,
                stop: frozenset[str], strip: str,
                spaces: tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]] | None = None
                ) -> npt.NDArray[np.float64] | None:
    """Per line of the page (``codes``: its code points, lines joined by "\\n"; ``starts``:
    each line's first offset, ascending; ``n`` lines), how many of its tokens are stop words
    once stripped of ``strip``; None when ``stop`` does not pack (``tables``). ``spaces``:
    the page's whitespace (``str.isspace``) and token starts, if known
    (``linefeatures.spaces``; read only)."""
    found = tables(stop, strip)
    if found is None:
        return None
    value, table, multiplier, shift = found
    # (astral characters clip to U+FFFF's value: no whitespace, strip character or letter)
    v = value.take(codes, mode="clip")
    if spaces is None:
        space = v == _SPACE
        begin = ~space
        begin[1:] &= space[:-1]
    else:  # (the table's whitespace is ``str.isspace``'s: the same masks)
        space, begin = spaces
    word = ~space
    word[:-1] &= space[1:]  # each token's last place
    first, last = begin.nonzero()[0], word.nonzero()[0]
    # each token's span without its leading and trailing strip characters (a loop over the
    # few tokens that still start or end with one, for at most ``STRIP_STEPS`` steps; a
    # longer run, as on a hostile page of "((((…", is skipped in one pass over the page)
    lead = v.take(first) == _STRIP
    for _ in range(STRIP_STEPS):
        if not lead.any():
            break
        k = lead.nonzero()[0]
        first[k] += 1
        lead[k] = (first[k] <= last[k]) & (v.take(first[k], mode="clip") == _STRIP)
    else:
        if lead.any():  # the first place that is no strip character (past the token: empty)
            k = lead.nonzero()[0]
            kept = np.where(v != _STRIP, np.arange(len(v)), len(v))
            first[k] = np.minimum.accumulate(kept[::-1])[::-1].take(first[k])
    trail = (v.take(last) == _STRIP) & (first <= last)
    for _ in range(STRIP_STEPS):
        if not trail.any():
            break
        k = trail.nonzero()[0]
        last[k] -= 1
        trail[k] = v.take(last[k]) == _STRIP  # (stops at the first place: no strip there)
    else:
        if trail.any():  # the last place that is no strip character (at least the first)
            k = trail.nonzero()[0]
            kept = np.where(v != _STRIP, np.arange(len(v)), -1)
            last[k] = np.maximum.accumulate(kept).take(last[k])
    size = last - first  # the stripped token's length - 1 (negative: nothing left)
    short = ((size >= 0) & (size < MAX_CHARS)).nonzero()[0]
    first, size = first.take(short), size.take(short)
    # every token's first ``MAX_CHARS`` places at once (rows: the place in the token),
    # the places past its end zeroed, each row shifted to its character's bits
    chars = v.take(first + _PLACES, mode="clip")
    chars &= np.uint8(_OTHER)
    chars *= size >= _PLACES
    packed = np.bitwise_or.reduce(chars.astype(np.uint32) << _SHIFTS, axis=0)
    hit = table.take((packed * np.uint32(multiplier)) >> np.uint32(shift)) == packed
    lines = starts.searchsorted(first[hit], side="right") - 1
    return np.bincount(lines, minlength=n).astype(np.float64)


__all__ = ["BITS", "MAX_CHARS", "MIN_PAGE_CHARS", "STRIP_STEPS", "stop_counts", "tables"]
