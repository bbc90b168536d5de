"""An SMTP connection, logged in: with the password, or with the OAuth grant of
smtp.oauth_mailbox. Used by the sender and by ``check-config --connect``."""

from __future__ import annotations

import asyncio
import ssl

import aiosmtplib

from disputed.config.settings import Settings
from disputed.oauth.smtp import smtp_oauth_login
from disputed.sources.base import SourceError


class SmtpUnavailable(Exception):
    pass


async def open_smtp(settings: Settings) -> aiosmtplib.SMTP:
    s = settings.smtp
    context = ssl.create_default_context()
    if not s.verify_tls:
        context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    smtp = aiosmtplib.SMTP(
        hostname=s.host, port=s.port, timeout=s.timeout_seconds, use_tls=s.security == "ssl",
        start_tls=s.security == "starttls", tls_context=context,
    )
    try:
        await smtp.connect()
        if s.auth == "oauth2":
            await smtp_oauth_login(smtp, settings)
        elif s.username:
            await smtp.login(s.username, s.secret())
    except (aiosmtplib.SMTPException, OSError, asyncio.TimeoutError, SourceError) as exc:  # SourceError: the OAuth grant
        smtp.close()
        raise SmtpUnavailable(f"SMTP {s.host}:{s.port} unavailable: {type(exc).__name__}: {exc}") from exc
    return smtp
