"""The header zone of a text dump: everything before the first body paragraph.

Real pages put several things there — a site name, a navigation line, a cookie notice, a
kicker ("Business · The Coastline Standard"), the title (maybe twice), a byline or dateline,
share buttons. ``plan_header`` assigns each zone line one role; the decoder then consumes the
lines in order, so every line is still accounted for exactly once.

Title choice: the last title-like line before the first metadata line (byline, dateline, time);
without metadata, the first title-like line, except that a short first line followed by more
header lines is the site name (the outlet), not the title, and two or more one- or two-word
lines at the top are the site's menu (navigation; no outlet is taken from them). An outlet read
here is shown only when the rest of the page bears it out (``outlet.py``): on real pages the
short first line is mostly a menu item or a section label.

Only a credible line is a title (``headline_like``: no menu word, share/account link, byline or
posting line), and a page whose first line is its ``<title>`` names its headline by repeating
it above the article (``page_title``). When no line is credible the article has no title: a
wrong headline is shown on every listing of the story, a missing one as its first words
(docs/segmentation.md, "Titles, twelfth session").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from parallax.segment.dates import date_span, parse_absolute
from parallax.segment.entries import NAME_LINKS, update_byline
from parallax.segment.headline import (
    BYLINE_START,
    MARKS,
    POSTED,
    checked_title,
    first_line_offer,
    headline_like,
    lead_words,
    title_part,
)
from parallax.segment.lines import (
    DATE_PREFIX,
    Line,
    LineClassifier,
    dash_parts,
    paragraph_like,
    title_like,
)
from parallax.segment.pagecontext import title_repeats

MAX_ZONE = 14
#: a menu item at the top of a copied page has one or two words ("Home", "World news"), and
#: a few characters (a line of Japanese is one "word")
MENU_WORDS = 2
MENU_CHARS = 30
NAME_COMMA = re.compile(r"^[A-ZÄÖÜА-ЯЁ][\w'.-]+ [A-ZÄÖÜА-ЯЁ][\w'.-]+(?: [A-ZÄÖÜА-ЯЁ][\w'.-]+)?, "
                        r"[^,]{2,40}$")
#: a bare personal name ("Aliyah Frumin"): a byline the patterns did not read, above its date
NAME = re.compile(r"^[A-ZÄÖÜА-ЯЁ][\w'’.-]+(?: [A-ZÄÖÜА-ЯЁ][\w'’.-]+){1,2}$")
KICKER = re.compile(r"^[^·|]{2,40}\s[·|]\s[^·|]{2,60}$")
#: (Greek "Του"/"Της" + a name in the genitive, Hebrew "מאת", Arabic "بقلم": a byline's part)
BY_PREFIX = re.compile(r"^(by|von|автор:?|par|por|του|της|מאת|بقلم)\s+", re.IGNORECASE)
ROLE_WORD = re.compile(r"correspondent|reporter|redaktion|korrespondent|корреспондент|"
                       r"кореспондент|редакция|редакція|rédaction|redacción|staff|agenturen",
                       re.IGNORECASE)
#: Markdown heading marks a reader mode puts before a headline
MD_HEADING = re.compile(r"^#{1,6}\s+")
#: a page-title line's headline repeat lies above the article: at most this many paragraph-like
#: lines between them (a site name the footer repeats lies below them)
REPEAT_PROSE = 2
#: a headline has its byline, date or first paragraph this close below it (in lines)
ARTICLE_NEAR = 6
#: how far above a header zone the decoder skipped to look for the headline over a byline
LOOK_BACK = 20
#: ``_checked_title`` reads the lead within this many lines after the header zone
LEAD_REACH = 40
READ_TIME = re.compile(r"\d+\s*(min|minute|minuten|мин)\w*\.?\s*(read|lesezeit|чтения)?",
                       re.IGNORECASE)


class MetaFields(Protocol):
    """What a metadata line fills: the header plan of a main article, or a teaser's draft."""

    outlet: str | None
    author: str | None
    published: str | None


@dataclass(slots=True)
class HeaderPlan:
    #: per zone line: title | repeat | site | navigation | kicker | meta | furniture | other
    roles: list[str]
    title: str = ""
    outlet: str | None = None
    author: str | None = None
    published: str | None = None


class Zone(list[Line]):
    """The header zone's lines and the page they come from. Why the page: on a real page the
    headline is often not in the zone (a menu fills it, or the decoder skipped the share bar
    the headline sits above), and a page whose first line is its ``<title>`` says which line
    below is the headline (``pagecontext.title_repeats``)."""

    page: list[Line]


def zone_of(lines: list[Line], start: int, clf: LineClassifier) -> Zone:
    zone = Zone()
    zone.page = lines
    for line in lines[start:start + MAX_ZONE]:
        if line.heading:
            break
        furniture = line.phrase_kind is not None and clf.furniture(line, tail=True) > 0
        if not furniture and line.meta is None and not title_like(line.text, line.words):
            break  # a body paragraph (or anything that is not header material)
        zone.append(line)
    return zone




#: the most menu items (``MENU_WORDS`` words, ``MENU_CHARS`` characters each) between the rules'
#: header zone and a headline over the first paragraph (``headline_after_menu``)
MENU_TAIL = 3


def headline_after_menu(lines: list[Line], pos: int) -> int | None:
    """The index of a headline (``headline_like``, no furniture, heading or metadata) with a
    paragraph right under it, at ``pos`` or after at most ``MENU_TAIL`` menu items from
    ``pos`` on; None when the lines from ``pos`` have another shape. The decoder asks it when
    the main article has neither a title nor a line of text yet, and the line before ``pos``
    was furniture. Why: a copied page with a long menu (60 one-word sections, made up) fills
    the rules' header zone (``MAX_ZONE`` lines) with menu items; the menu's last two or three
    items came within reach of the first paragraph, so the body loop kept them as the body's
    first lines, the headline under them as a third one, and the article had no title
    (twenty-second session, English and Russian)."""
    for h in range(pos, min(len(lines) - 1, pos + MENU_TAIL + 1)):
        line = lines[h]
        if line.phrase_kind is not None or line.heading or line.meta is not None:
            return None
        below = lines[h + 1]
        # (the zone's own test too: ``headline_like`` reads past Markdown marks, and a
        # "# " before a 25-word headline made a zone of no line, read again for ever)
        if headline_like(line) and title_like(line.text, line.words) \
                and paragraph_like(below.text, below.words) \
                and not title_like(below.text, below.words):
            return h
        if line.words > MENU_WORDS or len(line.text) > MENU_CHARS \
                or paragraph_like(line.text, line.words):
            return None
    return None


def page_title(page: list[Line]) -> Line | None:
    """The headline under a page-title line ("Headline | Site" as the first line, the headline
    again above the article), or None: of the lines repeating a part of it above the article
    with a byline, a date or prose within ``ARTICLE_NEAR`` lines below, the longest (the
    last of equals: the nearest to the article). Why both
    conditions: the site's name is a part of the page title too, repeated by the logo above
    the menu and by the footer below the article."""
    if len(page) < 2 or page[0].words < 3 or not headline_like(page[0]):
        return None
    best: Line | None = None
    prose = 0
    last = 1
    for i in title_repeats(page):
        prose += sum(1 for p in page[last:i] if paragraph_like(p.text, p.words))
        last = i
        if prose > REPEAT_PROSE:
            break
        line = page[i]
        if line.words >= 2 and headline_like(line) and (best is None or line.words >= best.words) \
                and any(p.meta is not None or paragraph_like(p.text, p.words) or _posting(p)
                        for p in page[i + 1:i + 1 + ARTICLE_NEAR]):
            best = line
    return best


def headline_above(page: list[Line], start: int) -> Line | None:
    """The headline over a byline or date line just above ``start`` (the zone the decoder
    reached after skipping a share bar or a menu): the nearest metadata line within
    ``LOOK_BACK`` lines, and the line over it (and over any metadata lines above it)."""
    for i in range(start - 1, max(0, start - LOOK_BACK) - 1, -1):
        if page[i].meta is None:
            continue
        j = i - 1
        while j >= 0 and page[j].meta is not None:
            j -= 1
        return page[j] if j >= 0 and headline_like(page[j]) and not page[j].phrase_kind \
            else None
    return None


def titled_part(line: Line) -> str:
    """The headline part of a page-title line ("Headline | Section | Site", "Headline - Site"):
    the one part of at least ``TITLE_PART_WORDS`` words when every other part has at most
    ``SITE_PART_WORDS`` (a site or section name), else "". Used only when the header rules
    find no headline: on training sites (twelfth session, lead) such dumps got a title from it
    173 times, right 148 (0.86), wrong 25, 4 of them in dumps without the page-title line on
    top; applied also where the rules had chosen a short line equal to a site part, it made 61
    titles right and 31 wrong, so it is not."""
    return title_part(line.text, blog=True)




def plan_header(zone: list[Line], clf: LineClassifier, *, live: bool = False) -> HeaderPlan:
    """The header plan of ``_plan_header``; with no headline found, the headline part of the
    page's first line when it reads as a page title (``titled_part``); with one found, that
    title as the first line and the article's lead bear it out (``_checked_title``). ``live``:
    the page is a live blog (``entries.marks``), whose first entries tell the latest news,
    not the headline's: its lead cannot drop the headline (the title check still judges it)."""
    plan = _plan_header(zone, clf)
    page = getattr(zone, "page", None)
    if not page:
        return plan
    if not plan.title:
        plan.title = titled_part(page[0])
    elif zone:
        first, short = first_line_offer(page[0])
        plan.title = _checked_title(plan.title, first, page, zone[-1].index + 1,
                                    drop=not live, short=short)
    return plan




def _checked_title(chosen: str, first: str, page: list[Line], body: int, *,
                   drop: bool = True, short: bool = False) -> str:
    """``checked_title`` for a dump: the lead is the first paragraph-like lines within
    ``LEAD_REACH`` lines after the header zone (``body``)."""
    return checked_title(chosen, first, lambda: lead_words(page[body:body + LEAD_REACH]),
                         drop=drop, short=short)










def _plan_header(zone: list[Line], clf: LineClassifier) -> HeaderPlan:
    page = getattr(zone, "page", None)
    headline = page_title(page) if page else None
    roles: list[str] = []
    for line in zone:
        if line.meta is not None:
            roles.append("meta")
        elif line.phrase_kind is not None and clf.furniture(line, tail=True) > 0:
            roles.append("furniture")
        elif KICKER.match(line.text) and not parse_absolute(line.text) and line.words <= 8 \
                and not (headline is not None and line.index == 0):
            roles.append("kicker")
        else:
            roles.append("candidate")
    plan = HeaderPlan(roles=roles)
    candidates = [i for i, r in enumerate(roles) if r == "candidate"]
    if not candidates:
        return plan
    title_index, title, menu = _choose(zone, roles, candidates, plan, headline)
    if title_index is None:
        # no credible headline in the zone: one the page states elsewhere, or none
        above = (headline if headline is not None and zone[0].index > headline.index
                 else headline_above(page, zone[0].index) if page else None)
        plan.title = MD_HEADING.sub("", above.text) if above is not None else ""
        for i in candidates:
            roles[i] = "navigation"
        _read_roles(zone, roles, plan)
        return plan
    plan.title = MD_HEADING.sub("", title)
    for i in candidates:
        if zone[i].text == title:
            roles[i] = "title" if i == title_index else "repeat"
    roles[title_index] = "title"
    site = candidates[0]
    if menu is None:
        menu = _menu_run(zone, candidates)
    if menu and title_index > candidates[menu - 1]:
        for i in candidates[:menu]:
            roles[i] = "navigation"  # "Home / Politics / Business": no site name among them
    elif site < title_index and zone[site].words <= 5 and site <= 1:
        roles[site] = "site"
        plan.outlet = zone[site].text
    # header material ends with the last title/metadata/furniture line; short lines after it
    # belong to the body (a first sub-heading, a one-line lead)
    last = max(i for i, r in enumerate(roles) if r != "candidate" or i <= title_index)
    del roles[last + 1:]
    for i in candidates:
        if i < len(roles) and roles[i] == "candidate":
            roles[i] = "other"
    if headline is not None and zone[title_index].index == 0 and KICKER.match(zone[0].text):
        plan.outlet = plan.outlet or re.split(r"\s[·|]\s", zone[0].text)[-1].strip()
    _read_roles(zone, roles, plan)
    return plan


def _choose(zone: list[Line], roles: list[str], candidates: list[int], plan: HeaderPlan,
            headline: Line | None) -> tuple[int | None, str, int | None]:
    """(zone index of the title line, the title, the menu run if counted) — the index None
    when no candidate is a credible headline. A page-title line's headline wins: its repeat
    in the zone, else the page-title line itself (the title then reads as the repeat)."""
    if headline is not None:
        at = next((i for i in candidates if zone[i].index == headline.index), None)
        if at is not None:
            return at, zone[at].text, None
        if zone[0].index == 0 and roles[0] == "candidate":
            return 0, headline.text, None
    credible = [i for i in candidates if headline_like(zone[i])]
    # metadata: what the patterns read, and bylines or posting lines they did not ("By: Jane
    # Doe on November 10th, 2012 at 3:00 pm")
    first_meta = next((i for i, r in enumerate(roles) if r in ("meta", "kicker")
                       or (r == "candidate" and _posting(zone[i]))), None)
    menu: int | None = None  # the menu run, counted once (after the author rule's removal)
    if first_meta is not None:
        before = [i for i in candidates if i < first_meta]
        if len(before) >= 2 and NAME_COMMA.match(zone[before[-1]].text):
            roles[before[-1]] = "meta"  # "Tomasz Werner, Vellograd region" above the date
            plan.author = zone[before[-1]].text.split(",")[0].strip()
            candidates.remove(before[-1])
            credible = [i for i in credible if i != before[-1]]
        before = [i for i in credible if i < first_meta]
        if len(before) >= 2 and before[-1] + 1 == first_meta \
                and NAME.match(zone[before[-1]].text) \
                and zone[before[-2]].words > zone[before[-1]].words + 1:
            # "Jane Doe" above "11:45 AM on 05/22/2013", below a longer line: the author
            before.pop()
        pick = before[-1] if before else (credible[0] if credible else None)
        below = next((i for i in range(first_meta + 1, len(zone)) if roles[i] == "candidate"),
                     None)
        if pick is not None and (pick + 1 < first_meta or zone[pick].index <= 1) \
                and below == len(zone) - 1 and below in credible \
                and zone[below].words > zone[pick].words:
            # "Site Name" (at the page's top) or a menu and a previous/next line, a date, then
            # the headline right above the article: a title sits right above its byline or
            # date, or below them
            pick = below
    elif len(candidates) >= 2 and candidates[0] <= 1 and zone[candidates[0]].words <= 5 \
            and zone[candidates[0]].text != zone[candidates[1]].text:
        # "Site Name" then the title, perhaps with a section label or menu items between
        menu = _menu_run(zone, candidates)
        after = [i for i in credible if i >= candidates[menu or 1]]
        pick = after[0] if after else None
    else:
        pick = credible[0] if credible else None
    if pick is None:
        return None, "", menu
    # an aggregator repeats the title: take the first copy, the rest are repeats
    title = zone[pick].text
    return next(i for i in candidates if zone[i].text == title), title, menu


def _posting(line: Line) -> bool:
    text = MARKS.sub("", line.text.strip()).strip("*_ ")
    return line.words <= 16 and bool(BYLINE_START.match(text) or POSTED.search(text))


def _read_roles(zone: list[Line], roles: list[str], plan: HeaderPlan) -> None:
    for line, role in zip(zone, roles, strict=False):
        if role == "kicker":
            outlet = re.split(r"\s[·|]\s", line.text)[-1].strip()
            plan.outlet = plan.outlet or outlet
        elif role == "meta" and line.meta is not None:
            read_meta(line, plan)


def _menu_run(zone: list[Line], candidates: list[int]) -> int:
    """How many candidates at the zone's top are menu items: consecutive lines of at most
    ``MENU_WORDS`` words and ``MENU_CHARS`` characters, always leaving one candidate after them
    for the title. Why: a select-all copy starts with the site's menu ("Home", "Politics",
    "Business"); the site-name rule alone took "Politics" as the outlet and "Business" as the
    title, and left the headline in the body. Two such lines may also be a site name and a
    section label; no outlet is taken from them then (an outlet left empty beats a wrong one)."""
    if not candidates or candidates[0] > 1:
        return 0
    k = 0
    while (k < len(candidates) - 1 and (k == 0 or candidates[k] == candidates[k - 1] + 1)
           and zone[candidates[k]].words <= MENU_WORDS
           and len(zone[candidates[k]].text) <= MENU_CHARS):
        k += 1
    return k if k >= 2 else 0


#: what stands between a byline's names and its date: separators, a small word, a weekday
#: ("By Ann Lee, 3 May 2026", "Par Ann Lee, le 3 mai 2026", "By Ann Lee on Tuesday, May 3,
#: 2026", "By Ann Lee • May 3, 2026"; made up). Whole words only, the small ones in lower case:
#: a weekday's first letters took surnames ("Friedman", "Montgomery", "Sunstein": author
#: "Thomas"), and "Le" is a surname; read from the end, one word a step (a pattern of these
#: runs split a 22-space gap every way: 4 s a line, twice as long for each space more)
_SEPARATORS = frozenset(",•|·–—-")
_SMALL_WORDS = frozenset("on am le el il den в".split())
_MARKER_WORDS = frozenset("published updated posted monday tuesday wednesday thursday friday "
                          "saturday sunday mon tue tues wed thu thur thurs fri sat sun".split())


def _names_before(text: str) -> str:
    """``text`` without the separators, small words and weekdays it ends with."""
    def apart(c: str) -> bool:
        return c.isspace() or c in _SEPARATORS

    end = len(text)
    while True:
        while end and apart(text[end - 1]):
            end -= 1
        start = end
        while start and not apart(text[start - 1]):
            start -= 1
        word = text[start:end].removesuffix(".")
        if not start or not text[start - 1].isspace() or not (
                word in _SMALL_WORDS or word.casefold() in _MARKER_WORDS):
            return text[:end]
        end = start


BYLINE_NAME_WORDS = 6


def _dated_byline(part: str) -> tuple[str, str] | None:
    """(names, date) of a byline whose date follows its names in one part, else None. Why:
    such a line was read whole as the date, with no author."""
    if BY_PREFIX.match(part) is None or (span := date_span(part)) is None:
        return None
    name = _names_before(BY_PREFIX.sub("", part[:span[0]])).split(",")[0].strip()
    words = name.split()
    if not 0 < len(words) <= BYLINE_NAME_WORDS or not all(
            w[0].isupper() or w.casefold() in NAME_LINKS for w in words):
        return None  # (a sentence or a posting's words before the date: "… Posted on 1 pm")
    return name, part[span[0]:].strip()


def read_meta(line: Line, plan: MetaFields) -> None:
    """Outlet, author and time from a byline, dateline or time line, whatever its order."""
    from parallax.segment.lines import BULLET, OUTLET_TIME, TIME_ONLY

    text = line.text
    if line.meta == "time" and (m := TIME_ONLY.match(text)):
        plan.published = plan.published or m.group("time")
        return
    if line.meta == "outlet_time" and (m := OUTLET_TIME.match(text)):
        plan.outlet = plan.outlet or m.group("outlet").strip()
        plan.published = plan.published or m.group("time")
        return
    if line.meta == "bullet" and (m := BULLET.match(text)):
        plan.outlet = plan.outlet or m.group("outlet").strip()
        return
    if line.meta == "dateline" and (live := update_byline(text)) is not None:
        plan.author = plan.author or live[1]  # (a bare update time is no date to show)
        return
    names: list[str] = []
    for part in (p.strip() for p in dash_parts(text) or re.split(r"\s[·|]\s", text)):
        if not part or READ_TIME.fullmatch(part):
            continue
        undated = DATE_PREFIX.sub("", part)
        if (byline := _dated_byline(part)) is not None:
            plan.author = plan.author or byline[0]
            plan.published = plan.published or byline[1]
        elif parse_absolute(undated):
            plan.published = plan.published or undated
        elif BY_PREFIX.match(part):
            plan.author = plan.author or BY_PREFIX.sub("", part).split(",")[0].strip()
        elif line.meta == "byline_role":
            plan.author = plan.author or part.split(",")[0].strip()
        elif ROLE_WORD.search(part):  # "Собственный корреспондент", "Staff reporter"
            plan.author = plan.author or part
        else:
            names.append(part)
    if len(names) >= 2:  # "Author | date | Outlet"
        plan.author = plan.author or names[0]
        plan.outlet = plan.outlet or names[-1]
    elif names and plan.outlet is None:
        plan.outlet = names[0]
    elif names:
        plan.author = plan.author or names[0]
