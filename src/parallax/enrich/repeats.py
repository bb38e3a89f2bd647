"""A name the English model found once is a mention wherever the article writes it again.

Why: the small English model reads each occurrence on its own, so the same name is found in one
sentence and missed in the next (an acronym after an adjective, a name opening a line or
closing a quote, a surname it types as a nationality and the entity stage drops). On the
SemEval-2025 EN training documents 31 of the 632 gold role mentions named an entity the
article had found elsewhere (thirty-third session, docs/portrayal.md); a missed occurrence also
lowers the entity's mention count, which orders portrayals and role candidates, and leaves its
sentences out of the evidence.

Kept to what cannot be a common word or part of another name: the surface is written exactly
as found (case and all, whole words), holds no digit and is not a shouted phrase ("CO2", "FREE
TRIAL": the model's junk would spread), no word of it is written in lower case elsewhere in
the article (so "Will", "Young" or "May" are never spread), and an occurrence is left alone
when it touches another mention or another capitalised word ("Fort Velde" is no "Anton Velde",
"Law and Justice", "Corriere della Sera", "Lion's Mane"). A person's surname spreads too
("Velde" after "Anton Velde"); which person it names is left to the name-part linking
that follows (``mention_links.link_name_parts``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from parallax.records import Mention

SPREAD_TYPES = ("PERSON", "ORG", "GPE", "EVENT")
_WORD = re.compile(r"[^\W\d_]+")
_JOINS = r"(?:and|of|de|del|della|di|da|do|dos|du|la|le|von|van|der|den|al|bin|el)"
#: the word before an occurrence, and the word after it (past a possessive), each past a
#: name's joining word ("Corriere della Sera", "Law and Justice", "Lion's Mane")
_BEFORE = re.compile(r"([^\W\d_]+)[ \t]+(?:" + _JOINS + r"[ \t]+)?$")
_AFTER = re.compile(r"(?:['’]s)?[ \t]+(?:" + _JOINS + r"[ \t]+)?([^\W\d_]+)")


def _inside_a_name(text: str, start: int, end: int, lowered: set[str]) -> bool:
    """Whether the occurrence ``text[start:end]`` runs into a capitalised word either side that
    is no common word of the article ("The", "Director" are written in lower case elsewhere;
    "Nur" of "Nur Khan" is not)."""
    words = [m.group(1) for m in (_BEFORE.search(text, max(0, start - 40), start),
                                   _AFTER.match(text, end, end + 40)) if m is not None]
    return any(w[:1].isupper() and w.lower() not in lowered for w in words)


def _surfaces(mentions: list[Mention]) -> dict[str, tuple[str, str]]:
    """surface -> (type, canonical), longest first; a surface found with two types or two
    canonical names is ambiguous and left out."""
    found: dict[str, set[tuple[str, str]]] = {}
    for m in mentions:
        if (m.type not in SPREAD_TYPES or not m.text[:1].isupper() or len(m.text) < 2
                or any(c.isdigit() for c in m.text) or (" " in m.text and m.text.isupper())):
            continue
        found.setdefault(m.text, set()).add((m.type, m.canonical))
        words = m.text.split()
        if m.type == "PERSON" and len(words) > 1 and len(words[-1]) > 2:
            found.setdefault(words[-1], set()).add((m.type, words[-1]))
    return {s: next(iter(kinds)) for s, kinds in sorted(found.items(), key=lambda kv: -len(kv[0]))
            if len(kinds) == 1}


#: a letter run that starts a word: where a surface (it starts with a capital) may begin
_WORD_START = re.compile(r"(?<![\w-])[^\W\d_]+")
_ENDS_WORD = re.compile(r"(?![\w-])")


def _occurrences(surfaces: list[str], text: str) -> dict[str, list[int]]:
    """surface -> the starts of its whole-word occurrences in ``text`` (non-overlapping, as
    ``re.finditer`` of the surface would give them), found in one pass over the text's words.

    Why: a pattern per surface read the text once per name, so an article of thousands of
    names cost seconds (a 275 KB dump of 3,000 names: 15 s CPU more); each word start now looks
    up the surfaces that begin with its letters."""
    by_first: dict[str, list[str]] = {}
    for surface in surfaces:
        first = _WORD.match(surface)
        if first is not None:
            by_first.setdefault(first.group(), []).append(surface)
    if not by_first:
        return {}
    found: dict[str, list[int]] = {}
    for word in _WORD_START.finditer(text):
        for surface in by_first.get(word.group(), ()):
            start = word.start()
            if not text.startswith(surface, start) \
                    or not _ENDS_WORD.match(text, start + len(surface)):
                continue
            starts = found.setdefault(surface, [])
            if not starts or starts[-1] + len(surface) <= start:  # non-overlapping, as finditer
                starts.append(start)
    return found


def repeated_names(mentions: list[Mention], text: str,
                   lower: Callable[[], set[str]]) -> list[Mention]:
    """``mentions`` plus every further occurrence of a name among them (see the module)."""
    surfaces = _surfaces(mentions)
    if not surfaces:
        return mentions
    taken = bytearray(len(text))
    for m in mentions:
        taken[m.start:m.end] = b"\1" * (m.end - m.start)
    lowered = lower()
    spread = [s for s in surfaces if not any(w.lower() in lowered for w in _WORD.findall(s))]
    hits = _occurrences(spread, text)
    added: list[Mention] = []
    for surface in spread:
        kind, canonical = surfaces[surface]
        for start in hits.get(surface, ()):
            end = start + len(surface)
            if any(taken[max(0, start - 1):end + 1]) or _inside_a_name(text, start, end, lowered):
                continue
            taken[start:end] = b"\1" * (end - start)
            added.append(Mention(surface, start, end, kind, canonical))
    return sorted(mentions + added, key=lambda m: m.start) if added else mentions
