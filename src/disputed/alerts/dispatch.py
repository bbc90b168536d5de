"""When a channel speaks, and that only one instance speaks through it at a time.

Each pass (the daemon's ``notify`` job, every ``[notify] urgent_seconds``, and at once when new drafts are
queued) records what is new (``events``), then for each channel:

- takes the alerts after its ``told_up_to`` (only the urgent ones for an ``urgent_only`` channel);
- sends them as one message when one of them is urgent, or when the oldest has waited ``digest_minutes``;
  otherwise they wait and more join them;
- sends at most ``max_per_hour`` messages an hour; beyond that everything waits for the hour to make room;
- claims the channel for the time of the send (``claimed_by``/``claimed_until``; on PostgreSQL the row is
  read with FOR UPDATE SKIP LOCKED), so that two instances never send the same batch;
- on success moves ``told_up_to`` past the batch and records the channel healthy; on failure keeps the batch,
  backs off (``retry_base_seconds`` doubling up to ``retry_cap_seconds``) and records the channel failing in
  ``component_health``, which /healthz and /metrics show.

A crash between a delivery and its record is the one way a batch is told twice: the claim runs out and the
batch is sent again (a message told twice beats one never told).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine

from disputed.alerts.channels import DeliveryError, deliver
from disputed.alerts.events import find_events, record, still_needed
from disputed.alerts.wording import Message, compose, trial_message
from disputed.config.settings import AlertChannelSettings, Settings
from disputed.store.workqueue import backoff_seconds
from disputed.daemon.sender import Sender
from disputed.store.db import is_postgres, session_scope
from disputed.store.health import HealthRecorder, channel_component
from disputed.store.models import Alert, AlertChannel, as_utc, utcnow

log = logging.getLogger(__name__)

BATCH = 1000  # alerts taken per message at most; a longer backlog goes in the next ones
REFUSED = "refused"  # the component_health problem of a channel whose messages do not go


@dataclass
class PassReport:
    recorded: int = 0  # alerts found new this pass
    told: dict[str, int] = field(default_factory=dict)  # channel -> alerts delivered
    failed: dict[str, str] = field(default_factory=dict)  # channel -> why its message did not go
    waiting: dict[str, str] = field(default_factory=dict)  # channel -> why its alerts wait


@dataclass(frozen=True)
class _Batch:
    alerts: list[Alert]
    up_to: int  # the highest alert id this batch settles (an urgent_only channel passes over the rest)


class Notifier:
    def __init__(self, settings: Settings, engine: Engine, *, instance: str, running_since: datetime | None = None) -> None:
        self.settings = settings
        self.engine = engine
        self.instance = instance
        self.running_since = running_since or utcnow()
        self.mail_via = Sender(settings, engine, instance=instance)  # its SMTP login, for the mail digest
        self.health = HealthRecorder(engine)
        self.channels = {channel.name: channel for channel in settings.notify.channel}
        if self.channels:
            start_channels(engine, list(self.channels))

    def run_pass(self, now: datetime | None = None) -> PassReport:
        """Record what is new, then let each channel speak if it is time."""
        report = PassReport()
        if not self.channels:
            return report
        now = now or utcnow()
        found = find_events(self.settings, self.engine, now=now, running_since=self.running_since)
        report.recorded = len(record(self.engine, found))
        for channel in self.channels.values():
            try:
                self._speak(channel, now, report)
            except Exception as exc:  # one channel's trouble (or the store's) must not silence the others
                log.exception("notify channel %s: pass failed", channel.name)
                report.failed[channel.name] = f"{type(exc).__name__}: {exc}"
        return report

    def send_trial(self, name: str) -> None:
        """A test message through one channel, now, whatever its limits; raises DeliveryError or KeyError."""
        channel = self.channels[name]
        self._deliver(channel, trial_message(channel.name, channel.language))

    # -- one channel --------------------------------------------------------------------
    def _speak(self, channel: AlertChannelSettings, now: datetime, report: PassReport) -> None:
        batch = self._claim(channel, now, report)
        if batch is None:
            return
        message = compose(batch.alerts, language=channel.language, public_url=self.settings.web.public_url, now=now,
                          max_items=self.settings.notify.max_items)
        try:
            self._deliver(channel, message)
        except DeliveryError as exc:
            self._settle(channel, batch, now, failure=str(exc))
            report.failed[channel.name] = str(exc)
            return
        self._settle(channel, batch, now)
        report.told[channel.name] = len(batch.alerts)
        log.info("notify channel %s: told %d alert(s)%s", channel.name, len(batch.alerts), " (urgent)" if any(a.urgent for a in batch.alerts) else "")

    def _deliver(self, channel: AlertChannelSettings, message: Message) -> None:
        component = channel_component(channel.name)
        try:
            deliver(channel, message, mail_via=self.mail_via)
        except DeliveryError as exc:
            if self.health.failed(component, str(exc), REFUSED):
                log.warning("notify channel %s: message not delivered: %s", channel.name, exc)
            raise
        if self.health.ok(component, always=True):
            log.info("notify channel %s: delivering again", channel.name)

    def _claim(self, channel: AlertChannelSettings, now: datetime, report: PassReport) -> _Batch | None:
        """The batch to send now, with the channel claimed for the send; None when it is not time (the reason
        in ``report.waiting``) or a send through the channel is under way (claims that ran out are void)."""
        notify = self.settings.notify
        with session_scope(self.engine) as session:
            stmt = select(AlertChannel).where(AlertChannel.name == channel.name)
            if is_postgres(self.engine):
                stmt = stmt.with_for_update(skip_locked=True)
            row = session.execute(stmt).scalar_one_or_none()
            if row is None or (row.claimed_by is not None and as_utc(row.claimed_until) > now):
                # Another instance's send, or another pass of ours (a pass run by hand beside the scheduled one).
                report.waiting[channel.name] = "a send through this channel is under way"
                return None
            if row.next_attempt_at is not None and as_utc(row.next_attempt_at) > now:
                report.waiting[channel.name] = f"retrying at {as_utc(row.next_attempt_at):%H:%M:%S} UTC after: {row.last_error}"
                return None
            pending = session.execute(select(Alert).where(Alert.id > row.told_up_to).order_by(Alert.id).limit(BATCH)).scalars().all()
            alerts = still_needed(session, [a for a in pending if a.urgent or not channel.urgent_only])
            if pending and not alerts:  # nothing this channel hears about, or nothing that still waits: passed over
                row.told_up_to = pending[-1].id
                return None
            if not alerts:
                return None
            oldest = min(as_utc(a.created_at) for a in alerts)
            if not any(a.urgent for a in alerts) and now - oldest < timedelta(minutes=notify.digest_minutes):
                report.waiting[channel.name] = "collecting for the digest"
                return None
            recent = _last_hour(row.sent_times, now)
            if len(recent) >= (channel.max_per_hour or notify.max_per_hour):
                report.waiting[channel.name] = f"{len(recent)} message(s) in the last hour: the limit"
                return None
            row.claimed_by, row.claimed_until = self.instance, now + timedelta(seconds=2 * channel.timeout_seconds + 60)
            session.add(row)
            return _Batch(list(alerts), pending[-1].id)

    def _settle(self, channel: AlertChannelSettings, batch: _Batch, now: datetime, *, failure: str | None = None) -> None:
        notify = self.settings.notify
        with session_scope(self.engine) as session:
            row = session.get(AlertChannel, channel.name)
            row.claimed_by = row.claimed_until = None
            if failure is None:
                row.told_up_to = max(row.told_up_to, batch.up_to)
                row.sent_times = [*_last_hour(row.sent_times, now), now.isoformat()]
                row.failures, row.next_attempt_at, row.last_error = 0, None, None
            else:
                row.failures += 1
                wait = backoff_seconds(row.failures, notify.retry_base_seconds, notify.retry_cap_seconds)
                row.next_attempt_at, row.last_error = now + timedelta(seconds=wait), failure[:1000]
                log.warning("notify channel %s: attempt %d failed; next in %.0f s", channel.name, row.failures, wait)
            session.add(row)


def _last_hour(times: list[str], now: datetime) -> list[str]:
    hour_ago = now - timedelta(hours=1)
    return [t for t in times if datetime.fromisoformat(t) > hour_ago]


def start_channels(engine: Engine, names: list[str]) -> None:
    """A row for each configured channel not yet known. A channel added to a running shop starts after the
    alerts recorded so far (it is not sent the history); on a new store that is all of them."""
    with session_scope(engine) as session:
        known = set(session.execute(select(AlertChannel.name).where(AlertChannel.name.in_(names))).scalars())
        missing = [name for name in names if name not in known]
        if not missing:
            return
        top = session.execute(select(func.max(Alert.id))).scalar() or 0
        insert = pg_insert if is_postgres(engine) else sqlite_insert
        rows = [{"name": name, "told_up_to": top, "sent_times": [], "failures": 0, "created_at": utcnow()} for name in missing]
        session.execute(insert(AlertChannel).values(rows).on_conflict_do_nothing(index_elements=["name"]))
