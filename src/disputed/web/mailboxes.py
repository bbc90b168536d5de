"""The Mailboxes page: each mailbox's login and, for OAuth, its grant (working, failing and
why, or never given), and the consent an administrator starts from here.

Consent is the authorization code with PKCE: the POST that starts it is CSRF-checked like
every other and answers with a link to the provider; the state it sends to the provider is bound to the administrator's session and
used once, and the PKCE verifier never leaves this process. The provider sends the browser
back to /oauth/callback, which is where the code becomes a stored grant.
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from disputed.config.settings import ConfigError
from disputed.oauth import consent
from disputed.oauth.client import ConsentRequest
from disputed.store import auth, grants
from disputed.web import security
from disputed.web.pages import redirect, render
from disputed.web.routes import DB, Admin, Viewer

router = APIRouter()

CONSENT_SECONDS = 600.0  # a consent not finished within ten minutes must be started again
CALLBACK_PATH = "/oauth/callback"


@dataclass(frozen=True)
class _Pending:
    mailbox: str
    request: ConsentRequest
    user: str
    session: str  # a digest of the session cookie that started it
    started: float


class PendingConsents:
    """Consents started on this page and not yet finished, by their state."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_state: dict[str, _Pending] = {}

    def add(self, pending: _Pending) -> None:
        with self._lock:
            now = time.monotonic()
            self._by_state = {k: v for k, v in self._by_state.items() if now - v.started < CONSENT_SECONDS}
            self._by_state[pending.request.state] = pending

    def take(self, state: str) -> _Pending | None:
        """The consent for ``state``, once: a state is never accepted twice."""
        with self._lock:
            pending = self._by_state.pop(state, None)
        if pending is None or time.monotonic() - pending.started >= CONSENT_SECONDS:
            return None
        return pending


def _pending(request: Request) -> PendingConsents:
    state = request.app.state
    if not hasattr(state, "oauth_consents"):
        state.oauth_consents = PendingConsents()
    return state.oauth_consents


def _session_digest(request: Request) -> str:
    return hashlib.sha256((request.cookies.get(security.SESSION_COOKIE) or "").encode()).hexdigest()


def _callback_uri(request: Request) -> str:
    public = request.app.state.settings.web.public_url
    return (public.rstrip("/") if public else str(request.base_url).rstrip("/")) + CALLBACK_PATH


@router.get("/mailboxes")
def mailboxes_page(request: Request, session: DB, user: Viewer) -> HTMLResponse:
    states = grants.mailbox_states(request.app.state.settings, session)
    return render(request, "mailboxes.html", user=user, mailboxes=states, callback=_callback_uri(request))


@router.post("/mailboxes/{name}/authorize")
def start_consent(request: Request, session: DB, user: Admin, name: str) -> Response:
    settings = request.app.state.settings
    try:
        mailbox = consent.oauth_mailbox(settings, name)
        started = consent.begin(mailbox, _callback_uri(request))
    except (consent.ConsentError, ConfigError) as exc:  # ConfigError: the client secret's variable is unset
        return redirect(request, "/mailboxes", flash=("error.consent", {"name": name, "reason": str(exc)}), level="error")
    _pending(request).add(_Pending(name, started, user.name, _session_digest(request), time.monotonic()))
    auth.record_audit(session, actor=user.name, action="mailbox_consent_start", target=name, client=security.client_of(request))
    session.commit()
    # A page with a link rather than a redirect: the page's CSP (form-action 'self') rightly
    # stops a form from leading off-site, and the admin learns which account to sign in with.
    return render(request, "mailbox_consent.html", user=user, mailbox=mailbox, provider_url=started.url,
                  provider_host=urlsplit(started.url).hostname)


@router.get(CALLBACK_PATH)
def finish_consent(request: Request, session: DB, user: Admin, state: str = "", code: str = "", error: str = "", error_description: str = "") -> Response:
    pending = _pending(request).take(state)
    if pending is None or pending.user != user.name or pending.session != _session_digest(request):
        # Not a consent this administrator started in this session (or an old one): a forged
        # or replayed callback must not attach someone else's account to a mailbox.
        return redirect(request, "/mailboxes", flash=("error.consent_state", {}), level="error")
    if error or not code:
        reason = f"{error}: {error_description}" if error_description else (error or "no code")
        return redirect(request, "/mailboxes", flash=("error.consent", {"name": pending.mailbox, "reason": reason}), level="error")
    settings = request.app.state.settings
    session.commit()  # the grant is stored in a transaction of its own; SQLite allows one writer
    try:
        mailbox = consent.oauth_mailbox(settings, pending.mailbox)
        grant = consent.finish(settings, request.app.state.engine, mailbox, pending.request, code, by=user.name)
    except consent.ConsentError as exc:
        return redirect(request, "/mailboxes", flash=("error.consent", {"name": pending.mailbox, "reason": str(exc)}), level="error")
    auth.record_audit(session, actor=user.name, action="mailbox_authorized", target=pending.mailbox, detail=f"scope {grant.scope}", client=security.client_of(request))
    session.commit()
    return redirect(request, "/mailboxes", flash=("done.authorized", {"name": pending.mailbox}))
