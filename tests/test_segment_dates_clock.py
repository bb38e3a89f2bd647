"""A date's clock must be one the day has (R's review, twenty-ninth session): "2026-01-02
25:99" was written as the ISO "2026-01-02T25:99:00", which no date reader parses back, and
`/api/stories` showed it. The day alone is kept, as the worded forms already read it."""

from __future__ import annotations

from datetime import datetime

from parallax.segment import dates


def test_an_impossible_clock_leaves_the_day_alone() -> None:
    for text in ("2026-01-02 25:99", "2026-01-02 24:00", "2026-01-02T23:60",
                 "2026-01-02 23:59:60"):
        published = dates.resolve(text)
        assert published.iso == "2026-01-02", (text, published)
        assert published.text == text


def test_a_real_clock_is_kept_and_reads_back() -> None:
    for text, iso in (("2026-01-02 23:59", "2026-01-02T23:59:00"),
                      ("2026-01-02T00:00:07", "2026-01-02T00:00:07")):
        published = dates.resolve(text)
        assert published.iso == iso, (text, published)
        datetime.fromisoformat(published.iso)
