"""Score segmentation against a gold set (tests/data/segmentation_gold/*.gold.json).

Body text is scored per page as precision/recall/F1 over word tokens (multiset overlap of the
extracted main-article body with the gold body), the usual measure for main-content extraction;
we report the macro average over pages. Comments are scored per line, teasers by title, and
title/outlet/published by exact match. Used by the CI quality gate and by the weight tuner.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parallax.errors import Code, InputRejected
from parallax.ingest.sources import read_file
from parallax.records import Page, RawDocument
from parallax.segment.dates import parse_absolute
from parallax.segment.heuristic import HeuristicSegmenter
from parallax.segment.lines import LineClassifier
from parallax.settings import Config

_TOKEN = re.compile(r"\w+", re.UNICODE)


def tokens(text: str) -> Counter[str]:
    return Counter(t.lower() for t in _TOKEN.findall(text))


def prf(predicted: Counter[str], gold: Counter[str]) -> tuple[float, float, float]:
    overlap = sum((predicted & gold).values())
    p = overlap / sum(predicted.values()) if predicted else (1.0 if not gold else 0.0)
    r = overlap / sum(gold.values()) if gold else (1.0 if not predicted else 0.0)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _norm(text: str | None) -> str:
    return " ".join((text or "").replace("’", "'").replace("‘", "'").split())


def _same_time(got: str | None, gold: str | None) -> bool:
    """As written, but a gold annotation may keep or drop the clock time: compare the date."""
    a, b = _norm(got), _norm(gold)
    if a == b:
        return True
    if not a or not b:
        return False
    return a in b or b in a or (parse_absolute(a) is not None
                                and parse_absolute(a) == parse_absolute(b))


@dataclass(slots=True)
class PageScore:
    name: str
    body_p: float
    body_r: float
    body_f: float
    title_ok: bool
    outlet_ok: bool
    published_ok: bool
    related_found: int
    related_gold: int
    comments_p: float
    comments_r: float


@dataclass(slots=True)
class Report:
    pages: list[PageScore] = field(default_factory=list)

    def mean(self, attr: str) -> float:
        values = [float(getattr(p, attr)) for p in self.pages]
        return sum(values) / len(values) if values else 0.0

    def summary(self) -> dict[str, Any]:
        related_gold = sum(p.related_gold for p in self.pages)
        related_found = sum(min(p.related_found, p.related_gold) for p in self.pages)
        return {
            "pages": len(self.pages),
            "body_precision": round(self.mean("body_p"), 4),
            "body_recall": round(self.mean("body_r"), 4),
            "body_f1": round(self.mean("body_f"), 4),
            "title_accuracy": round(self.mean("title_ok"), 4),
            "outlet_accuracy": round(self.mean("outlet_ok"), 4),
            "published_accuracy": round(self.mean("published_ok"), 4),
            "related_recall": round(related_found / related_gold, 4) if related_gold else 1.0,
            "comments_precision": round(self.mean("comments_p"), 4),
            "comments_recall": round(self.mean("comments_r"), 4),
        }


def gold_pages(folder: Path) -> list[tuple[Path, dict[str, Any]]]:
    pairs = []
    for gold in sorted(folder.glob("*.gold.json")):
        stem = gold.name[: -len(".gold.json")]
        page = next((p for p in folder.glob(stem + ".*") if not p.name.endswith(".json")), None)
        if page is not None:
            pairs.append((page, json.loads(gold.read_text(encoding="utf-8"))))
    return pairs


def segment_file(path: Path, config: Config, classifier: LineClassifier | None = None) -> Page:
    (doc,) = [d for d in read_file(path, config, given=str(path))]
    if not isinstance(doc, RawDocument):
        raise InputRejected(Code.PARSE, doc.reason)
    return HeuristicSegmenter(config, classifier=classifier).segment(doc)


def score_page(name: str, page: Page | None, gold: dict[str, Any]) -> PageScore:
    main_gold = gold["main"]
    main = next((a for a in page.articles if a.role == "main"), None) if page else None
    body_p, body_r, body_f = prf(tokens(main.text if main else ""),
                                 tokens(" ".join(main_gold["body"])))
    related = [a for a in page.articles if a.role == "related"] if page else []
    gold_titles = {_norm(r["title"]) for r in gold.get("related", [])}
    found = sum(1 for a in related if _norm(a.title) in gold_titles)
    gold_comments = Counter(_norm(c["text"]) for c in gold.get("comments", []))
    got_comments = Counter(_norm(c.text) for c in page.comments) if page else Counter()
    c_p, c_r, _ = prf(tokens(" ".join(got_comments.elements())),
                      tokens(" ".join(gold_comments.elements())))
    return PageScore(
        name=name, body_p=body_p, body_r=body_r, body_f=body_f,
        title_ok=_norm(main.title if main else "") == _norm(main_gold.get("title")),
        outlet_ok=_norm(main.outlet if main else "").casefold()
        == _norm(main_gold.get("outlet")).casefold(),
        published_ok=_same_time(main.published.text if main else None,
                                main_gold.get("published")),
        related_found=found, related_gold=len(gold_titles),
        comments_p=c_p, comments_r=c_r,
    )


def evaluate(folder: Path, config: Config | None = None,
             classifier: LineClassifier | None = None) -> Report:
    config = config or Config()
    report = Report()
    for path, gold in gold_pages(folder):
        try:
            page: Page | None = segment_file(path, config, classifier)
        except InputRejected:
            page = None
        report.pages.append(score_page(path.name, page, gold))
    return report
