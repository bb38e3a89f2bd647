"""The line model read beside what a site's other pages repeat: a sibling line model.

Why: the site memory (``sitememory.py``) can only move paragraphs the line model already kept
to the boilerplate, after the region chooser has decided where the article is. A line that
stands on most of the template's other pages is furniture, and knowing it *before* the choice
lets the chooser pick and bound the article without it. So a text dump with at least one
sibling (the site memory's siblings: the same template, a different article) is segmented
again, each line's main-text probability re-scored from the line model's own probability and
the share of siblings holding the line. The other direction (a line no sibling holds is the
page's own) was measured and lost on training half 0 (docs/segmentation.md,
"Thirty-second session (helper ST4)"), so a line no sibling holds keeps its probability
exactly, and a dump with no sibling is never segmented again: it reads as before, by
construction. Nor is a dump whose re-scored probabilities give the region chooser the main
lines its first reading chose (about 3 in 10 of the training dumps with siblings): everything
after the chooser would read the same input, so the first page stands as the second would.

Guards, each an answer that reads worse than the first reading: the second reading is kept
only when it is a page (never a rejection), is not newly of low confidence and reads the same
reader comments (the model was trained on the article's lines, not the thread's: a short post
above a long thread whose repeated reply lines were pushed down read the thread as the
article). Chosen on training half 0 among four guard sets, confirmed on half 1. And it is
not made when the region chooser is much less sure of the block the re-scored probabilities
give it than of the first reading's (``SURE_DROP``): on a training site whose article fell
from F1 0.5 to 0 another block was chosen, the chooser's score falling from 0.85 to 0.49.

The model (``data/sibling-lines-v1.json``, model card ``data/sibling-lines-v1.md``) is a
logistic regression with the line model's logit as a fixed offset, trained by
``benchmarks/train_sibling_lines.py`` on the training sites' dumps with their site siblings,
the line model's probabilities out of fold.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from parallax.records import Page, RawDocument, Rejection
from parallax.segment.lines import Line
from parallax.segment.sitememory import (
    MAX_WORDS,
    Searched,
    Sibling,
    fold,
    line_hash,
    siblings,
)
from parallax.segment.trees import packaged

if TYPE_CHECKING:
    from parallax.segment.linemodel import LineModel, Scored

FloatArray = npt.NDArray[np.float64]
#: (the page's lines, the line model's probabilities) -> the probabilities the chooser reads
Rescore = Callable[[list[Line], FloatArray], FloatArray]

#: set only while a dump with siblings is segmented again (read by ``LineModel.main_lines``)
RESCORE: ContextVar[Rescore | None] = ContextVar("sibling_rescore", default=None)

NAMES = ("logit", "share", "logit*share")
#: the second reading is not made when the region chooser's score for its block (a
#: candidate's mean probability of beating the page's others) falls more than this below the
#: first reading's (chosen on training half 0 among 0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3;
#: docs/segmentation.md, "Thirty-third session (helper SG)")
SURE_DROP = 0.15


@dataclass(frozen=True, slots=True)
class FirstReading:
    """A dump's first reading up to the line model's probabilities: nothing in it depends on
    the re-scoring, so the second reading starts from it (the same text, the same model) and
    runs only the re-scoring and what follows it."""

    model: LineModel
    lines: list[Line]
    metas: list[str | None]  # as read: the reading marks a live blog's byline later
    scored: Scored
    mask: list[bool] | None  # the main lines the first reading chose (None: not known)
    sure: float  # the region chooser's score for the first reading's block
    #: the latest re-scoring, the main lines it gave and the chooser's score (``chosen``):
    #: asked before the second reading whether it is needed, then read by it
    again: list[tuple[Rescore, list[bool], float]] = field(default_factory=list)

    def lines_again(self) -> list[Line]:
        for line, meta in zip(self.lines, self.metas, strict=True):
            line.meta = meta
        return self.lines

    def chosen(self, rescore: Rescore | None) -> list[bool]:
        """The chooser's main lines with the probabilities re-scored by ``rescore`` (None:
        the line model's own), each re-scoring's computed once."""
        return list(self._choice(rescore)[0])

    def _choice(self, rescore: Rescore | None) -> tuple[list[bool], float]:
        if rescore is None and self.mask is not None:
            return self.mask, self.sure
        for done, mask, sure in self.again:
            if done is rescore:
                return mask, sure
        with rescoring(rescore):
            mask, sure = self.model.choice(self.lines, self.scored)
        self.again[:] = [(rescore, mask, sure)] if rescore is not None else []
        return mask, sure

    def chooses_alike(self, rescore: Rescore) -> bool:
        """Whether the re-scored probabilities give the chooser the first reading's main
        lines: then everything after it (form end, thread heads, decoder, title check) reads
        the same input, and a second reading would be the first exactly."""
        return self.mask is not None and self.chosen(rescore) == self.mask

    def less_sure(self, rescore: Rescore) -> bool:
        """Whether the chooser scores the block the re-scored probabilities give it more than
        ``SURE_DROP`` below the first reading's (module docstring)."""
        return self.mask is not None and self._choice(rescore)[1] < self.sure - SURE_DROP


#: a chunk's text dumps' first readings by text (None: not read yet), set only while a chunk
#: with possible siblings is segmented (``remembering``); read and filled by ``segment_text``
READINGS: ContextVar[dict[str, FirstReading | None] | None] = ContextVar(
    "first_readings", default=None)


def columns(lines: list[Line], held: Sequence[frozenset[int]], p: FloatArray) -> FloatArray:
    """One row per line (``NAMES``): the line model's logit, the share of siblings holding
    the line (folded as the memory folds it; lines over ``MAX_WORDS`` words are never
    compared: 0) and their product."""
    seen: Counter[int] = Counter(h for s in held for h in s)
    total = max(len(held), 1)
    share = np.zeros(len(lines))
    for i, line in enumerate(lines):
        parts = line.text.split()
        if parts and len(parts) <= MAX_WORDS:
            share[i] = seen.get(line_hash(fold(line.text)), 0) / total
    clipped = np.clip(p, 1e-6, 1 - 1e-6)
    logit = np.log(clipped / (1 - clipped))
    return np.column_stack([logit, share, logit * share])


@dataclass(frozen=True, slots=True)
class SiblingLines:
    coef: FloatArray  # over ``NAMES``; the logit's is 1 (a fixed offset)

    def rescore(self, held: Sequence[frozenset[int]]) -> Rescore:
        def apply(lines: list[Line], p: FloatArray) -> FloatArray:
            x = columns(lines, held, p)
            q = 1.0 / (1.0 + np.exp(-(x @ self.coef)))
            # a line no sibling holds keeps its probability exactly (not its logit's round trip)
            return np.asarray(np.where(x[:, 1] > 0, q, p), dtype=np.float64)
        return apply


def from_dict(data: Mapping[str, object]) -> SiblingLines:
    if list(data["features"]) != list(NAMES):  # type: ignore[call-overload]
        raise ValueError("sibling line model features differ from this code's (retrain it)")
    return SiblingLines(np.asarray(data["coef"], dtype=np.float64))


@cache
def default_model() -> SiblingLines | None:
    data = packaged("sibling-lines-v1.json")
    return None if data is None else from_dict(data)


@contextmanager
def rescoring(rescore: Rescore | None) -> Iterator[None]:
    token = RESCORE.set(rescore)
    try:
        yield
    finally:
        RESCORE.reset(token)


@contextmanager
def remembering(docs: Sequence[RawDocument],
                stored: Mapping[str, Sequence[Sibling]] | None = None) -> Iterator[None]:
    """Keep the chunk's text dumps' first readings while it is segmented, freed on exit;
    none for a chunk whose dumps can have no sibling (a page alone reads as before)."""
    texts = [doc for doc in docs if doc.kind == "text"]
    stored = stored or {}
    memo: dict[str, FirstReading | None] | None = None
    if len(texts) > 1 or any(stored.get(doc.sha256) for doc in texts):
        memo = dict.fromkeys(doc.text for doc in texts)
    token = READINGS.set(memo)
    try:
        yield
    finally:
        READINGS.reset(token)


def resegment_with_siblings(docs: Sequence[RawDocument], results: list[Page | Rejection],
                            segment: Callable[[RawDocument], Page | Rejection],
                            stored: Mapping[str, Sequence[Sibling]] | None = None,
                            model: SiblingLines | None = None,
                            searched: Searched | None = None) -> None:
    """Segment again, in place, each text dump of the batch that has siblings, the line
    model's probabilities re-scored by the sibling line model; the second reading replaces
    the first only when no guard holds it back (module docstring)."""
    model = model or default_model()
    if model is None:
        return
    memo = READINGS.get()
    for i, held in siblings(docs, results, stored, searched).items():
        first, rescore = results[i], model.rescore([s.lines for s in held])
        reading = memo.get(docs[i].text) if memo is not None else None
        if reading is not None and (reading.chooses_alike(rescore)
                                    or reading.less_sure(rescore)):
            continue  # (the same main lines, or a block the chooser is much less sure of)
        with rescoring(rescore):
            again = segment(docs[i])
        if isinstance(first, Page) and isinstance(again, Page) and _same_reading(first, again):
            results[i] = again


def _same_reading(first: Page, again: Page) -> bool:
    return not (_unsure(again) and not _unsure(first)) and [
        c.text for c in again.comments] == [c.text for c in first.comments]


def _unsure(page: Page) -> bool:
    return any(note.startswith("low_confidence") for a in page.articles if a.role == "main"
               for note in a.notes)


__all__ = [
    "NAMES",
    "READINGS",
    "RESCORE",
    "SURE_DROP",
    "FirstReading",
    "SiblingLines",
    "columns",
    "default_model",
    "from_dict",
    "remembering",
    "rescoring",
    "resegment_with_siblings",
]
