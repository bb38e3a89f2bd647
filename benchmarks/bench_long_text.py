"""Which analysis stage grows faster than its input? Seconds and peak traced memory per stage
of ``analyze`` (segmentation, each annotator, the corpus linker, near-duplicate marks, the JSON
contract, the store and the story update) on made-up texts of growing size
(docs/robustness.md, seventeenth session, helper B: one 2 MB record took 95 s and 1.1 GB).

The texts are generated here (invented names, places and sentences, never dataset text):
prose in paragraphs of a few sentences, the same prose with no newline at all or wrapped at 60
columns (a PDF dump), and a log of short lines. Stages read what ``analyze`` reads (the first
``max_analysed_chars``; ``--whole``: all of it, as before that setting). ``--trace`` adds
tracemalloc peaks in MB (slower: run it apart).

    python benchmarks/bench_long_text.py [--sizes 50000 200000] [--shapes prose] [--whole]
                                         [--trace]
"""

from __future__ import annotations

import argparse
import gc
import random
import tempfile
import textwrap
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

FIRST = ["Mara", "Tobin", "Ilse", "Oren", "Petra", "Caspian", "Lumi", "Dario", "Ysolde", "Kemal"]
LAST = ["Vell", "Arkwright", "Sandoval", "Quill", "Brannock", "Oyelaran", "Tisdale", "Marrow"]
PLACES = ["Eastmere", "Korvath", "Port Lindell", "Saltbridge", "the Ardent Valley", "Norhaven"]
BODIES = ["the Harbour Council", "the Ministry of Canals", "the Lindell Transit Union",
          "the Northern Grain Board", "the Coastal Audit Office"]
VERBS = ["said", "told reporters", "wrote in a statement", "argued", "warned"]
TOPICS = ["the new ferry tariff", "the flooded rail depot", "a shortage of winter seed",
          "the disputed fishing quota", "the delayed bridge repairs", "rising canal tolls"]


def _person(rnd: random.Random) -> str:
    return f"{rnd.choice(FIRST)} {rnd.choice(LAST)}"


def _sentence(rnd: random.Random) -> str:
    kind = rnd.randrange(5)
    if kind == 0:
        return (f'"We cannot wait for {rnd.choice(TOPICS)} to fix itself," {_person(rnd)}, '
                f"a spokesperson for {rnd.choice(BODIES)}, {rnd.choice(VERBS)}.")
    if kind == 1:
        return (f"{rnd.choice(BODIES).capitalize()} said {rnd.randint(2, 900)} households in "
                f"{rnd.choice(PLACES)} were affected by {rnd.choice(TOPICS)} last week.")
    if kind == 2:
        return (f"According to {_person(rnd)}, {rnd.choice(TOPICS)} will cost "
                f"{rnd.randint(1, 60)} million crowns by the end of the year.")
    if kind == 3:
        return (f"Critics in {rnd.choice(PLACES)} accused {_person(rnd)} of ignoring "
                f"{rnd.choice(TOPICS)} for {rnd.randint(2, 9)} years.")
    return (f"Residents of {rnd.choice(PLACES)} met on Tuesday to discuss {rnd.choice(TOPICS)} "
            f"with officials from {rnd.choice(BODIES)}.")


def made_up_text(size: int, shape: str, seed: int = 17) -> str:
    """``shape``: prose (paragraphs), oneline (no newline), wrapped (prose cut into 60-column
    lines, as a PDF dump), lines (a log: one short line each)."""
    rnd = random.Random(seed)
    title = f"{rnd.choice(PLACES).title()} braces for {rnd.choice(TOPICS)}"
    parts: list[str] = []
    length = 0
    while length < size:
        if shape == "lines":
            part = f"[{rnd.randint(0, 23):02d}:{rnd.randint(0, 59):02d}] {_person(rnd)}: ok"
        else:
            part = " ".join(_sentence(rnd) for _ in range(rnd.randint(2, 5)))
        parts.append(part)
        length += len(part) + 2
    if shape == "wrapped":  # a PDF dump: prose broken at 60 columns, a blank line between pages
        lines = textwrap.wrap(" ".join(parts), 60)
        return title + "\n\n" + "\n\n".join("\n".join(lines[i:i + 50])
                                              for i in range(0, len(lines), 50))
    sep = {"prose": "\n\n", "oneline": " ", "lines": "\n"}[shape]
    return title + sep + sep.join(parts)


def _measure(label: str, action: Callable[[], Any], trace: bool, rows: list[list[str]]) -> Any:
    gc.collect()
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    result = action()
    seconds = time.perf_counter() - started
    peak = ""
    if trace:
        peak = f"{tracemalloc.get_traced_memory()[1] / 1e6:.0f}"
        tracemalloc.stop()
    rows.append([label, f"{seconds:.2f}", peak])
    return result


def profile(text: str, trace: bool, cut: bool = True) -> list[list[str]]:
    from parallax.ingest import read_inputs
    from parallax.pipeline import Pipeline, analysed_part, run_stage
    from parallax.runner import corpus_linker, update_stories
    from parallax.settings import load_config
    from parallax.store import open_store
    from parallax.stories.dedupe import NearDuplicateIndex

    config = load_config(None)
    pipeline = Pipeline.from_config(config)
    rows: list[list[str]] = []
    data = text.encode()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "long.txt"
        path.write_bytes(data)
        doc = next(iter(read_inputs([str(path)], config)))
    page = _measure("segment", lambda: pipeline.segment(doc), trace, rows)
    if not hasattr(page, "articles"):
        return [*rows, ["rejected", page.reason, ""]]
    articles = page.articles
    limit = int(config["max_analysed_chars"]) if cut else 0
    for article in articles:  # what Pipeline.analyse_articles reads (the text is kept whole)
        if limit and len(article.text) > limit:
            article.text = article.text[:analysed_part(article.text, limit)]
    for kind, annotator in pipeline.annotators:
        _measure(kind, lambda a=annotator: run_stage(a, articles), trace, rows)
    linker = corpus_linker(config, [])
    _measure("linker", lambda: (linker.prepare_pages([page]),
                                [linker.link(a) for a in articles]), trace, rows)
    signatures = _measure("duplicates", lambda: NearDuplicateIndex(
        float(config["near_duplicate_threshold"])).mark(page), trace, rows)
    _measure("json", lambda: page.to_contract(analysed=True), trace, rows)
    with tempfile.TemporaryDirectory() as folder, open_store(f"{folder}/b.db") as store:
        _measure("store", lambda: store.save_page(page, signatures=signatures), trace, rows)
        _measure("stories", lambda: update_stories(store, config, articles), trace, rows)
    rows.append(["total", f"{sum(float(r[1]) for r in rows):.2f}", ""])
    rows.append(["(main text chars analysed)", str(sum(len(a.text) for a in articles)), ""])
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[50_000, 200_000, 500_000])
    parser.add_argument("--shapes", nargs="+", default=["prose"])
    parser.add_argument("--trace", action="store_true")
    parser.add_argument("--whole", action="store_true",
                        help="analyse the whole text (max_analysed_chars off), as before the cut")
    args = parser.parse_args()
    profile(made_up_text(3_000, "prose"), False)  # models loaded before anything is timed
    for shape in args.shapes:
        for size in args.sizes:
            print(f"## {shape} {size:,} characters")
            for row in profile(made_up_text(size, shape), args.trace, cut=not args.whole):
                print(" | ".join(row))


if __name__ == "__main__":
    main()
