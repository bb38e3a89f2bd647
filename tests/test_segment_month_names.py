"""Month names read by the longest prefix they start with (``dates._month``)."""

from __future__ import annotations

from parallax.segment import dates
from parallax.segment.dates import parse_absolute


def longest_prefix(name: str) -> int | None:
    """The definition: the month of the longest known prefix the lowered name starts with."""
    key = name.lower()
    found = [p for p in dates._MONTHS if key.startswith(p)]
    return dates._MONTHS[max(found, key=len)] if found else None


def test_every_prefix_and_its_neighbours_read_as_the_longest_prefix() -> None:
    names = ["", "x", "ma", "Märzen", "MAI", "İ", "ß", "Octo", "septiembre", "ноябрь"]
    for prefix in dates._MONTHS:
        names += [prefix, prefix.upper(), prefix.title(), prefix + "x", prefix + "ember",
                  prefix[:-1], prefix[1:]]
    assert [dates._month(n) for n in names] == [longest_prefix(n) for n in names]
    assert dates._month("Dezember") == 12 and dates._month("mars") == 3


def test_dates_with_month_names() -> None:
    assert parse_absolute("Posted on 3. März 2026 by the desk") == "2026-03-03"
    assert parse_absolute("September 12, 2025") == "2025-09-12"
    assert parse_absolute("12 Octember 2025") == "2025-10-12"  # (a prefix: "oct")
    assert parse_absolute("12 Blorvember 2025") is None
