"""Who speaks: the quote stage's speaker rules for one article, apart from finding what is
quoted (``quotes``).

Why a module of its own: every kind of quote (a direct quote, a reported clause, a partial
quote, a quote after a colon) asks the same questions (the subject right before a speech verb,
the name nearest a cue, whom a pronoun stands for, who was quoted last), and the answers share
per-article state: the role nouns of the alias table, the people named next to a cue verb, the
genders the honorifics tell. ``Speakers`` holds that state for one article; ``quotes`` builds
one per article and asks it. Moved out of ``quotes.py`` unchanged (thirteenth session).

Rules, in order (``subject``): a person before an appositive that ends at the cue; a source
noun phrase right before the cue ("a Kremlin spokesman") as written; a named subject right
before the cue; else the named entity, role noun or pronoun closest to the cue. A pronoun
stands for a person named earlier in its sentence, else the last person quoted within three
sentences, else the subject of the sentences before (``pronouns.earlier_subject``).
"""

from __future__ import annotations

import re
from functools import cache

from parallax.enrich.pronouns import earlier_subject
from parallax.enrich.quotes_checks import (
    APPOSITION,
    apposition_subject,
    can_speak,
    colon_clause,
    colon_speaker,
    pronoun_genders,
)
from parallax.enrich.quotes_langs import LANGS, name, names_speakers, person, quoted_spans
from parallax.enrich.quotes_partial import named_in
from parallax.enrich.speech_verbs import (
    GAP_WORD,
    GENERIC_ROLE,
    PRONOUNS,
    SOURCE_NP,
    SUBJECT_NP,
    SUBJECT_PP,
    UNNAMED,
    cue_rx,
)
from parallax.records import Article, Sentence

SUBJECT_PRONOUNS = {"he", "she"}
# a US party-state tag or an age after a name: "Sen. Rand Paul, R-Ky., said", "Beske, 43, said"
PARTY_STATE = re.compile(r",\s*(?:[RDI]-[A-Z][\w.]*|\d{1,3})$")
PARTY_TAG = re.compile(r"\(?[RDI]-[A-Z][\w.]*\)?")  # "Pelosi, D-Calif., said"


def sentence_of(sentences: list[Sentence], pos: int) -> Sentence | None:
    for s in sentences:
        if s.start <= pos < s.end:
            return s
    for s in sentences:  # between sentences: the one just ended
        if s.start <= pos < s.end + 2:
            return s
    return None


def role_anchors(text: str, roles: dict[str, str]) -> list[tuple[int, str]]:
    """Positions of role nouns ("the Ukrainian leader") with the entity they stand for."""
    if not roles:
        return []
    rx = _role_regex(tuple(sorted(roles, key=len, reverse=True)))
    return [(m.start(), roles[m.group(0).lower()]) for m in rx.finditer(text)]


@cache
def _role_regex(phrases: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w])(" + "|".join(re.escape(p) for p in phrases) + r")(?![\w])",
                      re.IGNORECASE)


class Speakers:
    """The speaker rules for one article. ``direct`` are the quote stage's direct-quote
    patterns (the quoted spans a pronoun's antecedent may not come from, ``quotes_langs``)."""

    def __init__(self, article: Article, roles: dict[str, str],
                 direct: list[re.Pattern[str]]) -> None:
        self.article = article
        self.anchors = role_anchors(article.text, roles)
        self._direct = direct
        # in the languages of ``quotes_langs`` only a pronoun or a dropped subject reads these:
        # computed when first asked (their long verb lists made the stage half again slower)
        self._speakers = None if article.language in LANGS else self._named_speakers()
        self.genders = pronoun_genders(article.text)
        self._quoted: list[tuple[int, int]] | None = None

    def subject_of(self, cue_at: int, named_only: bool = False,
                   within: tuple[int, int] = (0, 0)) -> str | None:
        """The subject right before a speech verb at ``cue_at``, in its sentence: a named
        person, organisation or place, a source noun phrase ("critics", "the White House"),
        or "he"/"she" resolved; only auxiliaries and adverbs may stand between. With
        ``named_only`` only a named one (else None, also for "Aides to Mr. Trump"). A pronoun
        never stands for a name inside ``within`` (the clause it reports)."""
        article = self.article
        text = article.text
        sentence = sentence_of(article.sentences, cue_at)
        lo = sentence.start if sentence else max(0, cue_at - 200)
        stem = text[lo:cue_at]
        for _ in range(4):
            stem = PARTY_STATE.sub("", stem.rstrip(" ,")).rstrip(" ,")  # "Ryan, R-Wis.,"
            end = lo + len(stem)
            entity = next((m.canonical for m in article.entities if m.end == end and m.type in (
                "PERSON", "ORG", "GPE", "NORP") and can_speak(text, m, lo)), None)
            word = re.search(r"(?<![\w])(\w+)$", stem)
            if word is None:
                return None
            if entity is None and GAP_WORD.fullmatch(word.group(1)):
                stem = stem[:word.start(1)]  # "… have long argued"
                continue
            if (pp := SUBJECT_PP.search(stem)) is not None:
                return None if named_only else pp.group(0).strip()
            if entity is not None or named_only:
                return entity
            if (np := SUBJECT_NP.search(stem)) is not None:
                return np.group(0).strip()
            if word.group(1).lower() in SUBJECT_PRONOUNS:
                return self.antecedent(lo + word.start(1), within)
            return None
        return None

    def colon(self, start: int) -> str | None:
        """English: a name in the clause before the colon (``colon_speaker``), else in its first
        three words (its subject) a lone surname ("Dempsey said:") or "he"/"she" resolved."""
        article = self.article
        text = article.text
        if (speaker := colon_speaker(text, article.entities, start)) is not None:
            return speaker
        lo = colon_clause(text, start)
        head = re.match(r"\s*(?:[^\s:]+\s+){0,2}[^\s:]*", text[lo:start])
        words = head.group(0) if head else ""
        if (speaker := named_in(article, words)) is not None:
            return speaker
        word = re.search(r"(?<![\w])(?:he|she)(?![\w])", words, re.IGNORECASE)
        return self.antecedent(lo + word.start()) if word else None

    def subject(self, lo: int, hi: int, skip: tuple[int, int], cue_at: int) -> str | None:
        """Who speaks: the named entity, role noun or pronoun closest to the cue verb; a
        source phrase right before the cue ("a Kremlin spokesman said") is kept as written."""
        article = self.article
        text = article.text
        if (person := apposition_subject(text, article.entities, lo, cue_at, skip)) is not None:
            return person  # "Joni Ernst, a candidate in the Senate primary, announced"
        if cue_at > lo and (np := SOURCE_NP.search(text[max(lo, cue_at - 80):cue_at])):
            phrase = np.group(0).strip(" ,")
            if len(phrase.split()) >= 1 and phrase[:1].isalpha():
                return phrase
        if (subject := self.subject_of(cue_at, named_only=True)) is not None:
            return subject  # "Rubio said Obama “…”", "Rubio also told Rose he …"
        options: list[tuple[int, str]] = []
        start = max(lo, cue_at - 40)
        roles = [(start + r.start(), start + r.end())
                 for r in GENERIC_ROLE.finditer(text[start:cue_at + 40])
                 if start + r.start() < cue_at or re.fullmatch(  # "…, said the governor"
                     r"\w+\s+", text[cue_at:start + r.start()])]
        for m in article.entities:
            if lo <= m.start < hi and not (skip[0] <= m.start < skip[1]) and m.type in (
                    "PERSON", "ORG", "GPE") and can_speak(text, m, lo) and (
                    m.type == "PERSON" or not any(a <= m.start < b for a, b in roles)):
                # "the House speaker said": a place or body inside a role noun is no speaker
                weight = 0 if m.type == "PERSON" else 15
                options.append((abs(m.start - cue_at) + weight, m.canonical))
        for position, canonical in self.anchors:
            if lo <= position < hi and not (skip[0] <= position < skip[1]):
                options.append((abs(position - cue_at), canonical))
        window = max(lo, cue_at - 25)
        for word in re.finditer(r"(?<![\w])(\w+)(?![\w])", text[window:cue_at + 25]):
            if word.group(1).lower() in PRONOUNS:
                position = window + word.start()
                if not (skip[0] <= position < skip[1]) and (
                        antecedent := self.antecedent(position, skip)):
                    options.append((abs(position - cue_at) - 1, antecedent))
        for position, _ in roles:
            if not (skip[0] <= position < skip[1]) and (
                    antecedent := self.antecedent(position)):
                options.append((abs(position - cue_at) + 5, antecedent))  # table roles first
        if options:
            return min(options)[1]
        context = text[lo:max(lo, skip[0])] + " " + text[max(lo, skip[1]):hi]
        if (u := UNNAMED.search(context)) is not None:
            return u.group(0)
        return None

    def recent(self) -> list[tuple[int, str]]:
        """(position, name) of the people named next to a cue verb, in order."""
        if self._speakers is None:
            self._speakers = self._named_speakers()
        return self._speakers

    def quoted(self) -> list[tuple[int, int]]:
        """The article's quoted spans (``quotes_langs.quoted_spans``), computed when asked."""
        if self._quoted is None:
            self._quoted = quoted_spans(self.article, self._direct)
        return self._quoted

    def _named_speakers(self) -> list[tuple[int, str]]:
        """People named right before a cue verb ("Tess Calloway said"): pronouns in later
        quotes most often refer back to the last person quoted."""
        article = self.article
        text = article.text
        people = [m for m in article.entities if m.type == "PERSON" and (
            article.language not in LANGS or person(article, m))]  # not "na Universidade de X"
        speakers = []
        for cue in cue_rx(article.language).finditer(text):
            before = [m for m in people if 0 <= cue.start() - m.end <= 60
                      and "." not in PARTY_TAG.sub("", text[m.end:cue.start()])]
            after = [m for m in people if 0 <= m.start - cue.end() <= 3]  # "said Marcus Fenn"
            shown = name if article.language in LANGS else (lambda _, m: m.canonical)
            if before:
                # "Benj Sykes, country manager at Dong Energy, said": the subject before the
                # appositive, not a name inside it (thirteenth session)
                subject = next((m for m in before if article.language not in LANGS
                                and APPOSITION.match(text[m.end:cue.start()])
                                and can_speak(text, m, max(0, m.start - 40))), before[-1])
                speakers.append((subject.start, shown(article, subject)))
            elif after:
                speakers.append((after[0].start, shown(article, after[0])))
        return sorted(set(speakers))

    def partial(self, at: int) -> str | None:
        """The subject of the verb at ``at`` before a partial quote; in the languages of
        ``quotes_langs`` only the name right before it (their pronouns and source nouns are not
        in ``subject_of``'s lists), and only in those that name speakers at all."""
        language = self.article.language
        if language in LANGS:
            return self.subject_of(at, named_only=True) if names_speakers(language) else None
        return self.subject_of(at)

    def antecedent(self, position: int, within: tuple[int, int] = (0, 0)) -> str | None:
        """Who a pronoun stands for: a person named earlier in its own sentence, else a person
        quoted in the last three sentences, else ``pronouns.earlier_subject`` (the rule entity
        portrayal uses too). "he" is never a "Ms. …", "she" never a "Mr. …", nor either a name
        inside the quote at ``within`` ('“… elected Nancy Pelosi …,” she said': not Pelosi)."""
        article = self.article
        people = sorted([(m.start, m.canonical) for m in article.entities
                         if m.type == "PERSON" and m.end <= position
                         and not within[0] <= m.start < within[1]]
                        + [(p, c) for p, c in self.anchors if p < position])
        word = re.match(r"\w+", article.text[position:position + 4])
        pronoun = word.group(0).lower() if word else ""

        def fits(name: str) -> bool:
            return pronoun not in SUBJECT_PRONOUNS or self.genders.get(
                (name.split() or [''])[-1], pronoun) == pronoun

        people = [(p, c) for p, c in people if fits(c)]
        if not people:
            return None
        own = sentence_of(article.sentences, position)
        if own is not None:
            inside = [c for p, c in people if own.start <= p < position]
            if inside:
                return inside[-1]
            recent = [s for s in article.sentences if s.end <= own.start][-3:]
            window = recent[0].start if recent else own.start
            quoted = [c for p, c in self.recent() if window <= p < position
                      and fits(c)
                      and not within[0] <= p < within[1]]
            if quoted:
                return quoted[-1]
            spans = [(s.start, s.end) for s in article.sentences]
            return earlier_subject(position, people, spans, own.start)
        return people[-1][1]
