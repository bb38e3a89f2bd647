"""Score the enrich stage against a gold set (tests/data/enrich_gold/*.json).

- Entity mentions: exact character spans (type ignored: types are scored separately).
- Canonical linking: of matched mentions, the share whose canonical name agrees (compared
  folded and transliterated, so "Мира Кесслер" and "Mira Kessler" are one name).
- Quote spans: a predicted quote matches a gold one when their spans overlap by at least half of
  the shorter; speaker accuracy is over matched quotes.
- Claims: matched by the same overlap rule.
Used by the CI quality gate (tests/test_enrich_quality.py) and docs/quality.md.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parallax.pipeline import Pipeline
from parallax.records import Article, Published
from parallax.settings import Config
from parallax.textutil import fold


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    shorter = min(a[1] - a[0], b[1] - b[0])
    return shorter > 0 and inter >= shorter / 2


def _same(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and fold(a or "") == fold(b or "")


_ARTICLE = re.compile(r"^(the|a|an|der|die|das|ein|eine)\s+", re.IGNORECASE)


def same_speaker(predicted: str | None, gold: str | None) -> bool:
    """Speakers agree when equal without a leading article, or when the predicted source
    phrase extends the gold one ('diplomats familiar with the briefing' ~ 'diplomats')."""
    if not predicted or not gold:
        return False
    a, b = fold(_ARTICLE.sub("", predicted)), fold(_ARTICLE.sub("", gold))
    if a == b or (a.startswith(b + " ") and not b[:1].isupper()):
        return True
    # inflected languages: "дипломатического источника" ~ "дипломатический источник"
    stems_a, stems_b = [w[:5] for w in a.split()], [w[:5] for w in b.split()]
    return len(stems_a) == len(stems_b) and stems_a == stems_b


@dataclass(slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return round(p, 4), round(r, 4), round(f, 4)


@dataclass(slots=True)
class LangScores:
    entities: Counts = field(default_factory=Counts)
    claims: Counts = field(default_factory=Counts)
    quotes: Counts = field(default_factory=Counts)
    canonical_ok: int = 0
    canonical_total: int = 0
    speaker_ok: int = 0
    speaker_total: int = 0

    def summary(self) -> dict[str, Any]:
        return {
            "entity_prf": self.entities.prf(),
            "canonical_accuracy": round(self.canonical_ok / self.canonical_total, 4)
            if self.canonical_total else 1.0,
            "quote_prf": self.quotes.prf(),
            "speaker_accuracy": round(self.speaker_ok / self.speaker_total, 4)
            if self.speaker_total else 1.0,
            "claim_prf": self.claims.prf(),
        }


def _match(pred: list[tuple[int, int]], gold: list[tuple[int, int]],
           exact: bool) -> list[tuple[int, int]]:
    """Greedy one-to-one matching; returns (pred index, gold index) pairs."""
    pairs, used = [], set()
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            if j in used:
                continue
            if (p == g) if exact else _overlap(p, g):
                pairs.append((i, j))
                used.add(j)
                break
    return pairs


def _count(counts: Counts, pred: list[tuple[int, int]], gold: list[tuple[int, int]],
           exact: bool) -> list[tuple[int, int]]:
    """Match ``pred`` to ``gold`` spans and add the hits, misses and extras to ``counts``;
    the matched (pred index, gold index) pairs are returned for scoring what the spans carry."""
    pairs = _match(pred, gold, exact)
    counts.tp += len(pairs)
    counts.fp += len(pred) - len(pairs)
    counts.fn += len(gold) - len(pairs)
    return pairs


def score_passage(article: Article, gold: dict[str, Any], scores: LangScores) -> None:
    pe = [(m.start, m.end) for m in article.entities if m.type != "DATE"]
    ge = [(e["start"], e["end"]) for e in gold["entities"] if e["type"] != "DATE"]
    pairs = _count(scores.entities, pe, ge, exact=True)
    pred_entities = [m for m in article.entities if m.type != "DATE"]
    gold_entities = [e for e in gold["entities"] if e["type"] != "DATE"]
    for i, j in pairs:
        scores.canonical_total += 1
        scores.canonical_ok += _same(pred_entities[i].canonical, gold_entities[j]["canonical"])
    pq = [(q.start, q.end) for q in article.quotes]
    gq = [(q["start"], q["end"]) for q in gold["quotes"]]
    pairs = _count(scores.quotes, pq, gq, exact=False)
    for i, j in pairs:
        scores.speaker_total += 1
        scores.speaker_ok += same_speaker(article.quotes[i].speaker,
                                          gold["quotes"][j]["speaker"])
    pc = [(c.start, c.end) for c in article.claims]
    gc = [(c["start"], c["end"]) for c in gold["claims"]]
    _count(scores.claims, pc, gc, exact=False)


def evaluate(folder: Path, config: Config | None = None) -> dict[str, dict[str, Any]]:
    """Scores per language and overall ('all')."""
    config = config or Config()
    pipeline = Pipeline.from_config(config)
    by_lang: dict[str, LangScores] = defaultdict(LangScores)
    for path in sorted(folder.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        article = Article(id=gold["id"], role="main", title="", outlet=None,
                          published=Published(), text=gold["text"],
                          author=gold.get("author"))
        for kind, annotator in pipeline.annotators:
            if kind != "framing":
                annotator.annotate(article)
        for key in (gold["language"], "all"):
            score_passage(article, gold, by_lang[key])
    return {lang: s.summary() for lang, s in sorted(by_lang.items())}
