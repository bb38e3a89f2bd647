"""The twenty-eighth session's review (helper R): what the session's commits got wrong on
inputs other than their tests'. Every text is made up."""

from __future__ import annotations

from pathlib import Path

from tests.test_enrich_shown_as_written import _speaker_of

_GERMAN = ("Die Regierung hat am Dienstag einen neuen Vorschlag zur Energiepolitik erhalten. "
           "Der Entwurf sieht höhere Abgaben für Kohlekraftwerke vor.\n\n"
           "„Wir prüfen den Vorschlag sehr genau“, sagte {who} am Mittwoch.\n\n"
           "Die Opposition kritisierte den Entwurf als zu teuer.\n")
_ENGLISH = ("Talks on the harbour deal ended in Vell on Tuesday without a signature.\n\n"
            "\"We will not sign this deal,\" said {who} after the meeting.\n\n"
            "The envoys left the city on Wednesday.\n")


def test_a_role_noun_as_written_takes_an_article_only_as_a_whole_word() -> None:
    """c993b6a shows a role noun outside its holder's term as written, with the article
    before it; the article was found as the last three letters before the noun, so
    "jeder Bundeskanzler" ("every chancellor") and "wieder Bundeskanzler" were shown as
    "der Bundeskanzler", words the article does not say. A whole-word article still joins."""
    dated = "2019-03-14"
    for who in ("jeder Bundeskanzler", "wieder Bundeskanzler", "oder Bundeskanzler"):
        shown = _speaker_of(_GERMAN.format(who=who), dated, "Wir prüfen")
        assert shown == "Bundeskanzler", (who, shown)
    assert _speaker_of(_GERMAN.format(who="der Bundeskanzler"), dated,
                       "Wir prüfen") == "der Bundeskanzler"
    assert _speaker_of(_ENGLISH.format(who="Mr Lathe US president"), "2022-06-02",
                       "We will") != "the US president"
    assert _speaker_of(_ENGLISH.format(who="the US president"), "2022-06-02",
                       "We will") == "the US president"


def test_a_link_shortcut_with_sections_before_its_own_is_its_address() -> None:
    """de28bbe reads a Windows ``.url`` bookmark as its address only when the file opens with
    ``[InternetShortcut]``; Internet Explorer's favourites open with ``[DEFAULT]`` (a
    ``BASEURL``) and Edge's and the Windows shell's with a ``[{000214A0-…}]`` property
    section, so those stayed "no article found: 0 characters". Any sections may come first;
    a section's own ``URL=`` line outside ``[InternetShortcut]`` is not taken."""
    from parallax.ingest.addresslist import addresses

    address = "https://example.org/2026/12/02/fish-market?page=2"
    for before in ("[DEFAULT]\r\nBASEURL=https://example.org/\r\n",
                   "[{000214A0-0000-0000-C000-000000000046}]\r\nProp3=19,11\r\n",
                   "[DEFAULT]\nBASEURL=https://example.org/\n[{000214A0-0000-0000-C000-"
                   "000000000046}]\nProp3=19,2\n"):
        text = f"{before}[InternetShortcut]\r\nIDList=\r\nURL={address}\r\nIconIndex=0\r\n"
        assert addresses(text) == [address], before
    other = "[Other]\r\nURL=https://example.org/a\r\n[InternetShortcut]\r\nIDList=\r\n"
    assert addresses(other) is None


def test_a_binary_webloc_is_its_address(tmp_path: Path) -> None:
    """de28bbe reads a macOS ``.webloc`` written as an XML property list; the Finder writes
    a binary one (``bplist00``), which was refused as "a Safari web archive (.webarchive) or
    another Apple binary file … save the page from Safari", though it holds one address. It
    is that address now: in a folder reported, given by name fetched through the guard."""
    import plistlib

    from parallax.ingest import read_inputs
    from parallax.records import Rejection
    from parallax.settings import Config

    address = "http://10.0.0.5/2026/12/02/fish-market?a=1&b=2"  # internal: refused unasked
    folder = tmp_path / "links"
    folder.mkdir()
    link = folder / "Fish market.webloc"
    link.write_bytes(plistlib.dumps({"URL": address}, fmt=plistlib.FMT_BINARY))
    (reported,) = list(read_inputs([str(folder)], Config()))
    assert isinstance(reported, Rejection) and reported.code == "E007", reported
    assert address in reported.reason and "link shortcut" in reported.reason, reported
    (item,) = list(read_inputs([str(link)], Config()))
    assert isinstance(item, Rejection) and item.code == "E011", item  # the address guard's
    assert item.input == f"{link}#{address}", item
    other = tmp_path / "page.webarchive"  # a binary property list that is no shortcut
    other.write_bytes(plistlib.dumps({"WebMainResource": {"WebResourceData": b"<html>"}},
                                     fmt=plistlib.FMT_BINARY))
    (archive,) = list(read_inputs([str(other)], Config()))
    assert isinstance(archive, Rejection) and "Safari web archive" in archive.reason, archive


def test_a_page_of_many_alike_layout_rows_cuts_each_row_into_its_blocks() -> None:
    """fd1db39 cuts a one-cell layout row into its cell's blocks by trying, for each line,
    every row that holds the line's rarest word: on a page of 16,000 rows alike (a listing,
    or a page made to stall) that is every row for every line, 17.5 s of CPU in
    ``segment_html`` for 2.2 MB where the page took 3.1 s before. A row repeated is tried
    once, and at most ``ROWS_TRIED`` rows a line; the lines are cut as before."""
    from parallax.segment import htmltables
    from parallax.segment.htmlpage import segment_html

    para = ("The harbour board of Wexley met on Tuesday and said the old fish market would "
            "close after ninety years of trade, to the anger of the traders.")
    rows = "".join(f"<tr><td><h3>Harbour board votes</h3><p>{para}</p></td></tr>"
                   for _ in range(300))
    rows += "".join(f"<tr><td><h3>Vote number {k}</h3><p>{para} Item {k}.</p></td></tr>"
                    for k in range(htmltables.ROWS_TRIED + 20))
    page = f"<html><head><title>Fish</title></head><body><table>{rows}</table></body></html>"
    paragraphs = segment_html(page).paragraphs
    assert "Harbour board votes" in paragraphs and para in paragraphs, paragraphs[:4]
    assert not [p for p in paragraphs if p.startswith("|")], paragraphs[:4]
    last = htmltables.ROWS_TRIED + 19
    assert f"Vote number {last}" in paragraphs and f"{para} Item {last}." in paragraphs
