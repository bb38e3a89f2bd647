"""Near-duplicate detection (syndicated copies, one wire story on several sites).

MinHash over word 5-shingles with an LSH index (``stories/minhash.py``: datasketch's scheme,
without its import cost). A copy is linked to the article it
copies (``Article.duplicate_of``), never deleted: the reader can still see who ran it, while
stories count independent outlets, not copies. Signatures are stored so the index survives
across ingest runs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

import numpy as np

from parallax.records import Article, Page
from parallax.stories.minhash import BandIndex, MinHasher, jaccard
from parallax.titles import without_moved_title

NUM_PERM = 128
# stored signatures are datasketch >= 2's "affine32" scheme, seed 1 (stories/minhash.py)
SHINGLE = 5
_WORD = re.compile(r"\w+", re.UNICODE)
_HASHER = MinHasher(NUM_PERM)


def signature(text: str) -> np.ndarray:
    tokens = [t.lower() for t in _WORD.findall(text)]
    shingles = {" ".join(tokens[i:i + SHINGLE]) for i in range(max(1, len(tokens) - SHINGLE + 1))}
    return _HASHER.signature(s.encode("utf-8") for s in shingles)


def to_bytes(minhash: np.ndarray) -> bytes:
    """Stored as 64-bit values, as datasketch's signatures always were."""
    return np.asarray(minhash, dtype=np.uint64).tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    values = np.frombuffer(data, dtype=np.uint64)
    if len(values) != NUM_PERM or int(values.max(initial=0)) > 0xFFFFFFFF:
        raise ValueError("not a stored 128-value affine32 MinHash signature")
    return values.astype(np.uint32)


class NearDuplicateIndex:
    def __init__(self, threshold: float, known: Iterable[tuple[str, bytes]] = (),
                 computed: Mapping[str, bytes] | None = None) -> None:
        """``computed``: signatures already made for these texts (a batch worker's), so
        marking again across shards does not compute them again (1 ms per article)."""
        self.threshold = threshold
        self.computed = computed or {}
        self.lsh = BandIndex(threshold, NUM_PERM)
        self.signatures: dict[str, np.ndarray] = {}
        for article_id, data in known:
            self._insert(article_id, from_bytes(data))

    def _insert(self, article_id: str, minhash: np.ndarray) -> None:
        if article_id not in self.signatures:
            if article_id not in self.lsh.order:  # else forgotten, and back: an id is its
                self.lsh.insert(article_id, minhash)  # text, so its bands are these
            self.signatures[article_id] = minhash

    def forget(self, article_ids: Iterable[str]) -> None:
        """Articles removed from the store (``ingest --replace``): a page's new version must
        not be marked a copy of the version it replaces. Their bands stay; ``mark`` skips
        ids without a signature."""
        for article_id in article_ids:
            self.signatures.pop(article_id, None)

    def mark(self, page: Page) -> dict[str, bytes]:
        """Link each main article to an earlier near-identical one; return new signatures."""
        new: dict[str, bytes] = {}
        for article in page.articles:
            # not a cut title's whole text, which opens the text (parallax/titles.py): two
            # copies under different run-away titles are copies, as before titles were cut
            text = without_moved_title(article.text, article.notes)
            if article.role != "main" or len(text.split()) < 50:
                continue
            given = self.computed.get(article.text)
            minhash = signature(text) if given is None else from_bytes(given)
            best, best_score = None, 0.0
            for other in self.lsh.query(minhash):
                if other == article.id or other not in self.signatures:
                    continue
                score = jaccard(minhash, self.signatures[other])
                if score >= self.threshold and score > best_score:
                    best, best_score = other, score
            if best is not None:  # ties: the earliest stored article (query order)
                article.duplicate_of, article.duplicate_similarity = best, round(best_score, 3)
            self._insert(article.id, minhash)
            new[article.id] = to_bytes(minhash)
        return new


def independent(articles: Iterable[Article]) -> list[Article]:
    """Articles that are not copies of another article in the same set."""
    items = list(articles)
    ids = {a.id for a in items}
    return [a for a in items if not (a.duplicate_of and a.duplicate_of in ids)]
