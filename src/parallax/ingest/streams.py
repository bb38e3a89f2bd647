"""Read a path's bytes with the size cap enforced while reading, not trusted from ``stat``.

A regular file's size is known up front (a sparse 50 MB file is refused unread), but a device
(``/dev/zero``), a named pipe or process substitution (``<(curl ...)``) reports size 0: those are
read in chunks with the cap counted as bytes arrive, and with an idle timeout, so an endless
stream is refused at the cap and a pipe nobody writes to is refused after the timeout instead of
hanging the run.
"""

from __future__ import annotations

import os
import select
import stat
import sys
import time
from pathlib import Path

from parallax.errors import Code, InputRejected

CHUNK = 1 << 16


def too_large(limit: int, what: str) -> InputRejected:
    return InputRejected(Code.TOO_LARGE, f"{what} over the {limit / 1e6:.0f} MB limit "
                         "(setting max_input_bytes)")


def read_capped(path: Path, limit: int, idle_timeout_s: float) -> bytes:
    """The bytes of ``path``, at most ``limit`` of them, else InputRejected (TOO_LARGE)."""
    mode = path.stat().st_mode
    if stat.S_ISREG(mode):
        size = path.stat().st_size
        if size > limit:
            raise too_large(limit, f"file is {size / 1e6:.1f} MB,")
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
        if len(data) > limit:
            raise too_large(limit, "file grew while it was read and is now")
        return data
    if stat.S_ISSOCK(mode) or stat.S_ISDIR(mode):
        raise InputRejected(Code.UNSUPPORTED, "not a file, pipe or device that can be read")
    return _read_stream(path, limit, idle_timeout_s)


def _read_stream(path: Path, limit: int, idle_timeout_s: float) -> bytes:
    # O_NONBLOCK: opening a named pipe without a writer would otherwise block forever
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        poller = select.poll()
        poller.register(fd, select.POLLIN | select.POLLHUP)
        chunks: list[bytes] = []
        received = 0
        idle_since = time.monotonic()
        while True:
            waited = time.monotonic() - idle_since
            if waited >= idle_timeout_s:
                raise InputRejected(Code.EMPTY, f"no data arrived for {idle_timeout_s:.0f} s "
                                    "(a pipe nobody writes to?); setting fetch_timeout_s")
            if not poller.poll(max(1, int((idle_timeout_s - waited) * 1000))):
                continue
            try:
                chunk = os.read(fd, CHUNK)
            except BlockingIOError:
                continue
            if not chunk:
                return b"".join(chunks)
            received += len(chunk)
            if received > limit:
                raise too_large(limit, f"stream passed {received / 1e6:.0f} MB,")
            chunks.append(chunk)
            idle_since = time.monotonic()
    finally:
        os.close(fd)


STDIN = "-"


def read_stdin(limit: int) -> bytes:
    """Standard input for the input ``-`` (``cat page.txt | parallax analyze -``), capped
    like any stream. A terminal is refused rather than waited on: a user who typed ``-`` by
    mistake would see the command hang with no prompt."""
    stream = sys.stdin
    if stream is None or stream.isatty():
        raise InputRejected(Code.EMPTY, "'-' reads standard input, which is a terminal here: "
                            "pipe a file into it (cat page.txt | parallax analyze -)")
    source = getattr(stream, "buffer", None)
    chunks: list[bytes] = []
    received = 0
    while chunk := (source.read(CHUNK) if source is not None
                    else stream.read(CHUNK).encode("utf-8")):
        received += len(chunk)
        if received > limit:
            raise too_large(limit, f"standard input passed {received / 1e6:.0f} MB,")
        chunks.append(chunk)
    return b"".join(chunks)
