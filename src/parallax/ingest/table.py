"""A spreadsheet export of articles (CSV or TSV): a header row naming the JSONL record's fields
(``title``, ``text`` or ``html``, ``url``, ``outlet``, ``published``, ``language``,
``author``), then one article a row.

Why: such a file was read as one text dump, so every row of many outlets became one untitled
"article" of comma-separated lines, analysed and grouped as one. Each row is now a record, as
a JSONL line is (``jsonl._records``: the same fields, checks and reasons), named
``FILE#row-N``; other columns are left out.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from parallax.errors import Code
from parallax.ingest.jsonl import _records
from parallax.records import RawDocument, Rejection
from parallax.settings import Config

#: the record fields a header may name (jsonl's), and those one of which it must name
FIELDS = frozenset(("title", "text", "html", "url", "outlet", "published", "language",
                    "author"))
BODY_FIELDS = ("text", "html")


def _header(text: str) -> tuple[str, list[str]] | None:
    """The delimiter and the header's column names, when the first line is such a header."""
    first = text.lstrip("\ufeff").split("\n", 1)[0].strip("\r")
    for delimiter in ("\t", ";", ","):
        names = [n.strip().strip('"').strip().lower() for n in first.split(delimiter)]
        known = [n for n in names if n in FIELDS]
        if len(names) >= 2 and any(n in BODY_FIELDS for n in names) and len(known) >= 2:
            return delimiter, names
    return None


def looks_like_table(text: str) -> bool:
    return _header(text) is not None


def read_table(text: str, *, uri: str, given: str,
               config: Config) -> Iterator[RawDocument | Rejection]:
    found = _header(text)
    if found is None:
        yield Rejection(given, "a CSV/TSV file without a header row naming a 'text' or 'html' "
                        "column and another record field (title, url, outlet, published, "
                        "language, author): add one, or save the rows as JSONL",
                        Code.PARSE.value)
        return
    delimiter, _ = found
    limit = int(config["max_input_bytes"])
    csv.field_size_limit(max(csv.field_size_limit(), limit))  # an article is over 128 KB
    # strict: the lenient default reads a quote left open as a field running on over the next
    # rows, which became one article's text without a word (twenty-seventh session's review)
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""),
                            delimiter=delimiter, strict=True)
    reader.fieldnames = [n.strip().lower() for n in reader.fieldnames or []]

    def rows() -> Iterator[bytes]:
        for row in reader:
            record = {k: (v if v != "" else None) for k, v in row.items()
                      if k in FIELDS and isinstance(v, str)}
            yield json.dumps(record).encode()

    try:
        yield from _records(rows(), uri=uri, given=given, config=config, unit="row")
    except csv.Error as exc:  # a NUL, or a quote left open to the end
        yield Rejection(given, f"the table cannot be read after row {reader.line_num}: {exc}; "
                        "rows before it were read", Code.PARSE.value)


__all__ = ["looks_like_table", "read_table"]
