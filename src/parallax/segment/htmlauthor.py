"""trafilatura's author search (``metadata.extract_author``: its discarded boxes pruned from a copy
of the page, then up to three XPath queries) answered in one walk over the page itself.

Why: libxml2 evaluates each of those queries' predicates element by element, ~1–1.5 ms a query
on a real page of ~650 elements, and the search ran four of them after a deep copy of the page:
~4 ms of the HTML path's ~35 ms a page on the benchmark's real pages, paid again by every page
without an author meta tag (docs/segmentation.md, "Twenty-ninth session (helper HS)"). Each
predicate reads only an element's tag and attributes, so pruning cannot make an element match
that did not; the walk reads the same predicates once per element, skips what the pruning
would remove, and reads a match's words from the page itself when nothing under it would be
pruned (its text is then the pruned copy's, word for word). Anything else — a ``<rel>``
element (the first query's ``rel='me'`` reads a child element's text), a match holding a pruned
element, or trafilatura's queries other than those this was written from (``QUERIES_HASH``) —
returns ``None`` for "not answered": the caller then runs trafilatura's own search.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from trafilatura import metadata as tm

from parallax.segment.render import CODE_TAGS

#: the five queries (three author queries, two discarded-box queries) this walk answers:
#: their text, whitespace folded, hashed
QUERIES_HASH = "2af94d4a6e04"

_A0_TAGS = frozenset(("a", "address", "div", "link", "p", "span", "strong"))
_A0_CLASS = re.compile("author-?name|AuthorName|authorName")
_A1_TAGS = frozenset(("a", "div", "h3", "h4", "p", "span"))
_A1_CLASSES = frozenset(("byline", "username", "byl", "BBL"))
_A1_ID = re.compile("author|zuozhe|bianji|xiaobian")
_A1_CLASS = re.compile(
    "author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name")
_A2_ID = re.compile("[Aa]uthor")
_A2_CLASS = re.compile("[Aa]uthor|screenname|writer|[Bb]yline")
_D0_TAGS = frozenset(("a", "div", "section", "span"))
_D0_CLASSES = frozenset(("comments", "title", "date"))
_D0_ID = re.compile("^comments|comment-?list|ProductReviews")
_D0_CLASS = re.compile(
    "^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram|"
    "article-(?:share|support)|print|category|meta-date|meta-reviewer")
#: elements pruned whatever their attributes: trafilatura's ``//time|//figure`` and the code
#: ``htmlmeta`` prunes as well
_PRUNED_TAGS = frozenset(("time", "figure", *CODE_TAGS))


def queries_hash() -> str:
    """The hash of trafilatura's author and discarded-box queries, as ``QUERIES_HASH``."""
    text = "\n".join(" ".join(q.path.split())
                     for q in (*tm.AUTHOR_XPATHS, *tm.AUTHOR_DISCARD_XPATHS))
    return hashlib.sha256(text.encode()).hexdigest()[:12]


ANSWERS = queries_hash() == QUERIES_HASH


def _pruned(node: Any) -> bool:
    """The first discarded-box query's predicate (``.//*[...]``) and the pruned tags."""
    tag = node.tag
    if tag in _PRUNED_TAGS:
        return True
    if tag not in _D0_TAGS:
        return False
    ident = node.get("id")
    name = node.get("class")
    return (ident == "comments" or name in _D0_CLASSES
            or (ident is not None and _D0_ID.search(ident) is not None)
            or (name is not None and _D0_CLASS.search(name) is not None)
            or "Figure" in (node.get("data-component") or ""))


def _query(node: Any) -> int:
    """The first of the three author queries the element matches (0, 1, 2; 3: none), less the
    first query's ``rel='me'`` (a page with a ``<rel>`` element is not answered here)."""
    tag = node.tag
    if tag == "author":
        return 0
    name = node.get("class")
    ident = node.get("id")
    itemprop = node.get("itemprop")
    if tag in _A0_TAGS and (
            node.get("rel") == "author" or ident == "author" or name == "author"
            or itemprop == "author name"
            or node.get("data-testid") in ("AuthorCard", "AuthorURL")
            or (name is not None and _A0_CLASS.search(name) is not None)):
        return 0
    in_itemprop = itemprop is not None and "author" in itemprop
    if tag in _A1_TAGS and (
            name in _A1_CLASSES or in_itemprop
            or (ident is not None and _A1_ID.search(ident) is not None)
            or (name is not None and _A1_CLASS.search(name) is not None)):
        return 1
    if in_itemprop or "Byline" in (node.get("data-component") or "") \
            or (ident is not None and _A2_ID.search(ident) is not None) \
            or (name is not None and _A2_CLASS.search(name) is not None):
        return 2
    return 3


def author_search(tree: Any) -> tuple[bool, str | None]:
    """(answered, what ``extract_metainfo`` would find in the pruned copy of ``tree``: the
    first match of the first query with one, whose words are 3–119 characters long)."""
    if not ANSWERS or next(tree.iter("rel"), None) is not None:
        return False, None
    found: list[list[list[Any]]] = [[], [], []]
    _walk(tree, tree, found)
    for matches in found:
        for node, lost in matches:
            if lost:  # its words in the pruned copy are not the page's
                return False, None
            content = tm.trim(" ".join(node.itertext()))
            if content and 2 < len(content) < 120:
                return True, content
    return True, None


def _walk(node: Any, root: Any, found: list[list[list[Any]]]) -> bool:
    """Whether the node's subtree loses an element to the pruning; each match of an author
    query goes to ``found`` as [element, whether its subtree loses one]. A module function,
    not a closure: a recursive closure is a reference cycle that kept each page's tree alive
    until the garbage collector ran (the path slowed round by round, measured)."""
    tag = node.tag
    if not isinstance(tag, str):
        return False
    if node.keys():
        if node is not root and _pruned(node):
            return True
        at = _query(node)
    elif tag in _PRUNED_TAGS and node is not root:  # no attribute: only its tag counts
        return True
    else:
        at = 0 if tag == "author" else 3
    match = [node, False]
    if at < 3:  # in document order: a node before its descendants
        found[at].append(match)
    lost = False
    for child in node:
        lost = _walk(child, root, found) or lost
    match[1] = lost
    return lost


__all__ = ["ANSWERS", "QUERIES_HASH", "author_search", "queries_hash"]
