"""The decoder's reading of a reader-comment thread: where a thread opens and what a comment
line is (its author and time lines). Why apart from ``decoder``: the walk over a dump's lines
is one concern, whether a heading or an author line starts a thread and how a comment is taken
is another, with state of its own (the thread's headings, its comments so far, whether a
comment form closed it); ``threads`` says where a thread stops being one.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from parallax.segment.comment_words import QUESTION_MARKS
from parallax.segment.lines import SENTENCE_END, Line, LineClassifier, paragraph_like, title_like
from parallax.segment.patterns import COUNTED_COMMENTS, MARKUP_PREFIX, count_line
from parallax.segment.scripts import script_of
from parallax.segment.threads import PROSE_LINE_WORDS, THREAD_AFTER_WORDS, LinkRuns, stamped

#: lines below a comments heading inside the line model's main block in which a thread shows
#: itself (a commenter's name and date, "Reply", "N comments")
HEADING_SIGN_REACH = 5
#: long lines of the line model's main block in a row under a comments heading, before any
#: sign of a thread, that show the article going on under a "Comments" link (``signed_below``)
PROSE_RUN = 3
#: lines from a comments heading to the headline of the article header beside it (above or
#: below: ``in_header``)
HEADER_REACH = 4
#: the fewest words of that headline (a reader's name has fewer)
HEADLINE_WORDS = 3
#: the most words of a line that signs a thread: a name, a date, "Reply" (an article's
#: sentence holding a year is no sign)
SIGN_WORDS = 16
#: a heading after too little article text opens the thread when this many short signed lines
#: lie within ``SHAPED_REACH`` lines below it: the thread's own rhythm (name, date, words)
SHAPED_SIGNS = 3
SHAPED_REACH = 12
SHAPED_SIGN_WORDS = 12
#: lines after a paragraph in another language than the article's within which an article
#: paragraph in its language shows the story runs on (``ThreadReading.article_goes_on``)
RESUME_REACH = 4
#: a heading that counts no comment ("0 Comments", "Comments (0)"): the lines under it are
#: the empty thread's notes and its form ("No comments yet", "Leave a comment")
EMPTY_COUNT = re.compile(r"(?<![\d.,])0(?![\d.,])")

#: a commenter's name line: at most ``AUTHOR_WORDS`` words of letters, digits, "_", "-", "'",
#: each word perhaps an initial ("M."), no sentence's punctuation
AUTHOR_WORDS = 3
AUTHOR_NAME = re.compile(rf"[^\W\d_][\w'’-]*\.?(?:\s+[\w'’-]+\.?){{0,{AUTHOR_WORDS - 1}}}")

#: with one block a line, no date, time or comment stamp (``threads.stamped``) this near a
#: "Name:" author line
RHYTHM_REACH = 3

#: what a short line ending in a colon says when it is a label, not a commenter's name
#: ("Quote:" above a quoted comment, "Update:", a form's "Email:"; "Zitat:", "Cytat:" …)
LABELS = frozenset("quote quoted update edit edited note ps re reply answer question q a "
                   "comment comments name email e-mail website url message "
                   "zitat antwort citation réponse cita respuesta citazione risposta cytat "
                   "odpowiedź".split())

if TYPE_CHECKING:
    from parallax.segment.decoder import Draft, Segmented


def counted(text: str) -> bool:
    """A heading that starts with the thread's count ("131 comments", "{ 7 comments... read
    them below }", "12 Responses to ..."): a thread's own line, not a link in a share bar."""
    return count_line(text) or COUNTED_COMMENTS.match(MARKUP_PREFIX.sub("", text).strip()) \
        is not None


class ThreadReading:
    """Mixed into ``decoder.Decoder``, whose cursor (``pos``, ``peek``, ``take``) it moves."""

    lines: list[Line]
    pos: int
    out: Segmented
    blank_lines: bool
    thread_heads: set[int]
    thread_open: int | None
    thread_closed: bool
    thread_comments: int
    pending_author: str | None
    link_run: LinkRuns
    main: list[bool]
    wanted: set[str] | None
    clf: LineClassifier
    page_language: str | None
    page_script: str | None
    aside: dict[int, str]
    first_main: int | None
    last_main: int | None

    if TYPE_CHECKING:
        def peek(self, ahead: int = 0) -> Line | None: ...

        def take(self, where: str, kind: str | None = None) -> Line: ...

    def thread_follows(self, index: int, current: Draft) -> bool:
        """A counted or Markdown comments heading at ``index`` opens the thread only after
        some article text (``THREAD_AFTER_WORDS``), when no share/furniture line follows it
        ("- 2 Comments" under a byline, "Comments" in a share bar are links, not threads;
        chosen on the training sites' dumps), and, in a dump with blank lines between blocks,
        only as a block of its own (a hard-wrapped line can start "12 responses to ...").
        Where the model's block runs on below it, a heading that is no count must be signed
        (``signed_below``); after too little article text, a thread's rhythm under it opens it
        (``thread_shaped``)."""
        nxt = self.lines[index + 1] if index + 1 < len(self.lines) else None
        if self.blank_lines and not (  # a wrapped paragraph's line is no heading
                (nxt is None or self.lines[index].blank_after)
                and (index == 0 or self.lines[index - 1].blank_after)):
            return False
        if nxt is not None and nxt.phrase_kind is not None:
            return False
        if self.in_header(index):  # (the link or count is furniture, in either pass)
            self.aside[index] = "comments_heading"
            return False
        if sum(n for n in (len(p.split()) for p in current.paragraphs)
               if n >= PROSE_LINE_WORDS) < THREAD_AFTER_WORDS:
            return self.thread_shaped(index, current)
        return index == self.thread_open or self.last_main is None \
            or index >= self.last_main or counted(self.lines[index].text) \
            or self.signed_below(index, HEADING_SIGN_REACH)

    def in_header(self, index: int) -> bool:
        """The comments heading at ``index`` is a link in an article's header: a headline of
        ``HEADLINE_WORDS`` or more with a byline or date under it, and the article's prose
        after. Either the article's own count under its header ("<headline>" / "<author>" /
        "<date>" / "12 Comments" / a paragraph, made up), the headline after furniture, no
        paragraph within two lines above it (a blog's "Posted by <name> at <time>" under its
        last paragraph has the thread's count under it too), or a menu's "Comments" link
        over the header ("Comments" /
        "<headline>" / "Written by <author>" / paragraphs, made up), ``PROSE_RUN`` prose
        lines following with no sign among them. A thread's heading has a reader's name or
        date under it and one comment, not an article's header and prose.
        Why: on training sites (a comic blog, a personal-finance blog) such a heading opened
        the thread, and the whole article became reader comments (article F1 0.0 and 0.04;
        twenty-third and twenty-fourth sessions, docs/segmentation.md)."""
        lines = self.lines
        for h in range(max(0, index - HEADER_REACH), index):
            if _headline(lines[h]) and not any(map(_prose, lines[max(0, h - 2):h])) and any(
                    self.link_run.sign(j) for j in range(h + 1, index)) and not any(
                    _prose(lines[j]) for j in range(h + 1, index)):
                return self._prose_below(index, 1)  # (A: the header's own count)
        h = index + 1
        while h < len(lines) and h <= index + HEADER_REACH and lines[h].phrase_kind is not None:
            h += 1
        if h >= len(lines) or not _headline(lines[h]) or self.link_run.sign(h):
            return False
        for s in range(h + 1, min(len(lines), h + 3)):
            if self.link_run.sign(s):  # (B: the header under a menu's link)
                return self._prose_below(s, PROSE_RUN)
        return False

    def _prose_below(self, index: int, run: int) -> bool:
        """``run`` prose lines below ``index`` (past share and furniture lines) before any
        thread sign (a short line: a sentence may hold a year or "I wrote"), the first of them
        within ``HEADER_REACH`` lines."""
        lines = self.lines
        found = 0
        for j in range(index + 1, min(len(lines), index + 1 + HEADER_REACH + 2 * run)):
            line = lines[j]
            if line.words <= SIGN_WORDS and (
                    self.link_run.sign(j) or self.link_run.kind(j) == "action"):
                return False
            if _prose(line):
                found += 1
                if found >= run:
                    return True
            elif not found and j > index + HEADER_REACH:
                return False
        return False

    def signed_below(self, index: int, reach: int) -> bool:
        """A thread's sign (``threads.thread_sign``) or control ("Sort by", "Expanded",
        "Reply": ``patterns.COMMENT_ACTION``) in the ``reach`` lines below ``index``.
        Why: a "Comments" link in a share bar, a paper's "Discussion" or a list article's
        "Comment" tip inside the model's main block opened a thread, and the rest of the story
        became reader comments (training sites, eighteenth session: news pages at F1 0.23-0.31,
        docs/segmentation.md)."""
        stop = min(len(self.lines), index + 1 + reach)
        prose = 0
        for j in range(index + 1, stop):
            line = self.lines[j]
            if line.words <= SIGN_WORDS and (
                    self.link_run.sign(j) or self.link_run.kind(j) == "action"):
                return True
            prose = prose + 1 if line.words >= PROSE_LINE_WORDS and self.main \
                and self.main[j] else 0
            if prose >= PROSE_RUN:
                return False  # the article goes on under a header's "Comments" link
        return False

    def thread_shaped(self, index: int, current: Draft) -> bool:
        """A heading after a short post (below the model's first main line; on the rules'
        pass, below some article text) with the rhythm of a thread under it: ``SHAPED_SIGNS``
        short signed lines (a name "says", a date, a "Reply") within ``SHAPED_REACH`` lines.
        Why: under a photo or a one-line post the 60-word rule left the whole thread in the
        article (made up: "41 Responses to ..." / "Ann says:" / "May 3, 2012 at 8:15 pm" /
        "Lovely!")."""
        if index <= self.first_main if self.first_main is not None else not current.paragraphs:
            return False  # (the header's count: no article above it yet)
        stop = min(len(self.lines), index + 1 + SHAPED_REACH)
        return EMPTY_COUNT.search(self.lines[index].text) is None and sum(
            1 for j in range(index + 1, stop)
            if self.lines[j].words <= SHAPED_SIGN_WORDS and self.link_run.sign(j)) >= SHAPED_SIGNS

    def author_block(self, line: Line, nxt: Line) -> bool:
        """A short name line ("Anna K.", "mike_77", also "Anna K.:") whose next line is a
        reader's sentence: the comment's author, not a comment of its own. In a dump with
        blank lines between blocks the name must start a block; with one block a line, the
        name must end in a colon ("Anna K.:") and the pair repeat (the pair two lines below
        or above is one too).
        Why: a thread pasted as "name / words" gave every name as a comment (made up: three
        French comments read as six). Why the colon and the rhythm with one block a line: a
        short line over a sentence there is as often a label, a salutation or a list's
        heading ("Author:", "Dear David:", "Related Posts:" on training pages, twentieth
        session), and without the colon a short comment ("Great post.") or a sidebar's
        teaser title alternating with blurbs; near a date or a comment stamp the thread
        names its writers in dated author lines, and a "<name>:" over a reply is the reader
        it answers (twenty-first session)."""
        pos = self.pos
        if self.blank_lines:
            if line.blank_after or (pos > 0 and not self.lines[pos - 1].blank_after):
                return False
            return _author_pair(line, nxt)
        lines = self.lines
        return line.text.rstrip().endswith(":") and _author_pair(line, nxt) and any(
            i >= 0 and i + 1 < len(lines) and _author_pair(lines[i], lines[i + 1])
            for i in (pos + 2, pos - 2)) and not any(
            lines[j].meta is not None or stamped(lines[j])
            for j in range(max(0, pos - RHYTHM_REACH), min(len(lines), pos + RHYTHM_REACH + 1)))

    def opens_thread(self, line: Line, current: Draft | None, mode: str) -> bool:
        """A counted comments heading or a thread's first author line at the cursor opens
        the thread (``thread_follows``), also when the heading is shown twice in a row (a tab
        and a heading: "15 comments" / "15 comments"), which would read as a teaser's title."""
        pos = self.pos
        return not self.thread_closed and line.words <= 30 and (
            pos in self.thread_heads or (pos == self.thread_open and mode != "comments")) \
            and (current is None or self.thread_follows(pos, current))

    def article_goes_on(self, line: Line, current: Draft) -> bool:
        """A paragraph in another script than the article's (Greek, Arabic, Cyrillic inside
        a Latin story) stays in the article where the story runs on after it: within
        ``RESUME_REACH`` lines a paragraph in the article's script and language, or a
        comments heading (the thread is below), follows, with no thread sign
        (``threads.thread_sign``: a date, an author line, "Reply") nor a thread's first
        author line from it to there. On the rules' pass the line model must want the line
        too; the model-guided pass reaches this test only below the model's block.
        Why: a translation piece or a multilingual outlet quotes whole paragraphs in other
        scripts (made up: an English report with a Greek and an Arabic delegate's words),
        and the language switch alone made them, and the rest of the story, reader comments.
        Why the script: language identification misreads short English lines, and a change
        of language within one script kept nav lines and form notes in the story."""
        language = self.page_language
        if self.main or language is None or not paragraph_like(line.text, line.words) \
                or (self.wanted is not None and line.text not in self.wanted):
            return False
        if self.page_script is None:
            self.page_script = script_of(" ".join(current.paragraphs[:3]))
        if script_of(line.text) == self.page_script:
            return False
        lines, heads = self.lines, self.thread_heads
        for j in range(self.pos, min(len(lines), self.pos + 1 + RESUME_REACH)):
            after = lines[j]
            if j > self.pos and (j in heads or after.heading == "comments"):
                return True  # the thread starts below: the lines above it are the story's
            if j == self.thread_open or self.link_run.sign(j):
                return False
            if j > self.pos and paragraph_like(after.text, after.words) \
                    and script_of(after.text) == self.page_script \
                    and self.clf.language(after.text, language) == language:
                return True
        return False

    def comment_line(self, line: Line) -> None:
        """Comments are one per line; a 'Name' line followed by a time line is the author, and
        so is a name heading its own block (``author_block``)."""
        nxt = self.peek(1)
        if (line.words <= 5 and not line.text.endswith((".", "!", "?")) and nxt is not None
                and nxt.meta in ("time", "date")):
            self.take("boilerplate", "comment_author")
            self.take("boilerplate", "metadata")
            self.pending_author = line.text
            return
        if self.pending_author is None and nxt is not None and self.author_block(line, nxt):
            self.take("boilerplate", "comment_author")
            self.pending_author = _name(line.text)
            return
        self.take("comment")
        self.thread_comments += 1
        self.out.comments.append(line.text)
        self.out.comment_authors.append(self.pending_author)
        self.pending_author = None


def _author_pair(line: Line, nxt: Line) -> bool:
    """``line`` reads as a commenter's name and ``nxt`` as the words under it."""
    if line.words > AUTHOR_WORDS:
        return False
    name = _name(line.text)
    if AUTHOR_NAME.fullmatch(name) is None or line.meta is not None \
            or (name != line.text.rstrip() and _label(name)):
        return False
    body = nxt.text.rstrip()
    sentence = body.endswith(SENTENCE_END + QUESTION_MARKS)
    # (a sentence starting "Por ..."/"By ..." may read as a byline)
    return nxt.phrase_kind is None and nxt.words >= 3 and (
        nxt.meta is None or (nxt.meta == "byline" and sentence and nxt.words >= 5)) and (
        nxt.words >= 8 or sentence)


def _headline(line: Line) -> bool:
    """A line that can be an article's headline: a title of ``HEADLINE_WORDS`` or more, not
    a paragraph nor a sentence (a post's closing question over its "Posted by <name> at
    <time>" line and the thread's heading is none: a training blog's 438 comments were lost
    to it in a first version), no date or author line, no furniture."""
    text = line.text
    return line.words >= HEADLINE_WORDS and line.meta is None and line.phrase_kind is None \
        and line.heading is None and not paragraph_like(text, line.words) \
        and title_like(text, line.words) and not text[:1].islower() \
        and ". " not in text and not text.rstrip().endswith(SENTENCE_END + QUESTION_MARKS)


def _prose(line: Line) -> bool:
    return line.words >= PROSE_LINE_WORDS and paragraph_like(line.text, line.words)


def _label(name: str) -> bool:
    """Whether a line that ends in a colon introduces words rather than names their writer:
    a label ("Quote:", "Zitat:") or a quote's header ("<name> wrote:", "Zitat von <name>:",
    made up), whose lower-case word no name holds. Why: such a header was given as the
    comment's author ("<name> wrote"), a wrong name where the line used to be a comment."""
    return name.lower() in LABELS or any(w.isalpha() and w.islower() for w in name.split()[1:])


def _name(text: str) -> str:
    """A name line without the colon a thread may write after it ("Anna K.:")."""
    text = text.rstrip()
    return text[:-1].rstrip() if text.endswith(":") else text
