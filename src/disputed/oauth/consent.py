"""Consent: the operator action that gives a mailbox its grant, once for the web page and the
CLI. The web page and ``disputed mailbox authorize --paste`` use the authorization code with
PKCE; the CLI uses the device-code flow where the provider offers one."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.engine import Engine

from disputed.config.settings import MailboxSettings, Settings
from disputed.oauth import client
from disputed.oauth.client import ConsentRequest, DeviceCode, OAuthFailure
from disputed.store import grants
from disputed.store.models import OAuthGrant

# Scopes that ask for a refresh token or an identity rather than for mail; providers often
# leave them out of the scope they report back.
_NOT_MAIL_SCOPES = {"offline_access", "openid", "profile", "email"}


class ConsentError(Exception):
    """Consent did not produce a usable grant; the message says why and what to do."""


def oauth_mailbox(settings: Settings, name: str) -> MailboxSettings:
    mailbox = next((m for m in settings.mailbox if m.name == name), None)
    if mailbox is None:
        known = ", ".join(m.name for m in settings.mailbox) or "none"
        raise ConsentError(f"no mailbox named {name!r} in the configuration (configured: {known})")
    if mailbox.auth != "oauth2":
        raise ConsentError(f"mailbox {name!r} logs in with a password; set auth = \"oauth2\" and its oauth_ keys first")
    return mailbox


def begin(mailbox: MailboxSettings, redirect_uri: str) -> ConsentRequest:
    return client.consent_request(mailbox, redirect_uri)


def finish(settings: Settings, engine: Engine, mailbox: MailboxSettings, consent: ConsentRequest, code: str, *, by: str) -> OAuthGrant:
    """Exchange the code the provider sent back and store the grant."""
    try:
        token = client.exchange_code(mailbox, consent, code)
    except OAuthFailure as exc:
        raise ConsentError(f"the provider did not issue tokens: {exc}") from None
    return _keep(settings, engine, mailbox, token, by)


def by_device(settings: Settings, engine: Engine, mailbox: MailboxSettings, *, by: str, show: Callable[[DeviceCode], None]) -> OAuthGrant:
    """The device-code flow: ``show`` tells the person where to enter which code; this waits
    until they have, then stores the grant."""
    try:
        device = client.start_device_flow(mailbox)
        show(device)
        token = client.wait_for_device_grant(mailbox, device)
    except OAuthFailure as exc:
        raise ConsentError(f"the provider did not issue tokens: {exc}") from None
    return _keep(settings, engine, mailbox, token, by, public=mailbox.provider().device_flow_public)


def _keep(settings: Settings, engine: Engine, mailbox: MailboxSettings, token: dict, by: str, *, public: bool = False) -> OAuthGrant:
    wanted = set(mailbox.provider().scopes) - _NOT_MAIL_SCOPES
    reported = client.granted_scopes(token)
    missing = wanted - reported if reported else set()
    if missing:
        raise ConsentError(
            f"the consent did not include {', '.join(sorted(missing))} (granted: {', '.join(sorted(reported))}); "
            "tick every permission on the provider's page, or ask the administrator to allow them for this application"
        )
    try:
        return grants.save_grant(engine, grants.cipher_for(settings.oauth), mailbox=mailbox.name, provider=mailbox.provider().name,
                                 account=mailbox.username, token=token, by=by, public_client=public)
    except ValueError as exc:
        raise ConsentError(str(exc)) from None


def forget(settings: Settings, engine: Engine, mailbox: MailboxSettings) -> str:
    """End the mailbox's grant: revoked at the provider where it can be, deleted here either way.
    Returns what happened, for the operator."""
    try:
        grant, tokens = grants.load_tokens(engine, grants.cipher_for(settings.oauth), mailbox.name)
    except grants.GrantUnreadable:
        grant, tokens = None, None
    said = "no grant was stored"
    if tokens is not None:
        try:
            said = "revoked at the provider" if client.revoke(mailbox, tokens.refresh_token, public=grant.public_client) else "the provider has no revocation endpoint; remove the app's access in the account's settings"
        except OAuthFailure as exc:
            said = f"the provider did not confirm the revocation ({exc}); remove the app's access in the account's settings"
    grants.delete_grant(engine, mailbox.name)
    return said
