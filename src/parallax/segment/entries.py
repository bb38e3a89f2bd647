"""Lines that only mark a gallery's or a live blog's entries: never the article's text.

Why a module of its own: a photo gallery numbers its pictures ("2 of 5") and a live blog stamps
each entry with its time ("16:40" on a line of its own, newest first), and both shapes came
out with those marks as body lines of the article. A live blog's header line joins the update
time and its reporters with a dash ("Updated 16:45 — Live reporting by <names>", made up),
which no byline pattern read, so it stayed in the body too and the headline above it, with no
metadata under it, was withheld by the title check. The marks are told by their page, not by
a word list: a time on its own line is an entry's stamp only when at least ``STAMPS`` of them,
each followed by a paragraph, run newest first (a programme or timetable runs the other way).
"""

from __future__ import annotations

import re
from itertools import pairwise

from parallax.segment.lines import DATE_PREFIX, Line, paragraph_like

#: a gallery's or a list's position ("3 of 12", "Photo 3/12", made up)
COUNTER = re.compile(r"\s*(?:photo|image|picture|slide|bild|foto)?\s*(?P<at>\d{1,3})\s*"
                     r"(?:of|/|von|de|из|sur)\s*(?P<of>\d{1,3})\s*$", re.IGNORECASE)
#: a counter that can be a day and month ("1/12", "12/1"): a date when every such line of the
#: page can be one and stands over a paragraph (``_dates_over_paragraphs``), unless they have
#: one total and count up one by one ("1/12", "2/12", …: a gallery's). Dates over an event's
#: paragraphs skip ("1/12", "3/12", "5/12", made up) or change month; on training pages such
#: lines stand over a sidebar's links ("11/08"), in a table ("74/60", the fractions "3/8"):
#: counters or not, never article text, so they stay counters
_DAY_MONTH = re.compile(r"\s*\d{1,2}/\d{1,2}\s*$")
#: a gallery: at least this many counters of one total, counting up
GALLERY = 3
#: a time of day ("16:40", "4.40pm", "16h40", "16:40 Uhr", "16:40 GMT")
CLOCK = (r"(?P<hour>[01]?\d|2[0-3])(?:[:.]|h)(?P<minute>[0-5]\d)"
         r"(?:\s*(?:[ap]\.?\s?m\.?|uhr|h|ч\.?|(?-i:[A-Z]{2,4})))?")
STAMP = re.compile(rf"^\s*{CLOCK}\s*$", re.IGNORECASE)
#: entry stamps, newest first, that make a page a live blog
STAMPS = 3
#: "Updated 16:45 — Live reporting by <names>": an update time, a spaced dash, and a few words
#: ending in "by" (or its translation, or a colon) before the reporters' names
_AT = r"(?:at|um|à|в|a las|alle)\s+"
UPDATE_TIME = re.compile(rf"^(?:{_AT})?{CLOCK}$", re.IGNORECASE)
REPORTERS = re.compile(r"^(?:[\w-]+,?\s+){0,3}?(?:by|von|par|por|di|ведут|ведёт|ведет|от)\s+"
                       r"(?P<names>.+)$|^(?:[\w-]+\s*){1,3}:\s+(?P<named>.+)$", re.IGNORECASE)
_DASH = re.compile(r"\s[—–-]\s")
_DIGIT = re.compile(r"\d")
#: a name's small words (besides capitalised ones): "Ann Lee and Jo Hart", "de la Cruz"
NAME_LINKS = frozenset("and und et y e i и & von van der den de del di da du la le al el bin"
                       .split())
NAME_WORDS = 9


def marks(lines: list[Line]) -> dict[int, str]:
    """The page's entry marks, each with its boilerplate kind: gallery counters ("other")
    and, on a live blog, the entries' time stamps ("metadata")."""
    found: dict[int, str] = {}
    stamps = []
    dated: list[tuple[int, re.Match[str]]] = []
    for i, line in enumerate(lines):  # (the patterns asked of short lines with a digit only)
        if line.words > 4 or not _DIGIT.search(line.text):
            continue
        if (m := COUNTER.match(line.text)) is not None:
            found[i] = "other"
            if _DAY_MONTH.match(line.text):
                dated.append((i, m))
        elif line.words <= 3 and (m := STAMP.match(line.text)) is not None \
                and i + 1 < len(lines) and paragraph_like(lines[i + 1].text, lines[i + 1].words):
            stamps.append((i, int(m.group("hour")) * 60 + int(m.group("minute"))))
    places = [int(m.group("at")) for _, m in dated]
    if dated and _dates_over_paragraphs(lines, dated) and not (
            len({m.group("of") for _, m in dated}) == 1
            and all(b == a + 1 for a, b in pairwise(places))):
        for i, _ in dated:  # dates, unless one total counts up one by one (a gallery)
            del found[i]
    times = [t for _, t in stamps]
    if len(stamps) >= STAMPS and all(a > b for a, b in pairwise(times)):
        found.update((i, "metadata") for i, _ in stamps)
    return found


def _dates_over_paragraphs(lines: list[Line], dated: list[tuple[int, re.Match[str]]]) -> bool:
    """Every one can be a date and stands over a paragraph, as an event's entries do (a
    table's fractions, "3/8" / "5/8" in a training page's list of sizes, do not)."""
    return all(_may_be_date(m) and i + 1 < len(lines)
               and paragraph_like(lines[i + 1].text, lines[i + 1].words) for i, m in dated)


def _may_be_date(m: re.Match[str]) -> bool:
    """Day and month in either order."""
    at, of = int(m.group("at")), int(m.group("of"))
    return 0 < at <= 31 and 0 < of <= 31 and min(at, of) <= 12


def gallery_rest(lines: list[Line], found: dict[int, str], main: list[bool]) -> list[int]:
    """The lines the line model's main block leaves out of a gallery it reaches into: every
    caption between its first counter and its last counter's caption and, when the block
    ends inside the gallery, the article's paragraphs right under it (up to the first line
    that is no paragraph, or furniture). Why: the model judges each caption by itself, so its
    block dropped one caption or stopped at one, and the last captions and the article's
    closing sentence below the gallery were lost (made up: a festival's pictures "1 of 5" …
    "5 of 5", then "The festival continues on Sunday …"). A gallery is ``GALLERY`` or more
    counters of one total counting up."""
    counted = [(i, m) for i in sorted(found) if found[i] == "other"
               and (m := COUNTER.match(lines[i].text)) is not None]
    if len(counted) < GALLERY:
        counted = dated_entries(lines)
    if len(counted) < GALLERY or True not in main:
        return []
    places = [int(m.group("at")) for _, m in counted]
    if len({m.group("of") for _, m in counted}) != 1 or places != sorted(set(places)):
        return []
    last = len(main) - 1 - main[::-1].index(True)
    first_counter, end = counted[0][0], counted[-1][0] + 1  # (the last caption's line)
    if last < first_counter or not any(main[first_counter:end + 1]):
        return []
    rest = []
    for i in range(first_counter + 1, len(lines)):
        line = lines[i]
        if i in found or main[i]:
            continue
        if line.phrase_kind or line.heading or line.meta or (i > end and (
                last > end or not paragraph_like(line.text, line.words))):
            if i > end:
                break
            continue
        rest.append(i)
    return rest


def dated_entries(lines: list[Line]) -> list[tuple[int, re.Match[str]]]:
    """An event's entries, each a day and month alone on its line ("1/12", made up) over a
    paragraph, when ``GALLERY`` or more stand on the page: ``gallery_rest`` reads them as a
    gallery's counters, since the line model, judging each line alone, ended its block at the
    last date and lost the paragraphs under it (no longer counters, they stay article text).
    On training pages such dates stood over a sidebar's links, not over paragraphs."""
    found = [(i, m) for i, line in enumerate(lines) if line.words == 1 and "/" in line.text
             and _DAY_MONTH.match(line.text) and (m := COUNTER.match(line.text)) is not None]
    return found if _dates_over_paragraphs(lines, found) else []


def update_byline(text: str) -> tuple[str, str] | None:
    """(the update time, the reporters' names) of a live blog's header line, else None."""
    parts = [p.strip() for p in _DASH.split(text)] if len(text) <= 160 else []
    if len(parts) != 2:
        return None
    when, who = parts
    m = UPDATE_TIME.match(DATE_PREFIX.sub("", when))
    by = REPORTERS.match(who)
    if m is None or by is None or when == DATE_PREFIX.sub("", when):
        return None  # (an update word is required: "16:45 — By <name>" is an entry's)
    names = (by.group("names") or by.group("named")).rstrip(".").split()
    if not 0 < len(names) <= NAME_WORDS or not all(
            w[0].isupper() or w.casefold() in NAME_LINKS for w in names):
        return None
    return DATE_PREFIX.sub("", when), " ".join(names)


def page_marks(lines: list[Line]) -> dict[int, str]:
    """``marks`` of the page, once its live blog's update line is marked
    (``mark_update_bylines``): asked once a dump, by ``segment_text`` for both decoder passes
    (as ``threads.thread_marks``), since the marking changes the lines. Only a live blog's
    (entry stamps found): a site's banner for its live blog above another report's headline
    ("Updated <time> — Live reporting by <names>", made up) gave that report the blog's
    reporters as its author."""
    found = marks(lines)
    if "metadata" in found.values():
        mark_update_bylines(lines)
    return found


def mark_update_bylines(lines: list[Line]) -> None:
    """Give a live blog's header line the metadata kind ``dateline`` (the header rules and
    the title check read metadata lines; ``header.read_meta`` reads its names)."""
    for line in lines:
        if line.words <= 20 and line.meta is None:
            text = line.text  # (a dash first, at C speed: few lines hold one)
            if ("—" in text or "–" in text or " - " in text) and update_byline(text) is not None:
                line.meta = "dateline"


__all__ = ["CLOCK", "COUNTER", "GALLERY", "STAMPS", "dated_entries", "gallery_rest",
           "mark_update_bylines", "marks", "page_marks", "update_byline"]
