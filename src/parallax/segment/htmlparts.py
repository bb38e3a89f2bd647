"""Related-article teasers and reader comments read from an HTML page's own structure.

trafilatura extracts the main text well but often drops comment threads and never returns
teaser lists; both have recognisable containers (class or id mentioning related / see-also /
more-stories, or comments / discussion), so we read them directly, as text only.
"""

from __future__ import annotations

import re
from copy import deepcopy
from dataclasses import dataclass
from functools import cache

from lxml import etree

from parallax.segment.patterns import boilerplate_kind
from parallax.segment.prefilter import fold, required_literals
from parallax.segment.render import flat_text, shown_text

RELATED = re.compile(r"related|see-also|more-stor|more-on|recommend|read-also|teaser|"
                     r"weitere|lesen-sie|mehr-zum|further|similar|also-read|coverage|"
                     r"a-lire|lire-aussi|relacionad|tambien|por-tema|po-teme|chytaite|"
                     r"chitaite|читайте", re.IGNORECASE)
COMMENTS = re.compile(r"comment|discussion|debat|conversation|reader-?react|kommentar|"
                      r"komment|koment|коммент|комент|commentaire|comentario", re.I)
ITEM = re.compile(r"(^|\s)(comment|reader-comment|post|reply)(\s|$)", re.IGNORECASE)
AUTHOR = re.compile(r"author|name|user|nick|byline", re.IGNORECASE)
WHEN = re.compile(r"date|time|ago|when", re.IGNORECASE)
SOURCE = re.compile(r"src|source|outlet|site|publisher", re.IGNORECASE)
TEXTISH = re.compile(r"text|body|content|message", re.IGNORECASE)
_NAMES = etree.XPath("//@class|//@id", smart_strings=False)


@dataclass(slots=True)
class Teaser:
    title: str
    outlet: str | None
    published: str | None
    body: list[str]


@dataclass(slots=True)
class HtmlComment:
    text: str
    author: str | None
    published: str | None


def _marker(node: etree._Element) -> str:
    return f"{node.get('class', '')} {node.get('id', '')}"


def names(tree: etree._Element) -> str:
    """Every class and id on the page, one a line, for ``teasers`` and ``comments``.

    Why: neither ``RELATED`` nor ``COMMENTS`` can match across the space a box's marker puts
    between its class and id (their alternatives hold nothing that matches a space), so where
    one finds nothing here no box can match and its walk over every box is skipped: 81 and 45
    of the benchmark's 100 held-out pages, ~0.7 ms a page against 0.3 ms for this query."""
    return "\n".join(_NAMES(tree))


def page_holds(rx: re.Pattern[str], page_names: str) -> bool:
    """``rx.search(page_names)``, asked only when the names' fold holds one of the literals
    every match of ``rx`` holds (``prefilter.required_literals``): a match's fold is a part of
    the names' fold, so where none occurs there is none. Why: ``RELATED``'s alternation has no
    common first character, and ``re`` tried it at every place of the names (~0.5 ms a page,
    against ~0.04 ms for the literals' ``in`` tests; 81 of the benchmark's 100 pages hold
    none)."""
    literals = _literals(rx)
    if literals is not None:
        folded = fold(page_names)
        if not any(literal in folded for literal in literals):
            return False
    return rx.search(page_names) is not None


@cache
def _literals(rx: re.Pattern[str]) -> frozenset[str] | None:
    return required_literals(rx.pattern, rx.flags)


def _first(node: etree._Element, rx: re.Pattern[str],
           tags: tuple[str, ...] = ()) -> etree._Element | None:
    for child in node.iterdescendants():
        if not isinstance(child.tag, str):
            continue
        if rx.search(_marker(child)) or child.tag in tags:
            return child
    return None


def teasers(tree: etree._Element, page_names: str | None = None) -> list[Teaser]:
    """``page_names``: ``names(tree)`` when the caller has it (nothing to find unless
    ``RELATED`` matches it)."""
    found: list[Teaser] = []
    if page_names is not None and not page_holds(RELATED, page_names):
        return found
    for box in tree.iter("aside", "section", "div", "nav"):
        if not RELATED.search(_marker(box)) or any(
                RELATED.search(_marker(a)) for a in box.iterancestors()):
            continue
        for item in box.iter("li", "article"):
            link = next(item.iter("a"), None)
            if link is None or not shown_text(link):
                continue
            source = _first(item, SOURCE)
            when = _first(item, re.compile(r"ago|date|time"), ("time",))
            body = [shown_text(p) for p in item.iter("p") if shown_text(p)]
            # shown text: a script or style inside a teaser is none of its fields' words
            found.append(Teaser(shown_text(link),
                                shown_text(source) if source is not None else None,
                                shown_text(when) if when is not None else None, body))
    return found


def _repeated_items(box: etree._Element) -> list[etree._Element]:
    """The first set of >= 2 sibling elements sharing tag and class: a thread's comments."""
    for node in box.iter():
        if not isinstance(node.tag, str):
            continue
        groups: dict[tuple[str, str], list[etree._Element]] = {}
        for child in node:
            if isinstance(child.tag, str) and flat_text(child):
                groups.setdefault((child.tag, child.get("class", "")), []).append(child)
        for (tag, _), members in groups.items():
            if len(members) >= 2 and tag not in ("p", "span", "a", "b", "strong", "br", "h2",
                                                   "h3", "small", "time"):
                return members
    return []


def _menu(item: etree._Element) -> bool:
    """Five or more links holding three quarters of the item's words: a menu row, never a reader's
    comment (a comment with a link or two still has its own words around them)."""
    links = [flat_text(a) for a in item.iter("a")]
    if len(links) < MENU_LINKS:
        return False
    words = len(flat_text(item).split())
    return words > 0 and sum(len(link.split()) for link in links) >= MENU_SHARE * words


#: a menu row: at least this many links, holding at least this share of its words
MENU_LINKS, MENU_SHARE = 5, 0.75


def _form_part(item: etree._Element) -> bool:
    """A comment form's part ("Name", "Email", "Website" above their inputs): no comment. A
    form, an item inside one, or a short one holding a field or its label (a reader's
    comment, or a whole thread read as one item, may hold reply boxes and their labels: its
    words are more than a field's label)."""
    if item.tag == "form" or next(item.iterancestors("form"), None) is not None:
        return True
    return next(item.iter("input", "textarea", "select", "label"), None) is not None \
        and len(flat_text(item).split(None, FIELD_WORDS)) <= FIELD_WORDS


#: a field's label and note ("Website (optional)", "Email (never shown)") have at most
#: this many words
FIELD_WORDS = 8


def _without_code(item: etree._Element) -> etree._Element:
    """The item without its scripts and styles (their code was read as a comment's words);
    the item itself when it holds none, as nearly every one does."""
    if next(item.iter("script", "style", "noscript"), None) is None:
        return item
    copy = deepcopy(item)
    for code in list(copy.iter("script", "style", "noscript")):
        parent = code.getparent()
        if parent is None:
            continue
        before = code.getprevious()
        if code.tail:  # the words after the script stay where they were
            if before is not None:
                before.tail = (before.tail or "") + code.tail
            else:
                parent.text = (parent.text or "") + code.tail
        parent.remove(code)
    return copy


def comments(tree: etree._Element, page_names: str | None = None) -> list[HtmlComment]:
    """``page_names``: ``names(tree)`` when the caller has it (nothing to find unless
    ``COMMENTS`` matches it)."""
    found: list[HtmlComment] = []
    if page_names is not None and not page_holds(COMMENTS, page_names):
        return found
    for box in tree.iter("section", "div", "ol", "ul", "aside"):
        if not COMMENTS.search(_marker(box)) or any(
                COMMENTS.search(_marker(a)) for a in box.iterancestors()):
            continue
        items = _repeated_items(box) or [
            n for n in box.iterdescendants()
            if isinstance(n.tag, str) and (ITEM.search(n.get("class", ""))
                                           or n.tag in ("li", "article"))]
        items = [_without_code(n) for n in items
                 if not any(a in items for a in n.iterancestors())]
        items = [n for n in items if not _form_part(n)]
        menus = [_menu(item) for item in items]
        if 2 * sum(menus) >= len(items) > 0:
            continue  # a site's header or footer whose name holds "conversation" or "comment"
        for item in (n for n, menu in zip(items, menus, strict=True) if not menu):
            author = _first(item, AUTHOR, ("b", "strong", "cite"))
            when = _first(item, WHEN, ("time", "small"))
            body = _first(item, TEXTISH)
            paragraphs = [flat_text(p) for p in item.iter("p") if flat_text(p)]
            text = flat_text(body) if body is not None else " ".join(paragraphs)
            if not text:
                text = flat_text(item)
                for part in (author, when):
                    if part is not None:
                        text = text.replace(flat_text(part), "", 1).strip()
            if text and not boilerplate_kind(text):  # "No comments yet" is not a comment
                found.append(HtmlComment(text, flat_text(author) if author is not None else None,
                                         flat_text(when) if when is not None else None))
    return found
