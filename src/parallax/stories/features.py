"""Cheap cross-lingual article keys: folded entity names and title words, plus numbers.

Names are folded (transliterated, lower-case, doubled letters collapsed) and cut to five
characters, so "Nordlicht"/"Нордлихт" and "Kessler"/"Kesler"/"Кесслер" meet, and Russian case
endings do not split a name. Names say who; ``article_terms`` adds what happened (salient words
and numbers of title and lead), which names cannot tell apart when one cast has two events.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence

from parallax.records import Article
from parallax.textutil import STOPWORDS, fold, name_skeleton
from parallax.titles import without_moved_title

_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)


def name_key(name: str) -> str:
    return name_skeleton(name)[:5]


def article_keys(article: Article) -> Counter[str]:
    keys: Counter[str] = Counter()
    for m in article.entities:
        if m.type in ("PERSON", "ORG", "GPE", "MISC", "EVENT"):  # dates say little
            for part in m.canonical.split():
                if len(part) >= 3 and fold(part) not in STOPWORDS:
                    keys[name_key(part)] += 1
    for word in _WORD.findall(article.title):
        if word[0].isupper() and fold(word) not in STOPWORDS:
            keys[name_key(word)] += 2
    return keys


class KeySpace:
    """IDF-weighted cosine over article keys (weights from the articles being clustered)."""

    def __init__(self, articles: Sequence[Article]) -> None:
        self.vectors = {a.id: article_keys(a) for a in articles}
        df: Counter[str] = Counter()
        for keys in self.vectors.values():
            df.update(set(keys))
        n = max(1, len(self.vectors))
        self.idf = {k: math.log((n + 1) / (c + 0.5)) for k, c in df.items()}

    def weighted(self, article_id: str) -> dict[str, float]:
        keys = self.vectors[article_id]
        return {k: (1 + math.log(c)) * self.idf.get(k, 0.0) for k, c in keys.items()}

    def vector(self, article: Article) -> dict[str, float]:
        """Weights for an article outside the set (a teaser), with the set's IDF."""
        keys = article_keys(article)
        return {k: (1 + math.log(c)) * self.idf.get(k, 0.0) for k, c in keys.items()}


def sparse_dot(a: dict[str, float], b: dict[str, float]) -> float:
    """Dot product of two sparse weight maps. The key intersection runs in C over the smaller
    map, so only the shared keys cost Python time: consolidation scores stories of hundreds of
    terms against each other, and a Python loop over every term was its main cost."""
    return sum(a[k] * b[k] for k in a.keys() & b.keys())


def language_pair_dots(a_sums: dict[str, dict[str, float]], a_counts: Mapping[str, int],
                       b_sums: dict[str, dict[str, float]], b_counts: Mapping[str, int],
                       same: bool) -> tuple[float, int]:
    """Summed dots of two stories' per-language weight sums over their member pairs of one
    language (``same``: lexical terms, which only compare within a language) or of two
    languages (cross-lingual marks), and how many member pairs that is."""
    total, pairs = 0.0, 0
    for la, ca in a_counts.items():
        for lb, cb in b_counts.items():
            if (la == lb) == same and ca and cb:
                total += sparse_dot(a_sums[la], b_sums[lb])
                pairs += ca * cb
    return total, pairs


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if not a or not b:
        return 0.0
    dot = sum(v * b.get(k, 0.0) for k, v in a.items())
    na = math.sqrt(sum(v * v for v in a.values()))
    nb = math.sqrt(sum(v * v for v in b.values()))
    return dot / (na * nb) if na and nb else 0.0


#: words of the body read for lexical terms after the title: the lead carries the event
#: (who did what, where, with which figures); later paragraphs drift into background that
#: events of one cast share (tuned on basil-tune's tuning half, docs/stories.md)
LEAD_WORDS = 120
TERM_PREFIX = 6  # a crude language-agnostic stem: "shutdowns"/"shutdown", "сенатор"/"сенатора"
_TERM = re.compile(r"[^\W_]+", re.UNICODE)


def _term(token: str) -> str | None:
    if token.isdigit():
        return "#" + token if len(token) >= 2 else None  # "2019", "13", not "3"
    word = fold(token)
    if len(word) < 3 or word in STOPWORDS or not word.isalpha():
        return None
    return word[:TERM_PREFIX]


def article_terms(article: Article) -> Counter[str]:
    """Salient terms of the title (counted twice) and the lead: the event's actions, places,
    figures — what separates two events with the same cast, which name keys cannot."""
    terms: Counter[str] = Counter()
    title = article.title.strip()
    for token in _TERM.findall(title):
        if (t := _term(token)) is not None:
            terms[t] += 2
    # a cut title's whole text opens the text (parallax/titles.py): the lead is what follows,
    # as it was before titles were cut (then the whole title was only the title)
    body = without_moved_title(article.text, article.notes).lstrip()
    if title and body.startswith(title):
        body = body[len(title):]
    for token in _TERM.findall(" ".join(body.split()[:LEAD_WORDS])):
        if (t := _term(token)) is not None:
            terms[t] += 1
    return terms
