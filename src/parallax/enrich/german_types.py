"""How a German capitalised span that no alias names is typed: a lone word, a place, a
recurring surname.

Why apart from ``entities``: German capitalises every noun, so its spans need evidence the
other languages' gazetteer does without (a place's ending, a preposition before it, a surname
seen again); the rules grew over three sessions (eighteenth and nineteenth,
docs/enrichment.md) and kept the shared finder over its size.
"""

from __future__ import annotations

import re

from parallax.enrich.german_lexicon import opening
from parallax.enrich.german_names import GermanWords, is_first_name
from parallax.records import Mention

GERMAN_PLACE = re.compile(r"(land|tal|burg|stadt|dorf|heim|hausen|ingen|berg|bach|feld|furt|"
                          r"hafen|kirchen|rode|münde|see|ow|itz|and)$")
#: not "-berg": it ends more surnames and firms met without a given name ("sagte <Nachname>berg",
#: the news agency "<Name>berg") than towns met without a preposition (eighteenth session,
#: helper R, docs/robustness.md)
GERMAN_TOWN = re.compile(r"(?:land|burg|stadt|dorf|hausen|heim|ingen|furt)$")
GERMAN_PLACE_HEAD = re.compile(r"^(Region|Hauptstadt|Stadt|Provinz|Gebiet|Kreis|Landkreis|"
                               r"Gemeinde|Dorf|Fluss|Insel|Bezirk|Kanton|Oblast)$")
GERMAN_NOT_NAME = re.compile(
    r"^(Millionen|Tausende|Hunderte|Dutzende|Ende|Anfang|Mitte|Januar|Februar|März|April|Mai|"
    r"Juni|Juli|August|September|Oktober|November|Dezember|Montag|Dienstag|Mittwoch|"
    r"Donnerstag|Freitag|Samstag|Sonntag|Menschen|Prozent|Euro|Jahr|Jahre|Jahren)$")
MIXED_ACRONYM = re.compile(r"^[A-ZÄÖÜ][a-zäöü]{0,3}[A-ZÄÖÜ][\wÄÖÜäöü]*$")


def german_single(text: str, start: int, end: int, surface: str,
                  german_words: GermanWords | None) -> Mention:
    """German capitalises every noun: a lone word is a name only with a name's marks —
    an acronym (GBV, GdZ, MetVenn), a place ending after a preposition (in Vennland),
    or a surname used again in the text."""
    if MIXED_ACRONYM.match(surface) or (surface.isupper() and 2 <= len(surface) <= 6):
        return Mention(surface, start, end, "ORG", surface)
    before = text[max(0, start - 12):start].split()
    prev = before[-1].lower() if before else ""
    if GERMAN_PLACE.search(surface.lower()) and prev in (
            "in", "nach", "aus", "von", "im", "bei", "für", "über", "gegen", "zwischen"):
        return Mention(surface, start, end, "GPE", surface)
    if german_words is not None and place_name(text, start, surface, german_words):
        return Mention(surface, start, end, "GPE", surface)  # "Vennland", not "Ausland"
    # kept only if linked to a full name later, else dropped
    return Mention(surface, start, end, "CANDIDATE", surface)


def place_name(text: str, start: int, surface: str, words: GermanWords) -> bool:
    """A place's ending with no preposition: no common word, not a surname ("Aron
    Felsberg"), and seen twice or inside a sentence (a noun opens many sentences)."""
    if not GERMAN_TOWN.search(surface) or words.noun(surface) \
            or words.written_lower(surface):
        return False
    sightings = list(re.finditer(rf"(\w+ )?{re.escape(surface)}\b", text))
    if any(m.group(1) and is_first_name(m.group(1)[:-1]) for m in sightings):
        return False
    return len(sightings) >= 2 or not opening(text, start)


def surname_reused(text: str, surname: str) -> bool:
    """'Hanna Roloff … Roloff sagte': a German noun pair whose last word recurs alone."""
    return len(re.findall(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", text)) >= 2
