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
