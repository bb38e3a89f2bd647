"""A new user's session, round four (docs/robustness.md, twenty-seventh session, helper N3): what
the twenty-sixth session left (feed links past the web job's address cap, WARC headers cut
short, empty archives, batch's exit code, a plural) and the README's paths walked again. Each
test here failed before its fix. All inputs are made up here."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

from parallax.ingest import read_inputs
from parallax.records import RawDocument, Rejection
from parallax.settings import Config

BODY = ("The ferry company of Port Ellery added two evening sailings on Monday after crews "
        "ended their strike. Passengers had waited for hours on the quay since Friday. ")


def _warc(pages: int) -> bytes:
    """An uncompressed WARC of ``pages`` made-up HTML responses."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    for n in range(pages):
        body = (f"<html><body><article><h1>Quay works, part {n}</h1><p>{BODY * 4}</p>"
                "</article></body></html>").encode()
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")],
                                   protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            f"https://coast.example/quay-{n}", "response", payload=io.BytesIO(body),
            http_headers=headers))
    return buffer.getvalue()


def test_a_warc_cut_inside_a_record_header_says_so_not_attribute_error(tmp_path: Path) -> None:
    """Cut after a record's ``WARC-Type`` but before its ``WARC-Target-URI``, warcio raised
    ``AttributeError: 'NoneType' object has no attribute 'startswith'``, and that was the
    reason the user read. The record before the cut is kept."""
    data = _warc(2)
    second = data.index(b"WARC/1.0", 10)
    for name, cut in (("first.warc", data[:40]), ("second.warc", data[:second + 40]),
                      ("second.warc.gz", gzip.compress(data[:second + 40]))):
        path = tmp_path / name
        path.write_bytes(cut)
        items = list(read_inputs([str(path)], Config()))
        rejected = [i for i in items if isinstance(i, Rejection)]
        assert len(rejected) == 1, items
        reason = rejected[0].reason
        assert "Error" not in reason and "NoneType" not in reason, reason
        assert "lacks WARC-Target-URI (cut off mid-header?)" in reason, reason
        kept = [i.uri for i in items if isinstance(i, RawDocument)]
        assert kept == ([] if name == "first.warc" else ["https://coast.example/quay-0"])
        assert ("after 0 records (0 documents kept)" if name == "first.warc"
                else "after 1 record (1 document kept)") in reason, reason


def test_an_empty_warc_is_empty_input_not_an_archive_without_pages(tmp_path: Path) -> None:
    """An empty ``.warc.gz`` (a download that wrote nothing) said "WARC archive holds no HTML
    or text response records" (E009), as if it had held records of other kinds."""
    for name, data in (("none.warc.gz", b""), ("none.warc", b""),
                       ("zipped-nothing.warc.gz", gzip.compress(b"")),
                       ("blank.warc", b"\r\n\r\n")):
        path = tmp_path / name
        path.write_bytes(data)
        (item,) = list(read_inputs([str(path)], Config()))
        assert isinstance(item, Rejection) and item.code == "E002", (name, item)
        assert item.reason.startswith("empty input"), item.reason
    # an archive of records that are no pages keeps its own reason
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    writer.write_record(writer.create_warcinfo_record("crawl.warc.gz", {"software": "made up"}))
    path = tmp_path / "info-only.warc.gz"
    path.write_bytes(buffer.getvalue())
    (item,) = list(read_inputs([str(path)], Config()))
    assert isinstance(item, Rejection) and item.code == "E009"
    assert "holds no HTML or text response records" in item.reason
