"""Access tokens for the mailboxes that log in with OAuth: taken from the store while they
are fresh, refreshed a margin before they expire, and a refused grant turned into a visible
mailbox error with back-off (see disputed.store.grants) rather than a retry storm."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.engine import Engine

from disputed.config.settings import MailboxSettings, Settings
from disputed.oauth import client
from disputed.sources.base import SourceAuthError, SourceError
from disputed.store import grants
from disputed.store.models import as_utc, utcnow

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AccessToken:
    value: str
    fresh: bool  # just issued by the provider (a refusal then means the grant itself is wrong)


class GrantProblem(SourceAuthError):
    """The mailbox has no working grant: an operator must authorize it (again), or the
    provider refused and the grant waits out its back-off. ``reason`` stays the same for as
    long as the cause does (the message may add a countdown), so callers can tell news from
    a repeat."""

    def __init__(self, message: str, reason: str | None = None) -> None:
        super().__init__(message)
        self.reason = reason or message


class TokenKeeper:
    """One per process; safe to share between threads (one refresh per mailbox at a time)."""

    def __init__(self, settings: Settings, engine: Engine) -> None:
        self.engine = engine
        self.cipher = grants.cipher_for(settings.oauth)
        self.margin = timedelta(seconds=settings.oauth.refresh_margin_seconds)
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def access_token(self, mailbox: MailboxSettings) -> AccessToken:
        """A token the mailbox's servers accept for the next ``margin`` at least."""
        with self._lock_for(mailbox.name):
            try:
                grant, tokens = grants.load_tokens(self.engine, self.cipher, mailbox.name)
            except grants.GrantUnreadable as exc:
                raise GrantProblem(str(exc)) from None
            if grant is None:
                raise GrantProblem(f"{mailbox.name}: not authorized yet; run `disputed mailbox authorize {mailbox.name}` or use the Mailboxes page")
            now = utcnow()
            next_try = as_utc(grant.next_try_at)
            if grant.state != "ok" and next_try is not None and next_try > now:
                wait = (next_try - now).total_seconds()
                raise GrantProblem(f"{mailbox.name}: {grant.error}; next try in {wait:.0f}s", reason=grant.error)
            if tokens.access_token and tokens.access_expires_at and tokens.access_expires_at - self.margin > now:
                return AccessToken(tokens.access_token, fresh=False)
            return self._refresh(mailbox, tokens.refresh_token, public=grant.public_client)

    def _refresh(self, mailbox: MailboxSettings, refresh_token: str, *, public: bool) -> AccessToken:
        try:
            token = client.refresh(mailbox, refresh_token, public=public)
        except client.OAuthFailure as exc:
            if not exc.grant_is_dead:  # the provider is down or slow: a passing failure
                raise SourceError(f"{mailbox.name}: cannot refresh the OAuth token: {exc}") from None
            reason = f"the provider refused the grant ({exc}); authorize the mailbox again"
            self.login_refused(mailbox, reason)
            raise GrantProblem(f"{mailbox.name}: {reason}", reason=reason) from None
        if grants.record_refresh(self.engine, self.cipher, mailbox.name, token):
            log.info("%s: OAuth grant works again", mailbox.name)
        log.debug("%s: access token refreshed", mailbox.name)
        return AccessToken(str(token["access_token"]), fresh=True)

    def login_ok(self, mailbox: MailboxSettings) -> None:
        if grants.record_login_ok(self.engine, mailbox.name):
            log.info("%s: OAuth login works again", mailbox.name)

    def login_refused(self, mailbox: MailboxSettings, reason: str) -> None:
        """A provider or server refused the grant: record it for operators (the Mailboxes page).
        The warning that reaches the team is the mailbox's or SMTP's health record, written by
        the watcher or the sender once per change; here a change is noted at INFO, a repeat at DEBUG."""
        if grants.record_failure(self.engine, mailbox.name, reason):
            log.info("%s: OAuth login failing: %s", mailbox.name, reason)
        else:
            log.debug("%s: OAuth login still failing: %s", mailbox.name, reason)

    def token_refused(self, mailbox: MailboxSettings, reason: str, *, fresh: bool) -> None:
        """A mail server refused the access token. A fresh one refused means the grant itself is
        wrong (a missing scope, a disabled account); an older one is only dropped, so the next
        login refreshes first."""
        if fresh:
            self.login_refused(mailbox, reason)
        else:
            grants.forget_access_token(self.engine, mailbox.name)

    def _lock_for(self, name: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(name, threading.Lock())


# The process's keeper. One per process, because a refresh may rotate the refresh token: two
# keepers refreshing the same grant at once could each store a token the other made void.
# The daemon and the commands that log in install it; IMAP and SMTP logins use it.
_installed: TokenKeeper | None = None


def install_keeper(settings: Settings, engine: Engine) -> TokenKeeper | None:
    """Make the keeper for ``settings`` the process's (none when no mailbox uses OAuth)."""
    global _installed
    _installed = TokenKeeper(settings, engine) if settings.uses_oauth() else None
    return _installed


def installed_keeper() -> TokenKeeper:
    if _installed is None:
        raise GrantProblem("OAuth is not set up in this process (no token keeper installed)")
    return _installed


def login_with_token(mailbox: MailboxSettings, login) -> None:
    """Log in with ``login(access_token)``; a refused token that was not fresh is refreshed
    and tried once more. ``login`` raises PermissionError with the server's answer when refused."""
    keeper = installed_keeper()
    for _attempt in range(2):
        token = keeper.access_token(mailbox)
        try:
            login(token.value)
        except PermissionError as exc:
            reason = f"the server refused the OAuth token: {exc}"
            keeper.token_refused(mailbox, reason, fresh=token.fresh)
            if token.fresh:
                raise GrantProblem(f"{mailbox.name}: {reason}", reason=reason) from None
            continue
        keeper.login_ok(mailbox)
        return
