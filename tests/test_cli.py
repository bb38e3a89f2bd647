"""The CLI end to end, in-process with Typer's runner (the same code path as the console script)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parallax.cli import app

runner = CliRunner()


def lines(output: str) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for line in output.splitlines() if line.strip().startswith("{")]


def check_contract(obj: dict, analysed: bool) -> None:  # type: ignore[type-arg]
    assert obj["schema"] == 1 and obj["status"] in ("ok", "rejected")
    assert {"input", "reason", "articles", "comments", "boilerplate"} <= set(obj)
    for article in obj["articles"]:
        assert {"id", "role", "title", "outlet", "published", "text"} <= set(article)
        assert set(article["published"]) == {"text", "iso"}
        if analysed:
            assert {"language", "entities", "quotes", "claims", "roles", "narratives",
                    "techniques", "frames", "genre"} <= set(article)
            text = article["text"]
            for key in ("entities", "quotes", "claims"):
                for item in article[key]:
                    assert text[item["start"]:item["end"]] == item["text"]
            for span in article["techniques"]:
                assert 0 <= span["start"] < span["end"] <= len(text)


@pytest.mark.parametrize("command", ["extract", "analyze", "ingest", "stories", "compare",
                                     "serve", "demo", "settings"])
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output


def test_extract_and_analyze_json_on_demo_corpus(corpus: Path) -> None:
    extracted = runner.invoke(app, ["extract", str(corpus), "--json"])
    assert extracted.exit_code == 0, extracted.output
    objs = lines(extracted.stdout)
    assert len(objs) == 23 and all(o["status"] == "ok" for o in objs)
    for obj in objs:
        check_contract(obj, analysed=False)
        assert "entities" not in obj["articles"][0]
    analysed = runner.invoke(app, ["analyze", str(corpus / "records-mixed-outlets.jsonl"),
                                   "--json"])
    assert analysed.exit_code == 0
    objs = lines(analysed.stdout)
    for obj in objs:
        check_contract(obj, analysed=True)
    assert {o["articles"][0]["language"] for o in objs} >= {"en", "de", "ru"}


def test_seeds_acceptance(seeds: list[Path]) -> None:
    for command in ("extract", "analyze"):
        result = runner.invoke(app, [command, *map(str, seeds), "--json"])
        assert result.exit_code == 0, result.output
        objs = lines(result.stdout)
        assert len(objs) == len(seeds)
        for obj in objs:
            check_contract(obj, analysed=command == "analyze")
            assert obj["status"] == "ok" and len(obj["articles"]) >= 1
            assert obj["articles"][0]["role"] == "main"


def test_bad_inputs_in_a_batch_exit_codes(tmp_path: Path, corpus: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    good = corpus / "nordblick-tessin-gipfel.txt"
    result = runner.invoke(app, ["extract", str(tmp_path / "empty.txt"), str(good), "--json"])
    assert result.exit_code == 1
    statuses = [o["status"] for o in lines(result.stdout)]
    assert statuses == ["rejected", "ok"]
    missing = runner.invoke(app, ["extract", str(tmp_path / "nope.txt"), str(good), "--json"])
    assert missing.exit_code == 2
    objs = lines(missing.stdout)
    assert objs[0]["status"] == "rejected" and "no such file" in objs[0]["reason"]
    assert objs[1]["status"] == "ok"


def test_ingest_stories_compare_end_to_end(tmp_path: Path, corpus: Path) -> None:
    db = str(tmp_path / "demo.db")
    ingested = runner.invoke(app, ["ingest", str(corpus), "--db", db, "--json"])
    assert ingested.exit_code == 0, ingested.output
    objs = lines(ingested.stdout)
    assert objs[-1]["summary"]["stored"] == 23
    again = runner.invoke(app, ["ingest", str(corpus), "--db", db, "--json"])
    assert lines(again.stdout)[-1]["summary"] == {"stored": 0, "skipped": 23, "rejected": 0,
                                                   "stories": objs[-1]["summary"]["stories"],
                                                   "stories_changed": 0, "replaced": 0}

    listed = runner.invoke(app, ["stories", "--db", db, "--json"])
    assert listed.exit_code == 0
    stories = lines(listed.stdout)
    assert len(stories) >= 3
    largest = stories[0]
    assert {"id", "title", "articles"} <= set(largest)
    assert {"id", "input", "outlet", "title", "language"} <= set(largest["articles"][0])
    assert len({a["outlet"] for a in largest["articles"]}) >= 3
    rebuilt = runner.invoke(app, ["stories", "--db", db, "--json", "--rebuild"])
    assert rebuilt.exit_code == 0
    assert [s["id"] for s in lines(rebuilt.stdout)] == [s["id"] for s in stories]

    as_json = runner.invoke(app, ["compare", largest["id"], "--db", db, "--format", "json"])
    assert as_json.exit_code == 0
    comparison = json.loads(as_json.stdout)
    assert comparison["schema"] == 1 and comparison["story"]["id"] == largest["id"]
    assert len(comparison["outlets"]) >= 3
    assert comparison["claims"]["clusters"]
    for fmt, marker in (("md", "#"), ("html", "<!doctype html"), ("csv", ",")):
        rendered = runner.invoke(app, ["compare", largest["id"], "--db", db, "--format", fmt])
        assert rendered.exit_code == 0 and marker in rendered.stdout.lower()
    unknown = runner.invoke(app, ["compare", "s-nope", "--db", db])
    assert unknown.exit_code == 2


def test_demo_builds_db_and_report_without_serving(tmp_path: Path) -> None:
    db, report = tmp_path / "demo.db", tmp_path / "report.html"
    result = runner.invoke(app, ["demo", "--db", str(db), "--report", str(report),
                                 "--no-serve"])
    assert result.exit_code == 0, result.output
    assert db.exists() and report.read_text(encoding="utf-8").lower().startswith("<!doctype")


def test_bad_config_is_a_clear_error(tmp_path: Path, corpus: Path) -> None:
    cfg = tmp_path / "parallax.toml"
    cfg.write_text("[settings]\nmax_input_byte = 5\n")
    result = runner.invoke(app, ["extract", str(corpus), "--config", str(cfg)])
    assert result.exit_code == 3
    assert "unknown setting 'max_input_byte'" in result.output


def test_every_db_option_takes_a_postgres_url(postgres_cluster, corpus: Path) -> None:  # type: ignore[no-untyped-def]
    url = postgres_cluster.new_database()
    files = [str(p) for p in sorted(corpus.glob("*.txt"))[:3]]
    stored = runner.invoke(app, ["ingest", *files, "--db", url, "--json"])
    assert stored.exit_code == 0, stored.output
    listed = runner.invoke(app, ["stories", "--db", url, "--json"])
    assert listed.exit_code == 0 and len(lines(listed.output)) >= 1
    secret = url.replace("parallax@", "parallax:hunter2@").replace(
        "?host=", "x?host=")  # a database that does not exist, with a password
    failed = runner.invoke(app, ["stories", "--db", secret])
    message = failed.output + str(failed.exception or "")
    assert failed.exit_code != 0 and "cannot connect to PostgreSQL" in message
    assert "hunter2" not in message and "***" in message


@pytest.mark.parametrize("how", [["-m", "parallax.cli"],
                                 ["-c", "from parallax.cli import main; main()"]])
def test_every_command_is_registered_however_the_cli_starts(how: list[str]) -> None:
    """``python -m parallax.cli`` (benchmarks and tests start it so) runs cli.py as ``__main__``;
    the commands in cli_models and cli_web register on the importable module's app, so they
    were missing from that start until it ran the importable module."""
    import subprocess
    import sys

    result = subprocess.run([sys.executable, *how, "--help"], capture_output=True, text=True,
                            timeout=120, env={"COLUMNS": "200", "PATH": ""})
    assert result.returncode == 0, result.stderr
    listed = {line.split()[1] for line in result.stdout.splitlines()
              if line.startswith("│ ") and len(line.split()) > 1}
    assert {"extract", "analyze", "ingest", "stories", "compare", "batch", "serve", "token",
            "demo", "train", "evaluate", "settings"} <= listed
