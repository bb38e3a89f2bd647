"""A learned gate for SemEval-2025 entity roles: would the annotators cast this entity at all?

Why: SemEval annotates the few entities an article casts as protagonist, antagonist or innocent,
not every entity it names. The hand rule of the third to fifth sessions (``roles.may_get_role``:
a stated lean or at least four sentences about the entity) abstained on most annotated entities
(main role right for 0.19 of the gold mentions out of fold) and was right a third of the time
when it spoke. This gate learns the same question from cheap facts the pipeline already has for
each of the article's top entities (how often and where it is named, whether it is in the title
or the lead, its type, how often it is the setting, whether it speaks, the portrayal's lean),
fitted on which found entities carry a gold mention in the SemEval-2025 EN training documents
(``role_gate_train``). A calibrated probability; ``threshold`` in the model's meta is the shipped
decision, chosen out of fold by document (docs/portrayal.md, "Roles, sixth session").

numpy only at runtime; the model is a ``LinearLabeller`` with the label ``cast`` and, since the
twenty-seventh session, ``Antagonist`` (the role it shows), over ``FEATURES`` + ``NAME_FEATURES``.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from parallax.frame.linear import LinearLabeller
from parallax.records import Article, Mention, PortrayalLabel
from parallax.titles import headline

#: the columns of ``entity_rows``, in order (the model's meta keeps them to refuse a mismatch)
FEATURES = (
    "log_mentions", "mention_share", "log_sentences", "sentence_share", "inverse_rank",
    "first_position", "in_title", "in_lead", "person", "organisation", "place", "group",
    "locative_share", "speaker", "quoted_share", "negative", "positive", "q_negative",
    "q_positive", "mean_negative", "mean_positive", "max_negative", "max_positive",
    "log_candidates", "log_words", "ukraine", "climate",
)
_TYPES = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place",
          "NORP": "group"}
_LOCATIVE = re.compile(r"\b(?:in|at|to|from|near|across|into|inside|outside|throughout|around|"
                       r"over|toward|towards|via)\s+(?:the\s+)?$", re.IGNORECASE)


@dataclass(slots=True)
class Candidate:
    """One of the article's top entities as the role step sees it."""

    name: str
    mentions: list[Mention]
    rank: int  # 0 = most mentioned
    portrayal: PortrayalLabel | None
    sentence_probs: np.ndarray | None  # (sentences about it, 3): negative, neutral, positive
    article_probs: np.ndarray | None  # (3,)


def dominant_type(mentions: Sequence[Mention]) -> str:
    """The commonest entity type of ``mentions``, a tie going to the type named first.

    Why the tie rule: ``max(set(types), key=types.count)`` broke ties in the set's order, which
    follows the string hash and so changes from one process to the next (``PYTHONHASHSEED``):
    an entity named once as a place and once as a person was a place in one run and a person in
    the next, in the gate's training rows as at runtime (docs/framing.md, "Twenty-fifth session
    (helper K)"). Counted once (a ``Counter`` keeps the order the types are first named in, and
    ``max`` returns the first of equals): ``max(types, key=types.count)`` counted the whole list
    again for each mention, about 1.7 s of CPU for an entity named 20,000 times in a long page."""
    counts = Counter(m.type for m in mentions)
    return max(counts, key=counts.__getitem__) if counts else ""


def locative_share(text: str, mentions: Sequence[Mention]) -> float:
    """The share of ``mentions`` that follow a locative preposition ("in Kyiv", "to Alaska")."""
    if not mentions:
        return 0.0
    located = sum(bool(_LOCATIVE.search(text[max(0, m.start - 20):m.start]))
                  for m in mentions if 0 <= m.start <= len(text))
    return located / len(mentions)


def in_headline(title: str, name: str, mentions: Sequence[Mention]) -> bool:
    """Whether the lower-cased headline ``title`` names the entity: its name or a surface of
    one of its mentions, three letters or more, as a whole word or name. Why whole: "ford" is
    in "afford" and "iran" in "iranian", so an entity the headline never names got roles under
    the narrative cut (``side.HEADLINE_ROLES_THRESHOLD``; thirtieth session, helper N7)."""
    if not title:
        return False
    surfaces = {m.text.lower() for m in mentions} | {name.lower()}
    return any(re.search(rf"(?<!\w){re.escape(s)}(?!\w)", title)
               for s in surfaces if len(s) > 2)


def title_holds(title: str, name: str, mentions: Sequence[Mention]) -> bool:
    """The gate's ``in_title`` column: a surface anywhere in the lower-cased headline, inside
    a word too. Kept as the shipped gate model was fitted on it (``in_headline`` is the whole
    word test the headline-only roles use)."""
    surfaces = {m.text.lower() for m in mentions} | {name.lower()}
    return bool(title) and any(s in title for s in surfaces if len(s) > 2)


def entity_rows(article: Article, candidates: Sequence[Candidate], domains: set[str],
                sentences: int) -> np.ndarray:
    """One row of ``FEATURES`` per candidate."""
    # a cut title is no headline: its whole text opens the text, read there (titles.headline)
    text, title = article.text, headline(article.title or "", article.notes).lower()
    total = max(1, sum(len(c.mentions) for c in candidates))
    lead_end = article.sentences[min(1, len(article.sentences) - 1)].end \
        if article.sentences else min(len(text), 300)
    words = max(1, len(text.split()))
    spoke: dict[str, int] = {}
    quoted = [(quote.start, quote.end) for quote in article.quotes if quote.direct]
    for quote in article.quotes:
        if quote.speaker:
            spoke[quote.speaker] = spoke.get(quote.speaker, 0) + 1
    rows = np.zeros((len(candidates), len(FEATURES)), dtype=np.float32)
    for i, c in enumerate(candidates):
        ms = c.mentions
        kind = _TYPES.get(dominant_type(ms), "")
        p = c.sentence_probs
        a = c.article_probs
        lean = c.portrayal.polarity if c.portrayal is not None else "neutral"
        about = c.portrayal.mentions if c.portrayal is not None else len(ms)
        row = {
            "log_mentions": math.log1p(len(ms)),
            "mention_share": len(ms) / total,
            "log_sentences": math.log1p(about),
            "sentence_share": about / max(1, sentences),
            "inverse_rank": 1.0 / (1 + c.rank),
            "first_position": ms[0].start / max(1, len(text)) if ms else 1.0,
            "in_title": float(title_holds(title, c.name, ms)),
            "in_lead": float(bool(ms) and ms[0].start < lead_end),
            "locative_share": locative_share(text, ms),
            "speaker": math.log1p(spoke.get(c.name, 0)),
            "quoted_share": sum(any(a <= m.start < b for a, b in quoted) for m in ms)
            / max(1, len(ms)),
            "negative": float(lean == "negative"), "positive": float(lean == "positive"),
            "q_negative": float(a[0]) if a is not None else 0.0,
            "q_positive": float(a[2]) if a is not None else 0.0,
            "mean_negative": float(p[:, 0].mean()) if p is not None and len(p) else 0.0,
            "mean_positive": float(p[:, 2].mean()) if p is not None and len(p) else 0.0,
            "max_negative": float(p[:, 0].max()) if p is not None and len(p) else 0.0,
            "max_positive": float(p[:, 2].max()) if p is not None and len(p) else 0.0,
            "log_candidates": math.log1p(len(candidates)),
            "log_words": math.log1p(words),
            "ukraine": float("URW" in domains),
            "climate": float("CC" in domains),
        }
        if kind:
            row[kind] = 1.0
        rows[i] = [row.get(name, 0.0) for name in FEATURES]
    return rows


#: columns a gate trained with a table of names (``role_gate_train``, twenty-seventh session)
#: appends to ``FEATURES``: how the annotators cast this name in the *other* training documents
#: that found it (shares of Antagonist / Protagonist / Innocent among its candidate rows, smoothed
#: toward the base rates by ``NAME_SMOOTHING`` rows) and how many such rows there were (log).
#: Why: out of fold by document the 27 facts above rank "annotated as Antagonist" with average
#: precision 0.38 (base rate 0.14); the same actors recur across the documents of a domain and
#: their casting with them (docs/framing.md, "Twenty-seventh session (helper RO)").
NAME_FEATURES = ("name_antagonist", "name_protagonist", "name_innocent", "name_log_rows")
NAME_SMOOTHING = 5.0


def name_columns(names: Sequence[str], table: Mapping[str, Sequence[float]],
                 base: Sequence[float], exclude: Sequence[Sequence[float]] | None = None
                 ) -> np.ndarray:
    """``NAME_FEATURES`` per name from ``table`` (lower-cased name -> candidate rows counted as
    no role / Antagonist / Protagonist / Innocent) and ``base`` (the four base rates); ``exclude``
    (training only) subtracts each row's own document's counts, so a training row never sees
    its own label."""
    out = np.zeros((len(names), len(NAME_FEATURES)), dtype=np.float32)
    prior = np.asarray(base, dtype=np.float64)
    for i, name in enumerate(names):
        counts = np.asarray(table.get(name.lower(), (0.0, 0.0, 0.0, 0.0)), dtype=np.float64)
        if exclude is not None:
            counts = counts - np.asarray(exclude[i], dtype=np.float64)
        n = float(counts.sum())
        out[i, :3] = (counts[1:] + NAME_SMOOTHING * prior[1:]) / (n + NAME_SMOOTHING)
        out[i, 3] = math.log1p(n)
    return out


def label_probabilities(model: LinearLabeller, rows: np.ndarray, names: Sequence[str] = ()
                        ) -> np.ndarray:
    """The gate's calibrated probabilities per row and label (``cast`` first; a gate with a
    table of names also ``Antagonist``: the annotators cast the entity as an Antagonist).
    ``names`` (one per row) feed ``NAME_FEATURES`` when the model was trained with them."""
    if len(rows) == 0:
        return np.zeros((0, len(model.labels)), dtype=np.float32)
    features = list(model.meta.get("features", FEATURES))
    if features == [*FEATURES, *NAME_FEATURES]:
        names = list(names) or [""] * len(rows)  # no names: the base rates
        rows = np.hstack([rows, name_columns(names, model.meta.get("names", {}),
                                             model.meta.get("name_base", (1, 0, 0, 0)))])
    elif features != list(FEATURES):
        raise ValueError("role gate model was trained on other features; run `make models`")
    return np.asarray(model.proba(rows)).reshape(len(rows), -1)


def threshold(model: LinearLabeller) -> float:
    """The shipped cast threshold (meta ``threshold``), chosen out of fold by document."""
    return float(model.meta.get("threshold", 0.5))
