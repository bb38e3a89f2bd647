"""Straight news articles as extra ``reporting`` examples for the genre model.

The genre labels of SemEval-2023 come from a corpus built to study propaganda: English has 41
reporting articles among 382, and the model learnt that almost anything is opinion (a straight
New York Times report came out ``opinion``). Real news reports fix the prior where users need it.
``parallax train genre DATA --news FILE`` adds each article of FILE as a ``reporting`` example:

- a PerSenT CSV (``TITLE``, ``DOCUMENT`` columns: news articles about one main entity),
- JSONL with ``title`` and ``text`` (and optionally ``language``; default English; with an
  ``event`` field, the events :func:`check_event` keeps for the check are skipped), or
- an extraction set folder (``input/*.html`` with ``GoldStandard/*.txt``, e.g. Dragnet's): only
  the pages whose canonical URL is in the news section of a news outlet (:data:`NEWS_SITES`,
  and no opinion, blog, feature or gallery path), their hand-extracted text. That is how an
  editor files them, so it is a label we did not make up. BASIL's outlets (Fox News, New York
  Times, HuffPost) are not among them. The same folder's columns and blog posts (their URL says
  so, :func:`opinion_page_url`) are added as ``opinion``: without real opinion pages the model
  learnt that the open web's writing is news, and called 71 % of Dragnet's pages, most of them
  first-person blog posts, ``reporting`` (docs/framing.md, thirteenth session). Dragnet's pages
  on the fresh-news check's sites are left out (``realpages.fresh_news_held_back``).

They take part in the cross-validation folds like any document (the card reports their
out-of-fold share labelled ``reporting`` separately from the SemEval score). The bundled genre
model learns from the extraction sets' news pages and BASIL's events that :func:`check_event`
does not hold back; the held-back events are the check (``benchmarks/frame_realnews.py basil
--half check``). PerSenT is *not* used: its text has the commas stripped, the model learnt that
artefact, and BASIL got worse (docs/framing.md).
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from parallax.errors import Code, ParallaxError
from parallax.segment.realpages import fresh_news_held_back, site_of


@dataclass(slots=True)
class NewsArticle:
    id: str
    language: str
    text: str
    group: str = ""  # cross-validation group (a site's pages share one); the id when empty
    label: str = "reporting"


#: news outlets whose news-section pages count as straight reports (none of BASIL's outlets)
NEWS_SITES = ("abcnews.go.com", "abs-cbnnews.com", "bbc.co.uk", "cbsnews.com", "cnn.com",
              "guardian.co.uk", "ibnlive.in.com", "msnbc.msn.com", "nj.com", "online.wsj.com",
              "washingtonpost.com", "news.cnet.com")
_NOT_NEWS = re.compile(r"opinion|comment|blog|column|editorial|slideshow|in-pictures|gallery|"
                       r"/future/|cnnheroes|sidebar|/sport/|marketforceslive", re.IGNORECASE)
_CANONICAL = re.compile(r'rel="canonical"[^>]*href="([^"]+)"|href="([^"]+)"[^>]*rel="canonical"'
                        r'|og:url"\s+content="([^"]+)"|^URL: (\S+)', re.IGNORECASE | re.MULTILINE)
_MARKUP = re.compile(r"^<[hpl]>", re.MULTILINE)


#: how a page was published when it is a column, an editorial or a blog post: its URL's host or
#: path says so (``/opinion/``, ``commentisfree``, ``blogs.`` ...); such pages are ``opinion``
_OPINION_URL = re.compile(r"opinion|column|editorial|commentisfree|(?<![a-z])blogs?(?![a-z])|"
                          r"blogspot|wordpress\.com|typepad|weblogs?(?![a-z])", re.IGNORECASE)
def opinion_page_url(url: str) -> bool:
    """A column, editorial or blog post by its URL (not a news outlet's news section)."""
    return bool(url) and not news_page_url(url) and bool(_OPINION_URL.search(url))


def news_page_url(url: str) -> bool:
    """A news outlet's news section (the site list and the excluded sections above)."""
    host = re.sub(r"^https?://(www\.)?", "", url).split("/")[0].lower()
    return any(host in (s, "news." + s) for s in NEWS_SITES) and \
        not _NOT_NEWS.search(url)


def read_news_pages(folder: Path, opinion: bool = False) -> list[NewsArticle]:
    """News-section pages of an extraction set: their gold text, grouped by site (``id`` starts
    with the host, so cross-validation folds can keep a site together). With ``opinion``, also
    its columns and blog posts (:func:`opinion_page_url`) as ``opinion``, except Dragnet's on
    the fresh-news check's sites (``realpages.fresh_news_held_back``)."""
    out: list[NewsArticle] = []
    for page in sorted((folder / "input").glob("*.html")):
        gold = folder / "GoldStandard" / f"{page.stem}.txt"
        if not gold.is_file():
            continue
        head = page.read_text(encoding="utf-8", errors="replace")[:200_000]
        raw = gold.read_text(encoding="utf-8", errors="replace")
        match = _CANONICAL.search(head) or _CANONICAL.search(raw[:300])
        url = next((g for g in match.groups() if g), "") if match else ""
        if news_page_url(url):
            label = "reporting"
        elif opinion and opinion_page_url(url) and not (
                folder.name == "dragnet_data"
                and fresh_news_held_back(site_of(folder.name, page.stem, head, raw))):
            label = "opinion"
        else:
            continue
        text = _MARKUP.sub("", re.sub(r"^URL: \S+\s*", "", raw)).strip()
        if len(text.split()) >= 150:
            host = re.sub(r"^https?://(www\.)?", "", url).split("/")[0].lower()
            out.append(NewsArticle(f"news:{host}:{folder.name}:{page.stem}", "en", text,
                                   "news:" + host.removeprefix("news."), label))
    return out


def read_news(path: Path) -> list[NewsArticle]:
    if path.is_dir():
        return read_news_pages(path, opinion=True)
    if not path.is_file():
        raise ParallaxError(Code.NOT_FOUND, f"news file not found: {path}")
    out: list[NewsArticle] = []
    if path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                title = (row.get("TITLE") or "").strip()
                body = (row.get("DOCUMENT") or "").strip()
                if body:
                    out.append(NewsArticle(_id(path, body), "en",
                                           f"{title.capitalize()}\n\n{body}" if title else body))
        return out
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        if record.get("event") and check_event(str(record["event"])):
            continue
        body = str(record.get("text") or "").strip()
        if body:
            title = str(record.get("title") or "").strip()
            out.append(NewsArticle(_id(path, body), str(record.get("language") or "en"),
                                   f"{title}\n\n{body}" if title and not body.startswith(title)
                                   else body))
    return out


def check_event(event: str) -> bool:
    """Half the events of a JSONL with an ``event`` field (BASIL's stories) are never trained
    on: they are the check (``benchmarks/frame_realnews.py basil --half check``). By event, not
    by article: the three outlets' reports of one event share names and wording."""
    return hashlib.sha1(event.encode("utf-8")).digest()[0] % 2 == 1


def _id(path: Path, body: str) -> str:
    return "news:" + path.stem + ":" + hashlib.sha1(body.encode("utf-8")).hexdigest()[:12]
