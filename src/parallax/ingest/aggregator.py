"""Feeds that gather other outlets' articles: whose each item is, and where it really lives.

Researchers and journalists follow a topic through Google Alerts and Google News feeds. Read
as an outlet's own feed, every item of a Google Alert was the outlet "Google Alert" (and of a
Google News search, the search's words: "ferry" from "ferry - Google News"), so a story of
five outlets' reports showed one outlet, and its address was Google's redirect
(``https://www.google.com/url?…&url=https://outlet.example/…``), whose host was taken for the
site (helper NW, round ten). Now an aggregator's feed names no outlet of its own; an item's
RSS ``<source>`` (the standard element naming the feed an item came from: Google News writes
the outlet there) is its outlet, its " - Outlet" ending left out of the title, and a Google
redirect link is read as the address it leads to.

Other gatherers (a planet of blogs, a curator's link feed, an RSS builder's topic page) have
no Google address: their title ("Harbour Links") was every item's outlet, so five outlets'
reports were one outlet's (helper NL). A feed whose items link to several sites, none the
feed's own, is an aggregator too (``links_elsewhere``); an outlet's feed links its own site.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any
from urllib.parse import parse_qs, urlsplit

from parallax.ingest.sender import address_site
from parallax.ingest.url import is_url

#: a Google host ("www.google.com", "news.google.co.uk", "google.de")
_GOOGLE = re.compile(r"(?:[a-z0-9-]+\.)*google\.(?:[a-z]{2,3}|co\.[a-z]{2}|com\.[a-z]{2})",
                     re.IGNORECASE)


def _parts(address: object) -> tuple[str, str] | None:
    if not isinstance(address, str) or not is_url(address):
        return None
    try:
        parts = urlsplit(address)
    except ValueError:
        return None
    return (parts.hostname or "", parts.path)


def is_aggregator(feed: Any) -> bool:
    """Whether the feed is a Google Alert or a Google News feed, by its own addresses."""
    addresses = [feed.get("link")] + [link.get("href") for link in feed.get("links") or ()
                                      if isinstance(link, dict)]
    for address in addresses:
        parts = _parts(address)
        if parts is None or not _GOOGLE.fullmatch(parts[0]):
            continue
        host, path = parts
        if host.lower().startswith("news.") or path.startswith("/alerts"):
            return True
    return False


#: the distinct sites a feed's items must link to when the feed names no address of its own
#: (a feed stating its site needs two, none of them its own)
SITES_UNOWNED = 3


def links_elsewhere(own: Sequence[object], links: Sequence[object]) -> bool:
    """Whether a feed's item links span several sites, none of them the feed's own.

    ``own`` are the addresses the feed states or was fetched from (its channel link, its
    ``rel="self"``, the fetched address); sites are registrable domains, so ``news.`` and
    ``www.`` of one outlet are one site. Without an own address a third site is asked for,
    and two items at least either way."""
    owned = {s for a in own if (s := address_site(a))}
    linked = [s for a in links if (s := address_site(a))]
    sites = set(linked)
    if len(linked) < 2 or sites & owned:
        return False
    return len(sites) >= (2 if owned else SITES_UNOWNED)


def source_name(entry: Any) -> str | None:
    """The outlet an item's RSS ``<source>`` names, else None."""
    source = entry.get("source")
    title = source.get("title") if isinstance(source, dict) else None
    return (" ".join(title.split())[:200] or None) if isinstance(title, str) else None


def title_without_source(title: str, source: str | None) -> str:
    """A Google News title's " - Outlet" ending left out ("Fares up - Coast Post")."""
    if source:
        for dash in (" - ", " – ", " — ", " | "):
            if title.endswith(dash + source) and len(title) > len(dash + source):
                return title[: -len(dash + source)].rstrip()
    return title


def unwrapped(link: str | None) -> str | None:
    """The address a Google redirect link leads to (``/url?…&url=…`` or ``q=``), else the
    link as it is."""
    parts = _parts(link)
    if parts is None or not _GOOGLE.fullmatch(parts[0]) or parts[1] != "/url":
        return link
    query = parse_qs(urlsplit(str(link)).query)
    for key in ("url", "q"):
        target = (query.get(key) or [""])[0]
        if is_url(target):
            return target
    return link


__all__ = ["is_aggregator", "links_elsewhere", "source_name", "title_without_source", "unwrapped"]
