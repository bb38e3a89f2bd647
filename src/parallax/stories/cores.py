"""A story's core: the terms its outlets agree on, and two stories that lack each other's.

Why: undated, two events of one cast years apart (a committee's subpoena of an adviser in
spring; the president defending him after his guilty plea in winter) share their names, their
theme and the cast's words in every lead ("adviser", "Russia", "security"), so names, meaning
and the mean term cosine link them as high as one event told by three outlets, and neither side
need name a stage of a process (``stories.actions``). What one event's coverage has and a
neighbouring event's lacks is what several of its outlets say *together*: the words two reports
of the subpoena share ("subpoena", "committee", the panel's chairman) are that happening, and
no report of the plea's aftermath carries them; nor does any subpoena report carry what the
plea's reports share ("lied", "destroyed"). One event split in two halves keeps most of each
half's core on the other side, since the outlets report one happening.

So a story's *core*, per language, is the terms carried by at least half of its members of
that language (two at least): a lone article has none, and its own wording is no evidence of
another happening. Two stories are kept apart when each has a core in a language the other
also has members in, and each side's members of that language lack at least ``CORE_APART``
of the other's core (IDF-squared weighted, as the term vectors weigh it). It is a veto for the
clear cases, only on a link that would pass, between stories of two members or more: on the
realistic pool's tuning part the same-event links between such stories lacked at most 0.57 of
each other's core (one election night's analyses and reactions), two happenings of one cast
0.69-0.77 (docs/stories.md, eighteenth session).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping

#: the share of each side's core the other side's members must all lack for two stories to
#: be two happenings (both ways; docs/stories.md, eighteenth session)
CORE_APART = 0.7

TermCounts = dict[str, Counter[str]]  # language -> term -> members carrying it


def term_counts(members: Iterable[tuple[str, Iterable[str]]]) -> TermCounts:
    """Per language, how many members carry each term (``members``: (language, terms))."""
    counts: TermCounts = {}
    for language, terms in members:
        counts.setdefault(language, Counter()).update(set(terms))
    return counts


def core_missing(core_side: TermCounts, sizes: Mapping[str, int], other: TermCounts,
                 idf: Callable[[str], float]) -> float | None:
    """The weighted share of ``core_side``'s core that no member of ``other`` carries, over
    the languages both have (``sizes``: ``core_side``'s members per language); None where
    ``core_side`` has no core there."""
    total = missing = 0.0
    for language, counts in core_side.items():
        held = other.get(language)
        size = sizes.get(language, 0)
        if not held or size < 2:
            continue
        need = max(2, math.ceil(size / 2))
        for term, count in counts.items():
            if count >= need:
                weight = idf(term) ** 2
                total += weight
                if term not in held:
                    missing += weight
    return missing / total if total > 0 else None


def cores_apart(a: TermCounts, a_sizes: Mapping[str, int], b: TermCounts,
                b_sizes: Mapping[str, int], idf: Callable[[str], float],
                bar: float = CORE_APART) -> bool:
    """Whether each story lacks at least ``bar`` of the other's core: two happenings."""
    missing = core_missing(a, a_sizes, b, idf)
    if missing is None or missing < bar:
        return False
    missing = core_missing(b, b_sizes, a, idf)
    return missing is not None and missing >= bar


__all__ = ["CORE_APART", "TermCounts", "core_missing", "cores_apart", "term_counts"]
