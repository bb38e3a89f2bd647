"""How a German capitalised span that no alias names is typed: a lone word, a place, a
recurring surname, a country's name that stands for its people.

Why apart from ``entities``: German capitalises every noun, so its spans need evidence the
other languages' gazetteer does without (a place's ending, a preposition or an article before
it, a surname seen again, an organisation's last word); the rules grew over two sessions
(eighteenth and nineteenth, docs/enrichment.md) and kept the shared finder over its size.
"""

from __future__ import annotations

import re

from parallax.enrich.german_lexicon import DETERMINERS, adjective, opening
from parallax.enrich.german_names import (
    COMMON_ACRONYMS,
    GermanWords,
    english_opener,
    is_first_name,
    word_before,
)
from parallax.records import Mention
from parallax.textutil import whole_word

GERMAN_PLACE = re.compile(r"(land|tal|burg|stadt|dorf|heim|hausen|ingen|berg|bach|feld|furt|"
                          r"hafen|kirchen|rode|münde|see|ow|itz|and|stedt)$")
#: a town takes no article ("in Altstedt", never "im Altstedt"): after one, a town's ending is a
#: noun's ("im Vorfeld", "die Altstadt"); regions and lakes take one ("im Saarland", "am
#: Bodensee"), so their endings are left out
_REGION_ENDING = re.compile(r"(?:land|tal|see)$")
_ARTICLES = DETERMINERS | {"im", "am"}
#: a preposition or adverb glued to a place's head word is a common noun, never a name:
#: "Vorfeld", "Inland", "Übersee", "Innenstadt" (a town ending alone is no evidence against it)
_PREFIX_NOUN = re.compile(r"^(?:in|aus|um|vor|über|hinter|innen|außen)"
                          r"(?:land|feld|stadt|see|dorf)$")
#: "-and" ends "Vennland" or an island's name, but also these nouns' compounds ("in Brand",
#: "im Bestand", "der Verband"); not "-rand", a coast's name's end
_AND_NOUN = re.compile(r"(?:stand|brand|band|wand|pfand)$")
#: not "-berg": it ends more surnames and firms met without a given name ("sagte <Nachname>berg",
#: the news agency "<Name>berg") than towns met without a preposition (eighteenth session,
#: helper R, docs/robustness.md)
GERMAN_TOWN = re.compile(r"(?:land|burg|stadt|dorf|hausen|heim|ingen|furt)$")
GERMAN_PLACE_HEAD = re.compile(r"^(Region|Hauptstadt|Stadt|Provinz|Gebiet|Kreis|Landkreis|"
                               r"Gemeinde|Dorf|Fluss|Insel|Bezirk|Kanton|Oblast|Schloss|"
                               r"Kloster)$")
GERMAN_NOT_NAME = re.compile(
    r"^(Millionen|Tausende|Hunderte|Dutzende|Ende|Anfang|Mitte|Januar|Februar|März|April|Mai|"
    r"Juni|Juli|August|September|Oktober|November|Dezember|Montag|Dienstag|Mittwoch|"
    r"Donnerstag|Freitag|Samstag|Sonntag|Menschen|Prozent|Euro|Jahr|Jahre|Jahren)$")
#: a sports club's mark before its town ("FC <town>", "Union <town>"): the name is a club, not
#: a person whose "surname" recurs (the town is named alone too)
CLUB = re.compile(r"^(?:FC|SC|SV|VfB|VfL|TSV|TSG|FSV|SpVgg|Union|Eintracht|Borussia|Fortuna|"
                  r"Dynamo|Hertha|Werder|Arminia|Hansa|Rapid)$")
#: countries and regions whose German name is also their people's plural or a club's nickname
#: ("die Polen wählten", "die Bayern gewannen"); the others' people have a name of their own
_PEOPLE_PLURAL = frozenset({"Polen", "Schweden", "Ungarn", "Bayern", "Sachsen", "Hessen",
                            "Niedersachsen", "Schwaben", "Preußen"})
#: words before a plural noun that no country's name takes: these countries are neuter and take
#: no article ("in Polen"; "das heutige Polen" has a singular one)
_PLURAL_BEFORE = frozenset("""die der den viele vielen alle allen einige einigen mehrere wenige
wenigen manche manchen zwei drei vier fünf sechs sieben acht neun zehn zwölf hundert hunderte
tausend tausende millionen dutzende""".split())
#: last words of an organisation's or a medium's name that the shared ORG_WORDS lack (German
#: articles quote English names: "<name> Online", "<name> Insider"), and an event's
_ORG_TAIL = frozenset("""online insider finance cruises club klub research initiative
foundation stiftung verlag media capital partners airlines airways holdings""".split())
#: an institution's head noun after a person's name it bears ("<given> <surname>-Institut")
_ORG_HEAD = re.compile(r"institut|stiftung|klinikum|klinik|zentrum|universität|gesellschaft|"
                       r"verband|verein|preis|schule|gymnasium|museum")
_EVENT_TAIL = frozenset({"week", "woche"})
_WORK_TAIL = frozenset({"show", "podcast", "blog"})
_ROMAN = re.compile(r"^(?:I{1,3}|IV|VI{0,3}|IX|XI{0,3})$")
#: a digit glued to an acronym makes a code, not a name: "CO2", "CO₂", "FFP2", "COVID-19",
#: "<ACRONYM>-161"
_CODE_AFTER = re.compile(r"-?[0-9₀-₉]")
#: a genitive "-s" that a surname's own end cannot be mistaken for (see ``person_mention``)
_GENITIVE_S = re.compile(r"[^\Waeiouyäöüsxzß]s$")
_NEXT_WORD = re.compile(r" (\S+)")
#: the digits after "G" that name a group of states ("G7", "G20"); the span stops at a digit
_GROUP = re.compile(r"[0-9]{1,2}(?![0-9])")
MIXED_ACRONYM = re.compile(r"^[A-ZÄÖÜ][a-zäöü]{0,3}[A-ZÄÖÜ][\wÄÖÜäöü]*$")


def german_single(text: str, start: int, end: int, surface: str,
                  german_words: GermanWords | None) -> Mention:
    """German capitalises every noun: a lone word is a name only with a name's marks —
    an acronym (GBV, GdZ, MetVenn), a place ending after a preposition (in Vennland),
    or a surname used again in the text."""
    if surface == "G" and (group := _GROUP.match(text, end)):  # "G7", "G20": the forum
        return Mention(surface + group.group(), start, group.end(), "ORG", surface + group.group())
    if MIXED_ACRONYM.match(surface) or (surface.isupper() and 2 <= len(surface) <= 6):
        if surface in COMMON_ACRONYMS or _CODE_AFTER.match(text, end) or _ROMAN.match(surface):
            return Mention(surface, start, end, "CANDIDATE", surface)  # "CO2", "COVID-19", "II"
        return Mention(surface, start, end, "ORG", surface)
    prev = word_before(text, start)
    if common_place_word(surface, prev, german_words):
        return Mention(surface, start, end, "CANDIDATE", surface)
    if GERMAN_PLACE.search(surface.lower()) and prev in (
            "in", "nach", "aus", "von", "im", "bei", "für", "über", "gegen", "zwischen"):
        return Mention(surface, start, end, "GPE", surface)
    if german_words is not None and place_name(text, start, surface, german_words):
        return Mention(surface, start, end, "GPE", surface)  # "Vennland", not "Ausland"
    # kept only if linked to a full name later, else dropped
    return Mention(surface, start, end, "CANDIDATE", surface)


def common_place_word(surface: str, prev: str, words: GermanWords | None) -> bool:
    """A word with a place's ending that is a common noun: a preposition glued to a head word
    ("Vorfeld"), an "-and" noun ("Brand"), or a town's ending after an article, here or in at
    least half of the article's sightings ("im Suchfeld", "die Altstadt ... der Altstadt")."""
    key = surface.lower()
    if _PREFIX_NOUN.match(key) or _AND_NOUN.search(key):
        return True
    if _REGION_ENDING.search(key):
        return False
    return prev in _ARTICLES or (words is not None and key in words.after_article)


def place_name(text: str, start: int, surface: str, words: GermanWords) -> bool:
    """A place's ending with no preposition: no common word, not a surname ("Aron
    Felsberg"), not joined to a common noun by "und"/"oder" ("Krankenhaus und Pflegeheim"),
    and seen twice or inside a sentence (a noun opens many sentences)."""
    if not GERMAN_TOWN.search(surface) or words.noun(surface) \
            or words.written_lower(surface):
        return False
    before = text[max(0, start - 40):start].split()[-2:]
    if len(before) == 2 and before[1] in ("und", "oder") and before[0][0].isupper() \
            and words.noun(before[0]):
        return False  # "<noun> und Pflegeheim": a noun beside a noun
    sightings = list(re.finditer(rf"(\w+ )?{re.escape(surface)}\b", text))
    if any(m.group(1) and is_first_name(m.group(1)[:-1]) for m in sightings):
        return False
    return len(sightings) >= 2 or not opening(text, start)


def surname_reused(text: str, surname: str) -> bool:
    """'Hanna Roloff … Roloff sagte': a German noun pair whose last word recurs alone."""
    return len(whole_word(surname, hyphen=True).findall(text)) >= 2


def people_reading(text: str, start: int, surface: str) -> bool:
    """'die Polen', 'viele junge Schweden', '300 Ungarn': the people, not the country (no entity:
    a demonym is none, and a country there is a wrong name)."""
    if surface not in _PEOPLE_PLURAL:
        return False
    before = text[max(0, start - 60):start].split()[-4:]
    while before and before[-1].islower() and adjective(before[-1]):
        before.pop()  # "die jungen Polen"
    if not before or (before[-1].lower() not in _PLURAL_BEFORE and not before[-1].isdigit()):
        return False
    # "..., die Polen für sich hält": a relative pronoun after the comma, the country its object
    return not (before[-1].lower() in ("die", "der", "den") and len(before) > 1
                and before[-2].endswith(","))


def not_a_person(text: str, start: int, words: list[str], org_word: bool,
                 given: bool) -> str | None:
    """The type of a name that looks like a person's (a ``given`` name first, or a last word
    that recurs like a surname) but is none: an organisation's last word ("<name> Online",
    ``org_word``: the shared list's "<name> Post"; an institute's hyphen head: "<given>
    <surname>-Institut") or an English "The" before it (a medium's title), an English "New"
    before one word (a place: "New York"), an event's or a programme's last word ("<name>
    Week", "<name> Show"); without a given name also a roman numeral, a digit or a word in
    capitals ("<name> II", a shouted headline). None for a person. The shared list's words
    are surnames too ("Post", "Bank", "Rat"): they make an ORG only without a given name and
    where the word never stands alone ("<name> Post ... Post sagte" is a person's surname used
    again)."""
    last = words[-1].lower()
    org_word = org_word and not given and not _stands_alone(text, words)
    if org_word or last in _ORG_TAIL or text[max(0, start - 4):start] == "The " \
            or ("-" in last and _ORG_HEAD.fullmatch(last.rsplit("-", 1)[-1])):
        return "ORG"
    if len(words) == 2 and english_opener(words):
        return "GPE"  # "New York": its second word recurs in "New York Times"
    if last in _EVENT_TAIL:
        return "EVENT"
    if last in _WORK_TAIL:
        return "MISC"
    if not given and any(_ROMAN.match(w) or (w.isupper() and len(w) >= 2)
                         or any(c.isdigit() for c in w) for w in words):
        return "MISC"
    return None


def _stands_alone(text: str, words: list[str]) -> bool:
    """The name's last word met without the word before it ("Post betonte"), as a surname is."""
    before = words[-2] + " "
    return any(text[max(0, m.start() - len(before)):m.start()] != before
               for m in whole_word(words[-1], hyphen=True).finditer(text))


def person_mention(text: str, start: int, surface: str, etype: str) -> Mention:
    """A German name typed ``etype``; a person's genitive loses its "-s" ("<given> <surname>s
    <noun>": the surname was kept with it where it is never written alone), so the name shown
    and linked is the nominative. Only where the name with its "-s" always stands before a noun
    phrase (a capital, an inflected adjective, an opening quote: "<surname>s sagte" is a
    nominative), and only after a consonant: after a vowel it can be the name's own
    ("Gates", "Santos", "Douglas", "Davis")."""
    end = start + len(surface)
    last = surface.split()[-1]
    if etype == "PERSON" and " " in surface and _GENITIVE_S.search(last) \
            and all(_before_noun(text, m.end()) for m in
                    whole_word(last, hyphen=True).finditer(text)):
        surface, end = surface[:-1], end - 1
    return Mention(surface, start, end, etype, surface)


def _before_noun(text: str, end: int) -> bool:
    after = _NEXT_WORD.match(text, end)
    return after is not None and (after.group(1)[0] in "„“\"»«" or after.group(1)[0].isupper()
                                  or adjective(after.group(1)))
