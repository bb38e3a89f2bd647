"""Scoring claim alignment end to end on real news against hand-judged claim pairs.

The judged set (``tests/data/claim_pairs/basil_judged.jsonl``) holds identifiers and labels
only, never text: an event id, two (outlet, sentence hash) keys and a label in ``same`` /
``related`` / ``different`` / ``conflicting`` (guideline in docs/claims.md). The articles come
from ``../shared/datasets/stories/basil-tune.jsonl`` at run time; they are ingested by the real
pipeline (Parallax finds sentences, entities and claims itself) and each gold event is compared
by the same comparer ``parallax compare --format json`` uses. Stories are the gold events, so
this measures claims, not story grouping.

A shared cluster counts as correct when every judged cross-outlet pair in it is ``same``; a
contested cluster when its contesting pair is judged ``conflicting``; ``same_pairs_aligned`` is
the share of judged ``same`` pairs whose claims end up in one cluster (alignment recall).
Pairs the comparison puts together that nobody judged are reported as ``unjudged`` (they
count neither way), so the numbers say how much of the output they cover.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from parallax.pipeline import build_comparer
from parallax.records import Article, Story
from parallax.runner import ingest
from parallax.settings import Config
from parallax.store import open_store

LABELS = ("same", "related", "different", "conflicting")
#: events whose judged pairs tune the method; the rest are held out (split by event, fixed)
TUNE_PREFIXES = tuple("0123456")


def sentence_key(text: str) -> str:
    """A stable key of a claim sentence that commits no text: sha1 of the folded words."""
    folded = " ".join(re.findall(r"\w+", text.lower()))
    return hashlib.sha1(folded.encode("utf-8")).hexdigest()[:12]


def is_tune_event(event: str) -> bool:
    """Events whose id starts with 0-6 tune (13 of 30); the other 17 are held out."""
    return event[:1] in TUNE_PREFIXES


@dataclass(slots=True)
class EventArticles:
    event: str
    articles: list[Article]
    outlet_of: dict[str, str]


def load_events(dataset: Path, db: Path, config: Config | None = None) -> list[EventArticles]:
    """The dataset's articles analysed by the pipeline (stored once in ``db``), by gold event."""
    config = config or Config()
    events: dict[str, str] = {}
    for line in dataset.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            events[str(row.get("url"))] = str(row["event"])
    store = open_store(db)
    try:
        if not store.articles(role="main"):
            ingest([str(dataset)], store, config, cluster=False)
        grouped: dict[str, list[Article]] = defaultdict(list)
        for article in store.articles(role="main"):
            if (event := events.get(str(article.url))) is not None:
                full = store.article(article.id)
                if full is not None:
                    grouped[event].append(full)
    finally:
        store.close()
    return [EventArticles(e, arts, {a.id: str(a.outlet) for a in arts})
            for e, arts in sorted(grouped.items())]


def compare_event(event: EventArticles, config: Config) -> dict[str, Any]:
    story = Story(id=event.event, title=event.event, article_ids=[a.id for a in event.articles],
                  main_count=len(event.articles))
    return build_comparer(config).compare(story, event.articles, [])


PairKey = tuple[str, str, str, str, str]  # event, outlet a, key a, outlet b, key b


def pair_key(event: str, a: tuple[str, str], b: tuple[str, str]) -> PairKey:
    first, second = sorted((a, b))
    return (event, first[0], first[1], second[0], second[1])


def read_judged(path: Path) -> dict[PairKey, str]:
    judged: dict[PairKey, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            judged[pair_key(r["event"], (r["outlet_a"], r["key_a"]),
                            (r["outlet_b"], r["key_b"]))] = r["label"]
    return judged


def _cross_pairs(event: str, members: list[dict[str, Any]]) -> Iterable[PairKey]:
    for i, a in enumerate(members):
        for b in members[i + 1:]:
            if a["outlet"] != b["outlet"]:
                yield pair_key(event, (a["outlet"], sentence_key(a["text"])),
                               (b["outlet"], sentence_key(b["text"])))


def _ratio(n: int, d: int) -> float | None:
    return round(n / d, 3) if d else None


def score_comparisons(comparisons: dict[str, dict[str, Any]],
                      judged: dict[PairKey, str]) -> dict[str, Any]:
    """Shared-cluster precision, contested precision and recall over the judged conflicts of
    the events in ``comparisons``; see the module docstring for what counts."""
    shared_ok = shared_bad = shared_unjudged = 0
    contested_ok = contested_bad = contested_unjudged = 0
    found_conflicts: set[PairKey] = set()
    together: set[PairKey] = set()
    bad_examples: list[dict[str, Any]] = []
    for event, comparison in comparisons.items():
        for cluster in comparison["claims"]["clusters"]:
            together.update(_cross_pairs(event, cluster["members"]))
            labels = [judged.get(k) for k in _cross_pairs(event, cluster["members"])]
            if cluster["status"] == "shared":
                known = [x for x in labels if x is not None]
                if not known:
                    shared_unjudged += 1
                elif all(x == "same" for x in known):
                    shared_ok += 1
                else:
                    shared_bad += 1
                    bad_examples.append({"event": event, "cluster": cluster["id"],
                                         "status": "shared", "labels": known})
            elif cluster["status"] == "contested":
                pairs = _contesting_pairs(event, cluster)
                found_conflicts.update(k for k in pairs if judged.get(k) == "conflicting")
                known = [judged[k] for k in pairs if k in judged]
                if not known:
                    contested_unjudged += 1
                elif "conflicting" in known:
                    contested_ok += 1
                else:
                    contested_bad += 1
                    bad_examples.append({"event": event, "cluster": cluster["id"],
                                         "status": "contested", "labels": known})
    conflicts = {k for k, v in judged.items() if v == "conflicting" and k[0] in comparisons}
    counts = Counter(v for k, v in judged.items() if k[0] in comparisons)
    same = {k for k, v in judged.items() if v == "same" and k[0] in comparisons}
    return {
        "events": len(comparisons),
        "judged_pairs": dict(sorted(counts.items())),
        "shared": {"precision": _ratio(shared_ok, shared_ok + shared_bad),
                   "correct": shared_ok, "wrong": shared_bad, "unjudged": shared_unjudged,
                   "same_pairs_aligned": _ratio(len(same & together), len(same))},
        "contested": {"precision": _ratio(contested_ok, contested_ok + contested_bad),
                      "correct": contested_ok, "wrong": contested_bad,
                      "unjudged": contested_unjudged,
                      "recall": _ratio(len(found_conflicts & conflicts), len(conflicts)),
                      "conflicts": len(conflicts)},
        "wrong": bad_examples,
    }


def _contesting_pairs(event: str, cluster: dict[str, Any]) -> list[PairKey]:
    """The cross-outlet pairs of a contested cluster that involve a contradicting member."""
    members = cluster["members"]
    out: list[PairKey] = []
    for a in members:
        if not a.get("contradiction"):
            continue
        for b in members:
            if b["outlet"] != a["outlet"]:
                out.append(pair_key(event, (a["outlet"], sentence_key(a["text"])),
                                    (b["outlet"], sentence_key(b["text"]))))
    return out


def evaluate(dataset: Path, db: Path, judged_path: Path,
             config: Config | None = None) -> dict[str, Any]:
    """Tune and held-out scores of the comparer on the judged pairs (docs/claims.md)."""
    config = config or Config()
    judged = read_judged(judged_path)
    comparisons = {e.event: compare_event(e, config) for e in load_events(dataset, db, config)}
    return {
        "tune": score_comparisons({k: v for k, v in comparisons.items() if is_tune_event(k)},
                                  judged),
        "held_out": score_comparisons(
            {k: v for k, v in comparisons.items() if not is_tune_event(k)}, judged),
    }
