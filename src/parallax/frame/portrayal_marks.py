"""The author's own marks on an entity: the rules, not the models, of portrayal.

A lean the default shows comes only from here (``portrayal.decide``): the author calls the
entity a verdict noun (``target_label``) or passes a verdict on its act (``act_verdict``), in a
sentence the author narrates. On real news the models' own leans were right about a quarter of
the time, these marks nearly always (docs/portrayal.md), so they stay narrow and English only.
"""

from __future__ import annotations

import re

import numpy as np

#: Nouns that, said of a person by the author, are a verdict on that person. Every word here was
#: marked as biased by BABE's expert annotators (``bias/babe/final_labels_SG2.csv``, counts in
#: docs/portrayal.md) and names a kind of person; the positive side has only the three BABE marks.
LABEL_NOUNS: dict[str, int] = {w: -1 for w in (
    "dictator dictators tyrant thugs terrorist terrorists criminal criminals liar liars "
    "demagogue fascist racist racists extremist extremists bigot bigots monster idiot gangster "
    "grifters troll trolls quack hater supremacist fanatic fanatics zealot cronies oligarch "
    "buffoon propagandist").split()} | {w: 1 for w in ("hero", "heroes", "champion")}
#: label nouns that are a verdict only in their "... of" sense: "a champion of free speech" is
#: praise, "world champion X" or "X, the 2011 PGA champion" a sports title (on fresh real news,
#: twelfth session, 5 of the 9 portrayal leans shown were such titles, all read as praise)
NEEDS_OF = frozenset({"champion"})
#: finds a sentence worth parsing for ``target_label`` (most have none of the words)
LABEL_WORDS = re.compile(r"(?<!\w)(?:" + "|".join(sorted(LABEL_NOUNS)) + r")(?!\w)", re.IGNORECASE)
COPULAS = frozenset({"is", "was", "remains", "became", "been", "be", "isn't", "wasn't", "isn’t",
                     "wasn’t"})
ARTICLES = frozenset({"the", "a", "an"})
NEGATIONS = frozenset({"not", "never", "no", "n't", "hardly", "isn't", "wasn't", "isn’t",
                       "wasn’t"})
#: a question or condition is no assertion: "asked whether he was a racist"
HEDGES = frozenset({"whether", "if", "?"})
#: words that may follow the head noun of a phrase ("the dictator for ...", "a hero who ...")
AFTER_HEAD = frozenset({"who", "whom", "whose", "that", "which", "for", "of", "in", "on", "at",
                        "to", "by", "with", "from", "and", "or", "but", "as", "than", "since",
                        "after", "before", "during", "said", "says", "is", "was", "has", "had"})
NP_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")
QUOTES_OPEN, QUOTES_CLOSE = "“‘«", "”’»"


#: reported speech: the stance in such a sentence is the source's, not the author's
REPORTED = re.compile(r"(?<!\w)(?:said|says|say|told|tells|according to|stated|asked|added)(?!\w)",
                      re.IGNORECASE)
#: a quotation inside a sentence: straight or curly, closed within the sentence
QUOTED = re.compile(r'"[^"]*"|“[^”]*”|«[^»]*»')
#: a quoted fragment of at most this many words inside the author's sentence is a scare quote or
#: a cited phrase ("lauds the raiders for their 'valour'"); a longer one is someone's statement
FRAGMENT_WORDS = 6


def narrated(sentence: str) -> bool:
    """Whether the words outside the sentence's closed quotations are the author's: no speech
    verb ("X is a racist, critics said") and no quotation mark left open (a sentence inside a
    longer quote). The author's label of an entity (``target_label``) counts only here."""
    rest = QUOTED.sub(" ", sentence)
    return re.search('["“”«»]', rest) is None and REPORTED.search(rest) is None


def own_words(sentence: str) -> bool:
    """Whether a sentence is the author's own narration rather than reported speech:
    ``narrated`` and no quotation longer than a short fragment. BASIL and PerSenT label the
    author's portrayal; most of the wrong leans the models showed came from quotes of the entity
    or of its critics. A short quoted fragment stays the author's sentence: "It is hypocrisy of
    the worst kind when Dragan lauds the raiders for their 'valour'" (made up) is the author's
    verdict on Dragan."""
    return narrated(sentence) and all(len(q.split()) <= FRAGMENT_WORDS
                                      for q in QUOTED.findall(sentence))


def quoted_at(sentence: str, at: int) -> bool:
    """Inside quotation marks at ``at``: the words are someone else's, not the author's (the
    label nouns here, the name in the headline in ``portrayal_headline``)."""
    before = sentence[:at]
    straight = before.count('"') % 2 == 1
    curly = sum(before.count(c) for c in QUOTES_OPEN) > sum(before.count(c) for c in QUOTES_CLOSE)
    return straight or curly


def target_label(sentence: str, spans: list[tuple[int, int]],
                 others: dict[str, list[tuple[int, int]]]) -> int:
    """-1 / +1 when the author calls the target at ``spans`` one of ``LABEL_NOUNS`` in this
    sentence, 0 otherwise. Only the noun phrases that refer to the target count: a title before
    the name ("dictator Kim"), an appositive ("Kim, the North Korean dictator," / "The dictator,
    Kim,"), a predicate ("Kim is a dictator", not negated), and a definite description that is
    the object of another person named as subject ("Dragan thanked the island's dictator"
    cannot mean Dragan, so with only Dragan and the target named it means the target). A negated
    predicate is the author's denial and reads the other way ("Putin is no criminal" +1, "he is
    not a hero" -1). Praise or blame of other actors in the sentence, and words inside quotation
    marks, never count."""
    toks = [(m.group(), m.start(), m.end()) for m in NP_TOKEN.finditer(sentence)]
    low = [t[0].lower() for t in toks]

    def inside(i: int, where: list[tuple[int, int]]) -> bool:
        return any(toks[i][1] < e and toks[i][2] > s for s, e in where)

    is_target = [inside(i, spans) for i in range(len(toks))]
    is_other = [inside(i, [s for v in others.values() for s in v]) for i in range(len(toks))]
    if not any(is_target):
        return 0
    verdict = 0
    for i, word in enumerate(low):
        polarity = LABEL_NOUNS.get(word, 0)
        if not polarity or is_target[i] or quoted_at(sentence, toks[i][1]) \
                or any(w in HEDGES for w in low[:i]) \
                or (word in NEEDS_OF and low[i + 1:i + 2] != ["of"]):
            continue
        if i + 1 < len(toks) and low[i + 1][:1].isalpha() and low[i + 1] not in AFTER_HEAD \
                and not is_target[i + 1]:
            continue  # not the head of its phrase: "criminal record", "hero worship"
        # the words of the label's noun phrase before it: "the North Korean dictator"
        k = i
        while k > 0 and i - k < 4 and toks[k - 1][0][:1].isalnum() and low[k - 1] not in ARTICLES \
                and low[k - 1] not in COPULAS | NEGATIONS \
                and not is_target[k - 1] and not is_other[k - 1]:
            k -= 1
        det = k - 1 if k > 0 and low[k - 1] in ARTICLES else None
        start = det if det is not None else k
        refers = (i + 1 < len(toks) and is_target[i + 1]) \
            or (i + 2 < len(toks) and low[i + 1] == "," and is_target[i + 2])
        if det is not None and start >= 2 and low[start - 1] == "," and is_target[start - 2]:
            refers = True  # appositive after the name
        if start >= 1 and not refers:
            j, negated = start - 1, False
            while j >= 0 and low[j] in COPULAS | NEGATIONS:
                negated = negated or low[j] in NEGATIONS
                j -= 1
            if j < start - 1 and j >= 0 and is_target[j] and \
                    not any(w in NEGATIONS for w in low[start:i]) and \
                    any(w in COPULAS for w in low[j + 1:start]):
                refers = True  # predicate: "Kim is a dictator"
                if negated:  # "Putin is no criminal", "he is not a hero": the author's denial
                    polarity = -polarity
        if not refers and low[start] == "the" and start >= 2 and is_other[start - 2] \
                and low[start - 1].isalpha() and len(others) == 1:
            refers = True  # object of the only other person named, as subject
        if refers:
            verdict += polarity
    return int(np.sign(verdict))


#: Words that, as the predicate of "it is ... when/that <X> <acts>", are the author's verdict on
#: that act of X. Their stems were marked biased by BABE's experts (hypocrisy 3, hypocritical 1,
#: cynically 2, disgraced 3, outrage/outrageous/outraged 7, shameful 1, shameless 2, scandal 2,
#: travesties 1, mockery 1, triumph 1, triumphant 1; docs/portrayal.md, sixteenth session).
#: "shame", "crime" and "disaster" are marked too but in this frame mostly mean pity ("a shame
#: that she was ill"), irony or a mishap, so they are left out.
ACT_VERDICTS: dict[str, int] = {w: -1 for w in (
    "hypocrisy hypocritical cynicism cynical disgrace disgraceful outrage outrageous shameful "
    "shameless scandal scandalous travesty mockery").split()} | {"triumph": 1}
ACT_WORDS = re.compile(r"(?<!\w)(?:" + "|".join(sorted(ACT_VERDICTS)) + r")(?!\w)", re.IGNORECASE)
#: finds a sentence worth parsing for either mark (most sentences have none of the words)
MARK_WORDS = re.compile(LABEL_WORDS.pattern + "|" + ACT_WORDS.pattern, re.IGNORECASE)
#: what may stand before the sentence's "it": "But it is ...", "And, frankly, it was ..."
ACT_LEAD = frozenset({"and", "but", "yet", "so", "still", "indeed", "frankly", ","})
#: after the judged subject these make it the one acted on or merely described ("that X was
#: denied ...", "when X is ill"), not the actor judged
ACT_PASSIVE = frozenset({"is", "was", "were", "are", "be", "been", "being", "got", "gets", "'s",
                         "’s", "and", "or", ","})


def act_verdict(sentence: str, spans: list[tuple[int, int]]) -> int:
    """-1 / +1 when the author passes one of ``ACT_VERDICTS`` on an act whose subject is the
    target: "It is hypocrisy (of the worst kind) when <target> lectures others", "It was
    disgraceful that <target> ignored the warnings". The sentence must open with the frame
    (only "and", "but", ... before "it"), the copula must follow "it" unnegated, the verdict word
    must be outside quotation marks with no question or condition before it, and the target must
    open the "when"/"that" clause and act in it (not "that <target> was denied", nor
    "that <target>'s aide ...")."""
    toks = [(m.group(), m.start(), m.end()) for m in NP_TOKEN.finditer(sentence)]
    low = [t[0].lower() for t in toks]
    k = 0
    while k < len(low) and low[k] in ACT_LEAD:
        k += 1
    head = low[k:k + 2]
    if head[:1] in (["it's"], ["it’s"]):
        j = k + 1
    elif head[:1] == ["it"] and head[1:] in (["is"], ["was"]):
        j = k + 2
    else:
        return 0
    if low[j:j + 1] in (["a"], ["an"]):
        j += 1
    i = j  # up to two modifiers before the verdict word: "a cynical travesty", "sheer hypocrisy"
    while i < len(low) and low[i] not in ACT_VERDICTS and i - j < 2 and low[i].isalpha() \
            and low[i] not in NEGATIONS | {"when", "that"}:
        i += 1
    polarity = ACT_VERDICTS.get(low[i], 0) if i < len(low) else 0
    if not polarity or quoted_at(sentence, toks[i][1]) or any(w in HEDGES for w in low[:i]):
        return 0
    c = i + 1
    if low[c:c + 1] == ["of"]:  # "of the highest order", "of the worst kind"
        c += 1
        while c < len(low) and c - i <= 4 and low[c] not in ("when", "that"):
            c += 1
    if low[c:c + 1] not in (["when"], ["that"]):
        return 0

    def target(n: int) -> bool:
        return n < len(toks) and any(toks[n][1] < e and toks[n][2] > s for s, e in spans)

    n = c + 1
    if not target(n):
        return 0
    while target(n):
        if low[n].endswith(("'s", "’s")):
            return 0  # "that Putin's army ...": the army acts
        n += 1
    if n >= len(low) or not low[n].isalpha() or low[n] in ACT_PASSIVE | NEGATIONS:
        return 0
    return polarity
