"""Portrayal and roles scored on what ``parallax analyze`` emits (scripts/eval_portrayal.py).

Each labelled article is written to a file and read back through the analyze code path
(:func:`parallax.frame.endtoend.analyse_files`), so the segmenter, the entity recogniser and the
pronoun resolution are the ones users get. The labelled entity is the pipeline's canonical entity
whose name or an alias equals the gold name, or shares its last word; when the pipeline found no
such entity, or emitted no portrayal for it, the prediction is ``neutral`` (no lean shown), and
for roles an empty role set. Rejected files count the same way.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from parallax.records import Article
from parallax.textutil import fold


@dataclass(slots=True)
class EntityGold:
    doc: str  # id of the document
    entity: str
    label: str  # negative | neutral | positive


def find_entity(article: Article | None, name: str) -> str | None:
    """The canonical name of the pipeline's entity for a gold ``name``."""
    if article is None:
        return None
    want = fold(name)
    last = want.split()[-1] if want.split() else want
    best: tuple[int, str] | None = None
    for e in article.canonical_entities:
        names = {fold(e.name), *(fold(a) for a in e.aliases)}
        if want in names:
            return e.name
        words = {w for n in names for w in n.split()}
        if last in words and (best is None or e.mentions > best[0]):
            best = (e.mentions, e.name)
    return best[1] if best else None


def predicted_portrayal(article: Article | None, name: str) -> str:
    entity = find_entity(article, name)
    if article is None or entity is None:
        return "neutral"
    for p in article.portrayals:
        if p.entity == entity:
            return p.polarity
    return "neutral"


def write_texts(folder: Path, items: list[tuple[str, str, str]]) -> list[Path]:
    """(id, title, body) as text files ``title\\n\\nbody`` in ``folder`` (git-ignored build/),
    the way a user would paste an article."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for doc_id, title, body in items:
        path = folder / f"{doc_id}.txt"
        text = (title.strip() + "\n\n" if title.strip() else "") + body.strip() + "\n"
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def read_labels(path: Path) -> list[EntityGold]:
    """Hand labels: JSON lines with ``doc``, ``entity`` and ``label`` (no article text)."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            item = json.loads(line)
            out.append(EntityGold(str(item["doc"]), item["entity"], item["label"]))
    return out
