"""A newsletter's sender as its outlet: "From: Dunmere Post <news@dunmere.example>".

Why: a newsletter forwarded as a tip (or saved as ``.eml``) had no outlet, so the story's
comparison showed it as "Unknown outlet (<file>)" though its sender line names the outlet
(thirtieth session, helper N7, left). But the sender is as often a person (the one who
forwarded it, or a reporter writing from their own address), and a wrong outlet is worse than
none: the name is taken only when the address's site is the site the message's links point at
(the most links, no tie, at least ``MIN_LINKS``) and the name's first whole words spell that
site's name (``opens_with_site``: "Dunmere Post" and "dunmere", "The Ferry Gazette" and
"ferrygazette"). A reader at a webmail address, or a reporter whose name is not the paper's,
stays no outlet.
"""

from __future__ import annotations

import re
from collections import Counter
from email.utils import parseaddr
from typing import NamedTuple
from urllib.parse import urlsplit

from parallax.segment.outlet import key

#: a link's host in the message's page (an ``href`` or a bare address in text; ``mailto:`` is
#: no link to a site)
_LINK = re.compile(r"\bhttps?://([a-z0-9.-]{1,253})", re.IGNORECASE)
#: the second-level labels under which a country's domains register ("bbc.co.uk")
_SECOND_LEVEL = frozenset(("co", "com", "org", "net", "ac", "gov", "edu", "or", "ne", "go"))
#: the links the message needs before their site is read
MIN_LINKS = 2
#: the shortest site or name key compared (shorter ones match by chance)
MIN_KEY = 4
_WORD = re.compile(r"[^\W_]+")
#: a leading article a name or a site's label may carry ("The Guardian", "theguardian")
_ARTICLES = ("the", "der", "die", "das", "le", "la", "les", "el")


def site(host: str) -> str:
    """The registrable part of a host: its last two labels, three under a country's
    second-level domain."""
    labels = [label for label in host.lower().strip(".").split(".") if label]
    n = 3 if len(labels) > 2 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL else 2
    return ".".join(labels[-n:])


def address_site(address: object) -> str | None:
    """The registrable site of a web address (``site`` of its host), else None: what a saved
    page's own address tags and an aggregator's item links are compared by."""
    from parallax.ingest.url import is_url  # (its HTTP client is not needed to read mail)

    if not isinstance(address, str) or not is_url(address):
        return None
    try:
        host = urlsplit(address).hostname
    except ValueError:  # "http://[x"
        return None
    return site(host) if host else None


def links_site(text: str) -> str | None:
    """The site most of the text's links point at; None below ``MIN_LINKS`` or for a tie."""
    counts = Counter(site(host) for host in _LINK.findall(text)).most_common(2)
    if not counts or counts[0][1] < MIN_LINKS or (len(counts) > 1 and counts[1][1] == counts[0][1]):
        return None
    return counts[0][0]


class SenderAtSite(NamedTuple):
    """A sender whose address's site is the site the message's links point at."""

    name: str
    site: str
    #: the name's first whole words spell the site's name (``opens_with_site``): the outlet;
    #: else ("Times" at ``nytimes``) the run's outlets tell (``KnownOutlets.of_site``)
    spells_site: bool


def sender_at_site(sender: str, text: str) -> SenderAtSite | None:
    """The sender's name and site when its address's site is the links' site; else None.
    Read once a message: the outlet and the hint for the run's outlets both come from it."""
    name, address = parseaddr(sender)
    name, domain = " ".join(name.split()), address.rpartition("@")[2]
    if not name or "@" in name or not domain or site(domain) != links_site(text):
        return None
    at = site(domain)
    label = at.split(".")[0]
    if len(label) < MIN_KEY or len(key(name)) < MIN_KEY:
        return None
    return SenderAtSite(name, at, opens_with_site(name, label))


def sender_outlet(sender: str, text: str) -> str | None:
    """The sender's name as the outlet, when its address's site is the links' site and the name
    is spelt as that site's name; else None."""
    named = sender_at_site(sender, text)
    return named.name if named is not None and named.spells_site else None


def opens_with_site(name: str, label: str) -> bool:
    """Whether the name's first whole words spell the site's name: "Dunmere Post" at
    ``dunmere``, "MarketWatch" at ``marketwatch``, "The Guardian" at ``theguardian`` (a
    leading article on either side). A name with words before it ("Ann Lee, Dunmere Post",
    "Ann Dunmere") is a person's (thirty-first session, helper R); so is a short first name
    inside the site's name: "Mark" at ``marketwatch`` (a prefix of it) or ``bookmark`` (its
    end) was the outlet while the name could be "part of" the label (thirty-second session,
    helper N10). Where the site's name is longer than the name ("Times" at ``nytimes``) the
    label's word boundaries are unknown, so it is no outlet here: the run's pages of that site
    may tell (``SenderAtSite.spells_site``)."""
    words = [w.casefold() for w in _WORD.findall(name)]
    labels = {label} | {label[len(a):] for a in _ARTICLES
                        if label.startswith(a) and len(label) - len(a) >= MIN_KEY}
    for first in (0, 1) if words[:1] and words[0] in _ARTICLES else (0,):
        joined = ""
        for word in words[first:]:
            joined += word
            if joined in labels:
                return True
            if len(joined) >= len(label):
                break
    return False


__all__ = ["SenderAtSite", "links_site", "opens_with_site", "sender_at_site", "sender_outlet",
           "site"]
