"""--workers: the same answers, in the same order, whatever the number of processes; a document
that breaks analysis (an exception, or a worker process that dies) is rejected alone."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest

from parallax import parallel
from parallax.enrich.quotes import RegexQuotes
from parallax.errors import Code
from parallax.ingest import read_inputs
from parallax.records import Article, Page, RawDocument, Rejection
from parallax.registry import register
from parallax.runner import ingest
from parallax.settings import Config, load_config
from parallax.store import open_store

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "stories_gold" / "articles.jsonl"


class _Hostile(RegexQuotes):
    """The real quote stage, except on two trigger words."""

    def annotate(self, article: Article) -> None:
        if "EXPLODE" in article.text:
            raise ValueError("this article breaks the quote stage")
        if "KILLWORKER" in article.text:
            os._exit(3)  # a native crash: the process is gone without a Python exception
        super().annotate(article)


@register("quotes", "hostile/test")
def _make_hostile(config: Config) -> _Hostile:
    return _Hostile()


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """24 articles (EN/DE/RU) from the stories gold set, in their order."""
    path = tmp_path / "sample.jsonl"
    path.write_text("".join(GOLD.read_text(encoding="utf-8").splitlines(True)[:24]),
                    encoding="utf-8")
    return path


def _run(items: list[RawDocument | Rejection], config: Config, workers: int
         ) -> list[tuple[str, object, object]]:
    out = []
    for item, result in parallel.process_stream(items, config, workers=workers):
        assert result is not None
        payload = result.to_contract()
        vectors = [a.vector for a in result.articles] if isinstance(result, Page) else []
        out.append((item.input or "", json.dumps(payload, sort_keys=True), vectors))
    return out


def test_analysis_is_identical_with_one_and_two_workers(
        sample: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "CHUNK", 4)  # six chunks over two workers
    config = load_config(None)
    items = list(read_inputs([str(sample)], config))  # read once: fetched_at is in the output
    one = _run(items, config, 1)
    two = _run(items, config, 2)
    assert len(one) == 24
    assert [o[0] for o in one] == [t[0] for t in two]  # input order kept
    for (name, a, va), (_, b, vb) in zip(one, two, strict=True):
        assert a == b, name
        assert all(np.array_equal(x, y) for x, y in zip(va, vb, strict=True)), name
    assert sum('"entities": [{' in o[1] for o in one) > 20  # really analysed


def test_an_article_is_analysed_the_same_alone_and_in_any_batch(
        sample: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Everything the pipeline gives an article (entities, quotes, roles, portrayal, narratives,
    techniques, genre, its vector) is a function of that article alone: read one at a time
    (spaCy's single call), in chunks of 5 or in one batch of 24 (nlp.pipe, other batch-mates),
    the answers are the same. Only corpus linking, after analysis, reads other articles
    (``linked_from`` keeps the article's own name; test_linker.py)."""
    config = load_config(None)
    items = list(read_inputs([str(sample)], config))
    runs = []
    for size in (1, 5, 24):
        monkeypatch.setattr(parallel, "CHUNK", size)
        runs.append(_run(items, config, 1))
    assert len(runs[0]) == 24
    for other in runs[1:]:
        for (name, a, va), (_, b, vb) in zip(runs[0], other, strict=True):
            assert a == b, name
            assert all(np.array_equal(x, y) for x, y in zip(va, vb, strict=True)), name
    assert sum('"entities": [{' in o[1] for o in runs[0]) > 20  # really analysed
    assert sum('"portrayals": [{' in o[1] for o in runs[0]) > 10


def test_ingest_stores_the_same_with_one_and_two_workers(
        sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "CHUNK", 4)
    config = load_config(None)
    stored = []
    for workers in (1, 2):
        store = open_store(tmp_path / f"w{workers}.db")
        try:
            report = ingest([str(sample)], store, config, workers=workers)
            assert report.count("stored") == 24
            again = ingest([str(sample)], store, config, workers=workers)  # idempotent
            assert again.count("skipped") == 24 and again.count("stored") == 0
            stored.append(([o.to_contract() for o in report.outcomes],
                           [a.to_dict() for a in store.articles(role=None)],
                           [s.to_dict() for s in store.stories()]))
        finally:
            store.close()
    assert stored[0] == stored[1]


@pytest.mark.parametrize("workers", [1, 2])
def test_a_failing_document_is_rejected_alone(
        sample: Path, tmp_path: Path, workers: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "CHUNK", 4)
    config = load_config(None)
    config.stages["quotes"] = "hostile/test"
    rows = sample.read_text(encoding="utf-8").splitlines()[:10]
    bad = [3] if workers == 1 else [3, 6]  # a dying worker would take this test with it
    for i in bad:
        row = json.loads(rows[i])
        row["text"] += "\n\n" + ("EXPLODE here." if i == 3 else "KILLWORKER here.")
        rows[i] = json.dumps(row, ensure_ascii=False)
    path = tmp_path / "hostile.jsonl"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    items = [i for i in read_inputs([str(path)], config) if isinstance(i, RawDocument)]
    results = [r for _, r in parallel.process_stream(items, config, workers=workers)]
    assert len(results) == 10
    for i, result in enumerate(results):
        if i in bad:
            assert isinstance(result, Rejection), i
            assert result.code == Code.INTERNAL.value
            assert ("ValueError" in result.reason) if i == 3 else ("died" in result.reason)
        else:
            assert isinstance(result, Page) and result.articles, i
            assert result.articles[0].entities  # analysed, not passed through empty
