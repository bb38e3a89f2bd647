"""A new user's session, round ten (docs/robustness.md, thirty-third session, helper NW):
feeds, text dumps and pages from the tools people use. Each test here failed before its
fix. All inputs are made up here."""

from __future__ import annotations

import json

import pytest

from parallax.errors import InputRejected
from parallax.ingest import read_inputs
from parallax.records import Page, RawDocument, Rejection
from parallax.segment.heuristic import make_heuristic
from parallax.settings import Config

BODY = ("The harbour council of Dunmere voted on Tuesday to cut the night ferry to the outer "
        "islands. Councillor Alma Reyes said the decision would leave families without a way "
        "home in winter. ")


def _read(tmp_path, name: str, text: str) -> list[RawDocument | Rejection]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return list(read_inputs([str(path)], Config()))


def test_a_json_feed_is_read_item_by_item(tmp_path) -> None:
    # a JSON Feed (jsonfeed.org, what many blogs and small outlets publish beside RSS) was
    # one rejection, "holds lists of objects ('items') but no news record", every item lost
    feed = {
        "version": "https://jsonfeed.org/version/1.1", "title": "Coast Post – Islands",
        "home_page_url": "https://coast.example/",
        "items": [
            {"id": "1", "url": "https://coast.example/ferry", "title": "Night ferry cut",
             "content_html": f"<p>{BODY}</p><p>{BODY}</p>",
             "date_published": "2026-11-03T09:00:00+01:00",
             "authors": [{"name": "Tomas Brannock"}]},
            {"id": "2", "url": "/pier", "title": "Pier <b>repairs</b>",
             "content_text": f"{BODY}\n\nA second paragraph < a third.",
             "date_modified": "2026-11-04T10:00:00Z", "author": {"name": "Ann Lee"}},
            {"id": "3", "title": "Episode 4", "attachments": [
                {"url": "https://coast.example/ep4.mp3", "mime_type": "audio/mpeg"}]},
        ],
    }
    first, second, third = _read(tmp_path, "feed.json", json.dumps(feed, indent=2))
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert first.input.endswith("feed.json#item-1")
    assert first.metadata["title"] == "Night ferry cut"
    assert first.metadata["outlet"] == "Coast Post"
    assert first.metadata["author"] == "Tomas Brannock"
    assert first.metadata["published_iso"] == "2026-11-03T09:00:00+01:00"
    assert first.metadata["url"] == "https://coast.example/ferry"
    assert "<p>" in first.text and "Alma Reyes" in first.text
    # a relative link read against the feed's site; plain text kept as text, "<" escaped
    assert second.metadata["url"] == "https://coast.example/pier"
    assert second.metadata["author"] == "Ann Lee" and second.metadata["title"] == "Pier repairs"
    assert second.metadata["published_iso"] == "2026-11-04T10:00:00+00:00"
    assert "<p>A second paragraph &lt; a third.</p>" in second.text
    # a podcast's item: the attached file named, as an RSS enclosure is
    assert isinstance(third, Rejection) and "audio/mpeg" in third.reason
    # written on one line, as a server sends it (it opens as JSON Lines do): the same items
    again = _read(tmp_path, "feed.json", json.dumps(feed))
    assert [i.input for i in again] == [i.input for i in (first, second, third)]
    # a JSON document of records that merely mentions the address is read as before
    records = [{"title": "jsonfeed.org/version/1 explained", "text": BODY * 2}]
    (record,) = _read(tmp_path, "records.json", json.dumps(records))
    assert isinstance(record, RawDocument) and record.input.endswith("#record-1")


LYNX = """   [1]Skip to content
   [2]Coast Post
     * [3]News
     * [4]Sport

                  Night ferry to the outer islands cut

   The harbour council of Dunmere voted on Tuesday to cut the night ferry
   to the outer islands, after a [5]review of the service's costs found
   it carried fewer than ten people on most winter crossings.

   Councillor Alma Reyes said the decision would leave families without
   a way home in winter. "We were told the boats would run until the new
   pier opens," she said, citing the council's own [6]plan from 2024.

   Islanders said they would ask the [7]regional transport board to
   review the decision before the timetable changes in January.

   [8]Share this article

References

   1. https://coast.example/ferry#content
   2. https://coast.example/
   3. https://coast.example/news
   4. https://coast.example/sport
   5. https://coast.example/review
   6. https://coast.example/plan-2024
   7. https://transport.example/
   8. https://coast.example/share
"""


def _segment(doc: RawDocument | Rejection) -> Page:
    assert isinstance(doc, RawDocument)
    return make_heuristic(Config()).segment(doc)


def test_a_lynx_dump_loses_its_link_numbers(tmp_path) -> None:
    # `lynx -dump URL > page.txt`: each link's number ("[5]review") was a word of the
    # article, in its text, claims and quotes, and of its title
    (doc,) = _read(tmp_path, "page.txt", LYNX)
    (main,) = [a for a in _segment(doc).articles if a.role == "main"]
    assert "after a review of the service's costs" in main.text
    assert "ask the regional transport board" in main.text
    assert "[" not in main.text and "[" not in main.title
    # a number the page's list does not hold (a citation) stays as written
    cited = LYNX.replace("citing the council's own [6]plan", "citing the council's plan [12]")
    (doc,) = _read(tmp_path, "cited.txt", cited)
    (main,) = [a for a in _segment(doc).articles if a.role == "main"]
    assert "the council's plan [12]" in main.text and "[5]" not in main.text
    # without the list at its end (lynx -nolist, or any other page) nothing is taken out
    (doc,) = _read(tmp_path, "bare.txt", LYNX.split("References")[0])
    (main,) = [a for a in _segment(doc).articles if a.role == "main"]
    assert "after a [5]review" in main.text


def test_a_plain_text_e_mail_is_titled_by_its_subject(tmp_path) -> None:
    # a newsletter sent as plain text (or forwarded as a tip): its subject is its headline,
    # but the article was untitled ("Untitled" in every list)
    body = (BODY * 2).replace(". ", ".\r\n\r\n", 1)
    mail = ("From: Coast Post <news@coast.example>\r\nTo: desk@example.org\r\n"
            "Subject: =?UTF-8?Q?Fwd:_Night_ferry_to_the_islands_cut_=E2=80=93_briefing?=\r\n"
            "Date: Tue, 3 Nov 2026 07:00:00 +0000\r\nMIME-Version: 1.0\r\n"
            'Content-Type: text/plain; charset="utf-8"\r\n\r\n' + body)
    (doc,) = _read(tmp_path, "tip.eml", mail)
    (main,) = [a for a in _segment(doc).articles if a.role == "main"]
    assert main.title == "Night ferry to the islands cut – briefing"
    # an HTML e-mail with a heading of its own keeps it
    html_mail = mail.replace("text/plain", "text/html").replace(
        body, f"<html><body><h1>Ferry vote tonight</h1><p>{BODY}</p><p>{BODY}</p></body></html>")
    (doc,) = _read(tmp_path, "letter.eml", html_mail)
    (main,) = [a for a in _segment(doc).articles if a.role == "main"]
    assert main.title == "Ferry vote tonight"


def _saved_links(n: int) -> str:
    return "\n".join(f'<li><a href="https://coast.example/news/{i}" time_added="{1793692800 + i}" '
                     f'tags="">Harbour council story number {i} about the ferry vote</a></li>'
                     for i in range(n))


def test_a_pocket_export_or_bookmarks_file_is_no_article(tmp_path) -> None:
    # a Pocket export of 60 links was one "article" titled "Unread", its text the saved
    # headlines, stored and put in a story; a short one "no article found" (a broken page?)
    pocket = ('<!DOCTYPE html>\n<html><head><meta charset="UTF-8"><title>Pocket Export</title>'
              f"</head><body><h1>Unread</h1><ul>{_saved_links(60)}</ul></body></html>")
    (refused,) = _read(tmp_path, "ril_export.html", pocket)
    assert isinstance(refused, Rejection) and "60 saved links" in refused.reason
    assert ".txt file" in refused.reason
    bookmarks = ("<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<TITLE>Bookmarks</TITLE>\n<H1>Bookmarks"
                 '</H1>\n<DL><p>\n<DT><A HREF="https://coast.example/a" ADD_DATE="1793692800">'
                 "Night ferry cut</A>\n</DL><p>\n")
    (refused,) = _read(tmp_path, "bookmarks.html", bookmarks)
    assert isinstance(refused, Rejection) and "1 saved link," in refused.reason
    # a page that lists links (a section front, an article) is read as before
    article = (f"<html><head><title>Ferry vote</title></head><body><article><h1>Ferry vote</h1>"
               f"<p>{BODY}</p><p>{BODY}</p></article><ul>{_saved_links(1)}</ul></body></html>")
    (doc,) = _read(tmp_path, "page.html", article)
    assert isinstance(doc, RawDocument)


def test_a_redirect_page_or_frameset_says_where_the_text_is(tmp_path) -> None:
    # a redirect page (a shortener's, a moved site's) and a frameset were "no article found:
    # the main text has 26 characters, fewer than 200", as if the extractor had failed
    redirect = ('<html><head><meta content="0; URL=\'https://coast.example/ferry\'" '
                'http-equiv="Refresh"><title>Moved</title></head><body><p>This page has '
                'moved to <a href="https://coast.example/ferry">here</a>.</p></body></html>')
    (doc,) = _read(tmp_path, "moved.html", redirect)
    with pytest.raises(InputRejected, match=r"redirect page.*https://coast\.example/ferry\b"):
        _segment(doc)
    frames = ('<html><head><title>Coast Post</title></head><frameset cols="20%,80%">'
              '<frame src="menu.html"><frame src="https://coast.example/ferry"></frameset></html>')
    (doc,) = _read(tmp_path, "frames.html", frames)
    with pytest.raises(InputRejected, match=r"frameset.*menu\.html, https://coast\.example/ferry"):
        _segment(doc)
    # a page that reloads itself every ten minutes is read as any page
    live = redirect.replace("0; URL=\'https://coast.example/ferry\'", "600").replace(
        "<body>", f"<body><article><h1>Ferry vote</h1><p>{BODY}</p><p>{BODY}</p></article>")
    (doc,) = _read(tmp_path, "live.html", live)
    assert [a.title for a in _segment(doc).articles if a.role == "main"] == ["Ferry vote"]


def test_a_folder_given_as_the_database_says_so(tmp_path) -> None:
    # "--db data/" (a folder): "cannot open database data/: unable to open database file"
    from parallax.errors import ParallaxError
    from parallax.store.sqlite import SQLiteStore

    with pytest.raises(ParallaxError, match=r"it is a folder; give a database file's path, "
                       r"e\.g\. .*news\.db"):
        SQLiteStore(tmp_path)


def test_a_reader_view_copy_keeps_its_header_out_of_the_text(tmp_path) -> None:
    # Firefox's Reader View copied whole: the domain, the byline and the reading time opened
    # the article's text ("coast.example / Tomas Brannock / 3–4 minutes"), no author
    copy = (f"coast.example\nNight ferry to the outer islands cut\nTomas Brannock\n3–4 minutes"
            f"\n\n{BODY}\n\n{BODY}\n")
    (doc,) = _read(tmp_path, "reader.txt", copy)
    page = _segment(doc)
    (main,) = [a for a in page.articles if a.role == "main"]
    assert main.title == "Night ferry to the outer islands cut"
    assert main.text.startswith("The harbour council") and "minutes" not in main.text
    assert main.author == "Tomas Brannock"
    assert main.outlet_hint == "coast.example"
    assert {"coast.example", "3–4 minutes"} <= {b.text for b in page.boilerplate}
    # blank lines between them and a "By": the same header
    spaced = copy.replace("cut\nTomas Brannock\n3–4", "cut\n\nBy Tomas Brannock\n\n3-4")
    (doc,) = _read(tmp_path, "spaced.txt", spaced)
    (main,) = [a for a in _segment(doc).articles if a.role == "main"]
    assert main.author == "Tomas Brannock" and main.text.startswith("The harbour council")
    # a page whose third line says "5 minutes" without a domain above is read as before
    from parallax.segment.readerview import split_header

    plain = copy.replace("coast.example\n", "Coast Post\n", 1)
    assert split_header(plain) == (plain, None)


def test_an_article_only_in_json_ld_keeps_its_paragraphs(tmp_path) -> None:
    # a page rendered by a script (an app shell) carries its article only in JSON-LD's
    # articleBody; it was read as one paragraph, its line breaks made spaces
    article = {"@context": "https://schema.org", "@type": "NewsArticle",
               "headline": "Night ferry to the outer islands cut",
               "articleBody": f"{BODY}\n\nIslanders &amp; fishermen said they would appeal. "
                              f"{BODY}\n\nThe council meets again in January."}
    page = ('<!doctype html><html><head><title>Night ferry cut</title><script type="application/'
            f'ld+json">{json.dumps({"@graph": [article]})}</script></head><body><div id="root">'
            "</div><noscript>Enable JavaScript.</noscript></body></html>")
    (doc,) = _read(tmp_path, "app.html", page)
    (main,) = [a for a in _segment(doc).articles if a.role == "main"]
    paragraphs = main.text.split("\n\n")
    assert len(paragraphs) == 3, paragraphs
    assert paragraphs[1].startswith("Islanders & fishermen said")
    assert paragraphs[2] == "The council meets again in January."


def test_unclosed_json_ld_scripts_are_read_in_linear_time() -> None:
    # each unclosed script tag was read to the page's end (20,000 of them: 183 s)
    import time

    from parallax.segment.jsonld import body_paragraphs

    page = '<script type="application/ld+json">' * 4000 + "articleBody"
    started = time.process_time()
    assert body_paragraphs(page, ["one paragraph"]) == ["one paragraph"]
    assert time.process_time() - started < 2.0


GOOGLE_ALERT = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<id>tag:google.com,2005:reader/user/0/state/com.google/alerts/1</id>
<title>Google Alert - night ferry</title>
<link href="https://www.google.com/alerts/feeds/0/1" rel="self"></link>
<updated>2026-11-03T10:00:00Z</updated>
<entry><id>tag:google.com,2013:googlealerts/feed:2</id>
<title type="html">Council cuts the &lt;b&gt;night ferry&lt;/b&gt;</title>
<link href="https://www.google.com/url?rct=j&amp;sa=t&amp;url=https://coast.example/ferry&amp;ct=ga"/>
<published>2026-11-03T09:00:00Z</published><content type="html">{body}</content></entry>
</feed>"""

GOOGLE_NEWS = """<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>
<title>"night ferry" - Google News</title><link>https://news.google.com/search?q=ferry</link>
<item><title>Night ferry cut - Coast Post</title>
<link>https://news.google.com/rss/articles/CBMiQ2h0dHBz?oc=5</link>
<pubDate>Tue, 03 Nov 2026 09:00:00 GMT</pubDate><description>{body}</description>
<source url="https://coast.example">Coast Post</source></item></channel></rss>"""


def test_a_google_alert_or_news_feed_names_each_items_own_outlet(tmp_path) -> None:
    # a Google Alert's items were all the outlet "Google Alert" at Google's redirect address,
    # a Google News search's the search's words ("night ferry"): one "outlet" for a story
    # that five outlets reported
    (alert,) = _read(tmp_path, "alert.atom", GOOGLE_ALERT.format(body=BODY * 2))
    assert isinstance(alert, RawDocument)
    assert alert.metadata["outlet"] is None
    assert alert.metadata["url"] == "https://coast.example/ferry"
    (news,) = _read(tmp_path, "news.rss", GOOGLE_NEWS.format(body=BODY * 2))
    assert isinstance(news, RawDocument)
    assert news.metadata["outlet"] == "Coast Post"
    assert news.metadata["title"] == "Night ferry cut"
    # an outlet's own feed keeps its name; an item's <source> names its own outlet
    own = GOOGLE_NEWS.replace('"night ferry" - Google News', "Harbour Wire").replace(
        "https://news.google.com/search?q=ferry", "https://wire.example/")
    (item,) = _read(tmp_path, "own.rss", own.replace("<source", "<x").replace("</source>", "</x>")
                    .format(body=BODY * 2))
    assert isinstance(item, RawDocument) and item.metadata["outlet"] == "Harbour Wire"
    (item,) = _read(tmp_path, "sourced.rss", own.format(body=BODY * 2))
    assert isinstance(item, RawDocument) and item.metadata["outlet"] == "Coast Post"


def test_a_feed_readers_subscription_list_says_what_it_is(tmp_path) -> None:
    # an OPML export (Feedly's, Inoreader's) was "no article found: the main text has 20
    # characters" as .opml and "feed has no items" as .xml
    outlines = "".join(f'<outline type="rss" text="Outlet {i}" xmlUrl="https://s{i}.example/rss" '
                       f'htmlUrl="https://s{i}.example/"/>' for i in range(3))
    opml = ('<?xml version="1.0" encoding="UTF-8"?>\n<opml version="1.0"><head><title>Feedly '
            f'subscriptions</title></head><body><outline text="News">{outlines}</outline>'
            "</body></opml>\n")
    for name in ("subscriptions.opml", "subscriptions.xml"):
        (refused,) = _read(tmp_path, name, opml)
        assert isinstance(refused, Rejection)
        assert "OPML list of 3 feeds" in refused.reason and "xmlUrl" in refused.reason


def test_a_newsletter_posts_buttons_leave_its_feed_item(tmp_path) -> None:
    # a Substack post's feed item: its "Subscribe now", "Leave a comment" and "Share" buttons
    # and the subscription caption were paragraphs of the article
    content = (f"<p>{BODY}</p><div class='subscription-widget-wrap'><p class='cta-caption'>"
               "Thanks for reading Coast Notes! Subscribe for free to receive new posts and "
               "support my work.</p><form><input type='email'><input type='submit' "
               f"value='Subscribe'></form></div><p>{BODY}</p><p class='button-wrapper'><a "
               "href='https://notes.example/subscribe'><span>Subscribe now</span></a></p>"
               "<p>Readers who want to share a view can write to the council.</p>"
               "<p class='button-wrapper'><a href='https://notes.example/c'><span>Leave a "
               "comment</span></a></p><p><a href='https://notes.example/s'>Share</a></p>")
    rss = ('<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/'
           'modules/content/"><channel><title>Coast Notes</title><link>https://notes.example'
           "</link><item><title>Why the night ferry matters</title><link>https://notes.example"
           f"/p/why</link><content:encoded><![CDATA[{content}]]></content:encoded></item>"
           "</channel></rss>")
    (doc,) = _read(tmp_path, "notes.rss", rss)
    page = _segment(doc)
    (main,) = [a for a in page.articles if a.role == "main"]
    assert main.text.split("\n\n") == [BODY.strip(), BODY.strip(), "Readers who want to share "
                                       "a view can write to the council."]
    assert {"Subscribe now", "Leave a comment", "Share"} <= {b.text for b in page.boilerplate}


def test_a_markdown_notes_front_matter_gives_its_fields(tmp_path) -> None:
    # a web clipper's Markdown note (Obsidian's): the title was 'title: "…"', the fields
    # opened the article's text and its last paragraph went to boilerplate
    note = ('---\ntitle: "Night ferry to the outer islands cut"\nsource: "https://coast.example/'
            'ferry"\nauthor:\n  - "[[Tomas Brannock]]"\npublished: 2026-11-03\ncreated: '
            '2026-11-05\ntags:\n  - "clippings"\n---\n'
            f"{BODY}\n\n{BODY}\n\nThe council meets again in January to hear the islanders.\n")
    (doc,) = _read(tmp_path, "clip.md", note)
    assert isinstance(doc, RawDocument) and doc.metadata["url"] == "https://coast.example/ferry"
    (main,) = [a for a in _segment(doc).articles if a.role == "main"]
    assert main.title == "Night ferry to the outer islands cut"
    assert main.author == "Tomas Brannock"
    assert main.published.iso == "2026-11-03"
    assert main.url == "https://coast.example/ferry"
    assert main.text.startswith("The harbour council")
    assert main.text.endswith("to hear the islanders.")
    # a title alone is a front matter too; a dump opening with a rule and prose is not
    (doc,) = _read(tmp_path, "titled.md", '---\ntitle: Ferry vote\n---\n' + BODY * 2)
    (main,) = [a for a in _segment(doc).articles if a.role == "main"]
    assert main.title == "Ferry vote" and "title:" not in main.text
    ruled = f"---\nFerry vote: the council decides tonight\n---\n{BODY * 2}"
    (doc,) = _read(tmp_path, "ruled.txt", ruled)
    assert isinstance(doc, RawDocument) and doc.text == ruled


def _telegram_page(chat: str, messages: list[tuple[str | None, str]]) -> str:
    blocks = "".join(
        f'<div class="message default clearfix{"" if sender else " joined"}" id="m{n}">'
        f'<div class="body"><div class="pull_right date details" title="0{n + 3}.11.2026 '
        f'09:00:00 UTC+01:00">09:00</div>'
        + (f'<div class="from_name">{sender}</div>' if sender else "")
        + f'<div class="text">{text}</div></div></div>'
        for n, (sender, text) in enumerate(messages))
    return ('<!DOCTYPE html><html><head><meta charset="utf-8"/><title>Exported Data</title>'
            '</head><body><div class="page_wrap"><div class="page_header"><div class="content">'
            f'<div class="text bold">{chat}</div></div></div><div class="page_body chat_page">'
            '<div class="history"><div class="message service" id="m-1"><div class="body '
            f'details">1 November 2026</div></div>{blocks}</div></div></div></body></html>')


def test_a_telegram_html_export_is_read_post_by_post(tmp_path) -> None:
    # Telegram Desktop's default export (messages.html): a channel's posts were one article
    # titled "Exported Data" holding the first post, the others lost without a word
    page = _telegram_page("Harbour Watch", [("Harbour Watch", BODY + "<br><br>" + BODY),
                                            (None, BODY * 2), ("Harbour Watch", "")])
    first, second, third = _read(tmp_path, "messages.html", page)
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert first.input.endswith("messages.html#post-1")
    assert first.metadata["outlet"] == "Harbour Watch"
    assert first.metadata["published_iso"] == "2026-11-03T09:00:00+01:00"
    assert first.text.count("\n") >= 1 and "Alma Reyes" in second.text
    assert isinstance(third, Rejection) and third.input.endswith("#post-3")
    # a group's chat (people write in it) is refused, as its JSON export is
    group = _telegram_page("Harbour friends", [("Ann Lee", BODY), ("Tomas Brannock", BODY)])
    (refused,) = _read(tmp_path, "group.html", group)
    assert isinstance(refused, Rejection) and "Telegram chat export of 2 messages" in refused.reason


def test_a_slack_exports_messages_are_no_articles(tmp_path) -> None:
    # a Slack export's day file: each message with text was stored as an untitled article
    messages = [{"type": "message", "user": "U1", "text": BODY * 2, "ts": f"17936928{n}.000200"}
                for n in range(10, 13)]
    messages.insert(1, {"type": "message", "subtype": "channel_join", "user": "U2",
                        "text": "<@U2> has joined the channel", "ts": "1793692700.000100"})
    (refused,) = _read(tmp_path, "2026-11-03.json", json.dumps(messages, indent=4))
    assert isinstance(refused, Rejection)
    assert "Slack export of 4 messages" in refused.reason
    # records that carry a "type" of their own are read as before
    records = [{"type": "message", "title": "Ferry vote", "text": BODY * 2}]
    (record,) = _read(tmp_path, "records.json", json.dumps(records))
    assert isinstance(record, RawDocument)


def test_an_archived_copy_is_the_originals_article(tmp_path) -> None:
    # a Wayback Machine copy (saved from it, or fetched from it): its article's address was
    # the archive's, so two outlets' archived pages were one "Unknown outlet
    # (web.archive.org)", and "2 hours ago" was read against the ingest's clock
    from parallax.ingest.sources import from_text

    wayback = "https://web.archive.org/web/20261103090000/https://coast.example/2026/ferry"
    page = (f"<html><head><title>Ferry vote</title></head><body><article><h1>Ferry vote</h1>"
            f"<p>{BODY}</p><p>{BODY}</p></article></body></html>")
    saved = f"<!-- saved from url=({len(wayback):04d}){wayback} -->\n{page}"
    (doc,) = _read(tmp_path, "ferry.html", saved)
    assert isinstance(doc, RawDocument)
    assert doc.metadata["url"] == "https://coast.example/2026/ferry"
    assert doc.metadata["archived_url"] == wayback and doc.metadata["saved_from"]
    (main,) = [a for a in _segment(doc).articles if a.role == "main"]
    assert main.url == "https://coast.example/2026/ferry"
    # as read_url hands a fetched capture on (its "id_" form)
    fetched = wayback.replace("090000/", "090000id_/")
    (doc,) = from_text(page, "html", uri=fetched, given=fetched, config=Config(),
                       raw=page.encode(), metadata={"url": fetched})
    assert isinstance(doc, RawDocument) and doc.metadata["url"].startswith("https://coast.")
    # any other address is the page's own, as before
    (doc,) = from_text(page, "html", uri="https://coast.example/a", given="x", config=Config(),
                       raw=page.encode(), metadata={"url": "https://coast.example/a"})
    assert isinstance(doc, RawDocument) and "archived_url" not in doc.metadata


def test_a_format_flowed_e_mail_keeps_its_paragraphs_whole(tmp_path) -> None:
    # Apple Mail's and Thunderbird's plain text (format=flowed: a line ending in a space goes
    # on in the next): a paragraph was cut where the dump's width guess failed
    import textwrap

    paragraphs = [
        "The harbour council confirmed on Tuesday that ferry fares between Dunmere and "
        "Quellport will rise by a fifth from January, the first increase in six years, after "
        "a long review.",
        'Councillor Alma Reyes said the rise was needed to pay for two new boats. "We cannot '
        'keep the old vessels running for another winter," she said at the meeting.',
        "Passenger groups said the increase would hit commuters hardest and asked for a season "
        "ticket discount before the new fares begin in the new year."]
    body = "\r\n\r\n".join("\r\n".join(line + " " for line in textwrap.wrap(p, 66))[:-1]
                           for p in paragraphs)
    mail = ("From: Coast Post <news@coast.example>\r\nTo: desk@example.org\r\nSubject: Night "
            "ferry fares\r\nDate: Tue, 3 Nov 2026 07:00:00 +0000\r\nMIME-Version: 1.0\r\n"
            "Content-Type: text/plain; charset=utf-8; format=flowed\r\n\r\n" + body + "\r\n")
    path = tmp_path / "flowed.eml"
    path.write_bytes(mail.encode())
    (doc,) = list(read_inputs([str(path)], Config()))
    (main,) = [a for a in _segment(doc).articles if a.role == "main"]
    assert main.text.split("\n\n") == paragraphs


def test_a_fetched_feed_or_export_under_a_loose_label_is_read_as_what_it_is(monkeypatch) -> None:
    # a raw file on GitHub is text/plain and some sites serve RSS as text/html: read by the
    # label, a JSONL export was a text dump of its JSON source and a feed one untitled
    # "article" of every item
    import httpx

    import parallax.ingest.url as url_module

    monkeypatch.setattr(url_module.socket, "getaddrinfo", lambda host, *a, **k: [
        (0, 0, 0, "", ("93.184.216.34", 0))])
    jsonl = "\n".join(json.dumps({"title": f"Ferry vote {n}", "text": BODY * 2})
                      for n in (1, 2)) + "\n"
    rss = ('<?xml version="1.0"?><rss version="2.0"><channel><title>Coast Post</title><link>'
           "https://coast.example/</link>" + "".join(
               f"<item><title>Ferry vote {n}</title><link>https://coast.example/{n}</link>"
               f"<description>{BODY * 2}</description></item>" for n in (1, 2))
           + "</channel></rss>")
    page = f"<html><body><article><h1>Ferry vote</h1><p>{BODY}</p></article></body></html>"
    bodies = {"/export.jsonl": (jsonl, "text/plain; charset=utf-8"),
              "/feed": (rss, "text/html; charset=utf-8"),
              "/page": (page, "text/html; charset=utf-8")}

    def handler(request: httpx.Request) -> httpx.Response:
        text, ctype = bodies[request.url.path]
        return httpx.Response(200, text=text, headers={"content-type": ctype})

    client = httpx.Client(transport=httpx.MockTransport(handler), follow_redirects=False)

    def read(path: str) -> list[RawDocument | Rejection]:
        return list(url_module.read_url(f"https://coast.example{path}", Config(), client=client))

    records = read("/export.jsonl")
    assert [r.metadata.get("title") for r in records] == ["Ferry vote 1", "Ferry vote 2"]
    items = read("/feed")
    assert [i.kind for i in items] == ["record", "record"]
    (html_page,) = read("/page")
    assert html_page.kind == "html"
