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
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from parallax.segment.dates import parse_absolute
from parallax.segment.lines import DATE_PREFIX, Line, LineClassifier, title_like

MAX_ZONE = 14
#: a menu item at the top of a copied page has one or two words ("Home", "World news"), and
#: a few characters (a line of Japanese is one "word")
MENU_WORDS = 2
MENU_CHARS = 30
NAME_COMMA = re.compile(r"^[A-ZÄÖÜА-ЯЁ][\w'.-]+ [A-ZÄÖÜА-ЯЁ][\w'.-]+(?: [A-ZÄÖÜА-ЯЁ][\w'.-]+)?, "
                        r"[^,]{2,40}$")
KICKER = re.compile(r"^[^·|]{2,40}\s[·|]\s[^·|]{2,60}$")
BY_PREFIX = re.compile(r"^(by|von|автор:?|par|por)\s+", re.IGNORECASE)
ROLE_WORD = re.compile(r"correspondent|reporter|redaktion|korrespondent|корреспондент|"
                       r"кореспондент|редакция|редакція|rédaction|redacción|staff|agenturen",
                       re.IGNORECASE)
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


def zone_of(lines: list[Line], start: int, clf: LineClassifier) -> list[Line]:
    zone: list[Line] = []
    for line in lines[start:start + MAX_ZONE]:
        if line.heading:
            break
        furniture = line.phrase_kind is not None and clf.furniture(line, tail=True) > 0
        if not furniture and line.meta is None and not title_like(line.text):
            break  # a body paragraph (or anything that is not header material)
        zone.append(line)
    return zone


def plan_header(zone: list[Line], clf: LineClassifier) -> HeaderPlan:
    roles: list[str] = []
    for line in zone:
        if line.meta is not None:
            roles.append("meta")
        elif line.phrase_kind is not None and clf.furniture(line, tail=True) > 0:
            roles.append("furniture")
        elif KICKER.match(line.text) and not parse_absolute(line.text) and line.words <= 8:
            roles.append("kicker")
        else:
            roles.append("candidate")
    plan = HeaderPlan(roles=roles)
    candidates = [i for i, r in enumerate(roles) if r == "candidate"]
    if not candidates:
        return plan
    first_meta = next((i for i, r in enumerate(roles) if r in ("meta", "kicker")), None)
    menu: int | None = None  # the menu run, counted once (after the author rule's removal)
    if first_meta is not None:
        before = [i for i in candidates if i < first_meta]
        if len(before) >= 2 and NAME_COMMA.match(zone[before[-1]].text):
            roles[before[-1]] = "meta"  # "Tomasz Werner, Vellograd region" above the date
            plan.author = zone[before[-1]].text.split(",")[0].strip()
            candidates.remove(before[-1])
            before = before[:-1]
        title_index = before[-1] if before else candidates[0]
    elif len(candidates) >= 2 and candidates[0] <= 1 and zone[candidates[0]].words <= 5 \
            and zone[candidates[0]].text != zone[candidates[1]].text:
        # "Site Name" then the title, perhaps with a section label or menu items between
        menu = _menu_run(zone, candidates)
        title_index = candidates[menu or 1]
    else:
        title_index = candidates[0]
    title = zone[title_index].text
    # an aggregator repeats the title: take the first copy, the rest are repeats
    title_index = next(i for i in candidates if zone[i].text == title)
    plan.title = title
    for i in candidates:
        if zone[i].text == title:
            roles[i] = "title" if i == title_index else "repeat"
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
    for line, role in zip(zone, roles, strict=False):
        if role == "kicker":
            outlet = re.split(r"\s[·|]\s", line.text)[-1].strip()
            plan.outlet = plan.outlet or outlet
        elif role == "meta" and line.meta is not None:
            read_meta(line, plan)
    return plan


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
    names: list[str] = []
    for part in (p.strip() for p in re.split(r"\s[·|]\s", text)):
        if not part or READ_TIME.fullmatch(part):
            continue
        undated = DATE_PREFIX.sub("", part)
        if parse_absolute(undated):
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
