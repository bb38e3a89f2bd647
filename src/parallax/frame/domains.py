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
article must name Ukraine, Kyiv, Zelensky, Donbas or Crimea. Measured on the SemEval-2025
training documents and on real US news in docs/framing.md.
"""

from __future__ import annotations

import re

#: minimum number of cue occurrences for an article to be in the domain
MIN_CUES = 2

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
_PATTERNS = {domain: re.compile(r"(?<!\w)(?:" + "|".join(re.escape(c) for c in cues) + ")",
                                re.IGNORECASE)
             for domain, cues in [*_CUES.items(), ("Russia", _RUSSIA)]}


def cue_counts(text: str) -> dict[str, int]:
    return {domain: len(pattern.findall(text)) for domain, pattern in _PATTERNS.items()}


def in_domains(text: str, minimum: int = MIN_CUES) -> set[str]:
    """The taxonomy domains (``URW``, ``CC``) the text is about: ``minimum`` cues of the domain,
    or for the war one Ukraine cue and ``minimum`` Russia cues."""
    n = cue_counts(text)
    found = {d for d in ("URW", "CC") if n[d] >= minimum}
    if n["URW"] >= 1 and n["Russia"] >= minimum:
        found.add("URW")
    return found
