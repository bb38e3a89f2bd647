"""Fetch URLs the user gave, with an address guard against SSRF (rules in ``guard.py``).

Every hop (the first request and each redirect) is parsed, resolved and refused when any of its
addresses is not public, unless ``allow_private_addresses`` lists it. Redirects are followed by
hand so the guard sees each one. Size and time are capped. Anything wrong with one URL (a
malformed address, a port out of range, a broken redirect, a network error) ends as a Rejection
of that URL, never as an exception that ends the run. Known limit: the address is checked just
before connecting; a DNS answer that changes in between (rebinding) is not pinned.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

from parallax.errors import Code, InputRejected
from parallax.ingest.guard import Allowed, IPAddress, refusal
from parallax.records import RawDocument, Rejection
from parallax.settings import Config

#: longer addresses are refused before any request: most servers answer 414 past 8 KB, and
#: a megabyte-long "URL" pasted by mistake would otherwise be sent and echoed in every message
MAX_URL_CHARS = 8192
#: an address of another scheme ("ftp://…", "file:/…", "javascript:…"): refused as such, not
#: looked up as a file name that does not exist
_OTHER_SCHEME = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|(?:file|javascript|data|mailto):)",
                           re.IGNORECASE)
#: up to the authority's *last* "@", as urlsplit reads it: a password may hold an unescaped "@"
_USERINFO = re.compile(r"^([a-z][a-z0-9+.-]*://)[^/?#]*@", re.IGNORECASE)


def is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def is_address(text: str) -> bool:
    """An address of any scheme, http(s) included."""
    return is_url(text) or bool(_OTHER_SCHEME.match(text))


def scheme_refusal(text: str) -> str:
    """The advice fits the scheme: "to read a local file, give its path" was said of every
    scheme, so of a feed item's ``javascript:`` link and a redirect to ``gopher:`` too."""
    scheme = text.split(":", 1)[0].lower()
    said = f"only http(s) addresses are fetched, not {scheme}: ones ({redacted(text)[:200]!r})"
    return f"{said}; to read a local file, give its path" if scheme == "file" else said


def redacted(url: str) -> str:
    """The address without its user name and password: they are never echoed in a message,
    stored with a rejection or shown on a job page. One over the length cap is cut to its
    start, so its rejection is one line too."""
    url = _USERINFO.sub(r"\1…@", url)
    return url if len(url) <= MAX_URL_CHARS else url[:200] + "…"


def split_url(url: str) -> tuple[str, str, int]:
    """(scheme, host, port) of an http(s) URL, or InputRejected saying what is wrong with it."""
    if len(url) > MAX_URL_CHARS:
        raise InputRejected(Code.FETCH, f"the address is {len(url):,} characters long; "
                            f"addresses over {MAX_URL_CHARS:,} characters are not fetched")
    try:
        parts = urlsplit(url)
        host, port = parts.hostname, parts.port
    except ValueError as exc:  # "Invalid IPv6 URL", "Port out of range 0-65535"
        raise InputRejected(Code.FETCH, f"malformed URL {redacted(url)[:200]!r}: "
                            f"{exc}") from exc
    if parts.scheme not in ("http", "https"):
        raise InputRejected(Code.BLOCKED_ADDRESS, scheme_refusal(url))
    if parts.username is not None or parts.password is not None:
        raise InputRejected(Code.BLOCKED_ADDRESS, f"{redacted(url)[:200]} carries a user name "
                            "or password before its host: credentials are never sent; give "
                            "the address without them")
    if not host:
        raise InputRejected(Code.FETCH, f"URL has no host: {url[:200]}")
    return parts.scheme, host, port or (443 if parts.scheme == "https" else 80)


def allowed_from(config: Config) -> Allowed:
    value: Any = config["allow_private_addresses"]
    if isinstance(value, bool) or not isinstance(value, list | tuple):
        raise InputRejected(Code.CONFIG, "setting allow_private_addresses must be a list of "
                            'hosts or networks, e.g. ["wiki.corp.example", "10.20.0.0/16"]')
    try:
        return Allowed.parse(value)
    except ValueError as exc:
        raise InputRejected(Code.CONFIG, str(exc)) from exc


def resolve(host: str, port: int) -> list[IPAddress]:
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise InputRejected(Code.FETCH, f"cannot resolve host {host}: {exc} (check the "
                            "address for a typo, and that this machine reaches the web)") from exc
    return [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]


def check_address(url: str, *, allowed: Allowed | None = None) -> None:
    """Raise InputRejected if the URL is malformed or its host resolves to an address that is
    not public and not in ``allowed``."""
    _, host, port = split_url(url)
    reason = refusal(host, resolve(host, port), allowed or Allowed())
    if reason:
        raise InputRejected(Code.BLOCKED_ADDRESS, f"refused to fetch {url[:200]}: {reason} "
                            "(list trusted intranet hosts or networks in the setting "
                            "allow_private_addresses)")


def fetch(url: str, config: Config, *, client: httpx.Client | None = None) -> httpx.Response:
    """GET with guard, redirect limit, time and size caps; returns a fully read response."""
    limit = int(config["max_input_bytes"])
    allowed = allowed_from(config)
    owned = client is None
    client = client or httpx.Client(
        timeout=float(config["fetch_timeout_s"]), follow_redirects=False,
        headers={"User-Agent": str(config["user_agent"])},
    )
    try:
        current = url
        for _ in range(int(config["fetch_max_redirects"]) + 1):
            check_address(current, allowed=allowed)
            with client.stream("GET", current) as response:
                if response.is_redirect:
                    location = response.headers.get("location", "")
                    try:
                        current = urljoin(current, location)
                    except ValueError as exc:
                        raise InputRejected(Code.FETCH, f"{current} redirects to a malformed "
                                            f"address {location[:200]!r}: {exc}") from exc
                    continue
                if response.status_code >= 400:
                    raise InputRejected(Code.FETCH, f"{current} answered HTTP "
                                        f"{response.status_code}{_status_hint(response)}")
                declared = response.headers.get("content-length", "").strip()
                if declared.isdigit() and int(declared) > limit:  # refused unread: reading
                    # on ended in the server's cut ("run the same command again later")
                    raise InputRejected(Code.TOO_LARGE, f"{current} declares {int(declared):,} "
                                        f"bytes, larger than {limit / 1e6:.0f} MB (setting "
                                        "max_input_bytes)")
                body = bytearray()
                for chunk in response.iter_bytes():
                    body.extend(chunk)
                    if len(body) > limit:
                        raise InputRejected(Code.TOO_LARGE, f"{current} is larger than "
                                            f"{limit / 1e6:.0f} MB (setting max_input_bytes)")
                response._content = bytes(body)
                return response
        raise InputRejected(Code.FETCH, f"too many redirects from {url} "
                            "(setting fetch_max_redirects)")
    except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError, ValueError, OSError) as exc:
        hint = (" (the server did not answer in time or refused the connection: check the "
                "address, or run the same command again later)"
                if isinstance(exc, httpx.TransportError) else "")
        raise InputRejected(Code.FETCH, f"could not fetch {url[:200]}: "
                            f"{type(exc).__name__}: {exc}{hint}") from exc
    finally:
        if owned:
            client.close()


def _status_hint(response: httpx.Response) -> str:
    """What a person can do about an error status ("answered HTTP 404" alone said nothing)."""
    code = response.status_code
    if code in (404, 410):
        return " (no page at this address: check it, or the page was taken down)"
    if code in (401, 403, 451):
        return " (the site refuses this request: save the page from a browser and ingest the file)"
    if code == 429 or code >= 500:
        return " (the site is busy or failing: run the same command again later)"
    return ""


def kind_from_content_type(content_type: str) -> str | None:
    ctype = content_type.split(";")[0].strip().lower()
    if ctype in ("text/html", "application/xhtml+xml"):
        return "html"
    if ctype in ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml"):
        return "feed"
    if ctype in ("application/jsonl", "application/x-ndjson"):
        return "jsonl"
    if ctype == "text/plain":
        return "text"
    return None


def _kind(declared: str | None, text: str) -> str:
    """The kind of a fetched text: its Content-Type's, unless that is plain text or HTML and
    the text opens as a feed, JSON or JSON Lines. Servers label such files loosely: a raw
    file on GitHub is text/plain, and a misconfigured site serves its RSS as text/html; read
    by the label, a JSONL export was a dump of its JSON source and a feed one untitled
    "article" of every item's text (helper NW, round ten). A plain-text label gives way as a
    ``.txt`` file's name does (``sources.sniff_kind`` without its loose "<body" test)."""
    from parallax.ingest.sources import sniff_kind

    if declared not in (None, "text", "html"):
        return declared
    if declared is None:
        return sniff_kind(text)
    sniffed = sniff_kind(text, loose=False)
    if declared == "text" or sniffed in ("feed", "json", "jsonl"):
        return sniffed
    return declared


def read_url(url: str, config: Config,
             client: httpx.Client | None = None) -> Iterator[RawDocument | Rejection]:
    from parallax.ingest.decode import decode_as, decode_bytes
    from parallax.ingest.sources import from_text

    try:
        response = fetch(url, config, client=client)
        data = response.content
        charset = response.charset_encoding
        declared = decode_as(data, charset) if charset else None
        if declared is not None and charset:
            text, encoding = declared, charset
        else:
            text, encoding = decode_bytes(data)
    except InputRejected as exc:
        yield Rejection(redacted(url), exc.reason, exc.code.value)
        return
    except Exception as exc:  # a stranger's server must not end the run
        yield Rejection(redacted(url), f"could not read {redacted(url)[:200]}: "
                        f"{type(exc).__name__}: {exc}", Code.FETCH.value)
        return
    kind = _kind(kind_from_content_type(response.headers.get("content-type", "")), text)
    yield from from_text(text, kind, uri=str(response.url), given=url, config=config, raw=data,
                         metadata={"encoding": encoding, "url": str(response.url)})
