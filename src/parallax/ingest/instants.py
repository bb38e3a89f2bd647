"""A feed's or record's publication time with its zone kept.

The segmenter reads a date text for its day and clock ("2026-11-03T23:30:00-05:00" became
"2026-11-03T23:30:00"; an RSS "Tue, 03 Nov 2026 23:30:00 -0500" only "2026-11-03"), so an item
written at 23:30 in New York and one written at 06:30 the next morning in Berlin could not be
ordered. Where the text states its zone, the ISO keeps the clock as written plus the offset:
the same instant, and its first ten characters are still the day the outlet printed (what
stories and the date filters compare).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from parallax.segment.dates import resolve
from parallax.when import real_iso

# an explicit zone: "Z", "+02:00", "+0200", "-05", or a named zone RFC 822 defines ("GMT",
# "EST"); RFC 822's "-0000" means "zone unknown" and is not one
_ZONE = re.compile(r"(?:\d(?:Z|[+-]\d\d(?::?\d\d)?)|\s(?:GMT|UT|UTC|Z|[ECMP][SD]T|[+-]\d\d:?\d\d))"
                   r"\s*$", re.IGNORECASE)
#: an RFC 822 date's offset written with a colon ("… 18:45:00 +05:30", as many feeds write
#: it), which ``email.utils`` reads as no zone: the clock kept, the offset silently dropped
_COLON_OFFSET = re.compile(r"(\s[+-]\d\d):(\d\d)\s*$")
#: a year written with four digits (not an offset's "+0200", not a clock): ``email.utils``
#: reads "0001" as 2001 (a number under 100 is a two-digit year), so a feed's placeholder
#: "Mon, 01 Jan 0001 00:00:00 GMT" (an empty date some publishing systems write) became a
#: real-looking day; a year that is not the one written says no instant
_WRITTEN_YEAR = re.compile(r"(?<![\d+-])\d{4}(?![\d:])")


def zoned_iso(text: str | None) -> str | None:
    """ISO 8601 with the written offset when ``text`` is a full date-time that names its zone
    (RFC 3339 as Atom writes it, RFC 822 as RSS does), else None (the caller's own reading
    then stands: a day alone, or a clock with no zone, says no instant)."""
    if not text or not _ZONE.search(text.strip()) or text.strip().endswith("-0000"):
        return None
    value = text.strip()
    parsed: datetime | None = None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        try:  # " Z" (RFC 822's military zone for UT) is read by ``email.utils`` itself
            parsed = parsedate_to_datetime(_COLON_OFFSET.sub(r"\1\2", value))
        except (TypeError, ValueError, IndexError):
            return None
    if parsed is None or parsed.tzinfo is None or not 1900 <= parsed.year <= 2200:
        return None
    if (year := _WRITTEN_YEAR.search(value)) is not None and int(year.group()) != parsed.year:
        return None
    return parsed.replace(microsecond=0).isoformat()


#: a year-first numeric date with slashes, as some exports write it ("2026/11/22",
#: "2026/11/22 10:00 +0100"): the segmenter reads no slashed date (day and month are
#: ambiguous in "05/11/2026"), but a year first is never followed by the day, so such a record
#: stayed undated for no reason (helper N6). Read as the ISO date it spells.
_YEAR_FIRST = re.compile(r"\s*(\d{4})/(\d{1,2})/(\d{1,2})(?=[\sT]|$)")


def _dashed(text: str | None) -> str | None:
    found = _YEAR_FIRST.match(text) if text else None
    if found is None or text is None:
        return None
    year, month, day = found.groups()
    return f"{year}-{int(month):02d}-{int(day):02d}{text[found.end():]}"


#: a month's abbreviation with its full stop before the year, as French, Spanish and German
#: feeds localise RFC 822 ("lun., 02 nov. 2026 08:00:00 +0100", "3 Okt. 2026"): the item had
#: no date at all, where "02 nov 2026" is read (helper N6); the day is read without the stop
_MONTH_STOP = re.compile(r"(\d{1,2}\s+[^\W\d_]{3,5})\.(?=\s+\d{4}\b)")


#: an English ordinal day ("Tuesday, November 3rd 2026", "7th November 2026", "3rd of
#: November 2026"), as hand-written feeds and exports write it: the item had no date at all
#: (helper N8); read without the suffix, the day only, as the full stop above
_ORDINAL = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b(?:\s+of\b)?", re.IGNORECASE)


def _abbreviated(text: str) -> str | None:
    plain = _ORDINAL.sub(r"\1", _MONTH_STOP.sub(r"\1", text))
    return resolve(plain).iso if plain != text else None


#: a number in a record's 'published', or a date of digits alone, is Unix time (seconds;
#: milliseconds from 1e11 on, as JavaScript exports write it) when it falls between 1990 and
#: 2100; any other number says no date
_UNIX_RANGE = (631_152_000, 4_102_444_800)


def unix_time(value: object) -> tuple[str | None, str | None]:
    """(text, ISO) of a 'published' number; a string is returned as the text, ISO None."""
    if not is_number(value):
        return value if isinstance(value, str) else None, None
    try:
        number = float(value)  # type: ignore[arg-type]
    except OverflowError:  # an integer beyond a float's range
        return None, None
    seconds = number / 1000 if abs(number) >= 1e11 else number
    text = str(value)
    if not _UNIX_RANGE[0] <= seconds <= _UNIX_RANGE[1]:
        return text, None
    return text, datetime.fromtimestamp(int(seconds), UTC).isoformat()


def is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value == value


#: ISO 8601's basic form, digits alone ("20261101", "202611010800", "20261101080000"), as GDELT
#: exports and some feeds write it: feedparser read it, and it was no date once every string of
#: digits was read as Unix time (09e6157; thirty-first session, helper R). Never a Unix time
#: in range: seconds from 1990 have 9 or 10 digits, milliseconds 13 or 12 from 631152000000,
#: above any 12 digits that open with a year up to 2100
_COMPACT = re.compile(r"(\d{4})(\d\d)(\d\d)(?:(\d\d)(\d\d)(\d\d)?)?")


def _compact(digits: str) -> str | None:
    found = _COMPACT.fullmatch(digits)
    if found is None or not 1990 <= int(found[1]) <= 2100:
        return None
    year, month, day, hour, minute, second = found.groups()
    if hour and (int(hour) > 23 or int(minute) > 59 or int(second or 0) > 59):
        return None  # no clock: digits of something else
    clock = f" {hour}:{minute}" + (f":{second}" if second else "") if hour else ""
    return stated_iso(f"{year}-{month}-{day}{clock}")


def stated_iso(text: str | None) -> str | None:
    """The ISO of a date a feed item or record states: with its written zone when it names one
    (``zoned_iso``), else as the segmenter reads a date text (a day, or a clock with no zone;
    "4 hours ago" in a file says no day); a year-first numeric date as its ISO spelling;
    digits alone as Unix time (feedparser read a feed's "1793520000" as 1 December 1793, a
    record's string "1793520000" was no date; helper N8); a placeholder for no date none."""
    if text and text.strip().isdecimal():  # any script's digits: full-width "１７９３５２００００"
        # reached feedparser, which read it as 1 December 1793 (thirty-first review)
        digits = "".join(str(unicodedata.decimal(c)) for c in text.strip())
        # past 20 digits no time (and int() refuses 4,300)
        return (unix_time(int(digits))[1] if len(digits) <= 20 else None) or _compact(digits)
    text = _dashed(text) or text
    return real_iso(zoned_iso(text) or resolve(text).iso
                    or (_abbreviated(text) if text else None))
