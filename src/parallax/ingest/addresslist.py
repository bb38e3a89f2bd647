"""A file of web addresses, one a line: each address is fetched as if given on its own.

A new user keeps the pages to read in ``urls.txt`` and runs ``parallax ingest urls.txt``; read
as a text dump, the list was "no article found: the main text has 0 characters", which says
neither what went wrong nor what to do. A file given by name (or piped to ``-``, or uploaded)
whose every line is an address, blank or a ``#`` comment is read as such a list: each address
goes through the URL reader, so the address guard refuses internal ones before any request,
and each outcome is named ``urls.txt#ADDRESS`` (as a WARC record is ``FILE#URL``), so
``delete --source urls.txt`` takes what the list brought. Inside a folder the list is
reported, not fetched: a folder scan never uses the network unasked.
"""

from __future__ import annotations

import html
import plistlib
import re
from collections.abc import Iterator

from parallax.errors import Code
from parallax.ingest import url
from parallax.records import RawDocument, Rejection
from parallax.settings import Config

Item = RawDocument | Rejection


#: a link shortcut: Windows' ``.url`` ("[InternetShortcut]" then "URL=…") and macOS'
#: ``.webloc`` (a property list whose URL key holds the address). A bookmark dragged into a
#: folder was "no article found: the main text has 0 characters", as if its page had none
#: (twenty-eighth session, helper N5); it is a list of one address. Other sections may come
#: first: Internet Explorer's favourites open with "[DEFAULT]", Edge's and the shell's with a
#: "[{000214A0-…}]" property section (twenty-eighth session's review)
_SHORTCUT = re.compile(r"\A\s*(?:\[[^\]\n]*\][^\[]*)*?\[InternetShortcut\][^\[]*?^URL=(\S+)\s*$"
                       r"|\A\s*<\?xml[^>]*>\s*(?:<!DOCTYPE plist[^>]*>\s*)?<plist[^>]*>\s*"
                       r"<dict>\s*<key>URL</key>\s*<string>([^<\s]+)</string>",
                       re.IGNORECASE | re.MULTILINE)


def _shortcut(text: str) -> str | None:
    found = _SHORTCUT.match(text[:4096])
    return html.unescape(found.group(1) or found.group(2)) if found is not None else None


def shortcut_data(data: bytes) -> bytes:
    """A link shortcut the Finder wrote as a binary property list (``bplist00``) as the XML
    one ``_SHORTCUT`` reads; any other data unchanged. Why: a ``.webloc`` dragged from a
    browser is binary on recent macOS, and it was refused as "a Safari web archive … or
    another Apple binary file" (twenty-eighth session's review)."""
    if not data.startswith(b"bplist00") or len(data) > 65_536:
        return data
    try:
        value = plistlib.loads(data, fmt=plistlib.FMT_BINARY)
    except Exception:  # a damaged list is read as before: named binary data
        return data
    address = value.get("URL") if isinstance(value, dict) else None
    if not isinstance(address, str) or not _ONE_WORD.fullmatch(address):
        return data
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n'
            f"<key>URL</key>\n<string>{html.escape(address)}</string>\n</dict>\n</plist>\n"
            ).encode()


#: an address with no space, control character, angle bracket or lone surrogate in it
_ONE_WORD = re.compile(r"[^\s\x00-\x1f\x7f<>\ud800-\udfff]{1,8192}")


def addresses(text: str) -> list[str] | None:
    """The addresses of a list (or of a link shortcut), or None when the text is not one (any
    other line)."""
    if (shortcut := _shortcut(text)) is not None:
        return [shortcut] if url.is_address(shortcut) else None
    found = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if not url.is_address(line) or any(c.isspace() for c in line):
            return None
        found.append(line)
    return found or None


#: a saved link of a bookmarks file (every browser's export, Netscape's format) or a Pocket
#: export: its anchor states when it was added
_SAVED_LINK = re.compile(r"<a\s[^<>]{0,8192}?\b(?:add_date|time_added)\s*=", re.IGNORECASE)
_LINK = re.compile(r"<a\s[^<>]{0,8192}?\bhref\s*=", re.IGNORECASE)
#: what the exports say they are: a browser's bookmarks, Pocket's and Instapaper's title
_EXPORT = re.compile(r"<!DOCTYPE\s+NETSCAPE-Bookmark-file|<title>\s*(?:Pocket Export|"
                     r"Instapaper: Export)\s*</title>", re.IGNORECASE)


def bookmarks_refusal(text: str) -> str | None:
    """Why a bookmarks or read-it-later export is not read as a page, else None.

    Why: read as a page, a Pocket export of 60 links was one "article" titled "Unread", made
    of the saved headlines, stored, analysed and put in a story of its own (helper NW, round
    ten); a shorter one was "no article found", which sent the user looking for a broken
    page. It is a list of links: nothing is fetched from it unasked (thousands of saved
    pages), and the user is told how to fetch them."""
    head = text[:8192]
    if _EXPORT.search(head) is None and len(_SAVED_LINK.findall(head)) < 2:
        return None
    count = len(_LINK.findall(text))
    return (f"a bookmarks or read-later export (Pocket, Instapaper or a browser's) of "
            f"{count:,} saved link{'' if count == 1 else 's'}, not a page: nothing is fetched "
            "from it; to fetch the pages, give their addresses in a .txt file, one a line")


#: an OPML document's root, after an XML prolog and comments
_OPML = re.compile(r"\A\ufeff?\s*(?:<\?xml[^<>]{0,500}>\s*)?(?:<!--[^<>]{0,2000}-->\s*)*<opml[\s>]",
                   re.IGNORECASE)
_FEED_OUTLINE = re.compile(r"<outline\s[^<>]{0,8192}?\bxmlUrl\s*=", re.IGNORECASE)


def opml_refusal(text: str) -> str | None:
    """Why a feed reader's subscription list (OPML, what Feedly, Inoreader and every reader
    export) is not read, else None: as a page it was "no article found: the main text has
    20 characters", named ``.xml`` "feed has no items" (helper NW, round ten)."""
    if _OPML.match(text[:4096]) is None:
        return None
    count = len(_FEED_OUTLINE.findall(text))
    if not count:  # an outliner's export (notes, a draft), no list of feeds (helper R)
        return ("an OPML outline (an outliner's export, not a list of subscriptions), not a "
                "page: its text is held in the outline's attributes, which are not read; export "
                "it as plain text or Markdown and give that")
    return (f"an OPML list of {count:,} feed{'' if count == 1 else 's'} (a feed reader's "
            "subscriptions), not a feed or a page: nothing is fetched from it; give the feeds' "
            "addresses (their xmlUrl) to read them, or in a .txt file, one a line")


def typed(text: str) -> list[str]:
    """The addresses of the web form's box: whitespace-separated, a line opening with ``#`` a
    comment, as in a file of addresses. Pasting such a file into the box was refused whole:
    "not an http(s) address: #"."""
    return [word for line in text.splitlines() if not line.lstrip().startswith("#")
            for word in line.split()]


def read_if_list(text: str, kind: str, config: Config, *, given: str,
                 in_folder: bool = False) -> Iterator[Item] | None:
    """The items of ``text`` read as a list of addresses (fetched, or inside a folder one
    report), or None when it is no list: a file given by name and standard input alike."""
    found = addresses(text) if kind == "text" else None
    if not found:
        return None
    if in_folder:  # a folder scan never fetches unasked
        return iter([_in_folder(found, given, shortcut=_shortcut(text) is not None)])
    return read_list(found, config, given=given)


def read_list(found: list[str], config: Config, *, given: str) -> Iterator[Item]:
    for address in found:
        if not url.is_url(address):
            yield Rejection(f"{given}#{url.redacted(address)}", url.scheme_refusal(address),
                            Code.BLOCKED_ADDRESS.value)
            continue
        for item in url.read_url(address, config):
            item.input = f"{given}#{item.input}"
            yield item


def _in_folder(found: list[str], given: str, *, shortcut: bool) -> Rejection:
    if shortcut:
        return Rejection(given, f"a link shortcut to {url.redacted(found[0])[:200]}, not a "
                         "page: nothing is fetched from inside a folder; give this file "
                         f"itself to fetch it (parallax ingest {given})",
                         Code.UNSUPPORTED.value)
    return Rejection(given, f"a list of {len(found)} web address"
                     f"{'' if len(found) == 1 else 'es'}, not a page: nothing is fetched "
                     "from inside a folder; give this file itself to fetch them "
                     f"(parallax ingest {given})", Code.UNSUPPORTED.value)
