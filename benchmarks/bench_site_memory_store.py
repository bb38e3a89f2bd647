"""What the store's site memory (store/site_lines.py, migration 0014) costs a page that
``parallax ingest`` reads: a made-up SQLite store of N text dumps (made-up outlets, each with
its own template of menu, teaser and footer lines; made-up articles), then K new dumps of those
outlets read as ``ingest`` reads one chunk: the store's siblings looked up
(``StoredSiteMemory``), the dump segmented with them (``Pipeline.segment_many``), its line
hashes saved with the page. CPU time of each part against segmenting the dump alone.

    python benchmarks/bench_site_memory_store.py --documents 10000 --outlets 200
    python benchmarks/bench_site_memory_store.py --documents 10000 --outlets 1   # worst case

The store is filled by ``save_page`` with each dump's lines (not segmented: the memory only
needs the lines and the main article's text), so a store of 10,000 takes a minute.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from parallax.pipeline import Pipeline
from parallax.records import Article, Page, Published, RawDocument
from parallax.runner import StoredSiteMemory
from parallax.segment.sitememory import line_hashes
from parallax.settings import Config
from parallax.store import open_store

WORDS = ("ferry harbour council vote bridge tide storm repair fare island mayor port crew "
         "quay market school road budget winter summer library trust night boat town").split()


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def template(outlet: int) -> tuple[list[str], list[str]]:
    rng = random.Random(outlet)
    name = f"Outlet {outlet} Gazette"
    menu = [name, *(f"{rng.choice(WORDS).title()} {k}" for k in range(14))]
    footer = [f"Most read on {name}", *(sentence(rng, 7) for _ in range(8)),
              f"Copyright {name}", "About us | Contact | Privacy"]
    return menu, footer


def dump(outlet: int, page: int) -> tuple[str, str, str]:
    """(text, title, article) of one made-up dump."""
    rng = random.Random(outlet * 1_000_003 + page)
    menu, footer = template(outlet)
    title = sentence(rng, 6)[:-1]
    article = "\n\n".join(" ".join(sentence(rng, 14) for _ in range(3)) for _ in range(6))
    text = "\n".join([*menu, title, *article.split("\n\n"), *footer]) + "\n"
    return text, title, article


def fill(store: object, documents: int, outlets: int) -> None:
    for k in range(documents):
        text, title, article = dump(k % outlets, k // outlets)
        sha = f"doc{k}"
        page = Page(input=f"{sha}.txt", uri=f"{sha}.txt", sha256=sha, kind="text",
                    fetched_at="", articles=[Article(id=Article.make_id(title, article),
                                                     role="main", title=title, text=article,
                                                     outlet=None, published=Published())])
        store.save_page(page, site_lines=line_hashes(text))  # type: ignore[attr-defined]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--outlets", type=int, default=200)
    parser.add_argument("--pages", type=int, default=200, help="new dumps read")
    args = parser.parse_args()
    config = Config()
    pipeline = Pipeline.from_config(config, analyse=False)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "store.db")
        started = time.process_time()
        fill(store, args.documents, args.outlets)
        print(f"filled {args.documents} documents of {args.outlets} outlets in "
              f"{time.process_time() - started:.1f} s CPU; "
              f"{Path(tmp, 'store.db').stat().st_size / 1e6:.1f} MB")
        memory = StoredSiteMemory(store)  # type: ignore[arg-type]
        parts: dict[str, list[float]] = {"alone": [], "lookup": [], "with_store": [], "save": []}
        siblings: list[int] = []
        for k in range(args.pages):
            text, _, _ = dump(k % args.outlets, 10_000 + k)
            doc = RawDocument(uri=f"new{k}.txt", kind="text", text=text, fetched_at="",
                              sha256=f"new{k}", input=f"new{k}.txt")
            t0 = time.process_time()
            pipeline.segment_many([doc])
            t1 = time.process_time()
            stored = memory([doc])
            t2 = time.process_time()
            result = pipeline.segment_many([doc], stored)
            t3 = time.process_time()
            assert isinstance(result[0], Page)
            store.save_page(result[0], site_lines=memory.lines.pop(doc.sha256))
            t4 = time.process_time()
            parts["alone"].append(t1 - t0)
            parts["lookup"].append(t2 - t1)
            parts["with_store"].append(t3 - t2)
            parts["save"].append(t4 - t3)
            siblings.append(len(stored.get(doc.sha256, [])))
        store.close()
    print(f"{args.pages} new dumps, {statistics.mean(siblings):.1f} stored siblings each")
    for name, values in parts.items():
        print(f"  {name:11s} median {1000 * statistics.median(values):7.2f} ms CPU, "
              f"mean {1000 * statistics.mean(values):7.2f}")
    extra = (statistics.median(parts["lookup"]) + statistics.median(parts["with_store"])
             - statistics.median(parts["alone"]))
    print(f"  the memory adds {1000 * extra:.2f} ms a dump (lookup + the second pass)")


if __name__ == "__main__":
    main()
