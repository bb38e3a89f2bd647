"""Which words of a German capitalised span are a name, and what kind of name.

Why: German capitalises every noun, so the gazetteer's spans glue nouns to names ("<noun>
<country>s", "<name> <noun>"), stand for noun phrases ("Diese Reform", "Vier Städte") and
were typed PERSON because a noun recurs like a surname (eighteenth session, helper E: 40
SemEval-2023 German training articles judged by hand, docs/enrichment.md). A word is taken as
a common word when the learnt lexicon (``german_lexicon``) lists it, when the article itself
writes it after an article or a number at least half the time, when a known noun is its
compound head ("Wetterbehörde" ends in one), or when it is written in lower case (an adjective,
a verb, a pronoun). Given names, alias-table names and acronyms are never common words. A span is
cut at its common nouns. An adjective capitalised mid-sentence opens a name of its own ("im
Roten Meer", "den Vereinigten Staaten"), typed by its head noun; at a sentence start it is
no evidence.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from itertools import pairwise

from parallax.enrich.german_lexicon import (
    ADJECTIVE_ENDING,
    DETERMINERS,
    NOUN_ENDINGS,
    load,
    noun_context,
    opening,
)
from parallax.enrich.german_lexicon import (
    adjective as adjective_form,
)
from parallax.enrich.german_places import CASE_ENDING
from parallax.enrich.quotes_genders import FEMALE, MALE
from parallax.records import Mention
from parallax.textutil import whole_word

#: endings of German place names: a known noun as the head of such a word ("Russ-land",
#: "Branden-burg") does not make it a noun
_PLACE_HEADS = ("land", "burg", "berg", "stadt", "dorf", "heim", "hausen", "feld", "furt",
                "bach", "tal", "see", "hafen", "kirchen", "brück", "brücken", "au", "wald")
#: a company's legal form or group word after its name ("<name> AG", "<name> Energy")
COMPANY = re.compile(r"^(?:AG|GmbH|SE|KG|KGaA|Holding|Konzern|Group|Energy)$")
#: a surname's particle after a given name ("<given> von <surname>")
_PARTICLES = frozenset({"von", "van", "de", "zu"})
_CONNECTORS = frozenset({"von", "der", "des", "de", "van", "al", "bin", "of", "the", "for", "zu"})
_GERMAN_FIRST = frozenset("""
Alexander Andreas Annalena Armin Axel Bernd Boris Christian Christoph Christine Cem Dietmar
Dieter Dirk Elke Emmanuel Florian Frank Franziska Friedrich Gerhard Gregor Hans Heiko Heinz
Helmut Hubertus Horst Jens Joachim Johannes Jürgen Kai Karin Karl Karsten Katja Kathrin
Klaus Kevin Lars Malu Manuela Marie-Agnes Markus Matthias Michael Nancy Olaf Oskar Otto
Ralf Ralph Robert Rolf Sahra Sebastian Stefan Steffen Svenja Thomas Thorsten Ulrich Ursula
Uwe Volker Walter Werner Wolfgang Wladimir Wolodymyr Dmitri Dmitrij Sergej Sergei Juri
Olena Olaf Hannes Herbert Karl-Heinz Friedrich-Wilhelm Hanna Lukas Jan Jonas Leon Paul
Felix Max Tim Tobias Niklas Julia Laura Lena Sarah Anna Lea Sophie Katharina Monika Sabine
Petra Claudia Andrea Birgit Susanne Gabriele Heike Angelika Angela Ulla Renate Ingrid
Recep Tayyip Jair Xi Kim Joe Ann Igor Irina Radoslaw Zbigniew Volodymyr Anthony Edward Ben
Alexei Alexej Jewgeni Ramsan Viktor Viktoria Emine Luiz Agnes Aron Benedikt Bettina Britta
Carsten Cornelia Daniela Detlef Dorothee Eckhard Elisabeth Emil Erik Ernst Eva Fabian Frieda
Georg Gerd Gisela Gudrun Günter Günther Hannelore Harald Hartmut Heidi Heinrich Helga
Hendrik Henning Hermann Hildegard Holger Ilse Ines Ingo Jakob Jana Jannik Jochen Jörg Josef
Judith Julian Jutta Kerstin Konrad Kristina Leonie Lothar Lutz Manfred Marco Mareike Marion
Martina Melanie Mia Moritz Nadine Nicole Nils Norbert Patrick Philipp Reinhard Reiner Rainer
Rüdiger Silke Simone Sven Theo Till Timo Torsten Ute Vanessa Waltraud Wilhelm Wiebke Yvonne
Ahmet Ahmed Ali Ayşe Deniz Emre Fatma Hakan Mehmet Murat Mustafa Özlem Yusuf Zeynep Hassan
Mohammed Mahmud Omar Olga Oleg Natalja Pjotr Andrij Mykola Petro Vitali Vitaly Jens-Peter
Giorgia Mario Pedro Justin Rishi Liz Keir Ursula Charles Mette Sanna Ann-Kristin
""".split())
#: acronyms German news writes for common nouns, no organisation's (general knowledge): gas,
#: television, a car, a test, the GDP, PR, an AI, a lorry, a power plant, a mayor's election,
#: a disease (also written as a word: "Covid", "Aids"), a premier, units of power
COMMON_ACRONYMS = frozenset("""LNG TV SUV PCR BIP PR SMS OB CEO KI IT PC PDF GPS DNA RNA LKW
PKW AKW KKW FAQ USB CO COVID SARS HIV AIDS MP GW GWh MW MWh TWh""".split())
#: English words that open names German news quotes ("New York", "New Delhi"); no German
#: word is written so, though an article often stands before them ("der New York Times")
_ENGLISH_OPENERS = frozenset({"New"})
#: heads of a German adjective name ("Roten Meer", "Nordischen Rat", "Zweiten Weltkrieg")
_PLACE_NOUNS = re.compile(r"(?:meer|meeres|ozean|ozeans|see|osten|westen|norden|südens?|staaten|"
                          r"föderation|republik|emirate|inseln|insel|küste|gebirge|halbinsel|"
                          r"wald|waldes|region|königreich|reich|reichs)$")
_ORG_NOUNS = re.compile(r"(?:rat|rates|rats|haus|hauses|bank|partei|union|gericht|gerichtshof|"
                        r"forum|kommission|parlament|amt|amts|amtes|institut|agentur|bund|"
                        r"bundes|ministerium|komitee|organisation|kirche|zeitung|armee|front)$")
_EVENT_NOUNS = re.compile(r"(?:krieg|krieges|kriegs|revolution|spiele|gipfel|gipfels)$")


#: a person's role noun before a name ("Finanzministerin Hanna Roloff", "Papst <name>")
PERSON_ROLE = re.compile(
    r"(?:minister|ministerin|kanzler|kanzlerin|chef|chefin|sprecher|sprecherin|präsident|"
    r"präsidentin|bürgermeister|bürgermeisterin|direktor|direktorin|leiter|leiterin|"
    r"vorsitzende[rn]?|botschafter|botschafterin|richter|richterin|anwalt|anwältin|trainer|"
    r"trainerin|papst|herr|herrn|frau|generalmajor|general|journalist|journalisten|"
    r"moderator|moderatorin|fotograf|fotografen|professor|professorin|dr|beauftragte[rn]?|"
    r"abgeordnete[rn]?|korrespondent|korrespondentin|reporter|reporterin)$", re.IGNORECASE)
ROLE_NOUN = re.compile(PERSON_ROLE.pattern[:-2] + r"|regierung|ministerium|behörde|polizei|"
                       r"feuerwehr)$", re.IGNORECASE)
#: a place's head noun before its name ("Stadt <name>", "Region <name>")
PLACE_HEAD = re.compile(r"^(?:Region|Hauptstadt|Stadt|Provinz|Gebiet|Kreis|Landkreis|Gemeinde|"
                        r"Dorf|Fluss|Insel|Bezirk|Kanton|Oblast|Bundesland|Ort|Hafenstadt|"
                        r"Schloss|Kloster)$")

_ADJECTIVE_SHAPE = re.compile(r"(?:^(?:erst|zweit|dritt|viert|fünft|sechst|siebt|acht|neunt|zehnt)"
                              r"|isch|lich|ig)" + ADJECTIVE_ENDING + "$")


def english_opener(tokens: list[str]) -> bool:
    """'New York': in German text the English word opens the name, no stop word to strip."""
    return len(tokens) > 1 and tokens[0] in _ENGLISH_OPENERS


def is_first_name(word: str) -> bool:
    return word in _GERMAN_FIRST or word in MALE or word in FEMALE


class GermanWords:
    """The common-word evidence of one German article."""

    def __init__(self, text: str, lowercase: set[str]) -> None:
        self.nouns, self.lower = load()
        self.lowercase = lowercase
        words = re.findall(r"[\wÄÖÜäöüß][\wÄÖÜäöüß-]*", text)
        seen: Counter[str] = Counter(w for w in words if w[0].isupper())
        after = Counter(w for before, w in pairwise(words)
                        if w[0].isupper() and noun_context(before.lower(), False))
        #: "die Regierung" each time, not "in dem <name> ..." once
        self.after_article = {w.lower() for w, n in after.items() if 2 * n >= seen[w]}

    def noun(self, word: str) -> bool:
        if word in _ENGLISH_OPENERS:
            return False  # "der New York Times": after an article, but no German word
        head = word.split("-")
        if len(head) > 1 and head[0].isupper() and len(head[-1]) >= 4 and head[-1][1:].islower():
            return True  # "EU-Behörde", "ZDF-Reporter": the acronym is found alone
        key = word.lower().split("-")[-1] or word.lower()
        if key in self.nouns or key in self.after_article or NOUN_ENDINGS.search(key) \
                or ROLE_NOUN.search(key) or key.upper() in COMMON_ACRONYMS:
            return True
        if self._known_form(key):
            return True
        if key.endswith(_PLACE_HEADS):
            return False
        return any(self._known_form(key[i:]) for i in range(3, len(key) - 4))  # compound head

    def _known_form(self, key: str) -> bool:
        """A known noun, or its plural or genitive ("Gespräch" -> "Gespräche")."""
        if key in self.nouns:
            return True
        return any(key.endswith(cut) and len(key) - len(cut) >= 4 and key[:-len(cut)] in self.nouns
                   for cut in ("s", "es", "n", "en", "e", "er"))

    def written_lower(self, word: str) -> bool:
        """An adjective, verb or pronoun: seen in lower case, or an adjective's shape
        ("-ischen") or an ordinal's ("Zweiten")."""
        key = word.lower()
        return (key in self.lowercase or key in self.lower
                or _ADJECTIVE_SHAPE.search(key) is not None)


def name_runs(text: str, start: int, tokens: list[str], words: GermanWords,
              is_name: Callable[[str], bool]) -> list[tuple[int, list[str], str]]:
    """The name parts of one span: (start, tokens, kind) for each, kind "name", "adjective"
    (an adjective name), "place" (after "Stadt", "Region" ...) or "person" (after a person's
    role noun: "Präsident", "Papst").

    ``is_name(token)`` says a token is a known name (an alias-table entry, an acronym, a given
    name), which no lexicon evidence overrides; the word after a given name is a name too."""
    runs: list[tuple[int, list[str], str]] = []
    current: list[str] = []
    run_start, kind, dropped = start, "name", ""
    offset = start

    def close() -> None:
        while current and current[-1].lower() in _CONNECTORS:
            current.pop()
        if current:
            runs.append((run_start, list(current), kind))
        current.clear()

    for token in tokens:
        here, offset = offset, offset + len(token) + 1
        if token.lower() in _CONNECTORS and token[0].islower():
            if kind == "adjective":
                close()  # "beim Treffen der <name>": a verb's shape, no adjective name
                kind = "name"
            elif current:
                current.append(token)
            dropped = ""
            continue
        if COMPANY.match(token) and not current and dropped \
                and dropped.lower() not in DETERMINERS:  # "Jede GmbH": no name before it
            run_start, kind = here - len(dropped) - 1, "name"
            current.append(dropped)  # "die Vorbek AG": the word before the suffix is the name
            if runs and runs[-1][0] + len(" ".join(runs[-1][1])) + 1 == run_start:
                run_start, previous, _ = runs.pop()  # "<ACRONYM> Holding-noun AG": all of it
                current[:0] = previous
        known = is_name(token) or (bool(current) and is_first_name(current[-1])) \
            or _after_particle(current)
        lower = not known and words.written_lower(token)
        noun = not known and not lower and words.noun(token)
        if lower and not current and adjective_form(token.lower()) \
                and not opening(text, here):
            current.append(token)  # "Roten" mid-sentence: the start of a name
            run_start, kind = here, "adjective"
        elif kind == "adjective" and current and not known:
            current.append(token)  # its head noun
            close()
            kind = "name"
        elif noun or lower:
            close()
            kind, dropped = "name", token
        else:
            if not current:
                run_start = here
                kind = "place" if PLACE_HEAD.match(dropped) else \
                    "person" if PERSON_ROLE.search(dropped) and token[1:].islower() else "name"
            elif kind == "adjective":
                close()
                run_start, kind = here, "name"
            current.append(token)
            dropped = ""
    close()
    found = []
    for at, run, what in runs:
        if what == "adjective" and len(run) == 1:
            continue
        if what == "name" and len(run) >= 4 and is_first_name(run[0]) and run[1][0].isupper() \
                and run[2] == "von":  # "<given> <surname> von <body>": a person, then a name
            found.append((at, run[:2], "person"))
            at += len(" ".join(run[:3])) + 1
            run = run[3:]
            while run and run[0].islower():
                at, run = at + len(run[0]) + 1, run[1:]
        elif what == "name" and 3 <= len(run) <= 4 and is_first_name(run[0]) \
                and run[1] in _PARTICLES and run[-1][0].isupper():
            what = "person"  # "<given> von der <surname>"
        if what == "name" and len(run) >= 3 and not is_first_name(run[0]) \
                and is_first_name(run[1]):  # "<job> Deniz Aksoy": the name starts at the given name
            at, run = at + len(run[0]) + 1, run[1:]
        if run:
            found.extend(split_run(text, at, run, what, words, is_name))
    return found


#: a connector inside a span that no name of a person or place needs: "<noun> der <name>",
#: "<noun> von <name>" (a particle after a given name is kept: "<given> von <surname>")
_SPLIT_AT = frozenset({"der", "des", "dem", "von", "vom"})


def split_run(text: str, at: int, run: list[str], kind: str, words: GermanWords,
              is_name: Callable[[str], bool]) -> list[tuple[int, list[str], str]]:
    """One name part as the names it holds. A German span runs across a connector ("nach
    Angaben von <name>", "im Zuge der <name>"), a genitive before its noun ("<country>s
    <noun>"), a long compound noun before an unlisted given name ("<Compound> <given>
    <surname>") and a subject before its object ("<given> <surname> <country> beschuldigte");
    each was shown as one name (twentieth session, helper E4, docs/enrichment.md)."""
    if len(run) < 2 or is_name(" ".join(run)):
        return [(at, run, kind)]
    cut = next((i for i, w in enumerate(run[1:-1], 1) if w in _SPLIT_AT), 0)
    if kind == "name" and cut and not is_first_name(run[0]):
        right_at = at + len(" ".join(run[:cut + 1])) + 1
        left = [] if any(words.noun(w) for w in run[:cut]) else [(at, run[:cut], kind)]
        return [*left, *split_run(text, right_at, run[cut + 1:], kind, words, is_name)]
    first = run[0]
    if kind == "name" and _genitive(text, first, words, is_name):
        return [(at, [first], kind),
                *split_run(text, at + len(first) + 1, run[1:], kind, words, is_name)]
    if len(run) != 3 or not all(w.isalpha() and w[1:].islower() for w in run[1:]) \
            or COMPANY.match(run[2]):
        return [(at, run, kind)]
    if not is_first_name(run[1]) and _alone(text, run[2], before=run[1]) \
            and (is_name(run[1]) or _alone(text, run[1], after=run[2])):
        return [(at, run[:2], kind), (at + len(" ".join(run[:2])) + 1, run[2:], "name")]
    if kind == "name" and not is_first_name(first) and not is_name(run[1]) \
            and _alone(text, run[2], before=run[1]):
        rest = (at + len(first) + 1, run[1:], kind)
        if is_name(first):
            return [(at, [first], kind), rest]  # "<body> <given> <surname>"
        if len(first) >= 12 and first.isalpha() and first[1:].islower():
            return [rest]  # "<Compound noun> <given> <surname>"
    return [(at, run, kind)]


def _genitive(text: str, word: str, words: GermanWords, is_name: Callable[[str], bool]) -> bool:
    """'<name>s' before its noun: the name without its "-s" is known or met alone."""
    if not (word.endswith("s") and len(word) > 4 and word[-2] != "s" and word[1:].islower()) \
            or is_first_name(word) or words.written_lower(word) or adjective_form(word.lower()):
        return False
    return is_name(word[:-1]) or _alone(text, word[:-1])


def _alone(text: str, word: str, before: str = "", after: str = "") -> bool:
    """``word`` met in the text (as a word) once at least without ``before`` right before it or
    ``after`` right after it."""
    for m in whole_word(word, hyphen=True).finditer(text):
        ahead = text[max(0, m.start() - len(before) - 1):m.start()]
        behind = text[m.end():m.end() + len(after) + 1]
        if (not before or ahead != before + " ") and (not after or behind != " " + after):
            return True
    return False


def _after_particle(current: list[str]) -> bool:
    """'<given> von der' before this token: the token is the surname, whatever the article
    before it says ("der <word>" reads as a noun's article, and the surname was cut off)."""
    return len(current) >= 3 and current[-1] in ("der", "den", "dem") \
        and current[-2] in ("von", "van") and is_first_name(current[-3])


def adjective_name_type(tokens: list[str]) -> str:
    head = tokens[-1].lower()
    if _PLACE_NOUNS.search(head):
        return "GPE"
    if _ORG_NOUNS.search(head):
        return "ORG"
    if _EVENT_NOUNS.search(head):
        return "EVENT"
    return "MISC"


def merge_inflections(mentions: list[Mention], text: str, words: GermanWords) -> None:
    """One canonical for a German name's case forms ("der Nordische Rat", "des Nordischen
    Rates"), where no alias gave another: its base form (``base_form``)."""
    groups: dict[tuple[str, ...], list[Mention]] = {}
    for m in mentions:
        parts = m.text.split()
        if len(parts) < 2 or m.canonical != m.text or m.type == "PERSON":
            continue
        groups.setdefault(tuple(CASE_ENDING.sub("", w.lower()) for w in parts), []).append(m)
    for group in groups.values():
        canonical = base_form(group, text, words)
        for m in group:
            m.canonical = canonical


#: a singular case before an adjective name: its adjective's "-en" is the nominative's "-e"
#: ("im Nordischen Rat", "zur Arktischen Kommission"); "des" also adds the noun's "-(e)s"
_SINGULAR = frozenset({"dem", "einem", "im", "am", "vom", "zum", "beim", "zur"})
_GENITIVE = frozenset({"des", "eines"})
#: a feminine singular head: after "der" its adjective is singular too, not a plural's
#: ("der Europäischen Kommission", not "der Vereinigten Staaten")
_FEMININE = re.compile(r"(?:ion|ung|ei|heit|keit|schaft|ität|ik|ur|enz|anz|ie|bank|kirche|"
                       r"front|armee|zeitung|agentur|union|ordnung)$")


def base_form(group: list[Mention], text: str, words: GermanWords) -> str:
    """The name a reader looks up: the nominative seen ("das Rote Meer", "Grüner Pass"), else
    one made from a singular case ("dem Nationalen Rat" -> "Nationale Rat", "des Nationalen
    Rates" -> "Nationale Rat"), else the first form seen (a plural's or an unsure case)."""
    first = group[0].text.split()
    if not all(w[0].isupper() and adjective_form(w.lower()) and words.written_lower(w)
               for w in first[:-1]):
        return group[0].text  # not an adjective name ("Treffen der <acronym>", "Pride Week")
    for m in group:
        parts = m.text.split()[:-1]
        article = word_before(text, m.start) in DETERMINERS
        if all(w.endswith("e") for w in parts) or (not article and (
                all(w.endswith("er") for w in parts) or all(w.endswith("es") for w in parts))):
            return m.text
    for m in group:
        parts, before = m.text.split(), word_before(text, m.start)
        head = parts[-1]
        if before in _GENITIVE:
            head = _genitive_cut(head)
        elif before not in _SINGULAR and not (before in ("der", "einer")
                                              and _FEMININE.search(head.lower())):
            continue
        if all(w.endswith("en") for w in parts[:-1]):
            return " ".join([*(w[:-1] for w in parts[:-1]), head])
    return group[0].text


def word_before(text: str, start: int) -> str:
    """The word right before ``start``, lower-cased ("" at the text's start): the article
    or preposition that tells a German name's case or kind."""
    words = text[max(0, start - 12):start].split()
    return words[-1].lower() if words else ""


def _genitive_cut(noun: str) -> str:
    """"Rates" -> "Rat", "Hauses" -> "Haus", "Südens" -> "Süden", "Komitees" -> "Komitee"."""
    if len(noun) > 4 and noun.endswith("es") and noun[-3] not in "aeiouäöü":
        return noun[:-2]
    return noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun
