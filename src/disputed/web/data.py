"""Read-only queries behind the pages: filter counts, a case with its thread, dashboard figures."""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from disputed.store import auth
from disputed.store.models import Case, CaseEvent, CaseStatus, Draft, DraftStatus, StoredMessage
from disputed.store.queue import QueueFilter
from disputed.web.mailview import MessageView, view_message
from disputed.vocabulary import Audience

FACETS = ("status", "mailbox", "platform", "kind", "issue", "language")
FACET_COLUMNS = {
    "status": Draft.status,
    "mailbox": Case.mailbox,
    "platform": Case.platform,
    "kind": Case.kind,
    "issue": Case.issue,
    "language": Draft.language,
}
WAITING_STATUSES = (DraftStatus.PENDING, DraftStatus.APPROVED, DraftStatus.SENDING, DraftStatus.UNKNOWN, DraftStatus.FAILED)


def naive(value: datetime | None) -> datetime | None:
    """UTC without a zone, whichever way a column hands it back."""
    if value is not None and value.tzinfo is not None:
        return value.astimezone(timezone.utc).replace(tzinfo=None)
    return value


def now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def bound(column, value: datetime) -> datetime:
    """``value`` (naive UTC) in the form ``column`` accepts: with a zone when the column keeps one."""
    column_type = column.type
    keeps_zone = getattr(getattr(column_type, "impl", column_type), "timezone", False)
    return value.replace(tzinfo=timezone.utc) if keeps_zone else value


def case_label(case: Case) -> str:
    """What an order column shows: the order id, else the case's number (never the internal case key, which
    for an account notice is long enough to push a table off the screen)."""
    return case.order_id or f"#{case.id}"


# Queue filters --------------------------------------------------------------------------


def _with_case_filters(stmt, flt: QueueFilter, *, skip: str | None = None):
    for facet, value in (("mailbox", flt.mailbox), ("platform", flt.platform), ("kind", flt.kind), ("issue", flt.issue), ("language", flt.language)):
        if value and facet != skip:
            stmt = stmt.where(FACET_COLUMNS[facet] == value)
    return stmt


def facet_counts(session: Session, flt: QueueFilter) -> tuple[dict[str, list[tuple[str, int]]], int]:
    """Counts per value of each filter under every other active filter, and the queue's total.

    One grouped scan of the drafts in the chosen statuses serves five filters and the total;
    the status filter needs its own (over the status index alone when nothing else is chosen)."""
    names = FACETS[1:]
    stmt = select(*(FACET_COLUMNS[n] for n in names), func.count()).select_from(Draft).join(Case, Case.id == Draft.case_id)
    if flt.statuses:
        stmt = stmt.where(Draft.status.in_(flt.statuses))
    combos = session.exec(stmt.group_by(*(FACET_COLUMNS[n] for n in names))).all()
    chosen = {n: getattr(flt, n) for n in names}
    tallies: dict[str, dict[str, int]] = {n: defaultdict(int) for n in names}
    total = 0
    for *values, n in combos:
        row = dict(zip(names, values))
        misses = [name for name in names if chosen[name] and row[name] != chosen[name]]
        if not misses:
            total += n
        for name in names:
            if (not misses or misses == [name]) and row[name] not in (None, ""):
                tallies[name][str(row[name])] += n
    counts = {name: sorted(tallies[name].items(), key=lambda item: (-item[1], item[0])) for name in names}
    if any(chosen.values()):
        by_status = _with_case_filters(select(Draft.status, func.count()).select_from(Draft).join(Case, Case.id == Draft.case_id), flt)
    else:
        by_status = select(Draft.status, func.count()).select_from(Draft)
    counts["status"] = [(str(s), n) for s, n in session.exec(by_status.group_by(Draft.status)).all()]
    return counts, total


# The case page --------------------------------------------------------------------------


@dataclass
class ThreadItem:
    at: datetime | None
    incoming: bool
    view: MessageView
    parsed: dict[str, Any] = field(default_factory=dict)
    row_id: int | None = None
    draft: Draft | None = None
    unvouched: bool = False  # joined the thread with no marketplace claim: shown folded, marked


@dataclass
class CasePage:
    case: Case
    facts: dict[str, Any]
    thread: list[ThreadItem]
    drafts: list[Draft]
    events: Sequence[CaseEvent]
    audit: Sequence[auth.AuditEntry]
    edited: set[int]  # drafts changed by hand since the handler wrote them (their readings are older)


FACT_KEYS = ("order_id", "asin", "sku", "item", "quantity", "reason", "buyer_comment", "buyer_name", "amount", "currency", "deadline", "authentic", "auth_evidence", "marketplace", "tracking_number", "language", "confidence", "issue", "remedy", "attachments", "mentioned_facts")


def case_page(session: Session, case_id: int) -> CasePage | None:
    case = session.get(Case, case_id)
    if case is None:
        return None
    messages = session.exec(select(StoredMessage).where(StoredMessage.case_id == case_id).order_by(StoredMessage.stored_at, StoredMessage.id)).all()
    drafts = list(session.exec(select(Draft).where(Draft.case_id == case_id).order_by(Draft.id)).all())
    events = session.exec(select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.at, CaseEvent.id)).all()
    thread = [ThreadItem(at=naive(m.stored_at), incoming=True, view=view_message(m.raw), parsed=m.parsed or {}, row_id=m.id,
                         unvouched=_unvouched_in(case, m.parsed or {})) for m in messages]
    thread += [_outgoing(d) for d in drafts if d.status == DraftStatus.SENT]
    thread.sort(key=lambda item: item.at or datetime.min)
    edited = {e.draft_id for e in events if e.type == "edited" and e.draft_id is not None}
    return CasePage(case=case, facts=merged_facts(case, [m.parsed or {} for m in messages]), thread=thread, drafts=drafts, events=events, audit=auth.audit_for_case(session, case_id), edited=edited)


def _unvouched_in(case: Case, parsed: dict[str, Any]) -> bool:
    """Mail in a marketplace's case that claims no marketplace itself (it joined by its thread headers)."""
    return case.platform is not None and bool(parsed) and parsed.get("platform") is None and parsed.get("authentic") is None


def _outgoing(draft: Draft) -> ThreadItem:
    view = MessageView(subject=draft.subject, to=draft.to_addr, text=draft.body, date=str(naive(draft.sent_at) or ""))
    return ThreadItem(at=naive(draft.sent_at), incoming=False, view=view, draft=draft)


def merged_facts(case: Case, parsed: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """What is known about the case: the parsed messages, newer over older, then the case's own columns."""
    facts: dict[str, Any] = {}
    for one in parsed:
        facts.update({k: v for k, v in one.items() if k in FACT_KEYS and v not in (None, "", [])})
    facts.update({k: v for k, v in case.facts.model_dump(mode="json").items() if v not in (None, "", [])})
    for key, value in (("order_id", case.order_id), ("asin", case.asin), ("amount", case.amount), ("currency", case.currency), ("buyer_name", case.buyer_name)):
        if value:
            facts[key] = value
    claimed = [p.get("authentic") for p in parsed if p.get("authentic") is not None]
    facts["authentic"] = (all(claimed) if claimed else None) if case.status != CaseStatus.UNVERIFIED else False
    return facts


# The dashboard --------------------------------------------------------------------------


@dataclass
class Dashboard:
    open_by_kind: list[tuple[str, dict[str, int]]]  # kind -> platform -> count
    platforms: list[str]
    waiting: list[tuple[str, int]]
    median_hours: float | None
    replies: int
    median_by_day: list[tuple[str, float]]
    deadlines_by_day: list[tuple[str, int, int]]  # day, met, missed
    met: int
    missed: int


def dashboard(session: Session, *, days: int = 30) -> Dashboard:
    current = now()
    since = current - timedelta(days=days)
    open_by_kind, platforms = _open_cases(session)
    waiting = dict(session.exec(select(Draft.status, func.count()).where(Draft.status.in_(WAITING_STATUSES)).group_by(Draft.status)).all())
    delays = _reply_delays(session, since)
    deadlines = _deadlines(session, since, current)
    day_labels = [(since + timedelta(days=i + 1)).strftime("%m-%d") for i in range(days)]
    per_day: dict[str, list[float]] = defaultdict(list)
    for sent_at, hours in delays:
        per_day[sent_at.strftime("%m-%d")].append(hours)
    return Dashboard(
        open_by_kind=open_by_kind,
        platforms=platforms,
        waiting=[(str(s), waiting.get(s, 0)) for s in WAITING_STATUSES],
        median_hours=statistics.median(h for _, h in delays) if delays else None,
        replies=len(delays),
        median_by_day=[(d, statistics.median(per_day[d]) if per_day[d] else 0.0) for d in day_labels],
        deadlines_by_day=[(d, deadlines[d][0], deadlines[d][1]) for d in day_labels],
        met=sum(v[0] for v in deadlines.values()),
        missed=sum(v[1] for v in deadlines.values()),
    )


def _open_cases(session: Session) -> tuple[list[tuple[str, dict[str, int]]], list[str]]:
    stmt = select(Case.kind, Case.platform, func.count()).where(Case.status != CaseStatus.RESOLVED).group_by(Case.kind, Case.platform)
    by_kind: dict[str, dict[str, int]] = defaultdict(dict)
    platforms: set[str] = set()
    for kind, platform, n in session.exec(stmt).all():
        by_kind[kind][platform or "-"] = n
        platforms.add(platform or "-")
    ordered = sorted(by_kind.items(), key=lambda item: -sum(item[1].values()))
    return ordered, sorted(platforms, key=lambda p: (p == "-", p))


def _reply_delays(session: Session, since: datetime) -> list[tuple[datetime, float]]:
    """(sent at, hours) for each reply sent since ``since``, measured from the newest
    notification the case had when the draft was made (the case's creation if none)."""
    notified = (
        select(func.max(StoredMessage.stored_at))
        .where(StoredMessage.case_id == Draft.case_id, StoredMessage.stored_at <= Draft.created_at)
        .scalar_subquery()
    )
    stmt = (
        select(Draft.sent_at, notified, Case.created_at)
        .join(Case, Case.id == Draft.case_id)
        .where(Draft.status == DraftStatus.SENT, Draft.audience != Audience.INTERNAL, Draft.sent_at >= bound(Draft.sent_at, since))
    )
    out = []
    for sent_at, notified_at, case_created in session.exec(stmt).all():
        start = naive(notified_at) or naive(case_created)
        sent = naive(sent_at)
        if start and sent and sent >= start:
            out.append((sent, (sent - start).total_seconds() / 3600))
    return out


def _deadlines(session: Session, since: datetime, until: datetime) -> dict[str, list[int]]:
    """Per day a deadline fell due: [met, missed]. Met means sent no later than the deadline."""
    stmt = select(Draft.due_at, Draft.sent_at).where(
        Draft.due_at >= bound(Draft.due_at, since),
        Draft.due_at <= bound(Draft.due_at, until),
        Draft.audience != Audience.INTERNAL,
        Draft.status.not_in((DraftStatus.REJECTED, DraftStatus.SUPERSEDED)),
    )
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for due_at, sent_at in session.exec(stmt).all():
        due, sent = naive(due_at), naive(sent_at)
        met = sent is not None and sent <= due
        out[due.strftime("%m-%d")][0 if met else 1] += 1
    return out


def with_status(flt: QueueFilter, statuses: tuple[DraftStatus, ...]) -> QueueFilter:
    return replace(flt, statuses=statuses)
