"""English paragraph cut-offs of the technique step, chosen on the path users get.

Why: the techniques model's cut-offs are chosen on feature rows (each the lowest where the
label was right at least 0.4 of the time, 0.5 for the sentence-level ``STRICT_TECHNIQUES``,
``tasks.min_precision``). Through ``analyze``'s path (segmented paragraphs, the ``reporting``
gate, span placement, the news model's loaded words) the same cut-offs showed labels right
less than half the time in English, out of fold (``scripts/techniques_oof.py`` with the fold
genre model; 390 training articles): name-calling 169 of 344, exaggeration 20 of 41, appeal
to fear 14 of 35, doubt 29 of 70. The project's rule is that a label is shown only where it is
right at least half the time. Each cut-off here was chosen on folds 0-2 of that harness (by
article) as the lowest at or above the rows' cut-off where the label was right at least half
the time over at least ten shown (never lowered: below it the rows found the label wrong more
often than their floor allows), and never shown where none is; a label shown fewer than ten
times at the rows' cut-off keeps it. Confirmed on folds 3-4: name-calling at 0.30 right 69 of
128 (0.25 there: 85 of 166); exaggeration and appeal to fear withheld (at their rows' cut-offs
right 9 of 17 and 10 of 25 there). Doubt kept its cut-off on folds 0-2 (15 of 27) but was right
only 14 of 42 on folds 3-4, 29 of 70 in all: the confirmation failed, so the lead withheld it
in English too (the same rule that withholds exaggeration at 20 of 41; docs/framing.md,
twenty-ninth session, helper TQ3 and the lead's note after it).
Other languages keep the model's cut-offs: the harness is English only.
"""

from __future__ import annotations

import numpy as np

from parallax.frame.linear import LinearLabeller
from parallax.frame.training import NEVER

#: per language, per technique: the paragraph cut-off the technique step uses instead of the
#: model's (the chosen values and how: module docstring)
PATH_CUTOFFS: dict[str, dict[str, float]] = {
    "en": {"Name_Calling-Labeling": 0.30, "Exaggeration-Minimisation": NEVER,
           "Appeal_to_Fear-Prejudice": NEVER, "Doubt": NEVER},
}


def path_cutoffs(model: LinearLabeller, language: str | None) -> np.ndarray:
    """The model's cut-offs, raised to ``PATH_CUTOFFS``' for ``language``: never lowered, so a
    retrained model whose rows ask for a higher cut-off keeps it."""
    cuts = np.asarray(model.thresholds, dtype=np.float32).copy()
    for label, cut in PATH_CUTOFFS.get(language or "", {}).items():
        if label in model.labels:
            j = model.labels.index(label)
            cuts[j] = max(float(cuts[j]), cut)
    return cuts
