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

from parallax.segment.lines import BULLET, OUTLET_TIME, Line

COPYRIGHT = re.compile(r"©|\(c\)|copyright|&copy;", re.IGNORECASE)
DOMAIN = re.compile(r"\b([^\W_][\w-]*)\.(?:com|net|org|info|co\.uk|org\.uk|de|at|ch|fr|ru|it|"
                    r"es|nl|pl|cz|hu|us|ca|com\.au|net\.au|ie|in|io|tv|gov|edu)\b",
                    re.IGNORECASE)
#: what may follow a name in a copyright line without making it a longer name
COMPANY = re.compile(r"(?:Media|Medien|Médias|Group|Gruppe|Groupe|Inc|Ltd|LLC|GmbH|AG|SA|"
                     r"Company|Corporation|Corp|Co|Publishing|Publications|Network|Networks|"
                     r"Holdings|Limited|Verlag)\b")
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


def borne_out(outlet: str, lines: list[Line]) -> bool:
    """True when the page outside the outlet's own header line names it as its site."""
    name_words = _words(outlet)
    name_key = key(outlet)
    if len(name_key) < 3 or not name_words:
        return False
    attributions = 0
    for line in lines:
        text = line.text
        pattern = _ATTRIBUTION.get(line.meta or "")
        if pattern is not None and (m := pattern.match(text)) \
                and m.group("outlet").strip() == outlet:
            attributions += 1
        if attributions >= ATTRIBUTIONS:
            return True
        if line.words <= COPYRIGHT_WORDS and COPYRIGHT.search(text):
            words = [w.casefold() for w in _WORD.findall(text)]
            if (len(name_words) > 1 and name_key in words) or (
                    _contains(words, name_words) and _names_whole(name_words, text)):
                return True
        if "." in text and any(m.group(1).casefold() == name_key
                               for m in DOMAIN.finditer(text)):
            return True
    return False


def title_outlet(lines: list[Line]) -> str | None:
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
    longest = max(parts, key=len)  # the story's own title
    for part in (parts[-1], parts[0]):
        if part is not longest and len(part.split()) <= TITLE_PART_WORDS \
                and borne_out(part, lines[1:]):
            return part
    return None


def confirmed(outlet: str | None, lines: list[Line]) -> str | None:
    """The header's outlet if the page bears it out, else a borne-out site name from the
    first line's page title, else None (shown as an unknown outlet)."""
    if outlet is not None and borne_out(outlet, lines):
        return outlet
    return title_outlet(lines)


__all__ = ["borne_out", "confirmed", "key", "title_outlet"]
