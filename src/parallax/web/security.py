"""What stands between strangers' content, strangers' requests and the store.

- Security headers on every response (pure ASGI, so static files and error pages get them too):
  a Content-Security-Policy with no inline script or style, no framing, no referrer.
- A request body cap (413 before the body is read into memory) and a per-client token-bucket
  rate limit (429), both in front of every route.
- Ingest and admin need a token. Only its salted PBKDF2 hash is configured
  (``web_token_hash``; ``parallax token`` makes one), compared in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections import OrderedDict

from starlette.datastructures import MutableHeaders
from starlette.responses import JSONResponse, PlainTextResponse
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

    def __init__(self, app: ASGIApp, max_body: int, per_minute: int) -> None:
        self.app = app
        self.max_body = max_body
        self.rate = per_minute / 60.0
        self.burst = max(1.0, per_minute / 6.0)  # ten seconds' worth at once
        self.buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def _allow(self, client: str) -> bool:
        now = time.monotonic()
        tokens, last = self.buckets.pop(client, (self.burst, now))
        tokens = min(self.burst, tokens + (now - last) * self.rate)
        allowed = tokens >= 1.0
        self.buckets[client] = (tokens - 1.0 if allowed else tokens, now)
        while len(self.buckets) > 10_000:  # forget the oldest clients, bounded memory
            self.buckets.popitem(last=False)
        return allowed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        client = (scope.get("client") or ("unknown", 0))[0]
        if self.rate > 0 and not str(scope.get("path", "")).startswith("/static/") \
                and not self._allow(client):
            await self._refuse(scope, receive, send, 429, "Too many requests; slow down and "
                               "try again in a few seconds.")
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body:
            await self._refuse(scope, receive, send, 413, f"Request body too large (limit "
                               f"{self.max_body // 1_000_000} MB).")
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
                await self._refuse(scope, receive, send, 413, "Request body too large.")

        try:
            await self.app(scope, counted, guarded)
        except BodyTooLarge:
            if not refused:
                await self._refuse(scope, receive, send, 413, "Request body too large.")

    @staticmethod
    async def _refuse(scope: Scope, receive: Receive, send: Send, status: int,
                      message: str) -> None:
        response = JSONResponse({"detail": message}, status_code=status) if _wants_json(scope) \
            else PlainTextResponse(message, status_code=status)
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
