"""The web app with 10,000 stored articles: latency of the story page and search (p50/p95),
and throughput of the stories page under wrk.

The store is built once (build/web10k.db): the demo corpus and the story gold set are analysed
by the real pipeline, then their analysed articles are copied under new ids, outlets and dates
(with one distinguishing sentence each, so search sees 10,000 different texts) into stories of
2-40 articles, the size of real news stories. A server runs in its own process (`parallax
serve`, one worker, rate limit off); requests go over real HTTP from this process.

    python benchmarks/bench_web.py [--articles 10000] [--requests 200] [--wrk-seconds 15]
    python benchmarks/bench_web.py --postgres   # the same over a throwaway PostgreSQL server
    python benchmarks/bench_web.py --load 16    # story pages under 16 connections (issue 15)

``--load N`` measures what a crowd sees: the server starts as ``parallax serve`` does (the
comparison warmer on), the benchmark waits until the warmer has cached every story, then N
connections request story pages in a random order in which every story is requested for the
first time before any is repeated ("never viewed before" means no person opened it; the warmer
computed it at start, as it does after each ingest). Reported: requests/s and p50/p95/p99.

With ``--postgres`` the store is built in a fresh database of a PostgreSQL cluster started for
the run (tests/postgres_server.py: Debian's postgresql package, Unix socket only).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from parallax.records import Page, Story, content_hash
from parallax.runner import ingest
from parallax.settings import Config
from parallax.store import open_store

ROOT = Path(__file__).resolve().parents[1]
DB = ROOT / "build" / "web10k.db"
WORDS = ("harbour", "ceasefire", "pipeline", "summit", "flood", "strike", "election", "border",
         "verdict", "prisoner", "gas", "dam", "heatwave", "protest", "minister", "sanctions")


def build(n_articles: int, db: str | Path = DB) -> None:
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        seed = open_store(Path(tmp) / "seed.db")
        ingest([str(ROOT / "tests/data/stories_gold/articles.jsonl"),
                str(ROOT / "src/parallax/demo/corpus")], seed, Config(), cluster=False)
        templates = seed.articles(role="main")
        seed.close()
    if isinstance(db, Path):
        db.unlink(missing_ok=True)
    store = open_store(db)
    outlets = [f"Outlet {i:02d}" for i in range(40)]
    stories: list[Story] = []
    made = 0
    while made < n_articles:
        size = min(n_articles - made, rng.choice([2, 3, 4, 5, 6, 8, 10, 12, 20, 40]))
        template = rng.choice(templates)
        ids = []
        for _ in range(size):
            article = type(template).from_dict(template.to_dict())
            made += 1
            article.id = "w" + content_hash(str(made))
            article.outlet = rng.choice(outlets)
            extra = f" Reporter note {made}: {rng.choice(WORDS)} {rng.choice(WORDS)}."
            article.text += extra
            day = 1 + (len(stories) % 28)
            article.published.iso = f"2026-{1 + len(stories) % 12:02d}-{day:02d}"
            page = Page(input=f"bench#{made}", uri=f"bench://{made}",
                        sha256=content_hash("page", str(made)), kind="jsonl",
                        fetched_at="2026-11-28T00:00:00Z", articles=[article])
            store.save_page(page)
            ids.append(article.id)
        stories.append(Story(id="s" + content_hash(ids[0]), title=template.title or "Untitled",
                             article_ids=ids, main_count=len(ids), outlets=sorted(outlets[:3]),
                             languages=[template.language or "en"],
                             key_entities=[], start="2026-01-01", end="2026-01-02"))
    store.replace_stories(stories)
    store.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def timed(client: httpx.Client, url: str) -> float:
    started = time.perf_counter()
    response = client.get(url)
    response.raise_for_status()
    return (time.perf_counter() - started) * 1000


def percentiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {"p50_ms": round(statistics.median(ordered), 1),
            "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))], 1),
            "max_ms": round(ordered[-1], 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--wrk-seconds", type=int, default=15)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--postgres", action="store_true",
                        help="store in a throwaway PostgreSQL cluster instead of SQLite")
    parser.add_argument("--load", type=int, default=0, metavar="CONNECTIONS",
                        help="story pages under this many concurrent connections instead")
    parser.add_argument("--load-seconds", type=float, default=20.0)
    args = parser.parse_args()
    cluster = None
    db: str | Path = DB
    if args.postgres:
        sys.path.insert(0, str(ROOT / "tests"))
        from postgres_server import Cluster, find_bindir

        bindir = find_bindir()
        if bindir is None:
            raise SystemExit("PostgreSQL is not installed (apt-get install postgresql)")
        cluster = Cluster(bindir)
        cluster.start()
        db = cluster.new_database()
        started = time.perf_counter()
        build(args.articles, db)
        print(f"built the PostgreSQL store in {time.perf_counter() - started:.1f} s",
              file=sys.stderr)
    elif args.rebuild or not DB.exists():
        build(args.articles)
    try:
        if args.load:
            load(args, db)
        else:
            run(args, db)
    finally:
        if cluster is not None:
            cluster.stop()


def run(args: argparse.Namespace, db: str | Path) -> None:
    server, base = serve(db, "web_rate_per_minute = 0", "web_warm_comparisons = false")
    try:
        with httpx.Client(timeout=60) as client:
            store = open_store(db)
            story_ids = [s.id for s in store.stories()]
            store.close()
            rng = random.Random(3)
            sample = rng.sample(story_ids, min(args.requests, len(story_ids)))
            cold = [timed(client, f"{base}/story/{s}") for s in sample]  # computes + caches
            warm = [timed(client, f"{base}/story/{s}") for s in sample]
            searches = [timed(client, f"{base}/search?q={rng.choice(WORDS)}+{rng.choice(WORDS)}")
                        for _ in range(args.requests)]
            index = [timed(client, f"{base}/?page={rng.randint(1, 20)}")
                     for _ in range(args.requests)]
        result: dict[str, object] = {
            "backend": "postgres" if args.postgres else "sqlite", "articles": args.articles,
            "stories": len(story_ids),
            "story_page_first_view": percentiles(cold), "story_page": percentiles(warm),
            "search_page": percentiles(searches), "stories_page": percentiles(index)}
        if shutil.which("wrk"):
            out = subprocess.run(["wrk", "-t2", "-c16", f"-d{args.wrk_seconds}s", base + "/"],
                                 capture_output=True, text=True, check=False).stdout
            rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
            errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
            sock = re.search(r"Socket errors: (.*)", out)
            result["wrk_stories_page"] = {
                "requests_per_s": float(rps.group(1)) if rps else None,
                "non_2xx": int(errors.group(1)) if errors else 0,
                "socket_errors": sock.group(1) if sock else "none"}
        print(json.dumps(result, indent=1))
    finally:
        server.terminate()
        server.wait(timeout=10)


def serve(db: str | Path, *settings: str) -> tuple[subprocess.Popen[bytes], str]:
    config = Path(tempfile.mkdtemp()) / "parallax.toml"
    config.write_text("[settings]\n" + "".join(line + "\n" for line in settings),
                      encoding="utf-8")
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "parallax.cli", "serve", "--db", str(db),
                               "--port", str(port), "--config", str(config)],
                              env={**os.environ, "PYTHONUNBUFFERED": "1"},
                              stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            httpx.get(base + "/healthz", timeout=5)
            break
        except httpx.TransportError:
            time.sleep(0.1)
    return server, base


def cached_comparisons(db: str | Path) -> int:
    store = open_store(db)
    try:
        return int(store.conn.execute(  # type: ignore[attr-defined]
            "SELECT count(DISTINCT story) FROM comparison_cache").fetchone()[0])
    finally:
        store.close()


def load(args: argparse.Namespace, db: str | Path) -> None:
    """Story pages under ``args.load`` concurrent connections, after the warmer finished."""
    import asyncio

    store = open_store(db)
    story_ids = [s.id for s in store.stories()]
    store.close()
    server, base = serve(db, "web_rate_per_minute = 0", "web_warm_comparisons = true")
    try:
        started = time.perf_counter()
        while cached_comparisons(db) < len(story_ids) or \
                httpx.get(base + "/healthz", timeout=30).json().get("warming"):
            if server.poll() is not None:
                raise SystemExit("the server stopped while warming")
            time.sleep(2)
        warm_s = time.perf_counter() - started
        order = story_ids[:]
        random.Random(5).shuffle(order)

        async def crowd() -> tuple[list[float], float, int]:
            latencies: list[float] = []
            failures = 0
            queue = iter(order * 100)
            deadline = time.perf_counter() + args.load_seconds
            limits = httpx.Limits(max_connections=args.load)
            async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as client:
                async def worker() -> None:
                    nonlocal failures
                    while time.perf_counter() < deadline:
                        story = next(queue)
                        t0 = time.perf_counter()
                        response = await client.get(f"/story/{story}")
                        latencies.append((time.perf_counter() - t0) * 1000)
                        failures += response.status_code != 200

                t0 = time.perf_counter()
                await asyncio.gather(*(worker() for _ in range(args.load)))
                return latencies, time.perf_counter() - t0, failures

        latencies, elapsed, failures = asyncio.run(crowd())
        ordered = sorted(latencies)
        result = {"backend": "postgres" if args.postgres else "sqlite",
                  "articles": args.articles, "stories": len(story_ids),
                  "connections": args.load, "warmer_s": round(warm_s, 1),
                  "requests": len(latencies), "first_views": min(len(latencies), len(order)),
                  "requests_per_s": round(len(latencies) / elapsed, 1), "failures": failures,
                  **percentiles(latencies),
                  "p99_ms": round(ordered[int(0.99 * (len(ordered) - 1))], 1)}
        print(json.dumps(result, indent=1))
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
