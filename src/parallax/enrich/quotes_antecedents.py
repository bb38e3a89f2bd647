"""Whom a pronoun stands for, and who was quoted last: the part of the quote stage's speaker
rules (``quotes_speaker.Speakers``) that reads the sentences before a quote, not the one it is in.

Why a module of its own: the chain a pronoun starts (its own sentence, the subject of the
sentence before, the last person quoted, the subject of the sentences before) is one concern,
long enough to hide the rules that read a quote's own sentence. A pronoun stands for a person
named earlier in its sentence, else (English, the subject of an attribution, thirteenth session)
the subject of the sentence before, else the last person quoted within three sentences, else the
subject of the sentences before (``pronouns.earlier_subject``); never a name of the other gender
(``quotes_genders``). Moved out of ``quotes_speaker.py`` unchanged (fifteenth session).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from parallax.enrich import party_tags
from parallax.enrich.pronouns import earlier_subject
from parallax.enrich.quotes_checks import APPOSITION, QUOTE_MARK, can_speak, pronoun_genders
from parallax.enrich.quotes_genders import FEMALE, MALE, given_gender
from parallax.enrich.quotes_langs import LANGS, name, person
from parallax.enrich.quotes_partial import named_in
from parallax.enrich.speech_verbs import CUES, cue_rx
from parallax.records import Article, Mention, Sentence
from parallax.textutil import whole_word

SUBJECT_PRONOUNS = {"he", "she"}
PARTY_TAG = re.compile(party_tags.BRACKETED)  # "Pelosi, D-Calif., said"
#: the words a sentence may open with before its subject: a conjunction, titles and role words
#: ("But", "CNN senior political analyst"), not a clause ("When …", "Like Saviano, he")
LEAD = re.compile(r"\W*(?:(?:But|And|So|Yet|Still|Then|Later|Now)\s+)?"
                  r"(?:(?!(?:When|As|After|Before|While|If|Like|Unlike|In|On|At|For|With|From|"
                  r"By|To|Of|Asked|Saying|According|Although|Though|Since|Because|Despite)\b)"
                  r"[A-Z][\w.'’-]*\s+|(?!(?:in|on|at|for|with|to|of|from|by|about|after|when|"
                  r"while|as|like|that|said|says|told|asked|saying|and|or|but)\b)[a-z][\w-]*\s+"
                  r"){0,5}")
#: an opening phrase set off by a comma before a sentence's subject ("In a spring interview,
#: Mr. Moss spoke of …", "Hours later, Ruiz …"; made up): when it names no person, the first
#: person after it is the subject (twenty-second session, BASIL training half: "he said" after
#: such a sentence went to the person quoted a paragraph before); a capital after the comma,
#: not a quotation ('Ruiz echoed it, saying, “Berg is …”': not Berg) nor "which"
OPENING_PHRASE = re.compile(r"\W*[A-Z][^,;:.!?\"“”‘’\n]{0,60},\s+")
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
    r"added|wrote)(?![\w])")  # made up: "Moen met Ruiz as well, who said he …"
#: the sentence's speaker named after its verb with titles before the surname, to the
#: sentence's end: "…,” said Harbour Board Chair Ana Lund (D-Vell)." (made up)
TITLED_AFTER_CUE = re.compile(r"(?<![\w])(?:said|says|added|asked|wrote)\s+(?:[A-Z][\w.'’-]*\s+)"
                              r"{1,5}(?P<name>[A-Z][\w'’-]+)(?:\s*\([^()\n]{1,12}\))?(?:\s*[.!])?\s*$")
#: a sentence whose subject is an unnamed person: "A Honduran journalist has …", "A Texas
#: teenager who supports …" (a time phrase is no subject: "A day later, she said")
UNNAMED_SUBJECT = re.compile(
    r"\W*(?:An?|One)\s+(?:(?!(?:of|in|on|at|for|to|with|from|by|and|or|it|the|his|her)\b)"
    r"[\w-]+\s+){0,2}?"
    r"(?!(?:day|days|week|weeks|month|months|year|years|moment|few|little|lot|number|decade|"
    r"time|while|spokesman|spokeswoman|spokesperson|of|it|the)\b)[a-z][\w-]*,?\s+"
    r"(?:who|has|had|is|was|says|said|told|claims|claimed),?\s")


def _subject_opening(head: str) -> bool:
    """Whether ``head`` is what may stand before a sentence's subject: ``LEAD``, after an
    opening phrase and its comma or not."""
    if LEAD.fullmatch(head) is not None:
        return True
    phrase = OPENING_PHRASE.match(head)
    rest = head[phrase.end():] if phrase is not None else ""
    return phrase is not None and (not rest or rest[0].isupper()) and LEAD.fullmatch(
        head, phrase.end()) is not None


def modifier_use(text: str, m: Mention) -> bool:
    """A one-word name used as a modifier or a medium, no person a pronoun may stand for:
    "the Aurora shooting", "said on Twitter" (the entity stage types such words persons)."""
    if " " in m.canonical:
        return False
    before = text[max(0, m.start - 5):m.start]
    return bool(re.search(r"(?<![\w])(?:on|via)\s+$", before)) or bool(
        re.search(r"(?<![\w])the\s+$", before.lower())
        and re.match(r"\s+[a-z]", text[m.end:m.end + 3]))


def lone_opener(text: str, start: int, word: str) -> bool:
    """A one-word "person" that opens its sentence and is written nowhere else in the article:
    a capitalised common word the entity stage typed a person ("Ledgers obtained by the
    paper describe …", made up), whom no pronoun stands for. A person named by surname alone
    is named again or in full elsewhere (twentieth session, BASIL dev: a spokeswoman's "she
    argued" was given such a word)."""
    if " " in word or word in MALE or word in FEMALE or re.match(
            r"\s+[A-Z]", text[start + len(word):start + len(word) + 2]) or not (
            start == 0 or text[start - 1] == "\n" or re.search(
                r"[.!?][\"”’)]?\s+$", text[max(0, start - 4):start])):
        return False  # a given name, or a full name cut short ("<given> <surname>, who …")
    if text.count(word) == 1:
        return True
    rx = whole_word(word)
    return rx.search(text, 0, start) is None and rx.search(text, start + len(word)) is None


def sentence_of(sentences: list[Sentence], pos: int) -> Sentence | None:
    for s in sentences:
        if s.start <= pos < s.end:
            return s
    for s in sentences:  # between sentences: the one just ended
        if s.start <= pos < s.end + 2:
            return s
    return None


def role_anchors(text: str, roles: dict[str, str],
                 named: list[Mention] | None = None) -> list[tuple[int, str]]:
    """Positions of role nouns ("the Ukrainian leader") with the entity they stand for. A role
    noun right before a person's name ("said German chancellor Olaf Scholz", ``named``: the
    article's mentions) is that person's title: no anchor. The table's holder (of 2026) stood
    at the noun, nearer the cue verb than the name, and was shown as the speaker of a quote
    the named person gave, in every language (twenty-seventh session's review). A role noun
    whose holder is "" (``aliases.roles_on``: the article is not dated in the holder's term)
    stands for itself, as written with its article ("the German chancellor")."""
    if not roles:
        return []
    rx = _role_regex(tuple(sorted(roles, key=len, reverse=True)))
    people = {m.start for m in named or () if m.type == "PERSON"}
    return [(m.start(), roles[m.group(0).lower()] or _as_written(text, m))
            for m in rx.finditer(text)
            if not ((gap := _TITLE_GAP.match(text, m.end())) and gap.end() in people)]


#: an article right before a role noun, shown with it: a whole word ("jeder Kanzler",
#: "every chancellor", was shown "der Kanzler"; twenty-eighth session's review)
_ARTICLE_BEFORE = re.compile(r"(?<!\w)(?:the|der|die|den|dem|des)[ \t\u00a0]$",
                             re.IGNORECASE)


def _as_written(text: str, noun: re.Match[str]) -> str:
    before = _ARTICLE_BEFORE.search(text, max(0, noun.start() - 4), noun.start())
    return text[before.start() if before else noun.start():noun.end()]


#: what stands between a title and the name it belongs to ("Kanzler Olaf Scholz")
_TITLE_GAP = re.compile(r"[ \t\u00a0]{1,3}")


@cache
def _role_regex(phrases: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w])(" + "|".join(re.escape(p) for p in phrases) + r")(?![\w])",
                      re.IGNORECASE)


class Antecedents:
    """The per-article state a pronoun's chain reads: the role nouns of the alias table, the
    genders the honorifics tell, the people named next to a cue verb. ``direct`` are the quote
    stage's direct-quote patterns (the quoted spans a pronoun's antecedent may not come from,
    ``quotes_langs``)."""

    def __init__(self, article: Article, roles: dict[str, str],
                 direct: list[re.Pattern[str]]) -> None:
        self.article = article
        self.anchors = role_anchors(article.text, roles, article.entities)
        self._direct = direct
        # in the languages of ``quotes_langs`` only a pronoun or a dropped subject reads these:
        # computed when first asked (their long verb lists made the stage half again slower)
        self._speakers = None if article.language in LANGS else self._named_speakers()
        self.genders = pronoun_genders(article.text)
        self._openers = frozenset(m.start for m in article.entities if article.language == "en"
                                  and m.type == "PERSON" and lone_opener(article.text, m.start,
                                                                         m.text))
        self._english_quoted: list[tuple[int, int]] | None = None

    def recent(self) -> list[tuple[int, str]]:
        """(position, name) of the people named next to a cue verb, in order."""
        if self._speakers is None:
            self._speakers = self._named_speakers()
        return self._speakers

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
                    (m.type == "PERSON" and not (english and (
                        modifier_use(text, m) or m.start in self._openers)))
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
        one stands for; else a person named at its start (made up: "Harbour TV analyst
        Lena Moen agreed, …"), else a surname the entity stage did not tag next to a speech verb
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
            return ""  # made up: "One dock worker, who asked that her name be left out, …"
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
        if (titled := TITLED_AFTER_CUE.search(stem)) is not None:
            # '“…,” said <chamber> Minority Whip <given> <surname> (D-<state>).' then "He
            # added …": that person, whom the entity stage left untagged; the last person
            # quoted before was shown (twentieth session, BASIL dev)
            who = named_in(self.article, titled.group("name"))
            return who if who is not None and fits(who) else ""
        lead = next(((p, c) for p, c in people if prev.start <= p < prev.end
                     and stem[p - prev.start] != " "), None)  # not a name inside a quote
        if lead is not None and _subject_opening(stem[:lead[0] - prev.start]) and not re.match(
                r"[^\s,.]*(?:\s+[A-Z][\w.'’-]*)*['’]s\b", text[lead[0]:lead[0] + 60]):
            return lead[1]
        opening = LEAD_NAME.match(stem)  # "Pelosi did not agree …": a surname not tagged
        if opening is not None and not lone_opener(text, prev.start + opening.start(1),
                                                   opening.group(1)) and (
                who := named_in(self.article, opening.group(1))) and fits(who):
            return who
        return None
