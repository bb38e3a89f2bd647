"""English persuasion techniques out of fold through `parallax analyze`'s code path.

Why: the trainer's cross-validation scores feature rows (one per labelled line of the source
file), `parallax evaluate` scores the path users get but only on the hold-out tenth; the two
disagreed by a quarter (twenty-eighth session, docs/framing.md, helpers TQ and TQ2). This
script puts every English SemEval-2023 training article once through `analyze`'s path and
re-runs the technique step with the paragraph model and span scorer of the fold that never saw
the article (the trainer's own five folds by document, all six languages trained, calibration
and cut-offs refitted out of fold as `fit_labeller` does), scored per labelled paragraph as
`evaluate` scores (`endtoend.technique_sets`). The genre model, which gates `reporting`
articles, is the fold's too (`genre_folds`: the genre trainer's rows, SemEval-2023 of every
language plus the news pages `make models` adds, refitted without the fold's documents,
twenty-ninth session); the quote stage is the shipped one.

`--factors` makes one step of the path at a time like cross-validation, to find where the gap
comes from: `lines` (the paragraph model reads each line of the source file, not the
segmenter's paragraphs), `genre` (no article treated as `reporting`: no quote-only filter),
`spans` (a paragraph label is shown as the paragraph, no word of the span scorer needs to
pass), `loaded` (English loaded language: the paragraph model's call, not the news model's
words), `heads` (name-calling kept where the tagger finds no label head), `placement` (a line
the segmenter dropped or made the title gets the cross-validation row's labels), `all` (every
one of them).

Slow the first time (sentence embeddings of 1,106 training articles; then about 9 minutes on
one core: analysis, 5 folds of 23 paragraph labellers, 5 of the span scorer); every step is
cached under `--cache`.

    .venv/bin/python scripts/techniques_oof.py [--cache build/techniques_oof] [--factors all]
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
FACTORS = ("lines", "genre", "spans", "loaded", "heads", "placement")
Result = list[list[tuple[set[str], set[str]]]]  # per article: (gold, shown) per paragraph


# -- cached steps ----------------------------------------------------------------------------
def capture(data: Path, cache: Path) -> list[Any]:
    """Each English training article analysed once; (item, article, framing context)."""
    path = cache / "cap_train.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())  # our own cache
    from parallax.frame import endtoend, tasks
    from parallax.frame.trained import TrainedFraming
    items = tasks._articles(data / "en", "train", "techniques")
    store: dict[str, Any] = {}
    orig = TrainedFraming._techniques

    def keep(self: TrainedFraming, article: Any, ctx: Any) -> None:
        store[article.text] = ctx
        orig(self, article, ctx)

    TrainedFraming._techniques = keep  # type: ignore[method-assign]
    try:
        analysed = endtoend.analyse_files([i.path for i in items], endtoend.models_config(None),
                                          print)
    finally:
        TrainedFraming._techniques = orig  # type: ignore[method-assign]
    out = [(it, a, store.get(a.text) if a is not None else None)
           for it, a in zip(items, analysed, strict=True)]
    path.write_bytes(pickle.dumps(out))
    return out


def paragraph_folds(data: Path, cache: Path) -> tuple[list[Any], dict[str, np.ndarray]]:
    """The techniques labeller of each fold, and the out-of-fold rows (what CV scores)."""
    from parallax.frame import tasks, units
    from parallax.frame.linear import LinearLabeller, sigmoid
    from parallax.frame.training import _fit_hashed, _fit_one, _platt, best_threshold, fold_of
    out = cache / "para"
    out.mkdir(parents=True, exist_ok=True)
    if not (out / "oof.npz").exists():
        from parallax.embeddings import CachedEncoder
        from parallax.frame.hashing import sparse_rows
        from parallax.frame.training import label_matrix
        enc = CachedEncoder(cache / "emb.npz")
        rows = tasks.build_rows("techniques", data, enc, "train", print)
        enc.save()
        hashed = sparse_rows(rows.extra["texts"], units.TECHNIQUE_BUCKETS)
        labels = list(tasks._labels("techniques", rows)["techniques"])
        y = label_matrix(rows.gold, labels)
        x = np.asarray(rows.x, dtype=np.float32)
        mean, std = x.mean(0), x.std(0) + 1e-6
        z = (x - mean) / std
        fold = fold_of(rows.groups, 5)
        n_labels = len(labels)
        raw = np.zeros((*y.shape, 2), np.float32)
        fits = []
        for k in range(5):
            tr, te = fold != k, fold == k
            w_, b_ = np.zeros((x.shape[1], n_labels), np.float32), np.zeros(n_labels, np.float32)
            h_, hb = np.zeros((hashed.shape[1], n_labels), np.float32), np.zeros(n_labels,
                                                                                  np.float32)
            for j in range(n_labels):
                w, b = _fit_one(z[tr], y[tr, j], tasks.C_DENSE, True)
                raw[te, j, 0] = z[te] @ w + b
                w_[:, j], b_[j] = w / std, b - float((mean / std) @ w)
                w, b = _fit_hashed(hashed[tr], y[tr, j], tasks.C_HASHED)
                raw[te, j, 1] = hashed[te] @ w + b
                h_[:, j], hb[j] = w, b
            fits.append((w_, b_, h_, hb))
            print("paragraph fold", k, flush=True)
        floors = tasks.min_precision("techniques", labels)
        cal = np.zeros((n_labels, 3), np.float32)
        thr = np.zeros(n_labels, np.float32)
        oof = np.zeros(y.shape, np.float32)
        for j in range(n_labels):
            cal[j] = _platt(raw[:, j], y[:, j])
            oof[:, j] = sigmoid(raw[:, j] @ cal[j, :2] + cal[j, 2])
            thr[j] = best_threshold(oof[:, j], y[:, j], 0.15, floors.get(labels[j], 0.0))
        for k, (w_, b_, h_, hb) in enumerate(fits):
            m = LinearLabeller(labels, w_, b_, cal[:, 0].copy(), cal[:, 2].copy(), thr.copy(),
                               {"task": "techniques", "languages": sorted(set(rows.languages))})
            m.hashed, m.hashed_bias, m.hashed_slope = h_, hb, cal[:, 1].copy()
            m.save(out / f"techniques_fold{k}.npz")
        np.savez(out / "oof.npz", oof=oof, y=y, fold=fold, langs=np.array(rows.languages),
                 groups=np.array(rows.groups), thr=thr)
    models = [LinearLabeller.load(out / f"techniques_fold{k}.npz") for k in range(5)]
    return models, dict(np.load(out / "oof.npz"))


#: the straight news and opinion pages ``make models`` adds to the genre rows (Makefile,
#: ``models``: ``parallax train genre ... --news``), relative to the datasets folder
GENRE_NEWS = ("extraction/dragnet_data", "extraction/CleanPortalEval-master",
              "extraction/cleaneval-final", "extraction/readability", "stories/basil-tune.jsonl")


def fit_genre(rows: Any) -> Any:
    """The genre trainer's own fitting (``tasks.train``'s genre branch: the labeller, its
    offsets and its sure cut-offs, each out of fold on ``rows``)."""
    from parallax.frame import tasks
    from parallax.frame.genre_sure import learn_cutoffs
    from parallax.frame.training import fit_labeller, label_matrix
    labels = tasks._labels("genre", rows)["genre"]
    fitted = fit_labeller(rows.x, label_matrix(rows.gold, labels), labels, rows.groups,
                          c=tasks.C_DENSE, folds=5, balanced=True,
                          min_precision=tasks.min_precision("genre", labels),
                          meta={"task": "genre", "languages": sorted(set(rows.languages))})
    model = fitted.model
    gold = [g[0] for g in rows.gold]
    model.meta["offsets"] = tasks.tune_genre_offsets(fitted.oof, gold, labels,
                                                     rows.extra["news"])
    model.meta["sure"] = learn_cutoffs(fitted.oof, gold, model)["cutoffs"]
    return model


def genre_folds(data: Path, cache: Path) -> list[Any]:
    """The genre model of each fold: the trainer's rows (SemEval-2023 training articles of
    every language plus ``GENRE_NEWS``' pages), refitted without the fold's documents, so the
    ``reporting`` gate of an article comes from a model that never saw it."""
    from parallax.frame.linear import LinearLabeller
    out = cache / "genre"
    if not all((out / f"genre_fold{k}.npz").exists() for k in range(5)):
        from parallax.embeddings import CachedEncoder
        from parallax.frame import tasks
        from parallax.frame.training import fold_of
        enc = CachedEncoder(cache / "emb.npz")
        rows = tasks.build_rows("genre", data, enc, "train", print,
                                [data.parent / n for n in GENRE_NEWS])
        enc.save()
        fold = fold_of(rows.groups, 5)
        for k in range(5):
            keep = np.flatnonzero(fold != k)
            part = tasks.Rows(rows.x[keep], [rows.gold[i] for i in keep],
                              [rows.groups[i] for i in keep],
                              [rows.languages[i] for i in keep],
                              extra={"news": [rows.extra["news"][i] for i in keep]})
            fit_genre(part).save(out / f"genre_fold{k}.npz")
            print("genre fold", k, flush=True)
    return [LinearLabeller.load(out / f"genre_fold{k}.npz") for k in range(5)]


def span_folds(data: Path, cache: Path) -> list[Any]:
    from parallax.frame.spans import SpanScorer
    out = cache / "spans"
    if not all((out / f"spans_fold{k}.npz").exists() for k in range(5)):
        from parallax.frame.bundle import load_span_scorer
        from parallax.frame.datasets import held_out, read_semeval2023
        from parallax.frame.span_training import fit_token_scorer, token_rows
        from parallax.frame.spans import BUCKETS, SPAN_TECHNIQUES
        from parallax.frame.training import fold_of
        out.mkdir(parents=True, exist_ok=True)
        arts = [a for a in read_semeval2023(data) if not held_out(a.language + a.id)]
        x, y, groups, _ = token_rows(arts)
        fold = fold_of(groups, 5)
        shipped = load_span_scorer("")
        for k in range(5):
            w = np.zeros((BUCKETS, 2), np.float32)
            b = np.zeros(2, np.float32)
            for j in range(2):
                w[:, j], b[j] = fit_token_scorer(x[fold != k], y[fold != k, j])
            SpanScorer(list(SPAN_TECHNIQUES), w, b, shipped.thresholds.copy(),
                       dict(shipped.meta), dict(shipped.by_language)).save(
                out / f"spans_fold{k}.npz")
            print("span fold", k, flush=True)
    return [SpanScorer.load(out / f"spans_fold{k}.npz") for k in range(5)]


# -- the technique step, out of fold, one factor at a time ------------------------------------
@contextmanager
def patched(obj: Any, name: str, value: Any) -> Iterator[None]:
    old = getattr(obj, name)
    setattr(obj, name, value)
    try:
        yield
    finally:
        setattr(obj, name, old)


def cv_rows(oof: dict[str, np.ndarray], labels: list[str]) -> dict[str, list[set[str]]]:
    """The cross-validation prediction of each English row, per article (the rows are the
    labelled non-blank lines of the source file, in order)."""
    by: dict[str, list[set[str]]] = defaultdict(list)
    for g, p in zip(oof["groups"], oof["oof"] >= oof["thr"], strict=True):
        if str(g).startswith("en"):
            by[str(g)].append({labels[j] for j in np.flatnonzero(p)})
    return by


def run(caps: list[Any], paras: list[Any], spans: list[Any], factors: set[str],
        rows: dict[str, list[set[str]]], genres: list[Any] | None = None) -> Result:
    """``genres``: the fold genre models (``genre_folds``); None keeps the shipped model's
    genre, captured with the analysis (in sample)."""
    from parallax.frame import units
    from parallax.frame.endtoend import Aligner
    from parallax.frame.genre_sure import shown_genre
    from parallax.frame.trained import TrainedFraming
    from parallax.frame.training import fold_of
    fr = TrainedFraming("")
    # the paragraph decision is what is shown, no word needed:
    if "spans" in factors:  # no span scorer or fallback word for a paragraph label
        fr._locate = lambda text, s, e, *a, **k: [(s, e)]  # type: ignore[method-assign]
    if "loaded" in factors:  # English loaded language: the paragraph model's call alone
        fr._loaded_words = (  # type: ignore[method-assign]
            lambda text, s, e, gated, *a: [(s, e, gated)] if gated is not None else [])
    if "heads" in factors:  # name-calling kept without a label head
        fr._labels_only = lambda text, found, *a: found  # type: ignore[method-assign]
    out: Result = []
    for item, art, ctx in caps:
        gold_lines = [(p, item.text[p.start:p.end]) for p in item.paragraphs]
        labelled = [(p, line) for p, line in gold_lines if p.labelled and line.strip()]
        if art is None or ctx is None:
            out.append([(set(p.techniques), set()) for p, _ in labelled])
            continue
        aligner = Aligner(art)
        places = [(p, aligner.place(line)) for p, line in gold_lines]
        k = int(fold_of([item.language + item.id], 5)[0])
        fr.models["techniques"], fr.spans = paras[k], spans[k]
        genre = art.genre
        if "genre" in factors:
            art.genre = None
        elif genres is not None and genre is not None:
            model = genres[k]
            p = model.proba(units.genre_row(ctx.doc, model.weights.shape[0]))
            art.genre = replace(genre, label=shown_genre(p, model)[0])
        lines = sorted((pl.start, pl.end) for _, pl in places if pl.where == "text")
        split: Callable[[str], list[tuple[int, int]]] = (
            (lambda _text, lines=lines: lines) if "lines" in factors else units.paragraph_spans)
        art.techniques = []
        with patched(units, "paragraph_spans", split):
            fr._techniques(art, ctx)
        art.genre = genre
        cv = iter(rows.get(item.language + item.id, []))
        doc = []
        for p, pl in places:
            if not (p.labelled and item.text[p.start:p.end].strip()):
                continue
            row = next(cv, set())
            if pl.where == "text":
                shown = {t.technique for t in art.techniques
                         if t.start < pl.end and t.end > pl.start}
            else:
                shown = row if "placement" in factors else set()
            doc.append((set(p.techniques), shown))
        out.append(doc)
    return out


# -- scores ----------------------------------------------------------------------------------
def doc_counts(res: Result) -> np.ndarray:
    a = np.zeros((len(res), 3))
    for i, doc in enumerate(res):
        for g, p in doc:
            a[i] += (len(p & g), len(p - g), len(g - p))
    return a


def micro(res: Result) -> tuple[float, float, float, int]:
    tp, fp, fn = doc_counts(res).sum(0)
    return (2 * tp / max(2 * tp + fp + fn, 1), tp / max(tp + fp, 1), tp / max(tp + fn, 1),
            int(tp + fp))


def paired(a: Result, b: Result, draws: int = 2000) -> tuple[float, float]:
    """95% interval of micro-F1(b) - micro-F1(a), bootstrap by article."""
    ca, cb = doc_counts(a), doc_counts(b)
    idx = np.random.default_rng(0).integers(0, len(ca), (draws, len(ca)))

    def f(c: np.ndarray) -> np.ndarray:
        return 2 * c[..., 0] / np.maximum(2 * c[..., 0] + c[..., 1] + c[..., 2], 1)

    d = f(cb[idx].sum(1)) - f(ca[idx].sum(1))
    return float(np.percentile(d, 2.5)), float(np.percentile(d, 97.5))


CARD = ROOT / "src" / "parallax" / "frame" / "models" / "oof-path.card.json"


def write_card(base: Result, cv: Result, trivial: Result, shipped: Result) -> None:
    f, p, r, _ = micro(base)
    card = {"techniques": {
        "articles": len(base), "paragraphs": sum(len(d) for d in base),
        "micro_f1": round(f, 6), "precision": round(p, 6), "recall": round(r, 6),
        "cv_rows_micro_f1": round(micro(cv)[0], 6),
        "trivial_micro_f1": round(micro(trivial)[0], 6),
        "shipped_genre_micro_f1": round(micro(shipped)[0], 6),
        "how": "every English SemEval-2023 training article once through parallax analyze's "
               "path; the technique step re-run with the paragraph labeller, span scorer and "
               "genre model (the reporting gate) of the trainer's fold (by document) that "
               "never saw the article, cut-offs, genre offsets and sure cut-offs refitted out "
               "of fold as the trainers do; scored per labelled paragraph as parallax "
               "evaluate does; quote stage shipped. shipped_genre_micro_f1: the same with the "
               "shipped genre model (in sample). scripts/techniques_oof.py"}}
    CARD.write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {CARD}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "datasets"
                    / "semeval2023-task3", help="SemEval-2023 Task 3 (default ../shared)")
    ap.add_argument("--cache", type=Path, default=ROOT / "build" / "techniques_oof",
                    help="where every step's result is kept (default build/techniques_oof)")
    ap.add_argument("--factors", default="",
                    help="comma-separated among " + ", ".join(FACTORS) + ", or 'all': each "
                    "row makes that one step like cross-validation, then all together")
    ap.add_argument("--card", action="store_true",
                    help="write the path, CV-row and trivial numbers to the techniques model "
                    "card (oof-path.card.json; then run scripts/gen_model_card.py)")
    ap.add_argument("--limit", type=int, default=0, help="first N articles only (a smoke test)")
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        print(f"error: no SemEval-2023 Task 3 data at {args.data}", file=sys.stderr)
        return 2
    chosen = list(FACTORS) if args.factors == "all" else [
        f for f in args.factors.split(",") if f]
    if bad := [f for f in chosen if f not in FACTORS]:
        print(f"error: unknown factor(s) {', '.join(bad)}; choose among {', '.join(FACTORS)}",
              file=sys.stderr)
        return 2
    args.cache.mkdir(parents=True, exist_ok=True)
    caps = capture(args.data, args.cache)
    if args.limit:
        caps = caps[:args.limit]
    paras, oof = paragraph_folds(args.data, args.cache)
    spans = span_folds(args.data, args.cache)
    labels = list(paras[0].labels)
    rows = cv_rows(oof, labels)
    en = np.array([str(g).startswith("en") for g in oof["groups"]])
    if args.limit:
        keep = {item.language + item.id for item, _, _ in caps}
        en &= np.array([str(g) in keep for g in oof["groups"]])
    cv: Result = [[(set(np.array(labels)[y.astype(bool)]), set(np.array(labels)[p]))
                   for y, p in zip(oof["y"][en], (oof["oof"] >= oof["thr"])[en], strict=True)]]
    genres = genre_folds(args.data, args.cache)
    shipped = run(caps, paras, spans, set(), rows)
    base = run(caps, paras, spans, set(), rows, genres)
    trivial: Result = [[(g, {"Loaded_Language"}) for g, _ in doc] for doc in base]
    n = sum(len(d) for d in base)
    print(f"English SemEval-2023 training articles: {len(base)}, labelled paragraphs {n}")
    print(f"{'':58s} micro-F1     P      R   shown")

    def line(name: str, res: Result) -> None:
        f, p, r, shown = micro(res)
        print(f"{name:58s} {f:.4f}  {p:.3f}  {r:.3f}  {shown:5d}")

    line("trainer's CV rows (what the card's CV scores)", cv)
    line("trivial: Loaded_Language on every paragraph", trivial)
    line("through the path, the shipped genre model (in sample)", shipped)
    lo, hi = paired(shipped, base)
    line(f"out of fold through analyze's path [{lo:+.3f}, {hi:+.3f}]", base)
    if args.card and not args.limit:
        write_card(base, cv, trivial, shipped)
    for combo in [[f] for f in chosen] + ([chosen] if len(chosen) > 1 else []):
        res = run(caps, paras, spans, set(combo), rows, genres)
        lo, hi = paired(base, res)
        line(f"  ... with {' + '.join(combo)} like CV [{lo:+.3f}, {hi:+.3f}]", res)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
