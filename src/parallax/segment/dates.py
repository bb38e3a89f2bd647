"""Publication times as written ("4 hours ago", "26.10.2026", "Oct 26, 2026") -> ISO when known.

Relative times are resolved only against a real fetch time given by the caller (a live URL
fetch); a file on disk does not say when it was scraped, so its "4 hours ago" keeps iso=None
rather than inventing a date.
"""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from parallax.records import Published

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "oct": 10, "nov": 11, "dec": 12,
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "mai": 5, "juni": 6, "juli": 7,
    "okt": 10, "oktober": 10, "dez": 12, "dezember": 12,
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6, "июл": 7,
    "август": 8, "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12,
    "janv": 1, "févr": 2, "fevr": 2, "mars": 3, "avr": 4, "juin": 6, "juil": 7, "août": 8,
    "aout": 8, "sept": 9, "déc": 12,
    "ene": 1, "abr": 4, "mayo": 5, "ago": 8, "dic": 12,
    "січ": 1, "лют": 2, "берез": 3, "квіт": 4, "травн": 5, "червн": 6, "липн": 7, "серп": 8,
    "верес": 9, "жовт": 10, "листопад": 11, "груд": 12,
    # Greek (genitive "4 Νοεμβρίου 2026" or nominative), Arabic (Egyptian and Levantine
    # one-word names), Hebrew (with its "in" prefix: "3 בנובמבר 2026")
    "ιανουαρ": 1, "φεβρουαρ": 2, "μαρτ": 3, "απριλ": 4, "μαΐ": 5, "μάι": 5, "μαι": 5,
    "ιουν": 6, "ιουλ": 7, "αυγουστ": 8, "σεπτεμβρ": 9, "οκτωβρ": 10, "νοεμβρ": 11,
    "δεκεμβρ": 12,
    "يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "إبريل": 4, "مايو": 5, "يونيو": 6,
    "يونيه": 6, "يوليو": 7, "يوليه": 7, "أغسطس": 8, "سبتمبر": 9, "أكتوبر": 10, "نوفمبر": 11,
    "ديسمبر": 12, "شباط": 2, "آذار": 3, "نيسان": 4, "أيار": 5, "حزيران": 6, "تموز": 7,
    "أيلول": 9,
    **{prefix + name: number for prefix in ("", "ב") for number, name in enumerate(
        ("ינואר", "פברואר", "מרץ", "אפריל", "מאי", "יוני", "יולי", "אוגוסט", "ספטמבר",
         "אוקטובר", "נובמבר", "דצמבר"), start=1)},
}

# Relative times as aggregators print them, in EN/DE/RU/UK/FR/ES.
RELATIVE_TEXT = (
    r"(?:\d+|an?|one)\s+(?:minute|min|hour|day|week)s?\s+ago"
    r"|vor\s+(?:\d+|einer?|einem)\s+(?:minute|stunde|tag|woche)n?"
    r"|(?:\d+\s+)?(?:минут\w*|час\w*|дн\w*|день|недел\w*)\s+назад"
    r"|(?:\d+\s+)?(?:хвилин\w*|годин\w*|дн\w*|день|тижн\w*)\s+тому"
    r"|il\s+y\s+a\s+\d+\s+(?:minutes?|heures?|jours?|semaines?)"
    r"|hace\s+\d+\s+(?:minutos?|horas?|d[ií]as?|semanas?)"
    r"|yesterday|just now|gestern|вчера|вчора|hier|ayer")
#: a comment's clock time after its day, in each language's own form ("at 9:12 pm", "um 21:12
#: Uhr", "à 21 h 12", "в 21:12", "a las 21:12", made up). Why: a French or Spanish thread's
#: stamps ("4 mars 2026 à 21 h 12", "hier à 21 h 12") were read as no date nor time, so their
#: readers' names and stamps became comment lines (helper C's made-up pages, 24th session)
CLOCK_TEXT = (r"(?:,?\s*(?:at|um|à|в|о|a\s+las?|alle|às|@)\s+|,\s*)\d{1,2}(?::\d\d|\s?h\s?\d\d)"
              r"(?:\s*[ap]\.?m\.?|\s+uhr)?")
_CLOCK_END = re.compile(CLOCK_TEXT + r"\s*$", re.IGNORECASE)
# Bare day words are times only on a line of their own: "Russia Today" is an outlet; so is a
# day word with a clock time ("yesterday at 9:12 pm", "gestern um 21:12 Uhr", made up)
_TODAY = r"today|heute|сегодня|сьогодні|aujourd'hui|hoy"
DAY_WORDS = rf"{_TODAY}|(?:{_TODAY}|yesterday|gestern|вчера|вчора|hier|ayer){CLOCK_TEXT}"
RELATIVE = re.compile(
    r"(?P<n>\d+|an?|one|einer?|einem)?\s*(?P<unit>minute|min|hour|stunde|heure|hora|day|tag|"
    r"jour|d[ií]a|week|woche|semaine|semana|минут|час|дн|день|недел|хвилин|годин|тижн)"
    r"|(?P<word>just now|yesterday|today|gestern|heute|вчера|сегодня|вчора|сьогодні|hier|"
    r"aujourd'hui|ayer|hoy)", re.IGNORECASE)
_UNITS = {
    "minute": 1, "min": 1, "минут": 1, "хвилин": 1,
    "hour": 60, "stunde": 60, "heure": 60, "hora": 60, "час": 60, "годин": 60,
    "day": 1440, "tag": 1440, "jour": 1440, "dia": 1440, "día": 1440, "дн": 1440,
    "день": 1440,
    "week": 10080, "woche": 10080, "semaine": 10080, "semana": 10080, "недел": 10080,
    "тижн": 10080,
}
_YESTERDAY = {"yesterday", "gestern", "вчера", "вчора", "hier", "ayer"}
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?")
_DMY = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
# (a month abbreviation may end in its full stop, "3 Okt. 2026", "2 déc. 2026": a byline so
# written had no date; on the 1,828 training extraction pages no date changes, thirtieth session)
_WORDY = re.compile(r"\b(\d{1,2})\.?\s+(?:de\s+)?([A-Za-zÄÖÜäöüéûА-Яа-яёіїєґ"
                    r"\u0370-\u03ff\u1f00-\u1fff\u05d0-\u05ea\u0621-\u064a]+)\.?\s+(?:de\s+)?"
                    r"(\d{4})\b|"
                    r"\b([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})\b")


# longest first, so "märz" is read before "mar" (sorted once, not per call)
_MONTH_PREFIXES = sorted(_MONTHS, key=len, reverse=True)
#: the prefixes' lengths, longest first: a name starts with at most one prefix of a length
_MONTH_LENGTHS = sorted({len(prefix) for prefix in _MONTHS}, reverse=True)


def _month(name: str) -> int | None:
    """The month of the longest prefix the lowered name starts with. Why by length: one
    lookup a length instead of ``startswith`` for each of the ~100 prefixes (~6 µs a name)."""
    key = name.lower()
    for size in _MONTH_LENGTHS:
        if len(key) >= size and (month := _MONTHS.get(key[:size])) is not None:
            return month
    return None


# a date _WORDY reads names its month: one of these prefixes stands in the lowered text (the
# month group lowered starts with it; ``str.lower`` maps a character alike wherever it stands,
# but for the final sigma, which no prefix holds). Why: _WORDY's second alternative is tried
# at every word of the text (~4.5 µs a line), and most short lines with a year name no month
_MONTH_IN = re.compile("|".join(map(re.escape, _MONTH_PREFIXES)))
# and its day: a run of one or two digits after a non-word character (``\b``), then a "." or
# "," and whitespace ("12. März 2020", "March 12, 2020"): not in "November 2012 (5)", the
# archive links that make most short lines with a year
_DAY = re.compile(r"(?<!\w)\d{1,2}[.,]?\s")


# every pattern of parse_absolute has a four-digit year: a text (or any substring of it) without
# four digits in a row holds no date it reads
YEAR_DIGITS = r"\d{4}"
_YEAR = re.compile(YEAR_DIGITS)


def may_hold_date(text: str) -> bool:
    """Every date ``parse_absolute`` reads has four digits in a row (the year): a cheap test
    before trying it on lines and byline blocks that are mostly text."""
    return _YEAR.search(text) is not None


def _real_day(year: int, month: int, day: int) -> bool:
    """A day the calendar has: "31 Nov" or "29 Feb 2026" would be written as an ISO no date
    parser reads back (stories then took the article as undated, the web page showed it)."""
    return 1 <= month <= 12 and 1 <= year <= 9999 and 1 <= day <= monthrange(year, month)[1]


def _first_date(text: str) -> tuple[re.Match[str], str] | None:
    """The first absolute date in text and its ISO: one search that both readers share, so the
    span ``date_span`` gives is always the date ``parse_absolute`` read."""
    # (a "-" and a "." first: found at C speed, and most short lines with a year have neither)
    if "-" in text and (m := _ISO.search(text)) and _real_day(*map(int, m.groups()[:3])):
        y, mo, d, hh, mm, ss = m.groups()
        # a clock the day does not have ("25:99") is no time: the day alone, as the worded
        # forms read it (it was written as an ISO that no reader parses back)
        clock = hh and int(hh) < 24 and int(mm) < 60 and int(ss or 0) < 60
        return m, f"{y}-{mo}-{d}T{hh}:{mm}:{ss or '00'}" if clock else f"{y}-{mo}-{d}"
    if "." in text and (m := _DMY.search(text)):
        d, mo, y = (int(g) for g in m.groups())
        if _real_day(y, mo, d):
            return m, f"{y:04d}-{mo:02d}-{d:02d}"
    if _DAY.search(text) is None or _MONTH_IN.search(text.lower()) is None:
        return None  # no day number or no month name: each _WORDY date has both
    for m in _WORDY.finditer(text):
        if m.group(1):
            d, month, y = int(m.group(1)), _month(m.group(2)), int(m.group(3))
        else:
            month, d, y = _month(m.group(4)), int(m.group(5)), int(m.group(6))
        if month and _real_day(y, month, d):
            return m, f"{y:04d}-{month:02d}-{d:02d}"
    return None


def parse_absolute(text: str) -> str | None:
    """ISO date (or datetime) for the first absolute date in text, else None."""
    found = _first_date(text)
    return found[1] if found else None


def clock_stamp(text: str) -> bool:
    """The text is a date and a clock time in a form of ``CLOCK_TEXT``, nothing more ("4 de
    marzo de 2026 a las 21:12", made up): a comment's stamp, a date line however many words
    its time takes (``lines.date_kind`` reads a line of 7 or 8 words as a date only then)."""
    found = _first_date(text)
    return found is not None and found[0].start() == 0 \
        and _CLOCK_END.match(text, found[0].end()) is not None


def date_span(text: str) -> tuple[int, int] | None:
    """Where the date ``parse_absolute`` reads stands in the text, else None."""
    found = _first_date(text)
    return found[0].span() if found else None


# a weekday just before a date ("Tuesday, 3 March 2026") and a clock time just after one
# ("... 2026 at 9:15 am", "... 2026, 21:40 CET") belong to it; nothing else around it does
_WEEKDAY_BEFORE = re.compile(
    r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*$", re.IGNORECASE)
_TIME_AFTER = re.compile(
    r"\s*(?:,|at|à|@|[-–|·])?\s*\d{1,2}[:.h]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?"
    r"(?:,?\s*(?-i:[A-Z]{2,5})\b)?", re.IGNORECASE)


def date_alone(text: str) -> str:
    """The date a shown text states, without the words around it: a page's byline block or
    <time> element often holds a name, a label or a link's words next to the date ("Posted by
    Dana Wu Monday, May 4 2026", made up); the date text shown to a user is the date itself,
    its weekday and its clock time. A text without a date ``parse_absolute`` reads is kept."""
    span = date_span(text)
    if span is None:
        return text
    start, end = span
    if (before := _WEEKDAY_BEFORE.search(text, 0, start)) is not None:
        start = before.start()
    if (after := _TIME_AFTER.match(text, end)) is not None:
        end = after.end()
    return text[start:end].strip(" ,;|-–·")


def resolve(text: str | None, *, now: str | None = None) -> Published:
    """Keep the text as written; add ISO when absolute, or relative with a known fetch time."""
    if not text:
        return Published(None, None)
    text = text.strip()
    iso = parse_absolute(text)
    if iso is None and now and re.search(RELATIVE_TEXT, text, re.IGNORECASE) and (
            m := RELATIVE.search(text)):
        try:
            base = datetime.fromisoformat(now)
        except ValueError:
            return Published(text, None)
        if m.group("word"):
            delta = timedelta(days=1) if m.group("word").lower() in _YESTERDAY else timedelta()
        else:
            raw = (m.group("n") or "1").lower()
            n = int(raw) if raw.isdigit() else 1
            delta = timedelta(minutes=n * _UNITS.get(m.group("unit").lower(), 1))
        iso = (base - delta).replace(microsecond=0).isoformat()
    return Published(text, iso)


# A full day in a URL's path, as news sites write it: /2019/03/14/ or /2019-03-14/ (or the
# same ending the last path segment, before a file suffix). Only between "/" or "-" delimiters,
# so a story id or a phone number in a slug is never read; a run of eight digits
# ("20190314") is not read at all (ids look the same, and one site's dated ones were off by
# up to four days: docs/segmentation.md, "Dates from URLs, thirteenth session"). /2019/03/
# alone gives no day and no date: a month is not a publication date the stories can compare.
_URL_DAY = re.compile(
    r"/((?:19|20)\d\d)(?:/(\d\d?)/(\d\d?)|-(\d\d)-(\d\d))(?=[/\-_.]|$)")


def url_date(url: str | None) -> tuple[str, str] | None:
    """(ISO day, the part of the path that states it) for a URL whose path states one full,
    valid day, else None. Query and fragment are not read: a tracking parameter's date is not
    the article's. Two different days in one path are ambiguous and give nothing."""
    if not url:
        return None
    try:
        path = urlsplit(url.strip()).path
    except ValueError:
        return None
    found: dict[str, str] = {}
    for m in _URL_DAY.finditer(path):
        y, mo, d = int(m.group(1)), int(m.group(2) or m.group(4)), int(m.group(3) or m.group(5))
        try:
            day = datetime(y, mo, d).date().isoformat()
        except ValueError:
            continue
        found.setdefault(day, m.group(0))
    if len(found) != 1:
        return None
    ((day, shown),) = found.items()
    return day, shown


def from_url(url: str | None) -> Published | None:
    """The day a record's URL states, for a record that states no date of its own: the text
    says where it came from ("in the URL: /2019/03/14"), so the JSON and the story page show
    it was read from the address, not from the page. On real URLs this is the stated day or
    the day after (time zones, print dates): docs/segmentation.md."""
    found = url_date(url)
    if found is None:
        return None
    day, shown = found
    return Published(f"in the URL: {shown}", day)


#: the first of a month as pages and addresses write it ({y}: the year, {m}: the month's
#: number, {n}: its name's stems; January's in the languages whose pages a user meets most)
_FIRST = (r"{y}[-/.]0?{m}[-/.]0?1(?!\d)|{y}{m:02d}01|(?<!\d)0?1[-/.]0?{m}[-/.]{y}"
          r"|(?<!\d)0?{m}/0?1/{y}"
          r"|(?<!\d)0?1(?:st|er|º|\.)?\s+(?:de\s+)?(?:{n})\w*\.?(?:\s+de)?,?\s+{y}"
          r"|(?:{n})\w*\.?\s+0?1(?:st)?,?\s+{y}")
#: each month's name stems: ``_MONTHS``' (every language the date reader knows; a first of
#: "Mai" or "juin" the page writes is as stated as one of January) and January's in Italian,
#: Polish and Turkish ("gennaio", "stycznia", "ocak"). Longest first, as alternatives.
_STEMS = tuple("|".join(sorted({re.escape(stem) for stem, number in _MONTHS.items()
                                if number == month} | ({"gen", "sty", "oca"} if month == 1
                                                       else set()), key=len, reverse=True))
               for month in range(1, 13))


def stated_day(found: str | None, page: str, url: str | None) -> str | None:
    """The date the HTML date search found, unless it is a year or a month written as its
    first day.

    Why: with nothing else on a page, the search falls back to the copyright notice's year
    (or a bare year) and writes it as ``YYYY-01-01``: a saved page whose only date was its
    footer's "© 2026" was published "2026-01-01", a day the page never states (a site's
    copyright year is the current one, not the article's), and the story timeline and date
    filters read it (twenty-eighth session, helper N5). A month alone ("2007-08 school
    year", a report number "GAO-02-352", an archive link) is written as its first day too,
    and a month is no date the stories can compare (as for addresses: ``url_date``). A
    first of the month the page or its address does write stays; one written in a form not
    listed here is dropped: no date rather than a made-up one."""
    if not found or not re.fullmatch(r"\d{4}-\d\d-01", found):
        return found or None
    month = int(found[5:7])
    if not 1 <= month <= 12:
        return None
    pattern = re.compile(_FIRST.format(y=found[:4], m=month, n=_STEMS[month - 1]),
                         re.IGNORECASE)
    return found if _writes(pattern, page, found[:4]) or pattern.search(url or "") else None


#: how far around each place a page writes the year ``_writes`` looks (characters)
_YEAR_WINDOW = 200


def _writes(pattern: re.Pattern[str], page: str, year: str) -> bool:
    """``pattern.search(page)`` for ``_FIRST``'s patterns, looked for only around the places
    the page writes the year. Why: every form of ``_FIRST`` holds the year, and the whole
    pattern run over a page's HTML cost ~0.6 ms a page (2 % of the HTML path; issue 16 allows
    1.3x trafilatura's time and the path stood at 1.28-1.30x). The same answer for every
    match shorter than ``_YEAR_WINDOW`` characters (a lookbehind still sees the characters
    before the window)."""
    at = page.find(year)
    while at >= 0:
        if pattern.search(page, max(0, at - _YEAR_WINDOW), at + len(year) + _YEAR_WINDOW):
            return True
        at = page.find(year, at + 1)
    return False
