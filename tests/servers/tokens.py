"""A small OAuth 2.0 authorization server on a loopback port, standing in for Google or
Microsoft in the tests: a real HTTP server that disputed, Dovecot and aiosmtpd talk to.

It implements what mail logins use:
- GET  /authorize   authorization code with PKCE (S256 required). Nobody sits at a browser
  here, so the account named by ``signed_in`` consents at once and the browser is sent back
  to the redirect URI with the code (or ``error=access_denied`` after ``refuse_consent()``).
- POST /token       grant types authorization_code (checks the PKCE verifier and the redirect
  URI), refresh_token (optionally rotating) and the device code (RFC 8628).
- POST /device      device authorization; ``approve_device()`` plays the person entering the code.
- POST /introspect  RFC 7662: ``{"active": true, "username", "scope", "exp", "client_id"}``.
- POST /revoke      RFC 7009: the token's whole grant ends (its refresh and access tokens).

Test switches: ``revoke_account()`` (the person withdraws consent at the provider),
``expire_access_tokens()``, ``grant_only_scope`` (consent narrower than asked for).
Clients authenticate with client_secret_post or HTTP Basic; a public client (no secret) too.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlencode, urlsplit

from .net import LOOPBACK, free_port

DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"


@dataclass
class _Grant:
    account: str
    client_id: str
    scope: str
    revoked: bool = False
    public: bool = False  # issued to a public client: refreshed without the secret


@dataclass
class _Code:
    grant: _Grant
    redirect_uri: str
    challenge: str
    expires: float


@dataclass
class _Device:
    client_id: str
    scope: str
    user_code: str
    expires: float
    account: str | None = None  # set when approved


@dataclass
class TokenService:
    client_id: str = "disputed-test"
    client_secret: str | None = "test-client-secret"
    signed_in: str = "seller@example.test"
    access_lifetime: float = 3600.0
    rotate_refresh_tokens: bool = False
    grant_only_scope: str | None = None
    # Like Microsoft: the device flow is for public clients, and a client secret sent with it (or
    # with a refresh of what it issued) is refused.
    public_device_flow: bool = False
    port: int = field(default_factory=free_port)
    host: str = LOOPBACK
    requests: Counter = field(default_factory=Counter)  # endpoint path -> requests
    authorize_queries: list[dict] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._codes: dict[str, _Code] = {}
        self._access: dict[str, tuple[_Grant, float]] = {}
        self._refresh: dict[str, _Grant] = {}
        self._devices: dict[str, _Device] = {}
        self._refuse = False
        self._server: ThreadingHTTPServer | None = None

    # -- life cycle ------------------------------------------------------------------
    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> TokenService:
        service = self

        class Handler(_Handler):
            pass

        Handler.service = service
        self._server = ThreadingHTTPServer((self.host, self.port), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, name="token-service", daemon=True).start()
        return self

    def stop(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.shutdown()
            server.server_close()

    def __enter__(self) -> TokenService:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()

    # -- switches for tests ------------------------------------------------------------
    def reset(self) -> None:
        """Every switch back to its default (the tokens issued so far stay valid)."""
        self.access_lifetime, self.rotate_refresh_tokens, self.grant_only_scope = 3600.0, False, None
        self.public_device_flow = False
        self._refuse = False

    def refuse_consent(self, refuse: bool = True) -> None:
        self._refuse = refuse

    def revoke_account(self, account: str) -> None:
        with self._lock:
            for grant in self._refresh.values():
                if grant.account == account:
                    grant.revoked = True

    def expire_access_tokens(self) -> None:
        with self._lock:
            self._access = {token: (grant, 0.0) for token, (grant, _exp) in self._access.items()}

    def approve_device(self, account: str | None = None, timeout: float = 10.0) -> str:
        """Play the person who enters the user code: waits for a device request, approves it;
        returns the user code."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                pending = [d for d in self._devices.values() if d.account is None]
                if pending:
                    pending[0].account = account or self.signed_in
                    return pending[0].user_code
            time.sleep(0.05)
        raise TimeoutError("no device code was requested")

    def issue(self, account: str | None = None, scope: str = "mail") -> dict:
        """A grant made directly (as if consent had happened), for tests that are not about consent."""
        with self._lock:
            return self._tokens(_Grant(account or self.signed_in, self.client_id, scope))

    # -- the protocol ------------------------------------------------------------------
    def _tokens(self, grant: _Grant, refresh: str | None = None) -> dict:
        access = "at-" + secrets.token_urlsafe(24)
        self._access[access] = (grant, time.time() + self.access_lifetime)
        refresh = refresh or "rt-" + secrets.token_urlsafe(24)
        self._refresh[refresh] = grant
        return {"access_token": access, "token_type": "Bearer", "expires_in": int(self.access_lifetime),
                "refresh_token": refresh, "scope": grant.scope}

    def authorize(self, query: dict) -> tuple[int, dict]:
        """Returns (302, redirect target parameters) or (400, error)."""
        self.authorize_queries.append(query)
        redirect = query.get("redirect_uri", "")
        if query.get("client_id") != self.client_id or not redirect.startswith(("http://", "https://")):
            return 400, {"error": "invalid_client"}
        back = {"state": query.get("state", "")}
        if query.get("response_type") != "code" or query.get("code_challenge_method") != "S256" or not query.get("code_challenge"):
            return 302, {**back, "error": "invalid_request", "error_description": "PKCE with S256 is required"}
        if self._refuse:
            return 302, {**back, "error": "access_denied"}
        code = "code-" + secrets.token_urlsafe(16)
        scope = self.grant_only_scope or query.get("scope", "")
        with self._lock:
            self._codes[code] = _Code(_Grant(self.signed_in, self.client_id, scope), redirect, query["code_challenge"], time.time() + 120)
        return 302, {**back, "code": code}

    def token(self, form: dict, basic: tuple[str, str] | None) -> tuple[int, dict]:
        client_id, secret = basic or (form.get("client_id"), form.get("client_secret"))
        kind = form.get("grant_type")
        if client_id != self.client_id:
            return 401, {"error": "invalid_client"}
        if self._public_request(kind, form):
            if secret:
                return 401, {"error": "invalid_client", "error_description": "a public client must not send a client secret"}
        elif self.client_secret is not None and secret != self.client_secret:
            return 401, {"error": "invalid_client"}
        with self._lock:
            if kind == "authorization_code":
                return self._from_code(form)
            if kind == "refresh_token":
                return self._from_refresh(form)
            if kind == DEVICE_GRANT:
                return self._from_device(form)
        return 400, {"error": "unsupported_grant_type"}

    def _from_code(self, form: dict) -> tuple[int, dict]:
        code = self._codes.pop(form.get("code", ""), None)
        if code is None or code.expires < time.time():
            return 400, {"error": "invalid_grant", "error_description": "unknown or used code"}
        if form.get("redirect_uri") != code.redirect_uri:
            return 400, {"error": "invalid_grant", "error_description": "redirect_uri differs"}
        verifier = form.get("code_verifier", "")
        digest = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        if digest != code.challenge:
            return 400, {"error": "invalid_grant", "error_description": "PKCE verifier does not match"}
        return 200, self._tokens(code.grant)

    def _public_request(self, kind: str | None, form: dict) -> bool:
        if kind == DEVICE_GRANT:
            return self.public_device_flow
        grant = self._refresh.get(form.get("refresh_token", "")) if kind == "refresh_token" else None
        return grant is not None and grant.public

    def _from_refresh(self, form: dict) -> tuple[int, dict]:
        old = form.get("refresh_token", "")
        grant = self._refresh.get(old)
        if grant is None or grant.revoked:
            return 400, {"error": "invalid_grant", "error_description": "the grant was revoked or is unknown"}
        if self.rotate_refresh_tokens:
            del self._refresh[old]
            return 200, self._tokens(grant)
        answer = self._tokens(grant, refresh=old)
        del answer["refresh_token"]  # like Google: the refresh token stays the same and is not repeated
        return 200, answer

    def _from_device(self, form: dict) -> tuple[int, dict]:
        device = self._devices.get(form.get("device_code", ""))
        if device is None or device.expires < time.time():
            return 400, {"error": "expired_token"}
        if device.account is None:
            return 400, {"error": "authorization_pending"}
        del self._devices[form["device_code"]]
        return 200, self._tokens(_Grant(device.account, device.client_id, self.grant_only_scope or device.scope, public=self.public_device_flow))

    def device(self, form: dict) -> tuple[int, dict]:
        if form.get("client_id") != self.client_id or (self.public_device_flow and form.get("client_secret")):
            return 401, {"error": "invalid_client"}
        code, user_code = secrets.token_urlsafe(24), f"{secrets.randbelow(10**8):08d}"
        with self._lock:
            self._devices[code] = _Device(self.client_id, form.get("scope", ""), user_code, time.time() + 600)
        return 200, {"device_code": code, "user_code": user_code, "verification_uri": f"{self.url}/device/verify",
                     "expires_in": 600, "interval": 1}

    def introspect(self, form: dict) -> tuple[int, dict]:
        with self._lock:
            found = self._access.get(form.get("token", ""))
        if found is None:
            return 200, {"active": False}
        grant, expires = found
        if grant.revoked or expires < time.time():
            return 200, {"active": False}
        return 200, {"active": True, "username": grant.account, "scope": grant.scope, "exp": int(expires), "client_id": grant.client_id}

    def revoke(self, form: dict) -> tuple[int, dict]:
        token = form.get("token", "")
        with self._lock:
            grant = self._refresh.get(token) or (self._access.get(token) or (None,))[0]
            if grant is not None:
                grant.revoked = True
        return 200, {}

    def access_token_active(self, token: str) -> bool:
        return self.introspect({"token": token})[1]["active"]


class _Handler(BaseHTTPRequestHandler):
    service: TokenService

    def log_message(self, *args) -> None:  # the tests read the counters, not a log
        pass

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        self.service.requests[url.path] += 1
        if url.path != "/authorize":
            return self._json(404, {"error": "not_found"})
        query = dict(parse_qsl(url.query))
        status, answer = self.service.authorize(query)
        if status != 302:
            return self._json(status, answer)
        target = query["redirect_uri"]
        self.send_response(302)
        self.send_header("Location", target + ("&" if "?" in target else "?") + urlencode(answer))
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_POST(self) -> None:
        path = urlsplit(self.path).path
        self.service.requests[path] += 1
        length = int(self.headers.get("Content-Length") or 0)
        form = dict(parse_qsl(self.rfile.read(length).decode()))
        routes = {"/token": lambda: self.service.token(form, self._basic()), "/device": lambda: self.service.device(form),
                  "/introspect": lambda: self.service.introspect(form), "/revoke": lambda: self.service.revoke(form)}
        if path not in routes:
            return self._json(404, {"error": "not_found"})
        self._json(*routes[path]())

    def _basic(self) -> tuple[str, str] | None:
        header = self.headers.get("Authorization", "")
        if not header.startswith("Basic "):
            return None
        user, _, password = base64.b64decode(header[6:]).decode().partition(":")
        return user, password

    def _json(self, status: int, body: dict) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(data)
