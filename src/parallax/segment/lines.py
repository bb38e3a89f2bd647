"""Line features and a tunable linear line classifier for text dumps.

Each non-blank line gets features (position, length, punctuation, repetition, language switch,
known boilerplate phrases in EN/DE/RU/FR/ES/UK, metadata shapes). Two linear scores decide the
doubtful lines: *furniture* (boilerplate vs article text) and *comment* (reader comment vs
furniture once the article has ended). Their weights live in ``data/line-weights-v1.toml`` and
are tuned on the segmentation gold set (``benchmarks/tune_segmenter.py``); the structural decoder
in ``decoder`` uses the scores instead of ad-hoc string checks.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_right
from collections import Counter
from collections.abc import Collection
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import compress, count, repeat

import numpy as np
import numpy.typing as npt

from parallax.enrich.language import LangidIdentifier
from parallax.segment.cjk import CJK_END, TITLE_END, page_word_counts, script_language, word_count
from parallax.segment.dates import (
    DAY_WORDS,
    RELATIVE_TEXT,
    clock_stamp,
    may_hold_date,
    parse_absolute,
)
from parallax.segment.linefeatures import code_points, spaces
from parallax.segment.patterns import (
    COMMENTS_HEADING,
    FURNITURE_WORDS,
    NAV_CHARS,
    OPENER_LITERALS,
    RELATED_HEADING,
    SHARE_FIRST,
    SHARE_PHRASE_WORDS,
    always_kind,
    boilerplate_kind,
    comments_start_pattern,
    lines_of,
    page_index,
)
from parallax.segment.prefilter import fold, joined

_TIME_PREFIX = r"(?:time|updated|published|aktualisiert|zeit|время|час|temps|tiempo)?\s*:?\s*"
_WEEKDAYS = (r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|"
             r"mittwoch|donnerstag|freitag|samstag|sonntag")
TIME_ONLY = re.compile(rf"^{_TIME_PREFIX}(?P<time>{RELATIVE_TEXT}|{DAY_WORDS}{_WEEKDAYS})$", re.I)
OUTLET_TIME = re.compile(rf"^(?P<outlet>\S.*?)\s*(?P<time>{RELATIVE_TEXT})$", re.IGNORECASE)
_TIME_AT_END = re.compile(rf"(?:{RELATIVE_TEXT})$", re.IGNORECASE)
#: the most whitespace-separated words a RELATIVE_TEXT match has ("il y a 3 jours")
TIME_WORDS = 5


def outlet_time(line: str) -> bool:
    """``OUTLET_TIME.match(line)`` is not None, without trying the time at every character.

    Why: the lazy outlet makes ``re`` try the time alternatives after every character of the
    line (~40 µs a long line). The pattern matches exactly when the line starts with a
    non-space and some suffix after its first character is a whole time expression (the
    outlet takes any spaces before it); such a suffix has at most ``TIME_WORDS`` words, so it
    starts within the line's last ``TIME_WORDS`` words (tests/test_linefeatures.py)."""
    if "\n" in line or not line or line[0].isspace():
        return OUTLET_TIME.match(line) is not None
    parts = line.rsplit(maxsplit=TIME_WORDS)
    start = line.index(parts[1], len(parts[0])) if len(parts) > TIME_WORDS else 1
    return _TIME_AT_END.search(line, max(start, 1)) is not None
BULLET = re.compile(r"^[•·*]\s*(?P<outlet>\S.{0,60})$")
BYLINE = re.compile(r"^(?:by|von|автор:?|par|por)\s+(?P<author>[^\d].{1,80})$", re.IGNORECASE)
BYLINE_ROLE = re.compile(
    r"^[A-ZÄÖÜА-ЯЁ][\w'.-]+(?: [A-ZÄÖÜА-ЯЁ][\w'.-]+){1,3}, (?:[\w-]+ ){0,3}(?:correspondent|"
    r"reporter|editor|writer|columnist|journalist|korrespondent\w*|redakteur\w*|autor\w*|"
    r"корреспондент\w*|обозреватель|журналист\w*|journaliste|rédact\w*|periodista|"
    r"corresponsal|редактор\w*|кореспондент\w*)$", re.IGNORECASE)
DATE_PREFIX = re.compile(r"^(updated|published|posted|posted on|aktualisiert|veröffentlicht|"
                         r"veröffentlicht am|gepostet am|обновлено|опубликовано|mis à jour|"
                         r"publié le|actualizado|publicado)\s*:?\s*(on|am|le|el)?\s*",
                         re.IGNORECASE)
# Phrases that are furniture whatever their length; weaker ones ("subscribe", "photo") can
# also occur in article sentences, so length and position must agree.
STRONG_KINDS = frozenset({"app_download", "cookie_notice", "donation_appeal", "image_caption",
                          "empty_comment_box", "logo", "navigation", "paywall", "footer",
                          "media_contact", "author_bio", "read_more", "tags", "label"})
SENTENCE_END = (".", "!", "?", "…", "\"", "”", "“", "'", "»", ")", ":", *CJK_END)


def words(line: str) -> int:
    return word_count(line)


def title_like(line: str, n: int | None = None) -> bool:
    """``n``: the line's word count when known (``Line.words``: the decoder asks ~300 times a
    real page)."""
    n = words(line) if n is None else n
    return 0 < n <= 25 and len(line) <= 220 and not line.rstrip().endswith(TITLE_END)


def paragraph_like(line: str, n: int | None = None) -> bool:
    """``n``: as for ``title_like``."""
    n = words(line) if n is None else n  # once: the decoder asks ~600 times a real page
    return n >= 12 or (n >= 5 and line.rstrip().endswith(SENTENCE_END))


FUNCTION_WORDS = {
    "en": frozenset("the and of to in is that for on with was as at by from it this are have "
                    "has be not but his her they their which said".split()),
    "de": frozenset("der die das und ist nicht mit den dem des ein eine zu von auf für sich "
                    "auch es im wird sie wie bei nach".split()),
    "ru": frozenset("и в не на что с по как это к из за от для он она они но его так уже "
                    "было был".split()),
    "uk": frozenset("і в не на що з по як це до із за від для він вона вони але його вже "
                    "було був та".split()),
    "fr": frozenset("le la les et de des du un une est que qui dans pour pas sur au avec il "
                    "elle ce son sa".split()),
    "es": frozenset("el la los las y de del que en un una es por con para no se su al lo "
                    "como más".split()),
}


@dataclass(frozen=True, slots=True)
class Weights:
    furniture_bias: float
    furniture_phrase: float
    furniture_short: float
    furniture_no_punct: float
    furniture_repeated: float
    furniture_upper: float
    furniture_tail: float
    furniture_long: float
    furniture_strong_phrase: float
    comment_bias: float
    comment_language_switch: float
    comment_after_marker: float
    comment_short: float
    comment_phrase: float
    language_min_chars: int


@cache
def default_weights() -> Weights:
    text = (resources.files("parallax.segment") / "data" / "line-weights-v1.toml").read_text(
        encoding="utf-8")
    data = tomllib.loads(text)
    return Weights(**{k: v for k, v in data["weights"].items()})


#: ``Line.marks`` bits
SCANNED, COMMENTS_LITERAL, OPENER_LITERAL = 1, 2, 4
# the page scan's names for those literals (``_PAGE_EXTRA``)
_COMMENTS_START_NAME, _OPENER_NAME = "thread:comments_start", "thread:opener"


@dataclass(slots=True)
class Line:
    text: str
    index: int
    blank_after: bool
    words: int
    phrase_kind: str | None
    repeated: int
    meta: str | None  # outlet_time | time | bullet | byline | dateline | None
    heading: str | None  # related | comments | None
    #: ``SCANNED`` when ``read_lines`` made the line (0: made elsewhere), with
    #: ``COMMENTS_LITERAL`` / ``OPENER_LITERAL`` when it holds such a literal (lines of at most
    #: ``LOOKUP_WORDS`` words: a longer line is not looked up and keeps ``SCANNED`` alone)
    marks: int = 0


def meta_kind(line: str, may: Collection[str] | None = None, *, words: int | None = None,
              dated: bool | None = None) -> str | None:
    """``may``: as for ``patterns.boilerplate_kind`` (``outlet_time`` is looked up per page);
    ``words``: the line's word count if known; ``dated``: whether the line has four digits in
    a row, if the caller knows (no date without them, ``dates.may_hold_date``). Same answers
    without them."""
    n = len(line.split()) if words is None else words
    if n > 25:  # metadata lines are short; skip the date parsing for body text
        return None
    if may is None or may:
        if (may is None or "time_only" in may) and TIME_ONLY.match(line):
            return "time"
        if (may is None or "outlet_time" in may) and outlet_time(line):
            return "outlet_time"
    if line[:1] in _META_FIRST:
        if BULLET.match(line):
            return "bullet"
        if BYLINE.match(line):
            return "byline"
    if (may is None or "byline_role" in may) and BYLINE_ROLE.match(line):
        return "byline_role"
    if dated is None:
        return date_kind(line)
    return date_kind(line, dated=True) if dated else None


# first characters of a BULLET or BYLINE match (re.IGNORECASE included; tested)
_META_FIRST = frozenset("•·*BPVbpvАа")


_DATELINE_PARTS = re.compile(r"\s[·|]\s")
_DASH = re.compile(r"\s[—–-]\s")
#: a byline's small words ("By Ann Lee and Jon Vell"); any other word of its names is capitalised
_NAME_LINKS = frozenset("and und et y e von van der den de del di da du la le al el bin".split())


def dash_parts(line: str) -> list[str] | None:
    """A date and a byline joined by a spaced dash ("12 May 2026 — By Ann Lee", made up), as
    two parts, else None. Why only these two: a dash joins many other short things (a range
    of days, a headline's halves), and the line then stayed in the article's text."""
    parts = [p.strip() for p in _DASH.split(line)] if len(line) <= 160 else []
    if len(parts) != 2:
        return None
    for date, name in (parts, parts[::-1]):
        undated = DATE_PREFIX.sub("", date)
        by = BYLINE.match(name)  # names only: "<date> – By then …" is a timeline's entry
        names = by.group("author").rstrip(".").split() if by else []
        named = 0 < len(names) <= 6 and all(w[0].isupper() or w.lower() in _NAME_LINKS
                                             for w in names)
        if (named or BYLINE_ROLE.match(name)) and words(undated) <= 8 and parse_absolute(undated):
            return parts
    return None


def date_kind(line: str, *, dated: bool = False) -> str | None:
    """The date part of ``meta_kind``: ``dateline`` ("Reuters · 26.10.2026"), ``date`` or None.
    ``dated``: the caller knows the line has four digits in a row (``dates.may_hold_date``)."""
    if not dated and not may_hold_date(line):
        return None
    if ("·" in line or "|" in line) and len(line) <= 160:  # (a separator first: C speed)
        parts = [p for p in _DATELINE_PARTS.split(line) if p.strip()]
        if len(parts) >= 2 and any(parse_absolute(p) for p in parts):
            return "dateline"
    elif ("—" in line or "–" in line or " - " in line) and dash_parts(line):
        return "dateline"
    undated = DATE_PREFIX.sub("", line)
    if words(undated) <= 8 and parse_absolute(undated) and (
            words(line) <= 6 or undated != line or clock_stamp(undated)):
        return "date"
    return None


# looked up once per page with the furniture patterns (patterns.page_index)
_PAGE_EXTRA = (("outlet_time", OUTLET_TIME.pattern), ("time_only", TIME_ONLY.pattern),
               ("byline_role", BYLINE_ROLE.pattern), ("related", RELATED_HEADING.pattern),
               ("comments", COMMENTS_HEADING.pattern),
               # not furniture: which lines ``threads.thread_marks`` tests (``Line.marks``)
               (_COMMENTS_START_NAME, comments_start_pattern()),
               (_OPENER_NAME, "|".join(map(re.escape, OPENER_LITERALS))))
_THREAD_NAMES = frozenset({_COMMENTS_START_NAME, _OPENER_NAME})


# a line of more words is no furniture, byline or time to boilerplate_kind / meta_kind (only
# navigation and the headings are tested on it): the page scan leaves such lines out
LOOKUP_WORDS = 60


# Where boilerplate_kind and meta_kind can answer anything but "no" without the page-wide
# lookups: navigation needs a separator or a space other than a single " "
# (``patterns.NAV_CHARS``), a date four digits in a row (``dates.may_hold_date``); one match
# per line
_NAV_LINE = re.compile("[" + re.escape(NAV_CHARS) + "][^\n]*")
_YEAR_LINE = re.compile(r"\d" * 4 + r"[^\n]*")  # YEAR_DIGITS, written so re scans faster
_NAV, _DECIMAL, _SPACE, _WHITE = 1, 2, 4, 8  # flags of a code point (``_flag_table``)


@cache
def _flag_table() -> npt.NDArray[np.uint8]:
    """Per code point of the Basic Multilingual Plane: a ``NAV_CHARS`` character, a decimal
    digit as ``re``'s ``\\d`` reads one (``str.isdecimal``), the space " ", whitespace as
    ``str.split`` reads it (``str.isspace``) (built once, ~10 ms)."""
    table = np.zeros(0x10000, dtype=np.uint8)
    for flag, test in ((_DECIMAL, str.isdecimal), (_WHITE, str.isspace)):
        table[np.fromiter(map(test, map(chr, range(0x10000))), dtype=bool,
                          count=0x10000)] |= flag
    table[[ord(c) for c in NAV_CHARS]] |= _NAV
    table[ord(" ")] |= _SPACE
    return table


def _nav_and_dated(page: str, ends: list[int]) -> tuple[set[int], set[int], list[int] | None]:
    """The lines of ``page`` (``ends``: each line's end + 1) holding a ``NAV_CHARS`` character
    or two spaces in a row, those holding four decimal digits in a row, and each line's
    ``len(line.split())``: what ``_NAV_LINE``/``_lines_with(page, "  ")``, ``_YEAR_LINE`` and
    a split per line find, from one lookup of the page's code points instead of three scans
    (``re`` tries its class at every character, ~0.25 ms a real page) and ~180 splits. Pages
    with characters beyond the Basic Multilingual Plane (emoji, astral digits) take the scans
    (and no word counts: None)."""
    codes = code_points(page)  # (remembered: the line features read the same page next)
    if len(codes) < 4 or int(np.maximum.reduce(codes)) > 0xFFFF:
        return (lines_of(_NAV_LINE, page, ends) | _lines_with(page, "  ", ends),
                lines_of(_YEAR_LINE, page, ends), None)
    flags = _flag_table().take(codes, mode="clip")  # (in range: faster than indexing)
    # a word starts after whitespace (the "\n" joining lines included); the two masks are
    # remembered for the line features of the same page (``linefeatures.spaces``)
    word_start = spaces(codes, (flags & _WHITE).astype(bool))[1]
    line_starts = np.zeros(len(ends), dtype=np.intp)
    line_starts[1:] = ends[:-1]
    words = np.add.reduceat(word_start, line_starts, dtype=np.intp).tolist()
    space = (flags & _SPACE).astype(bool)
    nav = (flags & _NAV).astype(bool)
    nav[:-1] |= space[:-1] & space[1:]
    digit = (flags & _DECIMAL).astype(bool)
    year = digit[:-3] & digit[1:-2] & digit[2:-1] & digit[3:]
    bounds = np.asarray(ends)
    return (set(bounds.searchsorted(nav.nonzero()[0], side="right").tolist()),
            set(bounds.searchsorted(year.nonzero()[0], side="right").tolist()), words)


def read_lines(text: str) -> list[Line]:
    """The page's non-blank lines with what the rules and the line model read of each. Why the
    page-wide scans first (candidate patterns, separators, years): they are C-speed passes
    over the whole page, and they leave most lines with no per-line test that can answer."""
    raw = list(map(str.strip, text.splitlines()))
    texts = list(filter(None, raw))
    counts = Counter(texts)
    page, line_starts = joined(texts)
    ends = [*line_starts[1:], len(page) + 1] if texts else []  # each line's end + 1
    nav, dated, n_words = _nav_and_dated(page, ends) if texts else (set(), set(), [])
    if n_words is None:
        n_words = [len(t.split()) for t in texts]
    n_words = page_word_counts(page, texts, n_words)  # (Chinese, Japanese: cjk.py)
    # which lines each furniture/time pattern can match: one scan of the page (prefilter.py)
    short = [k for k, n in enumerate(n_words) if n <= LOOKUP_WORDS]
    may: list[AbstractSet[str]] = [frozenset()] * len(texts)
    marks = [SCANNED] * len(texts)
    folded = None
    if len(short) < len(texts):
        # the short lines' folded page cut from the whole page's fold (one character for one),
        # a run of short lines at a time: the line features fold the whole page next
        # (``prefilter.fold`` keeps the last one)
        whole = fold(page)
        runs, first = [], 0
        for k in (k for k, n in enumerate(n_words) if n > LOOKUP_WORDS):
            if k > first:
                runs.append(whole[ends[first] - len(texts[first]) - 1:ends[k - 1] - 1])
            first = k + 1
        if first < len(texts):
            runs.append(whole[ends[first] - len(texts[first]) - 1:])
        folded = "\n".join(runs)
    starts = None
    if folded is None:  # every line short: the page and its lines' starts are known
        folded, starts = fold(page), line_starts
    for k, names in zip(short, page_index(_PAGE_EXTRA).candidates(
            [texts[k] for k in short], folded, starts), strict=True):
        if names & _THREAD_NAMES:  # not pattern names of this reader: set aside
            marks[k] |= COMMENTS_LITERAL * (_COMMENTS_START_NAME in names) \
                | OPENER_LITERAL * (_OPENER_NAME in names)
            names = names - _THREAD_NAMES
        may[k] = names
    kept = list(compress(count(), raw))
    last = len(raw) - 1
    blank = [i < last and not raw[i + 1] for i in kept]
    size = len(texts)
    kinds: list[str | None] = [None] * size
    metas: list[str | None] = [None] * size
    headings: list[str | None] = [None] * size
    for k, line in enumerate(texts):
        here, n = may[k], n_words[k]
        if not here and n <= LOOKUP_WORDS and k not in nav and (
                n > 25 or (k not in dated and line[0] not in _META_FIRST)):
            # most lines: no heading, no metadata, no navigation; what boilerplate_kind and
            # meta_kind answer then, without the two calls (nor always_kind's for a line it
            # answers None without its patterns: ~100 a real page)
            if n <= FURNITURE_WORDS and (n <= SHARE_PHRASE_WORDS or line[0] in SHARE_FIRST):
                kinds[k] = always_kind(line, n)
            continue
        if not here and n <= 25 and k not in nav and k not in dated:
            # a short plain line starting like a bullet or byline (B/P/V/* ..., ~15 a page):
            # meta_kind can only answer those two, boilerplate_kind what always_kind does
            metas[k] = "bullet" if BULLET.match(line) else "byline" if BYLINE.match(line) \
                else None
            kinds[k] = always_kind(line, n)
            continue
        if here or n > LOOKUP_WORDS:
            long = n > LOOKUP_WORDS
            headings[k] = "related" if (long or "related" in here) and RELATED_HEADING.match(
                line) else ("comments" if (long or "comments" in here)
                            and COMMENTS_HEADING.match(line) else None)
        kinds[k] = boilerplate_kind(line, here, words=n, separated=k in nav)
        metas[k] = meta_kind(line, here, words=n, dated=k in dated)
    # the lines built by one C-level map over the fields (no Python call site a line)
    return list(map(Line, texts, range(size), blank, n_words, kinds,
                    map(counts.__getitem__, texts), metas, headings, marks))


def _lines_with(page: str, needle: str, ends: list[int]) -> set[int]:
    """The lines of ``page`` holding ``needle`` (one ``str.find`` per such line)."""
    found = set()
    pos = page.find(needle)
    while pos >= 0:
        line = bisect_right(ends, pos)
        found.add(line)
        pos = page.find(needle, ends[line])  # the next line
    return found


def _tokens(text: str) -> set[str]:
    """Lower-cased words without surrounding punctuation, for function-word counts."""
    # lowering the whole text splits into the same tokens (no whitespace has a case)
    return set(map(str.strip, text.lower().split(), repeat(".,;:!?\"'«»„“”()")))


def _holds_words(text: str, words: frozenset[str], count: int) -> bool:
    """``len(_tokens(text) & words) >= count``, stopping at the count-th distinct word: half
    the lines asked about are body lines that show three function words in their first few
    tokens (~0.05 ms a page)."""
    seen: set[str] = set()
    for token in map(str.strip, text.lower().split(), repeat(".,;:!?\"'«»„“”()")):
        if token in words:
            seen.add(token)
            if len(seen) >= count:
                return True
    return False


class LineClassifier:
    """Linear scores over line features; positive means 'yes'."""

    def __init__(self, weights: Weights | None = None) -> None:
        self.w = weights or default_weights()
        self._detected: dict[str, str | None] = {}

    def furniture(self, line: Line, *, tail: bool) -> float:
        w = self.w
        return (w.furniture_bias
                + w.furniture_phrase * (line.phrase_kind is not None)
                + w.furniture_short * (line.words <= 6)
                + w.furniture_no_punct * (not line.text.endswith(SENTENCE_END))
                + w.furniture_repeated * (line.repeated > 1)
                + w.furniture_upper * (line.text.isupper() and line.words <= 8)
                + w.furniture_tail * tail
                + w.furniture_long * (line.words >= 15)
                + w.furniture_strong_phrase * (line.phrase_kind in STRONG_KINDS))

    def _comment_score(self, line: Line, *, switched: bool, after_marker: bool) -> float:
        w = self.w
        return (w.comment_bias
                + w.comment_language_switch * switched
                + w.comment_after_marker * after_marker
                + w.comment_short * (line.words <= 40)
                + w.comment_phrase * (line.phrase_kind is not None))

    def comment(self, line: Line, *, page_language: str | None, after_marker: bool) -> float:
        switched = False
        if page_language and len(line.text) >= self.w.language_min_chars:
            lang = self.language(line.text, page_language)
            switched = lang is not None and lang != page_language
        return self._comment_score(line, switched=switched, after_marker=after_marker)

    def is_comment(self, line: Line, *, page_language: str | None,
                   after_marker: bool) -> bool:
        """``comment(...) > 0``, running language identification only when the line's
        language can change the answer (with the shipped weights: a line after a comments
        marker is a comment whatever its language, a furniture phrase never is)."""
        scores = [self._comment_score(line, switched=switched, after_marker=after_marker)
                  for switched in (False, True)]
        if (scores[0] > 0) == (scores[1] > 0):
            return scores[0] > 0
        return self.comment(line, page_language=page_language, after_marker=after_marker) > 0

    def page_language(self, text: str) -> str | None:
        """The language of a page's first paragraphs: the one whose function words they are
        full of (at least 5 distinct ones, twice the runner-up's), else langid's answer. Why:
        langid reads plain English paragraphs as Nigerian Pidgin now and then, and a wrong page
        language turns every body line into a 'comment in another language'; the count is
        also ~0.3 ms cheaper than langid over three paragraphs."""
        tokens = _tokens(text)
        counts = sorted(((len(tokens & words), lang) for lang, words in FUNCTION_WORDS.items()),
                        reverse=True)
        (best, lang), (second, _) = counts[0], counts[1]
        if best >= 5 and best >= 2 * second:
            return lang
        return self.language(text)

    def language(self, text: str, expected: str | None = None) -> str | None:
        """Language of a line; one holding two of the expected language's function words (three
        before the 26th session) is that language without langid (most body lines). Remembered
        per classifier: the rules' and the line model's decoding ask about the same lines."""
        if expected in FUNCTION_WORDS and _holds_words(text, FUNCTION_WORDS[expected], 2):
            return expected
        if text not in self._detected:
            if len(self._detected) > 10_000:  # a classifier kept for many pages
                self._detected.clear()
            self._detected[text] = script_language(text) or _identifier().detect(text)
        return self._detected[text]


@cache
def _identifier() -> LangidIdentifier:
    """One model per process: loading it costs ~50 ms, far more than a page."""
    from parallax.enrich.language import LangidIdentifier

    return LangidIdentifier()
