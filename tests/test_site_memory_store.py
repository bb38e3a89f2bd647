"""The site memory across ingests (store/site_lines.py, migration 0014): a text dump ingested
later reads the store's earlier dumps of its template as siblings, as if it had been read in
one batch with them; the earlier pages stay as stored. Made-up pages of one made-up site
(tests/test_site_memory.py), on both backends."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from parallax import parallel
from parallax.ingest import outlets
from parallax.pipeline import Pipeline
from parallax.runner import delete, ingest
from parallax.settings import Config
from parallax.store.base import Store, open_store
from test_site_memory import ARTICLES, FUNDED, INSIDE, SERIES, document, dump, main_text

TEMPLATE = (INSIDE, SERIES, FUNDED)


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.from_config(Config(), analyse=False)


def ingest_one(store: Store, pipeline: Pipeline, folder: Path, name: str, text: str) -> str:
    """One page, one ``ingest`` call; the stored main article's text."""
    path = folder / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    report = ingest([str(path)], store, Config(), pipeline=pipeline, cluster=False)
    (outcome,) = report.outcomes
    assert outcome.status == "stored", outcome
    main = next(a for a in outcome.articles if a["role"] == "main")
    article = store.article(main["id"])
    assert article is not None
    return article.text


def test_dumps_ingested_one_at_a_time_read_the_stored_ones_as_siblings(
        db_url: str, tmp_path: Path, pipeline: Pipeline) -> None:
    names = list(ARTICLES)
    docs = [document(n, dump(*ARTICLES[n])) for n in names]
    with open_store(db_url) as store:
        stored = [ingest_one(store, pipeline, tmp_path, n, dump(*ARTICLES[n])) for n in names]
    # each page reads as it does in one batch with the pages stored before it
    for k in range(len(docs)):
        assert stored[k] == main_text(pipeline.process_many(docs[:k + 1])[k])
    assert all(line in stored[0] for line in TEMPLATE)  # the first page: alone, as before
    # (a prose line needs two siblings for the memory's rule: the second page keeps the one
    # inside its article; the sibling line model may take those at its end, where the region
    # ends; from the third page on they all leave)
    assert INSIDE in stored[1]
    assert not any(line in stored[2] for line in TEMPLATE)
    assert stored[2].split("\n\n") == ARTICLES[names[2]][1]


def test_an_update_of_a_stored_article_keeps_the_paragraphs_it_shares(
        db_url: str, tmp_path: Path, pipeline: Pipeline) -> None:
    title, paragraphs = ARTICLES["ferry"]
    update = [*paragraphs, "Update: the operator has since confirmed the first late sailing "
              "will leave on the first Friday of next month."]
    with open_store(db_url) as store:
        for name in ("ferry", "library", "market"):
            ingest_one(store, pipeline, tmp_path, name, dump(*ARTICLES[name]))
        text = ingest_one(store, pipeline, tmp_path, "ferry-update",
                          dump(title + " (updated)", update))
    assert text.split("\n\n") == update  # the earlier version is no sibling: nothing of it goes
    assert SERIES not in text  # the other two stored pages still take the template's lines


def test_an_empty_store_reads_a_page_as_before(db_url: str, tmp_path: Path,
                                               pipeline: Pipeline) -> None:
    doc = document("ferry", dump(*ARTICLES["ferry"]))
    with open_store(db_url) as store:
        text = ingest_one(store, pipeline, tmp_path, "ferry", doc.text)
        alone = pipeline.process(doc)
        assert text == main_text(alone)
        article = store.article(next(a.id for a in alone.articles  # type: ignore[union-attr]
                                     if a.role == "main"))
        assert article is not None and store.boilerplate(article.id) == [
            {"kind": b.kind, "text": b.text} for b in alone.boilerplate]  # type: ignore[union-attr]


def test_a_deleted_page_is_no_sibling_and_other_pages_store_no_lines(
        db_url: str, tmp_path: Path, pipeline: Pipeline) -> None:
    with open_store(db_url) as store:
        ingest_one(store, pipeline, tmp_path, "library", dump(*ARTICLES["library"]))
        deletion = delete(store, Config(), [(str(tmp_path / "library.txt"), True)])
        assert deletion.rows[0]["status"] == "deleted"
        text = ingest_one(store, pipeline, tmp_path, "market", dump(*ARTICLES["market"]))
        assert all(line in text for line in TEMPLATE)  # no sibling left: read alone
        html = tmp_path / "page.html"
        html.write_text("<html><body><article><h1>Quay</h1><p>" + " ".join(
            ARTICLES["market"][1]) + "</p></article></body></html>", encoding="utf-8")
        ingest([str(html)], store, Config(), pipeline=pipeline, cluster=False)
        pages = store.conn.execute(  # type: ignore[attr-defined]
            "SELECT d.kind, count(*) FROM site_pages p JOIN documents d"
            " ON d.sha256 = p.document GROUP BY d.kind").fetchall()
        assert [tuple(r) for r in pages] == [("text", 1)]


def made_up_article(seed: int) -> tuple[str, list[str]]:
    """A different made-up article for each seed (words drawn at random: no two share text)."""
    rng = random.Random(seed)
    words = ("ferry harbour council vote bridge tide storm repair fare island mayor port crew "
             "quay market school road budget winter summer library trust night boat town "
             "teacher bakery lighthouse meadow orchard tunnel parish choir garden").split()

    def sentence(n: int) -> str:
        return " ".join(rng.choice(words) for _ in range(n)).capitalize() + "."

    return sentence(6)[:-1], [" ".join(sentence(12) for _ in range(3)) for _ in range(4)]


def test_one_run_reads_the_store_as_it_was_when_it_began(
        tmp_path: Path, pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same with one worker and two (a chunk is sent before the chunks ahead of it are
    stored); a later run reads the earlier run's dumps. (No page held back for the run's
    outlets, so one worker stores each chunk before it reads the next.)"""
    monkeypatch.setattr(parallel, "CHUNK", 1)
    monkeypatch.setattr(outlets, "MAX_HELD", 0)
    first = []
    for k in range(6):
        path = tmp_path / f"run1-{k}.txt"
        path.write_text(dump(*made_up_article(k)), encoding="utf-8")
        first.append(str(path))
    texts = []
    for workers in (1, 2):
        with open_store(tmp_path / f"w{workers}.db") as store:
            report = ingest(first, store, Config(), pipeline=pipeline, cluster=False,
                            workers=workers)
            assert report.count("stored") == 6
            texts.append([store.article(o.articles[0]["id"]).text  # type: ignore[union-attr]
                          for o in report.outcomes])
            if workers == 1:
                later = ingest_one(store, pipeline, tmp_path, "run2", dump(*made_up_article(9)))
                assert not any(line in later for line in TEMPLATE)
    assert texts[0] == texts[1]
    # chunks of one and an empty store at the start: every page of the run read alone
    assert all(line in text for text in texts[0] for line in TEMPLATE)
