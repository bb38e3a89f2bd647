"""Scoring the story clusterer on a gold set in the ``tests/data/stories_gold`` layout.

``articles.jsonl`` (one article per line, with the gold ``id``) is ingested into a throw-away
store exactly as a user would ingest it; ``gold.json`` maps each gold id to its story. Used by
the CI gate (tests/test_stories.py), the tuning script and docs/quality.md.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from parallax.runner import ingest
from parallax.settings import Config
from parallax.store.base import open_store
from parallax.stories.metrics import bcubed, pairwise


def gold_and_predicted(folder: Path, config: Config, db: Path | None = None
                       ) -> tuple[dict[str, str], dict[str, str]]:
    gold_doc = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    lines = (folder / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    gold_id_of_line = {n: json.loads(line)["id"] for n, line in enumerate(lines, start=1)
                       if line.strip()}
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(db or Path(tmp) / "gold.db")
        try:
            ingest([str(folder / "articles.jsonl")], store, config)
            story_of = {a: s.id for s in store.stories() for a in s.article_ids}
            gold: dict[str, str] = {}
            pred: dict[str, str] = {}
            for article in store.articles(role="main"):
                line = int(article.input.rsplit("#line-", 1)[-1]) if "#line-" in article.input \
                    else None
                gid = gold_id_of_line.get(line) if line is not None else None
                if gid is not None and gid in gold_doc["assignments"]:
                    gold[gid] = gold_doc["assignments"][gid]
                    pred[gid] = story_of.get(article.id, "none:" + article.id)
        finally:
            store.close()
    return gold, pred


def score(folder: Path, config: Config) -> dict[str, float]:
    gold, pred = gold_and_predicted(folder, config)
    b, p = bcubed(gold, pred), pairwise(gold, pred)
    return {"articles": float(len(gold)), "stories": float(len(set(pred.values()))),
            "bcubed_precision": b["precision"], "bcubed_recall": b["recall"],
            "bcubed_f1": b["f1"], "pairwise_precision": p["precision"],
            "pairwise_recall": p["recall"], "pairwise_f1": p["f1"]}
