"""Which dump lines get a language check (twenty-sixth session, helper P): langid is the dearest
per-line test of the decoders, and on the training sites two changes that ask it less cost no
article F1 and raised reader comments (docs/segmentation.md, "Twenty-sixth session (helper P)")."""

from __future__ import annotations

import pytest

from parallax.segment import lines as lines_module
from parallax.segment.lines import LineClassifier, read_lines


class _Says:
    """A language identifier that answers one language and counts the texts it was asked."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.asked: list[str] = []

    def detect(self, text: str, expected: str | None = None) -> str:
        self.asked.append(text)
        return self.language


@pytest.fixture
def french(monkeypatch: pytest.MonkeyPatch) -> _Says:
    says = _Says("fr")
    monkeypatch.setattr(lines_module, "_identifier", lambda: says)
    return says


def test_two_function_words_of_the_page_language_need_no_langid(french: _Says) -> None:
    clf = LineClassifier()
    # made up: two English function words ("the", "of"), no third
    assert clf.language("Harbour tolls of the northern ports rise again", "en") == "en"
    assert french.asked == []
    # one is not enough: langid decides (here: French)
    assert clf.language("Harbour tolls rise again in northern ports", "en") == "fr"
    assert french.asked == ["Harbour tolls rise again in northern ports"]


def test_a_line_under_forty_characters_gets_no_language_check(french: _Says) -> None:
    clf = LineClassifier()
    short, longer = "Vraiment superbe, bravo Marie !", \
        "Vraiment superbe reportage, bravo Marie et merci !"
    assert 25 <= len(short) < 40 <= len(longer)
    dump = read_lines(f"{short}\n{longer}")
    assert not clf.is_comment(dump[0], page_language="en", after_marker=False)
    assert clf.is_comment(dump[1], page_language="en", after_marker=False)
    assert french.asked == [longer]
