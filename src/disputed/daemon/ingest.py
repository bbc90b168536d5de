"""Ingest: new messages from a source into the store, durably, before anything else.

Each batch of raw messages and the mailbox's new checkpoint are written in one
transaction. The mailbox is never changed, so a crash anywhere leaves either the
old checkpoint (the batch is fetched again, and the unique position key turns the
repeat into a no-op) or the new one with every message of the batch stored.

On a mailbox's first connection the mail of the last ``RECENT_FIRST`` is stored before
the rest (without moving the checkpoint), so that it is processed first: a seller who
connects years of mail has the live cases in the queue in seconds, while the backlog is
filed as history behind them.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine

from disputed import metrics
from disputed.sources.base import FetchedMessage, FolderStatus, MessageSource
from disputed.store.db import is_postgres, session_scope
from disputed.store.history import record
from disputed.store.models import MailboxState, MessageStatus, StoredMessage, utcnow

log = logging.getLogger(__name__)

RECENT_FIRST = timedelta(days=30)
_MESSAGE_ID = re.compile(rb"^message-id:[ \t]*(.*(?:\r?\n[ \t].*)*)", re.I | re.M)


class LeaseLost(Exception):
    """Another instance holds this mailbox now; our batch was not written."""


@dataclass
class IngestReport:
    mailbox: str
    stored: int = 0
    rematched: int = 0
    uidvalidity_changed: bool = False
    event_written: bool = False


def quick_message_id(raw: bytes) -> str | None:
    """The Message-ID from the header block, without a full MIME parse."""
    head = raw.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0][:65536]
    match = _MESSAGE_ID.search(head)
    if not match:
        return None
    # Whitespace and control bytes out (PostgreSQL refuses NUL in text); non-ASCII replaced.
    value = re.sub(rb"[\x00-\x20\x7f]+", b"", match.group(1)).decode("ascii", "replace")
    return value[:998] or None


def ingest_new(engine: Engine, mailbox: str, source: MessageSource, status: FolderStatus, *, batch_size: int = 200, holder: str | None = None,
               on_recent_stored: Callable[[IngestReport], None] | None = None) -> IngestReport:
    """Store every message the source has beyond our checkpoint. On a first connection ``on_recent_stored`` is told
    once the recent mail is in, so that processing can start while the backlog is still being stored."""
    report = IngestReport(mailbox=mailbox)
    state = _load_state(engine, mailbox)
    changed = state.uidvalidity not in (None, status.uidvalidity)
    rematch = changed or state.rematch
    last_uid = 0 if changed else state.last_uid
    if changed:
        report.uidvalidity_changed = True
        log.warning("%s: UIDVALIDITY changed %s -> %s; re-matching by Message-ID and content", mailbox, state.uidvalidity, status.uidvalidity)
    known = _known_keys(engine, mailbox) if _is_keyed(source) else None
    stored_first: set[int | str] = set()
    if state.uidvalidity is None and not known:  # the first connection: the recent mail first
        recent = source.positions_since(utcnow() - RECENT_FIRST)
        stored_first = set(recent)
        for start in range(0, len(recent), batch_size):
            batch = list(source.fetch(recent[start : start + batch_size]))
            _store_batch(engine, mailbox, status.uidvalidity, batch, report, rematch=False, holder=holder, checkpoint=False)
        if recent and on_recent_stored is not None:
            on_recent_stored(report)
    positions = source.new_positions(last_uid, known)
    lag = metrics.MAILBOX_LAG.labels(mailbox)
    lag.set(len(positions))
    for start in range(0, len(positions), batch_size):
        chunk = positions[start : start + batch_size]
        wanted = [position for position in chunk if position not in stored_first]  # the recent mail is fetched once
        batch = list(source.fetch(wanted)) if wanted else []
        # The checkpoint passes the whole chunk, the recent mail stored before it included.
        through = max(chunk) if stored_first and all(isinstance(position, int) for position in chunk) else None
        _store_batch(engine, mailbox, status.uidvalidity, batch, report, rematch=rematch, holder=holder, through_uid=through)
        lag.set(max(0, len(positions) - start - batch_size))
        metrics.MESSAGES_INGESTED.labels(mailbox).inc(len(batch))
    if changed and not positions:
        _store_batch(engine, mailbox, status.uidvalidity, [], report, rematch=True, holder=holder)
    return report


def _is_keyed(source: MessageSource) -> bool:
    # Maildir positions are names, not UIDs: compare against what is stored.
    return type(source).__name__ == "MaildirSource"


def _load_state(engine: Engine, mailbox: str) -> MailboxState:
    with session_scope(engine) as session:
        state = session.get(MailboxState, mailbox)
        if state is None:
            state = MailboxState(name=mailbox, connected_at=utcnow())
            session.add(state)
        return state


def _known_keys(engine: Engine, mailbox: str) -> set[str]:
    with engine.connect() as conn:
        rows = conn.execute(select(StoredMessage.source_key).where(StoredMessage.mailbox == mailbox))
        return {row[0] for row in rows}


def _store_batch(engine: Engine, mailbox: str, uidvalidity: int, batch: Sequence[FetchedMessage], report: IngestReport, *, rematch: bool, holder: str | None, checkpoint: bool = True,
                 through_uid: int | None = None) -> None:
    """Store a batch and, with ``checkpoint``, move the mailbox's checkpoint past it (and past ``through_uid``), in
    one transaction."""
    with session_scope(engine) as session:
        conn = session.connection()
        fresh = list(_rematch(conn, mailbox, uidvalidity, batch, report)) if rematch else list(batch)
        if fresh:
            ids = _insert_new(conn, mailbox, uidvalidity, fresh)
            report.stored += len(ids)
        top_uid = max((m.uid for m in batch), default=None) if checkpoint else None
        if checkpoint and through_uid is not None:
            top_uid = max(top_uid or 0, through_uid)
        _advance_checkpoint(conn, mailbox, uidvalidity, top_uid, holder, rematch=rematch)
        if report.uidvalidity_changed and not report.event_written:
            detail = f"mailbox {mailbox}: UIDVALIDITY is now {uidvalidity}; messages re-matched by content hash"
            record(session, case_id=None, type="uidvalidity_changed", detail=detail)
            report.event_written = True


def _rematch(conn, mailbox: str, uidvalidity: int, batch: Iterable[FetchedMessage], report: IngestReport) -> Iterable[FetchedMessage]:
    """After a UIDVALIDITY change, a message we already hold gets its new position
    instead of a second row: found by content hash, else (a copy a migration tool
    rewrote) by Message-ID."""
    for msg in batch:
        row_id = _held_before(conn, mailbox, uidvalidity, StoredMessage.sha256, hashlib.sha256(msg.raw).hexdigest())
        message_id = quick_message_id(msg.raw)
        if row_id is None and message_id:
            row_id = _held_before(conn, mailbox, uidvalidity, StoredMessage.message_id, message_id)
        if row_id is None:
            yield msg
            continue
        conn.execute(update(StoredMessage).where(StoredMessage.id == row_id).values(source_key=msg.key, uid=msg.uid, uidvalidity=uidvalidity))
        report.rematched += 1


def _held_before(conn, mailbox: str, uidvalidity: int, column, value: str) -> int | None:
    """A row stored under an earlier UIDVALIDITY (and not yet re-matched) with ``column == value``."""
    row = conn.execute(
        select(StoredMessage.id).where(StoredMessage.mailbox == mailbox, column == value, StoredMessage.uidvalidity != uidvalidity).order_by(StoredMessage.id).limit(1)
    ).first()
    return row[0] if row else None


def _insert_new(conn, mailbox: str, uidvalidity: int, batch: Sequence[FetchedMessage]) -> list[int]:
    now = utcnow()
    rows = [
        dict(
            mailbox=mailbox,
            source_key=m.key,
            uidvalidity=uidvalidity if m.uid else 0,
            uid=m.uid,
            message_id=quick_message_id(m.raw),
            sha256=hashlib.sha256(m.raw).hexdigest(),
            size=len(m.raw),
            raw=m.raw,
            stored_at=now,
            arrived_at=m.arrived_at,
            status=MessageStatus.NEW.name,
            attempts=0,
        )
        for m in batch
    ]
    dialect = postgresql if is_postgres(conn) else sqlite
    stmt = dialect.insert(StoredMessage.__table__).on_conflict_do_nothing(index_elements=["mailbox", "source_key"])
    # One multi-row statement for the batch (SQLAlchemy's "insertmanyvalues" keeps RETURNING
    # working on both SQLite and PostgreSQL); a position stored before returns nothing.
    result = conn.execute(stmt.returning(StoredMessage.__table__.c.id, sort_by_parameter_order=True), rows)
    return [row[0] for row in result]


def _advance_checkpoint(conn, mailbox: str, uidvalidity: int, top_uid: int | None, holder: str | None, *, rematch: bool) -> None:
    table = MailboxState.__table__
    values: dict = {"uidvalidity": uidvalidity, "updated_at": utcnow()}
    if rematch:
        values["rematch"] = True
    if top_uid is not None:
        values["last_uid"] = top_uid
    stmt = update(table).where(table.c.name == mailbox)
    if holder is not None:
        stmt = stmt.where(table.c.lease_holder == holder)
    if top_uid is not None:
        # Never move the checkpoint backwards (a slow instance finishing late).
        stmt = stmt.where((table.c.last_uid <= top_uid) | (table.c.uidvalidity != uidvalidity) | table.c.uidvalidity.is_(None))
    if conn.execute(stmt.values(**values)).rowcount == 0 and holder is not None:
        raise LeaseLost(f"{mailbox}: lease held by another instance")
