"""Story grouping on real events (``../shared/datasets/stories/basil-tune.jsonl``): end-to-end
scores, a settings grid on the tuning half, cross-validation by event folds, and the TF-IDF +
average-link baseline without dates.

    # once per form: what a user runs (the folders hold the dataset in each shape, build/ only)
    python benchmarks/tune_stories.py write
    F=dated  # then undated, mixed
    parallax ingest build/basil/$F --db build/basil/$F.db --json > build/basil/$F.ingest.jsonl
    parallax stories --db build/basil/$F.db --json > build/basil/$F.stories.jsonl
    python benchmarks/tune_stories.py score           # scores the --json outputs, by half
    python benchmarks/tune_stories.py grid            # re-clusters the stored analyses in-process
    python benchmarks/tune_stories.py baseline

The grid re-clusters the articles already analysed in ``build/basil/<form>.db`` with the same
clusterer ``parallax stories --rebuild`` runs, for each setting, and scores each half apart.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import re
from collections import Counter
from pathlib import Path
from typing import Any

from parallax.heldback import held_back
from parallax.records import Article
from parallax.settings import Config
from parallax.store.base import open_store
from parallax.stories import realnews
from parallax.stories.incremental import IncrementalClusterer
from parallax.stories.index import StoryIndex

DATA = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "stories" / "basil-tune.jsonl"
BUILD = Path("build/basil")


def _events(which: str, rows: list[dict[str, Any]]) -> set[str]:
    if which == "all":
        return {r["event"] for r in rows}
    if which.startswith("fold"):
        return {r["event"] for r in realnews.fold(rows, int(which[4:]))}
    return {r["event"] for r in realnews.half(rows, which)}


def _restrict(gold: dict[str, str], pred: dict[str, str], events: set[str]
              ) -> tuple[dict[str, str], dict[str, str]]:
    g = {k: v for k, v in gold.items() if v in events}
    return g, {k: pred[k] for k in g}


def _line(name: str, s: dict[str, float]) -> str:
    return (f"{name:<22} F1 {s['bcubed_f1']:.3f} (P {s['bcubed_precision']:.3f} "
            f"R {s['bcubed_recall']:.3f})  pairwise P {s['pairwise_precision']:.3f} "
            f"R {s['pairwise_recall']:.3f}  stories {int(s['stories'])}/{int(s['events'])}")


# JSONL lines with their URL but no ``published``: what a scraper's export often holds. The
# reader dates a line by a full day its URL states (74 of the 90); the "undated" form (plain
# text, no address) stays the measure of content alone
URL_ONLY = "undated_url"
FORMS = (*realnews.FORMS, URL_ONLY)


def _write_url_only(rows: list[dict[str, Any]], folder: Path) -> dict[str, str]:
    folder.mkdir(parents=True, exist_ok=True)
    jsonl = folder / "articles.jsonl"
    jsonl.write_text("".join(json.dumps({k: row[k] for k in ("url", "title", "text", "outlet")},
                                        ensure_ascii=False) + "\n" for row in rows),
                     encoding="utf-8")
    return {f"{jsonl}#line-{n}": row["event"] for n, row in enumerate(rows, 1)}


def cmd_write(_: argparse.Namespace) -> None:
    rows = realnews.read_events(DATA)
    for form in FORMS:
        gold = _write_url_only(rows, BUILD / form) if form == URL_ONLY else \
            realnews.write_inputs(rows, BUILD / form, form)
        (BUILD / f"{form}.gold.json").write_text(json.dumps(gold), encoding="utf-8")


def cmd_score(args: argparse.Namespace) -> None:
    rows = realnews.read_events(DATA)
    for form in args.forms:
        gold = json.loads((BUILD / f"{form}.gold.json").read_text(encoding="utf-8"))
        out = Path(args.dir)
        stories = [json.loads(x) for x in (out / f"{form}.stories.jsonl").read_text(
            encoding="utf-8").splitlines() if x.strip()]
        inputs = {a["id"]: a["input"] for s in stories for a in s.get("articles", [])}
        for line in (out / f"{form}.ingest.jsonl").read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            for a in record.get("articles", []):
                if a["role"] == "main":
                    inputs.setdefault(a["id"], record["input"])
        pred = realnews.predicted(inputs, stories, gold)
        for which in ("all", "tune", "held"):
            g, p = _restrict(gold, pred, _events(which, rows))
            print(_line(f"{form} {which}", realnews.scores(g, p)))


def _config(overrides: dict[str, Any]) -> Config:
    config = Config()
    for k, v in overrides.items():
        config.values[k] = v
    return config


def recluster(articles: list[Article], config: Config) -> dict[str, str]:
    stories = IncrementalClusterer(config).cluster(articles, [])
    return {a: s.id for s in stories for a in s.article_ids}


ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "stories_gold"
DEMO = ROOT / "src" / "parallax" / "demo"
FICTIONAL = ("gold", "gold-undated", "gold-undated-url", "demo")


def _fictional_gold(form: str, articles: list[Article]) -> dict[str, str]:
    """Gold by input for the project's own sets: the multilingual stories gold (``gold``) and
    the demo corpus (``demo``), as tests/test_stories.py reads them."""
    if form.startswith("gold"):
        doc = json.loads((GOLD / "gold.json").read_text(encoding="utf-8"))
        lines = (GOLD / "articles.jsonl").read_text(encoding="utf-8").splitlines()
        ids = {f"#line-{n}": json.loads(x)["id"] for n, x in enumerate(lines, 1) if x.strip()}
        return {a.input: doc["assignments"][ids["#" + a.input.rsplit("#", 1)[1]]]
                for a in articles if a.role == "main"}
    doc = json.loads((DEMO / "gold.json").read_text(encoding="utf-8"))
    gold = {}
    for d in doc["documents"]:
        if d["role"] != "main":
            continue
        name = Path(d["file"]).name
        for a in articles:
            if Path(a.input.split("#")[0]).name == name and a.role == "main" and (
                    d["title"] is None or a.title == d["title"]):
                gold[a.input] = d["event"]
    return gold


def load_form(form: str) -> tuple[list[Article], dict[str, str]]:
    """Articles analysed once by ``parallax ingest`` (build/basil/FORM.db) and their gold."""
    if form == "gold-mixed":
        # the stories gold with about half its lines dated (by URL hash, as realnews.dated
        # picks basil articles): the dated lines' analyses from gold.db, the rest from
        # gold-undated.db, so a mixed ingest is scored without a third analysis run
        dated_articles, dated_gold = load_form("gold")
        undated_articles, undated_gold = load_form("gold-undated")

        # by the line's URL in the gold file (the undated lines carry none)
        urls = {f"#line-{n}": json.loads(x)["url"] for n, x in enumerate(
            (GOLD / "articles.jsonl").read_text(encoding="utf-8").splitlines(), 1) if x.strip()}

        def keep(a: Article) -> bool:
            return realnews.dated({"url": urls["#" + a.input.rsplit("#", 1)[1]]})

        articles = [a for a in dated_articles if a.role != "main" or keep(a)] + [
            a for a in undated_articles if a.role == "main" and not keep(a)]
        return articles, {a.input: dated_gold.get(a.input) or undated_gold[a.input]
                          for a in articles if a.role == "main"}
    if form in FICTIONAL:
        db = BUILD / f"{form}.db"
        if not db.exists():
            from parallax.runner import ingest

            source = GOLD / "articles.jsonl" if form == "gold" else DEMO / "corpus"
            if form.startswith("gold-undated"):  # the same lines without their dates
                # (and without the URLs, which state the day, unless the form keeps them)
                dropped = {"published"} if form.endswith("-url") else {"published", "url"}
                source = BUILD / f"{form}.jsonl"
                source.write_text("".join(
                    json.dumps({k: v for k, v in json.loads(x).items() if k not in dropped},
                               ensure_ascii=False) + "\n" for x in
                    (GOLD / "articles.jsonl").read_text(encoding="utf-8").splitlines()
                    if x.strip()), encoding="utf-8")
            store = open_store(db)
            ingest([str(source)], store, Config())
            store.close()
    store = open_store(BUILD / f"{form}.db")
    try:
        articles = store.articles(role=None)
    finally:
        store.close()
    if form in FICTIONAL:
        return articles, _fictional_gold(form, articles)
    return articles, json.loads((BUILD / f"{form}.gold.json").read_text(encoding="utf-8"))


def evaluate(articles: list[Article], gold: dict[str, str], config: Config,
             events: set[str]) -> dict[str, float]:
    """Cluster only the given events' articles (as if nothing else were ingested)."""
    chosen = [a for a in articles if gold.get(a.input) in events or a.role != "main"]
    story_of = recluster(chosen, config)
    pred = realnews.predicted({a.id: a.input for a in chosen if a.role == "main"},
                              [{"id": s, "article_ids": [a]} for a, s in story_of.items()],
                              {k: v for k, v in gold.items() if v in events})
    return realnews.scores({k: v for k, v in gold.items() if v in events}, pred)


def _parse_grid(specs: list[str]) -> dict[str, list[Any]]:
    grid: dict[str, list[Any]] = {}
    for spec in specs:
        key, values = spec.split("=", 1)
        grid[key] = [json.loads(v) for v in values.split(",")]
    return grid


def cmd_grid(args: argparse.Namespace) -> None:
    rows = realnews.read_events(DATA)
    data = {form: load_form(form) for form in args.forms}
    grid = _parse_grid(args.set)
    keys = list(grid)
    results = []
    for values in itertools.product(*(grid[k] for k in keys)) if keys else [()]:
        config = _config(dict(zip(keys, values, strict=True)))
        row: dict[str, Any] = {"setting": dict(zip(keys, values, strict=True))}
        for form, (articles, gold) in data.items():
            for which in args.halves if form in FORMS else ["all"]:
                events = set(gold.values()) if form not in FORMS else \
                    _events(which, rows)
                row[f"{form}/{which}"] = evaluate(articles, gold, config, events)
        results.append(row)
        worst = min(r["bcubed_f1"] for k, r in row.items() if k != "setting")
        print(json.dumps(row["setting"]), f"worst F1 {worst:.3f}", " | ".join(
            f"{k} {r['bcubed_f1']:.3f}/{r['pairwise_precision']:.2f}"
            for k, r in row.items() if k != "setting"), flush=True)


def cmd_detail(args: argparse.Namespace) -> None:
    """Which events split or merge, for one setting."""
    rows = realnews.read_events(DATA)
    names = {r["event"]: r["event_name"] or r["title"] for r in rows}
    config = _config({k: v[0] for k, v in _parse_grid(args.set).items()})
    for form in args.forms:
        articles, gold = load_form(form)
        events = _events(args.halves[0], rows)
        chosen = [a for a in articles if gold.get(a.input) in events]
        title = {a.input: a.title for a in chosen}
        story_of = recluster(chosen, config)
        by_story: dict[str, list[str]] = {}
        for a in chosen:
            if a.role == "main":
                by_story.setdefault(story_of.get(a.id, "none"), []).append(a.input)
        print(f"== {form}")
        for members in by_story.values():
            evs = Counter(gold[m] for m in members)
            if len(evs) > 1 or any(len([1 for m in members if gold[m] == e]) < 3 for e in evs):
                print("  story:", "; ".join(f"[{names[gold[m]][:30]}] {title[m][:50]}"
                                            for m in members))


def scored_within(articles: list[Article], gold: dict[str, str], config: Config,
                  events: set[str]) -> dict[str, float]:
    """Cluster all 30 events together and score only ``events``' articles: the other events
    stay in as distractors, as a real corpus has them."""
    story_of = recluster(articles, config)
    inputs = {a.id: a.input for a in articles if a.role == "main"}
    pred = realnews.predicted(inputs, [{"id": s, "article_ids": [a]}
                                       for a, s in story_of.items()], gold)
    g = {k: v for k, v in gold.items() if v in events}
    return realnews.scores(g, {k: pred[k] for k in g})


CV_GRID = {"story_similarity_threshold": [0.14, 0.18, 0.22],
           "story_date_weight": [0.06, 0.10, 0.14], "story_term_floor": [0.0, 0.12, 0.15, 0.18]}


def cmd_cv(args: argparse.Namespace) -> None:
    """Nested cross-validation by event folds: for each fold, choose the setting of CV_GRID
    that is best (worst of dated/undated/fictional-gold F1, the fictional gold's tuning half
    with and without dates) on the other four folds' events,
    then score the fold's articles within a clustering of all 30 events."""
    rows = realnews.read_events(DATA)
    data = {form: load_form(form) for form in ("dated", "undated", "mixed")}
    settings = [dict(zip(CV_GRID, v, strict=True)) for v in itertools.product(*CV_GRID.values())]
    # the worse of the fictional gold's tuning half with and without dates
    fictional_f1: dict[str, float] = {}
    for form in ("gold", "gold-undated"):
        articles, gold = load_form(form)
        odd = {e for e in gold.values() if not held_back(e)}
        for c in settings:
            f1 = evaluate(articles, gold, _config(c), odd)["bcubed_f1"]
            fictional_f1[json.dumps(c)] = min(f1, fictional_f1.get(json.dumps(c), 1.0))
    totals: dict[str, list[dict[str, float]]] = {f: [] for f in data}
    for k in range(realnews.FOLDS):
        test = _events(f"fold{k}", rows)
        train = {r["event"] for r in rows} - test

        def quality(c: dict[str, Any], train: set[str] = train) -> tuple[float, float]:
            f1 = [evaluate(*data[f], _config(c), train)["bcubed_f1"] for f in ("dated", "undated")]
            f1.append(fictional_f1[json.dumps(c)])
            return min(f1), sum(f1) / len(f1)

        best = max(settings, key=quality)
        line = [f"fold{k} chose {json.dumps(best)}"]
        for form, (articles, gold) in data.items():
            result = scored_within(articles, gold, _config(best), test)
            totals[form].append(result)
            line.append(f"{form} {result['bcubed_f1']:.3f}/{result['pairwise_precision']:.2f}")
        print(" | ".join(line), flush=True)
    for form, results in totals.items():
        # pool the folds' articles: every article is scored exactly once, out of fold
        n = sum(r["articles"] for r in results)
        pooled = {key: sum(r[key] * r["articles"] for r in results) / n
                  for key in ("bcubed_precision", "bcubed_recall", "bcubed_f1")}
        print(f"CV {form}: B-cubed F1 {pooled['bcubed_f1']:.3f} (P {pooled['bcubed_precision']:.3f}"
              f" R {pooled['bcubed_recall']:.3f}), pairwise P by fold "
              + " ".join(f"{r['pairwise_precision']:.2f}" for r in results))


def cmd_within(args: argparse.Namespace) -> None:
    """All 30 events clustered together (default settings or --set), scored on each half."""
    rows = realnews.read_events(DATA)
    config = _config({k: v[0] for k, v in _parse_grid(args.set).items()})
    for form in args.forms:
        articles, gold = load_form(form)
        for which in args.halves:
            print(_line(f"{form} {which}", scored_within(articles, gold, config,
                                                          _events(which, rows))))


#: what each signal contributes: the default with one signal taken out at a time
#: (keys "StoryIndex.x" switch a class attribute of the index for the run instead of a setting)
ABLATIONS: dict[str, dict[str, Any]] = {
    "default": {},
    "dates stand in for terms": {"StoryIndex.dates_confirm": False},
    "undated joins online": {"StoryIndex.undated_join_online": True},
    "late articles at the plain bar": {"StoryIndex.late_join_factor": 1.2},
    "no term floor": {"story_term_floor": 0.0},
    "no date evidence": {"story_date_weight": 0.0},
    "no terms (names + meaning)": {"story_lexical_weight": 0.0, "story_term_floor": 0.0},
    "no meaning (names + terms)": {"story_embedding_weight": 0.0},
    # names' 0.2 split 3:5 between meaning and terms (the two weights must sum under 1)
    "no names (meaning + terms)": {"story_embedding_weight": 0.37, "story_lexical_weight": 0.62},
    "no terms, no date evidence": {"story_lexical_weight": 0.0, "story_term_floor": 0.0,
                                   "story_date_weight": 0.0},
    "no cross-lingual marks": {"StoryIndex.mark_weight": 0.0},
    "marks without the gate": {"StoryIndex.mark_gate": 0.0},
    "no action veto": {"StoryIndex.action_veto": False},
    "no core veto": {"StoryIndex.core_veto": False},
    "no loner rescue": {"StoryIndex.loner_rescue": False},
}


def cmd_ablate(args: argparse.Namespace) -> None:
    """B-cubed F1 / pairwise precision per variant: basil-tune (all 30 events clustered
    together, scored per half) and the fictional gold (tuning half = odd stories, held-back =
    even, each half clustered alone) with and without dates."""
    rows = realnews.read_events(DATA)
    forms = [*realnews.FORMS, "gold", "gold-undated", "gold-mixed", "demo"]
    data = {form: load_form(form) for form in forms}
    for name, overrides in ABLATIONS.items():
        config = _config({k: v for k, v in overrides.items() if "." not in k})
        switched = {k.split(".", 1)[1]: v for k, v in overrides.items() if "." in k}
        defaults = {attr: getattr(StoryIndex, attr) for attr in switched}
        for attr, value in switched.items():
            setattr(StoryIndex, attr, value)
        cells = []
        for form, (articles, gold) in data.items():
            for which in ("tune", "held", "all"):
                if form in FORMS:
                    r = scored_within(articles, gold, config, _events(which, rows))
                elif form == "demo":
                    if which != "all":
                        continue
                    r = evaluate(articles, gold, config, set(gold.values()))
                else:
                    events = {e for e in gold.values()
                              if which == "all" or held_back(e) == (which == "held")}
                    r = evaluate(articles, gold, config, events)
                cells.append(f"{form}/{which} {r['bcubed_f1']:.3f}/{r['pairwise_precision']:.2f}")
        for attr, value in defaults.items():
            setattr(StoryIndex, attr, value)
        print(f"{name:<28}", " | ".join(cells), flush=True)


SEMEVAL = DATA.parents[1] / "semeval2023-task3"
CROSSLING = Path("build/crossling")


def cmd_crosslingual(args: argparse.Namespace) -> None:
    """Real news in three languages without event labels: the German and Russian training
    articles of SemEval-2023 Task 3 and its last 150 English ones (2020-2022 opinion and news
    on the same few themes), undated plain-text files, ingested once into
    build/crossling/real.db. Few of them report one event, so each story that spans two
    languages is a likely false merge: counted per variant of ABLATIONS' marks switches
    (``--show`` lists them by title, for reading)."""
    from collections import defaultdict

    db = CROSSLING / "real.db"
    if not db.exists():
        from parallax.runner import ingest

        folder = CROSSLING / "files"
        folder.mkdir(parents=True, exist_ok=True)
        for lang, keep in (("ge", None), ("ru", None), ("en", 150)):
            files = sorted((SEMEVAL / lang / "train-articles-subtask-1").glob("*.txt"))
            for f in files[-keep:] if keep else files:
                (folder / f"{lang}_{f.name}").write_bytes(f.read_bytes())
        store = open_store(db)
        ingest([str(folder)], store, Config())
        store.close()
    store = open_store(db)
    try:
        articles = store.articles(role=None)
    finally:
        store.close()
    variants = {"default": {}, **{k: v for k, v in ABLATIONS.items() if "mark" in k}}
    for name, overrides in variants.items():
        switched = {k.split(".", 1)[1]: v for k, v in overrides.items()}
        defaults = {attr: getattr(StoryIndex, attr) for attr in switched}
        for attr, value in switched.items():
            setattr(StoryIndex, attr, value)
        story_of = recluster(articles, Config())
        for attr, value in defaults.items():
            setattr(StoryIndex, attr, value)
        members: dict[str, list[Article]] = defaultdict(list)
        for a in articles:
            if a.role == "main" and a.id in story_of:
                members[story_of[a.id]].append(a)
        crossing = [m for m in members.values() if len({a.language for a in m}) > 1]
        pairs = sum(1 for m in members.values() for i, a in enumerate(m) for b in m[i + 1:]
                    if a.language != b.language)
        grouped = sum(len(m) for m in members.values() if len(m) > 1)
        print(f"{name:<28} stories across languages {len(crossing)}, article pairs across "
              f"languages {pairs}, articles grouped {grouped} of {len(story_of)}", flush=True)
        if args.show:
            for m in crossing:
                print("   ", " | ".join(f"[{a.language}] {(a.title or a.text)[:60]}" for a in m))


_WORD = re.compile(r"[a-z0-9]{2,}")


def cmd_baseline(args: argparse.Namespace) -> None:
    """TF-IDF (title + full text) cosine, average link, no dates: threshold tuned on the tuning
    half, reported on the held-out half, all 30 events and each fold."""
    from parallax.textutil import STOPWORDS

    rows = realnews.read_events(DATA)
    tf = [Counter(w for w in _WORD.findall((r["title"] + " " + r["text"]).lower())
                  if w not in STOPWORDS) for r in rows]

    def run(idx: list[int], threshold: float, keep: bool = False) -> Any:
        df: Counter[str] = Counter()
        for i in idx:
            df.update(tf[i].keys())
        n = len(idx)
        vec = {}
        for i in idx:
            v = {w: (1 + math.log(c)) * math.log((n + 1) / (df[w] + 0.5))
                 for w, c in tf[i].items()}
            norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
            vec[i] = {w: x / norm for w, x in v.items()}
        sim = {(i, j): sum(x * vec[j].get(w, 0.0) for w, x in vec[i].items())
               for i in idx for j in idx if i < j}
        groups = [[i] for i in idx]
        while True:
            best, score = None, threshold
            for a, b in itertools.combinations(range(len(groups)), 2):
                s = sum(sim[min(i, j), max(i, j)] for i in groups[a] for j in groups[b]) / (
                    len(groups[a]) * len(groups[b]))
                if s >= score:
                    best, score = (a, b), s
            if best is None:
                break
            groups[best[0]].extend(groups.pop(best[1]))
        pred = {str(i): str(g[0]) for g in groups for i in g}
        gold = {str(i): rows[i]["event"] for i in idx}
        if keep:  # scored per half within the clustering of all events
            halves = {}
            for which in ("tune", "held"):
                events = _events(which, rows)
                g = {k: v for k, v in gold.items() if v in events}
                halves[which] = realnews.scores(g, {k: pred[k] for k in g})
            return halves
        return realnews.scores(gold, pred)

    def part(which: str) -> list[int]:
        events = _events(which, rows)
        return [i for i, r in enumerate(rows) if r["event"] in events]

    thresholds = [round(0.02 * k, 2) for k in range(2, 20)]
    tune = {t: run(part("tune"), t)["bcubed_f1"] for t in thresholds}
    best = max(thresholds, key=lambda t: (tune[t], -t))
    print(f"baseline threshold {best} (tune F1 {tune[best]:.3f})")
    for which in ["held", "all"] + [f"fold{k}" for k in range(realnews.FOLDS)]:
        print(_line(f"tfidf {which} alone", run(part(which), best)))
    everything = run(part("all"), best, keep=True)
    for which in ("tune", "held"):
        print(_line(f"tfidf {which} in all 30", everything[which]))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("command", choices=["write", "score", "grid", "detail", "baseline", "cv",
                                            "within", "ablate", "crosslingual"])
    parser.add_argument("--show", action="store_true", help="crosslingual: list the stories")
    parser.add_argument("--forms", nargs="+", default=list(FORMS))
    parser.add_argument("--halves", nargs="+", default=["tune"])
    parser.add_argument("--dir", default=str(BUILD), help="where score finds the --json outputs")
    parser.add_argument("--set", nargs="*", default=[],
                        help="setting=v1,v2 (JSON values); the grid is their product")
    args = parser.parse_args(argv)
    {"write": cmd_write, "score": cmd_score, "grid": cmd_grid, "detail": cmd_detail,
     "baseline": cmd_baseline, "cv": cmd_cv, "within": cmd_within,
     "ablate": cmd_ablate, "crosslingual": cmd_crosslingual}[args.command](args)


if __name__ == "__main__":
    main()
