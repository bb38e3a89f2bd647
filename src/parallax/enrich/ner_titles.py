"""English spans that hold more than one name, or a name and a word that is no part of it: a
title before a person, an owner's possessive before another name, a quotation's mark, a law.

Rows a reader saw on real news (SemEval-2023 EN training and the BASIL training half,
twenty-fourth session, helper E; docs/enrichment.md): a churchman's or a soldier's rank kept in
the person's row ("Cardinal <surname>", beside the bare surname's row or across articles
apart from it), "<outlet>'s <given> <surname>" typed a place, "<person>'s <company>" as a body,
"<surname>'s “<slogan>" with the quotation's first word, "<title>”—<given> <surname>" after a
book's title, and a bill, an amendment or a charter typed a body or an event (the recogniser's
own label for laws is shown nowhere). The entity stage (``ner``) runs these on its English
mentions before the name-part linking, so a cut name then joins its other mentions.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from parallax.enrich import name_leads
from parallax.enrich.aliases import AliasEntry
from parallax.enrich.name_leads import GIVEN
from parallax.enrich.ner_spans import _NAMED_THING
from parallax.records import Mention
from parallax.textutil import fold

Canonical = Callable[[str, str], tuple[str, str]]

#: a rank or an office written before a surname: the titles ``name_leads`` reads before a
#: name, but "Historian" (a job a person is described by, not part of how a span names them),
#: and plurals, more offices and the short forms. Not "Pope", "King", "Queen", "Prince",
#: "Saint" (part of the name a reader knows: "Pope <name>"), nor "Major" (a given name too)
TITLES = (name_leads.TITLES - {"Historian"}) | frozenset("""Archbishops Bishops Cardinals
Chancellor Congressman Congresswoman Councilman Councilwoman Deacon Minister Monsignor
Monsignore Nuncio Secretary Sen. Rep. Gov. Gen. Lt. Col. Capt. Sgt. Dr. Rev. Fr. Msgr. Mgr. Mr.
Mrs. Ms. Prof. Amb. Supt.""".split())
#: a title written alone (the recogniser's span, without its dot); not "Justice", which
#: also stands for the department
_LONE_TITLES = frozenset(t.rstrip(".") for t in TITLES) - {"Justice"}
_NAME_WORD = re.compile(r"[A-Z][\w'’.-]*")


def titles_in_names(mentions: list[Mention], aliases: dict[str, AliasEntry],
                    canonical: Canonical) -> list[Mention]:
    """A person's span that opens with a rank or an office ("Cardinal <surname>",
    "Representative <given> <surname>", made up) names the person without it: the title is cut,
    so the row is the person's, as the article's other mentions of the person and other
    articles name them; a title alone ("the <Rank> said") is no row: with the titles cut from
    the names it would be a row of its own. A span the model typed a body is cut so when two
    or three name words follow the title and the last is no body's word ("Bishop <given>
    <surname>"); one word after it ("Bishop <Made-up Word>", a website) stays a body. A span
    the alias table knows whole ("President <surname>" of a listed leader) is left to it."""
    out: list[Mention] = []
    for m in mentions:
        words = m.text.split(" ")
        if m.type != "DATE" and m.text.rstrip(".") in _LONE_TITLES:
            continue  # "the Nuncio", "the Bishop said": a title alone names no one row
        if (m.type == "PERSON" or (m.type == "ORG" and len(words) in (3, 4)
                                   and words[-1] not in _NAMED_THING)) \
                and len(words) >= 2 and words[0] in TITLES \
                and fold(m.text) not in aliases \
                and all(_NAME_WORD.fullmatch(w) for w in words[1:]):
            cut = len(words[0]) + 1
            out.append(_named(m.text[cut:], m.start + cut, "PERSON", canonical))
        else:
            out.append(m)
    return out


#: "<owner>'s <rest>": the owner and the name after its possessive
_OWNED = re.compile(r"(?P<owner>[^\s'’][^'’]*?)(?:['’]s|(?<=s)['’])\s+(?P<rest>[A-Z].*)")


def owners_of_names(mentions: list[Mention], text: str, canonical: Canonical) -> list[Mention]:
    """A span "<owner>'s <rest>" whose rest is a name of its own is that name, and the owner a
    mention of its own where the article names it elsewhere: the rest is a name when the
    article names it outside the span (a company after its chairwoman's possessive) or when it
    is "<given> <surname>" (a reporter after an outlet's possessive), then a person. A body
    whose own name holds a possessive ("<Institute>'s Center for ...") is named nowhere else
    and stays whole."""
    elsewhere: dict[str, str] = {}
    for m in mentions:
        if m.type != "DATE":
            elsewhere.setdefault(m.text, m.type)
    out: list[Mention] = []
    for m in mentions:
        owned = _OWNED.fullmatch(m.text) if m.type != "DATE" else None
        rest = owned.group("rest") if owned else ""
        words = rest.split()
        if owned and words[-1] in _NAMED_THING and len(words) == 1:
            out.append(m)  # "<Counsel>'s Office": a body of its own
            continue
        if owned and rest in elsewhere and rest != m.text:
            etype = elsewhere[rest]
        elif owned and 2 <= len(words) <= 3 and words[0] in GIVEN \
                and all(_NAME_WORD.fullmatch(w) for w in words):
            etype = "PERSON"
        else:
            out.append(m)
            continue
        owner = owned.group("owner")
        if owner in elsewhere:
            out.append(_named(owner, m.start, elsewhere[owner], canonical))
        out.append(_named(rest, m.start + owned.start("rest"), etype, canonical))
    return out


def quotation_marks(mentions: list[Mention], canonical: Canonical) -> list[Mention]:
    """A span that runs into a quotation (a mark it does not close: "<surname>'s “<slogan>")
    is cut before the mark, and the possessive before it, when the rest is a name the alias
    table knows or the article names elsewhere (its type from there); a span that runs out of
    one ("<title>”—<given> <surname>") is cut after the mark and its dash; a span that opens
    with the mark is a quoted title and no name. A nickname in marks of its own ("<given>
    “<nick>” <surname>") stays whole."""
    elsewhere: dict[str, str] = {}
    for m in mentions:
        elsewhere.setdefault(m.text, m.type)
    out: list[Mention] = []
    for m in mentions:
        s = m.text
        mark = next((i for i, c in enumerate(s) if c in "“”\""), -1)
        if m.type == "DATE" or mark < 0 or (s.count("\"") % 2 == 0
                                           and s.count("“") == s.count("”")):
            out.append(m)
            continue
        closing = s[mark] == "”" or (s[mark] == "\"" and not s[mark + 1:mark + 2].isalpha())
        if closing and mark > 0:
            after = re.match(r"[”\"\s—–-]*", s[mark:])
            start = mark + (after.end() if after else 1)
            if start < len(s) and s[start].isupper():
                out.append(_named(s[start:], m.start + start, m.type, canonical))
        elif mark > 0:
            name = re.sub(r"(?:['’]s|(?<=s)['’])?\s*$", "", s[:mark])
            known = canonical(name, "")[1] if name else ""
            etype = known or elsewhere.get(name, "")
            if etype and name[0].isupper():
                out.append(_named(name, m.start, etype, canonical))
    return out


#: a law by its shape: a bill's number, an amendment, an act, a constitution, a charter
_LAW = re.compile(r"(?:[SH]\.?B\.?|H\.R\.|S\.)\s?\d+|(?:[A-Z][\w.’'-]*\s+)+(?:Amendment|"
                  r"Act|Constitution|Carta)|Magna Carta")


def laws(mentions: list[Mention]) -> list[Mention]:
    """A law is no person, body, place or event, but the small model typed bills, amendments
    and charters as one of those (it labels most laws LAW, which no page shows), so a row of
    the law stood among the article's bodies. Only the whole span: "<Made-up> Act Coalition"
    and "<Made-up> Constitution Society" are bodies."""
    return [m for m in mentions if m.type == "DATE" or not _LAW.fullmatch(m.text)]


def _named(surface: str, start: int, etype: str, canonical: Canonical) -> Mention:
    name, etype = canonical(surface, etype)
    return Mention(surface, start, start + len(surface), etype, name)
