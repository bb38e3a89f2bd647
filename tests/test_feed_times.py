"""A feed's or record's written time (``ingest.instants``): the year read is the year written.
All inputs are made up."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parallax.cli import app
from parallax.ingest.instants import zoned_iso

runner = CliRunner()
BODY = ("The ferry board of Lindholm Sound cut its winter timetable to four crossings a day on "
        "Monday, its secretary Mara Ostby said, after a season of storms closed the north pier "
        "twice. Islanders said the cut would strand commuters, and the board said the pier "
        "repairs must come first.")
#: what some publishing systems write for an item with no date: the year one
EMPTY_DATE = "Mon, 01 Jan 0001 00:00:00 GMT"


@pytest.mark.parametrize(("text", "iso"), [
    ("Tue, 03 Nov 2026 23:30:00 +0200", "2026-11-03T23:30:00+02:00"),  # "+0200" is no year
    ("03 Nov 26 23:30 EST", "2026-11-03T23:30:00-05:00"),  # a two-digit year as RFC 822 allows
    ("2026-11-03T23:30:00+14:00", "2026-11-03T23:30:00+14:00"),
    (EMPTY_DATE, None),  # read as 2001 by email.utils
    ("Fri, 01 Jan 0099 10:00:00 +0000", None),  # read as 1999
])
def test_the_year_of_a_zoned_time_is_the_one_written(text: str, iso: str | None) -> None:
    assert zoned_iso(text) == iso


def test_an_empty_feed_or_record_date_is_not_a_real_looking_day(tmp_path: Path) -> None:
    rss = (f"<rss version=\"2.0\"><channel><title>Sound Post</title><item><title>Ferry "
           f"timetable cut</title><link>https://nowhere.invalid/f</link><pubDate>{EMPTY_DATE}"
           f"</pubDate><description>{BODY}</description></item></channel></rss>")
    (tmp_path / "sound.rss").write_text(rss, encoding="utf-8")
    record = {"title": "Ferry timetable cut", "text": BODY, "published": EMPTY_DATE}
    (tmp_path / "r.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path / "sound.rss"),
                                 str(tmp_path / "r.jsonl"), "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(rows) == 2
    for row in rows:
        published = row["articles"][0]["published"]
        assert published["text"] == EMPTY_DATE
        assert not str(published["iso"] or "").startswith("2001")
