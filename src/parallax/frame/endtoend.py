"""Scoring the framing labels users get: the labelled files go through ``parallax analyze``'s own
code path (reader, segmenter, language, sentences, entities, framing), and its output is mapped
back onto the gold units.

Cross-validation scores feature rows built from the dataset's own text; users get what the
pipeline makes of a file: the segmenter moves the title out of the text, technique labels become
character spans, a role is given per entity the pipeline found itself, narratives pass the
run-time decision. A gap between the two is a bug, so ``parallax evaluate`` scores this path.

Mapping back, per task:

- techniques: each gold paragraph (a line of the file) is found in the article's text (or is its
  title); its predicted set is every technique whose span overlaps it. A paragraph the pipeline
  dropped, or a rejected file, predicts nothing.
- narratives, frames, genre: the article's labels as emitted.
- roles: the role of the entity that has a mention overlapping the gold mention, else none.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from parallax.frame.datasets import LabelledArticle, NarrativeDocument
from parallax.records import Article, Page, RawDocument, RoleLabel
from parallax.settings import Config, load_config
from parallax.textutil import as_shown

Progress = Callable[[str], None]
BATCH = 16
_SPACE = re.compile(r"\s+")


def analyse_files(paths: Sequence[Path], config: Config | None = None,
                  progress: Progress | None = None,
                  memo: dict[str, Article | None] | None = None) -> list[Article | None]:
    """The main article ``parallax analyze`` makes of each file (None when rejected).
    ``memo`` keeps results across tasks that read the same files (genre, frames, techniques)."""
    from parallax.ingest import read_inputs
    from parallax.pipeline import Pipeline

    if memo is not None:
        missing = [p for p in paths if str(p) not in memo]
        if missing:
            memo.update(zip((str(p) for p in missing),
                            analyse_files(missing, config, progress), strict=True))
        return [memo[str(p)] for p in paths]
    pipeline = Pipeline.from_config(config or load_config(None))
    out: list[Article | None] = []
    for i in range(0, len(paths), BATCH):
        chunk = [str(p) for p in paths[i:i + BATCH]]
        items = list(read_inputs(chunk, pipeline.config))
        docs = [item for item in items if isinstance(item, RawDocument)]
        results = iter(pipeline.process_many(docs))
        for item in items:
            result = next(results) if isinstance(item, RawDocument) else item
            out.append(_main_article(result) if isinstance(result, Page) else None)
        if progress:
            progress(f"analysed {min(i + BATCH, len(paths))}/{len(paths)} files")
    return out


def _main_article(page: Page) -> Article | None:
    mains = [a for a in page.articles if a.role == "main"] or page.articles
    return mains[0] if mains else None


def _normalised(text: str) -> tuple[str, list[int]]:
    """Whitespace runs collapsed to one space, with each kept character's original offset."""
    chars: list[str] = []
    index: list[int] = []
    last_space = True
    for i, ch in enumerate(text):
        if ch.isspace():
            if not last_space:
                chars.append(" ")
                index.append(i)
            last_space = True
        else:
            chars.append(ch)
            index.append(i)
            last_space = False
    return "".join(chars), index


@dataclass(slots=True)
class Placement:
    """Where a span of the source file ended up in the article: ``text`` offsets, ``title``, or
    nowhere (``None``)."""

    where: str | None
    start: int = 0
    end: int = 0


@dataclass(slots=True)
class Aligner:
    """Finds the lines of a source file in an analysed article, in order."""

    article: Article
    _norm: str = ""
    _index: list[int] = field(default_factory=list)
    _cursor: int = 0

    def __post_init__(self) -> None:
        self._norm, self._index = _normalised(self.article.text)

    def place(self, line: str) -> Placement:
        # the source line as the article shows it: the readers drop soft hyphens and
        # zero-width characters (``textutil.as_shown``), so a raw line holding one was found
        # nowhere and its paragraph scored as having no technique (French 0.3525 -> 0.3452)
        key = _SPACE.sub(" ", as_shown(line)).strip()
        if not key:
            return Placement(None)
        if self.article.title and key == _SPACE.sub(" ", self.article.title).strip():
            return Placement("title")
        found = self._norm.find(key, self._cursor)
        if found < 0:
            found = self._norm.find(key)
        if found < 0:
            return Placement(None)
        self._cursor = found + len(key)
        return Placement("text", self._index[found], self._index[found + len(key) - 1] + 1)


def technique_sets(article: LabelledArticle, analysed: Article | None) -> list[list[str]]:
    """Predicted techniques per labelled paragraph of a SemEval-2023 article."""
    out: list[list[str]] = []
    aligner = Aligner(analysed) if analysed is not None else None
    for p in article.paragraphs:
        line = article.text[p.start:p.end]
        place = aligner.place(line) if aligner is not None else Placement(None)
        if p.labelled and line.strip():
            found: set[str] = set()
            if analysed is not None and place.where == "text":
                found = {t.technique for t in analysed.techniques
                         if t.start < place.end and t.end > place.start}
            out.append(sorted(found))
    return out


def narrative_sets(analysed: Article | None) -> tuple[list[str], list[str]]:
    if analysed is None:
        return [], []
    return (sorted({n.label for n in analysed.narratives}),
            sorted({n.sub or n.label for n in analysed.narratives}))


def role_sets(doc: NarrativeDocument, analysed: Article | None) -> list[list[str]]:
    """Predicted fine roles per gold mention: the role of the entity the pipeline found there."""
    out = []
    for gold in doc.roles:
        role = role_at(doc.text, gold.start, gold.end, analysed)
        out.append(list(role.fine_roles) if role is not None else [])
    return out


def role_at(doc_text: str, start: int, end: int, analysed: Article | None) -> RoleLabel | None:
    """The role emitted for the pipeline's entity at the gold mention ``start:end`` of the
    source file (None: no role)."""
    if analysed is None:
        return None
    by_entity = {r.entity: r for r in analysed.roles}
    for name in entities_at(doc_text, start, end, analysed):
        if name in by_entity:
            return by_entity[name]
    return None


def entities_at(doc_text: str, start: int, end: int, analysed: Article) -> list[str]:
    """The canonical names of the pipeline's entities at the gold mention ``start:end`` of the
    source file, in the article's order. A mention in a line the segmenter moved out of the text
    (the title) is matched by name, the way a reader matches it: roles and portrayals belong to
    entities, and skipping headline mentions counted a held-out English mention whose entity had
    a role as a miss."""
    from parallax.frame.portrayal_eval import find_entity

    aligner = Aligner(analysed)
    position = 0
    for line in doc_text.split("\n"):
        place = aligner.place(line)
        if line.strip() and position <= start < position + len(line):
            # offsets carry over only where the article shows the line as written (no soft
            # hyphen or zero-width character dropped before the mention); else by name
            if place.where == "text" and as_shown(line) == line:
                lead = len(line) - len(line.lstrip())
                s = place.start + start - (position + lead)
                e = s + (end - start)
                return [m.canonical for m in analysed.entities if m.start < e and m.end > s]
            name = find_entity(analysed, doc_text[start:end])
            return [name] if name is not None else []
        position += len(line) + 1
    return []


def predictions(task: str, items: Sequence[Any], analysed: Sequence[Article | None]) -> Any:
    """Per task, predictions in the shape :func:`parallax.frame.tasks.score` reads."""
    if task == "genre":
        return [[a.genre.label if a is not None and a.genre else ""] for a in analysed]
    if task == "frames":
        return [sorted({f.label for f in a.frames}) if a is not None else [] for a in analysed]
    if task == "techniques":
        return [s for item, a in zip(items, analysed, strict=True)
                for s in technique_sets(item, a)]
    if task == "narratives":
        pairs = [narrative_sets(a) for a in analysed]
        return [c for c, _ in pairs], [f for _, f in pairs]
    return [s for item, a in zip(items, analysed, strict=True) for s in role_sets(item, a)]


def models_config(models_dir: Path | None) -> Config:
    config = load_config(None)
    if models_dir is not None:
        config.values["framing_models"] = str(models_dir)
    return config


def empty_x(n: int) -> np.ndarray:
    return np.zeros((n, 0), dtype=np.float32)


def evaluate(task: str, data: Path, models_dir: Path | None, *, subset: str = "heldout",
             languages: Sequence[str] | None = None, progress: Progress | None = None,
             config: Config | None = None, memo: dict[str, Article | None] | None = None
             ) -> dict[str, dict[str, float]]:
    """The official metric(s) of ``task`` on what ``parallax analyze`` emits for the subset's
    files, per language and overall."""
    from parallax.frame import tasks

    if task in ("genre", "frames", "techniques"):
        items: list[Any] = tasks._articles(data, subset, task)  # type: ignore[arg-type]
    else:
        items = tasks._documents(data, subset, task)  # type: ignore[arg-type]
    if languages:
        items = [i for i in items if i.language in languages]
    if progress:
        progress(f"{task}: analysing {len(items)} files end to end")
    analysed = analyse_files([i.path for i in items], config or models_config(models_dir),
                             progress, memo)
    rows = gold_rows(task, items)
    return tasks.score(task, rows, predictions(task, items, analysed))


def gold_rows(task: str, items: Sequence[Any]) -> Any:
    """The gold label sets in :class:`parallax.frame.tasks.Rows`, one per scored unit."""
    from parallax.frame.tasks import Rows

    if task in ("genre", "frames"):
        gold = [[i.genre or ""] if task == "genre" else list(i.frames or []) for i in items]
        return Rows(empty_x(len(items)), gold, [i.language + i.id for i in items],
                    [i.language for i in items])
    if task == "techniques":
        units = [(i, p) for i in items for p in i.paragraphs
                 if p.labelled and i.text[p.start:p.end].strip()]
        return Rows(empty_x(len(units)), [p.techniques for _, p in units],
                    [i.language + i.id for i, _ in units], [i.language for i, _ in units])
    if task == "narratives":
        return Rows(empty_x(len(items)), [list(d.narratives or []) for d in items],
                    [d.id for d in items], [d.language for d in items],
                    extra={"fine": [list(d.subnarratives or []) for d in items]})
    mentions = [(d, r) for d in items for r in d.roles]
    return Rows(empty_x(len(mentions)), [r.fine_roles for _, r in mentions],
                [d.id for d, _ in mentions], [d.language for d, _ in mentions],
                extra={"main": [[r.main_role] for _, r in mentions]})
