"""Expand what the user gave (files, directories, URLs) and hand each input to its reader.

The kind is recognised from extension first and content second, so a feed saved as ``.txt``
or an HTML page without extension still reaches the right reader.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from parallax.errors import Code, InputRejected
from parallax.ingest import feed, jsonl, url, warc
from parallax.ingest.decode import decode_bytes, sniff_binary
from parallax.records import RawDocument, Rejection
from parallax.settings import Config

Item = RawDocument | Rejection

KNOWN_SUFFIXES = {
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".warc": "warc", ".gz": "warc",
}
SKIPPED_NAMES = {"readme.md", "license", ".ds_store"}


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def read_inputs(inputs: Iterable[str], config: Config) -> Iterator[Item]:
    for given in inputs:
        if url.is_url(given):
            yield from url.read_url(given, config)
            continue
        path = Path(given)
        if not path.exists():
            yield Rejection(given, f"no such file or directory: {given}", Code.NOT_FOUND.value)
        elif path.is_dir():
            yield from _read_directory(path, given, config)
        else:
            yield from read_file(path, config, given=given)


def _read_directory(path: Path, given: str, config: Config) -> Iterator[Item]:
    files = sorted(
        p for p in path.rglob("*")
        if p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(path).parts)
        and p.name.lower() not in SKIPPED_NAMES
    )
    if not files:
        yield Rejection(given, f"directory contains no documents: {given}",
                        Code.EMPTY_DIRECTORY.value)
        return
    for file in files:
        yield from read_file(file, config, given=str(file))


def kind_from_name(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith((".warc.gz", ".warc")):
        return "warc"
    if name.endswith(".gz"):
        return None
    return KNOWN_SUFFIXES.get(path.suffix.lower())


def sniff_kind(text: str) -> str:
    head = text[:2048].lstrip().lower()
    if head.startswith("<?xml") and ("<rss" in head or "<feed" in head or "<rdf" in head):
        return "feed"
    if head.startswith(("<rss", "<feed")):
        return "feed"
    if head.startswith(("<!doctype html", "<html")) or "<body" in head:
        return "html"
    lines = [ln for ln in text[:8192].splitlines() if ln.strip()]
    if lines and all(ln.lstrip().startswith("{") for ln in lines[:3]):
        return "jsonl"
    return "text"


def read_file(path: Path, config: Config, *, given: str) -> Iterator[Item]:
    kind = kind_from_name(path)
    if kind == "warc":
        yield from warc.read_warc(path, config, given=given)
        return
    if kind == "jsonl":
        yield from jsonl.read_jsonl(path, config, given=given)
        return
    try:
        size = path.stat().st_size
        limit = int(config["max_input_bytes"])
        if size > limit:
            raise InputRejected(Code.TOO_LARGE, f"file is {size / 1e6:.1f} MB, over the "
                                f"{limit / 1e6:.0f} MB limit (setting max_input_bytes)")
        data = path.read_bytes()
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
    kind = kind or sniff_kind(text)
    yield from from_text(text, kind, uri=str(path), given=given, config=config,
                         raw=data, metadata={"encoding": encoding, "filename": path.name})


def from_text(text: str, kind: str, *, uri: str, given: str, config: Config, raw: bytes,
              metadata: dict[str, object] | None = None) -> Iterator[Item]:
    """Dispatch decoded text to the reader for its kind (shared by files and URLs)."""
    fetched_at = now_iso()
    if kind == "feed":
        yield from feed.read_feed(text, uri=uri, given=given, config=config,
                                  fetched_at=fetched_at)
        return
    if kind == "jsonl":
        yield from jsonl.read_jsonl_text(text, uri=uri, given=given, config=config)
        return
    yield RawDocument(uri=uri, kind=kind, text=text, fetched_at=fetched_at,
                      sha256=hashlib.sha256(raw).hexdigest(), metadata=dict(metadata or {}),
                      input=given)


__all__ = ["from_text", "read_file", "read_inputs", "sniff_binary"]
