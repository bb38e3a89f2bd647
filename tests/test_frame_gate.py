"""CI quality gate: the bundled framing models on the fixed hold-out tenth of the training data.

The hold-out documents (``datasets.held_out``) were never trained on. Floors sit a little under
the measured scores (src/parallax/frame/models/MODEL_CARD.md) and only ever go up. Skipped when
../shared/datasets is absent, and failed for it in CI (tests/requirements.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from parallax.embeddings import CachedEncoder
from parallax.frame import tasks
from parallax.frame.bundle import bundled_dir
from requirements import DATASETS, shared_path

T3 = DATASETS / "semeval2023-task3"
T10 = DATASETS / "semeval2025-task10"

# (task, data, language, metric, floor)
FLOORS = [
    ("narratives", T10, "en", "coarse_samples_f1", 0.58),
    ("narratives", T10, "en", "fine_samples_f1", 0.50),
    ("narratives", T10, "all", "coarse_samples_f1", 0.50),
    ("roles", T10, "en", "exact_match_ratio", 0.29),
    ("roles", T10, "all", "exact_match_ratio", 0.25),
    ("techniques", T3, "en", "micro_f1", 0.42),
    ("techniques", T3, "all", "micro_f1", 0.43),
    # 0.57 -> 0.59 (twenty-second session): frames shown only where right at least half the
    # time out of fold (tasks.FRAME_MIN_PRECISION); these rows 0.595 -> 0.611
    ("frames", T3, "all", "micro_f1", 0.59),
    # 0.58 before genre learnt straight news (BASIL check events 53% -> 92% `reporting`); now
    # 0.513 on these 135 documents, 0.604 by cross-validation (was 0.616): docs/framing.md.
    # Lowered 0.50 -> 0.45 on purpose (thirteenth session, helper R): with real columns and blog
    # posts as `opinion` rows these rows score 0.538 -> 0.483 (through analyze all 0.388 ->
    # 0.382, EN 0.289 -> 0.257), while fresh real news (Dragnet held-back sites, the same 30
    # pages judged by hand) went 16 -> 23 right of 30: SemEval's labels are a propaganda corpus's
    ("genre", T3, "all", "macro_f1", 0.45),
]


@pytest.fixture(scope="module")
def encoder() -> CachedEncoder:
    shared_path("datasets/semeval2023-task3")
    shared_path("datasets/semeval2025-task10")
    return CachedEncoder(None)


@pytest.fixture(scope="module")
def scores(encoder: CachedEncoder) -> dict[str, dict[str, dict[str, float]]]:
    out = {}
    for task, data in {(t, d) for t, d, *_ in FLOORS}:
        out[task] = tasks.evaluate(task, data, bundled_dir(), subset="heldout", encoder=encoder)
    return out


@pytest.mark.parametrize(("task", "data", "language", "metric", "floor"), FLOORS,
                         ids=[f"{t}-{lang}-{m}" for t, _, lang, m, _ in FLOORS])
def test_bundled_models_hold_their_floor_on_the_hold_out(
        scores: dict[str, dict[str, dict[str, float]]], task: str, data: Path, language: str,
        metric: str, floor: float) -> None:
    value = scores[task][language][metric]
    assert value >= floor, f"{task} {language} {metric} = {value:.3f} < floor {floor}"
