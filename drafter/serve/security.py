"""What every response of the server carries, and who may ask for anything at all.

- Security headers on every response: a Content-Security-Policy that allows scripts only from
  the server itself (the review view's inline CSS is allowed; no inline script runs), no MIME
  sniffing, no framing, no referrer outside the site (job ids are in the addresses).
- On a loopback address, requests must name a loopback host (a web page on another site cannot
  reach the server through DNS rebinding); a form posted from another site's page is refused.
- With a token (required off loopback), every request must carry it: a cookie set after the
  token was given once (``?token=…`` in the address the server prints, or the login form), or
  ``Authorization: Bearer …`` for scripts. Tokens are compared in constant time.
"""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

from drafter.serve.settings import ServeSettings, is_loopback

__all__ = ["COOKIE", "SecurityMiddleware", "token_ok"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

COOKIE = "drafter_token"
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),  # job ids in addresses never leave the site
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cache-control", b"no-store"),
]
# Paths a visitor without the token may open: the login form and what it needs.
OPEN_PATHS = ("/login", "/static/", "/favicon.ico")


def token_ok(given: str | None, expected: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode(), expected.encode())


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin-1")
    return None


def _same_origin(origin: str | None, host: str) -> bool:
    """A browser names the page a form was sent from; scripts and old browsers send no Origin."""
    if origin is None:
        return True
    return urlsplit(origin).netloc.lower() == host.lower()


def _host_name(host: str) -> str:
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class SecurityMiddleware:
    """Pure ASGI middleware (no buffering of bodies: uploads stream through)."""

    def __init__(self, app: ASGIApp, settings: ServeSettings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k, v) for k, v in HEADERS if k not in names
                ]
            await send(message)

        host = _header(scope, b"host") or ""
        if self.settings.local_only and not is_loopback(_host_name(host)):
            await _plain(send_with_headers, 421, "此服务只接受本机访问（地址应为 127.0.0.1 或 localhost）。")
            return
        if scope.get("method") not in ("GET", "HEAD") and not _same_origin(_header(scope, b"origin"), host):
            # Another web site's page may not post uploads here in the user's name.
            await _plain(send_with_headers, 403, "拒绝来自其他网站的提交；请直接在本服务的页面上操作。")
            return
        token = self.settings.token
        path = scope.get("path", "")
        if token is None or path.startswith(OPEN_PATHS):
            await self.app(scope, receive, send_with_headers)
            return
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        if "token" in query and scope.get("method") == "GET":
            if token_ok(query["token"], token):
                rest = {k: v for k, v in query.items() if k != "token"}
                location = quote(path) + (f"?{urlencode(rest)}" if rest else "")
                await _redirect_with_cookie(send_with_headers, location, token)
            else:
                await _login(send_with_headers, path, wrong=True)
            return
        bearer = (_header(scope, b"authorization") or "").removeprefix("Bearer ").strip() or None
        cookie = SimpleCookie()
        try:
            cookie.load(_header(scope, b"cookie") or "")
        except Exception:  # a malformed cookie header is just no cookie
            cookie = SimpleCookie()
        given = cookie[COOKIE].value if COOKIE in cookie else None
        if token_ok(bearer, token) or token_ok(given, token):
            await self.app(scope, receive, send_with_headers)
            return
        await _login(send_with_headers, path, wrong=False)


async def _plain(send: Send, status: int, text: str) -> None:
    body = text.encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def cookie_header(token: str) -> bytes:
    return f"{COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/".encode()


async def _redirect_with_cookie(send: Send, location: str, token: str) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": 303,
            "headers": [
                (b"location", location.encode("latin-1")),
                (b"set-cookie", cookie_header(token)),
                (b"content-length", b"0"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": b""})


async def _login(send: Send, path: str, *, wrong: bool) -> None:
    from html import escape

    note = '<p class="error-msg">访问令牌不对，请重新输入。</p>' if wrong else ""
    body = f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>需要访问令牌 · drafter</title>
<link rel="stylesheet" href="/static/app.css"></head><body><header class="page"><h1>drafter 自评报告起草与审核</h1></header>
<main><h2>需要访问令牌</h2>{note}<p>此服务开在局域网上，需要访问令牌才能使用。令牌在启动服务时打印在终端中，请向管理员索取。</p>
<form method="post" action="/login"><input type="hidden" name="next" value="{escape(path)}">
<label>访问令牌 <input type="password" name="token" autocomplete="current-password" required></label>
<button type="submit">进入</button></form></main></body></html>""".encode()
    await send(
        {
            "type": "http.response.start",
            "status": 401,
            "headers": [
                (b"content-type", b"text/html; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
