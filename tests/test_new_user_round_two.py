"""A new user's session, round two (docs/robustness.md, twenty-fifth session, helper N): what
the twenty-fourth session left (a run-away title, two uploads of one name) and the README's
paths nobody had walked lately. Each test here failed before its fix. All inputs are made up
here."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from parallax.cli import app
from parallax.titles import TITLE_MAX_CHARS

runner = CliRunner()
BODY = ("The ferry company of Port Ellery added two evening sailings on Monday after crews "
        "ended their strike, the harbour office said. Passengers had waited for hours on the "
        "quay since Friday, and the town council asked the company for a timetable it keeps.")


def _analyze(*paths: Path) -> list[dict]:
    result = runner.invoke(app, ["analyze", *map(str, paths), "--json", "--workers", "1"])
    assert result.exit_code in (0, 1), result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


def test_a_run_away_title_is_cut_kept_in_the_text_and_not_read_as_the_language(
        tmp_path: Path) -> None:
    """A record's 10,000-character title was the article's title whole (an article page's
    heading 12,000 px tall on a phone) and, read with the text, made an English article
    ``br`` (one repeated word) or ``zxx`` (one letter)."""
    words = " ".join(["tarn"] * 2000)  # 9,999 characters of one word
    letters = "q" * 10_000
    export = tmp_path / "long.jsonl"
    export.write_text(
        json.dumps({"title": words, "text": f"{BODY}\n\n{BODY}",
                    "url": "https://coast.example/a"}) + "\n"
        + json.dumps({"title": letters, "text": BODY, "url": "https://coast.example/b"}) + "\n"
        + json.dumps({"title": "Evening sailings back", "text": BODY,
                      "url": "https://coast.example/c"}) + "\n", encoding="utf-8")
    lines = _analyze(export)
    first, second, third = (line["articles"][0] for line in lines)
    for article, whole in ((first, words), (second, letters)):
        assert len(article["title"]) <= TITLE_MAX_CHARS and article["title"].endswith("…")
        assert whole.startswith(article["title"][:-1].rstrip())
        # nothing lost: the whole title opens the text, once
        assert article["text"].split("\n\n")[0] == whole
        assert article["text"].count(whole) == 1 and BODY in article["text"]
        assert article["language"] == "en"
        assert any(n.startswith("title: ") and f"{len(whole):,} characters" in n
                   for n in article["notes"])
    assert first["title"] == " ".join(["tarn"] * 60) + "…"  # cut between words
    # a headline within the cap is untouched, and nothing is noted
    assert third["title"] == "Evening sailings back" and third["text"] == BODY
    assert not any(n.startswith("title: ") for n in third["notes"])

