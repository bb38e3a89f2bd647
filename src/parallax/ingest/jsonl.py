"""JSONL records: one article per line with ``url``, ``title``, ``text`` or ``html``,
``outlet``, ``published`` (and optional ``language``, ``author``). ``published`` may be a
string or a Unix time; markup in ``title``, ``outlet`` or ``author`` is read as its text.

The file is streamed line by line, so a large export never sits in memory whole; a bad line is
reported with its line number and the rest of the file is still read. A line is read with the
size cap enforced while reading (a file that is one endless line never fills memory); nesting
deeper than Python's parser can follow and fields of the wrong type are reasons, not crashes.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import io
import json
import re
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO, cast

from parallax.errors import Code, InputRejected
from parallax.ingest import chat, telegramhtml
from parallax.ingest.decode import fit_html_blocks
from parallax.ingest.instants import is_number, stated_iso, unix_time
from parallax.records import RawDocument, Rejection
from parallax.segment.dates import from_url
from parallax.segment.render import markup_text
from parallax.settings import Config

Item = RawDocument | Rejection


STRING_FIELDS = ("url", "title", "outlet", "author", "language", "published")
NAME_FIELDS = ("title", "outlet", "author")
class _Marker(bytes):
    pass


#: marks a line over the cap (its bytes are skipped, not kept). Its own object: it was b"",
#: which CPython keeps once, so every blank line of JSONL read from a pipe or an address
#: (split lines keep no line end) was "over the 20 MB limit"
TOO_LONG = _Marker()


def read_jsonl(path: Path, config: Config, *, given: str, data: bytes | None = None,
               gzipped: bool | None = None) -> Iterator[Item]:
    """``data``: the file's bytes when already read (from a pipe), else streamed from disk. A
    ``.jsonl.gz`` is read through gzip (research exports come so; it was refused whole): a
    stream cut off keeps the records before the cut and says so (helper N5). ``gzipped``:
    known from the bytes where there is no name (standard input), else from the suffix."""
    limit = int(config["max_input_bytes"])
    read = 0
    if gzipped is None:
        gzipped = path.name.lower().endswith(".gz")
    try:
        with (io.BytesIO(data) if data is not None else path.open("rb")) as raw, \
                (gzip.open(raw) if gzipped else contextlib.nullcontext(raw)) as handle:
            for item in _records(_capped_lines(handle, limit), uri=str(path), given=given,
                                 config=config):
                read += 1
                yield item
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        yield Rejection(given, f"the gzip stream is cut off or damaged after {read:,} records "
                        f"({exc}); those were read, the rest is lost: fetch the file again",
                        Code.PARSE.value)
    except OSError as exc:
        yield Rejection(given, f"cannot read file: {exc.strerror or exc}", Code.NOT_FOUND.value)


def _capped_lines(handle: io.BufferedIOBase | io.BytesIO, limit: int) -> Iterator[bytes]:
    """Lines of at most ``limit`` bytes; a longer one is skipped to its end and given as
    TOO_LONG, so one huge line costs no more memory than the cap."""
    if (wide := _wide_encoding(handle)) is not None:
        yield from _wide_lines(handle, wide, limit)
        return
    while True:
        line = handle.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield TOO_LONG
            continue
        yield line


def _wide_encoding(handle: io.BufferedIOBase | io.BytesIO) -> str | None:
    """UTF-16 or UTF-32 by the stream's first bytes (a byte-order mark, or the NULs of
    ASCII "{" and '"'): what PowerShell's "> export.jsonl" writes. Split at the byte 0x0A,
    every line after the first began with the NUL of the one before: each record was "not
    valid JSON: 'utf-16-be' codec can't decode …" and a phantom last line was one more
    (helper NW)."""
    if isinstance(handle, io.BytesIO):
        with handle.getbuffer() as view:
            head = bytes(view[handle.tell():handle.tell() + 4])
    else:
        head = getattr(handle, "peek", lambda _: b"")(4)[:4]
    if head.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "utf-32"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if len(head) == 4 and head[0] and not head[1] and head[2] and not head[3]:
        return "utf-16-le"
    if len(head) == 4 and not head[0] and head[1] and not head[2] and head[3]:
        return "utf-16-be"
    return None


def _wide_lines(handle: io.BufferedIOBase | io.BytesIO, encoding: str, limit: int
                ) -> Iterator[bytes]:
    """The lines of a UTF-16 or UTF-32 stream as UTF-8 (what ``_records`` reads), capped at
    ``limit`` characters as ``_capped_lines`` caps bytes."""
    text = io.TextIOWrapper(cast(BinaryIO, handle), encoding=encoding, errors="replace",
                            newline="")
    try:
        while line := text.readline(limit + 1):
            if len(line) > limit and not line.endswith("\n"):
                while (rest := text.readline(1 << 20)) and not rest.endswith("\n"):
                    pass
                yield TOO_LONG
                continue
            yield line.encode("utf-8", "surrogatepass")
    finally:
        text.detach()  # the caller's ``with`` closes the stream


def read_jsonl_text(text: str, *, uri: str, given: str, config: Config) -> Iterator[Item]:
    yield from _records((ln.encode() for ln in text.splitlines()), uri=uri, given=given,
                        config=config)


def _records(lines: Iterator[bytes], *, uri: str, given: str, config: Config,
             unit: str = "line") -> Iterator[Item]:
    """``unit``: what a record is called in labels and reasons ("line" of JSONL, "record" of
    a JSON document's list)."""
    limit = int(config["max_input_bytes"])
    fetched_at = datetime.now(UTC).replace(microsecond=0).isoformat()
    seen = 0
    for number, raw in enumerate(lines, start=1):
        item = f"{given}#{unit}-{number}"
        if raw is TOO_LONG or len(raw) > limit:
            seen += 1
            yield Rejection(item, f"{unit} {number} is over the {limit / 1e6:.0f} MB limit "
                            "(setting max_input_bytes)", Code.TOO_LARGE.value)
            continue
        if not raw.strip():
            continue
        seen += 1
        try:
            # without its line end, a cut-off line reads "unterminated string", not "invalid
            # control character"
            record = json.loads(raw.rstrip(b"\r\n"))
        except ValueError as exc:  # a decode error, or a number of over 4,300 digits
            yield Rejection(item, f"{unit} {number} is not valid JSON: {str(exc)[:200]}",
                            Code.PARSE.value)
            continue
        except RecursionError:
            yield Rejection(item, f"{unit} {number} nests objects or lists too deeply to read; "
                            "a news record needs one flat object", Code.PARSE.value)
            continue
        if not isinstance(record, dict):
            hint = " (a list of records: put each object on its own line)" if isinstance(
                record, list) and record and all(isinstance(r, dict) for r in record) else ""
            yield Rejection(item, f"{unit} {number} is {_json_type(record)}, not a JSON object: "
                            'JSONL holds one record per line, {"text": …, "title": …}' + hint,
                            Code.PARSE.value)
            continue
        if unit == "line" and chat.telegram_messages(record):  # an export written on one line
            yield from _telegram(record, uri=uri, given=given, config=config)
            continue
        _exported_forms(record)
        problem = _field_problem(record)
        if problem:
            yield Rejection(item, f"{unit} {number}: {problem}", Code.PARSE.value)
            continue
        _whole_characters(record)
        # the first field that holds words: an exporter that writes "text": " " beside a
        # full "html" was rejected as having neither
        field = next((key for key in ("text", "html")
                      if isinstance(record.get(key), str) and record[key].strip()), None)
        if field is None:
            yield Rejection(item, f"{unit} {number} has neither 'text' nor 'html'",
                            Code.NO_ARTICLE.value)
            continue
        body = record[field]
        if field == "text" and _MARKUP_START.match(body) and "</" in body:
            field = "html"  # a page's HTML in "text": its tags were the article's words
        if field == "html":  # as a page file is: libxml2 drops what follows a 10 MB block
            try:
                body = fit_html_blocks(body)
            except InputRejected as exc:
                yield Rejection(item, f"{unit} {number}: {exc.reason}", exc.code.value)
                continue
        published_text, published = unix_time(record.get("published"))
        if published is None:
            # ISO only when the text is a date: "4 hours ago" in a file says no day (it was the
            # record's iso as given before, which is not a date)
            published = stated_iso(published_text)
        for key in NAME_FIELDS:
            record[key] = plain_name(record.get(key))
        if not (published_text and published_text.strip()):
            # a scraper's record with no date but a dated address (/2019/03/14/): the
            # address's day, marked as such; a stated date, even one not read, is never replaced
            dated = from_url(record.get("url"))
            published_text, published = (dated.text, dated.iso) if dated else (None, None)
        metadata = {
            "title": str(record.get("title") or ""),
            "outlet": record.get("outlet"),
            "url": record.get("url"),
            "author": record.get("author"),
            "language": record.get("language"),
            "published_text": published_text,
            "published_iso": published,
            "format": field,
        }
        yield RawDocument(
            uri=f"{uri}#{unit}-{number}", kind="record", text=body, fetched_at=fetched_at,
            sha256=hashlib.sha256(raw.strip()).hexdigest(), metadata=metadata, input=item,
        )
    if seen == 0:
        yield Rejection(given, "JSONL file has no records" if unit == "line" else
                        "JSON document has no records", Code.EMPTY.value)


def json_document(text: str) -> object:
    """The value of a text that is one JSON document, else None."""
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def read_json_text(text: str, *, uri: str, given: str, config: Config) -> Iterator[Item]:
    """A JSON document of records, as exporters write them: a list of objects, or one object
    over many lines. Read as a text dump, it was stored as an article made of JSON source
    ('"text": "…'), untitled; now each object is a record, as a JSONL line is."""
    value = json_document(text)
    if chat.telegram_messages(value):  # one "record" refused for a missing field
        yield from _telegram(value, uri=uri, given=given, config=config)
        return
    if count := chat.slack_messages(value):  # each message was an untitled "article"
        yield Rejection(given, chat.slack_refusal(count), Code.UNSUPPORTED.value)
        return
    records = [value] if isinstance(value, dict) else value
    if isinstance(value, dict) and (wrapped := _wrapped_lists(value)):
        records = [r for key in wrapped if _holds_records(value[key]) for r in value[key]]
        if not records:
            named = ", ".join(f"'{key}'" for key in wrapped)
            first = next(r for r in value[wrapped[0]] if isinstance(r, dict))
            fields = ", ".join(list(first)[:8]) + (", …" if len(first) > 8 else "")
            yield Rejection(given, f"this JSON object holds lists of objects ({named}) but no "
                            f"news record: none has a 'text' or 'html' field (the first "
                            f"has {fields or 'no field'}); give "
                            '{"text": …, "title": …} objects, in a list or one per line (JSONL)',
                            Code.NO_ARTICLE.value)
            return
    if not isinstance(records, list) or (records and not any(isinstance(r, dict)
                                                             for r in records)):
        what = _json_type(value)
        if isinstance(value, list):
            what = f"a list of {_json_type(value[0]).split(' ')[-1]} items"
        yield Rejection(given, f"this JSON document is {what}, not news records: give "
                        '{"text": …, "title": …} objects, in a list or one per line (JSONL)',
                        Code.PARSE.value)
        return
    lines = (json.dumps(record).encode() for record in records)
    yield from _records(lines, uri=uri, given=given, config=config, unit="record")


#: a record's "text" that opens with a tag: an exporter that wrote the page's HTML there
#: (prose that shows a tag among its words does not open with one)
_MARKUP_START = re.compile(r"\s*(?:<!doctype html|<(?:html|head|body|article|section|main|div|"
                           r"p|h[1-6]|ul|ol|li|table|blockquote|figure|span|a|b|i|em|strong|"
                           r"br|img)\b[^<>]*>)", re.IGNORECASE)


def _wrapped_lists(value: dict[str, object]) -> list[str]:
    """The fields holding lists of objects of an object that is no record itself: exporters
    wrap their records ({"status": "ok", "articles": […]}, {"data": […], "meta": …}), and
    the whole file was one rejection, "record 1 has neither 'text' nor 'html'" (helper NW)."""
    if any(key in value for key in ("text", "html")):
        return []
    return [key for key, field in value.items()
            if isinstance(field, list) and any(isinstance(r, dict) for r in field)]


def _holds_records(field: object) -> bool:
    return isinstance(field, list) and any(
        isinstance(r, dict) and any(isinstance(r.get(k), str) for k in ("text", "html"))
        for r in field)


def _telegram(value: object, *, uri: str, given: str, config: Config) -> Iterator[Item]:
    """A Telegram export: a channel's posts as records, numbered as the export lists them
    (``chat.channel_records``); a group's or a person's chat refused."""
    posts = chat.channel_records(value)
    if posts is None:
        yield Rejection(given, chat.telegram_refusal(chat.telegram_messages(value)),
                        Code.UNSUPPORTED.value)
        return
    yield from _records((json.dumps(p).encode() for p in posts), uri=uri, given=given,
                        config=config, unit="post")


def read_channel_page(text: str, *, uri: str, given: str, config: Config) -> Iterator[Item]:
    """A Telegram export in HTML (``telegramhtml.py``): a channel's posts read as the JSON
    export's are, ``FILE#post-N``; a group's or a person's chat refused."""
    _, records, count = telegramhtml.posts(text)
    if records is None:
        yield Rejection(given, chat.telegram_refusal(count), Code.UNSUPPORTED.value)
        return
    yield from _records((json.dumps(r).encode() for r in records), uri=uri, given=given,
                        config=config, unit="post")


def plain_name(value: object) -> object:
    """A name a scraper left markup in ("<b>Coastal</b> Wire") reads as its text: shown as
    written it is markup nobody saw on the site (a script's content dropped with it). Feed
    titles too: RSS allows HTML in a CDATA title, and readers render it. Read as HTML pages'
    fields are (``markup_text``): its twin here kept entity-encoded markup as written.
    Whitespace runs are one space and a blank name is none: an outlet "   " was a column
    without a name, and "Coast\\nPost" an outlet apart from "Coast Post"."""
    if not isinstance(value, str):
        return value
    text = markup_text(value)  # None for markup without words ("<b></b>")
    return " ".join(text.split()) or None if text else None


#: half of a UTF-16 pair: JSON may escape one alone ("\ud800"), and Python reads it as a
#: character no encoding can write
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _whole_characters(record: dict[str, object]) -> None:
    """Each lone surrogate of the record's strings becomes U+FFFD, as a decoder reads a bad
    byte: it ended the record as "could not segment the page: UnicodeEncodeError", with a
    traceback. (A whole pair, "\ud83d\ude00", is one character already.)"""
    for key, value in record.items():
        if isinstance(value, str) and _LONE_SURROGATE.search(value):
            record[key] = _LONE_SURROGATE.sub("\ufffd", value)


def _exported_forms(record: dict[str, object]) -> None:
    """Two forms exporters write, read as the fields they stand for (helper NW): a MongoDB
    date ({"$date": "2026-11-03T10:00:00Z"}, or milliseconds, also as {"$numberLong": …}:
    what mongoexport writes on every record, each rejected "must be a string") and a text or
    HTML kept as a list of its paragraphs' strings (joined as paragraphs)."""
    published = record.get("published")
    if isinstance(published, dict) and list(published) == ["$date"]:
        value = published["$date"]
        if isinstance(value, dict) and list(value) == ["$numberLong"]:
            value = value["$numberLong"]
        # digits as Unix time only where ``int`` reads them: ASCII ("²" is a digit to
        # ``isdigit``), and no more than a time holds (over 4,300 ``int`` refuses): its
        # ValueError rejected the whole file, every record lost (thirty-second review)
        if isinstance(value, str) and value.isascii() and value.lstrip("-").isdigit() \
                and len(value) <= 20:
            value = int(value)
        if isinstance(value, str) or is_number(value):
            record["published"] = value
    for key, between in (("text", "\n\n"), ("html", "\n")):
        parts = record.get(key)
        if isinstance(parts, list) and parts and all(isinstance(p, str) for p in parts):
            record[key] = between.join(parts)


def _field_problem(record: dict[str, object]) -> str | None:
    """Name the first field that is not a string (or null), so the exporter can be fixed."""
    for key in ("text", "html", *STRING_FIELDS):
        value = record.get(key)
        if key == "published" and is_number(value):
            continue  # Unix time
        if value is not None and not isinstance(value, str):
            return (f"field '{key}' must be a string or null, not "
                    f"{_json_type(value)}")
    return None


def _json_type(value: object) -> str:
    names = {dict: "an object", list: "a list", bool: "a boolean", int: "a number",
             float: "a number", str: "a string", type(None): "null"}
    return names.get(type(value), type(value).__name__)
