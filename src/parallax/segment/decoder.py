"""The structural decoder of a text dump: one walk over its lines, each put in one place.

No existing tool does this: a dump has lost its markup, so we read its *shape*. The decoder
walks the lines once — header (logo, title, outlet/time lines) → article body → tail (teasers,
comments, furniture) — and asks the tunable ``LineClassifier`` (``lines.py``) whenever a line is
doubtful: is this short line a sub-heading or furniture? is this line after the article a reader
comment or boilerplate? Every non-blank input line ends in exactly one place, recorded in
``Segmented.trace`` (title, metadata, body, teaser, comment or boilerplate), which the property
tests check. Why a module of its own: the walk is one concern (the cursor, the header, body and
tail decisions); which walk to trust — the rules' or the one guided by the line model — is
another, decided in ``textdump.py``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import compress, count
from operator import attrgetter, eq

from parallax.records import Boilerplate
from parallax.segment.agreement import AGREE_PRECISION, Disagrees, cannot_agree, words
from parallax.segment.comment_words import comment_note, footer_link
from parallax.segment.decoder_threads import ThreadReading
from parallax.segment.entries import gallery_rest, page_marks
from parallax.segment.header import headline_after_menu, plan_header, read_meta, zone_of
from parallax.segment.headline import untitled_headline
from parallax.segment.lines import Line, LineClassifier, paragraph_like, title_like
from parallax.segment.outlet import confirmed
from parallax.segment.patterns import is_donation_appeal
from parallax.segment.threads import (
    LINK_WORDS,
    LinkRuns,
    thread_marks,
    thread_sentence,
    widget_heading,
)
from parallax.segment.wire import wire_dateline

# furniture that comes in multi-line blocks (a newsletter box, a paywall notice)
BLOCK_KINDS = frozenset({"newsletter", "promo", "paywall", "donation_appeal", "app_download",
                         "media_contact", "footer", "cookie_notice"})


@dataclass(slots=True)
class Draft:
    role: str
    title: str = ""
    outlet: str | None = None
    published: str | None = None
    author: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: the header's outlet when the page did not bear it out (kept for ingest/outlets.py)
    outlet_hint: str | None = None


@dataclass(slots=True)
class Segmented:
    articles: list[Draft]
    comments: list[str]
    boilerplate: list[Boilerplate]
    comment_authors: list[str | None] = field(default_factory=list)
    trace: list[tuple[str, str]] = field(default_factory=list)
    #: main-text lines by the line model (empty without one): the fallback of a page whose
    #: decoded body is too short, and what ``low_confidence`` returns
    model_main: list[str] = field(default_factory=list)


class Decoder(ThreadReading):
    def __init__(self, lines: list[Line], classifier: LineClassifier,
                 main: list[bool] | None = None,
                 thread_heads: tuple[set[int], int | None] | None = None,
                 model_main: list[str] | None = None,
                 sizes: dict[str, int] | None = None,
                 aside: dict[int, str] | None = None, form_end: int | None = None) -> None:
        self.lines = lines
        # the comment form that ended the model's main text (``formend.py``): read as the
        # form, not as a comments heading; no line below it is a comment or the article's
        # (on training sites the threads stand above it: 3 of 25,061 comment 4-grams below)
        self.form_end = form_end
        # the rules' pass: the line model's main text, to stop as soon as the result
        # provably fails ``segment_text``'s agreement test (``Disagrees``); ``sizes``: each
        # line text's words (``Line.words`` is ``len(text.split())``)
        self.model_main = model_main
        self.sizes = sizes or {}
        self.wanted = set(model_main) if model_main is not None else None
        self.wanted_words = words(Counter(model_main or ()), self.sizes)
        self.unwanted_words = 0  # words of the body's lines the model does not want at all
        self.pos = 0
        self.clf = classifier
        self.out = Segmented([], [], [])
        self.page_language: str | None = None
        self.page_script: str | None = None
        self.pending_author: str | None = None
        self.thread_comments = 0  # comments taken since the last comments heading
        self.thread_closed = False  # a comment form ended a thread
        self.link_run = LinkRuns(lines)  # where a thread turns into a link list
        self.blank_lines = any(map(attrgetter("blank_after"), lines))
        # the page's comment-thread headings and, for a thread with no heading, its first
        # author line (read as the thread's); ``segment_text`` finds them once for both passes
        self.thread_heads, self.thread_open = thread_marks(lines) \
            if thread_heads is None else thread_heads
        # a gallery's counters, a live blog's time stamps (and its "Updated <time> — by
        # <names>" line made metadata): their boilerplate kinds (entries.py); ``segment_text``
        # finds them once for both passes
        self.aside = page_marks(lines) if aside is None else aside
        if main and (rest := gallery_rest(lines, self.aside, main)):
            main = list(main)  # (the caller's mask stays as the model gave it)
            for i in rest:
                main[i] = True
        self.main = main or []
        texts = [line.text for line in lines]
        hits = list(compress(count(), self.main))
        self.first_main = hits[0] if hits else None
        self.last_main = hits[-1] if hits else None
        if form_end is not None and hits:  # (up to the form: body or furniture, as before)
            self.last_main = form_end - 1
        self.out.model_main = list(compress(texts, self.main))
        # asked ~270 times a real page, at ~180 places: answered once per line
        # (the text comparison first, at C speed: few lines equal the next one)
        self.repeats = list(map(eq, texts, texts[1:]))
        for i in list(compress(count(), self.repeats)):
            line = lines[i]
            self.repeats[i] = line.meta is None and title_like(line.text, line.words)

    def skip_to_article(self) -> None:
        """Take the page's leading furniture (menus, sign-in, section lists) as boilerplate when
        the header zone cannot reach the article the line model found: the zone starts at the
        headline above it (with the byline/date/share lines between them)."""
        if self.first_main is None:
            return
        start = self.first_main
        if len(zone_of(self.lines, 0, self.clf)) >= start:
            return  # the rules' header zone already covers everything before the article
        for _ in range(5):
            prev = self.lines[start - 1] if start > 0 else None
            if prev is None or not (prev.meta or prev.phrase_kind):
                break
            start -= 1
        if start > 0 and title_like(self.lines[start - 1].text, self.lines[start - 1].words) \
                and not self.lines[start - 1].phrase_kind:
            start -= 1  # the headline
        # ``take`` for each of them (~30 lines a real page), in one loop
        trace, boilerplate = self.out.trace, self.out.boilerplate
        for line in self.lines[self.pos:start]:
            trace.append((line.text, "boilerplate"))
            boilerplate.append(Boilerplate(line.text, line.phrase_kind or "navigation"))
        self.pos = max(self.pos, start)

    # -- cursor helpers -------------------------------------------------------------------
    def peek(self, ahead: int = 0) -> Line | None:
        i = self.pos + ahead
        return self.lines[i] if i < len(self.lines) else None

    def repeated_title(self, ahead: int = 0) -> bool:
        """The line at the cursor (+ ``ahead``) is a title-like line the next one repeats."""
        i = self.pos + ahead
        return i < len(self.repeats) and self.repeats[i]

    def take(self, where: str, kind: str | None = None) -> Line:
        line = self.lines[self.pos]
        self.pos += 1
        self.out.trace.append((line.text, where))
        if where == "boilerplate":
            self.out.boilerplate.append(Boilerplate(line.text, kind or "other"))
        return line

    # -- header ---------------------------------------------------------------------------
    def header(self, draft: Draft) -> None:
        """Consume outlet / time / byline lines (and title repeats) after a title."""
        for _ in range(8):
            line = self.peek()
            if line is None:
                return
            text = line.text
            if text == draft.title and draft.title:
                self.take("boilerplate", "repeated_title")
                continue
            if line.meta is None and not (
                    draft.role == "related" and line.words <= 5
                    and not paragraph_like(text, line.words)
                    and not self.repeated_title() and line.phrase_kind is None
                    and line.heading is None and draft.outlet is None):
                return
            if line.meta is not None:
                read_meta(line, draft)
            else:  # a bare outlet line in a teaser header
                draft.outlet = draft.outlet or text
            self.take("boilerplate", "metadata")

    def start_main(self) -> Draft:
        draft = Draft(role="main")
        self.read_header(draft)
        return draft

    def read_header(self, draft: Draft) -> None:
        """The header zone from the cursor (``header.plan_header``), its fields into
        ``draft``, its lines taken by their roles."""
        zone = zone_of(self.lines, self.pos, self.clf)
        plan = plan_header(zone, self.clf, live="metadata" in self.aside.values())
        draft.title, draft.outlet = plan.title, plan.outlet
        draft.author, draft.published = plan.author, plan.published
        for line, role in zip(zone, plan.roles, strict=False):
            if role == "title":
                self.take("title")
            elif role == "repeat":
                self.take("boilerplate", "repeated_title")
            elif role in ("meta", "site", "kicker"):
                self.take("boilerplate", "metadata")
            elif role == "furniture":
                self.take("boilerplate", line.phrase_kind)
            elif role == "navigation":
                self.take("boilerplate", "navigation")
            else:
                self.take("boilerplate", "other")
        self.header(draft)

    def title_untitled(self, main: Draft) -> None:
        """The headline the page bears out for a main article the header rules left untitled
        (``headline.untitled_headline``); one the body had taken as its first line moves to the
        title, in the trace too."""
        trace = self.out.trace
        title, promoted = untitled_headline(main.paragraphs, self.lines,
                                            bool(trace) and trace[0][1] == "body")
        if promoted:
            first = main.paragraphs[0]
            at = next((i for i, (text, where) in enumerate(trace)
                       if where == "body" and text == first), None)
            if at is None:
                return  # (every body line is traced as body; never leave a line untraced)
            main.paragraphs.pop(0)
            trace[at] = (first, "title")
        main.title = title

    # -- body -----------------------------------------------------------------------------
    def furniture_run_follows(self) -> bool:
        """True if the short line at the cursor starts trailing furniture, not a sub-heading."""
        lines, repeats = self.lines, self.repeats
        for i in range(self.pos, self.pos + 4):
            if i >= len(lines):
                return True
            line = lines[i]
            if line.heading or line.phrase_kind or (i < len(repeats) and repeats[i]):
                return True
            if paragraph_like(line.text, line.words):
                return False
        return True

    def sandwiched(self, line: Line) -> bool:
        """A plain line between two furniture lines is part of that furniture block
        (a newsletter box's blurb, a promo's sentence)."""
        if line.words > 25 or not self.out.trace or self.out.trace[-1][1] != "boilerplate":
            return False
        last = self.out.boilerplate[-1].kind if self.out.boilerplate else ""
        nxt = self.peek(1)
        return last in BLOCK_KINDS and nxt is not None \
            and nxt.phrase_kind is not None and self.clf.furniture(nxt, tail=True) > 0

    def body_ended_by_language(self, line: Line, current: Draft) -> bool:
        if current.role != "main" or len(current.paragraphs) < 2:
            return False
        if self.page_language is None:
            self.page_language = self.clf.page_language(" ".join(current.paragraphs[:3]))
        return self.clf.is_comment(line, page_language=self.page_language, after_marker=False) \
            and not self.article_goes_on(line, current)

    def sure_sentence(self, line: Line, current: Draft | None) -> bool:
        """A long article sentence that merely contains a furniture word ("contribution",
        "copyright") stays in the body when the line model puts it there."""
        return (current is not None and current.role == "main" and bool(self.main)
                and self.main[self.pos] and line.words >= 20
                and paragraph_like(line.text, line.words))

    def model_says(self, current: Draft) -> str | None:
        """The line model's verdict on a main-article line the rules would keep: 'end' after
        the last main line (the tail starts), 'drop' for a sure miss inside the article."""
        if current.role != "main" or self.last_main is None:
            return None
        index = self.pos
        if self.main[index]:
            return "keep"
        return "end" if index > self.last_main else "drop"

    def run(self) -> Segmented:
        self.skip_to_article()
        main = self.start_main()
        articles = [main]
        current: Draft | None = main
        mode = "body"  # body | related | comments | appeal | tail | over (a thread ended)
        # the cursor helpers (peek, repeated_title) inlined: ~200 lines a page pass here
        lines, repeats, trace = self.lines, self.repeats, self.out.trace
        while self.pos < len(lines):
            if current is not main and self.model_main is not None:
                self.check_agreement(main)  # the body is complete: no line returns to it
            line = lines[self.pos]
            text = line.text
            if self.main and current is main and self.last_main is not None \
                    and self.pos <= self.last_main:
                # up to the model's last main line, a heading or appeal in a menu or sidebar
                # does not end the article: each line is body or furniture (taken in one
                # loop: most of a page's lines on the model-guided pass)
                boilerplate = self.out.boilerplate
                stop = self.last_main + 1
                heads, opener, keep = self.thread_heads, self.thread_open, self.main
                aside = self.aside
                body = main.paragraphs
                for i in range(self.pos, stop):
                    line = lines[i]
                    if line.words <= 30 and (line.heading == "comments" or i in heads
                                             or i == opener) \
                            and self.thread_follows(i, main):
                        # a comments heading after some article text: the model's main
                        # block ran on into the thread (read below as comments)
                        stop = i
                        break
                    text = line.text
                    if keep[i] and i not in aside:
                        body.append(text)
                        trace.append((text, "body"))
                    else:
                        trace.append((text, "boilerplate"))
                        boilerplate.append(Boilerplate(
                            text, line.phrase_kind or line.heading or aside.get(i, "other")))
                self.pos = stop
                if stop <= self.last_main:  # the thread's heading
                    if stop != self.thread_open:  # (an opening author line is the thread's)
                        self.take("boilerplate", "comments_heading")
                    current, mode = None, "comments"
                    self.thread_comments = 0
                continue
            if self.pos == self.form_end:  # (the rest: sidebars and footer, no thread)
                self.take("boilerplate", "comment_form")
                while self.pos < len(lines):
                    self.take("boilerplate", lines[self.pos].phrase_kind or "other")
                break
            # a comments heading or a thread's first author line (asked once per line)
            opens = (self.pos in self.thread_heads or self.pos == self.thread_open) \
                and self.opens_thread(line, current, mode)
            if ((self.pos < len(repeats) and repeats[self.pos]) or (
                    mode == "related" and title_like(text, line.words)
                    and line.phrase_kind is None and line.meta is None)) and not opens:
                current = Draft(role="related", title=text)
                articles.append(current)
                self.take("related_title")
                self.header(current)
                mode = "body"
                continue
            if line.heading == "related":
                self.take("boilerplate", "related_heading")
                current, mode = None, "related"
                continue
            if (line.heading == "comments" and not self.thread_closed) or opens:
                if self.pos == self.thread_open:
                    current, mode = None, "comments"  # the author line is read below
                    self.thread_comments = 0
                    continue
                self.take("boilerplate", "comments_heading")
                current, mode = None, "comments"
                self.thread_comments = 0
                continue
            if mode == "appeal":
                nxt = self.peek(1)
                if (line.phrase_kind == "donation_appeal" or line.words <= 3
                        or is_donation_appeal(text)
                        or (title_like(text, line.words) and nxt is not None
                            and is_donation_appeal(nxt.text))):
                    self.take("boilerplate", "donation_appeal")
                    continue
                mode = "comments"
            if mode == "contact":  # everything after "Media contact:" / "About X" is furniture
                self.take("boilerplate", "media_contact")
                continue
            if line.phrase_kind and self.clf.furniture(line, tail=current is None) > 0 \
                    and not self.sure_sentence(line, current) \
                    and not (mode == "comments" and thread_sentence(line)):
                self.take("boilerplate", line.phrase_kind)
                if line.phrase_kind == "donation_appeal":
                    current, mode = None, "appeal"
                elif mode == "comments" and line.words <= 8 and footer_link(text):
                    mode = "over"  # the site's footer: no reader writes below it
                elif line.phrase_kind == "media_contact" and current is not None \
                        and current.role == "main" and current.paragraphs:
                    current, mode = None, "contact"
                continue
            if trace and trace[-1][1] == "boilerplate" and self.out.boilerplate \
                    and self.out.boilerplate[-1].kind in BLOCK_KINDS and self.sandwiched(line):
                # (sandwiched's own first tests, asked here: ~60 lines a page come by)
                self.take("boilerplate", "other")
                continue
            if mode == "comments":
                kind = self.link_run.kind(self.pos) if line.words <= 8 else (
                    "note" if comment_note(text) else None)
                if kind is None and line.words <= LINK_WORDS and (
                        self.link_run(self.pos) or widget_heading(text)):
                    # a list of links, not a conversation: the thread is over, and what follows
                    # is the page's tail (no reader writes below a sidebar; py3langid there
                    # read menus as comments and cost 2 % of a dump's time)
                    mode = "over"
                    self.take("boilerplate", "other")
                    continue
                if kind is None:
                    self.comment_line(line)
                    continue
                self.take("boilerplate", f"comment_{kind}")
                if kind == "form" and self.thread_comments:
                    # the form after the thread: what follows is the footer, and a later
                    # "Comment(s)" is the form's field or a feed link, not another thread
                    mode, self.thread_closed = "tail", True
                continue
            if current is None:
                after_marker = mode in ("comments", "appeal")
                # with no marker only the language can make a line a comment: a reader's
                # comment is a sentence, a menu or footer line is not (and langid, ~0.1 ms a
                # line, misreads short English link text as French or Pidgin)
                if mode not in ("related", "over") \
                        and (after_marker or paragraph_like(text, line.words)) \
                        and self.clf.is_comment(line, page_language=self.page_language,
                                                after_marker=after_marker):
                    self.comment_line(line)
                else:
                    self.take("boilerplate", "other")
                continue
            if current.role == "main" and self.body_ended_by_language(line, current):
                current, mode = None, "comments"
                self.comment_line(line)
                continue
            verdict = self.model_says(current)
            if verdict == "end":  # the article is over: this line is read as tail
                current, mode = None, "tail"
                continue
            if verdict == "drop":
                self.take("boilerplate", line.phrase_kind or "other")
                continue
            if verdict is None and not paragraph_like(text, line.words) and line.words <= 8 \
                    and self.furniture_run_follows() and self.clf.furniture(line, tail=True) > 0:
                self.take("boilerplate", "other")
                continue
            if verdict is None and current is main and not main.paragraphs \
                    and not main.title and trace and trace[-1][1] == "boilerplate" \
                    and (at := headline_after_menu(lines, self.pos)) is not None \
                    and all(where != "title" for _, where in trace):  # (none checked out)
                while self.pos < at:  # a long menu's last items, then its headline
                    self.take("boilerplate", "navigation")
                self.read_header(main)
                if self.pos == at:  # (a zone that took no line: the headline is body, as
                    main.paragraphs.append(lines[at].text)  # before, never asked again)
                    self.take("body")
                continue
            if self.pos in self.aside:
                self.take("boilerplate", self.aside[self.pos])
                continue
            current.paragraphs.append(text)
            self.take("body" if current.role == "main" else "related_body")
            if current is main and self.wanted is not None and text not in self.wanted:
                self.unwanted_words += line.words
                self.check_precision()
        if not main.title:
            self.title_untitled(main)
        hint, main.outlet = main.outlet, confirmed(main.outlet, self.lines)  # (outlet.py)
        main.outlet_hint = hint if main.outlet is None else None  # right or absent
        if main.paragraphs:
            wire_dateline(main.paragraphs[0], main)
        self.out.articles = [d for d in articles if d.paragraphs]
        for draft in articles:
            if not draft.paragraphs and draft.title:  # a title with no text: keep the line
                self.out.boilerplate.append(Boilerplate(draft.title, "orphan_title"))
        return self.out

    def check_precision(self) -> None:
        """Raise ``Disagrees`` as soon as the body's lines the model does not want make the
        agreement's precision test fail even if the body ends up holding all the model's
        main text. Why exact: such a line never counts as shared, the shared words are at
        most ``wanted_words``, and ``both < P * (both + unwanted)`` holds for every ``both``
        up to ``wanted_words`` once it holds there. Why: a discarded rules' pass otherwise runs
        to the article's end, asking the language of its body lines; 43 of the benchmark's
        211 rules passes are proved lost this way, most at a tenth of their lines."""
        if self.wanted_words < AGREE_PRECISION * (self.wanted_words + self.unwanted_words):
            self.wanted = None
            raise Disagrees

    def check_agreement(self, main: Draft) -> None:
        """Raise ``Disagrees`` when the rules' result cannot pass ``segment_text``'s
        agreement test whatever the rest of the page gives (``agreement.cannot_agree``);
        asked once, when the main article has ended (its body is then final). Why: on about
        a third of the real dumps the rules' pass is thrown away after running to the end
        (~10 % of a dump's time, language identification of tail lines included)."""
        model_main, self.model_main, self.wanted = self.model_main, None, None
        if cannot_agree(main.paragraphs, model_main or [], self.out.trace,
                        self.lines[self.pos:], self.sizes):
            raise Disagrees


__all__ = ["Decoder", "Draft", "Segmented"]
