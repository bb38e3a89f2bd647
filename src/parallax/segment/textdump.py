"""Segment plain-text dumps of web pages (what copy-paste or a naive scraper gives).

No existing tool does this: a dump has lost its markup, so we read its *shape*. The cues, each
seen in real aggregator and news-site dumps:

- a title line, often repeated (the page's <h1> and <title> both flattened), or the
  "title, blank line, body" convention;
- an outlet glued to a relative time ("Korvan Today4 hours ago"), a "time2 hours ago" line,
  a bullet outlet line ("  • Korvan Today");
- body paragraphs, one per line or separated by blank lines;
- teasers of other articles: a title line immediately repeated, then outlet/time lines and a
  paragraph; often under a "Related Articles" heading;
- furniture: app promos, donation appeals, empty comment boxes (see ``patterns``);
- reader comments: the lines after a donation appeal or a "Comments" heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from parallax.records import Boilerplate
from parallax.segment.dates import RELATIVE, parse_absolute
from parallax.segment.patterns import (
    COMMENTS_HEADING,
    RELATED_HEADING,
    boilerplate_kind,
    is_donation_appeal,
)

OUTLET_TIME = re.compile(
    r"^(?P<outlet>\S.*?)\s*(?P<time>(?:\d+|an?|one)\s+(?:minute|min|hour|day|week)s?\s+ago|"
    r"yesterday|just now)$", re.IGNORECASE)
TIME_ONLY = re.compile(r"^(?:time|updated|published)?\s*:?\s*(?P<time>(?:\d+|an?|one)\s+"
                       r"(?:minute|min|hour|day|week)s?\s+ago|yesterday|just now)$", re.IGNORECASE)
BULLET = re.compile(r"^[•·*]\s*(?P<outlet>\S.{0,60})$")
BYLINE = re.compile(r"^(?:by|von|автор:?)\s+(?P<author>[^\d].{1,80})$", re.IGNORECASE)
SENTENCE_END = (".", "!", "?", "…", "\"", "”", "“", "'", "»", ")", ":")


@dataclass(slots=True)
class Draft:
    role: str
    title: str = ""
    outlet: str | None = None
    published: str | None = None
    author: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    title_inferred: bool = False


@dataclass(slots=True)
class Segmented:
    articles: list[Draft]
    comments: list[str]
    boilerplate: list[Boilerplate]


def words(line: str) -> int:
    return len(line.split())


def title_like(line: str) -> bool:
    return 0 < words(line) <= 25 and len(line) <= 220 and not line.rstrip().endswith((".", ":"))


def paragraph_like(line: str) -> bool:
    return words(line) >= 12 or (words(line) >= 5 and line.rstrip().endswith(SENTENCE_END))


class _Lines:
    """Non-blank lines with a cursor, remembering which were followed by a blank line."""

    def __init__(self, text: str) -> None:
        raw = [ln.strip() for ln in text.splitlines()]
        self.items: list[str] = []
        self.blank_after: list[bool] = []
        for i, line in enumerate(raw):
            if line:
                self.items.append(line)
                self.blank_after.append(i + 1 < len(raw) and not raw[i + 1])
        self.pos = 0

    def peek(self, ahead: int = 0) -> str | None:
        i = self.pos + ahead
        return self.items[i] if i < len(self.items) else None

    def repeated_title(self, ahead: int = 0) -> bool:
        line, nxt = self.peek(ahead), self.peek(ahead + 1)
        return line is not None and line == nxt and title_like(line)


def _read_header(lines: _Lines, draft: Draft) -> None:
    """Consume outlet / time / byline lines that follow a title."""
    for _ in range(6):
        line = lines.peek()
        if line is None:
            return
        if line == draft.title:
            lines.pos += 1
        elif m := TIME_ONLY.match(line):
            draft.published = draft.published or m.group("time")
            lines.pos += 1
        elif m := OUTLET_TIME.match(line):
            draft.outlet = draft.outlet or m.group("outlet").strip()
            draft.published = draft.published or m.group("time")
            lines.pos += 1
        elif m := BULLET.match(line):
            draft.outlet = draft.outlet or m.group("outlet").strip()
            lines.pos += 1
        elif _dateline(line, draft):  # "Nordblick · 17.10.2026 · Von Jonas Rehbein"
            lines.pos += 1
        elif parse_absolute(line) and words(line) <= 6:
            draft.published = draft.published or line
            lines.pos += 1
        elif m := BYLINE.match(line):
            draft.author = draft.author or m.group("author").strip()
            lines.pos += 1
        elif draft.role == "related" and words(line) <= 5 and not paragraph_like(line) \
                and not lines.repeated_title() and not boilerplate_kind(line):
            draft.outlet = draft.outlet or line  # a bare outlet line in a teaser header
            lines.pos += 1
        else:
            return


def _dateline(line: str, draft: Draft) -> bool:
    parts = [p.strip() for p in re.split(r"\s[·|]\s", line) if p.strip()]
    if len(parts) < 2 or len(line) > 160 or not any(parse_absolute(p) for p in parts[1:]):
        return False
    draft.outlet = draft.outlet or parts[0]
    for part in parts[1:]:
        if parse_absolute(part):
            draft.published = draft.published or part
        elif m := BYLINE.match(part):
            draft.author = draft.author or m.group("author").split(",")[0].strip()
    return True


def _start_main(lines: _Lines, found: list[Boilerplate]) -> Draft:
    draft = Draft(role="main")
    while (line := lines.peek()) is not None and boilerplate_kind(line) and words(line) <= 6:
        found.append(Boilerplate(line, boilerplate_kind(line) or "other"))
        lines.pos += 1
    line = lines.peek()
    if line is not None and title_like(line) and (
            lines.repeated_title() or lines.blank_after[lines.pos]
            or OUTLET_TIME.match(lines.peek(1) or "") or TIME_ONLY.match(lines.peek(1) or "")):
        draft.title = line
        lines.pos += 1
    _read_header(lines, draft)
    return draft


def _trailing_short_run(lines: _Lines) -> bool:
    """True if the short line at the cursor starts a run of furniture, not a sub-heading."""
    for ahead in range(0, 4):
        line = lines.peek(ahead)
        if line is None:
            return True
        if RELATED_HEADING.match(line) or COMMENTS_HEADING.match(line) or boilerplate_kind(line):
            return True
        if lines.repeated_title(ahead):
            return True
        if paragraph_like(line):
            return False
    return True


def segment_text(text: str) -> Segmented:
    lines = _Lines(text)
    boilerplate: list[Boilerplate] = []
    comments: list[str] = []
    main = _start_main(lines, boilerplate)
    articles = [main]
    current: Draft | None = main
    mode = "body"  # body | comments | appeal
    while (line := lines.peek()) is not None:
        if lines.repeated_title() or (mode == "related" and title_like(line)
                                      and not boilerplate_kind(line)):
            current = Draft(role="related", title=line)
            articles.append(current)
            lines.pos += 1
            _read_header(lines, current)
            mode = "body"
            continue
        lines.pos += 1
        if RELATED_HEADING.match(line):
            boilerplate.append(Boilerplate(line, "related_heading"))
            current, mode = None, "related"
            continue
        if COMMENTS_HEADING.match(line):
            boilerplate.append(Boilerplate(line, "comments_heading"))
            current, mode = None, "comments"
            continue
        kind = boilerplate_kind(line)
        if mode == "appeal":
            nxt = lines.peek() or ""
            if (kind == "donation_appeal" or words(line) <= 3 or is_donation_appeal(line)
                    or (title_like(line) and is_donation_appeal(nxt))):
                boilerplate.append(Boilerplate(line, "donation_appeal"))
                continue
            mode = "comments"
        if kind:
            boilerplate.append(Boilerplate(line, kind))
            if kind == "donation_appeal":
                current, mode = None, "appeal"
            continue
        if mode == "comments":
            comments.append(line)
            continue
        if current is None:
            boilerplate.append(Boilerplate(line, "other"))
            continue
        if line == current.title:
            continue
        if not paragraph_like(line) and words(line) <= 8:
            lines.pos -= 1
            furniture = _trailing_short_run(lines)
            lines.pos += 1
            if furniture:
                boilerplate.append(Boilerplate(line, "other"))
                continue
        current.paragraphs.append(line)
    for draft in articles:
        if not draft.title and draft.paragraphs:
            draft.title = infer_title(draft.paragraphs[0])
            draft.title_inferred = True
    kept = [d for d in articles if d.paragraphs]
    return Segmented(kept, comments, boilerplate)


def infer_title(paragraph: str) -> str:
    """First sentence, cut to 16 words: a dump without a title still needs a readable label."""
    sentence = re.split(r"(?<=[.!?])\s+", paragraph, maxsplit=1)[0]
    tokens = sentence.split()
    return " ".join(tokens[:16]) + ("…" if len(tokens) > 16 else "")


__all__ = ["RELATIVE", "Draft", "Segmented", "segment_text"]
