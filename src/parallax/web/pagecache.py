"""Rendered story pages, kept in memory and keyed by what the page depends on.

A story page's comparison is cached in the store, but rendering it (hundreds of rows through
Jinja2) still took about 30 ms of the 35 ms a cached story page cost, which capped the page near
50 requests/s. The key holds what the comparison cache's does (story id, title, member articles,
comparison stage and setting), so a story that gains an article gets a new key and is rendered
again; and what the page shows that a story can change without changing those: the record
(outlets, independent outlets, days, key entities) and the document each member is stored
from. An article that ``ingest --replace`` stores again under its id, its outlet or date
corrected, comes from a new document: a running server kept the old page until restarted while
the key had ids only. The comparison warmer renders
each page after computing its comparison, so a story nobody has opened yet is served from here
too. Bounded by bytes (least recently used pages go first); one process's memory only.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Sequence

from parallax.records import Story, content_hash
from parallax.settings import Config

MAX_BYTES = 200_000_000


class RenderedPages:
    def __init__(self, config: Config, max_bytes: int = MAX_BYTES) -> None:
        self.config = config
        self.max_bytes = max_bytes
        self.pages: OrderedDict[str, bytes] = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()

    def key(self, story: Story, versions: Sequence[tuple[str, str]] = ()) -> str:
        """``versions``: (member id, its document), ``Store.article_versions``."""
        return content_hash("story-page", self.config.stages["compare"],
                            str(self.config["shared_fact_share"]), story.id, story.title,
                            *sorted(story.article_ids),
                            json.dumps(story.to_dict(), sort_keys=True, ensure_ascii=False),
                            *(f"{a}@{d}" for a, d in sorted(versions)))

    def get(self, key: str) -> bytes | None:
        with self.lock:
            page = self.pages.get(key)
            if page is not None:
                self.pages.move_to_end(key)
            return page

    def put(self, key: str, page: bytes) -> None:
        if len(page) > self.max_bytes // 10:
            return
        with self.lock:
            old = self.pages.pop(key, None)
            self.size -= len(old) if old is not None else 0
            self.pages[key] = page
            self.size += len(page)
            while self.size > self.max_bytes:
                _, dropped = self.pages.popitem(last=False)
                self.size -= len(dropped)
