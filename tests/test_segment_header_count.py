"""An article's own comment count under its headline marks no thread for the line model
(``pagecontext.context_columns``' ``comments_above`` column, ``decoder_threads.header_count``),
while a thread's own count keeps marking the lines below it. All pages are made up."""

from __future__ import annotations

import pytest

from parallax.segment.lines import read_lines
from parallax.segment.pagecontext import NAMES, context_columns
from parallax.segment.textdump import segment_text
from parallax.segment.threads import thread_marks

ABOVE = NAMES.index("comments_above")

# a long menu (three category lines: 60 words of "prose" above the header), the article's
# header with its own count, eleven paragraphs and subheadings, an author box, a comment form
MENU = ["Home", "Jobs", "Find a Gardener", "Forum", "Blog",
        "Ask Us Soil and Compost Dealing with Neighbours Finding Seeds Free Plans Garden "
        "Admin Garden Design Greenhouse Comic Garden Marketing Garden Photography Pond "
        "Building Garden Writing Essentials General Getting Started Inspiration",
        "Interviews Weekly Links Making Money News Case Studies Opinion Events Product "
        "Launches Podcasts Productivity Planning Reviews The Lighter Side The Working Day "
        "Tips and Tricks Tools",
        "Popular Tags Roses Tulips Herbs Compost Bees Ponds Sheds Fences Hedges Lawns Moss "
        "Ferns Bulbs Pots Seeds Tools",
        "Resources", "About"] + [f"Sister Site {k}" for k in range(30)] + ["Advertise Here"]
HEADER = ["Gardeners: Is a Greenhouse Right for You?", "Mara Quill |", "Garden Planning",
          "| March 3rd 2026", "4 Comments"]
BODY = [
    "Is there any gardener in the whole valley who has never wondered about a greenhouse?",
    "It is the place where seedlings start early, where tomatoes ripen in a cold summer and "
    "where a gardener can work through a rainy afternoon without getting soaked to the skin.",
    "For many growers a greenhouse is the next step after raised beds, and the catalogues "
    "make it look easy, cheap and quick to build over a single long weekend in spring.",
    "But is a greenhouse a good fit for a small plot?",
    "Do you, as a weekend gardener, really need one? It is easy to be drawn in because "
    "everyone at the allotment has one, yet the costs of heating, glazing and repairs add up "
    "over the years and the space it takes is space your vegetables no longer have.",
    "Your Plants Need Light",
    "Around half of the plants sold in nurseries are raised under glass, and most of them "
    "would not survive a late frost without it. A similar share of home growers say that "
    "starting seeds indoors on windowsills gives leggy, weak seedlings that never recover.",
    "With numbers like those, you can bet that a good share of your own crops would do "
    "better with a few weeks of shelter at the start of the season before planting out.",
    "A good rule of thumb is to start with a cold frame, learn what your plants need from "
    "it for a year or two, and only then spend money on something larger and heated.",
    "Most gardeners would not dream of buying a tractor for a small plot, and the same care "
    "should go into a greenhouse: measure the light, the wind and the time you have.",
    "What do you think? Is a greenhouse right for your garden?",
]
TAIL = ["Mara Quill |", "Website |", "Other Articles",
        "Mara Quill writes about small gardens and the tools that make them easier to keep "
        "from her terrace plot on the edge of a windy town by the sea.",
        "Related Articles", "No related posts found", "Comments RSS", "Print Post",
        "Leave a Comment", "Your Name", "Email Address"]



def _page(blank: bool) -> str:
    return ("\n\n" if blank else "\n").join(MENU + HEADER + BODY + TAIL)


def _column(text: str) -> list[float]:
    lines = read_lines(text)
    return context_columns(lines, thread_marks(lines)[0])[:, ABOVE].tolist()


def test_article_count_under_headline_marks_no_thread() -> None:
    # (on the session start every line below "4 Comments" was marked after a thread's start)
    assert not any(_column(_page(False)))


@pytest.mark.parametrize("blank", [False, True])
def test_article_under_its_own_count_is_the_main_text(blank: bool) -> None:
    # the line model's block was the menu's category lines and header: 3 paragraphs lost
    seg = segment_text(_page(blank))
    main = next(a for a in seg.articles if a.role == "main")
    assert sum(p in BODY for p in main.paragraphs) >= len(BODY) - 1
    assert set(main.paragraphs) <= set(BODY)
    assert not seg.comments


def test_thread_count_over_a_listed_reader_keeps_marking() -> None:
    # a thread's count with its first reader's name and date under it as list items and her
    # three paragraphs: the "- <first> <last>" item read as a headline over a byline made the
    # count a link over an article's header (a training blog's 154 comments lost in Markdown);
    # a list item is no headline, so the lines below are after a thread's start
    text = "\n".join([
        "# Notes from the allotment",
        "The allotment society met on Saturday to plan the spring sowing, and members agreed "
        "to share seeds, tools and the big water tank by the gate for the whole season.",
        "The chair asked every plot holder to note what they sow and when, so that next year "
        "the society can tell which varieties did well in the wet corner by the river.",
        "March 3rd, 2026 | Tags: seeds, tools, water",
        "### 12 comments to Notes from the allotment",
        "- Ada Brook",
        "- March 4th, 2026 at 9:12 pm",
        "The wet corner needs drains before anything grows there, trust me on this one.",
        "We dug a trench along the fence two years ago and the beans there did well at last, "
        "though the carrots still rotted in the wettest weeks of the autumn.",
        "If the society buys the pipe, I will gladly give a weekend to lay it with whoever "
        "turns up with a spade and a flask of tea.",
        "- Ben Hale",
        "- March 5th, 2026 at 7:40 am",
        "I can bring a spade and two rakes to the next meeting if anyone needs them."])
    column = _column(text)
    assert column[5:] == [1.0] * (len(column) - 5) and not any(column[:5])
