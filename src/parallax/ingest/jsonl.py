"""JSONL records: one article per line with ``url``, ``title``, ``text`` or ``html``,
``outlet``, ``published`` (and optional ``language``, ``author``).

The file is streamed line by line, so a large export never sits in memory whole; a bad line is
reported with its line number and the rest of the file is still read.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from parallax.errors import Code
from parallax.records import RawDocument, Rejection
from parallax.settings import Config

Item = RawDocument | Rejection


def read_jsonl(path: Path, config: Config, *, given: str) -> Iterator[Item]:
    try:
        with path.open("rb") as handle:
            lines = (raw for raw in handle)
            yield from _records(lines, uri=str(path), given=given, config=config)
    except OSError as exc:
        yield Rejection(given, f"cannot read file: {exc.strerror or exc}", Code.NOT_FOUND.value)


def read_jsonl_text(text: str, *, uri: str, given: str, config: Config) -> Iterator[Item]:
    yield from _records((ln.encode() for ln in text.splitlines()), uri=uri, given=given,
                        config=config)


def _records(lines: Iterator[bytes], *, uri: str, given: str, config: Config) -> Iterator[Item]:
    limit = int(config["max_input_bytes"])
    fetched_at = datetime.now(UTC).replace(microsecond=0).isoformat()
    seen = 0
    for number, raw in enumerate(lines, start=1):
        item = f"{given}#line-{number}"
        if not raw.strip():
            continue
        seen += 1
        if len(raw) > limit:
            yield Rejection(item, f"record is {len(raw)} bytes, over the limit "
                            "(setting max_input_bytes)", Code.TOO_LARGE.value)
            continue
        try:
            record = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            yield Rejection(item, f"line {number} is not valid JSON: {exc}", Code.PARSE.value)
            continue
        if not isinstance(record, dict):
            yield Rejection(item, f"line {number} is not a JSON object", Code.PARSE.value)
            continue
        body = record.get("text") or record.get("html")
        if not isinstance(body, str) or not body.strip():
            yield Rejection(item, f"line {number} has neither 'text' nor 'html'",
                            Code.NO_ARTICLE.value)
            continue
        published = record.get("published")
        metadata = {
            "title": str(record.get("title") or ""),
            "outlet": record.get("outlet"),
            "url": record.get("url"),
            "author": record.get("author"),
            "language": record.get("language"),
            "published_text": published,
            "published_iso": published,
            "format": "text" if record.get("text") else "html",
        }
        yield RawDocument(
            uri=f"{uri}#line-{number}", kind="record", text=body, fetched_at=fetched_at,
            sha256=hashlib.sha256(raw.strip()).hexdigest(), metadata=metadata, input=item,
        )
    if seen == 0:
        yield Rejection(given, "JSONL file has no records", Code.EMPTY.value)
