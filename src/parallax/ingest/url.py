"""Fetch URLs the user gave, with an address guard against SSRF.

Every hop (the first request and each redirect) is resolved and refused when any address is
loopback, private, link-local (cloud metadata 169.254.169.254), multicast, reserved or
unspecified, unless ``allow_private_addresses`` is set. Redirects are followed by hand so the
guard sees each one. Size and time are capped. Known limit: the address is checked just before
connecting; a DNS answer that changes in between (rebinding) is not pinned.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterator
from urllib.parse import urljoin, urlsplit

import httpx

from parallax.errors import Code, InputRejected
from parallax.records import RawDocument, Rejection
from parallax.settings import Config


def is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def check_address(url: str, *, allow_private: bool) -> None:
    """Raise InputRejected if the URL's host resolves to an internal address."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise InputRejected(Code.BLOCKED_ADDRESS, f"only http(s) URLs are fetched, not {url!r}")
    host = parts.hostname
    if not host:
        raise InputRejected(Code.FETCH, f"URL has no host: {url}")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(host, parts.port or 443, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise InputRejected(Code.FETCH, f"cannot resolve host {host}: {exc}") from exc
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
            address = address.ipv4_mapped
        if (address.is_private or address.is_loopback or address.is_link_local
                or address.is_multicast or address.is_reserved or address.is_unspecified):
            raise InputRejected(
                Code.BLOCKED_ADDRESS,
                f"refused to fetch {url}: {host} resolves to internal address {address} "
                "(set allow_private_addresses = true to allow trusted intranet hosts)",
            )


def fetch(url: str, config: Config, *, client: httpx.Client | None = None) -> httpx.Response:
    """GET with guard, redirect limit, time and size caps; returns a fully read response."""
    limit = int(config["max_input_bytes"])
    owned = client is None
    client = client or httpx.Client(
        timeout=float(config["fetch_timeout_s"]), follow_redirects=False,
        headers={"User-Agent": str(config["user_agent"])},
    )
    try:
        current = url
        for _ in range(int(config["fetch_max_redirects"]) + 1):
            check_address(current, allow_private=bool(config["allow_private_addresses"]))
            with client.stream("GET", current) as response:
                if response.is_redirect:
                    location = response.headers.get("location", "")
                    current = urljoin(current, location)
                    continue
                if response.status_code >= 400:
                    raise InputRejected(Code.FETCH, f"{current} answered HTTP "
                                        f"{response.status_code}")
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
    except httpx.HTTPError as exc:
        raise InputRejected(Code.FETCH, f"could not fetch {url}: {type(exc).__name__}: {exc}") \
            from exc
    finally:
        if owned:
            client.close()


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


def read_url(url: str, config: Config,
             client: httpx.Client | None = None) -> Iterator[RawDocument | Rejection]:
    from parallax.ingest.decode import decode_bytes
    from parallax.ingest.sources import from_text, sniff_kind

    try:
        response = fetch(url, config, client=client)
        data = response.content
        charset = response.charset_encoding
        if charset:
            try:
                text, encoding = data.decode(charset), charset
            except (LookupError, UnicodeDecodeError):
                text, encoding = decode_bytes(data)
        else:
            text, encoding = decode_bytes(data)
    except InputRejected as exc:
        yield Rejection(url, exc.reason, exc.code.value)
        return
    kind = kind_from_content_type(response.headers.get("content-type", "")) or sniff_kind(text)
    yield from from_text(text, kind, uri=str(response.url), given=url, config=config, raw=data,
                         metadata={"encoding": encoding, "url": str(response.url)})
