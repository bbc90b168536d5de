"""Who is asking, may they, and did this form come from our own page.

A session cookie holds a random token (the database keeps its hash). Every POST
must carry a CSRF token: an HMAC of the session token, or before log-in of a random
per-browser cookie, under the web secret key. Pages go out with a strict
Content-Security-Policy so that even a mistake in sanitising cannot run script.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import time
from datetime import timedelta
from urllib.parse import urlsplit

from sqlalchemy.engine import Engine
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from disputed.config.settings import ConfigError, Settings, WebSettings
from disputed.store import auth
from disputed.store.auth import Role

SESSION_COOKIE = "disputed_session"
ANON_COOKIE = "disputed_anon"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SESSION_LIFETIME = timedelta(hours=12)  # extended by every change the operator makes

CSP = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data:",
        "script-src 'self'",
        "style-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "frame-src 'none'",
        "media-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]


class LoginRequired(Exception):
    """No valid session: pages redirect to the log-in form."""


class Forbidden(Exception):
    def __init__(self, role: Role) -> None:
        super().__init__(role)
        self.role = role


class CsrfFailed(Exception):
    """A POST without a valid token, or from another origin."""


def secret_key(settings: Settings, engine: Engine) -> bytes:
    """The configured key, else one generated once and kept in the database."""
    web = settings.web
    if web.secret_key is not None:
        value = web.secret_key.get_secret_value()
    elif web.secret_key_env:
        value = os.environ.get(web.secret_key_env, "")
        if not value:
            raise ConfigError(f"environment variable {web.secret_key_env} (named by web.secret_key_env) is not set")
    else:
        value = auth.stored_secret(engine)
    if len(value) < 16:
        raise ConfigError("web.secret_key must be at least 16 characters; leave it out to have one generated")
    return value.encode("utf-8")


def csrf_token(key: bytes, request: Request) -> str:
    return hmac.new(key, b"csrf\x00" + _csrf_basis(request).encode(), hashlib.sha256).hexdigest()


def _csrf_basis(request: Request) -> str:
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        return "s:" + token
    return "a:" + (request.state.anon_id if hasattr(request.state, "anon_id") else request.cookies.get(ANON_COOKIE, ""))


async def check_csrf(request: Request) -> None:
    """Every POST, everywhere: same origin, and a token matching this browser's session."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    origin = request.headers.get("origin")
    if origin and origin != "null" and urlsplit(origin).netloc != request.headers.get("host", ""):
        raise CsrfFailed()
    sent = request.headers.get(CSRF_HEADER)
    if not sent:
        form = await request.form()
        sent = str(form.get(CSRF_FIELD, ""))
    if not _csrf_basis(request).partition(":")[2]:
        raise CsrfFailed()
    expected = csrf_token(request.app.state.secret, request)
    if not hmac.compare_digest(sent.encode(), expected.encode()):
        raise CsrfFailed()


def allowed_hosts(web: WebSettings) -> list[str]:
    """The Host header values the page answers to: the configured ones, else the local names."""
    if web.allowed_hosts:
        return web.allowed_hosts
    hosts = ["localhost", "127.0.0.1", "[::1]"]
    if web.host not in ("", "0.0.0.0", "::"):
        hosts.append(f"[{web.host}]" if ":" in web.host else web.host)
    return hosts


def client_of(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def new_anon_id() -> str:
    return secrets.token_urlsafe(24)


def require(user: auth.User | None, role: Role) -> auth.User:
    if user is None:
        raise LoginRequired()
    if not Role(user.role).allows(role):
        raise Forbidden(Role(user.role))
    return user


def set_cookie(response, request: Request, name: str, value: str, *, max_age: int | None, httponly: bool = True) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        httponly=httponly,
        samesite="lax",
        secure=request.app.state.settings.web.secure_cookies,
        path="/",
    )


class SecurityHeaders:
    """Adds the CSP and friends to every response, and the server's own time as Server-Timing."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        is_static = scope.get("path", "").startswith("/static/")

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += SECURITY_HEADERS
                headers.append((b"server-timing", f"app;dur={(time.perf_counter() - started) * 1000:.1f}".encode()))
                if not is_static:
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)
