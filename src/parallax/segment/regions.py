"""Which block of a text dump is the article: candidate regions of the line model's
probabilities, and a small learned model that picks one.

Why: the line model's fixed decoding (the contiguous run with the largest sum of
``(p - 0.4)·√words``) takes the wrong block, far too much or far too little on about one dump
in nine of the training sites (F1 under 0.5), although a different offset or the second-best
run would often be right: picking the best of these candidates per page would lift the
out-of-fold F1 from 0.83 to 0.89. Which candidate is right depends on the page (a short story
above a long comment thread, an article split by an inline box, a page of teasers), so the
choice is learned: for each candidate, features of the region (its share of the page's words
and of its sure lines, mean probability, prose and sentence shares, where it sits, how it
overlaps the fixed decoding's region) go through gradient-boosted trees trained on the training
sites' out-of-fold line probabilities to say which of two candidates is better (``pair_scores``;
older files: "this is within 0.02 F1 of the page's best candidate", one at a time); the
highest-scoring candidate is kept when it scores ``margin`` above the fixed
decoding's region (``benchmarks/train_region_model.py``, model
card ``data/line-model-v2.md``). Lines inside it with ``p < keep_inside`` are dropped and lines
outside with ``p >= keep_outside`` kept, as in the fixed decoding.

Everything is numpy over the page's lines and its distinct candidates (at most one per offset,
seven); the trees are the line model's evaluator (``trees.py``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

import numpy as np
import numpy.typing as npt

from parallax.segment.trees import TreeEnsemble, packaged
from parallax.segment.trees import from_dict as trees_from_dict

FloatArray = npt.NDArray[np.float64]

#: offsets subtracted from the line probabilities; at each, the best run (the second and third
#: best disjoint runs were tried as candidates too: CV 0.8415 with them, 0.8423 without)
OFFSETS = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7)
#: ``OFFSETS`` as a column (``spans`` subtracts each from every line's probability)
_OFFSET_COLUMN = np.asarray(OFFSETS)[:, None]
_OFFSET_COLUMN.flags.writeable = False
#: the fixed decoding's offset: its region is the reference the others are compared with
BASE_OFFSET = 0.4
NAMES = ("offset", "log_lines", "log_words", "lines_rel", "words_rel", "p_mean",
         "p_min_kept", "p_max", "kept_share", "start_rel", "end_rel", "start_words_rel",
         "end_words_rel", "sure_outside", "very_sure_outside", "sure_inside", "paragraph_in",
         "ends_in", "stop_in", "heading_in", "phrase_in", "p_before", "p_after",
         "overlap_base", "log_page_lines", "log_page_words", "page_p_mean", "is_base",
         "log_kept_words", "dropped_share")


def _best_runs(score: FloatArray) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp],
                                          FloatArray]:
    """Per row of ``score``, the contiguous run with the largest sum (inclusive bounds) and
    that sum, from prefix sums: the run ending at ``e`` is best started after the smallest
    prefix before it."""
    rows, n = score.shape
    prefix = np.zeros((rows, n + 1))
    score.cumsum(axis=1, out=prefix[:, 1:])
    low = np.minimum.accumulate(prefix[:, :-1], axis=1)
    gain = prefix[:, 1:] - low
    end = gain.argmax(axis=1)
    # the start: the first place of the smallest prefix up to the end (the running minimum
    # there; no place after the end holds a smaller one first)
    at = np.arange(rows)
    lowest = low[at, end]
    return (prefix == lowest[:, None]).argmax(axis=1), end, gain[at, end]


def spans(p: FloatArray, words: FloatArray) -> tuple[list[tuple[float, int, int]],
                                                       tuple[int, int]]:
    """Distinct candidate regions ``(offset, start, end)`` and the fixed decoding's region: at
    each offset the best run of ``(p - offset)·√words`` if its sum is positive."""
    score = (p[None, :] - _OFFSET_COLUMN) * np.sqrt(np.maximum(words, 1.0))
    starts, ends, gains = _best_runs(score)
    seen: set[tuple[int, int]] = set()
    out: list[tuple[float, int, int]] = []
    base: tuple[int, int] | None = None
    for offset, s, e, gain in zip(OFFSETS, starts.tolist(), ends.tolist(), gains.tolist(),
                                  strict=True):
        if gain <= 0:
            continue
        if offset == BASE_OFFSET:
            base = (s, e)
        if (s, e) not in seen:
            seen.add((s, e))
            out.append((offset, s, e))
    if base is None:
        base = (out[0][1], out[0][2]) if out else (0, -1)
    return out, base


def _span_bounds(starts: list[int], ends: list[int]) -> npt.NDArray[np.intp]:
    """The index pairs (start, end + 1) of inclusive spans, for ``_spans_reduce``."""
    index = np.empty(2 * len(starts), dtype=np.intp)
    index[::2] = starts
    index[1::2] = ends
    index[1::2] += 1
    return index


def _spans_reduce(ufunc: np.ufunc, values: FloatArray, index: npt.NDArray[np.intp],
                  pad: float) -> FloatArray:
    """``ufunc`` (maximum, minimum) over each inclusive span: ``reduceat`` on the index pairs
    (start, end + 1) of ``_span_bounds``; the slots between pairs are discarded, ``pad``
    closes the array."""
    padded = np.empty(len(values) + 1)
    padded[:-1] = values
    padded[-1] = pad
    return np.asarray(ufunc.reduceat(padded, index)[::2], dtype=np.float64)


def candidate_features(p: FloatArray, words: FloatArray, paragraph: FloatArray,
                       ends: FloatArray, stop: FloatArray, heading: FloatArray,
                       phrase: FloatArray, keep_inside: float
                       ) -> tuple[list[tuple[int, int]], FloatArray]:
    """The candidates' ``(start, end)`` and one ``NAMES`` row each (no rows: no candidate).

    The page-wide sums are numpy (one prefix sum of the page's columns); each of the at most
    seven candidates' rows is then plain float arithmetic on a few values read from it: on
    arrays of seven, numpy's per-call overhead was most of the time (~60 calls). The same
    IEEE operations in the same order (logarithms stay numpy's: ``math.log1p`` can differ in
    the last bit)."""
    found, (bs, be) = spans(p, words)
    if not found:
        return [], np.zeros((0, len(NAMES)))
    n = len(p)
    total = max(float(np.add.reduce(words)), 1.0)
    p_words_page = float(np.add.reduce(p * words))
    s = [c[1] for c in found]
    e = [c[2] for c in found]
    kept = p >= keep_inside
    # every per-span sum from one prefix sum of the page's columns
    # (filled column by column in place: ``np.stack`` cost more than the products here)
    per_line = np.empty((10, n))
    per_line[0] = words
    np.multiply(p, words, out=per_line[1])
    np.multiply(words, p >= 0.5, out=per_line[2])
    np.multiply(words, p >= 0.9, out=per_line[3])
    np.multiply(words, kept, out=per_line[4])
    np.multiply(paragraph, words, out=per_line[5])
    np.multiply(ends, words, out=per_line[6])
    np.multiply(stop, words, out=per_line[7])
    per_line[8] = heading
    per_line[9] = phrase
    prefix = np.zeros((per_line.shape[0], n + 1))
    per_line.cumsum(axis=1, out=prefix[:, 1:])  # (along the lines, as by rows before)
    count = len(found)
    lo = [max(a, bs) for a in s]
    hi = [max(min(b, be), low) for b, low in zip(e, lo, strict=True)]
    # the prefix rows read: each candidate's start and end + 1, the fixed decoding's, the
    # overlap's, the page's total
    rows = prefix[:, s + [b + 1 for b in e] + lo + [h + 1 for h in hi] + [bs, be + 1, n]
                  ].T.tolist()
    at_start, at_end = rows[:count], rows[count:2 * count]
    at_lo, at_hi = rows[2 * count:3 * count], rows[3 * count:4 * count]
    cw_bs, cw_be, page_sums = rows[-3][0], rows[-2][0], rows[-1]
    sure_all, very_sure_all = page_sums[2], page_sums[3]
    sure_total = max(sure_all, 1.0)
    bounds = _span_bounds(s, e)
    p_min_kept = _spans_reduce(np.minimum, np.where(kept, p, np.inf), bounds, np.inf).tolist()
    p_max = _spans_reduce(np.maximum, p, bounds, -np.inf).tolist()
    inside = [[b - a for a, b in zip(first, last, strict=True)]
              for first, last in zip(at_start, at_end, strict=True)]
    lines = [float(b - a + 1) for a, b in zip(s, e, strict=True)]
    rw = [max(row[0], 1.0) for row in inside]
    logs = np.log1p(np.asarray(lines + rw + [row[4] for row in inside])).tolist()
    log_n, log_total = float(np.log1p(n)), float(np.log1p(total))
    p_list = p.tolist() if count else []
    out = []
    for k in range(count):
        a, b, size, words_in = s[k], e[k], lines[k], rw[k]
        (raw_words, p_words, sure_in, very_sure_in, kept_words, paragraph_in, ends_in,
         stop_in, heading_in, phrase_in) = inside[k]
        inter = at_hi[k][0] - at_lo[k][0] if min(b, be) >= lo[k] else 0.0
        union = raw_words + (cw_be - cw_bs) - inter
        low = p_min_kept[k]
        out.append([
            found[k][0], logs[k], logs[count + k], size / n, words_in / total,
            p_words / words_in, low if math.isfinite(low) else 0.0, p_max[k],
            kept_words / words_in, a / n, b / n, at_start[k][0] / total, at_end[k][0] / total,
            (sure_all - sure_in) / sure_total, (very_sure_all - very_sure_in) / total,
            sure_in / sure_total, paragraph_in / words_in, ends_in / words_in,
            stop_in / words_in, heading_in / size, phrase_in / size,
            p_list[a - 1] if a > 0 else -1.0, p_list[b + 1] if b + 1 < n else -1.0,
            inter / max(union, 1.0), log_n, log_total, p_words_page / total,
            float(a == bs and b == be), logs[2 * count + k], (raw_words - kept_words) / words_in,
        ])
    return list(zip(s, e, strict=True)), np.asarray(out, dtype=np.float64)


_IS_BASE = NAMES.index("is_base")
#: columns compared across the page's candidates (``with_relative``)
_RELATIVE_OF = ("log_words", "p_mean", "words_rel", "kept_share", "paragraph_in", "ends_in",
                "stop_in", "sure_inside", "p_min_kept", "offset", "start_rel", "end_rel")
_RELATIVE_INDEX = [NAMES.index(name) for name in _RELATIVE_OF]
#: the chooser's extra columns: each of those minus its largest and smallest value among the
#: page's candidates, and the number of candidates. Why: a candidate is scored alone, but
#: "the longest of the page's runs" or "the most sentence-like" is a comparison (sixth
#: session, training sites' OOF candidates: CV 0.8583 -> 0.8605)
RELATIVE = (*(f"{name}-{side}" for name in _RELATIVE_OF for side in ("max", "min")),
            "candidates")


def with_relative(rows: FloatArray) -> FloatArray:
    """``rows`` (one ``NAMES`` row per candidate of one page) with the ``RELATIVE`` columns."""
    count, width = rows.shape
    picked = rows[:, _RELATIVE_INDEX]
    out = np.empty((count, width + 2 * len(_RELATIVE_INDEX) + 1))
    out[:, :width] = rows
    # each column's "-max" and "-min" side by side, then the candidate count
    np.subtract(picked, picked.max(axis=0), out=out[:, width:-1:2])
    np.subtract(picked, picked.min(axis=0), out=out[:, width + 1:-1:2])
    out[:, -1] = float(count)
    return out


@cache
def _pairs(n: int) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
    """``np.triu_indices(n, 1)``, read-only and kept: a page has at most a handful of
    candidates, and building the indices (~20 µs, twice a page) cost more than using them."""
    first, second = np.triu_indices(n, 1)
    first.flags.writeable = second.flags.writeable = False
    return first, second


def pair_rows(rows: FloatArray) -> FloatArray:
    """One row per unordered pair ``i < j`` of the page's candidates: ``rows[i] - rows[j]``
    and ``rows[i]``, the input of a pairwise chooser ("is ``i`` better than ``j``")."""
    first, second = _pairs(len(rows))
    width = rows.shape[1]
    out = np.empty((len(first), 2 * width))
    rows.take(first, axis=0, out=out[:, width:])
    np.subtract(out[:, width:], rows.take(second, axis=0), out=out[:, :width])
    return out


def pair_scores(rows: FloatArray, trees: TreeEnsemble) -> FloatArray:
    """Each candidate's mean probability of beating the page's others (1.0 alone). Why
    pairwise: "within 0.02 of the best", scored one candidate at a time, cannot weigh two
    near-equal runs against each other; a model of which of two is better can (seventh session,
    training sites' OOF candidates: CV 0.8605 -> 0.8635; end to end 0.8554 -> 0.8577). The
    trees were trained on
    both orders of every pair; one order is scored here and the other read as ``1 - p``."""
    n = len(rows)
    if n < 2:
        return np.ones(n)
    first, second = _pairs(n)
    beats = trees.probabilities(pair_rows(rows))
    wins = np.bincount(first, weights=beats, minlength=n)
    wins += np.bincount(second, weights=1.0 - beats, minlength=n)
    return np.asarray(wins / (n - 1), dtype=np.float64)


@dataclass(frozen=True, slots=True)
class RegionModel:
    trees: TreeEnsemble
    keep_inside: float  # lines of the chosen region with p below this are dropped
    keep_outside: float  # lines outside it with p at least this are kept
    margin: float = 0.0  # another region replaces the fixed decoding's only when scored this higher
    relative: bool = False  # the trees read the ``RELATIVE`` columns too
    pairwise: bool = False  # the trees score pairs of candidates (``pair_scores``)

    def choose(self, p: FloatArray, columns: dict[str, FloatArray]) -> npt.NDArray[np.bool_]:
        """Main-text lines: the best-scored candidate region, minus its sure misses, plus
        sure hits outside. ``columns``: the line model's per-line ``words``, ``paragraph``,
        ``ends_sentence``, ``stop_ratio``, ``heading`` and ``phrase`` values."""
        return self.choice(p, columns)[0]

    def choice(self, p: FloatArray, columns: dict[str, FloatArray]
               ) -> tuple[npt.NDArray[np.bool_], float]:
        """``choose``'s lines and the chosen candidate's score (1.0 with one candidate or
        none): how sure the chooser is of the block, which the sibling line model's second
        reading must not lower much (``sitelines_model``)."""
        keep = p >= self.keep_outside
        found, rows = candidate_features(
            p, columns["words"], columns["paragraph"], columns["ends_sentence"],
            columns["stop_ratio"], columns["heading"], columns["phrase"], self.keep_inside)
        if not found:
            return keep, 1.0
        wide = with_relative(rows) if self.relative else rows
        score = pair_scores(wide, self.trees) if self.pairwise else self.trees.probabilities(wide)
        best = int(score.argmax())
        base = int(rows[:, _IS_BASE].argmax())
        if score[best] < score[base] + self.margin:
            best = base
        start, end = found[best]
        keep[start:end + 1] |= p[start:end + 1] >= self.keep_inside
        return keep, float(score[best])


def from_dict(data: dict[str, object]) -> RegionModel:
    features = list(data["features"])  # type: ignore[call-overload]
    if features not in (list(NAMES), list(NAMES + RELATIVE)):
        raise ValueError("region model features differ from this code's (retrain it)")
    return RegionModel(trees=trees_from_dict(data["trees"]),  # type: ignore[arg-type]
                       keep_inside=float(data["keep_inside"]),  # type: ignore[arg-type]
                       keep_outside=float(data["keep_outside"]),  # type: ignore[arg-type]
                       margin=float(data.get("margin", 0.0)),  # type: ignore[arg-type]
                       relative=len(features) > len(NAMES),
                       pairwise=data.get("kind") == "pairwise")


@cache
def default_regions() -> RegionModel | None:
    """The shipped region model, or None (the line model then decodes with its thresholds)."""
    data = packaged("line-regions-v1.json")
    return None if data is None else from_dict(data)


__all__ = ["NAMES", "RELATIVE", "RegionModel", "candidate_features", "default_regions", "from_dict",
           "pair_rows", "pair_scores", "spans", "with_relative"]
