"""Every page and JSON route a reader reaches, on a made-up store of N articles with a large
archive's skew: 5,000 made-up names drawn heavy-tailed (the top one in three articles
in five), 300 outlets likewise (the top one in about a sixth), stories of 1 to 200
members (Pareto), 13 languages (English in 10 of 22), a story in four titled in 90 words.
bench_web.py measures three routes over real HTTP at 10,000 articles built by the pipeline
(hours at 100,000); this builds with raw
inserts as bench_delete.py does (about 10 minutes at 100,000 on 2 cores) and asks each route
in this process, reporting wall and CPU milliseconds (the CPU of this process is the server's
work; on a shared machine its wall time is mostly waiting).

    python benchmarks/bench_web_routes.py --articles 100000 --db build/web100k.db
    python benchmarks/bench_web_routes.py --articles 10000 --db build/web10k-routes.db

The first request of each route is a warm-up (the comparison computed, the filter choices
cached) and is reported apart as "first".
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import statistics
import time
from pathlib import Path

from parallax.records import (
    Article,
    Mention,
    NarrativeLabel,
    Published,
    RoleLabel,
    Story,
    TechniqueSpan,
)
from parallax.store import open_store
from parallax.store.browse import facets_of

SYLLABLES = "ka lo mi ra ve to sa ne di pu ro la mar sen vik dal tor bel fen gar".split()
WORDS = ("ferry harbour council vote bridge tide storm repair fare island mayor port crew "
         "budget court ruling strike dam flood summit border").split()
LANGUAGES = ["en"] * 10 + "de fr es it pt nl pl ru ar zh ja uk".split()
NARRATIVES = ["Blame the elites", "Economic hardship", "Security threat", "Hope", "Corruption"]
TECHNIQUES = ["loaded_language", "name_calling", "doubt", "exaggeration"]


def _article(rng: random.Random, i: int, title: str, cast: list[str], names: list[str],
             weights: list[float], outlet: str, day: str | None) -> Article:
    named = cast[:rng.randint(1, 4)] + rng.choices(names, weights=weights, k=rng.randint(1, 6))
    text, mentions = "", []
    for k in range(120):
        if k % 15 == 0:
            name = named[(k // 15) % len(named)]
            kind = ("PERSON", "ORG", "GPE")[sum(map(ord, name)) % 3]
            mentions.append(Mention(name, len(text), len(text) + len(name), kind, name))
            text += name + " "
        text += rng.choice(WORDS) + (". " if k % 12 == 11 else " ")
    return Article(
        id="w" + hashlib.sha1(f"a{i}".encode()).hexdigest()[:15], role="main",
        title=f"{title} {i}", outlet=outlet, published=Published(day, day),
        text=text + f"Note {i}.", language=rng.choice(LANGUAGES), input=f"made/{i}.jsonl",
        entities=mentions,
        roles=[RoleLabel(named[0], rng.choice(["protagonist", "antagonist", "innocent"]), [],
                         0.7)],
        narratives=[NarrativeLabel(rng.choice(NARRATIVES), None, 0.6)],
        techniques=[TechniqueSpan(rng.choice(TECHNIQUES), 0, 10, 0.6)])


def build(path: str, n: int) -> None:
    rng = random.Random(11)
    names = sorted({"".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).title()
                    + " " + "".join(rng.choice(SYLLABLES) for _ in range(2)).title()
                    for _ in range(8000)})[:5000]
    weights = [1 / (r + 1) ** 1.1 for r in range(len(names))]
    outlets = [f"Outlet {i:03d}" for i in range(300)]
    outlet_weights = [1 / (r + 1) for r in range(300)]
    docs, arts, facets, members, stories = [], [], [], [], []
    made = 0
    while made < n:
        size = min(n - made, 200 if rng.random() < 0.002 else int(rng.paretovariate(1.2)), 200)
        cast = rng.choices(names, weights=weights, k=4)
        sid = "s" + hashlib.sha1(f"s{len(stories)}".encode()).hexdigest()[:15]
        month = 1 + len(stories) % 12
        title = " ".join(rng.choice(WORDS) for _ in range(rng.choice([6, 8, 12, 90])))
        ids = []
        for _ in range(size):
            day = None if made % 17 == 0 else f"2026-{month:02d}-{1 + made % 28:02d}"
            a = _article(rng, made, title, cast, names, weights,
                         rng.choices(outlets, weights=outlet_weights)[0], day)
            sha = hashlib.sha256(f"doc{made}".encode()).hexdigest()
            docs.append((sha, a.input, f"made://{made}"))
            arts.append((a.id, sha, a.title, a.outlet, a.language, day, a.text,
                         json.dumps(a.to_dict(), ensure_ascii=False)))
            facets += [(a.id, *f) for f in facets_of(a)]
            members.append((sid, a.id))
            ids.append(a.id)
            made += 1
        story = Story(id=sid, title=title, article_ids=ids, main_count=len(ids), outlets=[],
                      languages=["en"], key_entities=cast[:3], start=f"2026-{month:02d}-01",
                      end=f"2026-{month:02d}-28")
        stories.append((sid, json.dumps(story.to_dict()), len(ids)))
    store = open_store(path)
    conn = store.conn  # type: ignore[attr-defined]
    with store.transaction():  # type: ignore[attr-defined]
        conn.executemany("INSERT INTO documents (sha256, input, uri, kind, metadata)"
                         " VALUES (?, ?, ?, 'jsonl', '{}')", docs)
        conn.executemany("INSERT INTO articles (id, document, role, title, outlet, language,"
                         " published, text, analysis) VALUES (?, ?, 'main', ?, ?, ?, ?, ?, ?)",
                         arts)
        conn.executemany("INSERT INTO article_sources (article, document) VALUES (?, ?)",
                         [(a[0], a[1]) for a in arts])
        conn.executemany("INSERT INTO article_facets (article, kind, value, detail, count)"
                         " VALUES (?, ?, ?, ?, ?)", facets)
        conn.executemany("INSERT INTO stories (id, data, size) VALUES (?, ?, ?)", stories)
        conn.executemany("INSERT INTO story_articles (story, article) VALUES (?, ?)", members)
    store.close()


def routes(db: str) -> dict[str, str]:
    store = open_store(db)
    conn = store.conn  # type: ignore[attr-defined]
    try:
        def one(sql: str, *args: object) -> str:
            return str(conn.execute(sql, args).fetchone()[0])

        big = one("SELECT id FROM stories ORDER BY size DESC, id LIMIT 1")
        mid = one("SELECT id FROM stories WHERE size BETWEEN 5 AND 10 ORDER BY id LIMIT 1")
        art = one("SELECT article FROM story_articles WHERE story = ? ORDER BY article LIMIT 1",
                  mid)
        entity = one("SELECT value FROM article_facets WHERE kind = 'entity' GROUP BY value"
                     " ORDER BY count(*) DESC, value LIMIT 1")
        outlet = one("SELECT outlet FROM articles GROUP BY outlet ORDER BY count(*) DESC,"
                     " outlet LIMIT 1")
    finally:
        store.close()
    return {
        "stories": "/", "stories page 30": "/?page=30", "stories newest": "/?sort=newest",
        "stories by outlet": f"/?outlet={outlet}", "stories by entity": f"/?entity={entity}",
        "stories by language": "/?language=de",
        "stories by dates": "/?since=2026-06-01&until=2026-06-30",
        "api stories": "/api/stories", "api stories page 50": "/api/stories?page=50&sort=newest",
        "story (8 members)": f"/story/{mid}", "api story": f"/api/stories/{mid}",
        "story (200 members)": f"/story/{big}", "article": f"/article/{art}",
        "api article": f"/api/articles/{art}", "entity (most frequent)": f"/entity/{entity}",
        "api entity": f"/api/entities/{entity}", "outlet (largest)": f"/outlet/{outlet}",
        "api outlet": f"/api/outlets/{outlet}", "search common word": "/search?q=harbour",
        "search common, page 40": "/search?q=harbour&page=40",
        "search rare": "/search?q=Note+4242", "api search": "/api/search?q=ferry+vote",
        "delete preview": f"/article/{art}/delete", "ingest form": "/ingest",
        "healthz": "/healthz"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--db", default="build/web100k.db")
    parser.add_argument("--requests", type=int, default=5)
    parser.add_argument("--json", help="write the numbers here too")
    args = parser.parse_args()
    if not Path(args.db).exists():
        started = time.perf_counter()
        build(args.db, args.articles)
        print(f"built {args.articles:,} made-up articles in"
              f" {time.perf_counter() - started:.0f} s")
    from fastapi.testclient import TestClient

    from parallax.web.app import create_app

    client = TestClient(create_app(args.db, token_hash="pbkdf2$made-up"))
    out = {}
    for name, url in routes(args.db).items():
        wall, cpu = [], []
        for k in range(args.requests + 1):
            w, c = time.perf_counter(), time.process_time()
            response = client.get(url, follow_redirects=False)
            response.raise_for_status()
            if k == 0:
                first = (time.perf_counter() - w) * 1000
                continue
            wall.append((time.perf_counter() - w) * 1000)
            cpu.append((time.process_time() - c) * 1000)
        wall.sort()
        out[name] = {"first_ms": round(first, 1),
                     "p50_ms": round(statistics.median(wall), 1),
                     "p95_ms": round(wall[int(0.95 * (len(wall) - 1))], 1),
                     "cpu_p50_ms": round(statistics.median(cpu), 1),
                     "bytes": len(response.content)}
        print(f"{name:24s} first {first:8.0f} ms  p50 {out[name]['p50_ms']:8.1f}"
              f"  p95 {out[name]['p95_ms']:8.1f}  CPU p50 {out[name]['cpu_p50_ms']:8.1f} ms"
              f"  {len(response.content):,} bytes", flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
