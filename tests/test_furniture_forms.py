"""The furniture patterns that are finite sets of phrases are tested by their folded forms
(``patterns._literal_forms``) instead of ``re``: the same answers as the regexes on our pages'
lines and on lines built from each pattern's own phrases (case, fold and edge variants)."""

from __future__ import annotations

import random
import re
from importlib import resources
from pathlib import Path

from parallax.segment.lines import read_lines
from parallax.segment.patterns import _BY_KIND, _FORMS, _holds_form, _literal_forms
from parallax.segment.prefilter import fold

ROOT = Path(__file__).resolve().parents[1]


def _lines() -> list[str]:
    corpus = Path(str(resources.files("parallax") / "demo" / "corpus"))
    files = sorted(corpus.glob("*.txt")) + sorted(
        (ROOT / "tests" / "data" / "segmentation_gold").glob("*.txt"))
    return [line.text for f in files for line in read_lines(f.read_text(encoding="utf-8"))]


def _variants(forms: tuple[tuple[bool, bool, str], ...], rng: random.Random) -> list[str]:
    out = []
    for _, _, phrase in forms:
        for text in (phrase, phrase.upper(), phrase.title(), phrase.replace("s", "ſ"),
                     phrase.replace("i", "İ"), phrase[:-1], phrase[1:]):
            out += [text, f"{text} now", f"Please {text}", f"{text}.", f"a {text} b"]
    words = [phrase for _, _, phrase in forms] + ["the", "Our", "x", "!", "—"]
    out += [" ".join(rng.choice(words) for _ in range(rng.randint(1, 5))) for _ in range(3000)]
    return out


def test_literal_forms_answer_as_the_regexes() -> None:
    assert {"newsletter", "donation_appeal", "paywall"} <= set(_FORMS)
    rng = random.Random(11)
    lines = _lines()
    for kind, forms in _FORMS.items():
        rx = _BY_KIND[kind]
        for text in lines + _variants(forms, rng):
            text = text.strip()
            assert _holds_form(fold(text), forms) == (rx.search(text) is not None), (kind, text)


def test_patterns_that_are_not_phrase_sets_keep_their_regex() -> None:
    for source in (r"read more\b", r"download (\w+ )?app", r"^(about) [^.]{2,5}$", r"a+b",
                   r"(?-i:Abc)"):
        assert _literal_forms(re.compile(source, re.IGNORECASE)) is None, source
    assert _literal_forms(re.compile("abc")) is None  # case-sensitive: no fold
    assert _literal_forms(re.compile(r"^(x|y)z?$", re.IGNORECASE)) == (
        (True, True, "x"), (True, True, "xz"), (True, True, "y"), (True, True, "yz"))


def _every_character() -> str:
    return "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)


def test_fold_reads_characters_as_ignorecase_does() -> None:
    """What ``prefilter.folded_twin`` rests on, for every character: the fold is one
    character for one, only a newline folds to a newline, word/space/digit classes (and their
    case-insensitive readings) stay what they are, and a folded literal of a twin pattern
    matches a character case-insensitively exactly when the character folds to it."""
    from parallax.segment.patterns import _TWINS
    from parallax.segment.prefilter import TWIN_UNSAFE, twin_safe

    every = _every_character()
    assert TWIN_UNSAFE == "\u0345"  # (a Greek iota folds to it: no word character)
    assert not twin_safe(fold("Ιx")) and not twin_safe("x\u0345") and twin_safe("plain")
    whole = fold(every)  # one for one, each character alone (folded in pieces: the same)
    assert len(whole) == len(every) and whole == "".join(
        fold(every[k:k + 997]) for k in range(0, len(every), 997))
    chars = "".join(c for c, f in zip(every, whole, strict=True) if f not in TWIN_UNSAFE)
    assert len(every) - len(chars) == 4  # the iotas and U+0345 itself
    folded = fold(chars)
    assert [m.start() for m in re.finditer("\n", folded)] == [chars.index("\n")]
    for category in (r"\w", r"\s", r"\d", r"[^\W\d]", r"[\w-]"):  # (and so \W, \S, \D)
        places = [m.start() for m in re.finditer(category, chars)]
        assert places == [m.start() for m in re.finditer(category, folded)], category
        assert places == [m.start() for m in re.finditer(category, chars, re.I)], category
    from parallax.segment.outlet import _DOMAIN_TWIN

    sources = [twin.pattern for twin in (*_TWINS.values(), _DOMAIN_TWIN) if twin is not None]
    literals = {ch for source in sources for ch in source if not ch.isspace()}
    for literal in sorted(literals):
        assert fold(literal) == literal
        matched = [m.start() for m in re.finditer(re.escape(literal), chars, re.I)]
        found, at = [], folded.find(literal)
        while at >= 0:
            found.append(at)
            at = folded.find(literal, at + 1)
        assert matched == found, literal


def test_folded_twins_answer_as_the_regexes() -> None:
    from parallax.segment.patterns import _TWINS
    from parallax.segment.prefilter import twin_safe

    assert {"app_download", "footer", "image_caption", "promo"} <= set(_TWINS)
    rng = random.Random(17)
    lines = _lines()
    for kind, twin in _TWINS.items():
        rx = _BY_KIND[kind]
        words = [w for w in re.split(r"[^\w'-]+", rx.pattern) if w] + [
            "©", "Reuters", "GETTY IMAGES", "ſtore", "İmage", "KELVIN \u212a", "ı", ":", "###",
            "About Us", "é", "É", "\u0130", "Foto:", "\n", "Ιota", "word\u0345"]
        made = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 6))) for _ in range(3000)]
        made += [t.upper() for t in made[:500]] + [t.title() for t in made[500:1000]]
        for text in lines + made:
            if twin_safe(fold(text)):
                assert (twin.search(fold(text)) is None) == (rx.search(text) is None), (kind,
                                                                                       text)


def test_patterns_that_read_case_get_no_twin() -> None:
    from parallax.segment.prefilter import folded_twin

    for source in (r"[a-z]+ app", r"(?-i:App)", r"(a)\1", r"Download", "ſtore", r"[^A]b"):
        assert folded_twin(re.compile(source, re.IGNORECASE)) is None, source
    assert folded_twin(re.compile("abc")) is None  # case-sensitive already
    twin = folded_twin(re.compile(r"^(photo|bild)\s*[:©]|\bgetty\b|[^.!?]{2}$", re.IGNORECASE))
    assert twin is not None and not twin.flags & re.IGNORECASE


def test_a_folded_iota_keeps_the_regex() -> None:
    """A Greek iota folds to a combining mark (no word character): the twin would miss the
    word, so such a line is searched with the pattern itself (``twin_safe``)."""
    from parallax.segment.patterns import _TWINS, boilerplate_kind
    from parallax.segment.prefilter import twin_safe

    line = "Download Ιota app"
    assert _BY_KIND["app_download"].search(line) and not twin_safe(fold(line))
    assert _TWINS["app_download"].search(fold(line)) is None
    assert boilerplate_kind(line) == boilerplate_kind(line, {"app_download"}) == "app_download"
