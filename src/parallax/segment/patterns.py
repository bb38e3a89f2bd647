"""Boilerplate recognisers for page furniture, by kind (EN/DE/RU wording).

Each pattern was written against the shapes in the demo corpus and the two seed pages; they
match whole short lines or sentences, never inside a long paragraph of article text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Collection
from functools import cache, lru_cache

from parallax.segment import comment_words as cw
from parallax.segment.prefilter import (
    LiteralIndex,
    fold,
    folded_twin,
    joined,
    lines_holding,
    required_literals,
    shortest_cover,
    twin_safe,
)

_FOOTER = (r"^©|copyright|all rights reserved|alle rechte vorbehalten|все права защищены|"
           r"усі права захищені|tous droits réservés|todos los derechos reservados|"
           r"^({})\b")
_KINDS: list[tuple[str, str]] = [
    ("paywall", r"subscribe to (continue|keep) reading|for subscribers only|already a subscriber|"
                r"log in to (continue|read)|nur für abonnenten|weiterlesen mit|bereits abonnent|"
                r"только для подписчиков|уже подписаны|réservé aux abonnés|déjà abonné|"
                r"solo para suscriptores|ya eres suscriptor|тільки для передплатників|"
                r"unlimited access|cancel any ?time|unbegrenzte[nr]? zugang|jederzeit kündbar|"
                r"неограниченный доступ|accès illimité|acceso ilimitado"),
    ("read_more", r"^(read the full (story|article|report)|continue reading|full story at|"
                  r"weiterlesen (auf|bei)|читать (далее|полностью)|lire la suite|leer más en|"
                  r"read more|read also|more on this|mehr lesen|mehr dazu|mehr zum thema|"
                  r"lesen sie auch|"
                  r"читайте также|читайте також|à lire aussi|lire aussi|lee también|"
                  r"leer más)\s*:|^(read the full (story|article|report)|continue reading|"
                  r"full story at|weiterlesen (auf|bei)|читать (далее|полностью)|lire la suite|"
                  r"leer más en)\b"),
    ("tags", r"^(tags|topics|themen|schlagworte|schlagwörter|теги|темы|теми|mots-clés|sujets|"
             r"etiquetas|temas)\s*:"),
    ("media_contact", r"^(media contact|press contact|pressekontakt|medienkontakt|"
                      r"контакты для сми|контакт для преси|contact presse|contacto de prensa|"
                      r"(about|über|à propos de|acerca de|sobre|о компании|про компанію) "
                      r"[^.!?]{2,50}|###)\s*:?$"),
    ("label", r"^(press release|pressemitteilung|pressemeldung|communiqué( de presse)?|"
              r"nota de prensa|пресс-релиз|прес-реліз|advertisement|anzeige|sponsored)$"),
    ("footer", _FOOTER.format(cw.ALL_FOOTER_RX)),
    ("logo", r"^(logo|site logo|home)$"),
    ("app_download", r"download (the|our)? ?(\w+ )?app|app-?store|play-?store|google play|"
                     r"get (the|our) app|get it on|app herunterladen|скачайте приложение|"
                     r"скачать приложение|"
                     r"завантажте (застосунок|додаток)|téléchargez l'app|descarga la app|"
                     r"get started now|jetzt starten|начните сейчас|почніть зараз"),
    ("donation_appeal", r"your support|support (us|our|independent)|donat(e|ion)|"
                        r"contribut(e|ion)|paywall|become a (member|supporter)|"
                        r"^unterstützen|jetzt unterstützen|unterstützen sie|spenden|"
                        r"journalismus kostet|euro im monat|поддержите|пожертв|reader-funded|"
                        r"paid for by (our )?readers|give once|give monthly|apóyanos|"
                        r"hazte soci[oa]|hágase soci[oa]|leserfinanziert|werden sie mitglied|"
                        r"станьте подписчиком|підтримати нас|donnez|^support$|"
                        r"каждый ваш рубль|поддержать (нас|редакцию)|без рекламы|"
                        r"підтримайте|soutenez|faites un don|apoya (nuestro|el)|dona ahora"),
    ("cookie_notice", r"cookies?|consent|datenschutzeinstellungen|файлы cookie"),
    ("empty_comment_box", r"^(comments?\s*\(0\)|no comments yet\.*|be the first to comment\.*|"
                          r"noch keine kommentare\.*|комментариев пока нет\.*|"
                          r"коментарів (поки|ще) немає\.*|ще немає коментарів\.*|"
                          r"пока нет комментариев\.*|aucun commentaire\.*|"
                          r"no hay comentarios\.*|sé el primero en comentar\.*|"
                          r"soyez le premier à commenter\.*|leave a comment\.*)$"),
    ("share_buttons", r"^(share( on| this)?\b.*|tweet|copy link|teilen|поделиться|поділитися|"
                      r"partager|compartir|email|e-mail|facebook|twitter|x|whatsapp|telegram|"
                      r"linkedin|вконтакте|телеграм|одноклассники|скопировать ссылку|"
                      r"копировать ссылку|скопіювати посилання|link kopieren|copier le lien|"
                      r"copiar enlace|print|drucken|save|merken|" + cw.SHARE_RX + ")$"),
    ("newsletter", r"newsletter|subscribe|abonnieren|подпишитесь|подписаться|рассылк|"
                   r"підпишіться|abonnez-vous|suscríbete|^sign up|enter your email|"
                   r"e-mail-adresse eingeben|jetzt anmelden|inscrivez-vous|in your inbox|"
                   r"straight to your inbox|ins postfach|на почту|на вашу почту|"
                   r"dans votre boîte"),
    ("promo", r"try our ai|ai features|what .* ai can do|advertisement|anzeige|реклама|"
              r"sponsored|read more$|weiterlesen$|background$"),
    ("image_caption", r"^(photo|image|foto|bild|фото)\s*[:©]|©|\bgetty images\b|\breuters\b$"),
]
_COMPILED = [(kind, re.compile(rx, re.IGNORECASE)) for kind, rx in _KINDS]
# one pass over a line that matches no kind (most lines) instead of one per kind
_ANY_KIND = re.compile("|".join(f"(?:{rx})" for _, rx in _KINDS), re.IGNORECASE)
_BY_KIND = dict(_COMPILED)

RELATED_HEADING = re.compile(
    r"^(related articles?|related stories|related|more from .*|more stories|read also|"
    r"you may also like|recommended|lesen sie auch|mehr zum thema|ähnliche artikel|"
    r"das könnte sie auch interessieren|читайте также|по теме|похожие статьи|похожие новости|"
    r"схожі статті|читайте також|à lire aussi|articles similaires|sur le même sujet|"
    r"artículos relacionados|te puede interesar|noticias relacionadas|" + cw.RELATED_RX
    + r")\s*:?$", re.IGNORECASE)
COMMENTS_HEADING = re.compile(
    r"^(comments?|reader comments|discussion|kommentare|leserkommentare|комментарии|коментарі|"
    r"commentaires|comentarios|" + cw.HEADINGS_RX + r")\s*(\(\d+\))?\s*:?$", re.IGNORECASE)
#: a comment thread's opening line in the forms real pages show beyond ``COMMENTS_HEADING``:
#: the count first ("385 Comments", "4 comments:", "{ 2 comments… read them below or add one }",
#: "12 Responses to “Title”", "5 thoughts on “Title”"). Matched on the line without its
#: Markdown/list prefix (``MARKUP_PREFIX``), only by the decoder (not a line-model feature).
COUNTED_COMMENTS = re.compile(
    r"^(\d{1,5}|one|two|three|four|five|six|seven|eight|nine|ten)\s+(reader\s+)?"
    r"(comments?|responses?|replies|thoughts|reactions|kommentare?|leserkommentare|reaktionen|"
    r"комментари(?:ев|[йяи])|коментар(ів|і|я)|commentaires?|comentarios?|" + cw.NOUNS_RX + ")"
    r"(\s*[:…(»]|\s+(on|to|zu|add a comment|read them)\b|\s*$)", re.IGNORECASE)
MARKUP_PREFIX = re.compile(r"^(#{1,6}\s+|[-*+]\s+|\{\s*)")
#: a thread's count line in the forms ``COUNTED_COMMENTS`` does not know, seen on training sites
#: below the article (matched on the line without its ``MARKUP_PREFIX``): the count with the
#: thread's own words after it ("106 Comments and 18 Replies", "3 Comments leave one →",
#: "{ 131 comments }", "{ 1 comment… read it below or add one }", "one comment – permalink"),
#: a word between count and noun before "on"/"to" ("8 appreciated comments on …"), or the count
#: after the heading ("Public Discussion (4)", "Comments[3]"; not "Reader comments 7", a link
#: under the article on one site). Only the decoder reads it (not a line-model column:
#: ``threads.decoder_heads``); a teaser's or byline's "N comments | N recs", "Posted by X |
#: Comments (2)", "4 Commentsadd your comment" (a glued link above a contest box) match none.
COUNT_LINE = re.compile(
    r"^(?:post a comment\s+)?[\[(]?\s*(?:\d{1,5}|one|two|three|four|five|six|seven|eight|nine|"
    r"ten)\s*[\])]?\s+(?:(?:comments?|responses?|replies|thoughts)"
    r"(?:\s+and\s+\d{1,5}\s+repl(?:y|ies)|(?:\s+|\s*[-–—|,:]\s*)(?:leave|add|post|write)\s+"
    r"(?:one|a|your)\b[^.!?|]{0,20}|\s*[-–—|]\s*permalink|\s*[,.]?\s*comment or ping|"
    r"\s*…?\s*read (?:it|them) below\b.*)?|[a-z]+\s+(?:comments|responses)\s+(?:on|to)\s+\S.*)"
    r"\s*[→»!.]?\s*\}?\s*$|"
    r"^(?:public|open)\s+(?:discussion|comments)\s*[\[(]?\s*\d{1,5}\s*[\])]?\s*$|"
    r"^comments\s*\[\d{1,5}\]\s*$|^there (?:are|is) (?:\d{1,5}|one) comments?\b[^|]{0,20}$",
    re.IGNORECASE)
#: a comment's buttons and counters, not its words ("Reply", "ReplyDelete", "Report abuse",
#: "Flag as Inappropriate", a bare comment number or vote count)
COMMENT_ACTION = re.compile(
    r"^(reply( to this( parent)?)?( share)?|replydelete|delete|report( abuse| comment)?|"
    r"flag( as inappropriate)?|likes?|permalink|quote|twitter facebook|antworten|melden|"
    r"ответить|відповісти|répondre|responder|signaler|[+-]?\d+( (points?|votes?|likes?))?|"
    + cw.BUTTONS_RX + "|"
    r"vote (up|down)|(\d+ )?(replies|antworten)|"
    # the thread's controls (sort order, display, paging, rating), seen on training sites
    r"reply ↓|display:?|expanded|collapsed|sort( comments)? by\b.*|order by:?|"
    r"(oldest|newest)( first| to (oldest|newest))?|(most|highest) (recent|rated|popular)|"
    r"(rate this|please rate this comment):?( [+-]?\d+)*|recommend\??( \(\d+\))?|"
    r"responses \(\d+\)|close|link to this comment:?|load more( comments)?(\.\.\.|…)?|"
    r"refresh( comments list)?|\d+ comments?, displaying \w+|recency\s*\|?|popularity|"
    r"favou?rites|view all( comments)?|page:? \d.*|"
    # a comment form's fields and notes: set aside, but no end of the thread (on some sites
    # the form stands above the comments)
    r"add comment|(name|e-?mail|website)\s*\((required|optional)\)|\(required\)|"
    r"\(will not be published\)( \(required\))?|notify me of (follow-up|new) comments.*|"
    r"remember me:?|receive email when someone replies.*|allowed tags:.*|"
    r"(log ?in|sign in|register) to (post a )?comment.*|"
    # the preview and check notes of TypePad's form, below its "Verify your Comment" (many
    # blogs on training sites; HuffPost shows a "Previewing Your Comment" form above its thread)
    r"previewing your comment|posted by:\s*\||this is only a preview\b.*|"
    r"your comment (could not be posted|has been saved)\b.*|"
    r"the letters and numbers you entered did not match\b.*|"
    r"as a final step before posting your comment\b.*|having trouble reading this image\?.*|"
    r"comments are moderated, and will not appear\b.*)\s*[.!]?$", re.IGNORECASE)
#: the comment form (or the thread's paging) that ends a comment thread on most pages
COMMENT_FORM = re.compile(
    r"^(leave a (comment|reply)|post a comment|add a comment|write a comment|your comment|"
    r"submit( comment)?|post comment|cancel reply|name\s*\*?|e-?mail\s*\*?|website|"
    r"kommentar schreiben|schreiben sie einen kommentar|comments are closed|"
    r"(newer|older|load more|show more) comments|sign in to (add )?comments?.*|"
    r"showing all comment threads|comment policy|the comments to this entry are closed|"
    r"verify your comment)"
    r"\s*[.:!]?$", re.IGNORECASE)


_COMMENTS_START = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t]+|[-*+][ \t]+|\{[ \t]*)?(?:(?:"
    + COMMENTS_HEADING.pattern.removeprefix("^")
    + ")|(?:" + COUNTED_COMMENTS.pattern.removeprefix("^") + "))", re.IGNORECASE)


#: what every thread opener (``threads.thread_opener``) holds, folded (``prefilter.fold``)
OPENER_LITERALS = (" says", " said", " wrote", " schreibt", " schrieb", " пишет", " écrit",
                   "(score:")


def comments_start_pattern() -> str:
    """``comments_start``'s pattern (for a page-wide literal scan of it)."""
    return _COMMENTS_START.pattern


def comments_start(text: str) -> bool:
    """The line opens a comment thread (a heading in any of its forms, Markdown or not)."""
    return _COMMENTS_START.match(text) is not None


#: every comments_start match holds one of these (folded) strings: ``comment``, ``kommentar`` …
_COMMENTS_START_LITERALS = shortest_cover(
    required_literals(_COMMENTS_START.pattern, _COMMENTS_START.flags) or ("",))


def comments_start_lines(texts: list[str]) -> set[int]:
    """The indices of ``texts`` that ``comments_start``: only the lines holding one of the
    pattern's required literals (``str.find`` in the folded page, ``prefilter.lines_holding``)
    are matched. Why: the decoder's block loop would ask every line (3 % of a dump's time),
    and a page-wide scan of the anchored pattern was still tried by ``re`` at every character
    (~0.1 ms a page)."""
    return comments_start_and_holding(texts, ())[0]


def comments_start_and_holding(texts: list[str], also: tuple[str, ...]
                               ) -> tuple[set[int], set[int]]:
    """``comments_start_lines`` and the lines holding one of ``also`` (folded literals),
    found in the same folded page (``threads.thread_marks``: one fold of the page, not two)."""
    whole, starts = joined(texts)
    page = fold(whole)
    return ({i for i in lines_holding(_COMMENTS_START_LITERALS, page, starts)
             if comments_start(texts[i])},
            lines_holding(also, page, starts) if also else set())


def lines_of(pattern: re.Pattern[str], page: str, ends: list[int]) -> set[int]:
    """The lines of ``page`` in which ``pattern`` finds something (``ends``: each line's
    end + 1): one scan of the joined page instead of a match per line."""
    return {bisect_right(ends, match.start()) for match in pattern.finditer(page)}


def count_line(text: str) -> bool:
    """The line is a thread's count in a form only the decoder reads (``COUNT_LINE``)."""
    return COUNT_LINE.match(MARKUP_PREFIX.sub("", text).strip()) is not None


def comment_furniture(text: str) -> str | None:
    """'action' for a comment's button or counter, 'form' for the comment form, else None."""
    bare = MARKUP_PREFIX.sub("", text).strip()
    if COMMENT_ACTION.match(bare):
        return "action"
    return "form" if COMMENT_FORM.match(bare) else None


def is_donation_appeal(line: str) -> bool:
    """Appeal paragraphs can be long; only used right after an appeal has started."""
    return len(line.split()) <= 90 and bool(_BY_KIND["donation_appeal"].search(line))


NAV_SPLIT = re.compile(r"\s+[|·•/]\s+|\s{3,}")
_SPACED_MARK = re.compile(r" [|·•/] ")
AUTHOR_WORK = re.compile(
    r"^[A-ZÄÖÜА-ЯЁ][\w'.-]+(?: [A-ZÄÖÜА-ЯЁ][\w'.-]+){0,3} .{0,80}\b(writes (about|for)|"
    r"schreibt (für|über)|пишет (для|о)|пише (для|про)|écrit (pour|sur)|escribe (para|sobre))",
    re.IGNORECASE)
AUTHOR_BIO = re.compile(
    r"^[A-ZÄÖÜА-ЯЁ][\w'.-]+(?: [A-ZÄÖÜА-ЯЁ][\w'.-]+){0,3} (is|was|ist|war|est|es|—|–) "
    r"(a|an|the|ein|eine|un|une|una|der|die) [^.]{3,120}\b(columnist|correspondent|reporter|"
    r"editor|writer|journalist|author|kolumnist\w*|korrespondent\w*|redakteur\w*|"
    r"autor\w*|chroniqueu\w*|journaliste|periodista|columnista)\b", re.IGNORECASE)


def is_navigation(text: str) -> bool:
    """'Home | World | Sport' or 'Home   Columns   About': three or more short items."""
    if text.rstrip().endswith((".", "!", "?")):
        return False
    tokens = text.split()
    if " ".join(tokens) == text:  # single spaces only: each split is at " | ", " / " …
        marks = sum(map(text.count, "|·•/"))
        # no separator NAV_SPLIT could split at (most lines), or too many words: m splits
        # leave len(tokens) - m words (each took its mark's token) in at most m + 1 parts
        # of at most 3 words, so len(tokens) <= 4m + 3 (a long line with a URL's "/")
        if not marks or len(tokens) > 4 * marks + 3:
            return False
        # where NAV_SPLIT splits such a line: " | " (its whitespace runs are one space),
        # found by a literal-led pattern (NAV_SPLIT is tried at every character)
        parts = [p for p in _SPACED_MARK.split(text) if p.strip()]
    else:
        parts = [p for p in NAV_SPLIT.split(text) if p.strip()]
    return len(parts) >= 3 and all(len(p.split()) <= 3 for p in parts)


# a line with none of these characters and no two spaces in a row is no navigation (split
# items need a separator or a wide gap; is_navigation's own test), whitespace other than " "
# and a line break included
NAV_CHARS = "|·•/" + "".join(ch for ch in map(chr, range(0x3001))
                             if ch.isspace() and ch not in " \n")


def boilerplate_kind(line: str, may: Collection[str] | None = None, *,
                     words: int | None = None, separated: bool = True) -> str | None:
    """Kind of furniture a short line is, or None if it may be article text.

    ``may``: the pattern names that can match the line at all (``PAGE_PATTERNS`` through
    ``prefilter.LiteralIndex``, one scan per page); the rest are not tried. ``words``: the
    line's word count if known; ``separated=False``: the caller knows the line holds none of
    ``NAV_CHARS`` nor two spaces in a row (no navigation). The answer is the same as without
    them, found in a fraction of the time."""
    text = line.strip()
    if not text:
        return None
    if separated and is_navigation(text):
        return "navigation"
    n = len(text.split()) if words is None else words
    if n <= 60 and (((may is None or "author_bio" in may) and AUTHOR_BIO.search(text))
                    or ((may is None or "author_work" in may) and AUTHOR_WORK.search(text))):
        return "author_bio"
    if n > FURNITURE_WORDS:
        return None
    if may is None:
        if not _ANY_KIND.search(text):
            return None
        kinds = _COMPILED
    elif not may:  # most lines
        return always_kind(text, n)
    else:  # the candidates and the patterns tried on every line, in _COMPILED's order
        kinds = _kinds_for(frozenset(may))
    return _first_kind(text, n, kinds)


@lru_cache(maxsize=1024)
def _kinds_for(names: frozenset[str]) -> list[tuple[str, re.Pattern[str]]]:
    """The patterns to try on a line whose candidate names are ``names``, in ``_COMPILED``'s
    order (read only; a few hundred distinct sets: a lookup instead of a scan of ~25 kinds on
    ~30 lines a page)."""
    return [(kind, rx) for kind, rx in _COMPILED if kind in names or kind in _ALWAYS_NAMES]


def always_kind(text: str, n: int) -> str | None:
    """``boilerplate_kind`` of a stripped line of ``n`` words that is no navigation and holds
    no literal of the page patterns (``may`` empty): only the patterns tried on every line.

    Those are ``share_buttons`` alone, whose matches are a line starting with "share" or one
    of its phrases of at most ``SHARE_PHRASE_WORDS`` words: a longer line whose first letter
    is no ``s`` as ``re.IGNORECASE`` reads it is answered without the regex (~0.1 ms a real
    page; the shortcut's assumptions are pinned by tests/test_linefeatures.py)."""
    if n > FURNITURE_WORDS or (n > SHARE_PHRASE_WORDS and text[:1] not in SHARE_FIRST):
        return None
    # ``_may_be_whole`` inlined (~130 lines a real page come here): when it says no,
    # ``_first_kind`` skips every ``_ALWAYS`` pattern and answers None
    if _WHOLE is not None and text.isascii() and not text.endswith("\n"):
        lowered = text.lower()
        if lowered not in _WHOLE[0] and not lowered.startswith(_WHOLE[1]):
            return None
    return _first_kind(text, n, _ALWAYS)


def _may_be_whole(text: str) -> bool:
    """False when none of the ``_ALWAYS`` patterns can match ``text``: a match is the whole
    line (folded as re.IGNORECASE reads it; an ASCII line's fold is its lowering) being one of
    their phrases or starting with a prefix ("share") (``_whole_line``). A set lookup instead
    of the regex (~1 µs, ~110 short lines a real page); other lines take the regex (their
    fold costs more than it)."""
    if _WHOLE is None or not text.isascii() or text.endswith("\n"):
        return True
    lowered = text.lower()
    return lowered in _WHOLE[0] or lowered.startswith(_WHOLE[1])


def _whole_line(patterns: list[tuple[str, re.Pattern[str]]]
                ) -> tuple[frozenset[str], tuple[str, ...]] | None:
    """For patterns all of the shape ``^(alternative|…)$``, each alternative a literal phrase
    or a literal prefix and then anything: the folded phrases and prefixes (a line they match
    is one of the phrases or starts with a prefix, compared folded); None for other shapes."""
    from re import _constants as c  # type: ignore[attr-defined]
    from re import _parser as parser  # type: ignore[attr-defined]

    phrases: set[str] = set()
    prefixes: set[str] = set()
    for _, rx in patterns:
        tree = list(parser.parse(rx.pattern, rx.flags))
        if len(tree) != 3 or tree[0] != (c.AT, c.AT_BEGINNING) \
                or tree[2] != (c.AT, c.AT_END) or tree[1][0] is not c.SUBPATTERN:
            return None
        group = list(tree[1][1][3])
        if len(group) != 1 or group[0][0] is not c.BRANCH:
            return None
        for branch in group[0][1][1]:
            lead = []
            for op, av in branch:
                if op is not c.LITERAL:
                    break
                lead.append(chr(av))
            if len(lead) == len(branch):
                phrases.add(fold("".join(lead)))
            elif lead:
                prefixes.add(fold("".join(lead)))
            else:
                return None
    return frozenset(phrases), tuple(sorted(prefixes))


def _first_kind(text: str, n: int, kinds: list[tuple[str, re.Pattern[str]]]) -> str | None:
    folded = None
    for kind, rx in kinds:
        if kind == "cookie_notice" and n > 30:
            continue
        if kind in _ALWAYS_NAMES and not _may_be_whole(text):
            continue
        forms = _FORMS.get(kind)
        if forms is not None and not text.endswith("\n"):
            folded = fold(text) if folded is None else folded
            if _holds_form(folded, forms):
                return kind
        elif (twin := _TWINS.get(kind)) is not None:  # (on the folded line: ~8x faster)
            folded = fold(text) if folded is None else folded
            if twin.search(folded) if twin_safe(folded) else rx.search(text):
                return kind
        elif rx.search(text):
            return kind
    return None


Form = tuple[bool, bool, str]  # (anchored at the start, at the end, folded text)


def _holds_form(folded: str, forms: tuple[Form, ...]) -> bool:
    """A (folded, stripped) line matches a pattern of literal forms (``_literal_forms``)."""
    for start, end, literal in forms:
        if (folded == literal if end else folded.startswith(literal)) if start else (
                folded.endswith(literal) if end else literal in folded):
            return True
    return False


def _literal_forms(rx: re.Pattern[str], limit: int = 300) -> tuple[Form, ...] | None:
    """Every string a case-insensitive ``rx`` matches, when they are a finite set of literal
    strings (alternatives, groups, optional parts, classes of single characters) with ``^``
    and ``$`` only at their ends; None for any other pattern (repetition, ``\\b``, ``\\w`` …).

    Why: the furniture patterns are alternations of phrases that ``re`` tries at every
    character of a candidate line (~10-20 µs a long line); a line matches one exactly when
    its fold (``prefilter.fold``, one character for one, as ``re.IGNORECASE`` compares them)
    holds a form folded the same way: a few ``in`` tests."""
    from re import _constants as c  # type: ignore[attr-defined]
    from re import _parser as parser  # type: ignore[attr-defined]

    class Unsupported(Exception):
        pass

    def join(left: list[Form], right: list[Form]) -> list[Form]:
        out = []
        for s1, e1, t1 in left:
            for s2, e2, t2 in right:
                if (e1 and (t2 or s2)) or (s2 and (t1 or s1)):
                    raise Unsupported  # an anchor inside a form
                out.append((s1 or s2, e1 or e2, t1 + t2))
        if len(out) > limit:
            raise Unsupported
        return out

    def expand(seq: object) -> list[Form]:
        forms: list[Form] = [(False, False, "")]
        for op, av in seq:  # type: ignore[attr-defined]
            if op is c.LITERAL:
                part = [(False, False, chr(av))]
            elif op is c.AT and av in (c.AT_BEGINNING, c.AT_END):
                part = [(av is c.AT_BEGINNING, av is c.AT_END, "")]
            elif op is c.IN and all(item is c.LITERAL for item, _ in av):
                part = [(False, False, chr(code)) for _, code in av]
            elif op is c.SUBPATTERN and not av[1] and not av[2]:  # (no inline flags)
                part = expand(av[3])
            elif op is c.BRANCH:
                part = [form for branch in av[1] for form in expand(branch)]
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] == 0 and av[1] == 1:
                part = [(False, False, ""), *expand(av[2])]
            else:
                raise Unsupported
            forms = join(forms, part)
        return forms

    if not rx.flags & re.IGNORECASE:
        return None
    try:
        forms = expand(parser.parse(rx.pattern, rx.flags))
    except Unsupported:
        return None
    return tuple(dict.fromkeys((s, e, fold(t)) for s, e, t in forms))


#: the patterns ``read_lines`` looks up once per page (``LiteralIndex``), by name
PAGE_PATTERNS: dict[str, str] = {**dict(_KINDS), "author_bio": AUTHOR_BIO.pattern,
                                 "author_work": AUTHOR_WORK.pattern}


@cache
def page_index(extra: tuple[tuple[str, str], ...] = ()) -> LiteralIndex:
    """One literal index over the furniture patterns (and ``extra`` named patterns)."""
    return LiteralIndex({**PAGE_PATTERNS, **dict(extra)})


_INDEX = page_index()
_ALWAYS = [(kind, rx) for kind, rx in _COMPILED if kind in _INDEX.always]
#: the most words of a share_buttons phrase other than "share …" ("copier le lien")
SHARE_PHRASE_WORDS = 3
#: a line of more words is no furniture, an author bio aside (``boilerplate_kind``)
FURNITURE_WORDS = 40
#: the characters re.IGNORECASE matches to "s" (the first letter of "share")
SHARE_FIRST = "sSſ"
_ALWAYS_NAMES = frozenset(kind for kind, _ in _ALWAYS)
_WHOLE = _whole_line(_ALWAYS)
#: the furniture patterns that are finite sets of literal forms (``_literal_forms``), by kind
_FORMS = {kind: forms for kind, rx in _COMPILED
          if kind not in _ALWAYS_NAMES and (forms := _literal_forms(rx)) is not None}
#: the others' case-free twins for the folded line (``prefilter.folded_twin``), by kind
_TWIN_OF = {"footer": re.compile(_FOOTER.format(cw.ALL_FOOTER_TWIN_RX), re.IGNORECASE)}
_TWINS = {kind: twin for kind, rx in _COMPILED if kind not in _FORMS and kind not in
          _ALWAYS_NAMES and (twin := folded_twin(_TWIN_OF.get(kind, rx))) is not None}
