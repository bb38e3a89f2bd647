"""A new user's inputs, every format mixed in one folder (docs/robustness.md, twenty-fourth
session, helper N): each input must end stored or rejected with a reason. Each test here failed
before its fix. All inputs are made up here."""

from __future__ import annotations

import gzip
import os
from pathlib import Path
from typing import Any

import pytest

from parallax.ingest.sources import read_inputs
from parallax.records import RawDocument, Rejection
from parallax.settings import Config

BODY = ("The ferry company of Port Ellery added two evening sailings on Monday after crews "
        "ended their strike, the harbour office said. Passengers had waited for hours on the "
        "quay since Friday, and the town council asked the company for a timetable it keeps.")


def _read(*paths: Path) -> list[RawDocument | Rejection]:
    return list(read_inputs([str(p) for p in paths], Config()))


def test_a_folder_that_cannot_be_listed_is_reported(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """``os.walk`` passes over a folder it may not list: its files were lost without a word
    (the tests run as root, who may list anything, so the refusal is made up)."""
    (tmp_path / "open.txt").write_text(f"Sailings back\n\n{BODY}", encoding="utf-8")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "hidden.txt").write_text(f"Quay shut\n\n{BODY}", encoding="utf-8")
    listing = os.scandir

    def refuse(path: Any = ".") -> Any:
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return listing(path)

    monkeypatch.setattr(os, "scandir", refuse)
    items = _read(tmp_path)
    assert [type(i).__name__ for i in items] == ["RawDocument", "Rejection"]
    (refused,) = [i for i in items if isinstance(i, Rejection)]
    assert refused.input == str(tmp_path / "locked")
    assert "cannot list this folder: Permission denied" in refused.reason
    # the folder given itself: the refusal, not "directory contains no documents"
    (only,) = _read(tmp_path / "locked")
    assert isinstance(only, Rejection) and "cannot list this folder" in only.reason


def _page(title: str) -> bytes:
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"<p>{BODY}</p><p>{BODY}</p></article></body></html>").encode()


def _record(uri: str, body: bytes, *, length_off: int = 0) -> bytes:
    """One uncompressed WARC response record; ``length_off`` makes its Content-Length wrong
    (deliberately odd: the shared builder writes it whole, this test rewrites its length)."""
    from tests.warc_builders import Record, warc_bytes

    record = warc_bytes([Record(uri, body, "text/html; charset=utf-8")], gzip=False)
    start = record.index(b"Content-Length: ") + len(b"Content-Length: ")
    end = record.index(b"\r\n", start)
    return record[:start] + str(int(record[start:end]) + length_off).encode() + record[end:]


@pytest.mark.parametrize("compressed", [False, True])
def test_a_record_with_a_wrong_content_length_is_not_stored_cut(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], compressed: bool) -> None:
    """A length 60 bytes short handed out the page without its last paragraph's end as if
    whole (warcio only printed a warning on stderr): the cut page was stored."""
    records = [_record("https://quay.example/1", _page("Sailings back")),
               _record("https://quay.example/2", _page("Quay shut"), length_off=-60),
               _record("https://quay.example/3", _page("Fares frozen"))]
    path = tmp_path / ("crawl.warc.gz" if compressed else "crawl.warc")
    path.write_bytes(b"".join(gzip.compress(r) for r in records) if compressed
                     else b"".join(records))
    items = _read(path)
    assert [type(i).__name__ for i in items] == ["RawDocument", "Rejection", "RawDocument"]
    assert items[1].input == f"{path}#https://quay.example/2"
    assert "does not end where its Content-Length says" in items[1].reason
    assert "WARNING" not in capsys.readouterr().err


BUNDLE = "for(var i=0;i<9;i++){s+=i}" * 400_000  # 10.4 MB of a made-up inline script


@pytest.mark.parametrize("script", [BUNDLE, BUNDLE.replace("<", "!=")])
@pytest.mark.parametrize("archived", [False, True])
def test_a_page_with_a_ten_megabyte_script_keeps_its_article(tmp_path: Path, script: str,
                                                             archived: bool) -> None:
    """libxml2 holds a script's body as one text node and drops the page after one over 10 MB:
    a script holding "<" passed the block check and the page read as "no article found: 0
    characters"; one without "<" was refused as text to split into paragraphs."""
    from lxml import html as lxml_html

    page = _page("Sailings back").replace(b"</head>", f"<script>{script}</script></head>".encode())
    if archived:
        path = tmp_path / "crawl.warc"
        path.write_bytes(_record("https://quay.example/1", page))
    else:
        path = tmp_path / "page.html"
        path.write_bytes(page)
    (item,) = _read(path)
    assert isinstance(item, RawDocument), item
    assert len(item.text) < 2_000 and "<script></script>" in item.text
    parsed = lxml_html.fromstring(item.text)
    assert [p.text_content() for p in parsed.iter("p")] == [BODY, BODY]


def test_a_jsonl_records_html_is_held_to_the_same_parser_limit(tmp_path: Path) -> None:
    """A record's "html" went to the parser as given: a 10 MB script, or a 10 MB paragraph
    without markup, read as "no article found: the main text has 0 characters"."""
    import json

    page = _page("Sailings back").decode().replace("</head>", f"<script>{BUNDLE}</script></head>")
    block = f"<html><body><p>{'quay ' * 2_100_000}</p></body></html>"
    path = tmp_path / "export.jsonl"
    path.write_text("".join(json.dumps({"url": f"https://quay.example/{n}", "html": html}) + "\n"
                            for n, html in enumerate((page, block))), encoding="utf-8")
    script, paragraph = _read(path)
    assert isinstance(script, RawDocument) and len(script.text) < 2_000
    assert script.metadata["format"] == "html" and BODY in script.text
    assert isinstance(paragraph, Rejection) and paragraph.code == "E004"
    assert paragraph.reason.startswith("line 2: one block of text is 10.5 MB")


def test_an_unreadable_warc_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A WARC the user may not read was "truncated or corrupt after 0 records …: fetch the
    file again", where every other file says it cannot be read."""
    path = tmp_path / "crawl.warc"
    path.write_bytes(_record("https://quay.example/1", _page("Sailings back")))
    opening = Path.open

    def refuse(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self.name == "crawl.warc":
            raise PermissionError(13, "Permission denied", str(self))
        return opening(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    (item,) = _read(path)
    assert isinstance(item, Rejection) and item.code == "E001"
    assert item.reason == "cannot read file: Permission denied"
