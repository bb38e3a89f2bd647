"""Which writing system a line is mostly written in.

Why: the decoder asks whether a paragraph in another language than the article's is a reader's
comment; language identification misreads short English lines now and then (as French or
Pidgin), a change of script (Latin to Greek, Cyrillic, Arabic, Hebrew) it cannot fake, so a
paragraph is kept in the article by its script only (``ThreadReading.article_goes_on``).
"""

from __future__ import annotations

from collections import Counter

#: (first code point, end, script) of the scripts told apart; any other letter is named by its
#: 128-code-point block, which keeps the other scripts apart from these and from each other
_RANGES = ((0x0000, 0x0250, "latin"), (0x1E00, 0x1F00, "latin"), (0x0370, 0x0400, "greek"),
           (0x1F00, 0x2000, "greek"), (0x0400, 0x0530, "cyrillic"), (0x0590, 0x0600, "hebrew"),
           (0x0600, 0x0780, "arabic"), (0xFB50, 0xFE00, "arabic"), (0xFE70, 0xFF00, "arabic"))


def _script(char: str) -> str:
    point = ord(char)
    for start, end, name in _RANGES:
        if start <= point < end:
            return name
    return f"block-{point >> 7}"


def script_of(text: str) -> str | None:
    """The script of most of the text's letters; None for a text without letters."""
    counts = Counter(_script(char) for char in text if char.isalpha())
    return counts.most_common(1)[0][0] if counts else None


__all__ = ["script_of"]
