"""Default quote finder (``regex/v1``): direct quotes in every common quote style and indirect
speech with a cue verb, each with a speaker when the sentence (or the one before) names one.

Speaker rules, in order: an entity in the quote's sentence next to a cue verb; a pronoun next to
a cue verb -> the nearest preceding person; "I wrote:" -> the article's author; an unnamed source
("a senior official") kept as its own text. Single-quoted spans of one or two words are scare
quotes, not speech, unless a cue verb attributes them.
"""

from __future__ import annotations

import re

from parallax.records import Article, Mention, Quote, Sentence
from parallax.registry import register
from parallax.settings import Config

QUOTE_PAIRS = [
    ("“", "”"), ("„", "“"), ("„", "”"), ("«", "»"), ("»", "«"), ('"', '"'), ("‘", "’"),
    ("'", "'"), ("‚", "‘"),
]
_DIRECT = [re.compile(rf"(?<![\w]){re.escape(o)}([^\n{re.escape(c)}]{{2,1500}}?){re.escape(c)}"
                      rf"(?![\w])") for o, c in QUOTE_PAIRS]

CUES = ("said", "says", "told", "added", "insisted", "wrote", "writes", "declared", "stated",
        "warned", "claimed", "argued", "noted", "stressed", "announced", "replied", "asked",
        "explained", "promised", "admitted", "denied", "called", "urged", "tweeted", "posted",
        "sagte", "sagt", "erklärte", "betonte", "warnte", "schrieb", "fügte", "behauptete",
        "forderte", "kündigte", "meinte", "so", "заявил", "заявила", "сказал", "сказала",
        "написал", "написала", "добавил", "добавила", "подчеркнул", "подчеркнула", "отметил",
        "отметила", "предупредил", "назвал", "заявили", "сообщил", "сообщила")
CUE_RX = re.compile(r"(?<![\w])(" + "|".join(CUES) + r")(?![\w])", re.IGNORECASE)
PRONOUNS = {"he", "she", "er", "sie", "он", "она"}
UNNAMED = re.compile(r"\b(an? (?:senior |western |european |government |unnamed |local )?"
                     r"(?:official|diplomat|source|spokesperson|spokesman|analyst|resident|"
                     r"witness|commander)s?|officials|sources|experts|residents|witnesses|"
                     r"ein(?:e)? (?:Sprecher(?:in)?|Beamter|Diplomat)|источник\w*)\b",
                     re.IGNORECASE)
INDIRECT = re.compile(
    r"(?P<who>[^\s,.;:]+(?:\s[^\s,.;:]+){0,3})\s+(?P<cue>said|says|told \w+|insisted|claimed|"
    r"warned|argued|wrote(?: on [\w ]{2,20}?)?|stressed|announced|added|sagte|erklärte|betonte|"
    r"behauptete|warnte|schrieb|заявил[аи]?|сказал[аи]?|сообщил[аи]?|написал[аи]?)"
    r"(?:\s+(?:on \w+|that|dass|что))?\s+(?P<body>[^\n]{10,400}?)(?=[.!?](?:\s|$))",
    re.IGNORECASE)
ACCORDING = re.compile(r"(?:according to|laut|nach Angaben (?:des|der|von)|по (?:данным|словам))"
                       r"\s+(?P<who>[^,.;:\n]{2,80})", re.IGNORECASE)


def _sentence_of(sentences: list[Sentence], pos: int) -> Sentence | None:
    for s in sentences:
        if s.start <= pos < s.end + 2:
            return s
    return None


def _entity_near(entities: list[Mention], lo: int, hi: int,
                 skip: tuple[int, int]) -> Mention | None:
    """A person beats an organisation or place as the speaker of a quote."""
    best = None
    for m in entities:
        inside = lo <= m.start < hi and not (skip[0] <= m.start < skip[1])
        if inside and m.type in ("PERSON", "ORG", "GPE") and (
                best is None or (m.type == "PERSON" and best.type != "PERSON")):
            best = m
    return best


def _previous_person(entities: list[Mention], pos: int) -> str | None:
    people = [m for m in entities if m.type == "PERSON" and m.end <= pos]
    return people[-1].canonical if people else None


class RegexQuotes:
    requires = ("text", "sentences", "entities")
    assigns = ("quotes",)

    def annotate(self, article: Article) -> None:
        text = article.text
        quotes: list[Quote] = []
        taken: list[tuple[int, int]] = []
        for rx in _DIRECT:
            for m in rx.finditer(text):
                start, end = m.start(1), m.end(1)
                if any(a < end and start < b for a, b in taken):
                    continue
                quote = self._direct(article, start, end)
                if quote:
                    quotes.append(quote)
                    taken.append((m.start(), m.end()))
        for rx in (INDIRECT,):
            for m in rx.finditer(text):
                body_start, body_end = m.start("body"), m.end("body")
                if any(a <= body_start < b or a < body_end <= b for a, b in taken):
                    continue
                speaker = self._speaker_from(article, m.start("who"), m.end("who"), m.start())
                if speaker is None:
                    continue
                cue = m.group("cue").split()[0].lower()
                quotes.append(Quote(text[body_start:body_end], body_start, body_end, speaker,
                                    cue, False))
                taken.append((body_start, body_end))
        for m in ACCORDING.finditer(text):
            sentence = _sentence_of(article.sentences, m.start())
            if sentence is None or any(a <= sentence.start < b for a, b in taken):
                continue
            who = m.group("who").strip()
            entity = _entity_near(article.entities, m.start("who"), m.end("who"), (0, 0))
            quotes.append(Quote(text[sentence.start:sentence.end], sentence.start, sentence.end,
                                entity.canonical if entity else who, "according to", False))
        quotes.sort(key=lambda q: q.start)
        article.quotes = quotes

    def _direct(self, article: Article, start: int, end: int) -> Quote | None:
        text = article.text
        inner = text[start:end]
        sentence = _sentence_of(article.sentences, start)
        lo = sentence.start if sentence else max(0, start - 200)
        hi = sentence.end if sentence else min(len(text), end + 200)
        context = text[lo:start] + " " + text[end:hi]
        cue_match = CUE_RX.search(context)
        if len(inner.split()) <= 2 and not cue_match:
            return None  # scare quotes: 'peace', 'real'
        speaker = None
        cue = cue_match.group(1).lower() if cue_match else None
        if cue_match:
            entity = _entity_near(article.entities, lo, hi, (start, end))
            if entity:
                speaker = entity.canonical
            else:
                words = {w.lower().strip(",.") for w in context.split()}
                if words & PRONOUNS:
                    speaker = _previous_person(article.entities, start)
                elif (u := UNNAMED.search(context)) is not None:
                    speaker = u.group(0)
        before = text[max(0, start - 60):start].rstrip(" \n'\"“„«‘")
        if speaker is None and before.endswith(":"):
            lead = text[max(0, start - 120):start]
            if re.search(r"\bI (?:wrote|said|argued|noted)\b", lead):
                speaker, cue = article.author or "the author", "wrote"
            else:
                entity = _entity_near(article.entities, max(0, start - 200), start, (0, 0))
                speaker = entity.canonical if entity else None
        if speaker is None and len(inner.split()) <= 3:
            return None
        return Quote(inner, start, end, speaker, cue, True)

    def _speaker_from(self, article: Article, lo: int, hi: int, anchor: int) -> str | None:
        entity = _entity_near(article.entities, lo, hi + 1, (0, 0))
        if entity:
            return entity.canonical
        who = article.text[lo:hi].split()
        if who and who[-1].lower() in PRONOUNS:
            return _previous_person(article.entities, anchor)
        if (u := UNNAMED.search(article.text[lo:hi])) is not None:
            return u.group(0)
        return None


@register("quotes", "regex/v1")
def make_quotes(config: Config) -> RegexQuotes:
    return RegexQuotes()
