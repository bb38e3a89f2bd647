"""Bytes -> text with the encoding detected, not assumed; binary and broken input rejected.

Decision (documented in README): valid UTF-8 (with or without BOM) is taken as is; then a
charset the page declares; then a page that is ASCII but for a few stray bytes reads them as
windows-1252 (``STRAY_BYTES_SHARE``); otherwise charset-normalizer proposes an encoding and
we accept it only if the decoded text looks like prose (mostly letters and spaces). Anything
else is rejected with the offending byte offset, so a user can find and fix the file.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterator

from charset_normalizer import from_bytes

from parallax.errors import Code, InputRejected

_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive",
    b"\x7fELF": "an executable",
    b"\x1f\x8b": "a gzip archive",
    b"bplist00": "a Safari web archive (.webarchive) or another Apple binary file",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": "an older Office document or an Outlook message "
                                         "(.doc, .xls, .ppt, .msg)",
}


DECLARED = re.compile(rb"""(?:<meta[^>]+charset=|encoding=)["']?([A-Za-z0-9_-]{3,20})""",
                      re.IGNORECASE)


# codecs Python knows that are no charset of a web page: "undefined" always raises, idna and
# punycode encode host names, utf-7 smuggles markup past filters
_NOT_PAGE_CHARSETS = {"undefined", "idna", "punycode", "utf_7", "raw_unicode_escape",
                      "unicode_escape", "palmos", "mbcs", "oem"}


def decode_as(data: bytes, charset: str) -> str | None:
    """``data`` decoded with a charset a page or server declared, or None when the name is no
    usable text encoding or the bytes do not fit it. Declarations are strangers' input: any
    codec error here must mean "try the next way", never end the run."""
    try:
        info = codecs.lookup(charset.strip().strip("'\"").lower())
    except (LookupError, ValueError, TypeError):
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_PAGE_CHARSETS:
        return None
    try:
        return data.decode(info.name)
    except (UnicodeError, LookupError, ValueError, TypeError):
        return None


#: ZIP containers by what their first members name: office and e-book files are ZIPs
_ZIPPED = ((b"word/", "a Word document (.docx)"), (b"xl/", "a spreadsheet (.xlsx)"),
           (b"ppt/", "a slide deck (.pptx)"),
           (b"application/vnd.oasis.opendocument.text", "an OpenDocument text (.odt)"),
           (b"application/vnd.oasis.opendocument", "an OpenDocument file"),
           (b"application/epub+zip", "an e-book (EPUB)"))
#: how a user gives the text of what cannot be read (a fact-checker's folder holds these)
_SAVE_TEXT = "save or export its text as plain text (.txt) or a web page (.html) and give that"


def sniff_binary(head: bytes, *, bom_ok: bool = True) -> str | None:
    """Name what a binary blob looks like, or None for text (UTF-16 with BOM may hold NULs)."""
    if head.startswith(b"PK\x03\x04"):
        return next((name for mark, name in _ZIPPED if mark in head), _MAGIC[b"PK\x03\x04"])
    for magic, name in _MAGIC.items():
        if head.startswith(magic):
            return name
    utf16 = bom_ok and head.startswith((b"\xff\xfe", b"\xfe\xff"))
    if b"\x00" in head[:8192] and not utf16:
        return "binary data (contains NUL bytes)"
    return None


def _advice(binary: str) -> str:
    """What to do with a document Parallax does not read: a .docx was "a ZIP archive (or
    office document)" and a PDF "a PDF document", neither saying what to do (helper N5)."""
    if binary.startswith("a ZIP archive"):
        return "; unpack it and give the folder"
    if binary == _MAGIC[b"bplist00"]:
        return "; Parallax does not read it: save the page from Safari as its source (.html)"
    if binary in (_MAGIC[b"%PDF"], _MAGIC[b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"]) \
            or any(binary == name for _, name in _ZIPPED):
        return f"; Parallax does not read it: {_SAVE_TEXT}"
    return ""


def _looks_like_prose(text: str) -> bool:
    sample = text[:20000]
    if not sample.strip():
        return False
    letters = sum(ch.isalpha() or ch.isspace() for ch in sample)
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return letters / len(sample) > 0.75 and controls / len(sample) < 0.01


#: at most this share of a page's bytes outside ASCII: a page whose text is ASCII but for a few
#: curly quotes or a pound sign in a legacy code page, or UTF-8 with a few such bytes pasted in.
#: Sixteenth session: 16 of the 2,287 real pages of ../shared/datasets/extraction (CleanEval,
#: a news portal's blogs) were rejected as "invalid UTF-8" for 1-13 such bytes in 16-168 KB,
#: declared "unset", wrongly "utf-8" or not at all. At one byte in a thousand no guess of the
#: code page can cost more than those characters, so each byte that is no valid UTF-8 is read
#: as windows-1252, the web's default for an undeclared page (bytes it leaves undefined become
#: U+FFFD); valid UTF-8 around them stays UTF-8.
STRAY_BYTES_SHARE = 0.001
_STRAY = "parallax-stray-windows-1252"


def _stray_byte(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    byte = error.object[error.start:error.start + 1]
    return byte.decode("cp1252", errors="replace"), error.start + 1


codecs.register_error(_STRAY, _stray_byte)


def _mostly_ascii(data: bytes) -> bool:
    stray = len(data) - len(data.translate(None, bytes(range(128, 256))))
    return 0 < stray <= STRAY_BYTES_SHARE * len(data)


def _spaces(text: str) -> int:
    return sum(ch.isspace() for ch in text[:20000])


def _looks_like_wide_prose(text: str) -> bool:
    """Prose as 16-bit text with NULs on both sides: binary data read as UTF-16 can be mostly
    letters (ideographs), but it leaves no spaces between them and lands on unassigned and
    private-use code points, which text never holds. A few words are too few to tell."""
    sample = text[:20000]
    return (len(sample) >= 50 and _looks_like_prose(sample) and _spaces(sample) * 100 >= len(sample)
            and not any(unicodedata.category(ch) in ("Cn", "Co", "Cs") for ch in sample))


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 written without a byte-order mark (some Windows tools and exports do), which
    was rejected as "binary data (contains NUL bytes)". Its NULs are the high bytes of Latin
    characters, spaces and digits, so they fall on one side of each byte pair only; random
    binary data has them on both. The decoded text must still read as prose."""
    head = data[:8192]
    if len(data) % 2 or b"\x00" not in head:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    for nuls, others, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if others == 0 and nuls >= len(head) // 20:
            text = decode_as(data, codec)
            if text is not None and _looks_like_prose(text):
                return text, codec
    # An ideographic space (U+3000), the typographic spaces U+2000-U+200A or a character
    # such as U+4E00 have a NUL low byte, so Japanese or typeset text puts NULs on both
    # sides and stayed "binary". Read both ways; the right reading is prose with the more
    # spaces (read the wrong way round, U+3000 is the digit 0 and a newline U+0A00).
    readings = [(_spaces(text), codec, text) for codec in ("utf-16-le", "utf-16-be")
                if (text := decode_as(data, codec)) is not None and _looks_like_wide_prose(text)]
    if readings:
        _, codec, text = max(readings, key=lambda r: r[0])
        return text, codec
    return None


#: the single-byte encodings of the WHATWG Encoding Standard (what browsers read pages in),
#: in Python's names: the only alternatives to charset-normalizer's first reading
WEB_CODE_PAGES = frozenset({*(f"cp{n}" for n in range(1250, 1259)), "cp866", "cp874",
                            *(f"iso8859_{n}" for n in (2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15, 16)),
                            "koi8_r", "koi8_u", "mac_roman", "mac_cyrillic"})


#: the code page a language's undeclared pages were written in (the fallback browsers take
#: for its readers), preferred among readings charset-normalizer ties: an English page in
#: windows-1252 without a charset was stored with "naïve" as "naďve", since the identifier was
#: surer of the windows-1250 reading by 5 in 10 million (helper N8). Polish or Czech keeps
#: windows-1250, Lithuanian windows-1257, Turkish windows-1254
_LANGUAGE_CODE_PAGE = {
    **dict.fromkeys(("en", "fr", "de", "es", "pt", "it", "nl", "ca", "da", "sv", "no", "nb",
                     "nn", "fi", "is", "ga", "eu", "gl", "af", "id", "ms", "sw", "lb", "oc",
                     "wa", "fo", "br", "la"), "cp1252"),
    **dict.fromkeys(("pl", "cs", "sk", "hu", "sl", "hr", "bs", "sq", "ro"), "cp1250"),
    **dict.fromkeys(("lt", "lv", "et"), "cp1257"),
    **dict.fromkeys(("tr", "az"), "cp1254"),
}


def _likeliest(data: bytes) -> tuple[str, str] | None:
    """charset-normalizer's reading, or where code pages tie on its measure, the one whose text
    the language identifier is surest of. It often cannot tell windows-1252 from
    windows-1250 or -1257 on a short Western text and took whichever it listed first, so a
    Latin-1 Spanish, Portuguese or French file was stored silently wrong ("campańa", "Joăo",
    "grčve"). Exact ties of the identifier keep charset-normalizer's order (the Polish and
    Hungarian letters of windows-1250 score as surely as their look-alikes elsewhere); the
    alternatives are code pages of the web only (a DOS code page, tied, read two real English
    pages' curly quotes as "GirlsÆ Clubs")."""
    matches = from_bytes(data[:2_000_000])
    best = matches.best()
    if best is None:
        return None
    readings: list[tuple[str, str]] = []
    for match in matches:
        if match.chaos > best.chaos or match.encoding.lower() in ("utf_8", "utf-8") or (
                match is not best and match.encoding not in WEB_CODE_PAGES):
            continue
        text = decode_as(data, match.encoding)
        if text and _looks_like_prose(text) and all(text != t for _, t in readings):
            readings.append((match.encoding, text))
    if len(readings) > 1:
        from parallax.enrich.language import LangidIdentifier

        identifier = LangidIdentifier()._full  # the whole model, its probabilities
        read = {name: identifier.classify(text[:5000]) for name, text in readings}
        # the text as the language's own code page reads it, listed or not: an English text
        # in windows-1252 that charset-normalizer tied between 1250 and 1257 (1252 unlisted)
        # was stored with "Zoë" as "Zoė", the identifier surer of 1257 (helper NW)
        own = {text: page for page in sorted({_LANGUAGE_CODE_PAGE.get(lang, "")
                                              for lang, _ in read.values()} - {""})
               if (text := decode_as(data, page)) and _looks_like_prose(text)}
        for text, page in own.items():
            if all(text != t for _, t in readings):
                readings.append((page, text))
                read[page] = identifier.classify(text[:5000])
        # a reading in its language's own code page first, then the surest (stable on ties)
        readings.sort(key=lambda reading: (reading[1] not in own, -read[reading[0]][1]))
        text = readings[0][1]
        return text, own.get(text, readings[0][0])  # named by the code page that owns it
    return (readings[0][1], readings[0][0]) if readings else None


def _blank(data: bytes) -> bool:
    """Nothing but white space behind an optional byte-order mark. A file holding only a BOM
    was "no article found" (UTF-8's) or "invalid UTF-8 at byte 0 … re-save the file as UTF-8"
    (UTF-16's), though it is simply empty."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = decode_as(data, "utf-16")
        return text is not None and not text.strip()
    return not data.removeprefix(b"\xef\xbb\xbf").strip()


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return (text, encoding) or raise InputRejected with an actionable reason."""
    if not data:
        raise InputRejected(Code.EMPTY, "empty input: the file has no content")
    if _blank(data):
        raise InputRejected(Code.EMPTY, "empty input: the file holds only blank space or a "
                            "byte-order mark, no text")
    # UTF-32's mark opens with UTF-16's: read as UTF-16 it was "binary data (NUL bytes)"
    wide = "utf-32" if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")) else \
        "utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else None
    if wide:
        text = decode_as(data, wide) or ""
        if _looks_like_prose(text):
            return text, wide
    if (unmarked := _utf16_without_bom(data)) is not None:
        return unmarked
    binary = sniff_binary(data[:8192], bom_ok=False)
    if binary:
        raise InputRejected(Code.BINARY, f"binary input: looks like {binary}, not a text, "
                            f"HTML, feed, WARC or JSONL document{_advice(binary)}")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    declared = DECLARED.search(data[:4096])
    if declared:  # an HTML/XML page that says its charset: believe it when UTF-8 failed
        name = declared.group(1).decode("ascii")
        as_declared = decode_as(data, name)
        if as_declared is not None:
            return as_declared, name
    if _mostly_ascii(data):  # a few stray bytes of a legacy page: read them as the web does
        return data.decode("utf-8-sig", errors=_STRAY), "utf-8, stray bytes as windows-1252"
    if (guessed := _likeliest(data)) is not None:
        return guessed
    raise InputRejected(
        Code.ENCODING,
        f"invalid UTF-8 at byte {utf8_error.start} (0x{data[utf8_error.start]:02x}) and no other "
        "text encoding fits; re-save the file as UTF-8",
    )


# libxml2 (under lxml and trafilatura) drops a text node over 10,000,000 bytes without a word,
# which surfaced as a misleading "no article found"
MAX_HTML_BLOCK = 9_500_000


#: a script or style element's opening tag (up to its name: the tag ends at the next ">");
#: libxml2 holds its body as one text node too
RAW_TEXT_OPEN = re.compile(r"<(script|style)\b", re.IGNORECASE)
_RAW_TEXT_CLOSE = {name: re.compile(rf"</{name}\s*>", re.IGNORECASE)
                   for name in ("script", "style")}


def _after(text: str, what: str | re.Pattern[str], start: int) -> int:
    """Where ``what`` is first found in ``text`` from ``start``, or -1."""
    if isinstance(what, str):
        return text.find(what, start)
    found = what.search(text, start)
    return found.start() if found else -1


def _utf8(text: str) -> int:
    """Bytes in UTF-8, as libxml2 counts them."""
    return len(text.encode("utf-8", "replace"))


def _raw_text_bodies(text: str) -> Iterator[tuple[int, int, int]]:
    """(opening tag's start, body's start, body's end) of each script or style element, in
    one pass: a closing tag already found serves every later opening before it, and a tag's
    end is looked for once. Searching once per opening went over the rest of the page each
    time: a made-up 2.4 MB page of 10,000 unclosed "<script>" took 209 s, one of 2,000
    "<script " and no ">" 59 s."""
    tag_end = -1
    closing: dict[str, int] = {}  # the first closing tag after the last search (len: none)
    for opening in RAW_TEXT_OPEN.finditer(text):
        if opening.start() < tag_end:  # inside the last opening tag (its attributes)
            continue
        tag_end = _after(text, ">", opening.end())
        if tag_end < 0:  # no tag ends after here
            return
        name, body = opening[1].lower(), tag_end + 1
        if closing.get(name, -1) < body:
            end = _after(text, _RAW_TEXT_CLOSE[name], body)
            closing[name] = end if end >= 0 else len(text)
        yield opening.start(), body, closing[name]


def fit_html_blocks(text: str) -> str:
    """The page with the body of any script or style element too long for the HTML parser
    emptied (a page's inline bundle or data blob of 10 MB: libxml2 dropped the page after it,
    and a script holding "<" passed ``check_html_blocks``, so the page read as "no article
    found: 0 characters"; one without "<" was refused as text to split into paragraphs). No
    page is cut that the parser could read. Then ``check_html_blocks``."""
    if len(text) * 4 > MAX_HTML_BLOCK:
        kept, at = [], 0
        measured = (-1, -1, 0)  # the last body measured: its start, end and UTF-8 bytes
        for start, body, end in _raw_text_bodies(text):
            if start < at or (end - body) * 4 <= MAX_HTML_BLOCK:  # (inside one emptied)
                continue
            # openings that share a closing tag share their body's end: measure only what
            # lies between two of them (each measured whole went over the page again)
            last, last_end, size = measured
            size = size - _utf8(text[last:body]) if last_end == end and last <= body \
                else _utf8(text[body:end])
            measured = (body, end, size)
            if size > MAX_HTML_BLOCK:
                kept.append(text[at:body])
                at = end
        text = _without_big_data_addresses("".join(kept) + text[at:])
    check_html_blocks(text)
    return text


#: an attribute holding a ``data:`` address (an inlined image, font or file)
_DATA_VALUE = re.compile(r"""=\s*(["']?)data:""", re.IGNORECASE)
_UNQUOTED_END = re.compile(r"[\s>]")
#: a ``data:`` address longer than this is emptied (``data:,``): a page saved whole from a
#: browser inlines its images so, and one of 10 MB made the page one block too long for the
#: parser ("split it into paragraphs", the article lost); no reader reads an image's bytes
DATA_ADDRESS_KEEP = 1_000_000


def _without_big_data_addresses(text: str) -> str:
    kept, at, seen = [], 0, 0  # seen: the end of the last value read (one pass, linear)
    for found in _DATA_VALUE.finditer(text):
        start = found.end() - len("data:")
        if start < seen:  # inside the value before (a "data:" in an inlined page)
            continue
        if found[1]:
            end = text.find(found[1], found.end())
        else:
            close = _UNQUOTED_END.search(text, found.end())
            end = close.start() if close else -1
        end = seen = len(text) if end < 0 else end
        if end - start > DATA_ADDRESS_KEEP:
            kept.append(text[at:start] + "data:,")
            at = end
    return "".join(kept) + text[at:] if kept else text


def check_html_blocks(text: str) -> None:
    """Raise InputRejected (TOO_LARGE) with a reason when one run of text between two tags is
    longer (in UTF-8 bytes, as libxml2 counts) than the HTML parser can hold."""
    if len(text) * 4 <= MAX_HTML_BLOCK:
        return
    longest = max((len(piece.encode("utf-8", "replace")) for piece in text.split("<")
                   if len(piece) * 4 > MAX_HTML_BLOCK), default=0)
    if longest > MAX_HTML_BLOCK:
        raise InputRejected(Code.TOO_LARGE, f"one block of text is {longest / 1e6:.1f} MB "
                            "without any markup; the HTML parser reads at most 10 MB per "
                            "block: split it into paragraphs (<p>) or save it as .txt")
