"""One story, one row per actor: which of the entity stage's names are the same actor, and
whether an outlet's text names it at all.

The entity stage links names within an article; across the articles of a story the same actor
keeps the spelling each outlet used (made up: "Chuck Wendt" / "Charles P. Wendt", "O.F.U." /
"Ostmark Farmers Union", "Ostm." / "Ostmark"). Compared by canonical name, the comparison
showed one actor as two rows and said each outlet did "not mention" the other spelling: on
nine real BASIL stories (nineteenth session) 31 of 97 "not mentioned" cells of the portrayal
matrix were wrong, nearly all that way, and an outlet that named the actor otherwise could be
said to leave it out.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache

from parallax.records import Article, Mention
from parallax.textutil import fold

#: Entity types an outlet can be said to leave out: actors, not places. In the tenth session's
#: audit of the BASIL comparisons (training half, docs/quality.md) no missing place was a real
#: omission (0 of 11 judged: "Ky." of "R-Ky.", "United States" in a US story, "Finland" where
#: the outlet names Helsinki).
OMISSION_TYPES = ("PERSON", "ORG")
#: platforms where something is posted: media (``NEWS_MEDIUM``) whose names say so (``PLATFORM``)
_PLATFORMS = r"twitter|facebook|youtube|instagram|tiktok"
#: a news medium's name: where a statement was made or first reported ("told Fox News", "the
#: Christian Science Monitor breakfast", "on NBC"), not an actor an outlet can leave out (7 of
#: the 61 entity omissions on the BASIL training half, eleventh session) nor a story's key
#: entity unless a headline names it (nineteenth session, ``stories.keyentities``)
NEWS_MEDIUM = re.compile(
    r"\b(?:news|times|post|journal|monitor|tribune|herald|gazette|magazine|radio|television|"
    r"tv|network|press|reuters|cnn|msnbc|nbc|abc|cbs|hbo|npr|pbs|axios|politico|bloomberg|"
    + _PLATFORMS + r")\b",
    re.IGNORECASE)
#: a platform where something was posted ("said on Twitter"): a medium whatever type the
#: entity stage gave it (it types "Twitter" a person in most BASIL stories that name it)
PLATFORM = re.compile(r"(?:" + _PLATFORMS + ")", re.IGNORECASE)
#: a medium word right after a name says the name is a medium's ("<name> magazine", made up)
#: though the name holds no medium word
_MEDIUM_AFTER = re.compile(r"\s+(?:magazine|newspaper|tabloid|website|blog|podcast)\b",
                           re.IGNORECASE)
#: the entity types the comparison shows a row for (portrayal) and groups here
ACTOR_TYPES = ("PERSON", "ORG", "GPE")
_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
#: a US party is named by its members or adjective ("House Democrats", "Democratic leader",
#: "Republicans"), rarely by "the Democratic Party": the tenth session's audit judged
#: "leaves out the Democratic Party / the Democratic Caucus" wrong where the outlet wrote
#: "Democrats"; 3 more on the training half in the eleventh (GOP for "Republicans")
_PARTY_FORMS = {
    "democratic": (" democrat ", " democrats ", " democratic "),
    "democrats": (" democrat ", " democrats ", " democratic "),
    "republican": (" republican ", " republicans ", " gop "),
    "republicans": (" republican ", " republicans ", " gop "),
    "gop": (" republican ", " republicans ", " gop "),
}
#: the other words a party's name may hold ("House Democratic Caucus"), no more: "the
#: Democratic National Committee" is an organisation of its own
_PARTY_REST = frozenset({"party", "caucus", "conference", "house", "senate", "the"})
#: words before a name that do not change what it names: an article, or the country a US
#: outlet prefixes to its own institutions ("the U.S. Supreme Court" / "the Supreme Court")
_QUALIFIERS = ("a ", "an ", "the ", "us ", "united states ")
#: words an acronym skips ("National Association for the Advancement of ...")
_LINKING = frozenset({"of", "for", "the", "and", "on", "in", "to"})

_WORD = re.compile(r"\w+")
#: English short forms of first names a newsroom and its rival may each use for one person
#: ("Chuck Wendt" / "Charles P. Wendt"); without them two people of one surname and initial
#: ("Lena Korr", "Lotte Korr") would be one
_SHORT_FORMS = {
    "bill": "william", "will": "william", "bob": "robert", "rob": "robert", "jim": "james",
    "mike": "michael", "chuck": "charles", "charlie": "charles", "dave": "david",
    "joe": "joseph", "dick": "richard", "rick": "richard", "tom": "thomas", "tony": "anthony",
    "zack": "zachary", "zach": "zachary", "steve": "steven", "jeff": "jeffrey",
    "ted": "edward", "ed": "edward", "liz": "elizabeth", "beth": "elizabeth",
    "kate": "katherine", "pat": "patrick", "andy": "andrew", "nick": "nicholas",
    "jerry": "gerald", "larry": "lawrence", "peggy": "margaret", "jack": "john",
}
#: how a name's feminine form ends where its masculine one ends otherwise, after the letters
#: both share ("Jan" / "Jana", "Daniel" / "Daniela", "Paul" / "Pauline", "Marco" / "Marca",
#: "Kowalski" / "Kowalska", made up): two people, often of one family, whom the prefix test
#: of first names and the story keys' first letters would take for one
_GENDERED = frozenset({("", "a"), ("", "e"), ("", "ine"), ("", "ina"), ("", "ette"),
                       ("o", "a"), ("us", "a"), ("i", "a"), ("y", "aya")})


def medium_words(text: str, m: Mention) -> bool:
    """Whether an organisation's mention or the word after a name says that it names a
    medium (a person's surname may be a medium word: "Ana Post", made up)."""
    return ((m.type == "ORG" and NEWS_MEDIUM.search(m.text) is not None)
            or _MEDIUM_AFTER.match(text, m.end) is not None)


def media_of(articles: Iterable[Article]) -> set[str]:
    """The canonical names the articles show to be media (``medium_words``) in any mention."""
    return {m.canonical for a in articles for m in a.entities
            if m.type in ("ORG", "PERSON") and medium_words(a.text, m)}


def tokens(text: str) -> list[str]:
    """Folded words with the dots of abbreviations dropped, so "F.B.I." meets "FBI"."""
    return [w if w.isascii() else fold(w) for w in _WORD.findall(text.replace(".", "").lower())]


def spelling_rank(name: str, spread: int, mentions: int) -> tuple[bool, int, int, int, str]:
    """How well ``name`` shows its actor, for ``max``: not a dotted abbreviation ("California"
    over "Calif."), then used by more outlets or articles (``spread``), then mentioned more,
    then the longer ("Charles E. Grassley" over "Grassley"), then by the name itself."""
    return (not (" " not in name and name.endswith(".")), spread, mentions, len(name), name)


@lru_cache(maxsize=4096)
def _key(name: str) -> str:
    key = " ".join(tokens(name.replace("-", "")))
    changed = True
    while changed:
        changed = False
        for q in _QUALIFIERS:
            if key.startswith(q) and len(key) > len(q):
                key, changed = key[len(q):], True
    return key


def _party(words: list[str]) -> str | None:
    party = [w for w in words if w in _PARTY_FORMS]
    if len(party) == 1 and set(words) - set(party) <= _PARTY_REST:
        return "democratic" if party[0].startswith("democrat") else "republican"
    return None


def _surname(words: list[str]) -> str | None:
    names = [w for w in words if w not in _NAME_SUFFIXES]
    return names[-1] if len(names) > 1 and len(names[-1]) > 2 else None


#: how two names of one story are one actor: not at all, by spelling alone, or by spelling
#: when no article names both (then the entity stage has kept them apart on purpose)
DIFFERENT, SPELLING, APART = 0, 1, 2


def _same(a: tuple[str, str], b: tuple[str, str]) -> int:
    """Whether two (canonical, type) of one story name one actor, by their spelling."""
    (name_a, type_a), (name_b, type_b) = a, b
    if (type_a == "PERSON") != (type_b == "PERSON"):
        return DIFFERENT
    key_a, key_b = _key(name_a), _key(name_b)
    if key_a == key_b:
        return SPELLING
    words_a, words_b = key_a.split(), key_b.split()
    if type_a == "PERSON":
        # "Wendt" and "Charles Wendt"; "Chuck Wendt" and "Charles P. Wendt" (one first name)
        if len(words_a) == 1 or len(words_b) == 1:
            short, full = (words_a, words_b) if len(words_a) == 1 else (words_b, words_a)
            return SPELLING if len(full) > 1 and _surname(full) == short[0] else DIFFERENT
        same = (_surname(words_a) is not None and _surname(words_a) == _surname(words_b)
                and _first_names_fit(words_a[0], words_b[0]) and _kin_apart(words_a, words_b))
        return APART if same else DIFFERENT
    for short, full, raw in ((words_a, words_b, name_a), (words_b, words_a, name_b)):
        if len(short) == 1 and len(full) > 2 and short[0] == "".join(
                w[0] for w in full if w not in _LINKING):
            return SPELLING  # an acronym of the full name's words ("NAACP", "FBI")
        if (len(short) == 1 and len(full) == 1 and raw.rstrip().endswith(".")
                and len(short[0]) >= 3 and full[0].startswith(short[0])):
            return SPELLING  # "Ostm." and "Ostmark"
        if len(short) >= 2 and len(full) > len(short) and full[-len(short):] == short:
            return APART  # "Harbor Committee" and "Senate Harbor Committee"
    party_a, party_b = _party(words_a), _party(words_b)
    return SPELLING if party_a is not None and party_a == party_b else DIFFERENT


def gendered(a: str, b: str) -> bool:
    """Whether two words are one name's masculine and feminine forms (``_GENDERED``): at
    least three letters in common, then the two endings."""
    a, b = a.lower(), b.lower()
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n >= 3 and ((a[n:], b[n:]) in _GENDERED or (b[n:], a[n:]) in _GENDERED)


def _first_names_fit(a: str, b: str) -> bool:
    """"Ben" / "Benjamin", "J." / "James", "Chuck" / "Charles"; not "Lena" / "Lotte", nor a
    name and its feminine form ("Jan" / "Jana")."""
    if gendered(a, b):
        return False
    short, full = sorted((a, b), key=len)
    return ((full.startswith(short) and (len(short) == 1 or len(short) >= 3))
            or _SHORT_FORMS.get(short, short) == _SHORT_FORMS.get(full, full))


def _kin_apart(a: list[str], b: list[str]) -> bool:
    """False where both names carry a suffix or middle initials and they differ: a father and
    his son ("Walter Kress Jr." / "Walter Kress III", "George H. W. Kress" / "George W.
    Kress", made up) share a first name and a surname. One name without them may be either."""
    def marks(words: list[str]) -> tuple[str, str]:
        names = [w for w in words if w not in _NAME_SUFFIXES]
        suffix = "".join(w for w in words if w in _NAME_SUFFIXES)
        return suffix, "".join(w if len(w) <= 2 else w[0] for w in names[1:-1])

    return all(x == y or not x or not y for x, y in zip(marks(a), marks(b), strict=True))


def _lone(name: str, kind: str) -> bool:
    return kind == "PERSON" and len(_key(name).split()) == 1


def _near(names: list[str]) -> dict[str, list[str]]:
    """The names each name could be one actor with (a shared key, last word or surname,
    acronym, first three letters of a one-word name, party): ``_same`` is asked of these pairs
    only, so a story of 10,000 articles and thousands of names is not compared pair by pair."""
    blocks: dict[str, list[str]] = defaultdict(list)
    keys: dict[str, set[str]] = {}
    for name in names:
        words = _key(name).split()
        if not words:
            keys[name] = set()
            continue
        own = {f"k:{' '.join(words)}", f"l:{words[-1]}"}
        if (surname := _surname(words)) is not None:
            own.add(f"l:{surname}")
        if len(words) == 1:
            own |= {f"a:{words[0]}", f"p:{words[0][:3]}"}
        else:
            own.add(f"a:{''.join(w[0] for w in words if w not in _LINKING)}")
        if (party := _party(words)) is not None:
            own.add(f"party:{party}")
        keys[name] = own
        for key in own:
            blocks[key].append(name)
    return {name: sorted({b for key in keys[name] for b in blocks[key] if b != name})
            for name in names}


class Actors:
    """The story's names grouped into actors. Two names join when their spellings say so
    (``_same``); a shorter name inside a longer one and two full names of one surname only
    when no article names both as different entities: the entity stage keeps "the Harbor
    Council" and "the East Harbor Council" apart in the one article that names both, and that
    is the better evidence. A lone surname joins last, and only when one actor fits ("Korr"
    with Lena and Lotte Korr in the story stays alone)."""

    def __init__(self, articles: Iterable[Article], types: Sequence[str] = ACTOR_TYPES) -> None:
        self._group_names([(m.canonical, m.type) for m in article.entities if m.type in types]
                          for article in articles)

    @classmethod
    def of_names(cls, named: Iterable[Iterable[tuple[str, str]]]) -> Actors:
        """From each article's (canonical name, type) pairs: the story stage keeps these in
        its article profiles, not the articles (``stories.keyentities``)."""
        actors = cls.__new__(cls)
        actors._group_names(named)
        return actors

    def _group_names(self, named: Iterable[Iterable[tuple[str, str]]]) -> None:
        kind: dict[str, str] = {}
        together: dict[str, set[int]] = defaultdict(set)
        for n, pairs in enumerate(named):
            for canonical, type_ in pairs:
                kind.setdefault(canonical, type_)
                together[canonical].add(n)
        names = sorted(kind)
        self.group: dict[str, str] = {c: c for c in names}
        self.members: dict[str, set[str]] = {c: {c} for c in names}
        where = {c: set(together[c]) for c in names}
        lone = [c for c in names if _lone(c, kind[c])]
        near = _near(names)
        for a in names:
            for b in near[a]:
                if b <= a or _lone(a, kind[a]) or _lone(b, kind[b]):
                    continue
                how = _same((a, kind[a]), (b, kind[b]))
                ga, gb = self.find(a), self.find(b)
                if how == DIFFERENT or ga == gb or (how == APART and where[ga] & where[gb]):
                    continue
                self._join(ga, gb, where)
        for a in lone:
            fits = {self.find(b) for b in near[a]
                    if b != a and not _lone(b, kind[b])
                    and _same((a, kind[a]), (b, kind[b])) != DIFFERENT}
            if len(fits) == 1:
                self._join(fits.pop(), self.find(a), where)

    def _join(self, keep: str, gone: str, where: dict[str, set[int]]) -> None:
        self.group[gone] = keep
        self.members[keep] |= self.members.pop(gone)
        where[keep] |= where[gone]

    def join(self, keep: str, gone: str) -> None:
        """One actor of two roots, on the caller's own evidence (``stories.keyentities``
        joins transliterations by the story keys)."""
        self.group[gone] = keep
        self.members[keep] = self.members.get(keep, {keep}) | self.members.pop(gone, {gone})

    def find(self, name: str) -> str:
        while self.group.get(name, name) != name:
            name = self.group[name]
        return name

    def of(self, name: str) -> set[str]:
        """Every canonical name of ``name``'s actor (itself alone if the story lacks it)."""
        return self.members.get(self.find(name), {name})


class Mentions:
    """Does an outlet's text name an entity in any spelling? The entity stage gives one
    article's "Nancy Pelosi" and another's "Pelosi" different canonical names, so comparing
    canonical names alone listed Pelosi as left out of the New York Times' report on her
    re-election: 16 of 120 entity omissions on the BASIL training half were names standing
    word for word in the outlet's own text. Texts are read only for outlets that have a
    candidate omission, once each (about 0.3 ms per 700-word article). ``actors``: a name
    also counts in the spellings of its actor's other names."""

    def __init__(self, by_outlet: dict[str, list[Article]], actors: Actors | None = None,
                 types: Sequence[str] = OMISSION_TYPES) -> None:
        self.by_outlet = by_outlet
        self.actors = actors
        self.forms: dict[str, set[str]] = defaultdict(set)
        for arts in by_outlet.values():
            for a in arts:
                for m in a.entities:
                    if m.type not in types:
                        continue
                    for spelling in (m.text, m.canonical):
                        words = tokens(spelling)
                        if words:
                            self.forms[m.canonical].add(f" {' '.join(words)} ")
                        # a person is also named by the surname alone ("Mr. Labrador")
                        surname = _surname(words)
                        if m.type == "PERSON" and surname:
                            self.forms[m.canonical].add(f" {surname} ")
                        if m.type == "ORG" and (party := _party(words)) is not None:
                            self.forms[m.canonical].update(_PARTY_FORMS[party])
        self._texts: dict[str, str] = {}

    def __call__(self, outlet: str, entity: str) -> bool:
        if outlet not in self._texts:
            words = [w for a in self.by_outlet[outlet]
                     for w in tokens(f"{a.title or ''}\n{a.text}")]
            self._texts[outlet] = f" {' '.join(words)} "
        text = self._texts[outlet]
        names = self.actors.of(entity) if self.actors else {entity}
        return any(form in text for name in names for form in self.forms.get(name, ()))
