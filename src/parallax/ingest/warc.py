"""WARC archives (also Common Crawl CC-NEWS ``.warc.gz``), streamed record by record.

HTTP ``response`` records become documents (an HTML payload as a page, a ``text/plain`` one
as a text dump, one without a Content-Type by what it looks like), and so do ``resource``
records (a file archived without an HTTP exchange, as ``warcit`` writes a folder of pages), by
their record's Content-Type. A non-2xx response (an error page or a redirect) is rejected with
its status line, and so is a document of another type (a PDF, a Word file, JSON…) with its
type, so a user who archived a report learns it was not read; the parts a page is built from
(images, styles, scripts, fonts, media) are skipped without a word, as are request, metadata,
revisit and warcinfo records. The archive is never loaded whole.

warcio stops quietly at a cut-off gzip member and hands out the cut record's partial payload as
if whole, so every record is checked against its declared length: a record cut short is never
stored as a document, and the file gets a Rejection that says after how many records it ends;
every complete record before it is kept. One record that cannot be decoded is rejected on its
own and the next record is read.

A cut inside a gzip member's header or trailer leaves warcio nothing to complain about either,
so a ``.gz`` archive is also checked member by member with zlib after its records are read (one
more decompression pass; reading it costs far less than analysing its pages).

Known limit: an uncompressed archive cut exactly at a record boundary, or a ``.warc.gz`` cut
exactly between two gzip members, looks like a shorter, complete archive (WARC has no record
count to check against).
"""

from __future__ import annotations

import hashlib
import io
import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from parallax.errors import Code, InputRejected
from parallax.ingest.decode import decode_bytes, fit_html_blocks
from parallax.records import RawDocument, Rejection
from parallax.settings import Config
from parallax.textutil import counted

#: Content-Types of what a page is built from, not of a page: a crawl archives thousands of
#: them, and a rejection each would bury the real ones
PAGE_PARTS = ("image/", "audio/", "video/", "font/")
PAGE_PART_TYPES = {"text/css", "text/javascript", "application/javascript",
                   "application/x-javascript", "application/ecmascript", "application/wasm",
                   "application/font-woff", "application/font-woff2",
                   "application/vnd.ms-fontobject", "application/x-font-ttf"}


#: a crawl archives these once a host; as text dumps they were "no article found: the main
#: text has 0 characters", which reads as if the file were empty
SITE_FILES = frozenset(("/robots.txt", "/ads.txt", "/app-ads.txt", "/humans.txt",
                        "/security.txt", "/.well-known/security.txt"))


def _site_file(target: str) -> str | None:
    """The name of a file for crawlers the address names ("robots.txt"), or None. Why the
    guard: ``urlsplit`` raises on a malformed address ("http://[quill.example/…", made up),
    and a raise here ended the reading of the whole archive as "truncated or corrupt"."""
    try:
        path = urlsplit(target).path.lower()
    except ValueError:
        return None
    return path.lstrip("/") if path in SITE_FILES else None


def _sniffed(text: str) -> str:
    from parallax.ingest.sources import sniff_kind  # sources dispatches to this module

    return sniff_kind(text)


class Truncated(Exception):
    pass


MANDATORY = ("WARC-Type", "WARC-Record-ID", "WARC-Date", "Content-Length")


def _check_header(record: Any) -> None:
    """A header cut off mid-way still parses in warcio; the fields every WARC record must
    carry show it."""
    missing = [name for name in MANDATORY if not record.rec_headers.get_header(name)]
    if missing:
        raise Truncated(f"a record header lacks {', '.join(missing)} (cut off mid-header?)")


def _drain(record: Any) -> None:
    """Read what is left of a record; raise Truncated if it ends before its declared length."""
    stream = record.raw_stream
    while stream.read(1 << 16):
        pass
    if getattr(stream, "limit", 0) > 0:
        raise Truncated(f"the record for {record.rec_headers.get_header('WARC-Target-URI')} "
                        f"ends {stream.limit} bytes before its declared length")


class _Gunzipped(io.RawIOBase):
    """An archive gzipped whole, read as its plain bytes. Unlike ``gzip.GzipFile``, whose
    first read of a cut stream raised (warcio then saw no record at all, and the pages
    before the cut were lost), it hands on what decompresses and notes ``cut``."""

    def __init__(self, raw: Any) -> None:
        self.raw, self.cut = raw, False
        self.inflate = zlib.decompressobj(31)
        self.rest = self.fed = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self.rest and not self.cut:
            if self.inflate.eof:  # ``cat``-joined files: another gzip stream may follow
                self.fed = self.inflate.unused_data or self.raw.read(1 << 16)
                if not self.fed:
                    break  # the end, whole
                self.inflate = zlib.decompressobj(31)
            chunk = self.fed or self.inflate.unconsumed_tail or self.raw.read(1 << 16)
            self.fed = b""
            if not chunk:
                self.cut = True  # the stream ended inside the gzip data
                break
            try:
                self.rest = self.inflate.decompress(chunk, 1 << 16)
            except zlib.error:
                self.cut = True
        n = min(len(buffer), len(self.rest))
        buffer[:n] = self.rest[:n]
        self.rest = self.rest[n:]
        return n

    def close(self) -> None:
        self.raw.close()
        super().close()


def _check_gzip(stream: io.BufferedIOBase | io.BytesIO) -> None:
    """Raise Truncated unless the stream is whole gzip members, the last one complete."""
    inflate = zlib.decompressobj(31)
    started = False
    members = 0
    while chunk := stream.read(1 << 20):
        data = chunk
        while data:
            started = True
            try:
                inflate.decompress(data, 1 << 16)  # output discarded, and bounded
            except zlib.error as exc:
                raise Truncated(f"gzip member {members + 1} is corrupt: {exc}") from exc
            data = inflate.unconsumed_tail
            if inflate.eof:
                members += 1
                data = inflate.unused_data
                inflate, started = zlib.decompressobj(31), False
    if started:
        raise Truncated(f"gzip member {members + 1} is cut off")


#: what warcio says of a ``.warc.gz`` that is one gzip stream (``gzip crawl.warc``), not a
#: member a record: such a file is whole, and is read again through a gunzipping stream
_ONE_GZIP_STREAM = "non-chunked gzip"


def read_warc(path: Path, config: Config, *, given: str, data: bytes | None = None,
              _gunzip: bool = False, _skip: int = 0,
              _found: int = 0, _refused: int = 0) -> Iterator[RawDocument | Rejection]:
    """``data``: the archive's bytes when already read (from a pipe), else streamed from disk.
    ``_gunzip``: read an archive gzipped whole, leaving out the ``_skip`` records (``_found``
    of them documents, ``_refused`` rejected responses) already handed on."""
    from warcio.archiveiterator import ArchiveIterator

    limit = int(config["max_input_bytes"])
    found, records = _found, 0
    # responses rejected with their own reason: an archive of one such record said it twice,
    # the record's reason and "holds no HTML or text response records" (the review, R)
    refused = _refused
    pending: RawDocument | Rejection | None = None  # a record not known to end where it says
    iterator: Any = None
    errors = 0  # warcio's count of records not ending where their length says
    try:
        opened: Any = io.BytesIO(data) if data is not None else path.open("rb")
    except OSError as exc:  # as for any file; not "truncated or corrupt … fetch it again"
        yield Rejection(given, f"cannot read file: {exc.strerror or exc}", Code.NOT_FOUND.value)
        return
    if _gunzip:
        opened = _Gunzipped(opened)
    try:
        with opened as stream:
            iterator = ArchiveIterator(stream)
            iterator.INC_RECORD = ""  # its own stderr warning; the Rejection below says it
            reading = True  # inside warcio, which parses the next record's header
            for record in iterator:
                reading = False
                if records < _skip:
                    records += 1
                    _drain(record)
                    reading = True
                    continue
                if pending is not None:
                    item, pending = _ended(pending, iterator.err_count > errors), None
                    found += isinstance(item, RawDocument)
                    refused += isinstance(item, Rejection)
                    yield item
                records += 1
                errors = iterator.err_count
                _check_header(record)
                read = _document(record, given, path, limit)
                _drain(record)  # only a whole record is handed on
                pending = read
                reading = True
            reading = False
            if pending is not None:
                item, pending = _ended(pending, iterator.err_count > errors), None
                found += isinstance(item, RawDocument)
                refused += isinstance(item, Rejection)
                yield item
            # warcio stops quietly at a cut-off gzip member: compare where it stopped
            size = len(data) if data is not None else path.stat().st_size
            stopped = int(getattr(iterator, "offset", 0) or 0)
            if stopped and size - stopped > 4 and not _gunzip:
                raise Truncated(f"reading stopped at byte {stopped} of {size}")
            if _gunzip and stream.cut:  # warcio stops quietly where the stream is cut
                raise Truncated("the gzip stream is cut off or corrupt")
            if not _gunzip and stream.seek(0) == 0 and stream.read(2) == b"\x1f\x8b":
                stream.seek(0)
                _check_gzip(stream)
    except Exception as exc:  # Truncated, or one of warcio's several types for broken archives
        if pending is not None and iterator is not None:  # the last record read, if it ended
            item = _ended(pending, iterator.err_count > errors)
            found += isinstance(item, RawDocument)
            refused += isinstance(item, Rejection)
            yield item
        if _ONE_GZIP_STREAM in str(exc) and not _gunzip:
            yield from read_warc(path, config, given=given, data=data, _gunzip=True,
                                 _skip=records, _found=found, _refused=refused)
            return
        what = str(exc) if isinstance(exc, Truncated) else f"{type(exc).__name__}: {exc}"
        if found == 0 and records <= 1 and (empty := _empty(path, data)):
            yield Rejection(given, empty, Code.EMPTY.value)
            return
        if reading and isinstance(exc, AttributeError):
            # warcio reads a request or response record's address without checking it is
            # there: a header cut before it was "AttributeError: 'NoneType' object has …"
            what = "a record header lacks WARC-Target-URI (cut off mid-header?)"
        what = " ".join(what.split())  # warcio quotes the bad line with its line end
        yield Rejection(given, "WARC archive is truncated or corrupt after "
                        f"{counted(records, 'record')} ({counted(found, 'document')} kept): "
                        f"{what}; records after it are lost, fetch the file again",
                        Code.PARSE.value)
        return
    if records == 0:  # nothing at all, or an empty gzip stream
        yield Rejection(given, _empty(path, data) or "empty input: the archive holds no "
                        "records", Code.EMPTY.value)
        return
    if found == 0 and refused == 0:
        yield Rejection(given, "WARC archive holds no HTML or text response records",
                        Code.NO_ARTICLE.value)


def _empty(path: Path, data: bytes | None) -> str | None:
    """Why the archive is empty input, or None: no bytes, or (unzipped) only blank space. An
    empty download was "holds no HTML or text response records" (E009), as if it held other
    records, and one of blank lines "a record header lacks WARC-Type, …" (E008)."""
    try:
        raw = data if data is not None else \
            path.read_bytes() if path.stat().st_size <= _SMALL else None
    except OSError:
        return None
    if raw is None:
        return None
    if not raw:
        return "empty input: the file has no content"
    if raw[:2] == b"\x1f\x8b":
        unzipped = b""
        while raw:  # every member: an empty first one may be followed by records
            inflate = zlib.decompressobj(31)
            try:
                unzipped += inflate.decompress(raw, _SMALL - len(unzipped))
            except zlib.error:
                return None
            if inflate.unconsumed_tail or not inflate.eof or len(unzipped) >= _SMALL:
                return None
            raw = inflate.unused_data
        if not unzipped:
            return "empty input: the gzip stream holds nothing"
        raw = unzipped
    return None if raw.strip() else "empty input: the archive holds only blank space, no records"


#: an archive of at most this many bytes (and as many unzipped) is checked for being empty
_SMALL = 1 << 16


def _ended(item: RawDocument | Rejection, overran: bool) -> RawDocument | Rejection:
    """The record's item, or its Rejection when the bytes after its declared Content-Length
    were not the blank lines that end a record: the length is wrong, so the page was cut short
    (or runs into the next record), and warcio only printed a warning."""
    if not overran or isinstance(item, Rejection):
        return item
    return Rejection(item.input, "the record does not end where its Content-Length says "
                     "(a wrong length: its page would be cut short or run into the next "
                     "record), so it is not read", Code.PARSE.value)


#: a control byte no text page holds (ESC stays: ISO-2022-JP is written with it); compressed
#: bytes hold them nearly everywhere. Why: warcio reads a Content-Encoding it has no
#: decompressor for as no encoding, and the bytes under it are as often a page: a server that
#: writes its charset there ("utf-8"), or a crawler that stored the page decoded and kept the
#: header; those were read at 7810666 and are again (thirty-first session, helper R)
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def _undecodable_encoding(headers: Any) -> str | None:
    """A Content-Encoding the WARC reader has no decompressor for: a crawler that asked for
    brotli or zstd (as browsers do) archives the compressed bytes, which were read as a
    page's text and rejected as "binary data (contains NUL bytes)", or, short and NUL-free,
    stored as an article of noise (helper N8). The header is read whole, as warcio reads it
    ("x-gzip" or "gzip, br" is no decompressor of its own); ``identity`` and a wrong ``gzip``
    label (the reader falls back to the bytes) stay read."""
    from warcio.bufferedreaders import BufferedReader

    encoding = (headers.get_header("Content-Encoding") or "").strip().lower()
    if not encoding or encoding == "identity" \
            or encoding in BufferedReader.get_supported_decompressors():
        return None
    return encoding[:40]


def _document(record: Any, given: str, path: Path,
              limit: int) -> RawDocument | Rejection | None:
    """The record's page, a Rejection of this record alone, or None (not a document)."""
    target = record.rec_headers.get_header("WARC-Target-URI") or ""
    if record.rec_type == "resource":  # a file archived as it is, no HTTP exchange (warcit)
        if not target.lower().startswith(("http://", "https://")):
            return None  # the crawler's own files: wget ends every archive with its log
        headers, status = record.rec_headers, "200"
    elif record.rec_type == "response" and record.http_headers is not None:
        headers = record.http_headers
        status = headers.get_statuscode() or ""
    else:  # request, metadata, revisit (a copy of an earlier record), warcinfo
        return None
    ctype = (headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if ctype.startswith(PAGE_PARTS) or ctype in PAGE_PART_TYPES:
        return None
    item = f"{given}#{target}"
    if not status.startswith("2"):  # a 404 page is no article; a redirect holds no page
        where = record.http_headers.get_header("Location")
        return Rejection(item, f"the archived response is HTTP {record.http_headers.statusline}"
                         + (f", a redirect to {where[:200]}" if where else "")
                         + ": not a page to read", Code.FETCH.value)
    if site_file := _site_file(target):  # read as a dump: "0 characters" found
        return Rejection(item, f"the archived response is the site's {site_file} (a file for "
                         "crawlers, not a page)", Code.UNSUPPORTED.value)
    kind = "html" if "html" in ctype else "text" if ctype == "text/plain" else None
    if kind is None and ctype:
        return Rejection(item, f"the archived response is {ctype[:100]}, not a page: only "
                         "HTML and plain text are read from an archive (give a document of "
                         "this type as text)", Code.UNSUPPORTED.value)
    payload = record.content_stream().read(limit + 1)
    if len(payload) > limit:
        return Rejection(item, "record payload over the size limit (setting max_input_bytes)",
                         Code.TOO_LARGE.value)
    if getattr(record.raw_stream, "limit", 0) > 0 and not record.raw_stream.read(1):
        raise Truncated(f"the record for {target} is cut off")
    if (packed := _undecodable_encoding(headers)) is not None and _CONTROL.search(payload[:4096]):
        return Rejection(item, f"the archived response is compressed as {packed!r} "
                         "(Content-Encoding), which this installation cannot decompress (the "
                         "WARC reader reads 'br' only with the Python package brotli "
                         "installed): its bytes are no text", Code.ENCODING.value)
    try:
        text, encoding = decode_bytes(payload)
        kind = kind or _sniffed(text)
        if kind == "html":
            text = fit_html_blocks(text)
        elif kind != "text":
            return Rejection(item, f"the archived response has no Content-Type and reads as "
                             f"{kind}: only HTML and plain text are read from an archive",
                             Code.UNSUPPORTED.value)
    except InputRejected as exc:
        return Rejection(item, exc.reason, exc.code.value)
    except Exception as exc:  # one record's decoding must not drop the records after it
        return Rejection(item, f"could not decode this record: {type(exc).__name__}: {exc}",
                         Code.ENCODING.value)
    return RawDocument(
        uri=target or item, kind=kind, text=text,
        fetched_at=record.rec_headers.get_header("WARC-Date") or "",
        sha256=hashlib.sha256(payload).hexdigest(),
        metadata={"encoding": encoding, "url": target, "warc_file": str(path)}, input=item,
    )
