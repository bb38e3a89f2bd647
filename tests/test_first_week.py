"""What went wrong in a new user's first week of operating Parallax (docs/robustness.md,
nineteenth session): a crash while stories were saved that left articles in no story for
good, web uploads stored under the server's temporary paths, a locked database said only as
"database is locked" (and the CLI's line printed its own markup), UTF-16 without a
byte-order mark rejected as binary, Latin-1 read as windows-1250, and ``batch --workers 0``
taken as "all cores". All inputs are made up."""

from __future__ import annotations

import hashlib
import random
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.ingest_jobs import finished
from typer.testing import CliRunner

from parallax.cli import app
from parallax.errors import InputRejected
from parallax.ingest.decode import decode_bytes
from parallax.records import Article, Page, Published
from parallax.runner import update_stories
from parallax.settings import Config
from parallax.store import open_store
from parallax.store.sql import SQLStore
from parallax.web.app import create_app
from parallax.web.jobs import upload_name
from parallax.web.security import hash_token

TOKEN = "first-week-token"
FERRY = ("Ferry crews in Port Ellery walk out over rosters\n\n"
         "Ferry crews on the Port Ellery crossing stopped work on Monday morning after the "
         "operator changed their rosters without notice, the crews' union said. Harbour chair "
         "Rowan Pike said talks would resume on Wednesday and that the evening sailings would "
         "run with a reduced timetable until then.\n\n"
         "Passengers queued for hours at the northern quay, and the town's buses added extra "
         "runs to the rival port of Oskby for travellers who could not wait.\n")


def _page(n: int) -> Page:
    text = f"Ferry crews in Port Ellery stopped work on Monday over rosters, report {n}."
    sha = hashlib.sha256(text.encode()).hexdigest()
    article = Article(id="a" + sha[:16], role="main", title=f"Ferry strike {n}",
                      outlet=f"Outlet {n}", published=Published(iso="2026-03-02"), text=text,
                      language="en")
    return Page(input=f"ferry-{n}.txt", uri=f"ferry-{n}.txt", sha256=sha, kind="text",
                fetched_at="2026-03-02T09:00:00+00:00", articles=[article])


def test_a_crash_while_stories_are_saved_leaves_no_article_outside_a_story(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """kill -9 after the story index was written but before the stories were: the next run
    re-assigns only articles without an index entry, so these stayed in no story for good."""
    store = open_store(tmp_path / "crash.db")
    pages = [_page(n) for n in range(4)]
    for page in pages:
        store.save_page(page)
    articles = [a for page in pages for a in page.articles]

    def killed(self: SQLStore, story: Any) -> None:
        raise KeyboardInterrupt  # the process dies with the story transaction open

    with monkeypatch.context() as patch:
        patch.setattr(SQLStore, "_insert_story", killed)
        with pytest.raises(KeyboardInterrupt):
            update_stories(store, Config(), articles)
    store.close()

    store = open_store(tmp_path / "crash.db")  # the re-run: nothing new to ingest
    update_stories(store, Config(), [])
    held = [a for story in store.stories() for a in story.article_ids]
    assert sorted(held) == sorted(a.id for a in articles)


@pytest.fixture()
def client(tmp_path: Path) -> TestClient:
    config = Config()
    config.values.update({"web_warm_comparisons": False})
    return TestClient(create_app(str(tmp_path / "web.db"), config,
                                 token_hash=hash_token(TOKEN)))


def test_uploads_are_stored_under_the_names_they_were_sent_with(client: TestClient,
                                                                tmp_path: Path) -> None:
    sent = client.post("/api/ingest", headers={"Authorization": f"Bearer {TOKEN}"},
                       files=[("files", ("ferry strike.txt", FERRY.encode())),
                              ("files", ("scan.txt", b"\x00\x01\x02" * 400)),
                              ("files", ("crews.jsonl", b'{"title": "x"}\n'))])
    assert sent.status_code == 202, sent.text
    job = finished(client, sent.json())
    assert job["state"] == "done", job
    assert job["done"] == 3
    # stored under the file name and its content's hash (upload_name, twenty-fifth session)
    named = {upload_name(n, d): n for n, d in (("ferry strike.txt", FERRY.encode()),
                                                ("scan.txt", b"\x00\x01\x02" * 400),
                                                ("crews.jsonl", b'{"title": "x"}\n'))}
    ferry, scan, crews = named
    outcomes = {o["input"]: o for o in job["outcomes"]}
    assert set(outcomes) == {ferry, scan, f"{crews}#line-1"}
    assert outcomes[ferry]["status"] == "stored"

    store = open_store(tmp_path / "web.db")
    try:
        rejected = {r["input"]: r["code"] for r in store.rejections()}
        (article_id,) = outcomes[ferry]["articles"]
        source = store.article_source(article_id)
    finally:
        store.close()
    assert set(rejected) == {scan, f"{crews}#line-1"} and rejected[scan] == "E003"
    assert source is not None and source["input"] == ferry
    front = client.get("/").text
    assert scan in front and "parallax-upload" not in front
    article = client.get(f"/article/{article_id}").text
    assert ferry in article and "parallax-upload" not in article


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read(codec: str) -> None:
    text = ("Le bac de Port Ellery ne circule plus depuis lundi.\n\n"
            "Les équipages réclament des horaires stables, a déclaré le syndicat.\n")
    assert decode_bytes(text.encode(codec)) == (text, codec)
    russian = "Паром из Порт-Эллери не ходит с понедельника.\n"
    assert decode_bytes(russian.encode(codec))[0] == russian


def test_binary_with_nul_bytes_is_still_binary() -> None:
    rng = random.Random(7)
    noise = bytes(rng.randrange(256) for _ in range(4000)) + b"\x00\x00"
    samples = bytes(b for n in range(2000) for b in ((n * 37) % 200, 0))  # 16-bit numbers
    for data in (noise, samples):
        with pytest.raises(InputRejected) as refused:
            decode_bytes(data)
        assert refused.value.code.value == "E003"


def test_batch_refuses_zero_workers(tmp_path: Path) -> None:
    shard = tmp_path / "shard.jsonl"
    shard.write_text('{"title": "Ferry", "text": "Crews stopped work."}\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["batch", str(shard), "--out", str(tmp_path / "out"),
                                      "--workers", "0"])
    assert result.exit_code == 2, result.output
    assert not (tmp_path / "out").exists()


@pytest.fixture()
def locked_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A store another process holds the write lock of (a long write, a tool left open)."""
    monkeypatch.setattr("parallax.store.sqlite.BUSY_TIMEOUT_MS", 300)
    db = tmp_path / "busy.db"
    open_store(db).close()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    yield db
    holder.execute("ROLLBACK")
    holder.close()


def test_a_locked_database_is_said_to_be_busy_on_the_command_line(locked_db: Path) -> None:
    result = CliRunner().invoke(app, ["stories", "--rebuild", "--db", str(locked_db)])
    said = " ".join(result.output.split())
    assert result.exit_code == 3, said
    assert "database is busy: another process kept it locked for over 0.3 s" in said
    assert "Everything committed before it is kept" in said and "[red]" not in said


def test_a_locked_database_is_said_to_be_busy_on_the_job_page(locked_db: Path) -> None:
    config = Config()
    config.values.update({"web_warm_comparisons": False})
    client = TestClient(create_app(str(locked_db), config, token_hash=hash_token(TOKEN)))
    sent = client.post("/api/ingest", headers={"Authorization": f"Bearer {TOKEN}"},
                       files=[("files", ("scan.txt", b"\x00\x01\x02" * 400))])
    job = finished(client, sent.json())
    assert job["state"] == "failed"
    assert "database is busy" in job["error"] and "send the same inputs again" in job["error"]


def test_batch_says_when_its_scheduler_cannot_be_reached(tmp_path: Path) -> None:
    shard = tmp_path / "shard.jsonl"
    shard.write_text('{"title": "Ferry", "text": "Crews stopped work."}\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["batch", str(shard), "--out", str(tmp_path / "out"),
                                      "--scheduler", "scheduler.example"])
    said = " ".join(result.output.split())
    assert result.exit_code == 3, said
    assert "cannot reach the Dask scheduler at scheduler.example" in said
    assert isinstance(result.exception, SystemExit)


@pytest.mark.parametrize(("codec", "text"), [
    ("latin-1", "La huelga del puerto de Peñalba afectó a la campaña de Navidad, según el "
                "señor Ibáñez, portavoz de los estibadores."),
    ("latin-1", "A greve no porto de Vilarinho afetou a campanha de Natal, disse João "
                "Brandão, porta-voz dos estivadores."),
    ("latin-1", "La grève au port de Marvillac a touché les ventes de Noël, selon le préfet "
                "Étienne Lavergne."),
    ("cp1250", "Strajk w porcie w Wąsoszu sparaliżował rozładunek, powiedziała burmistrz "
               "Łucja Żółkiewska."),
])
def test_an_undeclared_legacy_code_page_is_read_as_written(codec: str, text: str) -> None:
    """Latin-1 Spanish, Portuguese and French were read as windows-1250 ("campańa", "Joăo",
    "grčve"): charset-normalizer ranks those code pages equal and listed 1250 first."""
    page = (text + "\n") * 3
    assert decode_bytes(page.encode(codec))[0] == page
