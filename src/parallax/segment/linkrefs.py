"""A ``lynx -dump`` page's link numbers taken out of its text.

``lynx -dump URL > page.txt`` is how many researchers save a page as text: each link is
written "[6]review" in the text and listed at the end under "References" ("6. https://…").
Read as they stand, the numbers were words of the article ("after a [6]review of the
service's costs", in its text, claims and quotes) and of its title ("[2]Dunmere Harbour
Post") (helper NW, round ten). Only a
dump that ends with such a list is touched, and only the numbers the list holds: "[6]" in a
page without it (a footnote, a citation) stays as written.
"""

from __future__ import annotations

import re

#: the list's heading, alone on its line (lynx writes it at the left margin)
_HEADING = re.compile(r"^References[ \t]*$", re.MULTILINE)
#: one entry of the list: "   6. https://…", an address with its scheme (lynx's own
#: sub-headings between them); a bibliography's "6. Ibid." is no such list
_ENTRY = re.compile(r"[ \t]*(\d{1,5})\.[ \t]+[a-zA-Z][\w+.-]*:\S+[ \t]*")
_SUBHEADING = re.compile(r"[ \t]*(?:Visible|Hidden) links:?[ \t]*")
#: a link number in the text, as lynx writes it before the link's words
_MARK = re.compile(r"\[(\d{1,5})\]")


def _listed(tail: str) -> set[int] | None:
    """The numbers of a reference list that runs to the page's end, else None."""
    numbers: set[int] = set()
    for row in tail.splitlines():
        if not row.strip() or _SUBHEADING.fullmatch(row):
            continue
        entry = _ENTRY.fullmatch(row)
        if entry is None:
            return None
        numbers.add(int(entry[1]))
    return numbers or None


def without_link_numbers(text: str) -> str:
    """``text`` without the "[N]" marks of a ``lynx -dump``'s links (the list kept: it is the
    page's furniture, read as boilerplate)."""
    if "References" not in text:
        return text
    # the last one: an article may have a "References" heading of its own
    heading = max(_HEADING.finditer(text), key=lambda m: m.start(), default=None)
    if heading is None:
        return text
    numbers = _listed(text[heading.end():])
    if numbers is None:
        return text
    body = _MARK.sub(lambda m: "" if int(m[1]) in numbers else m[0], text[:heading.start()])
    return body + text[heading.start():]


__all__ = ["without_link_numbers"]
