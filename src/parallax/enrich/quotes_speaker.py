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
stands for a person named earlier in its sentence, else (English, the subject of an
attribution, thirteenth session) the subject of the sentence before, else the last person
quoted within three sentences, else the subject of the sentences before
(``pronouns.earlier_subject``); never a name of the other gender (``quotes_genders``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from parallax.enrich.pronouns import earlier_subject
from parallax.enrich.quotes_checks import (
    APPOSITION,
    QUOTE_MARK,
    apposition_subject,
    can_speak,
    colon_clause,
    colon_speaker,
    people_modifier,
    pronoun_genders,
)
from parallax.enrich.quotes_genders import given_gender
from parallax.enrich.quotes_langs import LANGS, name, names_speakers, person, quoted_spans
from parallax.enrich.quotes_partial import named_in
from parallax.enrich.speech_verbs import (
    CUES,
    GAP_WORD,
    GENERIC_ROLE,
    PRONOUNS,
    SOURCE_NP,
    SUBJECT_NP,
    SUBJECT_PP,
    UNNAMED,
    cue_rx,
)
from parallax.records import Article, Mention, Sentence

SUBJECT_PRONOUNS = {"he", "she"}
# a US party-state tag or an age after a name: "Sen. Rand Paul, R-Ky., said", "Beske, 43, said"
PARTY_STATE = re.compile(r",\s*(?:[RDI]-[A-Z][\w.]*|\d{1,3})$")
PARTY_TAG = re.compile(r"\(?[RDI]-[A-Z][\w.]*\)?")  # "Pelosi, D-Calif., said"
#: the words a sentence may open with before its subject: a conjunction, titles and role words
#: ("But", "CNN senior political analyst"), not a clause ("When …", "Like Saviano, he")
LEAD = re.compile(r"\W*(?:(?:But|And|So|Yet|Still|Then|Later|Now)\s+)?"
                  r"(?:(?!(?:When|As|After|Before|While|If|Like|Unlike|In|On|At|For|With|From|"
                  r"By|To|Of|Asked|Saying|According|Although|Though|Since|Because|Despite)\b)"
                  r"[A-Z][\w.'’-]*\s+|(?!(?:in|on|at|for|with|to|of|from|by|about|after|when|"
                  r"while|as|like|that|said|says|told|asked|saying|and|or|but)\b)[a-z][\w-]*\s+"
                  r"){0,5}")
#: a speech verb right after a pronoun, an adverb between allowed ("he then asked")
CUE_AFTER = re.compile(r"\s+(?:\w+ly\s+|then\s+|also\s+)?(?:" + "|".join(
    c for c in CUES if " " not in c and c.isascii()) + r")(?![\w])", re.IGNORECASE)
#: a phrase with no subject of its own before the pronoun: the names in it are not whom the
#: pronoun stands for ("Like Saviano, he said", "Saying President Obama, he said, was …")
PHRASE_FIRST = re.compile(r"\W*(?:Like|Unlike|Saying|Asked|Besides|Despite|With|Without|"
                          r"Alongside|Against|Beyond|Except|Regarding|Praising|Citing)\b[^,]*,\s*")
#: the one asked speaks next ("asking Clinton if he had …", "asked Mr. Trump whether")
ASKED = re.compile(r"(?<![\w])ask(?:ed|ing|s)\s+(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep)\.\s+)?"
                   r"((?:[A-Z][\w'’-]+\s+){0,2}[A-Z][\w'’-]+)(?=\s+(?:if|whether|about|what|why|"
                   r"how|to)\b)")
#: a lone capitalised word opening a sentence before a verb ("Pelosi did not agree …")
LEAD_NAME = re.compile(r"\W*(?:(?:But|And|So|Yet|Still|Then|Later|Now)\s+)?"
                       r"([A-Z][\w'’-]+)\s+[a-z]")
#: a lone capitalised word right before or after a speech verb ("Pelosi said", "said Pelosi",
#: "…, who said")
SURNAME_CUE = re.compile(r"(?<![\w.])(?P<name>[A-Z][\w'’-]+)\s+(?:" + "|".join(
    c for c in CUES if " " not in c and c.isascii()) + r")(?![\w])|(?<![\w])(?:said|says|"
    r"added|asked|wrote)\s+(?P<after>[A-Z][\w'’-]+)(?=\s*[,.;]|\s*$)|"
    r"(?<![\w])(?P<rel>[A-Z][\w'’-]+)(?:\s+as\s+well)?,\s+who\s+(?:\w+\s+)?(?:said|says|told|"
    r"added|wrote)(?![\w])")  # "Arroyo spoke with Cruz as well, who said he …"
#: between a body and its person: one to three title words ("president", "chief", "CEO",
#: "senior vice president"), no comma
EMPLOYER_GAP = re.compile(r"(?:['’]s)?\s+(?:(?:[a-z][\w-]*|[A-Z]{2,5})\s+){1,3}")
#: a sentence whose subject is an unnamed person: "A Honduran journalist has …", "A Texas
#: teenager who supports …" (a time phrase is no subject: "A day later, she said")
UNNAMED_SUBJECT = re.compile(
    r"\W*(?:An?|One)\s+(?:(?!(?:of|in|on|at|for|to|with|from|by|and|or|it|the|his|her)\b)"
    r"[\w-]+\s+){0,2}?"
    r"(?!(?:day|days|week|weeks|month|months|year|years|moment|few|little|lot|number|decade|"
    r"time|while|spokesman|spokeswoman|spokesperson|of|it|the)\b)[a-z][\w-]*,?\s+"
    r"(?:who|has|had|is|was|says|said|told|claims|claimed),?\s")

#: a group of unnamed people right before the verb, no determiner: "as rural members
#: said" (fifteenth session, helper V: the name nearest the verb, "the Senate handling of …"
#: earlier in the sentence, was shown)
BARE_GROUP = re.compile(r"((?:(?:conservative|liberal|moderate|senior|local|party|many|some|"
                        r"other)\s+)?(?:members|lawmakers|legislators|critics|opponents|"
                        r"supporters|officials|activists))\s+(?:(?:also|have|had|has)\s+)?$")
#: what may stand before such a group for it to be the whole subject: a clause's opening
GROUP_BEFORE = re.compile(r"(?:^|[,;:(—–]|(?<![\w])(?:as|but|while|because|since|when|"
                          r"after|though|although|where|that|But|And|While|As)\s*)$")

#: a capitalised word before a surname, so that the two may be an untagged full name
NAME_BEFORE = re.compile(r"(?<![\w.])(?!(?:But|And|So|Yet|Then|Later|Now|Also)\s)"
                         r"[A-Z][\w'’-]*\s+$")


def modifier_use(text: str, m: Mention) -> bool:
    """A one-word name used as a modifier or a medium, no person a pronoun may stand for:
    "the Aurora shooting", "said on Twitter" (the entity stage types such words persons)."""
    if " " in m.canonical:
        return False
    before = text[max(0, m.start - 5):m.start]
    return bool(re.search(r"(?<![\w])(?:on|via)\s+$", before)) or bool(
        re.search(r"(?<![\w])the\s+$", before.lower())
        and re.match(r"\s+[a-z]", text[m.end:m.end + 3]))


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
        self._english_quoted: list[tuple[int, int]] | None = None

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
            if entity is None and article.language == "en":
                entity = self._untagged_surname(lo, lo + word.start(1), word.group(1))
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
        group = BARE_GROUP.search(text[max(lo, cue_at - 60):cue_at])
        if group is not None and GROUP_BEFORE.search(
                text[max(lo, cue_at - 80):cue_at - len(group.group(0))].rstrip()):
            return group.group(1)  # "… the bill, which failed as rural members said"
        options: list[tuple[int, str]] = []
        start = max(lo, cue_at - 40)
        roles = [(start + r.start(), start + r.end())
                 for r in GENERIC_ROLE.finditer(text[start:cue_at + 40])
                 if start + r.start() < cue_at or re.fullmatch(  # "…, said the governor"
                     r"\w+\s+", text[cue_at:start + r.start()])]
        for m in article.entities:
            if lo <= m.start < hi and not (skip[0] <= m.start < skip[1]) and m.type in (
                    "PERSON", "ORG", "GPE") and can_speak(text, m, lo) and (
                    m.type == "PERSON" or not any(a <= m.start < b for a, b in roles)) and not (
                    article.language == "en" and self._employer(m)):
                # "the House speaker said": a place or body inside a role noun is no speaker
                weight = 0 if m.type == "PERSON" else 15
                # "a Vell County congressman said": the unnamed people speak, no name is shown
                who = "" if people_modifier(text, m, cue_at) else m.canonical
                options.append((abs(m.start - cue_at) + weight, who))
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
            return min(options)[1] or None
        context = text[lo:max(lo, skip[0])] + " " + text[max(lo, skip[1]):hi]
        if (u := UNNAMED.search(context)) is not None:
            return u.group(0)
        return None

    def _untagged_surname(self, lo: int, at: int, word: str) -> str | None:
        """The one person of the article whose surname is the capitalised word right before
        a verb that the entity stage did not tag there ("Lund said he is …" after "Ana Lund"
        was named): the name nearest the verb was shown instead (fifteenth session, helper V,
        BASIL training half: a name inside the reported clause or after "of")."""
        if not word[:1].isupper() or not word[1:].islower() or NAME_BEFORE.search(
                self.article.text[max(lo, at - 30):at]):
            return None  # not the end of an untagged full name ("Ivo Lund" is no "Ana Lund")
        m = Mention(word, at, at + len(word), "PERSON", word)
        if not can_speak(self.article.text, m, lo):
            return None
        return named_in(self.article, word)

    def _employer(self, m: Mention) -> bool:
        """A body named before its person's title, no speaker of its own: "said Sundance
        Selects/IFC Films president Jonathan Sehring", "AMC chief Josh Sapan" (fourteenth
        session, Dragnet tuning half: the company nearer the verb was shown)."""
        if m.type == "PERSON":
            return False
        text = self.article.text
        return any(p.type == "PERSON" and m.end < p.start <= m.end + 40
                   and EMPLOYER_GAP.fullmatch(text, m.end, p.start) is not None
                   for p in self.article.entities)

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

    def _spoken(self) -> list[tuple[int, int]]:
        """English: the words inside quotation marks (the direct-quote patterns' group 1),
        masked before a sentence's own subject is read; computed when first asked."""
        if self._english_quoted is None:
            self._english_quoted = [(m.start(1), m.end(1)) for rx in self._direct
                                    for m in rx.finditer(self.article.text)]
        return self._english_quoted

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

    def antecedent(self, position: int, within: tuple[int, int] = (0, 0),
                   depth: int = 0, salient: bool = False) -> str | None:
        """Who a pronoun stands for: a person named earlier in its own sentence, else (English)
        the subject of the sentence before (``_previous_subject``), else a person quoted in
        the last three sentences, else ``pronouns.earlier_subject`` (the rule entity portrayal
        uses too). "he" is never a "Ms. …" or a "Ralph …", "she" never a "Mr. …" or an
        "Ed …" (``quotes_genders``), nor either a name inside the quote at ``within`` ('“…
        elected Nancy Pelosi …,” she said': not Pelosi). English, thirteenth session (Q3): no
        one where its sentence opens with an unnamed subject ("A Honduran journalist …
        after he said"): a wrong speaker is worse than none. With ``salient`` (a pronoun of
        the sentence before, ``_subject_in``) that no one is "", so the chain stops there."""
        article = self.article
        text = article.text
        english = article.language == "en"
        word = re.match(r"\w+", text[position:position + 4])
        pronoun = word.group(0).lower() if word else ""
        gendered = pronoun in SUBJECT_PRONOUNS
        pool = [(m.start, m.canonical) for m in article.entities
                if m.end <= position and not within[0] <= m.start < within[1] and (
                    (m.type == "PERSON" and not (english and modifier_use(text, m)))
                    or (english and gendered and m.type in ("ORG", "GPE", "NORP")
                        and given_gender(m.canonical, titled=False) == pronoun))]
        people = sorted(pool + [(p, c) for p, c in self.anchors if p < position])

        def fits(name: str) -> bool:
            if not gendered:
                return True
            known = self.genders.get((name.split() or [''])[-1])
            if known is None and english:
                known = given_gender(name)
            return known in (None, pronoun)

        people = [(p, c) for p, c in people if fits(c)]
        if not people:
            return None
        own = sentence_of(article.sentences, position)
        if own is None and salient:
            return None
        if own is not None:
            opening = text[own.start:position]
            # the new rules read the subject of an attribution only ("…,” he said", "He
            # added that …"), not a pronoun inside what is reported ("the president said he …")
            attribution = english and gendered and (
                LEAD.fullmatch(opening) is not None or re.search(r"[”\"'’],?\s*$", opening)
                is not None or CUE_AFTER.match(text, position + len(pronoun)) is not None)
            if attribution and not QUOTE_MARK.search(opening) and UNNAMED_SUBJECT.match(
                    opening):
                return "" if salient else None
            inside = [c for p, c in people if own.start <= p < position]
            if inside and not (attribution and PHRASE_FIRST.fullmatch(opening)):
                return inside[-1]
            if attribution and depth < 8:
                found = self._previous_subject(own.start, pronoun, people, within, depth,
                                               fits)
                if found is not None:
                    return found if salient else found or None
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

    def _previous_subject(self, own_start: int, pronoun: str, people: list[tuple[int, str]],
                          within: tuple[int, int], depth: int,
                          fits: Callable[[str], bool]) -> str | None:
        """The subject of the sentence before (English; a sentence that is all quotation is
        passed over, up to two): the same pronoun as its subject (at its start or before a
        speech verb: '“…,” he posited. … The real problem, he said, …') stands for whom that
        one stands for; else a person named at its start ("CNN senior political analyst David
        Gergen agreed, …"), else a surname the entity stage did not tag next to a speech verb
        ('“…,” Pelosi said at …': ``named_in``), when the pronoun fits. Salience: the subject
        of the sentence before is a better guess than the last person quoted three sentences
        back or the first name anywhere in it. "" when the chain ends in no one."""
        article = self.article
        text = article.text
        before = [s for s in article.sentences if s.end <= own_start][-3:]
        at_start = own_start
        for prev in reversed(before):
            if at_start - prev.end > 3:
                return None  # text between that is no sentence (a heading, a caption)
            at_start = prev.start
            chars = list(text[prev.start:prev.end])
            for a, b in self._spoken():
                if a - 1 < prev.end and prev.start < b + 1:
                    lo, hi = max(a - 1, prev.start), min(b + 1, prev.end)
                    chars[lo - prev.start:hi - prev.start] = " " * (hi - lo)
            stem = "".join(chars)
            if not stem.strip(" .,;:!?—–-\n"):
                continue  # all quotation: the chain goes on before it
            return self._subject_in(prev, stem, pronoun, people, within, depth, fits)
        return None

    def _subject_in(self, prev: Sentence, stem: str, pronoun: str,
                    people: list[tuple[int, str]], within: tuple[int, int], depth: int,
                    fits: Callable[[str], bool]) -> str | None:
        """``_previous_subject`` for one sentence, its quotations masked in ``stem``."""
        text = self.article.text
        if UNNAMED_SUBJECT.match(stem):
            return ""  # "One Syrian migrant worker, who spoke on the condition …"
        for m in re.finditer(r"(?<![\w])(he|she)(?![\w])", stem, re.IGNORECASE):
            at = prev.start + m.start()
            if m.group(1).lower() != pronoun or within[0] <= at < within[1]:
                continue
            head = stem[:m.start()]
            if LEAD.fullmatch(head) or (CUE_AFTER.match(stem, m.end()) and re.search(
                    r"(?:^|,)[\W\s]*$", head)):  # not "…, where she posted a letter"
                # no name before it in its sentence: what it reports ('<clause>, he said',
                # '“…,” he said') or a phrase ('Saying President Obama, he said, …')
                return self.antecedent(at, (prev.start, at), depth + 1, salient=True) or ""
        if (asked := ASKED.search(stem)) is not None:  # "Melvin followed up by asking Clinton
            who = next((c for p, c in people if p == prev.start + asked.start(1)),  # if he
                       None) or named_in(self.article, asked.group(1))  # had …": Clinton
            if who is not None and fits(who):
                return who
        for m in SURNAME_CUE.finditer(stem):  # "…," Haig said.' before "Paddock arrived …"
            who = named_in(self.article, m.group("name") or m.group("after") or m.group("rel"))
            if who is not None and fits(who):
                return who
        lead = next(((p, c) for p, c in people if prev.start <= p < prev.end
                     and stem[p - prev.start] != " "), None)  # not a name inside a quote
        if lead is not None and LEAD.fullmatch(stem[:lead[0] - prev.start]) and not re.match(
                r"[^\s,.]*(?:\s+[A-Z][\w.'’-]*)*['’]s\b", text[lead[0]:lead[0] + 60]):
            return lead[1]
        opening = LEAD_NAME.match(stem)  # "Pelosi did not agree …": a surname not tagged
        if opening is not None and (who := named_in(self.article, opening.group(1))) and fits(
                who):
            return who
        return None
