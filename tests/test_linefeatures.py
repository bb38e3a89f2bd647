"""The fast paths of text-dump segmentation give the answers of the straightforward code.

``read_lines`` looks furniture/time patterns up once per page (``prefilter.LiteralIndex``) and
the line model's base features are computed for the whole page with numpy
(``linefeatures``); both must agree exactly with the per-line definitions on our own pages and
on lines written to hit the edge cases (case folding, astral characters, separators)."""

from __future__ import annotations

import copy
import re
from importlib import resources
from pathlib import Path

import numpy as np
import pytest

from parallax.segment import linemodel
from parallax.segment.dates import may_hold_date, parse_absolute
from parallax.segment.linefeatures import symbol_start
from parallax.segment.lines import (
    _META_FIRST,
    BULLET,
    BYLINE,
    BYLINE_ROLE,
    OUTLET_TIME,
    TIME_ONLY,
    Line,
    LineClassifier,
    _lines_with,
    _nav_and_dated,
    meta_kind,
    read_lines,
)
from parallax.segment.patterns import (
    _KINDS,
    COMMENTS_HEADING,
    NAV_CHARS,
    RELATED_HEADING,
    boilerplate_kind,
    comments_start,
    comments_start_lines,
    is_navigation,
    lines_of,
    page_index,
)
from parallax.segment.prefilter import (
    LiteralIndex,
    first_characters,
    fold,
    required_literals,
)

ROOT = Path(__file__).resolve().parents[1]
EDGE = """\
HOME | World | Sport | Ｂusiness
İmprint · Datenschutz · ſupport us
Photo: Getty Images
Copyright © 2026 The Paper. All Rights Reserved.
Please DONATE today — your contribution keeps us going.
Read more on this: https://example.com/story.html
Der Artikel erschien vor 3 Stunden
Reuters 2 hours ago
By Jane Doe, Staff Reporter
Jane Doe is a columnist for The Paper and writes about climate.
\U0001F600 Emoji line with ÄÖÜ and İstanbul and 12.03.2026 dates.
Tabs\tand   wide   gaps   here
1) Numbered marker line. Another sentence follows! And a third? Yes.
# A Markdown heading
Related stories
Comments (3)
   trailing spaces stripped   \n\n
ΑΣ ΠΟΛΙΣ. Ἀθῆναι ſeſſion KELVIN K
• Reuters, 2 hours ago
Автор: Иван Петров
von Hans Müller
Politics\u00a0World\u2009Sport
Updated12 March 2020
Posted 3/4/26 at 10:30
""" + "A long paragraph line that continues without punctuation " * 3 + (
    "\nMore from " + "the newsroom about things " * 16 + "\nComments:\n" + "word " * 61)


def _pages() -> list[str]:
    corpus = Path(str(resources.files("parallax") / "demo" / "corpus"))
    files = sorted(corpus.glob("*.txt")) + sorted(
        (ROOT / "tests" / "data" / "segmentation_gold").glob("*.txt"))
    assert files, "no fixture pages"
    return [f.read_text(encoding="utf-8") for f in files] + [EDGE, EDGE.replace("\n", "\n\n")]


@pytest.mark.parametrize("page", _pages())
def test_fast_base_features_equal_reference(page: str) -> None:
    lines = read_lines(page)
    assert np.array_equal(linemodel.base_features(lines), linemodel.reference_base(lines))
    assert linemodel.features(lines).shape == (len(lines), len(linemodel.NAMES))


@pytest.mark.parametrize("page", _pages())
def test_page_lookup_gives_per_line_answers(page: str) -> None:
    for line in read_lines(page):
        text = line.text
        assert line.phrase_kind == boilerplate_kind(text), text
        assert line.meta == meta_kind(text), text
        heading = "related" if RELATED_HEADING.match(text) else (
            "comments" if COMMENTS_HEADING.match(text) else None)
        assert line.heading == heading, text


@pytest.mark.parametrize("page", _pages())
def test_comment_headings_found_by_literals_are_the_matching_lines(page: str) -> None:
    texts = [line.text for line in read_lines(page)] + [
        "104", "Comments", "SHARES", "12 responses to “A story”", "## 3 Comments",
        "Leserkommentare"]
    assert comments_start_lines(texts) == {i for i, t in enumerate(texts) if comments_start(t)}
    assert comments_start_lines([]) == set()


def test_first_characters_bound_every_match() -> None:
    """The marker column tries only lines starting with a symbol: every character a marker
    match can start with is in ``first_characters`` (a digit as "0"), and none is a letter."""
    first = first_characters(linemodel._MARKER.pattern, linemodel._MARKER.flags)
    assert first is not None and symbol_start(linemodel._MARKER)
    for code in range(0x10000):
        char = chr(code)
        if linemodel._MARKER.match(char + ". ") or linemodel._MARKER.match(char + " "):
            assert char in first or (char.isdecimal() and "0" in first), hex(code)
            assert not char.isalpha() and not char.isspace(), hex(code)
    assert first_characters(r"^(ab|c+d)") == frozenset("ac")
    assert first_characters(r"^(a?b)") is None  # the first part can be empty
    assert first_characters(r"(?i)^x") is None  # "x" and "X"
    assert first_characters(r"^[^a]") is None
    assert first_characters(r"(?i)^[#-]") == frozenset("#-")


def test_short_language_model_in_c_order_scores_as_in_fortran_order() -> None:
    from parallax.enrich.language import _models

    _, short = _models()
    assert short.nb_ptc.flags["C_CONTIGUOUS"]
    fortran = copy.copy(short)
    fortran.nb_ptc = np.asfortranarray(short.nb_ptc)
    for text in ("Newer Post Older Post Home", "Guten Tag, wie geht es", "Привет, как дела?",
                 "Human Resources & Personnel", "Le ministre a dit", "¿Qué tal?"):
        assert short._decide(text).tobytes() == fortran._decide(text).tobytes(), text


@pytest.mark.parametrize("page", _pages())
def test_function_word_count_stops_early_with_the_same_answer(page: str) -> None:
    from parallax.segment.lines import FUNCTION_WORDS, _holds_words, _tokens

    for text in [line.text for line in read_lines(page)] + ["The, (the) THE and of", "a b c"]:
        for words in FUNCTION_WORDS.values():
            for count in (1, 3, 5):
                assert _holds_words(text, words, count) == (len(_tokens(text) & words) >= count)


def test_fold_remembers_only_the_same_page() -> None:
    page = "Ａ page with ſ and İ " * 80
    assert fold(page) == fold(page) == fold(page, page.lower())
    assert fold(page + "x") == fold(page) + "x"
    assert fold("ABC") == "abc" and fold("ÄſK", "äſk") == "äsk"


def test_required_literals_are_in_every_match() -> None:
    for _, source in _KINDS:
        literals = required_literals(source)
        assert literals, source
    for rx in (OUTLET_TIME, TIME_ONLY, BYLINE_ROLE, RELATED_HEADING, COMMENTS_HEADING):
        literals = required_literals(rx.pattern)
        assert literals
        for text in _pages()[-1].splitlines():
            if rx.search(text):
                assert any(lit in fold(text) for lit in literals), text
    assert required_literals(r"^(x|y)$") == frozenset({"x", "y"})
    assert required_literals(r"\w+") is None
    assert required_literals(r"download (the|our)? ?app") == frozenset({"download "})


@pytest.mark.parametrize("page", _pages())
def test_index_finds_every_literal_in_its_line(page: str) -> None:
    index = page_index()
    texts = [line.text for line in read_lines(page)]
    for text, found in zip(texts, index.candidates(texts), strict=True):
        folded = fold(text)
        expected = {name for literal, names in index.names.items() if literal in folded
                    for name in names}
        assert found == expected, text


def test_shortcuts_of_the_line_reader_hold() -> None:
    """The tests read_lines skips are exactly the ones that cannot answer: a byline or bullet
    starts with one of _META_FIRST, navigation needs a separator or a wide gap, a date has
    four digits in a row."""
    assert BYLINE.pattern.startswith(r"^(?:by|von|автор:?|par|por)\s")
    assert BULLET.pattern.startswith(r"^[•·*]")
    first = re.compile(r"[•·*bvаp]", re.IGNORECASE)
    assert {ch for ch in map(chr, range(0x10000)) if first.match(ch)} == _META_FIRST
    for text in [*_pages()[-1].splitlines(), "Home | World", "A\tB\tC", "Home  World  Sport"]:
        if is_navigation(text.strip()):
            assert any(ch in NAV_CHARS for ch in text) or "  " in text, text
    for text in ("26.10.2026", "Oct 26, 2026", "2026-10-26", "4. März 2026", "12 de mayo de 2026"):
        assert parse_absolute(text) and may_hold_date(text)
    assert not may_hold_date("Oct 26, 26") and parse_absolute("Oct 26, 26") is None


@pytest.mark.parametrize("page", [*_pages(), "Year ١٢٣٤ in Arabic-Indic\nFull ２０２６ wide\n"
                                  "a\u2003b\u00a0c\nno  gap 123\n12\n3456\n", "a", "ab  ",
                                  "x\x1cy\u3000z\u200bw\u2028v\tu\x85t",
                                  "digits 𝟐𝟎𝟐𝟔 astral\nHome | World\n"])
def test_code_point_scan_finds_the_lines_of_the_regex_scans(page: str) -> None:
    """``_nav_and_dated`` (one table lookup over the page) marks the lines the three ``re``
    scans mark: a ``NAV_CHARS`` character or two spaces, four decimal digits in a row."""
    from itertools import accumulate

    from parallax.segment.lines import _NAV_LINE, _YEAR_LINE

    texts = [t for t in (ln.strip() for ln in page.splitlines()) if t]
    joined = "\n".join(texts)
    ends = list(accumulate(len(t) + 1 for t in texts))
    nav, dated, words = _nav_and_dated(joined, ends)
    assert nav == lines_of(_NAV_LINE, joined, ends) | _lines_with(joined, "  ", ends)
    assert dated == lines_of(_YEAR_LINE, joined, ends)
    assert words is None or words == [len(t.split()) for t in texts]


def test_share_buttons_shortcut_holds() -> None:
    """``patterns.always_kind`` skips the regex on a line of more than SHARE_PHRASE_WORDS words
    whose first letter is none of SHARE_FIRST: true while share_buttons is the only pattern
    tried on every line and reads ``^(share…|phrase|…)$`` with literal phrases."""
    from re import _constants as C  # type: ignore[attr-defined]
    from re import _parser as P  # type: ignore[attr-defined]

    from parallax.segment.patterns import _ALWAYS, SHARE_FIRST, SHARE_PHRASE_WORDS, always_kind

    assert [kind for kind, _ in _ALWAYS] == ["share_buttons"]
    rx = _ALWAYS[0][1]
    (at_start, group, at_end) = list(P.parse(rx.pattern, rx.flags))
    assert at_start == (C.AT, C.AT_BEGINNING) and at_end == (C.AT, C.AT_END)
    (branch_op, (_, branches)), = list(group[1][3])
    assert branch_op is C.BRANCH
    assert [chr(av) for _, av in branches[0][:5]] == list("share")
    for branch in branches[1:]:
        assert all(op is C.LITERAL for op, _ in branch)
        assert len("".join(chr(av) for _, av in branch).split()) <= SHARE_PHRASE_WORDS
    assert {ch for ch in map(chr, range(0x10000)) if re.match("s", ch, re.I)} == set(SHARE_FIRST)
    for text in ("ſhare this story with your friends today", "Copier le lien", "Share",
                 "Tweet", "Print this page for later reading"):
        assert always_kind(text, len(text.split())) == _first(text), text


def _first(text: str) -> str | None:
    from parallax.segment.patterns import _ALWAYS

    return next((kind for kind, rx in _ALWAYS if rx.search(text)), None)


def _max_gaps(seq: object) -> int:
    """The most runs of whitespace a match of the parsed regex can hold (one ``\\s+`` or one
    literal space is one run); fails on anything else that could match whitespace."""
    from re import _constants as C  # type: ignore[attr-defined]

    gaps = 0
    for op, av in seq:  # type: ignore[attr-defined]
        if op is C.LITERAL:
            gaps += chr(av).isspace()
        elif op is C.IN:
            assert all(item is not C.CATEGORY or code in (C.CATEGORY_DIGIT, C.CATEGORY_WORD)
                       for item, code in av), av
            assert not any(chr(code).isspace() for item, code in av if item is C.LITERAL)
        elif op is C.SUBPATTERN:
            gaps += _max_gaps(av[3])
        elif op is C.BRANCH:
            gaps += max(_max_gaps(branch) for branch in av[1])
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT):
            _, high, inner = av
            inner = list(inner)
            if inner[0][0] is C.IN and inner[0][1] == [(C.CATEGORY, C.CATEGORY_SPACE)]:
                gaps += 1  # \s+ (or \s*): one run however long
            else:
                each = _max_gaps(inner)
                assert each == 0 or high != C.MAXREPEAT, inner
                gaps += each * (high if each else 0)
        else:
            assert op is C.AT, (op, av)
    return gaps


def test_outlet_time_without_the_lazy_scan_answers_as_the_pattern() -> None:
    """``lines.outlet_time`` tries the time only within the line's last TIME_WORDS words."""
    from re import _parser as P  # type: ignore[attr-defined]

    from parallax.segment.dates import RELATIVE_TEXT
    from parallax.segment.lines import TIME_WORDS, outlet_time

    assert _max_gaps(P.parse(RELATIVE_TEXT, re.IGNORECASE)) + 1 == TIME_WORDS
    texts = [line for page in _pages() for line in page.splitlines()]
    for stem in ("Reuters", "The Daily Paper of Record and More", "x", "Foo12", "a b c d e f g"):
        for time in ("2 hours ago", "an hour ago", "vor 3 Stunden", "il y a 3 jours",
                     "hace 2 días", "5 минут назад", "2 дні тому", "yesterday", "just now",
                     "2 hours ago.", "2  hours\u00a0ago"):
            texts += [f"{stem} {time}", f"{stem}{time}", f"{stem} · {time}", time,
                      f" {stem} {time}", f"{stem} {time} ", f"{stem} {time}\n"]
    for text in texts:
        assert outlet_time(text) == (OUTLET_TIME.match(text) is not None), repr(text)


def test_fold_of_ascii_text_is_its_lowercase() -> None:
    """``fold``'s shortcut: no character it maps (nor ``İ``) is ASCII."""
    from parallax.segment.prefilter import _DOTTED_I, _FOLD

    assert _FOLD and not any(code < 128 for code in [*_FOLD, *_DOTTED_I])
    text = "".join(map(chr, range(128)))
    assert fold(text) == text.lower()
    assert fold("Straße ſ İ K") == "straße s i k"


def test_index_finds_overlapping_and_case_folded_literals() -> None:
    index = LiteralIndex({"a": "read more", "b": "more on this", "c": "support", "d": "^x$"})
    assert index.always == frozenset({"d"})
    found = index.candidates(["READ MORE ON THIS", "ſupport", "nothing", "İmprint"])
    assert found == [{"a", "b"}, {"c"}, set(), set()]
    assert re.search("support", "ſupport", re.IGNORECASE)  # what fold() mirrors


def test_language_asked_only_when_it_can_change_the_answer() -> None:
    clf = LineClassifier()
    lines = read_lines("Ein Kommentar in deutscher Sprache, der nichts mit dem Text zu tun hat\n"
                       "Subscribe to our newsletter for the latest updates every week\n")
    for line in lines:
        for after in (False, True):
            assert clf.is_comment(line, page_language="en", after_marker=after) == (
                clf.comment(line, page_language="en", after_marker=after) > 0)
    index = page_index()
    assert "share_buttons" in index.always


def test_fast_base_features_on_unstripped_lines() -> None:
    """Lines not from read_lines (trailing spaces, an empty line) take the per-line tests."""
    lines = [Line(text, k, False, len(text.split()), None, 1, None, None)
             for k, text in enumerate(["A title line: ", "Ends here. ", "", "x, y; z"])]
    assert np.array_equal(linemodel.base_features(lines), linemodel.reference_base(lines))


def test_stop_words_with_stripped_runs_at_their_ends_are_counted() -> None:
    # the variant set holds one stripped character per end; longer runs are tested one by one
    page = ('("The cat," she said: "and." ((of)) «the» ,,the;; the.") — (it)\n'
            "The end... of it!? “The” „und“ der.\n" + "word (the) of " * 30)
    for text in (page, page.replace("The end", "İ end")):  # İ: lowering moves the places
        lines = read_lines(text)
        assert np.array_equal(linemodel.base_features(lines), linemodel.reference_base(lines))


def test_fold_and_lower_are_fold_and_lower() -> None:
    from parallax.segment.prefilter import fold_and_lower

    for page in ("ASCII Page " * 120, "Ａ page with ſ and ÄÖ " * 80, "İstanbul İ " * 120,
                 "short Ä"):
        for _ in range(2):  # the second time from the remembered page
            assert fold_and_lower(page) == (fold(page), page.lower())


def test_sentence_gaps_on_quotes_spaces_and_newlines() -> None:
    page = ('End. Next." "Quoted. \u00a0 \tÀ la. ?(Z ok!)  “Ё. . .\n. А\n."\n"B\n?»  «'
            "Д\nnot. a match. 1. 2? 3!\t\tX.\nY.”" + " " * 3 + "\u2009“Q")
    for text in (page, page + "\U0001F600. Emoji. Ä"):
        lines = read_lines(text)
        assert np.array_equal(linemodel.base_features(lines), linemodel.reference_base(lines))


def test_share_phrase_lookup_answers_as_the_regex() -> None:
    """``patterns.always_kind`` looks the folded line up among share_buttons' phrases and
    prefixes (``patterns._whole_line``) before its regex: the same answer on every short line
    of the fixture pages and on case, fold and suffix variants of every phrase."""
    from parallax.segment.patterns import _WHOLE, always_kind

    assert _WHOLE is not None
    phrases, prefixes = _WHOLE
    texts = [line.text for page in _pages() for line in read_lines(page) if line.words <= 3]
    for phrase in sorted(phrases) + list(prefixes):
        texts += [phrase, phrase.upper(), phrase.title(), phrase.replace("s", "ſ"),
                  phrase.replace("k", "\u212a"), phrase + "s", phrase + " now", "my " + phrase,
                  phrase[:-1], phrase.replace("i", "İ")]
    texts += ["Share", "SHARE this", "Shareholders", "share-this", "x", "X", "×"]
    for text in texts:
        assert always_kind(text, len(text.split())) == _first(text), text


def test_fast_base_features_on_a_line_too_long_for_the_packed_counts() -> None:
    """Lines of 4,095 characters or more take the per-class sums (``linefeatures``' packed
    12-bit counts would carry): same features as the reference."""
    long_line = "Word, an example; 42 Words. " * 200
    lines = read_lines(f"Title\n{long_line}\nshort tail")
    assert max(len(line.text) for line in lines) >= 4095
    assert np.array_equal(linemodel.base_features(lines), linemodel.reference_base(lines))


def _parse_absolute_ungated(text: str) -> str | None:
    """``dates.parse_absolute`` without its literal and day/month gates (the definition)."""
    from parallax.segment import dates

    if m := dates._ISO.search(text):
        y, mo, d, hh, mm, ss = m.groups()
        return f"{y}-{mo}-{d}T{hh}:{mm}:{ss or '00'}" if hh else f"{y}-{mo}-{d}"
    if m := dates._DMY.search(text):
        d, mo, y = (int(g) for g in m.groups())
        if 1 <= mo <= 12 and 1 <= d <= 31:
            return f"{y:04d}-{mo:02d}-{d:02d}"
    for m in dates._WORDY.finditer(text):
        if m.group(1):
            d, month, y = int(m.group(1)), dates._month(m.group(2)), int(m.group(3))
        else:
            month, d, y = dates._month(m.group(4)), int(m.group(5)), int(m.group(6))
        if month and 1 <= d <= 31:
            return f"{y:04d}-{month:02d}-{d:02d}"
    return None


def test_date_gates_give_the_ungated_answers() -> None:
    """``parse_absolute`` looks for a "-", a ".", a day number and a month name before its
    regexes: the same dates on every fixture line and on dates written to hit the gates."""
    texts = [line.text for page in _pages() for line in read_lines(page)]
    texts += ["12. März 2020", "March 12, 2020", "Oct. 5, 2012 at 9:42", "2020-03-12T10:30",
              "12.03.2020", "12 de marzo de 2020", "November 2012 (5)", "5\u00a0mai 2020",
              "ДЕКАБРЯ 3, 2019", "3 ДЕКАБРЯ 2019", "İ 5 Ekim 2020", "Posted 7 Nov 2012",
              "1st May 2020", "May 1st, 2020", "١٢ March 2020", "12\tjuin\t2021", "Jul 4,2020",
              "4. Juli 2020", "Σ 4 Sept 2020", "x4 May 2020", "4,  May 2020", "Mai 4 2020"]
    for text in texts:
        assert parse_absolute(text) == _parse_absolute_ungated(text), text


def test_navigation_split_shortcut_gives_the_regex_answers() -> None:
    """``patterns.is_navigation`` splits a single-spaced line at " | " (a literal-led
    pattern) and skips lines with too many words for their marks: the answers of the
    ``NAV_SPLIT`` definition on generated lines."""
    import random

    from parallax.segment.patterns import NAV_SPLIT

    def definition(text: str) -> bool:
        if text.rstrip().endswith((".", "!", "?")):
            return False
        if " ".join(text.split()) == text and not any(c in text for c in "|·•/"):
            return False
        parts = [p for p in NAV_SPLIT.split(text) if p.strip()]
        return len(parts) >= 3 and all(len(p.split()) <= 3 for p in parts)

    rng = random.Random(7)
    pieces = ["Home", "News", "|", "/", "·", "•", "and/or", "a", "b c", "World", "x|y", "||",
              "| |", "\u00a0|", "Sport.", "go!", "Über uns"]
    found = 0
    for _ in range(20_000):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(1, 16)))
        if rng.random() < 0.3:
            text = text.replace(" ", rng.choice(["  ", "   ", "\t", "\u2009"]), 1)
        text = text.strip()
        if text:
            found += is_navigation(text)
            assert is_navigation(text) == definition(text), text
    assert found > 1000  # the generated lines hold navigation


def test_sentence_gaps_by_their_stops_are_the_pattern_s() -> None:
    """The sentence gaps counted per line from one pattern per stop character
    (``linefeatures.literal_led``) are the gap pattern's own matches, line by line, on
    generated pages dense in stops, quotes, spaces, capitals and line breaks."""
    import random

    from parallax.segment.linefeatures import _per_line, line_safe, literal_led

    gap = linemodel._SENTENCE_GAP
    split = literal_led(line_safe(gap))
    assert [first for first, _ in split] == [".", "!", "?"]
    alphabet = [*".!?\"”»)“«( \t\u00a0\u2009AZÄÀÝЁЯaзé1", "\n", ". A", "?» «Б", "!) (X"]
    rng = random.Random(5)
    for _ in range(3000):
        texts = [t.strip() or "x" for t in "".join(
            rng.choice(alphabet) for _ in range(rng.randint(1, 60))).split("\n")]
        page = "\n".join(texts)
        starts = np.cumsum([0] + [len(t) + 1 for t in texts[:-1]])
        got = _per_line(split, page, starts, len(texts))
        assert got.tolist() == [float(len(gap.findall(t))) for t in texts], texts
    assert literal_led(re.compile("a|b")) == (("", re.compile("a|b")),)  # another shape
