"""How long a title may be, and where the rest of a longer one goes.

A headline is one line. Of the 6,051 first lines of the SemEval news dumps in ``../shared``
(title line, blank line, body), 25 run over 300 characters and none of them is a headline: each
is a lead paragraph the dump put in the title's place; the longest headlines found there are
about 250 characters (checked by eye, twenty-fifth session). A title longer than that is such
a paragraph or a hostile record's field, and shown whole it made an article page's heading
12,000 px tall on a phone and a story's outlet table row as long; read as the article's
language, 10,000 characters of one repeated word labelled an English article ``br``.

So a title over :data:`TITLE_MAX_CHARS` is cut at a word boundary with an ellipsis, and its
whole text opens the article's text as its first paragraph (unless the text already opens with
it), so nothing is lost and search still finds it. A note says so, and :func:`language_sample`
leaves that paragraph out: the article's language is read from its own text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markupsafe import Markup, escape

#: longest title kept whole, in characters
TITLE_MAX_CHARS = 300
#: the note an article with a cut title carries (the web page shows it)
TITLE_NOTE = "title: "
_ELLIPSIS = "…"


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def shown(title: str) -> str:
    """A title as a page shows it: one over the cap cut at a word boundary with an ellipsis.
    Also applied where titles are displayed, because titles stored before the cap (twenty-fifth
    session) are whole in the store, and ``stories --rebuild`` does not read pages again."""
    whole = title.strip()
    if len(whole) <= TITLE_MAX_CHARS:
        return title
    cut = whole[:TITLE_MAX_CHARS - len(_ELLIPSIS) + 1]
    space = max(cut.rfind(" "), cut.rfind("\n"), cut.rfind("\t"))
    # at a word boundary not too far back, else within the word
    cut = cut[:space] if space >= TITLE_MAX_CHARS // 2 else cut[:-1]
    return cut.rstrip() + _ELLIPSIS


def cap_title(title: str, paragraphs: Sequence[str]) -> tuple[str, list[str], str | None]:
    """(title to show, paragraphs, note or None). A title within the cap comes back as given."""
    whole = title.strip()
    if len(whole) <= TITLE_MAX_CHARS:
        return title, list(paragraphs), None
    rest = list(paragraphs)
    if not rest or not _same(rest[0], whole):
        rest.insert(0, " ".join(whole.split()))  # one paragraph, as a title is one line
    note = (f"{TITLE_NOTE}{len(whole):,} characters, longer than a headline "
            f"({TITLE_MAX_CHARS:,}): shown cut, and whole as the text's first paragraph")
    return shown(whole), rest, note


def title_was_cut(notes: Sequence[str]) -> bool:
    """Whether :func:`cap_title` cut the article's title (its note is among ``notes``)."""
    return any(note.startswith(TITLE_NOTE) for note in notes)


def headline(title: str, notes: Sequence[str]) -> str:
    """The title an analyser reads beside the text: none when it was cut. A cut title is a lead
    paragraph or a record's junk, not a headline, and its whole text is already the text's
    first paragraph; read as the title too, its first 300 characters counted twice (a Ukraine
    cue in it made two, enough for the war's narratives) and every name in them was "in the
    title" for the role gate. So it is read once, as text, like any first paragraph."""
    return "" if title_was_cut(notes) else title


def without_moved_title(text: str, notes: Sequence[str]) -> str:
    """The text without the whole title :func:`cap_title` put in front of it (the text as
    given when no title was cut, or when nothing else is left)."""
    if not title_was_cut(notes):
        return text
    _, _, rest = text.partition("\n\n")
    return rest if rest.strip() else text


def language_sample(title: str, text: str, notes: Sequence[str]) -> str:
    """What an article's language is read from: its title and text, but without a title that
    was cut (:func:`cap_title`), neither the cut one nor the whole one opening the text."""
    return without_moved_title(text, notes) if title_was_cut(notes) else f"{title}\n{text}"


#: a word longer than this (characters) is a run-away one: an address, a hash, a hostile
#: field; German compounds in headlines stay under it ("Verkehrsinfrastrukturfinanzierungs-
#: gesellschaft" is 46)
RUNAWAY_WORD = 50
#: such a word gets a break opportunity after each stretch of this many characters
BREAK_EVERY = 25
_RUNAWAY = re.compile(rf"\S{{{RUNAWAY_WORD + 1},}}")


def breakable(value: object) -> object:
    """A title escaped, with a line-break opportunity (``<wbr>``) every :data:`BREAK_EVERY`
    characters inside a word over :data:`RUNAWAY_WORD` characters: a 300-character title
    without a space made a story's outlet table 3,242 px wide in a 390 px window (helper
    N11; the eighteenth and twenty-fourth sessions' left item), 645 px now (480 with an
    ordinary title). ``overflow-wrap: anywhere`` on the table broke ordinary words mid-word
    too (the demo story's voices table 6,240 -> 13,900 px tall); here only run-away words
    break. Other titles, Markup and non-text come back as they are."""
    if not isinstance(value, str) or isinstance(value, Markup) or not _RUNAWAY.search(value):
        return value
    out, at = [], 0
    for run in _RUNAWAY.finditer(value):
        out.append(escape(value[at:run.start()]))
        word = run.group()
        out.append(Markup("<wbr>").join(escape(word[i:i + BREAK_EVERY])
                                        for i in range(0, len(word), BREAK_EVERY)))
        at = run.end()
    out.append(escape(value[at:]))
    return Markup("").join(out)
