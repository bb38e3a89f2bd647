"""Which lines of a page can a regex match at all: one scan of the page for required literals.

Why: the furniture, byline and time patterns are case-insensitive alternations of hundreds of
phrases, and Python's ``re`` tries every alternative at every character of every line: 80 % of a
real dump's segmentation time went there. Every match of such a pattern contains one of a few
literal strings (``donat``, ``copyright``, ``cookie`` …), read off the parsed pattern. One scan of
the lowercased page for all of them (a trie-shaped regex, so each character is tried once) tells
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
from collections.abc import Iterable, Mapping

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
# lowered characters that re takes as another (rare: a scan is cheaper than a translate)
_SPECIAL = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_FOLD)) + "]") \
    if _FOLD else re.compile("(?!)")


def fold(text: str) -> str:
    """The text as ``re.IGNORECASE`` sees it, one character for one (offsets are kept)."""
    lowered = text.translate(_DOTTED_I).lower() if "\u0130" in text else text.lower()
    return lowered.translate(_FOLD) if _SPECIAL.search(lowered) else lowered


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


def _selective(literal: str) -> bool:
    """A literal rare enough to be worth looking for: ``MIN_LITERAL`` characters, or a symbol
    such as ``©``."""
    return len(literal) >= MIN_LITERAL or not literal.isascii()


def _trie_pattern(words: Iterable[str]) -> str:
    trie: dict[str, dict] = {}  # type: ignore[type-arg, unused-ignore]
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:  # type: ignore[type-arg, unused-ignore]
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


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
        # at each place the trie matches the longest literal there, and every other literal
        # starting there is one of its prefixes
        self._rx = re.compile(_trie_pattern(self.names)) if self.names else None

    def candidates(self, lines: list[str]) -> list[set[str]]:
        """Per line, the filtered pattern names that may match it (``always`` not included)."""
        out: list[set[str]] = [set() for _ in lines]
        if self._rx is None or not lines:
            return out
        page = fold("\n".join(lines))
        starts = [0]
        for line in lines[:-1]:
            starts.append(starts[-1] + len(line) + 1)
        search, pos = self._rx.search, 0
        while (match := search(page, pos)) is not None:
            # the next search starts one character on, not after the hit: literals overlapping
            # each other ("read more on this") are all found
            pos = match.start()
            names = out[bisect_right(starts, pos) - 1]
            for literal in self._prefixes(match.group()):
                names.update(self.names[literal])
            pos += 1
        return out

    def _prefixes(self, hit: str) -> list[str]:
        return [hit[:k] for k in range(1, len(hit) + 1) if hit[:k] in self.names]


__all__ = ["MIN_LITERAL", "LiteralIndex", "fold", "required_literals"]
