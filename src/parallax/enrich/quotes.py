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
twelfth session); the English rules above never read those languages' words. Who speaks is
decided in ``quotes_speaker`` (one ``Speakers`` per article); this module finds what is quoted.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from parallax.enrich.aliases import Terms, load_role_terms, load_roles, roles_on
from parallax.enrich.quotes_antecedents import sentence_of
from parallax.enrich.quotes_checks import (
    NO_COLON_SPEAKER,
    THAT_END,
    example_quote,
    manner_according,
    reported_body,
    straight_mismatch,
    title_like,
    well_formed,
)
from parallax.enrich.quotes_checks import (
    clause_first as clause_first_end,
)
from parallax.enrich.quotes_langs import (
    LANGS,
    direct_speaker,
    recent_speaker,
    reversed_pair,
    subject_before,
)
from parallax.enrich.quotes_partial import (
    SHORT_WORDS,
    continue_speakers,
    open_paragraph_ends,
    partial_quotes,
    title_phrase,
)
from parallax.enrich.quotes_speaker import Speakers
from parallax.enrich.speech_verbs import (
    ACCORDING,
    ACCORDING_CUE,
    CUE_RX,
    EN_CUE_RX,
    FIRST_PERSON_CUE,
    INDIRECT_CUE,
    OTHER_SENSE,
    REPORTED_CUE,
    SO_AFTER,
    SOURCE_NP,
    cue_rx,
)
from parallax.enrich.speech_verbs import SOURCE_AFTER_CUE as SOURCE_AFTER_CUE  # claims reads it
from parallax.records import Article, Mention, Quote, Sentence
from parallax.registry import register
from parallax.settings import Config

#: a company standing for the one its reported clause opens with
COMPANY_NOUN = re.compile(r"the (?:company|firm|group)", re.IGNORECASE)
#: who speaks a reported clause, given the article's speaker rules, the cue verb's match and its
#: sentence
SpeakerRule = Callable[[Speakers, re.Match[str], Sentence], str | None]

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

#: a quote's closing mark, then its speaker: '“…,” Bob Hugin, a Republican candidate, said'
ATTRIBUTION = re.compile(r"[,?!]([\"”’»])\s+[^\"“”„«»]{0,120}$")



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



class RegexQuotes:
    requires = ("text", "sentences", "entities")
    assigns = ("quotes",)

    def __init__(self, roles: dict[str, str] | None = None,
                 terms: dict[str, Terms] | None = None) -> None:
        self.roles = roles or {}
        self.terms = terms or {}

    def annotate(self, article: Article) -> None:
        text = article.text
        # an undated article is read as of its page's fetch (``Article.read_at``)
        people = Speakers(article, roles_on(self.roles, self.terms,
                                            article.published.iso or article.read_at), _DIRECT)
        quotes: list[Quote] = []
        taken: list[tuple[int, int]] = []
        for rx in _DIRECT + [rx for rx, marks in _MIXED if all(c in text for c in marks)]:
            for m in rx.finditer(text):
                start, end = m.start(1), m.end(1)
                if any(a < end and start < b for a, b in taken):
                    continue
                quote = self._direct(article, people, start, end)
                if quote:
                    quotes.append(quote)
                    taken.append((m.start(), m.end()))
        for start, end in open_paragraph_ends(text, taken):
            if (quote := self._direct(article, people, start, end)) is not None:
                quotes.append(quote)  # a quote that goes on into the next paragraph
                taken.append((start - 1, end))
        # reported speech with the older cues first, then the newer verbs ("officials warn
        # that …", ``REPORTED_CUE``), which speak only with a subject right before them
        quotes += self._clauses(article, people, taken, INDIRECT_CUE, _cue_subject, True)
        quotes += self._clauses(article, people, taken, REPORTED_CUE, _verb_subject, False)
        reported = [(q.start, q.end) for q in quotes if not q.direct]
        for m in ACCORDING.finditer(text):
            sentence = sentence_of(article.sentences, m.start())
            if sentence is None or any(a <= sentence.start < b for a, b in taken) or any(
                    a <= m.start() < b and LOCAL_SOURCE.match(text, m.end(), b)
                    for a, b in reported):
                continue  # the source of a clause inside what someone is reported to say
                # ("critics said it hurt them, since, according to the memo, he knew …",
                # made up) does not speak the whole sentence (twentieth session, BASIL dev)
            if article.language == "en" and manner_according(text, m.start(), m.end("who")):
                continue  # "fares set according to the distance" (made up) names no one
            who = m.group("who").strip()
            speaker = next((c for p, c in people.anchors if m.start("who") <= p < m.end("who")),
                           None)
            if speaker is None and SOURCE_NP.search(who):  # "according to diplomats"
                speaker = who
            entity = _entity_near(article.entities, m.start("who"), m.end("who"), (0, 0))
            speaker = speaker or (entity.canonical if entity else who)
            quotes.append(Quote(text[sentence.start:sentence.end], sentence.start, sentence.end,
                                speaker, ACCORDING_CUE, False))
        quotes.sort(key=lambda q: q.start)
        cues = cue_rx(article.language)
        continue_speakers(article, quotes, cues)
        partial = partial_quotes(article, quotes, cues, people.partial)
        for q in quotes + partial:
            q.speaker = well_formed(q.speaker)
        article.quotes = sorted(quotes + partial, key=lambda q: q.start)

    def _clauses(self, article: Article, who: Speakers, taken: list[tuple[int, int]],
                 cues: re.Pattern[str], speaker_of: SpeakerRule, clause_first: bool
                 ) -> list[Quote]:
        """Indirect speech: the clause after a cue verb of ``cues`` ("X, who leads the union,
        said the strike would go on"), or with ``clause_first`` the clause before it ("…,
        sagte Müller."). ``speaker_of(speakers, cue, sentence)`` names who speaks: the older
        cues take the nearest name (``_cue_subject``), the newer verbs only the subject right
        before them (``_verb_subject``), since they are as often no speech at all; for the same
        reason the newer verbs get no clause-first reading (its speaker follows the verb:
        "…, said Olsen")."""
        text = article.text
        found: list[Quote] = []
        for m in cues.finditer(text):
            sentence = sentence_of(article.sentences, m.start())
            if sentence is None or any(a <= m.start() < b for a, b in taken) or (
                    article.language == "en" and OTHER_SENSE.match(text, m.start())):
                continue  # "added two goals" reports nothing
            before = text[sentence.start:m.start()]
            tail = text[m.end():sentence.end].rstrip(" .!?")
            if (clause_first and article.language == "en" and not THAT_END.search(m.group(0))
                    and (length := clause_first_end(before, tail)) is not None):
                # "The payment will have to wait, he said." / "…, Olander said Monday."
                body_start, body_end = sentence.start, sentence.start + length
                # "he" is not a name inside the clause ("Forces loyal to President X were
                # shelling …, he said"); where the clause opens with a name, "he" may be that
                # one or another ("Pompeo reminded his hosts …, she said"): no speaker, no quote
                speaker = who.subject_of(m.start(), within=(body_start, body_end))
                if speaker is None or speaker != who.subject_of(
                        m.start(), within=(body_start + 1, body_end)):
                    continue
                if COMPANY_NOUN.fullmatch(speaker):  # "Xamarin … has received …, the company
                    speaker = next((e.canonical for e in article.entities  # announced today"
                                    if e.start == body_start and e.type == "ORG"), speaker)
            elif clause_first and re.search(r"[,;:]\s*$", before) and len(
                    tail.split()) <= 5 and before.strip(' ,;:"“”„«»\''):
                # reported clause first: "The strike will go on, said Olsen." / "…, sagte er."
                if re.search(r"[\"”“»«'’]\s*[,;:]?\s*$", before):
                    continue  # the attribution of a direct quote, handled there
                body_start = sentence.start
                body_end = sentence.start + len(before.rstrip(" ,;:"))
                speaker = who.subject(m.start(), sentence.end, (0, 0), m.end())
            else:
                if re.search(r"[\"”“»«'’]\s*[,;:]?\s*\S{0,12}\s*$", before) or (
                        (tag := ATTRIBUTION.search(before)) is not None
                        and any(b == sentence.start + tag.end(1) for _, b in taken)
                        and not CUE_RX.search(before, tag.end(1))):
                    continue  # '"…," she told a rally' attributes the quote before it
                skip = reported_body(m.group(0), tail)
                if skip is None:
                    continue  # '"…," the union said after meeting with the mayor' (made up)
                body_start = m.end() + skip
                body_end = m.end() + len(tail)
                tail = tail[skip:]
                if tail[:1] in "\"“„«‘'" or len(tail.split()) < 4 or tail[:3].lower() == "to ":
                    continue  # "claims to know …"
                speaker = speaker_of(who, m, sentence)
            if speaker is None or any(a < body_end and body_start < b for a, b in taken):
                continue
            found.append(Quote(text[body_start:body_end], body_start, body_end, speaker,
                               m.group("cue").lower(), False))
            taken.append((body_start, body_end))
        return found

    def _direct(self, article: Article, who: Speakers, start: int, end: int) -> Quote | None:
        text = article.text
        inner = text[start:end]
        if len(inner.split()) <= SHORT_WORDS or reversed_pair(article, start, end):
            return None  # a scare quote or a partial quote: quotes_partial decides
        if straight_mismatch(text, start, end) or title_phrase(
                inner.rstrip(" ,.:"), text[max(0, start - 21):start - 1]):
            return None  # 'on "The Late Hour with Lars Moen," Ruiz said' (made up)
        first = sentence_of(article.sentences, start)
        last = sentence_of(article.sentences, max(start, end - 1))
        lo = first.start if first else max(0, start - 200)
        hi = max(last.end if last else min(len(text), end + 120), end)
        if re.match(r"[»“”\"'’]?\s*,?\s*[—–-]\s", text[end:end + 6]):
            # «…», — заявил Путин.  The attribution after a dash may be split off by the
            # sentence splitter: read on to the next full stop
            stop = re.search(r"[.!?](\s|$)", text[end + 2:])
            hi = max(hi, end + 2 + (stop.end() if stop else 120))
        english = article.language == "en"
        cue_match = _nearest_cue(text, lo, start, end, hi, english)
        if cue_match is not None and cue_match.start() >= end and _runs_on(text, start, end):
            # the cue after a quote that runs on is someone else's: the one before it, if any
            # ('Graham announced he will bring a bill “to deal with …” and said it was …')
            cue_match = _nearest_cue(text, lo, start, end, start, english)
        speaker = None
        cue = cue_match.group(1).lower() if cue_match else None
        # a verb of ``EN_DIRECT_CUES`` only: its subject speaks, not a name after it ("…
        # Oklahoma argues that Colorado has “…”"), and a title after it is no speech
        newer = english and cue is not None and CUE_RX.fullmatch(cue) is None
        if article.language in LANGS:  # French, Italian, Portuguese, Spanish, Polish
            quoted = who.quoted()
            speaker, cue = direct_speaker(article, start, end, lo, lambda at, dropped: (
                recent_speaker(article, who.recent(), quoted, at, (start, end))
                if dropped else subject_before(article, quoted, at, (start, end))))
        elif cue_match and newer and (cue_match.start() < start or UNNAMED_AFTER.fullmatch(
                text, end, cue_match.start())):
            speaker = who.subject_of(cue_match.start())  # "Jenica notes that “…”", not a
            # name after the verb; '“…,” the woman adds' is nobody's we know
        elif cue_match:
            speaker = who.subject(lo, hi, (start - 1, end + 1), cue_match.start())
        before = text[max(0, start - 60):start].rstrip(" \n'\"“„«‘")
        if speaker is None and before.endswith(":"):
            lead = text[max(0, start - 120):start]
            if FIRST_PERSON_CUE.search(lead):
                speaker, cue = article.author or "the author", "wrote"
            elif article.language == "en":
                speaker = who.colon(start)
            elif article.language not in NO_COLON_SPEAKER:
                entity = _entity_near(article.entities, max(0, start - 200), start, (0, 0))
                speaker = entity.canonical if entity else None
        if speaker is None and cue is None and english:
            speaker = _dash_speaker(article, end)  # '“…” – Oprah Winfrey', an epigraph
        if article.language == "de" and SO_AFTER.match(text, end):
            speaker, cue = _so_speaker(article, end), "so"  # '»…«, so Lund.': signed
        if (cue is None or newer) and english and title_like(
                text, start, end, article.entities):
            return None  # a title or a shout in quotation marks, no speech verb near
        if speaker is None and article.language == "en" and example_quote(text, start):
            return None  # 'a comment like “…”', 'saying to herself, “…”': nobody said it
        return Quote(inner, start, end, speaker, cue, True)


#: what follows a quote that ends its clause ("“…,” she said"; "“…” — he said"); a quote
#: that runs on into its sentence ("thanked him for the “bravery …” of his soldiers, Kim in
#: return promised …") is a noun phrase of that sentence, and a cue after it is someone else's
CLAUSE_END = re.compile(r"[,.!?…;:]$")
AFTER_MARK = re.compile(r"[»“”\"'’]?\s*(?:[^\s,.!?;:—–-]+\s+){0,2}[^\s,.!?;:—–-]*[,.!?;:—–-]")


#: after "according to <source>" inside a reported clause, a clause of its own goes on
#: (not "that …", not the sentence's end): the source speaks for that part only
LOCAL_SOURCE = re.compile(r"\s*,\s*(?!that(?![\w]))(?:[\w'’-]+\s+){3}")
#: "I" right before a speech verb, auxiliaries and adverbs between: the author speaks ("I have
#: said", "I told him"), no voice (fourteenth session, a blog's "what I have said elsewhere:
#: …" was given a name of the sentence before)
FIRST_PERSON = re.compile(r"(?<![\w])I\s+(?:(?:have|had|also|then|once|just|already|always|"
                          r"never|often|recently|previously)\s+)*$")
#: between a quote's closing mark and its speech verb, words with no name in them: '“…,” the
#: woman adds' (an unnamed speaker, not the person named nearest)
UNNAMED_AFTER = re.compile(r"[^A-Z\n]*[a-z][^A-Z\n]*")
#: a quote's closing mark, then a dash before who said it: '“…” – Oprah Winfrey'
DASH_AFTER = re.compile(r"[\"”’»]?\s*(?:[–—]|--?)\s*")
#: what may follow that name: the line's end, or a comma or bracket before who they are
NAME_END = re.compile(r"\s*(?:\n|$|,\s|\()")


def _dash_speaker(article: Article, end: int) -> str | None:
    """English: the person or body named alone after a dash that follows a quote, at the end
    of its line ('“…” – Oprah Winfrey', '“…” – Rand'): an epigraph or a pull quote signed by
    who said it. Fourteenth session, fresh real news (Dragnet tuning half: blogs sign quotes
    so, and the speaker was not shown)."""
    text = article.text
    dash = DASH_AFTER.match(text, end)
    if dash is None:
        return None
    at = dash.end()
    named = next((m.canonical for m in article.entities
                  if m.start == at and m.type in ("PERSON", "ORG")
                  and NAME_END.match(text, m.end) is not None), None)
    word = re.compile(r"[A-Z][\w'’-]+").match(text, at)
    if named is None and word is not None and NAME_END.match(text, word.end()):
        # a lone word the entity stage tagged elsewhere only ('“…” – Rand')
        full = {m.canonical for m in article.entities if m.type in ("PERSON", "ORG")
                and m.canonical.split()[-1:] == [word.group(0)]}
        named = full.pop() if len(full) == 1 else None
    return named


def _so_speaker(article: Article, end: int) -> str | None:
    """The person (or, right after "so", the organisation) named where a German quote is
    signed (``SO_AFTER``), a title between them ("so der Ingenieur Ben Berg", made up); a
    title alone names no one we can show. Sixteenth session (helper Q5): 40 SemEval-2023 DE
    training documents signed 8 quotes so, one with a speaker shown."""
    so = SO_AFTER.match(article.text, end)
    if so is None:
        return None
    title = re.compile(r"[A-ZÄÖÜ][\w-]*\s+").match(article.text, so.end())
    return next((m.canonical for m in article.entities if (
        m.start == so.end() and (m.type == "PERSON" or not so.group("det"))) or (
        title is not None and m.start == title.end() and m.type == "PERSON")), None)


def _cue_subject(who: Speakers, cue: re.Match[str], sentence: Sentence) -> str | None:
    article = who.article
    if article.language == "en" and FIRST_PERSON.search(article.text, sentence.start,
                                                         cue.start()):
        return None  # "as I have written before about rents", "I added more photos" (made up): the
        # author's own words, no voice to show (and no name of the sentence before)
    return who.subject(sentence.start, cue.start(), (cue.start(), cue.end()), cue.start())


def _verb_subject(who: Speakers, cue: re.Match[str], sentence: Sentence) -> str | None:
    return who.subject_of(cue.start())


def _runs_on(text: str, start: int, end: int) -> bool:
    """Whether the quoted words at ``start:end`` run on into the sentence after the closing
    mark, so that a cue verb after them cannot be theirs."""
    return (CLAUSE_END.search(text[start:end].rstrip(" '’‘\"”“»«")) is None
            and AFTER_MARK.match(text, end) is None)


def _nearest_cue(text: str, lo: int, start: int, end: int, hi: int,
                 english: bool = False) -> re.Match[str] | None:
    """The cue verb closest to the quote marks, on either side; in English never one in
    another sense ("said goodbye", ``OTHER_SENSE``), and the verbs of ``EN_DIRECT_CUES`` only
    where none of ``CUES`` is near (made up: "Moen writes that report 12 suggests that “…”")."""
    best: re.Match[str] | None = None
    best_distance = 10**9
    for rx in (CUE_RX, EN_CUE_RX) if english else (CUE_RX,):
        for m in rx.finditer(text, lo, hi):
            if start - 1 <= m.start() < end + 1 or (
                    english and OTHER_SENSE.match(text, m.start())):
                continue
            distance = start - m.end() if m.end() <= start else m.start() - end
            if distance < best_distance:
                best, best_distance = m, distance
        if best is not None:
            break
    return best


@register("quotes", "regex/v1")
def make_quotes(config: Config) -> RegexQuotes:
    extra = config.get("entity_alias_file") or None
    return RegexQuotes(load_roles(extra), load_role_terms(extra))
