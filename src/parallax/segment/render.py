"""Render an HTML page into the text-dump shapes people paste, to train and test on real pages.

Text dumps of real pages do not exist in any public set, but their shapes are few and known:
what a browser's select-all copies (blank lines between blocks), what a scraper's
``get_text("\\n")`` gives (one block per line, no blank lines), what lynx/w3m or an e-mail client
give (hard-wrapped at 70–80 columns), and what reader modes export (Markdown). Rendering the
*whole* visible page (menus, footers, teasers included) into each shape gives dumps whose gold
main text is known, so the line model can learn from real furniture instead of the furniture we
imagined. Used by ``benchmarks/train_line_model.py`` and the real-page CI gate, and at runtime
when the HTML extractor finds no article (the visible lines are then read as a dump).
"""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree
from lxml import html as lxml_html

from parallax.segment.blockmarks import ARTICLE, NO_MARKS, TAGS, known, name_kind

UTF8 = lxml_html.HTMLParser(encoding="utf-8", remove_comments=True)
# what lxml.html's ``text_content()`` runs, for plain ``etree`` elements too: the HTML path reads
# its own parse as plain elements (no Python class lookup for every element it touches)
text_of = etree.XPath("string()", smart_strings=False)


def flat_text(node: etree._Element) -> str:
    """The element's text as one line: whitespace runs (newlines, indentation) become one
    space."""
    return " ".join(text_of(node).split())


#: elements whose words nobody is shown (``shown_text``, ``markup_text``, ``htmlmeta``'s author)
CODE_TAGS = ("script", "style", "noscript", "template")
_IN_CODE = " or ".join(f"ancestor::{tag}" for tag in CODE_TAGS)
_SHOWN = etree.XPath(f"descendant-or-self::text()[not({_IN_CODE})]", smart_strings=False)


# an HTML element's tag or a comment, escaped or not: what makes a field markup rather than
# text. Any "<word>" is not: a work's title in angle brackets ("hit <Harbour Lights> tops the
# charts", made up) is text, and reading it as a tag lost the title (seventeenth session,
# docs/robustness.md, JSONL names); shared with ``ingest.jsonl``
MARKUP = re.compile(r"</?(?:a|abbr|b|big|br|cite|code|del|div|em|font|h[1-6]|hr|i|iframe|img|"
                    r"ins|kbd|mark|noscript|p|q|s|small|span|strike|strong|style|sub|sup|"
                    r"script|svg|template|time|u|wbr)(?=[\s/>])[^<>]*>|<!--", re.IGNORECASE)
# what is left of an attribute the markup broke out of ('"><img ...>Name' reads '">Name')
_BROKEN_OUT = re.compile(r"^[\"'\s]*>\s*")
# a code tag's opening, and its end: one opened and never closed names the tag in the text ("why
# the <script> tag still matters", made up), and the parser read the rest of the value as code
_CODE_OPEN = {tag: re.compile(rf"<(?={tag}[\s/>])", re.IGNORECASE) for tag in CODE_TAGS}
_CODE_CLOSE = {tag: re.compile(rf"</{tag}\s*>", re.IGNORECASE) for tag in CODE_TAGS}


def _unclosed_code_as_text(text: str) -> str:
    """The value with every code tag that is never closed escaped, so that it reads as the text
    it is. Why: a title naming the tag lost every word after it."""
    for tag in CODE_TAGS:
        if _CODE_OPEN[tag].search(text) and not _CODE_CLOSE[tag].search(text):
            text = _CODE_OPEN[tag].sub("&lt;", text)
    return text


def markup_text(value: str | None) -> str | None:
    """The text a reader would see of a field written as markup ('<b>Daily</b> Post' ->
    'Daily Post'; its entity-encoded form too), without the words of scripts and styles;
    None when nothing textual is left. Why: an outlet, title or author made of markup was
    shown escaped, tags and all, and a script's words stayed in an author's name. A value
    without a tag is returned as it is (real pages' fields: unchanged)."""
    if not value or ("<" not in value and "&" not in value):
        return value
    text = value
    if not MARKUP.search(text):
        text = html.unescape(text)
        if not MARKUP.search(text):
            return value
    text = _unclosed_code_as_text(text)
    if not MARKUP.search(text):
        return value
    try:
        fragment = lxml_html.fragment_fromstring(text, create_parent="div")
    except (etree.ParserError, ValueError):
        return None
    # read as rendered: a line break or a block ends a word ("Mira Tal<br>Staff writer" was
    # "Mira TalStaff writer"), and the words of scripts and styles are not shown
    words = _BROKEN_OUT.sub("", spaced_text(fragment))
    return words if any(c.isalnum() for c in words) else None


def shown_text(node: etree._Element) -> str:
    """``flat_text`` without the words of the scripts and styles inside the element: what a
    reader sees of a teaser's title or a byline. Why: a link holding a ``<script>`` gave a
    teaser title ending in the script's code."""
    if next(node.iter(*CODE_TAGS), None) is None:
        return flat_text(node)
    return " ".join("".join(_SHOWN(node)).split())


def spaced_text(node: etree._Element) -> str:
    """``flat_text`` with block-level children kept apart by a space: a ``<time>`` whose day,
    month and year are ``<div>``s reads "4 May 2026", not "4May2026"."""
    parts: list[str] = []

    def walk(item: etree._Element) -> None:
        block = item.tag in BLOCK_TAGS
        if isinstance(item.tag, str) and item.tag not in SKIP_TAGS:
            parts.append(" " if block else "")
            parts.append(item.text or "")
            for child in item:
                walk(child)
                parts.append(child.tail or "")
            parts.append(" " if block else "")

    walk(node)
    return " ".join("".join(parts).split())


BLOCK_TAGS = frozenset(
    "address article aside blockquote body br dd div dl dt fieldset figcaption figure footer "
    "form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody td tfoot th "
    "thead tr ul option select center".split())
SKIP_TAGS = frozenset("script style noscript template head title iframe svg object embed "
                      "canvas button input textarea map".split())
HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
RENDERINGS = ("lines", "select_all", "wrapped", "markdown")


@dataclass(slots=True)
class Block:
    text: str
    tag: str  # h1..h6 | li | p | other
    #: the markup around the block's first words (``blockmarks``): the nearest furniture-marked
    #: container's kind code, its share of the page's characters, the nearest article-marked
    #: container's share, and 1 / -1 when the furniture / article one is nearer (0: not both)
    marks: tuple[int, float, float, int] = NO_MARKS


def _visible(node: etree._Element) -> bool:
    return not (node.get("hidden") is not None or node.get("aria-hidden") == "true"
                or HIDDEN.search(node.get("style") or ""))


def page_blocks(page: str) -> tuple[str, list[Block]]:
    """The page's title and its visible text, one block per block-level element."""
    if not page.strip():
        return "", []
    try:
        tree = lxml_html.fromstring(page.encode("utf-8", "replace"), parser=UTF8)
    except (etree.ParserError, ValueError):
        return "", []
    return tree_blocks(tree)


def tree_blocks(tree: etree._Element) -> tuple[str, list[Block]]:
    """``page_blocks`` of an already parsed page (the HTML path parses each page once).

    The walk reads each node's tag, text, tail, class and id, and the three attributes that
    may hide it (it runs on every HTML page: ~600 nodes): three lookups a node cost less than
    an XPath query for the nodes holding them (~0.1 ms a page less on the benchmark's pages,
    the same blocks; twenty-ninth session, helper HS).
    The walk keeps the open furniture- and article-marked containers (``blockmarks``); a block
    takes the two open at its first words, and each container's share of the page is counted
    from the blocks it holds after the walk."""
    titles = _TITLES(tree)
    # a <title> holds text only: tags written in it are not its words (``markup_text``)
    title = (markup_text(flat_text(titles[0])) or "") if titles else ""
    blocks: list[Block] = []
    parts: list[str] = []
    append = parts.append
    tags: list[str] = ["other"]
    # containers: [kind, first block, end block]; the open ones' indices by sort; each block's
    # (furniture, article) container at its first words (-1: none)
    containers: list[list[int]] = []
    furniture: list[int] = []
    article: list[int] = []
    opens: list[tuple[int, int]] = []
    # the open containers at the current block's first words (None: no words yet)
    first: tuple[int, int] | None = None

    def flush() -> None:
        nonlocal first
        text = " ".join("".join(parts).split())
        parts.clear()
        if text:
            blocks.append(Block(text, tags[-1]))
            opens.append(first or (-1, -1))
        first = None

    # the walk is handed itself (``again``): calling itself by its name made a reference
    # cycle through its closure, which held the page's tree until the garbage collector
    # ran, hundreds of pages later (twenty-ninth session, helper HS)
    def walk(node: etree._Element, again: Callable[..., None]) -> None:
        nonlocal first
        tag = node.tag
        if not isinstance(tag, str) or tag in SKIP_TAGS or (
                (node.get("style") is not None or node.get("hidden") is not None
                 or node.get("aria-hidden") is not None) and not _visible(node)):
            tail = node.tail
            if tail:  # a comment, a processing instruction, or a skipped element
                if first is None and not tail.isspace():
                    first = (furniture[-1] if furniture else -1,
                                article[-1] if article else -1)
                append(tail)
            return
        kind = TAGS.get(tag, 0)
        if not kind:
            name = node.get("class")
            ident = node.get("id")
            if (name or ident) and node is not root:  # the page's own class: its type
                key = (f"{name} {ident}" if ident else name) if name else ident or ""
                seen = known.get(key)
                kind = seen if seen is not None else name_kind(key)
        block = tag in BLOCK_TAGS
        if block:
            flush()
        if kind:
            (article if kind == ARTICLE else furniture).append(len(containers))
            # the block in progress is not the container's: its first words came before
            containers.append([kind, len(blocks) + (first is not None), 0])
        kind_tag = block and tag in _KIND_TAGS
        if kind_tag:
            tags.append(tag)
        text = node.text
        if text:
            if first is None and not text.isspace():
                first = (furniture[-1] if furniture else -1, article[-1] if article else -1)
            append(text)
        for child in node:
            again(child, again)
        if block:
            flush()
            if kind_tag:
                tags.pop()
        if kind:
            at = (article if kind == ARTICLE else furniture).pop()
            # the block in progress is the container's too when its first words are in
            containers[at][2] = len(blocks) + (first is not None)
        tail = node.tail
        if tail:
            if first is None and not tail.isspace():
                first = (furniture[-1] if furniture else -1, article[-1] if article else -1)
            append(tail)

    body = tree.find("body")
    root = body if body is not None else tree
    walk(root, walk)
    flush()
    if containers:
        _mark(blocks, opens, containers)
    return title, blocks


def _mark(blocks: list[Block], opens: list[tuple[int, int]],
          containers: list[list[int]]) -> None:
    sums = [0]
    for block in blocks:
        sums.append(sums[-1] + len(block.text))
    total = sums[-1] or 1

    def share(at: int) -> float:
        _, start, end = containers[at]
        return (sums[min(end, len(blocks))] - sums[start]) / total

    for block, (mark, main) in zip(blocks, opens, strict=True):
        if mark < 0 and main < 0:
            continue
        block.marks = (containers[mark][0] if mark >= 0 else 0,
                       share(mark) if mark >= 0 else 0.0, share(main) if main >= 0 else 0.0,
                       0 if mark < 0 or main < 0 else 1 if mark > main else -1)


_KIND_TAGS = frozenset("h1 h2 h3 h4 h5 h6 li p".split())
# compiled once (``tree.xpath`` compiles on every call: half this query's time)
_TITLES = etree.XPath("//title")


def render(title: str, blocks: list[Block], shape: str, *, with_title: bool = False,
           width: int = 76) -> str:
    """One text dump of the blocks in a given shape (``RENDERINGS``)."""
    texts = [b.text for b in blocks]
    head = [title] if with_title and title else []
    if shape == "lines":
        return "\n".join(head + texts) + "\n"
    if shape == "select_all":
        return "\n\n".join(head + texts) + "\n"
    if shape == "wrapped":
        wrapped = [textwrap.fill(t, width=width, break_long_words=False,
                                 break_on_hyphens=False) for t in head + texts]
        return "\n\n".join(wrapped) + "\n"
    if shape == "markdown":
        out = [f"# {title}"] if head else []
        for b in blocks:
            if b.tag.startswith("h"):
                out.append("#" * int(b.tag[1]) + " " + b.text)
            elif b.tag == "li":
                out.append("- " + b.text)
            else:
                out.append(b.text)
        return "\n\n".join(out) + "\n"
    raise ValueError(f"unknown rendering {shape!r}")


__all__ = ["RENDERINGS", "Block", "page_blocks", "render", "tree_blocks"]
