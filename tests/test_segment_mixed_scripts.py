"""A text dump of an article quoting whole paragraphs in other scripts (a translation piece, a
multilingual outlet): those paragraphs stay in the article where the story runs on after them,
and a reader's comment in another script under the article is still a comment. All pages are
made up."""

from __future__ import annotations

import pytest

from parallax.segment.scripts import script_of
from parallax.segment.textdump import segment_text

LEAD = ("Ministers from three island states met in Lindholm on Tuesday to agree how the ferry "
        "routes between them will be shared after the old operator went bankrupt in the spring. "
        "'It was a long night, but we have a plan,' the host, Karin Voss, told reporters.")
RUSSIAN = ("Представитель Северного острова Олег Лаптев сказал, что его остров готов взять "
           "два маршрута.")
GREEK = "Η εκπρόσωπος της Νότιας Νήσου, Ελένη Μαυρίδου, ζήτησε κοινό ταμείο για τα νέα πλοία."
ARABIC = "وقال ممثل الجزيرة الشرقية كريم ناصر إن جزيرته ستدفع ثلث تكاليف الصيانة."
CLOSING = "The ministers will meet again in March to sign the final agreement on the routes."
READERS = ["Mira: Finally some sense from the ministers.",
           "Ivo: Let us hope the boats run on time."]


def _page(body: list[str], blank: bool) -> str:
    head = ["Start | Старт | Αρχή | البداية",
            "Island states share ferry routes after operator collapse",
            "March 2, 2026 — Our correspondent"]
    return ("\n\n" if blank else "\n").join(head + body + ["Comments", *READERS]) + "\n"


@pytest.mark.parametrize("blank", [True, False], ids=["blank lines", "one block a line"])
@pytest.mark.parametrize("closing", [True, False], ids=["story runs on", "heading below"])
def test_quoted_paragraphs_in_other_scripts_stay_in_the_article(blank: bool,
                                                               closing: bool) -> None:
    body = [LEAD, RUSSIAN, GREEK, ARABIC] + ([CLOSING] if closing else [])
    seg = segment_text(_page(body, blank))
    main = next(d for d in seg.articles if d.role == "main")
    assert main.paragraphs == body
    assert seg.comments == READERS


@pytest.mark.parametrize("blank", [True, False])
@pytest.mark.parametrize("tail", [["Reply", "Good news for the islands at last, I will take "
                                   "the ferry again this summer.", "Reply"],
                                  ["About us | Contact | Terms"]], ids=["signed", "footer"])
def test_a_reader_writing_in_another_script_is_still_a_comment(blank: bool,
                                                              tail: list[str]) -> None:
    """No heading above it: a thread sign after it, or no article text after it."""
    greek = "Επιτέλους καλά νέα για τα νησιά μας, ελπίζω να ξεκινήσουν σύντομα τα δρομολόγια."
    second = ("The ministers will meet again in March to sign the final agreement on the "
              "routes and fares.")
    lines = ["Island states share ferry routes", "March 2, 2026", LEAD, second, greek, *tail]
    seg = segment_text(("\n\n" if blank else "\n").join(lines) + "\n")
    main = next(d for d in seg.articles if d.role == "main")
    assert main.paragraphs == [LEAD, second]
    assert seg.comments[0] == greek


def test_script_of() -> None:
    assert script_of(GREEK) == "greek"
    assert script_of(ARABIC) == "arabic"
    assert script_of(RUSSIAN) == "cyrillic"
    assert script_of("Ça coûte 5 € — déjà vu.") == "latin"
    assert script_of("12:40 — 3/4") is None
