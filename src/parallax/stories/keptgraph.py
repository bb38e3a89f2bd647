"""The story index's vector graph kept beside the store, so that one more article at 100,000
stored does not rebuild an HNSW graph of every stored vector (about 70 s of CPU,
docs/stories.md, twenty-fourth and twenty-fifth sessions).

A kept graph is used only when it holds exactly vectors the store still holds: its file names
the article of each graph key and a digest of their vectors (float32, as the store holds them),
both checked against what the load restored; the articles stored since are added to it (an
HNSW graph grows one insert at a time, as a batch build does on all threads in an order that
varies between runs). Anything else (a removed or changed article, another store's file, a
truncated or corrupt one, other graph settings) is rebuilt from the store and saved again,
with a log line saying why; the file is never trusted past its checks (usearch reads only
bytes whose digest matched). A removal deletes the file (``forget``).

Where: SQLite, ``<database>-stories.graph`` beside the database; PostgreSQL, a file under the
user's cache directory named by a digest of the database's address (password left out): a
cache, as the machine running the command keeps it (docs/storage.md).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import struct
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np

from parallax.stories import ann
from parallax.stories.ann import GRAPH_SETTINGS, new_graph
from parallax.stories.index import StoryIndex
from parallax.stories.profile import PROFILE_VERSION

log = logging.getLogger(__name__)

MAGIC = b"parallax-graph\x00\x01"
SUFFIX = "-stories.graph"
#: what a graph's keys and vectors mean: another value makes every kept graph stale
FORMAT = json.dumps({"graph": GRAPH_SETTINGS, "profiles": PROFILE_VERSION,
                     "vectors": "blake2b-256 of float32 in key order"}, sort_keys=True)
#: what happened to kept graphs in this process: reused, extended, rebuilt, saved, dropped
#: (tests read it; the log says the same)
events: Counter[str] = Counter()


def graph_path(store: Any) -> Path | None:
    """Where this store's graph is kept; None for a store in memory."""
    url = getattr(store, "url", None)
    if isinstance(url, str):  # PostgreSQL: a cache of this machine, keyed by the address
        from parallax.model_cache import cache_dir
        from parallax.store.postgres import redact

        name = hashlib.sha256(redact(url).encode()).hexdigest()[:24]
        return cache_dir() / "graphs" / f"postgres-{name}{SUFFIX}"
    path = getattr(store, "path", None)
    if not isinstance(path, str) or path == ":memory:" or not path:
        return None
    return Path(path + SUFFIX)


def _digest(vectors: Iterable[np.ndarray]) -> str:
    """Of the vectors (float32, as ``load`` restores them from the store) in graph key order:
    fed one by one, as stacking 100,000 of them cost more than the hash."""
    digest = hashlib.blake2b(digest_size=32)
    for vector in vectors:
        digest.update(np.ascontiguousarray(vector, dtype=np.float32).data)
    return digest.hexdigest()


def attach(index: StoryIndex, store: Any) -> int:
    """Serve a freshly loaded index's vector search from the kept graph (plus the articles
    stored since) when it matches, else build it as ``flush`` does. Returns how many vectors
    the kept file holds of those now in the graph (-1: none; ``save`` after the run when the
    graph holds more)."""
    pending = len(index._pending)
    path = graph_path(store)
    if path is None or pending < ann.EXACT_BELOW or pending != len(index._key_of_row):
        index.flush()
        return -1
    damaged = False
    try:
        why = _adopt(index, path, *_read(path))
    except FileNotFoundError:
        why = "no kept graph"
    except Exception as exc:  # whatever is wrong with the file: build anew, never crash
        why, damaged = f"unreadable ({type(exc).__name__}: {exc})", True
    if not why:
        held = len(index._key_of_row) - len(index._pending)
        if index._pending:
            events["extended"] += 1
        index.flush()  # the articles stored since: keys go on from the kept graph's last
        return held
    events["rebuilt"] += 1
    # a damaged file is worth a look (a full disk, a copy cut short); a stale one is routine
    (log.warning if damaged else log.info)(
        "story vector graph built from %d stored vectors: %s (%s)", pending, why, path)
    index.flush()
    return -1


def _adopt(index: StoryIndex, path: Path, header: dict[str, Any], graph_bytes: memoryview
           ) -> str:
    """Put the kept graph in the index when it matches; why not otherwise ("" when adopted)."""
    if header.get("format") != FORMAT:
        return "made with other settings"
    ids: list[str] = header["ids"]
    position = {article_id: i for i, article_id in enumerate(index._key_of_row)}
    at = [position.get(article_id, -1) for article_id in ids]
    if len(set(ids)) != len(ids) or min(at, default=0) < 0:
        return "it holds articles no longer stored (another store's, or removed)"
    pending = index._pending
    if _digest(pending[i] for i in at) != header["vectors"]:
        return "its vectors differ from the stored ones"
    graph = new_graph(index.vectors.dim)
    if graph is None:  # pragma: no cover - usearch is a declared dependency
        return "usearch is not importable"
    graph.load(graph_bytes)
    if len(graph) != len(ids):
        return "its graph does not hold the vectors its file lists"
    kept = set(ids)
    rest = [i for i, article_id in enumerate(index._key_of_row) if article_id not in kept]
    index._key_of_row = ids + [index._key_of_row[i] for i in rest]
    index._pending = [pending[i] for i in rest]
    index.vectors.adopt(graph)
    events["reused"] += 1
    log.info("story vector graph reused: %d kept vectors, %d added (%s)", len(ids), len(rest),
             path)
    return ""


def save(index: StoryIndex, store: Any, kept: int = -1) -> None:
    """Keep the index's graph for the next run (after the run's stories were saved, under the
    story lock): written to a temporary name and renamed, so a reader sees a whole file or
    none. A store too small for a graph keeps none. ``kept``: what ``attach`` returned (a
    graph the run did not grow is not written again)."""
    path = graph_path(store)
    if path is None:
        return
    index.flush()
    graph = index.vectors.graph
    if graph is None or len(graph) != len(index._key_of_row):
        drop(store)
        return
    if kept == len(graph):
        return
    graph_bytes = graph.save()
    # the vectors as the next load restores them (``_adopt`` digests those the same way)
    vectors = (np.asarray(index.profiles[i].vector) for i in index._key_of_row)
    header = json.dumps({"format": FORMAT, "ids": index._key_of_row,
                         "vectors": _digest(vectors),
                         "graph": hashlib.blake2b(graph_bytes, digest_size=32).hexdigest(),
                         "size": len(graph_bytes)}).encode()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "wb") as handle:
            handle.write(MAGIC + struct.pack("<Q", len(header)) + header)
            handle.write(graph_bytes)
        os.replace(temporary, path)
    except OSError as exc:  # a full disk or a read-only folder costs the next run a rebuild
        log.warning("could not keep the story vector graph at %s: %s", path, exc)
        temporary.unlink(missing_ok=True)
        return
    events["saved"] += 1


def drop(store: Any) -> None:
    """Forget the kept graph (a removal: the graph holds vectors no longer stored)."""
    path = graph_path(store)
    if path is not None and path.exists():
        path.unlink(missing_ok=True)
        events["dropped"] += 1


def _read(path: Path) -> tuple[dict[str, Any], memoryview]:
    data = memoryview(path.read_bytes())
    start = len(MAGIC) + 8
    if len(data) < start or bytes(data[:len(MAGIC)]) != MAGIC:
        raise ValueError("not a Parallax graph file")
    (length,) = struct.unpack("<Q", data[len(MAGIC):start])
    header = json.loads(bytes(data[start:start + length]))
    graph_bytes = data[start + length:]
    if not isinstance(header, dict) or not isinstance(header.get("ids"), list) or \
            not all(isinstance(i, str) for i in header["ids"]) or \
            len(graph_bytes) != header.get("size") or \
            hashlib.blake2b(graph_bytes, digest_size=32).hexdigest() != header.get("graph"):
        raise ValueError("truncated or corrupt")
    return header, graph_bytes
