"""Nothing lost, nothing duplicated (issue 15): two ingests into one store at once, an ingest
killed with SIGKILL inside a page's transaction, and a PostgreSQL server that crashes mid-run
(exit 3 with a message, then a re-run after the restart completes the store).

Each check is on the store itself: one document per input, one row per article, a signature
for every main article, every main article in exactly one story."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from parallax.cli import app
from parallax.store import open_store

pytestmark = pytest.mark.slow
TESTS = Path(__file__).resolve().parent


def _inputs(corpus: Path, n: int) -> list[str]:
    return [str(p) for p in sorted(corpus.glob("*.txt"))[:n]]


def _ingest(*args: str, killer: int | None = None) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "parallax.cli", "ingest", *args]
    if killer is not None:
        command = [sys.executable, str(TESTS / "ingest_killer.py"), str(killer), "ingest",
                   *args]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})


def _check_store(db: str, expected_documents: int) -> None:
    store = open_store(db)
    try:
        conn: Any = store.conn  # type: ignore[attr-defined]
        documents = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        assert documents == expected_documents
        mains = [r[0] for r in conn.execute("SELECT id FROM articles WHERE role = 'main'")]
        assert len(mains) == len(set(mains)) and len(mains) >= expected_documents
        signed = {article for article, _ in store.signatures()}
        assert set(mains) <= signed, "a main article without its near-duplicate signature"
        membership = [a for s in store.stories() for a in s.article_ids]
        grouped = [a for a in membership if a in set(mains)]
        assert sorted(grouped) == sorted(mains), "each main article in exactly one story"
        assert store.rejections() == []
    finally:
        store.close()


def test_two_ingests_at_once_store_each_document_once(tmp_path: Path, corpus: Path) -> None:
    files = _inputs(corpus, 6)
    db = str(tmp_path / "x.db")
    first = _ingest(*files[:4], "--db", db)
    second = _ingest(*files[2:], "--db", db)
    for process in (first, second):
        _, stderr = process.communicate(timeout=900)
        assert process.returncode == 0, stderr[-2000:]
    _check_store(db, len(files))


def test_sigkill_inside_a_page_transaction_loses_nothing(tmp_path: Path, corpus: Path) -> None:
    files = _inputs(corpus, 4)
    db = str(tmp_path / "x.db")
    # two pool workers: they must die with the killed ingest (else they hold its pipes)
    killed = _ingest(*files, "--db", db, "--workers", "2", killer=2)
    killed.communicate(timeout=900)
    assert killed.returncode == -signal.SIGKILL
    with sqlite3.connect(db) as conn:  # the first page committed, the second rolled back
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
    again = _ingest(*files, "--db", db)
    _, stderr = again.communicate(timeout=900)
    assert again.returncode == 0, stderr[-2000:]
    assert "skipped 1" in stderr
    _check_store(db, len(files))


def test_postgres_crash_mid_run_exits_3_and_a_rerun_completes(
        postgres_cluster: Any, corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from parallax.store.sql import SQLStore

    url = postgres_cluster.new_database()
    files = _inputs(corpus, 3)
    original = SQLStore.save_signatures
    calls = 0

    def crash_server(self: SQLStore, signatures: dict[str, bytes]) -> None:
        nonlocal calls
        calls += 1
        if calls == 2:  # inside the second page's transaction
            postgres_cluster._run("pg_ctl", "-D", str(postgres_cluster.data), "-m",
                                  "immediate", "-w", "stop")
        original(self, signatures)

    monkeypatch.setattr(SQLStore, "save_signatures", crash_server)
    crashed = CliRunner().invoke(app, ["ingest", *files, "--db", url])
    monkeypatch.undo()
    assert crashed.exit_code == 3, crashed.output
    assert "E021" in crashed.output and "run the same command again" in crashed.output
    assert "Traceback" not in crashed.output
    options = (f"-c listen_addresses='' -c unix_socket_directories={postgres_cluster.root} "
               "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
               "-c max_connections=60")
    postgres_cluster._run("pg_ctl", "-D", str(postgres_cluster.data), "-o", options, "-l",
                          str(postgres_cluster.root / "server.log"), "-w", "-t", "60", "start")
    again = CliRunner().invoke(app, ["ingest", *files, "--db", url])
    assert again.exit_code == 0, again.output
    _check_store(url, len(files))
