"""A text dump's unconfirmed header outlet, confirmed by outlets the user's other inputs name.

Why: a dump's header outlet is kept only when its own page bears it out (``segment/outlet.py``;
unconfirmed ones were the page's site ~15 % of the time on real pages). But a user who reads
HTML pages, feeds or JSONL records of the same outlets together with dumps has named those
outlets already, through metadata (og:site_name, a feed's title, a record's field). A dump whose
header names one of them (same ``outlet.key``: case, spacing and a leading article folded) gets
that outlet, spelt as the metadata spells it, so the comparison groups it with its outlet
instead of showing "Unknown outlet (<file>)".

Known outlets are those that articles of the run (and, at ``ingest``, of the store) carry as
their outlet (metadata, or a dump's outlet its own page bore out) plus the ``known_outlets``
setting; never a hint, so one dump's unconfirmed header cannot confirm another's.

One outlet's spellings are folded into one: a run or store that names "Coast Post" and "coast
post", or "www.quill.example" and "quill.example", showed two outlets in the story, two columns
in the comparison (each "sharing" the other's claims) and two outlet pages; an article's outlet
now takes the first spelling seen (the store's before the run's). Only the same letters and
digits fold (``spelling``), not the hints' key, which also drops a leading article and a domain
ending: two papers, "Die Presse" and "La Presse", "La Tribune" and "The Tribune", share a key.

``parallax batch`` needs none of this: it reads WARC HTML records, JSONL and Parquet shards,
never text dumps, so no hint arises there (a record's ``text`` is given text, its outlet a field).

Order within a run does not matter: a page whose hint no outlet known so far matches is held
back and released after the run's last document, when every outlet of the run is known
(``OutletHold``). Held pages come out after the others, in their own input order; a run with no
such page streams as before. At most ``MAX_HELD`` pages wait: beyond that the longest-waiting
one is released with its hint unconfirmed, so memory stays bounded on a run of many dumps whose
hints match nothing (on the held-out real pages, 773 of 1,836 dumps had a header outlet).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from parallax.records import Page
from parallax.segment import outlet

_WWW = re.compile(r"^\s*www\.", re.IGNORECASE)
_LETTERS = re.compile(r"[^\W_]+")

#: a key this short ("ap", "n") matches too much by chance (``outlet.borne_out``'s bound)
MIN_KEY = 3
#: the most pages that wait for the rest of the run (a page with its analysis is ~10-100 kB)
MAX_HELD = 1000


def key(name: str) -> str:
    """``outlet.key`` of the name without a leading "www." (a host is the site's name)."""
    return outlet.key(_WWW.sub("", name))


def spelling(name: str) -> str:
    """The name's letters and digits, case folded, without a leading "www.": what two spellings
    of one name share ("Coast Post" / "coast  post"; "www.quill.example" / "Quill.Example")."""
    return "".join(w.casefold() for w in _LETTERS.findall(_WWW.sub("", name)))


class KnownOutlets:
    """Outlet names by ``outlet.key``; the first spelling seen wins."""

    def __init__(self, names: Iterable[str] = ()) -> None:
        self.names: dict[str, str] = {}
        #: the first spelling of each name (``spelling``), for the outlets articles carry
        self.spellings: dict[str, str] = {}
        for name in names:
            self.add(name)

    def add(self, name: str) -> None:
        if spelled := spelling(name):  # no letters ("📰", "???"): nothing to tell it by
            self.spellings.setdefault(spelled, name)
        name_key = key(name)
        if len(name_key) >= MIN_KEY:
            self.names.setdefault(name_key, name)

    def learn(self, page: Page) -> None:
        """Take the outlets the page's own articles carry (never their hints), each spelt as
        the first known outlet of its spelling."""
        for article in page.articles:
            if article.role == "main" and article.outlet:
                self.add(article.outlet)
                article.outlet = self.spellings.get(spelling(article.outlet), article.outlet)

    def confirm(self, page: Page) -> bool:
        """Give each main article whose hint is a known outlet that outlet; True when a hint
        is still unmatched (the page should wait for the rest of the run)."""
        waiting = False
        for article in page.articles:
            if article.role != "main" or article.outlet or not article.outlet_hint:
                continue
            name = self.names.get(key(article.outlet_hint))
            if name is None:
                waiting = True
            else:
                article.outlet = name
        return waiting


class OutletHold:
    """Releases pages once their hints can be judged: at once when matched or hint-less,
    else after the run (``drain``)."""

    def __init__(self, known: KnownOutlets) -> None:
        self.known = known
        self.held: list[Page] = []

    def feed(self, page: Page) -> list[Page]:
        if self.known.confirm(page):
            self.held.append(page)
            if len(self.held) <= MAX_HELD:
                return []
            oldest = self.held.pop(0)
            self.known.confirm(oldest)  # a last look; its hint may stay a hint
            return [oldest]
        self.known.learn(page)
        return [page]

    def drain(self) -> list[Page]:
        held, self.held = self.held, []
        for page in held:
            self.known.confirm(page)
        return held


__all__ = ["MAX_HELD", "MIN_KEY", "KnownOutlets", "OutletHold"]
