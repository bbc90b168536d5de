"""SMTP logins with an OAuth access token: XOAUTH2 through aiosmtplib's own method, and
OAUTHBEARER (RFC 7628), which aiosmtplib lacks, as an AUTH command through its public
``execute_command``."""

from __future__ import annotations

import asyncio
import base64

import aiosmtplib

from disputed.config.settings import MailboxSettings, Settings
from disputed.oauth.tokens import GrantProblem, installed_keeper

AUTH_CONTINUE, AUTH_OK = 334, 235


async def smtp_oauth_login(smtp: aiosmtplib.SMTP, settings: Settings) -> None:
    """Log ``smtp`` in with the grant of smtp.oauth_mailbox; a refused token that was not fresh
    is refreshed and tried once more. Raises GrantProblem when the grant does not work."""
    mailbox = settings.smtp_oauth_mailbox()
    keeper = installed_keeper()
    username = settings.smtp.username or mailbox.username
    for _attempt in range(2):
        token = await asyncio.to_thread(keeper.access_token, mailbox)
        try:
            await _authenticate(smtp, mailbox, username, token.value)
        except aiosmtplib.SMTPAuthenticationError as exc:
            reason = f"the SMTP server refused the OAuth token: {exc.code} {exc.message}"
            await asyncio.to_thread(keeper.token_refused, mailbox, reason, fresh=token.fresh)
            if token.fresh:
                raise GrantProblem(f"{mailbox.name}: {reason}", reason=reason) from None
            continue
        await asyncio.to_thread(keeper.login_ok, mailbox)
        return


async def _authenticate(smtp: aiosmtplib.SMTP, mailbox: MailboxSettings, username: str, token: str) -> None:
    if mailbox.oauth_mechanism == "xoauth2":
        await smtp.auth_xoauth2(username, token)
        return
    if smtp.is_ehlo_or_helo_needed:
        await smtp.ehlo()
    authzid = username.replace("=", "=3D").replace(",", "=2C")
    message = f"n,a={authzid},\x01auth=Bearer {token}\x01\x01".encode()
    response = await smtp.execute_command(b"AUTH", b"OAUTHBEARER", base64.b64encode(message))
    if response.code == AUTH_CONTINUE:  # the error challenge; an empty line (\x01) ends the exchange
        response = await smtp.execute_command(base64.b64encode(b"\x01"))
    if response.code != AUTH_OK:
        raise aiosmtplib.SMTPAuthenticationError(response.code, response.message)
