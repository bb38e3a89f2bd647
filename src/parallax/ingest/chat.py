"""A chat exported as text (WhatsApp's "Export chat"): messages, not a news page.

Why: fact-checkers receive tips through chat groups and keep the exports beside their saved
pages. Read as a text dump, an export of 40 made-up messages became one article titled with
its first message ("03/12/2026, 9:00 - <name>: Did you see …"), labelled opinion (0.88, not
low confidence), with Loaded_Language spans and "claims" that open with a time stamp and a
sender: labels of a news analysis put on something that is no article (twenty-eighth session,
helper N5). It is refused, saying so, and how to read the pages the chat shares.
"""

from __future__ import annotations

import re

#: a message's first line: Android "03/12/2026, 09:15 - Name: text" (or a system line without
#: a name), iOS "[03/12/2026, 09:15:02] Name: text"; day and month either way, 12 or 24 hours
_STAMP = (r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4},?\s\d{1,2}[:.]\d{2}(?:[:.]\d{2})?"
          r"(?:\s?[APap]\.?\s?[Mm]\.?)?")
_MESSAGE = re.compile(rf"^\u200e?(?:{_STAMP}\s[-–]\s|\[{_STAMP}\]\s)")
_ADDRESS = re.compile(r"https?://\S+")
_BLANK = re.compile(r"\s*")
#: at least this many messages, opening at least this share of the first lines
MIN_MESSAGES = 5
MIN_SHARE = 0.5


def messages(text: str) -> int:
    """How many messages a chat export holds, or 0 when the text is no chat export. An export
    opens with a message (or the app's stamped notice), so other texts cost one match."""
    start = _BLANK.match(text).end()  # type: ignore[union-attr]
    if not _MESSAGE.match(text[start:start + 200]):
        return 0
    lines = [line for line in text[:20000].splitlines() if line.strip()][:200]
    opening = sum(1 for line in lines if _MESSAGE.match(line))
    if opening < MIN_MESSAGES or opening < MIN_SHARE * len(lines):
        return 0
    return sum(1 for line in text.splitlines() if _MESSAGE.match(line))


def refusal(text: str, count: int) -> str:
    shared = len(set(_ADDRESS.findall(text)))
    them = "it" if shared == 1 else "them"
    pages = (f"; it shares {shared} web address{'' if shared == 1 else 'es'}: put {them} in a "
             ".txt file, one a line, and give that to read the pages") if shared else ""
    return (f"a chat export of {count:,} messages (WhatsApp), not a news page: a chat is no "
            f"article to analyse{pages}")


def telegram_messages(value: object) -> int:
    """How many messages a Telegram export (``result.json``: an object whose ``messages``
    list holds objects with a ``type`` and a ``date``) holds, else 0. It was one news record,
    refused as "record 1 has neither 'text' nor 'html'"."""
    if not isinstance(value, dict) or not isinstance(value.get("messages"), list):
        return 0
    posts = value["messages"]
    if not posts or not all(isinstance(m, dict) and "type" in m and "date" in m
                            for m in posts[:50]):
        return 0
    return len(posts)


def export_refusal(app: str, count: int) -> str:
    """The one refusal of an app's chat export (Telegram's, Slack's), so that each export a
    user meets says the same thing and the same way out."""
    return (f"a {app} export of {count:,} messages, not news records: a chat is no article to "
            "analyse; to read the pages it links to, put their addresses in a .txt file, one "
            "a line, and give that")


def telegram_refusal(count: int) -> str:
    return export_refusal("Telegram chat", count)


#: a Slack message's time stamp ("1793692800.000200": seconds and a sequence)
_SLACK_TS = re.compile(r"\d{9,11}\.\d{1,8}")


def slack_messages(value: object) -> int:
    """How many messages a Slack export's day file (``channel/2026-11-03.json``: a list of
    objects with ``"type": "message"`` and a ``ts`` stamp) holds, else 0. Each message with
    text was a news record: a newsroom channel's chatter stored as untitled articles, a
    join notice as a rejection (helper NW, round ten)."""
    if not isinstance(value, list) or not value:
        return 0
    head = value[:50]
    if not all(isinstance(m, dict) and m.get("type") == "message"
               and isinstance(m.get("ts"), str) and _SLACK_TS.fullmatch(m["ts"])
               for m in head):
        return 0
    return len(value)


def slack_refusal(count: int) -> str:
    return export_refusal("Slack", count)


#: the export's ``type`` of a channel: posts an account publishes to its readers
CHANNEL_TYPES = ("public_channel", "private_channel")


def _flat(text: object) -> str:
    """A post's text as Telegram exports it: a string, or a list of strings and marked-up
    pieces (``{"type": "bold", "text": …}``, links with their shown text)."""
    if isinstance(text, str):
        return text
    if isinstance(text, list):
        return "".join(p if isinstance(p, str) else str(p.get("text") or "")
                       for p in text if isinstance(p, str | dict))
    return ""


def channel_records(value: object) -> list[dict[str, object]] | None:
    """A Telegram channel's posts as news records (the channel's name their outlet, each
    post's time in UTC its date), else None (a group or a private chat stays refused).

    Why: a channel is a publisher, and a fact-checker asks who said a thing first, a channel or
    an outlet; its export was refused as "a chat is no article to analyse" (thirtieth session).
    Service messages (joins, pins) are no posts; a post without text (a photo, a file) is
    kept as a record without text, so it is rejected by its number, not passed over."""
    if not isinstance(value, dict) or value.get("type") not in CHANNEL_TYPES:
        return None
    name = value.get("name") if isinstance(value.get("name"), str) else None
    records: list[dict[str, object]] = []
    for post in value.get("messages") or []:
        if not isinstance(post, dict) or post.get("type") != "message":
            continue
        when = post.get("date_unixtime")
        records.append({"text": _flat(post.get("text")), "outlet": name,
                        "published": int(when) if isinstance(when, str) and when.isdigit()
                        else post.get("date")})
    return records
