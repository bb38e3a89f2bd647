"""Where a reader-comment thread in a text dump stops being one.

Why: after a comments heading the decoder used to read every line as a comment until a comment
form line, so the sidebars, related-post lists and blogrolls that follow a thread on most blogs
became "reader comments" (a wrong label: held-out comment precision 0.41-0.53). A thread has a
shape: a comment is an author or date line, one or more lines of prose, perhaps a "Reply"
button. A run of short link-like lines with none of that (post titles, outlet names, "Popular
posts") is a list, not a conversation. Chosen on the training sites' dumps (docs/segmentation.md,
"Fifth session: comments").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from parallax.segment.comment_words import QUESTION_MARKS, TIME_AGO
from parallax.segment.lines import (
    COMMENTS_LITERAL,
    LOOKUP_WORDS,
    OPENER_LITERAL,
    SCANNED,
    SENTENCE_END,
    Line,
    paragraph_like,
)
from parallax.segment.patterns import (
    OPENER_LITERALS,
    comment_furniture,
    comments_start,
    comments_start_and_holding,
    count_line,
)
from parallax.segment.prefilter import fold, required_literals, shortest_cover

#: consecutive link-like lines that end a thread (or show that a heading opens none)
LINK_RUN = 4
#: lines after the run in which a thread's sign (a date, "Reply") keeps the thread going
SIGN_WINDOW = 4
#: the fewest words of a thread's sentence that a furniture word does not make furniture
THREAD_SENTENCE_WORDS = 12
#: the furniture kinds one everyday word can trigger ("support", "copyright", "cookies")
WORD_KINDS = frozenset({"donation_appeal", "footer", "cookie_notice"})
#: a thread with no known heading: this many author lines (the most words each), ending so
OPENERS = 2
OPENER_WORDS = 12
# not "said." (reported speech) nor "said:"/"wrote:" (a news story's lead-in to a quote)
OPENER_ENDS = tuple(f" {verb}{end}" for verb in ("says", "said", "wrote", "schreibt", "schrieb",
                                                  "пишет", "écrit")
                    for end in ("", ":", ",", "...", "…")
                    if not (end == ":" and verb in ("said", "wrote", "schrieb")))
#: words before "said" that are no commenter's name ("that said...", "as he said:")
NOT_NAMES = frozenset("that he she it they i we you who which this and but as has had have was "
                      "been be having also er sie es man".split())
QUOTES = "\"“”„«»"
#: the most words of a link-like line (a post title, a blog's name)
LINK_WORDS = 10
#: article words (in lines of ``PROSE_LINE_WORDS`` or more: not a header's or a tab bar's short
#: lines) before a comments heading can open the thread (the header's "2 Comments", a site's
#: "Article / Stock Quotes / Comments" tabs); the decoder (``decoder``) and the line model's
#: ``comments_above`` column (``pagecontext``) apply the same rule
THREAD_AFTER_WORDS = 60
PROSE_LINE_WORDS = 10
#: a comment's author line: "Erin says:", "Emily said...", "Posted by: X at ...", "- by X on"
AUTHOR_LINE = re.compile(
    r"(\b(says|said|wrote|writes|schreibt|schrieb|пишет|написал[а]?|écrit|escribió)\b\s*"
    r"[:.…]*\s*$|^[-*+]?\s*(posted|written|comment(ed)?)\s+by\b|^[-*+]?\s*by\s+\S+.*\bon\b)",
    re.IGNORECASE)
#: what a thread's own furniture says (its count, sort order, feed, reply links) or a comment's
#: date: evidence of a thread, never a link list's
THREAD_WORDS = re.compile(
    r"comment|kommentar|коммент|коментар|commentaire|comentario|repl(y|ies)|respon|antwort|"
    r"\breport\b|\bflag\b|permalink|ответить|відповісти|répondre|responder|"
    r"\b(19|20)\d\d\b|\d:\d\d|" + "|".join(TIME_AGO), re.IGNORECASE)
#: a folded line holding none of these matches neither ``THREAD_WORDS`` nor ``AUTHOR_LINE``
#: (their required literals, ``prefilter.required_literals``): the regexes are asked only
#: then (a thread's lines are tested at every line of it)
_MAY_SIGN = re.compile("|".join(map(re.escape, shortest_cover(
    (required_literals(THREAD_WORDS.pattern, THREAD_WORDS.flags) or frozenset({""}))
    | (required_literals(AUTHOR_LINE.pattern, AUTHOR_LINE.flags) or frozenset({""}))))))


def _may_sign(text: str) -> bool:
    return _MAY_SIGN.search(fold(text)) is not None


def _signed(text: str) -> bool:
    """The line's words say thread (``THREAD_WORDS``) or author (``AUTHOR_LINE``); the regexes
    are asked only when ``_may_sign``."""
    return _may_sign(text) and (
        THREAD_WORDS.search(text) is not None or AUTHOR_LINE.search(text) is not None)


def thread_sentence(line: Line) -> bool:
    """A reader's sentence in a thread that merely holds a furniture word ("thanks for your
    support", "copyright law", "I'd contribute"): a comment, not an appeal or a footer."""
    return line.phrase_kind in WORD_KINDS and line.words >= THREAD_SENTENCE_WORDS \
        and paragraph_like(line.text, line.words)


def link_shape(line: Line) -> bool:
    """A short line that is neither prose nor a date/author line: with no thread button
    (``patterns.comment_furniture``, which ``LinkRuns`` asks once per line), a link."""
    if line.words > LINK_WORDS or line.meta is not None or paragraph_like(line.text, line.words):
        return False
    text = line.text.rstrip()
    if text.endswith(SENTENCE_END + QUESTION_MARKS):
        return False
    return line.phrase_kind != "share_buttons" and not _signed(text)


def thread_sign(line: Line) -> bool:
    """A line only a thread has: a date or time, an author line, the thread's own words
    ("Reply", "3 comments", "Sort comments by")."""
    return line.meta in ("time", "date", "dateline", "outlet_time") or _signed(line.text)


def thread_marks(lines: list[Line]) -> tuple[set[int], int | None]:
    """The page's comments headings (``patterns.comments_start_lines``) and the first author
    line of a thread with none (``thread_opener``). Lines from ``read_lines`` say which of
    them hold a heading's or an opener's literal (``Line.marks``, from the line reader's one
    scan of the page): only those, and lines too long for that scan, are tested (the same
    lines as a scan of the folded page would give, without 19 more ``str.find`` passes over
    it: ~0.1 ms a real page); other lines take that scan."""
    marked = [i for i, line in enumerate(lines)
              if line.marks != SCANNED or line.words > LOOKUP_WORDS]
    if any(not lines[i].marks & SCANNED for i in marked):
        heads, candidates = comments_start_and_holding([line.text for line in lines],
                                                      OPENER_LITERALS)
        return heads, thread_opener(lines, sorted(candidates))
    heads = {i for i in marked if (lines[i].marks & COMMENTS_LITERAL
                                   or lines[i].words > LOOKUP_WORDS)
             and comments_start(lines[i].text)}
    return heads, thread_opener(lines, [i for i in marked if lines[i].marks & OPENER_LITERAL])


def thread_opener(lines: list[Line], candidates: Iterable[int] | None = None) -> int | None:
    """The first author line of a thread that has no heading the patterns know ("Matthew
    says:", "Rosa said...", "firefighter jeff said,", Slashdot's "Title (Score:5,
    Insightful)"), when the page has at least ``OPENERS`` of them: one such line may be an
    article's "He said:" before a quote, a run of them is a thread. ``candidates``: the lines
    that may be one (holding an ``OPENER_LITERALS``), ascending; all if None."""
    found = None
    count = 0
    blank = any(line.blank_after for line in lines)
    for i in range(len(lines)) if candidates is None else candidates:
        line = lines[i]
        if line.words > OPENER_WORDS or (blank and not (  # a wrapped line's end is no opener
                line.blank_after and (i == 0 or lines[i - 1].blank_after))):
            continue
        text = line.text.rstrip()
        if (text.endswith(OPENER_ENDS) and not any(q in text for q in QUOTES)
                and line.words >= 2 and text.split()[-2].lower() not in NOT_NAMES) \
                or "(Score:" in text:
            count += 1
            if found is None:
                found = i
            if count >= OPENERS:
                return found
    return None


#: a comment's time stamp: a time of day with an am/pm, "at", a year or a numeric date beside it
#: ("Thursday, November 1 at 2:57 pm", "August 8, 2012 11:46 am", "07.16.12 at 21:35"), not a
#: bare "10:09" (a video's length) nor a score
STAMP_TIME = re.compile(r"\b\d{1,2}:\d\d\b")
STAMP_CONTEXT = re.compile(
    r"\d\s*[ap]\.?m\b|\bat\s+\d|\b(19|20)\d\d\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b", re.IGNORECASE)
#: the most words of a stamp line (a name, a date, a time, "Reply"); of an author line above it
STAMP_WORDS = 16
STAMP_AUTHOR_WORDS = 5
#: stamps, each with a reader's words within ``STAMP_REACH`` lines below it, that make a thread
STAMPS = 2
STAMP_REACH = 3


#: the time ends the stamp, or a "|" follows it (an am/pm, a zone or a "Reply" may come
#: first): a teaser list's "updated 1:05 PM EDT, Thu September 20" or "6:33 PM What Is Sexy"
#: goes on after its time; "Thu, 08/09/2012 - 14:32 | 2691789 name" is a comment's stamp
STAMP_END = re.compile(r"\b\d{1,2}:\d\d(?::\d\d)?(?:\s*[ap]\.?\s?m\.?)?(?:\s+[A-Z]{2,4})?"
                       r"(?:\s*[·#]?\s*(?:reply|permalink|link)?)?\s*#?\s*(?:\|.*)?$",
                       re.IGNORECASE)


def stamped(line: Line) -> bool:
    text = line.text
    return line.words <= STAMP_WORDS and ":" in text and STAMP_TIME.search(text) is not None \
        and STAMP_CONTEXT.search(text) is not None and STAMP_END.search(text) is not None


#: "3 hours ago", "vor 3 Stunden", "il y a 3 heures", "3 часа назад" (``comment_words``)
_AGO = re.compile("|".join(TIME_AGO), re.IGNORECASE)


def _name_above(lines: list[Line], i: int) -> bool:
    """A short line that can be a commenter's name stands over line ``i``. Why: a relative
    stamp alone is also a teaser list's ("1 hour ago" / a post's title, a training page's
    sidebar, read as a thread without this)."""
    above = lines[i - 1] if i > 0 else None
    return above is not None and above.words <= STAMP_AUTHOR_WORDS and above.heading is None \
        and above.phrase_kind is None and above.meta is None \
        and not above.text.rstrip().endswith(SENTENCE_END)


def time_ago(line: Line) -> bool:
    """A relative time alone on its line (the line reader's ``time``): a comment's stamp under
    its author's name in a pasted thread ("<name>" / "3 hours ago" / words / "Reply", made
    up), which names no clock time for ``stamped``."""
    return line.meta == "time" and line.words <= 5 and _AGO.search(line.text) is not None


def reader_stamp(lines: list[Line], i: int) -> bool:
    """``time_ago`` under a name, with a comment's button ("Reply", "Like") before the next
    such stamp. Why the button: a "Latest" list under the article has the same shape, a
    headline over its relative time over its teaser ("Ferry strike ends" / "2 hours ago" /
    "Crews returned to work …", made up), and read as a thread its headlines were shown as
    readers' names (twenty-second session, helper R)."""
    if not (time_ago(lines[i]) and _name_above(lines, i)):
        return False
    for j in range(i + 1, min(len(lines), i + CHAIN)):
        if time_ago(lines[j]):
            return _rhythm(lines, i, j - i)
        if lines[j].words <= LOOKUP_WORDS and comment_furniture(lines[j].text) == "action":
            return True
    return False


#: stamps in one rhythm that make a thread with no buttons (``_rhythm``)
RHYTHM_STAMPS = 3


def _person(line: Line) -> bool:
    """A reader's name as a thread prints it: two capitalised words, no digit, nothing else
    ("Anna Berg", made up). Why two: one word is a list's section label ("Sport" / "2 hours
    ago" / a teaser), and three or more a teaser's headline."""
    parts = line.text.split()
    return len(parts) == 2 and all(p[:1].isupper() and not p.isupper() and p.isalpha()
                                   for p in (x.rstrip(".") for x in parts))


def _said(lines: list[Line], k: int) -> bool:
    """Line ``k`` is a relative stamp under a reader's name with a sentence under it, one
    that ends as a sentence: an opinion rail prints a columnist's name and a stamp over a
    headline of eight words or more ("Lena Moss" / "3 hours ago" / "Why the harbour plan
    will cost the town far more than it saves", made up), and those rails were read as
    reader comments under the columnists' names (R's review of 4e881f8)."""
    if not (0 < k < len(lines) - 1 and time_ago(lines[k]) and _person(lines[k - 1])):
        return False
    below = lines[k + 1]
    return below.words >= 3 and not stamped(below) \
        and below.text.rstrip().endswith(SENTENCE_END)


#: the fewest letters of a headline's word that ``_echoed`` looks for in its teaser
ECHO_LETTERS = 4
_LETTERS = re.compile(r"[^\W\d_]+")


def _echoed(name: Line, below: Line) -> bool:
    """A word of the name line (``ECHO_LETTERS`` or more letters) recurs in the sentence under
    its stamp, in any case: a teaser repeats its headline's words ("Strike Ends" / "2 hours
    ago" / "Dock workers ended their strike …", made up), a reader's comment does not hold its
    writer's name. Why: a "Latest" list of two-word title-case headlines had the shape of a
    thread's names (twenty-third session, left) and its teasers became reader comments."""
    said = {w.casefold() for w in _LETTERS.findall(below.text)}
    return any(len(w) >= ECHO_LETTERS and w.casefold() in said
               for w in _LETTERS.findall(name.text))


def _rhythm(lines: list[Line], i: int, step: int) -> bool:
    """A thread pasted without its buttons: ``RHYTHM_STAMPS`` or more relative stamps
    ``step`` lines apart, each under a reader's name (``_person``) and over a sentence
    ("<name>" / "3 hours ago" / words, repeated; made up). Why the rhythm and the names: a
    "Latest" list has the stamp over a teaser too, under a headline (see ``reader_stamp``);
    on training sites the runs of stamps at one step were a job board (place / a relative
    stamp / job title) and a blogroll (post / a relative stamp / blog name), none over
    sentences."""
    if not _said(lines, i):
        return False
    run, k = [i], i - step
    while len(run) < RHYTHM_STAMPS and k > 0 and _said(lines, k):  # (asked at every stamp:
        run, k = [*run, k], k - step  # a walk to the run's start made a long thread quadratic)
    k = i + step
    while len(run) < RHYTHM_STAMPS and _said(lines, k):
        run, k = [*run, k], k + step
    # a list's teasers echo their headlines; a reader named like a word ("Will <surname>",
    # "Mark <surname>") may write that word once: most of the run must echo (R's review of
    # fa92a5b: a thread of such names, each using the word, was all read as article text)
    echoes = sum(_echoed(lines[j - 1], lines[j + 1]) for j in run)
    return len(run) >= RHYTHM_STAMPS and 2 * echoes <= len(run)


def stamp_opener(lines: list[Line], start: int) -> int | None:
    """The first line of a thread below the article (from ``start``, the line after the line
    model's last main line) that no heading or author form announces: ``STAMPS`` comment time
    stamps, each followed by a reader's words, open it at the first stamp or at the short name
    line above it (made up: "Anna Says:" / "May 3rd, 2012 at 8:15 pm"). Why: after the article
    the decoder took a tail line as a comment only when its language differed from the
    article's, so a thread under "Previous post / Next post" or an unknown heading was lost
    (training sites, ninth session: 37 of 345 pages with gold comments got none)."""
    first = None
    count = 0
    for i in range(start, len(lines)):
        if not stamped(lines[i]) and not reader_stamp(lines, i):
            continue
        if any(lines[j].words >= 3 and not stamped(lines[j])
               and (lines[j].words >= 8 or lines[j].text.rstrip().endswith(SENTENCE_END))
               for j in range(i + 1, min(len(lines), i + 1 + STAMP_REACH))):
            count += 1
            if first is None:
                first = i
            if count >= STAMPS:
                break
    if first is None or count < STAMPS:
        return None
    above = lines[first - 1] if first > start else None
    if above is not None and above.words <= STAMP_AUTHOR_WORDS and above.heading is None \
            and above.phrase_kind is None and not above.text.rstrip().endswith((".", "!", "?")):
        return first - 1
    return first


def thread_below(lines: list[Line], main: list[bool], heads: set[int]) -> int | None:
    """``stamp_opener`` below the line model's last main line, on a page with no comments
    heading there (a heading opens the thread itself; its line must not be the opener too)."""
    if not any(main):
        return None
    last = len(main) - main[::-1].index(True)
    if any(i >= last for i in heads) or any(line.heading == "comments" for line in lines[last:]):
        return None
    # the block's last lines may be the thread's comments: each a name, a relative stamp,
    # the words, "Reply" (the model judges each line alone; made up, one block a line): back
    # from the line under the block along relative stamps at most ``CHAIN`` lines apart, to
    # the name line above the first
    start = edge = last
    for k in range(min(last, len(lines) - 1), 0, -1):
        if k < edge - CHAIN:
            break
        if reader_stamp(lines, k):
            start, edge = k - 1, k
    return stamp_opener(lines, start) if start == last or _article_above(lines, start) \
        else stamp_opener(lines, last)


#: the most lines from one comment's relative stamp to the next (name, stamp, words, "Reply")
CHAIN = STAMP_REACH + 3


def _article_above(lines: list[Line], start: int) -> bool:
    """``THREAD_AFTER_WORDS`` of prose lines above ``start``: an article the thread is under."""
    return sum(line.words for line in lines[:start]
               if line.words >= PROSE_LINE_WORDS) >= THREAD_AFTER_WORDS


#: a blog sidebar's widget of the latest comments site-wide ("Recent Comments", then rows
#: "<name> on <post title>"): where it starts, the page's own thread is over
WIDGET_HEADING = re.compile(r"^[#*\-\s]*(recent|latest)\s+(comments|kommentare)\s*:?\s*$",
                            re.IGNORECASE)


def widget_heading(text: str) -> bool:
    """Its rows are longer than links or end in "?", so no link run ends the thread there
    (training sites, eighteenth session: 9 pages' comments up, none down)."""
    return WIDGET_HEADING.match(text) is not None


#: the most words of a count line (``patterns.COUNT_LINE``)
COUNT_WORDS = 12


def decoder_heads(lines: list[Line], heads: tuple[set[int], int | None], main: list[bool]
                  ) -> tuple[set[int], int | None]:
    """The thread marks the decoder reads beyond ``thread_marks`` (the line model's, whose
    ``comments_above`` column they would change): the count lines of ``patterns.COUNT_LINE``
    as comments headings, and, when no author line opens a thread, ``thread_below``. Why:
    on training sites 37 of 345 pages with gold comments got none; most had a count line in
    a form no heading pattern knew ("3 Comments leave one →", "{ 131 comments }") or none."""
    found, opener = heads
    counts = {i for i, line in enumerate(lines)
              if line.words <= COUNT_WORDS and (line.marks & COMMENTS_LITERAL
                                                or not line.marks & SCANNED)
              and count_line(line.text)}
    if counts - found:
        found = found | counts
    return found, thread_below(lines, main, found) if opener is None else opener


class LinkRuns:
    """``link_run`` for one page, each line's tests done once: the decoder asks at every line
    of a thread, and a long list inside a comment made that quadratic (12 % of a dump's time
    before the cache)."""

    def __init__(self, lines: list[Line], run: int = LINK_RUN, window: int = SIGN_WINDOW):
        self.lines, self.run, self.window = lines, run, window
        self.ends: dict[int, int] = {}  # a line in a link run: the run's end
        self.signs: dict[int, bool] = {}
        self.kinds: dict[int, str | None] = {}

    def kind(self, index: int) -> str | None:
        """``patterns.comment_furniture`` of a line, once (the decoder asks it too)."""
        if index in self.kinds:
            return self.kinds[index]
        found = self.kinds[index] = comment_furniture(self.lines[index].text)
        return found

    def end_of(self, start: int) -> int:
        if start in self.ends:
            return self.ends[start]
        lines, end = self.lines, start
        while end < len(lines) and end not in self.ends and link_shape(lines[end]) \
                and self.kind(end) is None:
            end += 1
        end = self.ends.get(end, end)
        for i in range(start, end):
            self.ends[i] = end
        self.ends[start] = end
        return end

    def sign(self, index: int) -> bool:
        known = self.signs.get(index)
        if known is None:
            known = self.signs[index] = thread_sign(self.lines[index])
        return known

    def __call__(self, start: int) -> bool:
        """At least ``run`` link-like lines from ``start`` on (fewer if the page ends first: at
        least two) and no sign of a thread in the ``window`` lines after them (a list inside a
        comment or its sign-off "Love, / Katri" is followed by a "Reply" or the next comment's
        date)."""
        last = len(self.lines)
        end = self.end_of(start)
        if end - start < min(self.run, max(2, last - start)):
            return False
        return not any(self.sign(i) for i in range(end, min(last, end + self.window)))


__all__ = ["AUTHOR_LINE", "COUNT_WORDS", "LINK_RUN", "LINK_WORDS", "PROSE_LINE_WORDS",
           "SIGN_WINDOW", "THREAD_AFTER_WORDS", "THREAD_SENTENCE_WORDS",
           "LinkRuns", "decoder_heads", "link_shape", "stamp_opener", "stamped", "thread_below",
           "thread_marks", "thread_opener", "thread_sentence", "thread_sign", "widget_heading"]
