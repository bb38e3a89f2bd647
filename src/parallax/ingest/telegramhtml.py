"""A Telegram export in HTML (Telegram Desktop's default, ``messages.html``): a channel's
posts as records, a group's or a person's chat refused, as the JSON export is (``chat.py``).

Why: read as a page, an export of a channel's twelve posts was one article titled "Exported
Data" holding the first post and the sender's initial, and the other eleven posts were lost
without a word (helper NW, round ten). The export says whose it is: the page's header names
the chat, and every message of a channel is from the channel (a group's are from people).
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

#: the export's marks: its title and a message block
_EXPORT = re.compile(r"<title>\s*Exported Data\s*</title>", re.IGNORECASE)
_MESSAGE = re.compile(r"""class=["']message default\b""")
_HEADER = etree.XPath("//div[contains(@class,'page_header')]//div[contains(@class,'text')]")
_MESSAGES = etree.XPath("//div[contains(concat(' ',normalize-space(@class),' '),' message ')"
                        " and contains(concat(' ',normalize-space(@class),' '),' default ')]")
_PART = ("./div[contains(@class,'body')]/div[contains(concat(' ',normalize-space(@class),' '),"
         "' {} ')]")
_FROM, _TEXT, _DATE = (etree.XPath(_PART.format(name)) for name in ("from_name", "text", "date"))
#: "03.11.2026 09:10:00 UTC+01:00" (older exports without the zone)
_STAMP = re.compile(r"(\d{2})\.(\d{2})\.(\d{4}) (\d{2}:\d{2}:\d{2})(?: UTC([+-]\d{2}:\d{2}))?")


def is_export(text: str) -> bool:
    head = text[:4096]
    return _EXPORT.search(head) is not None and _MESSAGE.search(text[:200_000]) is not None


def _words(node: etree._Element) -> str:
    for br in node.iter("br"):  # a line break is the post's own
        br.tail = "\n" + (br.tail or "")
    return "\n".join(" ".join(line.split()) for line in node.text_content().split("\n")).strip()


def _published(stamp: str | None) -> str | None:
    found = _STAMP.fullmatch((stamp or "").strip())
    if found is None:
        return None
    day, month, year, clock, zone = found.groups()
    return f"{year}-{month}-{day}T{clock}{zone or ''}"


def posts(text: str) -> tuple[str, list[dict[str, object]] | None, int]:
    """(the chat's name, its posts as records or None when it is no channel, the message
    count). Messages of a channel name the channel as their sender, or no one (a message
    following one of the same sender); a group's name people."""
    tree = lxml_html.fromstring(text.encode(), parser=lxml_html.HTMLParser(encoding="utf-8"))
    header = _HEADER(tree)
    name = " ".join(header[0].text_content().split()) if header else ""
    messages = _MESSAGES(tree)
    senders = {" ".join(f[0].text_content().split()) for m in messages if (f := _FROM(m))}
    if not name or not senders <= {name}:
        return name, None, len(messages)
    records: list[dict[str, object]] = []
    for message in messages:
        body, date = _TEXT(message), _DATE(message)
        records.append({"text": _words(body[0]) if body else "", "outlet": name[:200],
                        "published": _published(date[0].get("title")) if date else None})
    return name, records, len(messages)


__all__ = ["is_export", "posts"]
