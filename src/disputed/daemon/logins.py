"""``check-config --connect``: log in to every mailbox and to SMTP, once each, and say how it went."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from sqlalchemy.engine import Engine

from disputed.config.settings import Settings
from disputed.daemon.smtplogin import SmtpUnavailable, open_smtp
from disputed.oauth.tokens import install_keeper
from disputed.sources import SourceError, open_source


@dataclass(frozen=True)
class LoginResult:
    what: str  # "mailbox shop", "smtp"
    ok: bool
    detail: str


def check_logins(settings: Settings, engine: Engine) -> list[LoginResult]:
    install_keeper(settings, engine)
    results = [_mailbox(m) for m in settings.mailbox]
    results.append(asyncio.run(_smtp(settings)))
    return results


def _mailbox(mailbox) -> LoginResult:
    what = f"mailbox {mailbox.name}"
    source = open_source(mailbox)
    try:
        status = source.open()
    except SourceError as exc:
        return LoginResult(what, False, str(exc))
    finally:
        source.close()
    how = {"oauth2": f"OAuth {mailbox.oauth_mechanism.upper()}", "password": "password"}[mailbox.auth]
    where = f"{mailbox.host}:{mailbox.port}" if mailbox.source == "imap" else str(mailbox.path)
    return LoginResult(what, True, f"{where} {mailbox.folder if mailbox.source == 'imap' else ''} ({how}): {status.exists} message(s)".replace("  ", " "))


async def _smtp(settings: Settings) -> LoginResult:
    s = settings.smtp
    try:
        smtp = await open_smtp(settings)
    except SmtpUnavailable as exc:
        return LoginResult("smtp", False, str(exc))
    try:
        await smtp.quit()
    except Exception:
        smtp.close()
    how = "OAuth" if s.auth == "oauth2" else ("password" if s.username else "no login")
    return LoginResult("smtp", True, f"{s.host}:{s.port} ({how})")
