"""HTML pages: trafilatura's main text and the line model's verdict, combined line by line.

Why: trafilatura alone keeps captions, teasers and bylines on some sites and drops paragraphs or
whole bodies on others; the line model reads the page's visible lines without markup and errs
differently. A small logistic regression over both verdicts (the line's probability, whether
trafilatura kept the line, and both in a window around it) decides each visible line, so a
paragraph trafilatura dropped comes back when the lines around it are article text, and a
caption it kept goes when the model and its neighbours say furniture. Trained on training sites
of ``../shared/datasets/extraction`` (``benchmarks/train_html_combine.py``), weights in
``data/html-combine-v1.json`` (no pickle), held-out numbers in ``docs/quality.md``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
import numpy.typing as npt

from parallax.segment.linemodel import LineModel, best_region, window_mean
from parallax.segment.lines import Line

FloatArray = npt.NDArray[np.float64]
_TOKEN = re.compile(r"\w+", re.UNICODE)
NAMES = ("p", "traf", "p*traf", "traf~1", "traf~3", "traf~10", "p~3", "region",
         "log_words", "traf_words", "traf_empty")


def contained(texts: list[str], kept: list[str]) -> FloatArray:
    """1 for each line trafilatura kept: most of its word 4-grams are in ``kept`` (its title and
    paragraphs); a line of under 4 words only when it is one of them (a menu word that also
    occurs in the article was not kept)."""
    # it runs on every visible line of every HTML page: the 4-grams are zipped tuples (no
    # slicing), tokens lowered and hits counted with C-level map; the verdicts are unchanged
    tokens = list(map(str.lower, _TOKEN.findall("\n".join(kept))))
    grams = set(zip(tokens, tokens[1:], tokens[2:], tokens[3:], strict=False))
    hit = grams.__contains__
    whole: set[str] | None = None  # only short lines need it
    out = np.zeros(len(texts))
    findall = _TOKEN.findall
    for k, text in enumerate(texts):
        words = list(map(str.lower, findall(text)))
        if len(words) >= 4:
            hits = sum(map(hit, zip(words, words[1:], words[2:], words[3:], strict=False)))
            out[k] = float(hits / (len(words) - 3) >= 0.5)
        elif words:
            if whole is None:
                whole = {" ".join(_TOKEN.findall(t.lower())) for t in kept}
            out[k] = float(" ".join(words) in whole)
    return out


def combine_features(lines: list[Line], p: FloatArray, traf: FloatArray,
                     model: LineModel) -> FloatArray:
    """One row per visible line (``NAMES``)."""
    n = len(lines)
    words = np.array([max(line.words, 1) for line in lines], dtype=np.float64)
    start, end = best_region((p - model.region_offset) * np.sqrt(words))
    region = np.zeros(n)
    region[start:end + 1] = 1.0
    traf_words = float((traf * words).sum())
    return np.stack([
        p, traf, p * traf, window_mean(traf, 1), window_mean(traf, 3),
        window_mean(traf, 10), window_mean(p, 3), region, np.log1p(words),
        np.full(n, np.log1p(traf_words)), np.full(n, float(traf_words < 30)),
    ], axis=1)


@dataclass(frozen=True, slots=True)
class Combiner:
    """``q``: the regression's probability that a visible line is article text. Trafilatura's
    lines stay unless ``q < drop_below`` (a caption or teaser it kept); a line it left out comes
    in when ``q >= add_above`` and it lies inside trafilatura's span or the line model's region
    (a dropped paragraph, a truncated body's rest). Why this asymmetry: trafilatura is usually
    right about what it keeps, and a line far from both verdicts is rarely article text."""

    mean: FloatArray
    scale: FloatArray
    coef: FloatArray
    intercept: float
    drop_below: float
    add_above: float

    def probabilities(self, x: FloatArray) -> FloatArray:
        z = ((x - self.mean) / self.scale) @ self.coef + self.intercept
        return np.asarray(1.0 / (1.0 + np.exp(-z)), dtype=np.float64)

    def keep(self, x: FloatArray,
             addable: npt.NDArray[np.bool_] | None = None) -> npt.NDArray[np.bool_]:
        if not len(x):
            return np.zeros(0, dtype=bool)
        return self.decide(x, self.probabilities(x), addable)

    def decide(self, x: FloatArray, q: FloatArray,
               addable: npt.NDArray[np.bool_] | None = None) -> npt.NDArray[np.bool_]:
        """The kept lines given each line's probability ``q`` (the trainer passes its
        out-of-fold ones). Only ``addable`` lines are added (see ``addable``)."""
        traf = x[:, NAMES.index("traf")] > 0.5
        zone = x[:, NAMES.index("region")] > 0.5
        hits = np.flatnonzero(traf)
        if len(hits):
            zone[hits[0]:hits[-1] + 1] = True
        if addable is not None:
            zone &= addable
        return np.asarray((traf & (q >= self.drop_below)) | (~traf & zone & (q >= self.add_above)))


def addable(lines: list[Line], stop: int | None = None) -> npt.NDArray[np.bool_]:
    """Lines the combiner may add to trafilatura's: not a metadata line (byline, date) or a
    known furniture phrase (a caption's "Photo:", "Share"), and above ``stop`` (a comment
    thread or teaser list the page's structure shows: prose, but not the article's)."""
    out = np.array([line.meta is None and line.phrase_kind is None for line in lines],
                   dtype=bool)
    if stop is not None:
        out[stop:] = False
    return out


@cache
def default_combiner() -> Combiner | None:
    path = resources.files("parallax.segment") / "data" / "html-combine-v1.json"
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    if list(data["features"]) != list(NAMES):
        raise ValueError("HTML combiner features differ from this code's (retrain it)")
    return Combiner(np.asarray(data["mean"]), np.asarray(data["scale"]),
                    np.asarray(data["coef"]), float(data["intercept"]),
                    float(data["drop_below"]), float(data["add_above"]))


__all__ = ["NAMES", "Combiner", "addable", "combine_features", "contained", "default_combiner"]
