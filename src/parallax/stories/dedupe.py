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

from parallax.records import Article, Page, instant_key
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


#: an article's published time and its original (``Article.duplicate_of``), by id
Links = Mapping[str, tuple[str | None, str | None]]


class NearDuplicateIndex:
    def __init__(self, threshold: float, known: Iterable[tuple[str, bytes]] = (),
                 computed: Mapping[str, bytes] | None = None, links: Links | None = None,
                 by_date: bool = False) -> None:
        """``computed``: signatures already made for these texts (a batch worker's), so
        marking again across shards does not compute them again (1 ms per article).
        ``links``: the known articles' dates and originals (``Store.copy_links``).
        ``by_date`` (what a store's ingest and ``batch`` use): the original of a group of
        copies is its earliest dated member (``_first``), and the others are re-linked to
        it; off, a copy links to the most similar article marked before it (``parallax
        analyze`` prints a page as it reads it, so it cannot re-link one it printed)."""
        self.threshold = threshold
        self.computed = computed or {}
        self.by_date = by_date
        self.lsh = BandIndex(threshold, NUM_PERM)
        self.signatures: dict[str, np.ndarray] = {}
        #: each article's ``instant_key`` of its published time, read once: ``_first`` sorts a
        #: whole group of copies at each new one (R's review of f05bff7: parsed there, it
        #: tripled the marking of a group of 3,000 copies, 7 -> 22 s)
        self.published: dict[str, str] = {}
        self.original: dict[str, str] = {}  # a copy -> its original
        self.copies: dict[str, set[str]] = {}  # an original -> its copies
        #: this run's articles, re-linked in place; kept only with ``by_date``: a run that
        #: never re-links (``extract``, ``analyze``, a batch worker's shard) streams, and
        #: kept, every analysed article stayed in memory to its end (R's review of f05bff7)
        self.marked: dict[str, Article] = {}
        #: articles of earlier pages re-linked (original, similarity; None: an original now),
        #: for the store to write (``take_relinks``)
        self.relinked: dict[str, tuple[str | None, float | None]] = {}
        for article_id, (published, original) in (links or {}).items():
            self.published[article_id] = instant_key(published)
            if original:
                self._set(article_id, original)
        for article_id, data in known:
            self._insert(article_id, from_bytes(data))

    def _insert(self, article_id: str, minhash: np.ndarray) -> None:
        if article_id not in self.signatures:
            if article_id not in self.lsh.order:  # else forgotten, and back: an id is its
                self.lsh.insert(article_id, minhash)  # text, so its bands are these
            self.signatures[article_id] = minhash

    def _set(self, article_id: str, original: str | None) -> None:
        if (old := self.original.pop(article_id, None)) is not None:
            self.copies.get(old, set()).discard(article_id)
        if original is not None:
            self.original[article_id] = original
            self.copies.setdefault(original, set()).add(article_id)

    def forget(self, article_ids: Iterable[str]) -> None:
        """Articles removed from the store (``ingest --replace``): a page's new version must
        not be marked a copy of the version it replaces. Their bands stay; ``mark`` skips
        ids without a signature. Their copies are originals again, as the store makes them
        (``store/remove.py``)."""
        for article_id in article_ids:
            self.signatures.pop(article_id, None)
            self._set(article_id, None)
            for copy in sorted(self.copies.pop(article_id, set())):
                self._set(copy, None)

    def _group(self, member: str) -> list[str]:
        """The copies ``member`` belongs with, their original first: it, its copies, their
        copies (a copy links to the article it is most like, which may be a copy)."""
        root, seen = member, {member}
        while (up := self.original.get(root)) is not None and up not in seen:
            root = up
            seen.add(root)
        # in no set order: a group is read for its first member and its minimum (``_first``)
        group, visited = [root], {root}
        for node in group:  # grows as it is read
            for copy in self.copies.get(node, ()):
                if copy not in visited:
                    visited.add(copy)
                    group.append(copy)
        return group

    def _first(self, ids: Iterable[str]) -> str:
        """The original of a group of copies: the earliest dated (``instant_key``: a day
        alone comes before a time of that day), then the first stored; an undated copy is
        the original only when no copy is dated. Why: an earlier-dated copy was linked as
        a copy of a later or undated one only because that one was stored first."""
        return min(ids, key=lambda i: (self.published.get(i) or instant_key(None),
                                       self.lsh.order.get(i, len(self.lsh.order))))

    def _link(self, article_id: str, original: str | None, minhash: np.ndarray) -> None:
        """Point an article of an earlier page at ``original`` (None: it is one)."""
        if self.original.get(article_id) == original:
            return
        similarity = None if original is None else round(
            jaccard(self.signatures[article_id], minhash), 3)
        self._set(article_id, original)
        if (held := self.marked.get(article_id)) is not None:
            held.duplicate_of, held.duplicate_similarity = original, similarity
        self.relinked[article_id] = (original, similarity)

    def _reroot(self, root: str, first: str, first_sig: np.ndarray) -> None:
        """``first`` is the original of ``root``'s copies now: it stands alone, and the old
        original and the copies that named it link to it. A copy of a copy (a copy links to
        the article it is most like) keeps its link, and so reaches ``first`` through it:
        a corrected report stays linked to the version it corrects."""
        for member in [root, *sorted(self.copies.get(root, ()))]:
            if member != first and member in self.signatures:
                self._link(member, first, first_sig)
        if first in self.signatures:
            self._link(first, None, first_sig)

    def take_relinks(self) -> dict[str, tuple[str | None, float | None]]:
        """Articles of earlier pages whose original changed since the last call."""
        taken, self.relinked = self.relinked, {}
        return taken

    def mark(self, page: Page) -> dict[str, bytes]:
        """Link each main article to an earlier near-identical one; return new signatures.
        With ``by_date``, an article dated before its copies' original becomes theirs."""
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
            self.published[article.id] = instant_key(article.published.iso)
            if self.by_date:
                self.marked[article.id] = article
            if best is not None and self.by_date:
                group = self._group(best)
                first = self._first([*(g for g in group if g in self.signatures),
                                     article.id])
                if first != group[0]:  # the original changes: it was stored later
                    self._reroot(group[0], first, minhash if first == article.id else
                                 self.signatures[first])
                if first == article.id:
                    best = article.duplicate_of = article.duplicate_similarity = None
            if best is not None:  # ties: the earliest stored article (query order)
                article.duplicate_of, article.duplicate_similarity = best, round(best_score, 3)
                self._set(article.id, best)
            self._insert(article.id, minhash)
            new[article.id] = to_bytes(minhash)
        return new


def independent(articles: Iterable[Article]) -> list[Article]:
    """Articles that are not copies of another article in the same set."""
    items = list(articles)
    ids = {a.id for a in items}
    return [a for a in items if not (a.duplicate_of and a.duplicate_of in ids)]
