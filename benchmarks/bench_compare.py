"""Time to build one story's comparison (the web story page and `parallax compare`) for a story
of N analysed articles.

The articles are the story-gold set (73 fictional articles in EN/DE/RU, 11 outlets), analysed by
the real pipeline once into a throw-away store; the first N become one story, so the claims,
portrayal, voices and omissions are computed over real analyses. Reports the first call (which
loads the sentence encoder) and the median of the following ones (a running server).

    python benchmarks/bench_compare.py --articles 50 --repeat 5
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from parallax.pipeline import build_comparer
from parallax.records import Story
from parallax.runner import ingest
from parallax.settings import Config
from parallax.store import open_store

GOLD = Path(__file__).resolve().parents[1] / "tests" / "data" / "stories_gold" / "articles.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    config = Config()
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "bench.db")
        ingest([str(GOLD)], store, config, cluster=False)
        mains = store.articles(role="main")[:args.articles]
        story = Story(id="bench", title="bench", article_ids=[a.id for a in mains],
                      main_count=len(mains))
        comparer = build_comparer(config)
        timings = []
        for _ in range(args.repeat + 1):
            started = time.perf_counter()
            articles = [a for a in (store.article(i) for i in story.article_ids) if a]
            comments = store.comments([a.id for a in articles])
            result = comparer.compare(story, articles, comments)
            timings.append(time.perf_counter() - started)
        store.close()
    claims = result["claims"]
    print(json.dumps({
        "articles": len(mains), "outlets": len(result["outlets"]),
        "claims": sum(len(c["members"]) for c in claims["clusters"]),
        "claim_clusters": len(claims["clusters"]), "contested": len(claims["contested"]),
        "first_call_s": round(timings[0], 3),
        "warm_median_s": round(statistics.median(timings[1:]), 3),
        "warm_max_s": round(max(timings[1:]), 3),
    }, indent=1))


if __name__ == "__main__":
    main()
