"""Which line can be a headline, and which headline a page's own words bear out.

Why its own module: the header rules (``header.py``) choose a title among a dump's top lines,
the decoder (``decoder.py``) reads the article's body, and the HTML path (``htmlpage.py``)
checks trafilatura's title; all three ask the same questions of a candidate headline — is it
page chrome, a byline, a tag list? does the page's first line (its ``<title>``) or the
article's lead bear it out? — and must answer them alike (docs/segmentation.md, "Titles").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from parallax.segment.cjk import content_bigrams, paired_chars, word_count
from parallax.segment.dates import date_span
from parallax.segment.lines import DATE_PREFIX, Line, paragraph_like, title_like

#: a page's chrome, never its headline: previous/next links ("« Older post | Main | Newer
#: post »", "Previous 1 / 6 Next", "More »") and, as the whole line, an accessibility, sharing
#: or account link ("Skip to content", "Send to a Friend", "Follow @name", "About this blog")
PREV_NEXT = re.compile(r"^[«‹←<]|[»›→>]$|^(previous|prev|next|older|newer)\b|"
                       r"\b(previous|next)$|^\d+\s*(/|of)\s*\d+$", re.IGNORECASE)
UI_LINE = re.compile(
    r"^((skip|jump|go|back) to( the)?( main| local)? (content|navigation|menu|search|top)|"
    r"(send|e-?mail|mail)( this| it)?( to a friend| story| article| page| link)?|"
    r"(share|tweet|print|follow|subscribe|comments?|home|about|contact|search|menu|log ?in|"
    r"sign (in|up)|register|archives?|videos?|photos?|related|tags|categories|text size|"
    r"stay connected|table of contents|trending|reviews?|blog archives?|pin it|"
    r"leave a (comment|reply)|no comments?|add a comment|post a comment|we recommend|"
    r"recommended( for you)?|you may also like|most (read|popular|viewed))"
    r"( this| us| me| the| our)?( blog| page| site| story| article| post| us)?|"
    r"search(?! for\b| continues\b| engines?\b)( \w+){0,3}|(\d+ )?comments?( \(\d+\))?|"
    r"(log ?(in|out)|sign (in|out|up))( \w+){0,2}|"
    r"(photos? by|(photo|image|picture|foto|bild):) \S+( \S+){0,3}|"
    r"(categories|category|tags|filed under|posted in|published in):? .*|"
    r"follow( us| me)?( on)? @?[\w.]+|@[\w.]+)\W*$", re.IGNORECASE)
#: a posting line the metadata patterns did not read: a clock time ("… 1:38 AM", "14.00
#: EDT", "at 9:15 pm"), a leading weekday and date ("Wednesday, October 17th, 2012"), "Posted
#: by …"
POSTED = re.compile(r"\b\d{1,2}[:.]\d{2}\s*([ap]\.?m\b\.?|(?-i:[A-Z]{1,3}T|UTC)\b)|"
                    r"\bat \d{1,2}[:.]\d{2}\b|^(posted|written|filed) (by|on|in|at)\b|"
                    r"^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,? (\d|(jan|feb|mar|apr|may|jun|jul|"
                    r"aug|sep|oct|nov|dec)[a-z]*\.? \d)",
                    re.IGNORECASE)
#: ... and its other line marks (list items, quotes)
MARKS = re.compile(r"^(#{1,6}\s+|[-*+]\s+|>\s*)")
#: a byline: "By" (or its translation) and a capitalised name
BYLINE_START = re.compile(r"^(?i:by|von|par|por|di|door|av|af|автор|от):?\s+[A-ZÄÖÜÉА-ЯЁ]")
#: separators between a page title's parts ("Headline | Section | Site", "Headline - Site").
#: Not ``pagecontext._TITLE_PARTS``, which also splits at ": " and " / " to find any repeated
#: part (a line-model column, fixed by the trained trees): a headline's own colon ("Tour de
#: force: Lions tour 2005") must not cut the part ``titled_part`` returns.
TITLE_PARTS = re.compile(r"\s(?:\||-|–|—|::|»|·)\s")
#: WordPress's "<headline> « <blog>" page titles: "«" ends the headline only on a line with no
#: "»" (French and German quotation marks pair them), and the blog's name after it, of any
#: length, is no part (twenty-sixth session, helper T)
BLOG_PART = re.compile(r"\s«\s")
TITLE_PART_WORDS = 4
#: a headline part of two or three words ("Harbour fish stew - Saltmouth Kitchen", made up)
#: confirms a title holding all its words (``short_title_part``); it never replaces one
SHORT_PART_WORDS = 2
SITE_PART_WORDS = 4
#: the rules' title stands when its content words' Dice overlap with the first line's headline
#: is at least this; else the lead judges it (``checked_title``): the first
#: ``LEAD_PARAGRAPHS`` paragraph-like lines or texts of the article
UNRELATED = 0.34
LEAD_PARAGRAPHS = 8
CONTENT_WORD = re.compile(r"\w{4,}")
#: a tag list is mostly lower-case words with few of these (English: tag lists are a blog
#: platform's habit, seen on English pages only)
FUNCTION_WORDS = frozenset(
    "a an the of to in on for with at by from and or is are was were be as it its that this "
    "what how why who when where your my our his her their you i we not no but about into "
    "after over than so if".split())
TAG_MIN_WORDS = 4
#: a headline the decoder left as the article's first paragraph repeats the page's first line
#: (or its headline part) with a word-token F1 of at least this, and has at most
#: ``REPEAT_MAX_WORDS`` words
REPEAT_MATCH = 0.8
REPEAT_MAX_WORDS = 25
#: a first line with no separator becomes the headline of an untitled article when at least
#: this share of its content words is in the article's lead
LEAD_SHARE = 0.5
#: a page-title line longer than this is no page title (``page_title_headline``)
PAGE_TITLE_MAX_WORDS = 40
#: ... and the rules' unrelated title stands against it only when the article holds a share
#: of its content words this much higher than of the line's (twenty-third session, helper T)
PAGE_TITLE_MARGIN = 0.4


def headline_like(line: Line) -> bool:
    """``_headline_like`` of the line's text, remembered per text until ``forget_words``.
    Why: the header rules ask it of the same lines on both decoder passes, in the page-title
    search and in the headline choice (~5 asks a real dump, ~4 of each text asked),
    and two of its patterns are searched at every character of the line (~12 µs an ask)."""
    text = line.text
    known = _HEADLINE.get(text)
    if known is None:
        if len(_HEADLINE) >= _WORDS_KEPT:
            _HEADLINE.clear()
        known = _HEADLINE[text] = _headline_like(text)
    return known


def _headline_like(text: str) -> bool:
    """A line that can be an article's headline: not one short word (a menu item: "Video",
    "About"), not a previous/next link, not an accessibility, sharing or account link, not a
    byline, posting line or photo credit. Why: on real dumps the title rules took such lines
    ("Skip to content", "Delicious", "« … | Main | … »", "By JANE DOE") as the headline, and a
    wrong headline is shown on every listing of the story; no headline is better (the web UI
    then shows the text's first words). Nor a blog's tag line (``tag_list``). Markdown marks
    ("# ", "- ") are read past."""
    text = MARKS.sub("", text.strip()).strip("*_ ")
    n = word_count(text)  # (a CJK headline has no spaces: cjk.py)
    if not title_like(text, n) or (n <= 1 and len(text) <= 20):
        return False
    if text[:1] in "«‹←" and " | " in text:
        return False  # "« Older post | Main | Newer post »"
    if (text[:1] == "(" and text[-1:] == ")") or (n <= 12 and BYLINE_START.match(text)):
        return False  # "(Photo: …)", "By JANE DOE and JOHN ROE"
    if n <= 16 and (POSTED.search(text) or "required)" in text.lower()):
        return False  # a posting line, a comment form's "Mail (will not be published) (required)"
    if tag_list(text):
        return False  # a blog's tag line above the post
    return n > 8 or not (PREV_NEXT.search(text) or UI_LINE.match(text))


def title_part(text: str, *, blog: bool = False) -> str:
    """``titled_part`` of a page title's text (a dump's first line, an HTML ``<title>``);
    ``blog``: a blog's name after " « " is cut off first (``BLOG_PART``; dumps only: measured
    on the text reader's path, not the HTML path's, twenty-sixth session)."""
    parts, cut = _title_parts(text, blog)
    if len(parts) + cut < 2:
        return ""
    longest = max(parts, key=lambda p: len(p.split()))
    if len(longest.split()) < TITLE_PART_WORDS or any(
            len(p.split()) > SITE_PART_WORDS for p in parts if p is not longest):
        return ""
    return longest


def first_line_headline(line: Line) -> str:
    """What a page's first line offers as its headline: the headline part of a page title
    ("Headline | Site"), or the whole line when it has no separator, reads as a headline and
    has ``TITLE_PART_WORDS`` words or more."""
    return first_line_offer(line)[0]


def first_line_offer(line: Line) -> tuple[str, bool]:
    """``first_line_headline`` and whether it is a ``short_title_part`` (which
    ``checked_title`` lets confirm a title, never replace one)."""
    part = title_part(line.text, blog=True)
    if part or not separated(line.text):
        return part or _whole_line(line), False
    short = short_title_part(line.text)
    return short, bool(short)


def _whole_line(line: Line) -> str:
    if line.words >= TITLE_PART_WORDS and headline_like(line):
        return MARKS.sub("", line.text).strip()
    return ""


def separated(text: str) -> bool:
    """The line has a page title's separator (``TITLE_PARTS``, or ``BLOG_PART`` on a line
    without "»")."""
    return TITLE_PARTS.search(text) is not None or (
        "»" not in text and BLOG_PART.search(text) is not None)


def _title_parts(text: str, blog: bool = True) -> tuple[list[str], bool]:
    """A page title's parts, and whether a blog's name after " « " was cut off (not a part)."""
    text = MARKS.sub("", text)
    head = BLOG_PART.split(text, 1)[0] if blog and "»" not in text else text
    return [p.strip() for p in TITLE_PARTS.split(head) if p.strip()], head is not text


def short_title_part(text: str) -> str:
    """The first part of a page title when it has ``SHORT_PART_WORDS`` to
    ``TITLE_PART_WORDS`` - 1 words, more than each other part, every other part at most
    ``SITE_PART_WORDS`` and it reads as a headline ("Harbour fish stew - Saltmouth Kitchen",
    made up), else "".

    Why: ``title_part`` wants ``TITLE_PART_WORDS`` words, so such a line offered no headline
    at all and ``checked_title`` dropped the header rules' right title (the same three words)
    when the lead did not hold them (training sites, twenty-sixth session, helpers D3, T)."""
    parts, cut = _title_parts(text)
    if len(parts) + cut < 2:
        return ""
    first, n = parts[0], word_count(parts[0])
    if not SHORT_PART_WORDS <= n < TITLE_PART_WORDS or any(
            len(p.split()) > SITE_PART_WORDS or _words(p) >= _words(first) for p in parts[1:]):
        return ""  # (a site's name first, "<site> - <post>", is no longer than the post's)
    return first if _headline_like(first) else ""


def offer_confirms(mine: set[str], theirs: set[str], short: bool) -> bool:
    """Whether the first line's offer (content words ``theirs``) confirms a title (``mine``):
    by ``same_words``, or a ``short`` part only when the title holds all its words. One rule
    for ``checked_title`` and ``titlecheck.confirmed_by_first_line``: written in each, the
    second had kept the overlap test for a short part (twenty-sixth session review)."""
    return bool(theirs) and theirs <= mine if short else same_words(mine, theirs)


def checked_title(chosen: str, first: str, lead: Callable[[], set[str]], *,
                  drop: bool = True, short: bool = False) -> str:
    """A chosen title checked against the page's own title (``first``) and the article's lead
    (``lead``: its content words, computed only when needed).

    Why: on real dumps the rules often chose a section label ("Internet & Media"), a blog's
    name, another story's teaser or a tag list. A title is taken as it is when it shares its
    words with the first line's headline (``first``: a page-title line names the article).
    Otherwise the article's own words decide, since a headline's content words recur in its
    first paragraphs: the first line's headline replaces the title when its share of words
    found there is at least the title's; with no first-line headline and ``drop``, a title of
    two or more content words none of which the lead holds is no title (the web UI then shows
    the text's first words; a wrong headline is shown on every listing). The first line alone
    cannot decide: without the page-title line on top it is often the site's tagline.
    Chosen on training sites out of fold (thirteenth session, lead; docs/segmentation.md
    "Titles, thirteenth session"). A ``short`` first-line headline (``short_title_part``)
    confirms only a title holding all its content words and never replaces one: replacing, it
    put blogs' and sites' names over right headlines (training sites, twenty-sixth session,
    helper T)."""
    mine, theirs = content_words(chosen), content_words(first)
    if first and offer_confirms(mine, theirs, short):
        return chosen
    words = lead()
    if first and not short and share_in(theirs, words) >= share_in(mine, words):
        return first
    if drop and (not first or short) and words and len(mine) >= 2 \
            and not shares_a_word(mine, words):
        return ""
    return chosen


def lead_words(items: Iterable[Line] | Iterable[str]) -> set[str]:
    """The content words of the first ``LEAD_PARAGRAPHS`` paragraph-like lines or texts."""
    lead: set[str] = set()
    seen = 0
    for item in items:
        text, n = (item, None) if isinstance(item, str) else (item.text, item.words)
        if paragraph_like(text, n):
            lead |= content_words(text)
            seen += 1
            if seen == LEAD_PARAGRAPHS:
                break
    return lead


def content_words(text: str) -> set[str]:
    """Content words, roughly: words of four letters or more, lower-cased (any language).

    Remembered per text until ``forget_words`` (``segment_text`` calls it for every dump): the
    header's title check, the untitled-headline rule and the shown-title check each read the
    lead's first paragraphs (about 4 of a real dump's ~9 reads repeat one; ~10 µs each)."""
    words = _WORDS.get(text)
    if words is None:
        if len(_WORDS) >= _WORDS_KEPT:
            _WORDS.clear()
        words = _WORDS[text] = frozenset(CONTENT_WORD.findall(text.lower())) \
            if text.isascii() or not paired_chars(text) else frozenset(
                [w for w in CONTENT_WORD.findall(text.lower()) if not paired_chars(w)]
                + list(content_bigrams(text)))
    return set(words)


#: ``content_words``' memo (texts of the page being read) and the most texts it keeps (also
#: the most ``headline_like`` keeps in its own)
_WORDS: dict[str, frozenset[str]] = {}
_WORDS_KEPT = 64
_HEADLINE: dict[str, bool] = {}


def forget_words() -> None:
    """Start a new page: ``content_words`` and ``headline_like`` forget the last page's
    texts. Why per page: the same paragraph on another page (the benchmark's renderings of
    one page share theirs) would otherwise time a repeat, not a page."""
    _WORDS.clear()
    _HEADLINE.clear()


def share_in(words: set[str], lead: set[str]) -> float:
    """The share of ``words`` found in ``lead``."""
    return len(words & lead) / max(1, len(words))


#: a title word this long may be a compound; a lead word this long inside it is shared
COMPOUND_MIN, COMPOUND_PART_MIN = 10, 5


def shares_a_word(mine: set[str], lead: set[str]) -> bool:
    """Whether a title's content words meet the lead's: a word of both, or a long title
    word holding a lead word (a compound's part). Why: German and other compounding
    languages write in one headline word what the lead says in several ("Stadtratsmehrheit"
    over "der Rat der Stadt", "Parkgebührenerhöhung" over "die Gebühren für das Parken",
    made up), so ``checked_title`` dropped such headlines as sharing nothing with the lead.
    Training sites (twenty-seventh session, 11,592 dumps with a reference headline): 4 titles
    none -> right, none worse; parts of 4 letters in words of 8: 8 right and 8 wrong."""
    if mine & lead:
        return True
    parts = [w for w in lead if len(w) >= COMPOUND_PART_MIN]
    return any(p in m for m in mine if len(m) >= COMPOUND_MIN for p in parts if p != m)


def same_words(mine: set[str], theirs: set[str]) -> bool:
    """Two headlines' content words overlap enough to be one headline (Dice at least
    ``UNRELATED``): how the first line confirms a title (``checked_title``,
    ``titlecheck.confirmed_by_first_line``)."""
    return 2 * len(mine & theirs) >= UNRELATED * (len(mine) + len(theirs))


def tag_list(text: str) -> bool:
    """A blog platform's tag line (made-up examples: "harbour bridge saltmouth council repairs
    jane doe", "ferry strike Port Ellery unions"): ``TAG_MIN_WORDS`` or more words, the first
    and most lower-case, almost no function words, no closing punctuation. Why: on real dumps
    (Gawker-style blogs) the header rules took it as the headline, since it sits above the
    article and shares the headline's words; a lower-case headline has its function words
    ("a good week on the coast", "iPad sales to rise, says analyst") or is short ("harbour
    fish stew 101"). Unaccented Latin letters only: the function words are English, and a lower-case
    Bulgarian headline read as a tag list lost its title on a SemEval document."""
    tokens = text.split()
    n = len(tokens)
    if n < TAG_MIN_WORDS or not tokens[0][:1].islower() or text.rstrip()[-1:] in ".!?:,;\"“”'" \
            or not all(c.isascii() for c in text if c.isalpha()):
        return False  # (the function words are English: other scripts and accents never)
    lower = sum(1 for t in tokens if t[:1].islower())
    function = sum(1 for t in tokens if t.lower().strip(".,:;!?'\"") in FUNCTION_WORDS)
    return lower >= 0.6 * n and function < 0.15 * n


def untitled_headline(paragraphs: list[str], page: list[Line],
                      first_line_in_body: bool) -> tuple[str, bool]:
    """The headline of an article the header rules gave none, and whether it is the article's
    first paragraph (which the caller then takes out of the body); ("", False) when the page
    bears none out.

    Why: on real dumps with the page's ``<title>`` as the first line the rules found no title
    for 1 article in 17, and the first line's headline was right for most of them (training
    sites, fourteenth session, lead). Two shapes: the headline repeated under the page title
    was read as the body's first line (a blog's post title above its posting line), or the
    first line is the headline alone (no " | Site" part for ``titled_part``). The first is
    taken when it repeats the first line (or its headline part); the second only when the
    article's lead holds at least ``LEAD_SHARE`` of its content words, since without the
    ``<title>`` on top the first line is a site name or tagline. Never when the first line is
    itself the article's first body line."""
    if not paragraphs or len(page) < 2 or first_line_in_body:
        return "", False
    top = MARKS.sub("", page[0].text).strip()
    first = paragraphs[0]
    if 2 <= len(first.split()) <= REPEAT_MAX_WORDS and len(paragraphs) >= 2:
        targets = [t for t in (top, title_part(page[0].text, blog=True)) if t]
        line = next((x for x in page[1:] if x.text == first), None)
        if line is not None and headline_like(line) \
                and any(_token_f1(first, t) >= REPEAT_MATCH for t in targets):
            return MARKS.sub("", first).strip(), True
    candidate = first_line_headline(page[0])
    if candidate and not TITLE_PARTS.search(page[0].text):
        mine = content_words(candidate)
        if len(mine) >= 2 and share_in(mine, lead_words(paragraphs)) >= LEAD_SHARE:
            return candidate, False
    return "", False


def page_title_headline(title: str, paragraphs: list[str], page: list[Line],
                        repeated: Callable[[], bool]) -> str:
    """The page's first line (its headline part when ``title_part`` finds one) in place of
    ``title`` when that line reads as the page's ``<title>``, else ``title``.

    Why: with the ``<title>`` copied on top of a dump (made up: "Ferry fares rise again |
    Harbour Post"), the trivial choice of the first line was right more often than the
    header rules (held out, fifteenth session: 0.906-0.909 against 0.871-0.892): the rules
    gave no title, or a caption, a sidebar line or a standfirst, where the page's own title
    said it. Read from the training sites (twenty-second session, helper T): a first line is
    the page's title when a part of it comes back further down the page (``repeated``:
    ``pagecontext.title_repeats``, the ``<h1>`` under the ``<title>``; a site's name in its
    logo; asked last), it has ``TITLE_PART_WORDS``+ words and is no chrome
    (``headline_like``, or a long line of at most ``PAGE_TITLE_MAX_WORDS``), and the
    article's text holds at least ``UNRELATED`` of its content words and more of them than
    of ``title``'s. A first line
    that is a site's name or menu (dumps without the ``<title>``) has too few words or
    comes back nowhere. A ``title`` the first line confirms (``same_words``) stays, but one
    that runs on past the first line's headline part with no separator (a headline and its
    section and date read as one line: "Ferry fares rise again Business, Updated Nov 6") is
    cut to that part. An unrelated ``title`` beats the line only with a share
    ``PAGE_TITLE_MARGIN`` higher: a caption, an author's name or a standfirst holds the
    article's words as well as its headline does, or better (made up: "Jane Doe, the
    council's engineer" under "Bridge repairs approved | Saltmouth Post"; twenty-third
    session, helper T)."""
    if not page or not paragraphs:
        return title
    first = page[0]
    text = MARKS.sub("", first.text).strip()
    theirs, part = content_words(text), title_part(text, blog=True)
    mine = content_words(title)
    if title and same_words(mine, theirs):
        rest = title[len(part):] if part and title.startswith(part) else ""
        if rest.strip() and not TITLE_PARTS.match(rest) and not BLOG_PART.match(rest) \
                and _run_on(rest):
            return part
        return title  # (a separator after the part: the headline's own second part)
    if first.words < TITLE_PART_WORDS or first.words > PAGE_TITLE_MAX_WORDS or len(theirs) < 2 \
            or not (headline_like(first) or first.words > 8) or not repeated():
        return title
    words: set[str] = set()
    for paragraph in paragraphs:
        words |= content_words(paragraph)
    share = share_in(theirs, words)
    if share < UNRELATED or (title and share_in(mine, words) >= share + PAGE_TITLE_MARGIN):
        return title
    return part or text


#: a day of a month without its year ("Jul 26", "26 Jul"): a run-on's date (``_run_on``)
_MONTH_DAY = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+"
                        r"\d{1,2}\b|\b\d{1,2}\.?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|"
                        r"oct|nov|dec)[a-z]*\b", re.IGNORECASE)


#: a run of letters (``_run_on`` reads the case of the rest's first word)
_FIRST_WORD = re.compile(r"[^\W\d_]+")


def _run_on(rest: str) -> bool:
    """What follows a headline on its line is its section and date ("Local News, Updated Nov
    6", "Harbour News Jul 26", made up) or a count ("<headline> 313", a post's comments on a
    training site): it starts a word and holds an update word, a date or a clock time, or is
    a number. Why: a ``<title>`` shortened for search results is a prefix of the full
    headline ("Ferry operator raises fares for island | Coast Post" over "Ferry operator
    raises fares for island commuters from May", made up), even inside a word ("fare" of
    "fares"), and the full headline was cut to it (R's review of b871a75). A rest that opens
    with a lower-case word that is no update word or date is the headline's own words, even
    when a date follows ("... commuters from May 3", made up; R, twenty-third session)."""
    if rest[:1].isalnum():
        return False
    word = _FIRST_WORD.search(rest)
    if word is not None and word.group()[0].islower() and POSTED.match(rest[word.start():]) \
            is None and DATE_PREFIX.match(rest[word.start():]) is None:
        return False  # the headline's own words ("... commuters from May 3"), no section
    return rest.strip().isdigit() or POSTED.search(rest) is not None \
        or date_span(rest) is not None or _MONTH_DAY.search(rest) is not None or any(
            DATE_PREFIX.match(rest[m.start():]) for m in re.finditer(r"\b\w", rest))


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def _token_f1(a: str, b: str) -> float:
    x, y = re.findall(r"\w+", a.lower()), re.findall(r"\w+", b.lower())
    both = sum(min(x.count(w), y.count(w)) for w in set(x))
    return 2 * both / (len(x) + len(y)) if both else 0.0
