"""Portrayal and roles end to end: what ``parallax analyze`` emits, scored on held-out data.

    .venv/bin/python scripts/eval_portrayal.py [--models DIR] [--only persent,basil,roles]
        [--model-leans]   # portrayal_model_leans = true (default: the author's labels only)
        [--language RU]   # roles on another language's SemEval-2025 hold-out tenth

- PerSenT: the held-out third of ``sentiment/persent/dev.csv`` (never fitted or tuned on).
- BASIL: hand labels in ``benchmarks/data/basil-portrayal.jsonl`` for articles of
  ``stories/basil-tune.jsonl`` (not used in training or tuning).
- Opinion (``--only opinion``): shown leans against the portrayal SemEval-2025 gold main roles
  imply (Antagonist negative, Protagonist / Innocent positive) on its training documents.
- Roles: the English documents of the SemEval-2025 T10 hold-out tenth; Parallax finds the
  mentions itself; a gold mention without a role emitted for its entity counts as wrong.
Each with the trivial baselines (everyone neutral; everyone Antagonist).
Article text goes to git-ignored ``build/portrayal/``; nothing of it is printed.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

from parallax.frame import metrics
from parallax.frame.datasets import held_out, read_semeval2025
from parallax.frame.endtoend import analyse_files, entities_at, models_config, role_at
from parallax.frame.portrayal import LABELS
from parallax.frame.portrayal_eval import predicted_portrayal, read_labels, write_texts
from parallax.frame.portrayal_train import persent_held_out, read_persent, shown_precision
from parallax.settings import Config

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "datasets"
WORK = ROOT / "build" / "portrayal"


def macro(gold: list[str], pred: list[str]) -> float:
    return round(metrics.macro_f1(gold, pred, LABELS), 3)


def summary(gold: list[str], pred: list[str]) -> dict[str, object]:
    return {"n": len(gold), "macro_f1": macro(gold, pred),
            "accuracy": round(sum(g == p for g, p in zip(gold, pred, strict=True))
                              / max(1, len(gold)), 3),
            "all_neutral_macro_f1": macro(gold, ["neutral"] * len(gold)),
            "precision_shown": shown_precision(gold, pred),
            "gold": dict(Counter(gold)), "predicted": dict(Counter(pred))}


LEANS = {"on": False}


def config(models: Path | None) -> Config:
    """The analyze configuration, with ``portrayal_model_leans`` as asked (``--model-leans``)."""
    out = models_config(models)
    out.values["portrayal_model_leans"] = LEANS["on"]
    return out


def persent(models: Path | None) -> dict[str, object]:
    articles = [a for a in read_persent(DATA / "sentiment" / "persent" / "dev.csv")
                if persent_held_out(a.id)]
    paths = write_texts(WORK / "persent", [(a.id, a.title, a.text) for a in articles])
    analysed = analyse_files(paths, config(models))
    pred = [predicted_portrayal(x, a.target) for x, a in zip(analysed, articles, strict=True)]
    return summary([a.label for a in articles], pred)


def basil(models: Path | None) -> dict[str, object]:
    labels = read_labels(ROOT / "benchmarks" / "data" / "basil-portrayal.jsonl")
    rows = {f"{r['event']}:{r['outlet']}": r for r in map(
        json.loads, (DATA / "stories" / "basil-tune.jsonl").read_text("utf-8").splitlines())}
    docs = sorted({g.doc for g in labels})
    paths = write_texts(WORK / "basil", [(d.replace(":", "_"), rows[d]["title"], rows[d]["text"])
                                         for d in docs])
    analysed = dict(zip(docs, analyse_files(paths, config(models)), strict=True))
    pred = [predicted_portrayal(analysed[g.doc], g.entity) for g in labels]
    return summary([g.label for g in labels], pred)


def roles(models: Path | None, language: str = "EN") -> dict[str, object]:
    docs = [d for d in read_semeval2025(DATA / "semeval2025-task10" / "train" / language)
            if held_out(d.id) and d.roles and d.path is not None]
    analysed = analyse_files([d.path for d in docs if d.path is not None], config(models))
    gold_fine, pred_fine, gold_main, pred_main = [], [], [], []
    shown = shown_right = 0
    for d, a in zip(docs, analysed, strict=True):
        cast: dict[str, Counter[str]] = {}
        for g in d.roles:
            for name in entities_at(d.text, g.start, g.end, a)[:1] if a is not None else []:
                cast.setdefault(name, Counter())[g.main_role] += 1
        for r in a.roles if a is not None else []:
            shown += 1  # right: an entity the annotators cast in that main role
            shown_right += r.entity in cast and r.main_role == cast[r.entity].most_common(1)[0][0]
        for g in d.roles:
            r = role_at(d.text, g.start, g.end, a)
            gold_fine.append(g.fine_roles)
            gold_main.append(g.main_role)
            pred_fine.append(r.fine_roles if r else [])
            pred_main.append(r.main_role if r else "")
    fine_counts = Counter(f for fs in gold_fine for f in fs if len(fs) == 1)
    best_antagonist = max((f for f in fine_counts), key=lambda f: fine_counts[f]
                          if f in ("Instigator", "Conspirator", "Tyrant", "Foreign Adversary",
                                   "Traitor", "Spy", "Saboteur", "Corrupt", "Incompetent",
                                   "Terrorist", "Deceiver", "Bigot") else -1)
    n = len(gold_main)
    return {"documents": len(docs), "mentions": n,
            "exact_match_ratio": round(metrics.exact_match_ratio(gold_fine, pred_fine), 3),
            "main_accuracy": round(sum(g == p for g, p in zip(gold_main, pred_main,
                                                              strict=True)) / max(1, n), 3),
            "no_role": sum(1 for p in pred_main if not p),
            "roles_shown": shown, "shown_precision": round(shown_right / max(1, shown), 3),
            "all_antagonist_main_accuracy": round(gold_main.count("Antagonist") / max(1, n), 3),
            "all_antagonist_exact_match": round(metrics.exact_match_ratio(
                gold_fine, [[best_antagonist]] * n), 3),
            "all_antagonist_fine": best_antagonist}


#: the portrayal a SemEval-2025 main role implies (an Innocent is written about with sympathy)
ROLE_POLARITY = {"Antagonist": "negative", "Protagonist": "positive", "Innocent": "positive"}


def opinion(models: Path | None, language: str = "EN") -> dict[str, object]:
    """Shown leans against the portrayal the gold roles imply, on the SemEval-2025 *training*
    documents (the portrayal models never saw them; the hold-out tenth stays for the roles):
    per entity the pipeline found at a gold mention, its most frequent gold main role."""
    docs = [d for d in read_semeval2025(DATA / "semeval2025-task10" / "train" / language)
            if not held_out(d.id) and d.roles and d.path is not None]
    analysed = analyse_files([d.path for d in docs if d.path is not None], config(models))
    out: dict[str, dict[str, object]] = {}
    for scope in ("all", "opinion"):
        gold, pred = [], []
        for d, a in zip(docs, analysed, strict=True):
            if a is None or (scope == "opinion" and (a.genre is None
                                                     or a.genre.label != "opinion")):
                continue
            shown = {x.entity: x.polarity for x in a.portrayals}
            cast: dict[str, Counter[str]] = {}
            for g in d.roles:
                for name in entities_at(d.text, g.start, g.end, a)[:1]:
                    if name in shown:
                        cast.setdefault(name, Counter())[g.main_role] += 1
            for name, roles_of in cast.items():
                gold.append(ROLE_POLARITY[roles_of.most_common(1)[0][0]])
                pred.append(shown[name])
        out[scope] = {"entities": len(gold), "gold": dict(Counter(gold)),
                      "precision_shown": shown_precision(gold, pred)}
    return {"documents": len(docs), **out}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--models", type=Path, default=None)
    parser.add_argument("--only", default="persent,basil,roles")
    parser.add_argument("--model-leans", action="store_true")
    parser.add_argument("--language", default="EN", help="SemEval-2025 language for roles")
    args = parser.parse_args()
    LEANS["on"] = args.model_leans
    out: dict[str, object] = {}
    for name in args.only.split(","):
        started = time.perf_counter()
        out[name] = (roles(args.models, args.language) if name == "roles" else
                     {"persent": persent, "basil": basil, "opinion": opinion}[name](args.models))
        print(name, json.dumps(out[name]), f"({time.perf_counter() - started:.0f} s)",
              file=sys.stderr, flush=True)
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
