"""Real pages with hand-extracted main text (``../shared/datasets/extraction``), split by site.

Why by site: pages of one site share their furniture, so a split by page lets a model memorise
a site's menus and overstates what a new site gets. Every page gets a site (CleanEval: the gold's
``URL:`` line; Dragnet and the rest: the page's canonical/og:url host, else the most linked
host; Readability: the file name); a stable hash of the site puts it in ``train`` or ``heldout``
(one site in five held out). The held-out part is never used to fit or tune anything.

Scoring is the word 4-gram shingle F1 of the extracted main text (title + body) against the gold,
precision and recall averaged over pages; a rejected page scores 0. The corpus is research
data: read at test time, never committed.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

SETS = ("cleaneval-dev", "cleaneval-final", "dragnet_data", "readability",
        "CleanPortalEval-master")
_TAG = re.compile(r"<[^>]{0,2000}>")
_URL_LINE = re.compile(r"^\s*URL:\s*(\S+)", re.I)
_HREF = re.compile(r"""(?:href|content)\s*=\s*["']?(https?://[^"'\s>]+)""", re.I)
_CANON = re.compile(r"""<(?:link|meta)[^>]*(?:rel=["']?canonical|og:url)[^>]*>""", re.I)
_TOKEN = re.compile(r"\w+", re.UNICODE)
_FOLDS = 5
# Dragnet's gold files hold the article, then a separator line ("!@#$%^&*()  COMMENTS", typed
# by hand in a dozen variants) and the page's reader comments (415 of its 1,381 files)
_COMMENTS_SEP = re.compile(r"^[^\w\r\n]{3,}[ \t]*COMMENTS[ \t\r]*$", re.M)


@dataclass(slots=True)
class RealPage:
    corpus: str
    name: str
    site: str
    html: str
    gold: str
    #: the gold's reader comments (Dragnet's part after its comments separator), kept apart:
    #: Parallax returns them as comments, not as article text
    comments: str = ""

    @property
    def split(self) -> str:
        return "heldout" if fold_of(self.site) == 0 else "train"


def fold_of(site: str) -> int:
    return int(hashlib.sha1(site.encode()).hexdigest(), 16) % _FOLDS


def _host(url: str) -> str:
    host = urlparse(url).netloc.lower().split(":")[0]
    parts = host.split(".")
    if parts and parts[0] in ("www", "m", "mobile", "edition", "news", "blog", "blogs"):
        parts = parts[1:]
    # keep the registrable part: example.co.uk, example.com
    keep = 3 if len(parts) >= 3 and len(parts[-1]) == 2 and len(parts[-2]) <= 3 else 2
    return ".".join(parts[-keep:])


def fresh_news_held_back(site: str) -> bool:
    """Whether ``site`` is in the held-back half of the fresh real-news check (twelfth session,
    docs/quality.md "Fresh real news": ``sha1("p12A|" + site)`` odd). Models that learn from
    Dragnet's pages (the genre's opinion rows, the narrative side model's mainstream pages) read
    only the other half, the tuning half."""
    return int(hashlib.sha1(("p12A|" + site).encode("utf-8")).hexdigest(), 16) % 2 == 1


def site_of(corpus: str, name: str, page: str, gold_raw: str) -> str:
    if corpus.startswith("cleaneval"):
        match = _URL_LINE.match(gold_raw)
        if match:
            return _host(match.group(1))
    if corpus == "readability":
        return "readability:" + re.sub(r"-\d+$", "", name)
    if corpus == "CleanPortalEval-master":
        return name.split("_")[0]
    head = page[:200_000]
    canon = _CANON.search(head)
    if canon and (url := _HREF.search(canon.group(0))):
        return _host(url.group(1))
    hosts = Counter(_host(u) for u in _HREF.findall(head))
    hosts.pop("", None)
    return hosts.most_common(1)[0][0] if hosts else f"{corpus}:{name}"


def clean_gold(raw: str) -> str:
    """Plain text of a gold file: CleanEval's URL line and <p>/<h>/<l> markers, Readability's
    HTML tags and entities dropped; one block per line."""
    text = _URL_LINE.sub("", raw, count=1) if _URL_LINE.match(raw) else raw
    text = re.sub(r"(?i)<(p|h|l|br|div|li|h[1-6]|tr)\b[^>]*>", "\n", text)
    text = html.unescape(_TAG.sub(" ", text))
    return "\n".join(" ".join(ln.split()) for ln in text.splitlines() if ln.strip())


def load(root: Path, sets: tuple[str, ...] = SETS) -> Iterator[RealPage]:
    for corpus in sets:
        folder = root / corpus
        for gold_path in sorted((folder / "GoldStandard").glob("*.txt")):
            page_path = folder / "input" / (gold_path.stem + ".html")
            if not page_path.exists():
                continue
            data = gold_path.read_bytes()
            raw = gold_text(data)
            article, comments = split_comments(raw)
            gold = clean_gold(article)
            if len(_TOKEN.findall(gold)) < 10:
                continue  # an empty gold says nothing about extraction
            page = as_text(page_path.read_bytes())
            # the site from the gold read as UTF-8, as the split was made: 79 CleanEval golds
            # open with a byte order mark before their URL line; decoded, 35 of them would name
            # other sites and move 6 pages between the parts the models were trained and
            # measured on
            site = site_of(corpus, gold_path.stem, page, data.decode("utf-8", "replace"))
            yield RealPage(corpus, gold_path.stem, site,
                           page, gold, clean_gold(comments) if comments else "")


def as_text(data: bytes) -> str:
    """A stored file's text as Parallax's readers decode it (``ingest.decode``: a UTF-16 byte
    order mark, else UTF-8, else the declared or detected charset), else UTF-8 with
    replacements.

    Why: read as UTF-8 alone, 275 pages in windows-1252 and other charsets lost their non-ASCII
    characters before Parallax saw them, where a user's file of the same bytes is decoded by the
    readers; the evaluation measured pages no user gives it (docs/segmentation.md, "Sixteenth
    session (helper H)"). The 16 pages the readers rejected (a CleanEval header that declares the
    encoding "unset", a wrong UTF-8 declaration) are read since the lead's stray-byte rule
    (``decode.STRAY_BYTES_SHARE``); a page the readers still reject is read as UTF-8 here."""
    from parallax.errors import InputRejected
    from parallax.ingest.decode import decode_bytes

    try:
        return decode_bytes(data)[0]
    except InputRejected:
        return data.decode("utf-8", "replace")


def gold_text(data: bytes) -> str:
    """A gold file's text: UTF-16 or UTF-8 by their byte order marks, else UTF-8, else
    windows-1252. Why: read as UTF-8 alone, five Dragnet golds (UTF-16) became letters between
    NULs and scored 0 whatever the extractor did, and 79 CleanEval golds kept their URL line
    (behind a UTF-8 byte order mark) as article text. Why not the readers' detection
    (``as_text``): such a gold is mostly ASCII with a few typographic quotes and dashes, and the
    detector then names codecs that turn a quote into a letter and glue two words into one
    (mac_iceland, cp852, cp775, big5hkscs: 14 of the 86 golds that are not UTF-8)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


def of_split(root: Path, split: str, limit: int = 0) -> list[RealPage]:
    """The pages of one part (``heldout`` / ``train``); with ``limit``, at most that many spread
    evenly over it (every n-th page), so a quick run still meets every set and site range."""
    pages = [p for p in load(root) if p.split == split]
    if limit:
        pages = pages[:: max(1, len(pages) // limit)][:limit]
    return pages


def add_selection(parser: argparse.ArgumentParser, *, split: str = "heldout") -> None:
    """The options every real-page benchmark shares: the part (``--split``), how many pages
    spread over it (``--limit``, 0 for all) and the text-dump renderings (``--shapes``,
    comma-separated; "" for none, e.g. HTML alone). Read back with ``selection``."""
    from parallax.segment.render import RENDERINGS

    parser.add_argument("--split", default=split, choices=("heldout", "train"))
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--shapes", default=",".join(RENDERINGS))


def selection(args: argparse.Namespace, root: Path) -> tuple[list[RealPage], tuple[str, ...]]:
    """The pages and renderings ``add_selection``'s options name."""
    return (of_split(root, args.split, args.limit),
            tuple(s for s in args.shapes.split(",") if s))


def split_comments(raw: str) -> tuple[str, str]:
    """A gold file's article and reader comments. Why: Dragnet's gold has both, split by its
    separator line; scored (and trained) as one text, a page's comment thread counted as
    article text, so the line model learnt to keep comment threads and an extractor that
    returns them as comments lost recall (docs/segmentation.md)."""
    match = _COMMENTS_SEP.search(raw)
    if match is None:
        return raw, ""
    return raw[:match.start()], raw[match.end():]


def words(text: str) -> list[str]:
    """The text's words as a reader sees them: a soft hyphen (U+00AD) shows nothing inside a
    line, so "au<SHY>thor<SHY>ity" is one word, in the gold and in the answer alike (the gold
    kept them, and an answer that read them as shown lost shingles: thirty-first session)."""
    return [t.lower() for t in _TOKEN.findall(text.replace("\u00ad", ""))]


def shingles(tokens: list[str], n: int = 4) -> Counter[tuple[str, ...]]:
    if len(tokens) < n:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def shingle_prf(predicted: str, gold: str) -> tuple[float, float, float]:
    """Word 4-gram P/R/F1 of one real page, the metric issue 16 states. Unlike the gold set's
    ``evaluate.prf`` (where an empty gold and an empty answer agree, scoring 1), nothing empty
    scores here: every real page holds a gold article, so an empty answer is a rejected page
    and must count as 0."""
    got, want = shingles(words(predicted)), shingles(words(gold))
    overlap = sum((got & want).values())
    p = overlap / sum(got.values()) if got else 0.0
    r = overlap / sum(want.values()) if want else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


__all__ = ["SETS", "RealPage", "as_text", "clean_gold", "fold_of", "gold_text", "load",
           "shingle_prf", "site_of", "split_comments", "words"]
