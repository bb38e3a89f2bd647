"""Scoring the outlet a text dump gives against the real page's own evidence of its site.

Why apart from ``outlet.py``: the evidence comes from the page's HTML (its meta tags, host and
``<title>``), which the dump never sees; the dump-side rule must not peek at it. Used by
``benchmarks/eval_outlets.py`` and the real-page outlet gate in tests.

Evidence: the HTML's ``og:site_name``, ``application-name`` and ``twitter:site`` meta tags,
the site's host (``realpages.site_of``: CleanEval's URL line, the canonical/og:url host, the
most linked host; Readability's file name) and the ends of the ``<title>`` ("Story – Outlet",
"Outlet | Section | Story": its first and last parts when there are several, not the longest).
Match rule (``same_outlet``): both sides case-folded, a leading "the" and "@", "www." and a
trailing domain suffix (".com", ".co.uk" ...) dropped, everything but letters and digits
dropped; then equal, or an outlet of at most four words and no separator (":", "|", " - ")
starts with an evidence name of at least three characters ("BBC News" for ``bbc.co.uk``; not
"Stereophile: A Review" for ``stereophile.com``). ``right_strict`` leaves the ``<title>`` out of
the evidence: an outlet read off a dump's first line (the page title, on half the rendered
dumps) would otherwise be scored against itself.
"""

from __future__ import annotations

import html
import re
import tempfile
from collections import defaultdict
from pathlib import Path

from parallax.segment import realeval
from parallax.segment.realpages import RealPage
from parallax.segment.render import page_blocks, render
from parallax.settings import Config

_META = re.compile(r"""<meta\b[^>]*?(?:property|name)\s*=\s*["']?(og:site_name|application-name|"""
                   r"""twitter:site)["'\s>][^>]*>""", re.I)
_CONTENT = re.compile(r"""content\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_TITLE_SPLIT = re.compile(r"\s+[|–—:»·-]+\s+|\s*\|\s*")
_SEPARATED = re.compile(r"[:|»]|\s[-–—]\s")
_SUFFIX = re.compile(r"\.(com|net|org|info|co\.uk|org\.uk|gov|edu|de|at|ch|fr|ru|it|"
                     r"co|uk|us|ca|au|hu|cz|pl|tv|io)$")


def norm(name: str) -> str:
    s = html.unescape(name).casefold().strip()
    s = s.lstrip("@")
    s = re.sub(r"^(the|www\.)\s*", "", s)
    s = re.sub(r"^www\.", "", s)
    s = _SUFFIX.sub("", s)
    return "".join(ch for ch in s if ch.isalnum())


def site_names(page: RealPage, title: str) -> list[str]:
    """Normalised names of the page's site, from the page's own markup and host."""
    head = page.html[:200_000]
    names: list[str] = []
    for m in _META.finditer(head):
        content = _CONTENT.search(m.group(0))
        if content:
            names.append(content.group(1) or content.group(2) or "")
    site = page.site.split(":", 1)[-1]
    if page.corpus == "readability":
        site = re.sub(r"-\d+$", "", site)
    names.append(site)
    names.append(site.split(".")[0])
    parts = [p for p in _TITLE_SPLIT.split(title) if p.strip()]
    if len(parts) >= 2:  # "Outlet | Section | Story", "Story – Outlet": the ends, not the story
        longest = max(parts, key=len)
        names += [p for p in (parts[0], parts[-1]) if p is not longest]
    return sorted({n for n in map(norm, names) if len(n) >= 2})


def same_outlet(outlet: str, names: list[str]) -> bool:
    got = norm(outlet)
    if not got:
        return False
    # "BBC News" for bbc.co.uk, but not a page title such as "Stereophile: A Review"
    short = len(outlet.split()) <= 4 and not _SEPARATED.search(outlet)
    return any(got == n or (short and len(n) >= 3 and got.startswith(n)) for n in names)


def first_line(dump: str) -> str:
    """The trivial baseline's outlet: the dump's first line."""
    return next((ln.strip().lstrip("#").strip() for ln in dump.splitlines() if ln.strip()), "")


def run(pages: list[RealPage], shapes: tuple[str, ...]) -> list[dict[str, object]]:
    """One row per page and shape: the main article's outlet through the ``extract`` path,
    whether it is right, and whether the first-line baseline would be."""
    config = Config()
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory(prefix="parallax-outlets-") as tmp:
        folder = Path(tmp)
        for k, page in enumerate(pages):
            title, blocks = page_blocks(page.html)
            names = site_names(page, title)
            strict = site_names(page, "")  # the meta tags and host alone
            dumps = {shape: render(title, blocks, shape, with_title=realeval.with_title(page))
                     for shape in shapes}
            for shape, dump, contract in realeval.extracted(folder, k, page, dumps, False,
                                                            config):
                main = realeval.main_article(contract)
                outlet = (main or {}).get("outlet") or ""
                rows.append({"page": page.name, "corpus": page.corpus, "site": page.site,
                             "split": page.split, "shape": shape, "outlet": outlet,
                             "right": same_outlet(outlet, names) if outlet else None,
                             "right_strict": same_outlet(outlet, strict) if outlet else None,
                             "first": same_outlet(first_line(dump), names),
                             "evidence": names})
    return rows


def summary(rows: list[dict[str, object]]) -> dict[str, dict[str, float]]:
    groups: dict[str, list[dict[str, object]]] = defaultdict(list)
    for r in rows:
        groups["all"].append(r)
        groups[str(r["shape"])].append(r)
    out = {}
    for name, items in groups.items():
        given = [r for r in items if r["outlet"]]
        right = sum(bool(r["right"]) for r in given)
        strict = sum(bool(r["right_strict"]) for r in given)
        out[name] = {"dumps": len(items), "given": len(given), "right": right,
                     "wrong": len(given) - right,
                     "precision": round(right / len(given), 4) if given else 0.0,
                     "coverage_right": round(right / len(items), 4),
                     "right_strict": strict,
                     "precision_strict": round(strict / len(given), 4) if given else 0.0,
                     "first_line_precision": round(sum(bool(r["first"]) for r in items)
                                                   / len(items), 4)}
    return out


__all__ = ["first_line", "norm", "run", "same_outlet", "site_names", "summary"]
