"""What a site repeats on every page is its furniture: a memory of the lines a batch shares.

Why: every other rule reads one page alone, and the text kept around a text dump's article
(teaser lists, footers, bylines of the site's own columns, share lines) is each site's own
template, which no phrase list carries to a new site (docs/segmentation.md, sixteenth to
thirtieth sessions). Users rarely give one page of a site: a folder, a crawl, a feed or a
WARC holds several, and a line that stands verbatim on other pages of the same template that
are *different articles* is furniture there, not this article's text.

How, in two passes over one batch (``Pipeline.process_many``; so the answer does not depend on
the order inside the batch): first every text dump of the batch is segmented alone and its
lines fingerprinted; then a main article's paragraph is moved to the page's boilerplate
(kind ``site_furniture``) when it stands on at least ``KSHARE`` of the page's template
siblings. No site name is needed: a sibling is a dump of the batch that shares at least
``MIN_SHARED`` of its short lines with this one and at least ``SHARE`` of them (pages of one
site or one blog platform's template). Guards, so an article never loses its own text: a
sibling whose main article overlaps this one (an updated story, a syndicated copy: word
4-grams, ``SAME_ARTICLE``) does not count; a prose paragraph (``PROSE_WORDS`` words or more,
reading as a sentence) must stand on at least two such siblings, so a standfirst two articles
share stays (a story and its follow-up: with one sibling the rule cannot tell a shared
paragraph from the template's, so it moves none; docs/segmentation.md, helper ST3); paragraphs
over ``MAX_WORDS`` words are never touched, nor the title; and
nothing is moved when it would take more than half the article's words. Lines are compared
with whitespace collapsed and case folded, digits kept (a date or a count that differs is the
page's own). A page alone, or a batch of unrelated pages, comes out
exactly as before. Only text dumps (``kind == "text"``): HTML pages were not measured.

Across ingests (``stored``): ``ingest`` keeps each stored dump's line hashes
(``line_hashes``; store/site_lines.py) and gives a new dump, besides its batch, the stored
dumps that share its template (at most ``STORED_SIBLINGS``, newest first) with their main
article's stored text; they count as batch siblings do. Stored pages are never read again.

Chosen on half 0 of the training sites (``md5("s31|" + site) % 2``), confirmed on half 1, out
of fold (docs/segmentation.md, "Thirty-first session (helper ST)").
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from parallax.records import Article, Boilerplate, Page, RawDocument
from parallax.segment.lines import paragraph_like
from parallax.segment.realpages import shingles, words

#: a sibling shares at least this many of the page's distinct short lines ...
MIN_SHARED = 8
#: ... and at least this share of them
SHARE = 0.3
#: a paragraph is furniture when it stands on at least this share of the siblings (at least one)
KSHARE = 0.3
#: lines longer than this (words) are prose: never compared, never moved
MAX_WORDS = 40
#: a paragraph of this many words or more that reads as prose needs two siblings, not one
PROSE_WORDS = 10
#: a sibling whose main article shares this share of word 4-grams (of the shorter) is the same
#: article (an update, a copy), not a different page of the template
SAME_ARTICLE = 0.5
#: at most this share of the article's words may be moved
MAX_MOVED = 0.5
#: at most this many stored dumps (the newest that share the template) are read as siblings
STORED_SIBLINGS = 16


@dataclass(frozen=True, slots=True)
class Sibling:
    """A stored dump read as a sibling: its line hashes and its main article's text."""

    lines: frozenset[int]
    text: str


def fold(line: str) -> str:
    return " ".join(line.split()).lower()


def fingerprint(text: str) -> frozenset[str]:
    """The distinct short lines of a dump, folded."""
    found = set()
    for line in text.splitlines():
        parts = line.split()
        if parts and len(parts) <= MAX_WORDS:
            found.add(" ".join(parts).lower())
    return frozenset(found)


def line_hash(line: str) -> int:
    """A folded line as a signed 64-bit number (what the store keeps and looks up; Python's
    own ``hash`` of a string differs between processes)."""
    return int.from_bytes(hashlib.blake2b(line.encode("utf-8", "surrogatepass"),
                                          digest_size=8).digest(), "big", signed=True)


def line_hashes(text: str) -> frozenset[int]:
    """A dump's fingerprint as the store keeps it."""
    return frozenset(line_hash(line) for line in fingerprint(text))


def least_shared(lines: frozenset[int]) -> float:
    """How many of a page's short lines a sibling must share with it."""
    return max(MIN_SHARED, SHARE * len(lines))


def overlap(a: Counter[tuple[str, ...]], b: Counter[tuple[str, ...]]) -> float:
    """Shared word 4-grams over the shorter text's (``Counter.__and__`` without building it)."""
    if not a or not b:
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    shared = sum(min(n, large[g]) for g, n in small.items() if g in large)
    return shared / min(a.total(), b.total())


@dataclass(slots=True)
class Searched:
    """What a chunk's sibling search computes from texts alone (a dump's line hashes, a main
    text's word 4-grams), kept for its next search: the chunk is searched before the sibling
    line model's second reading and again for the memory (``Pipeline.segment_many``)."""

    prints: dict[str, frozenset[int]] = field(default_factory=dict)
    grams: dict[str, Counter[tuple[str, ...]]] = field(default_factory=dict)


def siblings(docs: Sequence[RawDocument], results: Sequence[object],
             stored: Mapping[str, Sequence[Sibling]] | None = None,
             searched: Searched | None = None
             ) -> dict[int, list[Sibling]]:
    """Each text dump's template siblings (``results[i]`` is ``docs[i]``'s Page or
    Rejection; ``stored``: a document's sha256 -> the stored dumps that may be its siblings,
    ``ingest``): index into ``docs`` -> its siblings (their line hashes and main article's
    text). Dumps without a sibling are left out. Read by the memory
    (``drop_site_furniture``) and the sibling line model (``sitelines_model``)."""
    pages = [i for i, (doc, page) in enumerate(zip(docs, results, strict=True))
             if isinstance(page, Page) and doc.kind == "text"]
    stored = stored or {}
    if len(pages) < 2 and not any(stored.get(docs[i].sha256) for i in pages):
        return {}
    searched = searched or Searched()
    known = searched.prints
    prints = {}
    for i in pages:
        text = docs[i].text
        if text not in known:
            known[text] = line_hashes(text)
        prints[i] = known[text]
    mains = {i: _main(results[i]) for i in pages}  # type: ignore[arg-type]
    texts = {i: main.text if main is not None else "" for i, main in mains.items()}
    # word 4-grams by text, made only for pages whose lines make them siblings, once a chunk
    # (a chunk's dumps share their stored siblings)
    grams = searched.grams

    def grams_of(text: str) -> Counter[tuple[str, ...]]:
        if text not in grams:
            grams[text] = shingles(words(text))
        return grams[text]

    found: dict[int, list[Sibling]] = {}
    for i in pages:
        if mains[i] is None or len(prints[i]) < MIN_SHARED:
            continue
        least = least_shared(prints[i])
        held = [Sibling(prints[j], texts[j]) for j in pages if j != i
                and len(prints[i] & prints[j]) >= least
                and overlap(grams_of(texts[i]), grams_of(texts[j])) < SAME_ARTICLE]
        held += [s for s in stored.get(docs[i].sha256, ())
                 if len(prints[i] & s.lines) >= least
                 and overlap(grams_of(texts[i]), grams_of(s.text)) < SAME_ARTICLE]
        if held:
            found[i] = held
    return found


def drop_site_furniture(docs: Sequence[RawDocument], results: Sequence[object],
                        stored: Mapping[str, Sequence[Sibling]] | None = None,
                        searched: Searched | None = None) -> None:
    """Move each text dump's template lines out of its main article, in place (``results[i]``
    is ``docs[i]``'s Page or Rejection). ``stored``: a document's sha256 -> the stored dumps
    that may be its siblings (``ingest``)."""
    for i, held in siblings(docs, results, stored, searched).items():
        page = results[i]
        assert isinstance(page, Page)
        main = _main(page)
        assert main is not None
        _drop(page, main, Counter(f for s in held for f in s.lines),
              max(1.0, KSHARE * len(held)))


def _main(page: Page) -> Article | None:
    return next((a for a in page.articles if a.role == "main"), None)


def _drop(page: Page, main: Article, seen: Counter[int], least: float) -> None:
    paragraphs = main.text.split("\n\n")
    prose = max(least, 2)  # one sibling cannot tell a shared paragraph from the template's
    moved = [p for p in paragraphs if len(p.split()) <= MAX_WORDS
             and seen.get(line_hash(fold(p)), 0) >= (
        prose if len(p.split()) >= PROSE_WORDS and paragraph_like(p) else least)]
    if not moved or sum(len(p.split()) for p in moved) > MAX_MOVED * len(main.text.split()):
        return
    gone = set(moved)
    main.text = "\n\n".join(p for p in paragraphs if p not in gone)
    main.id = Article.make_id(main.title, main.text)
    page.boilerplate.extend(Boilerplate(p, "site_furniture") for p in moved)


__all__ = ["STORED_SIBLINGS", "Searched", "Sibling", "drop_site_furniture", "fingerprint",
           "least_shared", "line_hashes", "siblings"]
