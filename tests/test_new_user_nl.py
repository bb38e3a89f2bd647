"""New-user inputs of the thirty-third session's helper NL (robustness: NW's round-ten left
items). Every input is made up."""

from __future__ import annotations

from parallax.ingest import read_inputs
from parallax.records import Article, RawDocument, Rejection
from parallax.segment.heuristic import make_heuristic
from parallax.settings import Config

BODY = ("The harbour council of Dunmere voted on Tuesday to cut the night ferry to the outer "
        "islands from January, saying the service lost money on every crossing this winter. ")


def _read(tmp_path, name: str, text: str) -> list[RawDocument | Rejection]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return list(read_inputs([str(path)], Config()))


def _feed(title: str, link: str | None, items: list[str]) -> str:
    channel = f"<link>{link}</link>" if link else ""
    entries = "".join(f"<item><title>Night ferry cut {n}</title><link>{address}</link>"
                      f"<description>{BODY * 2}</description></item>"
                      for n, address in enumerate(items))
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>{title}'
            f"</title>{channel}{entries}</channel></rss>")


def test_a_feed_gathering_other_sites_links_names_no_outlet_of_its_own(tmp_path) -> None:
    # a curator's link feed (not Google's) gave its own title as every item's outlet: three
    # outlets' reports were one "Harbour Links" outlet in the story
    others = ["https://coast.example/ferry", "https://www.dunmere-post.example/n/1",
              "https://news.islander.example.co.uk/ferry"]
    docs = _read(tmp_path, "links.rss", _feed("Harbour Links", "https://links.example/", others))
    assert [d.metadata["outlet"] for d in docs if isinstance(d, RawDocument)] == [None] * 3
    # no address of its own: three sites are asked for, two are not enough
    docs = _read(tmp_path, "saved.rss", _feed("Harbour Links", None, others))
    assert [d.metadata["outlet"] for d in docs if isinstance(d, RawDocument)] == [None] * 3
    docs = _read(tmp_path, "two.rss", _feed("Harbour Links", None, others[:2]))
    assert {d.metadata["outlet"] for d in docs if isinstance(d, RawDocument)} == {"Harbour Links"}
    # an outlet's own feed linking one item elsewhere, at its news. subdomain, keeps its name
    own = ["https://news.coast.example/ferry", "https://www.dunmere-post.example/n/1"]
    docs = _read(tmp_path, "own.rss", _feed("Coast Post", "https://www.coast.example/", own))
    assert {d.metadata["outlet"] for d in docs if isinstance(d, RawDocument)} == {"Coast Post"}
    # all items at one other site (a feed service's copy of an outlet's feed): its title stays
    one = ["https://coast.example/a", "https://coast.example/b"]
    docs = _read(tmp_path, "one.rss", _feed("Coast Post", "https://rss.example/coast", one))
    assert {d.metadata["outlet"] for d in docs if isinstance(d, RawDocument)} == {"Coast Post"}


def _page(head: str, menu_site: str = "www.coastpost.example") -> str:
    menu = "".join(f'<li><a href="https://{menu_site}/{s}">{s}</a></li>'
                   for s in ("news", "sport", "weather"))
    return (f"<!DOCTYPE html><html><head><title>Night ferry cut</title>{head}</head><body>"
            f"<nav><ul>{menu}</ul></nav><article><h1>Night ferry cut</h1><p>{BODY}</p>"
            f"<p>{BODY}</p></article></body></html>")


def test_a_page_saved_without_a_mark_has_its_canonical_address_on_its_own_site(tmp_path) -> None:
    # Firefox's "Save Page As" and curl -o write no "saved from" mark: the article had no
    # address, though its head names it
    own = "https://www.coastpost.example/news/night-ferry-cut"
    (doc,) = _read(tmp_path, "a.html", _page(f'<link rel="canonical" href="{own}">'))
    assert isinstance(doc, RawDocument) and doc.metadata["url"] == own
    assert doc.metadata["saved_from"] is True  # saved earlier: "2 hours ago" is not now
    (doc,) = _read(tmp_path, "b.html", _page(f"<meta property='og:url' content='{own}'>"
                                             "<meta property='og:site_name' content='Coast Post'>",
                                             menu_site="cdn.example"))
    assert isinstance(doc, RawDocument) and doc.metadata["url"] == own
    # a syndicated copy: its canonical names the wire's address, not this outlet's page
    wire = "https://harbourwire.example/2026/11/03/night-ferry-cut"
    (doc,) = _read(tmp_path, "c.html", _page(f'<link rel="canonical" href="{wire}">'))
    assert isinstance(doc, RawDocument) and "url" not in doc.metadata
    (doc,) = _read(tmp_path, "d.html", _page(f'<link rel="canonical" href="{wire}">'
                                             f'<meta property="og:url" content="{own}">'))
    assert isinstance(doc, RawDocument) and doc.metadata["url"] == own


LYNX = """   [1]Coast Post

     * [2]News
     * [3]Sport
     * [4]Weather

                         Night ferry cut to the outer islands

   By Ann Lee
   3 November 2026

{body}

{body}

   [5]Share this story

References

   1. https://coast.example/
   2. https://coast.example/news
   3. https://coast.example/sport
   4. https://coast.example/weather
   5. https://coast.example/share
"""


def _main(tmp_path, name: str, text: str) -> Article:
    (doc,) = _read(tmp_path, name, text)
    assert isinstance(doc, RawDocument)
    (main,) = [a for a in make_heuristic(Config()).segment(doc).articles if a.role == "main"]
    return main


def test_a_lynx_dumps_headline_under_the_sites_name_is_its_title(tmp_path) -> None:
    # `lynx -dump`: the site's name (the logo's link) on top was traced as the title, the title
    # check dropped it, and the headline under the menu stayed boilerplate: no title at all
    body = "\n".join("   " + BODY[i:i + 70] for i in range(0, len(BODY), 70))
    main = _main(tmp_path, "page.txt", LYNX.format(body=body))
    assert main.title == "Night ferry cut to the outer islands"
    assert main.text.startswith("The harbour council")
