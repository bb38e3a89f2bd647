"""Roles end to end, out of fold on the SemEval-2025 *training* documents (issue 17).

    .venv/bin/python scripts/roles_cv.py [--language EN] [--folds 5]

The hold-out tenth has 54 English role mentions: too few to choose a decision rule on, and
choosing there would spoil it. This script gives the same end-to-end measurement on the
training documents without fitting on them: the role models are refitted k times, each time
without one fold of documents (all languages' other documents kept), and the documents of that
fold go through what ``parallax analyze`` makes of them with the models that never saw them.
Per entity it records the inputs of ``roles.choose_role`` (mean role probabilities, the
portrayal) and the setting test of ``roles.may_get_role``, so that decision rules can be
compared on ~600 mentions instead of 54. Output: the scores of ``rescore`` as JSON on stdout;
the analysed articles and the recorded inputs are kept in git-ignored ``build/roles-cv/``.

``--rescore`` skips the refitting (40 minutes on 2 busy cores) and applies the current
decision to the recorded inputs: the learned gate (``roles.cast_score`` over the gate's
out-of-fold probabilities, ``build/roles-cv/gate-<LANG>.json`` from ``python -m
parallax.frame.role_gate_train``) as the shipped row, with its curve, and the hand rule
``may_get_role`` + ``choose_role`` (the shipped model's base rates and
role hierarchy), for the shipped constants and the alternatives in docs/portrayal.md. It also
scores the shown roles per entity: how many were shown, and how many went to an entity the
annotators cast in that main role (its most frequent gold main role) -- a role on an entity
nobody annotated counts as wrong. Its exact match is that of `framing_fine_roles = true`: by
default (tenth session) `analyze` shows no fine role, so the default's exact match is 0.
``--rescore`` applies neither the side model's cut for roles nor helper RG's guard, and the
gate's names were counted over every fold: ``scripts/roles_nested.py`` (twenty-eighth session)
measures the shipped decision nested out of fold for a range of side cuts.
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from parallax.embeddings import CachedEncoder
from parallax.frame import metrics, role_gate_train, roles
from parallax.frame.datasets import held_out, read_semeval2025
from parallax.frame.domains import in_domains
from parallax.frame.endtoend import entities_at, role_at
from parallax.frame.linear import LinearLabeller
from parallax.frame.tasks import C_DENSE, FINE_ROLES, _labels, build_rows, roles_seen
from parallax.frame.trained import ROLE_TYPES, TrainedFraming
from parallax.frame.training import fit_labeller, fold_of, label_matrix
from parallax.records import Article, Mention, PortrayalLabel

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "datasets" / "semeval2025-task10"
WORK = ROOT / "build" / "roles-cv"


def fold_models(rows: Any, keep: np.ndarray) -> dict[str, LinearLabeller]:
    """The role models as ``parallax train roles`` fits them, on the rows ``keep`` only."""
    sub = type(rows)(rows.x[keep], [rows.gold[i] for i in np.flatnonzero(keep)],
                     [rows.groups[i] for i in np.flatnonzero(keep)],
                     [rows.languages[i] for i in np.flatnonzero(keep)],
                     extra={"main": [rows.extra["main"][i] for i in np.flatnonzero(keep)]})
    models = {}
    for name, labels in _labels("roles", sub).items():
        gold = sub.extra["main"] if name == "roles-main" else sub.gold
        models[name] = fit_labeller(sub.x, label_matrix(gold, labels), labels, sub.groups,
                                    c=C_DENSE, folds=3, balanced=True,
                                    meta={"task": "roles", "languages":
                                          sorted(set(sub.languages))}).model
    hierarchy = dict(FINE_ROLES)
    for main, fines in roles_seen(sub).items():
        hierarchy[main] = tuple(dict.fromkeys([*hierarchy.get(main, ()), *fines]))
    models["roles-main"].meta["hierarchy"] = {k: list(v) for k, v in hierarchy.items()}
    main_gold = label_matrix(sub.extra["main"], models["roles-main"].labels)
    models["roles-main"].meta["priors"] = [round(float(v), 4) for v in main_gold.mean(0)]
    return models


def record(framing: TrainedFraming, article: Article) -> dict[str, dict[str, Any]]:
    """Annotate ``article`` and keep what the role decision saw for each entity (by name): the
    inputs of ``roles.choose_role`` and whether ``roles.setting_place`` holds. Every portrayed
    in-domain entity is recorded (the setting test is noted, not applied), so that ``rescore``
    can apply ``roles.may_get_role`` itself."""
    seen: dict[str, dict[str, Any]] = {}
    setting: dict[str, bool] = {}
    import parallax.frame.trained as trained

    gate, choose = roles.may_get_role, trained.choose_role

    def spy_gate(portrayal: PortrayalLabel | None, in_domain: bool, text: str = "",
                 mentions: Sequence[Mention] = (), min_sentences: int | None = None) -> bool:
        if portrayal is not None:
            setting[portrayal.entity] = roles.setting_place(text, list(mentions))
        return gate(portrayal, in_domain, "", (), min_sentences)

    def spy_choose(pm: np.ndarray, pf: np.ndarray, main: LinearLabeller, fine: LinearLabeller,
                   portrayal: PortrayalLabel) -> tuple[str, list[str], float] | None:
        seen[portrayal.entity] = {"pm": pm.tolist(), "pf": pf.tolist(),
                                  "polarity": portrayal.polarity, "score": portrayal.score,
                                  "mentions": portrayal.mentions,
                                  "setting": setting.get(portrayal.entity, False)}
        return choose(pm, pf, main, fine, portrayal)

    roles.may_get_role, trained.choose_role = spy_gate, spy_choose
    try:
        framing.annotate(article)
    finally:
        roles.may_get_role, trained.choose_role = gate, choose
    return seen


def settings_from_cache(path: Path) -> dict[tuple[str, str], bool]:
    """``setting_place`` per (document, entity) from the analysed articles kept beside a
    recording made before the setting test was recorded (fourth session): the same mentions the
    pipeline found, so ``rescore`` applies the shipped gate to old recordings too."""
    cache = path.with_name(path.name.replace("oof-", "analysed-").replace(".json", ".jsonl"))
    data = json.loads(path.read_text(encoding="utf-8"))
    if not cache.exists():
        return {}
    out: dict[tuple[str, str], bool] = {}
    language = path.stem.removeprefix("oof-")
    # the cache is in the order ``record_folds`` read the documents, the recording in fold order
    ids = [d.id for d in read_semeval2025(DATA / "train" / language)
           if not held_out(d.id) and d.roles and d.path is not None]
    lines = cache.read_text(encoding="utf-8").splitlines()
    articles = dict(zip(ids, lines, strict=True))
    for doc in data["documents"]:
        raw = json.loads(articles.get(doc["doc"], "null"))
        if not raw:
            continue
        article = Article.from_dict(raw)
        by_name: dict[str, list[Mention]] = {}
        for m in article.entities:
            if m.type in ROLE_TYPES:  # the mentions ``TrainedFraming._roles`` passes
                by_name.setdefault(m.canonical, []).append(m)
        for e in doc["entities"]:
            out[(doc["doc"], e["name"])] = roles.setting_place(article.text,
                                                               by_name.get(e["name"], []))
    return out


def rescore(path: Path, gate: dict[tuple[str, str], list[float]] | None = None,
            model: LinearLabeller | None = None) -> dict[str, Any]:
    """Mention- and entity-level scores of the current ``may_get_role`` + ``choose_role`` on
    recorded inputs; with ``gate`` (out-of-fold probabilities per (document, entity) and label,
    ``role_gate_train``) and the gate ``model`` (its thresholds and rates), of
    ``roles.cast_score`` / ``gate_decision`` + ``cast_role`` / ``choose_role`` instead, as
    ``roles.role_candidates`` applies them."""
    from parallax.frame.bundle import bundled_dir

    main = LinearLabeller.load(Path(bundled_dir()) / "roles-main.npz")
    fine = LinearLabeller.load(Path(bundled_dir()) / "roles-fine.npz")
    data = json.loads(path.read_text(encoding="utf-8"))
    name_of = {(d["doc"], json.dumps(e["pm"])): e["name"]
               for d in data["documents"] for e in d["entities"]}
    cached = settings_from_cache(path) if any(
        "setting" not in e for d in data["documents"] for e in d["entities"]) else {}
    setting_of: dict[tuple[str, str], bool] = {}
    for doc in data["documents"]:
        for e in doc["entities"]:
            flag = e.get("setting", cached.get((doc["doc"], e["name"]), False))
            e["setting"] = flag
            setting_of[(doc["doc"], json.dumps(e["pm"]))] = flag

    def decided(e: dict[str, Any] | None, doc: str) -> tuple[str, list[str], float] | None:
        if e is None:
            return None
        label = PortrayalLabel("x", e["polarity"], e["score"], e["mentions"])
        may = roles.may_get_role(label, True) and not \
            e.get("setting", setting_of.get((doc, json.dumps(e["pm"])), False))
        how = "hand" if may else None
        if gate is not None and model is not None:
            probs = np.asarray(gate.get((doc, name_of.get((doc, json.dumps(e["pm"])), "")),
                                        [0.0] * len(model.labels)))
            score = roles.cast_score(probs, label.polarity, model)
            if score is not None:
                return roles.cast_role(np.asarray(e["pf"]), main, fine, label, score)
            how = "hand" if roles.gate_decision(float(probs[0]), may, model) == "hand" else None
        if how == "hand":
            return roles.choose_role(np.asarray(e["pm"]), np.asarray(e["pf"]), main, fine,
                                     label)
        return None

    cast: dict[tuple[str, str], Counter[str]] = {}
    for m in data["mentions"]:
        if m["decided"] is not None:
            key = (m["doc"], json.dumps(m["decided"]["pm"]))
            cast.setdefault(key, Counter())[m["gold_main"]] += 1
    shown = right = 0
    for doc in data["documents"]:
        for e in doc["entities"]:
            role = decided(e, doc["doc"])
            if role is not None:
                shown += 1
                gold = cast.get((doc["doc"], json.dumps(e["pm"])))
                right += gold is not None and role[0] == gold.most_common(1)[0][0]
    mentions = data["mentions"]
    roles_ = [decided(m["decided"], m["doc"]) for m in mentions]
    n = len(mentions)
    return {
        "mentions": n, "documents": len(data["documents"]),
        "exact_match": round(metrics.exact_match_ratio(
            [m["gold_fine"] for m in mentions], [r[1] if r else [] for r in roles_]), 3),
        "main_accuracy": round(sum(r is not None and r[0] == m["gold_main"]
                                   for r, m in zip(roles_, mentions, strict=True)) / n, 3),
        "no_role": sum(r is None for r in roles_),
        "all_antagonist_main": round(sum(m["gold_main"] == "Antagonist" for m in mentions) / n,
                                     3),
        "roles_shown": shown, "roles_per_document": round(shown / len(data["documents"]), 2),
        "shown_right": right, "shown_precision": round(right / max(1, shown), 3),
        "annotated_entities": len(cast)}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--language", default="EN")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--rescore", action="store_true")
    args = parser.parse_args()
    path = WORK / f"oof-{args.language}.json"
    if not args.rescore:
        record_folds(args.language, args.folds, path)
    scores: dict[str, Any] = {}
    gate_path = WORK / f"gate-{args.language}.json"
    if gate_path.exists():  # written by ``python -m parallax.frame.role_gate_train``
        from parallax.frame.bundle import load_models

        shipped = load_models("").get("roles-gate")
        if shipped is not None:
            cast = {(r["doc"], r["name"]): [float(r["p"]), float(r.get("p_antagonist", 0.0))]
                    for r in json.loads(gate_path.read_text(encoding="utf-8"))}
            meta = shipped.meta
            name = (f"shipped: learned gate, threshold {meta['threshold']}, Antagonist from "
                    f"{meta.get('antagonist_threshold')}, hand rule from "
                    f"{meta.get('hand_threshold')}")
            scores[name] = rescore(path, cast, shipped)
            curve: dict[str, Any] = {}
            keep = ("exact_match", "main_accuracy", "roles_shown", "roles_per_document",
                    "shown_right", "shown_precision")
            cut = "antagonist_threshold" if "Antagonist" in shipped.labels else "threshold"
            for hand in (1.0, 0.2):  # 1.0: the gate alone
                for t in np.arange(0.0, 0.71, 0.05):
                    probe = copy.deepcopy(shipped)
                    probe.meta.update({cut: round(float(t), 2), "hand_threshold": hand})
                    curve[f"{cut} {t:.2f}, hand rule from {hand}"] = {
                        k: v for k, v in rescore(path, cast, probe).items() if k in keep}
            scores["learned gate curve"] = curve
    constants = (roles.ROLE_MIN_SENTENCES, roles.ROLE_PRIOR_POWER)
    for name, (minimum, power) in {"hand rule (fifth session)": constants,
                                   "before (1 sentence, ratio)": (1, 1.0),
                                   "1 sentence": (1, constants[1]),
                                   "3 sentences": (3, constants[1])}.items():
        roles.ROLE_MIN_SENTENCES, roles.ROLE_PRIOR_POWER = minimum, power
        scores[name] = rescore(path)
    roles.ROLE_MIN_SENTENCES, roles.ROLE_PRIOR_POWER = constants
    print(json.dumps(scores, indent=2))
    return 0


def record_folds(language: str, folds: int, path: Path) -> None:
    """Refit the role models per fold and record, for each training document of ``language``,
    what the role decision saw for each of its top entities (every entity: the sentence minimum is
    set to 1 while recording, so that ``rescore`` can try any minimum)."""
    say = lambda m: print(m, file=sys.stderr, flush=True)  # noqa: E731
    encoder = CachedEncoder(ROOT / "build" / "embeddings.npz")
    rows = build_rows("roles", DATA, encoder, "train", say)
    fold = fold_of(rows.groups, folds)
    docs = [d for d in read_semeval2025(DATA / "train" / language)
            if not held_out(d.id) and d.roles and d.path is not None]
    WORK.mkdir(parents=True, exist_ok=True)
    # the gate trainer's cache, keyed by the documents and the package's files (thirty-third
    # session: an unkeyed cache outlived the code that wrote it)
    cached, analysed = role_gate_train.analysed_documents(DATA, language, say)
    assert [d.id for d in cached] == [d.id for d in docs]
    doc_fold = {g: int(f) for g, f in zip(rows.groups, fold, strict=True)}
    out: list[dict[str, Any]] = []
    docs_out: list[dict[str, Any]] = []
    framing = TrainedFraming()
    # the hand-rule path records every candidate's role inputs (minimum 1 sentence below); the
    # learned gate's out-of-fold probabilities come from ``role_gate_train``
    framing.models = dict(framing.models)  # a copy: ``load_models`` caches the shipped dict
    framing.models.pop("roles-gate", None)
    shipped = dict(framing.models)
    minimum = roles.ROLE_MIN_SENTENCES
    roles.ROLE_MIN_SENTENCES = 1
    for k in range(folds):
        framing.models.update(fold_models(rows, fold != k))
        for d, a in zip(docs, analysed, strict=True):
            if doc_fold.get(d.id) != k:
                continue
            entities: dict[str, dict[str, Any]] = {}
            if a is not None:
                a = copy.deepcopy(a)
                entities = record(framing, a)
            touched: set[str] = set()
            for g in d.roles:
                touched.update(entities_at(d.text, g.start, g.end, a) if a is not None else [])
            docs_out.append({"doc": d.id, "entities": [
                {"name": name, "gold": name in touched, **seen_} for name, seen_ in
                entities.items()]})
            for g in d.roles:
                r = role_at(d.text, g.start, g.end, a)
                names = entities_at(d.text, g.start, g.end, a) if a is not None else []
                seen = next((entities[x] for x in names if x in entities), None)
                out.append({"doc": d.id, "gold_main": g.main_role, "gold_fine": g.fine_roles,
                            "main": r.main_role if r else "",
                            "fine": r.fine_roles if r else [],
                            "found": bool(names), "in_domain": a is not None and bool(
                                in_domains(f"{a.title}\n{a.text}")),
                            "decided": seen})
        say(f"fold {k + 1}/{folds}: {len(out)} mentions")
    framing.models.update(shipped)
    roles.ROLE_MIN_SENTENCES = minimum
    path.write_text(json.dumps({"mentions": out, "documents": docs_out}) + "\n",
                    encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
