"""Real-news checks of the framing labels, through ``parallax analyze``'s own code path.

The SemEval data the framing models learn from is mostly opinion and propaganda; users mostly
feed straight news. This runs real news from ``../shared/datasets`` (never trained on by the
framing models) through the pipeline as a JSONL input and reports:

- genre: share of straight news reports labelled ``reporting`` (BASIL: Fox News, New York Times,
  HuffPost news articles, ``--half check`` for the events genre training never saw; PerSenT: news
  articles);
- narratives: share of articles given a SemEval narrative (the taxonomy covers the Ukraine war and
  climate change; everything else should be ``Other``), with the titles of those that got one;
- loaded language on BABE: sentences from US outlets, ten to a pseudo-article, one paragraph
  each; token precision and recall of our Loaded_Language spans against the words experts marked
  as biased, and how many spans are nothing but a name.

Usage: ``python benchmarks/frame_realnews.py [basil persent babe] [--limit N] [--models DIR]``
"""

from __future__ import annotations

import argparse
import ast
import csv
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from parallax.frame.endtoend import Aligner, models_config
from parallax.frame.hashing import tokens
from parallax.frame.news import check_event
from parallax.frame.spans import _seed
from parallax.ingest.jsonl import read_jsonl_text
from parallax.pipeline import Pipeline
from parallax.records import Article, RawDocument

DATA = Path(__file__).resolve().parents[2] / "shared" / "datasets"
WORD = re.compile(r"\w+(?:[-']\w+)*")


def analyse(records: list[dict[str, Any]], models: Path | None) -> list[Article | None]:
    pipeline = Pipeline.from_config(models_config(models))
    text = "\n".join(json.dumps(r) for r in records)
    items = list(read_jsonl_text(text, uri="realnews.jsonl", given="realnews.jsonl",
                                 config=pipeline.config))
    out: list[Article | None] = []
    for i in range(0, len(items), 16):
        chunk = items[i:i + 16]
        docs = [d for d in chunk if isinstance(d, RawDocument)]
        results = iter(pipeline.process_many(docs))
        for item in chunk:
            page = next(results) if isinstance(item, RawDocument) else None
            articles = getattr(page, "articles", None) or []
            out.append(articles[0] if articles else None)
    return out


def basil(limit: int, half: str = "all") -> list[dict[str, Any]]:
    """``half``: ``check`` keeps the events genre training never sees
    (:func:`parallax.frame.news.check_event`), ``train`` the others, ``all`` both."""
    path = DATA / "stories" / "basil-tune.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    if half != "all":
        rows = [r for r in rows if check_event(r["event"]) == (half == "check")]
    return [{"title": r["title"], "text": r["text"], "outlet": r["outlet"], "url": r["url"]}
            for r in rows][:limit]


def persent(limit: int) -> list[dict[str, Any]]:
    path = DATA / "sentiment" / "persent" / "dev.csv"
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return [{"title": r["TITLE"].title(), "text": r["TITLE"].title() + "\n\n" +
             r["DOCUMENT"].replace("\n", "\n\n")} for r in rows][:limit]


def babe_records(limit: int, exclude: frozenset[str] = frozenset()
                 ) -> tuple[list[dict[str, Any]], list[list[tuple[str, set[str]]]]]:
    path = DATA / "bias" / "babe" / "final_labels_SG2.csv"
    with path.open(encoding="utf-8-sig") as fh:
        rows = [r for r in csv.DictReader(fh, delimiter=";")
                if r["label_bias"] in ("Biased", "Non-biased")]
    by_outlet: dict[str, list[dict[str, str]]] = {}
    for r in rows:
        if r["outlet"] not in exclude:
            by_outlet.setdefault(r["outlet"], []).append(r)
    chunks = []
    for outlet, items in sorted(by_outlet.items()):
        for k in range(0, len(items), 10):
            chunks.append((k, outlet, items))
    chunks.sort(key=lambda c: c[0])  # round robin over outlets, so --limit keeps all of them
    records, golds = [], []
    for k, outlet, items in chunks:
        chunk = items[k:k + 10]
        sentences = [r["text"].strip() for r in chunk]
        marked = []
        for r in chunk:
            try:
                words = ast.literal_eval(r["biased_words"] or "[]")
            except (ValueError, SyntaxError):
                words = []
            marked.append({w.lower() for phrase in words for w in WORD.findall(phrase)})
        records.append({"title": f"{outlet} {k // 10}", "text": "\n\n".join(sentences)})
        golds.append(list(zip(sentences, marked, strict=True)))
    return records[:limit], golds[:limit]


def genre_share(name: str, articles: list[Article | None], outlets: list[str] | None) -> None:
    counts: Counter[str] = Counter()
    per_outlet: dict[str, Counter[str]] = {}
    for i, a in enumerate(articles):
        label = a.genre.label if a is not None and a.genre else "(rejected)"
        counts[label] += 1
        if outlets:
            per_outlet.setdefault(outlets[i], Counter())[label] += 1
    n = max(1, len(articles))
    unsure = Counter(a.genre.label for a in articles
                     if a is not None and a.genre and a.genre.low_confidence)
    print(f"{name}: genre reporting {counts['reporting'] / n:.1%} of {len(articles)} "
          f"{dict(counts)}; marked unsure (low_confidence) {dict(unsure)}")
    for outlet, c in sorted(per_outlet.items()):
        print(f"  {outlet}: reporting {c['reporting'] / max(1, sum(c.values())):.1%} {dict(c)}")
    own = Counter(t.technique for a in articles if a is not None for t in a.techniques
                  if t.quoted is None)
    quoted = sum(1 for a in articles if a is not None for t in a.techniques
                 if t.quoted is not None)
    print(f"{name}: technique labels in the outlet's own words {sum(own.values())} "
          f"({sum(own.values()) / n:.2f} a report; {dict(own.most_common(4))}), "
          f"in quotes {quoted}")


def narrative_share(name: str, articles: list[Article | None]) -> None:
    given = [a for a in articles if a is not None and any(n.label != "Other"
                                                           for n in a.narratives)]
    print(f"{name}: narratives other than 'Other' on {len(given)}/{len(articles)} articles")
    for a in given[:8]:
        print(f"  {a.title[:70]!r}: {[n.label for n in a.narratives][:2]}")


def loaded_language(articles: list[Article | None],
                    golds: list[list[tuple[str, set[str]]]]) -> dict[str, Any]:
    """Token precision and recall of the Loaded_Language spans against the experts' words, with
    95% bootstrap intervals over sentences, and the trivial baseline of marking every word that
    may carry a span (its precision is the share of such words the experts marked)."""
    per: list[tuple[int, int, int]] = []  # right, wrong, marked per sentence
    base_right = base_all = names = spans = 0
    examples: list[str] = []
    for a, gold in zip(articles, golds, strict=True):
        if a is None:
            per.extend((0, 0, len(m)) for _, m in gold)
            continue
        aligner = Aligner(a)
        mentions = [(m.start, m.end) for m in a.entities]
        for sentence, words in gold:
            place = aligner.place(sentence)
            if place.where != "text":
                per.append((0, 0, len(words)))
                continue
            for tok in tokens(a.text[place.start:place.end], place.start):
                if _seed(tok, a.text, mentions):
                    base_all += 1
                    base_right += tok.text in words
            tp = fp = 0
            for t in a.techniques:
                if t.technique != "Loaded_Language" or not (place.start <= t.start < place.end):
                    continue
                spans += 1
                if all(m.start <= t.start and t.end <= m.end for m in a.entities
                       if m.start < t.end and m.end > t.start) and any(
                        m.start < t.end and m.end > t.start for m in a.entities):
                    names += 1
                for w in WORD.findall(a.text[t.start:t.end].lower()):
                    if w in words:
                        tp += 1
                    else:
                        fp += 1
                        if len(examples) < 12:
                            examples.append(a.text[t.start:t.end])
            per.append((tp, fp, len(words)))
    counts = np.asarray(per, dtype=np.float64).reshape(-1, 3)
    tp, fp, marked = counts.sum(axis=0)
    precision, recall = tp / max(1.0, tp + fp), tp / max(1.0, marked)
    rng = np.random.default_rng(17)
    draws = counts[rng.integers(0, len(counts), (2000, len(counts)))].sum(axis=1)
    p_ci = np.percentile(draws[:, 0] / np.maximum(1, draws[:, 0] + draws[:, 1]), [2.5, 97.5])
    r_ci = np.percentile(draws[:, 0] / np.maximum(1, draws[:, 2]), [2.5, 97.5])
    print(f"babe: Loaded_Language token precision {precision:.3f} "
          f"[{p_ci[0]:.3f}, {p_ci[1]:.3f}] recall {recall:.3f} [{r_ci[0]:.3f}, {r_ci[1]:.3f}] "
          f"({tp:.0f} right, {fp:.0f} wrong tokens, {marked:.0f} marked words, "
          f"{len(counts)} sentences); {spans} spans, {names} on a bare name")
    print(f"  trivial baseline, every word that may carry a span: precision "
          f"{base_right / max(1, base_all):.3f} ({base_all} words)")
    print("  wrong spans, e.g.:", examples)
    return {"precision": precision, "recall": recall, "spans": spans, "names": names,
            "precision_ci": [float(p_ci[0]), float(p_ci[1])],
            "recall_ci": [float(r_ci[0]), float(r_ci[1])], "per_sentence": per}


def paired_gain(before: list[tuple[int, int, int]], after: list[tuple[int, int, int]]) -> None:
    """Precision and recall of ``after`` minus ``before`` on the same sentences: 2,000 bootstrap
    resamples of sentences, the same draw for both (a paired comparison)."""
    a, b = np.asarray(before, dtype=np.float64), np.asarray(after, dtype=np.float64)
    draw = np.random.default_rng(17).integers(0, len(a), (2000, len(a)))

    def scores(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        s = counts[draw].sum(axis=1)
        return s[:, 0] / np.maximum(1, s[:, 0] + s[:, 1]), s[:, 0] / np.maximum(1, s[:, 2])

    (pa, ra), (pb, rb) = scores(a), scores(b)
    dp, dr = pb - pa, rb - ra
    lo, hi = np.percentile(dp, [2.5, 97.5])
    print(f"  paired: precision {float(np.median(dp)):+.3f} [{lo:+.3f}, {hi:+.3f}] "
          f"(> 0 in {float((dp > 0).mean()):.0%} of resamples), recall "
          f"{float(np.median(dr)):+.3f} {np.round(np.percentile(dr, [2.5, 97.5]), 3).tolist()}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("sets", nargs="*", default=["basil", "persent", "babe"])
    parser.add_argument("--limit", type=int, default=10_000)
    parser.add_argument("--models", type=Path, default=None)
    parser.add_argument("--half", choices=("all", "check", "train"), default="all",
                        help="BASIL: only the events genre training never sees (check), or the "
                             "others")
    parser.add_argument("--exclude-outlets", default="",
                        help="BABE: comma-separated outlets to leave out (e.g. those a threshold "
                             "was chosen on)")
    parser.add_argument("--compare", type=Path, default=None,
                        help="BABE: also run this model folder and print the paired bootstrap "
                             "of the precision and recall differences")
    args = parser.parse_args()
    if not DATA.is_dir():
        sys.exit(f"{DATA} not found")
    for name in args.sets:
        started = time.time()
        if name == "babe":
            records, golds = babe_records(args.limit,
                                          frozenset(filter(None, args.exclude_outlets.split(","))))
            ours = loaded_language(analyse(records, args.models), golds)
            if args.compare is not None:
                print(f"  against {args.compare}:")
                theirs = loaded_language(analyse(records, args.compare), golds)
                paired_gain(theirs["per_sentence"], ours["per_sentence"])
        else:
            records = (basil(args.limit, args.half) if name == "basil"
                       else persent(args.limit))
            articles = analyse(records, args.models)
            outlets = [r["outlet"] for r in records] if name == "basil" else None
            genre_share(name, articles, outlets)
            narrative_share(name, articles)
        print(f"  ({time.time() - started:.0f} s)")


if __name__ == "__main__":
    main()
