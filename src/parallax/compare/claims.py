"""Claim alignment across outlets: cluster claims by shared content, then read each outlet's
position on each cluster (asserts / attributes / contradicts / silent).

Without an NLI model, contradiction comes from what can be checked mechanically: different
numbers for the same fact, or one side negating what the other states. Measured on the demo
corpus in docs/quality.md; the stories issue replaces the lexical similarity with embeddings.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from parallax.records import Article, Claim
from parallax.stories.features import name_key
from parallax.textutil import content_words, numbers

NEGATION = re.compile(r"(?<![\w])(not|no|never|denied|denies|nicht|kein\w*|nie|не|нет|никогда|"
                      r"отрица\w*)(?![\w])", re.IGNORECASE)
SIMILARITY = 0.34
NEAR_SAME = 0.6  # a negation contradicts only a claim that says nearly the same thing
QUANTITY = re.compile(r"(?<![\w.])(\d{1,3}(?:[ ,.\u202f]\d{3})+|\d+(?:[.,]\d+)?)\s*(%|percent|"
                      r"prozent|процент\w*|[^\W\d_]{3,})?", re.IGNORECASE)
YEAR = re.compile(r"^(19|20)\d\d$")


def quantities(text: str) -> dict[str, set[str]]:
    """Numbers keyed by the word after them ("38 dead" -> {"dead": {"38"}}), years left out,
    so that only figures for the same thing are compared."""
    found: dict[str, set[str]] = {}
    for m in QUANTITY.finditer(text):
        number = re.sub(r"[ ,.\u202f](?=\d{3}\b)", "", m.group(1))
        if YEAR.match(number) or not m.group(2):
            continue
        unit = m.group(2).lower()
        unit = "percent" if unit in ("%", "prozent") or unit.startswith("процент") else unit[:5]
        found.setdefault(unit, set()).add(number)
    return found


def _conflict(a: dict[str, set[str]], b: dict[str, set[str]]) -> bool:
    return any(unit in b and not (values & b[unit]) for unit, values in a.items())


@dataclass(slots=True)
class _Member:
    outlet: str
    article_id: str
    claim: Claim
    keys: set[str]
    numbers: list[str]
    quantities: dict[str, set[str]]
    negated: bool


@dataclass(slots=True)
class _Cluster:
    members: list[_Member] = field(default_factory=list)
    keys: Counter[str] = field(default_factory=Counter)


def _keys(text: str) -> set[str]:
    return {name_key(w) for w in content_words(text)} | set(numbers(text))


def _overlap(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b)) if min(len(a), len(b)) >= 4 else 0.0


def align_claims(articles: list[Article], outlet_of: dict[str, str],
                 shared_share: float) -> dict[str, Any]:
    clusters: list[_Cluster] = []
    for article in articles:
        for claim in article.claims:
            keys = _keys(claim.text)
            member = _Member(outlet_of[article.id], article.id, claim, keys,
                             numbers(claim.text), quantities(claim.text),
                             bool(NEGATION.search(claim.text)))
            best, best_score = None, 0.0
            for cluster in clusters:
                score = max(_overlap(keys, m.keys) for m in cluster.members)
                if score > best_score:
                    best, best_score = cluster, score
            if best is None or best_score < SIMILARITY:
                best = _Cluster()
                clusters.append(best)
            best.members.append(member)
            best.keys.update(keys)
    outlets = sorted(set(outlet_of.values()))
    result: list[dict[str, Any]] = []
    for index, cluster in enumerate(sorted(clusters, key=lambda c: -len({m.outlet for m in
                                                                         c.members}))):
        result.append(_describe(f"c{index + 1}", cluster, outlets, shared_share))
    return {
        "clusters": result,
        "shared": [c["id"] for c in result if c["status"] == "shared"],
        "contested": [c["id"] for c in result if c["status"] == "contested"],
        "exclusive": [c["id"] for c in result if c["status"] == "exclusive"],
    }


def _describe(cluster_id: str, cluster: _Cluster, outlets: list[str],
              shared_share: float) -> dict[str, Any]:
    by_outlet: dict[str, list[_Member]] = {}
    for m in cluster.members:
        by_outlet.setdefault(m.outlet, []).append(m)
    negation_votes = Counter(m.negated for m in cluster.members)
    majority_negated = negation_votes.most_common(1)[0][0]
    positions: dict[str, str] = {}
    for outlet in outlets:
        members = by_outlet.get(outlet)
        if not members:
            positions[outlet] = "silent"
            continue
        others = [o for o in cluster.members if o.outlet != outlet]
        conflicts = sum(1 for m in members for o in others
                        if _conflict(m.quantities, o.quantities)
                        or (m.negated != o.negated and _overlap(m.keys, o.keys) >= NEAR_SAME))
        agreements = sum(1 for m in members for o in others
                         if set(m.quantities) & set(o.quantities)
                         and not _conflict(m.quantities, o.quantities))
        contradicts = conflicts > agreements and (
            any(m.negated != majority_negated for m in members)
            or any(_conflict(m.quantities, o.quantities) for m in members for o in others))
        if contradicts:
            positions[outlet] = "contradicts"
        elif all(m.claim.attribution for m in members):
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
    representative = max(cluster.members, key=lambda m: m.claim.checkworthiness)
    return {
        "id": cluster_id,
        "text": representative.claim.text,
        "status": status,
        "positions": positions,
        "members": [{
            "outlet": m.outlet, "article_id": m.article_id, "text": m.claim.text,
            "start": m.claim.start, "end": m.claim.end, "attribution": m.claim.attribution,
            "numbers": m.numbers,
        } for m in cluster.members],
    }
