"""Single-process throughput per stage on the bundled demo corpus.

Why per stage: the product's speed is set by its slowest stage, and this shows which one it is
before anyone optimises by guess.
"""

from __future__ import annotations

import argparse
import resource
import time
from collections import defaultdict
from importlib import resources
from pathlib import Path

from parallax.ingest import read_inputs
from parallax.pipeline import Pipeline
from parallax.records import RawDocument
from parallax.settings import load_config


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    config = load_config(None)
    corpus = Path(str(resources.files("parallax") / "demo" / "corpus"))
    pipeline = Pipeline.from_config(config)
    timings: dict[str, float] = defaultdict(float)
    docs = articles = 0
    started = time.perf_counter()
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        raw = [d for d in read_inputs([str(corpus)], config) if isinstance(d, RawDocument)]
        timings["read"] += time.perf_counter() - t0
        for doc in raw:
            t0 = time.perf_counter()
            page = pipeline.segmenter.segment(doc)
            timings["segment"] += time.perf_counter() - t0
            for article in page.articles:
                for kind, annotator in pipeline.annotators:
                    t0 = time.perf_counter()
                    annotator.annotate(article)
                    timings[kind] += time.perf_counter() - t0
            docs += 1
            articles += len(page.articles)
    total = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"documents: {docs}  articles: {articles}  wall: {total:.2f}s  "
          f"docs/s: {docs / total:.1f}  articles/s: {articles / total:.1f}  "
          f"peak RSS: {peak_mb:.0f} MB")
    for stage, seconds in sorted(timings.items(), key=lambda kv: -kv[1]):
        print(f"  {stage:<10} {seconds:7.2f}s  {100 * seconds / total:5.1f}%  "
              f"{articles / seconds if seconds else float('inf'):8.1f} articles/s")


if __name__ == "__main__":
    main()
