"""A date text names a day the calendar has, or no date at all.

"Tue, 31 Nov 2026" was written as the ISO "2026-11-31", which nothing reads back: the web page
showed it and the stories took the article as undated. Made-up date lines."""

from __future__ import annotations

import pytest

from parallax.segment.dates import date_span, parse_absolute


@pytest.mark.parametrize("text", [
    "Posted Tue, 31 Nov 2026 by the desk",
    "Updated 2026-02-30 14:05",
    "Stand: 31.04.2026",
    "February 29, 2026 at 9:15 am",
    "0000-00-00",
])
def test_an_impossible_day_is_no_date(text: str) -> None:
    assert parse_absolute(text) is None
    assert date_span(text) is None


@pytest.mark.parametrize(("text", "iso"), [
    ("Posted Mon, 30 Nov 2026 by the desk", "2026-11-30"),
    ("Updated 2024-02-29 14:05", "2024-02-29T14:05:00"),
    ("Stand: 30.04.2026", "2026-04-30"),
    ("February 29, 2028 at 9:15 am", "2028-02-29"),
    # an impossible day first, a real one after it: the real one is the date
    ("31 Nov 2026, corrected on 1 December 2026", "2026-12-01"),
])
def test_a_real_day_is_read(text: str, iso: str) -> None:
    assert parse_absolute(text) == iso
    span = date_span(text)
    assert span is not None and parse_absolute(text[span[0]:span[1]]) == iso
