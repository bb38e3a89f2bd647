"""Two reports on one page, each with its own headline and byline or date: the second is an
article of its own, not glued into the first one's body. All text is made up."""

from __future__ import annotations

import pytest

from parallax.segment.lines import read_lines
from parallax.segment.reports import report_heads
from parallax.segment.textdump import segment_text

# (menu, first headline, first byline, first body, second headline, second byline, second body)
PAGES = {
    "en": ("Home | Local | Region | Sport",
           "Bridge repairs close the east road for six weeks", "By Jo Hart | March 3, 2026",
           ["The east road across the Varne bridge will close from Monday for six weeks while "
            "engineers replace the bearings, the county said.",
            "Drivers will be sent through Hollin and Marsh End, adding about twelve minutes to "
            "the journey at peak times.",
            "Buses on route 14 will run every twenty minutes instead of every fifteen."],
           "School choir wins regional title", "By Lena Moss | March 2, 2026",
           ["Pupils from Hollin Primary won the regional choir contest on Saturday with folk "
            "songs and a new piece written by their music teacher.",
            "The 28 children will represent the region at the national final in June.",
            "The head teacher said the whole school was very proud of them."]),
    "de": ("Startseite | Lokales | Region | Sport",
           "Brücke über die Auenbach wird sechs Wochen gesperrt", "Von Jana Hartl | 3. März 2026",
           ["Die Brücke über die Auenbach bleibt ab Montag sechs Wochen lang gesperrt, weil die "
            "Lager ausgetauscht werden, teilte der Landkreis mit.",
            "Autofahrer werden über Hollfeld und Marksdorf umgeleitet, was zu Stoßzeiten etwa "
            "zwölf Minuten mehr Fahrzeit bedeutet.",
            "Die Buslinie 14 fährt während der Bauarbeiten nur alle zwanzig Minuten."],
           "Schulchor gewinnt den Regionalwettbewerb", "Von Lena Moser | 2. März 2026",
           ["Der Chor der Grundschule Hollfeld hat am Samstag den regionalen Wettbewerb mit "
            "Volksliedern und einem neuen Stück ihres Musiklehrers gewonnen.",
            "Die 28 Kinder vertreten die Region im Juni beim Bundesfinale in Bergstadt.",
            "Die Schulleiterin sagte, die ganze Schule sei sehr stolz auf die Kinder."]),
    "fr": ("Accueil | Local | Région | Sport",
           "Le pont de la Varne fermé pendant six semaines", "Par Jeanne Hardy | 3 mars 2026",
           ["Le pont de la Varne sera fermé à partir de lundi pendant six semaines pour le "
            "remplacement des appuis, a annoncé le département.",
            "Les automobilistes seront déviés par Hollin et Marchais, ce qui ajoute environ "
            "douze minutes aux heures de pointe.",
            "La ligne de bus 14 passera toutes les vingt minutes pendant les travaux."],
           "La chorale de l'école remporte le concours régional", "Par Léa Moreau | 2 mars 2026",
           ["Les élèves de l'école du Moulin ont remporté samedi le concours régional de "
            "chorales avec des chansons populaires et une pièce de leur professeur.",
            "Les vingt-huit enfants représenteront la région à la finale nationale en juin.",
            "La directrice a déclaré que toute l'école était très fière des enfants."]),
    "ru": ("Главная | Город | Область | Спорт",
           "Мост через Вербу закроют на шесть недель", "3 марта 2026",
           ["Мост через реку Вербу закроют с понедельника на шесть недель: инженеры заменят "
            "опорные части, сообщили в администрации района.",
            "Водителей направят в объезд через Холмы и Заречье, в часы пик дорога займёт "
            "примерно на двенадцать минут больше.",
            "Автобусы четырнадцатого маршрута будут ходить раз в двадцать минут."],
           "Школьный хор победил на областном конкурсе", "2 марта 2026",
           ["Хор третьей школы в субботу победил на областном конкурсе с программой народных "
            "песен и новой пьесой своего учителя музыки.",
            "Двадцать восемь детей представят область на финале в июне.",
            "Директор школы сказала, что вся школа гордится своими учениками."]),
}
TAIL = ["Most read", "Council tax to rise by 4 per cent", "New cycle lane opens on Mill Street"]
#: a long menu: the page then goes straight to the model-guided pass (textdump.RULES_MAX_LINES)
MENU = [f"Section {k}" for k in range(90)]


def page(lang: str, *, second_byline: bool = True, menu: bool = False) -> list[str]:
    nav, head1, by1, body1, head2, by2, body2 = PAGES[lang]
    lines = [*MENU, nav] if menu else [nav]
    return [*lines, head1, by1, *body1, head2, *([by2] if second_byline else []), *body2,
            *TAIL]


@pytest.mark.parametrize("menu", [False, True], ids=["short page", "long menu"])
@pytest.mark.parametrize("sep", ["\n\n", "\n"], ids=["blank lines", "one block a line"])
@pytest.mark.parametrize("lang", sorted(PAGES))
def test_a_second_report_is_an_article_of_its_own(lang: str, sep: str, menu: bool) -> None:
    _, _, _, body1, head2, by2, body2 = PAGES[lang]
    seg = segment_text(sep.join(page(lang, menu=menu)) + "\n")
    main = next(d for d in seg.articles if d.role == "main")
    assert main.paragraphs == body1
    second = next(d for d in seg.articles if d.title == head2)
    assert second.role == "related"
    assert second.paragraphs == body2
    assert second.published and second.published in by2
    assert by2 not in main.paragraphs + second.paragraphs


@pytest.mark.parametrize("lang", sorted(PAGES))
def test_a_second_headline_without_a_byline_stays_a_sub_heading(lang: str) -> None:
    """Nothing tells such a headline from a crosshead: the article is read as before."""
    _, _, _, body1, head2, _, body2 = PAGES[lang]
    seg = segment_text("\n\n".join(page(lang, second_byline=False)) + "\n")
    main = next(d for d in seg.articles if d.role == "main")
    assert main.paragraphs == [*body1, head2, *body2]


def test_the_pages_own_byline_repeated_under_a_sub_heading_is_no_second_report() -> None:
    """The same author under a sub-heading ("By Jo Hart." with a full stop): one article."""
    _, head1, by1, body1, _, _, body2 = PAGES["en"]
    text = "\n\n".join([head1, by1, *body1, "What the works mean for buses", "By Jo Hart.",
                        *body2])
    seg = segment_text(text + "\n")
    assert [d.role for d in seg.articles] == ["main"]
    assert body2[-1] in seg.articles[0].paragraphs


def test_an_index_of_one_paragraph_teasers_opens_no_report() -> None:
    """A list of other articles, each a title, a byline and one sentence, has a report's
    header but no report's text: ``report_heads`` needs two paragraphs."""
    items = []
    for k, name in enumerate(["Ann Vale", "Piet Roos", "Mia Lund"]):
        items += [f"On sound recording, part {k + 1}", f"By {name}",
                  f"An essay on how the studio's four channels were set up for the {k + 1}. "
                  "album, with notes on microphones.", ""]
    lines = read_lines("\n".join(items))
    assert report_heads(lines) == {}


def test_a_numbered_archive_of_long_titles_opens_no_report() -> None:
    """A blog's archive, "<n>. <title> (<date>)" a line: a short item reads as a date line,
    and a long title has a paragraph's length but a headline's shape, so no report starts."""
    items = ["41. Harbour board meets again over the pier (May 2, 2026)",
             "42. Ferry fares (May 3, 2026)",
             "43. Why the island council still cannot agree on where the new ferry pier should "
             "go (May 4, 2026)",
             "44. What the harbour master told the inquiry about the night the old pier closed "
             "(May 5, 2026)",
             "45. Pier works start (May 6, 2026)"]
    assert report_heads(read_lines("\n".join(items))) == {}
