"""An SMTP connection, logged in: with the password, or with the OAuth grant of
smtp.oauth_mailbox. Used by the sender and by ``check-config --connect``."""

from __future__ import annotations

import asyncio
import ssl

import aiosmtplib

from disputed.config.settings import Settings
from disputed.oauth.smtp import smtp_oauth_login
from disputed.sources.base import SourceAuthError, SourceError
from disputed.store.health import LOGIN, UNREACHABLE


class SmtpUnavailable(Exception):
    """The SMTP server could not be reached or refused our login; ``problem`` says which (store.health)."""

    def __init__(self, message: str, problem: str = UNREACHABLE) -> None:
        super().__init__(message)
        self.problem = problem


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
    except aiosmtplib.SMTPAuthenticationError as exc:
        smtp.close()
        raise SmtpUnavailable(f"SMTP {s.host}:{s.port} refused the login of {s.username}: {exc.code} {exc.message}", LOGIN) from exc
    except SourceAuthError as exc:  # the OAuth grant does not work
        smtp.close()
        reason = getattr(exc, "reason", None) or exc  # without the back-off countdown: the same words while the cause lasts
        raise SmtpUnavailable(f"SMTP {s.host}:{s.port}: {reason}", LOGIN) from exc
    except (aiosmtplib.SMTPException, OSError, asyncio.TimeoutError, SourceError) as exc:  # SourceError: the token service is unreachable
        smtp.close()
        raise SmtpUnavailable(f"SMTP {s.host}:{s.port} unavailable: {type(exc).__name__}: {exc}") from exc
    return smtp
