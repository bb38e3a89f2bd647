"""A comment form under the article ends the line model's main text.

Why: on blogs the article is followed by "Leave a Reply" / "Post a Comment" and the form's
fields, then sidebars, blogrolls and "Recent posts" lists whose long lines (teasers with their
first sentence, an "About me" box) read as prose to the line model. Its main block ran on past
the form and the whole sidebar became article text (training sites, twenty-fifth session: a
celebrity news page's 626 teaser words after "Leave a Reply", a short blog post followed by
450 words of a political blog's sidebar after "Post a Comment"; docs/segmentation.md). A form
that invites the reader's own comment stands where the post's text has ended: what follows is
the thread, the sidebar or the footer, never more of the article. Nothing is decided for the
lines below: they leave the main block and the decoder reads them as the page's tail
(comments under their own signs, else furniture).
"""

from __future__ import annotations

import re
from itertools import compress, count

from parallax.segment.lines import Line
from parallax.segment.patterns import MARKUP_PREFIX

#: the lines that open a comment form (or say none can be posted); a subset of
#: ``patterns.COMMENT_FORM`` without its field labels ("Name", "Email", "Website" also label a
#: contact box or a directory entry) and without "Add a comment", which on one training site
#: stood above the article as a link
FORM_START = re.compile(
    r"^(leave a (comment|reply)|post a comment|write a comment|comments are closed|"
    r"the comments to this entry are closed|kommentar schreiben|"
    r"schreiben sie einen kommentar)\s*[.:!]?$", re.IGNORECASE)
#: main-text lines of prose above the form before it counts: a form under a headline (the
#: header's "Leave a comment" link) does not end an article that has not started
PROSE_ABOVE = 2
#: the fewest words of such a prose line
PROSE_WORDS = 8
#: the fewest characters of main text above the form: twice the default
#: ``min_article_chars``, so that what stays main is an article, not a low-confidence block
#: (a one-sentence image post's sidebar then became the "best block" on a training site)
CHARS_ABOVE = 400
#: a form line printed this many times is a list's link under each item (a columnist's index
#: with "Post a comment" under every column), not the form under one article
LIST_REPEATS = 3
#: the most words of a form line
FORM_WORDS = 8


def form_end(lines: list[Line], mask: list[bool]) -> int | None:
    """The first comment form (not a list's repeated link) that stands under ``PROSE_ABOVE``
    of ``mask``'s (the line model's main lines) prose lines and ``CHARS_ABOVE`` characters of
    main text, with main lines still below it; None when there is none. The caller ends the
    main text there."""
    hits = list(compress(count(), mask))
    if len(hits) <= PROSE_ABOVE:
        return None
    prose = chars = 0
    for i in hits:  # (the main text above the earliest place a form counts)
        line = lines[i]
        chars += len(line.text)
        if line.words >= PROSE_WORDS:
            prose += 1
        if prose >= PROSE_ABOVE and chars >= CHARS_ABOVE:
            start = i + 1
            break
    else:
        return None
    for j in range(start, hits[-1] + 1):  # (a form with main lines at or below it)
        line = lines[j]
        if line.words <= FORM_WORDS and line.repeated < LIST_REPEATS \
                and FORM_START.match(MARKUP_PREFIX.sub("", line.text).strip()):
            return j
    return None


def main_above(lines: list[Line], mask: list[bool], end: int) -> list[bool]:
    """``mask`` without its lines from the form at ``end`` on, nor the furniture phrases
    right above it (a share bar's "Facebook" between the last paragraph and the form)."""
    start = end
    while start > 0 and mask[start - 1] and lines[start - 1].phrase_kind is not None \
            and lines[start - 1].words <= FORM_WORDS:
        start -= 1
    return mask[:start] + [False] * (len(mask) - start)


__all__ = ["FORM_START", "form_end", "main_above"]
