"""The curated alias table (``data/aliases-v1.json``, plus a user's own file): spellings and
role nouns of known entities -> one canonical name and type. The entity finders type and link
names with it, and speaker resolution reads its role nouns ("the prime minister" -> a name).
"""

from __future__ import annotations

import json
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
