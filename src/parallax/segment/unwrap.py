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
_WIDE = re.compile(f"(?m)^[^\\r\\n]{{{MAX_WIDTH + 1}}}")
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


def unwrap(text: str) -> str:
    """``text`` with each wrapped paragraph on one line (the page unchanged if not wrapped)."""
    wide = _WIDE.search(text)
    if wide is not None:  # most dumps: a paragraph on one line, found by one regex scan
        start = text.rfind("\n", 0, wide.start()) + 1
        end = text.find("\n", wide.end())
        if " " in text[start:end if end >= 0 else len(text)].strip():
            return text
    rows = text.splitlines()
    if not rows:
        return text
    lengths = list(map(len, rows))
    if any(" " in row.strip() for row, n in zip(rows, lengths, strict=True) if n > MAX_WIDTH):
        return text
    # one unbreakable token (a URL) may stick out of a wrapped page: it does not set the width
    width = max((n for row, n in zip(rows, lengths, strict=True) if " " in row.strip()),
                default=0)
    if width < MIN_WIDTH:
        return text
    stripped = [row.strip() for row in rows]
    breaks = [False] * len(rows)
    for k in range(len(rows) - 1):
        here, after = stripped[k], stripped[k + 1]
        if not here or not after or _opens_block(after):
            continue
        first = after.find(" ")
        word = len(after) if first < 0 else first
        # the wrapper moved the next word down because it did not fit on this line
        breaks[k] = len(rows[k].rstrip()) + 1 + word > width
    count = sum(breaks)
    if count < MIN_BREAKS or count < MIN_SHARE * sum(1 for s in stripped if s):
        return text
    out: list[str] = []
    joined = False
    for k, row in enumerate(stripped):
        if joined:
            out[-1] += " " + row
        else:
            out.append(row)
        joined = breaks[k]
    return "\n".join(out) + ("\n" if text.endswith("\n") else "")


__all__ = ["unwrap"]
