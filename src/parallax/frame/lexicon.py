"""Default framing stage (``lexicon/v1``): transparent cue lexicons in EN/DE/RU.

This is the baseline the trained models replace: every label it gives comes with the words or
sentences that triggered it, so a user can see exactly why. Scores are cue-count based, not
calibrated probabilities; the trained stage (its own issue) calibrates.
"""

from __future__ import annotations

import re
from collections import defaultdict

from parallax.frame.taxonomy import FRAMES
from parallax.records import (
    Article,
    FrameLabel,
    GenreLabel,
    NarrativeLabel,
    RoleLabel,
    TechniqueSpan,
)
from parallax.registry import register
from parallax.settings import Config


def _rx(*stems: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w])(?:" + "|".join(stems) + r")[\w-]*", re.IGNORECASE)


TECHNIQUES: dict[str, re.Pattern[str]] = {
    "Name_Calling-Labeling": _rx("puppet", "warmonger", "dictator", "thug", "hooligan", "extremist",
                                 "fanatic", "regime", "junta", "marionette", "kriegstreiber",
                                 "diktator", "chaot", "марионет", "хунт", "режим", "экстремист",
                                 "хулиган", "поджигател"),
    "Loaded_Language": _rx("catastroph", "disgrace", "shameful", "barbar", "brutal", "reckless",
                           "sinister", "cynic", "perverse", "hysteri", "betray", "monstr",
                           "skandal", "schande", "dreist", "irrsinn", "wahnsinn", "katastroph",
                           "позор", "варвар", "чудовищ", "циничн", "истери", "безрассуд"),
    "Appeal_to_Fear-Prejudice": _rx("threat to", "danger", "apocalyp", "doomsday",
                                    "freeze to death",
                                    "gefahr", "bedroh", "angst", "угроз", "опасн", "катастроф"),
    "Doubt": _rx("so-called", "allegedly", "alleged", "supposedly", "sogenannt", "angeblich",
                 "так называем", "якобы", "мнимы"),
    "Flag_Waving": _rx("our nation", "our homeland", "patriot", "motherland", "vaterland",
                       "unser land", "родин", "отечеств", "патриот"),
    "Whataboutism": _rx("what about", "and yet the west", "und was ist mit", "а как же",
                        "а что же"),
    "Exaggeration-Minimisation": _rx("unprecedented", "never before", "entire world",
                                     "beispiellos", "noch nie", "беспрецедент", "весь мир"),
    "Causal_Oversimplification": _rx("the only reason", "solely because", "der einzige grund",
                                     "единственная причина"),
    "Appeal_to_Authority": _rx("experts agree", "scientists say", "experten sind sich einig",
                               "эксперты сходятся"),
}

ROLE_CUES: dict[tuple[str, str], re.Pattern[str]] = {
    ("Antagonist", "Instigator"): _rx("aggress", "attack", "invad", "shell", "provok", "escalat",
                                      "warmonger", "angriff", "angreif", "beschoss", "агресс",
                                      "напал", "обстрел", "провоц"),
    ("Antagonist", "Tyrant"): _rx("dictator", "autocra", "tyrann", "regime", "diktat", "autokrat",
                                  "диктат", "тиран"),
    ("Antagonist", "Deceiver"): _rx("lie", "lied", "propaganda", "deceiv", "mislead", "lüge",
                                    "täusch", "лж", "ложь", "обман"),
    ("Antagonist", "Saboteur"): _rx("sabotag", "диверс", "саботаж"),
    ("Antagonist", "Incompetent"): _rx("neglect", "incompet", "failed to", "versagt", "vernachläss",
                                       "халатн", "некомпетент"),
    ("Antagonist", "Foreign Adversary"): _rx("hostile", "enemy", "feind", "враг", "враждеб"),
    ("Antagonist", "Puppet"): _rx("puppet", "marionette", "марионет"),
    ("Protagonist", "Peacemaker"): _rx("peace", "mediat", "negotiat", "ceasefire", "dialogue",
                                       "frieden", "vermittl", "verhandl", "мир", "переговор",
                                       "посредн"),
    ("Protagonist", "Guardian"): _rx("defend", "protect", "rescu", "help", "schütz", "rett",
                                     "verteidig", "защищ", "спаса", "помога"),
    ("Protagonist", "Virtuous"): _rx("brave", "hero", "courage", "principled", "mutig", "held",
                                     "геро", "мужеств"),
    ("Innocent", "Victim"): _rx("victim", "killed", "suffer", "evacuat", "displaced", "homeless",
                                "opfer", "getötet", "leid", "жертв", "погиб", "пострадав"),
    ("Innocent", "Exploited"): _rx("exploit", "forced labo", "cannon fodder", "ausgebeutet",
                                   "эксплуат"),
    ("Innocent", "Scapegoat"): _rx("scapegoat", "sündenbock", "козл"),
    ("Innocent", "Forgotten"): _rx("forgotten", "ignored", "vergessen", "забыт"),
}

NARRATIVES: list[tuple[str, str, re.Pattern[str]]] = [
    ("URW: Discrediting the West, Diplomacy",
     "URW: Discrediting the West, Diplomacy: The West is weak",
     _rx("fading", "declin", "weak west", "west is weak", "minority", "niedergang", "закат",
         "ослаб")),
    ("URW: Discrediting Ukraine", "URW: Discrediting Ukraine: Ukraine is a puppet of the West",
     _rx("puppet", "marionette", "марионет")),
    ("URW: Blaming the war on others rather than the invader",
     "URW: Blaming the war on others rather than the invader: The West are the aggressors",
     _rx("western sabotage", "western provocation", "nato provocation", "провокац", "западн")),
    ("URW: Amplifying war-related fears", "URW: Amplifying war-related fears: Other",
     _rx("world war", "nuclear", "weltkrieg", "atom", "ядерн", "мировой войн")),
    ("URW: Distrust towards Media",
     "URW: Distrust towards Media: Western media is an instrument of propaganda",
     _rx("western media", "mainstream media", "westliche medien", "западные сми")),
    ("CC: Criticism of climate movement",
     "CC: Criticism of climate movement: Climate movement is alarmist",
     _rx("climate hooligan", "eco-extrem", "alarmist", "klimakleber", "экоэкстрем")),
    ("CC: Amplifying Climate Fears",
     "CC: Amplifying Climate Fears: Amplifying existing fears of global warming",
     _rx("record heat", "heatwave", "hitzewelle", "climate emergency", "klimanotstand", "жара")),
]

FRAME_CUES: dict[str, re.Pattern[str]] = {
    "Economic": _rx("price", "econom", "market", "cost", "gas price", "preis", "wirtschaft",
                    "цен", "эконом"),
    "Capacity_and_resources": _rx("supply", "shortage", "capacity", "resources", "versorg",
                                  "поставк", "ресурс"),
    "Morality": _rx("moral", "shame", "evil", "cynic", "schande", "мораль"),
    "Legality_Constitutionality_and_jurisprudence": _rx("law", "legal", "court", "prosecutor",
                                                        "gesetz", "staatsanwalt", "закон", "суд"),
    "Crime_and_punishment": _rx("crime", "arrest", "detain", "sabotag", "festgenommen",
                                "straftat", "задерж", "преступ"),
    "Security_and_defense": _rx("military", "troops", "army", "war", "weapon", "missile", "nato",
                                "shell", "militär", "truppen", "krieg", "армия", "войн", "военн"),
    "Health_and_safety": _rx("dead", "injur", "flood", "evacuat", "heat", "tote", "verletz",
                             "погиб", "ранен", "эвакуа"),
    "Quality_of_life": _rx("homeless", "daily life", "residents", "alltag", "bewohner",
                           "жител"),
    "Cultural_identity": _rx("tradition", "identity", "heritage", "culture", "kultur", "культур"),
    "Public_opinion": _rx("poll", "protest", "public", "umfrage", "опрос", "протест"),
    "Political": _rx("president", "summit", "election", "minister", "gipfel", "präsident",
                     "саммит", "президент"),
    "External_regulation_and_reputation": _rx("sanction", "international", "un ", "eu ",
                                              "sanktion", "санкц", "международ"),
    "Policy_prescription_and_evaluation": _rx("policy", "plan", "measure", "maßnahm", "мер"),
    "Fairness_and_equality": _rx("unfair", "equal", "injustice", "gerecht", "справедлив"),
}
FIRST_PERSON = re.compile(r"(?<![\w])(I|me|my|ich|mein\w*|я|мне|мой)(?![\w])")
SATIRE_OUTLETS = re.compile(r"gadfly|onion|postillon|satir", re.IGNORECASE)
assert set(FRAME_CUES) <= set(FRAMES)


class LexiconFraming:
    requires = ("text", "sentences", "entities")
    assigns = ("roles", "narratives", "techniques", "frames", "genre")

    def annotate(self, article: Article) -> None:
        text = article.text
        article.techniques = [
            TechniqueSpan(name, m.start(), m.end(), 0.5)
            for name, rx in TECHNIQUES.items() for m in rx.finditer(text)
        ]
        article.techniques.sort(key=lambda t: t.start)
        article.roles = self._roles(article)
        article.narratives = self._narratives(text)
        article.frames = self._frames(text)
        article.genre = self._genre(article)

    def _roles(self, article: Article) -> list[RoleLabel]:
        text = article.text
        by_entity: dict[str, set[tuple[int, int]]] = defaultdict(set)
        for m in article.entities:
            if m.type in ("PERSON", "ORG", "GPE"):
                for s in article.sentences:
                    if s.start <= m.start < s.end:
                        by_entity[m.canonical].add((s.start, s.end))
        roles = []
        for entity, spans in by_entity.items():
            if len(spans) < 2:
                continue
            hits: dict[tuple[str, str], list[str]] = defaultdict(list)
            for start, end in sorted(spans):
                sentence = text[start:end]
                for key, rx in ROLE_CUES.items():
                    if rx.search(sentence):
                        hits[key].append(sentence)
            if not hits:
                continue
            (main, fine), evidence = max(hits.items(), key=lambda kv: len(kv[1]))
            if fine == "Puppet":  # not a SemEval fine role: a puppet is cast as deceiving
                fine = "Deceiver"
            score = round(len(evidence) / (len(evidence) + 1), 2)
            roles.append(RoleLabel(entity, main, [fine], score, evidence[:3]))
        return sorted(roles, key=lambda r: -r.score)

    def _narratives(self, text: str) -> list[NarrativeLabel]:
        found = []
        for label, sub, rx in NARRATIVES:
            matches = list(rx.finditer(text))
            if matches:
                evidence = [_sentence_around(text, m.start()) for m in matches[:2]]
                found.append(NarrativeLabel(label, sub, round(min(0.9, 0.3 + 0.2 * len(matches)),
                                                              2), evidence))
        return found or [NarrativeLabel("Other", None, 0.5, [])]

    def _frames(self, text: str) -> list[FrameLabel]:
        counts = {name: len(rx.findall(text)) for name, rx in FRAME_CUES.items()}
        top = max(counts.values()) if counts else 0
        if top == 0:
            return []
        frames = [FrameLabel(name, round(n / top, 2)) for name, n in counts.items() if n >= 2]
        return sorted(frames, key=lambda f: -f.score)[:4]

    def _genre(self, article: Article) -> GenreLabel:
        if article.outlet and SATIRE_OUTLETS.search(article.outlet):
            return GenreLabel("satire", 0.7)
        words = max(1, len(article.text.split()))
        first_person = len(FIRST_PERSON.findall(article.text))
        loaded = sum(1 for t in article.techniques if t.technique in (
            "Loaded_Language", "Name_Calling-Labeling"))
        opinion = first_person * 2 + loaded * 3
        density = opinion / words * 100
        if density >= 1.0:
            return GenreLabel("opinion", round(min(0.95, 0.5 + density / 10), 2))
        return GenreLabel("reporting", round(min(0.95, 0.6 + (1.0 - density) / 4), 2))


def _sentence_around(text: str, pos: int) -> str:
    start = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos)) + 1
    end_candidates = [i for i in (text.find(". ", pos), text.find("\n", pos)) if i != -1]
    end = min(end_candidates) + 1 if end_candidates else len(text)
    return text[start:end].strip()


@register("framing", "lexicon/v1")
def make_lexicon(config: Config) -> LexiconFraming:
    return LexiconFraming()
