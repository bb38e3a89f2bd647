"""Quality gates on the held-back half of each fictional gold set (parallax.heldback).

The whole-set gates (test_segment_quality, test_enrich_quality, test_stories, test_claims) score
data the rules were developed and tuned on. Here each set's held-back half (even stable numbers)
is scored on its own through the same code path, with its own floors, so tuning on the other
half that overfits shows up. What each gate scores, and which of it the code was tuned on, is
in docs/quality.md ("What each gate scores"). Floors sit a little under the values measured on
2026-12-04 and only go up.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from parallax.heldback import held_back
from parallax.settings import Config
from parallax.stories.metrics import bcubed, pairwise

DATA = Path(__file__).resolve().parent / "data"
SEGMENTATION = DATA / "segmentation_gold"
ENRICH = DATA / "enrich_gold"
STORIES = DATA / "stories_gold"
PAIRS = DATA / "claim_pairs" / "pairs.jsonl"
HALVES = ("tuning", "held_back")

# measured on the held-back half at 2026-12-04 (HEAD c56b5a6) in brackets
SEGMENTATION_FLOORS = {  # 21 pages
    "body_f1": 0.99,  # 0.9966
    "title_accuracy": 0.97,  # 1.000
    # 0.76 until the tenth session: dump outlets now stand only when the page bears them
    # out (segment/outlet.py; on real pages the header's outlets were right 13 % of the
    # time), so pages whose only evidence is a short first line, a byline name or one
    # aggregator line get none: 0.619 (13/21), no outlet shown is wrong
    "outlet_accuracy": 0.61,  # 0.810 (17/21) before
    "published_accuracy": 0.90,  # 0.952 (20/21)
    "related_recall": 0.95,  # 1.000
    "comments_precision": 0.93,  # 0.951
    "comments_recall": 0.93,  # 0.952
}
ENRICH_FLOORS = {  # 18 passages: 8 EN, 5 DE, 5 RU
    ("all", "entity_f1"): 0.82,  # 0.846
    ("all", "quote_f1"): 0.85,  # 0.875
    ("all", "claim_f1"): 0.68,  # 0.707
    ("en", "entity_f1"): 0.91,  # 0.930
    ("de", "entity_f1"): 0.70,  # 0.724 (eighteenth session, German lexicon; 0.552 before)
    ("ru", "entity_f1"): 0.89,  # 0.911
    ("en", "quote_f1"): 0.87,  # 0.892
    ("en", "claim_f1"): 0.74,  # 0.763
}
# raised after a1f6ffa (lexical terms): was 0.877 / 1.000; raised again in the fifth session after
# the cross-lingual marks (f985601; measured 1.000 / 1.000, the code before 0.951 fails it)
STORIES_GOLD_FLOORS = {"bcubed_f1": 0.97, "pairwise_precision": 0.97}  # 1.000, 1.000
DEMO_FLOORS = {"bcubed_f1": 0.95, "pairwise_precision": 0.95}  # 1.000, 1.000 (10 articles)
# reset 2026-12-04 (issue 20): same-language pairs now need shared predicate words, traded for
# real-news precision (docs/claims.md); was 0.920 / 0.889 / 0.444
PAIR_FLOORS = {"alignment_f1": 0.78,  # 0.811
               "contradiction_precision": 0.85,  # 0.875
               "contradiction_recall": 0.37}  # 0.389


def _below(scores: dict[str, float], floors: dict[str, float]) -> dict[str, tuple[float, float]]:
    return {k: (scores[k], floor) for k, floor in floors.items() if scores[k] < floor}


def _copy_half(source: list[Path], folder: Path, keep: bool) -> Path:
    folder.mkdir()
    for path in source:
        if held_back(path.name) == keep:
            shutil.copy(path, folder / path.name)
    return folder


def segmentation_halves(tmp: Path, halves: tuple[str, ...] = HALVES
                        ) -> dict[str, dict[str, float]]:
    """Each half's pages segmented and scored on their own (page by page, so nothing leaks)."""
    from parallax.segment.evaluate import evaluate

    pages = [p for p in SEGMENTATION.iterdir() if p.name[:1].isdigit()]
    return {half: evaluate(_copy_half(pages, tmp / f"seg-{half}",
                                      half == "held_back")).summary() for half in halves}


def enrich_halves(tmp: Path, halves: tuple[str, ...] = HALVES
                  ) -> dict[str, dict[str, dict[str, float]]]:
    from parallax.enrich.evaluate import evaluate

    out = {}
    for half in halves:
        folder = _copy_half(list(ENRICH.glob("*.json")), tmp / f"enrich-{half}",
                            half == "held_back")
        out[half] = {lang: {"entity_f1": s["entity_prf"][2], "quote_f1": s["quote_prf"][2],
                            "claim_f1": s["claim_prf"][2]}
                     for lang, s in evaluate(folder).items()}
    return out


def _restricted(gold: dict[str, str], pred: dict[str, str]) -> dict[str, dict[str, float]]:
    """B-cubed and pairwise scores per half, each over that half's gold stories only."""
    out = {}
    for half, keep in (("tuning", False), ("held_back", True)):
        g = {k: v for k, v in gold.items() if held_back(v) == keep}
        p = {k: pred[k] for k in g}
        out[half] = {"articles": float(len(g)), "bcubed_f1": bcubed(g, p)["f1"],
                     "pairwise_precision": pairwise(g, p)["precision"],
                     "pairwise_recall": pairwise(g, p)["recall"]}
    return out


def stories_gold_halves() -> dict[str, dict[str, float]]:
    from parallax.stories.evaluate import gold_and_predicted

    return _restricted(*gold_and_predicted(STORIES, Config()))


def demo_halves(tmp: Path, corpus: Path) -> dict[str, dict[str, float]]:
    from test_stories import demo_gold_and_prediction

    return _restricted(*demo_gold_and_prediction(tmp, corpus))


def pair_halves(tmp: Path, halves: tuple[str, ...] = HALVES) -> dict[str, dict[str, float]]:
    from parallax.compare.evaluate import score_pairs

    rows = PAIRS.read_text(encoding="utf-8").splitlines()
    out = {}
    for half in halves:
        path = tmp / f"{half}.jsonl"
        path.write_text("\n".join(r for r in rows if r.strip() and
                                  held_back(json.loads(r)["id"]) == (half == "held_back"))
                        + "\n",
                        encoding="utf-8")
        result = score_pairs(path)
        detector = result["contradiction_given_alignment"]
        assert isinstance(detector, dict) and isinstance(result["alignment"], dict)
        out[half] = {"pairs": float(result["pairs"]),  # type: ignore[arg-type]
                     "alignment_f1": result["alignment"]["f1"],
                     "contradiction_precision": detector["precision"],
                     "contradiction_recall": detector["recall"]}
    return out


def test_halves_are_fixed_and_mixed() -> None:
    pages = sorted(p.name for p in SEGMENTATION.glob("*.gold.json"))
    passages = sorted(p.name for p in ENRICH.glob("*.json"))
    for names in (pages, passages):
        held = [n for n in names if held_back(n)]
        assert 0.4 <= len(held) / len(names) <= 0.6
    assert {n.split("-")[1] for n in passages if held_back(n)} == {"en", "de", "ru"}
    assert held_back("p002") and not held_back("07-sud-zastroyshchik-titlebody.gold.json")


def test_segmentation_held_back_half(tmp_path: Path) -> None:
    held = segmentation_halves(tmp_path, ("held_back",))["held_back"]
    assert held["pages"] >= 20
    assert not _below(held, SEGMENTATION_FLOORS), _below(held, SEGMENTATION_FLOORS)


def test_enrich_held_back_half(tmp_path: Path) -> None:
    held = enrich_halves(tmp_path, ("held_back",))["held_back"]
    flat = {f"{lang}/{metric}": held[lang][metric] for lang, metric in ENRICH_FLOORS}
    floors = {f"{lang}/{metric}": v for (lang, metric), v in ENRICH_FLOORS.items()}
    assert not _below(flat, floors), _below(flat, floors)


def test_stories_gold_held_back_stories() -> None:
    held = stories_gold_halves()["held_back"]
    assert held["articles"] >= 30
    assert not _below(held, STORIES_GOLD_FLOORS), _below(held, STORIES_GOLD_FLOORS)


def test_demo_held_back_events(tmp_path: Path, corpus: Path) -> None:
    held = demo_halves(tmp_path, corpus)["held_back"]
    assert held["articles"] >= 8
    assert not _below(held, DEMO_FLOORS), _below(held, DEMO_FLOORS)


def test_claim_pairs_held_back_half(tmp_path: Path) -> None:
    held = pair_halves(tmp_path, ("held_back",))["held_back"]
    assert held["pairs"] >= 60
    assert not _below(held, PAIR_FLOORS), _below(held, PAIR_FLOORS)


if __name__ == "__main__":  # print both halves: python tests/test_heldback.py
    import sys
    import tempfile

    sys.path.insert(0, str(Path(__file__).parent))
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for sub in "sedp":
            (root / sub).mkdir()
        corpus = Path(__file__).resolve().parents[1] / "src" / "parallax" / "demo" / "corpus"
        print(json.dumps({
            "segmentation": segmentation_halves(root / "s"), "enrich": enrich_halves(root / "e"),
            "stories_gold": stories_gold_halves(), "demo": demo_halves(root / "d", corpus),
            "claim_pairs": pair_halves(root / "p")}, indent=1))
