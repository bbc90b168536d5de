"""What the daemon knows of the servers it depends on, kept in ``component_health``.

The watchers record each mailbox's syncs and failures and the sender records the SMTP server's, so that /healthz,
/metrics and the operators' notifications speak for every instance sharing the store, not only the one asked.
A success is written at most every ``QUIET_SECONDS`` per component while nothing changes (a watcher in IDLE
checks its folder every two minutes; a backfill passes far more often); a change of state is always written.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from email.parser import BytesHeaderParser
from email.policy import compat32
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.engine import Engine

from disputed.store.db import session_scope
from disputed.store.models import ComponentHealth, StoredMessage, as_utc, utcnow

SMTP = "smtp"
LOGIN, UNREACHABLE = "login", "unreachable"
QUIET_SECONDS = 30.0


def mailbox_component(name: str) -> str:
    return f"mailbox:{name}"


def channel_component(name: str) -> str:
    """A notification channel ([[notify.channel]]), written by whichever instance last sent through it."""
    return f"notify:{name}"


class HealthRecorder:
    """Writes components' states; remembers what this process last wrote to skip repeating it."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._lock = threading.Lock()
        self._last_ok: dict[str, float] = {}  # component -> monotonic time of its last written success

    def ok(self, component: str, *, always: bool = False) -> bool:
        """Record a success. True when this ends a run of failures (the caller may say so once). ``always``
        writes it even when this process wrote one lately: for a component used now and then by whichever
        instance (a notification channel), whose last failure another instance may have written meanwhile."""
        with self._lock:
            last = self._last_ok.get(component)
            if not always and last is not None and time.monotonic() - last < QUIET_SECONDS:
                return False
            self._last_ok[component] = time.monotonic()
        now = utcnow()
        with session_scope(self.engine) as session:
            row = session.get(ComponentHealth, component) or ComponentHealth(name=component)
            recovered = not row.ok
            row.ok, row.checked_at, row.ok_at, row.failing_since, row.problem, row.error = True, now, now, None, None, None
            session.add(row)
        return recovered

    def failed(self, component: str, error: str, problem: str = UNREACHABLE) -> bool:
        """Record a failure. True when this starts a run of failures or changes its kind or words."""
        with self._lock:
            self._last_ok.pop(component, None)
        now = utcnow()
        with session_scope(self.engine) as session:
            row = session.get(ComponentHealth, component) or ComponentHealth(name=component, ok_at=None)
            changed = row.ok or row.problem != problem or row.error != error[:1000]
            row.ok, row.checked_at, row.problem, row.error = False, now, problem, error[:1000]
            row.failing_since = row.failing_since or now
            session.add(row)
        return changed


@dataclass(frozen=True)
class Verdict:
    """One component as /healthz reports it."""

    name: str
    ok: bool
    state: str  # "ok", "failing", "stale", "never synced"
    detail: str
    ok_at: datetime | None
    failing_since: datetime | None

    def public_dict(self) -> dict:
        return {
            "ok": self.ok, "state": self.state, "detail": self.detail,
            "ok_at": self.ok_at.isoformat() if self.ok_at else None,
            "failing_since": self.failing_since.isoformat() if self.failing_since else None,
        }


def assess(engine: Engine, mailboxes: list[str], *, stale_after: timedelta, running_since: datetime,
           now: datetime | None = None) -> list[Verdict]:
    """Each configured mailbox and SMTP: failing when its last attempt failed; a mailbox is stale when its last
    sync is older than ``stale_after`` (or it never synced and this process started longer ago than that)."""
    now = now or utcnow()
    with session_scope(engine) as session:
        rows = {row.name: row for row in session.execute(select(ComponentHealth)).scalars()}
    verdicts = [_mailbox_verdict(name, rows.get(mailbox_component(name)), now, stale_after, running_since) for name in mailboxes]
    smtp = rows.get(SMTP)
    if smtp is not None and not smtp.ok:
        verdicts.append(Verdict(SMTP, False, "failing", f"{smtp.problem}: {smtp.error}", as_utc(smtp.ok_at), as_utc(smtp.failing_since)))
    else:
        detail = "no send tried yet" if smtp is None else "last send accepted"
        verdicts.append(Verdict(SMTP, True, "ok", detail, as_utc(smtp.ok_at) if smtp else None, None))
    return verdicts


def channel_verdicts(engine: Engine, channels: list[str]) -> list[Verdict]:
    """Each notification channel: failing while its messages are refused (they wait and are retried);
    ok when its last message went through or it has had nothing to say yet."""
    with session_scope(engine) as session:
        rows = {row.name: row for row in session.execute(
            select(ComponentHealth).where(ComponentHealth.name.in_([channel_component(c) for c in channels]))).scalars()}
    verdicts = []
    for name in channels:
        row = rows.get(channel_component(name))
        if row is not None and not row.ok:
            verdicts.append(Verdict(row.name, False, "failing", f"{row.problem}: {row.error}", as_utc(row.ok_at), as_utc(row.failing_since)))
        else:
            detail = "nothing sent yet" if row is None else "last message accepted"
            verdicts.append(Verdict(channel_component(name), True, "ok", detail, as_utc(row.ok_at) if row else None, None))
    return verdicts


def _mailbox_verdict(name: str, row: ComponentHealth | None, now: datetime, stale_after: timedelta,
                     running_since: datetime) -> Verdict:
    component = mailbox_component(name)
    if row is not None and not row.ok:
        return Verdict(component, False, "failing", f"{row.problem}: {row.error}", as_utc(row.ok_at), as_utc(row.failing_since))
    last = as_utc(row.ok_at) if row is not None else None
    if last is None:
        young = now - running_since < stale_after
        return Verdict(component, young, "never synced", "waiting for the first sync" if young else "has never synced", None, None)
    if now - last > stale_after:
        minutes = (now - last).total_seconds() / 60
        return Verdict(component, False, "stale", f"last synced {minutes:.0f} min ago", last, None)
    return Verdict(component, True, "ok", "synced", last, None)


# How many of the newest marketplace notices the authentication check looks at, and how many failing ones it reads
# the Authentication-Results headers of.
RECENT_NOTICES = 200
HEADERS_READ = 20


def authentication_verdict(engine: Engine, trusted_ids: list[str]) -> Verdict:
    """Failing when most recent marketplace notices failed the authenticity check: the usual cause is
    ``[security] trusted_authserv_ids`` not naming the seller's own mail server, and then every notice is
    unverified and nothing is drafted. The detail lists the authserv-ids seen in those notices' headers."""
    with session_scope(engine) as session:
        rows = session.execute(
            select(StoredMessage.id, StoredMessage.parsed)
            .where(StoredMessage.platform.is_not(None), StoredMessage.parsed.is_not(None))
            .order_by(StoredMessage.id.desc()).limit(RECENT_NOTICES)
        ).all()
        failing = [row.id for row in rows if (row.parsed or {}).get("authentic") is False]
        if len(rows) < 5 or len(failing) * 2 <= len(rows):
            return Verdict("authentication", True, "ok", f"{len(rows) - len(failing)} of the last {len(rows)} notices verified", None, None)
        raws = session.execute(select(StoredMessage.raw).where(StoredMessage.id.in_(failing[:HEADERS_READ]))).scalars().all()
    seen = sorted({authserv for raw in raws for authserv in authserv_ids(raw)} - set(trusted_ids))
    advice = (f"authserv-ids seen in them: {', '.join(seen)}; if one is your own mail server, add it to [security] trusted_authserv_ids"
              if seen else "they carry no Authentication-Results header: have your mail server add one, or set [security] dkim_verify = true")
    return Verdict("authentication", False, "failing",
                   f"{len(failing)} of the last {len(rows)} marketplace notices failed authentication; {advice}", None, None)


def authserv_ids(raw: bytes) -> set[str]:
    """The authserv-id (the first word) of each Authentication-Results header of a raw message."""
    head = raw.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0][:65536]
    message = BytesHeaderParser(policy=compat32).parsebytes(head)
    found = set()
    for value in message.get_all("Authentication-Results") or []:
        word = str(value).strip().split(";", 1)[0].split()
        if word and len(word[0]) <= 253:
            found.add(word[0].lower())
    return found
