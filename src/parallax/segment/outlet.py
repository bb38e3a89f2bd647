"""Whether the outlet a text dump's header gives is borne out by the rest of the page.

Why: a dump has no metadata, so its outlet is read off header lines (``header.py``: a short
line above the title, a kicker, an "Outlet 4 hours ago" or byline line). On real pages that
line is mostly a menu item, a section label or a share button: of the outlets the header gave
on 7,312 training-site dumps (``benchmarks/eval_outlets.py``), 15 % were the page's site. The
comparison view groups and labels articles by outlet, and an article with no outlet is shown
honestly as "Unknown outlet (<file>)", so an outlet the page does not bear out is dropped.

Borne out means: the name stands in a copyright line ("© 2012 Web Ink Now"), or it is the
name of a domain the page mentions ("webinknow.com"), or, as on a news aggregator, it
attributes at least two items ("Russia Today 4 hours ago", "• Russia Today"). A page whose
header gives no such outlet may still name its site at an end of a page-title line above it
("Story | Web Ink Now"); borne out the same way, that name is the outlet.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import compress, count

from parallax.segment.lines import BULLET, OUTLET_TIME, Line
from parallax.segment.prefilter import fold, folded_twin, joined, lines_holding, twin_safe

#: "©", "(c)", "copyright" (any case) or "&copy;": written so that the scan only stops at one of
#: five characters (a third of the time of the plain alternation with re.IGNORECASE)
COPYRIGHT = re.compile(r"[©(&cC](?:(?<=©)|(?<=\()[cC]\)|(?<=&)copy;|"
                       r"(?<=[cC])[oO][pP][yY][rR][iI][gG][hH][tT])")
#: a domain's suffix; the label before it ("webinknow" in "www.webinknow.com") is read back
#: from there (``LABEL``), since a regex that starts at every word costs four times as much
DOMAIN = re.compile(r"\.(?:com|net|org|info|co\.uk|org\.uk|de|at|ch|fr|ru|it|es|nl|pl|cz|hu|"
                    r"us|ca|com\.au|net\.au|ie|in|io|tv|gov|edu)\b", re.IGNORECASE)
#: ``DOMAIN`` for the page's fold (``prefilter.folded_twin``): the same places in ~40 % of the
#: time (tests/test_segment_outlet.py)
_DOMAIN_TWIN = folded_twin(DOMAIN)
LABEL = re.compile(r"[^\W_][\w-]*\Z")
#: what may follow a name in a copyright line without making it a longer name
COMPANY = re.compile(r"(?:Media|Medien|Médias|Group|Gruppe|Groupe|Inc|Ltd|LLC|GmbH|AG|SA|"
                     r"Company|Corporation|Corp|Co|Publishing|Publications|Network|Networks|"
                     r"Holdings|Limited|Verlag)\b")
#: the holder of a copyright line: after the mark, the years and "by", up to punctuation,
#: "All rights", another year or the line's end
HOLDER = re.compile(r"(?i:©|\(c\)|copyright|&copy;)[\s©]*(?:\(c\)\s*)?"
                    r"(?:(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)?\d\d)?[\s,]*)?(?:by\s+)?"
                    r"(?P<holder>[^\W\d_][\w&'’ .-]{1,60}?)"
                    r"(?=\s*(?:[,|;:©]|\.(?:\s|$)|(?i:all rights)|\d{4}|$))")
COMPANY_TAIL = re.compile(r"(?:[\s,]+(?:inc|llc|ltd|limited|gmbh|ag|plc|co|corp|corporation|"
                          r"company|media group|group)\.?)+$", re.IGNORECASE)
HOLDER_WORDS = 6
_WORD = re.compile(r"[^\W_]+")
#: capitalised words that may stand just before the name in a copyright line
_LEFT = frozenset(("the", "copyright", "by", "der", "die", "das", "le", "la", "les", "el", "c"))
_ARTICLE = frozenset(("the", "der", "die", "das", "le", "la", "les", "el"))
#: a copyright line is short; a long line that mentions copyright is an article sentence
COPYRIGHT_WORDS = 40
#: attributions (outlet-time or bullet lines) naming the outlet that make it an aggregator's
ATTRIBUTIONS = 2
#: "Story | Outlet", "Outlet – Story", "Story :: Outlet" (a colon or a bare hyphen inside a
#: part is not a separator)
TITLE_SEPARATOR = re.compile(r"\s+[|–—»]+\s+|\s+[:-]+\s+|\s*\|\s*|\s*::\s*")
TITLE_PART_WORDS = 5
_ATTRIBUTION = {"outlet_time": OUTLET_TIME, "bullet": BULLET}


def _words(text: str) -> list[str]:
    words = [w.casefold() for w in _WORD.findall(text)]
    return words[1:] if len(words) > 1 and words[0] in _ARTICLE else words


def key(name: str) -> str:
    """The outlet as a domain label would spell it: "The Web Ink Now" -> "webinknow",
    "NetDoctor.com" -> "netdoctor"."""
    words = _words(name)
    if len(words) > 1 and words[-1] in ("com", "net", "org", "info", "de"):
        words = words[:-1]
    return "".join(words)


def _contains(line_words: list[str], name_words: list[str]) -> bool:
    n = len(name_words)
    return any(line_words[i:i + n] == name_words for i in range(len(line_words) - n + 1))


def _names_whole(name_words: list[str], text: str) -> bool:
    """The line holds the name with no capitalised word continuing it on either side:
    "© 2026 Health & Science Weekly" names "Health & Science Weekly", not the menu item
    "Health"; "Copyright CNET News" names "CNET News", not the section "News"."""
    body = r"[\W_]+".join(re.escape(w) for w in name_words)
    pattern = re.compile(rf"(?<!\w)(?i:{body})(?!\w)(?!\s+(?:(?:&|and|und|of|de)\s+)?"
                         rf"(?!{COMPANY.pattern})[A-Z])")
    for match in pattern.finditer(text):
        before = _WORD.findall(text[:match.start()])
        if not before or not before[-1][:1].isupper() or before[-1].casefold() in _LEFT:
            return True
    return False


@dataclass(slots=True)
class Evidence:
    """What the page says about its own name, read once per page (``evidence``)."""

    #: (line index, text) of each short line with a copyright mark
    copyright: list[tuple[int, str]]
    #: domain labels ("webinknow" for webinknow.com) and the lines they stand on
    domains: dict[str, set[int]]
    #: (line index, outlet) of each "Outlet 3 hours ago" or "• Outlet" line
    attributions: list[tuple[int, str]]


def evidence(lines: list[Line]) -> Evidence:
    """Copyright lines, domains and attributions of the page. Why one pass over the joined
    text: a regex per line costs a text dump ~0.5 ms, a tenth of its segmentation."""
    texts = [line.text for line in lines]
    text, starts = joined(texts)
    folded = fold(text)
    copyright: list[tuple[int, str]] = []
    for i in sorted(lines_holding(_COPYRIGHT_LITERALS, folded, starts)):
        # (the lines holding a literal every match holds: COPYRIGHT tried at every "c" of
        # the page cost ~50 µs; no match runs across a line break)
        if lines[i].words <= COPYRIGHT_WORDS and COPYRIGHT.search(texts[i]):
            copyright.append((i, texts[i]))
    domains: dict[str, set[int]] = {}
    suffixes = _DOMAIN_TWIN.finditer(folded) if _DOMAIN_TWIN is not None and twin_safe(folded) \
        else DOMAIN.finditer(text)
    for m in suffixes:
        label = _label(text, max(0, m.start() - 80), m.start())
        if label is not None:
            domains.setdefault(label.casefold(), set()).add(bisect_right(starts, m.start()) - 1)
    attributions = []
    metas = [line.meta for line in lines]  # (a comprehension: ~2x faster than a C-level map)
    for i in compress(count(), metas):  # (the ~10 % of lines with a metadata kind)
        pattern = _ATTRIBUTION.get(metas[i] or "")
        if pattern is not None and (said := pattern.match(texts[i])):
            attributions.append((i, said.group("outlet").strip()))
    return Evidence(copyright, domains, attributions)


#: every COPYRIGHT match holds one of these, folded (``prefilter.fold``: its letters are ASCII
#: and lower-case there); tests/test_segment_outlet.py checks them against the pattern
_COPYRIGHT_LITERALS = ("©", "(c)", "&copy;", "copyright")


def _label(text: str, start: int, end: int) -> str | None:
    """``LABEL.search(text, start, end)``'s match: the longest run of word characters and
    hyphens ending at ``end``, from its first letter or digit on (not from ``start``'s
    side: LABEL tried every place of the 80 characters, ~10 µs a domain)."""
    first = end
    while first > start and (text[first - 1].isalnum() or text[first - 1] in "_-"):
        first -= 1
    for k in range(first, end):
        if text[k].isalnum():
            return text[k:end]
    return None


def borne_out(outlet: str, lines: list[Line], found: Evidence | None = None,
              start: int = 0) -> bool:
    """True when the page (from line ``start`` on) names the outlet as its site."""
    name_words = _words(outlet)
    name_key = key(outlet)
    if len(name_key) < 3 or not name_words:
        return False
    found = found or evidence(lines)
    if sum(i >= start and name == outlet for i, name in found.attributions) >= ATTRIBUTIONS:
        return True
    if any(i >= start for i in found.domains.get(name_key, ())):
        return True
    for i, text in found.copyright:
        if i < start:
            continue
        words = [w.casefold() for w in _WORD.findall(text)]
        if (len(name_words) > 1 and name_key in words) or (
                _contains(words, name_words) and _names_whole(name_words, text)):
            return True
    return False


def title_outlet(lines: list[Line], found: Evidence | None = None) -> str | None:
    """The site's name at an end of a first line such as "Story | Outlet" or "Outlet - Story"
    (a browser's page title copied above the page), when the rest of the page bears it out.
    Why: pages whose header names no site often carry it there; on the training sites'
    dumps this finds three times as many right outlets as the header (docs/segmentation.md)."""
    if not lines:
        return None
    parts = [p.strip(" #") for p in TITLE_SEPARATOR.split(lines[0].text)]
    parts = [p for p in parts if p]
    if len(parts) < 2:
        return None
    found = found or evidence(lines)
    longest = max(parts, key=len)  # the story's own title
    for part in (parts[-1], parts[0]):
        if part is not longest and len(part.split()) <= TITLE_PART_WORDS \
                and borne_out(part, lines, found, start=1):
            return part
    return None


def copyright_outlet(lines: list[Line], found: Evidence) -> str | None:
    """The holder of the page's last copyright line when the page also names a domain spelt
    like it ("© 2012 Web Ink Now, Inc." and "webinknow.com"). Why the domain too: a copyright
    holder alone is often the parent company or a template's ("CBS Interactive", "Vox
    Media"): 41 % of them were the page's site on the training sites."""
    for _, text in reversed(found.copyright):
        match = HOLDER.search(text)
        if match is None:
            continue
        holder = COMPANY_TAIL.sub("", match.group("holder")).strip(" .,-–")
        name_key = key(holder)
        if len(name_key) >= 3 and len(holder.split()) <= HOLDER_WORDS \
                and name_key in found.domains:
            return holder
        return None  # the last copyright line names the page's holder, if any does
    return None


def confirmed(outlet: str | None, lines: list[Line]) -> str | None:
    """The header's outlet if the page bears it out, else a borne-out site name from the
    first line's page title or its copyright line, else None (shown as an unknown outlet)."""
    if not lines:
        return None
    found = evidence(lines)
    if outlet is not None and borne_out(outlet, lines, found):
        return outlet
    return title_outlet(lines, found) or copyright_outlet(lines, found)


__all__ = ["Evidence", "borne_out", "confirmed", "copyright_outlet", "evidence", "key",
           "title_outlet"]
