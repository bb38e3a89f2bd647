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
another happening. Members are articles, not outlets (a syndicated copy adds nothing,
``StoryIndex._core``): two reports of one outlet make a core of that outlet's wording too.
Two stories are kept apart when each has a core in a language the other
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
from collections.abc import Callable, Iterable
from typing import NamedTuple

#: the share of each side's core the other side's members must all lack for two stories to
#: be two happenings (both ways; docs/stories.md, eighteenth session)
CORE_APART = 0.7


class Core(NamedTuple):
    """Per language: how many members carry each term, and the terms at least half of them
    (two at least) carry. Kept per story by the index until the story grows: consolidation
    asks it of every passing link, so the core is listed once rather than found again in
    the counts each time."""

    counts: dict[str, Counter[str]]
    terms: dict[str, list[str]]


def story_core(members: Iterable[tuple[str, Iterable[str]]]) -> Core:
    """The core of a story of ``members`` (language, terms)."""
    counts: dict[str, Counter[str]] = {}
    sizes: Counter[str] = Counter()
    for language, terms in members:
        counts.setdefault(language, Counter()).update(set(terms))
        sizes[language] += 1
    core: dict[str, list[str]] = {}
    for language, counter in counts.items():
        if sizes[language] >= 2:
            need = max(2, math.ceil(sizes[language] / 2))
            kept = sorted(term for term, count in counter.items() if count >= need)
            if kept:
                core[language] = kept
    return Core(counts, core)


def core_missing(side: Core, other: Core, weight_of: Callable[[str], float]) -> float | None:
    """The weighted share of ``side``'s core that no member of ``other`` carries, over the
    languages both have members in; None where ``side`` has no core there. ``weight_of``: a
    term's weight, its IDF squared as the term vectors weigh it."""
    total = missing = 0.0
    for language, terms in side.terms.items():
        held = other.counts.get(language)
        if not held:
            continue
        for term in terms:
            weight = weight_of(term)
            total += weight
            if term not in held:
                missing += weight
    return missing / total if total > 0 else None


def cores_apart(a: Core, b: Core, weight_of: Callable[[str], float],
                bar: float = CORE_APART) -> bool:
    """Whether each story lacks at least ``bar`` of the other's core: two happenings."""
    missing = core_missing(a, b, weight_of)
    if missing is None or missing < bar:
        return False
    missing = core_missing(b, a, weight_of)
    return missing is not None and missing >= bar


__all__ = ["CORE_APART", "Core", "core_missing", "cores_apart", "story_core"]
