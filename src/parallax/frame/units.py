"""Feature rows and label decoding for each framing task, shared by training and run time.

Keeping both sides in one place is what makes the cross-validated numbers mean something for the
running stage: the same paragraphs, the same mention features, the same decision rules.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from parallax.frame.features import EmbeddedText, mention_vector
from parallax.frame.hashing import bucket_ids, tokens
from parallax.frame.linear import LinearLabeller
from parallax.frame.taxonomy import FINE_ROLES

TECHNIQUE_BUCKETS = 1 << 16
NARRATIVE_CAP = 3
#: a narrative is shown only at this probability or above, whatever its own threshold: the
#: per-label thresholds maximise F1 and go down to 0.05 for rare narratives, where what is shown
#: is wrong 19 times in 20. Out of fold (SemEval-2025 training documents, 5 folds, the domain
#: gate on), shown narratives right 0.415 -> 0.480 (EN), 0.44 -> 0.51 (BG), 0.54 -> 0.61 (PT),
#: 0.50 -> 0.61 (RU), 0.26 -> 0.36 (HI), samples-F1 within 0.011 of before except HI (-0.05).
#: 0.4 would suit English better (F1 0.509 -> 0.536) but costs BG and RU 0.04-0.06. docs/framing.md
NARRATIVE_MIN_SCORE = 0.3
MAIN_ROLES = tuple(FINE_ROLES)
FINE_ROLE_LABELS = tuple(f for m in MAIN_ROLES for f in FINE_ROLES[m])
OTHER = "Other"


def genre_row(doc: EmbeddedText, width: int | None = None) -> np.ndarray:
    """The document vector and its style counts; ``width`` cuts the counts a model trained
    before the later ones were added does not read (they are appended at the end)."""
    row = np.concatenate([doc.document, doc.style()])
    return row if width is None else row[:width]


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Non-empty lines: the 2023 data has one paragraph per line, articles one per blank line."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text)]


def paragraph_row(doc: EmbeddedText, start: int, end: int) -> np.ndarray:
    text = doc.text[start:end]
    style = np.array([text.count("!"), text.count("?"), text.count('"') / 4,
                      min(len(text.split()) / 50, 3.0)], dtype=np.float32)
    return np.concatenate([doc.span_vector(start, end), doc.document, style])


def paragraph_buckets(text: str) -> list[int]:
    """The lexical features of one paragraph (training builds the same rows with
    ``hashing.sparse_rows``)."""
    return bucket_ids(tokens(text), TECHNIQUE_BUCKETS)


def role_row(doc: EmbeddedText, start: int, end: int, name: np.ndarray) -> np.ndarray:
    return np.concatenate([mention_vector(doc, start, end), name])


def decode_genre(p: np.ndarray, model: LinearLabeller) -> tuple[str, float]:
    offsets = np.asarray(model.meta.get("offsets", [0.0] * len(model.labels)), dtype=np.float32)
    index = int(np.argmax(np.log(p + 1e-9) + offsets))
    return model.labels[index], float(p[index])


@dataclass(slots=True)
class NarrativeChoice:
    label: str
    sub: str
    score: float
    sub_score: float


def decode_narratives(pc: np.ndarray, pf: np.ndarray, coarse: LinearLabeller,
                      fine: LinearLabeller, allowed: set[str] | None = None,
                      min_score: float = NARRATIVE_MIN_SCORE) -> list[NarrativeChoice]:
    """Pick the domain (URW or CC) whose best narrative is most convincing, keep at most three of
    its narratives that pass their thresholds and ``min_score``, and ``Other`` when nothing beats
    it; then the sub-narratives above threshold under each, or the likeliest one.

    ``allowed``: the domains the article is about (:func:`parallax.frame.domains.in_domains`);
    a narrative of any other domain is never given. With none, the answer is ``Other`` scored
    one minus the likeliest narrative's probability (or the model's own ``Other`` probability
    when that is higher)."""
    ratio = pc / np.maximum(coarse.thresholds, 1e-6)
    other = coarse.labels.index(OTHER) if OTHER in coarse.labels else None
    domains: dict[str, float] = {}
    for j, name in enumerate(coarse.labels):
        if j != other:
            domain = name.split(":")[0]
            if allowed is None or domain in allowed:
                domains[domain] = max(domains.get(domain, 0.0), float(ratio[j]))
    if not domains:
        rest = [float(pc[j]) for j in range(len(pc)) if j != other]
        score = max(float(pc[other]) if other is not None else 0.0,
                    1.0 - max(rest, default=0.0))
        return [NarrativeChoice(OTHER, OTHER, score, score)]
    domain = max(domains, key=lambda d: domains[d])
    chosen = sorted((j for j, name in enumerate(coarse.labels)
                     if j != other and name.split(":")[0] == domain and ratio[j] >= 1.0
                     and pc[j] >= min_score),
                    key=lambda j: -pc[j])[:NARRATIVE_CAP]
    if not chosen or (other is not None and ratio[other] > max(ratio[j] for j in chosen)):
        score = float(pc[other]) if other is not None else 1.0 - float(pc.max())
        return [NarrativeChoice(OTHER, OTHER, score, score)]
    out: list[NarrativeChoice] = []
    for j in chosen:
        name = coarse.labels[j]
        subs = [k for k, sub in enumerate(fine.labels) if sub.startswith(name + ": ")]
        picked = [k for k in subs if pf[k] >= fine.thresholds[k]]
        if not picked and subs:
            picked = [max(subs, key=lambda k: pf[k])]
        for k in picked:
            out.append(NarrativeChoice(name, fine.labels[k], float(pc[j]), float(pf[k])))
        if not subs:
            out.append(NarrativeChoice(name, f"{name}: Other", float(pc[j]), 0.0))
    return out


def decode_role(pm: np.ndarray, pf: np.ndarray, main: LinearLabeller, fine: LinearLabeller
                ) -> tuple[str, list[str], float]:
    """The main role the entity is cast in *more than usual*: the highest ratio of calibrated
    probability to the role's base rate in training (stored as ``priors``). Antagonist is two
    thirds of the training mentions, so the plain argmax calls nearly everyone an Antagonist;
    the ratio scores the same exact-match ratio in cross-validation (0.206 vs 0.207 English,
    0.286 vs 0.277 overall) and lets an outlet's sympathy show. Then the likeliest fine role
    under it: most gold mentions carry exactly one, and a second lowered the exact-match ratio.
    The score stays the calibrated probability of the chosen role."""
    priors = np.asarray(main.meta.get("priors") or np.ones(len(main.labels)), dtype=np.float32)
    index = int(np.argmax(pm / np.maximum(priors, 1e-3)))
    return with_fine_role(index, pm, pf, main, fine, main.meta.get("hierarchy") or FINE_ROLES)


def with_fine_role(index: int, pm: np.ndarray, pf: np.ndarray, main: LinearLabeller,
                   fine: LinearLabeller, hierarchy: Mapping[str, Sequence[str]]
                   ) -> tuple[str, list[str], float]:
    """The main role at ``index`` with the likeliest fine role ``hierarchy`` puts under it, and
    the main role's probability as the score: the last step of both role decisions (this
    module's ``decode_role`` and ``roles.choose_role``), so that they cannot drift apart."""
    role = main.labels[index]
    candidates = [fine.labels.index(f) for f in hierarchy.get(role, ()) if f in fine.labels]
    if not candidates:
        return role, [], float(pm[index])
    best = max(candidates, key=lambda k: pf[k])
    return role, [fine.labels[best]], float(pm[index])
