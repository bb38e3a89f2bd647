"""Story grouping in a realistic pool (fourteenth session, docs/stories.md "A realistic pool"):
basil-tune's 30 events x 3 outlets among ~1,300 real news and blog articles of other sets,
through ``parallax ingest`` + ``parallax stories --json`` as a user runs them.

Why: basil-tune alone is 90 articles of 30 well-separated events; a user's archive is
thousands of articles, most about other things, many about the same people. Two questions:
does basil still group right with the distractors in the store (a basil article merged with a
distractor counts against it), and how often do the stories Parallax forms among the
distractors report one event (judged by reading a fixed-seed sample of pairs)?

The distractors (SemEval-2023 T3 EN and SemEval-2025 T10 EN training articles, PerSenT dev
articles with their titles, Dragnet's gold texts of news and blog pages) are split into a
tuning part and a held-back part before anything is scored: ``sha1("p14C|" + unit)`` odd ->
held, the unit being the Dragnet site or the other sets' document id. Each part is one pool
with all 90 basil articles. Forms: ``dated`` (basil as JSONL with outlet and date; the
distractors plain text files, undated as text dumps are: the mixed case) and ``undated``
(everything plain text). Everything lands under ``build/p14C`` (gitignored): no dataset text
leaves ``../shared``.

    python benchmarks/story_pool.py write
    P=tune-dated   # tune-undated, held-dated, held-undated
    parallax ingest build/p14C/${P%-*}/${P#*-} --db build/p14C/$P.db --json \
        > build/p14C/$P.ingest.jsonl
    parallax stories --db build/p14C/$P.db --json > build/p14C/$P.stories.jsonl
    python benchmarks/story_pool.py score $P
    python benchmarks/story_pool.py sample $P --seed 1414 --pairs 30   # pairs to read
    python benchmarks/story_pool.py judged        # benchmarks/data/story_pool_judged.json
    python benchmarks/story_pool.py baseline $P   # TF-IDF + average link, then score/sample
                                                  # with --stories build/p14C/$P.baseline.jsonl
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import random
import re
from collections import Counter
from pathlib import Path
from typing import Any

from parallax.segment import realpages
from parallax.stories import realnews

SHARED = Path(__file__).resolve().parents[2] / "shared" / "datasets"
OUT = Path("build/p14C")
#: the TF-IDF + average-link baseline's threshold: the one ``tune_stories.py baseline``
#: chooses on basil-tune's tuning half (0.14), not tuned on the pool
BASELINE_THRESHOLD = 0.14
_WORD = re.compile(r"[a-z0-9]{2,}")


def part_of(unit: str) -> str:
    return "held" if int(hashlib.sha1(("p14C|" + unit).encode()).hexdigest(), 16) % 2 else "tune"


def distractors() -> list[tuple[str, str, str, str]]:
    """(set, name, split unit, text) of every distractor article."""
    out = []
    for folder, tag in (("semeval2023-task3/en/train-articles-subtask-1", "se23"),
                        ("semeval2025-task10/train/EN/raw-documents", "se25")):
        for path in sorted((SHARED / folder).glob("*.txt")):
            out.append((tag, path.stem, f"{tag}:{path.stem}",
                        path.read_text(encoding="utf-8", errors="replace")))
    csv.field_size_limit(10**9)
    seen: set[str] = set()
    with (SHARED / "sentiment/persent/dev.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):  # one line per entity: the first of each document
            if row["DOCUMENT_INDEX"] in seen:
                continue
            seen.add(row["DOCUMENT_INDEX"])
            title = row["TITLE"].strip()
            title = title.title() if title.isupper() else title
            out.append(("persent", row["DOCUMENT_INDEX"], f"persent:{row['DOCUMENT_INDEX']}",
                        f"{title}\n\n{row['DOCUMENT'].strip()}"))
    for page in realpages.load(SHARED / "extraction", ("dragnet_data",)):
        lines = page.gold.splitlines()
        if len(" ".join(lines).split()) >= 80:  # the first gold line is the page's headline
            out.append(("dragnet", page.name, page.site,
                        lines[0] + "\n\n" + "\n\n".join(lines[1:])))
    return out


def cmd_write(_: argparse.Namespace) -> None:
    rows = realnews.read_events(SHARED / "stories" / "basil-tune.jsonl")
    everything = distractors()
    for pool in ("tune", "held"):
        mine = [d for d in everything if part_of(d[2]) == pool]
        for form in ("dated", "undated"):
            folder = OUT / pool / form
            gold = realnews.write_inputs(rows, folder, form)
            for tag, name, _unit, text in mine:
                (folder / f"d-{tag}-{name}.txt").write_text(text, encoding="utf-8")
            (OUT / f"{pool}-{form}.gold.json").write_text(json.dumps(gold), encoding="utf-8")
        print(pool, len(mine), dict(Counter(d[0] for d in mine)))


def _read(name: str, stories_path: str | None) -> tuple[dict[str, str], list[dict[str, Any]],
                                                        dict[str, str]]:
    """Gold (basil inputs only), story rows and article id -> input of one pool run."""
    gold = json.loads((OUT / f"{name}.gold.json").read_text(encoding="utf-8"))
    path = Path(stories_path) if stories_path else OUT / f"{name}.stories.jsonl"
    stories = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    inputs: dict[str, str] = {}
    for line in (OUT / f"{name}.ingest.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        for a in record.get("articles", []):
            if a["role"] == "main":
                inputs.setdefault(a["id"], str(record["input"]))
    return gold, stories, inputs


def cmd_score(args: argparse.Namespace) -> None:
    gold, stories, inputs = _read(args.pool, args.stories)
    pred = realnews.predicted(inputs, stories, gold)
    s = realnews.scores(gold, pred)
    # strict: each distractor in a basil story counts as an event of its own
    strict_gold, strict_pred, mixed = dict(gold), dict(pred), 0
    multi: list[int] = []
    for story in stories:
        ins = [inputs[a] for a in story["article_ids"] if a in inputs]
        ours = [i for i in ins if i in gold]
        if ours and len(ours) < len(ins):
            mixed += 1
            for i in ins:
                if i not in gold:
                    strict_gold[i], strict_pred[i] = "distractor:" + i, pred[ours[0]]
            print("  basil story with distractors:", [Path(i).name for i in ins])
        elif not ours and len(ins) > 1:
            multi.append(len(ins))
    strict = realnews.scores(strict_gold, strict_pred)
    print(f"{args.pool}: basil B-cubed F1 {s['bcubed_f1']:.3f} (P {s['bcubed_precision']:.3f} "
          f"R {s['bcubed_recall']:.3f}) pairwise P {s['pairwise_precision']:.3f}, stories "
          f"{int(s['stories'])}/30; counting distractors: F1 {strict['bcubed_f1']:.3f} "
          f"pairwise P {strict['pairwise_precision']:.3f}, {mixed} basil stories hold some")
    n = sum(1 for i in set(inputs.values()) if i not in gold)
    print(f"  distractors {n}: {len(multi)} multi-article stories holding {sum(multi)}, sizes "
          f"{sorted(Counter(multi).items())}")


def cmd_sample(args: argparse.Namespace) -> None:
    """One pair from each of ``--pairs`` multi-article distractor stories (fixed seed)."""
    gold, stories, inputs = _read(args.pool, args.stories)
    multi = sorted((s for s in stories if len(s["article_ids"]) > 1
                    and not any(inputs.get(a) in gold for a in s["article_ids"])),
                   key=lambda s: s["id"])
    rng = random.Random(args.seed)
    pairs = []
    for n, story in enumerate(rng.sample(multi, min(args.pairs, len(multi))), 1):
        a, b = sorted(rng.sample(sorted(story["article_ids"]), 2))
        pairs.append({"n": n, "size": len(story["article_ids"]),
                      "a": Path(inputs[a]).name, "b": Path(inputs[b]).name})
        print(f"### {n} (story of {len(story['article_ids'])})")
        for given in (inputs[a], inputs[b]):
            text = " ".join(Path(given).read_text(encoding="utf-8", errors="replace").split())
            print("  >", Path(given).name, "|", text[:args.chars])
    which = "-" + Path(args.stories).stem if args.stories else ""
    out = OUT / f"sample-{args.pool}-{args.seed}{which}.json"
    out.write_text(json.dumps(pairs, indent=1), encoding="utf-8")


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    if not n:
        return 0.0, 1.0
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


def cmd_judged(args: argparse.Namespace) -> None:
    """Precision of the judged samples: ``same`` (one event), ``thread`` (one developing
    story, two happenings), ``diff``; a label file holds one list of labels per sample key."""
    labels = json.loads(Path(args.labels).read_text(encoding="utf-8"))
    for key, entry in labels.items():
        if key.startswith("_"):
            continue
        tally = Counter(entry["labels"])
        n = sum(tally.values())
        lo, hi = wilson(tally["same"], n)
        lo2, hi2 = wilson(tally["same"] + tally["thread"], n)
        print(f"{key}: same event {tally['same']}/{n} = {tally['same'] / n:.2f} "
              f"[{lo:.2f}, {hi:.2f}]; same event or thread {tally['same'] + tally['thread']}/{n}"
              f" = {(tally['same'] + tally['thread']) / n:.2f} [{lo2:.2f}, {hi2:.2f}]")


def cmd_baseline(args: argparse.Namespace) -> None:
    """TF-IDF (title + text as stored, IDF over the pool) cosine, average link, no dates, at
    the threshold tuned on basil-tune alone; written as story rows for score/sample."""
    import numpy as np
    from scipy.cluster.hierarchy import fcluster, linkage

    from parallax.store.base import open_store
    from parallax.textutil import STOPWORDS

    store = open_store(OUT / f"{args.pool}.db")
    try:
        articles = [a for a in store.articles(role="main")]
    finally:
        store.close()
    tf = [Counter(w for w in _WORD.findall(f"{a.title} {a.text}".lower()) if w not in STOPWORDS)
          for a in articles]
    df: Counter[str] = Counter()
    for counts in tf:
        df.update(counts.keys())
    vocab = {w: i for i, w in enumerate(df)}
    n = len(articles)
    matrix = np.zeros((n, len(vocab)), dtype=np.float32)
    for row, counts in enumerate(tf):
        for w, c in counts.items():
            matrix[row, vocab[w]] = (1 + math.log(c)) * math.log((n + 1) / (df[w] + 0.5))
    matrix /= np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-9)
    distance = np.clip(1.0 - matrix @ matrix.T, 0.0, 2.0)
    condensed = distance[np.triu_indices(n, 1)]
    labels = fcluster(linkage(condensed, "average"), 1.0 - BASELINE_THRESHOLD, "distance")
    groups: dict[int, list[str]] = {}
    for a, label in zip(articles, labels, strict=True):
        groups.setdefault(int(label), []).append(a.id)
    out = OUT / f"{args.pool}.baseline.jsonl"
    out.write_text("".join(json.dumps({"id": f"b{k}", "article_ids": ids}) + "\n"
                           for k, ids in sorted(groups.items())), encoding="utf-8")
    print(f"{len(groups)} baseline stories -> {out}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("write").set_defaults(run=cmd_write)
    judged = sub.add_parser("judged")
    judged.add_argument("--labels", default="benchmarks/data/story_pool_judged.json")
    judged.set_defaults(run=cmd_judged)
    for name, run in (("score", cmd_score), ("sample", cmd_sample), ("baseline", cmd_baseline)):
        p = sub.add_parser(name)
        p.add_argument("pool", help="tune-dated, tune-undated, held-dated or held-undated")
        p.add_argument("--stories", help="story rows to read instead of POOL.stories.jsonl")
        p.add_argument("--seed", type=int, default=1414)
        p.add_argument("--pairs", type=int, default=30)
        p.add_argument("--chars", type=int, default=420)
        p.set_defaults(run=run)
    args = parser.parse_args(argv)
    args.run(args)


if __name__ == "__main__":
    main()
