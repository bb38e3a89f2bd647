"""Default quote finder (``regex/v1``): direct quotes in every common quote style and indirect
speech with a cue verb, each with a speaker when the sentence (or the one before) names one.

Speaker rules, in order: an entity in the quote's sentence next to a cue verb; a pronoun next to
a cue verb -> the nearest preceding person; "I wrote:" -> the article's author; an unnamed source
("a senior official") kept as its own text. Quoted spans of at most three words are left to
``quotes_partial`` (a partial quote, or a scare quote that is no quote at all).

Reported speech with a verb the older cue list lacks ("officials warn that", "critics say the
plan", "the indictment also alleges", ``REPORTED_CUE``) is taken only with a subject
right before the verb (``subject_of``): a named entity, a source noun phrase or a resolved
pronoun. A wrong speaker is worse than none, so nothing looser. Then ``quotes_partial`` keeps
short quoted phrases as ``kind="partial"`` and gives an unnamed quote the speaker of the one
before it. ``quotes_checks`` holds what real news taught (BASIL, tenth session): the subject
before an appositive speaks, not a place inside it; a name after a preposition or before a
possessive never does; the words after a cue that only say when or where are no quote.
The word lists live in ``speech_verbs``. In French, Italian, Portuguese, Spanish and Polish a
direct quote's speaker comes only from a verb right next to its marks (``quotes_langs``,
twelfth session); the English rules above never read those languages' words.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from parallax.enrich.entities import load_roles
from parallax.enrich.pronouns import earlier_subject
from parallax.enrich.quotes_checks import (
    NO_COLON_SPEAKER,
    apposition_subject,
    can_speak,
    colon_clause,
    colon_speaker,
    pronoun_genders,
    reported_body,
    straight_mismatch,
    title_like,
    well_formed,
)
from parallax.enrich.quotes_langs import (
    LANGS,
    direct_speaker,
    name,
    names_speakers,
    person,
    quoted_spans,
    recent_speaker,
    reversed_pair,
    subject_before,
)
from parallax.enrich.quotes_partial import (
    SHORT_WORDS,
    continue_speakers,
    named_in,
    open_paragraph_ends,
    partial_quotes,
    title_phrase,
)
from parallax.enrich.speech_verbs import (
    ACCORDING,
    CUE_RX,
    FIRST_PERSON_CUE,
    GAP_WORD,
    GENERIC_ROLE,
    INDIRECT_CUE,
    PRONOUNS,
    REPORTED_CUE,
    SOURCE_NP,
    SUBJECT_NP,
    SUBJECT_PP,
    UNNAMED,
    cue_rx,
)
from parallax.enrich.speech_verbs import SOURCE_AFTER_CUE as SOURCE_AFTER_CUE  # claims reads it
from parallax.records import Article, Mention, Quote, Sentence
from parallax.registry import register
from parallax.settings import Config

#: who speaks a reported clause, given the article, the cue verb's match and its sentence
SpeakerRule = Callable[[Article, re.Match[str], Sentence], str | None]

QUOTE_PAIRS = [
    ("“", "”"), ("„", "“"), ("„", "”"), ("«", "»"), ("»", "«"), ('"', '"'), ("‘", "’"),
    ("'", "'"), ("‚", "‘"),
]
#: a curly mark closed by a straight one or the reverse ('“…," Labrador said', '"…years.”'):
#: scraped and hand-typed news mixes them (BASIL). Tried only after the matching pairs, and
#: never across another double mark, so a pair of one style is not split
MIXED_PAIRS = [("“", '"'), ('"', "”")]
_DIRECT = [re.compile(rf"(?<![\w]){re.escape(o)}([^\n{re.escape(c)}]{{2,1500}}?){re.escape(c)}"
                      rf"(?![\w])") for o, c in QUOTE_PAIRS]
#: read only where the text holds both marks (a quarter of BASIL's reports)
_MIXED = [(re.compile(rf"{o}(?<![\w].)([^\n\"“”„«»]{{2,1500}}?){c}(?![\w])"), o + c)
          for o, c in MIXED_PAIRS]

SUBJECT_PRONOUNS = {"he", "she"}
# a US party-state tag after a name: "Sen. Rand Paul, R-Ky., said"
PARTY_STATE = re.compile(r",\s*[RDI]-[A-Z][\w.]*$")
#: a quote's closing mark, then its speaker: '“…,” Bob Hugin, a Republican candidate, said'
ATTRIBUTION = re.compile(r"[,?!]([\"”’»])\s+[^\"“”„«»]{0,120}$")
PARTY_TAG = re.compile(r"\(?[RDI]-[A-Z][\w.]*\)?")  # "Pelosi, D-Calif., said"



def _sentence_of(sentences: list[Sentence], pos: int) -> Sentence | None:
    for s in sentences:
        if s.start <= pos < s.end:
            return s
    for s in sentences:  # between sentences: the one just ended
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



def _role_anchors(text: str, roles: dict[str, str]) -> list[tuple[int, str]]:
    """Positions of role nouns ("the Ukrainian leader") with the entity they stand for."""
    if not roles:
        return []
    rx = _role_regex(tuple(sorted(roles, key=len, reverse=True)))
    return [(m.start(), roles[m.group(0).lower()]) for m in rx.finditer(text)]


@cache
def _role_regex(phrases: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w])(" + "|".join(re.escape(p) for p in phrases) + r")(?![\w])",
                      re.IGNORECASE)


class RegexQuotes:
    requires = ("text", "sentences", "entities")
    assigns = ("quotes",)

    def __init__(self, roles: dict[str, str] | None = None) -> None:
        self.roles = roles or {}
        self._anchors: list[tuple[int, str]] = []
        self._speakers: list[tuple[int, str]] | None = []
        self._genders: dict[str, str] = {}
        self._quoted: list[tuple[int, int]] | None = []

    def annotate(self, article: Article) -> None:
        text = article.text
        self._anchors = _role_anchors(text, self.roles)
        # in the languages of ``quotes_langs`` only a pronoun or a dropped subject reads these:
        # computed when first asked (their long verb lists made the stage half again slower)
        self._speakers = None if article.language in LANGS else self._named_speakers(article)
        self._genders = pronoun_genders(text)
        self._quoted = None
        quotes: list[Quote] = []
        taken: list[tuple[int, int]] = []
        for rx in _DIRECT + [rx for rx, marks in _MIXED if all(c in text for c in marks)]:
            for m in rx.finditer(text):
                start, end = m.start(1), m.end(1)
                if any(a < end and start < b for a, b in taken):
                    continue
                quote = self._direct(article, start, end)
                if quote:
                    quotes.append(quote)
                    taken.append((m.start(), m.end()))
        for start, end in open_paragraph_ends(text, taken):
            if (quote := self._direct(article, start, end)) is not None:
                quotes.append(quote)  # a quote that goes on into the next paragraph
                taken.append((start - 1, end))
        # reported speech with the older cues first, then the newer verbs ("officials warn
        # that …", ``REPORTED_CUE``), which speak only with a subject right before them
        quotes += self._clauses(article, taken, INDIRECT_CUE, self._cue_subject, True)
        quotes += self._clauses(article, taken, REPORTED_CUE, self._verb_subject, False)
        for m in ACCORDING.finditer(text):
            sentence = _sentence_of(article.sentences, m.start())
            if sentence is None or any(a <= sentence.start < b for a, b in taken):
                continue
            who = m.group("who").strip()
            speaker = next((c for p, c in self._anchors if m.start("who") <= p < m.end("who")),
                           None)
            if speaker is None and SOURCE_NP.search(who):  # "according to diplomats"
                speaker = who
            entity = _entity_near(article.entities, m.start("who"), m.end("who"), (0, 0))
            speaker = speaker or (entity.canonical if entity else who)
            quotes.append(Quote(text[sentence.start:sentence.end], sentence.start, sentence.end,
                                speaker, "according to", False))
        quotes.sort(key=lambda q: q.start)
        cues = cue_rx(article.language)
        continue_speakers(article, quotes, cues)
        partial = partial_quotes(article, quotes, cues,
                                 lambda at: self._partial_speaker(article, at))
        for q in quotes + partial:
            q.speaker = well_formed(q.speaker)
        article.quotes = sorted(quotes + partial, key=lambda q: q.start)

    def subject_of(self, article: Article, cue_at: int, named_only: bool = False) -> str | None:
        """The subject right before a speech verb at ``cue_at``, in its sentence: a named
        person, organisation or place, a source noun phrase ("critics", "the White House"),
        or "he"/"she" resolved; only auxiliaries and adverbs may stand between. With
        ``named_only`` only a named one (else None, also for "Aides to Mr. Trump")."""
        text = article.text
        sentence = _sentence_of(article.sentences, cue_at)
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
                return self._antecedent(article, lo + word.start(1))
            return None
        return None

    def _clauses(self, article: Article, taken: list[tuple[int, int]], cues: re.Pattern[str],
                 speaker_of: SpeakerRule, clause_first: bool) -> list[Quote]:
        """Indirect speech: the clause after a cue verb of ``cues`` ("X, who leads the union,
        said the strike would go on"), or with ``clause_first`` the clause before it ("…,
        sagte Müller."). ``speaker_of(article, cue, sentence)`` names who speaks: the older
        cues take the nearest name (``_cue_subject``), the newer verbs only the subject right
        before them (``_verb_subject``), since they are as often no speech at all; for the same
        reason the newer verbs get no clause-first reading (its speaker follows the verb:
        "…, said Olsen")."""
        text = article.text
        found: list[Quote] = []
        for m in cues.finditer(text):
            sentence = _sentence_of(article.sentences, m.start())
            if sentence is None or any(a <= m.start() < b for a, b in taken):
                continue
            before = text[sentence.start:m.start()]
            tail = text[m.end():sentence.end].rstrip(" .!?")
            if clause_first and re.search(r"[,;:]\s*$", before) and len(
                    tail.split()) <= 5 and before.strip(' ,;:"“”„«»\''):
                # reported clause first: "The strike will go on, said Olsen." / "…, sagte er."
                if re.search(r"[\"”“»«'’]\s*[,;:]?\s*$", before):
                    continue  # the attribution of a direct quote, handled there
                body_start = sentence.start
                body_end = sentence.start + len(before.rstrip(" ,;:"))
                speaker = self._subject(article, m.start(), sentence.end, (0, 0), m.end())
            else:
                if re.search(r"[\"”“»«'’]\s*[,;:]?\s*\S{0,12}\s*$", before) or (
                        (tag := ATTRIBUTION.search(before)) is not None
                        and any(b == sentence.start + tag.end(1) for _, b in taken)
                        and not CUE_RX.search(before, tag.end(1))):
                    continue  # '"…," she told a rally' attributes the quote before it
                skip = reported_body(m.group(0), tail)
                if skip is None:
                    continue  # '"…," the NRA said after meeting with Biden'
                body_start = m.end() + skip
                body_end = m.end() + len(tail)
                tail = tail[skip:]
                if tail[:1] in "\"“„«‘'" or len(tail.split()) < 4 or tail[:3].lower() == "to ":
                    continue  # "claims to know …"
                speaker = speaker_of(article, m, sentence)
            if speaker is None or any(a < body_end and body_start < b for a, b in taken):
                continue
            found.append(Quote(text[body_start:body_end], body_start, body_end, speaker,
                               m.group("cue").lower(), False))
            taken.append((body_start, body_end))
        return found

    def _cue_subject(self, article: Article, cue: re.Match[str], sentence: Sentence) -> str | None:
        return self._subject(article, sentence.start, cue.start(), (cue.start(), cue.end()),
                             cue.start())

    def _verb_subject(self, article: Article, cue: re.Match[str], sentence: Sentence
                      ) -> str | None:
        return self.subject_of(article, cue.start())

    def _direct(self, article: Article, start: int, end: int) -> Quote | None:
        text = article.text
        inner = text[start:end]
        if len(inner.split()) <= SHORT_WORDS or reversed_pair(article, start, end):
            return None  # a scare quote or a partial quote: quotes_partial decides
        if straight_mismatch(text, start, end) or title_phrase(
                inner.rstrip(" ,.:"), text[max(0, start - 21):start - 1]):
            return None  # 'on "The Late Show with Stephen Colbert," Pelosi said'
        first = _sentence_of(article.sentences, start)
        last = _sentence_of(article.sentences, max(start, end - 1))
        lo = first.start if first else max(0, start - 200)
        hi = max(last.end if last else min(len(text), end + 120), end)
        if re.match(r"[»“”\"'’]?\s*,?\s*[—–-]\s", text[end:end + 6]):
            # «…», — заявил Путин.  The attribution after a dash may be split off by the
            # sentence splitter: read on to the next full stop
            stop = re.search(r"[.!?](\s|$)", text[end + 2:])
            hi = max(hi, end + 2 + (stop.end() if stop else 120))
        cue_match = _nearest_cue(text, lo, start, end, hi)
        if cue_match is not None and cue_match.start() >= end and _runs_on(text, start, end):
            # the cue after a quote that runs on is someone else's: the one before it, if any
            # ('Graham announced he will bring a bill “to deal with …” and said it was …')
            cue_match = _nearest_cue(text, lo, start, end, start)
        speaker = None
        cue = cue_match.group(1).lower() if cue_match else None
        if article.language in LANGS:  # French, Italian, Portuguese, Spanish, Polish
            quoted = self._quoted_spans(article)
            speaker, cue = direct_speaker(article, start, end, lo, lambda at, dropped: (
                recent_speaker(article, self._recent_speakers(article), quoted, at, (start, end))
                if dropped else subject_before(article, quoted, at, (start, end))))
        elif cue_match:
            speaker = self._subject(article, lo, hi, (start - 1, end + 1), cue_match.start())
        before = text[max(0, start - 60):start].rstrip(" \n'\"“„«‘")
        if speaker is None and before.endswith(":"):
            lead = text[max(0, start - 120):start]
            if FIRST_PERSON_CUE.search(lead):
                speaker, cue = article.author or "the author", "wrote"
            elif article.language == "en":
                speaker = self._colon_speaker(article, start)
            elif article.language not in NO_COLON_SPEAKER:
                entity = _entity_near(article.entities, max(0, start - 200), start, (0, 0))
                speaker = entity.canonical if entity else None
        if cue is None and article.language == "en" and title_like(
                text, start, end, article.entities):
            return None  # a title or a shout in quotation marks, no speech verb near
        return Quote(inner, start, end, speaker, cue, True)

    def _colon_speaker(self, article: Article, start: int) -> str | None:
        """English: a name in the clause before the colon (``colon_speaker``), else in its first
        three words (its subject) a lone surname ("Dempsey said:") or "he"/"she" resolved."""
        text = article.text
        if (speaker := colon_speaker(text, article.entities, start)) is not None:
            return speaker
        lo = colon_clause(text, start)
        head = re.match(r"\s*(?:[^\s:]+\s+){0,2}[^\s:]*", text[lo:start])
        words = head.group(0) if head else ""
        if (speaker := named_in(article, words)) is not None:
            return speaker
        word = re.search(r"(?<![\w])(?:he|she)(?![\w])", words, re.IGNORECASE)
        return self._antecedent(article, lo + word.start()) if word else None

    def _subject(self, article: Article, lo: int, hi: int, skip: tuple[int, int],
                 cue_at: int) -> str | None:
        """Who speaks: the named entity, role noun or pronoun closest to the cue verb; a
        source phrase right before the cue ("a Kremlin spokesman said") is kept as written."""
        text = article.text
        if (person := apposition_subject(text, article.entities, lo, cue_at, skip)) is not None:
            return person  # "Joni Ernst, a candidate in the Senate primary, announced"
        if cue_at > lo and (np := SOURCE_NP.search(text[max(lo, cue_at - 80):cue_at])):
            phrase = np.group(0).strip(" ,")
            if len(phrase.split()) >= 1 and phrase[:1].isalpha():
                return phrase
        if (subject := self.subject_of(article, cue_at, named_only=True)) is not None:
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
        for position, canonical in self._anchors:
            if lo <= position < hi and not (skip[0] <= position < skip[1]):
                options.append((abs(position - cue_at), canonical))
        window = max(lo, cue_at - 25)
        for word in re.finditer(r"(?<![\w])(\w+)(?![\w])", text[window:cue_at + 25]):
            if word.group(1).lower() in PRONOUNS:
                position = window + word.start()
                if not (skip[0] <= position < skip[1]) and (
                        antecedent := self._antecedent(article, position, skip)):
                    options.append((abs(position - cue_at) - 1, antecedent))
        for position, _ in roles:
            if not (skip[0] <= position < skip[1]) and (
                    antecedent := self._antecedent(article, position)):
                options.append((abs(position - cue_at) + 5, antecedent))  # table roles first
        if options:
            return min(options)[1]
        context = text[lo:max(lo, skip[0])] + " " + text[max(lo, skip[1]):hi]
        if (u := UNNAMED.search(context)) is not None:
            return u.group(0)
        return None

    def _recent_speakers(self, article: Article) -> list[tuple[int, str]]:
        if self._speakers is None:
            self._speakers = self._named_speakers(article)
        return self._speakers

    def _quoted_spans(self, article: Article) -> list[tuple[int, int]]:
        if self._quoted is None:
            self._quoted = quoted_spans(article, _DIRECT)
        return self._quoted

    def _named_speakers(self, article: Article) -> list[tuple[int, str]]:
        """People named right before a cue verb ("Tess Calloway said"): pronouns in later
        quotes most often refer back to the last person quoted."""
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
                speakers.append((before[-1].start, shown(article, before[-1])))
            elif after:
                speakers.append((after[0].start, shown(article, after[0])))
        return sorted(set(speakers))

    def _partial_speaker(self, article: Article, at: int) -> str | None:
        """The subject of the verb at ``at`` before a partial quote; in the languages of
        ``quotes_langs`` only the name right before it (their pronouns and source nouns are not
        in ``subject_of``'s lists), and only in those that name speakers at all."""
        if article.language in LANGS:
            return (self.subject_of(article, at, named_only=True)
                    if names_speakers(article.language) else None)
        return self.subject_of(article, at)

    def _antecedent(self, article: Article, position: int,
                    within: tuple[int, int] = (0, 0)) -> str | None:
        """Who a pronoun stands for: a person named earlier in its own sentence, else a person
        quoted in the last three sentences, else ``pronouns.earlier_subject`` (the rule entity
        portrayal uses too). "he" is never a "Ms. …", "she" never a "Mr. …", nor either a name
        inside the quote at ``within`` ('“… elected Nancy Pelosi …,” she said': not Pelosi)."""
        people = sorted([(m.start, m.canonical) for m in article.entities
                         if m.type == "PERSON" and m.end <= position
                         and not within[0] <= m.start < within[1]]
                        + [(p, c) for p, c in self._anchors if p < position])
        word = re.match(r"\w+", article.text[position:position + 4])
        pronoun = word.group(0).lower() if word else ""

        def fits(name: str) -> bool:
            return pronoun not in SUBJECT_PRONOUNS or self._genders.get(
                (name.split() or [''])[-1], pronoun) == pronoun

        people = [(p, c) for p, c in people if fits(c)]
        if not people:
            return None
        own = _sentence_of(article.sentences, position)
        if own is not None:
            inside = [c for p, c in people if own.start <= p < position]
            if inside:
                return inside[-1]
            recent = [s for s in article.sentences if s.end <= own.start][-3:]
            window = recent[0].start if recent else own.start
            quoted = [c for p, c in self._recent_speakers(article) if window <= p < position
                      and fits(c)
                      and not within[0] <= p < within[1]]
            if quoted:
                return quoted[-1]
            spans = [(s.start, s.end) for s in article.sentences]
            return earlier_subject(position, people, spans, own.start)
        return people[-1][1]


#: what follows a quote that ends its clause ("“…,” she said"; "“…” — he said"); a quote
#: that runs on into its sentence ("thanked him for the “bravery …” of his soldiers, Kim in
#: return promised …") is a noun phrase of that sentence, and a cue after it is someone else's
CLAUSE_END = re.compile(r"[,.!?…;:]$")
AFTER_MARK = re.compile(r"[»“”\"'’]?\s*(?:[^\s,.!?;:—–-]+\s+){0,2}[^\s,.!?;:—–-]*[,.!?;:—–-]")


def _runs_on(text: str, start: int, end: int) -> bool:
    """Whether the quoted words at ``start:end`` run on into the sentence after the closing
    mark, so that a cue verb after them cannot be theirs."""
    return (CLAUSE_END.search(text[start:end].rstrip(" '’‘\"”“»«")) is None
            and AFTER_MARK.match(text, end) is None)


def _nearest_cue(text: str, lo: int, start: int, end: int, hi: int) -> re.Match[str] | None:
    """The cue verb closest to the quote marks, on either side."""
    best: re.Match[str] | None = None
    best_distance = 10**9
    for m in CUE_RX.finditer(text, lo, hi):
        if start - 1 <= m.start() < end + 1:
            continue
        distance = start - m.end() if m.end() <= start else m.start() - end
        if distance < best_distance:
            best, best_distance = m, distance
    return best


@register("quotes", "regex/v1")
def make_quotes(config: Config) -> RegexQuotes:
    return RegexQuotes(load_roles(config.get("entity_alias_file") or None))
