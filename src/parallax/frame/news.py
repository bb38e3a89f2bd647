"""Straight news articles as extra ``reporting`` examples for the genre model.

The genre labels of SemEval-2023 come from a corpus built to study propaganda: English has 41
reporting articles among 382, and the model learnt that almost anything is opinion (a straight
New York Times report came out ``opinion``). Real news reports fix the prior where users need it.
``parallax train genre DATA --news FILE`` adds each article of FILE as a ``reporting`` example:

- a PerSenT CSV (``TITLE``, ``DOCUMENT`` columns: news articles about one main entity), or
- JSONL with ``title`` and ``text`` (and optionally ``language``; default English).

They take part in the cross-validation folds like any document (the card reports their
out-of-fold share labelled ``reporting`` separately from the SemEval score). Choose a set from
outlets you will *not* evaluate on: the real-news check (benchmarks/frame_realnews.py) reads
BASIL (Fox News, New York Times, HuffPost). PerSenT is *not* a good choice: its text has the
commas stripped, the model learnt that artefact, and BASIL got worse (docs/framing.md), so the
bundled genre model is trained without ``--news``.
"""

from __future__ import annotations

import csv
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from parallax.errors import Code, ParallaxError


@dataclass(slots=True)
class NewsArticle:
    id: str
    language: str
    text: str


def read_news(path: Path) -> list[NewsArticle]:
    if not path.is_file():
        raise ParallaxError(Code.NOT_FOUND, f"news file not found: {path}")
    out: list[NewsArticle] = []
    if path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                title = (row.get("TITLE") or "").strip()
                body = (row.get("DOCUMENT") or "").strip()
                if body:
                    out.append(NewsArticle(_id(path, body), "en",
                                           f"{title.capitalize()}\n\n{body}" if title else body))
        return out
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        body = str(record.get("text") or "").strip()
        if body:
            title = str(record.get("title") or "").strip()
            out.append(NewsArticle(_id(path, body), str(record.get("language") or "en"),
                                   f"{title}\n\n{body}" if title and not body.startswith(title)
                                   else body))
    return out


def _id(path: Path, body: str) -> str:
    return "news:" + path.stem + ":" + hashlib.sha1(body.encode("utf-8")).hexdigest()[:12]
