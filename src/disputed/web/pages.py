"""Rendering pages: one Jinja2 environment (autoescaped), and what every page knows."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse

from disputed.languages import direction
from disputed.store.auth import Role, User
from disputed.web import i18n, security
from disputed.web.data import naive, now
from disputed.operator_reading import readings
from disputed.store.attachments import readable_size

FLASH_COOKIE = "disputed_flash"


def make_environment() -> Environment:
    env = Environment(
        loader=PackageLoader("disputed", "web/templates"),
        autoescape=select_autoescape(["html"], default_for_string=True, default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["naive"] = naive
    env.filters["buyer_readings"] = readings
    env.filters["filesize"] = readable_size
    env.filters["text_dir"] = direction  # dir="rtl" for Arabic letters, "auto" where the language is unknown
    env.filters["when"] = lambda value: naive(value).strftime("%Y-%m-%d %H:%M UTC") if value else "—"
    return env


def render(request: Request, template: str, /, *, user: User | None, status: int = 200, **context: Any) -> HTMLResponse:
    """A page (or a fragment, for htmx) with the operator's language, role and CSRF token."""
    fresh_anon = _ensure_csrf_basis(request)
    t = i18n.Translator(request.state.lang)
    role = Role(user.role) if user else None
    flash = _read_flash(request, t)
    html = request.app.state.jinja.get_template(template).render(
        t=t,
        lang=t.lang,
        languages=i18n.LANGUAGE_NAMES,
        user=user,
        role=role,
        can=lambda needed: role is not None and role.allows(Role(needed)),
        csrf=security.csrf_token(request.app.state.secret, request),
        flash=flash,
        now=now(),
        here=_here(request),
        **context,
    )
    response = HTMLResponse(html, status_code=status)
    if fresh_anon:
        security.set_cookie(response, request, security.ANON_COOKIE, request.state.anon_id, max_age=None)
    if flash:
        response.delete_cookie(FLASH_COOKIE, path="/")
    return response


def _ensure_csrf_basis(request: Request) -> bool:
    """A visitor without a session gets a random cookie to bind the log-in form's token to."""
    if request.cookies.get(security.SESSION_COOKIE) or request.cookies.get(security.ANON_COOKIE):
        return False
    if not hasattr(request.state, "anon_id"):
        request.state.anon_id = security.new_anon_id()
    return True


def _here(request: Request) -> str:
    query = request.url.query
    return request.url.path + (f"?{query}" if query else "")


def redirect(request: Request, to: str, *, flash: tuple[str, dict[str, Any]] | None = None, level: str = "ok") -> RedirectResponse:
    response = RedirectResponse(safe_next(to), status_code=303)
    if flash:
        key, args = flash
        value = quote(json.dumps({"k": key, "a": args, "l": level}, ensure_ascii=True))
        security.set_cookie(response, request, FLASH_COOKIE, value, max_age=60)
    return response


def _read_flash(request: Request, t: i18n.Translator) -> dict[str, str] | None:
    raw = request.cookies.get(FLASH_COOKIE)
    if not raw:
        return None
    try:
        from urllib.parse import unquote

        data = json.loads(unquote(raw))
        key, args, level = str(data["k"]), dict(data.get("a") or {}), str(data.get("l", "ok"))
    except (ValueError, KeyError, TypeError):
        return None
    if not t.has(key) or not key.startswith(("done.", "error.", "login.", "csrf.")):
        return None  # only our own messages; the cookie is not a way to put text on the page
    try:
        return {"text": t(key, **{k: str(v)[:300] for k, v in args.items()}), "level": "error" if level == "error" else "ok"}
    except (KeyError, IndexError):
        return None


def safe_next(target: str | None, default: str = "/queue") -> str:
    """Only a path on this site: never another host, whatever the form or link says."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target or any(ord(c) < 32 for c in target):
        return default
    return target
