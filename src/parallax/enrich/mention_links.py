"""Within one article, mentions found by any entity finder (the gazetteer, the NER models) are
made one list: overlapping finds give way to the earliest, longest one, and a lone or inflected
name part takes the canonical name of the full name it belongs to. Across articles, names are
linked by ``enrich.linker``.
"""

from __future__ import annotations

from parallax.records import Mention
from parallax.textutil import fold

#: one-word names of their own that also end other names: "the House" is a legislature's
#: chamber, never the "White House" (BASIL dev, twentieth session: 22 mentions of the chamber
#: in 8 of 42 articles took the White House's canonical, so a reader saw House Democrats'
#: votes as the White House's)
OWN_NAMES = frozenset({"house"})


def drop_overlaps(mentions: list[Mention]) -> list[Mention]:
    mentions.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Mention] = []
    for m in mentions:
        if kept and m.start < kept[-1].end:
            continue
        kept.append(m)
    return kept


def link_name_parts(mentions: list[Mention]) -> list[Mention]:
    """Name-part matching: a short or inflected mention takes the canonical of a longer one.
    A date never takes a name ("2012" is not the "Deutsche Bank Award 2012": Dragnet tuning
    half, thirteenth session), nor a word of ``OWN_NAMES`` a body it ends."""
    seen: set[str] = set()
    full = []  # distinct multi-word names, in order: linking is O(mentions x distinct names)
    for m in mentions:
        if " " in m.canonical and m.type in ("PERSON", "MISC", "ORG") \
                and m.canonical not in seen:
            seen.add(m.canonical)
            full.append(m)
    cache: dict[str, tuple[str, str] | None] = {}
    for m in mentions:
        if " " in m.canonical or m.type in ("GPE", "DATE"):
            continue
        key = fold(m.canonical)
        if key in cache:
            if (hit := cache[key]) is not None:
                m.canonical, m.type = hit
            continue
        cache[key] = None
        for longer in full:
            if key in OWN_NAMES and longer.type != "PERSON":
                continue
            parts = [fold(p) for p in longer.canonical.split()]
            last = parts[-1]
            if (
                key == last
                or (longer.type == "PERSON" and key == parts[0] and len(parts) == 3)
                or (len(key) > 4 and key.startswith(last) and len(key) - len(last) <= 2)
            ):
                m.canonical, m.type = longer.canonical, longer.type
                cache[key] = (longer.canonical, longer.type)
                break
    counts: dict[str, int] = {}
    types: dict[str, dict[str, int]] = {}
    for m in mentions:
        counts[m.canonical] = counts.get(m.canonical, 0) + 1
        if m.type not in ("MISC", "CANDIDATE"):
            types.setdefault(m.canonical, {}).setdefault(m.type, 0)
            types[m.canonical][m.type] += 1
    for m in mentions:  # one type per canonical entity: its most frequent typed reading
        if m.canonical in types:
            m.type = max(types[m.canonical].items(), key=lambda kv: kv[1])[0]
    return [
        m
        for m in mentions
        if m.type != "CANDIDATE" and (m.type != "MISC" or counts[m.canonical] >= 2)
    ]
