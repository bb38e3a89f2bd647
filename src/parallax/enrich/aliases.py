"""The curated alias table (``data/aliases-v1.json``, plus a user's own file): spellings and
role nouns of known entities -> one canonical name and type. The entity finders type and link
names with it, and speaker resolution reads its role nouns ("the prime minister" -> a name).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources

from parallax.textutil import fold


@dataclass(slots=True)
class AliasEntry:
    canonical: str
    type: str
    #: folded spellings the table writes only in capitals ("UNO", "ООН"): an acronym, which
    #: a word in lower or title case is not: the dog "Uno" is not the United Nations, nor a
    #: French "un" (fourteenth session)
    capitals: frozenset[str] = frozenset()
    #: the table's spellings as written, canonical first: a Russian body is named with its
    #: country's Russian spelling ("<ministry> РФ" and "<ministry> России" are one body)
    spellings: tuple[str, ...] = ()


def alias_lookup(aliases: dict[str, AliasEntry], surface: str) -> AliasEntry | None:
    """The table's entry for a name as written; an acronym only when written in capitals."""
    key = fold(surface)
    entry = aliases.get(key)
    if entry is not None and key in entry.capitals and not surface.isupper():
        return None
    return entry


def _alias_sources(extra_file: str | None) -> list[str]:
    sources = [(resources.files("parallax.enrich") / "data" / "aliases-v1.json").read_text(
        encoding="utf-8")]
    if extra_file:
        with open(extra_file, encoding="utf-8") as handle:
            sources.append(handle.read())
    return sources


def load_roles(extra_file: str | None = None) -> dict[str, str]:
    """Role nouns ("the Russian president") -> canonical entity, for speaker resolution."""
    roles: dict[str, str] = {}
    for source in _alias_sources(extra_file):
        for item in json.loads(source)["entities"]:
            for role in item.get("roles", []):
                roles[role.lower()] = item["canonical"]  # matched against the raw text
    return roles


#: an office holder's terms, [from, until) as ISO days, until "9999-12-31" while in office
Terms = tuple[tuple[str, str], ...]


def load_role_terms(extra_file: str | None = None) -> dict[str, Terms]:
    """Canonical entity -> the terms in which its role nouns stand for it. Why: "sagte der
    Bundeskanzler" in a 2019 article showed the table's holder of 2026 (twenty-eighth
    session). An entry without ``terms`` (a user's own table) is read at any date."""
    terms: dict[str, Terms] = {}
    for source in _alias_sources(extra_file):
        for item in json.loads(source)["entities"]:
            if "terms" in item:
                terms[item["canonical"]] = tuple((start, until or "9999-12-31")
                                                 for start, until in item["terms"])
    return terms


def roles_on(roles: dict[str, str], terms: dict[str, Terms], iso: str | None
             ) -> dict[str, str]:
    """The table's role nouns for an article published at ``iso``, each with the holder it
    stands for, or "" where the article is dated outside its holder's terms: such a role
    noun is the speaker as written ("der Bundeskanzler"), not a wrong name. An undated
    article is read at the moment its page was fetched, captured or saved (the quote stage
    passes ``Article.read_at``: a WARC record of 2019 is read in 2019), and with no such
    moment as of the day it is analysed: a holder in office (a term without an end) stands
    for the noun. (Read as no date, it cost the enrich gold set's undated passages 0.838 ->
    0.787 of their speakers; twenty-eighth session.)"""
    day = (iso or "")[:10] if _DAY.match(iso or "") else _OPEN
    return {noun: holder if (spans := terms.get(holder)) is None or any(
        start <= day < until for start, until in spans) else ""
        for noun, holder in roles.items()}


#: an ISO day, and the day an undated article is read at: after every term's start, before
#: the end of one without an end ("9999-12-31")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_OPEN = "9999-12-30"


def load_aliases(extra_file: str | None = None) -> dict[str, AliasEntry]:
    files = [resources.files("parallax.enrich") / "data" / "aliases-v1.json"]
    table: dict[str, AliasEntry] = {}
    sources = [f.read_text(encoding="utf-8") for f in files]
    if extra_file:
        with open(extra_file, encoding="utf-8") as handle:
            sources.append(handle.read())
    for source in sources:
        for item in json.loads(source)["entities"]:
            spellings = [item["canonical"], *item["aliases"]]
            lower = {fold(a) for a in spellings if not a.isupper()}
            entry = AliasEntry(item["canonical"], item["type"], frozenset(
                fold(a) for a in spellings if a.isupper() and fold(a) not in lower),
                tuple(spellings))
            for alias in spellings:
                table[fold(alias)] = entry
    return table
