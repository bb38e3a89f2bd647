"""A second report on one page: its own headline and byline or date line, then its text.

Why a module of its own: a local news page or a blog's front page stacks several reports,
each "headline / By <name> | <date> / paragraphs". The decoder read the second headline as a
sub-heading and glued the second report into the first one's body, so the stored article
mixed two stories (and the second byline stayed in the text). A headline with a byline under
it is no proof alone: on real pages that header is mostly the page's *own* article's, under
a teaser or a lead-in the line model took as main text (a rule on that shape alone cost
article F1 -0.008 on the training sites; docs/segmentation.md, twentieth session). What tells
a second report is that the first one has a header of its own and the new header names
another author or another date: the same page's header repeated names the same ones.
"""

from __future__ import annotations

import re

from parallax.segment.dates import parse_absolute
from parallax.segment.header import read_meta
from parallax.segment.lines import Line, paragraph_like, title_like
from parallax.segment.threads import AUTHOR_LINE, stamped

#: the metadata lines that make a headline a report's: a byline or a date (a bare time
#: "16:40" or an outlet line is a teaser's or a live entry's, never proof of a new report)
REPORT_META = frozenset({"byline", "byline_role", "dateline", "date"})
#: a report's headline has at least this many words: a reader's name line ("Ann Vale") over
#: a date and a comment has the report's shape
HEADLINE_WORDS = 4
#: the first report's text before a second one may start (a lead-in of a few words is no
#: report of its own)
FIRST_WORDS = 30
#: a heading that opens the article's own later section, dated as it was added ("Update: <what
#: changed>" / "March 3, 2026", made up): the same report, not another one
OWN_SECTION = re.compile(r"^\W*(?:updated?|updates|correction|clarification|editor['’]s note|"
                         r"aktualisier\w*|nachtrag|korrektur|mise à jour|rectificatif|"
                         r"actualizaci[oó]n|correcci[oó]n|обновлен\w*|поправка)\b", re.IGNORECASE)


#: a paragraph may end in a quotation mark after its full stop; a headline never does
QUOTED_END = ('."', '.”', '.’', ".'", '.»')


def prose(line: Line) -> bool:
    """A report's paragraph: a sentence that does not read as a headline (a linked title
    "Will the mines be sold?" or a numbered "<long title> (<date>)" in an archive list is
    none, whatever its length)."""
    return line.meta is None and not line.phrase_kind \
        and paragraph_like(line.text, line.words) and (
            not title_like(line.text, line.words) or line.text.rstrip().endswith(QUOTED_END))


def report_heads(lines: list[Line]) -> dict[int, int]:
    """Each line that may open another report (a headline, then one or two ``REPORT_META``
    lines, then two paragraphs), with the index of its first paragraph. Why two: an index of
    articles, each a title, a byline and one teaser sentence, has the same header; its
    items are one paragraph long. Only the page's few metadata lines are looked at."""
    heads: dict[int, int] = {}
    size = len(lines)
    for j, line in enumerate(lines):
        if line.meta not in REPORT_META or j == 0:
            continue
        head = j - 1
        if lines[head].meta in REPORT_META and head > 0:
            head -= 1  # "By <name>" and "<date>" on lines of their own
        first = lines[head]
        if first.meta is not None or first.phrase_kind or first.heading \
                or first.words < HEADLINE_WORDS or not title_like(first.text, first.words) \
                or head in heads or OWN_SECTION.match(first.text):
            continue
        at = j + 1
        if at < size and lines[at].meta in REPORT_META:
            at += 1
        if any(AUTHOR_LINE.search(x.text) or stamped(x) for x in lines[head + 1:at]):
            continue  # a reader's signature ("Posted by: <name> | <date> at 4:45 pm")
        if at + 1 < size and prose(lines[at]) and prose(lines[at + 1]):
            heads[head] = at
    return heads


class MetaOf:
    """The author, date and outlet one report's header lines give (``header.read_meta``)."""

    __slots__ = ("author", "outlet", "published")

    def __init__(self, lines: list[Line]) -> None:
        self.author: str | None = None
        self.outlet: str | None = None
        self.published: str | None = None
        for line in lines:
            read_meta(line, self)


def another_report(header: list[Line], author: str | None, published: str | None,
                   body_words: int) -> MetaOf | None:
    """The new report's header fields when ``header`` (its metadata lines) names another
    author or another date than the current report's own header did, after at least
    ``FIRST_WORDS`` words of its text; else None (a sub-heading with the page's byline
    repeated, or a first report with no header to compare with)."""
    if body_words < FIRST_WORDS or not (author or published):
        return None
    meta = MetaOf(header)
    if (author and meta.author and _name(meta.author) != _name(author)) or (
            published and meta.published
            and (parse_absolute(meta.published) or meta.published)
            != (parse_absolute(published) or published)):
        return meta
    return None


def _name(author: str) -> str:
    """An author's name as compared: "By Ann Lee." under a sub-heading is the page's own
    "Ann Lee" repeated."""
    return "".join(c for c in author.casefold() if c.isalnum())


__all__ = ["FIRST_WORDS", "HEADLINE_WORDS", "REPORT_META", "MetaOf", "another_report",
           "report_heads"]
