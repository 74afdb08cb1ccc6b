"""The review page's gate, as plain ASGI in front of the app: host allow-list, same-origin posts
carrying the server's CSRF token, bounded bodies, and the security headers on every answer.

A page on `rebind.attacker.test` whose name is made to resolve to 127.0.0.1 reaches our port
with its own name in `Host`: refused here, it can neither read the queue nor learn the token.
The token is a per-server secret (a new one each `xxgk serve`), sent back as the form field
`csrf_token` or the header `X-CSRF-Token`; no cookie, so two servers on one machine never mix.
"""

from __future__ import annotations

import hmac
import secrets
from typing import Any, Awaitable, Callable, Iterable
from urllib.parse import parse_qsl

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: names a browser on this machine uses for a server bound to the loopback interface
LOOPBACK = ("127.0.0.1", "localhost", "[::1]")
FIELD, HEADER = "csrf_token", b"x-csrf-token"
MAX_BODY = 1 << 20  # a report's form is a few kB
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
HEADERS = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
           # "no-referrer" would make form posts send `Origin: null`
           (b"referrer-policy", b"same-origin")]


def host_name(value: str) -> str:
    """`Host` header → the name alone, lower case: `LOCALHOST:8765` → `localhost`, `[::1]:80` → `[::1]`."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[: value.find("]") + 1] if "]" in value else ""
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def allowed_names(extra: Iterable[str] = ()) -> frozenset[str]:
    """The loopback names plus `--allow-host` values (a bare IPv6 address gets its brackets)."""
    names = set(LOOPBACK)
    for name in extra:
        name = name.strip().lower()
        names.add(f"[{name}]" if ":" in name and not name.startswith("[") else name)
    return frozenset(n for n in names if n)


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Guard:
    """Wraps the app; see the module docstring."""

    def __init__(self, app: ASGIApp, *, token: str, hosts: Iterable[str] = ()):
        self.app, self.token, self.hosts = app, token, allowed_names(hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.lower(): v for k, v in scope.get("headers", [])}
        host = headers.get(b"host", b"").decode("latin-1")
        if host_name(host) not in self.hosts:
            await _refuse(send, 400, "unknown host name: this review page answers only to "
                                     + ", ".join(sorted(self.hosts)) + " (xxgk serve --allow-host NAME)")
            return
        if scope["method"] not in ("GET", "HEAD"):
            origin = headers.get(b"origin", b"").decode("latin-1")
            if origin and origin.split("://", 1)[-1] != host:
                await _refuse(send, 403, "cross-site request refused")
                return
            body = await _body(receive)
            if body is None:
                await _refuse(send, 413, f"request body over {MAX_BODY} bytes")
                return
            if not self._token_ok(headers, body):
                await _refuse(send, 403, "missing or wrong CSRF token: reload the page and try again")
                return
            receive = _replay(body, receive)
        await self.app(scope, receive, _with_headers(send))

    def _token_ok(self, headers: dict[bytes, bytes], body: bytes) -> bool:
        sent = headers.get(HEADER, b"").decode("latin-1")
        if not sent and headers.get(b"content-type", b"").startswith(b"application/x-www-form-urlencoded"):
            sent = next((v for k, v in parse_qsl(body.decode("utf-8", "replace")) if k == FIELD), "")
        return bool(sent) and hmac.compare_digest(sent.encode("utf-8"), self.token.encode("utf-8"))


async def _body(receive: Receive) -> bytes | None:
    """The whole request body, or None once it is over `MAX_BODY`."""
    chunks, size = [], 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_BODY:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    """A `receive` that gives the app the body already read, then what the client sends next."""
    sent = False

    async def again() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return again


def _with_headers(send: Send) -> Send:
    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            message = {**message, "headers": [*message.get("headers", []), *HEADERS]}
        await send(message)

    return wrapped


async def _refuse(send: Send, status: int, text: str) -> None:
    body = text.encode("utf-8")
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode()), *HEADERS]})
    await send({"type": "http.response.body", "body": body})
