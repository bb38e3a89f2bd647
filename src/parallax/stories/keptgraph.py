"""The story index's vector graph kept beside the store, so that one more article at 100,000
stored does not rebuild an HNSW graph of every stored vector (about 70 s of CPU,
docs/stories.md, twenty-fourth and twenty-fifth sessions).

A kept graph is used only when the vectors it holds are vectors the store still holds: its file
names the article of each graph key and a digest of each one's vector (float32, as the store
holds it), both checked against what the load restored; the articles stored since are added to
it (an HNSW graph grows one insert at a time, as a batch build does on all threads in an order
that varies between runs). An article removed since (``parallax delete``, ``--replace``) is
taken out of the graph (usearch ``remove``: its node stays as a waypoint that no search
returns) while the removed keys stay at most ``REMOVED_SHARE`` of the graph's; measured against
a fresh build of the vectors left, as good up to a fifth removed (docs/stories.md,
twenty-sixth session, helper S2). Anything else (more removed, a changed vector, another
store's file, a truncated or corrupt one, other graph settings) is rebuilt from the store and
saved again, with a log line saying why; the file is never trusted past its checks (usearch
reads only bytes whose digest matched).

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

MAGIC = b"parallax-graph\x00\x02"
SUFFIX = "-stories.graph"
#: bytes of each key's vector digest (blake2b), stored after the header in key order
DIGEST = 16
#: removed articles are taken out of a kept graph while its removed keys are at most this
#: share of its keys (measured as good as a fresh build up to 0.2); beyond, it is built anew
REMOVED_SHARE = 0.2
#: what a graph's keys and vectors mean: another value makes every kept graph stale
FORMAT = json.dumps({"graph": GRAPH_SETTINGS, "profiles": PROFILE_VERSION,
                     "vectors": "blake2b-128 of each float32 vector by key, '' a removed key"},
                    sort_keys=True)
#: what happened to kept graphs in this process: reused, extended, trimmed (removed articles
#: taken out), rebuilt, saved, dropped (tests read it; the log says the same)
events: Counter[str] = Counter()


class OtherVersion(ValueError):
    """A graph file of another file version (one before removed articles could be taken out
    has one digest of all vectors): rebuilt, logged as routine."""


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


def _digests(vectors: Iterable[np.ndarray | None]) -> bytes:
    """Of each vector (float32, as ``load`` restores them from the store; None: a removed key,
    zeros), ``DIGEST`` bytes each: one per key, so that the vectors left after a removal can
    be checked without the removed ones (one digest of them all cost the same at 100,000)."""
    blake, none = hashlib.blake2b, bytes(DIGEST)
    return b"".join(none if vector is None else
                    blake(np.ascontiguousarray(vector, dtype=np.float32).data,
                          digest_size=DIGEST).digest() for vector in vectors)


def attach(index: StoryIndex, store: Any) -> int:
    """Serve a freshly loaded index's vector search from the kept graph (plus the articles
    stored since) when it matches, else build it as ``flush`` does. Returns how many vectors
    the kept file holds of those now in the graph (-1: none, or removed articles were taken
    out of it; ``save`` after the run writes it when the graph holds other vectors)."""
    pending = len(index._pending)
    path = graph_path(store)
    if path is None or pending < ann.EXACT_BELOW or pending != len(index._key_of_row):
        index.flush()
        return -1
    damaged, removed = False, 0
    try:
        why, removed = _adopt(index, path, *_read(path))
    except FileNotFoundError:
        why = "no kept graph"
    except OtherVersion as exc:  # an upgrade: routine, not damage
        why = str(exc)
    except Exception as exc:  # whatever is wrong with the file: build anew, never crash
        why, damaged = f"unreadable ({type(exc).__name__}: {exc})", True
    if not why:
        held = len(index.vectors.graph)
        if index._pending:
            events["extended"] += 1
        index.flush()  # the articles stored since: keys go on from the kept graph's last
        return -1 if removed else held  # a trimmed graph is written again
    events["rebuilt"] += 1
    # a damaged file is worth a look (a full disk, a copy cut short); a stale one is routine
    (log.warning if damaged else log.info)(
        "story vector graph built from %d stored vectors: %s (%s)", pending, why, path)
    index.flush()
    return -1


def _adopt(index: StoryIndex, path: Path, header: dict[str, Any], digests: memoryview,
           graph_bytes: memoryview) -> tuple[str, int]:
    """Put the kept graph in the index when it matches; why not otherwise ("" when adopted)
    and how many of its keys were taken out for articles no longer stored."""
    if header.get("format") != FORMAT:
        return "made with other settings", 0
    ids: list[str] = header["ids"]
    position = {article_id: i for i, article_id in enumerate(index._key_of_row)}
    live = [key for key, article_id in enumerate(ids) if article_id]
    if len({ids[key] for key in live}) != len(live):
        return "it lists an article twice", 0
    present = [key for key in live if ids[key] in position]
    if not present or len(ids) - len(present) > REMOVED_SHARE * len(ids):
        return "it holds articles no longer stored (another store's, or many removed)", 0
    pending = index._pending
    by_key = np.frombuffer(digests, dtype=np.uint8).reshape(len(ids), DIGEST)
    expected = by_key[np.asarray(present, dtype=np.int64)].tobytes()
    if _digests(pending[position[ids[key]]] for key in present) != expected:
        return "its vectors differ from the stored ones", 0
    graph = new_graph(index.vectors.dim)
    if graph is None:  # pragma: no cover - usearch is a declared dependency
        return "usearch is not importable", 0
    graph.load(graph_bytes)
    if len(graph) != len(live):
        return "its graph does not hold the vectors its file lists", 0
    removed = [key for key in live if ids[key] not in position]
    if removed:  # their nodes stay as waypoints; no search returns them
        graph.remove(np.asarray(removed, dtype=np.uint64))
        events["trimmed"] += 1
    kept = {ids[key] for key in present}
    rest = [i for i, article_id in enumerate(index._key_of_row) if article_id not in kept]
    # a removed article's key names no article (""): ``stories_of_rows`` finds no story
    index._key_of_row = [a if a in kept else "" for a in ids] + \
        [index._key_of_row[i] for i in rest]
    index._pending = [pending[i] for i in rest]
    index.vectors.adopt(graph)
    events["reused"] += 1
    log.info("story vector graph reused: %d kept vectors, %d removed, %d added (%s)",
             len(present), len(removed), len(rest), path)
    return "", len(removed)


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
    ids = index._key_of_row
    if graph is None or len(graph) != len(ids) - ids.count(""):
        drop(store)
        return
    if kept == len(graph):
        return
    # the vectors as the next load restores them (``_adopt`` digests those the same way)
    digests = _digests(np.asarray(index.profiles[i].vector) if i else None for i in ids)
    graph_bytes = graph.save()
    checksum = hashlib.blake2b(digests, digest_size=32)
    checksum.update(graph_bytes)
    header = json.dumps({"format": FORMAT, "ids": ids, "graph": checksum.hexdigest(),
                         "size": len(digests) + len(graph_bytes)}).encode()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "wb") as handle:
            handle.write(MAGIC + struct.pack("<Q", len(header)) + header)
            handle.write(digests)
            handle.write(graph_bytes)
        os.replace(temporary, path)
    except OSError as exc:  # a full disk or a read-only folder costs the next run a rebuild
        log.warning("could not keep the story vector graph at %s: %s", path, exc)
        temporary.unlink(missing_ok=True)
        return
    events["saved"] += 1


def drop(store: Any) -> None:
    """Forget the kept graph (the index holds no graph, or one its keys do not describe)."""
    path = graph_path(store)
    if path is not None and path.exists():
        path.unlink(missing_ok=True)
        events["dropped"] += 1


def _read(path: Path) -> tuple[dict[str, Any], memoryview, memoryview]:
    """The header, the vector digests and the graph's bytes, after the payload's digest."""
    data = memoryview(path.read_bytes())
    start = len(MAGIC) + 8
    if len(data) >= start and bytes(data[:len(MAGIC) - 1]) == MAGIC[:-1] and \
            data[len(MAGIC) - 1] != MAGIC[-1]:
        raise OtherVersion("written by another version of Parallax")
    if len(data) < start or bytes(data[:len(MAGIC)]) != MAGIC:
        raise ValueError("not a Parallax graph file")
    (length,) = struct.unpack("<Q", data[len(MAGIC):start])
    header = json.loads(bytes(data[start:start + length]))
    payload = data[start + length:]
    if not isinstance(header, dict) or not isinstance(header.get("ids"), list) or \
            not all(isinstance(i, str) for i in header["ids"]) or \
            len(payload) != header.get("size") or len(payload) < DIGEST * len(header["ids"]) or \
            hashlib.blake2b(payload, digest_size=32).hexdigest() != header.get("graph"):
        raise ValueError("truncated or corrupt")
    cut = DIGEST * len(header["ids"])
    return header, payload[:cut], payload[cut:]
