"""A Markdown note's YAML front matter read as the article's own fields.

Saving articles as Markdown with a web clipper (Obsidian's, MarkDownload) or keeping posts for
Jekyll, Hugo or pandoc puts the article's fields above its text between ``---`` lines
("title: …", "source: https://…", "author: …", "published: 2026-11-03"). Read as a dump, the
title was ``title: "…"`` and the fields opened the article's text, while its last paragraph
went to boilerplate (helper NW, round ten). The block is taken off: its title becomes the
note's ``# heading`` (the Markdown shape the dump reader knows), and its address, author,
date and site are the article's. Only a block that opens the text, closes within
``MAX_LINES`` lines, holds nothing but ``key: value`` lines (and their lists) and names a
title or two known fields is read so; no YAML library: the few fields are plain.
"""

from __future__ import annotations

import re

from parallax.ingest.instants import stated_iso
from parallax.ingest.url import is_url

MAX_LINES = 80
#: (matched against a row without its trailing space: a lazy value before "[ \t]*" was
#: quadratic in a long row of spaces)
_KEY = re.compile(r"([A-Za-z_][\w-]{0,40})[ \t]*:(?:[ \t]+(.*))?")
_ITEM = re.compile(r"[ \t]*-[ \t]+(.*)")
_FIELDS = {
    "title": ("title", "headline"),
    "url": ("source", "url", "link", "canonical", "canonical_url", "original_url", "permalink"),
    "author": ("author", "authors", "byline", "creator"),
    "published": ("published", "date", "pubdate", "publish_date", "date_published",
                  "published_at"),
    "outlet": ("site", "site_name", "sitename", "publisher", "publication"),
}


def _plain(value: str) -> str:
    """A value as written, its quotes and a wiki link's brackets ("[[Ann Lee]]") left out."""
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        value = value[1:-1]
    return " ".join(value.replace("[[", "").replace("]]", "").split())


def _block(rows: list[str]) -> tuple[dict[str, list[str]], int] | None:
    """The block's values by lower-case key and the index of its closing line, or None."""
    if not rows or rows[0].strip() != "---":
        return None
    values: dict[str, list[str]] = {}
    key = None
    for i, row in enumerate(rows[1:MAX_LINES + 1], start=1):
        row = row.rstrip()
        if row.strip() in ("---", "..."):
            return (values, i) if values else None
        if not row.strip() or row.lstrip().startswith("#"):
            continue
        if (item := _ITEM.fullmatch(row)) is not None and key is not None:
            values[key].append(_plain(item[1]))
        elif (field := _KEY.fullmatch(row)) is not None:
            key = field[1].lower()
            values[key] = [_plain(field[2])] if field[2] else []
        elif row[:1] in " \t" and key is not None:  # a folded value's next line
            values[key].append(_plain(row))
        else:
            return None
    return None


def _first(values: dict[str, list[str]], names: tuple[str, ...]) -> str | None:
    for name in names:
        found = [v for v in values.get(name, []) if v]
        if found:
            return found[0][:300]
    return None


def split_front_matter(text: str) -> tuple[str, dict[str, object]]:
    """The text with its front matter replaced by its title as a ``#`` heading, and the
    fields it states (``title``, ``url``, ``author``, ``published_text``, ``published_iso``,
    ``outlet``); the text unchanged and no fields when it has none."""
    rows = text.lstrip("\ufeff").split("\n", MAX_LINES + 2)
    found = _block([r.rstrip("\r") for r in rows])
    if found is None:
        return text, {}
    values, end = found
    stated = {field: _first(values, names) for field, names in _FIELDS.items()}
    if not stated["title"] and sum(v is not None for v in stated.values()) < 2:
        return text, {}
    fields: dict[str, object] = {}
    if stated["url"] and is_url(stated["url"]):
        fields["url"] = stated["url"]
    if stated["author"]:
        fields["stated_author"] = stated["author"]
    if stated["outlet"]:
        fields["outlet"] = stated["outlet"]
    if stated["published"] and (iso := stated_iso(stated["published"])):
        fields["published_text"], fields["published_iso"] = stated["published"], iso
    body = "\n".join(rows[end + 1:]).lstrip("\r\n")
    if stated["title"]:
        body = f"# {stated['title']}\n\n{body}"
    return body, fields


def with_front_matter(text: str, metadata: dict[str, object] | None
                      ) -> tuple[str, dict[str, object] | None]:
    """The text without its front matter and the metadata with its fields; what the input
    already knows (the address it was fetched from) wins. A note's address is where it was
    clipped from, earlier: a relative time in it is not read against the ingest's clock."""
    body, stated = split_front_matter(text)
    if body is text:  # (no front matter; a title alone is one: it is the heading now)
        return text, metadata
    known = dict(metadata or {})
    if "url" in stated and "url" not in known:
        stated["saved_from"] = True
    return body, {**stated, **known}


__all__ = ["split_front_matter", "with_front_matter"]
