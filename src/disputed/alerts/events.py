"""What the team is told about, found in the store, and each occurrence recorded once.

An event's ``key`` names one occurrence: a draft waiting (``draft:12:pending``), a case crossing one of the
``[notify] deadline_hours`` (``case:7:due:24``), a run of login failures (``mailbox:shop:login:<since>``).
Recording skips keys already in the ``alert`` table, so finding the same thing on every pass, or on two
instances, tells it once. Recording is serialised (on PostgreSQL by an advisory lock; SQLite has one writer),
so alert ids are committed in order and a channel that has told everything up to an id has missed nothing
below it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import String, cast, exists, literal, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session

from disputed.config.settings import Settings
from disputed.store import health
from disputed.store.db import is_postgres, session_scope
from disputed.store.models import Alert, Case, CaseStatus, ComponentHealth, Draft, DraftStatus, as_utc

DRAFT_PENDING = "draft_pending"
CASE_TRIAGE = "case_triage"
CASE_UNVERIFIED = "case_unverified"
DEADLINE = "deadline"
SEND_FAILED = "send_failed"
SEND_UNKNOWN = "send_unknown"
MAILBOX_LOGIN = "mailbox_login"
MAILBOX_UNREACHABLE = "mailbox_unreachable"
MAILBOX_STALE = "mailbox_stale"
MAILBOX_NEVER = "mailbox_never"
SMTP_FAILING = "smtp_failing"
RECOVERED = "recovered"  # a mailbox or SMTP told failing works again
COMPONENT_PROBLEMS = (MAILBOX_LOGIN, MAILBOX_UNREACHABLE, MAILBOX_STALE, MAILBOX_NEVER, SMTP_FAILING)

# Cases in these states wait for the seller; a deadline on any other (answered, resolved) is not ours to chase.
SELLERS_MOVE = (CaseStatus.OPEN, CaseStatus.TRIAGE, CaseStatus.UNVERIFIED)
HELD = {CaseStatus.TRIAGE: CASE_TRIAGE, CaseStatus.UNVERIFIED: CASE_UNVERIFIED}
SEND_PROBLEMS = {DraftStatus.FAILED: SEND_FAILED, DraftStatus.UNKNOWN: SEND_UNKNOWN}
# pg_try_advisory_xact_lock key for recording alerts: any fixed number no other program on the database uses.
_RECORD_LOCK = 0x6469_7371
_CHUNK = 500  # keys looked up per query


@dataclass(frozen=True)
class Event:
    key: str
    type: str
    urgent: bool = False
    case_id: int | None = None
    details: dict[str, Any] = field(default_factory=dict)  # what the message says: order, platform, kind, due, detail


def find_events(settings: Settings, engine: Engine, *, now: datetime, running_since: datetime) -> list[Event]:
    """Everything that should have been told by now (most of it already was: ``record`` keeps the new)."""
    rules = _Urgency(settings, now)
    with session_scope(engine) as session:
        events = _drafts_waiting(session, rules)
        events += _cases_held(session, rules)
        events += _deadlines(session, settings.notify.deadline_hours, rules, now)
        events += _send_problems(session, rules)
    return events + _components(settings, engine, now, running_since)


def record(engine: Engine, events: list[Event]) -> list[Alert]:
    """Store the events not yet recorded, in the order given; returns them. On PostgreSQL an instance that
    finds another recording right now records nothing this time (the other finds the same events)."""
    if not events:
        return []
    with session_scope(engine) as session:
        if is_postgres(engine) and not session.execute(text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": _RECORD_LOCK}).scalar():
            return []
        known = _known_keys(session, [event.key for event in events])
        new = []
        for event in events:
            if event.key in known:
                continue
            known.add(event.key)
            new.append(Alert(key=event.key, type=event.type, urgent=event.urgent, case_id=event.case_id, details=event.details))
        session.add_all(new)
        session.flush()
        return new


def _known_keys(session: Session, keys: list[str]) -> set[str]:
    known: set[str] = set()
    for start in range(0, len(keys), _CHUNK):
        known |= set(session.execute(select(Alert.key).where(Alert.key.in_(keys[start : start + _CHUNK]))).scalars())
    return known


class _Urgency:
    """A claim, chargeback or dispute (``[notify] urgent_kinds``) due within ``urgent_hours`` is urgent."""

    def __init__(self, settings: Settings, now: datetime) -> None:
        self.kinds = set(settings.notify.urgent_kinds)
        self.until = now + timedelta(hours=settings.notify.urgent_hours)

    def of(self, case: Case) -> bool:
        due = as_utc(case.due_at)
        return case.kind in self.kinds and due is not None and due <= self.until


def case_details(case: Case) -> dict[str, Any]:
    due = as_utc(case.due_at)
    return {"case_id": case.id, "order_id": case.order_id, "platform": case.platform, "kind": case.kind,
            "due_at": due.isoformat() if due else None, "mailbox": case.mailbox}


def _untold(prefix: str, row_id, suffix: str) -> ColumnElement[bool]:
    """No alert recorded yet under the key ``<prefix><row_id><suffix>``: what was told is not read again on
    every pass (``record`` still checks, for what another instance recorded meanwhile)."""
    return ~exists().where(Alert.key == literal(prefix) + cast(row_id, String) + literal(suffix))


def _drafts_waiting(session: Session, rules: _Urgency) -> list[Event]:
    rows = session.execute(
        select(Draft.id, Case).join(Case, Case.id == Draft.case_id)
        .where(Draft.status == DraftStatus.PENDING, _untold("draft:", Draft.id, ":pending")).order_by(Draft.id)
    ).all()
    return [Event(f"draft:{draft_id}:pending", DRAFT_PENDING, rules.of(case), case.id, {**case_details(case), "draft_id": draft_id})
            for draft_id, case in rows]


def _cases_held(session: Session, rules: _Urgency) -> list[Event]:
    events = []
    for status, kind in HELD.items():
        cases = session.execute(select(Case).where(Case.status == status, _untold("case:", Case.id, f":{status.value}")).order_by(Case.id)).scalars()
        events += [Event(f"case:{case.id}:{status.value}", kind, rules.of(case), case.id, case_details(case)) for case in cases]
    return events


def _deadlines(session: Session, thresholds: list[float], rules: _Urgency, now: datetime) -> list[Event]:
    """Each case waiting for the seller, once for the tightest threshold its due time is within (a case first
    seen 3 hours before its deadline is told "within 4 h", not also "within 24 h")."""
    if not thresholds:
        return []
    cases = session.execute(
        select(Case).where(Case.status.in_(SELLERS_MOVE), Case.due_at.is_not(None), Case.due_at <= now + timedelta(hours=max(thresholds)))
        .order_by(Case.due_at)
    ).scalars()
    events = []
    for case in cases:
        left = as_utc(case.due_at) - now
        hours = min(h for h in thresholds if left <= timedelta(hours=h))
        events.append(Event(f"case:{case.id}:due:{hours:g}", DEADLINE, rules.of(case), case.id, {**case_details(case), "hours": hours}))
    return events


def _send_problems(session: Session, rules: _Urgency) -> list[Event]:
    events = []
    for status, kind in SEND_PROBLEMS.items():
        rows = session.execute(
            select(Draft.id, Draft.smtp_response, Case).join(Case, Case.id == Draft.case_id)
            .where(Draft.status == status, _untold("draft:", Draft.id, f":{status.value}")).order_by(Draft.id)
        ).all()
        events += [Event(f"draft:{draft_id}:{status.value}", kind, rules.of(case), case.id,
                         {**case_details(case), "draft_id": draft_id, "detail": (answer or "")[:300]}) for draft_id, answer, case in rows]
    return events


def _components(settings: Settings, engine: Engine, now: datetime, running_since: datetime) -> list[Event]:
    """Mailboxes and SMTP as the watchers and the sender recorded them (``store.health``): each run of failures
    (or of staleness) once, and once more when the component works again. A login refused is urgent: nothing
    arrives until someone fixes it."""
    names = [m.name for m in settings.mailbox]
    verdicts = health.assess(engine, names, stale_after=timedelta(minutes=settings.daemon.stale_sync_minutes),
                             running_since=running_since, now=now)
    with session_scope(engine) as session:
        rows = {row.name: row for row in session.execute(select(ComponentHealth)).scalars()}
        events = _recoveries(session, {v.name for v in verdicts if v.ok and v.state == "ok"})
    for verdict in verdicts:
        if not verdict.ok:
            events += _problem(verdict, rows.get(verdict.name))
    return events


def _problem(verdict: health.Verdict, row: ComponentHealth | None) -> list[Event]:
    details = {"component": verdict.name}
    if verdict.name != health.SMTP:
        details["mailbox"] = verdict.name.removeprefix("mailbox:")
    if verdict.state == "failing" and row is not None:
        since = as_utc(row.failing_since).isoformat() if row.failing_since else ""
        details["detail"] = (row.error or "")[:300]
        if verdict.name == health.SMTP:
            return [Event(f"smtp:failing:{since}", SMTP_FAILING, details=details)]
        login = row.problem == health.LOGIN
        return [Event(f"{verdict.name}:{row.problem}:{since}", MAILBOX_LOGIN if login else MAILBOX_UNREACHABLE, urgent=login, details=details)]
    if verdict.state == "stale":
        since = verdict.ok_at.isoformat()
        return [Event(f"{verdict.name}:stale:{since}", MAILBOX_STALE, details={**details, "since": since})]
    if verdict.state == "never synced":
        return [Event(f"{verdict.name}:never-synced", MAILBOX_NEVER, details=details)]
    return []


def _recoveries(session: Session, working: set[str]) -> list[Event]:
    """Problems told whose component works again and whose recovery is not told yet."""
    told = aliased(Alert)
    problems = session.execute(
        select(Alert).where(Alert.type.in_(COMPONENT_PROBLEMS), ~exists().where(told.key == Alert.key + literal(":recovered")))
        .order_by(Alert.id)
    ).scalars()
    return [Event(f"{alert.key}:recovered", RECOVERED, alert.urgent, details={**alert.details, "problem": alert.type})
            for alert in problems if alert.details.get("component") in working]


def still_needed(session: Session, alerts: list[Alert]) -> list[Alert]:
    """The alerts whose subject still waits for a person when the message is about to go: a draft approved, a
    case answered or resolved while its alert waited for the digest is not told. (Mailbox and SMTP problems are:
    their recovery follows them.)"""
    draft_ids = {a.details.get("draft_id") for a in alerts if a.type in _DRAFT_STATES}
    case_ids = {a.case_id for a in alerts if a.type in _CASE_STATES}
    drafts = dict(session.execute(select(Draft.id, Draft.status).where(Draft.id.in_(draft_ids))).all()) if draft_ids else {}
    cases = dict(session.execute(select(Case.id, Case.status).where(Case.id.in_(case_ids))).all()) if case_ids else {}
    kept = []
    for alert in alerts:
        if alert.type in _DRAFT_STATES and drafts.get(alert.details.get("draft_id")) != _DRAFT_STATES[alert.type]:
            continue
        if alert.type in _CASE_STATES and cases.get(alert.case_id) not in _CASE_STATES[alert.type]:
            continue
        kept.append(alert)
    return kept


_DRAFT_STATES = {DRAFT_PENDING: DraftStatus.PENDING, SEND_FAILED: DraftStatus.FAILED, SEND_UNKNOWN: DraftStatus.UNKNOWN}
_CASE_STATES = {CASE_TRIAGE: (CaseStatus.TRIAGE,), CASE_UNVERIFIED: (CaseStatus.UNVERIFIED,), DEADLINE: SELLERS_MOVE}
