"""What broke in a new user's second first hour (docs/robustness.md, seventeenth session):
``-`` as standard input, a feed item's time zone, a short reader comment's language. All
inputs are made up here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parallax.cli import app
from parallax.enrich.language import LangidIdentifier

runner = CliRunner()
BODY = ("The harbour board of Port Ellery raised mooring fees by 12 percent on Monday, its chair "
        "Rowan Pike said, after two years of losses at the northern quay. Ship owners said the "
        "rise would push traffic to the rival port of Oskby within months, and the board said "
        "the fees pay for dredging.")
DUMP = f"Harbour board raises mooring fees at Port Ellery\n\n{BODY}\n"


def _records(output: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


@pytest.mark.parametrize("command", ["extract", "analyze"])
def test_a_dash_reads_standard_input(command: str) -> None:
    result = runner.invoke(app, [command, "-", "--json", *(
        ["--workers", "1"] if command == "analyze" else [])], input=DUMP)
    assert result.exit_code == 0, result.output
    (record,) = _records(result.stdout)
    assert record["status"] == "ok" and record["input"] == "-"
    assert record["articles"][0]["title"] == "Harbour board raises mooring fees at Port Ellery"


def test_ingest_reads_standard_input_once_and_skips_it_the_second_time(tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    first = runner.invoke(app, ["ingest", "-", "--db", db, "--workers", "1"], input=DUMP)
    assert first.exit_code == 0, first.output
    assert "stored 1" in first.stderr
    again = runner.invoke(app, ["ingest", "-", "--db", db, "--workers", "1"], input=DUMP)
    assert again.exit_code == 0 and "skipped 1" in again.stderr


def test_empty_standard_input_is_rejected_not_a_missing_path() -> None:
    result = runner.invoke(app, ["extract", "-"], input="")
    assert result.exit_code == 1
    assert "empty input" in result.stderr and "path not found" not in result.stderr


RSS = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Baltic Courier – World</title>
<item><title>Harbour fees rise in Port Ellery</title><link>https://nowhere.invalid/a</link>
<pubDate>Tue, 03 Nov 2026 23:30:00 +0200</pubDate><description>{BODY}</description></item>
<item><title>Quay fees rise in Port Ellery</title><link>https://nowhere.invalid/b</link>
<pubDate>Tue, 03 Nov 2026 23:30:00</pubDate><description>{BODY} Again.</description></item>
</channel></rss>"""
ATOM = f"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Coastal Wire</title>
<entry><title>Harbour fees rise in Port Ellery</title><link href="https://nowhere.invalid/c"/>
<updated>2026-11-03T23:30:00-05:00</updated><content type="html">{BODY}</content></entry>
</feed>"""


def test_a_feed_items_time_keeps_its_zone(tmp_path: Path) -> None:
    (tmp_path / "world.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "coast.atom").write_text(ATOM, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path / "world.rss"),
                                 str(tmp_path / "coast.atom"), "--json"])
    assert result.exit_code == 0, result.output
    published = [r["articles"][0]["published"] for r in _records(result.stdout)]
    # the same instant, and the day the outlet printed
    assert published[0] == {"text": "Tue, 03 Nov 2026 23:30:00 +0200",
                            "iso": "2026-11-03T23:30:00+02:00"}
    assert published[1]["iso"] == "2026-11-03"  # no zone written: no instant claimed
    assert published[2]["iso"] == "2026-11-03T23:30:00-05:00"


def test_a_jsonl_records_time_keeps_its_zone(tmp_path: Path) -> None:
    record = {"title": "Harbour fees rise in Port Ellery", "text": BODY,
              "published": "2026-11-03T23:30:00+02:00"}
    (tmp_path / "r.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path / "r.jsonl"), "--json"])
    (row,) = _records(result.stdout)
    assert row["articles"][0]["published"]["iso"] == "2026-11-03T23:30:00+02:00"


@pytest.mark.parametrize(("comment", "shown"), [
    ("Bravo, Rowan!", "en"),  # read alone: Polish
    ("Cheers, Nell!", "en"),  # read alone: Dutch
    ("Hello Rowan ,", None),  # read alone: Polish; English only a little less likely
    ("Gracias por compartir esta historia tan bonita del puerto!", "es"),
    ("Спасибо за статью, очень интересно про порт.", "ru"),
])
def test_a_short_comment_is_read_against_its_pages_language(comment: str,
                                                             shown: str | None) -> None:
    assert LangidIdentifier().detect(comment, "en") == shown


def test_analyze_labels_short_comments_of_an_english_page(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(f"{DUMP}\nThe board said the new fees would pay for dredging the northern "
                    "channel, which has silted up since the floods of last winter, and for new "
                    "lights on the breakwater.\n\n3 Comments\n\nBravo, Rowan!\n\nCheers, Nell!\n\n"
                    "Спасибо за статью, очень интересно про наш порт и про новые сборы.\n",
                    encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(page), "--json", "--workers", "1"])
    (row,) = _records(result.stdout)
    assert [c["language"] for c in row["comments"]] == ["en", "en", "ru"]  # type: ignore[union-attr]


def test_jsonl_unix_times_markup_in_names_and_a_huge_number(tmp_path: Path) -> None:
    rows = [json.dumps({"title": "Fees <b>rise</b>", "text": BODY, "published": 1793741400,
                        "outlet": "<b>Coastal</b> <script>alert(1)</script>Wire"}),
            json.dumps({"title": "Fees rise again", "text": BODY + " Again.",
                        "published": 1793741400000}),
            '{"title": "Huge", "text": "x", "published": ' + "9" * 5000 + "}",
            json.dumps({"title": "Fees rise once more", "text": BODY + " Once more."})]
    (tmp_path / "r.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path / "r.jsonl"), "--json"])
    assert result.exit_code == 1, result.output
    records = _records(result.stdout)
    assert [r["status"] for r in records] == ["ok", "ok", "rejected", "ok"]  # the file goes on
    first = records[0]["articles"][0]  # type: ignore[index]
    assert first["outlet"] == "Coastal Wire" and first["title"] == "Fees rise"
    assert first["published"] == {"text": "1793741400", "iso": "2026-11-03T21:30:00+00:00"}
    assert records[1]["articles"][0]["published"]["iso"] == "2026-11-03T21:30:00+00:00"  # type: ignore[index]
    assert "not valid JSON" in str(records[2]["reason"])


def test_a_folders_broken_links_and_link_loops_are_reported_and_the_rest_read(
        tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "b.txt").symlink_to(folder / "c.txt")  # a loop: b -> c -> b
    (folder / "c.txt").symlink_to(folder / "b.txt")
    (folder / "d.txt").symlink_to("missing/page.txt")  # broken, pointing inside the folder
    (folder / "z page [1].txt").write_text(DUMP, encoding="utf-8")  # read after the loop
    result = runner.invoke(app, ["extract", str(folder), "--json"])
    assert result.exit_code == 1, result.output
    by_name = {Path(str(r["input"])).name: r for r in _records(result.stdout)}
    assert by_name["z page [1].txt"]["status"] == "ok"
    assert "loop" in str(by_name["b.txt"]["reason"]) and "loop" in str(by_name["c.txt"]["reason"])
    assert "broken symbolic link" in str(by_name["d.txt"]["reason"])
    assert "Traceback" not in result.stderr


def test_ctrl_c_during_ingest_says_what_is_kept(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    import parallax.runner

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(parallax.runner, "ingest", interrupted)
    page = tmp_path / "page.txt"
    page.write_text(DUMP, encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(page), "--db", str(tmp_path / "n.db")])
    assert result.exit_code == 130
    assert "interrupted" in result.stderr and "run the same command again" in result.stderr


@pytest.mark.parametrize(("line", "problem"), [
    ("min_article_chars = -5", "must not be negative"),
    ("near_duplicate_threshold = 7", "between 0 and 1"),
    ("web_rate_per_minute = true", "must be int"),
    ("story_similarity_threshold = nan", "must be a finite number"),  # (review, helper R)
    ("fetch_timeout_s = inf", "must be a finite number"),
])
def test_a_setting_out_of_its_range_is_a_config_error(tmp_path: Path, line: str,
                                                      problem: str) -> None:
    config = tmp_path / "parallax.toml"
    config.write_text(f"[settings]\n{line}\n", encoding="utf-8")
    page = tmp_path / "page.txt"
    page.write_text(DUMP, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(page), "--config", str(config)])
    assert result.exit_code == 3
    assert problem in result.stderr


def test_a_one_day_story_shows_its_day_once(capsys: pytest.CaptureFixture[str]) -> None:
    from parallax.cli_tables import print_stories

    print_stories([{"id": "s3ee4d604ca05b389", "title": "Harbour fees rise",
                    "articles": [{"role": "main"}], "outlets": ["Coastal Wire"],
                    "languages": ["en"], "start": "2026-11-03", "end": "2026-11-03"}])
    assert capsys.readouterr().out.count("2026-11-03") == 1


def test_serve_on_a_file_that_is_no_database_stops_at_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("the server started")

    monkeypatch.setattr(uvicorn, "run", never)
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>Not a database.</p></body></html>", encoding="utf-8")
    result = runner.invoke(app, ["serve", "--db", str(page)])
    assert result.exit_code == 3
    assert "cannot open database" in result.stderr and "Traceback" not in result.output


def test_a_warc_piped_to_a_dash_is_read() -> None:
    from tests.warc_builders import Record, warc_bytes

    page = (f"<html><head><title>Harbour fees rise</title></head><body><article>"
            f"<h1>Harbour fees rise</h1><p>{BODY}</p><p>{BODY}</p></article></body></html>")
    archive = warc_bytes([Record("https://nowhere.invalid/fees", page.encode(),
                                 "text/html; charset=utf-8")])
    result = runner.invoke(app, ["extract", "-", "--json"], input=archive)
    assert result.exit_code == 0, result.output
    (record,) = _records(result.stdout)
    assert record["input"] == "-#https://nowhere.invalid/fees" and record["status"] == "ok"
