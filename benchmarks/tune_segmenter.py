"""Grid-search the line classifier's weights on the segmentation gold set.

Why: the weights in src/parallax/segment/data/line-weights-v1.toml should be the best simple
setting, not a guess. To see how much tuning overfits, the pages are split in two halves: the
grid picks weights on one half (odd page numbers) and reports both halves.

    .venv/bin/python benchmarks/tune_segmenter.py
"""

from __future__ import annotations

import itertools
import shutil
import tempfile
from dataclasses import asdict, replace
from pathlib import Path

from parallax.segment.evaluate import evaluate
from parallax.segment.lines import LineClassifier, default_weights

GOLD = Path(__file__).resolve().parents[1] / "tests" / "data" / "segmentation_gold"
GRID = {
    "furniture_bias": (-1.5, -1.0, -0.5),
    "furniture_phrase": (1.5, 2.0, 2.5),
    "furniture_long": (-1.5, -1.0, -0.5),
    "comment_language_switch": (1.2, 1.6, 2.0),
}


def half(parity: int) -> Path:
    folder = Path(tempfile.mkdtemp(prefix=f"gold-{parity}-"))
    for path in GOLD.iterdir():
        number = path.name[:2]
        if number.isdigit() and int(number) % 2 == parity:
            shutil.copy(path, folder / path.name)
    return folder


def score(folder: Path, weights: object) -> float:
    return float(evaluate(folder, classifier=LineClassifier(weights)).summary()["body_f1"])  # type: ignore[arg-type]


def main() -> None:
    tune, held = half(1), half(0)
    base = default_weights()
    results = []
    for values in itertools.product(*GRID.values()):
        weights = replace(base, **dict(zip(GRID, values, strict=True)))
        results.append((score(tune, weights), values, weights))
    results.sort(key=lambda r: -r[0])
    best_score, best_values, best = results[0]
    print(f"current weights: tune half {score(tune, base):.4f}  held-out half "
          f"{score(held, base):.4f}")
    print(f"best on tune half: {dict(zip(GRID, best_values, strict=True))}: tune "
          f"{best_score:.4f}  held-out half {score(held, best):.4f}")
    print("top 5:", [(round(s, 4), v) for s, v, _ in results[:5]])
    print("current:", {k: v for k, v in asdict(base).items() if k in GRID})


if __name__ == "__main__":
    main()
