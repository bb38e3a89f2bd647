"""The decoder's reading of a reader-comment thread: where a thread opens and what a comment
line is (its author and time lines). Why apart from ``decoder``: the walk over a dump's lines
is one concern, whether a heading or an author line starts a thread and how a comment is taken
is another, with state of its own (the thread's headings, its comments so far, whether a
comment form closed it); ``threads`` says where a thread stops being one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from parallax.segment.lines import Line
from parallax.segment.threads import PROSE_LINE_WORDS, THREAD_AFTER_WORDS

if TYPE_CHECKING:
    from parallax.segment.decoder import Draft, Segmented


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

    if TYPE_CHECKING:
        def peek(self, ahead: int = 0) -> Line | None: ...

        def take(self, where: str, kind: str | None = None) -> Line: ...

    def thread_follows(self, index: int, current: Draft) -> bool:
        """A counted or Markdown comments heading at ``index`` opens the thread only after
        some article text (``THREAD_AFTER_WORDS``), when no share/furniture line follows it
        ("- 2 Comments" under a byline, "Comments" in a share bar are links, not threads;
        chosen on the training sites' dumps), and, in a dump with blank lines between blocks,
        only as a block of its own (a hard-wrapped line can start "12 responses to ...")."""
        nxt = self.lines[index + 1] if index + 1 < len(self.lines) else None
        if self.blank_lines and not (  # a wrapped paragraph's line is no heading
                (nxt is None or self.lines[index].blank_after)
                and (index == 0 or self.lines[index - 1].blank_after)):
            return False
        return (nxt is None or nxt.phrase_kind is None) and sum(
            n for n in (len(p.split()) for p in current.paragraphs)
            if n >= PROSE_LINE_WORDS) >= THREAD_AFTER_WORDS

    def opens_thread(self, line: Line, current: Draft | None, mode: str) -> bool:
        """A counted comments heading or a thread's first author line at the cursor opens
        the thread (``thread_follows``), also when the heading is shown twice in a row (a tab
        and a heading: "15 comments" / "15 comments"), which would read as a teaser's title."""
        pos = self.pos
        return not self.thread_closed and line.words <= 30 and (
            pos in self.thread_heads or (pos == self.thread_open and mode != "comments")) \
            and (current is None or self.thread_follows(pos, current))

    def comment_line(self, line: Line) -> None:
        """Comments are one per line; a 'Name' line followed by a time line is the author."""
        nxt = self.peek(1)
        if (line.words <= 5 and not line.text.endswith((".", "!", "?")) and nxt is not None
                and nxt.meta in ("time", "date")):
            self.take("boilerplate", "comment_author")
            self.take("boilerplate", "metadata")
            self.pending_author = line.text
            return
        self.take("comment")
        self.thread_comments += 1
        self.out.comments.append(line.text)
        self.out.comment_authors.append(self.pending_author)
        self.pending_author = None
