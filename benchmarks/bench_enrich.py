"""Enrich-stage throughput on 600-word articles (language, sentences, entities, quotes,
claims), per stage, with peak memory. Articles are built from the enrich gold passages.

    .venv/bin/python benchmarks/bench_enrich.py --articles 200
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from collections import defaultdict
from pathlib import Path

from parallax.pipeline import Pipeline, run_stage
from parallax.records import Article, Published
from parallax.settings import load_config

GOLD = Path(__file__).resolve().parents[1] / "tests" / "data" / "enrich_gold"


def articles(count: int, language: str) -> list[Article]:
    passages = [json.loads(p.read_text(encoding="utf-8"))["text"]
                for p in sorted(GOLD.glob(f"*-{language}-*.json"))]
    out = []
    for i in range(count):
        words: list[str] = []
        j = i
        while len(words) < 600:
            words.extend(passages[j % len(passages)].split(" "))
            j += 1
        text = " ".join(words[:600])
        out.append(Article(id=f"b{i}", role="main", title="", outlet=None,
                           published=Published(), text=text))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--language", default="en")
    args = parser.parse_args()
    pipeline = Pipeline.from_config(load_config(None))
    stages = [(k, a) for k, a in pipeline.annotators if k != "framing"]
    warm = articles(1, args.language)[0]
    for _, annotator in stages:
        annotator.annotate(warm)  # models load once per process
    batch = articles(args.articles, args.language)
    timings: dict[str, float] = defaultdict(float)
    started = time.perf_counter()
    for kind, annotator in stages:  # the pipeline's order: stage by stage over the batch
        t0 = time.perf_counter()
        run_stage(annotator, batch)
        timings[kind] += time.perf_counter() - t0
    total = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{args.articles} articles x 600 words ({args.language}): {total:.1f}s = "
          f"{args.articles / total:.1f} articles/s on one process; peak RSS {peak:.0f} MB")
    for kind, seconds in sorted(timings.items(), key=lambda kv: -kv[1]):
        print(f"  {kind:<10} {seconds:6.2f}s  {args.articles / seconds:7.1f} articles/s")


if __name__ == "__main__":
    main()
