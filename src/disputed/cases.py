"""Cases: one per dispute. A notification joins the case for its platform and order,
else the case its thread headers point to, else a case of its own."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from collections.abc import Sequence

from sqlalchemy import bindparam, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.orm import make_transient_to_detached
from sqlmodel import Session, select

from disputed.config.settings import PolicySettings, Remedy
from disputed.handlers.base import HistoryItem, remedies_from_dicts
from disputed.notification import Notification
from disputed.store.db import is_postgres
from disputed.store.history import record
from disputed.store.models import Case, CaseEvent, CaseFacts, CaseStatus, Draft, StoredMessage, as_utc, utcnow
from disputed.vocabulary import ACCOUNT_KINDS, SILENT_KINDS, Audience, Kind

_ANGLE = re.compile(r"<[^<>\s]+>")


def case_key(note: Notification, *, fallback: str) -> str | None:
    """The grouping key, or None when only the thread can tell."""
    if note.authentic is False:
        # A forged notice must not steer a real case: it gets a case of its own.
        return f"unverified:{fallback}"
    if note.platform and note.order_id:
        return f"{note.platform}:{note.order_id}"
    if note.kind in ACCOUNT_KINDS:
        return f"{note.platform or 'unknown'}:{note.kind}:{note.asin or fallback}"
    return None


def thread_ids(note: Notification) -> list[str]:
    ids = list(note.references)
    if note.in_reply_to:
        ids.append(note.in_reply_to)
    return [i for i in ids if i][::-1]  # nearest ancestor first


def find_by_thread(session: Session, note: Notification) -> Case | None:
    for msgid in thread_ids(note):
        case_id = session.exec(select(Draft.case_id).where(Draft.message_id == msgid)).first()
        if case_id is None:
            case_id = session.exec(
                select(StoredMessage.case_id).where(StoredMessage.message_id == msgid, StoredMessage.case_id.is_not(None))
            ).first()
        if case_id is not None:
            return session.get(Case, case_id)
    return None


def attach(session: Session, note: Notification, *, mailbox: str, fallback: str, policy: PolicySettings, cache: dict[str, Case | None] | None = None,
           history: bool = False) -> tuple[Case, bool]:
    """The case this notification belongs to, created when new. Returns (case, created).

    ``history``: the mail is filed as history (``history_reason``); joining a live case it only adds to the case's
    thread, since a first connection processes recent mail before the old mail of the same order.

    ``cache`` (key -> Case, or None for "no such case") spares a batch one SELECT per
    message; a stale "None" is safe, because creating an existing key falls back to it."""
    key = case_key(note, fallback=fallback)
    case = None
    if note.authentic is not False and (key is None or note.kind == Kind.BUYER_MESSAGE):
        case = find_by_thread(session, note)  # a forgery must not join a genuine thread
    key = key or f"thread:{fallback}"  # no order, no thread: a case of its own (a redelivered copy finds it)
    if case is None:
        if cache is not None and key in cache:
            case = cache[key]
        else:
            case = session.exec(select(Case).where(Case.key == key)).first()
    if case is not None:
        if not history and buyer_address_conflict(case, note):
            _flag_buyer_address(session, case, note)
        _update(case, note, policy, history=history)
        session.add(case)
        return case, False
    case = _create(session, note, key, mailbox, policy, history=history)
    if cache is not None:
        cache[case.key] = case
    return case, True


def unvouched(note: Notification) -> bool:
    """Mail that claims no marketplace, so nothing vouches for its sender (it is not a forgery either)."""
    return note.platform is None and note.authentic is None


def buyer_address_conflict(case: Case, note: Notification) -> bool:
    """The note would answer a different buyer than the one the case has been answering."""
    return bool(note.reply_to and case.buyer_address and note.reply_to != case.buyer_address)


def _flag_buyer_address(session: Session, case: Case, note: Notification) -> None:
    """The case keeps its buyer; an operator is told, and decides (no draft is made from this mail)."""
    case.facts = case.facts.changed(buyer_address_conflict=note.reply_to)
    case.status = CaseStatus.TRIAGE
    record(session, case_id=case.id, type="buyer_address_conflict",
           detail=f"mail from {note.reply_to} ({note.message_id or 'no Message-ID'}) names this case's order; "
                  f"the case keeps buyer {case.buyer_address}")


def _create(session: Session, note: Notification, key: str, mailbox: str, policy: PolicySettings, *, history: bool = False) -> Case:
    """A new case, written with one INSERT. Another instance may create the same key at the same
    moment (PostgreSQL): the INSERT then does nothing and the note joins the case that won."""
    # The kind that opened the case is kept for the handlers (set here, so the INSERT carries it).
    case = Case(key=key, platform=note.platform, order_id=note.order_id, mailbox=mailbox, kind=note.kind, issue=note.issue, facts=CaseFacts(opened_with=note.kind))
    _update(case, note, policy)
    if note.authentic is False:
        case.status = CaseStatus.UNVERIFIED
    conn = session.connection()
    values = {name: getattr(case, name) for name in _CASE_COLUMNS}
    case_id = conn.execute(_INSERT_CASE[is_postgres(conn)], values).scalar()
    if case_id is None:
        existing = session.exec(select(Case).where(Case.key == key)).one()
        _update(existing, note, policy, history=history)
        return existing
    case.id = case_id
    # The object now stands for the stored row: detached with these values as its loaded state,
    # then in the session, so later changes become an UPDATE. (An ORM INSERT and its flush
    # cost several times the statement; a case is created for most new notifications.)
    make_transient_to_detached(case)
    session.add(case)
    return case


_CASES = Case.__table__
_CASE_COLUMNS = tuple(column.name for column in _CASES.columns if column.name != "id")
_INSERT_CASE = {  # built once, by "is it PostgreSQL": composing a statement costs more than running it
    postgres: dialect.insert(_CASES).on_conflict_do_nothing(index_elements=["key"]).returning(_CASES.c.id)
    for postgres, dialect in ((True, postgresql), (False, sqlite))
}


def apply_notification(case: Case, note: Notification, policy: PolicySettings) -> None:
    """Take a notification's facts into its case: what an operator's trust does for a notice that failed
    authentication, whose facts were kept out of the case until then."""
    _update(case, note, policy)


def _update(case: Case, note: Notification, policy: PolicySettings, *, history: bool = False) -> None:
    """Fold a new notification's facts into the case; later facts win, blanks never erase. Old mail (``history``)
    joining a live case is older than what the case knows: it only joins the thread."""
    if history and case.id is not None and case.status != CaseStatus.RESOLVED:
        if note.message_id:
            extend_references(case, [*note.references, note.message_id])
        return
    if note.kind not in SILENT_KINDS and note.authentic is not False:
        if note.kind != Kind.BUYER_MESSAGE or case.kind in (None, Kind.BUYER_MESSAGE):
            case.kind = note.kind
        if note.issue and note.issue != "option_choice":
            case.issue = note.issue
        if note.language:
            case.language = note.language
        if note.reply_to and not case.buyer_address:  # a different one is flagged by attach, never taken
            case.buyer_address = note.reply_to
        for attr in ("buyer_name", "asin", "order_id"):
            value = getattr(note, attr)
            if value:
                setattr(case, attr, value)
        if note.amount is not None:
            case.amount, case.currency = str(note.amount), note.currency
        told = {name: getattr(note, name) for name in _NOTICE_FACTS if getattr(note, name)}
        if any(getattr(case.facts, name) != value for name, value in told.items()):
            case.facts = case.facts.changed(**told)
        case.due_at = as_utc(note.deadline) if note.deadline else _due(note, policy)
        if case.status == CaseStatus.RESOLVED and not history:
            case.status = CaseStatus.OPEN
    if note.subject and not case.subject:
        case.subject = note.subject
    if note.message_id:
        case.last_message_id = note.message_id
        extend_references(case, [*note.references, note.message_id])
    if note.kind in ACCOUNT_KINDS and not case.platform_address:
        case.platform_address = note.reply_to or note.sender
    case.updated_at = utcnow()


# What a notice says that the case keeps in its facts (``CaseFacts``), for letters drafted without one.
_NOTICE_FACTS = ("marketplace", "item", "reason", "tracking_number")


def extend_references(case: Case, ids: list[str]) -> None:
    """Keep the thread's Message-IDs, oldest first, each once (the References of our next reply)."""
    case.references = _extended(case.references, ids)


def _extended(references: str | None, ids: list[str]) -> str:
    refs = [r for r in (references or "").split() if r]
    for msgid in ids:
        if msgid and msgid not in refs:
            refs.append(msgid)
    return " ".join(refs[-20:])


def replies_sent(conn: Connection, replies: Sequence[tuple[int, str, Audience]]) -> None:
    """The cases' step after our replies (case id, our Message-ID, to whom) left: each joins its
    case's thread, so that our next reply's References name it and the answer to it threads under
    it; a case whose reply went to the buyer waits for the buyer. Called by the sender."""
    if not replies:
        return
    stmt = select(_CASES.c.id, _CASES.c.references).where(_CASES.c.id.in_({case_id for case_id, _, _ in replies}))
    if is_postgres(conn):
        stmt = stmt.with_for_update()  # a buyer's mail joining the case at the same moment extends them too
    references = dict(conn.execute(stmt).all())
    for case_id, message_id, _ in replies:
        if case_id in references:
            references[case_id] = _extended(references[case_id], [message_id])
    conn.execute(_SET_REFERENCES, [{"b_case": case_id, "b_refs": refs} for case_id, refs in references.items()])
    buyer_cases = [{"b_case": case_id} for case_id, _, audience in replies if audience == Audience.BUYER]
    if buyer_cases:
        conn.execute(_AWAIT_BUYER, buyer_cases)


# Built once: composing a statement costs more than running it.
_SET_REFERENCES = update(_CASES).where(_CASES.c.id == bindparam("b_case")).values(references=bindparam("b_refs"))
_AWAIT_BUYER = update(_CASES).where(_CASES.c.id == bindparam("b_case"), _CASES.c.status == CaseStatus.OPEN).values(status=CaseStatus.AWAITING_BUYER)


def history_reason(note: Notification, *, arrived_at: datetime | None, connected_at: datetime | None,
                   policy: PolicySettings, now: datetime) -> str | None:
    """Why a message is filed as history (kept and grouped, never drafted), or None when it is live.

    ``arrived_at`` is when the mailbox received it (INTERNALDATE), ``connected_at`` when disputed first knew the
    mailbox. Mail that arrived before ``policy.history_before`` is history. So is the mailbox's backlog (mail that
    arrived before the mailbox was connected) when both its arrival and its deadline lie further back than
    ``history_after_days`` for its platform and kind: years of old disputes in a newly connected mailbox. Mail that
    arrives later is always live, however late it is handled: a daemon that was down must not bury it."""
    arrived = as_utc(arrived_at)
    if arrived is None:
        return None
    if policy.history_before is not None and arrived < policy.history_before:
        return f"received {arrived:%Y-%m-%d}, before {policy.history_before:%Y-%m-%d} (history_before / run --since)"
    if connected_at is None or arrived >= as_utc(connected_at):
        return None
    window = timedelta(days=policy.history_days(note.platform, note.kind))
    due = as_utc(note.deadline) if note.deadline else _due(note, policy)
    if now - arrived > window and now - due > window:
        return (f"in the mailbox since {arrived:%Y-%m-%d}, before it was connected, and its deadline "
                f"({due:%Y-%m-%d}) had passed {(now - due).days} day(s) before")
    return None


def _due(note: Notification, policy: PolicySettings):
    start = as_utc(note.received_at) or utcnow()
    return start + timedelta(hours=policy.deadline_hours(note.platform, note.kind))


# -- what a handler may read of its case (HandlerContext.read_history, .read_offered) ---------------
def stored_history(session: Session, case_id: int) -> list[HistoryItem]:
    """The case's history as the store holds it, oldest first."""
    rows = session.execute(select(CaseEvent.at, CaseEvent.type, CaseEvent.detail).where(CaseEvent.case_id == case_id).order_by(CaseEvent.id)).all()
    return [HistoryItem(at=at, type=type_, detail=detail) for at, type_, detail in rows]


def last_offer(session: Session, case_id: int) -> tuple[Remedy, ...]:
    """The remedies the case's newest buyer letter offered, in the order it numbered them."""
    options = session.execute(
        select(Draft.options).where(Draft.case_id == case_id, Draft.audience == Audience.BUYER, Draft.options.is_not(None)).order_by(Draft.id.desc()).limit(1)
    ).scalar()
    return remedies_from_dicts(options or ())
