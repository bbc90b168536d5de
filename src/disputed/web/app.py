"""The approval page as an ASGI app, and the ways to serve it.

``create_app`` builds the app for given settings and engine (no globals), ``serve``
runs it in the foreground, ``start_in_thread`` beside the daemon or a test.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Callable
from importlib.resources import files
from urllib.parse import quote

import uvicorn
from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy.engine import Engine
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from disputed.config.settings import Settings
from disputed.rendering import TemplateLibrary
from disputed.web import i18n, security
from disputed.web.pages import make_environment, redirect, render
from disputed.store.models import utcnow
from disputed.web import ops
from disputed.web.mailboxes import router as mailboxes_router
from disputed.web.routes import NotFound, router
from disputed.web.cases import router as cases_router
from disputed.web import files as file_routes


log = logging.getLogger(__name__)


class _App(FastAPI):
    def build_middleware_stack(self) -> ASGIApp:
        # Outside Starlette's own error middleware, so that a 500 carries the security headers too.
        return security.SecurityHeaders(super().build_middleware_stack())


def create_app(settings: Settings, engine: Engine, *, templates: TemplateLibrary | None = None, wake_sender: Callable[[], None] | None = None) -> FastAPI:
    """``templates``: the process's library (the daemon hands its own down); built here when the page runs alone."""
    app = _App(
        title="disputed",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        dependencies=[Depends(_known_ids), Depends(security.check_csrf)],
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.wake_sender = wake_sender
    app.state.templates = templates or TemplateLibrary.for_settings(settings)
    app.state.secret = security.secret_key(settings, engine)
    app.state.jinja = make_environment()
    app.state.password_slots = threading.BoundedSemaphore(settings.web.password_checks_at_once)
    app.mount("/static", StaticFiles(directory=str(files("disputed.web") / "static")), name="static")
    app.state.started_at = utcnow()
    app.include_router(ops.router)
    app.include_router(router)
    app.include_router(mailboxes_router)
    app.include_router(cases_router)
    app.include_router(file_routes.router)
    _add_error_pages(app)
    app.add_middleware(LanguageMiddleware)
    app.add_middleware(file_routes.UploadLimit, limits=settings.attachments)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=security.allowed_hosts(settings.web), www_redirect=False)
    if settings.web.forwarded_allow_ips:
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=settings.web.forwarded_allow_ips)
    return app


MAX_ID = 2**63 - 1  # the largest id a database column holds


def _known_ids(request: Request) -> None:
    """A path id no table can hold is simply not found, rather than a database error."""
    for key, value in request.path_params.items():
        if key.endswith("_id") and value.isdigit() and int(value) > MAX_ID:
            raise NotFound()


class LanguageMiddleware:
    """Puts the operator's language on ``request.state.lang`` before anything else runs,
    so error pages speak it too."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            headers = dict(scope.get("headers", []))
            cookie = _cookie(headers.get(b"cookie", b"").decode("latin-1"), i18n.COOKIE)
            accept = headers.get(b"accept-language", b"").decode("latin-1")
            scope.setdefault("state", {})["lang"] = i18n.negotiate(cookie, accept)
        await self.app(scope, receive, send)


def _cookie(header: str, name: str) -> str | None:
    for part in header.split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return None


def _add_error_pages(app: FastAPI) -> None:
    def user_of(request: Request):
        return getattr(request.state, "user", None)

    @app.exception_handler(security.LoginRequired)
    async def _login_required(request: Request, exc: Exception) -> Response:
        if request.method == "GET" and request.headers.get("hx-request") != "true":
            return redirect(request, "/login?next=" + quote(request.url.path + ("?" + request.url.query if request.url.query else ""), safe=""))
        return _error(request, 401, "error.title", detail=i18n.Translator(request.state.lang)("login.title"))

    @app.exception_handler(security.Forbidden)
    async def _forbidden(request: Request, exc: security.Forbidden) -> Response:
        t = i18n.Translator(request.state.lang)
        return _error(request, 403, "error.title", detail=t("error.forbidden", role=t.label(exc.role.value)))

    @app.exception_handler(security.CsrfFailed)
    async def _csrf(request: Request, exc: Exception) -> Response:
        t = i18n.Translator(request.state.lang)
        if request.url.path == "/login":
            return render(request, "login.html", user=None, status=403, next="/queue", error=t("csrf.failed"), name="")
        return _error(request, 403, "error.title", detail=t("csrf.failed"))

    @app.exception_handler(NotFound)
    async def _not_found(request: Request, exc: Exception) -> Response:
        return _error(request, 404, "error.title", detail=i18n.Translator(request.state.lang)("error.not_found"))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404:
            return _error(request, 404, "error.title", detail=i18n.Translator(request.state.lang)("error.not_found"))
        return _error(request, exc.status_code, "error.title", detail=str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        fields = ", ".join(".".join(str(p) for p in err.get("loc", ())[1:]) for err in exc.errors())
        return _error(request, 400, "error.title", detail=f"missing or invalid: {fields}")

    def _error(request: Request, status: int, title: str, *, detail: str) -> Response:
        return render(request, "error.html", user=user_of(request), status=status, title_key=title, detail=detail)


# Serving ----------------------------------------------------------------------------------


def _server(settings: Settings, engine: Engine, templates: TemplateLibrary | None, wake_sender: Callable[[], None] | None) -> uvicorn.Server:
    if settings.web.host in ("", "0.0.0.0", "::") and not settings.web.allowed_hosts:
        log.warning("the page listens on every address but answers only Host names %s: set [web] allowed_hosts to the "
                    "names it is reached by", ", ".join(security.allowed_hosts(settings.web)))
    config = uvicorn.Config(
        create_app(settings, engine, templates=templates, wake_sender=wake_sender),
        host=settings.web.host,
        port=settings.web.port,
        log_level="warning",
        access_log=False,
        # The app itself believes X-Forwarded-For from [web] forwarded_allow_ips only (see create_app);
        # uvicorn's own default would believe 127.0.0.1, where any local process could fake an address.
        proxy_headers=False,
        server_header=False,
        lifespan="off",
    )
    return uvicorn.Server(config)


def serve(settings: Settings, engine: Engine, *, templates: TemplateLibrary | None = None, wake_sender: Callable[[], None] | None = None) -> None:
    """Run the page in the foreground until interrupted (``disputed web``)."""
    server = _server(settings, engine, templates, wake_sender)
    host = f"[{settings.web.host}]" if ":" in settings.web.host else settings.web.host
    log.info("approval page on http://%s:%s", host, settings.web.port)
    server.run()


class WebServerHandle:
    """A page served from a background thread; ``url`` says where, ``stop()`` ends it."""

    def __init__(self, server: uvicorn.Server, thread: threading.Thread) -> None:
        self._server = server
        self._thread = thread

    @property
    def host(self) -> str:
        return self._server.config.host

    @property
    def port(self) -> int:
        sockets = self._server.servers[0].sockets if self._server.servers else []
        return sockets[0].getsockname()[1] if sockets else self._server.config.port

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def stop(self, timeout: float = 10.0) -> None:
        self._server.should_exit = True
        self._thread.join(timeout)


def start_in_thread(settings: Settings, engine: Engine, *, templates: TemplateLibrary | None = None, wake_sender: Callable[[], None] | None = None, ready_timeout: float = 15.0) -> WebServerHandle:
    """Serve in a daemon thread; returns once the socket listens (port 0 picks a free one)."""
    server = _server(settings, engine, templates, wake_sender)
    failure: list[BaseException] = []

    def run() -> None:
        try:
            asyncio.run(server.serve())
        except BaseException as exc:  # reported to the caller below instead of dying silently
            failure.append(exc)

    thread = threading.Thread(target=run, name="disputed-web", daemon=True)
    thread.start()
    deadline = time.monotonic() + ready_timeout
    while not server.started:
        if failure or not thread.is_alive():
            raise RuntimeError(f"the web page could not start on {settings.web.host}:{settings.web.port}: {failure[0] if failure else 'server exited'}")
        if time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError(f"the web page did not start within {ready_timeout:.0f} s")
        time.sleep(0.02)
    return WebServerHandle(server, thread)
