"""When a genre is shown as sure: a per-genre cut-off on its calibrated probability, learnt out
of fold as the lowest from which the genres shown were right at least :data:`SURE_PRECISION` of
the time; under it the genre is still given (techniques and the comparison read it) but marked
``low_confidence``, and the web and the comparison say "unsure".

The target is "right more often than not", as for frames (``tasks.FRAME_MIN_PRECISION``): with
it the learnt cut-offs are the rule before them (0.5 for every genre). A stricter 0.7 was tried
(twenty-fifth session, helper G; docs/framing.md): out of fold it raised the precision of the
genres shown as sure 0.831 -> 0.854, but ``reporting`` between 0.5 and 0.6 was right 26 of 32
times on the real news rows, and on BASIL's held-back reports it hedged 25 of the 46 right
``reporting`` labels instead of 16. A genre under even odds is never sure
(:data:`SURE_FLOOR`: the class offsets can pick one).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from parallax.frame import units
from parallax.frame.linear import LinearLabeller

#: a genre is shown as sure only at a probability where, out of fold, the genres shown were
#: right at least this often (0.7 hedged right straight-news reports: module docstring)
SURE_PRECISION = 0.5
#: under even odds a genre is never sure (the rule before the cut-offs were learnt)
SURE_FLOOR = 0.5
#: the fewest out-of-fold rows a cut-off must show, so that its precision is not a lucky few
MIN_SHOWN = 20
#: genres the model may choose but a reader is not shown. ``satire``: out of fold on SemEval-2023
#: (6 % satire) it was right 0.56 of the time; on real web pages (Dragnet's news and blog
#: articles, twelfth session) it was chosen for 98 of 592 pages of the tuning half, personal
#: blogs mostly, and all 11 judged were wrong; no probability cut separates them (at p >= 0.7
#: still 29 of 592 pages, while SemEval's satire recall falls to 0.09). Such an article is
#: shown as ``FALLBACK_GENRE``, marked unsure, with a note: a satire lean is not a straight
#: report, and opinion keeps every technique label as satire did (only ``reporting`` changes
#: them), so nothing else moves. Out of fold, macro-F1 over the three genres falls 0.604 ->
#: 0.438 (EN 0.522 -> 0.369): the satire column goes to zero (docs/framing.md).
UNSHOWN_GENRES = frozenset({"satire"})
FALLBACK_GENRE = "opinion"
_GRID = np.round(np.arange(SURE_FLOOR, 0.951, 0.05), 2)


def sure_cutoffs(chosen: Sequence[str], scores: Sequence[float], gold: Sequence[str],
                 labels: Sequence[str], precision: float = SURE_PRECISION) -> dict[str, float]:
    """Per genre, the lowest cut-off on the grid from which the out-of-fold genres ``chosen``
    (as shown, with their ``scores``) were right at least ``precision`` of the time
    over at least :data:`MIN_SHOWN` rows, at that cut-off and every higher one that still shows
    that many; 1.01 (never sure) when none is."""
    picked = np.asarray(chosen)
    p = np.asarray(scores, dtype=float)
    right = picked == np.asarray(gold)
    out: dict[str, float] = {}
    for label in labels:
        mine = picked == label
        ok = [float(t) for t in _GRID
              if (mine & (p >= t)).sum() < MIN_SHOWN
              or right[mine & (p >= t)].mean() >= precision]
        # the lowest cut-off from which every higher one keeps the precision (or shows too few)
        cut = 1.01
        for t in reversed(_GRID):
            if float(t) not in ok:
                break
            if (mine & (p >= t)).sum() >= MIN_SHOWN:
                cut = float(t)
        out[label] = cut
    return out


def is_sure(label: str, score: float, meta: Mapping[str, object]) -> bool:
    """Whether a genre picked with this calibrated probability is shown without a hedge
    (``meta["sure"]`` from training; a model trained before has only :data:`SURE_FLOOR`)."""
    cuts = meta.get("sure")
    cut = cuts.get(label, SURE_FLOOR) if isinstance(cuts, Mapping) else SURE_FLOOR
    return score >= max(SURE_FLOOR, float(cut))


def shown_genre(p: np.ndarray, model: LinearLabeller
                ) -> tuple[str, float, bool, tuple[str, float] | None]:
    """What a reader is shown for the calibrated probabilities ``p``: the genre, its probability,
    whether it is sure, and the unshown genre the model leaned to (with its probability) when
    it was replaced by :data:`FALLBACK_GENRE`. The trainer chooses the cut-offs on exactly this
    (``tasks.train``), so that they hold for what ``analyze`` shows."""
    label, score = units.decode_genre(p, model)
    if label in UNSHOWN_GENRES and FALLBACK_GENRE in model.labels:
        fallback = model.labels.index(FALLBACK_GENRE)
        return FALLBACK_GENRE, float(p[fallback]), False, (label, score)
    return label, score, is_sure(label, score, model.meta), None


def learn_cutoffs(oof: np.ndarray, gold: Sequence[str], model: LinearLabeller
                  ) -> dict[str, object]:
    """The trainer's step: each out-of-fold row decided as :func:`shown_genre` decides, then
    :func:`sure_cutoffs`; returns the cut-offs and, for the card, how often the genres shown as
    sure were right and how many were shown so, out of fold."""
    shown = [shown_genre(p, model) for p in oof]
    cuts = sure_cutoffs([s[0] for s in shown], [s[1] if s[3] is None else 0.0 for s in shown],
                        gold, model.labels)
    report: dict[str, object] = {"cutoffs": cuts, "min_precision": SURE_PRECISION}
    for label in model.labels:
        mine = [(g == s[0]) for s, g in zip(shown, gold, strict=True) if s[0] == label]
        sure = [(g == s[0]) for s, g in zip(shown, gold, strict=True)
                if s[0] == label and s[3] is None and s[1] >= max(SURE_FLOOR, cuts[label])]
        if mine:
            report[label] = {"shown": len(mine), "right": round(sum(mine) / len(mine), 3),
                             "sure": len(sure),
                             "sure_right": round(sum(sure) / len(sure), 3) if sure else None}
    return report
