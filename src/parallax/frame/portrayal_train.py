"""Training the portrayal models (``python -m parallax.frame.portrayal_train``, run by
``make models``; scikit-learn, training only).

- Sentence level on NewsMTSC ``train.jsonl``: folds are whole source articles (the id's article
  number), and a second check trains on one source (AllSides or POLUSA) and scores the other.
- Article level on PerSenT ``dev.csv``: a fixed third of the articles (by hash of the document
  index) is held out and never used to fit or tune. The rest go through ``parallax analyze``;
  the sentence model (which never saw PerSenT) scores each sentence that mentions the
  pipeline's target entity, and the aggregate goes into a class-balanced logistic regression.

Nothing from the data is stored: weights over hashed word buckets and sentence-vector
dimensions, and the scores in the card.
"""

from __future__ import annotations

import csv
import hashlib
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from parallax.embeddings import CachedEncoder
from parallax.frame import metrics
from parallax.frame.linear import LinearLabeller
from parallax.frame.portrayal import (
    AGG_NAMES,
    LABELS,
    article_row,
    sentence_scores,
    target_buckets,
)
from parallax.frame.portrayal_card import render_card
from parallax.frame.portrayal_eval import lean_curve
from parallax.frame.training import fit_labeller, label_matrix
from parallax.records import Article

Progress = Callable[[str], None]
POLARITY = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}
C_SENTENCE = 0.01
C_HASHED = 0.1
#: a lean is shown only with a sentence that leans that way at least this much (the evidence)
EVIDENCE_MIN = 0.5
#: F-beta for choosing the show thresholds: 0.5 counts precision twice, because a wrong label is
#: worse than no label
SHOW_BETA = 0.5
C_ARTICLE = 0.01  # C 0.01 / 0.1 / 1 / 10: CV macro-F1 0.475 / 0.452 / 0.468 / 0.472


@dataclass(slots=True)
class TargetSentence:
    sentence: str
    spans: list[tuple[int, int]]
    label: str
    group: str  # the source article
    source: str  # allsides | polusa


@dataclass(slots=True)
class PersentArticle:
    id: str
    title: str
    target: str
    text: str
    label: str  # negative | neutral | positive
    extra: dict[str, Any] = field(default_factory=dict)


def read_newsmtsc(path: Path) -> list[TargetSentence]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        sentence = item["sentence_normalized"]
        gid = item["primary_gid"].split("_")
        source = gid[0]
        group = "_".join(gid[:3]) if source == "polusa" else "_".join(gid[:2])
        for t in item["targets"]:
            spans = [(int(t["from"]), int(t["to"]))]
            spans += [(int(f["from"]), int(f["to"])) for f in t.get("further_mentions", [])]
            out.append(TargetSentence(sentence, spans, POLARITY[float(t["polarity"])], group,
                                      source))
    return out


def persent_held_out(doc_id: str) -> bool:
    """The fixed PerSenT hold-out: a third of the articles, by hash of the document index."""
    return hashlib.sha1(("persent" + doc_id).encode("utf-8")).digest()[0] % 3 == 0


def read_persent(path: Path) -> list[PersentArticle]:
    csv.field_size_limit(sys.maxsize)
    out = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            out.append(PersentArticle(row["DOCUMENT_INDEX"], row["TITLE"], row["TARGET_ENTITY"],
                                      row["DOCUMENT"], row["TRUE_SENTIMENT"].strip().lower()))
    return out


def sentence_features(items: list[TargetSentence], encoder: CachedEncoder
                      ) -> tuple[np.ndarray, Any]:
    from scipy import sparse

    vectors = encoder.encode([i.sentence for i in items])
    indices: list[int] = []
    indptr = [0]
    for item in items:
        indices.extend(target_buckets(item.sentence, item.spans))
        indptr.append(len(indices))
    from parallax.frame.portrayal import BUCKETS

    hashed = sparse.csr_matrix((np.ones(len(indices), dtype=np.float32), indices, indptr),
                               shape=(len(items), BUCKETS))
    return vectors, hashed


def fit_sentence(items: list[TargetSentence], encoder: CachedEncoder, folds: int = 5
                 ) -> tuple[LinearLabeller, np.ndarray]:
    x, hashed = sentence_features(items, encoder)
    y = label_matrix([[i.label] for i in items], LABELS)
    fitted = fit_labeller(x, y, LABELS, [i.group for i in items], c=C_SENTENCE, folds=folds,
                          hashed=hashed, hashed_c=C_HASHED, balanced=True,
                          meta={"task": "portrayal-sentence", "rows": len(items),
                                "trained": date.today().isoformat()})
    return fitted.model, fitted.oof


def sentence_scores_rows(model: LinearLabeller, items: list[TargetSentence],
                         encoder: CachedEncoder) -> np.ndarray:
    x, _ = sentence_features(items, encoder)
    buckets = [target_buckets(i.sentence, i.spans) for i in items]
    return sentence_scores(model, x, buckets)


def shown_precision(gold: list[str], pred: list[str]) -> dict[str, object]:
    """How often a shown (non-neutral) label is right, per class and together, with counts."""
    out: dict[str, object] = {}
    for name in ("negative", "positive", "shown"):
        rows = [g == p for g, p in zip(gold, pred, strict=True)
                if (p == name if name != "shown" else p != "neutral")]
        out[name] = {"n": len(rows), "precision": round(sum(rows) / len(rows), 3) if rows
                     else None}
    return out


def macro(gold: list[str], pred: list[str]) -> float:
    return metrics.macro_f1(gold, pred, LABELS)


# -- the article model, fitted on what the analyze path makes of PerSenT ------------------------

def harvest(analysed: list[Article | None], targets: list[str], sentence: LinearLabeller,
            encoder: CachedEncoder
            ) -> tuple[list[np.ndarray | None], list[np.ndarray | None], list[np.ndarray | None]]:
    """The run-time sentence probabilities of each article's target entity (None when the
    pipeline rejected the file or found no such entity): the same entity ranking, pronoun
    resolution, features and label marks (``Portrayer.label_marks``) as ``TrainedFraming``."""
    from parallax.frame.features import embed_text
    from parallax.frame.portrayal import Portrayer, entity_mentions
    from parallax.frame.portrayal_eval import find_entity
    from parallax.frame.trained import ROLE_TYPES

    portrayer = Portrayer(sentence, sentence)
    out: list[np.ndarray | None] = []
    marks: list[np.ndarray | None] = []
    owned: list[np.ndarray | None] = []
    for article, target in zip(analysed, targets, strict=True):
        name = find_entity(article, target)
        if article is None or name is None:
            out.append(None)
            marks.append(None)
            owned.append(None)
            continue
        doc = embed_text(article.text, article.language, encoder.encode, article.sentences)
        found = [e for e in entity_mentions(article, doc, ROLE_TYPES, 12) if e.name == name]
        marked = portrayer.label_marks(article, doc, found)
        out.append(portrayer.sentence_probs(article, doc, found, marked)[0] if found else None)
        marks.append(marked[0] if found else None)
        owned.append(portrayer.own_flags(article, doc, found)[0] if found else None)
    return out, marks, owned


def analysed_cached(folder: Path, items: list[tuple[str, str, str]], say: Progress
                    ) -> list[Article | None]:
    """What ``parallax analyze`` makes of each (id, title, body), kept as JSON next to the
    files (git-ignored ``build/``) so that refitting the article model does not re-run the
    pipeline; the cache is keyed by the text files' content."""
    from parallax.frame.endtoend import analyse_files
    from parallax.frame.portrayal_eval import write_texts

    paths = write_texts(folder, items)
    key = hashlib.sha1(b"".join(p.read_bytes() for p in paths)).hexdigest()[:16]
    cache = folder / f"analysed-{key}.jsonl"
    if cache.exists():
        rows = [json.loads(line) for line in cache.read_text(encoding="utf-8").splitlines()]
        return [Article.from_dict(r) if r else None for r in rows]
    analysed = analyse_files(paths, progress=say)
    cache.write_text("".join(json.dumps(a.to_dict() if a else None) + "\n" for a in analysed),
                     encoding="utf-8")
    return analysed


def fit_article(x: np.ndarray, y: np.ndarray, groups: list[str], folds: int = 5
                ) -> tuple[LinearLabeller, np.ndarray]:
    """A multinomial, class-balanced logistic regression over the aggregate features, stored as
    a linear labeller whose logits go through a softmax (``meta['softmax']``). One-vs-rest with
    Platt scaling, as the other framing models use, brings PerSenT's priors back (half the
    articles positive, a tenth negative) and then needs class offsets, which overfitted: 0.36 and
    0.39 held out against 0.48 for this. The probabilities are for equal class priors."""
    from sklearn.linear_model import LogisticRegression

    from parallax.frame.training import fit_quietly, fold_of

    target = y.argmax(axis=1)
    mean, std = x.mean(axis=0), x.std(axis=0) + 1e-6
    z = (x - mean) / std
    fold = fold_of(groups, folds)
    oof = np.zeros((len(x), len(LABELS)), dtype=np.float32)

    def fit(rows: np.ndarray) -> Any:
        clf = LogisticRegression(C=C_ARTICLE, class_weight="balanced", max_iter=3000)
        return fit_quietly(clf, z[rows], target[rows])

    for k in range(folds):
        if (fold == k).any():
            oof[fold == k] = fit(fold != k).predict_proba(z[fold == k])
    clf = fit(np.ones(len(x), dtype=bool))
    w = clf.coef_.T.astype(np.float32)  # (features, classes)
    weights = (w / std[:, None]).astype(np.float32)
    bias = (clf.intercept_ - (mean / std) @ w).astype(np.float32)
    n = len(LABELS)
    model = LinearLabeller(list(LABELS), weights, bias, np.ones(n, np.float32),
                           np.zeros(n, np.float32), np.full(n, 0.5, np.float32),
                           {"task": "portrayal-article", "softmax": True,
                            "features": list(AGG_NAMES), "c": C_ARTICLE})
    return model, oof


def _own_rows(p: np.ndarray | None, own: np.ndarray | None) -> np.ndarray:
    """The sentence probabilities of the author's own sentences (the evidence candidates)."""
    if p is None:
        return np.zeros((0, len(LABELS)), dtype=np.float32)
    return p[own.astype(bool)] if own is not None else p


def choose_show_min(q: np.ndarray, p: list[np.ndarray], gold: list[str], totals: dict[str, int]
                    ) -> list[float]:
    """Per leaning class, the article-probability threshold with the best F0.5 out of fold
    (``q``: out-of-fold article probabilities, ``p``: the sentence probabilities, for the
    evidence rule; ``totals``: gold counts of the whole training part, entities the pipeline
    missed included). Neutral has none."""
    show = [0.0, 0.0, 0.0]
    for k in (0, 2):
        best = (-1.0, 1.0)
        for t in np.arange(0.34, 0.80, 0.02):
            shown = [bool(qq[k] >= t and qq[k] > qq[1] and qq[k] >= qq[2 - k]
                          and len(pp) > 0 and pp[:, k].max() >= EVIDENCE_MIN)
                     for qq, pp in zip(q, p, strict=True)]
            hit = sum(s and g == LABELS[k] for s, g in zip(shown, gold, strict=True))
            precision, recall = hit / max(1, sum(shown)), hit / max(1, totals[LABELS[k]])
            b2 = SHOW_BETA ** 2
            f = (1 + b2) * precision * recall / max(1e-9, b2 * precision + recall)
            if f > best[0] + 1e-9:
                best = (f, round(float(t), 2))
        show[k] = best[1]
    return show


def _train_sentence(data: Path, encoder: CachedEncoder, folds: int, say: Progress
                    ) -> tuple[LinearLabeller, dict[str, Any]]:
    """The NewsMTSC sentence model, with its CV and cross-source scores (about 25 minutes)."""
    items = read_newsmtsc(data / "newsmtsc" / "train.jsonl")
    say(f"portrayal: sentence model on {len(items)} NewsMTSC targets")
    sentence, oof = fit_sentence(items, encoder, folds)
    encoder.save()
    gold = [i.label for i in items]
    card: dict[str, Any] = {
        "task": "portrayal", "trained": date.today().isoformat(),
        "sentence": {"rows": len(items), "cv_macro_f1": round(macro(gold, [
            LABELS[j] for j in oof.argmax(1)]), 3),
            "cv_accuracy": round(float(np.mean([g == LABELS[j] for g, j in
                                                zip(gold, oof.argmax(1), strict=True)])), 3)}}
    for source in sorted({i.source for i in items}):
        train = [i for i in items if i.source != source]
        test = [i for i in items if i.source == source]
        model, _ = fit_sentence(train, encoder, 3)
        p = sentence_scores_rows(model, test, encoder)
        card["sentence"][f"held_out_source_{source}_macro_f1"] = round(macro(
            [i.label for i in test], [LABELS[j] for j in p.argmax(1)]), 3)
        say(f"portrayal: trained without {source}: {card['sentence']}")
    encoder.save()
    sentence.meta["languages"] = ["en"]
    return sentence, card


def train_portrayal(data: Path, out: Path, *, cache: Path | None = None, folds: int = 5,
                    article_only: bool = False,
                    work: Path = Path("build/portrayal"), progress: Progress | None = None
                    ) -> dict[str, Any]:
    """Both portrayal models from ``data`` (the ``sentiment/`` folder: ``newsmtsc/train.jsonl``
    and ``persent/dev.csv``), with a card of CV, cross-source and hold-out scores."""
    from parallax.frame.portrayal import article_probs, decide

    say = progress or (lambda _: None)
    encoder = CachedEncoder(cache)
    if article_only:
        sentence = LinearLabeller.load(out / "portrayal-sentence.npz")
        card = json.loads((out / "portrayal.card.json").read_text(encoding="utf-8"))
        card["trained"] = date.today().isoformat()
    else:
        sentence, card = _train_sentence(data, encoder, folds, say)
    articles = read_persent(data / "persent" / "dev.csv")
    say(f"portrayal: analysing {len(articles)} PerSenT articles end to end")
    analysed = analysed_cached(work / "persent",
                               [(a.id, a.title, a.text) for a in articles], say)
    probs, marks, owned = harvest(analysed, [a.target for a in articles], sentence, encoder)
    encoder.save()
    found = [p is not None for p in probs]
    x = np.stack([article_row(p) if p is not None else np.zeros(len(AGG_NAMES), np.float32)
                  for p in probs])
    held = np.array([persent_held_out(a.id) for a in articles])
    fit_rows = [i for i in range(len(articles)) if not held[i] and found[i]]
    y = label_matrix([[articles[i].label] for i in fit_rows], LABELS)
    model, oof_q = fit_article(x[fit_rows], y, [articles[i].id for i in fit_rows], folds)
    model.meta.update({"rows": len(fit_rows), "trained": date.today().isoformat()})
    balanced = dict(zip(range(len(articles)), [
        decide(article_probs(model, x[i]), model)[0] if found[i] else "neutral"
        for i in range(len(articles))], strict=True))
    train_rows = [i for i in range(len(articles)) if not held[i]]
    model.meta["show_min"] = choose_show_min(
        oof_q, [_own_rows(probs[i], owned[i]) for i in fit_rows],
        [articles[i].label for i in fit_rows],
        {c: sum(articles[i].label == c for i in train_rows) for c in LABELS})
    model.meta["evidence_min"] = EVIDENCE_MIN

    def predict(i: int) -> str:
        p = probs[i]
        if p is None:
            return "neutral"
        return decide(article_probs(model, x[i]), model, p, marks[i], owned[i])[0]

    held_rows = [i for i in range(len(articles)) if held[i]]
    oof_pred = dict(zip(fit_rows, [LABELS[int(np.argmax(q))] for q in oof_q], strict=True))
    oof_shown = {}
    for i, q in zip(fit_rows, oof_q, strict=True):
        p = probs[i]
        oof_shown[i] = (decide(q, model, p, marks[i], owned[i])[0] if p is not None
                        else "neutral")
    card["article"] = {
        "rows": len(fit_rows),
        "entity_found_share": round(float(np.mean(found)), 3),
        "cv_macro_f1_equal_priors": round(macro([articles[i].label for i in train_rows],
                                   [oof_pred.get(i, "neutral") for i in train_rows]), 3),
        "cv_macro_f1": round(macro([articles[i].label for i in train_rows],
                                   [oof_shown.get(i, "neutral") for i in train_rows]), 3),
        "cv_precision_shown": shown_precision([articles[i].label for i in train_rows],
                                              [oof_shown.get(i, "neutral") for i in train_rows]),
        "held_out_macro_f1": round(macro([articles[i].label for i in held_rows],
                                         [predict(i) for i in held_rows]), 3),
        "held_out_precision_shown": shown_precision([articles[i].label for i in held_rows],
                                                    [predict(i) for i in held_rows]),
        "held_out_macro_f1_equal_priors": round(macro([articles[i].label for i in held_rows],
                                                      [balanced[i] for i in held_rows]), 3),
        "show_min": model.meta["show_min"], "evidence_min": EVIDENCE_MIN,
        "held_out_all_neutral_macro_f1": round(macro([articles[i].label for i in held_rows],
                                                     ["neutral"] * len(held_rows)), 3),
        "held_out_rows": len(held_rows),
        "lean_rule": lean_curve(oof_q, [_own_rows(probs[i], owned[i]) for i in fit_rows],
                                [articles[i].label for i in fit_rows],
                                {c: sum(articles[i].label == c for i in train_rows)
                                 for c in LABELS},
                                [marks[i] for i in fit_rows], EVIDENCE_MIN)}
    say(f"portrayal: article model {card['article']}")
    out.mkdir(parents=True, exist_ok=True)
    sentence.save(out / "portrayal-sentence.npz")
    model.save(out / "portrayal-article.npz")
    (out / "portrayal.card.json").write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    return card


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m parallax.frame.portrayal_train")
    parser.add_argument("data", type=Path, help="the sentiment/ folder of the shared datasets")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--cache", type=Path, default=None)
    parser.add_argument("--article-only", action="store_true",
                        help="keep the sentence model in --out, refit the article model")
    args = parser.parse_args(argv)
    card = train_portrayal(args.data, args.out, cache=args.cache, article_only=args.article_only,
                           progress=lambda m: print(m, file=sys.stderr, flush=True))
    (args.out / "PORTRAYAL_CARD.md").write_text(render_card(card), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
