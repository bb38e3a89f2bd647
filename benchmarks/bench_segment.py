"""Segmentation speed: text dumps (pages/s, one core), HTML against trafilatura alone, and WARC
streaming memory on a generated archive.

Why: ingestion must keep up with a crawl; these are the three places where it could not.

    .venv/bin/python benchmarks/bench_segment.py --pages 2000 --warc-mb 1024
"""

from __future__ import annotations

import argparse
import contextlib
import io
import random
import resource
import time
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import trafilatura

from parallax.ingest.warc import read_warc
from parallax.segment.htmlpage import segment_html
from parallax.segment.textdump import segment_text
from parallax.settings import Config

if TYPE_CHECKING:
    from parallax.segment.realpages import RealPage

ROOT = Path(__file__).resolve().parents[1]


def _texts(suffix: str) -> list[str]:
    corpus = Path(str(resources.files("parallax") / "demo" / "corpus"))
    gold = ROOT / "tests" / "data" / "segmentation_gold"
    files = sorted(corpus.glob(f"*{suffix}")) + sorted(gold.glob(f"*{suffix}"))
    return [f.read_bytes().decode("utf-8", "replace") for f in files]


def bench_text(pages: int) -> None:
    texts = _texts(".txt")
    segment_text(texts[0])  # warm-up: language model load
    started = time.perf_counter()
    for i in range(pages):
        segment_text(texts[i % len(texts)])
    elapsed = time.perf_counter() - started
    print(f"text dumps: {pages} pages from {len(texts)} distinct in {elapsed:.2f}s = "
          f"{pages / elapsed:.0f} pages/s (one core)")


def bench_html(rounds: int) -> None:
    pages = _texts(".html")
    started = time.perf_counter()
    for _ in range(rounds):
        for page in pages:
            trafilatura.bare_extraction(page, include_comments=True, with_metadata=True,
                                        favor_recall=True, deduplicate=False)
    alone = time.perf_counter() - started
    started = time.perf_counter()
    for _ in range(rounds):
        for page in pages:
            segment_html(page)
    ours = time.perf_counter() - started
    n = rounds * len(pages)
    print(f"html: trafilatura alone {n / alone:.0f} pages/s; Parallax segment_html "
          f"{n / ours:.0f} pages/s; ratio {ours / alone:.2f}x ({len(pages)} distinct pages)")


def _real_pages(limit: int, split: str = "heldout") -> list[RealPage]:
    from parallax.segment import realpages

    root = ROOT.parent / "shared" / "datasets" / "extraction"
    return realpages.of_split(root, split, limit)


#: a dated line whose month dateparser reads in no locale it has loaded: htmldate hands such a
#: string to dateparser, which then compiles every one of its ~200 locales' patterns (~1.5 s)
UNREAD_DATE = "<html><body><div><p>Revised: 14-Mar-05 02:20</p></div></body></html>"


def _warm_shared(pages: list[str], sides: tuple[Callable[[str], None], ...]) -> float:
    """Pay the one-off loads of the libraries both HTML sides share before either is timed.

    Why: htmldate (trafilatura's date search, on both sides) lets dateparser load its locales
    lazily, and the first page holding a date string no loaded locale reads makes it compile
    every locale's patterns (~1.5 s, once a process). Timed page by page, that second and a
    half went to whichever side ran first on that page: the first round's ratio then said
    which side met the page first, not what a page costs (docs/segmentation.md, "Speed,
    fourteenth session"). Pages of the other split warm the rest (lazy imports, first calls)
    without warming any timed page's own caches. Returns the CPU seconds spent."""
    import htmldate

    started = time.process_time()
    htmldate.find_date(UNREAD_DATE, extensive_search=True, original_date=True)
    for page in pages:
        for side in sides:
            side(page)
    return time.process_time() - started


def bench_real(limit: int, rounds: int = 3, html: bool = True) -> None:
    """Real held-out pages (../shared/datasets/extraction): dumps in every rendering, and HTML
    against trafilatura alone with the options segment_html uses.

    CPU time of this process (``time.process_time``), not wall time: the machine is shared, and
    other processes' load would otherwise show as our slowness. HTML and trafilatura alone are
    timed page by page, alternating, so both see the same load; the ratio is of the sums."""
    from parallax.errors import InputRejected
    from parallax.records import RawDocument
    from parallax.segment.heuristic import HeuristicSegmenter
    from parallax.segment.render import RENDERINGS, page_blocks, render

    pages = _real_pages(limit)
    dumps = []
    for page in pages:
        title, blocks = page_blocks(page.html)
        dumps += [render(title, blocks, shape, with_title=True) for shape in RENDERINGS]
    segment_text(dumps[0])
    lines = sum(d.count("\n") for d in dumps) / len(dumps)
    for _ in range(rounds):
        started = time.process_time()
        for dump in dumps:
            segment_text(dump)
        elapsed = time.process_time() - started
        print(f"real text dumps: {len(dumps)} dumps ({lines:.0f} lines each on average) in "
              f"{elapsed:.2f}s CPU = {len(dumps) / elapsed:.0f} pages per CPU second")
    _dump_stages(dumps, elapsed)
    if not html:
        return
    htmls = [page.html for page in pages]
    segmenter = HeuristicSegmenter(Config())

    def ours(html: str) -> None:  # the whole HTML path, the visible-lines repair included
        with contextlib.suppress(InputRejected):
            segmenter.segment(RawDocument(uri="p.html", kind="html", text=html, fetched_at="",
                                          sha256="0", input="p.html"))

    def alone(html: str) -> None:
        trafilatura.bare_extraction(html, include_comments=True, with_metadata=True,
                                    favor_recall=True, deduplicate=False)

    warm = _warm_shared([page.html for page in _real_pages(10, "train")], (ours, alone))
    print(f"real html: one-off warm-up outside the timing, both sides on 10 training pages and "
          f"dateparser's locale scan: {warm:.2f}s CPU")
    for _ in range(rounds):
        spent = {"alone": 0.0, "ours": 0.0}
        for i, markup in enumerate(htmls):
            order = (("alone", alone), ("ours", ours)) if i % 2 else (("ours", ours),
                                                                       ("alone", alone))
            for name, run in order:
                started = time.process_time()
                run(markup)
                spent[name] += time.process_time() - started
        print(f"real html: trafilatura alone {len(htmls) / spent['alone']:.1f} pages per CPU "
              f"second; Parallax HTML {len(htmls) / spent['ours']:.1f}; ratio "
              f"{spent['ours'] / spent['alone']:.2f}x ({len(htmls)} pages)")


def _dump_stages(dumps: list[str], total: float) -> None:
    """Where a dump's time goes: reading the lines, the line model (features and trees), and
    the rest of segment_text (the decoder passes, language identification); CPU ms a page."""
    from parallax.segment.linemodel import default_model, features
    from parallax.segment.lines import read_lines

    model = default_model()
    started = time.process_time()
    read = [read_lines(dump) for dump in dumps]
    reading = time.process_time() - started
    started = time.process_time()
    rows = [features(lines) for lines in read]
    featuring = time.process_time() - started
    started = time.process_time()
    if model is not None and model.trees is not None:
        for x in rows:
            model.trees.probabilities(x)
    scoring = time.process_time() - started
    per = 1000 / len(dumps)
    print(f"  per dump: read_lines {reading * per:.2f} ms, line features {featuring * per:.2f} "
          f"ms, trees {scoring * per:.2f} ms, the rest (decoding, language id) "
          f"{(total - reading - featuring - scoring) * per:.2f} ms")


def _html_record(rng: random.Random, i: int) -> bytes:
    words = [rng.choice(("dam", "river", "council", "minister", "report", "flood", "bridge",
                         "harbour", "strike", "election", "summit", "pipeline")) +
             str(rng.randint(0, 99)) for _ in range(700)]
    paragraphs = "".join(f"<p>{' '.join(words[j:j + 70])}.</p>" for j in range(0, 700, 70))
    return (f"<html><head><title>Story {i}</title></head><body><nav>Home | World</nav>"
            f"<article><h1>Story {i}</h1>{paragraphs}</article></body></html>").encode()


def make_warc(path: Path, megabytes: int) -> int:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    rng = random.Random(7)
    count = 0
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        while handle.tell() < megabytes * 1_000_000:
            body = _html_record(rng, count)
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"https://news.example/{count}", "response", payload=io.BytesIO(body),
                http_headers=headers))
            count += 1
    return count


def bench_warc(megabytes: int, keep: Path | None) -> None:
    path = keep or Path("/tmp/parallax-bench.warc.gz")
    if not path.exists() or path.stat().st_size < megabytes * 1_000_000 * 0.95:
        started = time.perf_counter()
        records = make_warc(path, megabytes)
        print(f"warc: generated {path} ({path.stat().st_size / 1e6:.0f} MB, {records} records) "
              f"in {time.perf_counter() - started:.0f}s")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    docs = 0
    for item in read_warc(path, Config(), given=str(path)):
        docs += 1
        del item
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"warc: streamed {path.stat().st_size / 1e6:.0f} MB, {docs} HTML records in "
          f"{elapsed:.1f}s ({path.stat().st_size / 1e6 / elapsed:.0f} MB/s); peak RSS "
          f"{peak:.0f} MB (before reading: {before:.0f} MB)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--html-rounds", type=int, default=20)
    parser.add_argument("--warc-mb", type=int, default=100)
    parser.add_argument("--warc-path", type=Path, default=None)
    parser.add_argument("--real", type=int, default=0,
                        help="also time N held-out real pages of ../shared (dumps and HTML)")
    parser.add_argument("--rounds", type=int, default=3, help="repeats of the real-page timing")
    parser.add_argument("--dumps-only", action="store_true",
                        help="time the real pages' text dumps, not their HTML")
    parser.add_argument("--only", choices=("text", "html", "warc-make", "warc", "real"),
                        default=None,
                        help="run one part; measure WARC memory with --only warc in a fresh "
                             "process after --only warc-make")
    args = parser.parse_args()
    if args.only in (None, "text"):
        bench_text(args.pages)
    if args.only in (None, "html"):
        bench_html(args.html_rounds)
    if args.real or args.only == "real":
        bench_real(args.real or 100, args.rounds, html=not args.dumps_only)
    if args.only == "warc-make":
        path = args.warc_path or Path("/tmp/parallax-bench.warc.gz")
        print(f"generated {make_warc(path, args.warc_mb)} records in {path}")
    if args.only in (None, "warc"):
        bench_warc(args.warc_mb, args.warc_path)


if __name__ == "__main__":
    main()
