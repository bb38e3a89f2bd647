"""The stories made again after ``parallax delete`` at corpus scale: a made-up store of N
articles in stories of ten (name keys drawn from 20,000 made-up names, heavy-tailed; 512-d
vectors), then documents removed one at a time, each followed by ``runner.forget`` as the
command runs it. Beside each, the whole index's load and records (what ``forget`` read before
the twenty-third session), to say what it cost and that the records are the same.
``--ingest K``: then K made-up articles ingested one a run through ``runner.update_stories``
(the stories step of ``parallax ingest``), wall and CPU each: the first builds the vector
graph and keeps it beside the store, the next ones reuse it (``stories.keptgraph``).

    python benchmarks/bench_delete.py --articles 100000 --db build/bench_delete.db
    python benchmarks/bench_delete.py --articles 100000 --removals 0 --ingest 2

The store is built once (raw inserts into its tables, as U's timing store was: a store of
100,000 pages through ``ingest`` takes hours here) and copied before each run.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import statistics
import time
from pathlib import Path

import numpy as np

from parallax.pipeline import build_clusterer
from parallax.records import Article, Page, Published
from parallax.runner import forget, update_stories
from parallax.settings import Config
from parallax.store import open_store
from parallax.store.base import Store
from parallax.stories import keptgraph

SYLLABLES = "ka lo mi ra ve to sa ne di pu ro la mar sen vik dal tor bel fen gar".split()
WORDS = "ferry harbour council vote bridge tide storm repair fare island mayor port crew".split()


def _sha(i: int) -> str:
    return hashlib.sha256(f"doc{i}".encode()).hexdigest()


def build(path: str, n: int) -> None:
    rng, nrng = random.Random(7), np.random.default_rng(7)
    names = sorted({"".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).title()
                    for _ in range(30000)})[:20000]
    weights = [1 / (r + 1) for r in range(len(names))]
    store = open_store(path)
    docs, arts, vecs, sa, profiles, stories = [], [], [], [], [], []
    cast: list[str] = []
    centre = np.zeros(512, dtype=np.float32)
    for i in range(n):
        aid, sid = hashlib.sha1(f"a{i}".encode()).hexdigest()[:16], f"s{i // 10:06d}"
        if i % 10 == 0:
            stories.append(sid)
            cast = rng.choices(names, weights=weights, k=6)
            centre = nrng.standard_normal(512).astype(np.float32)
        named = cast[:rng.randint(3, 6)] + rng.choices(names, weights=weights,
                                                       k=rng.randint(2, 8))
        keys: dict[str, int] = {}
        for name in named:
            keys[name.lower()[:5]] = keys.get(name.lower()[:5], 0) + rng.randint(1, 3)
        text = " ".join(rng.choice(WORDS) for _ in range(40))
        title = f"{named[0]} and {named[1]}: made-up report {i}"
        day = None if i % 3 == 0 else f"2026-01-{i % 28 + 1:02d}"
        profiles.append((aid, {
            "role": "main", "outlet": f"outlet{i % 40}", "language": "en", "title": title,
            "lead": text[:80], "day": day, "keys": keys,
            "entities": {m: rng.randint(1, 3) for m in named},
            "terms": {w: text.count(w) for w in set(text.split())}, "marks": {},
            "duplicate_of": None, "named": {m: ["PERSON", 1, 0] for m in named}, "v": 3}))
        docs.append((_sha(i), f"dumps/day{i // 1000}/page{i}.txt", f"dumps/page{i}.txt"))
        arts.append((aid, _sha(i), title, f"outlet{i % 40}", day, text,
                     json.dumps({"id": aid, "role": "main", "title": title, "text": text})))
        vecs.append((aid, (centre + 0.8 * nrng.standard_normal(512)).astype(np.float32)
                     .tobytes()))
        sa.append((sid, aid))
    conn = store.conn  # type: ignore[attr-defined]
    with store.transaction():  # type: ignore[attr-defined]
        conn.executemany("INSERT INTO documents (sha256, input, uri, kind, metadata)"
                         " VALUES (?, ?, ?, 'text', '{}')", docs)
        conn.executemany("INSERT INTO articles (id, document, role, title, outlet, language,"
                         " published, text, analysis) VALUES (?, ?, 'main', ?, ?, 'en', ?, ?, ?)",
                         arts)
        conn.executemany("INSERT INTO article_sources (article, document) VALUES (?, ?)",
                         [(a[0], a[1]) for a in arts])
        conn.executemany("INSERT INTO article_vectors (article, vector) VALUES (?, ?)", vecs)
        conn.executemany("INSERT INTO stories (id, data, size) VALUES (?, ?, 10)",
                         [(s, json.dumps({"id": s, "title": "", "article_ids": []}))
                          for s in stories])
        conn.executemany("INSERT INTO story_articles (story, article) VALUES (?, ?)", sa)
    store.save_story_profiles(profiles)
    store.close()


def ingest_one(store: Store, config: Config, k: int) -> tuple[float, float]:
    """One made-up follow-up of a stored article (its title's names, a vector near its own),
    stored as ingest stores a page, then the command's stories step; (wall, CPU) seconds."""
    conn = store.conn  # type: ignore[attr-defined]
    aid, title, vector = conn.execute(
        "SELECT a.id, a.title, v.vector FROM articles a JOIN article_vectors v ON"
        " v.article = a.id ORDER BY a.id LIMIT 1 OFFSET ?", (k * 4099 + 17,)).fetchone()
    near = np.frombuffer(vector, dtype=np.float32) + 0.3 * np.random.default_rng(k) \
        .standard_normal(512).astype(np.float32)
    article = Article(id=f"ingest{k:04d}", role="main", title=f"{title} follow-up",
                      outlet="outlet7", language="en",
                      published=Published("2026-01-09", "2026-01-09"),
                      text="ferry harbour council vote bridge tide storm repair", input=f"new{k}",
                      vector=near.tolist())
    store.save_page(Page(input=article.input, uri=article.input,
                         sha256=f"new{k}-{aid}", kind="text", fetched_at="2026-01-09T10:00:00Z",
                         articles=[article]))
    wall, cpu = time.perf_counter(), time.process_time()
    before = dict(keptgraph.events)
    update_stories(store, config, [article])
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print("  kept vector graph:", ", ".join(f"{k} {v - before.get(k, 0)}" for k, v in
                                             sorted(keptgraph.events.items())
                                             if v != before.get(k, 0)) or "none")
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--db", default="build/bench_delete.db")
    parser.add_argument("--removals", type=int, default=5)
    parser.add_argument("--ingest", type=int, default=0,
                        help="made-up articles then ingested one a run (minutes each at 100,000)")
    parser.add_argument("--skip-whole", action="store_true",
                        help="do not time the whole index's load (minutes at 100,000)")
    args = parser.parse_args()
    if not Path(args.db).exists():
        t = time.perf_counter()
        build(args.db, args.articles)
        print(f"built {args.articles:,} made-up articles in {time.perf_counter() - t:.0f} s")
    work = args.db + ".work"
    shutil.copy(args.db, work)
    Path(work + keptgraph.SUFFIX).unlink(missing_ok=True)  # an earlier run's: built anew
    config = Config()
    clusterer = build_clusterer(config)
    store = open_store(work)
    n = store.counts()["articles"]
    remove_ms, forget_ms, whole_s, same = [], [], [], 0
    try:
        for k in range(args.removals):
            t = time.perf_counter()
            removed = store.remove_documents([_sha((k * 7919 + 13) % n)])
            remove_ms.append((time.perf_counter() - t) * 1000)
            if not args.skip_whole:
                t = time.perf_counter()
                index = clusterer.load(store)  # type: ignore[attr-defined]
                whole = [clusterer.story(index, index.stories[s]).to_dict()  # type: ignore
                         for s in sorted(removed.stories) if s in index.stories
                         and index.stories[s].mains]
                whole_s.append(time.perf_counter() - t)
            t = time.perf_counter()
            kept = forget(store, config, removed.stories)
            forget_ms.append((time.perf_counter() - t) * 1000)
            same += args.skip_whole or [s.to_dict() for s in kept] == whole
        ingest_s = [ingest_one(store, config, k) for k in range(args.ingest)]
    finally:
        store.close()
    for k, (wall, cpu) in enumerate(ingest_s):
        print(f"ingest of one article {k + 1}: update_stories {wall:7.1f} s wall {cpu:7.1f} s CPU")
    if not args.removals:
        return
    print(f"{n:,} articles, {args.removals} removals of one document each")
    print(f"remove_documents   median {statistics.median(remove_ms):9.1f} ms"
          f"  max {max(remove_ms):9.1f} ms")
    print(f"forget (members)   median {statistics.median(forget_ms):9.1f} ms"
          f"  max {max(forget_ms):9.1f} ms")
    if whole_s:
        print(f"whole index + records median {statistics.median(whole_s):6.1f} s"
              f"    max {max(whole_s):6.1f} s; records the same: {same} of {args.removals}")


if __name__ == "__main__":
    main()
