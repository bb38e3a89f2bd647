"""Scoring story grouping on real multi-outlet events (``basil-tune.jsonl``), in the shapes users
ingest: JSONL with outlet and date, plain text files (title, blank line, body; no date, no
outlet) and a mix of both.

The events are split once, by a hash of the event id, into a tuning half and a held-out half
(``half``) and into five folds for cross-validation (``fold``), so a number reported on the
held-out half was never looked at while choosing settings. Scoring goes through the user's
path: ``runner.ingest`` into a store (what ``parallax ingest`` calls), stories read back from
the store (what ``parallax stories --json`` prints). Nothing of the dataset is written anywhere
but the caller's temporary folder.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from parallax.settings import Config
from parallax.stories.metrics import bcubed, pairwise

FORMS = ("dated", "undated", "mixed")
FOLDS = 5


def _hash(text: str) -> int:
    return int(hashlib.sha256(text.encode("utf-8")).hexdigest()[:12], 16)


def read_events(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def event_ids(rows: Iterable[dict[str, Any]]) -> list[str]:
    return sorted({r["event"] for r in rows}, key=lambda e: (_hash(e), e))


def half(rows: Sequence[dict[str, Any]], which: str) -> list[dict[str, Any]]:
    """``tune`` (the first half of events in hash order) or ``held`` (the rest)."""
    ids = event_ids(rows)
    chosen = set(ids[:len(ids) // 2] if which == "tune" else ids[len(ids) // 2:])
    return [r for r in rows if r["event"] in chosen]


def fold(rows: Sequence[dict[str, Any]], k: int) -> list[dict[str, Any]]:
    ids = event_ids(rows)
    chosen = {e for n, e in enumerate(ids) if n % FOLDS == k}
    return [r for r in rows if r["event"] in chosen]


def dated(row: dict[str, Any]) -> bool:
    """In the mixed form, about half the articles keep their date (chosen by URL hash, so one
    event usually has dated and undated members)."""
    return _hash(row["url"]) % 2 == 0


def write_inputs(rows: Sequence[dict[str, Any]], folder: Path, form: str) -> dict[str, str]:
    """Write ``rows`` to ``folder`` as a user would have them; returns gold event by input."""
    if form not in FORMS:
        raise ValueError(f"form must be one of {FORMS}")
    folder.mkdir(parents=True, exist_ok=True)
    gold: dict[str, str] = {}
    lines: list[str] = []
    jsonl = folder / "articles.jsonl"
    for n, row in enumerate(rows):
        if form == "dated" or (form == "mixed" and dated(row)):
            lines.append(json.dumps({k: row[k] for k in ("url", "title", "text", "outlet",
                                                         "published")}, ensure_ascii=False))
            gold[f"{jsonl}#line-{len(lines)}"] = row["event"]
        else:
            path = folder / f"article-{n:03d}.txt"
            body = row["text"]
            if not body.startswith(row["title"]):
                body = f"{row['title']}\n\n{body}"
            path.write_text(body, encoding="utf-8")
            gold[str(path)] = row["event"]
    if lines:
        jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return gold


def inputs_of(folder: Path) -> list[str]:
    return sorted(str(p) for p in folder.iterdir() if p.suffix in (".jsonl", ".txt"))


def scores(gold: dict[str, str], pred: dict[str, str]) -> dict[str, float]:
    b, p = bcubed(gold, pred), pairwise(gold, pred)
    return {"articles": float(len(gold)), "events": float(len(set(gold.values()))),
            "stories": float(len(set(pred.values()))),
            "bcubed_precision": b["precision"], "bcubed_recall": b["recall"],
            "bcubed_f1": b["f1"], "pairwise_precision": p["precision"],
            "pairwise_recall": p["recall"], "pairwise_f1": p["f1"]}


def predicted(article_inputs: dict[str, str], story_rows: Iterable[dict[str, Any]],
              gold: dict[str, str]) -> dict[str, str]:
    """Story of each gold input, from ``article id -> input`` and story rows (as ``parallax
    stories --json`` prints them). An input that produced no main article (rejected) counts
    as a story of its own: a lost article is a miss, not a free pass."""
    story_of = {a: s["id"] for s in story_rows for a in s["article_ids"]}
    pred: dict[str, str] = {}
    for article_id, given in article_inputs.items():
        if given in gold and given not in pred and article_id in story_of:
            pred[given] = story_of[article_id]
    for given in gold:
        pred.setdefault(given, "lost:" + given)
    return pred


def score_rows(rows: Sequence[dict[str, Any]], form: str, config: Config,
               only: set[str] | None = None) -> dict[str, float]:
    """Ingest ``rows`` in ``form`` into a fresh store and score the stories; ``only`` limits
    the score to those events' articles (the others are still ingested, as distractors)."""
    from parallax.runner import ingest
    from parallax.store.base import open_store

    with tempfile.TemporaryDirectory() as tmp:
        gold = write_inputs(rows, Path(tmp) / "in", form)
        store = open_store(Path(tmp) / "stories.db")
        try:
            ingest(inputs_of(Path(tmp) / "in"), store, config)
            inputs = {a.id: a.input for a in store.articles(role="main")}
            pred = predicted(inputs, (s.to_dict() for s in store.stories()), gold)
        finally:
            store.close()
    if only is not None:
        gold = {k: v for k, v in gold.items() if v in only}
        pred = {k: v for k, v in pred.items() if k in gold}
    return scores(gold, pred)
