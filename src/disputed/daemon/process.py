"""Process: stored messages become notifications, cases and drafts.

A message is claimed (attempts counted, committed) before it is worked on, then
parsed and routed in a second transaction that also marks it processed: a crash
leaves it claimed-but-new, to be taken up again once the claim runs out. A message
that keeps failing is quarantined with its reason after ``max_attempts``; retried
messages are worked one at a time so that one poison message cannot drag its
batch-mates into quarantine.
"""

from __future__ import annotations

import logging
import time
import traceback
from dataclasses import dataclass, field
from datetime import timedelta
from email.utils import parseaddr

from sqlalchemy import and_, or_, select, update
from sqlalchemy.engine import Engine
from sqlmodel import Session

from disputed.cases import attach, find_by_thread
from disputed.config.settings import Remedy, Settings
from disputed.drafting import DraftingContext, apply_outcomes, case_view
from disputed.handlers import route
from disputed.handlers.base import HandlerContext, HistoryItem, OrderFacts
from disputed.notification import Notification
from disputed.parsers import QuarantineError, parse_message
from disputed.rendering import TemplateLibrary
from disputed.store.db import is_postgres, session_scope
from disputed.store.models import Audience, Case, CaseEvent, CaseStatus, Draft, MessageStatus, OrderFact, StoredMessage, utcnow
from disputed.store.queue import record
from disputed.vocabulary import SILENT_KINDS, Kind

log = logging.getLogger(__name__)


@dataclass
class ProcessReport:
    processed: int = 0
    quarantined: int = 0
    failed: int = 0
    drafts: int = 0
    draft_ids: list[int] = field(default_factory=list)


class Processor:
    def __init__(self, settings: Settings, engine: Engine, *, instance: str | None = None, templates: TemplateLibrary | None = None) -> None:
        self.settings = settings
        self.engine = engine
        self.instance = instance or settings.daemon.instance_id
        self.templates = templates or TemplateLibrary(settings.templates.dir, settings.policy.default_language)
        self.claim_seconds = settings.daemon.lease_seconds
        self.our_address = parseaddr(settings.smtp.from_)[1].lower()

    def drain(self, *, max_batches: int | None = None) -> ProcessReport:
        """Process every new message there is (or ``max_batches`` batches of them)."""
        report = ProcessReport()
        batches = 0
        while max_batches is None or batches < max_batches:
            ids = self.claim()
            if not ids:
                break
            self.work(ids, report)
            batches += 1
        return report

    def release_claims(self) -> None:
        """At start of a lone instance: claims left by a killed process are void."""
        with session_scope(self.engine) as session:
            session.execute(update(StoredMessage).where(StoredMessage.status == MessageStatus.NEW).values(claimed_by=None, claimed_until=None))

    # -- claiming -------------------------------------------------------------------
    def claim(self) -> list[int]:
        now = utcnow()
        free = and_(StoredMessage.status == MessageStatus.NEW, or_(StoredMessage.claimed_until.is_(None), StoredMessage.claimed_until < now))
        with session_scope(self.engine) as session:
            retry = self._pick(session, and_(free, StoredMessage.attempts > 0), 1)
            ids = retry or self._pick(session, and_(free, StoredMessage.attempts == 0), self.settings.daemon.process_batch)
            if ids:
                session.execute(
                    update(StoredMessage)
                    .where(StoredMessage.id.in_(ids))
                    .values(attempts=StoredMessage.attempts + 1, claimed_by=self.instance, claimed_until=now + timedelta(seconds=self.claim_seconds))
                )
            return ids

    def _pick(self, session: Session, condition, limit: int) -> list[int]:
        stmt = select(StoredMessage.id).where(condition).order_by(StoredMessage.id).limit(limit)
        if is_postgres(self.engine):
            stmt = stmt.with_for_update(skip_locked=True)
        return [row[0] for row in session.execute(stmt)]

    # -- working --------------------------------------------------------------------
    def work(self, ids: list[int], report: ProcessReport) -> None:
        dctx = DraftingContext(settings=self.settings, templates=self.templates, now=utcnow())
        with session_scope(self.engine) as session:
            for row_id in ids:
                self._work_one(session, row_id, dctx, report)

    def _work_one(self, session: Session, row_id: int, dctx: DraftingContext, report: ProcessReport) -> None:
        row = session.get(StoredMessage, row_id)
        if row is None or row.status != MessageStatus.NEW or row.claimed_by != self.instance:
            return  # someone else finished it, or our claim ran out and was taken over
        started = time.monotonic()
        try:
            with session.begin_nested():
                drafts = self._understand(session, row, dctx)
                row.status, row.error, row.claimed_by, row.claimed_until = MessageStatus.PROCESSED, None, None, None
                session.add(row)
            report.processed += 1
            report.drafts += len(drafts)
            report.draft_ids.extend(d.id for d in drafts)
        except QuarantineError as exc:
            self._quarantine(session, row, exc.reason, report)
        except Exception as exc:  # any other failure: retry, then quarantine
            reason = f"{type(exc).__name__}: {exc}"
            log.warning("message %s (%s) failed, attempt %s: %s\n%s", row.id, row.mailbox, row.attempts, reason, traceback.format_exc(limit=4))
            if row.attempts >= self.settings.security.max_attempts:
                self._quarantine(session, row, reason, report)
            else:
                row.error, row.claimed_by, row.claimed_until = reason, None, None
                session.add(row)
                report.failed += 1
        log.debug("message %s handled in %.1f ms", row_id, (time.monotonic() - started) * 1000)

    def _quarantine(self, session: Session, row: StoredMessage, reason: str, report: ProcessReport) -> None:
        log.warning("message %s (%s %s) quarantined: %s", row.id, row.mailbox, row.source_key, reason)
        row.status, row.error, row.claimed_by, row.claimed_until = MessageStatus.QUARANTINED, reason, None, None
        session.add(row)
        report.quarantined += 1

    def _understand(self, session: Session, row: StoredMessage, dctx: DraftingContext) -> list[Draft]:
        note = parse_message(row.raw, security=self.settings.security, received_at=row.stored_at)
        row.parsed, row.kind, row.platform = note.public_dict(), note.kind, note.platform
        if note.kind in SILENT_KINDS or self._is_own(note):
            self._file_silent(session, row, note)
            return []
        case, created = attach(session, note, mailbox=row.mailbox, fallback=note.message_id or row.sha256, policy=self.settings.policy)
        session.flush()
        if created:
            case.facts = {**(case.facts or {}), "opened_with": note.kind}
        row.case_id = case.id
        record(session, case_id=case.id, type="notification", detail=_describe(note), message_row=row.id)
        log.info("message %s -> case %s (%s %s %s)", row.id, case.id, note.platform, note.kind, note.issue or "")
        return self._route(session, case, note, row, dctx)

    def _route(self, session: Session, case: Case, note: Notification, row: StoredMessage, dctx: DraftingContext) -> list[Draft]:
        if note.authentic is False:
            case.status = CaseStatus.UNVERIFIED
            record(session, case_id=case.id, type="unverified", detail=f"claims {note.platform} but failed authentication: {note.auth_evidence}", message_row=row.id)
            return []
        threshold = self.settings.policy.triage_threshold
        if note.confidence is not None and note.confidence < threshold:
            case.status = CaseStatus.TRIAGE
            record(session, case_id=case.id, type="triage", detail=f"issue {note.issue} at confidence {note.confidence:.2f} < {threshold}", message_row=row.id)
            return []
        handler = route(note.kind, note.issue)
        if handler is None:
            record(session, case_id=case.id, type="no_handler", detail=f"nothing handles {note.kind}/{note.issue}", message_row=row.id)
            return []
        ctx = HandlerContext(policy=self.settings.policy, now=dctx.now, order=_order_facts(session, case), history=_history(session, case), offered=_offered(session, case))
        opened_with = (case.facts or {}).get("opened_with")
        outcomes = handler.handle(note, case_view(case, Kind(opened_with) if opened_with else None), ctx)
        log.info("case %s: %s -> %s", case.id, handler.name, ", ".join(type(o).__name__ for o in outcomes) or "nothing")
        return apply_outcomes(session, case, note, outcomes, dctx, handler=handler.name, message_row=row.id)

    def _is_own(self, note: Notification) -> bool:
        return bool(self.our_address) and parseaddr(note.sender)[1].lower() == self.our_address

    def _file_silent(self, session: Session, row: StoredMessage, note: Notification) -> None:
        """Bounces, auto-replies, our own copies, unrecognised mail: kept, attached to
        their thread when there is one, never answered."""
        case = find_by_thread(session, note)
        if case is not None:
            row.case_id = case.id
            record(session, case_id=case.id, type=str(note.kind), detail=_describe(note), message_row=row.id)


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


def _order_facts(session: Session, case: Case) -> OrderFacts | None:
    if not case.order_id:
        return None
    fact = session.get(OrderFact, case.order_id)
    if fact is None:
        return None
    return OrderFacts(
        order_id=fact.order_id,
        ship_date=fact.ship_date,
        shipping_method=fact.shipping_method,
        destination=fact.destination,
        tracking_number=fact.tracking_number,
        carrier_status=fact.carrier_status,
        delivered_date=fact.delivered_date,
        item=fact.item,
    )


def _history(session: Session, case: Case) -> list[HistoryItem]:
    rows = session.execute(select(CaseEvent.at, CaseEvent.type, CaseEvent.detail).where(CaseEvent.case_id == case.id).order_by(CaseEvent.id)).all()
    return [HistoryItem(at=r[0], type=r[1], detail=r[2]) for r in rows]


def _offered(session: Session, case: Case) -> tuple[Remedy, ...]:
    """The remedies the newest buyer draft on this case offered."""
    options = session.execute(
        select(Draft.options).where(Draft.case_id == case.id, Draft.audience == Audience.BUYER, Draft.options.is_not(None)).order_by(Draft.id.desc()).limit(1)
    ).scalar()
    return tuple(Remedy(type=o["type"], percent=o.get("percent"), amount=o.get("amount")) for o in options or ())
