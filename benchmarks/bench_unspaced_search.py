"""Chinese and Japanese search at scale: a made-up store of N articles of Chinese text (about
1,000 characters each, 3 KB of UTF-8; words of one to three characters drawn from a
heavy-tailed vocabulary of made-up words, so some characters are in most articles and others in
few), one in ten holding a Cyrillic city name, then each query's first page and count
(``store.search``, ``store.search_count``), CPU ms of this process (SQLite answers in it) and
wall ms, the median of ``--repeat`` runs. Run it with one code, then the other, on stores each
code builds itself (the store's schema is the code's):

    python benchmarks/bench_unspaced_search.py --articles 20000 --db build/cjk20k.db

A PostgreSQL URL as ``--db`` times that backend (wall only: the server's CPU is not this
process's). The store is built by raw inserts into its tables (as bench_delete.py's), in one
transaction; ``--keep`` reuses a store already built.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from pathlib import Path

from parallax.store import open_store

#: the made-up vocabulary's characters: the common CJK block, a random sample of it
CHARS = [chr(c) for c in range(0x4E00, 0x9FA5)]


def _vocabulary(rng: random.Random, size: int = 4000) -> list[str]:
    pool = rng.sample(CHARS, 2500)
    return ["".join(rng.choice(pool[:300] if rng.random() < 0.5 else pool)
                    for _ in range(rng.choice((1, 2, 2, 2, 3)))) for _ in range(size)]


def _text(rng: random.Random, words: list[str], weights: list[float], chars: int) -> str:
    out: list[str] = []
    length = 0
    while length < chars:
        sentence = "".join(rng.choices(words, weights, k=rng.randint(6, 18)))
        out.append(sentence + rng.choice("，。"))
        length += len(sentence) + 1
    return "".join(out)


def build(db: str, articles: int, seed: int = 31) -> list[str]:
    """The store, and the vocabulary's words by rank (most frequent first)."""
    rng = random.Random(seed)
    words = _vocabulary(rng)
    weights = [1 / (rank + 1) for rank in range(len(words))]  # Zipf
    store = open_store(db)
    conn = store.conn  # type: ignore[attr-defined]
    docs, rows = [], []
    for k in range(articles):
        text = _text(rng, words, weights, 1000)
        if k % 10 == 0:
            text += " Москва " + _text(rng, words, weights, 40)
        docs.append((f"d{k}", f"cjk/{k}.txt", f"cjk/{k}.txt"))
        rows.append((f"a{k}", f"d{k}", _text(rng, words, weights, 12)[:20], "Post", "zh",
                     "2026-11-02", text, "{}"))
    with store.transaction():  # type: ignore[attr-defined]
        conn.executemany("INSERT INTO documents (sha256, input, uri, kind, metadata)"
                         " VALUES (?, ?, ?, 'text', '{}')", docs)
        conn.executemany("INSERT INTO articles (id, document, role, title, outlet, language,"
                         " published, text, analysis) VALUES (?, ?, 'main', ?, ?, ?, ?, ?, ?)",
                         rows)
    store.close()
    return words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--db", default="build/cjk20k.db")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="reuse a store already built")
    args = parser.parse_args()
    if not args.keep and not args.db.startswith("postgres"):
        for suffix in ("", "-wal", "-shm"):
            Path(args.db + suffix).unlink(missing_ok=True)
    started, cpu = time.perf_counter(), time.process_time()
    words = build(args.db, args.articles) if not args.keep else \
        _vocabulary(random.Random(31))
    print(f"store: {args.articles:,} articles, built in {time.perf_counter() - started:.1f} s"
          f" wall, {time.process_time() - cpu:.1f} s CPU")
    two = [w for w in words if len(w) == 2]
    queries = {"common word": two[0], "mid word": two[40], "rare word": two[-1],
               "one common character": words[0][0], "two words": f"{two[0]} {two[5]}",
               "common word + Москва": f"{two[0]} Москва", "rare word + москва":
               f"{two[-1]} москва", "absent word": "鿀鿁"}
    store = open_store(args.db)
    if args.db.startswith("postgres"):  # the planner's statistics, as autovacuum leaves them
        store.conn.execute("ANALYZE")  # type: ignore[attr-defined]
    try:
        print(f"{'query':24} {'found':>7} {'CPU ms':>8} {'wall ms':>8}")
        for name, query in queries.items():
            cpu_ms, wall_ms = [], []
            for _ in range(args.repeat):
                started, cpu = time.perf_counter(), time.process_time()
                store.search(query)
                found = store.search_count(query)
                cpu_ms.append((time.process_time() - cpu) * 1000)
                wall_ms.append((time.perf_counter() - started) * 1000)
            print(f"{name:24} {found:>7,} {statistics.median(cpu_ms):>8.1f}"
                  f" {statistics.median(wall_ms):>8.1f}")
    finally:
        store.close()


if __name__ == "__main__":
    main()
