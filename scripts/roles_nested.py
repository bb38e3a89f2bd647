"""Roles end to end, nested out of fold by document, for a range of side-model cuts (issue 17).

    .venv/bin/python scripts/roles_nested.py [--cuts 0.7,0.5,0] [--language EN]

Why a second script beside ``roles_cv.py``: its ``--rescore`` reads the gate's recorded
out-of-fold probabilities, whose name columns were counted over every fold, applies neither
helper RG's guard nor any side cut, and sees only the documents the shipped side model lets have
roles. This one measures what changes when the side model's cut for roles moves
(``side.ROLES_THRESHOLD``, twenty-eighth session, docs/framing.md):

1. every candidate of every in-domain training document, recorded as ``make models`` records
   the gate's rows but with the side model bypassed, and the document's side row;
2. the side model refitted five times, each time without one fold's SemEval documents, and
   each document scored by the fit that never saw it (in sample, 100 of 172 documents reach
   0.7; out of fold, 85);
3. per cut, the gate refitted per fold (``role_gate_train.fit``: names counted on the training
   folds only) on the training folds' documents ``make models`` would record at that cut (their
   in-sample side probability, as ``make models`` runs the shipped side model), and each test
   entity decided by ``roles.cast_score``, the shipped rule with its guard, when its document's
   out-of-fold side probability reaches the cut.
4. beside the first cut, the shipped rule since the twenty-ninth session: the gate fitted from
   ``--headline-from`` (as ``make models`` records it), and documents from there up to the first
   cut (out-of-fold side probability)
   get roles only for the entities their headline names (the gate row's ``in_title``, a
   substring test: the shipped filter, ``role_gate.in_headline``, takes whole words since the
   thirtieth session, so this row may count a few more such entities than analyze shows).

Per cut: roles shown, right (the entity's most frequent gold main role), main-role accuracy per
gold mention (its entity got its gold main role; a mention whose entity is not found counts as
wrong), and the gain in right mentions over the first cut with a 95% document bootstrap. Only
numbers are printed; the recording stays in git-ignored ``build/roles-cv/``.
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from parallax.embeddings import CachedEncoder
from parallax.frame import role_gate, roles, side
from parallax.frame import role_gate_train as gate_train
from parallax.frame import trained as framing_module
from parallax.frame.endtoend import entities_at
from parallax.frame.training import fit_labeller, fold_of

ROOT = Path(__file__).resolve().parents[1]
DATASETS = ROOT.parent / "shared" / "datasets"
FOLDS = 5


def record(language: str) -> list[dict[str, Any]]:
    """Per training document: its candidates (name, polarity, gate row, gold main role), its
    gold mentions (main role, the candidate they name) and its side row and probability."""
    docs, analysed = gate_train.analysed_documents(DATASETS / "semeval2025-task10", language,
                                                    lambda m: print(m, file=sys.stderr))
    framing = framing_module.TrainedFraming()
    framing.models = dict(framing.models)  # a copy: ``load_models`` caches the shipped dict
    framing.models["roles-gate"] = gate_train.passthrough()
    shipped, state = framing.side, {}
    seen: list[tuple[list[tuple[str, str]], np.ndarray]] = []
    rows_of, sided = role_gate.entity_rows, framing_module.sided

    def bypass(model: Any, domains: set[str], document: np.ndarray, text: str,
               language: str | None) -> side.Sided:
        if shipped is not None and domains:
            state["p"] = side.contrarian(shipped, document, text, domains)
            state["row"] = side.side_row(document, text, domains)
        return side.Sided(domains, domains, False, None)

    def spy(article: Any, candidates: Any, domains: set[str], sentences: int) -> np.ndarray:
        rows: np.ndarray = rows_of(article, candidates, domains, sentences)
        seen.append(([(c.name, c.portrayal.polarity if c.portrayal else "neutral")
                      for c in candidates], rows))
        return rows

    framing_module.sided, roles.role_gate.entity_rows = bypass, spy
    out = []
    try:
        for d, a in zip(docs, analysed, strict=True):
            state.clear()
            seen.clear()
            if a is not None:
                framing.annotate(copy.deepcopy(a))
            gold: dict[str, Counter[str]] = {}
            for g in d.roles:
                for name in entities_at(d.text, g.start, g.end, a) if a is not None else []:
                    gold.setdefault(name, Counter())[g.main_role] += 1
            cands = ([{"name": n, "polarity": pol, "row": r,
                       "main": gold[n].most_common(1)[0][0] if n in gold else ""}
                      for (n, pol), r in zip(*seen[0], strict=True)] if seen else [])
            names = [c["name"] for c in cands]
            mentions = []
            for g in d.roles:
                found = entities_at(d.text, g.start, g.end, a) if a is not None else []
                mentions.append((g.main_role, next((x for x in found if x in names), None)))
            out.append({"doc": d.id, "candidates": cands, "mentions": mentions,
                        "side": state.get("p"), "side_row": state.get("row")})
    finally:
        framing_module.sided, roles.role_gate.entity_rows = sided, rows_of
    return out


def side_out_of_fold(documents: list[dict[str, Any]]) -> dict[str, float]:
    """Each in-domain document's side probability from a side model fitted without its fold."""
    encoder = CachedEncoder(ROOT / "build" / "embeddings.npz")
    x, gold, groups, _ = side.side_rows(DATASETS, encoder, lambda m: print(m, file=sys.stderr))
    encoder.save()
    fold = dict(zip([d["doc"] for d in documents],
                    fold_of([d["doc"] for d in documents], FOLDS), strict=True))
    out: dict[str, float] = {}
    for k in range(FOLDS):
        keep = np.array([fold.get(g, -1) != k for g in groups])
        model = fit_labeller(x[keep], gold[keep][:, None], [side.LABEL],
                             [g for g, kept in zip(groups, keep, strict=True) if kept],
                             c=side.C, folds=FOLDS, balanced=True, meta={}).model
        for d in documents:
            if fold[d["doc"]] == k and d["side_row"] is not None:
                out[d["doc"]] = float(np.asarray(model.proba(d["side_row"])).reshape(-1)[0])
    return out


def decide(documents: list[dict[str, Any]], oof: dict[str, float], cut: float,
           headline_from: float | None = None) -> dict[tuple[str, str], str]:
    """The roles shown at ``cut``, per (document, entity): gate refitted per fold on the
    training folds' documents recorded at ``cut``, the shipped ``roles.cast_score``; with
    ``headline_from``, documents from there up to ``cut`` get roles only for the entities their
    headline names (``side.HEADLINE_ROLES_THRESHOLD``, twenty-ninth session), and the gate is
    fitted on every candidate of the documents from ``headline_from``, as ``make models``
    records them (thirty-third session; before, on those from ``cut`` only, a gate ``make
    models`` no longer makes)."""
    low = cut if headline_from is None else min(cut, headline_from)
    titled = role_gate.FEATURES.index("in_title")
    ids = [d["doc"] for d in documents]
    fold = dict(zip(ids, fold_of(ids, FOLDS), strict=True))
    shown: dict[tuple[str, str], str] = {}
    for k in range(FOLDS):
        table = gate_train.Table()
        for d in documents:
            if fold[d["doc"]] != k and d["side"] is not None and d["side"] >= low:
                for c in d["candidates"]:
                    table.docs.append(d["doc"])
                    table.names.append(c["name"])
                    table.rows.append(c["row"])
                    table.cast.append(bool(c["main"]))
                    table.main.append(c["main"])
        gate, _ = gate_train.fit(table)
        for d in documents:
            p_side = oof.get(d["doc"], -1.0)
            if fold[d["doc"]] != k or p_side < low or not d["candidates"]:
                continue
            x = np.stack([c["row"] for c in d["candidates"]])
            named = role_gate.label_probabilities(gate, x, [c["name"] for c in d["candidates"]])
            unnamed = role_gate.label_probabilities(gate, x, [])
            for c, p, u in zip(d["candidates"], named, unnamed, strict=True):
                if p_side < cut and not c["row"][titled]:
                    continue
                if roles.cast_score(p, c["polarity"], gate, u) is not None:
                    shown[(d["doc"], c["name"])] = ("Protagonist" if c["polarity"] == "positive"
                                                    else "Antagonist")
    return shown


def per_document(documents: list[dict[str, Any]], shown: dict[tuple[str, str], str]
                 ) -> dict[str, tuple[int, int, int]]:
    """(right mentions, roles shown, roles right) per document."""
    out = {}
    for d in documents:
        gold = {c["name"]: c["main"] for c in d["candidates"]}
        mine = {name: role for (doc, name), role in shown.items() if doc == d["doc"]}
        out[d["doc"]] = (sum(e is not None and mine.get(e) == g for g, e in d["mentions"]),
                         len(mine), sum(gold.get(n) == r for n, r in mine.items()))
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cuts", default=f"{side.THRESHOLD},0.5,0")
    parser.add_argument("--language", default="EN")
    parser.add_argument("--headline-from", type=float, default=side.HEADLINE_ROLES_THRESHOLD,
                        help="also score roles at the first cut plus, from this side "
                             "probability, the entities the headline names")
    args = parser.parse_args()
    recorded = record(args.language)
    documents = [d for d in recorded if d["side"] is not None]  # inside a domain
    oof = side_out_of_fold(documents)
    mentions = sum(len(d["mentions"]) for d in recorded)
    scores: dict[str, Any] = {"documents": len(recorded), "gold_mentions": mentions,
                              "in_domain_documents": len(documents),
                              "in_domain_reaching_the_narrative_cut": {
                                  "in_sample": sum(d["side"] >= side.THRESHOLD
                                                   for d in documents),
                                  "out_of_fold": sum(p >= side.THRESHOLD
                                                     for p in oof.values())}}
    first: dict[str, tuple[int, int, int]] | None = None
    rng = np.random.default_rng(0)
    cuts = [(float(c), None) for c in args.cuts.split(",")]
    cuts.insert(1, (cuts[0][0], args.headline_from))
    for cut, headline_from in cuts:
        counts = per_document(documents, decide(documents, oof, cut, headline_from))
        right, shown, shown_right = (sum(v[i] for v in counts.values()) for i in range(3))
        row: dict[str, Any] = {"roles_shown": shown, "shown_right": shown_right,
                               "shown_precision": round(shown_right / max(1, shown), 3),
                               "main_accuracy": round(right / max(1, mentions), 3)}
        if first is None:
            first = counts
        else:
            diff = np.array([counts[k][0] - first[k][0] for k in counts])
            boot = [diff[rng.integers(0, len(diff), len(diff))].sum() for _ in range(2000)]
            row["gain_over_first_cut"] = [int(diff.sum()),
                                          [float(v) for v in np.percentile(boot, [2.5, 97.5])]]
        scores[f"roles from side {cut}" + (f", headline-named from {headline_from}"
                                           if headline_from is not None else "")] = row
    print(json.dumps(scores, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
