"""Segmentation quality gate on the project's own gold set (tests/data/segmentation_gold).

Floors only go up (design note: quality gate). Measured values are in docs/quality.md; they
were reached while developing on this same set, so a new shape of page will score lower.
"""

from __future__ import annotations

from pathlib import Path

from parallax.segment.evaluate import evaluate

GOLD = Path(__file__).parent / "data" / "segmentation_gold"
FLOORS = {
    "body_f1": 0.99,
    "body_precision": 0.98,
    "body_recall": 0.99,
    "title_accuracy": 0.97,
    # 0.88 until the tenth session (measured 0.905); outlets of dumps now stand only when the
    # page bears them out (outlet.py): 9 gold pages whose only evidence is a short first line
    # or one aggregator "Outlet 3 hours ago" line get none (measured 0.6905), no gold outlet
    # is wrong (tests/test_segment_outlet.py); on real pages such outlets were right 13 %
    # of the time (docs/segmentation.md)
    "outlet_accuracy": 0.69,
    "published_accuracy": 0.95,
    "related_recall": 0.97,
    "comments_precision": 0.95,
    "comments_recall": 0.95,
}


def test_gold_set_is_large_and_varied() -> None:
    pages = sorted(p for p in GOLD.iterdir() if p.suffix in (".txt", ".html"))
    assert len(pages) >= 40
    assert sum(p.suffix == ".html" for p in pages) >= 10


def test_segmentation_meets_quality_floors() -> None:
    summary = evaluate(GOLD).summary()
    below = {k: (summary[k], floor) for k, floor in FLOORS.items() if summary[k] < floor}
    assert not below, f"below floor (measured, floor): {below}"
