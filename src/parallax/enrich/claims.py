"""Default claim finder (``heuristic/v1``): check-worthy factual sentences with attribution.

A sentence is check-worthy when it states something a fact-checker could verify: numbers,
dates, events with named actors, or statements attributed to a source. Opinion cues (modal
"must/should", first-person judgement, questions) pull the score down so commentary is not
reported as a claim. The weights were set by hand on the demo corpus; a trained scorer can
register as another stage.
"""

from __future__ import annotations

import re

from parallax.enrich.quotes import SOURCE_AFTER_CUE
from parallax.records import Article, Claim
from parallax.registry import register
from parallax.settings import Config
from parallax.textutil import numbers

EVENT_VERBS = re.compile(
    r"\b(killed|died|dead|injured|evacuated|detained|arrested|agreed|signed|met|meet|exploded|"
    r"damaged|destroyed|attacked|shelled|launched|announced|released|exchanged|rose|fell|"
    r"increased|decreased|broke|collapsed|flooded|blocked|deployed|sent|fired|voted|"
    r"getötet|gestorben|evakuiert|festgenommen|vereinbart|unterzeichnet|explodiert|beschädigt|"
    r"gestiegen|gesunken|gebrochen|blockiert|убит\w*|погиб\w*|эвакуир\w*|задержан\w*|"
    r"подписал\w*|договорил\w*|взорв\w*|поврежд\w*|выросл\w*|прорвал\w*)\b", re.IGNORECASE)
ATTRIBUTION = re.compile(
    r"(?:according to|citing|cited by|laut|nach Angaben (?:des|der|von)|по (?:данным|словам)|"
    r"сообщает|reported by|selon|según)" + SOURCE_AFTER_CUE, re.IGNORECASE)
NUMBER_WORDS = re.compile(
    r"\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    r"forty|fifty|hundred|hundreds|thousand|thousands|million|millions|billion|dozens?|"
    r"zwei|drei|vier|fünf|zehn|zwanzig|hundert|tausend|millionen?|milliarden?|dutzende|"
    r"два|три|четыре|пять|десять|сто|тысяч\w*|миллион\w*|миллиард\w*|десятк\w*)\b",
    re.IGNORECASE)
SAID_BY = re.compile(r"(?P<who>(?:[A-ZА-ЯЁ][\w’'-]+\s?){1,4})\s+(?:said|says|told|reported|"
                     r"confirmed|sagte|erklärte|bestätigte|заявил\w*|сообщил\w*)")
OPINION = re.compile(
    r"\b(must|should|ought|need to|I think|I believe|in my view|we must|clearly|obviously|"
    r"disgrace\w*|shameful|muss|müssen|sollte|sollten|meiner Meinung|offensichtlich|должн\w*|"
    r"следует|очевидно|позор\w*)\b", re.IGNORECASE)


class HeuristicClaims:
    requires = ("text", "sentences", "entities", "quotes")
    assigns = ("claims",)

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold

    def annotate(self, article: Article) -> None:
        text = article.text
        claims: list[Claim] = []
        for sentence in article.sentences:
            span = text[sentence.start:sentence.end]
            if len(span.split()) < 6 or span.rstrip().endswith("?"):
                continue
            has_number = bool(numbers(span)) or bool(NUMBER_WORDS.search(span))
            attribution = self._attribution(article, sentence.start, sentence.end, span)
            has_entity = any(sentence.start <= m.start < sentence.end for m in article.entities)
            score = 0.3
            score += 0.3 if has_number else 0.0
            score += 0.2 if attribution else 0.0
            score += 0.1 if has_entity else 0.0
            score += 0.15 if EVENT_VERBS.search(span) else 0.0
            score -= 0.4 if OPINION.search(span) else 0.0
            score = round(max(0.0, min(1.0, score)), 2)
            if score >= self.threshold:
                claims.append(Claim(span, sentence.start, sentence.end, attribution, score))
        article.claims = claims

    def _attribution(self, article: Article, start: int, end: int, span: str) -> str | None:
        if m := ATTRIBUTION.search(span):
            return m.group("who").strip()
        for quote in article.quotes:
            if quote.speaker and start <= quote.start < end + 1:
                return quote.speaker
        if m := SAID_BY.search(span):
            return m.group("who").strip()
        return None


@register("claims", "heuristic/v1")
def make_claims(config: Config) -> HeuristicClaims:
    return HeuristicClaims(float(config["claim_min_checkworthiness"]))
