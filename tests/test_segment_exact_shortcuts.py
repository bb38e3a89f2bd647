"""Shortcuts of the text-dump path that must answer as the code they replaced (nineteenth
session's dump-speed cuts; docs/segmentation.md). Every page here is made up."""

from __future__ import annotations

from parallax.segment.linefeatures import code_points
from parallax.segment.lines import read_lines
from parallax.segment.patterns import FURNITURE_WORDS, SHARE_PHRASE_WORDS, boilerplate_kind

_WORDS = ["harbour", "ferry", "council", "Winter", "share", "Share", "ſhare", "support", "the"]


def _line(seed: int, count: int) -> str:
    return " ".join(_WORDS[(seed + k * k) % len(_WORDS)] for k in range(count))


def test_code_points_remember_only_the_same_page() -> None:
    page = "Ａ page with ſ, İ and \U0001F600 in it. " * 40
    other = page[:-1] + "x"  # the same length, another last character
    for text in (page, other, page, "short", page):
        codes = code_points(text)
        assert codes.tolist() == [ord(c) for c in text]
        assert not codes.flags.writeable  # shared between the line reader and the features


def test_read_lines_asks_always_kind_wherever_it_can_answer() -> None:
    """``read_lines`` leaves out ``always_kind`` for plain lines of more than
    ``SHARE_PHRASE_WORDS`` words not starting with an "s" and for lines of more than
    ``FURNITURE_WORDS`` words: each line's kind is still ``boilerplate_kind``'s."""
    texts = [_line(seed, count) for seed in range(len(_WORDS))
             for count in (1, 2, SHARE_PHRASE_WORDS, SHARE_PHRASE_WORDS + 1, 12,
                           FURNITURE_WORDS, FURNITURE_WORDS + 1, 55)]
    texts += ["Share this story", "Share", "Tweet", "Copier le lien", "share on the ferry",
              "ſhare the council minutes with your neighbours today"]
    for page in ("\n".join(texts), "\n\n".join(texts)):
        for line in read_lines(page):
            assert line.phrase_kind == boilerplate_kind(line.text), line.text
