"""One grammar of a US party tag (enrich.party_tags), read the same by every rule built on it.

Made-up names and states throughout."""

from __future__ import annotations

import re

from parallax.enrich import ner, party_tags, quotes_antecedents, quotes_checks, quotes_speaker
from parallax.stories import keyentities

TAGS = ["R-Vell.", "D-Ostmark", "I-N.V."]


def test_the_grammar_reads_a_tag_and_no_lookalike() -> None:
    for tag in TAGS:
        assert re.fullmatch(party_tags.TAG, tag)
        assert re.fullmatch(party_tags.BRACKETED, f"({tag})")
    for other in ("X-Vell.", "R-vell", "R Vell", "RD-Vell"):
        assert re.fullmatch(party_tags.TAG, other) is None


def test_every_caller_reads_the_same_tags() -> None:
    for tag in TAGS:
        text = f"Ana Lund, {tag}, said"
        state = text.index(tag) + 2
        assert ner._party_tag(text, state, text.index(",", state))
        assert keyentities._PARTY_TAG.search(text[state - 3:state])
        assert keyentities._TAGGED.match(tag)
        assert quotes_antecedents.PARTY_TAG.sub("", text) == "Ana Lund, , said"
        stem = text[:text.index(" said")].rstrip(" ,")
        assert quotes_speaker.PARTY_STATE.sub("", stem) == "Ana Lund"
        assert quotes_checks.AGE_OR_TAG.sub("", stem + " ") == "Ana Lund"
        tagged = quotes_speaker.PARTY_TAGGED.search(text, 0, text.index("said"))
        assert tagged is not None and tagged.group(1) == "Lund"
    assert quotes_speaker.PARTY_STATE.sub("", "Ana Lund, 43") == "Ana Lund"
