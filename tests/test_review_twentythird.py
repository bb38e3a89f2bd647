"""Bugs found reviewing the twenty-third session's changes and the twenty-second's leftovers
(helper R). Every text here is made up for these tests; each test fails on the code before its
fix."""

from __future__ import annotations

from tests.test_enrich_quotes_fresh import _speakers
from tests.test_enrich_quotes_sources import _requoted


def test_an_infinitives_object_after_a_lower_case_title_does_not_speak() -> None:
    """"came to see councillor <name> said": the residents speak, not the councillor (left by
    the twenty-second session's review: the rule wanted a capitalised title before the name)."""
    article = _requoted(
        "The river rose over the quay at Velmora on Monday. Residents who came to see "
        "councillor Lena Moss said \u201cwe were promised a wall years ago\u201d and went home.",
        [("Lena Moss", "PERSON"), ("Velmora", "GPE")])
    assert _speakers(article)["we were promised a wall years ago"] != "Lena Moss"
    capitalised = _requoted(
        "The river rose over the quay at Velmora on Monday. Councillor Lena Moss said "
        "\u201cwe were promised a wall years ago\u201d and went home.",
        [("Lena Moss", "PERSON"), ("Velmora", "GPE")])
    assert _speakers(capitalised)["we were promised a wall years ago"] == "Lena Moss"
