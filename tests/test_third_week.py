"""What broke in a new user's third week of real work (docs/robustness.md, twenty-first
session): exports of a large many-language story, a week of ingest runs, archives of a crawl.
All inputs are made up here."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner


def test_a_four_language_story_keeps_its_dates_whole_on_80_columns(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The languages column did not wrap, so with four languages the table grew past 80
    columns and rich cut its right edge: the span read "2026-11-0"."""
    import parallax.cli_tables as tables

    console = Console(width=80, file=io.StringIO())
    monkeypatch.setattr(tables, "out", console)
    tables.print_stories([{
        "id": "s57239fb6a5b517fc", "title": "Weir gives way above Karsk",
        "articles": [{"role": "main"}] * 60,
        "outlets": ["Quill Daily", "Harbour Times", *[f"Outlet {i}" for i in range(10)]],
        "languages": ["de", "en", "es", "fr"], "start": "2026-11-03", "end": "2026-11-05"}])
    shown = console.file.getvalue()  # type: ignore[attr-defined]
    assert "2026-11-03" in shown and "2026-11-05" in shown
    assert all(len(line) <= 80 for line in shown.splitlines())
    assert "┓" in shown  # the table's right edge is drawn, not cut


BODY = ("The ferry company of Port Ellery added two evening sailings on Monday after crews "
        "ended their strike, the harbour office said. Passengers had waited for hours on the "
        "quay since Friday, and the town council asked the company for a timetable it keeps. ")


def _records(path: Path, outlets: list[str], start: int = 0) -> Path:
    path.write_text("".join(json.dumps({"title": f"Sailings {start + i}", "outlet": outlet,
                                        "text": BODY + f"Report {start + i} of the week."}) + "\n"
                            for i, outlet in enumerate(outlets)), encoding="utf-8")
    return path


def test_one_outlet_spelt_two_ways_is_one_outlet_in_a_run(tmp_path: Path) -> None:
    """'Coast Post' and 'coast post', 'www.quill.example' and 'quill.example' were four outlets
    of one story: four comparison columns, four outlet pages."""
    from parallax.cli import app

    path = _records(tmp_path / "week.jsonl", ["Coast Post", "coast post", "www.quill.example",
                                              "quill.example", "COAST POST"])
    result = CliRunner().invoke(app, ["extract", str(path), "--json"])
    assert result.exit_code == 0
    outlets = [a["outlet"] for line in result.stdout.splitlines()
               for a in json.loads(line)["articles"]]
    assert outlets == ["Coast Post", "Coast Post", "www.quill.example", "www.quill.example",
                       "Coast Post"]


def test_a_later_run_takes_the_stored_spelling(tmp_path: Path) -> None:
    from parallax.pipeline import Pipeline
    from parallax.runner import ingest
    from parallax.settings import Config
    from parallax.store.base import open_store

    config = Config()
    pipeline = Pipeline.from_config(config, analyse=False)
    store = open_store(str(tmp_path / "news.db"))
    try:
        for n, outlets in enumerate((["Coast Post"], ["coast post", "Coast  Post"])):
            ingest([str(_records(tmp_path / f"run{n}.jsonl", outlets, start=10 * n))], store,
                   config, pipeline=pipeline, cluster=False)
        assert store.outlets() == ["Coast Post"]
    finally:
        store.close()


@pytest.mark.parametrize(("line", "said"), [
    ('[settings]\nmax_input_byte = 5\n', "did you mean 'max_input_bytes'?"),
    ('[stages]\nsegmenter = "heuristic/v1"\n', "did you mean 'segment'?"),
    ('[settings]\nallow_private_addresses = ["10.0.0.0/33"]\n', "'10.0.0.0/33' is neither"),
])
def test_a_config_slip_is_named_at_start(tmp_path: Path, line: str, said: str) -> None:
    """A mistyped name said only "unknown"; a malformed allow-list entry passed the config and
    then rejected every address of the run (exit 1, a stored rejection each)."""
    from parallax.errors import ParallaxError
    from parallax.settings import load_config

    path = tmp_path / "parallax.toml"
    path.write_text(line, encoding="utf-8")
    with pytest.raises(ParallaxError) as caught:
        load_config(path)
    assert said in str(caught.value)


def test_a_record_outlet_of_blanks_is_none_and_inner_whitespace_one_space(
        tmp_path: Path) -> None:
    """An exporter's outlet "   " was kept: a comparison column and an outlet page without a
    name; "Coast\\nPost" and "Coast\\tPost" were outlets apart from "Coast Post"."""
    from parallax.ingest.sources import read_inputs
    from parallax.records import RawDocument
    from parallax.settings import Config

    path = _records(tmp_path / "odd.jsonl", ["   ", "Coast\nPost", " Coast\tPost ", ""])
    items = list(read_inputs([str(path)], Config()))
    assert all(isinstance(item, RawDocument) for item in items)
    assert [item.metadata["outlet"] for item in items  # type: ignore[union-attr]
            ] == [None, "Coast Post", "Coast Post", None]


def test_a_bug_after_the_pages_were_stored_exits_3_not_1(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An exception nobody foresaw (here made to happen while stories are updated, after
    every page was stored) ended with Python's exit 1, which a script reads as "some inputs
    rejected, the rest done"."""
    import parallax.runner as runner_module
    from parallax.cli import app

    def broken(*args: object, **kwargs: object) -> object:
        raise AttributeError("'StoryIndex' object has no attribute 'made_up'")

    monkeypatch.setattr(runner_module, "update_stories", broken)
    path = _records(tmp_path / "run.jsonl", ["Coast Post"])
    result = CliRunner().invoke(app, ["ingest", str(path), "--db", str(tmp_path / "n.db"),
                                      "--workers", "1"])
    said = " ".join(result.stderr.split())  # (rich wraps at 80 columns)
    assert result.exit_code == 3
    assert "[E099] an internal error stopped the command: AttributeError" in said
    assert "run the same command again" in said and "Traceback" in said


def test_loading_a_batch_with_json_prints_its_summary_and_takes_no_inputs_beside_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`ingest --from-parquet DIR --json` printed nothing on stdout (the summary went to
    stderr as text), and inputs given beside it were neither read nor reported."""
    import parallax.batch.load as load
    from parallax.cli import app

    monkeypatch.setattr(load, "missing_output", lambda out: None)
    monkeypatch.setattr(load, "load_parquet", lambda out, store, config: load.LoadReport(
        documents=2, skipped=1, articles=3, stories=1, rejected=4))
    db = str(tmp_path / "n.db")
    result = CliRunner().invoke(app, ["ingest", "--from-parquet", str(tmp_path), "--db", db,
                                      "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"schema": 1, "db": db, "summary": {
        "stored": 2, "skipped": 1, "rejected": 4, "articles": 3, "stories": 1}}
    page = _records(tmp_path / "extra.jsonl", ["Coast Post"])
    both = CliRunner().invoke(app, ["ingest", str(page), "--from-parquet", str(tmp_path),
                                    "--db", db])
    assert both.exit_code == 2 and "not both" in both.stderr


def test_an_archived_robots_txt_is_named_not_an_empty_page(tmp_path: Path) -> None:
    """A crawl's robots.txt was read as a text dump and rejected as "no article found: the
    main text has 0 characters", as if the file were empty."""
    from tests.warc_builders import Record, warc_bytes

    from parallax.ingest.sources import read_inputs
    from parallax.records import Rejection
    from parallax.settings import Config

    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(warc_bytes([Record("https://quill.example/robots.txt",
                                        b"User-agent: *\nDisallow: /drafts/\n", "text/plain")]))
    robots = [item for item in read_inputs([str(path)], Config())
              if item.input.endswith("#https://quill.example/robots.txt")]
    assert len(robots) == 1 and isinstance(robots[0], Rejection)
    assert robots[0].reason.startswith("the archived response is the site's robots.txt")


def test_the_demo_report_goes_into_a_new_folder(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """`parallax demo --report out/demo.html` ended in a FileNotFoundError traceback after the
    whole corpus was ingested (`compare --out` made its folder since the sixteenth session)."""
    from types import SimpleNamespace

    import parallax.cli_web as cli_web
    import parallax.compare.service as service
    import parallax.store as store_module
    from parallax.cli import app

    story = SimpleNamespace(id="s1", title="Weir gives way above Karsk")
    fake_store = SimpleNamespace(stories=lambda: [story], close=lambda: None)
    monkeypatch.setattr(cli_web, "_demo_ingest", lambda corpus, db, cfg: None)
    monkeypatch.setattr(cli_web, "stories", lambda **kwargs: None)
    monkeypatch.setattr(cli_web, "render", lambda comparison, fmt: "<html>report</html>")
    monkeypatch.setattr(store_module, "open_store", lambda db: fake_store)
    monkeypatch.setattr(service, "comparison_for", lambda store, story_id, cfg: {})
    report = tmp_path / "out" / "demo.html"
    result = CliRunner().invoke(app, ["demo", "--db", str(tmp_path / "d.db"), "--report",
                                      str(report), "--no-serve"])
    assert result.exit_code == 0, result.output
    assert report.read_text(encoding="utf-8") == "<html>report</html>"


def test_a_loaded_batch_brings_its_rejections_into_the_store(tmp_path: Path) -> None:
    """A batch's rejected records stayed in its rejections/ folder: after
    `ingest --from-parquet` the store (and the web app's list of rejected inputs) had none."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from parallax.batch.load import load_parquet
    from parallax.batch.schema import REJECTION_SCHEMA
    from parallax.settings import Config
    from parallax.store.base import open_store

    out = tmp_path / "run1"
    (out / "articles").mkdir(parents=True)
    (out / "rejections").mkdir()
    rows = [{"input": "crawl.warc.gz#https://quill.example/report.pdf", "code": "E007",
             "reason": "the archived response is application/pdf, not a page"},
            {"input": "export.jsonl#line-4", "code": "E009", "reason": "no article found"}]
    pq.write_table(pa.Table.from_pylist(rows, schema=REJECTION_SCHEMA),
                   out / "rejections" / "part-0.parquet")
    store = open_store(str(tmp_path / "news.db"))
    try:
        assert load_parquet(out, store, Config()).rejected == 2
        assert sorted(r["input"] for r in store.rejections()) == sorted(r["input"] for r in rows)
    finally:
        store.close()


def test_the_batch_done_line_counts_the_rejected_records(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import parallax.batch.run as batch_run
    from parallax.cli import app

    report = batch_run.BatchReport(partitions=1, finished=[{"shard": "a", "rejected": 17}],
                                   articles=1, stories=1)
    monkeypatch.setattr(batch_run, "run_batch", lambda *args, **kwargs: report)
    result = CliRunner().invoke(app, ["batch", str(tmp_path), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1  # done, some rejected, as for ingest (27th session, N3)
    assert "17 records rejected" in " ".join(result.stderr.split())


def test_newest_first_pages_neither_repeat_nor_skip_a_story(db_url: str) -> None:
    """A week of runs leaves many stories ending the same day with the same size; "newest"
    ordered by end and size only, so LIMIT/OFFSET pages had no fixed order among them (on
    PostgreSQL a story may show on two pages and another on none). Ties go by id, as
    "largest" does."""
    from parallax.records import Article, Page, Published, Story
    from parallax.store.base import open_store
    from parallax.store.browse import StoryFilter

    store = open_store(db_url)
    try:
        stories = []
        for n in range(9, 0, -1):  # stored in the reverse of the id order
            text = f"The ferry to Port Ellery sailed late on run {n}."
            article = Article(id=Article.make_id(f"Run {n}", text), role="main",
                              title=f"Run {n}", outlet="Quill Daily",
                              published=Published("2026-11-07", "2026-11-07"), text=text,
                              language="en")
            store.save_page(Page(input=f"run{n}.txt", uri=f"run{n}.txt", sha256=f"h{n}",
                                 kind="text", fetched_at="2026-11-07T10:00:00Z",
                                 articles=[article]))
            stories.append(Story(id=f"s{n}", title=f"Run {n}", article_ids=[article.id],
                                 outlets=["Quill Daily"], main_count=1, start="2026-11-07",
                                 end="2026-11-07"))
        store.replace_stories(stories)
        pages = [store.story_page(StoryFilter(sort="newest"), offset=k, limit=4)[0]
                 for k in (0, 4, 8)]
        assert [s.id for page in pages for s in page] == [f"s{n}" for n in range(1, 10)]
    finally:
        store.close()


def test_a_wire_story_run_word_for_word_by_three_outlets_keeps_all_three(
        tmp_path: Path) -> None:
    """Ids come from title and text, so the second and third outlets' verbatim copies were
    saved as the first outlet's article: their outlets were lost, and the story listed only the
    last outlet while its one article named the first."""
    from parallax.pipeline import Pipeline
    from parallax.runner import ingest
    from parallax.settings import Config
    from parallax.store.base import open_store

    long_body = BODY * 3  # near-duplicates are linked from 50 words on
    path = tmp_path / "wire.jsonl"
    path.write_text("".join(json.dumps({"title": "Ferries sail again", "outlet": outlet,
                                        "text": long_body}) + "\n"
                            for outlet in ("Die Presse", "La Presse", "Coast Post")),
                    encoding="utf-8")
    config = Config()
    store = open_store(str(tmp_path / "news.db"))
    try:
        ingest([str(path)], store, config, pipeline=Pipeline.from_config(config, analyse=False),
               cluster=False)
        articles = store.articles()
        # (two papers whose names differ only by their article are two outlets)
        assert sorted(a.outlet or "" for a in articles) == ["Coast Post", "Die Presse",
                                                            "La Presse"]
        first = next(a for a in articles if a.outlet == "Die Presse")
        assert all(a.duplicate_of == first.id for a in articles if a is not first)
        again = ingest([str(path)], store, config,
                       pipeline=Pipeline.from_config(config, analyse=False), cluster=False)
        assert again.count("skipped") == 3 and len(store.articles()) == 3
    finally:
        store.close()


def test_analyze_and_extract_give_a_wire_copy_the_id_ingest_gives_it(tmp_path: Path) -> None:
    """Without a store the three outlets' copies printed one id three times, so a script
    joining `extract --json` rows by id kept one outlet; the same outlet twice is one article."""
    from parallax.cli import app

    path = tmp_path / "wire.jsonl"
    path.write_text("".join(json.dumps({"title": "Ferries sail again", "outlet": outlet,
                                        "text": BODY * 3}) + "\n"
                            for outlet in ("Die Presse", "La Presse", "Die  Presse")),
                    encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(path), "--json"])
    assert result.exit_code == 0
    rows = [a for line in result.stdout.splitlines() for a in json.loads(line)["articles"]]
    first, copy, again = rows
    assert copy["id"] != first["id"] and copy["duplicate_of"] == first["id"]
    assert again["id"] == first["id"] and again["outlet"] == "Die Presse"
