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
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from parallax.stories.index import StoryIndex
    from parallax.stories.state import StoryState

_Arrays = tuple[np.ndarray, np.ndarray, int]  # ids, weights, how many of them are name keys


class LinkBatch:
    """Id arrays of the stories seen in one consolidation, valid while a story's version (its
    merges) is unchanged."""

    def __init__(self, index: StoryIndex) -> None:
        self.index = index
        self.keys: dict[str, int] = {}
        self.terms: dict[str, dict[str, int]] = {}
        self.size = 0
        self.buffer = np.zeros(1024)
        self.arrays: dict[str, tuple[int, _Arrays]] = {}

    def _ids(self, table: dict[str, int], keys: Sequence[str]) -> list[int]:
        for k in keys:
            if k not in table:
                table[k] = self.size
                self.size += 1
        return [table[k] for k in keys]

    def _of(self, story: StoryState, version: int) -> _Arrays:
        cached = self.arrays.get(story.id)
        if cached is not None and cached[0] == version:
            return cached[1]
        names = list(story.key_sum)
        ids = self._ids(self.keys, names)
        weights = list(story.key_sum.values())
        for language, sums in story.term_sum.items():
            ids += self._ids(self.terms.setdefault(language, {}), list(sums))
            weights += sums.values()
        id_array = np.array(ids, dtype=np.int64)
        weight_array = np.array(weights, dtype=np.float64)
        n_names = len(names)
        # names and terms each in ascending id order (names first: two segments)
        order = np.concatenate([np.argsort(id_array[:n_names], kind="stable"),
                                n_names + np.argsort(id_array[n_names:], kind="stable")])
        arrays = (id_array[order], weight_array[order], n_names)
        self.arrays[story.id] = (version, arrays)
        return arrays

    def merge(self, keep: str, keep_version: int, gone: str, gone_version: int) -> None:
        """The arrays of ``keep`` after ``gone`` merged into it (version ``keep_version + 1``),
        from the two stories' arrays, both as they were: rebuilding them from the merged dicts
        costs Python time in proportion to the larger story, and a large story absorbing small
        ones one by one paid it at every merge. A key of both sums adds keep's weight and then
        gone's, as ``StoryIndex.merge`` does, so the arrays equal a rebuild to the last bit."""
        mine, theirs = self.arrays.get(keep), self.arrays.pop(gone, None)
        if mine is None or theirs is None or mine[0] != keep_version or \
                theirs[0] != gone_version:
            return  # rebuilt from the dicts when next needed
        (k_ids, k_weights, k_names), (g_ids, g_weights, g_names) = mine[1], theirs[1]
        names = _add(k_ids[:k_names], k_weights[:k_names], g_ids[:g_names],
                     g_weights[:g_names])
        terms = _add(k_ids[k_names:], k_weights[k_names:], g_ids[g_names:],
                     g_weights[g_names:])
        self.arrays[keep] = (keep_version + 1, (np.concatenate([names[0], terms[0]]),
                                                np.concatenate([names[1], terms[1]]),
                                                len(names[0])))

    def links(self, story: StoryState, version: int,
              others: Sequence[tuple[StoryState, int]]) -> list[float]:
        """``index.story_link(story, other)`` for each (other, its version)."""
        if not others:
            return []
        ids, weights, _ = self._of(story, version)
        id_parts: list[np.ndarray] = []
        weight_parts: list[np.ndarray] = []
        lengths: list[int] = []
        for other, other_version in others:
            o_ids, o_weights, o_names = self._of(other, other_version)
            id_parts.append(o_ids)
            weight_parts.append(o_weights)
            lengths += (o_names, len(o_ids) - o_names)
        if self.size > len(self.buffer):  # every id is known now
            self.buffer = np.zeros(max(self.size, 2 * len(self.buffer)))
        buffer = self.buffer
        buffer[ids] = weights
        all_ids = np.concatenate(id_parts)
        products = buffer[all_ids] * np.concatenate(weight_parts)
        buffer[ids] = 0.0
        segment = np.repeat(np.arange(len(lengths)), lengths)
        dots = np.bincount(segment, weights=products, minlength=len(lengths)).tolist()
        link = self.index.story_link
        return [link(story, other, (dots[2 * i], dots[2 * i + 1]))
                for i, (other, _) in enumerate(others)]


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
