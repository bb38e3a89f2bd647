"""Do two claims about the same fact disagree? Without an NLI model (none runs offline), from
what can be checked mechanically, in English, German and Russian:

- numbers: both give figures and neither set contains the other ("38 dead" / "9 Tote");
- antonyms: the two sides take opposite poles of one predicate (rose/fell, won/lost,
  passed/rejected, upheld/overturned, opened/closed, admitted/denied, agreed/refused), a
  negation flipping its own side ("did not win" agrees with "lost");
- negation: one side is negated and the other is not, with no shared predicate to say otherwise;
- attribution: both name who did it and the names differ (a different court, union, force), or
  the same two actors appear in swapped order ("A rammed B" / "B rammed A").

Each rule is a cue a reader can check; measured on the hand-written claim-pair set in
docs/stories.md. Which two claims are about the same fact is decided elsewhere (embeddings).
Only numbers, antonyms and negation make a claim *contested* (``contest``), each above its own
similarity bar; a different actor is shown as a difference but is too often a paraphrase
("the court" / "judge Hrabal") to call the claim contested: precision 0.45 on the pairs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from parallax.stories.features import name_key
from parallax.textutil import STOPWORDS, fold

NEGATION = re.compile(r"(?<![\w])(not|no|never|none|neither|nor|without|n't|nicht|kein\w*|nie|"
                      r"niemals|weder|ohne|не|нет|ни|никогда|без)(?![\w])", re.IGNORECASE)
#: negations that say nothing about the claim ("who asked not to be named")
ANONYMITY = re.compile(r"(not to be (named|identified)|nicht (namentlich )?genannt werden|"
                       r"не пожелав\w* (назвать|быть названн)\w*)", re.IGNORECASE)
#: the least sentence similarity at which a cue makes a claim contested (claim pairs:
#: negation below 0.5 fired mostly on related but different facts)
CONTESTING = {"numbers": 0.40, "antonym": 0.40, "negation": 0.50}
_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:[ .,\u202f\u00a0]\d{3})+|\d+(?:[.,]\d+)?)(?![\w])")
_YEAR = re.compile(r"^(19|20)\d\d$")
_MONTH = re.compile(r"^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mär|mai|okt|dez|янв|фев|"
                    r"мар|апр|мая|май|июн|июл|авг|сен|окт|ноя|дек)", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
SPELLED = {w: n for n, words in enumerate((
    "", "one eins ein eine один одна одно", "two zwei два две двух", "three drei три трёх трех",
    "four vier четыре четырёх четырех", "five fünf пять пяти", "six sechs шесть шести",
    "seven sieben семь семи", "eight acht восемь восьми", "nine neun девять девяти",
    "ten zehn десять десяти", "eleven elf одиннадцать одиннадцати",
    "twelve zwölf двенадцать двенадцати", "thirteen dreizehn тринадцать",
    "fourteen vierzehn четырнадцать", "fifteen fünfzehn пятнадцать",
    "sixteen sechzehn шестнадцать", "seventeen siebzehn семнадцать",
    "eighteen achtzehn восемнадцать", "nineteen neunzehn девятнадцать девятнадцати",
    "twenty zwanzig двадцать двадцати")) for w in words.split()}

#: predicate -> (positive stems, negative stems), matched as word prefixes in any language
POLES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "change": (("rose", "rise", "risen", "rising", "increas", "grew", "grow", "climb", "jump",
                "soar", "surg", "gestiegen", "stieg", "steig", "erhöh", "wuchs", "gewachsen",
                "zugenommen", "anstieg", "вырос", "выросл", "росл", "повыси", "повыш", "увеличи",
                "подскочи", "подорож"),
               ("fell", "fall", "drop", "decreas", "declin", "plung", "sank", "shrank", "lower",
                "gefallen", "fiel", "sank", "gesunken", "gesenkt", "zurückgegangen", "verringer",
                "rückgang", "снизи", "сниж", "упал", "упад", "сократи", "уменьши", "подешев")),
    "outcome": (("won", "win", "victor", "gewann", "gewonnen", "gewinn", "sieg", "выиграл",
                 "победи", "побед"),
                ("lost", "lose", "losing", "defeat", "verlor", "niederlage", "проиграл",
                 "пораж")),
    "access": (("open", "reopen", "geöffnet", "öffne", "wiedereröffn", "freigegeben",
                "открыл", "открыт", "возобнов"),
               ("clos", "shut", "geschlossen", "schloss", "schließ", "gesperrt", "sperrt",
                "закрыл", "закрыт", "перекрыл")),
    "decision": (("passed", "approv", "adopt", "ratif", "angenommen", "billigt", "gebilligt",
                  "verabschiedet", "ratifiz", "одобри", "утверди", "ратифиц", "принят", "принял"),
                 ("reject", "veto", "abgelehnt", "lehnte", "gescheitert", "отклони", "отверг",
                  "провал")),
    "ruling": (("upheld", "uphold", "bestätigt", "bestätigte", "оставил", "подтвердил"),
               ("overturn", "quash", "annul", "revers", "aufgehoben", "hob", "kassiert",
                "отменил", "отмени")),
    "admission": (("admit", "acknowledg", "räumte", "eingeräumt", "gestand", "zugegeben",
                   "признал", "призна"),
                  ("deni", "deny", "bestritt", "bestreit", "dementi", "leugn", "отрица",
                   "опроверг")),
    "consent": (("agreed", "agree", "einigten", "geeinigt", "vereinbart", "zugestimmt",
                 "договорил", "согласова", "согласил"),
                ("refus", "rebuff", "weigert", "verweigert", "отказал", "отказа")),
}


@dataclass(slots=True)
class ClaimFacts:
    """What the rules read from one claim; ``names`` are name keys in order of appearance."""

    text: str
    names: list[str] = field(default_factory=list)
    numbers: frozenset[tuple[float, str]] = frozenset()
    negations: int = 0
    poles: dict[str, int] = field(default_factory=dict)


def _value(raw: str) -> float:
    compact = raw.replace("\u202f", " ").replace("\u00a0", " ")
    if re.fullmatch(r"\d{1,3}(?:[ .,]\d{3})+", compact):
        return float(re.sub(r"[ .,]", "", compact))
    return float(compact.replace(",", "."))


_SCALE = re.compile(r"\s*(thousand|tausend|тысяч\w*|million\w*|mio\.?|миллион\w*|млн\.?|"
                    r"billion\w*|milliarde\w*|mrd\.?|миллиард\w*|млрд\.?)", re.IGNORECASE)
_CLOCK = re.compile(r"\s*(a\.?m\.?|p\.?m\.?|uhr|h\b|час\w*|o'clock)", re.IGNORECASE)
_BOUND = re.compile(r"(more than|over|above|at least|exceed\w*|über|mehr als|mindestens|"
                    r"более|свыше|больше|не менее|по меньшей мере)\s*$", re.IGNORECASE)
_ABOUT = re.compile(r"(about|around|roughly|some|nearly|almost|approximately|rund|etwa|fast|"
                    r"knapp|gut|около|почти|примерно|порядка)\s*$", re.IGNORECASE)


def _scale(word: str) -> float:
    w = word.lower()
    if w.startswith(("thousand", "tausend", "тысяч")):
        return 1e3
    if w.startswith(("million", "mio", "миллион", "млн")):
        return 1e6
    return 1e9


def _qualifier(text: str, start: int) -> str:
    before = text[max(0, start - 24):start]
    return ">=" if _BOUND.search(before) else "~" if _ABOUT.search(before) else "="


def numbers_of(text: str) -> frozenset[tuple[float, str]]:
    """Figures in a claim as (value, "=" | ">=" | "~"): "at least 38" is a bound, "about
    300" an estimate. Years, days of the month and clock times are left out (they date, not
    measure); "12 thousand" and "twelve thousand" give 12000 and 12 (the other side may write
    "12,000" or "12 bcm")."""
    found: set[tuple[float, str]] = set()
    for m in _NUMBER.finditer(text):
        raw, rest = m.group(1), text[m.end():m.end() + 16]
        if _YEAR.match(raw) or _CLOCK.match(rest) or re.match(r"[.:]\d", rest):
            continue
        before = text[max(0, m.start() - 12):m.start()].split()
        if raw.isdigit() and int(raw) <= 31 and (_MONTH.match(rest.lstrip(". ")) or (
                before and _MONTH.match(before[-1]))):
            continue
        value, qualifier = _value(raw), _qualifier(text, m.start())
        if scale := _SCALE.match(rest):  # "31 billion" may be "31 bcm" on the other side
            found.add((value * _scale(scale.group(1)), qualifier))
        found.add((value, qualifier))
    for m in _WORD.finditer(text.lower()):
        word = m.group(0)
        hyphenated = text[m.start() - 1:m.start()] == "-" or text[m.end():m.end() + 1] == "-"
        if word in SPELLED and SPELLED[word] > 1 and not hyphenated:  # "one"/"ein": articles
            rest = text[m.end():m.end() + 16]
            if _CLOCK.match(rest):
                continue
            value, qualifier = float(SPELLED[word]), _qualifier(text, m.start())
            if scale := _SCALE.match(rest):
                found.add((value * _scale(scale.group(1)), qualifier))
            found.add((value, qualifier))
    return frozenset(found)


def _matches(x: tuple[float, str], y: tuple[float, str]) -> bool:
    (a, qa), (b, qb) = x, y
    if a == b:
        return True
    if "~" in (qa, qb):
        return abs(a - b) <= 0.15 * max(a, b)
    return (qa == ">=" and b >= a) or (qb == ">=" and a >= b)


def _covered(a: frozenset[tuple[float, str]], b: frozenset[tuple[float, str]]) -> bool:
    return all(any(_matches(x, y) for y in b) for x in a)


def poles_of(text: str) -> dict[str, int]:
    words = [w.lower() for w in _WORD.findall(text)]
    poles: dict[str, int] = {}
    for predicate, (positive, negative) in POLES.items():
        up = any(w.startswith(positive) for w in words)
        down = any(w.startswith(negative) for w in words)
        if up != down:
            poles[predicate] = 1 if up else -1
    return poles


def name_vocabulary(names: Iterable[str]) -> set[str]:
    """Name keys of the entities of a story (every word of each canonical name)."""
    return {name_key(part) for name in names for part in name.split()
            if len(part) >= 3 and fold(part) not in STOPWORDS}


def facts(text: str, vocabulary: set[str]) -> ClaimFacts:
    """``vocabulary``: name keys of the entities the story knows (``name_vocabulary``). Every
    word of the claim whose key is one of them counts, in order, so "Tarvian", "tarvische" and
    "тарвийский" all name Tarvia even where the entity tagger saw only a common word."""
    keys: list[str] = []
    for word in _WORD.findall(text):
        key = name_key(word)
        if len(word) >= 3 and key in vocabulary and key not in keys:
            keys.append(key)
    return ClaimFacts(text=text, names=keys, numbers=numbers_of(text),
                      negations=len(NEGATION.findall(ANONYMITY.sub(" ", text))),
                      poles=poles_of(text))


def conflict(a: ClaimFacts, b: ClaimFacts) -> str | None:
    """The cue on which two claims about one fact disagree, or None."""
    if a.numbers and b.numbers and not (_covered(a.numbers, b.numbers)
                                         or _covered(b.numbers, a.numbers)):
        return "numbers"
    flip_a, flip_b = (-1 if a.negations else 1), (-1 if b.negations else 1)
    shared = set(a.poles) & set(b.poles)
    if any(a.poles[p] * flip_a != b.poles[p] * flip_b for p in shared):
        return "antonym"
    if bool(a.negations) != bool(b.negations) and not shared:
        return "negation"
    if _different_actor(a.names, b.names):
        return "attribution"
    return None


def contest(a: ClaimFacts, b: ClaimFacts, cosine: float) -> tuple[str | None, bool]:
    """(the cue that makes the pair contested or None, whether the actors differ)."""
    cue = conflict(a, b)
    if cue == "attribution":
        return None, True
    if cue is not None and cosine >= CONTESTING[cue]:
        return cue, False
    return None, False


def _near(a: str, b: str) -> bool:
    """Two name keys for one name spelled through another script ("ludmi"/"lyudm")."""
    if a[:3] == b[:3] or a[-3:] == b[-3:]:
        return True
    return len(set(a) ^ set(b)) <= 2


def _swapped(a: list[str], b: list[str]) -> bool:
    common = [k for k in a if k in b]
    if len(common) < 2:
        return False
    order_b = [k for k in b if k in common]
    return common[:2] == order_b[:2][::-1]


def _different_actor(a: list[str], b: list[str]) -> bool:
    """Each side names someone the other does not, while they share the rest of the frame."""
    only_a = {k for k in a if k not in b}
    only_b = {k for k in b if k not in a}
    only_a = {k for k in only_a if not any(_near(k, o) for o in only_b)}
    only_b = {k for k in only_b if not any(_near(k, o) for o in a)}
    return bool(only_a and only_b and set(a) & set(b))
