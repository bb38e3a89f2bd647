"""WARC archives (also Common Crawl CC-NEWS ``.warc.gz``), streamed record by record.

Only HTTP ``response`` records with an HTML payload become documents; the archive is never
loaded whole. A truncated or corrupt record ends the file with a Rejection that says where,
and every record read before it is kept.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from parallax.errors import Code, InputRejected
from parallax.ingest.decode import decode_bytes
from parallax.records import RawDocument, Rejection
from parallax.settings import Config


def read_warc(path: Path, config: Config, *, given: str) -> Iterator[RawDocument | Rejection]:
    from warcio.archiveiterator import ArchiveIterator

    limit = int(config["max_input_bytes"])
    found = 0
    try:
        with path.open("rb") as stream:
            iterator = ArchiveIterator(stream)
            for record in iterator:
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                ctype = record.http_headers.get_header("Content-Type") or ""
                if "html" not in ctype.lower():
                    continue
                target = record.rec_headers.get_header("WARC-Target-URI") or ""
                item = f"{given}#{target}"
                payload = record.content_stream().read(limit + 1)
                if len(payload) > limit:
                    yield Rejection(item, "record payload over the size limit "
                                    "(setting max_input_bytes)", Code.TOO_LARGE.value)
                    continue
                try:
                    text, encoding = decode_bytes(payload)
                except InputRejected as exc:
                    yield Rejection(item, exc.reason, exc.code.value)
                    continue
                found += 1
                yield RawDocument(
                    uri=target or item, kind="html", text=text,
                    fetched_at=record.rec_headers.get_header("WARC-Date") or "",
                    sha256=hashlib.sha256(payload).hexdigest(),
                    metadata={"encoding": encoding, "url": target, "warc_file": str(path)},
                    input=item,
                )
            # warcio stops quietly at a cut-off gzip member: compare where it stopped
            stopped, size = int(getattr(iterator, "offset", 0) or 0), path.stat().st_size
            if stopped and size - stopped > 4:
                raise ValueError(f"reading stopped at byte {stopped} of {size}")
    except Exception as exc:  # warcio raises several types for broken archives
        yield Rejection(given, f"WARC archive is truncated or corrupt after {found} HTML "
                        f"records: {type(exc).__name__}: {exc}", Code.PARSE.value)
        return
    if found == 0:
        yield Rejection(given, "WARC archive holds no HTML response records", Code.NO_ARTICLE.value)
