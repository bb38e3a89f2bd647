"""Hostile input (issue 15): every input ends stored or rejected with a code and a reason, the
next input is still read, caps hold while reading, the guard refuses every internal address.

One regression test per numbered reproduction of the review (the web ones, 2 and 10, are in
tests/test_web_guarded.py), plus a hypothesis fuzz test over the readers.
"""

from __future__ import annotations

import ipaddress
import json
import os
import sqlite3
import threading
import time
from pathlib import Path

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from parallax.cli import app
from parallax.errors import Code, InputRejected
from parallax.ingest import read_inputs
from parallax.ingest.guard import Allowed, kind_of, refusal
from parallax.ingest.sources import read_file
from parallax.ingest.url import check_address, fetch, read_url
from parallax.ingest.warc import read_warc
from parallax.records import RawDocument, Rejection
from parallax.settings import Config
from warc_builders import Record, warc_bytes

Item = RawDocument | Rejection
BAD_CHARSET = (b'<html><head><meta charset="undefined"></head><body><p>hi \xff</p>'
               b"</body></html>")
ARTICLE = ("Harbour workers in Marlow ended their strike on Tuesday after the port "
           "authority agreed to a new pay deal, the union said in a statement. ") * 4


def _items(paths: list[str], config: Config | None = None) -> list[Item]:
    return list(read_inputs(paths, config or Config()))


def _by_name(items: list[Item]) -> dict[str, Item]:
    return {Path(i.input.split("#")[0]).name: i for i in items}


def _warc(records: list[tuple[str, bytes]]) -> bytes:
    return warc_bytes([Record(uri, body) for uri, body in records])


# -- 1. one declared charset ends the whole run ------------------------------------------------

def test_1_undefined_charset_is_one_rejection_and_the_next_input_is_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("A\n\n" + ARTICLE, encoding="utf-8")
    (tmp_path / "p.html").write_bytes(BAD_CHARSET)
    (tmp_path / "c.txt").write_text("C\n\n" + ARTICLE.replace("Marlow", "Dover"))
    items = _by_name(_items([str(tmp_path / n) for n in ("a.txt", "p.html", "c.txt")]))
    assert isinstance(items["a.txt"], RawDocument) and isinstance(items["c.txt"], RawDocument)
    rejected = items["p.html"]
    assert isinstance(rejected, Rejection) and rejected.code == Code.ENCODING.value
    assert "UTF-8" in rejected.reason


def test_1_undefined_charset_in_a_warc_keeps_the_later_records(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(_warc([("https://a.example/1", b"<html><p>one</p></html>"),
                            ("https://a.example/bad", BAD_CHARSET),
                            ("https://a.example/3", b"<html><p>three</p></html>")]))
    items = _items([str(path)])
    docs = [i.uri for i in items if isinstance(i, RawDocument)]
    assert docs == ["https://a.example/1", "https://a.example/3"]
    (bad,) = [i for i in items if isinstance(i, Rejection)]
    assert bad.input.endswith("#https://a.example/bad") and bad.code == Code.ENCODING.value


@pytest.mark.parametrize("charset", ["undefined", "idna", "punycode", "utf-7", "rot13",
                                     "base64", "x-nonsense", "utf-16"])
def test_1_any_declared_charset_is_a_reason_never_an_exception(charset: str) -> None:
    from parallax.ingest.decode import decode_bytes

    page = f'<html><head><meta charset="{charset}"></head><body><p>hi \xff'.encode("latin-1")
    try:
        decode_bytes(page + b"</p></body></html>")
    except InputRejected as exc:
        assert exc.code in (Code.ENCODING, Code.BINARY)


def test_1_ingest_stores_the_good_inputs_and_groups_them(tmp_path: Path, corpus: Path) -> None:
    """The reproduction end to end: ingest a.txt p.html c.txt stores a and c, rejects p (exit
    1), and the stories are updated."""
    files = sorted(corpus.glob("*.txt"))[:2]
    bad = tmp_path / "p.html"
    bad.write_bytes(BAD_CHARSET)
    db = str(tmp_path / "x.db")
    result = CliRunner().invoke(app, ["ingest", str(files[0]), str(bad), str(files[1]),
                                      "--db", db, "--json"])
    assert result.exit_code == 1, result.output
    lines = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert [line.get("stored") for line in lines[:3]] == [True, False, True]
    assert lines[1]["code"] == Code.ENCODING.value
    assert lines[-1]["summary"]["stories"] >= 1


# -- 3. a malformed URL ends the run -----------------------------------------------------------

@pytest.mark.parametrize("url", ["http://127.0.0.1:99999/", "http://[::1/", "http://[zz::1]/",
                                 "https://exa mple.org/", "http://\u2603:80:80/",
                                 "https:///nohost"])
def test_3_malformed_urls_are_rejections(url: str) -> None:
    (item,) = _items([url])
    assert isinstance(item, Rejection) and item.code in (Code.FETCH.value,
                                                         Code.BLOCKED_ADDRESS.value)
    assert item.reason


def test_3_a_redirect_to_a_malformed_url_is_a_rejection(public_dns: None) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"location": "http://[::1/"})

    client = httpx.Client(transport=httpx.MockTransport(handler), follow_redirects=False)
    (item,) = list(read_url("https://news.example/a", Config(), client=client))
    assert isinstance(item, Rejection) and item.code == Code.FETCH.value
    assert "malformed" in item.reason or "location" in item.reason


def test_3_text_plus_a_malformed_url_still_reads_the_text(tmp_path: Path) -> None:
    (tmp_path / "pasted.txt").write_text("T\n\n" + ARTICLE)
    items = _items([str(tmp_path / "pasted.txt"), "http://127.0.0.1:99999/"])
    assert isinstance(items[0], RawDocument) and isinstance(items[1], Rejection)


# -- 4. deeply nested JSON and fields of the wrong type -----------------------------------------

def test_4_deep_nesting_is_one_rejection_and_later_lines_are_read(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    deep = '{"a":' * 100_000 + "1" + "}" * 100_000
    good = json.dumps({"title": "T", "text": ARTICLE, "outlet": "A"})
    path.write_text(good + "\n" + deep + "\n" + good.replace("Marlow", "Dover") + "\n")
    items = _items([str(path)])
    assert [type(i).__name__ for i in items] == ["RawDocument", "Rejection", "RawDocument"]
    assert "nests" in items[1].reason and items[1].code == Code.PARSE.value


@pytest.mark.parametrize("field,value,named", [
    ("outlet", {"name": "A"}, "an object"), ("title", ["T"], "a list"),
    ("published", ["2026-01-01"], "a list"), ("text", 5, "a number"), ("url", True, "a boolean"),
    ("published", True, "a boolean"),  # a number is Unix time (test_first_hour_second.py)
])
def test_4_a_field_of_the_wrong_type_is_named(tmp_path: Path, field: str, value: object,
                                              named: str) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text(json.dumps({"title": "T", "text": ARTICLE, field: value}) + "\n")
    (item,) = _items([str(path)])
    assert isinstance(item, Rejection) and item.code == Code.PARSE.value
    assert f"field '{field}' must be a string or null, not {named}" in item.reason


# -- 5. the SSRF guard -------------------------------------------------------------------------

REFUSED = ["100.64.0.1", "100.100.100.200", "100.127.255.254", "192.0.0.1", "192.0.0.170",
           "2002:7f00:1::", "2002:a9fe:a9fe::1", "2002:c0a8:101::", "64:ff9b::7f00:1",
           "64:ff9b::a9fe:a9fe", "64:ff9b:1::a00:1", "::ffff:127.0.0.1", "::ffff:0:7f00:1",
           "::127.0.0.1", "::ffff:169.254.169.254", "127.0.0.1", "127.8.8.8", "10.0.0.1",
           "172.16.0.1", "192.168.1.1", "169.254.169.254", "0.0.0.0", "0.1.2.3", "::",
           "::1", "fe80::1", "fc00::1", "fd12:3456::1", "fec0::1", "ff02::1", "224.0.0.1",
           "240.0.0.1", "255.255.255.255", "198.18.0.1", "2001:db8::1", "2001::1",
           "192.0.2.1", "203.0.113.9"]
PUBLIC = ["93.184.216.34", "8.8.8.8", "2606:4700::1111", "64:ff9b::5db8:d822",
          "::ffff:93.184.216.34", "2002:5db8:d822::1"]


@pytest.mark.parametrize("address", REFUSED)
def test_5_guard_refuses_every_internal_form(address: str) -> None:
    assert kind_of(ipaddress.ip_address(address)) is not None


@pytest.mark.parametrize("address", PUBLIC)
def test_5_guard_lets_public_addresses_through(address: str) -> None:
    assert kind_of(ipaddress.ip_address(address)) is None


def _dns(monkeypatch: pytest.MonkeyPatch, table: dict[str, str]) -> None:
    import parallax.ingest.url as url_module

    monkeypatch.setattr(url_module.socket, "getaddrinfo", lambda host, *a, **k: [
        (0, 0, 0, "", (table.get(host, "93.184.216.34"), 0))])


@pytest.mark.parametrize("url", ["http://100.100.100.200/latest/meta-data/",
                                 "http://[2002:7f00:1::]/", "http://192.0.0.170/",
                                 "http://[64:ff9b::a9fe:a9fe]/", "http://cgnat.example/"])
def test_5_urls_to_internal_forms_are_refused(url: str,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    _dns(monkeypatch, {"cgnat.example": "100.64.1.1", "100.100.100.200": "100.100.100.200",
                       "2002:7f00:1::": "2002:7f00:1::", "192.0.0.170": "192.0.0.170",
                       "64:ff9b::a9fe:a9fe": "64:ff9b::a9fe:a9fe"})
    with pytest.raises(InputRejected) as info:
        check_address(url)
    assert info.value.code == Code.BLOCKED_ADDRESS


def test_5_allowed_host_cannot_redirect_to_loopback_or_metadata(
        monkeypatch: pytest.MonkeyPatch) -> None:
    _dns(monkeypatch, {"wiki.corp.example": "10.20.0.7", "localhost": "127.0.0.1",
                       "metadata.example": "169.254.169.254"})
    config = Config()
    config.values["allow_private_addresses"] = ["wiki.corp.example"]
    hops = iter(["http://localhost/admin", "http://metadata.example/latest/"])

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.host == "wiki.corp.example":
            return httpx.Response(302, headers={"location": next(hops)})
        return httpx.Response(200, text="internal secrets")

    for _ in range(2):
        client = httpx.Client(transport=httpx.MockTransport(handler), follow_redirects=False)
        with pytest.raises(InputRejected) as info:
            fetch("http://wiki.corp.example/page", config, client=client)
        assert info.value.code == Code.BLOCKED_ADDRESS
    # the listed host itself is fetched
    client = httpx.Client(transport=httpx.MockTransport(
        lambda r: httpx.Response(200, text="wiki page")), follow_redirects=False)
    assert fetch("http://wiki.corp.example/page", config, client=client).text == "wiki page"


def test_5_allow_list_semantics() -> None:
    allowed = Allowed.parse(["wiki.corp.example", "*.lab.example", "10.9.0.0/16",
                             "127.0.0.2"])
    loopback, private = ipaddress.ip_address("127.0.0.1"), ipaddress.ip_address("10.1.1.1")
    assert refusal("wiki.corp.example", [private], allowed) is None
    assert refusal("a.lab.example", [private], allowed) is None
    assert refusal("wiki.corp.example", [loopback], allowed)  # a name never opens loopback
    assert refusal("other.example", [private], allowed)
    assert refusal("any.example", [ipaddress.ip_address("10.9.3.3")], allowed) is None
    assert refusal("x", [ipaddress.ip_address("127.0.0.2")], allowed) is None  # listed exactly
    with pytest.raises(ValueError):
        Allowed.parse(["not a host!"])


def test_5_the_old_true_switch_is_refused_with_a_reason() -> None:
    config = Config()
    config.values["allow_private_addresses"] = True
    (item,) = _items(["http://10.0.0.1/"], config)
    assert isinstance(item, Rejection) and item.code == Code.CONFIG.value
    assert "list of hosts or networks" in item.reason


# -- 6. truncated WARCs are always reported -----------------------------------------------------

def test_6_every_cut_of_a_warc_is_reported_or_lands_on_a_record_boundary(tmp_path: Path) -> None:
    bodies = [b"<html><body><p>record %d " % i + b"word " * (40 + 9 * i) + b"</p></body></html>"
              for i in range(10)]
    members = [_warc([(f"https://a.example/{i}", body)]) for i, body in enumerate(bodies)]
    data = b"".join(members)
    boundaries = {sum(len(m) for m in members[:k]) for k in range(1, 11)}
    silent = []
    for cut in range(1, len(data), 7):
        items = list(read_warc(tmp_path / "t.warc.gz", Config(), given="t",
                               data=data[:cut]))
        for doc in items:
            if isinstance(doc, RawDocument):
                assert doc.text.endswith(b"</html>".decode()), f"partial record at cut {cut}"
        if not any(isinstance(i, Rejection) for i in items) and cut not in boundaries:
            silent.append(cut)
    assert silent == []


def test_6_head_c_of_a_warc_gives_a_rejection_and_exit_1(tmp_path: Path) -> None:
    bodies = [b"<html><body><p>" + (b"Story %d. " % i) * 80 + b"</p></body></html>"
              for i in range(10)]
    data = _warc([(f"https://a.example/{i}", b) for i, b in enumerate(bodies)])
    cut = tmp_path / "t.warc.gz"
    cut.write_bytes(data[: len(data) * 2 // 9 + 3])
    result = CliRunner().invoke(app, ["extract", "--json", str(cut)])
    assert result.exit_code == 1
    assert any(json.loads(line).get("code") == Code.PARSE.value
               for line in result.output.splitlines() if line.startswith("{"))


# -- 7. exit codes -----------------------------------------------------------------------------

def test_7_a_lost_database_exits_3_with_a_clear_message(tmp_path: Path, corpus: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from parallax.store.sql import SQLStore

    def lost(self: object, page: object, *args: object, **kwargs: object) -> list[str]:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(SQLStore, "save_page", lost)
    files = [str(p) for p in sorted(corpus.glob("*.txt"))[:1]]
    result = CliRunner().invoke(app, ["ingest", *files, "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 3
    assert "E021" in result.output and "disk I/O error" in result.output
    assert "run the same command again" in result.output and "Traceback" not in result.output


def test_7_an_unreadable_database_exits_3(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    db.write_bytes(b"this is not a database" * 100)
    result = CliRunner().invoke(app, ["stories", "--db", str(db)])
    assert result.exit_code == 3 and "E021" in result.output


# -- 8. the near-duplicate signature is written in the page's transaction ----------------------

def test_8_a_crash_between_page_and_signature_cannot_happen(tmp_path: Path, corpus: Path,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    from parallax.runner import ingest
    from parallax.store import open_store
    from parallax.store.sql import SQLStore

    store = open_store(tmp_path / "x.db")
    files = [str(p) for p in sorted(corpus.glob("*.txt"))[:1]]

    def crash(self: object, signatures: dict[str, bytes]) -> None:
        raise sqlite3.OperationalError("crash while writing the signature")

    monkeypatch.setattr(SQLStore, "save_signatures", crash)
    with pytest.raises(sqlite3.OperationalError):
        ingest(files, store, Config(), cluster=False)
    assert store.counts()["articles"] == 0  # rolled back with its signature
    monkeypatch.undo()
    report = ingest(files, store, Config(), cluster=False)
    assert report.count("stored") == 1
    stored = {row["id"] for row in store.conn.execute(
        "SELECT id FROM articles WHERE role = 'main'")}  # type: ignore[attr-defined]
    signed = {article for article, _ in store.signatures()}
    assert stored and stored <= signed
    store.close()


# -- 9. byte caps while reading; pipes; symlinks ------------------------------------------------

def test_9_dev_zero_is_refused_at_the_cap() -> None:
    config = Config()
    config.values["max_input_bytes"] = 2_000_000
    start = time.monotonic()
    (item,) = _items(["/dev/zero"], config)
    assert isinstance(item, Rejection) and item.code == Code.TOO_LARGE.value
    assert time.monotonic() - start < 10


def test_9_named_pipe_without_writer_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    config = Config()
    config.values["fetch_timeout_s"] = 1.0
    start = time.monotonic()
    (item,) = _items([str(fifo)], config)
    assert isinstance(item, Rejection) and time.monotonic() - start < 10


def test_9_named_pipe_with_a_writer_is_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)

    def write() -> None:
        with fifo.open("w") as handle:
            handle.write("Title\n\n" + ARTICLE)

    writer = threading.Thread(target=write)
    writer.start()
    (item,) = list(read_file(fifo, Config(), given=str(fifo)))
    writer.join(5)
    assert isinstance(item, RawDocument) and "Marlow" in item.text


def test_9_endless_pipe_is_capped(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    stop = threading.Event()

    def write() -> None:
        try:
            with fifo.open("wb") as handle:
                while not stop.is_set():
                    handle.write(b"x" * 65536)
        except BrokenPipeError:
            pass

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    config = Config()
    config.values["max_input_bytes"] = 1_000_000
    (item,) = list(read_file(fifo, config, given=str(fifo)))
    stop.set()
    assert isinstance(item, Rejection) and item.code == Code.TOO_LARGE.value


def test_9_one_huge_jsonl_line_is_capped_and_the_next_line_read(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    good = json.dumps({"title": "T", "text": ARTICLE})
    path.write_text('{"text": "' + "x" * 3_000_000 + '"}\n' + good + "\n")
    config = Config()
    config.values["max_input_bytes"] = 1_000_000
    items = _items([str(path)], config)
    assert isinstance(items[0], Rejection) and items[0].code == Code.TOO_LARGE.value
    assert isinstance(items[1], RawDocument)


def test_9_directory_scans_stay_inside_the_tree(tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("root:x:0:0:secret outside the tree")
    tree = tmp_path / "tree"
    (tree / "sub").mkdir(parents=True)
    (tree / "a.txt").write_text("Title\n\n" + ARTICLE)
    (tree / "passwd.txt").symlink_to(outside)
    (tree / "etc").symlink_to(tmp_path, target_is_directory=True)
    (tree / "sub" / "again.txt").symlink_to(tree / "a.txt")  # inside: read once, as a.txt
    os.mkfifo(tree / "pipe.txt")
    items = _items([str(tree)])
    texts = " ".join(i.text for i in items if isinstance(i, RawDocument))
    assert "secret" not in texts
    docs = [Path(i.input).name for i in items if isinstance(i, RawDocument)]
    assert docs == ["a.txt"]
    refused = {Path(i.input).name: i.reason for i in items if isinstance(i, Rejection)}
    assert set(refused) == {"passwd.txt", "etc", "pipe.txt"}
    assert "outside" in refused["passwd.txt"] and "not a regular file" in refused["pipe.txt"]


# -- the property: arbitrary bytes end stored or rejected, never as an exception ---------------

SUFFIXES = [".txt", ".html", ".rss", ".jsonl", ".warc", ".warc.gz", ".xml", ""]
PREFIXES = [b"", b"<html><head><meta charset=\"", b"<?xml version=\"1.0\"?><rss><channel>",
            b'{"text": ', b"WARC/1.0\r\n", b"\x1f\x8b\x08\x00", b"\xff\xfe", b"<feed>"]


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(prefix=st.sampled_from(PREFIXES), body=st.binary(max_size=3000),
       suffix=st.sampled_from(SUFFIXES))
def test_readers_never_raise_on_arbitrary_bytes(tmp_path: Path, prefix: bytes, body: bytes,
                                                suffix: str) -> None:
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(prefix + body)
    following = tmp_path / "next.txt"
    following.write_text("Title\n\n" + ARTICLE)
    items = list(read_inputs([str(path), str(following)], Config()))
    assert items, "an input vanished without a record"
    for item in items[:-1]:
        if isinstance(item, Rejection):
            assert item.code and item.reason
    assert isinstance(items[-1], RawDocument) and items[-1].input == str(following)


@pytest.fixture
def public_dns(monkeypatch: pytest.MonkeyPatch) -> None:
    _dns(monkeypatch, {})
