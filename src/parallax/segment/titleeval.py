"""Is the headline right? Title correctness on real pages, through ``parallax extract --json``.

Why: the body's shingle F1 barely notices a wrong title line (one line of a page), but every
story list, comparison column and search result shows the article's title, so a menu line
taken as the headline is seen on every listing. The real-page sets hold no gold headline, so
the reference comes from the page's own HTML: ``og:title``, ``twitter:title``, the ``<h1>``
texts and ``<title>`` (whole, and its longest part once the site name after " | ", " - " …
is cut). A title is *right* when its word tokens match any reference with a token F1 of at
least ``MATCH`` (so "Headline | Site" matches the whole ``<title>``, and a headline that lost
a kicker word still matches), *wrong* when it matches none, *none* when the article has no
title. A wrong title is worse than none: the web UI shows the text's first words then.
Pages with no reference (no such tags) are left out of the counts.
"""

from __future__ import annotations

import re
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from parallax.segment.dates import parse_absolute
from parallax.segment.realeval import extracted, main_article
from parallax.segment.realpages import RealPage, words
from parallax.segment.render import flat_text, page_blocks, render
from parallax.settings import Config

#: token F1 with a reference at or above which a title counts as right
MATCH = 0.8
#: what sites put between the headline and their name in ``<title>``
TITLE_SEPARATOR = re.compile(r"\s+[|\-–—:»«·•]+\s+|\s*::\s*|\s*\|\s*")
_META = etree.XPath("//meta[@property='og:title' or @name='og:title' or "
                    "@name='twitter:title' or @property='twitter:title']/@content")
_H1 = etree.XPath("//h1")
_TITLE = etree.XPath("//title")
PARSER = lxml_html.HTMLParser(encoding="utf-8", remove_comments=True)


def references(page: str, gold: str = "") -> list[str]:
    """The page's own statements of its headline that something else bears out (empty when
    none): a meta title (``og:title``, ``twitter:title``), or an ``<h1>`` or ``<title>`` part
    that another source repeats (an ``<h1>`` and the ``<title>``'s longest part, or one of the
    gold's first lines). Why the corroboration: on blogs the ``<h1>`` and one ``<title>`` part
    are often the blog's name or a section label ("Olympic sports", "COMMENTS"); a title
    naming only the site is what this measurement must count as wrong. A candidate equal to a
    ``<title>`` part other than the longest (the site-name side) is dropped unless the gold
    starts with it."""
    try:
        tree = lxml_html.fromstring(page.encode("utf-8", "replace"), parser=PARSER)
    except (etree.ParserError, ValueError):
        return []
    metas = [" ".join(str(v).split()) for v in _META(tree)]
    h1s = [flat_text(h) for h in _H1(tree)[:3]]
    titles = _TITLE(tree)
    whole = flat_text(titles[0]) if titles else ""
    parts = [p.strip() for p in TITLE_SEPARATOR.split(whole) if words(p)]
    longest = max(parts, key=lambda p: len(words(p))) if parts else ""
    site_parts = [p for p in parts if p != longest] if len(parts) >= 2 else []
    # the gold's first lines, as far as they can be a headline (a date line cannot)
    top = [line for line in gold.splitlines()[:6]
           if len(words(line)) >= 2 and not parse_absolute(line)]

    def near(text: str, others: list[str]) -> bool:
        return any(token_f1(text, o) >= MATCH for o in others)

    refs: list[str] = []
    for text in metas + h1s + parts + ([whole] if len(parts) >= 2 else []):
        if not words(text):
            continue
        in_gold = near(text, top)
        if near(text, site_parts) and not in_gold:
            continue  # the site's name (or a section) beside the headline in <title>
        if text in metas or in_gold or (text in h1s and near(text, [longest, whole])) \
                or (text in (longest, whole) and near(text, h1s + metas)):
            refs.append(text)
    if refs and longest in refs and whole not in refs and len(parts) >= 2:
        refs.append(whole)  # "Headline | Site" taken whole is the headline too
    return list(dict.fromkeys(refs))


def token_f1(a: str, b: str) -> float:
    x, y = Counter(words(a)), Counter(words(b))
    both = sum((x & y).values())
    if not both:
        return 0.0
    p, r = both / sum(x.values()), both / sum(y.values())
    return 2 * p * r / (p + r)


def verdict(title: str, refs: list[str]) -> str:
    """right | wrong | none (``refs`` non-empty)."""
    if not words(title):
        return "none"
    return "right" if any(token_f1(title, r) >= MATCH for r in refs) else "wrong"


@dataclass(slots=True)
class TitleScore:
    page: str
    site: str
    corpus: str
    shape: str  # rendering (+ "+title" when the page title line is rendered on top), or a baseline
    title: str
    verdict: str


def first_lines(dump: str, n: int) -> list[str]:
    out = []
    for line in dump.splitlines():
        text = line.strip().lstrip("#").strip()
        if text:
            out.append(text)
            if len(out) == n:
                break
    return out


def baseline_titles(dump: str) -> dict[str, str]:
    """Trivial choosers to compare with: the first line, the longest of the first five."""
    top = first_lines(dump, 5)
    return {"first_line": top[0] if top else "",
            "longest_of_5": max(top, key=len) if top else ""}


def main_title(contract: dict[str, Any]) -> str:
    main = main_article(contract)
    return str(main.get("title") or "") if main else ""


def evaluate(pages: Iterable[RealPage], shapes: tuple[str, ...], *, html: bool = True,
             baselines: bool = True, config: Config | None = None) -> list[TitleScore]:
    """Every page in every rendering, with and without the title line on top."""
    config = config or Config()
    scores: list[TitleScore] = []
    with tempfile.TemporaryDirectory(prefix="parallax-titles-") as tmp:
        folder = Path(tmp)
        for k, page in enumerate(pages):
            refs = references(page.html, page.gold)
            if not refs:
                continue
            title, blocks = page_blocks(page.html)
            dumps = {f"{shape}+title" if on_top else shape:
                     render(title, blocks, shape, with_title=on_top)
                     for shape in shapes for on_top in (False, True)}
            for name, dump, contract in extracted(folder, k, page, dumps, html, config):
                got = main_title(contract)
                scores.append(TitleScore(page.name, page.site, page.corpus, name, got,
                                         verdict(got, refs)))
                if baselines and name != "html":
                    for base, chosen in baseline_titles(dump).items():
                        scores.append(TitleScore(page.name, page.site, page.corpus,
                                                 f"{base}:{name}", chosen,
                                                 verdict(chosen, refs)))
    return scores


def table(scores: Iterable[TitleScore]) -> dict[str, dict[str, float]]:
    groups: dict[str, Counter[str]] = {}
    for s in scores:
        groups.setdefault(s.shape, Counter())[s.verdict] += 1
    out: dict[str, dict[str, float]] = {}
    for shape, counts in sorted(groups.items()):
        n = sum(counts.values())
        out[shape] = {"pages": n, **{v: round(counts[v] / n, 4)
                                     for v in ("right", "wrong", "none")}}
    return out


__all__ = ["MATCH", "TitleScore", "baseline_titles", "evaluate", "references", "table",
           "token_f1", "verdict"]
