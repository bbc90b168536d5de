"""The OAuth 2.0 protocol, through authlib: the authorization request with PKCE, the code
exchange, the device-code grant (RFC 8628), refresh and revocation. disputed decides what to
ask for and keeps the answers (disputed.store.grants); authlib speaks the protocol."""

from __future__ import annotations

import secrets
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from authlib.deprecate import AuthlibDeprecationWarning

with warnings.catch_warnings():
    # authlib 1.9 warns at import that it will move to the httpx2 package; the httpx client
    # it ships today is the one used here (httpx is installed already). Its own filter is
    # set when authlib.deprecate is first imported, hence that import first.
    warnings.simplefilter("ignore", AuthlibDeprecationWarning)
    from authlib.integrations.httpx_client import OAuth2Client, OAuthError

TIMEOUT_SECONDS = 20.0
DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"


class OAuthFailure(Exception):
    """The provider refused (``error`` is its OAuth error code) or could not be reached
    (``error`` is "unreachable")."""

    def __init__(self, error: str, description: str = "") -> None:
        super().__init__(f"{error}: {description}" if description else error)
        self.error = error
        self.description = description

    @property
    def grant_is_dead(self) -> bool:
        """Retrying with the same refresh token will not help: consent is needed again."""
        return self.error in ("invalid_grant", "invalid_client", "unauthorized_client", "access_denied", "invalid_scope")


@dataclass(frozen=True)
class ConsentRequest:
    url: str
    state: str
    code_verifier: str
    redirect_uri: str


@dataclass(frozen=True)
class DeviceCode:
    device_code: str
    user_code: str
    verification_uri: str
    verification_uri_complete: str | None
    interval: float
    expires_at: float


def _client(mailbox, redirect_uri: str | None = None, *, public: bool = False) -> OAuth2Client:
    """An authlib client for the mailbox's application; ``public``: without the client secret."""
    provider = mailbox.provider()
    secret = None if public else mailbox.client_secret()
    return OAuth2Client(
        client_id=mailbox.oauth_client_id,
        client_secret=secret,
        token_endpoint_auth_method="client_secret_post" if secret else "none",
        scope=" ".join(provider.scopes),
        redirect_uri=redirect_uri,
        code_challenge_method="S256",
        timeout=TIMEOUT_SECONDS,
    )


def _call(action: Callable[[], dict]) -> dict:
    try:
        return action()
    except OAuthError as exc:
        raise OAuthFailure(exc.error or "error", exc.description or "") from None
    except httpx.HTTPStatusError as exc:
        raise OAuthFailure(f"http_{exc.response.status_code}", exc.response.text[:200]) from None
    except (httpx.HTTPError, OSError, ValueError) as exc:
        raise OAuthFailure("unreachable", f"{type(exc).__name__}: {exc}") from None


def consent_request(mailbox, redirect_uri: str) -> ConsentRequest:
    """Where to send the person who consents: the provider's authorization page, with a fresh
    state and a PKCE challenge whose verifier the caller keeps until the code comes back."""
    provider = mailbox.provider()
    verifier = secrets.token_urlsafe(64)
    with _client(mailbox, redirect_uri) as client:
        url, state = client.create_authorization_url(
            provider.authorize_url, state=secrets.token_urlsafe(24), code_verifier=verifier, **dict(provider.authorize_params)
        )
    return ConsentRequest(url=url, state=state, code_verifier=verifier, redirect_uri=redirect_uri)


def exchange_code(mailbox, consent: ConsentRequest, code: str) -> dict:
    """The token response for the authorization code the provider sent back."""
    with _client(mailbox, consent.redirect_uri) as client:
        return dict(_call(lambda: client.fetch_token(mailbox.provider().token_url, code=code, code_verifier=consent.code_verifier)))


def refresh(mailbox, refresh_token: str, *, public: bool = False) -> dict:
    with _client(mailbox, public=public) as client:
        return dict(_call(lambda: client.refresh_token(mailbox.provider().token_url, refresh_token=refresh_token)))


def revoke(mailbox, refresh_token: str, *, public: bool = False) -> bool:
    """Ask the provider to end the grant (RFC 7009). False when it has no revocation endpoint."""
    url = mailbox.provider().revoke_url
    if not url:
        return False
    with _client(mailbox, public=public) as client:
        _call(lambda: client.revoke_token(url, token=refresh_token, token_type_hint="refresh_token").raise_for_status() and {})
    return True


def start_device_flow(mailbox) -> DeviceCode:
    """Ask the provider for a device code (RFC 8628 section 3.1)."""
    provider = mailbox.provider()
    with _client(mailbox, public=provider.device_flow_public) as client:
        def ask() -> dict:
            data = {"client_id": mailbox.oauth_client_id, "scope": " ".join(provider.scopes)}
            if client.client_secret:
                data["client_secret"] = client.client_secret
            response = client.request("POST", provider.device_url, data=data, headers={"Accept": "application/json"}, withhold_token=True)
            answer = response.json()
            if "error" in answer:
                raise OAuthError(error=answer["error"], description=answer.get("error_description"))
            response.raise_for_status()
            return answer

        answer = _call(ask)
    return DeviceCode(
        device_code=answer["device_code"],
        user_code=answer["user_code"],
        verification_uri=answer.get("verification_uri") or answer.get("verification_url", ""),
        verification_uri_complete=answer.get("verification_uri_complete"),
        interval=float(answer.get("interval", 5)),
        expires_at=time.monotonic() + float(answer.get("expires_in", 600)),
    )


def wait_for_device_grant(mailbox, device: DeviceCode, sleep: Callable[[float], None] = time.sleep) -> dict:
    """Poll the token endpoint until the person has consented (RFC 8628 section 3.4)."""
    interval = device.interval
    with _client(mailbox, public=mailbox.provider().device_flow_public) as client:
        while time.monotonic() < device.expires_at:
            sleep(interval)
            try:
                return dict(_call(lambda: client.fetch_token(mailbox.provider().token_url, grant_type=DEVICE_GRANT, device_code=device.device_code)))
            except OAuthFailure as exc:
                if exc.error == "authorization_pending":
                    continue
                if exc.error == "slow_down":
                    interval += 5
                    continue
                raise
    raise OAuthFailure("expired_token", "the code was not entered in time; run the command again")


def granted_scopes(token: dict) -> set[str]:
    return set(str(token.get("scope") or "").split())
