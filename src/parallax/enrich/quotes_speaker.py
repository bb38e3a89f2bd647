"""Who speaks: the quote stage's speaker rules for one article, apart from finding what is
quoted (``quotes``).

Why a module of its own: every kind of quote (a direct quote, a reported clause, a partial
quote, a quote after a colon) asks the same questions (the subject right before a speech verb,
the name nearest a cue, whom a pronoun stands for, who was quoted last), and the answers share
per-article state: the role nouns of the alias table, the people named next to a cue verb, the
genders the honorifics tell. ``Speakers`` holds that state for one article; ``quotes`` builds
one per article and asks it. Moved out of ``quotes.py`` unchanged (thirteenth session); whom a
pronoun stands for and who was quoted last are ``quotes_antecedents`` (fifteenth session).

Rules, in order (``subject``): a person before an appositive that ends at the cue; a source
noun phrase right before the cue ("a Kremlin spokesman") as written; a named subject right
before the cue; else the named entity, role noun or pronoun closest to the cue, a pronoun
resolved by ``Antecedents.antecedent``.
"""

from __future__ import annotations

import re

from parallax.enrich import party_tags
from parallax.enrich.quotes_antecedents import SUBJECT_PRONOUNS, Antecedents, sentence_of
from parallax.enrich.quotes_checks import (
    APPOSITIVE_PHRASE,
    AUXILIARY,
    apposition_subject,
    can_speak,
    colon_clause,
    colon_speaker,
    object_place,
    people_modifier,
)
from parallax.enrich.quotes_langs import LANGS, names_speakers, quoted_spans
from parallax.enrich.quotes_partial import named_in
from parallax.enrich.speech_verbs import (
    GAP_WORD,
    GENERIC_ROLE,
    PRONOUNS,
    SOURCE_NP,
    SUBJECT_NP,
    SUBJECT_PP,
    UNNAMED,
)
from parallax.records import Article, Mention

#: an adverb that may stand between a subject and its verb: "also said", "later told",
#: "quickly added"
ADVERB = r"(?:(?:also|then|later|\w+ly)\s+)?"
# a US party-state tag or an age after a name: "Sen. Rand Paul, R-Ky., said", "Beske, 43, said"
# (``quotes_checks.AGE_OR_TAG`` is this but for the white space it allows after the tag: the
# stems cut here are stripped of spaces and commas first)
PARTY_STATE = re.compile(party_tags.AGE_OR_TAG + "$")
#: between a body and its person: one to three title words ("president", "chief", "CEO",
#: "senior vice president"), no comma
EMPLOYER_GAP = re.compile(r"(?:['’]s)?\s+(?:(?:[a-z][\w-]*|[A-Z]{2,5})\s+){1,3}")
#: a group of unnamed people right before the verb, no determiner: "as rural members
#: said" (fifteenth session, helper V: the name nearest the verb, "the Senate handling of …"
#: earlier in the sentence, was shown)
BARE_GROUP = re.compile(r"((?:(?:conservative|liberal|moderate|senior|local|party|many|some|"
                        r"other)\s+)?(?:members|lawmakers|legislators|critics|opponents|"
                        r"supporters|officials|activists))\s+(?:" + AUXILIARY + ")?$")
#: what may stand before such a group for it to be the whole subject: a clause's opening
GROUP_BEFORE = re.compile(r"(?:^|[,;:(—–]|(?<![\w])(?:as|but|while|because|since|when|"
                          r"after|though|although|where|that|But|And|While|As)\s*)$")

#: members of two bodies or groups right before the verb ("House and Senate Republican leaders
#: said", "Senate Democrats and House Republicans said", made up after real reports): shown as
#: written, since either body alone (the one nearer the verb, before) misnames who spoke
TWO_GROUPS = re.compile(
    r"((?:[Tt]he\s+|[Bb]oth\s+|(?:[Mm]ore\s+than\s+|[Aa]bout\s+)?(?:a\s+)?(?:half-dozen|dozen|"
    r"few|several|some|many|two|three|four|five|six|\d+)\s+)?(?:[A-Z][\w.'’-]*\s+){1,2}and\s+"
    r"(?:the\s+)?(?:[A-Z][\w.'’-]*\s+){0,3}(?:leaders|members|lawmakers|negotiators|officials|"
    r"senators|delegations?|Republicans|Democrats))\s+(?:" + AUXILIARY + "){0,2}$")


def two_groups(text: str, lo: int, verb_at: int) -> str | None:
    """Members of two bodies or groups that end right before the verb at ``verb_at`` and open
    the clause that starts at ``lo`` (``TWO_GROUPS`` after ``GROUP_BEFORE``), as written; the
    quote stage's speaker and the claims stage's source both read them here."""
    both = TWO_GROUPS.search(text, lo, verb_at)
    if both is None or not GROUP_BEFORE.search(text[lo:both.start()].rstrip(" “”\"")):
        return None
    return both.group(1)


#: a second verb joined by ", and" ("Ana Lund attacked the port board, and said …", made up):
#: the name right before it is the first verb's object, no speaker (nineteenth session, real
#: news: a department a president attacked was shown as the speaker of his words)
COORDINATED = re.compile(r"[”\"]?,\s+(?:and|but)\s+" + ADVERB)
COORDINATED_END = re.compile(r",\s+(?:and|but)\s+" + ADVERB + "$")
#: what may stand before the name that opens a clause: a capitalised dateline and its dash,
#: capitalised titles ("WASHINGTON — President", "Senator")
CLAUSE_OPENING = re.compile(r"\s*(?:[A-Z][\w.]*\s*[,―—–-]*\s*){0,4}")
#: a capitalised word before a surname, so that the two may be an untagged full name
NAME_BEFORE = re.compile(r"(?<![\w.])(?!(?:But|And|So|Yet|Then|Later|Now|Also)\s)"
                         r"[A-Z][\w'’-]*\s+$")


#: a relative clause between a subject and its verb ("The port agency, which did not name
#: its sources, said", made up): the subject stands before it, not the clause's last noun.
#: Its phrase is ``APPOSITION``'s; it stays a pattern of its own because it is read after any
#: subject (a body, a phrase as written), where ``APPOSITION`` follows a person only, and one
#: clause that opens with a relative pronoun is all it may skip
RELATIVE_TAIL = re.compile(r",\s+(?:which|who|whose|whom)\s" + APPOSITIVE_PHRASE + r"{1,150},\s*$")
#: the abbreviations a title is written with before a name ("Gov. Lund")
#: a lawmaker's surname and party tag right before the verb: "Lund, D-Vell, also said" (made
#: up); the entity stage may have typed the full name a body, or not tagged the surname
PARTY_TAGGED = re.compile(r"(?<![\w.])([A-Z][a-z][\w'’-]*),?\s*" + party_tags.BRACKETED + r",?\s+"
                          + ADVERB + "$")
ROLE_ABBREVIATIONS = {"governor": ("gov.",), "senator": ("sen.",), "congressman": ("rep.",),
                      "congresswoman": ("rep.",), "secretary": ("sec.",)}
#: a name at a sentence's start as written ("The Beacon", "Vell Port Authority")
HEAD_NAME = re.compile(r"(?:[Tt]he\s+)?[A-Z][\w.’'&-]*(?:\s+(?:of\s+)?[A-Z][\w.’'&-]*){0,5}")


#: how far after a role noun its holder's name may start ("министр иностранных дел Корвании
#: Олег Вареш": 26 characters), and what may not stand between them
ROLE_NAME_GAP = 40
CLAUSE_MARK = re.compile(r"[,.;:!?«»\"“”„()–—]")

class Speakers(Antecedents):
    """The speaker rules for one article. ``direct`` are the quote stage's direct-quote
    patterns (the quoted spans a pronoun's antecedent may not come from, ``quotes_langs``)."""

    def __init__(self, article: Article, roles: dict[str, str],
                 direct: list[re.Pattern[str]]) -> None:
        super().__init__(article, roles, direct)
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
        if not named_only and (both := self._two_groups(lo, cue_at)) is not None:
            return both
        if article.language == "en" and (person := apposition_subject(
                text, article.entities, lo, cue_at, (0, 0))) is not None and not re.search(
                r",\s+and\s", text[lo:cue_at]):
            return person  # "Ana Ruiz, a fierce critic of the mayor, said it is …" (made up):
            # the appositive's noun phrase was shown (nineteenth session, real news)
        stem = RELATIVE_TAIL.sub("", text[lo:cue_at])  # "The Beacon, which …, said"
        for _ in range(4):
            stem = PARTY_STATE.sub("", stem.rstrip(" ,")).rstrip(" ,")  # "Ryan, R-Wis.,"
            end = lo + len(stem)
            entity = next((m.canonical for m in article.entities if m.end == end and m.type in (
                "PERSON", "ORG", "GPE", "NORP") and can_speak(text, m, lo) and not (
                article.language == "en" and object_place(text, m, lo))), None)
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

    def _two_groups(self, lo: int, cue_at: int) -> str | None:
        """Members of two bodies right before the verb, as written (``TWO_GROUPS``)."""
        return two_groups(self.article.text, lo, cue_at) if self.article.language == "en" \
            else None

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
            return person  # made up: "Ana Ruiz, a hopeful in the Green primary, announced"
        if (relative := RELATIVE_TAIL.search(text, lo, cue_at)) is not None:
            # "The Beacon, which did not name its sources, said": the phrase before the
            # clause speaks, never a noun inside it; a phrase we cannot read, no one
            head = re.split(r"[,;:]", text[lo:relative.start()])[-1].strip(" \"“”")
            named = [m.canonical for m in article.entities if m.type in ("PERSON", "ORG")
                     and relative.start() - len(head) <= m.start < relative.start()]
            if named and HEAD_NAME.fullmatch(head) and not SUBJECT_PP.fullmatch(head):
                return named[-1]  # "Representative Ana Lund of Ohio, who …", not "Aides to
                # Ana Lund, who …"
            return head if HEAD_NAME.fullmatch(head) or SUBJECT_NP.fullmatch(head) else None
        if cue_at > lo and (np := SOURCE_NP.search(text[max(lo, cue_at - 80):cue_at])):
            phrase = np.group(0).strip(" ,")
            if len(phrase.split()) >= 1 and phrase[:1].isalpha():
                return phrase
        if (both := self._two_groups(lo, cue_at)) is not None:
            return both
        if article.language == "en" and (unnamed := self._unnamed_subject(lo, cue_at)):
            return unnamed
        if article.language == "en" and (first := self._first_subject(lo, cue_at)):
            return first
        if (subject := self.subject_of(cue_at, named_only=True)) is not None:
            return subject  # "Rubio said Obama “…”", "Rubio also told Rose he …"
        if article.language == "en" and (
                tagged := PARTY_TAGGED.search(text, max(lo, cue_at - 60), cue_at)) is not None:
            return self._tagged_surname(tagged.group(1))  # no farther name: the subject is
            # this lawmaker, and another of a listed three was shown (twentieth session)
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
                    "PERSON", "ORG", "GPE") and can_speak(text, m, lo) and not (
                    article.language == "en" and object_place(text, m, lo)) and (
                    m.type == "PERSON" or not any(a <= m.start < b for a, b in roles)) and not (
                    article.language == "en" and (self._employer(m) or COORDINATED.fullmatch(
                        text, m.end, cue_at))):
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
        for position, role_end in roles:
            if not (skip[0] <= position < skip[1]) and (
                    antecedent := self.role_holder(position, role_end)):
                options.append((abs(position - cue_at) + 5, antecedent))  # table roles first
        if options:
            return min(options)[1] or None
        context = text[lo:max(lo, skip[0])] + " " + text[max(lo, skip[1]):hi]
        if (u := UNNAMED.search(context)) is not None:
            return u.group(0)
        return None

    def _unnamed_subject(self, lo: int, cue_at: int) -> str | None:
        """A noun phrase that is the whole subject of the verb at ``cue_at``, as written:
        "Attorneys general in Vell and Nord said", "The lawsuit says", "A local lawmaker said"
        (made up). The name nearest the verb was shown instead (a place inside the phrase, or
        one from an earlier clause), or nothing (nineteenth session, real news). A phrase that
        ends in a name is left to the name rules ("The Harbour Board said")."""
        text = self.article.text
        phrase = SUBJECT_PP.search(text, lo, cue_at)
        if phrase is None and (phrase := SUBJECT_NP.search(text, lo, cue_at)) is not None:
            end = phrase.start() + len(phrase.group(0).rstrip())
            if any(phrase.start() <= m.start and m.end == end for m in self.article.entities):
                return None  # its head is a name's last word: the name rules take it
        if phrase is None or not GROUP_BEFORE.search(text[lo:phrase.start()].rstrip(" “”\"")):
            return None
        return phrase.group(0).strip()

    def _first_subject(self, lo: int, cue_at: int) -> str | None:
        """The subject of a clause's first verb for a second verb joined by ", and"/", but"
        ("Ana Lund on Monday attacked the port board, and said …", made up): the name that
        opens the clause (after a dateline or a title), where the names nearer the verb are the
        first verb's objects (nineteenth session, real news: a department and a country)."""
        text = self.article.text
        if not COORDINATED_END.search(text, lo, cue_at):
            return None
        opening = [m for m in self.article.entities if lo <= m.start < cue_at and m.type in (
            "PERSON", "ORG") and CLAUSE_OPENING.fullmatch(text, lo, m.start)]
        people = [m for m in opening if m.type == "PERSON"]  # "Harbour Board Chair Ana Lund"
        return (people or opening)[0].canonical if opening else None

    def role_holder(self, start: int, end: int) -> str | None:
        """Who a role noun at ``start:end`` ("the president said") stands for. English: the
        person the article has called so ("President Ana Lund", "Lund, the port's president",
        "Gov. Lund", made up), the latest one before it; no one where nobody was, since the
        person named last was often someone else (fifteenth session: BASIL's "the House
        speaker" shown as a lawyer quoted before, "the president" as a press secretary)."""
        antecedent = self.antecedent(start)
        if self.article.language != "en":
            return self._named_after(end) or antecedent
        text = self.article.text
        word = text[start:end].split()[-1].lower()
        spellings = "|".join(re.escape(w) for w in (word, *ROLE_ABBREVIATIONS.get(word, ())))
        spellings = rf"(?<!vice )(?<!vice-)(?:{spellings})"  # a vice president is no president
        before = re.compile(rf"(?<![\w])(?:{spellings})\s+(?:[\w.’'-]+\s+)?$", re.IGNORECASE)
        after = re.compile(rf",\s+(?:(?:the|a|an)\s+)?(?:[\w.’'-]+\s+){{0,3}}{spellings}"
                           r"(?![\w])", re.IGNORECASE)
        holders = [m.canonical for m in self.article.entities if m.type == "PERSON"
                   and m.end <= start and (before.search(text, max(0, m.start - 30), m.start)
                                           or after.match(text, m.end, m.end + 50)
                                           or word in m.text.lower().split()[-3:-1])]
        if antecedent in holders:
            return antecedent
        return holders[-1] if holders else None

    def _named_after(self, end: int) -> str | None:
        """The person a role noun stands before in its clause, outside English ("– заявил
        министр иностранных дел Корвании Олег Вареш", made up after the demo): the person
        named last before the role was shown, there a name inside the quote (twenty-seventh
        session, helper N4). English keeps its own rules ("a spokesman for Senator Lund")."""
        text = self.article.text
        after = [m for m in self.article.entities if m.type == "PERSON"
                 and end <= m.start <= end + ROLE_NAME_GAP and not CLAUSE_MARK.search(
                     text, end, m.start)]
        return min(after, key=lambda m: m.start).canonical if after else None

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

    def _tagged_surname(self, word: str) -> str | None:
        """The one person or full name typed a body ("<given> <surname>", as the entity stage
        types some lawmakers) whose last word is ``word``; a party tag after it said it is a
        person's surname."""
        if (who := named_in(self.article, word)) is not None:
            return who
        names = {m.canonical for m in self.article.entities if m.type in ("PERSON", "ORG")
                 and len(m.canonical.split()) in (2, 3) and m.canonical.split()[-1] == word}
        return names.pop() if len(names) == 1 else None

    def _employer(self, m: Mention) -> bool:
        """A body named before its person's title, no speaker of its own: "said Harbour
        Pictures/North Films president Lena Moen", "Nordvision chief Ivo Brandt" (made
        up) (fourteenth
        session, Dragnet tuning half: the company nearer the verb was shown)."""
        if m.type == "PERSON":
            return False
        text = self.article.text
        return any(p.type == "PERSON" and m.end < p.start <= m.end + 40
                   and EMPLOYER_GAP.fullmatch(text, m.end, p.start) is not None
                   for p in self.article.entities)

    def quoted(self) -> list[tuple[int, int]]:
        """The article's quoted spans (``quotes_langs.quoted_spans``), computed when asked."""
        if self._quoted is None:
            self._quoted = quoted_spans(self.article, self._direct)
        return self._quoted

    def partial(self, at: int) -> str | None:
        """The subject of the verb at ``at`` before a partial quote; in the languages of
        ``quotes_langs`` only the name right before it (their pronouns and source nouns are not
        in ``subject_of``'s lists), and only in those that name speakers at all."""
        language = self.article.language
        if language in LANGS:
            return self.subject_of(at, named_only=True) if names_speakers(language) else None
        return self.subject_of(at)
