"""The furniture patterns that are finite sets of phrases are tested by their folded forms
(``patterns._literal_forms``) instead of ``re``: the same answers as the regexes on our pages'
lines and on lines built from each pattern's own phrases (case, fold and edge variants)."""

from __future__ import annotations

import random
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
    import re

    for source in (r"read more\b", r"download (\w+ )?app", r"^(about) [^.]{2,5}$", r"a+b",
                   r"(?-i:Abc)"):
        assert _literal_forms(re.compile(source, re.IGNORECASE)) is None, source
    assert _literal_forms(re.compile("abc")) is None  # case-sensitive: no fold
    assert _literal_forms(re.compile(r"^(x|y)z?$", re.IGNORECASE)) == (
        (True, True, "x"), (True, True, "xz"), (True, True, "y"), (True, True, "yz"))
