"""OAuth grants at rest: one row per mailbox, its tokens encrypted with Fernet.

A grant is either working (``ok``) or ``failed`` with the reason an operator sees and the
time it is tried again. The state changes are here, once, for the daemon, the CLI and the
web page; each reports whether the state changed, so callers log a change once instead of
every retry.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from cryptography.fernet import Fernet, InvalidToken
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from disputed.config.settings import ConfigError, OAuthSettings
from disputed.store.workqueue import backoff_seconds
from disputed.store.db import session_scope
from disputed.store.health import mailbox_component
from disputed.store.models import ComponentHealth, OAuthGrant, as_utc, utcnow

# A grant refused by the provider is tried again after 1, 2, 4 ... minutes, at most hourly:
# an operator who fixes it on the provider's side does not wait long, a dead one costs one
# request an hour.
RETRY_BASE_SECONDS = 60.0
RETRY_CAP_SECONDS = 3600.0


def cipher_for(oauth: OAuthSettings) -> Fernet:
    """The Fernet cipher of the configured key; a ConfigError naming the key otherwise."""
    key = oauth.key()
    try:
        return Fernet(key)
    except (ValueError, TypeError):
        where = f"oauth.key_file ({oauth.key_file})" if oauth.key_file else f"oauth.key_env ({oauth.key_env})"
        raise ConfigError(f"{where}: not a Fernet key (44 characters of URL-safe base64); make one with `disputed mailbox new-key`") from None


@dataclass(frozen=True)
class Tokens:
    """What a grant holds, decrypted."""

    refresh_token: str
    access_token: str | None
    access_expires_at: datetime | None


class GrantUnreadable(Exception):
    """The stored tokens cannot be decrypted with this key (the key changed)."""


def save_grant(engine: Engine, cipher: Fernet, *, mailbox: str, provider: str, account: str, token: dict, by: str, public_client: bool = False) -> OAuthGrant:
    """Store a new grant from a token response (replacing any earlier one), working."""
    if not token.get("refresh_token"):
        raise ValueError("the provider issued no refresh token; disputed could not renew access (Google: consent again; Microsoft: include offline_access)")
    with session_scope(engine) as session:
        grant = session.get(OAuthGrant, mailbox) or OAuthGrant(mailbox=mailbox, provider=provider, refresh_token="")
        grant.provider, grant.account, grant.granted_by, grant.public_client = provider, account, by, public_client
        grant.scope = str(token.get("scope") or "")
        grant.granted_at = utcnow()
        _store_tokens(grant, cipher, token)
        _mark_ok(grant)
        session.add(grant)
    return grant


def load_tokens(engine: Engine, cipher: Fernet, mailbox: str) -> tuple[OAuthGrant | None, Tokens | None]:
    with Session(engine) as session:
        grant = session.get(OAuthGrant, mailbox)
    if grant is None:
        return None, None
    try:
        refresh = cipher.decrypt(grant.refresh_token.encode()).decode()
        access = cipher.decrypt(grant.access_token.encode()).decode() if grant.access_token else None
    except InvalidToken:
        raise GrantUnreadable(f"{mailbox}: the stored OAuth grant cannot be decrypted with the configured key (was the key changed?); authorize the mailbox again") from None
    return grant, Tokens(refresh, access, as_utc(grant.access_expires_at))


def record_refresh(engine: Engine, cipher: Fernet, mailbox: str, token: dict) -> bool:
    """Store a refreshed access token (and a rotated refresh token); the grant works again.
    True when it had been failing."""
    with session_scope(engine) as session:
        grant = session.get(OAuthGrant, mailbox)
        if grant is None:
            return False
        was_failing = grant.state != "ok"
        if token.get("scope"):
            grant.scope = str(token["scope"])
        _store_tokens(grant, cipher, token)
        _mark_ok(grant)
        session.add(grant)
    return was_failing


def record_login_ok(engine: Engine, mailbox: str) -> bool:
    """A server accepted the grant's token. True when the grant had been failing."""
    with session_scope(engine) as session:
        grant = session.get(OAuthGrant, mailbox)
        if grant is None or grant.state == "ok":
            return False
        _mark_ok(grant)
        session.add(grant)
    return True


def record_failure(engine: Engine, mailbox: str, reason: str) -> bool:
    """The provider or a mail server refused the grant: it is failing, with ``reason`` shown to
    operators, and not tried again before its back-off ends. True when this is news (it was
    working, or failing for another reason)."""
    with session_scope(engine) as session:
        grant = session.get(OAuthGrant, mailbox)
        if grant is None:
            return False
        news = grant.state == "ok" or grant.error != reason
        grant.state, grant.error = "failed", reason[:2000]
        grant.failures += 1
        grant.next_try_at = utcnow() + timedelta(seconds=backoff_seconds(grant.failures, RETRY_BASE_SECONDS, RETRY_CAP_SECONDS))
        grant.access_token, grant.access_expires_at = None, None
        grant.updated_at = utcnow()
        session.add(grant)
    return news


def forget_access_token(engine: Engine, mailbox: str) -> None:
    """A server refused the current access token: the next login refreshes first."""
    with session_scope(engine) as session:
        grant = session.get(OAuthGrant, mailbox)
        if grant is not None:
            grant.access_token, grant.access_expires_at = None, None
            session.add(grant)


def delete_grant(engine: Engine, mailbox: str) -> None:
    with session_scope(engine) as session:
        grant = session.get(OAuthGrant, mailbox)
        if grant is not None:
            session.delete(grant)


def grants_by_mailbox(session: Session) -> dict[str, OAuthGrant]:
    return {g.mailbox: g for g in session.exec(select(OAuthGrant)).all()}


def _store_tokens(grant: OAuthGrant, cipher: Fernet, token: dict) -> None:
    if token.get("refresh_token"):
        grant.refresh_token = cipher.encrypt(str(token["refresh_token"]).encode()).decode()
    access = token.get("access_token")
    grant.access_token = cipher.encrypt(str(access).encode()).decode() if access else None
    expires_at = token.get("expires_at")
    if expires_at is None and token.get("expires_in") is not None:
        expires_at = utcnow().timestamp() + float(token["expires_in"])
    grant.access_expires_at = datetime.fromtimestamp(float(expires_at), tz=utcnow().tzinfo) if expires_at else None
    grant.updated_at = utcnow()


def _mark_ok(grant: OAuthGrant) -> None:
    grant.state, grant.error, grant.failures, grant.next_try_at = "ok", None, 0, None
    grant.updated_at = utcnow()


@dataclass(frozen=True)
class MailboxLogin:
    """What an operator sees of one mailbox's login (the web page's Mailboxes, ``mailbox status``)."""

    name: str
    auth: str  # "password" | "oauth2"
    provider: str | None
    account: str
    state: str  # "password", "not authorized", "ok", "failed"
    error: str | None
    next_try_at: datetime | None
    granted_at: datetime | None
    granted_by: str | None
    connection_error: str | None = None  # the daemon's last word on the mailbox, while failing (store.health)

    @property
    def summary(self) -> str:
        if self.state == "failed":
            return f"FAILING: {self.error}"
        if self.state == "ok":
            said = f"authorized ({self.provider}) by {self.granted_by} at {self.granted_at:%Y-%m-%d %H:%M} UTC"
        else:
            said = self.state
        return f"{said}; FAILING: {self.connection_error}" if self.connection_error else said


def mailbox_states(settings, session: Session) -> list[MailboxLogin]:
    """Each configured mailbox's login: its OAuth grant, and the daemon's last failure to use it
    (a refused password shows here as much as a revoked grant)."""
    known = grants_by_mailbox(session)
    states = []
    for mailbox in settings.mailbox:
        grant = known.get(mailbox.name) if mailbox.auth == "oauth2" else None
        health = session.get(ComponentHealth, mailbox_component(mailbox.name))
        if mailbox.auth != "oauth2":
            state = "password" if mailbox.source == "imap" else "local"
        else:
            state = grant.state if grant else "not authorized"
        states.append(MailboxLogin(
            name=mailbox.name, auth=mailbox.auth, provider=mailbox.oauth_provider, account=mailbox.username, state=state,
            error=grant.error if grant else None, next_try_at=as_utc(grant.next_try_at) if grant else None,
            granted_at=as_utc(grant.granted_at) if grant else None, granted_by=grant.granted_by if grant else None,
            connection_error=health.error if health is not None and not health.ok else None,
        ))
    return states
