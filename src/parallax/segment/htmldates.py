"""The article's date as an HTML page shows it: its first published-time meta or ``<time>``
attribute, the first ``<time>`` shown inside the article, else a dated byline or meta block
outside the reader comments.

Kept apart from ``htmlpage.py`` (which had reached 501 lines, thirty-first session); the date
readers read the parsed tree only, never trafilatura's answer, so they stand alone.
"""

from __future__ import annotations

import re

from lxml import etree

from parallax.segment.dates import date_alone, may_hold_date, parse_absolute
from parallax.segment.render import shown_text, spaced_text

# what the page's first shown date and its published time are read from: walks of the document
# that stop at the first hit, where an XPath ("//article//time | ...",
# '//*[@class][contains(@class, "meta") or ...]') collects every match of the whole page first
# (~0.1-0.5 ms a page each; the same first match, in document order)
_SHOWN_IN = ("article", "main", "header")


def first_published_iso(tree: etree._Element) -> str | None:
    """The first ``article:published_time`` meta's content, else the first ``<time>``'s
    ``datetime`` (what ``//meta[@property="article:published_time"]/@content`` and
    ``//time/@datetime`` give first)."""
    document = tree.getroottree()
    for meta in document.iter("meta"):
        if meta.get("property") == "article:published_time":
            content = meta.get("content")
            if content is not None:
                return content
    for node in document.iter("time"):
        value = node.get("datetime")
        if value is not None:
            return value
    return None


def shown_time(tree: etree._Element) -> str | None:
    """The text of the first ``<time>`` inside an article, main or header element that shows
    any (``//article//time | //main//time | //header//time``, empty ones skipped)."""
    for node in tree.getroottree().iter("time"):
        if next(node.iterancestors(*_SHOWN_IN), None) is not None:
            # its day, month, year and clock are often blocks of their own: read with the
            # blocks apart ("24 Jul 2026 9:44am", not "24Jul20269:44am"), the date alone
            text = date_alone(spaced_text(node))
            if text:
                return text
    return None


_DATED_CLASS = ("meta", "date", "byline")  # a byline or meta block's class words


def visible_date(tree: etree._Element, page_names: str | None = None) -> str | None:
    """A date shown in a byline/meta block ('Monday 9 March 2026') when there is no <time>:
    the first element, in document order, whose class holds "meta", "date" or "byline"
    ("dateline" holds "date") and whose text holds one, outside the reader comments (a
    comment's "comment-meta" line is its reader's name and time, not the article's); the date
    alone, without the name or label beside it. Where ``page_names`` (``htmlparts.names``)
    holds none of the words no class does: no walk (39 of the benchmark's 92 such pages)."""
    if page_names is not None and not any(word in page_names for word in _DATED_CLASS):
        return None
    for node in tree.getroottree().iter(etree.Element):
        marker = node.get("class")
        if marker is None or not ("meta" in marker or "date" in marker or "byline" in marker):
            continue
        text = shown_text(node)  # a script inside the byline is not its date
        if not may_hold_date(text) or _in_comments(node, marker):
            continue
        for part in re.split(r"\s[·|]\s", text):
            if parse_absolute(part) and len(part.split()) <= 8:
                return date_alone(part.strip())
    return None


# a class or id word naming a comment ("comment-meta", "commentlist", "date_comment"), not one
# naming the page's comment settings (a whole <html>'s flag "show_newcomments", "comments-open")
_COMMENT_NAME = re.compile(r"(?:^|[-_])comment(?!s?[-_](?:open|closed|enabled|disabled)$)")


def _in_comments(node: etree._Element, marker: str) -> bool:
    """Whether the element or one around it is named a comment (class or id)."""
    for item in (marker, *(f"{up.get('class', '')} {up.get('id', '')}"
                           for up in node.iterancestors())):
        if "omment" in item and any(_COMMENT_NAME.search(word)
                                    for word in item.lower().split()):
            return True
    return False
