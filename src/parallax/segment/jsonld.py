"""An article read from a page's JSON-LD ``articleBody`` keeps its paragraphs.

A page whose article is rendered by a script (an app shell: ``<div id="root">`` and the
article only in its ``<script type="application/ld+json">``, as many news sites serve it to
``curl`` or a saved copy) is read by trafilatura's fallback from ``articleBody``, which joins
the body's lines with spaces: the article was one paragraph of 3,000 words, so paragraph-based
readings (techniques by paragraph, the shown text, quotes running across paragraphs) saw none
of its structure (helper NW, round ten). When the extracted article is one paragraph that is
exactly such a body with its line breaks made spaces, the body's own paragraphs are kept.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from typing import Any

_SCRIPT = re.compile(r"<script\b[^<>]{0,500}?application/ld\+json[^<>]{0,500}>", re.IGNORECASE)
_END = re.compile(r"</script\s*>", re.IGNORECASE)
_BREAKS = re.compile(r"\s*\n\s*")


def _bodies(node: Any, depth: int = 0) -> Iterator[str]:
    """Every ``articleBody`` string of a JSON-LD value (lists and ``@graph`` nodes included)."""
    if depth > 8:
        return
    for item in node if isinstance(node, list) else [node]:
        if not isinstance(item, dict):
            continue
        if isinstance(body := item.get("articleBody"), str):
            yield body
        for key in ("@graph", "mainEntity", "mainEntityOfPage"):
            if isinstance(item.get(key), list | dict):
                yield from _bodies(item[key], depth + 1)


def _scripts(page: str) -> Iterator[str]:
    """The JSON-LD scripts' texts. Each start tag's end is looked for once, from where the
    last one ended: a lazy ``(.*?)</script>`` ran to the page's end from every start tag
    when none closed (20,000 unclosed tags: minutes)."""
    at = 0
    while (start := _SCRIPT.search(page, at)) is not None:
        end = _END.search(page, start.end())
        if end is None:
            return
        yield page[start.end():end.start()]
        at = end.end()


def body_paragraphs(page: str, paragraphs: list[str]) -> list[str]:
    """``paragraphs``, or the JSON-LD body's own paragraphs when ``paragraphs`` is that body
    joined into one."""
    if len(paragraphs) != 1 or "articleBody" not in page:
        return paragraphs
    joined = " ".join(paragraphs[0].split())
    for found in _scripts(page):
        try:
            value = json.loads(found, strict=False)
        except (ValueError, RecursionError):
            continue
        for body in _bodies(value):
            parts = [" ".join(p.split()) for p in _BREAKS.split(html.unescape(body).strip())
                     if p.strip()]
            if len(parts) > 1 and " ".join(parts) == joined:
                return parts
    return paragraphs


__all__ = ["body_paragraphs"]
