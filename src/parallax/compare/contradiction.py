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
from parallax.textutil import STOPWORDS, fold, quantity_figure

#: a contraction is one word ("didn't", "won’t"): the lookbehind kept "n't" from matching
#: inside it, so "we cannot go" read as unnegated next to its own translation "мы не можем"
NEGATION = re.compile(r"(?<![\w])(not|no|never|none|neither|nor|without|cannot|\w*n['’]t|"
                      r"nicht|kein\w*|nie|niemals|weder|ohne|не|нет|ни|никогда|без)(?![\w])",
                      re.IGNORECASE)
#: negations that say nothing about the claim ("who asked not to be named")
ANONYMITY = re.compile(r"(not to be (named|identified)|nicht (namentlich )?genannt werden|"
                       r"не пожелав\w* (назвать|быть названн)\w*)", re.IGNORECASE)
#: the least sentence similarity at which a cue makes a claim contested (claim pairs:
#: negation below 0.5 fired mostly on related but different facts)
CONTESTING = {"numbers": 0.40, "antonym": 0.40, "negation": 0.50, "year": 0.50}
#: "failure to pass" negates "pass" as "did not pass" does
_FAILURE = re.compile(r"(?<![\w])(fail\w* to|refus\w* to)(?![\w])", re.IGNORECASE)
_DATED = re.compile(r"(?<![\w])(since|in|until|seit|с)\s+((?:19|20)\d\d)(?![\w])", re.IGNORECASE)
_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:[ .,\u202f\u00a0]\d{3})+|\d+(?:[.,]\d+)?)(?![\w])")
_YEAR = re.compile(r"^(19|20)\d\d$")
#: a month name or abbreviation as a whole word ("Sep." but not "separate")
_MONTH = re.compile(r"^(?:(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)(?:\.|\b)|january|"
                    r"february|march|april|may\b|june|july|august|september|october|november|"
                    r"december|januar|februar|märz|mai\b|juni|juli|oktober|dezember|янв|фев|"
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
    #: figures by what they count (``quantities``), years by their preposition ("since")
    quantities: dict[str, frozenset[tuple[float, str]]] = field(default_factory=dict)
    years: dict[str, frozenset[str]] = field(default_factory=dict)
    #: stems of the words a negation governs ("did not send" -> "send") and every stem
    negated: frozenset[str] = frozenset()
    stems: frozenset[str] = frozenset()
    language: str | None = None


def _value(raw: str) -> float:
    compact = raw.replace("\u202f", " ").replace("\u00a0", " ")
    if re.fullmatch(r"\d{1,3}(?:[ .,]\d{3})+", compact):
        return float(re.sub(r"[ .,]", "", compact))
    return float(compact.replace(",", "."))


_SCALE = re.compile(r"\s*(thousand|tausend|тысяч\w*|million\w*|mio\.?|миллион\w*|млн\.?|"
                    r"billion\w*|milliarde\w*|mrd\.?|миллиард\w*|млрд\.?)", re.IGNORECASE)
_CLOCK = re.compile(r"\s*(a\.?m\.?|p\.?m\.?|uhr|h\b|час\w*|o'clock)", re.IGNORECASE)
_BOUND = re.compile(r"(?<![\w])(more than|over|above|at least|exceed\w*|über|mehr als|mindestens|"
                    r"более|свыше|больше|не менее|по меньшей мере)\s*[$€£]?$", re.IGNORECASE)
_ABOUT = re.compile(r"(?<![\w])(about|around|roughly|some|nearly|almost|approximately|rund|"
                    r"etwa|fast|knapp|gut|около|почти|примерно|порядка)\s*[$€£]?$",
                    re.IGNORECASE)


def _scale(word: str) -> float:
    w = word.lower()
    if w.startswith(("thousand", "tausend", "тысяч")):
        return 1e3
    if w.startswith(("million", "mio", "миллион", "млн")):
        return 1e6
    return 1e9


def _qualifier(text: str, start: int) -> str:
    """A hedge or bound before the figure, also before its currency sign ("more than $5")."""
    before = text[max(0, start - 24):start]
    return ">=" if _BOUND.search(before) else "~" if _ABOUT.search(before) else "="


def _figures(text: str) -> list[tuple[float, str, int, int]]:
    """(value, qualifier, start, end offset) of every figure; see ``numbers_of``."""
    found: list[tuple[float, str, int, int]] = []
    for m in _NUMBER.finditer(text):
        raw, rest = m.group(1), text[m.end():m.end() + 16]
        if _YEAR.match(raw) or _CLOCK.match(rest) or re.match(r"[.:]\d", rest) \
                or not quantity_figure(text, m.start(1), m.end(1)):
            continue
        before = text[max(0, m.start() - 12):m.start()].split()
        if raw.isdigit() and int(raw) <= 31 and (_MONTH.match(rest.lstrip(". ")) or (
                before and _MONTH.match(before[-1]))):
            continue
        value, qualifier = _value(raw), _qualifier(text, m.start())
        if qualifier == "=" and value != int(value) and re.fullmatch(r"\d[.,]\d+", raw):
            qualifier = "."  # one digit and decimals ("5.7 billion"): see ``_rounding``
        if scale := _SCALE.match(rest):  # "31 billion" may be "31 bcm" on the other side
            found.append((value * _scale(scale.group(1)), qualifier, m.start(),
                          m.end() + scale.end()))
        found.append((value, qualifier, m.start(), m.end()))
    for m in _WORD.finditer(text.lower()):
        word = m.group(0)
        hyphenated = text[m.start() - 1:m.start()] == "-" or text[m.end():m.end() + 1] == "-"
        if word in SPELLED and SPELLED[word] > 1 and not hyphenated:  # "one"/"ein": articles
            rest = text[m.end():m.end() + 16]
            if _CLOCK.match(rest):
                continue
            value, qualifier = float(SPELLED[word]), _qualifier(text, m.start())
            if scale := _SCALE.match(rest):
                found.append((value * _scale(scale.group(1)), qualifier, m.start(),
                              m.end() + scale.end()))
            found.append((value, qualifier, m.start(), m.end()))
    return found


def numbers_of(text: str) -> frozenset[tuple[float, str]]:
    """Figures in a claim as (value, "=" | "." | ">=" | "~"): "at least 38" is a bound,
    "about 300" an estimate, "." an exact figure of one digit and decimals ("5.7 billion").
    Years, days of the month and clock times are left out (they date, not measure); "12
    thousand" and "twelve thousand" give 12000 and 12 (the other side may write "12,000" or
    "12 bcm")."""
    return frozenset((v, q) for v, q, _, _ in _figures(text))


_UNIT_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def quantities(text: str) -> dict[str, frozenset[tuple[float, str]]]:
    """Figures by what they count: the one or two words after the figure ("six seats",
    "19 separate actions"), "$" before it, "%" or "percent" after. A figure followed by
    nothing countable ("134 to 63") measures nothing comparable and is left out, so "$5.7
    billion in the budget" and "3.5 billion ... military construction" only meet on "$"."""
    units: dict[str, set[tuple[float, str]]] = {}
    for value, qualifier, start, end in _figures(text):
        keys = {"$"} if text[max(0, start - 1):start] in ("$", "€", "£") else set()
        rest = text[end:end + 40]
        if re.match(r"\s*(%|percent|per cent|prozent|процент)", rest, re.IGNORECASE):
            keys.add("%")
        words = [w for w in _UNIT_WORD.findall(rest.split(".")[0].split(",")[0])[:2]
                 if len(w) >= 3 and fold(w) not in STOPWORDS]
        keys.update(_unit_key(w) for w in words)
        for key in keys:
            units.setdefault(key, set()).add((value, qualifier))
    return {k: frozenset(v) for k, v in units.items()}


def _unit_key(word: str) -> str:
    folded = fold(word)
    for suffix in ("es", "s"):
        if folded.endswith(suffix) and len(folded) - len(suffix) >= 4:
            return folded[:-len(suffix)][:6]
    return folded[:6]


def _precision(value: float) -> float:
    """The place of a figure's last significant digit: 1 for 45, 10 for 40, 0.1 for 5.7,
    1e8 for "5.7 billion". Trailing zeros are read as rounding ("40 million": tens of millions)."""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    if "." in text:
        return 10.0 ** -len(text.split(".")[1])
    return 10.0 ** (len(text) - len(text.rstrip("0")))


def _rounding(x: tuple[float, str], y: tuple[float, str]) -> bool:
    """One figure is the other rounded: the coarser one ("$6 billion", "300") has its last
    significant digit in a higher place, and the finer one ("$5.7 billion", "320") rounds to
    it, or is one digit and decimals whose decimals the coarser one drops ("$5 billion" for
    "$5.7 billion", as headlines shorten it). Two figures of one precision are two statements
    ("40" / "45 million"; "five" / "six dead"), and so is a whole digit dropped ("40" for
    "45"). Rounding a figure that starts with 1 may move it by half its size (14 to "10"):
    beyond 20 % a reader sees two figures, so that stays a difference as before."""
    (coarse, qc), (fine, qf) = (x, y) if _precision(x[0]) > _precision(y[0]) else (y, x)
    unit = _precision(coarse)
    if unit <= _precision(fine) or abs(fine - coarse) > 0.2 * max(coarse, fine):
        return False
    return abs(fine - coarse) < unit / 2 - 1e-9 * unit or (
        qf == "." and qc == "=" and coarse <= fine < coarse + unit)


def _matches(x: tuple[float, str], y: tuple[float, str]) -> bool:
    """Within 2 % (5.6 / 5.7 billion), one a rounding of the other (``_rounding``), within
    15 % of a hedged figure ("about 40"), or inside a bound ("more than 40")."""
    (a, qa), (b, qb) = x, y
    if a == b or abs(a - b) <= 0.02 * max(a, b) or _rounding(x, y):
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


def facts(text: str, vocabulary: set[str], language: str | None = None) -> ClaimFacts:
    """``vocabulary``: name keys of the entities the story knows (``name_vocabulary``). Every
    word of the claim whose key is one of them counts, in order, so "Tarvian", "tarvische" and
    "тарвийский" all name Tarvia even where the entity tagger saw only a common word."""
    keys: list[str] = []
    for word in _WORD.findall(text):
        key = name_key(word)
        if len(word) >= 3 and key in vocabulary and key not in keys:
            keys.append(key)
    plain = ANONYMITY.sub(" ", text)
    years: dict[str, set[str]] = {}
    for m in _DATED.finditer(text):
        years.setdefault(m.group(1).lower(), set()).add(m.group(2))
    return ClaimFacts(text=text, names=keys, numbers=numbers_of(text),
                      negations=len(NEGATION.findall(plain)), poles=poles_of(text),
                      quantities=quantities(text),
                      years={k: frozenset(v) for k, v in years.items()},
                      negated=_negated(plain), stems=frozenset(_stems(text)), language=language)


def _stems(text: str) -> list[str]:
    return [_unit_key(w)[:5] for w in _WORD.findall(text) if len(w) >= 3]


def _negated(text: str) -> frozenset[str]:
    """Stems of the first content words after each negation ("did not *send*")."""
    out: set[str] = set()
    for m in (*NEGATION.finditer(text), *_FAILURE.finditer(text)):
        words = [w for w in _WORD.findall(text[m.end():m.end() + 40])
                 if len(w) >= 3 and fold(w) not in STOPWORDS][:2]
        out.update(_unit_key(w)[:5] for w in words)
    return frozenset(out)


def _one_language(a: ClaimFacts, b: ClaimFacts) -> bool:
    return a.language is not None and a.language == b.language


def _numbers_conflict(a: ClaimFacts, b: ClaimFacts) -> bool:
    """In one language a figure is compared only with one that counts the same thing (same
    unit word, "$", "%"); across languages no unit word can be matched, so any figures are."""
    if _one_language(a, b):
        pairs = [(a.quantities[u], b.quantities[u]) for u in a.quantities.keys()
                 & b.quantities.keys()]
    else:
        pairs = [(a.numbers, b.numbers)] if a.numbers and b.numbers else []
    return any(not (_covered(x, y) or _covered(y, x)) for x, y in pairs)


def _negation_conflict(a: ClaimFacts, b: ClaimFacts, shared_poles: set[str]) -> bool:
    """In one language: one side negates a word the other states without negation ("did
    not send" / "sent"); across languages: one side negated, the other not."""
    if shared_poles:  # the poles already said whether the two agree
        return False
    if _one_language(a, b):
        return bool((a.negated - b.negated) & b.stems or (b.negated - a.negated) & a.stems)
    return bool(a.negations) != bool(b.negations)


def _flip(side: ClaimFacts, predicate: str, other: ClaimFacts) -> int:
    """-1 when a negation turns the side's pole ("did not win" is "lost"). In one language
    only a negation of the pole word itself counts (made up: "so why will she not sign it?" does
    not flip "open"); across languages any negation in the claim does."""
    if not _one_language(side, other):
        return -1 if side.negations else 1
    stems = [s[:5] for s in (*POLES[predicate][0], *POLES[predicate][1])]
    return -1 if any(n.startswith(s) or s.startswith(n) for n in side.negated
                     for s in stems) else 1


def conflict(a: ClaimFacts, b: ClaimFacts) -> str | None:
    """The cue on which two claims about one fact disagree, or None."""
    if _numbers_conflict(a, b):
        return "numbers"
    if any(not a.years[k] & b.years[k] for k in a.years.keys() & b.years.keys()):
        return "year"
    shared = set(a.poles) & set(b.poles)
    if any(a.poles[p] * _flip(a, p, b) != b.poles[p] * _flip(b, p, a) for p in shared):
        return "antonym"
    if _negation_conflict(a, b, shared):
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


def conflict_values(a: ClaimFacts, b: ClaimFacts, cue: str) -> tuple[str, str]:
    """The words of each side that conflict, for a one-line summary ("since 2002" / "since
    2003", "$5 billion" / "$3 billion", "rose" / "fell", "not send" / "sent")."""
    if cue == "numbers":
        units = [u for u in a.quantities if u in b.quantities
                 and not (_covered(a.quantities[u], b.quantities[u])
                          or _covered(b.quantities[u], a.quantities[u]))]
        return _figure_text(a.text, units), _figure_text(b.text, units)
    if cue == "year":
        keys = [k for k in a.years if k in b.years and not a.years[k] & b.years[k]]
        return (", ".join(f"{k} {y}" for k in keys for y in sorted(a.years[k])),
                ", ".join(f"{k} {y}" for k in keys for y in sorted(b.years[k])))
    if cue == "antonym":
        return _pole_words(a.text), _pole_words(b.text)
    if cue == "negation":
        return _negation_text(a.text) or "affirms", _negation_text(b.text) or "affirms"
    return a.text, b.text


def _figure_text(text: str, units: list[str]) -> str:
    """Each figure with up to two following words, e.g. "$5.7 billion", "six seats"."""
    spans: list[str] = []
    for _, _, start, end in _figures(text):
        unit_keys = set(quantities(text[max(0, start - 1):end + 40]))
        if units and not unit_keys & set(units):
            continue
        begin = start - 1 if text[max(0, start - 1):start] in ("$", "€", "£") else start
        tail = ""
        clause = re.split(r"[,.;:()\"“”]", text[end:end + 40])[0]
        for word in re.findall(r"\s*(?:%|[^\W\d_]+)", clause)[:2]:
            if fold(word.strip()) in STOPWORDS:
                break
            tail += word
        span = (text[begin:end] + tail).strip()
        if span and span not in spans and not any(span in s for s in spans):
            spans = [s for s in spans if s not in span] + [span]
    return ", ".join(spans) or "a different figure"


def _pole_words(text: str) -> str:
    words = [w for w in _WORD.findall(text) for predicate in POLES.values()
             if w.lower().startswith(predicate[0] + predicate[1])]
    return ", ".join(dict.fromkeys(words)) or "the opposite"


def _negation_text(text: str) -> str:
    m = _FAILURE.search(text) or NEGATION.search(ANONYMITY.sub(" ", text))
    if not m:
        return ""
    words = text[m.start():m.end() + 40].split()[:4]
    while len(words) > 1 and fold(words[-1]) in STOPWORDS:
        words.pop()
    return " ".join(words)
