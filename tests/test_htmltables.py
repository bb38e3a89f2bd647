"""HTML path: the block quotes trafilatura drops from a layout table's cells go back into the
article, in place, and nothing else of the row changes (``htmltables.restore_quotes``); a
one-cell layout row reads as its cell's blocks (``htmltables.layout_blocks``)."""

from __future__ import annotations

from lxml import html as lxml_html

from parallax.segment.htmlpage import PLAIN, segment_html
from parallax.segment.htmltables import layout_blocks, one_cell, restore_quotes

LEAD = " ".join(f"The harbour board met on Monday for the {n} time this year to weigh the plan "
                "for a new ferry pier at the north quay." for n in ("first", "second", "third"))
AFTER = " ".join(f"Members said the {n} draft would go to the town for comment in the spring "
                 "before any contract is signed." for n in ("new", "last"))
QUOTE = "Every vessel that berths at the pier must carry a working lamp and a fog horn."


def page(cell: str, menu: str = "Home Ferries Timetable Contact") -> str:
    """A page of the 2000s: a menu cell beside the article's cell in one layout table."""
    return ("<html><head><title>Ferry pier plan</title></head><body>"
            f"<table><tr><td>{menu}</td><td>{cell}</td></tr></table></body></html>")


QUOTED = page(f"<p>{LEAD}</p><p>The rule now reads:</p><blockquote><p>{QUOTE}</p></blockquote>"
              f"<p>{AFTER}</p>")


def test_a_quote_trafilatura_drops_from_a_table_cell_is_put_back_in_its_place() -> None:
    text = " ".join(segment_html(QUOTED).paragraphs)
    assert QUOTE in text
    assert text.index("The rule now reads:") < text.index(QUOTE) < text.index(AFTER)
    assert text.count("Every vessel") == 1


def test_the_rows_other_text_stays_as_trafilatura_wrote_it() -> None:
    """Only the quote is added: the menu cell and the paragraphs are neither lost nor doubled."""
    text = " ".join(segment_html(QUOTED).paragraphs)
    without = " ".join(segment_html(QUOTED.replace(
        f"<blockquote><p>{QUOTE}</p></blockquote>", "")).paragraphs)
    assert text.replace(f" {QUOTE}", "") == without


def test_pages_without_a_quote_in_a_cell_are_left_alone() -> None:
    paragraphs = ["| Home | " + LEAD + " |", AFTER]
    for markup in (page(f"<p>{LEAD}</p>"),
                   f"<html><body><p>{LEAD}</p><blockquote>{QUOTE}</blockquote></body></html>"):
        tree = lxml_html.fromstring(markup.encode(), parser=PLAIN)
        assert restore_quotes(tree, paragraphs) is paragraphs


def test_a_quote_the_line_already_holds_is_not_added_again() -> None:
    tree = lxml_html.fromstring(QUOTED.encode(), parser=PLAIN)
    line = f"| Home Ferries Timetable Contact | {LEAD} The rule now reads: {QUOTE} {AFTER} |"
    assert restore_quotes(tree, [line]) == [line]


def test_a_line_with_words_the_page_rows_lack_gets_the_quote_after_the_text_before_it() -> None:
    """Where writing the row again from the page would lose words of trafilatura's line (here
    an ad's text the page's cells do not hold), the quote goes in after the words before it."""
    tree = lxml_html.fromstring(QUOTED.encode(), parser=PLAIN)
    line = (f"| Home Ferries Timetable Contact | {LEAD} The rule now reads: {AFTER} "
            "Buy tickets online today |")
    [out] = restore_quotes(tree, [line])
    assert out == line.replace("The rule now reads:", f"The rule now reads: {QUOTE}")


# --- a layout cell's blocks (twenty-eighth session, helper TB) ---

FAIR = ("The county fair of Hollin Valley opens again next weekend after four years without it, "
        "the organisers said on Monday evening.")
STALLS = ("About two hundred stalls have signed up, from bee keepers to a travelling puppet "
          "theatre that last came to the valley long ago.")
BUSES = ("Visitors are asked to leave their cars at the old mill and take the shuttle bus, which "
         "runs every twenty minutes from nine in the morning.")
TICKETS = "Tickets cost five pounds at the gate."
CHILDREN = "Children under twelve go in free, the committee chair Rosa Quill told the paper."
FAIR_PAGE = ("<html><head><title>Valley fair returns - Hollin Gazette</title></head><body>"
             "<table width='100%'><tr><td colspan='2'>"
             "<h2>Valley fair returns after a long break</h2>"
             f"<p>{FAIR}</p><p>{STALLS}</p><h3>Parking and buses</h3><p>{BUSES}</p>"
             f"{TICKETS}<br><br>{CHILDREN}</td></tr></table></body></html>")


def test_a_one_cell_layout_row_reads_as_its_blocks() -> None:
    """A sub-heading in a layout cell was run into the paragraph under it: the whole cell was
    one paragraph. Each heading, paragraph and run after two line breaks is its own block."""
    paragraphs = segment_html(FAIR_PAGE).paragraphs
    assert "Parking and buses" in paragraphs, paragraphs
    for text in (FAIR, STALLS, BUSES, TICKETS, CHILDREN):
        assert text in paragraphs, (text, paragraphs)
    assert paragraphs.index(FAIR) < paragraphs.index("Parking and buses") \
        < paragraphs.index(BUSES) < paragraphs.index(CHILDREN)


def test_cutting_a_layout_row_adds_drops_or_moves_no_word() -> None:
    """The cut is read after every keep-or-drop decision and only at spaces: the words stay
    trafilatura's, in its order (a single line break, an address or a verse, does not cut)."""
    from parallax.segment.htmlpage import _extract

    page = FAIR_PAGE.replace(f"<p>{STALLS}</p>", f"<p>{STALLS}<br>Hall 2, North Road</p>")
    kept = " ".join(_extract(page, None, True)["text"].replace("|", " ").split())
    paragraphs = segment_html(page).paragraphs
    assert " ".join(paragraphs).split() == kept.split()
    assert f"{STALLS} Hall 2, North Road" in paragraphs, paragraphs


def test_a_row_whose_blocks_trafilatura_did_not_keep_in_order_is_left_whole() -> None:
    """Where the cell's blocks do not give the line's words in order, the line is not cut
    (nothing of a row is guessed)."""
    tree = lxml_html.fromstring(FAIR_PAGE.encode(), parser=PLAIN)
    line = f"| {STALLS} {FAIR} |"
    assert layout_blocks(tree, [line]) == [line]
    assert layout_blocks(tree, ["| Parking and buses |"]) == ["| Parking and buses |"]


# --- a bar of the cell's own text; a menu cell trafilatura wrote empty (thirtieth, HY) ---

HARBOUR = " ".join(f"The harbour board met on Monday for the {n} time this year to weigh the "
                   "plan for a new ferry pier at the north quay." for n in ("first", "second"))
DRAFT = ("Members said the new draft would go to the town for comment in the spring before any "
         "contract is signed.")
BLOG_PAGE = ("<html><head><title>Harbour notes: Ferry pier plan</title></head><body><table><tr>"
             "<td><ul><li><a href='/'>Home</a></li><li><a href='/a'>Archive</a></li></ul></td>"
             "<td><h1>Harbour notes</h1><p>A blog about the harbour.</p>"
             "<p><a href='/p'>Old quay lamps</a> | <a href='/'>Main</a></p>"
             f"<h3>Ferry pier plan</h3><p>{HARBOUR}</p><p>{DRAFT}</p>"
             "<p>Posted on March 1, 2009 at 6:41 AM</p></td></tr></table></body></html>")


def test_an_escaped_bar_is_the_cells_text_not_a_cells_end() -> None:
    """trafilatura escapes a bar of a cell's text ("\\|"); read as a cell's end, a one-cell row
    was taken for a row of two cells and kept its bars (the escape stays trafilatura's)."""
    line = "|  | Old quay lamps \\| Main. A post. |  |"
    assert one_cell(line) == "Old quay lamps \\| Main. A post."
    assert one_cell("| Pier | Quay |") == "| Pier | Quay |"
    assert one_cell("| Pier \\| Quay | Lamps |") == "| Pier \\| Quay | Lamps |"


def test_a_one_cell_line_from_a_row_with_a_menu_cell_reads_as_its_blocks() -> None:
    """A 2000s blog: a menu cell beside one cell holding the blog's name, a "previous | main"
    line, the post and its footer. trafilatura writes the menu cell empty, so the line is one
    cell's, but the page's row has two cells with text: the post stayed one paragraph, its
    heading run into it, where no later cut could act."""
    paragraphs = segment_html(BLOG_PAGE).paragraphs
    for text in ("Ferry pier plan", HARBOUR, DRAFT, "Posted on March 1, 2009 at 6:41 AM"):
        assert text in paragraphs, (text, paragraphs)
    assert not any("|" in p for p in paragraphs if "Main" not in p), paragraphs
    assert any(p.endswith("Old quay lamps \\| Main") for p in paragraphs), paragraphs
