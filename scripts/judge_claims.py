"""Score claim alignment on the judged real-news pairs (docs/claims.md).

    python scripts/judge_claims.py [--db build/claims/basil.db] [--wrong]

Ingests ../shared/datasets/stories/basil-tune.jsonl once into the --db store (the real
pipeline), compares each gold event as one story, and prints tune and held-out scores.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from parallax.compare.judged import evaluate

ROOT = Path(__file__).resolve().parents[1]
DATASET = ROOT.parent / "shared" / "datasets" / "stories" / "basil-tune.jsonl"
JUDGED = ROOT / "tests" / "data" / "claim_pairs" / "basil_judged.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, default=ROOT / "build" / "claims" / "basil.db")
    parser.add_argument("--wrong", action="store_true", help="list the wrong clusters")
    args = parser.parse_args()
    args.db.parent.mkdir(parents=True, exist_ok=True)
    result = evaluate(DATASET, args.db, JUDGED)
    if not args.wrong:
        for part in result.values():
            part.pop("wrong")
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
