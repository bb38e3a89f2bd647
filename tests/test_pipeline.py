from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from parallax import registry
from parallax.errors import ParallaxError
from parallax.pipeline import ANNOTATOR_ORDER, Pipeline, check_wiring
from parallax.records import Article, Page, Published, RawDocument, Rejection
from parallax.settings import SETTINGS, STAGE_DEFAULTS, STAGE_HELP, load_config

ROOT = Path(__file__).resolve().parents[1]


def test_default_wiring_is_valid_and_every_stage_has_a_default() -> None:
    config = load_config(None)
    pipeline = Pipeline.from_config(config)
    assert [kind for kind, _ in pipeline.annotators] == list(ANNOTATOR_ORDER)
    for kind, name in STAGE_DEFAULTS.items():
        assert name in registry.available(kind)
        assert kind in STAGE_HELP


def test_misordered_stages_fail_at_build_time() -> None:
    config = load_config(None)
    quotes = registry.create("quotes", "regex/v1", config)
    with pytest.raises(ParallaxError, match="requires"):
        check_wiring([("quotes", quotes)])


def test_unknown_stage_name_lists_alternatives(tmp_path: Path) -> None:
    cfg = tmp_path / "p.toml"
    cfg.write_text('[stages]\nentities = "bert/v9"\n')
    config = load_config(cfg)
    with pytest.raises(ParallaxError, match="Available: gazetteer/v1"):
        Pipeline.from_config(config)


def test_config_file_overrides_and_validates(tmp_path: Path) -> None:
    cfg = tmp_path / "p.toml"
    cfg.write_text("[settings]\nmax_input_bytes = 1000\nfetch_timeout_s = 3\n")
    config = load_config(cfg)
    assert config["max_input_bytes"] == 1000 and config["fetch_timeout_s"] == 3.0
    cfg.write_text('[settings]\nmax_input_bytes = "big"\n')
    with pytest.raises(ParallaxError, match="must be int"):
        load_config(cfg)
    cfg.write_text("[nonsense]\n")
    with pytest.raises(ParallaxError, match="unknown section"):
        load_config(cfg)


def test_every_setting_and_stage_is_documented() -> None:
    docs = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    for setting in SETTINGS:
        assert f"`{setting.name}`" in docs, f"{setting.name} missing from docs/configuration.md"
    for kind in STAGE_DEFAULTS:
        assert f"`{kind}`" in docs


def test_the_configuration_doc_is_what_its_generator_writes() -> None:
    """Hand edits of docs/configuration.md are lost at the next regeneration (the fourteenth
    session's doc carried rows its generator no longer wrote)."""
    check = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_config_docs.py"),
                            "--check"], capture_output=True, text=True, timeout=120)
    assert check.returncode == 0, check.stderr


def test_a_failing_stage_rejects_one_document_not_the_batch() -> None:
    config = load_config(None)
    pipeline = Pipeline.from_config(config)

    class Boom:
        requires: tuple[str, ...] = ()
        assigns: tuple[str, ...] = ()

        def annotate(self, article: Article) -> None:
            raise RuntimeError("model exploded")

    pipeline.annotators.append(("boom", Boom()))
    doc = RawDocument(uri="a.txt", kind="text", text="Title\n\n" + "Body sentence here. " * 20,
                      fetched_at="", sha256="1", input="a.txt")
    result = pipeline.process(doc)
    assert isinstance(result, Rejection) and "model exploded" in result.reason


def test_article_round_trips_through_json() -> None:
    article = Article(id="a1", role="main", title="T", outlet="O",
                      published=Published("today", None), text="Some text.")
    assert Article.from_dict(article.to_dict()) == article
    page = Page(input="i", uri="u", sha256="s", kind="text", fetched_at="", articles=[article])
    contract = page.to_contract(analysed=False)
    assert contract["schema"] == 1 and "entities" not in contract["articles"][0]


def _docs(corpus: Path) -> list[RawDocument]:
    from parallax.ingest import read_inputs

    config = load_config(None)
    return [d for d in read_inputs([str(p) for p in sorted(corpus.iterdir())], config)
            if isinstance(d, RawDocument)]


def test_process_many_equals_processing_one_by_one(corpus: Path) -> None:
    """Batching the stages over several pages (spaCy's nlp.pipe) changes no result."""
    pipeline = Pipeline.from_config(load_config(None))
    docs = _docs(corpus)[:12]
    together = pipeline.process_many(docs)
    alone = [pipeline.process(d) for d in docs]
    assert sum(isinstance(p, Page) for p in together) >= 10
    for a, b in zip(together, alone, strict=True):
        assert isinstance(a, Page) and isinstance(b, Page)
        assert [x.to_dict() for x in a.articles] == [x.to_dict() for x in b.articles]
        assert a.comments == b.comments


def test_process_many_rejects_only_the_document_that_breaks_a_stage(corpus: Path) -> None:
    pipeline = Pipeline.from_config(load_config(None))
    docs = _docs(corpus)[:4]

    class BoomOnSecond:
        requires: tuple[str, ...] = ()
        assigns: tuple[str, ...] = ()

        def annotate(self, article: Article) -> None:
            if article.input == docs[1].input:
                raise RuntimeError("model exploded")

    pipeline.annotators.append(("boom", BoomOnSecond()))
    results = pipeline.process_many(docs)
    assert [type(r).__name__ for r in results] == ["Page", "Rejection", "Page", "Page"]
    assert isinstance(results[1], Rejection) and "model exploded" in results[1].reason
