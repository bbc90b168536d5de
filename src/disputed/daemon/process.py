"""Process: stored messages become notifications, cases and drafts.

A message is claimed (attempts counted, committed) before it is worked on, then
parsed and routed in a second transaction that also marks it processed: a crash
leaves it claimed-but-new, to be taken up again once the claim runs out. The claims on
a batch are renewed while the worker parses it, so a slow parse never lets another
drain take (and parse) the same message again. A message
that keeps failing is quarantined with its reason after ``max_attempts``; retried
messages are worked one at a time so that one poison message cannot drag its
batch-mates into quarantine.

Speed without giving any of that up:
- parsing is pure (raw bytes in, a ``Notification`` out) and happens in the parse
  worker process (``parseworker``, which also bounds each parse's time): the next
  batch is parsed there while this one is written, and the write transaction holds
  the write lock only for the store work;
- the batch's rows, its cases (by key) and its order facts are read with one query
  each instead of one per message;
- case history lines are buffered and written with one multi-row INSERT at the end
  of the batch's transaction (so they commit, or not, with their message), and
  the handlers still see them in the history they are given;
- the batch's rows still claimed by us are locked when its transaction opens
  (``FOR UPDATE`` on PostgreSQL; SQLite's write lock does it there), so one
  transaction without per-message savepoints is safe: a message that fails rolls
  the batch back and the batch is redone without it; every message's final state
  is written with one multi-row UPDATE in the same transaction as its case and
  drafts.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
import traceback
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from email.utils import parseaddr
from functools import lru_cache
from typing import Any

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.engine import Engine
from sqlmodel import Session

from disputed.cases import attach, case_key, find_by_thread, history_reason, last_offer, stored_history
from disputed.config.settings import Settings
from disputed.daemon.parseworker import Parsed, ParseWorker
from disputed.parsers import reconsider
from disputed.store.examples import shop_examples
from disputed.drafting import DraftingContext, apply_outcomes, case_view
from disputed.handlers import route
from disputed.handlers.base import HandlerContext, HistoryItem, OrderRecord
from disputed.notification import Notification
from disputed.rendering import TemplateLibrary
from disputed.store import history
from disputed.store.db import session_scope
from disputed.store.models import Case, CaseStatus, MailboxState, MessageStatus, OrderFact, StoredMessage, utcnow
from disputed.store.workqueue import Backoff, WorkQueue
from disputed.vocabulary import SILENT_KINDS, Kind

log = logging.getLogger(__name__)

_MESSAGES = StoredMessage.__table__
# Stored messages waiting to be processed: NEW while waiting and while claimed, QUARANTINED when given up.
INBOUND = WorkQueue(_MESSAGES, waiting=MessageStatus.NEW, working=MessageStatus.NEW, given_up=MessageStatus.QUARANTINED, reason="error")


@dataclass
class ProcessReport:
    processed: int = 0
    quarantined: int = 0
    failed: int = 0
    drafts: int = 0

    def merge(self, other: ProcessReport) -> None:
        self.processed += other.processed
        self.quarantined += other.quarantined
        self.failed += other.failed
        self.drafts += other.drafts


@dataclass(frozen=True)
class _Row:
    """What processing needs of a stored message (read without the ORM)."""

    id: int
    mailbox: str
    raw: bytes
    arrived_at: datetime  # when the mailbox received it, else when it was stored: dates mail with no usable Date
    sha256: str
    source_key: str
    attempts: int


class _MessageFailed(Exception):
    """Working this message failed; the batch's transaction is rolled back."""

    def __init__(self, row: _Row, reason: str) -> None:
        super().__init__(reason)
        self.row, self.reason = row, reason


class Processor:
    def __init__(self, settings: Settings, engine: Engine, *, templates: TemplateLibrary, instance: str | None = None) -> None:
        self.settings = settings
        self.engine = engine
        self.instance = instance or settings.daemon.instance_id
        self.templates = templates  # the process's one library, handed down
        self.claim_seconds = settings.daemon.lease_seconds
        # A message that failed is tried again at the next claim: what fails is usually this version's
        # parsing or drafting, which no wait mends, and an operator's fix should show at once.
        self.retries = Backoff(max_attempts=settings.security.max_attempts)
        self.our_address = parseaddr(settings.smtp.from_)[1].lower()
        self.connected: dict[str, datetime | None] = {}  # mailbox -> when disputed first knew it
        # One child process parses (it holds the parsers' models, about 150 MB at its peak);
        # started by the first drain, or earlier by ``start_parsing``.
        self.parser = ParseWorker(settings.security, semantic=settings.parsing.semantic)
        self._draining = threading.Lock()
        self._asked = threading.Event()

    def drain(self, *, max_batches: int | None = None) -> ProcessReport:
        """Process every new message there is (or ``max_batches`` batches of them).

        One thread drains at a time (the daemon's drain thread, woken by the watchers when
        they store mail; the periodic process job too). A call that finds another thread
        draining leaves its request (``_asked``) and returns at once, and the draining thread goes round again
        for it: there is one parse worker, and it parses one batch at a time."""
        report = ProcessReport()
        while True:
            self._asked.set()
            if not self._draining.acquire(blocking=False):
                return report  # the thread draining now will see the request
            try:
                while self._asked.is_set():
                    self._asked.clear()
                    report.merge(self._drain(max_batches))
            finally:
                self._draining.release()
            if not self._asked.is_set():  # nobody asked between our last look and the release
                return report

    def _drain(self, max_batches: int | None) -> ProcessReport:
        """The next batch is being parsed in the worker while this one is written."""
        report = ProcessReport()
        batches = 0
        self.parser.start()  # before claiming: a worker's start-up (seconds) is not spent holding claims
        rows, keeper = self._submit(self.claim())
        while rows:
            parsed = self.parser.collect(on_wait=keeper)
            batches += 1
            more = max_batches is None or batches < max_batches
            next_rows, keeper = self._submit(self.claim()) if more else ([], None)
            self.work(rows, parsed, report)
            rows = next_rows
        return report

    def _submit(self, ids: list[int]) -> tuple[list[_Row], _ClaimKeeper]:
        """Hand the claimed messages to the worker; the keeper renews their claims while it parses them."""
        keeper = _ClaimKeeper(self, ids)
        rows = self._load(ids) if ids else []
        keeper()  # reading big messages may have taken a while
        if rows:
            self.parser.submit([(row.raw, row.arrived_at) for row in rows], on_wait=keeper)
        return rows, keeper

    def start_parsing(self) -> None:
        """Start the parse worker now (at the daemon's start), so that the first message does not wait for it."""
        self.parser.start()

    def close(self) -> None:
        self.parser.close()

    def release_claims(self) -> None:
        """At start of a lone instance: claims left by a killed process are void."""
        with session_scope(self.engine) as session:
            INBOUND.release_all(session)

    # -- claiming -------------------------------------------------------------------
    def claim(self) -> list[int]:
        """A batch of new messages, or one message being retried on its own."""
        with session_scope(self.engine) as session:
            return INBOUND.claim(session, self.instance, limit=self.settings.daemon.process_batch, lease_seconds=self.claim_seconds, retry_alone=True)

    def renew_claims(self, ids: list[int]) -> None:
        """Ours for another ``claim_seconds``: the batch is still being parsed."""
        with session_scope(self.engine) as session:
            INBOUND.renew(session, ids, self.instance, self.claim_seconds)

    def _load(self, ids: list[int]) -> list[_Row]:
        """The claimed rows still ours, in id order (one short read)."""
        m = _MESSAGES.c
        stmt = (
            select(m.id, m.mailbox, m.raw, func.coalesce(m.arrived_at, m.stored_at), m.sha256, m.source_key, m.attempts)
            .where(INBOUND.held(ids, self.instance))
            .order_by(m.id)
        )
        with self.engine.connect() as conn:
            return [_Row(*row) for row in conn.execute(stmt)]

    # -- working --------------------------------------------------------------------
    def work(self, rows: list[_Row], parsed: list[Parsed], report: ProcessReport) -> None:
        """The batch in one transaction. A message that fails rolls the whole transaction
        back; it is recorded as failed (or quarantined) on its own, and the batch is worked
        again without it, so one poison message costs its batch-mates nothing but time."""
        items = list(zip(rows, parsed))
        while items:
            try:
                report.merge(self._work_batch(items))
                return
            except _MessageFailed as failed:
                self._record_failure(failed.row, failed.reason, report)
                items = [(row, result) for row, result in items if row.id != failed.row.id]

    def _work_batch(self, items: list[tuple[_Row, Parsed]]) -> ProcessReport:
        report = ProcessReport()
        dctx = DraftingContext(settings=self.settings, templates=self.templates, now=utcnow())
        with session_scope(self.engine) as session:
            ours = INBOUND.still_ours(session, [row.id for row, _ in items], self.instance)
            # Operators' labels count before the shipped model's reading (they are read with the encoder too).
            shop = shop_examples(session) if self.settings.parsing.semantic else None
            if shop is not None:
                items = [(row, dataclasses.replace(p, note=reconsider(p.note, shop)) if p.note is not None else p)
                         for row, p in items]
            batch = _Batch.prefetch(session, [(p.note, r.sha256) for r, p in items if p.note is not None and r.id in ours])
            for row, result in items:
                if row.id not in ours:
                    log.info("message %s was taken over by another instance; left to it", row.id)
                elif result.quarantine is not None:
                    log.warning("message %s (%s %s) quarantined: %s", row.id, row.mailbox, row.source_key, result.quarantine)
                    batch.finished.append(_finished(row, status=MessageStatus.QUARANTINED, error=result.quarantine))
                    report.quarantined += 1
                else:
                    self._work_one(session, row, result, dataclasses.replace(dctx, undrafted=batch.undrafted), batch, report)
            batch.write(session)
        return report

    def _work_one(self, session: Session, row: _Row, parsed: Parsed, dctx: DraftingContext, batch: _Batch, report: ProcessReport) -> None:
        started = time.monotonic()
        if parsed.error is not None:
            raise _MessageFailed(row, parsed.error)
        events: list[dict[str, Any]] = []
        try:
            drafts, case_id = self._understand(session, row, parsed.note, dataclasses.replace(dctx, events=events), batch)
        except Exception as exc:
            log.warning("message %s (%s) failed, attempt %s: %s\n%s", row.id, row.mailbox, row.attempts, exc, traceback.format_exc(limit=4))
            raise _MessageFailed(row, f"{type(exc).__name__}: {exc}") from exc
        batch.keep(events)
        note = parsed.note
        batch.finished.append(_finished(row, status=MessageStatus.PROCESSED, parsed=note.public_dict(), kind=note.kind, platform=note.platform, case_id=case_id))
        report.processed += 1
        report.drafts += len(drafts)
        log.debug("message %s handled in %.1f ms", row.id, (time.monotonic() - started) * 1000)

    def _record_failure(self, row: _Row, reason: str, report: ProcessReport) -> None:
        """Retry, or quarantine after ``max_attempts``: in a transaction of its own."""
        with session_scope(self.engine) as session:
            failed = INBOUND.fail(session, row.id, attempts=row.attempts, reason=reason, backoff=self.retries, holder=self.instance)
        if failed is None:
            return  # taken over by another instance meanwhile
        if failed.gave_up:
            log.warning("message %s (%s %s) quarantined: %s", row.id, row.mailbox, row.source_key, failed.reason)
            report.quarantined += 1
        else:
            report.failed += 1

    def _understand(self, session: Session, row: _Row, note: Notification, dctx: DraftingContext, batch: _Batch) -> tuple[list, int | None]:
        if (note.kind in SILENT_KINDS and not _forged_notice(note)) or self._is_own(note):
            case = find_by_thread(session, note)
            if case is None:
                return [], None
            _record(dctx, case_id=case.id, type=str(note.kind), detail=_describe(note), message_row=row.id)
            return [], case.id
        old = history_reason(note, arrived_at=row.arrived_at, connected_at=self._connected_at(session, row.mailbox), policy=self.settings.policy, now=dctx.now)
        case, created = attach(session, note, mailbox=row.mailbox, fallback=note.message_id or row.sha256, policy=self.settings.policy, cache=batch.cases, history=old is not None)
        if created:
            batch.fresh.add(case.id)
            batch.undrafted.add(case.id)
        _record(dctx, case_id=case.id, type="notification", detail=_describe(note), message_row=row.id)
        log.info("message %s -> case %s (%s %s %s)", row.id, case.id, note.platform, note.kind, note.issue or "")
        return self._route(session, case, note, row, dctx, batch, old=old, opened=created), case.id

    def _route(self, session: Session, case: Case, note: Notification, row: _Row, dctx: DraftingContext, batch: _Batch, *, old: str | None, opened: bool) -> list:
        if old is not None:
            # A case old mail opens is history. Old mail joining a live case leaves it as it is: a first connection
            # stores the recent mail first, so an order's old notices may come after its new ones.
            if opened:
                case.status = CaseStatus.RESOLVED
            _record(dctx, case_id=case.id, type="history", detail=f"filed as history, no draft: {old}", message_row=row.id)
            return []
        if note.authentic is False:
            case.status = CaseStatus.UNVERIFIED
            _record(dctx, case_id=case.id, type="unverified", detail=f"claims {note.platform} but failed authentication: {note.auth_evidence}", message_row=row.id)
            return []
        handler = route(note.kind, note.issue)
        if handler is None:
            _record(dctx, case_id=case.id, type="no_handler", detail=f"nothing handles {note.kind}/{note.issue}", message_row=row.id)
            return []
        fresh = case.id in batch.fresh
        ctx = HandlerContext(
            policy=self.settings.policy, now=dctx.now, order=batch.order_record(session, case.order_id),
            read_history=lambda: _history(session, case, fresh, batch.pending.get(case.id, ()), dctx.events),
            read_offered=lambda: last_offer(session, case.id),
        )
        outcomes = handler.handle(note, case_view(case), ctx)
        log.info("case %s: %s -> %s", case.id, handler.name, ", ".join(type(o).__name__ for o in outcomes) or "nothing")
        return apply_outcomes(session, case, note, outcomes, dctx, handler=handler.name, message_row=row.id)

    def _connected_at(self, session: Session, mailbox: str) -> datetime | None:
        """When disputed first knew ``mailbox`` (it never changes once set, so it is read once)."""
        if mailbox not in self.connected:
            state = session.get(MailboxState, mailbox)
            self.connected[mailbox] = state.connected_at if state is not None else None
        return self.connected[mailbox]

    def _is_own(self, note: Notification) -> bool:
        return bool(self.our_address) and _address_of(note.sender) == self.our_address


# -- the batch's shared reads and buffered writes ------------------------------------------
class _Batch:
    """Reads done once per batch, and the history lines it has yet to write."""

    def __init__(self, cases: dict[str, Case | None], facts: dict[str, OrderFact | None]) -> None:
        self.cases = cases  # case key -> Case, or None when no such case existed at the start
        self.facts = facts
        self.fresh: set[int] = set()  # cases created in this batch: nothing of theirs is in the store yet
        self.undrafted: set[int] = set()  # fresh cases without a draft so far: nothing to supersede
        self.pending: dict[int, list[dict[str, Any]]] = defaultdict(list)  # case id -> history lines not yet written
        self.events: list[dict[str, Any]] = []
        self.finished: list[dict[str, Any]] = []  # the batch's messages' final state, one UPDATE for all

    @classmethod
    def prefetch(cls, session: Session, notes: list[tuple[Notification, str]]) -> _Batch:
        keys = {case_key(n, fallback=n.message_id or sha) for n, sha in notes} - {None}
        cases: dict[str, Case | None] = dict.fromkeys(keys)
        if keys:
            for case in session.execute(select(Case).where(Case.key.in_(keys))).scalars():
                cases[case.key] = case
        order_ids = {n.order_id for n, _sha in notes if n.order_id}
        facts: dict[str, OrderFact | None] = dict.fromkeys(order_ids)  # None: known to have no facts
        if order_ids:
            facts.update({f.order_id: f for f in session.execute(select(OrderFact).where(OrderFact.order_id.in_(order_ids))).scalars()})
        return cls(cases, facts)

    def order_record(self, session: Session, order_id: str | None) -> OrderRecord | None:
        if not order_id:
            return None
        fact = self.facts[order_id] if order_id in self.facts else session.get(OrderFact, order_id)
        if fact is None:
            return None
        return OrderRecord(
            order_id=fact.order_id, ship_date=fact.ship_date, shipping_method=fact.shipping_method, destination=fact.destination,
            tracking_number=fact.tracking_number, carrier_status=fact.carrier_status, delivered_date=fact.delivered_date, item=fact.item,
        )

    def keep(self, events: list[dict[str, Any]]) -> None:
        """A message's work committed to its savepoint: its history lines join the batch's."""
        self.events.extend(events)
        for event in events:
            self.pending[event["case_id"]].append(event)

    def write(self, session: Session) -> None:
        """The batch's buffered writes: every message's final state, then the history lines."""
        conn = session.connection()
        if self.finished:
            m = _MESSAGES.c
            values = {name: bindparam(f"v_{name}") for name in _FINISHED_COLUMNS}
            conn.execute(update(_MESSAGES).where(m.id == bindparam("v_id")).values(**values), self.finished)
        if self.events:
            history.write(conn, self.events)


_FINISHED_COLUMNS = ("status", "error", "claimed_by", "claimed_until", "parsed", "kind", "platform", "case_id")


def _finished(row: _Row, **values: Any) -> dict[str, Any]:
    state = dict.fromkeys(_FINISHED_COLUMNS)
    state.update(values)
    return {"v_id": row.id, **{f"v_{name}": value for name, value in state.items()}}


def _record(dctx: DraftingContext, **line: Any) -> None:
    dctx.events.append(history.entry(**line))


@lru_cache(maxsize=1024)
def _address_of(sender: str) -> str:
    """The bare address, lower case (the same few senders write most of the mail)."""
    return parseaddr(sender)[1].lower()


def _forged_notice(note: Notification) -> bool:
    """Mail that claims a marketplace, fails authentication and that no parser understood (a look-alike
    domain, a display-name trick): it gets an unverified case, so operators see the attempt and its evidence."""
    return note.kind == Kind.UNRECOGNISED and note.authentic is False


def _describe(note: Notification) -> str:
    parts = [f"{note.platform or 'mail'} {note.kind}"]
    if note.issue:
        parts.append(f"issue {note.issue}")
    if note.order_id:
        parts.append(f"order {note.order_id}")
    if note.authentic is not None:
        parts.append("authenticated" if note.authentic else "NOT authenticated")
    if note.subject:
        parts.append(f"subject {note.subject[:120]!r}")
    return "; ".join(parts)


def _history(session: Session, case: Case, fresh: bool, pending, current) -> list[HistoryItem]:
    """The case's history: what the store holds, then what this batch has yet to write."""
    items = [] if fresh else stored_history(session, case.id)
    items.extend(HistoryItem(at=e["at"], type=e["type"], detail=e["detail"]) for e in (*pending, *current) if e["case_id"] == case.id)
    return items


class _ClaimKeeper:
    """Renews the claims on a batch every third of the claim time while the worker parses it."""

    def __init__(self, processor: Processor, ids: list[int]) -> None:
        self.processor, self.ids = processor, ids
        self.renewed = time.monotonic()

    def __call__(self) -> None:
        if self.ids and time.monotonic() - self.renewed >= self.processor.claim_seconds / 3:
            self.processor.renew_claims(self.ids)
            self.renewed = time.monotonic()
