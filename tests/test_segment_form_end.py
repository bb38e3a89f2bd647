"""A comment form under the article ends the line model's main text: the sidebar of teasers
below it is neither article text nor reader comments. All pages are made up."""

from __future__ import annotations

import pytest

from parallax.segment.formend import form_end
from parallax.segment.lines import read_lines
from parallax.segment.textdump import segment_text

PARAGRAPHS = [
    "The harbour town of Wellmere voted on Tuesday to rebuild its old sea wall before the "
    "winter storms arrive.",
    "Council members said the repairs would cost about four million pounds and take most of "
    "the coming year to finish.",
    "Residents who live near the promenade told the meeting that water had reached their doors "
    "twice since October.",
    "The engineer in charge of the survey said the stones had shifted after decades of heavy "
    "waves and little upkeep.",
    "Work is due to begin in March, and the council will publish a timetable for road closures "
    "next month.",
]
# a sidebar's teasers: headline, date and the story's first sentence on one line, long enough
# to read as prose to the line model
TEASERS = [
    ("Bakery on Mill Lane wins regional prize", "The family bakery beat forty rivals with a rye "
     "loaf that the judges called the best they had tasted in years"),
    ("School choir to sing at cathedral", "Pupils from the primary school have been rehearsing "
     "every evening for the concert that will be held in December"),
    ("Ferry timetable changes from Monday", "The island ferry will leave half an hour earlier on "
     "weekdays after complaints from commuters about missed trains"),
    ("New library opens its doors", "Hundreds of readers queued outside the new library on "
     "Saturday morning to see the reading rooms for the first time"),
    ("Fishing fleet returns early", "Skippers brought their boats home two days ahead of plan "
     "as the forecast warned of gales along the whole coast"),
    ("Market square to get new lighting", "The council has approved a plan to replace the old "
     "lamps in the square with brighter ones that use less power"),
    ("Local runner sets course record", "A teacher from the town finished the coastal half "
     "marathon in a time that nobody had managed in twenty years"),
    ("Museum shows shipwreck finds", "Divers who explored the wreck off the point last summer "
     "have lent the museum coins, plates and a ship's bell"),
]
FORM = ["Leave a Reply", "Enter your comment here...", "Name (required)", "Email (required)",
        "Website", "Notify me of new posts via email."]


def page(*, blank: bool, paragraphs: list[str] = PARAGRAPHS) -> str:
    lines = ["Wellmere Gazette", "Home", "News", "Sport", "What's On", "Contact",
             "Sea wall to be rebuilt before winter", "By Anna Price", "March 3, 2026",
             *paragraphs, "Share this:", "Twitter", "Facebook", *FORM,
             "Latest from the Gazette", *(f"{t}… Mar03 {s}." for t, s in TEASERS),
             "About us", "Advertise", "© 2026 Wellmere Gazette"]
    return ("\n\n" if blank else "\n").join(lines)


@pytest.mark.parametrize("blank", [False, True])
def test_teasers_below_the_comment_form_are_not_the_article(blank: bool) -> None:
    # before: the model's block ran on past the form, and the form's fields and all eight
    # teasers became article paragraphs (18 in all)
    seg = segment_text(page(blank=blank))
    main = next(a for a in seg.articles if a.role == "main")
    assert main.paragraphs == PARAGRAPHS
    assert main.title == "Sea wall to be rebuilt before winter"
    assert seg.comments == []
    kinds = {b.text: b.kind for b in seg.boilerplate}
    assert kinds["Leave a Reply"] == "comment_form"
    assert all(f"{t}… Mar03 {s}." in kinds for t, s in TEASERS)


def test_a_form_above_the_article_or_under_a_short_post_ends_nothing() -> None:
    # a "Leave a comment" link under the headline stands before any prose of the article
    lines = read_lines("Sea wall to be rebuilt\nLeave a comment\n" + "\n".join(PARAGRAPHS))
    assert form_end(lines, [True] * len(lines)) is None
    # one sentence above the form: too little to be the article on its own (a photo post's
    # caption; cutting there left a low-confidence block of the sidebar)
    short = read_lines("\n".join([PARAGRAPHS[0], PARAGRAPHS[1][:60], "Leave a Reply",
                                  *PARAGRAPHS[2:]]))
    assert form_end(short, [True] * len(short)) is None
    # enough article above it: the form ends it
    full = read_lines("\n".join([*PARAGRAPHS, "Leave a Reply", *PARAGRAPHS]))
    assert form_end(full, [True] * len(full)) == len(PARAGRAPHS)
    # German: "Kommentar schreiben" under the article's paragraphs
    german = ["Die Hafenstadt Wellmere hat am Dienstag beschlossen, die alte Ufermauer vor den "
              "Winterstürmen neu zu bauen.",
              "Die Arbeiten sollen rund vier Millionen Euro kosten und fast das ganze kommende "
              "Jahr dauern.",
              "Anwohner an der Promenade sagten, das Wasser habe seit Oktober zweimal vor ihrer "
              "Tür gestanden.",
              "Der Ingenieur, der die Mauer untersucht hat, sagte, die Steine hätten sich nach "
              "Jahrzehnten schwerer Wellen verschoben.",
              "Kommentar schreiben", "Neue Bäckerei am Mühlweg gewinnt den Preis der Region, "
              "teilte die Jury am Montag mit."]
    lines_de = read_lines("\n".join(german))
    assert form_end(lines_de, [True] * len(lines_de)) == 4
    # nothing of the model's main text below the form: nothing to end
    assert form_end(full, [True] * len(PARAGRAPHS) + [False] * (len(full) - 5)) is None
