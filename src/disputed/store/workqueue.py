"""A work queue kept in the store: claim with a lease, finish, retry later with back-off, give up.

The stored messages (the processor's work) and the approved drafts (the sender's) are both
queues of this one kind: rows of a table with a status, a holder, a time and an attempt count.
Like the switchboard of a mail list server, the queue outlives every process that works it,
and an item that keeps failing is put aside for a person (quarantined, failed) instead of
being tried for ever; like a job queue's "retry, but not before", an item that failed for a
reason that may pass is put back with a time before which nobody takes it.

- **Claim.** One transaction picks the due rows (``FOR UPDATE SKIP LOCKED`` on PostgreSQL, so
  instances sharing the store take different rows without waiting for each other; on SQLite the
  write lock taken at BEGIN serialises the claimers), counts the attempt, and writes the lease:
  the holder, and until when the claim holds. A holder that dies stops renewing; its lease runs
  out and the item is free again (or, for a queue whose claimed items need care before they are
  taken again, such as a send that may have reached the server, among the ``lapsed`` ones).
- **Finish.** The worker writes the item's final state with the claim cleared, in the same
  transaction as its work, after checking that the claim is still its own (``still_ours``).
- **Retry later.** ``fail`` puts the item back with the claim cleared and a time before which it
  is not due, from a capped exponential back-off of its attempts; or, once ``max_attempts`` are
  spent, gives it up to the queue's "put aside" status with the reason.

The time column of a row is the claim's expiry while it is claimed and the earliest next try
while it waits, so one index serves both questions.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import ColumnElement, Table, and_, or_, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from disputed.store.db import is_postgres
from disputed.store.models import utcnow


def backoff_seconds(attempt: int, base: float, cap: float) -> float:
    """base, 2·base, 4·base ... for attempts 1, 2, 3 ..., never above cap (the queues' retries, and the
    watchers' reconnects, the notification channels' and the OAuth grants' retries too)."""
    return min(cap, base * 2 ** max(0, attempt - 1))


@dataclass(frozen=True)
class Backoff:
    """How a queue's failed items are tried again: at most ``max_attempts`` attempts, the next one
    after ``backoff_seconds`` of the attempts so far, spread by ``jitter`` (a fraction either way)
    so that items that failed together do not all come back together."""

    max_attempts: int
    base_seconds: float = 0.0
    cap_seconds: float = 0.0
    jitter: float = 0.0

    def exhausted(self, attempts: int) -> bool:
        return attempts >= self.max_attempts

    def delay(self, attempts: int) -> float:
        return backoff_seconds(attempts, self.base_seconds, self.cap_seconds)


@dataclass(frozen=True)
class Failed:
    """What ``fail`` did: gave the item up, or put it back to be tried after ``delay`` seconds."""

    gave_up: bool
    delay: float
    reason: str


def gave_up_reason(attempts: int, reason: str) -> str:
    return f"gave up after {attempts} attempt{'' if attempts == 1 else 's'}; last: {reason}"


class WorkQueue:
    """The rows of ``table`` as a queue. ``waiting`` is the status of an item to be claimed,
    ``working`` of a claimed one (the same status when a lapsed claim simply makes the item due
    again), ``given_up`` of one put aside for a person. The other arguments name the columns."""

    def __init__(self, table: Table, *, waiting: str, working: str, given_up: str, reason: str, holder: str = "claimed_by",
                 until: str = "claimed_until", attempts: str = "attempts", reason_chars: int | None = None) -> None:
        self.table = table
        self.waiting, self.working, self.given_up = waiting, working, given_up
        c = table.c
        self.id, self.status, self.holder, self.until, self.attempts, self.reason = c.id, c.status, c[holder], c[until], c[attempts], c[reason]
        self.reason_chars = reason_chars

    # -- conditions -----------------------------------------------------------------
    def due(self, now) -> ColumnElement[bool]:
        """Waiting, and not held back (a next try later than now, or a claim that still runs)."""
        return and_(self.status == self.waiting, or_(self.until.is_(None), self.until <= now))

    def held(self, ids: Collection[int], holder: str) -> ColumnElement[bool]:
        """Those of ``ids`` that ``holder`` still has claimed."""
        return and_(self.id.in_(list(ids)), self.status == self.working, self.holder == holder)

    # -- claiming -------------------------------------------------------------------
    def claim(self, session: Session, holder: str, *, limit: int, lease_seconds: float, order_by: Sequence[Any] = (),
              retry_alone: bool = False, also: Mapping[str, Any] | None = None) -> list[int]:
        """Claim up to ``limit`` due items for ``holder``, in ``order_by`` order (then by id); their ids.
        With ``retry_alone`` an item tried before is claimed on its own, ahead of the fresh ones, so
        that one that keeps failing cannot take a batch down with it. ``also``: columns to set too."""
        now = utcnow()
        due = self.due(now)
        ids = self._pick(session, and_(due, self.attempts > 0), 1, order_by) if retry_alone else []
        if not ids:
            ids = self._pick(session, and_(due, self.attempts == 0) if retry_alone else due, limit, order_by)
        if ids:
            session.connection().execute(
                update(self.table).where(self.id.in_(ids)).values(
                    {self.status: self.working, self.holder: holder, self.until: now + timedelta(seconds=lease_seconds),
                     self.attempts: self.attempts + 1, **{self.table.c[name]: value for name, value in (also or {}).items()}}
                )
            )
        return ids

    def _pick(self, session: Session, condition, limit: int, order_by: Sequence[Any]) -> list[int]:
        stmt = select(self.id).where(condition).order_by(*order_by, self.id).limit(limit)
        return list(session.connection().execute(_skipping_locked(session, stmt)).scalars())

    def renew(self, bind: Session | Connection, ids: Collection[int], holder: str, lease_seconds: float) -> None:
        """Extend ``holder``'s claims on ``ids`` (those it still has) by ``lease_seconds`` from now."""
        _conn(bind).execute(update(self.table).where(self.held(ids, holder)).values({self.until: utcnow() + timedelta(seconds=lease_seconds)}))

    def still_ours(self, session: Session, ids: Collection[int], holder: str) -> set[int]:
        """Those of ``ids`` ``holder`` still has claimed, locked until the transaction ends (on SQLite
        its write lock does that): nobody else can finish them meanwhile."""
        stmt = select(self.id).where(self.held(ids, holder))
        if is_postgres(session):
            stmt = stmt.with_for_update()
        return set(session.connection().execute(stmt).scalars())

    def lapsed(self, session: Session, *, every: bool = False) -> list[int]:
        """The claimed items whose lease ran out (``every``: all claimed items, at the start of a
        lone instance, whose claims are all void), locked for settling."""
        stmt = select(self.id).where(self.status == self.working).order_by(self.id)
        if not every:
            stmt = stmt.where(or_(self.until.is_(None), self.until < utcnow()))
        return list(session.connection().execute(_skipping_locked(session, stmt)).scalars())

    def release(self, bind: Session | Connection, ids: Collection[int]) -> None:
        """Back to waiting, due at once, the claim void (the attempt it cost stays counted)."""
        _conn(bind).execute(update(self.table).where(self.id.in_(list(ids)), self.status == self.working)
                            .values({self.status: self.waiting, self.holder: None, self.until: None}))

    def release_all(self, bind: Session | Connection) -> None:
        """Void every claim (a lone instance starting: the holders were killed)."""
        _conn(bind).execute(update(self.table).where(self.status == self.working, self.holder.is_not(None))
                            .values({self.status: self.waiting, self.holder: None, self.until: None}))

    # -- retrying and giving up -----------------------------------------------------
    def retry(self, bind: Session | Connection, item_id: int, *, defer: float, reason: str | None = None, holder: str | None = None,
              also: Mapping[str, Any] | None = None) -> bool:
        """Put the item back, not to be taken for ``defer`` seconds. With ``holder``, only while it
        holds the claim. False when the item was no longer there to put back."""
        values = {self.status: self.waiting, self.holder: None, self.until: utcnow() + timedelta(seconds=defer) if defer > 0 else None}
        return self._change(bind, item_id, holder, values, reason, also)

    def give_up(self, bind: Session | Connection, item_id: int, reason: str, *, holder: str | None = None) -> bool:
        """Put the item aside for a person, with ``reason``. False when it was no longer there."""
        return self._change(bind, item_id, holder, {self.status: self.given_up, self.holder: None, self.until: None}, reason, None)

    def fail(self, bind: Session | Connection, item_id: int, *, attempts: int, reason: str, backoff: Backoff, holder: str | None = None,
             also: Mapping[str, Any] | None = None) -> Failed | None:
        """The item's attempt number ``attempts`` failed for ``reason``: tried again after the
        back-off, or given up when the attempts are spent. None when it was no longer ours."""
        if backoff.exhausted(attempts):
            why = gave_up_reason(attempts, reason)
            return Failed(True, 0.0, why) if self.give_up(bind, item_id, why, holder=holder) else None
        delay = backoff.delay(attempts)
        spread = delay * random.uniform(1 - backoff.jitter, 1 + backoff.jitter) if backoff.jitter else delay
        return Failed(False, delay, reason) if self.retry(bind, item_id, defer=spread, reason=reason, holder=holder, also=also) else None

    def _change(self, bind, item_id: int, holder: str | None, values: dict, reason: str | None, also: Mapping[str, Any] | None) -> bool:
        where = [self.id == item_id, self.status == self.working]
        if holder is not None:
            where.append(self.holder == holder)
        if reason is not None:
            values[self.reason] = reason[: self.reason_chars] if self.reason_chars else reason
        values.update({self.table.c[name]: value for name, value in (also or {}).items()})
        return _conn(bind).execute(update(self.table).where(*where).values(values)).rowcount == 1


def _skipping_locked(session: Session, stmt):
    """On PostgreSQL, rows another transaction has locked are passed over instead of waited for."""
    return stmt.with_for_update(skip_locked=True) if is_postgres(session) else stmt


def _conn(bind: Session | Connection) -> Connection:
    return bind.connection() if isinstance(bind, Session) else bind
