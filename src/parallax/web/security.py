"""What stands between strangers' content, strangers' requests and the store.

- Security headers on every response (pure ASGI, so static files and error pages get them too):
  a Content-Security-Policy with no inline script or style, no framing, no referrer.
- A request body cap (413 before the body is read into memory) and a per-client token-bucket
  rate limit (429), both in front of every route.
- Ingest and admin need a token. Only its salted PBKDF2 hash is configured
  (``web_token_hash``; ``parallax token`` makes one), compared in constant time. The check
  (200,000 rounds, ~90 ms of CPU) runs in a small thread pool, never on the event loop, so
  wrong-token requests cannot stall other clients, and it runs before the body is parsed
  (``TokenGate``): a stranger's 25 MB upload is refused after reading only the token.
- Every refusal (413, 429, 401) carries the security headers, and 429 says ``Retry-After``.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import re
import secrets
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from urllib.parse import unquote_plus

import anyio
import anyio.to_thread
from starlette.datastructures import MutableHeaders
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
PBKDF2_ROUNDS = 200_000
#: why a server without a token refuses ingest and delete
WRITES_OFF = ("Ingest and delete are switched off on this server (read-only). Start it with a "
              "token: see 'parallax token' and 'parallax serve'.")


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _wants_json(scope: Scope) -> bool:
    return str(scope.get("path", "")).startswith(("/api/", "/healthz"))


class Limits:
    """Body size cap and per-client request rate, answered before any route runs."""

    def __init__(self, app: ASGIApp, max_body: int, per_minute: int,
                 page: Refuse | None = None) -> None:
        self.app = app
        self.max_body = max_body
        # the app's own error page for a refused upload: a person at the form got one bare
        # line of text where every other refusal is a page of the app with its way back
        self.page = page
        self.rate = per_minute / 60.0
        self.burst = max(1.0, per_minute / 6.0)  # ten seconds' worth at once
        self.buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def _allow(self, client: str) -> float:
        """0 when the request may pass, else the seconds until it would (Retry-After)."""
        now = time.monotonic()
        tokens, last = self.buckets.pop(client, (self.burst, now))
        tokens = min(self.burst, tokens + (now - last) * self.rate)
        allowed = tokens >= 1.0
        self.buckets[client] = (tokens - 1.0 if allowed else tokens, now)
        while len(self.buckets) > 10_000:  # forget the oldest clients, bounded memory
            self.buckets.popitem(last=False)
        return 0.0 if allowed else (1.0 - tokens) / self.rate

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        client = (scope.get("client") or ("unknown", 0))[0]
        wait = 0.0
        if self.rate > 0 and not str(scope.get("path", "")).startswith("/static/"):
            wait = self._allow(client)
        if wait:
            seconds = max(1, math.ceil(wait))
            await self._refuse(scope, receive, send, 429, "Too many requests; slow down and "
                               f"try again in {seconds} s.",
                               headers={"Retry-After": str(seconds)})
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body:
            await self._too_large(scope, receive, send)
            return
        received = 0
        over = refused = False

        async def counted() -> Message:
            nonlocal received, over
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    over = True
                    raise BodyTooLarge
            return message

        async def guarded(message: Message) -> None:
            # a body without Content-Length (chunked) is only found too large while the app
            # reads it, and form parsing turns our exception into its own 400: answer 413
            nonlocal refused
            if not over:
                await send(message)
            elif not refused and message["type"] == "http.response.start":
                refused = True
                await self._too_large(scope, receive, send)

        try:
            await self.app(scope, counted, guarded)
        except BodyTooLarge:
            if not refused:
                await self._too_large(scope, receive, send)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        """413 with the limit and what to do, as a page of the app unless the API asked."""
        message = (f"Request body too large: this server takes at most "
                   f"{self.max_body / 1_000_000:.3g} MB in one request. Send fewer or smaller "
                   "files at a time, or ingest large files from the command line ('parallax "
                   "ingest FILE --db STORE'); the operator can raise web_max_body_bytes.")
        if self.page is None or _wants_json(scope):
            await self._refuse(scope, receive, send, 413, message)
            return
        response = await self.page(scope, 413, message)
        await response(scope, receive, send)

    @staticmethod
    async def _refuse(scope: Scope, receive: Receive, send: Send, status: int,
                      message: str, headers: dict[str, str] | None = None) -> None:
        response = JSONResponse({"detail": message}, status_code=status, headers=headers) \
            if _wants_json(scope) else PlainTextResponse(message, status_code=status,
                                                         headers=headers)
        await response(scope, receive, send)


class BodyTooLarge(Exception):
    pass


def hash_token(token: str, salt: str | None = None) -> str:
    """``pbkdf2_sha256$ROUNDS$SALT$HEX``: what goes into the config, never the token."""
    salt = salt or secrets.token_hex(16)
    digest = hashlib.pbkdf2_hmac("sha256", token.encode("utf-8"), salt.encode("ascii"),
                                 PBKDF2_ROUNDS).hex()
    return f"pbkdf2_sha256${PBKDF2_ROUNDS}${salt}${digest}"


def verify_token(token: str | None, stored: str) -> bool:
    if not token or not stored:
        return False
    try:
        scheme, rounds, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "pbkdf2_sha256" or not rounds.isdigit():
        return False
    candidate = hashlib.pbkdf2_hmac("sha256", token.encode("utf-8"), salt.encode("ascii"),
                                    int(rounds)).hex()
    return hmac.compare_digest(candidate, digest)


def new_token() -> str:
    return secrets.token_urlsafe(24)


# PBKDF2 releases the GIL; two at a time keeps wrong-token floods from taking every core
_TOKEN_CHECKS = anyio.CapacityLimiter(2)
PEEK_LIMIT = 4096
Refuse = Callable[[Scope, int, str], Awaitable[Response]]


async def verify_token_off_loop(token: str | None, stored: str) -> bool:
    return await anyio.to_thread.run_sync(verify_token, token, stored, limiter=_TOKEN_CHECKS)


def first_form_field(content_type: str, head: bytes) -> tuple[str, str] | None:
    """(name, value) of the first field of a form body's beginning, if it is all there."""
    kind = content_type.lower()
    if kind.startswith("application/x-www-form-urlencoded"):
        end = head.find(b"&")
        if end < 0:
            return None
        name, _, value = head[:end].decode("latin-1").partition("=")
        return unquote_plus(name), unquote_plus(value)
    found = re.search(r'boundary="?([^";]+)"?', content_type)
    if not kind.startswith("multipart/form-data") or not found:
        return None
    boundary = found.group(1).encode("latin-1")
    match = re.match(rb"(?:\r\n)?--" + re.escape(boundary) + rb"\r\n(.*?)\r\n\r\n(.*?)\r\n--"
                     + re.escape(boundary), head, re.DOTALL)
    if not match:
        return None
    named = re.search(rb'name="([^"]*)"', match.group(1))
    return (named.group(1).decode("latin-1") if named else "",
            match.group(2).decode("utf-8", "replace"))


class TokenGate:
    """Checks the ingest token of a ``POST`` or ``DELETE`` to ``paths`` (and to the paths
    ``patterns`` match: an article's delete, its page's and the API's) before the route
    parses the body.

    The token comes from ``Authorization: Bearer`` or, for the browser form, from the form's
    first field (``token``: browsers send fields in page order, so only the first few hundred
    bytes are read before deciding). A request that passes carries ``scope["state"]
    ["token_ok"]``; the body it peeked at is handed on to the route unchanged.
    """

    def __init__(self, app: ASGIApp, token_hash: str, paths: set[str], refuse: Refuse,
                 patterns: tuple[re.Pattern[str], ...] = ()) -> None:
        self.app = app
        self.token_hash = token_hash
        self.paths = paths
        self.patterns = patterns
        self.refuse = refuse

    def _guards(self, path: str) -> bool:
        return path in self.paths or any(p.fullmatch(path) for p in self.patterns)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") not in ("POST", "DELETE") \
                or not self._guards(str(scope.get("path", ""))):
            await self.app(scope, receive, send)
            return
        if not self.token_hash:
            response = await self.refuse(scope, 403, WRITES_OFF)
            await response(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1")
                   for k, v in scope.get("headers") or []}
        token: str | None = None
        peeked: list[Message] = []
        authorization = headers.get("authorization", "")
        if authorization.lower().startswith("bearer "):
            token = authorization[7:].strip()
        else:
            token, peeked = await self._token_from_form(headers.get("content-type", ""),
                                                        receive)
        if not await verify_token_off_loop(token, self.token_hash):
            response = await self.refuse(scope, 401, "Ingest and delete need a valid token "
                                         "(the form's first field 'token', or an "
                                         "Authorization: Bearer header).")
            await response(scope, receive, send)
            return
        scope.setdefault("state", {})["token_ok"] = True

        async def replay() -> Message:
            return peeked.pop(0) if peeked else await receive()

        await self.app(scope, replay, send)

    @staticmethod
    async def _token_from_form(content_type: str,
                               receive: Receive) -> tuple[str | None, list[Message]]:
        peeked: list[Message] = []
        head = b""
        while len(head) < PEEK_LIMIT:
            message = await receive()
            peeked.append(message)
            if message["type"] != "http.request":
                break
            head += message.get("body", b"")
            # at the end of the body a urlencoded form's last field ends too
            field = first_form_field(content_type,
                                     head if message.get("more_body") else head + b"&")
            if field is not None:
                return (field[1] if field[0] == "token" else None), peeked
            if not message.get("more_body"):
                break
        return None, peeked
