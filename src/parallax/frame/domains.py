"""Which taxonomy domains an article is in: the gate before any SemEval-2025 narrative.

The narrative taxonomy covers two topics only, the Russia-Ukraine war (``URW``) and climate
change (``CC``). Its models learnt from articles that are all about one or the other, so on a
story about a party chairman they still pick the "closest" narrative, and a reader sees a
Ukraine-war narrative on US politics. An article gets a domain's narratives only when it names
the domain's subject itself, several times, in one of the trained languages (bg, en, hi, pt, ru,
and de, fr, it, pl for good measure); otherwise its narrative is ``Other``.

Cue words, not a classifier, because the negatives a classifier would need (news on every other
topic, labelled as such) are not in the training data, and because a reader can check a cue.
For the war, Russia alone is not enough (Russia appears in US politics, sanctions, sport): the
article must name Ukraine, Kyiv, Zelensky, Donbas or Crimea, and often enough for the war to be
one of its topics rather than one item in a list. Measured on the SemEval-2025
training documents and on real US news in docs/framing.md.
"""

from __future__ import annotations

import re

#: minimum number of cue occurrences for an article to be in the domain
MIN_CUES = 2
#: the war must be a topic of the article, not a passing mention: at least this many Ukraine
#: cues per 100 words, or a Ukraine cue in at least ``MIN_WAR_SHARE`` of its paragraphs. Why: a
#: column on a US party's foreign policy that names Ukraine once in 900 words and Russia or NATO
#: eight times was in the war domain and showed a war narrative; the SemEval-2023 English
#: training articles the old gate put in the war domain (US politics on the Russia inquiry,
#: 2017-2019) carry 0.11-0.48 Ukraine cues per 100 words (median 0.18) in 2-12 % of their
#: paragraphs, SemEval-2025's English documents with a war narrative a median 1.53 in 39 %.
#: Chosen on the training documents only (docs/framing.md, twenty-third session)
MIN_WAR_DENSITY = 0.25
MIN_WAR_SHARE = 0.08
#: the non-empty lines (a title and two paragraphs) a text needs for its share to count
MIN_SHARED_LINES = 3

_CUES = {
    "URW": ("ukrain", "kyiv", "kiev", "zelensk", "zelensky", "donbas", "donbass", "donetsk",
            "luhansk", "lugansk", "crimea", "kharkiv", "mariupol", "bakhmut", "kherson",
            "zaporizh", "odesa",
            # bg / ru
            "украйн", "украин", "киев", "зеленск", "донбас", "донецк", "луганск", "крим", "крым",
            "харьков", "харков", "мариупол", "бахмут", "херсон", "запорож", "всу", "сво",
            # pt / es / it / fr / de / pl
            "ucrân", "ucran", "kiev", "zelenski", "crimeia", "krim", "kijów", "kijow", "ukrain",
            "donbass",
            # hi
            "यूक्रेन", "युक्रेन", "कीव", "ज़ेलेंस्की", "जेलेंस्की", "क्रीमिया", "डोनबास"),
    "CC": ("climate", "global warming", "greenhouse", "carbon", "co2", "co₂", "emission",
           "net zero", "net-zero", "fossil", "ipcc", "paris agreement", "decarboni",
           "green deal", "green new deal", "green energy", "renewable", "heatwave", "heat wave",
           "electric vehicle", "sea level", "extreme weather", "greta thunberg",
           # bg / ru
           "климат", "парников", "въглерод", "углерод", "выброс", "емиси", "глобалното затопляне",
           "глобальн потеплен", "глобальное потепление", "парниковы", "зелена енергия",
           "зелената енергия", "зелената сделка", "зелёная энергия", "изкопаеми", "ископаем",
           "възобновяем", "возобновляем", "затопляне", "потеплен",
           # pt / es / it / fr / de / pl
           "clima", "aquecimento global", "emissões", "carbono", "klima", "treibhaus",
           "réchauffement", "effet de serre", "riscaldamento globale", "klimat", "emisj",
           "climát", "climatic", "fóssil", "fosseis", "fósseis", "renováve", "energia verde",
           "onda de calor",
           "temperatura média", "aquecimento",
           # hi
           "जलवायु", "ग्लोबल वार्मिंग", "कार्बन", "उत्सर्जन", "ग्रीनहाउस", "क्लाइमेट", "हीट वेव",
           "तापमान"),
}
#: Russia's side of the war: not enough alone, but with one strong cue it is
_RUSSIA = ("russia", "russian", "moscow", "kremlin", "putin", "nato", "lavrov", "shoigu",
           "росси", "русия", "руск", "руски", "москв", "кремл", "путин", "нато", "лавров",
           "rússia", "russo", "russa", "moscou", "otan", "रूस", "पुतिन", "नाटो", "मॉस्को",
           "क्रेमलिन")
#: English climate cues that also name other things: a car's climate control, a political
#: climate, the Mars Climate Orbiter, carbon fibre and carbonated drinks, light emission, a fossil,
#: a garden greenhouse, height above sea level. Alone they do not put an article in the climate
#: domain; they count with at least one cue that does not double (``_CLIMATE_SENSE`` or any other
#: cue). Why: on real blogs and news (Dragnet, twelfth session) a NASA landing, a Fermi telescope
#: story, a Range Rover history and a plastics piece got climate roles (Antagonist NASA, BMW) from
#: these words alone, none of them right; every SemEval-2025 training document with a climate
#: narrative keeps its domain (docs/framing.md, twelfth session).
_DOUBLE_SENSE = frozenset({"climate", "carbon", "emission", "fossil", "greenhouse", "renewable",
                           "heatwave", "heat wave", "electric vehicle", "sea level",
                           "extreme weather", "green energy"})
_CLIMATE_SENSE = re.compile(
    r"(?<!\w)(?:climate[ -](?:change|crisis|emergency|summit|polic|scien|action|activis|model|"
    r"target|goal|deal|law|fund|financ|denia|denier|skeptic|sceptic|alarm|hoax|agenda|refugee)|"
    r"global warming|greenhouse gas|greenhouse effect|carbon (?:dioxide|emission|tax|footprint|"
    r"neutral|capture|pric|credit|offset|budget|trading)|emissions|fossil[ -]fuel|"
    r"renewable energ|renewables|sea levels? ris|rising seas?|cop ?\d\d)", re.IGNORECASE)
_PATTERNS = {domain: re.compile(r"(?<!\w)(?:" + "|".join(re.escape(c) for c in cues) + ")",
                                re.IGNORECASE)
             for domain, cues in [*_CUES.items(), ("Russia", _RUSSIA)]}


def cue_counts(text: str) -> dict[str, int]:
    return {domain: len(pattern.findall(text)) for domain, pattern in _PATTERNS.items()}


def in_domains(text: str, minimum: int = MIN_CUES, passing: bool = False) -> set[str]:
    """The taxonomy domains (``URW``, ``CC``) the text is about: ``minimum`` cues of the domain
    (for climate, not all of them English words with another sense), or for the war one Ukraine
    cue and ``minimum`` Russia cues, the war being a topic (``_war_is_a_topic``) unless
    ``passing``. The side model learns from every page that names the war, passing mentions
    included (``side.side_rows``): they are its mainstream negatives, and without them out of
    fold it kept 6 of 33 mainstream pages against 4 of 37."""
    n = cue_counts(text)
    found = {d for d in ("URW", "CC") if n[d] >= minimum}
    if "CC" in found and not _CLIMATE_SENSE.search(text) and all(
            cue.lower() in _DOUBLE_SENSE for cue in _PATTERNS["CC"].findall(text)):
        found.discard("CC")
    if n["URW"] >= 1 and n["Russia"] >= minimum:
        found.add("URW")
    if "URW" in found and not passing and not _war_is_a_topic(text, n["URW"]):
        found.discard("URW")
    return found


def _war_is_a_topic(text: str, cues: int) -> bool:
    """``MIN_WAR_DENSITY`` Ukraine cues per 100 words or ``MIN_WAR_SHARE`` of the paragraphs
    (non-empty lines) naming Ukraine, when there are paragraphs to share: a title and at least
    two. Under a title, a body of one paragraph (a JSONL record's text with no line breaks)
    that names Ukraine once is half the lines, so the columns the share was to keep out (one
    cue in 900 words) were in the war domain again, with their narratives and roles, when
    their text came as one line (R's review of 2a86950, SemEval-2023 EN training)."""
    if 100.0 * cues / max(1, len(text.split())) >= MIN_WAR_DENSITY:
        return True
    lines, named = _lines_naming(text, "URW")
    return lines >= MIN_SHARED_LINES and named >= MIN_WAR_SHARE * lines


def _lines_naming(text: str, domain: str) -> tuple[int, int]:
    """(the non-empty lines (paragraphs) of ``text``, how many hold a cue of ``domain``): the
    share ``_war_is_a_topic`` and ``domain_density`` read."""
    paragraphs = [line for line in text.split("\n") if line.strip()]
    return len(paragraphs), sum(bool(_PATTERNS[domain].search(p)) for p in paragraphs)


def domain_density(text: str, domains: set[str]) -> tuple[float, float]:
    """How much ``text`` is about the domain of ``domains`` it names most: its cues per 100
    words (for the war, Ukraine and Russia cues together) and the share of its non-empty lines
    (paragraphs) that hold a cue. Why: an article that mentions emissions twice in an election
    piece is "in" the climate domain by ``in_domains`` but not about it; SemEval's documents
    with a narrative carry a median 1.9 climate cues per 100 words, the mainstream pages that
    showed a wrong one 0.1-2.8 (docs/framing.md, thirteenth session)."""
    if not domains:
        return 0.0, 0.0
    n = cue_counts(text)
    best = max(sorted(domains), key=lambda d: n.get(d, 0))
    cues = n[best] + (n["Russia"] if best == "URW" else 0)
    words = max(1, len(text.split()))
    lines, named = _lines_naming(text, best)
    share = named / lines if lines else 0.0
    return 100.0 * cues / words, share
