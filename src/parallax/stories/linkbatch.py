"""Story links of one pushed story against its candidates, with the sparse dots in one numpy pass.

Consolidation scores each pushed story against ~40 candidates, and per link two to four sparse
dot products of Python dicts (name keys; terms per language) were most of its time: 20,000
undated generated articles score ~1.5 M links. Here every story's name-key sum and its terms
(all languages, a term of one language never meeting another's) become one array of integer
ids and one of weights, the pushed story's weights are scattered into a dense buffer once, and
each candidate's dots are one gather and a ``bincount`` over all candidates together.

The result is symmetric to the last bit, as ``StoryIndex.story_link`` promises (consolidation
reuses a link scored from the other side): ids are sorted in every story's arrays, so the
shared keys meet in the same order whichever side is pushed, their products are the same
numbers, and ``bincount`` adds them one after the other (the other side's keys contribute
exact zeros, which leave a sum unchanged). The values may differ from the dict loops in the
last bits (another summation order), as those already did between processes (set order
follows string hashes).

Most links end under the threshold (four in five in an undated dump), and consolidation keeps
only those that pass. So a push of ``CEILING_MIN`` candidates or more first computes each
link's value in numpy (``StorySimilarity.link_ceilings``), from the same name and term dots,
the vector cosines of one float32 matrix product, and the member-pair counts and cross-lingual
mark dots as more segments of the same arrays; ``story_link`` is called only for the links
whose ceiling reaches the threshold less ``SLACK``. Those are computed as before, bit for bit,
and every link under the ceiling's bar is under the threshold, so the merges are the same
(100,000 undated generated articles score millions of links).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from parallax.stories.similarity import StorySimilarity

if TYPE_CHECKING:
    from parallax.stories.index import StoryIndex
    from parallax.stories.state import StoryState

#: ids, weights, the lengths of the segments, and the story's row in the per-story arrays of
#: ``LinkBatch`` (its sizes and vector sum). Segments: name keys, terms (all languages) — the
#: dots ``story_link`` takes — then, for the ceiling only: members carrying terms per language,
#: members carrying marks per language, all members carrying marks (one entry), marks of all
#: languages summed, marks per language
_Arrays = tuple[np.ndarray, np.ndarray, tuple[int, ...], int]
SEGMENTS = 7
_SEGMENT_SHIFT = 40  # ids stay far below 2**40
_ID_MASK = (1 << _SEGMENT_SHIFT) - 1
#: a push with fewer fresh candidates than this scores them all (numpy's cost per call exceeds
#: what the links it would spare cost)
CEILING_MIN = 4
#: how far under the threshold a ceiling must be for its link to be skipped: the ceiling's
#: float32 vector cosines differ from ``story_link``'s by ~1e-5 at most (512 products of sums
#: of unit vectors, each side's rounding), its mark dots by rounding (another summation), the
#: rest not at all or by rounding
SLACK = 1e-3


class LinkBatch:
    """Id arrays of the stories seen in one consolidation, valid while a story's version (its
    merges) is unchanged."""

    def __init__(self, index: StoryIndex) -> None:
        self.index = index
        self.keys: dict[str, int] = {}
        self.terms: dict[str, dict[str, int]] = {}
        #: the ceiling's segments: languages of term and mark counts, one id for all marked
        #: members, marks of all languages, marks per language
        self.tables: list[dict[str, int]] = [{}, {}, {}, {}]
        self.language_marks: dict[str, dict[str, int]] = {}
        # only the index's own story_link: a wrapped one (benchmarks/story_cues.py) scores
        # every link itself
        self.ceilings = type(index).story_link is StorySimilarity.story_link
        self.size = 0
        self.buffer = np.zeros(1024)
        self.arrays: dict[str, tuple[int, _Arrays]] = {}
        # per story row: main articles, dated ones, vectors (at least 1), the vector sum
        self.rows: dict[str, int] = {}
        self.mains = np.zeros(256)
        self.dated = np.zeros(256)
        self.vec_counts = np.ones(256)
        self.vectors: np.ndarray | None = None

    def _ids(self, table: dict[str, int], keys: Sequence[str]) -> list[int]:
        for k in keys:
            if k not in table:
                table[k] = self.size
                self.size += 1
        return [table[k] for k in keys]

    def _row(self, story: StoryState) -> int:
        """The story's row, its sizes and vector sum written (again: they change by merges)."""
        row = self.rows.get(story.id)
        if row is None:
            row = self.rows[story.id] = len(self.rows)
            if row == len(self.mains):
                self.mains, self.dated = _grown(self.mains, 0.0), _grown(self.dated, 0.0)
                self.vec_counts = _grown(self.vec_counts, 1.0)
                if self.vectors is not None:
                    self.vectors = _grown(self.vectors, 0.0)
        self.mains[row] = len(story.mains)
        self.dated[row] = story.dated
        if story.vec_sum is not None and story.vec_count:
            if self.vectors is None:
                self.vectors = np.zeros((len(self.mains), len(story.vec_sum)), dtype=np.float32)
            self.vectors[row] = story.vec_sum
            self.vec_counts[row] = story.vec_count
        return row

    def _of(self, story: StoryState, version: int) -> _Arrays:
        cached = self.arrays.get(story.id)
        if cached is not None and cached[0] == version:
            return cached[1]
        names = list(story.key_sum)
        ids = self._ids(self.keys, names)
        weights = list(story.key_sum.values())
        lengths = [len(ids)]
        for language, sums in story.term_sum.items():
            ids += self._ids(self.terms.setdefault(language, {}), list(sums))
            weights += sums.values()
        lengths.append(len(ids) - sum(lengths))
        counts, marked = self._ceiling_parts(story)
        for table, part in zip(self.tables, counts, strict=True):
            ids += self._ids(table, list(part))
            weights += part.values()
            lengths.append(len(part))
        for language, sums in marked:
            ids += self._ids(self.language_marks.setdefault(language, {}), list(sums))
            weights += sums.values()
        lengths.append(len(ids) - sum(lengths))
        id_array = np.array(ids, dtype=np.int64)
        weight_array = np.array(weights, dtype=np.float64)
        # each segment in ascending id order
        order, start = [], 0
        for n in lengths:
            order.append(start + np.argsort(id_array[start:start + n], kind="stable"))
            start += n
        index = np.concatenate(order)
        arrays = (id_array[index], weight_array[index], tuple(lengths), self._row(story))
        self.arrays[story.id] = (version, arrays)
        return arrays

    @staticmethod
    def _ceiling_parts(story: StoryState) -> tuple[list[dict[str, float]],
                                                   list[tuple[str, dict[str, float]]]]:
        """The ceiling's sparse sums: term-carrying members by language, mark-carrying members
        by language, all mark-carrying members, marks of all languages together; and the
        marks by language."""
        marks: dict[str, float] = {}
        for sums in story.mark_sum.values():
            for k, v in sums.items():
                marks[k] = marks.get(k, 0.0) + v
        marked = sum(story.mark_count.values())
        return [{la: float(c) for la, c in story.term_count.items() if c},
                {la: float(c) for la, c in story.mark_count.items() if c},
                {"": float(marked)} if marked else {}, marks], list(story.mark_sum.items())

    def merge(self, keep: str, keep_version: int, gone: str, gone_version: int) -> None:
        """The arrays of ``keep`` after ``gone`` merged into it (version ``keep_version + 1``),
        from the two stories' arrays, both as they were: rebuilding them from the merged dicts
        costs Python time in proportion to the larger story, and a large story absorbing small
        ones one by one paid it at every merge. A key of both sums adds keep's weight and then
        gone's, as ``StoryIndex.merge`` does, so the name and term segments equal a rebuild to
        the last bit (the ceiling's mark sums may differ in the last bits: another order)."""
        mine, theirs = self.arrays.get(keep), self.arrays.pop(gone, None)
        if mine is None or theirs is None or mine[0] != keep_version or \
                theirs[0] != gone_version:
            return  # rebuilt from the dicts when next needed
        (k_ids, k_weights, k_lengths, row), (g_ids, g_weights, g_lengths, _) = mine[1], theirs[1]
        # one sort for every segment: ids are unique across segments, so sorting by (segment,
        # id) keeps each segment whole and in id order
        segments = np.arange(SEGMENTS) << _SEGMENT_SHIFT
        ids, weights = _add(np.repeat(segments, k_lengths) | k_ids, k_weights,
                            np.repeat(segments, g_lengths) | g_ids, g_weights)
        lengths = np.bincount(ids >> _SEGMENT_SHIFT, minlength=SEGMENTS).tolist()
        self._row(self.index.stories[keep])
        self.arrays[keep] = (keep_version + 1, (ids & _ID_MASK, weights, tuple(lengths), row))

    def links(self, story: StoryState, version: int,
              others: Sequence[tuple[StoryState, int]]) -> list[float]:
        """``index.story_link(story, other)`` for each (other, its version), exact from the
        threshold less ``SLACK`` up; under it, some value under the threshold."""
        if not others:
            return []
        ids, weights, _, _ = self._of(story, version)
        id_parts: list[np.ndarray] = []
        weight_parts: list[np.ndarray] = []
        lengths: list[int] = []
        rows: list[int] = []
        for other, other_version in others:
            o_ids, o_weights, o_lengths, o_row = self._of(other, other_version)
            id_parts.append(o_ids)
            weight_parts.append(o_weights)
            lengths += o_lengths
            rows.append(o_row)
        if self.size > len(self.buffer):  # every id is known now
            self.buffer = np.zeros(max(self.size, 2 * len(self.buffer)))
        buffer = self.buffer
        buffer[ids] = weights
        all_ids = np.concatenate(id_parts)
        products = buffer[all_ids] * np.concatenate(weight_parts)
        buffer[ids] = 0.0
        segment = np.repeat(np.arange(len(lengths)), lengths)
        dots = np.bincount(segment, weights=products, minlength=len(lengths))
        listed = dots.tolist()
        link = self.index.story_link
        if len(others) < CEILING_MIN or not self.ceilings:
            return [link(story, other, (listed[SEGMENTS * i], listed[SEGMENTS * i + 1]))
                    for i, (other, _) in enumerate(others)]
        ceilings = self._ceilings(story, rows, dots.reshape(len(others), SEGMENTS)).tolist()
        bar = self.index.threshold - SLACK
        scores = []
        for i, (other, _) in enumerate(others):
            ceiling = ceilings[i]
            scores.append(link(story, other, (listed[SEGMENTS * i], listed[SEGMENTS * i + 1]))
                          if ceiling >= bar else ceiling)
        return scores

    def _ceilings(self, story: StoryState, rows: list[int], dots: np.ndarray) -> np.ndarray:
        """``StorySimilarity.link_ceilings`` of the pushed story's links to these rows."""
        at = np.array(rows)
        cos = np.zeros(len(rows))
        if self.vectors is not None and story.vec_sum is not None and story.vec_count:
            # a row without vectors is zeros: cosine 0, as story_link has it
            cos = (self.vectors[at] @ story.vec_sum) / (self.vec_counts[at] * story.vec_count)
        # mark pairs in two languages: all marked pairs less those in one language, and their
        # dots: all marks against all less those of one language
        return self.index.link_ceilings(
            self.mains[at] * len(story.mains), dots[:, 0], cos, self.dated[at] * story.dated,
            dots[:, 1], dots[:, 2], dots[:, 4] - dots[:, 3], dots[:, 5] - dots[:, 6])


def _grown(array: np.ndarray, fill: float) -> np.ndarray:
    grown = np.full((2 * len(array), *array.shape[1:]), fill, dtype=array.dtype)
    grown[:len(array)] = array
    return grown


def _add(ids: np.ndarray, weights: np.ndarray, more_ids: np.ndarray, more_weights: np.ndarray
         ) -> tuple[np.ndarray, np.ndarray]:
    """Two sparse sums as one, ids ascending: a shared id's weights are added in the order
    given (each side holds an id at most once, so a sum has at most two terms)."""
    if not len(more_ids):
        return ids, weights
    all_ids = np.concatenate([ids, more_ids])
    order = np.argsort(all_ids, kind="stable")  # the first side's entry first on a tie
    all_ids, all_weights = all_ids[order], np.concatenate([weights, more_weights])[order]
    starts = np.flatnonzero(np.concatenate([[True], all_ids[1:] != all_ids[:-1]]))
    return all_ids[starts], np.add.reduceat(all_weights, starts)
