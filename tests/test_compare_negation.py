"""Negation as a contest cue reads English contractions ("didn't", "can't", "cannot") as
negation (docs/robustness.md, sixteenth session: a quote and its own Russian translation were
shown as contested because "cannot" did not count). Made-up sentences."""

from __future__ import annotations

import pytest

from parallax.compare.contradiction import conflict, facts


@pytest.mark.parametrize("english", [
    "\"We cannot risk anyone's safety,\" said harbour chair Lena Dorn.",
    "\"We can't risk anyone's safety,\" said harbour chair Lena Dorn.",
    "\"We can’t risk anyone's safety,\" said harbour chair Lena Dorn.",
])
def test_a_negated_quote_agrees_with_its_negated_translation(english: str) -> None:
    russian = "«Мы не можем рисковать безопасностью людей», — заявила глава гавани Лена Дорн."
    assert conflict(facts(english, set(), "en"), facts(russian, set(), "ru")) is None


def test_did_not_and_didnt_agree_and_didnt_contests_the_plain_verb() -> None:
    full = facts("The ministry did not send the report to parliament.", set(), "en")
    short = facts("The ministry didn't send the report to parliament.", set(), "en")
    plain = facts("The ministry sent the report to parliament.", set(), "en")
    assert conflict(full, short) is None
    assert conflict(short, plain) == "negation"
    assert conflict(full, plain) == "negation"
