"""A page a browser saved as "Webpage, Single File" (MHTML, ``.mhtml``/``.mht``): a MIME
message whose HTML part is the page, its images and styles the other parts.

Why: it starts with MIME headers, and "<body" is in its first 2 KB (the quoted-printable HTML
part), so it was read as an HTML page whose article was its headers and encoded source
("Content-Type: …", "=3D"). The first HTML part is read instead, decoded from its transfer
encoding and charset, under the address the page was saved from.
"""

from __future__ import annotations

import email
import email.policy
import hashlib
import html
import re
from collections.abc import Iterator
from datetime import UTC
from email.errors import HeaderParseError
from email.header import decode_header, make_header
from email.message import Message
from email.utils import parsedate_to_datetime

from parallax.errors import Code, InputRejected
from parallax.ingest.decode import decode_as, decode_bytes, fit_html_blocks
from parallax.ingest.sender import sender_at_site
from parallax.records import RawDocument, Rejection
from parallax.segment.dates import parse_absolute

#: a message opens with a header line ("From: …", "MIME-Version: 1.0")
_HEADER = re.compile(r"\s*[a-z][a-z0-9-]*:[ \t]")
#: the part types that hold the page
HTML_TYPES = ("text/html", "application/xhtml+xml")
#: the line a mail program writes above a forwarded message's own header lines
_FORWARDED = re.compile(
    r"(?<!-)-{2,30}[ \t]*(?:Forwarded message|Original Message|Weitergeleitete Nachricht|Message "
    r"transf[ée]r[ée]|Mensaje reenviado)[ \t]*-{2,30}|Begin forwarded message:", re.IGNORECASE)
#: one header line of it, in HTML or text: spaces and tags before the name, inline tags (a
#: sender's <strong>, <a href="mailto:">) in the value, up to a line break or a block
_FIELD = re.compile(
    r"(?:\s|&nbsp;|<[^<>]{0,500}>){0,12}(From|Date|Sent|Subject|To|Cc|Von|Datum|Gesendet|"
    r"Betreff|An|De|Objet|Envoy[ée]|À|Asunto|Fecha|Para)[ \t]*:((?:[^<\n]|<(?!br\b|/?div\b|"
    r"/?p\b|/?tr\b|/?table\b)[^<>]{0,500}>){0,1000})", re.IGNORECASE)


def looks_like_mhtml(text: str) -> bool:
    """MIME headers, not markup, with a multipart body: how MHTML starts (``multipart/
    related``), and so does an e-mail newsletter saved as ``.eml`` (``multipart/alternative``
    or ``mixed``), which was a text dump opening with its MIME headers and base64 parts."""
    head = text[:4096].lower()
    return bool(_HEADER.match(head)) and "mime-version:" in head \
        and "content-type: multipart/" in head


def _page_part(message: Message) -> Message | None:
    """The first HTML part, else (a plain-text e-mail) the first text/plain part."""
    parts = [part for part in message.walk() if not part.is_multipart()]
    return next((p for p in parts if p.get_content_type() in HTML_TYPES), None) or next(
        (p for p in parts if p.get_content_type() == "text/plain"
         and p.get_content_disposition() != "attachment"), None)


def _saved_at(message: Message) -> str | None:
    """When the page was saved (the message's Date), as a fetch time: relative dates on the
    page ("2 hours ago") are read against it, not against the day it is ingested."""
    try:
        when = parsedate_to_datetime(str(message.get("Date") or ""))
    except (TypeError, ValueError, IndexError):
        return None
    # "-0000" (what browsers write) is UTC with no word on the local zone (RFC 5322)
    return (when if when.tzinfo is not None else when.replace(tzinfo=UTC)).isoformat()


def forwarded_header(text: str) -> tuple[str, dict[str, str]]:
    """The text without a forwarded message's header block ("---------- Forwarded message
    ---------", "From: …", "Date: …", "Subject: …"), and that block's fields by their lower-case
    names, else the text as it is and no fields. Why: the lines opened the article, and "Date:
    Mon, 2 Nov 2026 at 08:00" was shown as the tip's exclusive claim in the story's comparison
    (thirtieth session)."""
    marker = _FORWARDED.search(text)
    if marker is None:
        return text, {}
    end, fields = marker.end(), dict[str, str]()
    while len(fields) < 8 and (field := _FIELD.match(text, end)) is not None:
        value = " ".join(html.unescape(re.sub(r"<[^<>]*>", " ", field.group(2))).split())
        fields.setdefault(field.group(1).lower(), value)
        end = field.end()
    if not fields:
        return text, {}
    return text[:marker.start()] + text[end:], fields


def _sent(fields: dict[str, str]) -> str | None:
    return fields.get("date") or fields.get("sent") or fields.get("datum") \
        or fields.get("fecha")


def _shown(value: object) -> str:
    """A header as a mail reader shows it: the message is parsed with ``compat32``, which
    keeps RFC 2047 encoded words, so a sender's name outside ASCII was read as
    "Dunmere Post =?utf-8?b?4oCT?= Morning" (thirty-first session, helper R)."""
    try:
        return str(make_header(decode_header(str(value))))
    except (HeaderParseError, LookupError, UnicodeError, ValueError):  # an unknown charset
        return str(value)


def unflowed(text: str, delsp: bool = False) -> str:
    """A ``format=flowed`` text part (RFC 3676: what Apple Mail and Thunderbird send) with
    its soft line breaks joined: a line ending in a space goes on in the next one (its
    space dropped too with ``delsp=yes``), a signature's "-- " line excepted. Read as a
    dump, its paragraphs were cut where the wrapper's width guess failed ("… running for
    another" / "winter," she said") (helper NW, round ten). Quoted lines ("> ") join only
    lines of the same depth."""
    out: list[str] = []
    carry: list[str] = []  # the soft-broken pieces of the line being joined (a list: linear)
    depth = 0

    def written(quotes: int, body: str) -> str:
        return f"{'>' * quotes} {body}" if quotes else body

    for line in text.replace("\r\n", "\n").split("\n"):
        quotes = len(line) - len(line.lstrip(">"))
        body = line[quotes:]
        body = body[1:] if body.startswith(" ") else body  # space-stuffing (RFC 3676 4.4)
        if carry and quotes != depth:
            out.append(written(depth, "".join(carry)))
            carry = []
        if body.endswith(" ") and body != "-- ":  # a soft break
            carry.append(body[:-1] if delsp else body)
            depth = quotes
            continue
        out.append(written(quotes, "".join(carry) + body))
        carry = []
    if carry:
        out.append(written(depth, "".join(carry)))
    return "\n".join(out)


#: what a mail program puts before a subject it answers or forwards ("Fwd: ", "Re: ", "AW: ")
_REPLY = re.compile(r"^(?:[ \t]*(?:re|fwd?|aw|wg|tr|rv|sv|vs|antw|enc|r)(?:\[\d{1,4}\])?[ \t]*:)+",
                    re.IGNORECASE)


def _subject(value: str) -> str | None:
    """An e-mail's subject as its article's title, when the page gives none: a newsletter
    sent as plain text (or an HTML one without a ``<title>`` or heading) was an untitled
    article, though the subject line is its headline (helper NW, round ten)."""
    subject = " ".join(_REPLY.sub("", value).split())
    return subject[:300] or None


def _attachments(message: Message, read: Message, given: str) -> Iterator[Rejection]:
    """One rejection for each file attached to the message, named ``FILE#<its name>``: a tip
    forwarded with its PDF or screenshot attached was stored as the message's text alone, and
    nothing said that the attachment was not read (thirtieth session). A saved page's images
    and styles are not attachments: they are passed over, as a crawl's are."""
    for n, part in enumerate(message.walk(), start=1):
        if part is read or part.is_multipart() or part.get_content_disposition() != "attachment":
            continue
        name = str(part.get_filename() or f"part {n}")
        yield Rejection(f"{given}#{name}", f"a file attached to the message ({name}, "
                        f"{part.get_content_type()}): not read, Parallax reads the message's "
                        "own text; save the attachment and give it by itself (a PDF's or an "
                        "image's text as a .txt file)", Code.UNSUPPORTED.value)


def read_mhtml(data: bytes, *, uri: str, given: str, fetched_at: str,
               metadata: dict[str, object]) -> Iterator[RawDocument | Rejection]:
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    part = _page_part(message)
    payload = part.get_payload(decode=True) if part is not None else None
    if part is None or not isinstance(payload, bytes) or not payload.strip():
        yield Rejection(given, "an MHTML file (a page saved whole) or e-mail without an "
                        "HTML or text part: there is no page to read in it; save the page "
                        "again, or as HTML", Code.NO_ARTICLE.value)
        return
    charset = part.get_content_charset()
    try:
        text = decode_as(payload, charset) if charset else None
        encoding = charset
        if text is None:
            text, encoding = decode_bytes(payload)
        kind = "html" if part.get_content_type() in HTML_TYPES else "text"
        if kind == "html":
            text = fit_html_blocks(text)
        elif str(part.get_param("format") or "").lower() == "flowed":
            text = unflowed(text, str(part.get_param("delsp") or "").lower() == "yes")
    except InputRejected as exc:
        yield Rejection(given, exc.reason, exc.code.value)
        return
    saved_from = part.get("Content-Location") or message.get("Snapshot-Content-Location")
    stated: dict[str, object] = {}
    if saved_from is None and message.get_content_type() != "multipart/related":  # an e-mail
        text, fields = forwarded_header(text)
        if (sent := _sent(fields)) and (day := parse_absolute(sent)):  # the forwarded day
            stated = {"published_iso": day}
        # the newsletter's own sender: the forwarded block's, else the message's (never the
        # person who forwarded it: that one's site is not where the links point)
        sender = (fields.get("from") or fields.get("von") or fields.get("de")) if fields \
            else _shown(message.get("From") or "")
        if subject := _subject(fields.get("subject") or fields.get("betreff")
                               or fields.get("objet") or fields.get("asunto")
                               or _shown(message.get("Subject") or "")):
            stated["subject"] = subject
        if sender and (named := sender_at_site(sender, text)):
            if named.spells_site:
                stated["outlet"] = named.name
            else:
                stated["sender_name"], stated["sender_site"] = named.name, named.site
    yield RawDocument(uri=uri, kind=kind, text=text, fetched_at=_saved_at(message) or fetched_at,
                      sha256=hashlib.sha256(data).hexdigest(),
                      metadata={**metadata, **stated, "encoding": encoding, "format": "mhtml",
                                **({"url": str(saved_from)} if saved_from else {})},
                      input=given)
    yield from _attachments(message, part, given)


__all__ = ["looks_like_mhtml", "read_mhtml"]
