"""The header of a text dump: which line is the title, which the outlet, which the site's menu."""

from __future__ import annotations

import pytest

from parallax.segment.textdump import segment_text

BODY = ("The federal government on Wednesday presented a new law to promote renewable energy. "
        "The minister said the plan would lower costs for households and increase the security "
        "of supply.\n\n"
        "Critics from the opposition complained that the draft came too late and did not go far "
        "enough. The industry association welcomed the plans in principle but asked for longer "
        "deadlines.\n\n"
        "The law is due to be debated in parliament in the spring.\n")
#: a lead that bears out the harbour headlines below (a headline whose words the lead lacks is
#: dropped when no page-title line confirms it: ``header._checked_title``)
BRIDGE = ("The town council on Tuesday approved repairs to the harbour bridge after two years of "
          "delay. The mayor said the work would start in the spring and take six months.\n\n"
          "Residents had complained for years about the state of the bridge. Traders on the "
          "quay welcomed the decision but asked for a footpath during the works.\n\n"
          "The council will publish the timetable next week.\n")
GERMAN = ("Die Regierung kündigte am Mittwoch ein neues Energiegesetz an. Es soll den Ausbau der "
          "erneuerbaren Energien beschleunigen und die Kosten für Haushalte senken.\n\n"
          "Die Opposition kritisierte, der Entwurf komme zu spät und gehe nicht weit genug. Der "
          "Industrieverband begrüßte die Pläne grundsätzlich.\n\n"
          "Das Gesetz soll im Frühjahr im Parlament beraten werden.\n")


def test_menu_lines_at_the_top_are_navigation_not_title_or_outlet() -> None:
    seg = segment_text("Politics\nBusiness\nClimate\n\nGovernment unveils new energy law\n\n"
                       + BODY)
    main = seg.articles[0]
    assert main.title == "Government unveils new energy law"
    assert main.outlet is None
    assert not any("Business" in p for p in main.paragraphs)
    assert [b.kind for b in seg.boilerplate if b.text in ("Politics", "Business", "Climate")] \
        == ["navigation"] * 3


def test_two_menu_words_before_the_headline_give_no_outlet() -> None:
    seg = segment_text("Startseite\nPolitik\n\nRegierung kündigt neues Energiegesetz an\n\n"
                       + GERMAN)
    main = seg.articles[0]
    assert main.title == "Regierung kündigt neues Energiegesetz an"
    assert main.outlet is None


def test_site_name_then_title_gives_the_outlet_the_page_bears_out() -> None:
    """A short first line is the site's name only when the page says so too (outlet.py): on
    real pages that line is mostly a menu item or a section label (tenth session)."""
    head = "The Coastline Standard\n\nGovernment unveils new energy law\n\n"
    main = segment_text(head + BODY).articles[0]
    assert main.title == "Government unveils new energy law"
    assert main.outlet is None
    footer = "\n© 2026 The Coastline Standard. All rights reserved.\n"
    assert segment_text(head + BODY + footer).articles[0].outlet == "The Coastline Standard"


# Real dumps (issue 16, twelfth session): the title rules took a page's chrome for its headline.
# The pages below are made up; their shapes are those of real copied pages.

def test_page_title_line_on_top_points_at_the_headline_below_the_menu() -> None:
    """A copied page that starts with its ``<title>`` ("Headline | Site"), then the site's
    menu, then the headline again above the date: the headline, not a menu item (the old
    rules read the first line as a kicker and took "About" as the title)."""
    page = ("Council approves harbour bridge repairs | Saltmouth Daily\nAbout\nContact\n"
            "Archives\nLocal Life\nCouncil approves harbour bridge repairs\n"
            "November 5, 2026\n" + BODY.replace("\n\n", "\n"))
    main = segment_text(page).articles[0]
    assert main.title == "Council approves harbour bridge repairs"


def test_accessibility_and_share_links_are_never_the_headline() -> None:
    page = ("Skip to content\nSend to a Friend\nFollow @saltmouthdaily\n"
            "Council approves harbour bridge repairs\n\n" + BRIDGE)
    main = segment_text(page).articles[0]
    assert main.title == "Council approves harbour bridge repairs"


def test_no_credible_headline_gives_none_rather_than_a_menu_line() -> None:
    """A wrong headline is shown on every listing of the story; none shows the text's first
    words instead."""
    page = "Skip to content\n« Older post | Main | Newer post »\nPrevious 1 / 6 Next\n\n" + BODY
    seg = segment_text(page)
    main = seg.articles[0]
    assert main.title == ""
    assert main.paragraphs and main.paragraphs[0].startswith("The federal government")


def test_site_name_and_date_above_the_headline() -> None:
    page = ("Harbour Notes\n« Older post | Main | Newer post »\nNovember 5, 2026\n"
            "Council approves harbour bridge repairs after two years of delay\n" + BRIDGE)
    assert segment_text(page).articles[0].title \
        == "Council approves harbour bridge repairs after two years of delay"


def test_markdown_heading_marks_are_not_part_of_the_title() -> None:
    page = "# Council approves harbour bridge repairs\n\n" + BRIDGE
    assert segment_text(page).articles[0].title == "Council approves harbour bridge repairs"


MENU = "\n".join(["Home", "News", "World", "Politics", "Business", "Tech", "Science", "Health",
                  "Sport", "Culture", "Travel", "Opinion", "Video", "Podcasts", "Newsletters",
                  "About us", "Contact", "Careers", "Advertise", "Sign in"])


def test_the_page_title_lines_headline_part_when_the_rules_find_none() -> None:
    """A dump that starts with the page's title line ("Headline | Site") and then a long menu:
    the header rules find no headline above the article, so the title line's long part is
    the headline, never the site's name."""
    for first in ("Energy law unveiled by the government | The Coastline Standard",
                  "Energy law unveiled by the government | Politics | The Coastline Standard"):
        main = segment_text(f"{first}\n{MENU}\n\n" + BODY).articles[0]
        assert main.title == "Energy law unveiled by the government"
    # no part reads as a headline (two long parts): no title, as before
    first = "Energy law unveiled by the government | Coastline Standard daily news edition"
    assert segment_text(f"{first}\n{MENU}\n\n" + BODY).articles[0].title in ("", None)
    # no separator (fourteenth session, ``headline.untitled_headline``): the whole first line,
    # since the lead bears out its words (government, energy); a tagline it does not bear out
    # stays no title
    first = "Energy law unveiled by the government"
    assert segment_text(f"{first}\n{MENU}\n\n" + BODY).articles[0].title == first
    tagline = "Your daily guide to life on the coast"
    assert segment_text(f"{tagline}\n{MENU}\n\n" + BODY).articles[0].title in ("", None)


def test_the_title_lines_headline_wins_over_a_section_label_the_lead_does_not_bear_out() -> None:
    """Thirteenth session: on real dumps with the page's title line on top, the rules often
    took a section label or a blog's name above the byline for the headline. When the two
    share no words, the one whose words recur in the article's first paragraphs wins."""
    first = "Renewable power law to lower costs for households | The Coastline Standard"
    page = f"{first}\nHome\nNews\nPolitics & Society\nBy Jane Doe, March 12, 2026\n\n" + BODY
    assert segment_text(page).articles[0].title \
        == "Renewable power law to lower costs for households"
    # without the title line nothing bears the label out: no title (a wrong headline is shown
    # on every listing, a missing one as the text's first words)
    rest = "Home\nNews\nPolitics & Society\nBy Jane Doe, March 12, 2026\n\n" + BODY
    main = segment_text(rest).articles[0]
    assert main.title in ("", None)
    assert main.paragraphs[0].startswith("The federal government")
    # a headline whose words the lead holds stands without a title line
    kept = "Home\nNews\nGovernment unveils energy law\nBy Jane Doe, March 12, 2026\n\n" + BODY
    assert segment_text(kept).articles[0].title == "Government unveils energy law"


def test_a_site_tagline_on_the_first_line_does_not_replace_the_headline() -> None:
    """A dump without the title line starts with the site's name and tagline; the headline
    above the byline shares its words with the lead, the tagline does not."""
    page = ("The Coastline Standard - News for the coast and its people\nHome\nNews\n"
            "Government unveils new energy law\nBy Jane Doe, March 12, 2026\n\n" + BODY)
    assert segment_text(page).articles[0].title == "Government unveils new energy law"
    # the same page where the rules' title and the first line are one headline: no change
    same = ("Government unveils new energy law - The Coastline Standard\nHome\nNews\n"
            "Government unveils new energy law\nBy Jane Doe, March 12, 2026\n\n" + BODY)
    assert segment_text(same).articles[0].title == "Government unveils new energy law"


def test_an_html_pages_title_part_replaces_a_site_name_the_lead_does_not_bear_out() -> None:
    """Thirteenth session: on blogs trafilatura's title is often the site's name from a logo
    heading ("Harbour Notes"); the page's <title> names the post, and the lead bears it out."""
    from parallax.segment.htmlpage import segment_html

    paragraphs = "".join(f"<p>{p}</p>" for p in BRIDGE.split("\n\n"))
    page = ("<html><head><title>Council approves harbour bridge repairs | Harbour Notes</title>"
            "</head><body><div class='logo'><h1>Harbour Notes</h1></div><article>"
            f"{paragraphs}</article></body></html>")
    seg = segment_html(page)
    assert seg.title == "Council approves harbour bridge repairs"
    assert any("harbour bridge" in p for p in seg.paragraphs)


def test_the_headline_read_as_the_first_body_line_becomes_the_title() -> None:
    """Fourteenth session: a blog post's title repeated under the page's title line, above its
    posting line, was kept as the body's first line when the line model called it main text
    (the model-guided pass, here with the model's lines given), and the article had no
    title."""
    from parallax.segment.decoder import Decoder
    from parallax.segment.lines import LineClassifier, read_lines
    from parallax.segment.threads import decoder_heads, thread_marks

    head = "Council approves harbour bridge repairs"
    page = (f"{head}\nFollow:\nNews\nSport\nAbout this blog\nArchives\n{head}\n"
            "Posted by Jane Doe on November 5, 2026 at 4:14 pm\n" + BRIDGE.replace("\n\n", "\n"))

    def decode(text: str, main_from: int) -> tuple[str, list[str], list[tuple[str, str]]]:
        lines = read_lines(text)
        mask = [i == main_from or i >= main_from + 2 for i in range(len(lines))]
        heads = decoder_heads(lines, thread_marks(lines), mask)
        seg = Decoder(lines, LineClassifier(), mask, heads).run()
        return seg.articles[0].title, seg.articles[0].paragraphs, seg.trace

    title, paragraphs, trace = decode(page, 6)
    assert title == head
    assert paragraphs[0].startswith("The town council")
    assert trace[6] == (head, "title")
    # the rule itself: a first body line is the headline only when it repeats the first line
    from parallax.segment.headline import untitled_headline

    lines = read_lines(page)
    body = [line.text for line in lines[6:] if not line.text.startswith("Posted")]
    assert untitled_headline(body, lines, first_line_in_body=False) == (head, True)
    assert untitled_headline(body, lines, first_line_in_body=True) == ("", False)
    other = ["Harbour works: what we know so far", *body[1:]]
    assert untitled_headline(other, lines, first_line_in_body=False) == (head, False)
    tagline = read_lines("Your daily guide to life on the coast\n" + page.split("\n", 1)[1])
    assert untitled_headline(other, tagline, first_line_in_body=False) == ("", False)


def test_a_blogs_tag_line_is_never_the_headline() -> None:
    """Fourteenth session: Gawker-style blogs print the post's tags above it; the rules took
    that line for the headline since it shares the headline's words."""
    from parallax.segment.headline import tag_list

    assert tag_list("harbour bridge saltmouth council repairs jane doe")
    for headline in ("good couple of days on the coast", "iPad sales to rise, says analyst",
                     "harbour bridge", "Council approves harbour bridge repairs",
                     # the function words are English: a lower-case line in another language
                     # or with accents is never read as a tag list
                     "новият мост над реката ще бъде готов догодина",
                     "réforme des retraites adoptée hier soir"):
        assert not tag_list(headline)
    page = ("Home\nNews\nharbour bridge saltmouth council repairs jane doe\n"
            "By Jane Doe, November 5, 2026\n\n" + BRIDGE)
    assert segment_text(page).articles[0].title in ("", None)


#: a copied page whose headline was not copied: a site menu, a promotion, then the story
FERRY = ("Passengers on the Saltmouth to Port Ellery ferry will pay a fifth more for a return "
         "ticket from April, the operator said on Tuesday, blaming fuel costs and a new harbour "
         "levy.\n"
         "The company said the rise, the first in three years, would add about four pounds to a "
         "standard return and that season tickets would rise by less.\n"
         "Councillors in Port Ellery said the increase would hurt islanders who rely on the "
         "crossing for work and hospital visits, and called for a public meeting.\n"
         "The operator said it had held fares for as long as it could and would review them "
         "again in the autumn.\n"
         "Most read\nLifeboat crew honoured for night rescue\nCouncil approves new car park\n")


def test_a_promotion_above_an_untitled_story_is_no_headline() -> None:
    """The rules take the line above the first paragraph; a promotion sharing one word with
    the lead, with no byline or date near it and said once on the page, is not borne out
    (``titlecheck``): the article has no title rather than a wrong one, and its text is
    unchanged."""
    seg = segment_text("Harbour Gazette\nHome\nNews\nSport\nWeather\nContact\n"
                       "Win two nights at a Saltmouth spa hotel\n" + FERRY)
    main = next(a for a in seg.articles if a.role == "main")
    assert main.title == ""
    assert main.paragraphs[0].startswith("Passengers on the Saltmouth")
    assert len(main.paragraphs) == 4


def test_a_headline_above_its_byline_stays_on_the_same_page() -> None:
    seg = segment_text("Harbour Gazette\nHome\nNews\nSport\nWeather\nContact\n"
                       "Saltmouth ferry fares to rise by a fifth from April\n"
                       "By Jane Doe\n" + FERRY)
    main = next(a for a in seg.articles if a.role == "main")
    assert main.title == "Saltmouth ferry fares to rise by a fifth from April"


def test_content_words_are_remembered_per_page_and_handed_out_as_copies() -> None:
    """``content_words`` remembers the page's texts (the header, the untitled-headline rule
    and the title check read the same lead paragraphs); each caller gets its own set, and
    ``segment_text`` starts every page with an empty memo."""
    import re

    from parallax.segment import headline
    from parallax.segment.textdump import segment_text

    text = "Harbour cranes idle while the dockers' strike enters its third week."
    first = headline.content_words(text)
    assert first == set(re.findall(r"\w{4,}", text.lower()))
    first.add("mutated")
    assert "mutated" not in headline.content_words(text)
    assert text in headline._WORDS
    segment_text("A made-up page\n\nOne line of text that is long enough to be a paragraph here.\n")
    assert text not in headline._WORDS
    for k in range(headline._WORDS_KEPT + 5):  # bounded for callers that never forget
        headline.content_words(f"line number {k} with words")
    assert len(headline._WORDS) <= headline._WORDS_KEPT


def test_a_date_and_a_byline_joined_by_a_dash_are_read_apart() -> None:
    """Made up: "12 March 2026 — By Ann Lee" stayed in the article's text (or, byline first,
    became the whole date), with no author; a date range joined by a dash is no byline."""
    for line in ("March 12, 2026 — By Ann Lee", "By Ann Lee – March 12, 2026",
                 "March 12, 2026 - By Ann Lee"):
        for sep in ("\n\n", "\n"):
            seg = segment_text(sep.join(["Harbour bridge repairs approved", line, BRIDGE]))
            main = seg.articles[0]
            assert (main.published, main.author) == ("March 12, 2026", "Ann Lee"), line
            assert line not in main.paragraphs
    seg = segment_text("Harbour bridge repairs approved\n\nMarch 10 - March 12, 2026\n\n" + BRIDGE)
    assert seg.articles[0].author is None


@pytest.mark.parametrize(("line", "author", "date"), [
    ("By Ann Lee, March 12, 2026", "Ann Lee", "March 12, 2026"),
    ("by Ann Lee on Thursday, March 12, 2026 at 9:15 am", "Ann Lee", "March 12, 2026 at 9:15 am"),
    ("By Ann Lee • Mar 12, 2026", "Ann Lee", "Mar 12, 2026"),
    ("Von Anna Lehr, 12. März 2026", "Anna Lehr", "12. März 2026"),
    ("Par Anne Leroy, le 12 mars 2026", "Anne Leroy", "12 mars 2026"),
    ("Автор: Анна Лебедева, 12 марта 2026", "Анна Лебедева", "12 марта 2026"),
])
def test_a_byline_with_its_date_after_the_names_gives_both(line: str, author: str,
                                                            date: str) -> None:
    """Made up: the whole line was read as the date, with no author."""
    seg = segment_text("\n\n".join(["Harbour bridge repairs approved", line, BRIDGE]))
    main = seg.articles[0]
    assert (main.author, main.published) == (author, date)


def test_words_before_a_bylines_date_that_are_no_names_claim_no_author() -> None:
    """A posting's words between the name and the date ("… Posted on 1 pm Thursday …") make
    no name: the line is read as before (the date, no author)."""
    seg = segment_text("\n\n".join(["Harbour bridge repairs approved",
                                    "by Ann Lee. Posted on 1:00 pm Thursday Mar 12, 2026", BRIDGE]))
    assert seg.articles[0].author is None
