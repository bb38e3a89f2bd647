"""The header of a text dump: which line is the title, which the outlet, which the site's menu."""

from __future__ import annotations

from parallax.segment.textdump import segment_text

BODY = ("The federal government on Wednesday presented a new law to promote renewable energy. "
        "The minister said the plan would lower costs for households and increase the security "
        "of supply.\n\n"
        "Critics from the opposition complained that the draft came too late and did not go far "
        "enough. The industry association welcomed the plans in principle but asked for longer "
        "deadlines.\n\n"
        "The law is due to be debated in parliament in the spring.\n")


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
    seg = segment_text("Startseite\nPolitik\n\nRegierung kündigt neues Energiegesetz an\n\n" + BODY)
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
