"""Corpus-scale throughput: the whole pipeline (read -> segment -> every analysis stage) on
generated 600-word articles, single process split by stage, then `parallax batch` on Dask with
1 and 2 worker processes (scaling efficiency), and a projection for a month of CC-NEWS.

Articles are built from the story gold set's paragraphs (EN/DE/RU, in its proportions), each
with its own title, outlet and date, 600 words long, written as JSONL shards of 250.

    python benchmarks/bench_batch.py --articles 2000 [--skip-dask]
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from parallax.batch.run import run_batch
from parallax.ingest import read_inputs
from parallax.pipeline import Pipeline, run_stage
from parallax.records import Article, RawDocument
from parallax.settings import Config
from parallax.stories.dedupe import NearDuplicateIndex

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "stories_gold" / "articles.jsonl"
SHARD = 250
CC_NEWS_MONTH = 11_500_000


def generate(count: int, folder: Path) -> list[Path]:
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    by_language: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        by_language[row["language"]].extend(row["text"].split("\n\n"))
    folder.mkdir(parents=True, exist_ok=True)
    shards: list[Path] = []
    for start in range(0, count, SHARD):
        path = folder / f"shard-{start // SHARD:04d}.jsonl"
        shards.append(path)
        if path.exists():
            continue
        lines = []
        for i in range(start, min(count, start + SHARD)):
            base = rows[i % len(rows)]
            pool = by_language[base["language"]]
            paragraphs, words, j = [], 0, i
            while words < 600:
                paragraph = pool[j % len(pool)]
                paragraphs.append(paragraph)
                words += len(paragraph.split())
                j += 7
            lines.append(json.dumps({
                "url": f"https://bench.example/{i}", "title": f"{base['title']} ({i})",
                "outlet": f"Outlet {i % 40}",
                "published": f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}",
                "language": base["language"], "text": "\n\n".join(paragraphs)},
                ensure_ascii=False))
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return shards


def single_process(shards: list[Path], config: Config) -> dict[str, object]:
    pipeline = Pipeline.from_config(config)
    warm = next(d for d in read_inputs([str(shards[0])], config) if isinstance(d, RawDocument))
    pipeline.process(warm)  # models load once, outside the timing
    timings: dict[str, float] = defaultdict(float)
    articles = 0
    started = time.perf_counter()
    duplicates = NearDuplicateIndex(float(config["near_duplicate_threshold"]))
    for shard in shards:
        t = time.perf_counter()
        docs = [d for d in read_inputs([str(shard)], config) if isinstance(d, RawDocument)]
        timings["read"] += time.perf_counter() - t
        t = time.perf_counter()
        pages = [pipeline.segmenter.segment(d) for d in docs]
        timings["segment"] += time.perf_counter() - t
        batch: list[Article] = [a for p in pages for a in p.articles]
        for kind, annotator in pipeline.annotators:
            t = time.perf_counter()
            run_stage(annotator, batch)
            timings[kind] += time.perf_counter() - t
        t = time.perf_counter()
        for page in pages:
            duplicates.mark(page)
        timings["dedupe"] += time.perf_counter() - t
        articles += len(batch)
    total = time.perf_counter() - started
    return {"articles": articles, "seconds": round(total, 1),
            "articles_per_s": round(articles / total, 2),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "by_stage_s": {k: round(v, 1) for k, v in sorted(timings.items(),
                                                              key=lambda kv: -kv[1])}}


def on_dask(shards: list[Path], config: Config, workers: int, out: Path) -> dict[str, Any]:
    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    report = run_batch([str(s) for s in shards], out, config, workers=workers,
                       comparisons=False)
    total = time.perf_counter() - started
    return {"workers": workers, "articles": report.articles, "seconds": round(total, 1),
            "articles_per_s": round(report.articles / total, 2),
            "analysis_s": round(report.analysis_seconds, 1),
            "analysis_articles_per_s": round(report.articles / report.analysis_seconds, 2),
            "stories_s": round(report.stories_seconds, 1),
            "worker_peak_rss_mb": report.worker_peak_rss_mb, "failed": len(report.failed)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--skip-dask", action="store_true")
    parser.add_argument("--skip-single", action="store_true")
    parser.add_argument("--dask-workers", default="1,2",
                        help="worker counts to run, e.g. '2' to skip the one-worker run")
    args = parser.parse_args()
    config = Config()
    shards = generate(args.articles, ROOT / "build" / f"batchcorpus-{args.articles}")
    result: dict[str, Any] = {"articles": args.articles, "shards": len(shards)}
    if not args.skip_single:
        result["single_process"] = single_process(shards, config)
        print(json.dumps(result, indent=1), flush=True)
    counts = [int(n) for n in args.dask_workers.split(",") if n.strip()]
    if not args.skip_dask and counts:
        runs = {n: on_dask(shards, config, n, ROOT / "build" / f"batch-w{n}") for n in counts}
        result["dask"] = {f"{n}_workers": r for n, r in runs.items()}
        if 1 in runs and 2 in runs:
            efficiency = float(runs[2]["articles_per_s"]) / (
                2 * float(runs[1]["articles_per_s"]))
            result["dask"]["scaling_efficiency"] = round(efficiency, 2)
            result["dask"]["analysis_scaling_efficiency"] = round(
                float(runs[2]["analysis_articles_per_s"])
                / (2 * float(runs[1]["analysis_articles_per_s"])), 2)
            per_core = float(runs[2]["articles_per_s"]) / 2
            result["cc_news_month_hours"] = {
                str(cores): round(CC_NEWS_MONTH / (per_core * cores * efficiency) / 3600, 1)
                for cores in (2, 16, 64, 256)}
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
