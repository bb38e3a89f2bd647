"""JSON Feed (https://jsonfeed.org, versions 1 and 1.1): each item read as an RSS item is.

A JSON Feed is what many blogs, newsletters and small outlets publish beside (or instead of)
RSS. Read as a JSON document of records it was one rejection, "holds lists of objects
('items') but no news record", every item lost under a reason naming no fault of the feed
(helper NW, round ten). Its items are mapped to the fields feedparser gives an RSS item, so
links, dates, attachments, the item cap and ``--follow-links`` follow the feed rules.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Any

from parallax.errors import Code
from parallax.ingest import feed
from parallax.ingest.jsonl import json_document
from parallax.ingest.url import is_url
from parallax.records import RawDocument, Rejection
from parallax.settings import Config

#: the ``version`` every JSON Feed states (``https://jsonfeed.org/version/1.1``)
_VERSION = "jsonfeed.org/version/"


def json_feed(text: str) -> dict[str, Any] | None:
    """The feed object when ``text`` is a JSON Feed, else None (a cheap test first: most JSON
    documents are records). The test looks for the host alone: PHP's ``json_encode`` and
    other encoders write "/" as "\\/", so the raw text may not hold ``_VERSION``."""
    if "jsonfeed.org" not in text:
        return None
    value = json_document(text)
    if not isinstance(value, dict) or not isinstance(value.get("items"), list):
        return None
    version = value.get("version")
    return value if isinstance(version, str) and _VERSION in version else None


def read_json_feed(value: dict[str, Any], *, uri: str, given: str, config: Config,
                   fetched_at: str) -> Iterator[RawDocument | Rejection]:
    entries = [_entry(item) for item in value["items"] if isinstance(item, dict)]
    if not entries:
        yield Rejection(given, "feed has no items", Code.PARSE.value)
        return
    home = _address(value.get("home_page_url")) or _address(value.get("feed_url"))
    yield from feed.read_entries(
        entries, outlet=feed.feed_outlet(value.get("title")), base=feed.link_base(uri, home),
        uri=uri, given=given, config=config, fetched_at=fetched_at, first=0)


def _address(value: object) -> str | None:
    return value if isinstance(value, str) and is_url(value) else None


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


_BLANK_LINE = re.compile(r"\n\s*\n")


def _as_html(text: str) -> str:
    """``content_text`` is plain text: its paragraphs (blank lines between) as HTML ones, each
    escaped (a "<" in it is a character, not a tag)."""
    return "".join("<p>" + html.escape(part.strip()).replace("\n", "<br>") + "</p>"
                   for part in _BLANK_LINE.split(text) if part.strip())


def _entry(item: dict[str, Any]) -> dict[str, Any]:
    """The item as feedparser's fields. Authors: 1.1's ``authors`` list, 1.0's ``author``."""
    body = _text(item.get("content_html")) or _as_html(_text(item.get("content_text")))
    authors = item.get("authors")
    first = authors[0] if isinstance(authors, list) and authors else item.get("author")
    attached = item.get("attachments")  # a list of objects; anything else names no file
    files = [f for f in attached if isinstance(f, dict)] if isinstance(attached, list) else []
    return {
        "title": _text(item.get("title")),
        "link": _text(item.get("url")) or _text(item.get("external_url")),
        "content": [{"value": body}] if body else [],
        "summary": html.escape(_text(item.get("summary"))),
        "published": _text(item.get("date_published")) or None,
        "updated": _text(item.get("date_modified")) or None,
        "author": _text(first.get("name")) if isinstance(first, dict) else None,
        "enclosures": [{"type": f.get("mime_type"), "href": f.get("url")} for f in files],
    }


__all__ = ["json_feed", "read_json_feed"]
