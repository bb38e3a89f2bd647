"""Which type a name has where the recogniser's type contradicts the article: a lone surname
typed a place that is the article's person, a town typed a person that the article writes as a
place (English: spaCy's small model; Russian: natasha, a town in the instrumental). The entity
stage (``ner``) runs these after recognition; the corpus linker links names of one type only,
so a wrong type splits one entity in two across articles and languages.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from parallax.enrich.aliases import AliasEntry
from parallax.records import Mention
from parallax.textutil import fold

#: prepositions of a place; "from" only after a word of moving ("flew in from <town>"): a bare
#: "from <surname>" and "into <surname>" are as often a person's ("separately from <surname>",
#: "an investigation into <surname>": twenty-fourth session, 2 people typed places in 82
#: training documents kept apart from their full names by these two words)
_PLACE_PREPOSITION = (r"(?i:in|near|at|across|inside|outside|around|(?:flew|fled|came|comes|"
                      r"returned|travell?ed|moved|arrived|drove|escaped|in|out|back|home|away)"
                      r"\s+from)\s+")


def surnames_typed_places(mentions: list[Mention], text: str,
                           aliases: dict[str, AliasEntry]) -> None:
    """A lone word the small model typed a place that is the surname of the article's one
    person of that name is that person ("Kasich" / "John Kasich", "Leveson" / "Brian
    Leveson"): retyped a person here, the name-part linking then joins it. Why: the linking
    leaves places alone, and on the Dragnet tuning half (thirteenth session) 33 of 40 splits of
    a surname from its full name in one article were such places. Not when the word is a known
    name or stands after a place's preposition in the article ("in Houston")."""
    people: dict[str, set[str]] = {}
    for m in mentions:
        if m.type == "PERSON" and " " in m.canonical:
            people.setdefault(fold(m.canonical.split()[-1]), set()).add(m.canonical)
    if not people:
        return
    verdict: dict[str, bool] = {}
    for m in mentions:
        if m.type != "GPE" or " " in m.canonical or len(people.get(key := fold(m.canonical),
                                                                     ())) != 1:
            continue
        if key not in verdict:
            verdict[key] = key not in aliases and not re.search(
                rf"\b{_PLACE_PREPOSITION}{re.escape(m.canonical)}\b", text)
        if verdict[key]:
            m.type = "PERSON"


#: what only a place has: "<town>'s old pier", "the mayor of <town>" (made up)
_PLACE_NOUN = (r"(?:old\s+|new\s+)?(?:pier|harbou?r|port|docks|waterfront|seafront|"
               r"(?:city|town|county|village|borough|municipal)\s+council|town\s+hall|"
               r"city\s+hall|mayor|residents|inhabitants|townspeople|streets|outskirts|suburbs)")
_OF_PLACE = (r"(?:mayor|residents|inhabitants|citizens|streets|outskirts|suburbs|port|"
             r"harbou?r|council|town|city|village|municipality|county|district)\s+of\s+")

#: where the model's own GPE is evidence: after a place's preposition, no possessive after
#: ("in <town>", "out of <town>"); elsewhere it also types people GPE ("in <person>'s memoir",
#: "after <surname> in <year>", "as a <title>": real news, seventeenth session)
_AFTER_PLACE_WORD = re.compile(r"(?i:\b(?:in|near|through|across|outside|inside|around|into)"
                               r"|\bout\s+of)\s+(?:nearby\s+)?$")


def places_typed_people(mentions: list[Mention], text: str,
                         aliases: dict[str, AliasEntry]) -> None:
    """A lone word the small model typed a person that the article shows to be a place is
    that place: written as only a place is ("<town>'s old pier", "the council of <town>",
    "between <town> and <place>", made up), or typed a place after a place's preposition
    elsewhere in the article (``_AFTER_PLACE_WORD``). Why: an unknown town went PERSON in
    one sentence and GPE in the next, and the corpus linker links names of one type only, so
    a story listed a town's English and Russian spellings as two key entities (sixteenth
    session). Never a word of a person's full name in the article ("Jordan" after "Michael
    Jordan") or a person the alias table knows. The converse of ``surnames_typed_places``."""
    own = {fold(word) for m in mentions if m.type == "PERSON" and " " in m.canonical
           for word in m.canonical.split()}
    lone = [m for m in mentions if m.type == "PERSON" and " " not in m.canonical
            and fold(m.canonical) not in own and fold(m.canonical) not in aliases]
    speaks: dict[str, bool] = {}
    for m in lone:
        if m.text not in speaks:
            speaks[m.text] = _written_as_person(m.text, text)
    lone = [m for m in lone if not speaks[m.text]]
    if not lone:
        return
    written: dict[str, bool] = {}  # each name's text searched once, and only where it matters

    def as_place(name: str) -> bool:
        if name not in written:
            written[name] = _written_as_place(name, text)
        return written[name]

    typed: dict[str, list[Mention]] = {}
    for m in mentions:
        if m.type == "GPE":
            typed.setdefault(fold(m.canonical), []).append(m)
    places: set[str] = set()

    def place(key: str) -> bool:
        return key in places or any(
            key in aliases or as_place(m.text)
            or (_AFTER_PLACE_WORD.search(text[max(0, m.start - 20):m.start])
                and text[m.end:m.end + 2] not in ("'s", "’s")) for m in typed.get(key, ()))

    between: dict[str, list[str]] = {}
    for m in lone:
        if m.text not in between:
            name = re.escape(m.text)
            between[m.text] = [a or b for a, b in re.findall(
                rf"\bbetween\s+{name}\s+and\s+(?:the\s+)?([A-Z][\w-]*)\b"
                rf"|\bbetween\s+(?:the\s+)?([A-Z][\w-]*)\s+and\s+{name}\b", text)]
    for _ in range(2):  # "between <town> and <town>": the second may follow from the first
        for m in lone:
            if as_place(m.text) or place(fold(m.canonical)) or any(
                    place(fold(o)) for o in between[m.text]):
                places.add(fold(m.canonical))
    for m in lone:
        if fold(m.canonical) in places:
            m.type = "GPE"


#: what only a person is written as: "<X> said", "said <X>", "Dr <X>" (not "the mayor of <X>
#: said"); such a name is no place by "between <X> and <a place>" ("a meeting between <X> and
#: <capital> officials", made up, made a surname a place) nor by any other rule here
_PERSON_CUE = (r"(?<!\bof\s)(?<!\bin\s)(?<!\bfrom\s){word}\s+(?:said|says|told|added|argued|"
               r"asked|replied|wrote|insisted|warned)\b|\b(?:said|says|told|asked)\s+{word}\b"
               r"(?!['’])|\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen)\.?\s+{word}\b")


def _written_as_person(name: str, text: str) -> bool:
    return bool(re.search(_PERSON_CUE.format(word=r"\b" + re.escape(name)), text))


def _written_as_place(name: str, text: str) -> bool:
    word = re.escape(name)
    return bool(re.search(rf"\b{word}['’]s\s+{_PLACE_NOUN}\b", text)
                or re.search(rf"\b{_OF_PLACE}{word}\b(?!['’])", text))


def places_typed_people_ru(found: list[Mention], text: str, vocab: Any,
                           canonical: Callable[[str], str],
                           alias_canonicals: frozenset[str]) -> None:
    """A lone word natasha typed a person is the article's place when it shares a
    dictionary form with a word natasha typed that place ("между Велмарой и …": the town
    in the instrumental went PER, in the genitive LOC), or when it stands with a place in
    "между X и Y" (made-up towns). The Russian half of ``places_typed_people``: a town
    typed a person in one language and a place in the other was two key entities."""

    def forms(word: str) -> set[str]:
        return {p.normal_form for p in vocab.parse(word) if p.tag.POS == "NOUN"}

    own = {w for m in found if m.type == "PERSON" and " " in m.canonical
           for w in m.canonical.split()}
    places = {m.text: m.canonical for m in found if m.type == "GPE" and " " not in m.text}
    for _ in range(2):  # the second of "между X и Y" may follow from the first
        for m in found:
            if m.type != "PERSON" or " " in m.text + m.canonical or m.canonical in own:
                continue
            pair = re.search(rf"между\s+(\w+)\s+и\s+{re.escape(m.text)}(?!\w)"
                             rf"|между\s+{re.escape(m.text)}\s+и\s+(\w+)", text)
            same = next((p for p in places if forms(p) & forms(m.text)), None)
            if same is not None:  # both take the form they share: "Велмара", not "Велмары"
                known = places[same]
                # the shortest shared form, or a surface that starts another form: the
                # dictionary guesses "Веннланд" a plural's genitive, "Веннланда" its noun
                shared = forms(same) & forms(m.text)
                shared |= {w.lower() for w in (same, m.text) if any(
                    f.startswith(w.lower()) and f != w.lower()
                    for f in shared | {same.lower(), m.text.lower()})}
                shared_form = min(shared, key=lambda f: (len(f), f))
                name = known if known in alias_canonicals else canonical(
                    shared_form.capitalize())
                for other in found:
                    if other.type == "GPE" and other.canonical == known:
                        other.canonical = name
                places = {t: name if c == known else c for t, c in places.items()}
                m.type, m.canonical = "GPE", name
                places[m.text] = name
            elif pair and (pair.group(1) or pair.group(2)) in places:
                m.type = "GPE"
                places[m.text] = m.canonical
