"""Framing-stage cost on top of enrich, per 600-word article, and the models' memory.

Articles are built from the enrich gold passages (as in bench_enrich.py), enriched first, then
the framing stage alone is timed. Memory is the resident-set growth from loading the framing
models and the sentence encoder (measured before any article is processed).

    .venv/bin/python benchmarks/bench_frame.py --articles 100
"""

from __future__ import annotations

import argparse
import json
import os
import time

from bench_enrich import articles

from parallax.pipeline import Pipeline, run_stage
from parallax.settings import load_config


def rss_mb() -> float:
    with open(f"/proc/{os.getpid()}/status", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--language", default="en")
    parser.add_argument("--models", default="", help="model folder (default: the bundled models)")
    args = parser.parse_args()
    before = rss_mb()
    from parallax import embeddings
    from parallax.frame.trained import TrainedFraming

    framing = TrainedFraming(args.models)
    embeddings.encode(["warm up the encoder"])
    models_mb = rss_mb() - before
    pipeline = Pipeline.from_config(load_config(None))
    stages = [a for k, a in pipeline.annotators if k != "framing"]
    batch = articles(args.articles + 1, args.language)
    for annotator in stages:
        run_stage(annotator, batch)
    framing.annotate(batch[0])  # warm caches
    started, cpu = time.perf_counter(), time.process_time()
    for article in batch[1:]:
        framing.annotate(article)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(json.dumps({
        "articles": args.articles, "language": args.language,
        "frame_ms_per_article": round(1000 * elapsed / args.articles, 1),
        # CPU time of this process: the single-core cost when other jobs share the cores
        "frame_cpu_ms_per_article": round(1000 * cpu / args.articles, 1),
        "models_and_encoder_mb": round(models_mb, 1), "peak_rss_mb": round(rss_mb(), 1),
        "cpus": os.cpu_count()}))


if __name__ == "__main__":
    main()
