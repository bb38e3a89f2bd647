"""RSS and Atom feeds (feedparser): each item becomes one RawDocument of kind ``record``.

Only what the feed itself carries is read; fetching each item's full page is the user's call
(``--follow-links``), never automatic, so ingesting a feed makes no extra requests.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Generator, Iterator, Sequence
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser

from parallax.errors import Code
from parallax.ingest import aggregator
from parallax.ingest.instants import stated_iso
from parallax.ingest.jsonl import plain_name
from parallax.ingest.url import is_url, read_url
from parallax.records import RawDocument, Rejection
from parallax.segment.dates import from_url
from parallax.settings import Config
from parallax.when import real_iso


def _iso(entry: Any, key: str) -> str | None:
    # the stored key itself: feedparser's own lookup of ``updated_parsed`` falls back to
    # ``published_parsed`` with a DeprecationWarning (a fallback it will remove), which the
    # caller has already read
    parsed = dict.get(entry, key + "_parsed") if isinstance(entry, dict) else \
        entry.get(key + "_parsed")
    if not parsed:
        return None
    return real_iso("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}+00:00".format(*parsed[:6]))


def _digits(text: object) -> bool:
    return isinstance(text, str) and text.strip().isdecimal()  # any script's, as stated_iso


def _self_link(feed: Any) -> str | None:
    """The address a feed states for itself (``<atom:link rel="self">``, in RSS and Atom)."""
    for link in feed.get("links") or ():
        if isinstance(link, dict) and link.get("rel") == "self" \
                and isinstance(link.get("href"), str) and is_url(link["href"]):
            return str(link["href"])
    return None


def link_base(uri: str, channel_link: object) -> str | None:
    """What an item's relative link is read against: the feed's own address when it was
    fetched (as feed readers do), else the channel's site link. RSS asks for absolute links,
    but a feed written by hand or exported from a CMS may hold "/news/item-1"; kept as written it
    was shown as "not a web link" and could not be followed (--follow-links)."""
    if is_url(uri):
        return uri
    return channel_link if isinstance(channel_link, str) and is_url(channel_link) else None


def _item_link(entry: Any, base: str | None) -> str | None:
    link = entry.get("link")
    if not isinstance(link, str) or not link.strip():
        return None
    if entry.get("guidislink") and not is_url(link.strip()):
        # no <link>: feedparser offers the item's id, which is an address only when it is
        # one ("tag:site,2026:4", an RSS guid "ferry-0041"); joined to the site's address it
        # was stored as the article's address, a page that does not exist (helper N8)
        return None
    try:
        relative = not urlsplit(link).scheme
        return urljoin(base, link) if relative and base else link
    except ValueError:  # "http://[::1" and the like: kept as written, refused if followed
        return link


#: a relative item link left relative: the feed was saved as a file and names no address of
#: its own (no ``xml:base``, no absolute site link). With --follow-links it was refused as
#: "only http(s) addresses are fetched, not 2026/12/x: ones (…)", and an item of a link alone
#: was told to re-run with --follow-links, which cannot fetch it either (helper N5)
_RELATIVE = ("relative link (%r) that this feed gives no address to read against (a feed "
             "saved as a file): give the feed by its web address to fetch its items' pages")


def _relative(link: str) -> bool:
    try:
        return not urlsplit(link).scheme
    except ValueError:
        return False


#: the XML parser's words for a document that ends too soon: a feed cut off in a download
_ENDS_TOO_SOON = ("no element found", "unclosed token", "unclosed cdata section")
# a whole start tag: one cut inside its attributes ('<entry xml:lang="e', '<item rdf:about="…')
# opened no entry for the parser, and the complete item before it was dropped as the cut one
_ITEM_START = re.compile(r"<(?:\w+:)?(?:item|entry)(?:\s[^<>]*)?>", re.IGNORECASE)
_ITEM_END = re.compile(r"</(?:\w+:)?(?:item|entry)\s*>", re.IGNORECASE)


def _cut_off(parsed: Any) -> str | None:
    """Why the feed ends too soon, or None. feedparser reads on after the XML error, so a
    feed cut off in a download gave its items without a word: the cut item fell back to its
    summary (stored as if whole, or rejected as "no article found"), and the items after the
    cut were lost unseen. Other well-formedness slips ("&nbsp;" in RSS) are read on as before."""
    problem: Any = parsed.get("bozo_exception") if parsed.bozo else None
    message = str(problem or "")
    if not any(m in message.lower() for m in _ENDS_TOO_SOON):
        return None
    try:  # xml.sax's "<unknown>:2:2076: unclosed token" as a person reads it
        return (f"line {problem.getLineNumber()}, column {problem.getColumnNumber()}: "
                f"{problem.getMessage()}")
    except AttributeError:
        return message


def _last_item_open(text: str) -> bool:
    starts = list(_ITEM_START.finditer(text))
    return bool(starts) and _ITEM_END.search(text, starts[-1].end()) is None


#: a numeric character reference, hexadecimal or decimal
_CHARREF = re.compile(r"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));")


#: the XML declaration's encoding: the text was decoded by it already
_DECLARED = re.compile(r"""\A(\ufeff?\s*<\?xml\s[^>]*?\bencoding\s*=\s*)(["'])[^"'>]*\2""")


def _declared_unicode(text: str) -> str:
    """The feed's text is decoded (by its declaration, a byte-order mark or a guess), but
    feedparser, handed a string, read its author names by the declaration once more: a
    Latin-1 feed's "Seán Ó Súilleabháin" (made up) became "SeÃ¡n Ã\x93 SÃºilleabhÃ¡in", its
    titles and texts right (helper N6). The declaration says UTF-8, what the string is."""
    return _DECLARED.sub(r"\1\2utf-8\2", text, count=1)


def _no_bad_references(text: str) -> str:
    """References to no character (half of a UTF-16 pair, U+D800-U+DFFF, or past U+10FFFF)
    as U+FFFD, as an HTML parser reads them: feedparser raised on them, and the whole feed
    was lost as "E099 … please report this input as a bug"."""
    def fixed(ref: re.Match[str]) -> str:
        digits = (ref[1] or ref[2]).lstrip("0")
        if len(digits) > 7:  # past U+10FFFF either way; feedparser overflowed a C int
            return "&#xFFFD;"
        code = int(digits or "0", 16 if ref[1] else 10)
        return "&#xFFFD;" if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF else ref[0]

    return _CHARREF.sub(fixed, text) if "&#" in text else text


_SITEMAP = re.compile(r"<(?:\w+:)?(urlset|sitemapindex)[\s>]", re.IGNORECASE)
_LOC = re.compile(r"<(?:\w+:)?loc[\s>]", re.IGNORECASE)


def _sitemap(text: str) -> str | None:
    """Why a sitemap is not read, or None: it was "feed has no items", which sent a user
    looking for a broken feed."""
    found = _SITEMAP.search(text[:4096])
    if found is None:
        return None
    count = len(_LOC.findall(text))
    what = "sitemap index (a list of sitemaps)" if found[1].lower() == "sitemapindex" \
        else "sitemap (a list of a site's addresses)"
    return (f"an XML {what} with {count:,} addresses, not a feed: nothing is fetched from it; "
            "to fetch pages, give their addresses in a .txt file, one a line")


#: where one feed document ends and another begins, nothing but space (or a byte-order mark)
#: between them: feeds joined on standard input (``for f in …; do curl -s $f; done |
#: parallax ingest -``)
_JOINED = re.compile(r"</(?:rss|feed|rdf:RDF)\s*>[\s\ufeff]*(?=<(?:\?xml\s|rss[\s>]|feed[\s>]|"
                     r"rdf:RDF[\s>]|!--))", re.IGNORECASE)


def read_feed(text: str, *, uri: str, given: str, config: Config,
              fetched_at: str) -> Iterator[RawDocument | Rejection]:
    """Each feed document the text holds is read on its own: feedparser read feeds joined one
    after another as one, every item under the last one's title, so a pipe of two outlets'
    feeds gave the first outlet's items the second's name (helper N6). Items are numbered
    on across them, so each keeps its own name."""
    first = 0
    for document in _documents(text):
        first += yield from _read_document(document, uri=uri, given=given, config=config,
                                           fetched_at=fetched_at, first=first)


#: a feed document's root element
_ROOT = re.compile(r"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)


def _documents(text: str) -> list[str]:
    """The feed documents ``text`` joins; a part with no root element (a comment after the
    feed's end, as page caches append) belongs to the document before it: read alone, it was
    "not a readable RSS/Atom feed", a rejection of the whole file (R's review of 2d31c3e)."""
    ends = [m.end() for m in _JOINED.finditer(text)]
    bounds = [(a, b) for a, b in zip([0, *ends], [*ends, len(text)], strict=True)]
    starts = [a for a, b in bounds if a == 0 or _ROOT.search(text, a, b)]
    return [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]


def _read_document(text: str, *, uri: str, given: str, config: Config, fetched_at: str,
                   first: int) -> Generator[RawDocument | Rejection, None, int]:
    """One feed document's items, numbered from ``first`` + 1; returns how many it numbered."""
    parsed = feedparser.parse(_no_bad_references(_declared_unicode(text)))
    entries = parsed.entries
    if not entries:
        reason = "feed has no items"
        if sitemap := _sitemap(text):
            yield Rejection(given, sitemap, Code.UNSUPPORTED.value)
            return 0
        if parsed.bozo:
            reason = f"not a readable RSS/Atom feed: {parsed.get('bozo_exception')}"
        yield Rejection(given, reason, Code.PARSE.value)
        return 0
    cut = _cut_off(parsed)
    cut_item = bool(cut) and _last_item_open(text)
    if cut_item:  # its text may stop anywhere: never stored as if whole
        entries = entries[:-1]
    # a saved feed with no site link but its own address: its relative links were kept
    # relative, "not a web link" and never followed (helper N8)
    base = link_base(uri, parsed.feed.get("link") or _self_link(parsed.feed))
    # an aggregator's title names no outlet of its items ("Google Alert - ferry", a planet)
    gathered = aggregator.is_aggregator(parsed.feed) or aggregator.links_elsewhere(
        [parsed.feed.get("link"), _self_link(parsed.feed), uri],
        [aggregator.unwrapped(_item_link(entry, base)) for entry in entries])
    outlet = None if gathered else feed_outlet(parsed.feed.get("title"))
    yield from read_entries(entries, outlet=outlet, base=base, uri=uri, given=given,
                            config=config, fetched_at=fetched_at, first=first)
    if cut_item:
        yield Rejection(f"{uri}#item-{first + len(entries) + 1}", "the feed is cut off inside this "
                        "item, so its text is incomplete; fetch the feed again", Code.PARSE.value)
    if cut:
        yield Rejection(given, f"the feed ends too soon ({cut}): cut off in a download? "
                        f"{len(entries)} complete items were read; any after the cut are lost, "
                        "fetch the feed again", Code.PARSE.value)
    return len(entries) + cut_item


def feed_outlet(title: object) -> object:
    """"Baltic Courier – World & Region": the outlet is the part before the section name."""
    return plain_name(re.split(r"\s[–—|-]\s", title if isinstance(title, str) else "")[0]
                      .strip() or None)


def read_entries(entries: Sequence[Any], *, outlet: object, base: str | None, uri: str,
                 given: str, config: Config, fetched_at: str,
                 first: int) -> Iterator[RawDocument | Rejection]:
    """A feed's items, each as feedparser gives it (``title``, ``link``, ``content``,
    ``summary``, ``published``/``updated``, ``author``, ``enclosures``), numbered from
    ``first`` + 1: RSS, Atom and JSON Feed (``jsonfeed.py``) items are read by one rule."""
    limit = int(config["max_feed_items"])
    for index, entry in enumerate(entries):
        item_uri = f"{uri}#item-{first + index + 1}"
        if index >= limit:
            yield Rejection(item_uri, f"feed has {len(entries)} items; only the first {limit} "
                            "are read (setting max_feed_items)", Code.TOO_LARGE.value)
            break
        content = ""
        if entry.get("content"):
            content = max((c.get("value", "") for c in entry["content"]), key=len)
        summary = entry.get("summary", "")
        body = _escaped_once_more(content if len(content) >= len(summary) else summary)
        link = aggregator.unwrapped(_item_link(entry, base))
        if link and _relative(link):  # a saved feed naming no address to read it against
            if not body.strip():
                yield Rejection(item_uri, f"feed item has no text, only a {_RELATIVE % link}: "
                                "nothing to read", Code.NO_ARTICLE.value)
                continue
            if config["follow_feed_links"]:
                yield Rejection(f"{uri}#{link}", f"not fetched: a {_RELATIVE % link}; the "
                                "item's text from the feed is stored", Code.FETCH.value)
        follow = bool(config["follow_feed_links"]) and bool(link) and not _relative(link or "")
        if follow and config.budget is not None and not config.budget.take():
            follow = False  # past the web job's address cap: said, and the feed's text kept
            if body.strip():
                yield Rejection(str(link), _past_cap(config.budget.cap, "the item's text from "
                                "the feed is stored instead"), Code.TOO_LARGE.value)
            else:
                yield Rejection(item_uri, _past_cap(config.budget.cap, "the item has no text "
                                "of its own, so nothing of it is stored"), Code.TOO_LARGE.value)
                continue
        if not body.strip() and not follow:
            # an item of a title alone was told to re-run with --follow-links, which has no
            # link to follow either
            yield Rejection(item_uri, "feed item has no text (only a link); re-run with "
                            "--follow-links to fetch its page" if link else _title_alone(entry),
                            Code.NO_ARTICLE.value)
            continue
        published_text = entry.get("published") or entry.get("updated")
        # the written offset kept ("+02:00"); a text with no zone is read as the segmenter
        # reads it (feedparser would call its clock UTC); feedparser's reading last
        # digits alone are Unix time or no date: never feedparser's reading ("1793520000"
        # was 1 December 1793)
        published_iso = stated_iso(published_text) or (None if _digits(published_text) else
                                                        _iso(entry, "published")
                                                        or _iso(entry, "updated"))
        dated = None if published_text else from_url(link)
        if dated:  # an item without a date whose link states its day
            published_text, published_iso = dated.text, dated.iso
        source = aggregator.source_name(entry)  # the item's own outlet (RSS <source>)
        title = plain_name(_title_once_more(entry.get("title", ""))) or ""
        metadata = {
            "title": aggregator.title_without_source(str(title), source),
            "outlet": feed_outlet(source) or outlet,
            "url": link,
            "author": plain_name(entry.get("author")),
            "published_text": published_text,
            "published_iso": published_iso,
            "format": "html",
            "summary": summary if body is not summary else None,
        }
        own = RawDocument(
            uri=item_uri, kind="record", text=body, fetched_at=fetched_at,
            sha256=hashlib.sha256((metadata["title"] + "\n" + body).encode()).hexdigest(),
            metadata=metadata, input=f"{given}#item-{first + index + 1}",
        )
        if follow:
            yield from _follow(str(metadata["url"]), own, config)
        else:
            yield own


#: an item body that opens with an escaped tag and holds no tag of its own
_ESCAPED_TAG = re.compile(r"\s*&lt;/?(?:p|div|br|span|a|b|i|em|strong|h[1-6]|ul|ol|li|img|figure|"
                          r"blockquote|table)\b", re.IGNORECASE)


def _escaped_once_more(body: str) -> str:
    """An item's HTML escaped twice (a publishing system's known fault: "&amp;lt;p&amp;gt;" in
    the feed) kept its tags as words: the article read "<p>The port authority …", in its text,
    claims and quotes (helper N6). A body that opens with an escaped tag and holds no tag of
    its own is unescaped once more; prose that shows a tag among its words does not open
    with one."""
    if "<" in body or not _ESCAPED_TAG.match(body):
        return body
    return html.unescape(body)


_ENTITY = re.compile(r"&(?:amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});")


def _title_once_more(title: object) -> object:
    """A title escaped twice ("Ferry cut &amp;amp; islands") was shown "Ferry cut &amp;
    islands" (helper N6): a title still holding an entity after the feed's own unescaping is
    unescaped once more, as feed readers show it."""
    return html.unescape(title) if isinstance(title, str) and _ENTITY.search(title) else title


def _title_alone(entry: Any) -> str:
    """Why an item with no text and no link is not read. A podcast's item (a title and an
    audio enclosure) was "neither text nor a link", though it links a file (helper N8)."""
    files = [e for e in entry.get("enclosures") or () if isinstance(e, dict)]
    if not files:
        return "feed item has neither text nor a link: only its title, nothing to read"
    kind = str(files[0].get("type") or "a file")[:60]
    return (f"feed item has no text and no page, only its title and an attached {kind} "
            f"({str(files[0].get('href') or '')[:200]}): a sound, video or other file is not "
            "read")


def _past_cap(cap: int, kept: str) -> str:
    return (f"not fetched: this web ingest job has fetched its {cap:,} addresses "
            f"(web_max_addresses), feed item links included; {kept}. To read the pages, send "
            "the feed in a job of fewer addresses, or give it to 'parallax ingest "
            "--follow-links' where the server runs")


def _follow(link: str, own: RawDocument,
            config: Config) -> Iterator[RawDocument | Rejection]:
    """The item's full page; if it cannot be fetched, the feed's own text is kept instead."""
    fetched = list(read_url(link, config))
    pages = [d for d in fetched if isinstance(d, RawDocument)]
    yield from (r for r in fetched if isinstance(r, Rejection))
    if not pages:
        if own.text.strip():
            yield own
        return
    for page in pages:
        for key in ("title", "outlet", "published_text", "published_iso", "author"):
            page.metadata.setdefault(key, own.metadata.get(key))
        page.metadata["feed_item"] = own.input
        yield page
