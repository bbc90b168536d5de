"""What /metrics exposes, in Prometheus' text format (the official ``prometheus-client``).

Two sources:

- this process's own counters, for what only the process sees as it happens (messages fetched, IDLE and
  polling sessions started again, each mailbox's backlog while it is fetched). They start at zero with the process,
  as Prometheus counters do, and live in ``PROCESS``, not in the library's global registry;
- the store, read at each scrape by ``StoreCollector``, for what must be true whichever instance did the work:
  cases and drafts by state, quarantined messages, send outcomes, deadlines met and missed, each component's
  health.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from prometheus_client import CollectorRegistry, Counter, Gauge, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy import and_, func, select
from sqlalchemy.engine import Engine

from disputed.store.models import Case, ComponentHealth, Draft, DraftStatus, StoredMessage, as_utc, utcnow

PROCESS = CollectorRegistry(auto_describe=True)
MESSAGES_INGESTED = Counter("disputed_messages_ingested", "Messages fetched and stored by this process.", ["mailbox"], registry=PROCESS)
MAILBOX_RECONNECTS = Counter("disputed_mailbox_reconnects", "Mailbox sessions (IDLE or polling) started again after one ended or failed.", ["mailbox"], registry=PROCESS)
MAILBOX_LAG = Gauge("disputed_mailbox_lag_messages", "Messages on the server beyond what this process has stored, while it fetches.", ["mailbox"], registry=PROCESS)
SEND_OUTCOMES = Counter("disputed_send_outcomes", "What this process's send passes came to, draft by draft.", ["outcome"], registry=PROCESS)


def count_sends(sent: int, failed: int, deferred: int, unknown: int) -> None:
    for outcome, count in (("sent", sent), ("failed", failed), ("deferred", deferred), ("unknown", unknown)):
        if count:
            SEND_OUTCOMES.labels(outcome).inc(count)


class StoreCollector(Collector):
    """Counts read from the store at each scrape (a few grouped queries; indexed by status)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def collect(self) -> Iterator[GaugeMetricFamily]:
        with self.engine.connect() as conn:
            yield _by_label("disputed_cases", "Cases by status.", "status",
                            conn.execute(select(Case.status, func.count()).group_by(Case.status)))
            yield _by_label("disputed_drafts", "Drafts by status (sent, failed and unknown are the send outcomes).", "status",
                            conn.execute(select(Draft.status, func.count()).group_by(Draft.status)))
            yield _by_label("disputed_messages", "Stored messages by processing status (quarantined: could not be processed).", "status",
                            conn.execute(select(StoredMessage.status, func.count()).group_by(StoredMessage.status)))
            yield _deadlines(conn)
            yield from _health(conn)


def _by_label(name: str, documentation: str, label: str, rows) -> GaugeMetricFamily:
    family = GaugeMetricFamily(name, documentation, labels=[label])
    for value, count in rows:
        family.add_metric([str(getattr(value, "value", value))], count)
    return family


def _deadlines(conn) -> GaugeMetricFamily:
    """Sent drafts that had a deadline, by whether they left in time; and drafts still waiting past theirs."""
    family = GaugeMetricFamily("disputed_deadlines", "Drafts with a deadline: met (sent in time), missed (sent late), overdue (not sent, past it).", labels=["outcome"])
    sent = Draft.status == DraftStatus.SENT
    waiting = Draft.status.in_([DraftStatus.PENDING, DraftStatus.APPROVED, DraftStatus.SENDING, DraftStatus.UNKNOWN])
    due = Draft.due_at.is_not(None)
    met = conn.execute(select(func.count()).where(sent, due, Draft.sent_at <= Draft.due_at)).scalar_one()
    missed = conn.execute(select(func.count()).where(sent, due, Draft.sent_at > Draft.due_at)).scalar_one()
    overdue = conn.execute(select(func.count()).where(and_(waiting, due, Draft.due_at < utcnow()))).scalar_one()
    for outcome, count in (("met", met), ("missed", missed), ("overdue", overdue)):
        family.add_metric([outcome], count)
    return family


def _health(conn) -> Iterator[GaugeMetricFamily]:
    up = GaugeMetricFamily("disputed_component_up", "1 when the component's last attempt succeeded (mailbox:<name>, smtp).", labels=["component"])
    last = GaugeMetricFamily("disputed_component_last_success_timestamp_seconds", "When the component last succeeded (a mailbox: its last sync).", labels=["component"])
    for row in conn.execute(select(ComponentHealth)).all():
        up.add_metric([row.name], 1 if row.ok else 0)
        ok_at: datetime | None = as_utc(row.ok_at)
        if ok_at is not None:
            last.add_metric([row.name], ok_at.timestamp())
    yield up
    yield last


def exposition(engine: Engine) -> bytes:
    """The whole /metrics page: this process's counters, then the store's counts."""
    store = CollectorRegistry(auto_describe=False)
    store.register(StoreCollector(engine))
    return generate_latest(PROCESS) + generate_latest(store)
