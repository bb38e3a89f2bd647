"""Cross-lingual marks: name-like tokens and figures that read the same in every language.

Same-language terms (``features.article_terms``) cannot compare a German article with an
English one, and the name keys come from entity recognition, which has no German model: a
German tabloid piece about the Ruhstadt flood carried the keys "Schreckliche Nacht" and
"BLITZ" and nothing of Ruhstadt, the Quenne or the dam. Yet proper names and numbers are
written alike across languages and scripts ("Brannick"/"Бранник", "Kessler"/"Кесслера",
"5.000"/"5,000"; not every transliteration meets: "Ruhstadt"/"Руштадт" do not). A *mark* is
a capitalised token inside a sentence (not its first word, so not capitalised for position)
folded like a name key, or a number of two digits or more with its separators normalised.
German capitalises every noun, so a German article's marks are mostly common nouns; those
never match another language's marks (English and Russian write them lower case), and
``StoryIndex`` keeps only the marks seen in *another* language somewhere in the corpus
(``attested``), so they do not dilute the names that do match either.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from typing import TYPE_CHECKING

from parallax.enrich.name_leads import GIVEN
from parallax.records import Article
from parallax.stories.features import language_pair_dots, sparse_dot
from parallax.textutil import STOPWORDS, fold, name_skeleton
from parallax.titles import without_moved_title

if TYPE_CHECKING:
    from parallax.stories.state import StoryState

#: words of the body read for marks (after the title): names and figures of the event are in
#: the lead and the body's first paragraphs; the whole of a long article adds background names
MARK_WORDS = 400
MARK_PREFIX = 5  # as name keys: "Kessler"/"Кесслера" meet, Russian case endings fall away
#: a token, a number with thousands separators or a decimal, or a sentence boundary
_TOKEN = re.compile(r"[^\W\d_]+|\d{1,3}(?:[ ,.\u202f]\d{3})+(?!\d)|\d+(?:[.,]\d+)?|[.!?:;…\n]",
                    re.UNICODE)
_BOUNDARY = frozenset(".!?:;…\n")
_THOUSANDS = re.compile(r"[ ,.\u202f](?=\d{3}(?!\d))")


def number_mark(token: str) -> str | None:
    """"5.000", "5,000" and "5 000" -> "#5000"; "7,4" and "7.4" -> "#7.4"; one digit -> None
    (too common to say anything)."""
    plain = _THOUSANDS.sub("", token).replace(",", ".")
    if len(plain.replace(".", "")) < 2:
        return None
    return "#" + plain


def name_mark(token: str) -> str:
    """A name key where Latin "c"/"ck" and Cyrillic "к" meet ("Cordel"/"Кордел"): the
    transliteration of Cyrillic has no "c", so the same name differs there otherwise."""
    return name_skeleton(token).replace("ck", "k").replace("c", "k")[:MARK_PREFIX]


#: month and weekday names of the languages that capitalise them: "October"/"Oktober" meet
#: as marks (Latin "c" and "k" are folded together), but a calendar word is no name a reader
#: of the story page can check (``shown_marks``)
_MONTHS = frozenset(
    "january february march april may june july august september october november december"
    " januar janner februar marz mai juni juli oktober dezember".split())  # "März" -> "marz"
CALENDAR_WORDS = _MONTHS | frozenset(
    "monday tuesday wednesday thursday friday saturday sunday"
    " montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag".split())


#: what makes a month name a person's name ("Theresa May", "Mrs May", "Prime Minister May",
#: "May said", made up here): a title or a given name right before it, a speech verb right
#: after it. The story page hid "May" of a British prime minister as a calendar word
#: (twenty-seventh session's review; twenty-eighth session, helper RW)
_PERSON_BEFORE = re.compile(
    r"(?:\b(?:Mrs|Ms|Mr|Miss|Dr|Prof|Lady|Dame|Sir|Frau|Herr|Minister|Ministerin|Premier|"
    r"Premierminister|Premierministerin|PM|Chancellor|President|Secretary)\.?|"
    r"\b(?P<given>[A-Z][a-z]+))[ \t\u00a0]+$")
_SPEECH_AFTER = re.compile(r"[ \t\u00a0]+(?:said|says|told|added|sagte|sagt|erklärte)\b")


#: titles written with a full stop that ends no sentence ("Mrs. May", "Dr. Lund", made up)
TITLE_ABBREVIATIONS = frozenset(
    "Mr Mrs Ms Mx Dr Prof Sen Rep Gov Gen Col Capt Lt Sgt Rev".split())

_LOWER_BEFORE = re.compile(r"[a-zäöüß][ \t\u00a0]+$")


def _person_named(read: str, start: int, end: int) -> bool:
    """The month name at ``read[start:end]`` is a person's name (``_PERSON_BEFORE``); a
    weekday never is. A speech verb after it counts only where no lower-case word stands
    right before ("in May said" is the month; "Wednesday said" was one on SemEval-2023)."""
    if fold(read[start:end]) not in _MONTHS:
        return False
    if (before := _PERSON_BEFORE.search(read, max(0, start - 40), start)) is not None and (
            before.group("given") is None or before.group("given") in GIVEN):
        return True
    return _SPEECH_AFTER.match(read, end) is not None and _LOWER_BEFORE.search(
        read, max(0, start - 40), start) is None


def shown_marks(article: Article) -> list[tuple[str, str]]:
    """``mark_tokens`` as the story page names them, "written alike across languages":
    without the later parts of a hyphenated word and without calendar words that name no
    person. The demo's summit story listed "See" (twenty-seventh session): the English pages
    wrote it only inside the town's name "Tessin-am-See", a German one also as the noun
    "lake" ("auf See"); the name's first part ("Tessin") stands for it. The index's marks
    are unchanged."""
    return [(mark, token) for mark, token, shown, _ in _marks(article) if shown]


def mark_tokens(article: Article) -> list[tuple[str, str]]:
    """(mark, the token as written) for the capitalised tokens that do not start a sentence,
    and the numbers, of the body's first ``MARK_WORDS`` words (the title is left out: English
    headlines capitalise every word)."""
    return [(mark, token) for mark, token, _, indexed in _marks(article) if indexed]


def _marks(article: Article) -> list[tuple[str, str, bool, bool]]:
    """``mark_tokens`` with whether the story page shows the token and whether the index
    reads it. Hidden: a later part of a hyphenated word, or a calendar word that names no
    person (``shown_marks``). Shown only: a name after a title's full stop ("Mrs. May",
    "Dr. Lund"), which ended the sentence, so the name was no mark at all (twenty-ninth
    session); the index's marks stay as they were (stories are clustered on them)."""
    found: list[tuple[str, str, bool, bool]] = []
    title = article.title.strip()
    # a cut title's whole text opens the text (parallax/titles.py): it is the title, left out
    body = without_moved_title(article.text, article.notes).lstrip()
    if title and body.startswith(title):
        body = body[len(title):]
    initial = shown_initial = True
    previous = ""
    read = " ".join(body.split(" ")[:MARK_WORDS])
    for match in _TOKEN.finditer(read):
        token = match.group()
        if token in _BOUNDARY:
            initial = True
            shown_initial = not (token == "." and previous in TITLE_ABBREVIATIONS
                                 and read[match.start() - len(previous):match.start()]
                                 == previous)  # "Mrs." does not end the sentence
            previous = token
            continue
        previous = token
        if token[0].isdigit():
            if (mark := number_mark(token)) is not None:
                found.append((mark, token, True, True))
        elif not shown_initial and token[0].isupper() and len(token) >= 2 \
                and fold(token) not in STOPWORDS:
            at = match.start()
            found.append((name_mark(token), token,
                          not ((at > 1 and read[at - 1] == "-" and read[at - 2].isalpha()) or (
                              fold(token) in CALENDAR_WORDS
                              and not _person_named(read, at, match.end()))),
                          not initial))
        initial = shown_initial = False
    return found


def article_marks(article: Article) -> Counter[str]:
    """The article's marks; none for a text without a single name mark. A script without
    capital letters (Chinese, Arabic, Hindi) yields only numbers, and numbers alone would
    let the gate count against every cross-lingual link of such an article where nothing
    could match its names: it is compared across languages as before, by names and meaning."""
    marks = Counter(mark for mark, _ in mark_tokens(article))
    if all(mark.startswith("#") for mark in marks):
        return Counter()
    return marks


def cross_article(marks: dict[str, float], language: str, story: StoryState
                  ) -> tuple[float, float]:
    """Mean mark cosine between an article and the story's members of *other* languages, and
    the share of members that is (same-language pairs are the terms' to judge)."""
    if not marks:
        return 0.0, 0.0
    total, pairs = 0.0, 0
    for other, count in story.mark_count.items():
        if other != language and count:
            total += sparse_dot(marks, story.mark_sum[other])
            pairs += count
    if not pairs:
        return 0.0, 0.0
    return total / pairs, pairs / len(story.mains)


def crossed_pairs(a_counts: Mapping[str, int], b_counts: Mapping[str, int]) -> int:
    """Member pairs of two stories, both carrying marks, in two languages: the pairs
    ``cross_link`` averages over, counted without a dot product."""
    return sum(ca * cb for la, ca in a_counts.items() for lb, cb in b_counts.items()
               if la != lb)


def cross_link(a: StoryState, b: StoryState) -> tuple[float, float]:
    """The same between two stories: the mean over their member pairs in two languages."""
    total, pairs = language_pair_dots(a.mark_sum, a.mark_count, b.mark_sum, b.mark_count,
                                      same=False)
    if not pairs:
        return 0.0, 0.0
    return total / pairs, pairs / (len(a.mains) * len(b.mains))


#: a mark carried by at most this many documents of the store keeps the list of them
#: (``MarkVocabulary.carriers``: a lone report's rare names and figures, ``stories.loners``)
RARE_DF = 12


class MarkVocabulary:
    """Document frequencies of marks, which marks were seen in two languages or more, and
    which documents carry the rare ones."""

    def __init__(self) -> None:
        self.df: Counter[str] = Counter()
        self._first: dict[str, str] = {}  # the first language a mark was seen in
        self._shared: set[str] = set()
        # a mark seen once keeps its one document as a string, not a list: most marks are
        # seen once, and a list each would cost several times the memory
        self._carriers: dict[str, str | list[str]] = {}

    def count(self, marks: Counter[str], language: str, document: str | None = None) -> None:
        self.df.update(set(marks))
        for k in marks:
            if self._first.setdefault(k, language) != language:
                self._shared.add(k)
        if document is not None:
            for k in set(marks):
                n = self.df[k]
                if n == 1:
                    self._carriers[k] = document
                elif n <= RARE_DF:
                    held = self._carriers.get(k)
                    if isinstance(held, str):
                        self._carriers[k] = [held, document]
                    elif held is not None:
                        held.append(document)
                else:
                    self._carriers.pop(k, None)

    def carriers(self, mark: str) -> list[str]:
        """The documents that carry a mark seen at most ``RARE_DF`` times (else none)."""
        held = self._carriers.get(mark)
        if held is None:
            return []
        return [held] if isinstance(held, str) else held

    def attested(self, marks: Counter[str], language: str) -> Counter[str]:
        """The marks also seen in another language somewhere in the corpus. A German
        article's marks are mostly common nouns that no other language writes capitalised;
        kept, they would only dilute the names that can match. Within one ingest batch the
        whole batch is counted first, and a reload recounts the store, so this does not depend
        on arrival order beyond the batch."""
        return Counter({k: c for k, c in marks.items()
                        if k in self._shared or self._first.get(k, language) != language})


def crossing(marks: float, cross: float, names: float, weight: float, floor: float,
             gate: float, gate_weight: float) -> float:
    """What marks say of a link, on its pairs in two languages (``cross``: their share),
    where same-language terms cannot speak. Above ``floor``, the part the name keys do not
    already carry counts for it: marks are names found without entity recognition, and for
    English and Russian articles the two mostly agree, so adding both would count a shared cast
    twice (two summits of the same three leaders, undated, merged that way on the fictional
    gold). Under ``gate`` they count against, as the term floor does within one language: two
    articles in two languages that share none of their names and figures are rarely one event,
    whatever a multilingual sentence embedding says of their common theme (docs/stories.md: 425
    real German, Russian and English articles, 63 -> 29 stories across languages)."""
    bonus = weight * cross * max(0.0, marks - floor - names)
    if gate > 0 and cross > 0 and marks < gate:
        bonus -= gate_weight * cross * (gate - marks) / gate
    return bonus
