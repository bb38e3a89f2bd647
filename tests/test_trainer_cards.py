"""The framing trainers write the cards that ship (twenty-fourth session, `make models` run and
compared file by file). The span scorer's: the 0.20 floor on the cut-off, and cross-validation
at the out-of-fold F0.5-best cut-off before that floor (`make models` had rewritten
spans.card.json without the floor, so MODEL_CARD.md said "floor 0.00" and showed other
numbers). The techniques model's: the precision floor of each label, which differs per label
(`tasks.STRICT_TECHNIQUES`; the shipped card had it added by hand). Made-up articles only."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from parallax.frame.span_training import MIN_THRESHOLD, cut_off, train_spans
from parallax.frame.spans import SPAN_TECHNIQUES, SpanScorer


def test_cut_off_reports_the_f05_best_cut_off_before_the_floor() -> None:
    # ten tokens the gold marks score 0.15, ninety others 0.05: every cut-off from 0.10 to 0.15
    # is perfect out of fold, the first of them (0.10) is the F0.5-best one, under the floor
    y = np.zeros(100, dtype=bool)
    y[:10] = True
    oof = np.where(y, 0.15, 0.05).astype(np.float32)
    shipped, entry = cut_off(oof, y)
    assert shipped == MIN_THRESHOLD
    assert entry["threshold"] == 0.1
    assert (entry["precision"], entry["recall"], entry["f1"], entry["n"]) == (1.0, 1.0, 1.0, 10.0)
    assert "0.20 floor" in entry["note"]


def test_cut_off_above_the_floor_needs_no_note() -> None:
    y = np.zeros(100, dtype=bool)
    y[:10] = True
    oof = np.where(y, 0.9, 0.3).astype(np.float32)
    shipped, entry = cut_off(oof, y)
    assert shipped == entry["threshold"] > MIN_THRESHOLD
    assert "note" not in entry


WORDS = ["the", "council", "met", "on", "monday", "to", "talk", "about", "roads", "and", "parks"]


def _made_up_semeval(root: Path, articles: int = 20) -> None:
    """A SemEval-2023 Task 3 layout: one article per file, one paragraph per line, paragraph
    labels and character spans of the two word-level techniques. Article 1018 falls in the
    fixed hold-out tenth."""
    lang = root / "en"
    (lang / "train-articles-subtask-3").mkdir(parents=True)
    (lang / "train-labels-subtask-3-spans").mkdir()
    labels, spans = [], []
    for a in range(articles):
        lines = []
        for p in range(3):
            words = [WORDS[(a + p + i) % len(WORDS)] for i in range(12)]
            if p == 1:
                words[4] = "disgraceful"
            if p == 2:
                words[6] = "clowns"
            lines.append(" ".join(words).capitalize() + ".")
        text = "\n".join(lines)
        (lang / "train-articles-subtask-3" / f"article{1000 + a}.txt").write_text(
            text, encoding="utf-8")
        for p, line in enumerate(lines):
            techniques = {1: "Loaded_Language", 2: "Name_Calling-Labeling"}.get(p, "")
            labels.append(f"{1000 + a}\t{p + 1}\t{techniques}")
            for word, technique in (("disgraceful", "Loaded_Language"),
                                    ("clowns", "Name_Calling-Labeling")):
                if word in line:
                    start = text.index(line) + line.index(word)
                    spans.append(f"{1000 + a}\t{technique}\t{start}\t{start + len(word)}")
    (lang / "train-labels-subtask-3.txt").write_text("\n".join(labels) + "\n", encoding="utf-8")
    (lang / "train-labels-subtask-3-spans" / "spans.txt").write_text("\n".join(spans) + "\n",
                                                                     encoding="utf-8")


def test_train_spans_writes_the_floor_into_card_and_model(tmp_path: Path) -> None:
    _made_up_semeval(tmp_path / "data")
    card = train_spans(tmp_path / "data", tmp_path / "out")
    assert card["threshold_floor"] == MIN_THRESHOLD
    assert json.loads((tmp_path / "out" / "spans.card.json").read_text()) == card
    scorer = SpanScorer.load(tmp_path / "out" / "spans.npz")
    assert scorer.meta["threshold_floor"] == MIN_THRESHOLD
    assert all(t >= MIN_THRESHOLD for t in scorer.thresholds)
    for j, label in enumerate(SPAN_TECHNIQUES):
        entry = card["cross_validation"][label]
        # the card's cut-off is the unfloored one; the model's is it or the floor
        assert scorer.thresholds[j] == np.float32(max(MIN_THRESHOLD, entry["threshold"]))
        assert ("note" in entry) == (entry["threshold"] < MIN_THRESHOLD)


def test_train_techniques_writes_each_labels_precision_floor(tmp_path: Path) -> None:
    from parallax.frame import tasks

    _made_up_semeval(tmp_path / "data")
    card = tasks.train("techniques", tmp_path / "data", tmp_path / "out", folds=3)
    labels = tasks.load_models("techniques", tmp_path / "out")["techniques"].labels
    assert card["min_precision"] == tasks.min_precision("techniques", labels)
    assert card["min_precision"]["Doubt"] == tasks.STRICT_MIN_PRECISION
    assert card["min_precision"]["Loaded_Language"] == tasks.TECHNIQUE_MIN_PRECISION
    assert list(card)[-1] == "min_precision"  # where the shipped card has it
    assert json.loads((tmp_path / "out" / "techniques.card.json").read_text()) == card
