"""A new user's session, round four, part two (docs/robustness.md, twenty-seventh session,
helper N3): files a new user has at hand that were read as something they are not (an SVG,
a page saved whole as MHTML, an e-mail newsletter, an RTF document, a spreadsheet export, a
sitemap, a page inlining a 12 MB image). Each test here failed before its fix. All inputs are
made up here; part one is ``test_new_user_round_four.py``."""

from __future__ import annotations

from pathlib import Path

from parallax.ingest import read_inputs
from parallax.records import RawDocument, Rejection
from parallax.settings import Config

BODY = ("The ferry company of Port Ellery added two evening sailings on Monday after crews "
        "ended their strike. Passengers had waited for hours on the quay since Friday. ")


def test_an_svg_image_is_no_article(tmp_path: Path) -> None:
    """An SVG file (an image written in XML) was read as a text dump: its markup, script and
    all, was stored as the article's text and analysed."""
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)'
           f"</script><text>{BODY * 2}</text></svg>")
    for name, text in (("map.svg", svg), ("map.txt", svg),
                       ("prolog.svg", '<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD '
                        'SVG 1.1//EN" "x.dtd">\n' + svg)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        (item,) = list(read_inputs([str(path)], Config()))
        assert isinstance(item, Rejection) and item.code == "E007", (name, item)
        assert "SVG image" in item.reason, item.reason
    # prose that starts by naming the tag stays a dump
    path = tmp_path / "note.txt"
    path.write_text("<svg> tags draw the harbour map on the site. " + BODY * 2, encoding="utf-8")
    (item,) = list(read_inputs([str(path)], Config()))
    assert isinstance(item, RawDocument) and item.kind == "text"


def test_a_page_with_a_huge_inline_image_keeps_its_article(tmp_path: Path) -> None:
    """A page saved whole from a browser (images inlined as ``data:`` addresses) holding one
    image of 12 MB was "one block of text is 12.0 MB without any markup … split it into
    paragraphs (<p>) or save it as .txt": advice the user cannot follow, and the article
    lost. Such an address is emptied before parsing (no reader reads an image's bytes)."""
    paragraph = f"<p>{BODY * 2}</p>"
    for image in (f'<img src="data:image/png;base64,{"A" * 12_000_000}">',
                  f"<img alt='map' src='data:image/jpeg;base64,{'B' * 11_000_000}'>",
                  f'<a href=data:application/octet-stream;base64,{"C" * 10_500_000}>map</a>'):
        page = ("<html><head><title>Evening sailings added</title></head><body><article>"
                f"<h1>Evening sailings added</h1>{paragraph}{image}{paragraph}</article>"
                "</body></html>")
        path = tmp_path / "saved.html"
        path.write_text(page, encoding="utf-8")
        (item,) = list(read_inputs([str(path)], Config()))
        assert isinstance(item, RawDocument), item
        assert len(item.text) < 100_000 and item.text.count("Passengers had waited") == 4


def _mhtml(html: str) -> str:
    """A page saved as "Webpage, Single File" (MHTML): a MIME message, its HTML part in
    quoted-printable, an image part in base64 (made up)."""
    import quopri

    encoded = quopri.encodestring(html.encode("utf-8")).decode("ascii")
    return ("From: <Saved by Blink>\r\nSnapshot-Content-Location: https://coast.example/ferry\r\n"
            "Subject: Evening sailings added\r\nMIME-Version: 1.0\r\n"
            'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n'
            '\tboundary="----MultipartBoundary--made-up----"\r\n\r\n\r\n'
            "------MultipartBoundary--made-up----\r\nContent-Type: text/html\r\n"
            "Content-Transfer-Encoding: quoted-printable\r\n"
            "Content-Location: https://coast.example/ferry\r\n\r\n"
            + encoded.replace("\n", "\r\n") + "\r\n"
            "------MultipartBoundary--made-up----\r\nContent-Type: image/png\r\n"
            "Content-Transfer-Encoding: base64\r\nContent-Location: https://coast.example/l.png"
            "\r\n\r\niVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6"
            "kgAAAABJRU5ErkJggg==\r\n\r\n------MultipartBoundary--made-up------\r\n")


def test_a_page_saved_as_mhtml_is_read_as_its_html(tmp_path: Path) -> None:
    """A browser's "Webpage, Single File" (.mhtml) was read as HTML because "<body" is in its
    head: the article was its MIME headers and quoted-printable source ("Content-Type: …",
    "=3D"). Its HTML part is read now, with the address the page was saved from."""
    html = ("<html><head><title>Evening sailings added</title></head><body><article>"
            f"<h1>Evening sailings added</h1><p>{BODY * 2}</p><p>Fares stay at £4 — for now."
            "</p></article></body></html>")
    for name in ("ferry.mhtml", "ferry.mht", "ferry.txt"):
        path = tmp_path / name
        path.write_text(_mhtml(html), encoding="ascii", newline="")
        (item,) = list(read_inputs([str(path)], Config()))
        assert isinstance(item, RawDocument) and item.kind == "html", (name, item)
        assert item.text.startswith("<html>") and "£4 — for now" in item.text
        assert "Content-Type" not in item.text and "=3D" not in item.text
        assert item.metadata["url"] == "https://coast.example/ferry"
    broken = tmp_path / "images.mhtml"
    broken.write_text(_mhtml(html).replace("Content-Type: text/html", "Content-Type: image/gif"),
                      encoding="ascii", newline="")
    (item,) = list(read_inputs([str(broken)], Config()))
    assert isinstance(item, Rejection) and item.code == "E009" and "MHTML" in item.reason


def test_an_email_newsletter_is_read_as_its_html_or_text_part(tmp_path: Path) -> None:
    """A newsletter saved as ``.eml`` (multipart/alternative) was a text dump opening with
    its MIME headers ("Content-Type: text/plain; charset=utf-8 …") and its base64 HTML part."""
    import base64

    html = f"<html><body><h1>Evening sailings added</h1><p>{BODY * 2}</p></body></html>"
    head = ("From: Coast Post <news@coast.example>\nSubject: Morning briefing\n"
            "Date: Mon, 7 Dec 2026 07:00:00 +0000\nMIME-Version: 1.0\n"
            'Content-Type: multipart/alternative; boundary="b1"\n\n')
    plain = f"--b1\nContent-Type: text/plain; charset=utf-8\n\n{BODY * 2}\n"
    both = (head + plain + "--b1\nContent-Type: text/html; charset=utf-8\n"
            "Content-Transfer-Encoding: base64\n\n"
            + base64.encodebytes(html.encode()).decode() + "--b1--\n")
    for name, text, kind in (("brief.eml", both, "html"), ("brief.txt", both, "html"),
                             ("plain.eml", head + plain + "--b1--\n", "text")):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        (item,) = list(read_inputs([str(path)], Config()))
        assert isinstance(item, RawDocument) and item.kind == kind, (name, item)
        assert "Content-Type" not in item.text and "Passengers had waited" in item.text


def test_an_rtf_document_says_to_save_it_as_text(tmp_path: Path) -> None:
    """A word processor's RTF file opens with "{" on each of its first lines, so it was read
    as JSON Lines: every line "E008 line N is not valid JSON"."""
    path = tmp_path / "note.rtf"
    path.write_text("{\\rtf1\\ansi\\deff0\n{\\fonttbl{\\f0 Times New Roman;}}\n"
                    "{\\colortbl;\\red0\\green0\\blue0;}\n\\f0\\fs24 " + BODY + "\\par\n}\n",
                    encoding="ascii")
    (item,) = list(read_inputs([str(path)], Config()))
    assert isinstance(item, Rejection) and item.code == "E007", item
    assert "RTF" in item.reason and "plain text" in item.reason


def test_a_spreadsheet_export_is_one_article_a_row(tmp_path: Path) -> None:
    """A CSV of articles (a header of the JSONL fields, one article a row) was one text dump:
    five outlets' articles one untitled "article" of comma-separated lines."""
    import csv

    path = tmp_path / "export.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Title", "outlet", "url", "published", "text", "notes"])
        for n in range(3):
            writer.writerow([f"Sailing {n} added", "Coast Post", f"https://coast.example/{n}",
                             f"2026-12-0{n + 1}", f"{BODY * 2}Sailing {n}, \"late\".", "x"])
        writer.writerow(["No body", "Coast Post", "", "", "", ""])
    items = list(read_inputs([str(path)], Config()))
    docs = [i for i in items if isinstance(i, RawDocument)]
    assert [d.metadata["title"] for d in docs] == [f"Sailing {n} added" for n in range(3)]
    assert [d.input for d in docs] == [f"{path}#row-{n}" for n in (1, 2, 3)]
    assert docs[0].text.endswith('Sailing 0, "late".')
    assert docs[2].metadata["outlet"] == "Coast Post"
    (missing,) = [i for i in items if isinstance(i, Rejection)]
    assert missing.input == f"{path}#row-4" and "neither 'text' nor 'html'" in missing.reason
    # the same rows with tabs, saved as .txt, are read alike; a CSV without a text column
    # says what it needs
    tsv = tmp_path / "export.txt"
    tsv.write_text("title\ttext\nQuay shut\t" + BODY * 2 + "\n", encoding="utf-8")
    (doc,) = list(read_inputs([str(tsv)], Config()))
    assert isinstance(doc, RawDocument) and doc.metadata["title"] == "Quay shut"
    bare = tmp_path / "numbers.csv"
    bare.write_text("day,sailings\nMonday,4\n", encoding="utf-8")
    (refused,) = list(read_inputs([str(bare)], Config()))
    assert isinstance(refused, Rejection) and "'text' or 'html' column" in refused.reason


def test_a_sitemap_is_said_to_be_a_sitemap_not_an_empty_feed(tmp_path: Path) -> None:
    """A site's ``sitemap.xml`` (a list of its addresses) was "feed has no items"."""
    path = tmp_path / "sitemap.xml"
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps'
                    '.org/schemas/sitemap/0.9"><url><loc>https://coast.example/a</loc></url>'
                    "<url><loc>https://coast.example/b</loc></url></urlset>\n", encoding="utf-8")
    (item,) = list(read_inputs([str(path)], Config()))
    assert isinstance(item, Rejection) and item.code == "E007", item
    assert "sitemap" in item.reason and "2 addresses" in item.reason
    assert "one a line" in item.reason
