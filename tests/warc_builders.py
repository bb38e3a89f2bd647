"""Made-up WARC archives for the tests: one writer that the test files share (as they share
``tests/requirements.py``), instead of a copy of the same warcio calls in each. A test that
needs a deliberately broken archive (a cut header, a wrong Content-Length, empty gzip members)
builds a whole one here and breaks it itself, so what is odd about it stays in the test."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import NamedTuple


class Record(NamedTuple):
    """One archived record. A ``response`` carries HTTP headers (its status, its Content-Type
    unless that is None, and ``headers``); a ``resource`` (a folder archived without HTTP, as
    warcit writes, or a crawler's own files) has none: its type is the WARC's own."""

    uri: str
    body: bytes
    content_type: str | None = "text/html"
    status: str = "200 OK"
    headers: tuple[tuple[str, str], ...] = ()
    kind: str = "response"


def warc_bytes(records: Iterable[Record], *, gzip: bool = True) -> bytes:
    """The archive's bytes: one gzip member a record when ``gzip`` (as WARC tools write them),
    else plain records one after the other."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    for record in records:
        if record.kind == "resource":
            writer.write_record(writer.create_warc_record(
                record.uri, "resource", payload=io.BytesIO(record.body),
                warc_content_type=record.content_type))
            continue
        typed = [("Content-Type", record.content_type)] if record.content_type else []
        headers = StatusAndHeaders(record.status, [*typed, *record.headers],
                                   protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            record.uri, record.kind, payload=io.BytesIO(record.body), http_headers=headers))
    return buffer.getvalue()
