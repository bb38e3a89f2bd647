"""What broke in a new user's first hour with real input (docs/robustness.md, sixteenth
session): page words read as terminal markup, a cut story id, a mistyped database path that
became an empty database, an upload that vanished and an error that echoed upload internals.
All inputs are made up here."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.ingest_jobs import finished
from typer.testing import CliRunner

from parallax.cli import _print_stories, app
from parallax.records import Article, Page, Published, Story, content_hash
from parallax.settings import Config
from parallax.store import open_store
from parallax.web.app import create_app
from parallax.web.jobs import upload_name
from parallax.web.security import hash_token

runner = CliRunner()
TOKEN = "first-hour-token"
DUMP = ("Prices [/] rise [bold]sharply[/bold] in [red]Tarvia\n\n"
        "The harbour board of Port Ellery raised mooring fees by 12 percent on Monday, its "
        "chair Rowan Pike said, after two years of losses at the northern quay. Ship owners "
        "said the rise would push traffic to the rival port of Oskby within months.\n\n"
        "The board said the new fees would pay for dredging the northern channel, which has "
        "silted up since the floods of last winter, and for new lights on the breakwater.\n")


def test_page_words_and_paths_that_look_like_markup_are_printed_as_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # short paths: the table does not wrap them
    page = Path("report[2] [red].txt")
    page.write_text(DUMP, encoding="utf-8")
    empty = Path("notes [bold].txt")
    empty.write_text("", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(page), str(empty)])
    assert result.exit_code == 1, result.output  # the empty file is rejected, nothing crashes
    assert "[/] rise" in result.stdout and "[bold]sharply" in result.stdout
    assert "report[2] [red].txt" in result.stdout
    assert "notes [bold].txt" in result.stderr and "empty input" in result.stderr
    assert "lang" not in result.stdout  # extract finds no language: no always-empty column


def test_stories_table_shows_whole_ids_for_compare(capsys: pytest.CaptureFixture[str]) -> None:
    rows = [{"id": "s3ee4d604ca05b389", "title": "Harbour board raises mooring fees at the "
             "northern quay of Port Ellery after two years of losses",
             "articles": [{"role": "main"}] * 3, "outlets": ["Coastal Wire", "Baltic Courier",
                                                             "nowhere.invalid"],
             "languages": ["en", "ru"], "start": "2026-11-03", "end": "2026-11-04"}]
    _print_stories(rows)
    shown = capsys.readouterr().out
    assert "s3ee4d604ca05b389" in shown
    assert "2026-11-03" in shown and "2026-11-04" in shown
    assert "+1" in shown and "nowhere.invalid" not in shown  # the rest: --json and compare


@pytest.mark.parametrize("command", [["stories"], ["compare", "s1"]])
def test_reading_a_database_that_does_not_exist_is_an_error_not_a_new_file(
        tmp_path: Path, command: list[str]) -> None:
    db = tmp_path / "typo.db"
    result = runner.invoke(app, [*command, "--db", str(db)])
    assert result.exit_code == 2
    assert "database not found" in result.stderr
    assert not db.exists()


def test_token_says_where_the_hash_line_goes() -> None:
    result = runner.invoke(app, ["token"])
    assert result.exit_code == 0
    assert "under [settings]" in result.stderr


def _small_db(tmp_path: Path) -> Path:
    db = tmp_path / "small.db"
    store = open_store(db)
    article = Article(id="a" + content_hash("x"), role="main", title="Fees rise",
                      outlet="Coastal Wire", published=Published("2026-03-03", "2026-03-03"),
                      text="The harbour board raised fees on Monday. " * 10, language="en")
    store.save_page(Page(input="t", uri="t://x", sha256=content_hash("p"), kind="text",
                         fetched_at="2026-03-03T00:00:00Z", articles=[article]))
    store.replace_stories([Story(id="s1", title="Fees rise", article_ids=[article.id],
                                 main_count=1, outlets=["Coastal Wire"], languages=["en"],
                                 key_entities=[], start="2026-03-03", end="2026-03-03")])
    store.close()
    return db


def test_compare_out_makes_its_folder_and_an_unwritable_path_is_one_line(
        tmp_path: Path) -> None:
    db = _small_db(tmp_path)
    report = tmp_path / "reports" / "new" / "fees.md"
    made = runner.invoke(app, ["compare", "s1", "--db", str(db), "--out", str(report)])
    assert made.exit_code == 0, made.output
    assert report.read_text(encoding="utf-8").startswith("# Fees rise")
    folder = runner.invoke(app, ["compare", "s1", "--db", str(db), "--out", str(tmp_path)])
    assert folder.exit_code == 2
    assert "cannot write" in folder.stderr and isinstance(folder.exception, SystemExit)
    assert "Traceback" not in folder.output


@pytest.fixture()
def client(tmp_path: Path) -> TestClient:
    db = _small_db(tmp_path)
    config = Config()
    config.values.update({"web_warm_comparisons": False})
    return TestClient(create_app(str(db), config, token_hash=hash_token(TOKEN)))


def test_an_uploaded_empty_file_is_reported_rejected_not_dropped(client: TestClient) -> None:
    queued = client.post("/api/ingest", files={"files": ("notes.txt", b"")},
                         headers={"Authorization": f"Bearer {TOKEN}"})
    assert queued.status_code == 202, queued.text
    job = finished(client, queued.json())
    assert job["state"] == "done", job
    (outcome,) = job["outcomes"]
    assert outcome["input"] == upload_name("notes.txt", b"")
    assert outcome["status"] == "rejected" and outcome["code"] == "E002"


def test_a_file_sent_as_text_gets_a_hint_and_no_upload_internals(client: TestClient) -> None:
    sent = client.post("/api/ingest", files={"text": ("page.txt", b"Fees rise again.")},
                       headers={"Authorization": f"Bearer {TOKEN}"})
    assert sent.status_code == 422
    assert "_TemporaryFileArgs" not in sent.text and '"input"' not in sent.text
    (problem,) = sent.json()["detail"]
    assert problem["loc"] == ["body", "text"] and "'files'" in problem["msg"]


def test_settings_prints_a_markdown_table_whose_rows_are_whole_lines() -> None:
    from parallax.settings import settings_markdown

    result = runner.invoke(app, ["settings"])
    assert result.exit_code == 0
    assert result.stdout.strip() == settings_markdown().strip()
    assert all(line.startswith("|") and line.endswith("|")
               for line in result.stdout.strip().splitlines())


def test_analyze_table_keeps_title_and_genre_readable_on_80_columns(
        capsys: pytest.CaptureFixture[str]) -> None:
    from parallax.cli import _print_page
    from parallax.records import GenreLabel

    article = Article(id="a1", role="main", title="Harbour council votes to close old pier",
                      outlet="Coastal Wire", published=Published("Tue, 03 Nov 2026", None),
                      text="The council voted. " * 20, language="en",
                      genre=GenreLabel("reporting", 0.8))
    _print_page(Page(input="feed.rss#item-1", uri="feed.rss#item-1", sha256="x", kind="record",
                     fetched_at="2026-11-03T00:00:00Z", articles=[article]), analysed=True)
    shown = capsys.readouterr().out
    assert "reporting" in shown and "Harbour" in shown and "council" in shown
    assert "0 entities" in shown
