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
from parallax.enrich.quotes_checks import APPOSITION
from parallax.enrich.quotes_speaker import two_groups
from parallax.enrich.speech_verbs import NACH_ANGABEN, NO_SOURCE
from parallax.records import Article, Claim, Mention
from parallax.registry import register
from parallax.settings import Config
from parallax.textutil import STOPWORDS, numbers

EVENT_VERBS = re.compile(
    r"\b(killed|died|dead|injured|evacuated|detained|arrested|agreed|signed|met|meet|exploded|"
    r"damaged|destroyed|attacked|shelled|launched|announced|released|exchanged|rose|fell|"
    r"increased|decreased|broke|collapsed|flooded|blocked|deployed|sent|fired|voted|"
    r"getötet|gestorben|evakuiert|festgenommen|vereinbart|unterzeichnet|explodiert|beschädigt|"
    r"gestiegen|gesunken|gebrochen|blockiert|убит\w*|погиб\w*|эвакуир\w*|задержан\w*|"
    r"подписал\w*|договорил\w*|взорв\w*|поврежд\w*|выросл\w*|прорвал\w*)\b", re.IGNORECASE)
ATTRIBUTION = re.compile(  # a whole word: "exciting" is no "citing"
    r"(?<![\w])(?P<cue>according to|citing|cited by|laut|" + NACH_ANGABEN + r"|"
    r"по (?:данным|словам)|сообщает|reported by|selon|según)" + SOURCE_AFTER_CUE, re.IGNORECASE)
#: what a "citing" clause must name to give a source ("citing two officials", "citing a
#: report"); otherwise it gives its subject's reason ("citing budget pressures")
CITED_SOURCE = re.compile(
    r"(?<![\w])(?:sources?|officials?|people|persons?|spokes(?:man|woman|person)|aides?|"
    r"reports?|statements?|documents?|records|memos?|letters?|polls?|surveys?|stud(?:y|ies)|"
    r"witness(?:es)?|experts?|analysts?|investigators?|police|authorities|diplomats?|"
    r"lawyers?|attorneys?|officers?|insiders?|interviews?|emails?|filings?)(?![\w])",
    re.IGNORECASE)
NUMBER_WORDS = re.compile(
    r"\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    r"forty|fifty|hundred|hundreds|thousand|thousands|million|millions|billion|dozens?|"
    r"zwei|drei|vier|fünf|zehn|zwanzig|hundert|tausend|millionen?|milliarden?|dutzende|"
    r"два|три|четыре|пять|десять|сто|тысяч\w*|миллион\w*|миллиард\w*|десятк\w*)\b",
    re.IGNORECASE)
#: whole words only (lookbehind, possessive ``++``; a name's short particle such as "al-" is
#: passed over): a 100-letter capitalised token took minutes to backtrack through, and one
#: page held an ingest worker without end. A capital is any Latin-1 or common Central European
#: one too: "Özlem Aydın sagte" names its speaker as "Ozlem Aydin sagte" does
_CAPITAL = "A-ZÀ-ÖØ-ÞĆČĐŁŃŘŚŞŠŹŻŽĞİА-ЯЁ"
SAID_BY = re.compile(rf"(?<![\w’'-])(?:[a-zа-яё]{{1,4}}-)?"
                     rf"(?P<who>(?:[{_CAPITAL}][\w’'-]++\s?){{1,4}})\s+"
                     r"(?:said|says|told|reported|confirmed|sagte|erklärte|bestätigte|"
                     r"заявил\w*|сообщил\w*)")
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
            attribution, attributed = self._attribution(article, sentence.start, sentence.end,
                                                        span)
            has_entity = any(sentence.start <= m.start < sentence.end for m in article.entities)
            score = 0.3
            score += 0.3 if has_number else 0.0
            score += 0.2 if attributed else 0.0
            score += 0.1 if has_entity else 0.0
            score += 0.15 if EVENT_VERBS.search(span) else 0.0
            score -= 0.4 if OPINION.search(span) else 0.0
            score = round(max(0.0, min(1.0, score)), 2)
            if score >= self.threshold:
                claims.append(Claim(span, sentence.start, sentence.end, attribution, score))
        article.claims = claims

    def _attribution(self, article: Article, start: int, end: int,
                     span: str) -> tuple[str | None, bool]:
        """The source is a person or organisation named in the sentence, as its full noun
        phrase ("the DNC Communications Director", not "DNC Communications"); a place or a
        speaker resolved from an earlier sentence ("he said") is no source of this claim.
        Second: whether the sentence reports someone's words at all, named or not (it still
        makes the sentence a claim: "He said 30 shots were fired")."""
        named = [m for m in article.entities
                 if start <= m.start < end and m.type in ("PERSON", "ORG")]
        reason = False  # "…, citing budget pressures": reported, but names no source
        if (m := ATTRIBUTION.search(span)) and re.match(NO_SOURCE, span[m.end("cue"):],
                                                        re.IGNORECASE):
            reason = True  # "according to which …", "according to the plan": no one named
        elif m:
            who = m.group("who").strip()
            cited = [e for e in named if m.start("who") <= e.start - start < m.end("who")]
            if cited or not NOT_A_SOURCE.search(who):  # "citing the Fifth Amendment right"
                if m.group("cue").lower() != "citing" or CITED_SOURCE.search(who) or any(
                        span[e.end - start:e.end - start + 2] not in ("'s", "’s") for e in cited):
                    return who, True
                reason = True  # "citing Berg's record": a thing, not Berg, is cited
        if article.language == "de" and (so := SO_SOURCE.search(span)):
            return so.group("who"), True  # '…, so die Forscher.': signed after the statement
        places = {m.text.lower() for m in article.entities
                  if start <= m.start < end and m.type in ("GPE", "LOC")}
        candidates = _subjects(span, start, named)
        candidates += [q.speaker for q in article.quotes
                       if q.speaker and start <= q.start < end + 1]
        if m := SAID_BY.search(span):
            who = m.group("who").strip()
            if who.lower() not in SUBJECT_PRONOUNS and all(  # "Das bestätigte …"
                    w.lower() in STOPWORDS for w in who.split()):
                reason = True
                who = _inverted_subject(span, m.end(), named, start)
            if who:
                candidates.append(who)
        for candidate in candidates:
            if (phrase := source_phrase(span, candidate, named, places)) is not None:
                if _not_the_subject(span, phrase, article.language):
                    return None, True  # the sentence names its source elsewhere, or not
                return phrase, True
        return None, reason


#: the capitalised words after a reporting verb, past a few lower-case ones ("сообщил
#: журналистам министр Олег Вареш", made up): an inverted sentence's subject
_AFTER_VERB = re.compile(rf"\s+(?:[a-zа-яё][\w-]*\s+){{0,4}}?"
                         rf"(?P<who>[{_CAPITAL}][\w’'-]*+(?:\s+[{_CAPITAL}][\w’'-]*+){{0,3}})")


def _inverted_subject(span: str, verb_end: int, named: list[Mention], offset: int) -> str:
    """The source of a sentence whose reporting verb follows a function word ("Das bestätigte
    die Vermittlerin Lund", "Как сообщил министр Вареш": "as the minister said"; the demo's
    summit story showed them "attributed to Das" and "to Как", twenty-seventh session): the
    person named after the verb, else the capitalised words there ("EU-Vermittlerin Helene
    Marchetti", whose "EU" alone is the body she speaks for), else a body, else nothing."""
    clause = re.search(r"[,;:.!?\"“”«»„]|$", span[verb_end:])
    end = verb_end + (clause.start() if clause else 0)  # "Как сообщил телеканал CNN, с …"
    named_after = [e for e in named if verb_end <= e.start - offset < end]
    if people := [e for e in named_after if e.type == "PERSON"]:
        return people[0].text
    if (after := _AFTER_VERB.match(span[:end], verb_end)) and " " in after.group("who"):
        return after.group("who")  # two words or more: "Das erklärte Ziel war" names no one
    return next((e.text for e in named_after if e.type == "ORG"), "")


#: German signs a reported statement with "so" and its source at the sentence's end ("…
#: gesunken, so die Hafenbehörde.", "…, so Ana Lund.", made up; ``SO_AFTER`` after a quote)
SO_SOURCE = re.compile(r"(?-i:,\s+so\s+(?P<who>(?:(?:der|die|das)\s+)?[A-ZÄÖÜ][\w-]*"
                       r"(?:\s+[A-ZÄÖÜ][\w-]*){0,3}))\s*[.!]?[\"“”»«]?\s*$")
#: what "according to" / "citing" may name that is no person or organisation
NOT_A_SOURCE = re.compile(r"(?<![\w])(?:amendment|right|rights|law|laws|constitution|rule|rules|"
                          r"act|privilege|reasons?|concerns?|grounds|precedent|clause|"
                          r"statute|data|figures|statistics)(?![\w])", re.IGNORECASE)
REPORTING = re.compile(r"(?<![\w])(?:said|says|told|added|wrote|warned|argued|declared|"
                       r"announced|insisted|sagte|erklärte|заявил\w*|сказал\w*)(?![\w])")
_QUOTED = re.compile(r"[“\"«„][^”\"»“]*[”\"»“]")
SUBJECT_PRONOUNS = {"he", "she", "they", "we", "i", "it", "er", "sie", "es", "wir", "он",
                    "она", "они", "мы"}


def _verb_subject(span: str) -> tuple[str, str, int] | None:
    """The word right before the first reporting verb outside quotation marks ("Lund" in
    "“…,” Lund said of Berg's offer"; "he" in "Berg, who he said …"), the word before that
    one ("" after a comma) and where the first starts; None where a comma, a quotation mark or
    nothing stands before the verb."""
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(span)]
    relative = None
    for verb in REPORTING.finditer(span):
        if any(a <= verb.start() < b for a, b in quoted):
            continue
        window = max(0, verb.start() - 80)
        before = re.search(r"(?:(?<![\w’'.-])([^\W\d_][\w’'-]*)\s+)?(?<![\w’'.-])"
                           r"([^\W\d_][\w’'-]*)\s+$", span[window:verb.start()])
        if before is None or TIME_WORD.fullmatch(before.group(2)):
            return None  # "officials on Wednesday said"
        found = before.group(2), before.group(1) or "", window + before.start(2)
        if found[0] not in ("who", "which", "that"):
            return found
        relative = relative or found  # "Lund, a guide who wrote the book, said …": said
    return relative


#: lowercase words before a verb that are no noun standing for its subject
NOT_A_NOUN = re.compile(
    r"also|later|then|once|still|already|never|ever|just|first|again|since|earlier|now|often|"
    r"even|not|has|had|have|having|was|were|is|are|be|been|would|will|could|can|may|might|"
    r"should|must|did|does|do|and|or|but|as|week|month|year|morning|afternoon|evening|night|"
    r"weekend|day|yet|too|however|meanwhile|instead|here|there|soon|himself|herself|itself|"
    r"themselves|\w+ly", re.IGNORECASE)
DETERMINER = re.compile(r"the|a|an|this|that|its|his|her|their", re.IGNORECASE)


def _not_the_subject(span: str, phrase: str, language: str | None) -> bool:
    """The verb's subject is a pronoun ("He said …", "Holm, who he said …"), another name
    ("“…,” Lund said of Berg's offer": Berg), or a noun the source does not name ("an aide to
    Lund who said", "the leaders of the Harbour Board committee said": Lund, the board)."""
    found = _verb_subject(span)
    if found is None:
        return False
    subject, before, at = found
    if subject.lower() in SUBJECT_PRONOUNS:  # "Lund … when he said": most likely Lund
        return before.lower() in ("who", "whom", "that", "which") or (
            not span[:at].strip(" “\"«„‘'"))
    if language != "en":  # German nouns are capitalised, its adverbs are not in NOT_A_NOUN
        return False
    owner = re.fullmatch(r"(.+?)[’'](?:s)?", before)
    if _names(phrase, subject) or (owner and _names(phrase, owner.group(1))):
        return False  # "Lund said", "Lund's office said"
    if _listed_with(span, phrase, subject):
        return False
    if subject[:1].isupper():
        return True
    if subject in ("who", "which", "that"):
        return before.isascii() and before.islower() and not _names(phrase, before)
    return (subject.isascii() and not NOT_A_NOUN.fullmatch(subject) and
            not DETERMINER.fullmatch(before))


TIME_WORD = re.compile(
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|january|february|march|april|may|june|july|"
    r"august|september|october|november|december|today|tonight|yesterday|"
    r"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|heute|gestern",
    re.IGNORECASE)


_NAME = r"[A-ZÄÖÜА-ЯЁ][\w.’'-]*(?:\s+[A-ZÄÖÜА-ЯЁ][\w.’'-]*)*"
_LISTED = re.compile(rf"(?:,\s*{_NAME})*,?\s+(?:and|und|и)\s+[^\W\d_][\w.’'-]*"
                     r"(?:\s+[^\W\d_][\w.’'-]*)*")


def _listed_with(span: str, phrase: str, subject: str) -> bool:
    """"Ana Lund, Ben Berg and Cy Holm said", "Berg and port officials said": Berg speaks
    along with the verb's subject."""
    at = span.find(phrase)
    verb_subject = span.find(subject + " ", at + len(phrase)) if at >= 0 else -1
    between = span[at + len(phrase):verb_subject + len(subject)]
    return verb_subject >= 0 and bool(_LISTED.fullmatch(between))


def _names(phrase: str, word: str) -> bool:
    return word.lower() in re.findall(r"[^\W\d_][\w’'-]*", phrase.lower())


def _subjects(span: str, offset: int, named: list[Mention]) -> list[str]:
    """Who "said" in the sentence: the person (else organisation) named last before the
    reporting verb, outside quotation marks and not as a possessive (made up: "Lena Hart,
    Ruiz's adviser, said" -> Lena Hart; "Moen, the president of the Harbour Guild, said" ->
    Moen)."""
    verb = REPORTING.search(span)
    if verb is None:
        return []
    if (both := two_groups(span, 0, verb.start())) is not None:
        return [both]  # "House and Senate leaders said": the quote stage's rule
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(span)]
    before = [m for m in named if m.start - offset < verb.start()
              and not any(a <= m.start - offset < b for a, b in quoted)
              and span[m.end - offset:m.end - offset + 2] not in ("'s", "’s")]
    for head in before:  # "Ben Berg, spokesman for Senator Ana Lund, said": Berg, not Lund
        if head.type == "PERSON" and APPOSITION.match(  # an adverb may stand before the verb
                re.sub(r"[a-z]+ly\s+$", "", span[head.end - offset:verb.start()])):
            return [head.text]
    for kind in ("PERSON", "ORG"):
        if found := [m for m in before if m.type == kind]:
            return [found[-1].text]
    return []


_ROLES = (r"(?:director|spokesman|spokeswoman|spokesperson|secretary|adviser|advisor|chairman|"
          r"chairwoman|chair|official|officials|aide|aides|leader|counsel|attorney|lawyer|"
          r"president|minister|governor|senator|sprecher|sprecherin|sekretär|представитель|"
          r"пресс-секретарь)")
ROLE_NOUN = re.compile(_ROLES + "$", re.IGNORECASE)


#: a role noun whose holder speaks for the name after it: "(a) spokesman for", "aide to"
GOVERNED_BY_ROLE = re.compile(
    r"(?<![\w])(?:(?:a|an|the)\s+)?(?:(?:former|deputy|chief|senior|executive|press|acting|"
    r"assistant|top|general|communications)\s+){0,2}" + _ROLES + r"\s+(?:for|of|to|at|des|der)\s+$",
    re.IGNORECASE)
#: the name a role phrase stands apposed to: at the sentence's start or after a comma or quote
SPEAKER_BEFORE = re.compile(rf"(?:^|[,”\"]\s+|said\s+)({_NAME}),\s+$")


def source_phrase(sentence: str, candidate: str, named: list[Mention],
                  places: set[str]) -> str | None:
    """``candidate`` as a source of ``sentence``: None when the sentence does not name it or
    it is only a place; otherwise widened to its noun phrase (capitalised words and a role
    noun around it, a leading "the"). A name after "spokesman for" is whom the speaker
    speaks for, not the speaker: the speaker's name when the sentence gives it in apposition
    ("Ben Berg, a spokesman for Ana Lund, said"), else the role phrase ("a spokesman for Ana
    Lund"), so a reader sees who said it and on whose behalf."""
    folded = candidate.strip().lower()
    if not folded or folded in places:
        return None
    whole = re.search(r"(?<![\w])" + re.escape(folded) + r"(?![\w])", sentence.lower())
    at = whole.start() if whole else -1  # "CIA" is not the "cia" of "officials"
    if at < 0:  # a person named otherwise in the sentence ("Mr. Trump" for "Donald Trump")
        hits = [m.text for m in named if m.canonical.lower() == folded or m.text.lower() in
                folded or folded.split()[-1] in m.text.lower().split()]
        if not hits:
            return None
        candidate = hits[0]
        found = re.search(r"(?<![\w])" + re.escape(candidate) + r"(?![\w])", sentence)
        at = found.start() if found else -1
        if at < 0:
            return None
    begin, end = at, at + len(candidate)
    words = re.finditer(r"[^\W\d_][\w’'.-]*", sentence[end:])
    for word in words:
        gap = sentence[end:end + word.start()]
        token = word.group(0).rstrip(".")
        if gap.strip() or not (token[:1].isupper() or ROLE_NOUN.match(token)):
            break
        if token.lower() in ("said", "says", "told") or not token:
            break
        end += word.start() + len(token)
    if possessed := re.match(r"[’']s\s+([^,;:()\"“”]{1,60}?)(?=\s*(?:,|\s+said|\s+says|$))",
                             sentence[end:]):  # "Obama's national security adviser"
        if not ROLE_NOUN.match(possessed.group(1).split()[-1]):
            return None  # "Trump's decision was criticised": Trump is not the source
        end += possessed.end()
    before = re.search(r"((?:[A-ZÄÖÜА-ЯЁ][\w’'.-]*\s+)*)$", sentence[:begin])
    if before and before.group(1) and before.start(1) > 0:
        begin = before.start(1)
    if article := re.search(r"(?<![\w])(?:the|der|die|das)\s+$", sentence[:begin], re.IGNORECASE):
        begin = article.start()
    if role := GOVERNED_BY_ROLE.search(sentence[:begin]):  # "a spokesman for Senator Ana Lund"
        if (spoke := SPEAKER_BEFORE.search(sentence[:role.start()])) and re.match(
                r"(?:\s*\([^()]{1,40}\))?,", sentence[end:]) and not (
                spoke.group(1).lower() in places or TIME_WORD.fullmatch(spoke.group(1))):
            return spoke.group(1)  # "Ben Berg, a spokesman for Lund, said": Berg speaks
        spoke = re.match(rf",\s+({_NAME})\s*(?:[,.;:]|$)", sentence[end:])
        if spoke and " " in spoke.group(1) and spoke.group(1).lower() not in places:
            return re.sub(r"(?<=[a-zа-яё]{2})\.$", "", spoke.group(1))  # "…for Lund, Ben Berg."
        begin = role.start()
    phrase = sentence[begin:end].strip(" ,;:")
    if phrase.lower() in places:
        return None
    return phrase


@register("claims", "heuristic/v1")
def make_claims(config: Config) -> HeuristicClaims:
    return HeuristicClaims(float(config["claim_min_checkworthiness"]))
