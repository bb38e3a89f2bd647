"""A page's menu, form and heading words standing alone are no names; the same words in a
sentence, in a longer name or as a name part of the article are left alone (made-up text;
real counts in docs/enrichment.md, "Seventeenth session (helper G)")."""

from __future__ import annotations

from tests.test_enrich_not_names import _names

from parallax.enrich.interface_words import is_interface_word
from parallax.records import Mention

PAGE = ("Home | News | Login | Search\n"
        "Harbour council approves new ferry plan\n"
        "Share\n"
        "Mayor Lena Broadwick said on Monday that the ferry from Kestrel Bay would run twice "
        "a day.\n"
        "Info\n"
        "Size\n")


def test_a_lone_interface_word_on_a_real_page_is_no_name() -> None:
    names = _names(PAGE)
    assert "Info" not in names
    assert {"Lena Broadwick", "Kestrel Bay"} <= names


def _mention(text: str, word: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return Mention(word, start, start + len(word), "ORG", word)


def test_labels_rows_and_lines_go_sentences_and_name_parts_stay() -> None:
    from parallax.enrich.interface_words import drop_interface_words

    text = ("Startseite · Suche · Anmelden\n"
            "Page\n"
            "Larry Page opened the new quay.\n"
            "Comments (12)\n"
            "Officials said News would follow and Share prices rose at the close of trading "
            "on Friday.\n"
            "Apple\n"
            "Column by Tove Ardel [ Email her ]\n")
    lone = [_mention(text, "Suche"), _mention(text, "Comments"), _mention(text, "Email")]
    kept = [_mention(text, "News"), _mention(text, "Share"), _mention(text, "Apple")]
    part = [Mention("Larry Page", text.index("Larry"), text.index("Larry") + 10, "PERSON",
                    "Larry Page"), _mention(text, "Page")]
    assert drop_interface_words(lone + kept, text) == kept
    assert drop_interface_words(part, text) == part  # "Page" is Larry Page's name here
    assert drop_interface_words([_mention(text, "Suche")], text, {"suche"})  # a known alias


def test_a_form_label_run_on_into_its_help_text_is_no_name() -> None:
    # twenty-third session (helper E): the label opens its line, a sentence follows it
    text = "Pick one below.\nEmail *\nEmail This field is required and stays private.\n"
    assert is_interface_word(_mention(text, "Email", 1), text, set())
    prose = "Email The Courier with your tips, the editor wrote.\n"
    assert not is_interface_word(_mention(prose, "Courier"), prose, set())
