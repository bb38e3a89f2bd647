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

Every way in applies these rules through one owner, ``RunOutlets``: ``ingest`` (the store's
outlets and articles first), ``extract`` and ``analyze`` (the run's own), a ``parallax batch``
shard (the shard's own: its worker sees no other shard), and ``ingest --from-parquet``, which
applies them again against the store, so shards agree with each other and with earlier ingests
once loaded. Batch had none of it: "Coast Post" and "coast post" stayed two outlets, and three
outlets' verbatim copies of a wire story were one article id three times (twenty-second
session). A batch rarely holds hints (its shards are WARC, JSONL and Parquet, not text dumps;
a WARC's text/plain page may be one).

Order within a run does not matter: a page whose hint no outlet known so far matches is held
back and released after the run's last document, when every outlet of the run is known
(``OutletHold``). Held pages come out after the others, in their own input order; a run with no
such page streams as before. At most ``MAX_HELD`` pages wait: beyond that the longest-waiting
one is released with its hint unconfirmed, so memory stays bounded on a run of many dumps whose
hints match nothing (on the held-out real pages, 773 of 1,836 dumps had a header outlet).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable
from urllib.parse import urlsplit

from parallax.ingest.sender import site
from parallax.records import Article, Page
from parallax.segment import outlet

_WWW = re.compile(r"^\s*www\.", re.IGNORECASE)
_LETTERS = re.compile(r"[^\W_]+")

#: a key this short ("ap", "n") matches too much by chance (``outlet.borne_out``'s bound)
MIN_KEY = 3
#: the most pages that wait for the rest of the run (a page with its analysis is ~10-100 kB)
MAX_HELD = 1000
#: the longest outlet name kept (characters): longer is a page's description or a hostile
#: field, not a name (the longest og:site_name of the 2,366 extraction pages is 154
#: characters), and PostgreSQL's index of outlets refused a name over 2,704 bytes, so the
#: whole ingest stopped there (helper N11)
MAX_OUTLET = 300


def key(name: str) -> str:
    """``outlet.key`` of the name without a leading "www." (a host is the site's name)."""
    return outlet.key(_WWW.sub("", name))


#: quotation marks: no part of an outlet's name (``plain``)
_QUOTES = re.compile('["\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a\u2033\uff02]')
_SINGLE = "'\u2018\u2019"


def plain(name: str) -> str:
    """The name without quotation marks, and without single quotes around the whole of it
    (an apostrophe stays: "Barron's"). A page's ``og:site_name`` 'Coast "Post"' (made up)
    folds with a feed's "Coast Post" (``spelling``), and as the first spelling seen it was
    shown on every article of the feed, quotes and all (twenty-seventh session)."""
    text = _QUOTES.sub("", name).strip()
    if len(text) > 1 and text[0] in _SINGLE and text[-1] in _SINGLE:
        text = text[1:-1]
    return " ".join(text.split())


def spelling(name: str) -> str:
    """The name's letters and digits, case folded, without a leading "www.": what two spellings
    of one name share ("Coast Post" / "coast  post"; "www.quill.example" / "Quill.Example")."""
    return "".join(w.casefold() for w in _LETTERS.findall(_WWW.sub("", name)))


class KnownOutlets:
    """Outlet names by ``outlet.key``; the first spelling seen wins."""

    def __init__(self, names: Iterable[str] = (),
                 stored_at: Callable[[str], list[str]] | None = None) -> None:
        self.names: dict[str, str] = {}
        #: the outlets a store's articles at a site carry (``Store.outlets_at``), asked once a
        #: site when a newsletter's sender is judged: a letter ingested alone into a store
        #: holding the site's pages stayed without outlet (helper N11)
        self.stored_at = stored_at
        self.stored_sites: dict[str, list[str]] = {}
        #: the first spelling of each name (``spelling``), for the outlets articles carry
        self.spellings: dict[str, str] = {}
        #: the outlets the run's articles at each site carry (``sender.site`` of their url)
        self.sites: dict[str, list[str]] = {}
        for name in names:
            self.add(name)

    def add(self, name: str) -> None:
        name = plain(name)  # a stored or configured name spelt with quotes spells none
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
                host = urlsplit(article.url).hostname if article.url else None
                named = self.sites.setdefault(site(host), []) if host else []
                if article.outlet not in named:
                    named.append(article.outlet)

    def of_site(self, name: str, at: str) -> str | None:
        """The outlet of the site ``at`` that a newsletter's sender ``name`` stands for: the
        one outlet the run's articles at that site carry, when the name's words are whole
        words of it ("Times" at ``nytimes``, whose pages are "The New York Times"; helper SX).
        A name inside the site's name but no word of its outlet ("Mark" at ``markethaven``,
        "MarketHaven"), two outlets at the site, or an outlet of that name at another site
        ("The Times" elsewhere) tell nothing."""
        words = [w.casefold() for w in _LETTERS.findall(name)]
        if not words:
            return None
        if self.stored_at is not None and at not in self.stored_sites:
            self.stored_sites[at] = self.stored_at(at)
        outlets = {spelling(o): self.spellings.get(spelling(o), o)
                   for o in [*self.stored_sites.get(at, []), *self.sites.get(at, [])]}
        if len(outlets) != 1:
            return None
        (outlet,) = outlets.values()
        theirs = [w.casefold() for w in _LETTERS.findall(outlet)]
        return outlet if any(theirs[i:i + len(words)] == words
                             for i in range(len(theirs) - len(words) + 1)) else None

    def confirm(self, page: Page) -> bool:
        """Give each main article whose hint is a known outlet that outlet (a newsletter's
        sender: its site's outlet, ``of_site``); True when a hint is still unmatched (the page
        should wait for the rest of the run)."""
        waiting = False
        sender, at = page.metadata.get("sender_name"), page.metadata.get("sender_site")
        for article in page.articles:
            if article.role != "main" or article.outlet:
                continue
            if not article.outlet_hint and sender and at:
                article.outlet = self.of_site(str(sender), str(at))
                waiting = waiting or article.outlet is None
                continue
            if not article.outlet_hint:
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
        for article in page.articles:  # every way in passes here, before names are learnt
            if article.outlet:
                article.outlet = plain(article.outlet) or None
                if article.outlet and len(article.outlet) > MAX_OUTLET:  # no name: unknown
                    article.outlet = None
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


def own_copies(page: Page, outlet_of: Callable[[str], str | None]) -> None:
    """A wire story another outlet ran word for word has the stored article's id (ids come
    from title and text), so it was saved as that article: its outlet was lost, and the run's
    stories listed it in place of the stored one (made up: three outlets' copy, one article of
    the first outlet, a story of the last). Such a copy gets an id of its own (title, text and
    outlet) and is linked as a near-duplicate, as the README promises for wire copies.
    ``outlet_of``: the outlet an article id already has, None when it has none or is new."""
    for article in page.articles:
        if article.role != "main" or not article.outlet:
            continue
        known = outlet_of(article.id)
        if known and spelling(known) != spelling(article.outlet):  # not the hints' key:
            # "Die Presse" and "La Presse" share one (R's review of 498d496)
            article.id = Article.make_id(article.title, article.text, spelling(article.outlet))


class RunOutlets:
    """A run's pages get their outlets (hints confirmed, spellings folded: ``feed``/``drain``)
    and, just before each is kept, their ids (``own``: a copy's own id). ``known``: outlets
    spelt first (the ``known_outlets`` setting, the store's); ``stored``: the outlet a stored
    article id has (``runner.stored_outlet``), None for a run without a store; ``stored_at``:
    the outlets of the store's articles at a site (``Store.outlets_at``)."""

    def __init__(self, known: Iterable[str] = (),
                 stored: Callable[[str], str | None] | None = None,
                 stored_at: Callable[[str], list[str]] | None = None) -> None:
        self.hold = OutletHold(KnownOutlets(known, stored_at))
        self.stored = stored
        self.kept: dict[str, str] = {}  # article id -> the outlet it was kept with

    def feed(self, page: Page) -> list[Page]:
        return self.hold.feed(page)

    def drain(self) -> list[Page]:
        return self.hold.drain()

    def own(self, page: Page, leaving: Collection[str] = ()) -> None:
        """``leaving``: stored article ids the page replaces (``ingest --replace``): an
        outlet's corrected report whose outlet was wrong keeps its id, as a fresh ingest of
        the correction gives it, rather than an id of its own as another outlet's copy."""
        own_copies(page, lambda a: self.kept.get(a) if a in leaving else self.outlet_of(a))
        for article in page.articles:
            if article.role == "main" and article.outlet:
                self.kept.setdefault(article.id, article.outlet)

    def outlet_of(self, article_id: str) -> str | None:
        if article_id in self.kept:
            return self.kept[article_id]
        return self.stored(article_id) if self.stored else None


__all__ = ["MAX_HELD", "MAX_OUTLET", "MIN_KEY", "KnownOutlets", "OutletHold", "RunOutlets",
           "own_copies", "plain"]
