"""Within one article, mentions found by any entity finder (the gazetteer, the NER models) are
made one list: overlapping finds give way to the earliest, longest one, and a lone or inflected
name part takes the canonical name of the full name it belongs to. Across articles, names are
linked by ``enrich.linker``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from parallax.enrich.aliases import AliasEntry, alias_lookup
from parallax.enrich.german_places import english_place_names
from parallax.enrich.name_leads import BODY_ENDS, GIVEN
from parallax.enrich.us_states import POSTAL
from parallax.records import Mention
from parallax.textutil import fold

#: one-word names of their own that also end other names: "the House" is a legislature's
#: chamber, never the "White House" (BASIL dev, twentieth session: 22 mentions of the chamber
#: in 8 of 42 articles took the White House's canonical, so a reader saw House Democrats'
#: votes as the White House's)
OWN_NAMES = frozenset({"house"})


#: longer than any real name (helper SX): a word of the longest place names (85 letters) and
#: a body's full name with its clauses fit; a 2,000-letter one-word title of a dump had
#: become an entity, typed ORG, a row of the article's people and bodies
MAX_NAME_WORD = 90
MAX_NAME = 200


def drop_overlaps(mentions: list[Mention]) -> list[Mention]:
    """One mention per stretch of text; a find longer than any name is none (and gives way)."""
    mentions = [m for m in mentions if len(m.text) <= MAX_NAME
                and not any(len(word) > MAX_NAME_WORD for word in m.text.split())]
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


#: a bracketed initialism right after a name: "<Board of Made-up Things> (BMT)"
_BRACKETED_INITIALS = re.compile(r"\s?[(\[]([A-Z](?:\.?[A-Z&]){1,6}\.?)[)\]]")
#: words a body's initialism leaves out
_SMALL_WORDS = frozenset({"of", "on", "for", "the", "and", "in", "to", "&"})
#: what may stand before a body's own name and adds nothing to it: the country, or the federal
#: level ("U.S. <court>", "Federal <court>"), or a chamber of Congress ("Senate <committee>");
#: one class each, so the House's and the Senate's committee of one name are never one row
_PREFIX_CLASSES = ({"U.S.", "US", "United States", "American"}, {"Federal"}, {"House"},
                   {"Senate"})
_PREFIXED = re.compile(r"(U\.S\.|US|United States|American|Federal|House|Senate) (.+)")


def join_rows(mentions: list[Mention], text: str, aliases: dict[str, AliasEntry]) -> None:
    """One thing the article names in two ways is one row, in three shapes the recogniser and
    the name-part linking leave apart (English, after ``link_name_parts``):

    - a bracketed initialism after a body's name ("<Board of Made-up Things> (BMT)"), when its
      letters are the name's initials: every mention of the initialism joins the name;
    - a body's name and the same name after the country, the federal level or a chamber
      ("<Made-up> Court" and "U.S. <Made-up> Court"), when one class of prefix is written
      (the House's and the Senate's committees of one name stay apart);
    - a person's name of two words or more and the same name after one more word: a given
      name ("<given> <two-word surname>") makes it the full name's row; any other word
      ("Pre-Order", a photo agency's credit) was glued to the name, and is cut from it.

    Why: on SemEval-2023 EN training and the BASIL training half (twenty-third session, helper
    E; docs/enrichment.md) these were the commonest wrong rows after things typed wrong and
    capitalised common words: a committee beside its initialism, "Supreme Court" beside "U.S.
    Supreme Court", a congresswoman's two-word surname beside her full name."""
    _initialisms(mentions, text, aliases)
    _prefixed_bodies(mentions, aliases)
    _person_tails(mentions, text)
    _given_names(mentions, text, aliases)
    _chamber(mentions)


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.split(r"[\s-]+", name)
                   if w and w[0].isupper() and w.lower() not in _SMALL_WORDS)


def _in_order(short: str, long: str) -> bool:
    letters = iter(long)
    return all(c in letters for c in short)


def _initialisms(mentions: list[Mention], text: str, aliases: dict[str, AliasEntry]) -> None:
    for m in list(mentions):
        if m.type not in ("ORG", "EVENT") or " " not in m.text.strip():
            continue
        bracket = _BRACKETED_INITIALS.match(text, m.end)
        if bracket is None:
            continue
        written = bracket.group(1)
        other = next((o for o in mentions if o.text == written and o.type != "DATE"), None)
        if other is None or other.canonical == m.canonical:
            continue
        letters, initials = written.replace(".", ""), _initials(m.text)
        known = alias_lookup(aliases, written)
        if len(initials) < 2 or not (_in_order(initials, letters) or _in_order(letters, initials)) \
                or (known is not None and known.canonical != m.canonical):
            continue
        _rename(mentions, other.canonical, m.canonical, m.type)


def _prefixed_bodies(mentions: list[Mention], aliases: dict[str, AliasEntry]) -> None:
    bodies = {m.canonical for m in mentions if m.type == "ORG"}
    for name in sorted(bodies):
        if " " not in name or _PREFIXED.fullmatch(name):
            continue
        longer = [b for b in bodies if (p := _PREFIXED.fullmatch(b)) and p.group(2) == name]
        classes = {i for b in longer for i, c in enumerate(_PREFIX_CLASSES)
                   if b.split(" " + name)[0] in c}
        if not longer or len(classes) != 1:
            continue
        # the row keeps the table's name, else the name the article uses most (the shorter one
        # on a tie), so the body meets its rows of other articles under one name
        counts = {b: sum(m.canonical == b for m in mentions) for b in [name, *longer]}
        target = name if alias_lookup(aliases, name) is not None else max(
            [name, *sorted(longer)], key=lambda b: counts[b])
        for b in [name, *longer]:
            if b != target:
                _rename(mentions, b, target, "ORG")


def _person_tails(mentions: list[Mention], text: str) -> None:
    people = {m.canonical for m in mentions if m.type == "PERSON" and " " in m.canonical}
    for name in sorted(people, key=len):
        longer = [p for p in people if p.endswith(" " + name) and " " not in p[:-len(name) - 1]]
        if len(longer) != 1 or not any(m.canonical == name for m in mentions):
            continue
        full = longer[0]
        word = full[:-len(name) - 1]
        if word in GIVEN:
            _rename(mentions, name, full, "PERSON")
            continue
        for m in mentions:  # a glued word: the span is cut to the name
            if m.canonical == full:
                if m.text == full and text[m.start:m.end] == full:
                    m.start += len(word) + 1
                    m.text = name
                m.canonical = name


#: last words of a span the model typed a person that is no person's name ("<town> Police")
_NOT_SURNAMES = BODY_ENDS | {"Police", "Department", "House", "Office", "City", "County"}
#: a place's preposition before a word: such a word typed a place stays one
_PLACE_BEFORE = re.compile(r"(?i:\b(?:in|near|at|across|inside|outside|around))\s+$")


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    return english_place_names() | {n.replace("_", " ") for n in POSTAL.values()}


def _given_names(mentions: list[Mention], text: str, aliases: dict[str, AliasEntry]) -> None:
    """A person named by the given name alone ("<given>", "<given> <middle>") beside the
    article's one person whose full name opens so is that person: on SemEval-2023 EN training
    and the BASIL training half (twenty-fourth session, helper E) 10 rows of 82 documents, a
    talk-show host's, a victim's and a suspect's first names beside their full names (two of
    them typed a place). A word typed a place joins only where the article never writes it
    after a place's preposition; a name the alias table knows stays its own. Given names only
    ("<given> <surname>" beside a longer span is left to ``_person_tails``): a name the
    article writes alone after "Mr." or a title is a surname, and a "person" that ends in a body's
    word ("<town> Police") takes no one. A country's, a region's or a US state's name never
    joins ("Chad" beside "Chad <surname>", "Georgia" beside "Georgia <surname>", made up: the
    country and the state became the person, typed a place or not)."""
    people = sorted({m.canonical for m in mentions if m.type == "PERSON" and " " in m.canonical})
    if not people:
        return
    for name in sorted({m.canonical for m in mentions if m.type in ("PERSON", "GPE")}):
        words = name.split()
        longer = [p for p in people if p.split()[:len(words)] == words and p != name]
        if len(longer) != 1 or alias_lookup(aliases, name) is not None or name in _places() \
                or (len(words) > 1 and not all(w in GIVEN for w in words)) \
                or longer[0].split()[-1] in _NOT_SURNAMES:
            continue  # "<given> <surname>" is a name of its own; "<town> Police" no person
        if re.search(rf"\b(?:Mrs?|Ms|Dr|President|Sen|Senator|Rep|Gov)\.?\s+{re.escape(name)}"
                     r"\b(?!\s+[A-Z])", text):
            continue  # "Mr. <name>": a surname, and the longer span a headline's run-on
        typed = [m for m in mentions if m.canonical == name]
        if any(m.type != "PERSON" and (" " in name or _PLACE_BEFORE.search(
                text, max(0, m.start - 12), m.start)) for m in typed):
            continue
        _rename(mentions, name, longer[0], "PERSON")


def _chamber(mentions: list[Mention]) -> None:
    """"House" alone and "House of Representatives" in one article are one row, named "House"
    as most reports name the chamber, so the row meets the chamber's rows of other articles:
    the name-part linking leaves "House" alone (``OWN_NAMES``), so a reader saw the chamber in
    two rows (BASIL training half, twenty-fourth session: 4 of 42 reports)."""
    if any(m.canonical == "House" for m in mentions):
        _rename(mentions, "House of Representatives", "House", "ORG")


def _rename(mentions: list[Mention], old: str, new: str, etype: str) -> None:
    for m in mentions:
        if m.canonical == old:
            m.canonical, m.type = new, etype
