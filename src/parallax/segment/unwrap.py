"""Hard-wrapped text dumps (lynx/w3m, e-mail, ``fmt``) joined back into their paragraphs.

Why: a paragraph wrapped at ~76 columns becomes four or five short lines, each of which the line
model and the rules read alone: a line of eleven words with no sentence end looks like a teaser
or a menu entry, so the wrapped rendering scored lowest of the four on the training sites (end
to end 0.851 against 0.858-0.862). The wrapper's own rule says which breaks it made: it breaks a
line only when the next word would not fit, so a line followed by a word that would still have
fit within the page's width was ended by the writer (a list item, a heading, a short line).
Only pages that look wrapped are touched (no line wider than ``MAX_WIDTH``, and at least
``MIN_SHARE`` of the lines broken by the wrapper); other dumps are returned as they are.
"""

from __future__ import annotations

import re
from itertools import chain, compress, repeat
from operator import contains, gt

#: the widest line of a wrapped page (terminal and e-mail widths are 70-80 columns)
MAX_WIDTH = 100
#: the share of the page's non-blank lines that must end where the wrapper broke them
MIN_SHARE = 0.05
#: and at least this many such lines (a short page of menu lines proves nothing)
MIN_BREAKS = 4
#: the narrowest page width read as a wrapper's: lynx/w3m, e-mail and ``fmt`` wrap at 65-80
#: columns; a short page whose lines merely have similar lengths (a repeated 41-character
#: comment, a list of headlines) is not wrapped prose and must keep its lines
MIN_WIDTH = 60
#: a line wider than a wrapped page's, as ``(?m)^[^\r\n]{101}`` finds it (``^`` there: the
#: page's start or after a "\n"), in two patterns: at the start, or after a newline. Why not
#: the one pattern: ``re`` tests ``^`` at every character of the page, while a pattern
#: opening with the newline literal is tried only where one stands (a wrapped page, which has
#: no wide line, was scanned to its end at ~0.2 ms; ~0.12 ms now)
_WIDE_FIRST = re.compile(f"[^\\r\\n]{{{MAX_WIDTH + 1}}}")
_WIDE_NEXT = re.compile(f"\\n[^\\r\\n]{{{MAX_WIDTH + 1}}}")
#: a line starting so opens a block of its own (Markdown/list items, quotes, headings)
_OPENERS = frozenset("-*+#>|•")


def _opens_block(line: str) -> bool:
    head = line[0]
    if head in _OPENERS:
        return True
    if head.isdigit():  # "1. item" / "2) item"
        dot = line.find(" ")
        return 0 < dot <= 4 and line[dot - 1] in ".)"
    return False


def _wide_line(text: str) -> tuple[int, int] | None:
    """Where the page's first line wider than ``MAX_WIDTH`` starts, and where the first
    ``MAX_WIDTH + 1`` characters of it end (none of them a line break)."""
    wide = _WIDE_FIRST.match(text)
    if wide is not None:
        return 0, wide.end()
    wide = _WIDE_NEXT.search(text)
    return None if wide is None else (wide.start() + 1, wide.end())


def unwrap(text: str) -> str:
    """``text`` with each wrapped paragraph on one line (the page unchanged if not wrapped)."""
    wide = _wide_line(text)
    if wide is not None:  # most dumps: a paragraph on one line, found by one regex scan
        start, stop = wide
        end = text.find("\n", stop)
        if " " in text[start:end if end >= 0 else len(text)].strip():
            return text
    rows = text.splitlines()
    if not rows:
        return text
    # the rows' lengths and spaces by C-level maps (a wrapped page has ~400 rows)
    lengths = list(map(len, rows))
    stripped = list(map(str.strip, rows))
    spaced = list(map(contains, stripped, repeat(" ")))
    if any(compress(map(gt, lengths, repeat(MAX_WIDTH)), spaced)):
        return text
    # one unbreakable token (a URL) may stick out of a wrapped page: it does not set the width
    width = max(compress(lengths, spaced), default=0)
    if width < MIN_WIDTH:
        return text
    # the wrapper moved the next row's first word down because it did not fit on this row
    breaks = [bool(here) and bool(after) and end + 1 + (
        len(after) if (first := after.find(" ")) < 0 else first) > width
        and not _opens_block(after)
        for here, after, end in zip(stripped[:-1], stripped[1:],
                                    map(len, map(str.rstrip, rows[:-1])), strict=True)]
    count = sum(breaks)
    if count < MIN_BREAKS or count < MIN_SHARE * (len(stripped) - stripped.count("")):
        return text
    # each row followed by a space where the wrapper broke it, else by a line break (a row
    # joined to the one above is never empty)
    ends = [" " if joined else "\n" for joined in breaks]
    ends.append("\n" if text.endswith("\n") else "")
    return "".join(chain.from_iterable(zip(stripped, ends, strict=True)))


__all__ = ["unwrap"]
