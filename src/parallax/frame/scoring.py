"""Scoring a predictions file, written in the gold format of its task, against the gold data.

This is what ``parallax evaluate TASK GOLD --pred FILE`` runs, so predictions from any system
(ours, a colleague's, a shared-task submission) are scored with the same official metrics:

- genre: ``ID<TAB>label``; frames: ``ID<TAB>Frame,Frame``
- techniques: ``ID<TAB>paragraph_number<TAB>Tech,Tech``
- narratives: ``file<TAB>narrative;...<TAB>subnarrative;...``
- roles: ``file<TAB>mention<TAB>start<TAB>end<TAB>main_role<TAB>fine_role...``

A gold item without a prediction counts as predicted empty (it is not skipped).
"""

from __future__ import annotations

from pathlib import Path

from parallax.errors import Code, ParallaxError
from parallax.frame import metrics
from parallax.frame.datasets import read_semeval2023, read_semeval2025
from parallax.frame.taxonomy import GENRES


def _lines(path: Path) -> list[list[str]]:
    if not path.is_file():
        raise ParallaxError(Code.NOT_FOUND, f"predictions file not found: {path}")
    return [line.rstrip("\n").split("\t") for line in
            path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _split(value: str, sep: str) -> list[str]:
    return [v.strip() for v in value.split(sep) if v.strip()]


def score_file(task: str, gold_dir: Path, pred: Path) -> dict[str, float]:
    rows = _lines(pred)
    if task in ("genre", "frames", "techniques"):
        articles = read_semeval2023(gold_dir)
        if task == "techniques":
            predicted = {(r[0], int(r[1])): _split(r[2] if len(r) > 2 else "", ",")
                         for r in rows if len(r) >= 2 and r[1].strip().isdigit()}
            gold, guess = [], []
            for a in articles:
                for number, p in enumerate(a.paragraphs, start=1):
                    if p.labelled:
                        gold.append(p.techniques)
                        guess.append(predicted.get((a.id, number), []))
            return {"micro_f1": metrics.micro_f1(gold, guess), "n": float(len(gold))}
        by_id = {r[0].strip(): r[1] if len(r) > 1 else "" for r in rows}
        if task == "genre":
            pairs = [(a.genre, by_id.get(a.id, "").strip()) for a in articles if a.genre]
            return {"macro_f1": metrics.macro_f1([g for g, _ in pairs], [p for _, p in pairs],
                                                 GENRES), "n": float(len(pairs))}
        framed = [a for a in articles if a.frames is not None]
        return {"micro_f1": metrics.micro_f1([a.frames or [] for a in framed],
                                             [_split(by_id.get(a.id, ""), ",") for a in framed]),
                "n": float(len(framed))}
    docs = read_semeval2025(gold_dir)
    if task == "narratives":
        by_file = {r[0].strip(): r for r in rows}
        labelled = [d for d in docs if d.narratives]
        coarse = [_split(by_file.get(d.id, ["", "", ""])[1], ";") for d in labelled]
        fine = [_split([*by_file.get(d.id, ["", "", ""]), ""][2], ";") for d in labelled]
        return {"coarse_samples_f1": metrics.samples_f1([d.narratives or [] for d in labelled],
                                                        coarse),
                "fine_samples_f1": metrics.samples_f1([d.subnarratives or [] for d in labelled],
                                                      fine),
                "n": float(len(labelled))}
    if task == "roles":
        predicted_roles = {(r[0].strip(), r[1]): [f.strip() for f in r[5:] if f.strip()]
                           for r in rows if len(r) >= 6}
        offsets = {(r[0].strip(), int(r[2])): [f.strip() for f in r[5:] if f.strip()]
                   for r in rows if len(r) >= 6 and r[2].strip().isdigit()}
        gold_sets, guesses = [], []
        for d in docs:
            for role in d.roles:
                gold_sets.append(role.fine_roles)
                found = offsets.get((d.id, role.start)) or offsets.get((d.id, role.start - 1))
                guesses.append(found if found is not None
                               else predicted_roles.get((d.id, role.mention), []))
        return {"exact_match_ratio": metrics.exact_match_ratio(gold_sets, guesses),
                "n": float(len(gold_sets))}
    raise ParallaxError(Code.CONFIG, f"unknown task {task!r}")
