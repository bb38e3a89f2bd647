"""A JSONL record's names (``ingest.jsonl``): markup a scraper left is read as its text, and
a name that only holds angle brackets keeps them. All inputs are made up."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from parallax.cli import app

runner = CliRunner()
BODY = ("The ferry board of Lindholm Sound cut its winter timetable to four crossings a day on "
        "Monday, its secretary Mara Ostby said, after a season of storms closed the north pier "
        "twice. Islanders said the cut would strand commuters, and the board said the pier "
        "repairs must come first.")


def _titles(tmp_path: Path, titles: list[str]) -> list[str]:
    lines = [json.dumps({"title": t, "text": BODY, "outlet": "Sound <b>Post</b>"})
             for t in titles]
    (tmp_path / "r.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path / "r.jsonl"), "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert all(row["articles"][0]["outlet"] == "Sound Post" for row in rows)
    return [row["articles"][0]["title"] for row in rows]


def test_angle_brackets_that_are_no_tag_are_kept(tmp_path: Path) -> None:
    """A work's title in angle brackets (as some outlets write one) and a comparison were
    read as tags, and the parser dropped them with what followed."""
    assert _titles(tmp_path, [
        "Streaming hit <Harbour Lights> tops the charts",
        "Why x<y matters for the ferry budget",
        "<i>Harbour Lights</i> tops the charts",
    ]) == ["Streaming hit <Harbour Lights> tops the charts",
           "Why x<y matters for the ferry budget",
           "Harbour Lights tops the charts"]
