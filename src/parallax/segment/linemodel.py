"""The learned line model: which lines of a text dump are the main article's text.

Why learned: the hand rules in ``lines.py``/``decoder.py`` were written for pages shaped like our
seeds, and on real pages (60 menu lines, then the story, then "Most Read") they found no article
in half of them. This model is a logistic regression over per-line features with a context
window (neighbouring lines, windowed prose density, the line's place in the densest prose
region), trained on real pages rendered into the dump shapes people paste
(``benchmarks/train_line_model.py``, model card ``data/line-model-v2.md``). Decoding keeps the
highest-scoring contiguous region of the page (maximum subarray of ``p - offset``), drops its
lines the model is sure about, and adds lines outside it only when the model is very sure. For
text dumps (``main_lines``) a learned chooser picks that region among candidates of several
offsets instead (``regions.py``): the fixed offset took the wrong block on about one dump in nine.

The weights are a small JSON file (means, scales, coefficients, decoding thresholds): no pickle,
nothing executed on load, and the same numbers the model card reports.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import cache

import numpy as np
import numpy.typing as npt

from parallax.segment.linefeatures import base_matrix
from parallax.segment.lines import (
    FUNCTION_WORDS,
    SENTENCE_END,
    STRONG_KINDS,
    Line,
    paragraph_like,
    title_like,
)
from parallax.segment.pagecontext import NAMES as CONTEXT_NAMES
from parallax.segment.pagecontext import context_columns
from parallax.segment.regions import RegionModel, default_regions
from parallax.segment.sitelines_model import RESCORE
from parallax.segment.trees import TreeEnsemble, packaged
from parallax.segment.trees import from_dict as trees_from_dict

FloatArray = npt.NDArray[np.float64]

_STOP = frozenset().union(*FUNCTION_WORDS.values()) | frozenset(
    "a an i you we he she or if so no not all one can will would about there what when who "
    "also just more than into its our been were had do did has very".split())
_MARKER = re.compile(r"^(#{1,6}\s|[-*+•·|>»]\s?|\d{1,2}[.)]\s)")
_SENTENCE_GAP = re.compile(r"[.!?][\"”»)]?\s+[\"“«(]?[A-ZÄÖÜÀ-ÝА-ЯЁ]")
_WEBBY = re.compile(r"https?://|www\.|@|\.com\b|\.html?\b", re.I)
_SEP = re.compile(r"\s[|·•»/]\s|\s\|\s?|\|")
BASE = ("log_words", "log_chars", "ends_sentence", "paragraph", "title_like", "stop_ratio",
        "lower_ratio", "comma_rate", "digit_ratio", "upper_ratio", "word_len", "phrase",
        "strong_phrase", "meta", "heading", "repeated", "marker", "separators", "blank_after",
        "blank_before", "capital_start", "webby", "sentences", "word_position", "line_position",
        "continues")
_CONTEXT = ("log_words", "ends_sentence", "paragraph", "stop_ratio", "lower_ratio")
_OFFSETS = (-2, -1, 1, 2)
_WINDOWS = (3, 8, 20)
_DENSITY_WINDOW = 8  # one of _WINDOWS
_HALVES = np.asarray(_WINDOWS, dtype=np.int64)[:, None]
NAMES = BASE + tuple(f"{name}@{o:+d}" for o in _OFFSETS for name in _CONTEXT) + tuple(
    f"{name}~{w}" for w in _WINDOWS for name in ("paragraph", "log_words", "stop_ratio")) + (
    "density_rel", "region", "paragraph*density", "paragraph*region") + CONTEXT_NAMES


def _base_row(line: Line, prev_blank: bool, continues: bool) -> list[float]:
    text = line.text
    tokens = text.split()
    n = max(len(tokens), 1)
    n_letters = max(sum(map(str.isalpha, text)), 1)
    stop = sum(1 for t in tokens if t.lower().strip(".,;:!?\"'«»„“”()") in _STOP)
    lower = sum(1 for t in tokens if t[:1].islower())
    return [
        math.log1p(line.words), math.log1p(len(text)),
        float(text.endswith(SENTENCE_END)), float(paragraph_like(text)), float(title_like(text)),
        stop / n, lower / n, min((text.count(",") + text.count(";")) / n, 1.0),
        sum(map(str.isdigit, text)) / max(len(text), 1),
        sum(map(str.isupper, text)) / n_letters,
        min(len(text) / n / 10.0, 2.0),
        float(line.phrase_kind is not None), float(line.phrase_kind in STRONG_KINDS),
        float(line.meta is not None), float(line.heading is not None), float(line.repeated > 1),
        float(bool(_MARKER.match(text))), float(bool(_SEP.search(text))),
        float(line.blank_after), float(prev_blank), float(text[:1].isupper()),
        float(bool(_WEBBY.search(text))), min(len(_SENTENCE_GAP.findall(text)), 5) / 5.0,
        0.0, 0.0, float(continues),
    ]


def window_mean(values: FloatArray, half: int) -> FloatArray:
    """Mean over each line's window of ``half`` lines either side (clipped at the page's ends);
    the line model's context features."""
    padded = np.concatenate([[0.0], np.cumsum(values)])
    n = len(values)
    idx = np.arange(n)
    lo, hi = np.maximum(idx - half, 0), np.minimum(idx + half + 1, n)
    return np.asarray((padded[hi] - padded[lo]) / (hi - lo), dtype=np.float64)


def best_region(score: FloatArray) -> tuple[int, int]:
    """The contiguous run of lines with the largest total score (inclusive bounds)."""
    best, best_span = -math.inf, (0, -1)
    run, start = 0.0, 0
    for i, value in enumerate(score.tolist()):
        if run <= 0:
            run, start = value, i
        else:
            run += value
        if run > best:
            best, best_span = run, (start, i)
    return best_span


def reference_base(lines: list[Line]) -> FloatArray:
    """``BASE`` columns line by line: the definition ``linefeatures.base_matrix`` computes
    for the whole page at once (the tests compare the two)."""
    rows = []
    n = len(lines)
    for i, line in enumerate(lines):
        prev_blank = i == 0 or lines[i - 1].blank_after
        nxt = lines[i + 1] if i + 1 < n else None
        continues = (not line.blank_after and nxt is not None and len(line.text) >= 55
                     and not line.text.endswith(SENTENCE_END))
        rows.append(_base_row(line, prev_blank, continues))
    return np.asarray(rows, dtype=np.float64).reshape(n, len(BASE))


def base_features(lines: list[Line], out: FloatArray | None = None) -> FloatArray:
    """``BASE`` columns for the whole page at once (``linefeatures``); ``out``: a
    (``BASE`` × lines) array to fill with them, row by row."""
    return base_matrix(lines, stop=_STOP, sentence_end=SENTENCE_END, marker=_MARKER, sep=_SEP,
                       webby=_WEBBY, gap=_SENTENCE_GAP, strong=STRONG_KINDS, out=out)


_BASE_COLUMN = {name: j for j, name in enumerate(BASE)}
_CONTEXT_ROWS = [_BASE_COLUMN[c] for c in _CONTEXT]
_WINDOWED_ROWS = [_BASE_COLUMN[c] for c in ("paragraph", "log_words", "stop_ratio")]


def features(lines: list[Line], base: FloatArray | None = None,
             heads: set[int] | None = None) -> FloatArray:
    """One row per line (``NAMES``); ``base``: the ``BASE`` columns if already computed;
    ``heads``: the page's comment-thread headings (``patterns.comments_start_lines``) if
    already found.

    The matrix is filled feature by feature into its transpose and returned as a view of it
    (Fortran order, the same values): the trees read it one feature column at a time
    (``trees.TreeEnsemble.raw``), which took a transposed copy of a row-major matrix, and
    filling whole rows of the transpose writes each feature contiguously."""
    n = len(lines)
    if not n:
        return np.zeros((0, len(NAMES)))
    xt = np.empty((len(NAMES), n))
    nb = len(BASE)
    b = xt[:nb]  # b[j]: BASE column j
    if base is None:
        base_features(lines, out=b)
    else:
        b[:] = base.T
    col = _BASE_COLUMN
    word_counts = np.expm1(b[col["log_words"]])
    total = max(float(np.add.reduce(word_counts)), 1.0)
    b[col["word_position"]] = (word_counts.cumsum() - word_counts) / total
    b[col["line_position"]] = np.arange(n) / max(n - 1, 1)
    # each offset's rows are a window of one zero-padded copy (line i + offset, zeros beyond
    # the page)
    reach = max(abs(offset) for offset in _OFFSETS)
    width = len(_CONTEXT)
    padded = np.zeros((width, n + 2 * reach))
    padded[:, reach:reach + n] = b[_CONTEXT_ROWS]
    row = nb
    for offset in _OFFSETS:
        xt[row:row + width] = padded[:, reach + offset:reach + offset + n]
        row += width
    para = b[col["paragraph"]]
    # the window means of the three columns and the density, from one prefix sum (the same
    # sums as ``window_mean`` per column: a cumulative sum adds in order along its axis)
    prefix = np.zeros((4, n + 1))
    prefix[:3, 1:] = b[_WINDOWED_ROWS]
    np.multiply(para, word_counts, out=prefix[3, 1:])
    prefix[:, 1:].cumsum(axis=1, out=prefix[:, 1:])
    # each window's sums as the difference of two slices of the prefix sums padded with
    # their first and last values (the clipped bounds: the same sums and divisions as
    # indexing them, without the gathers)
    pad = max(_WINDOWS) + 1
    padded_sums = np.empty((4, n + 1 + 2 * pad))
    padded_sums[:, :pad] = prefix[:, :1]
    padded_sums[:, pad:pad + n + 1] = prefix
    padded_sums[:, pad + n + 1:] = prefix[:, n:]
    # every window's sizes at once (the same integers as window by window)
    idx = np.arange(n)
    halves = _HALVES
    all_sizes = np.minimum(idx + halves + 1, n) - np.maximum(idx - halves, 0)
    means = {}
    for half, sizes in zip(_WINDOWS, all_sizes, strict=True):
        means[half] = (padded_sums[:, pad + half + 1:pad + half + 1 + n]
                       - padded_sums[:, pad - half:pad - half + n]) / sizes
        xt[row:row + 3] = means[half][:3]
        row += 3
    density = means[_DENSITY_WINDOW][3]
    rel = density / max(float(np.maximum.reduce(density)), 1e-9)
    start, end = best_region(para * np.sqrt(word_counts) - 0.35 * (1 - para) * 2.0)
    region = np.zeros(n)
    region[start:end + 1] = 1.0
    xt[row] = rel
    xt[row + 1] = region
    np.multiply(para, rel, out=xt[row + 2])
    np.multiply(para, region, out=xt[row + 3])
    xt[row + 4:] = context_columns(lines, heads).T
    return xt.T


@dataclass(frozen=True, slots=True)
class LineModel:
    mean: FloatArray
    scale: FloatArray
    coef: FloatArray
    intercept: float
    region_offset: float  # p - offset summed over a region; the best region is the article
    keep_inside: float  # lines inside the region with p below this are dropped
    keep_outside: float  # lines outside it with p above this are kept
    trees: TreeEnsemble | None = None  # when set, the trees score the lines (not ``coef``)
    #: when set, a learned choice among candidate regions replaces the fixed decoding in
    #: ``main_lines`` (text dumps; ``regions.py``)
    regions: RegionModel | None = None

    def probabilities(self, lines: list[Line], x: FloatArray | None = None) -> FloatArray:
        """``x``: the page's ``features`` if already computed."""
        if not lines:
            return np.zeros(0)
        x = features(lines) if x is None else x
        if self.trees is not None:
            return self.trees.probabilities(x)
        z = ((x - self.mean) / self.scale) @ self.coef + self.intercept
        return np.asarray(1.0 / (1.0 + np.exp(-z)), dtype=np.float64)

    def decode(self, lines: list[Line], p: FloatArray) -> list[bool]:
        """Main-text lines: the best region, minus its sure misses, plus sure hits outside."""
        if not len(p):
            return []
        weight = np.sqrt(np.array([max(line.words, 1) for line in lines], dtype=np.float64))
        start, end = best_region((p - self.region_offset) * weight)
        inside = np.zeros(len(p), dtype=bool)
        inside[start:end + 1] = True
        keep = (inside & (p >= self.keep_inside)) | (p >= self.keep_outside)
        return [bool(k) for k in keep]

    def main_lines(self, lines: list[Line], heads: set[int] | None = None) -> list[bool]:
        """``heads``: the page's comment-thread headings if already found (``features``)."""
        return self.choose_lines(lines, self.scores(lines, heads))

    def scores(self, lines: list[Line], heads: set[int] | None = None) -> Scored:
        """What ``choose_lines`` reads and no re-scoring changes: a dump read again beside its
        siblings (``sitelines_model``) reuses its first reading's."""
        x = features(lines, heads=heads)
        if not lines or self.regions is None:
            return Scored(self.probabilities(lines, x), None)
        col = _COLUMN
        columns = {name: x[:, col[name]] for name in _REGION_COLUMNS}
        columns["words"] = np.array([line.words for line in lines], dtype=np.float64)
        return Scored(self.probabilities(lines, x), columns)

    def choose_lines(self, lines: list[Line], scored: Scored) -> list[bool]:
        return self.choice(lines, scored)[0]

    def choice(self, lines: list[Line], scored: Scored) -> tuple[list[bool], float]:
        """The main lines and the region chooser's score for their block (1.0 without a
        chooser)."""
        rescore = RESCORE.get()  # (a dump read beside its site's siblings: sitelines_model)
        p = scored.p if rescore is None else rescore(lines, scored.p)
        if scored.columns is None or self.regions is None:
            return self.decode(lines, p), 1.0
        keep, sure = self.regions.choice(p, scored.columns)
        return keep.tolist(), sure


@dataclass(frozen=True, slots=True)
class Scored:
    """The line model's probabilities of a page's lines and the region chooser's columns
    (None: no chooser, or no lines)."""

    p: FloatArray
    columns: dict[str, FloatArray] | None


_COLUMN = {name: j for j, name in enumerate(NAMES)}
_REGION_COLUMNS = ("paragraph", "ends_sentence", "stop_ratio", "heading", "phrase")


def from_dict(data: dict[str, object]) -> LineModel:
    names = list(data["features"])  # type: ignore[call-overload]
    if names != list(NAMES):
        raise ValueError("line model features differ from this code's (retrain the model)")
    width = len(names)
    return LineModel(
        mean=np.asarray(data.get("mean", [0.0] * width), dtype=np.float64),
        scale=np.asarray(data.get("scale", [1.0] * width), dtype=np.float64),
        coef=np.asarray(data.get("coef", [0.0] * width), dtype=np.float64),
        intercept=float(data.get("intercept", 0.0)),  # type: ignore[arg-type]
        region_offset=float(data["region_offset"]),  # type: ignore[arg-type]
        keep_inside=float(data["keep_inside"]),  # type: ignore[arg-type]
        keep_outside=float(data["keep_outside"]),  # type: ignore[arg-type]
        trees=trees_from_dict(data["trees"]) if "trees" in data else None,  # type: ignore[arg-type]
    )


@cache
def default_model() -> LineModel | None:
    """The shipped model, or None before one is trained (the rules then work alone)."""
    data = packaged("line-model-v2.json")
    if data is None:
        return None
    model = from_dict(data)
    return replace(model, regions=default_regions()) if model.trees is not None else model


__all__ = ["NAMES", "LineModel", "Scored", "best_region", "default_model", "features", "from_dict"]
