"""Expand what the user gave (files, directories, URLs) and hand each input to its reader.

The kind is recognised from extension first and content second, so a feed saved as ``.txt``
or an HTML page without extension still reaches the right reader.

Nothing lost: every input ends as documents or as Rejections with a code and a reason; an
exception a reader lets through (a bug, or input nobody foresaw) becomes a Rejection of that
input and the next input is read. Byte caps hold while reading (``streams.read_capped``), so a
device or pipe cannot outgrow them, and a directory scan never leaves the tree through a
symbolic link.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import stat
import zlib
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from parallax.errors import Code, InputRejected
from parallax.ingest import (
    addresslist,
    chat,
    feed,
    frontmatter,
    jsonfeed,
    jsonl,
    mhtml,
    savedpage,
    subtitles,
    table,
    telegramhtml,
    url,
    warc,
)
from parallax.ingest.decode import decode_bytes, fit_html_blocks, sniff_binary
from parallax.ingest.streams import STDIN, read_capped, read_stdin
from parallax.records import RawDocument, Rejection
from parallax.settings import Config

Item = RawDocument | Rejection

KNOWN_SUFFIXES = {
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".warc": "warc", ".gz": "warc",
    ".mhtml": "mhtml", ".mht": "mhtml", ".eml": "mhtml",
    ".csv": "table", ".tsv": "table",
    ".srt": "subtitles", ".vtt": "subtitles",
}
SKIPPED_NAMES = {"readme.md", "license", ".ds_store"}
log = logging.getLogger(__name__)


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def read_inputs(inputs: Iterable[str], config: Config) -> Iterator[Item]:
    for given in inputs:
        yield from guarded(_read_one(given, config), given)


def guarded(items: Iterator[Item], given: str) -> Iterator[Item]:
    """The items of one input; an exception ends only this input, as a Rejection."""
    try:
        yield from items
    except Exception as exc:  # RecursionError, MemoryError, a codec or parser bug...
        log.warning("reading %s failed", given, exc_info=True)
        yield Rejection(given, f"could not read this input: {type(exc).__name__}: "
                        f"{str(exc)[:300]} (the other inputs are read; please report this "
                        "input as a bug)", Code.INTERNAL.value)


def _read_one(given: str, config: Config) -> Iterator[Item]:
    if url.is_url(given):
        yield from url.read_url(given, config)
        return
    if given == STDIN:
        yield from _read_stdin(config)
        return
    path = Path(given)
    if not path.exists() and url.is_address(given):  # ftp://, file:, javascript:…
        yield Rejection(url.redacted(given), url.scheme_refusal(given),
                        Code.BLOCKED_ADDRESS.value)
    elif not path.exists():
        yield Rejection(given, f"no such file or directory: {given}", Code.NOT_FOUND.value)
    elif path.is_dir():
        yield from _read_directory(path, given, config)
    else:
        yield from read_file(path, config, given=given)


def _own_store(folder: str, name: str, own: Path | None) -> bool:
    """``ingest . --db news.db`` read its own database, its WAL and shared-memory files as
    inputs: three "binary input" rejections and exit 1 on every run (helper N6)."""
    return own is not None and (name == own.name or name.startswith(own.name + "-")) \
        and Path(folder).resolve() == own.parent.resolve()


def _scan(root: Path, own: Path | None = None) -> Iterator[tuple[Path, str | None]]:
    """(file, None) for each file to read under ``root``, or (path, why it is not read).

    Symbolic links are not followed out of the tree (a link to /etc/passwd is reported, not
    read); links that stay inside are skipped, since their target is read on its own; a broken
    link is reported wherever it points. Pipes,
    devices and sockets inside a folder are reported: reading them could wait forever. A
    folder that cannot be listed (no read permission) is reported too: ``os.walk`` passes
    over it without a word, so its files were lost unseen.
    """
    real_root = root.resolve()
    unlisted: list[OSError] = []
    for folder, dirs, files in os.walk(root, onerror=unlisted.append, followlinks=False):
        yield from _unlisted(unlisted)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in list(dirs):  # a saved page's images, scripts and frames: one line
            if (page := savedpage.page_of(name, files)) and not os.path.islink(Path(folder, name)):
                dirs.remove(name)
                yield Path(folder, name), savedpage.resource_refusal(Path(folder, name), page)
        for name in sorted(files + [d for d in dirs if os.path.islink(Path(folder, d))]):
            path = Path(folder, name)
            if name.startswith(".") or name.lower() in SKIPPED_NAMES \
                    or _own_store(folder, name, own):
                continue
            if path.is_symlink():
                try:
                    target = path.resolve()
                except (RuntimeError, OSError):  # a loop (a -> b -> a): RuntimeError in 3.11
                    yield path, "symbolic link loop: it leads back to itself"
                    continue
                if not target.exists():  # inside or out: nothing would ever read it
                    yield path, f"broken symbolic link: {target} does not exist"
                elif not target.is_relative_to(real_root):
                    yield path, (f"symbolic link to {target}, outside {root}: not followed "
                                 "(give the target itself to read it)")
                continue
            mode = path.lstat().st_mode
            if not stat.S_ISREG(mode):
                yield path, ("not a regular file (a pipe, device or socket): give it on its "
                             "own to read it")
                continue
            yield path, None
    yield from _unlisted(unlisted)


def _unlisted(errors: list[OSError]) -> Iterator[tuple[Path, str | None]]:
    while errors:
        exc = errors.pop(0)
        yield Path(exc.filename or "?"), (f"cannot list this folder: {exc.strerror or exc}; "
                                          "none of its files were read")


def _read_directory(path: Path, given: str, config: Config) -> Iterator[Item]:
    found = False
    for file, refused in _scan(path, config.own_store):
        found = True
        if refused:
            yield Rejection(str(file), refused, Code.UNSUPPORTED.value)
        else:
            yield from guarded(read_file(file, config, given=str(file), in_folder=True),
                               str(file))
    if not found:
        yield Rejection(given, f"directory contains no documents: {given}",
                        Code.EMPTY_DIRECTORY.value)


def _read_stdin(config: Config) -> Iterator[Item]:
    """``-``: the piped bytes, their kind found from their content (there is no name); a
    WARC is read from memory, capped like any stream."""
    try:
        data = read_stdin(int(config["max_input_bytes"]))
        if data[:2] == GZIP_MAGIC:  # ingest - < day.jsonl.gz
            yield from _gzipped(Path("<stdin>"), data, config, given=STDIN)
            return
        if data.startswith(b"WARC/"):
            yield from warc.read_warc(Path("<stdin>"), config, given=STDIN, data=data)
            return
        text, encoding = decode_bytes(data)
    except InputRejected as exc:
        yield Rejection(STDIN, exc.reason, exc.code.value)
        return
    kind = sniff_kind(text)
    if (listed := addresslist.read_if_list(text, kind, config, given=STDIN)) is not None:
        yield from listed
        return
    yield from from_text(text, kind, uri="<stdin>", given=STDIN, config=config,
                         raw=data, metadata={"encoding": encoding})


GZIP_MAGIC = b"\x1f\x8b"


def _gzipped(path: Path, data: bytes, config: Config, *, given: str) -> Iterator[Item]:
    """Gzipped bytes whose name does not say what they hold (standard input, an upload the
    web form names by its suffix, "export.gz"): JSON Lines and WARC are read from them by
    their content, as a ``.jsonl.gz`` or ``.warc.gz`` is by name; gzipped JSONL there was
    refused as "not a WARC archive" (helper N6). Anything else is refused with how to
    unpack it."""
    if _gzipped_jsonl(data):
        yield from jsonl.read_jsonl(path, config, given=given, data=data, gzipped=True)
    elif _gzipped_warc(data):
        yield from warc.read_warc(path, config, given=given, data=data)
    else:
        raise InputRejected(Code.UNSUPPORTED, "gzip data that is neither a WARC archive nor "
                            "JSON Lines, the two kinds read gzipped; unpack it first (zcat "
                            "FILE.gz | parallax ingest -)")


def _gzipped_head(data: bytes, size: int) -> bytes:
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data[:4096], size)
    except zlib.error:
        return b""


def _gzipped_warc(data: bytes) -> bool:
    return _gzipped_head(data, 16).startswith(b"WARC/")


def _gzipped_jsonl(data: bytes) -> bool:
    """Piped gzipped JSON Lines (a research export, ``ingest - < day.jsonl.gz``) was refused
    as "gzip data that is not a WARC archive" though the same file given by name is read
    (helper N6). Its first line opens a JSON object (after a byte-order mark)."""
    return _gzipped_head(data, 64).lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


def kind_from_name(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith((".warc.gz", ".warc")):
        return "warc"
    if name.endswith((".jsonl.gz", ".ndjson.gz")):  # read through gzip, streamed
        return "jsonl"
    if name.endswith(".gz"):
        return None
    return KNOWN_SUFFIXES.get(path.suffix.lower())


#: an SVG document's start: its root element after an XML prolog, comments or a doctype. A
#: comment's text never holds "-->": with ``.*?`` one comment could run on into the next, and a
#: page opening with n comments and no root was tried in 2**n ways
_SVG_ROOT = re.compile(r"(?:<\?xml[^>]*>\s*)?(?:<!--(?:(?!-->).)*-->\s*)*"
                       r"(?:<!doctype svg[^>]*>\s*)?<svg[\s>]", re.DOTALL)


def sniff_kind(text: str, *, loose: bool = True) -> str:
    """JSON before a "<body" anywhere in the head: a JSONL export whose first record holds
    its page's HTML ("html": "<html><body>…") was read as one HTML page from standard input
    or an address, and a JSON document of records (a list, or one object over many lines) as
    a text dump of its source."""
    head = text[:2048].lstrip().lower()
    if mhtml.looks_like_mhtml(text):
        return "mhtml"
    if head.startswith("{\\rtf"):  # each of its first lines opens with "{": not JSON Lines
        return "rtf"
    if table.looks_like_table(text):  # a header row of record fields: one article a row
        return "table"
    if subtitles.looks_like_subtitles(text):  # a video's words between cue timings
        return "subtitles"
    if _SVG_ROOT.match(head) and ("www.w3.org/2000/svg" in head
                                  or "</svg>" in text[-4096:].lower()):
        return "svg"
    if head.startswith("<?xml") and ("<rss" in head or "<feed" in head or "<rdf" in head):
        return "feed"
    if head.startswith(("<rss", "<feed")):
        return "feed"
    if head.startswith(("<!doctype html", "<html")):
        return "html"
    lines = [ln for ln in text[:8192].splitlines() if ln.strip()]
    if lines and all(ln.lstrip().startswith("{") for ln in lines[:3]):
        return "jsonl"
    if head.startswith(("[", "{")) and isinstance(jsonl.json_document(text), list | dict):
        return "json"
    if loose and "<body" in head:
        return "html"
    return "text"


def _text_kind(by_name: str | None, text: str) -> str:
    """The kind of a decoded file. What a ".txt" holds is often not a dump: a feed or page
    saved under that name, a JSONL export, or any upload of the web form with an unknown
    suffix (kept as ".txt"). It was stored as an article of raw XML, HTML or JSON source.
    Only a text that starts as one of them switches; prose that mentions "<body" stays a
    dump."""
    if by_name == "text":
        return sniff_kind(text, loose=False)
    return by_name or sniff_kind(text)


def listed_addresses(data: bytes, name: str) -> list[str]:
    """The addresses ``read_file`` would fetch from a file of this name and content (none
    when it is no list): what a web job counts against its cap before it is queued."""
    kind = kind_from_name(Path(name))
    if kind in ("warc", "jsonl") or name.lower().endswith(".gz"):
        return []
    try:
        text, _ = decode_bytes(data)
    except InputRejected:
        return []
    return (addresslist.addresses(text) or []) if _text_kind(kind, text) == "text" else []


def read_file(path: Path, config: Config, *, given: str,
              in_folder: bool = False) -> Iterator[Item]:
    if what := savedpage.code_file(path.name):  # its code was stored as an article
        yield Rejection(given, savedpage.code_refusal(what), Code.UNSUPPORTED.value)
        return
    kind = kind_from_name(path)
    limit = int(config["max_input_bytes"])
    try:
        regular = stat.S_ISREG(path.stat().st_mode)
        # archives and record files stream from disk (they may exceed the cap as a whole);
        # from a pipe or device they are read, capped, into memory first
        data = None if regular and kind in ("warc", "jsonl") else \
            read_capped(path, limit, float(config["fetch_timeout_s"]))
        if kind == "warc":
            yield from warc.read_warc(path, config, given=given, data=data)
            return
        if kind == "jsonl":
            yield from jsonl.read_jsonl(path, config, given=given, data=data)
            return
        assert data is not None
        data = addresslist.shortcut_data(data)  # a binary .webloc: its address
        if data[:2] == GZIP_MAGIC:
            yield from _gzipped(path, data, config, given=given)
            return
        if path.name.lower().endswith(".gz"):
            raise InputRejected(Code.UNSUPPORTED, "gzip file that is not a WARC archive; "
                                "unpack it first")
        text, encoding = decode_bytes(data)
    except InputRejected as exc:
        yield Rejection(given, exc.reason, exc.code.value)
        return
    except OSError as exc:
        yield Rejection(given, f"cannot read file: {exc.strerror or exc}", Code.NOT_FOUND.value)
        return
    kind = _text_kind(kind, text)
    if (listed := addresslist.read_if_list(text, kind, config, given=given,
                                           in_folder=in_folder)) is not None:
        yield from listed
        return
    yield from from_text(text, kind, uri=str(path), given=given, config=config,
                         raw=data, metadata={"encoding": encoding, "filename": path.name})


#: one page's end and another's start, nothing but space between: pages joined by a shell
#: (``curl -s URL1 URL2 | parallax analyze -``, ``cat a.html b.html``)
_PAGE_JOIN = re.compile(r"</html\s*>[\s\ufeff]*(?=<(?:!doctype\s+html|html[\s>]))", re.IGNORECASE)
_BODY = re.compile(r"<body[\s>]", re.IGNORECASE)


def joined_pages(text: str) -> list[str]:
    """The pages an HTML text holds. Pages joined one after another were read as the first
    alone, the others lost without a word (helper N6). A piece after a page's end without a
    ``<body`` (a stray doctype, as one CleanEval page ends) stays with the page before it."""
    ends = [m.end() for m in _PAGE_JOIN.finditer(text)]
    # cut once: joining each piece to the page before it was quadratic (R's review of b3d3f02)
    starts = [a for a, b in zip([0, *ends], [*ends, len(text)], strict=True)
              if a == 0 or _BODY.search(text, a, b)]
    return [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]


def from_text(text: str, kind: str, *, uri: str, given: str, config: Config, raw: bytes,
              metadata: dict[str, object] | None = None) -> Iterator[Item]:
    """Dispatch decoded text to the reader for its kind (shared by files and URLs)."""
    fetched_at = now_iso()
    if kind in ("feed", "html", "text") and (refusal := addresslist.opml_refusal(text)):
        yield Rejection(given, refusal, Code.UNSUPPORTED.value)  # a list of feeds
        return
    if kind == "table":
        yield from table.read_table(text, uri=uri, given=given, config=config)
        return
    if kind == "rtf":
        yield Rejection(given, "an RTF document (rich text from a word processor), which is "
                        "not read: save it as plain text (.txt) or as a web page (.html) and "
                        "give that", Code.UNSUPPORTED.value)
        return
    if kind == "svg":  # read as a dump, its markup (scripts too) was an article's text
        yield Rejection(given, "an SVG image, not a page or a feed: there is no article to "
                        "read in it (give the page that shows it)", Code.UNSUPPORTED.value)
        return
    if kind == "mhtml":
        yield from mhtml.read_mhtml(raw, uri=uri, given=given, fetched_at=fetched_at,
                                    metadata=dict(metadata or {}))
        return
    if kind == "feed":
        yield from feed.read_feed(text, uri=uri, given=given, config=config,
                                  fetched_at=fetched_at)
        return
    # (a feed written on one line, as servers send it, opens as JSON Lines do)
    if kind in ("json", "jsonl") and (feed_object := jsonfeed.json_feed(text)) is not None:
        yield from jsonfeed.read_json_feed(feed_object, uri=uri, given=given, config=config,
                                           fetched_at=fetched_at)
        return
    if kind == "jsonl":
        yield from jsonl.read_jsonl_text(text, uri=uri, given=given, config=config)
        return
    if kind == "json":
        yield from jsonl.read_json_text(text, uri=uri, given=given, config=config)
        return
    if kind == "subtitles":  # its timings and cue numbers were the article's paragraphs
        spoken = subtitles.transcript(text)
        if not spoken:
            yield Rejection(given, "subtitles without any spoken text", Code.NO_ARTICLE.value)
            return
        yield RawDocument(uri=uri, kind="record", text="\n".join(spoken), fetched_at=fetched_at,
                          sha256=hashlib.sha256(raw).hexdigest(), input=given,
                          metadata={**(metadata or {}), "title": "", "format": "text"})
        return
    if kind == "text":  # a Markdown note's front matter: its fields the article's
        text, metadata = frontmatter.with_front_matter(text, metadata)
    if kind == "text" and (count := chat.messages(text)):  # was an "article" of messages
        yield Rejection(given, chat.refusal(text, count), Code.UNSUPPORTED.value)
        return
    if kind == "html" and telegramhtml.is_export(text):  # was one "article", the rest lost
        yield from jsonl.read_channel_page(text, uri=uri, given=given, config=config)
        return
    if kind == "html" and (refusal := addresslist.bookmarks_refusal(text)) is not None:
        yield Rejection(given, refusal, Code.UNSUPPORTED.value)  # was an "article" of links
        return
    if kind == "html" and len(pages := joined_pages(text)) > 1:
        for n, page in enumerate(pages, start=1):
            yield from from_text(page, kind, uri=f"{uri}#page-{n}", given=f"{given}#page-{n}",
                                 config=config, raw=page.encode(), metadata=dict(metadata or {}))
        return
    if kind == "html":
        if metadata is not None and "url" not in metadata and (at := savedpage.saved_from(text)):
            metadata.update(url=at, saved_from=True)  # a browser's mark of the page's address
        elif metadata is not None and "url" not in metadata and (at := savedpage.own_address(text)):
            metadata.update(url=at, saved_from=True)  # its canonical, if the page confirms it
        if metadata is not None:  # an archived copy: the original's address
            savedpage.archived(metadata)
        try:
            text = fit_html_blocks(text)
        except InputRejected as exc:
            yield Rejection(given, exc.reason, exc.code.value)
            return
    yield RawDocument(uri=uri, kind=kind, text=text, fetched_at=fetched_at,
                      sha256=hashlib.sha256(raw).hexdigest(), metadata=dict(metadata or {}),
                      input=given)


__all__ = ["from_text", "guarded", "read_file", "read_inputs", "sniff_binary"]
