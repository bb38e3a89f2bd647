"""trafilatura's page metadata, only the fields the HTML path reads.

Why: ``bare_extraction(with_metadata=True)`` runs ``trafilatura.metadata.extract_metadata``,
about 40 % of trafilatura's time on real pages (~11 of ~28 ms), and part of that goes to
fields Parallax never reads (categories, tags, license: ~2.4 ms a page) and to htmldate's date
search on pages whose own markup already shows the date, where trafilatura's date is never
used (~1.8 ms). The steps below are trafilatura 2.3's ``extract_metadata``, in its order and
with its calls, less those: the title, author, URL, site name and (when asked) date come out
the same (``tests/test_segment_htmlmeta.py`` compares them with ``extract_metadata`` on the
fixture pages and a sample of the real ones; ``segment_html`` gave identical output on all
2,305 real, gold and demo pages, docs/segmentation.md, "HTML speed, twelfth session"), except
fields written as markup or holding a script: those are read as the text a reader sees
(``render.markup_text``; 1 of 1,828 training-site pages, docs/robustness.md, helper U2). None
of these steps changes the tree (the author and date searches work on deep copies, markup
metas are rewritten in one), so the text extraction that follows reads the page as before.
"""

from __future__ import annotations

import contextlib
from copy import deepcopy
from typing import Any

from lxml.etree import XPath
from trafilatura import metadata as tm
from trafilatura.settings import DEFAULT_CONFIG, Document, set_date_params

from parallax.segment.htmlauthor import author_search
from parallax.segment.render import CODE_TAGS, markup_text

#: the date search trafilatura runs by default (``Extractor.date_params``)
EXTENSIVE = DEFAULT_CONFIG.getboolean("DEFAULT", "EXTENSIVE_DATE_SEARCH")


def page_metadata(tree: Any, url: str | None, dated: bool) -> Document:
    """``extract_metadata(tree, url)`` without categories, tags and license, and without the
    date unless ``dated`` (the date then stays None). A field written as markup is read as
    the markup's shown text (``markup_text``)."""
    tree = _meta_as_text(tree)
    metadata = tm.examine_meta(tree)
    if metadata.author and " " not in metadata.author:
        metadata.author = None
    with contextlib.suppress(Exception):  # as extract_metadata: bugs in its JSON-LD reader
        metadata = tm.extract_meta_json(tree, metadata)
    if not metadata.title:
        metadata.title = _title(tree)
    if not metadata.author:
        metadata.author = form_free_author(tree, _author(tree))
    if not metadata.url:
        metadata.url = tm.extract_url(tree, url)
    if dated:
        params = set_date_params(EXTENSIVE)
        params["url"] = metadata.url
        metadata.date = tm.find_date(tree, **params)
    if not metadata.sitename:
        metadata.sitename = tm.extract_sitename(tree)
    metadata.title = markup_text(metadata.title)
    metadata.author = markup_text(metadata.author)
    metadata.sitename = markup_text(metadata.sitename)
    if metadata.sitename:
        metadata.sitename = metadata.sitename.lstrip("@")
        if metadata.sitename and "." not in metadata.sitename \
                and not metadata.sitename[0].isupper():
            metadata.sitename = metadata.sitename.title()
    elif metadata.url:
        found = tm.META_URL.match(metadata.url)
        if found:
            metadata.sitename = found[1]
    metadata.clean_and_trim()
    return metadata


# code whose words nobody is shown: a script's "alert" was an author's middle name
_CODE_NODES = XPath("|".join(f"//{tag}" for tag in CODE_TAGS))
# meta contents that may hold markup (lxml has decoded one level of entities already)
_MARKED_META = XPath("//meta[contains(@content, '<') or contains(@content, '&')]")


# code inside the elements trafilatura takes a title from (an <h1>, a title-classed heading),
# asked of each code element's ancestors: "//heading//code" made libxml2 merge a node set a
# heading, 13 s of CPU for a page of 16,000 headings holding scripts (thirtieth review)
_CODE_IN_HEADINGS = XPath(
    "//*[" + " or ".join(f"self::{tag}" for tag in CODE_TAGS) + "][ancestor::*[self::h1 or"
    " self::h2 or self::h3 or @class='entry-title' or @class='post-title']]")


def _title(tree: Any) -> str | None:
    """``trafilatura.metadata.extract_title``, read again with the scripts and styles inside
    headings pruned when its answer holds their words: it reads a heading's every text node, so
    an ``<h1>`` holding a ``<script>`` gave the script's words in the title and the story's name
    ("Ferry alert('t') row", thirtieth session). Only then, on a copy: pruning every time
    changes which element wins on other pages (a title block whose scripts kept it over
    trafilatura's length limit)."""
    title = tm.extract_title(tree)
    if not title:
        return title
    code = [" ".join(node.text.split()) for node in _CODE_IN_HEADINGS(tree) if node.text]
    read = " ".join(title.split())
    if not any(words and words in read for words in code):
        return title
    return tm.extract_title(tm.prune_unwanted_nodes(deepcopy(tree), [_CODE_IN_HEADINGS]))


def _meta_as_text(tree: Any) -> Any:
    """The page with its markup-made ``<meta content>`` read as text (``markup_text``): the
    author readers drop tags themselves but keep a script's words. A copy, only then."""
    if not any(markup_text(meta.get("content")) != meta.get("content")
               for meta in _MARKED_META(tree)):
        return tree
    tree = deepcopy(tree)
    for meta in _MARKED_META(tree):
        meta.set("content", markup_text(meta.get("content")) or "")
    return tree


def _author(tree: Any) -> str | None:
    """``trafilatura.metadata.extract_author`` with scripts and styles pruned as well: a
    byline element holding a ``<script>`` gave the script's words as part of the name. Read
    by one walk over the page (``htmlauthor``) where that walk can answer: the same words."""
    answered, author = author_search(tree)
    if not answered:
        subtree = tm.prune_unwanted_nodes(deepcopy(tree),
                                          [*tm.AUTHOR_DISCARD_XPATHS, _CODE_NODES])
        author = tm.extract_metainfo(subtree, tm.AUTHOR_XPATHS, len_limit=120)
    return tm.normalize_authors(None, author) if author else None


# a web form and its labels: trafilatura's author search matches any class holding "author",
# and a blog's comment form is '<p class="comment-form-author"><label>Name</label>...'
_FORMS = XPath("//form|//label")


def form_free_author(tree: Any, author: str | None) -> str | None:
    """trafilatura's author, searched again without the page's forms when what it found is
    a form's words: a comment form's field label ("Name", "Your name") was the article's
    author on real blog pages. Only then: the search is a deep copy of the page."""
    if not author:
        return author
    folded = author.casefold()
    if not any(folded in tm.trim(" ".join(node.itertext())).casefold() for node in _FORMS(tree)):
        return author
    pruned = tm.prune_unwanted_nodes(deepcopy(tree), [*tm.AUTHOR_DISCARD_XPATHS, _FORMS])
    found = tm.extract_metainfo(pruned, tm.AUTHOR_XPATHS, len_limit=120)
    return tm.normalize_authors(None, found) if found else None


__all__ = ["EXTENSIVE", "form_free_author", "page_metadata"]
