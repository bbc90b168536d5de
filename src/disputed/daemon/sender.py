"""Send: approved drafts leave through SMTP, each exactly once.

A draft's way out: APPROVED -> SENDING (claimed) -> smtp_phase "data" (committed
just before DATA) -> SENT. After a crash, a SENDING draft that never reached DATA
is simply approved again; one that may have reached DATA is looked for in the Sent
folder and marked SENT when found, or UNKNOWN for an operator to settle. It is
never sent again on a guess.

Speed, without sending anything twice: a batch is claimed and checked in one
transaction, its messages built outside it, and sent over one reused connection.
Instead of three commits per draft there is one commit per group of up to
``DATA_GROUP`` drafts (smaller groups for smaller batches): it makes every DATA
marker of the group durable before the group's first DATA, and records the
previous group's deliveries as SENT. A crash therefore never
leaves a draft that may have reached DATA without its marker, and never a SENT
that was not delivered; its cost is that up to ``DATA_GROUP`` drafts of the group
that was on the wire are looked for in Sent, and those never sent become UNKNOWN
for an operator instead of being queued again. A refusal or a lost connection
before DATA clears the marker again at once. A group's copies are filed in Sent
together (one IMAP MULTIAPPEND where the server offers it) after its last DATA and
before its SENT records, so a kill after filing is settled from Sent; a kill
during the group leaves its delivered drafts unknown too, which keeps the bound of
``DATA_GROUP`` unknown drafts a crash can leave. A copy that could not be filed
(``filed_at`` empty) is filed by ``file_unfiled`` on the next sweep.

The message is the bytes ``build_raw`` writes (no email package on the way), sent
with MAIL, RCPT and DATA as it is, and filed as the same bytes.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from email.utils import parseaddr

import aiosmtplib
from sqlalchemy import bindparam, func, insert, or_, select, update
from sqlalchemy.engine import Engine
from sqlmodel import Session

from disputed.cases import extend_references
from disputed.config.settings import Settings
from disputed.daemon.backoff import backoff_seconds
from disputed.daemon.outgoing import build_raw, recipients
from disputed.daemon.sentfolder import SentFolder, sent_folder_for
from disputed.daemon.smtplogin import SmtpUnavailable, open_smtp
from disputed.store import attachments, readiness
from disputed.store.db import is_postgres, session_scope
from disputed.store.health import SMTP, HealthRecorder
from disputed.store.models import Case, CaseEvent, CaseStatus, Draft, DraftStatus, SendLog, utcnow
from disputed.store.queue import record, text_digest
from disputed.vocabulary import Audience

log = logging.getLogger(__name__)

_NETWORK = (aiosmtplib.SMTPConnectError, aiosmtplib.SMTPServerDisconnected, aiosmtplib.SMTPTimeoutError, OSError, asyncio.TimeoutError)


@dataclass
class SendReport:
    sent: int = 0
    failed: int = 0
    deferred: int = 0
    unknown: int = 0
    reconciled: int = 0


# Drafts whose DATA markers are made durable together, before the first of them is sent.
# A crash inside a group can leave at most this many drafts "unknown" (to be settled by an
# operator, or found in Sent); never one sent twice.
DATA_GROUP = 8


# The statements of a commit step, built once (building them cost more than running them).
_DRAFTS, _CASES = Draft.__table__, Case.__table__
_RECORD_SENT = (
    update(_DRAFTS).where(_DRAFTS.c.id == bindparam("b_id"))
    .values(status=DraftStatus.SENT, sent_at=bindparam("b_now"), smtp_response=bindparam("b_answer"), claimed_by=None, filed_at=None)
)
_LOG_SEND = insert(SendLog.__table__)
_AWAIT_BUYER = update(_CASES).where(_CASES.c.id == bindparam("b_case"), _CASES.c.status == CaseStatus.OPEN).values(status=CaseStatus.AWAITING_BUYER)
_ADD_EVENT = insert(CaseEvent.__table__)
_MARK_DATA = (
    update(_DRAFTS)
    .where(_DRAFTS.c.id.in_(bindparam("b_ids", expanding=True)), _DRAFTS.c.status == DraftStatus.SENDING, _DRAFTS.c.claimed_by == bindparam("b_instance"))
    .values(smtp_phase="data").returning(_DRAFTS.c.id)
)


def group_size(batch: int) -> int:
    """Groups pay off for bulk sends; a handful of approvals (the daemon's usual batch) gets a
    marker per draft, so a crash there leaves no draft "unknown" that never left."""
    return max(1, min(DATA_GROUP, batch // 8))


class Sender:
    def __init__(self, settings: Settings, engine: Engine, *, instance: str | None = None, sent_folder: SentFolder | None = None, batch: int = 50) -> None:
        self.settings = settings
        self.smtp_settings = settings.smtp
        self.engine = engine
        self.instance = instance or settings.daemon.instance_id
        self.sent_folder = sent_folder if sent_folder is not None else sent_folder_for(settings)
        self.batch = batch
        self.from_addr = settings.smtp.from_
        self.envelope_from = parseaddr(settings.smtp.from_)[1]
        self.health = HealthRecorder(engine)

    # -- the public passes ----------------------------------------------------------
    async def send_due(self) -> SendReport:
        """Send everything approved and due, reusing one connection per batch."""
        report = SendReport()
        report.reconciled = await asyncio.to_thread(self.reconcile)
        link = _Link(self)
        try:
            while True:
                # Not overlapped with sending: a second busy thread would make every socket
                # and disk wait of the sending one also wait for the GIL.
                claimed, prepared = self._claim_and_prepare(report)
                if not claimed:
                    return report
                await self._send_batch(prepared, link, report)
        finally:
            await link.close()

    def _claim_and_prepare(self, report: SendReport) -> tuple[bool, list[_Prepared]]:
        """Claim a batch and check it in one short transaction; build its messages after
        (building is CPU work; it must not hold SQLite's write lock)."""
        with session_scope(self.engine) as session:
            drafts = self._claim(session)
            ready = self._check_all(session, drafts, report) if drafts else []
            files = attachments.of_drafts(session, [draft.id for draft, _ in ready])
        prepared, unbuildable = [], {}
        for draft, rcpts in ready:
            try:
                raw = build_raw(draft, from_addr=self.from_addr, instance=self.instance, auto=draft.approved_by == "auto", files=files.get(draft.id, ()))
            except Exception as exc:  # one draft that cannot be written as mail must not hold up the others
                unbuildable[draft.id] = f"the message could not be built: {type(exc).__name__}: {exc}"
                continue
            prepared.append(_Prepared(draft.id, raw, rcpts, draft.to_addr, draft.case_id, draft.audience, draft.message_id))
        if unbuildable:
            self._fail_claimed(unbuildable, report)
        return bool(drafts), prepared

    def _fail_claimed(self, reasons: dict[int, str], report: SendReport) -> None:
        with session_scope(self.engine) as session:
            for draft_id, why in reasons.items():
                draft = session.get(Draft, draft_id)
                if draft is not None and draft.status == DraftStatus.SENDING and draft.claimed_by == self.instance:
                    self._fail(session, draft, why, report)

    def reconcile(self, *, all_claims: bool = False) -> int:
        """Settle SENDING drafts whose claim ran out (or all of them, at a lone start)."""
        settled = 0
        with session_scope(self.engine) as session:
            stmt = select(Draft).where(Draft.status == DraftStatus.SENDING)
            if not all_claims:
                stmt = stmt.where(or_(Draft.next_attempt_at.is_(None), Draft.next_attempt_at < utcnow()))
            if is_postgres(self.engine):
                stmt = stmt.with_for_update(skip_locked=True)
            for draft in session.execute(stmt).scalars().all():
                self._settle(session, draft)
                settled += 1
        return settled

    def _settle(self, session: Session, draft: Draft) -> None:
        if draft.smtp_phase != "data":
            draft.status, draft.claimed_by, draft.next_attempt_at = DraftStatus.APPROVED, None, None
            record(session, case_id=draft.case_id, type="send_resumed", detail=f"draft {draft.id}: interrupted before DATA; queued again", draft_id=draft.id)
        elif self._found_in_sent(draft):
            self._mark_sent(session, draft, "found in Sent folder after an interrupted send", filed=True)
        else:
            draft.status = DraftStatus.UNKNOWN
            record(session, case_id=draft.case_id, type="outcome_unknown", detail=f"draft {draft.id}: connection lost during DATA and not found in Sent; an operator must decide", draft_id=draft.id)
        session.add(draft)

    def _found_in_sent(self, draft: Draft) -> bool:
        if self.sent_folder is None:
            return False
        try:
            return self.sent_folder.contains(draft.message_id)
        except Exception as exc:
            log.warning("cannot search Sent for %s: %s", draft.message_id, exc)
            return False

    # -- claiming -------------------------------------------------------------------
    def _claim(self, session: Session) -> list[Draft]:
        now = utcnow()
        lease = timedelta(seconds=max(self.settings.daemon.lease_seconds, self.smtp_settings.timeout_seconds * 2))
        stmt = (
            select(Draft)
            .where(Draft.status == DraftStatus.APPROVED, or_(Draft.next_attempt_at.is_(None), Draft.next_attempt_at <= now))
            .order_by(Draft.due_at.is_(None), Draft.due_at, Draft.id)
            .limit(self.batch)
        )
        if is_postgres(self.engine):
            stmt = stmt.with_for_update(skip_locked=True)
        drafts = list(session.execute(stmt).scalars().all())
        if drafts:  # one statement for the batch; the loaded drafts are brought up to date in place
            session.execute(
                update(Draft).where(Draft.id.in_([draft.id for draft in drafts]))
                .values(status=DraftStatus.SENDING, claimed_by=self.instance, smtp_phase=None, send_attempts=Draft.send_attempts + 1,
                        next_attempt_at=now + lease),  # the claim's expiry
                execution_options={"synchronize_session": "evaluate"},
            )
        return drafts

    # -- sending --------------------------------------------------------------------
    async def _send_batch(self, prepared: list[_Prepared], link: _Link, report: SendReport) -> None:
        delivered: list[_Delivered] = []
        try:
            size = group_size(len(prepared))
            for start in range(0, len(prepared), size):
                group = prepared[start : start + size]
                # The previous group's copies go into Sent before their SENT record: a kill in
                # between is then settled from the Sent folder instead of by an operator.
                await self._file_copies(delivered)
                # One commit before the group's first DATA: the deliveries so far, and the group's markers.
                ours = self._commit_step(delivered, [item.draft_id for item in group])
                for index, item in enumerate(group):
                    if item.draft_id not in ours:
                        log.warning("draft %s is no longer ours to send (claim taken over); skipped", item.draft_id)
                        continue
                    try:
                        smtp = await link.get()
                    except SmtpUnavailable as exc:
                        if await asyncio.to_thread(self.health.failed, SMTP, str(exc), exc.problem):
                            log.error("%s", exc)
                        rest = [p.draft_id for p in group[index:] if p.draft_id in ours] + [p.draft_id for p in prepared[start + len(group) :]]
                        await asyncio.to_thread(self._defer_rest, rest, str(exc), report)
                        return
                    outcome = await self._send_one(smtp, link, item, report)
                    if outcome is not None:
                        delivered.append(outcome)
        finally:
            await self._file_copies(delivered)
            self._commit_step(delivered, [])
            if delivered:
                await asyncio.to_thread(self._record_filed, delivered)

    async def _send_one(self, smtp: aiosmtplib.SMTP, link: _Link, item: _Prepared, report: SendReport) -> _Delivered | None:
        """MAIL, RCPT, DATA for one draft whose DATA marker is already durable. A refusal or
        a lost connection before DATA clears the marker again (it cannot have been sent)."""
        try:
            await smtp.mail(self.envelope_from)
            for rcpt in item.rcpts:
                await smtp.rcpt(rcpt)
        except aiosmtplib.SMTPResponseException as exc:
            await asyncio.to_thread(self._refused, item.draft_id, exc.code, exc.message, report)
            await link.reset()
            return None
        except _NETWORK as exc:
            await asyncio.to_thread(self._defer, item.draft_id, f"connection lost before DATA: {exc}", report)
            link.drop()
            return None
        try:
            response = await smtp.data(item.raw)
        except aiosmtplib.SMTPResponseException as exc:
            await asyncio.to_thread(self._refused, item.draft_id, exc.code, exc.message, report)
            await link.reset()
            return None
        except _NETWORK as exc:
            link.drop()
            await asyncio.to_thread(self._lost_in_data, item.draft_id, f"{type(exc).__name__}: {exc}", report)
            return None
        report.sent += 1
        return _Delivered(item, f"{response.code} {response.message}")

    async def _connect(self) -> aiosmtplib.SMTP:
        return await open_smtp(self.settings)

    # -- state changes (each its own short transaction) -----------------------------
    def _check_all(self, session: Session, drafts: list[Draft], report: SendReport) -> list[tuple[Draft, list[str]]]:
        recent = self._recent_counts(session, [r for d in drafts for r in recipients(d.to_addr)])
        ready = []
        for draft in drafts:
            rcpts = self._check(session, draft, report, recent)
            if rcpts is not None:
                ready.append((draft, rcpts))
        return ready

    def _check(self, session: Session, draft: Draft, report: SendReport, recent: Counter) -> list[str] | None:
        """The recipients, when ``draft`` may go out now; otherwise its new state is recorded."""
        if draft.status != DraftStatus.SENDING or draft.claimed_by != self.instance:
            return None
        if draft.approved_sha256 != text_digest(draft):
            draft.status = DraftStatus.PENDING
            record(session, case_id=draft.case_id, type="unapproved", detail=f"draft {draft.id}: text differs from what was approved; back to pending", draft_id=draft.id)
            return None
        if (unready := readiness.blocks_sending(session, draft)) is not None:  # the last line of defence
            readiness.return_to_operator(session, draft, unready)
            return None
        rcpts = recipients(draft.to_addr)
        if not rcpts or draft.audience == Audience.INTERNAL:
            self._fail(session, draft, "no deliverable recipient", report)
            return None
        if any(recent[r.lower()] >= self.smtp_settings.max_per_recipient_per_day for r in rcpts):
            draft.status, draft.claimed_by = DraftStatus.APPROVED, None
            draft.next_attempt_at = utcnow() + timedelta(hours=1)
            record(session, case_id=draft.case_id, type="send_limited", detail=f"draft {draft.id}: {self.smtp_settings.max_per_recipient_per_day} messages a day to {rcpts[0]} reached; retrying in an hour", draft_id=draft.id)
            report.deferred += 1
            return None
        recent.update(r.lower() for r in rcpts)  # this batch's sends count towards the limit too
        return rcpts

    def _recent_counts(self, session: Session, rcpts: list[str]) -> Counter:
        """Messages sent to each of ``rcpts`` in the last day (one grouped query)."""
        wanted = {r.lower() for r in rcpts}
        if not wanted:
            return Counter()
        since = utcnow() - timedelta(days=1)
        rows = session.execute(select(SendLog.recipient, func.count()).where(SendLog.recipient.in_(wanted), SendLog.at >= since).group_by(SendLog.recipient))
        return Counter({recipient: count for recipient, count in rows})

    def _commit_step(self, delivered: list[_Delivered], data_for: list[int]) -> set[int]:
        """One short transaction: record the not yet recorded ``delivered`` as SENT, and make
        the DATA markers of ``data_for`` durable. Returns the ids of ``data_for`` still ours."""
        delivered = [d for d in delivered if not d.recorded]
        if not delivered and not data_for:
            return set()
        now = utcnow()
        with self.engine.begin() as conn:
            if delivered:  # a few multi-row statements for the whole group
                conn.execute(_RECORD_SENT, [{"b_id": x.item.draft_id, "b_now": now, "b_answer": x.answer[:500]} for x in delivered])
                conn.execute(_LOG_SEND, [{"recipient": r.lower(), "draft_id": x.item.draft_id, "at": now} for x in delivered for r in x.item.rcpts])
                buyer_cases = [{"b_case": x.item.case_id} for x in delivered if x.item.audience == Audience.BUYER]
                if buyer_cases:
                    conn.execute(_AWAIT_BUYER, buyer_cases)
                conn.execute(_ADD_EVENT, [
                    {"case_id": x.item.case_id, "at": now, "type": "sent", "detail": f"draft {x.item.draft_id} to {x.item.to_addr}: {x.answer[:200]}", "actor": "disputed", "draft_id": x.item.draft_id, "message_row": None}
                    for x in delivered
                ])
            ours: set[int] = set()
            if data_for:
                ours = {row[0] for row in conn.execute(_MARK_DATA, {"b_ids": data_for, "b_instance": self.instance})}
        for done in delivered:
            done.recorded = True
            log.info("draft %s sent to %s (%s)", done.item.draft_id, done.item.to_addr, done.item.message_id)
        if delivered and self.health.ok(SMTP):
            log.info("SMTP %s:%s accepts mail again", self.smtp_settings.host, self.smtp_settings.port)
        return ours

    async def _file_copies(self, delivered: list[_Delivered]) -> None:
        """File the copies of the deliveries not yet recorded (the group just sent) in Sent, all
        in one command where the server allows it."""
        copies = [d for d in delivered if not d.recorded and d.filed is None]
        if self.sent_folder is None or not copies:
            return
        filed = await asyncio.to_thread(self._file_many, [d.item.raw for d in copies])
        for index, done in enumerate(copies):
            done.filed = index < filed

    def _file_many(self, raws: list[bytes]) -> int:
        try:
            return self.sent_folder.file_all(raws)
        except Exception as exc:  # the replies went out; missing copies are filed later
            log.warning("could not file %d copies in Sent: %s", len(raws), exc)
            return 0

    def _record_filed(self, delivered: list[_Delivered]) -> None:
        """Record the copies filed in Sent; what could not be filed is filed by a later sweep."""
        filed = [d.item.draft_id for d in delivered if d.recorded and d.filed]
        if filed:
            with self.engine.begin() as conn:
                conn.execute(update(Draft.__table__).where(Draft.__table__.c.id.in_(filed)).values(filed_at=utcnow()))

    def _file(self, raw: bytes) -> bool:
        if self.sent_folder is None:
            return False
        try:
            self.sent_folder.file(raw)
            return True
        except Exception as exc:  # the reply went out; a missing copy is filed later
            log.warning("could not file a copy in Sent: %s", exc)
            return False

    def _mark_sent(self, session: Session, draft: Draft, answer: str, *, filed: bool) -> None:
        now = utcnow()
        draft.status, draft.sent_at, draft.smtp_response, draft.claimed_by = DraftStatus.SENT, now, answer[:500], None
        draft.filed_at = now if filed else None
        session.add(draft)
        for rcpt in recipients(draft.to_addr):
            session.add(SendLog(recipient=rcpt.lower(), draft_id=draft.id))
        case = session.get(Case, draft.case_id)
        if case is not None:
            extend_references(case, [draft.message_id])  # the buyer's answer threads under our reply
            if draft.audience == Audience.BUYER and case.status == CaseStatus.OPEN:
                case.status = CaseStatus.AWAITING_BUYER
            session.add(case)
        record(session, case_id=draft.case_id, type="sent", detail=f"draft {draft.id} to {draft.to_addr}: {answer[:200]}", draft_id=draft.id)
        log.info("draft %s sent to %s (%s)", draft.id, draft.to_addr, draft.message_id)

    def _refused(self, draft_id: int, code: int, message: str, report: SendReport) -> None:
        with session_scope(self.engine) as session:
            draft = session.get(Draft, draft_id)
            if 400 <= code < 500:
                self._retry_later(session, draft, f"{code} {message}", report)
            else:
                self._fail(session, draft, f"{code} {message}", report)

    def _defer(self, draft_id: int, why: str, report: SendReport) -> None:
        with session_scope(self.engine) as session:
            self._retry_later(session, session.get(Draft, draft_id), why, report)

    def _defer_rest(self, ids: list[int], why: str, report: SendReport) -> None:
        with session_scope(self.engine) as session:
            for draft_id in ids:
                self._retry_later(session, session.get(Draft, draft_id), why, report)

    def _retry_later(self, session: Session, draft: Draft, why: str, report: SendReport) -> None:
        s = self.smtp_settings
        if draft.send_attempts > s.max_retries:
            self._fail(session, draft, f"gave up after {draft.send_attempts} attempts; last: {why}", report)
            return
        delay = backoff_seconds(draft.send_attempts, s.retry_base_seconds, s.retry_cap_seconds)
        draft.status, draft.claimed_by, draft.smtp_phase = DraftStatus.APPROVED, None, None
        draft.next_attempt_at = utcnow() + timedelta(seconds=delay * random.uniform(0.8, 1.2))
        draft.smtp_response = why[:500]
        session.add(draft)
        record(session, case_id=draft.case_id, type="send_deferred", detail=f"draft {draft.id}: {why[:200]}; next try in {delay:.0f}s", draft_id=draft.id)
        log.warning("draft %s deferred (attempt %d): %s; next try in %.0fs", draft.id, draft.send_attempts, why[:300], delay)
        report.deferred += 1

    def _fail(self, session: Session, draft: Draft, why: str, report: SendReport) -> None:
        draft.status, draft.claimed_by, draft.smtp_response = DraftStatus.FAILED, None, why[:500]
        session.add(draft)
        record(session, case_id=draft.case_id, type="send_failed", detail=f"draft {draft.id}: {why[:300]}", draft_id=draft.id)
        report.failed += 1
        log.error("draft %s failed: %s", draft.id, why)

    def _lost_in_data(self, draft_id: int, why: str, report: SendReport) -> None:
        with session_scope(self.engine) as session:
            draft = session.get(Draft, draft_id)
            draft.smtp_response = why[:500]
            self._settle(session, draft)
            if draft.status == DraftStatus.UNKNOWN:
                report.unknown += 1

    def file_unfiled(self) -> int:
        """File copies that could not be filed when their draft was sent."""
        if self.sent_folder is None:
            return 0
        filed = 0
        with session_scope(self.engine) as session:
            drafts = session.execute(select(Draft).where(Draft.status == DraftStatus.SENT, Draft.filed_at.is_(None)).limit(100)).scalars().all()
            files = attachments.of_drafts(session, [draft.id for draft in drafts])
            for draft in drafts:
                raw = build_raw(draft, from_addr=self.from_addr, instance=self.instance, auto=draft.approved_by == "auto", files=files.get(draft.id, ()))
                if self._file(raw):
                    draft.filed_at = utcnow()
                    session.add(draft)
                    filed += 1
        return filed

    def close(self) -> None:
        if self.sent_folder is not None:
            self.sent_folder.close()

    async def connect(self) -> aiosmtplib.SMTP:
        """A connection logged in to [smtp] the way drafts are sent, for disputed's own mail to the team
        (the notification digest, disputed.alerts); the caller quits it."""
        return await self._connect()


@dataclass(frozen=True)
class _Prepared:
    draft_id: int
    raw: bytes
    rcpts: list[str]
    to_addr: str
    case_id: int
    audience: Audience
    message_id: str


@dataclass
class _Delivered:
    item: _Prepared
    answer: str
    filed: bool | None = None  # its copy is in the Sent folder (None: not tried yet)
    recorded: bool = False  # its SENT is committed


class _Link:
    """The SMTP connection a pass reuses across its batches; reopened after a failure."""

    def __init__(self, sender: Sender) -> None:
        self.sender = sender
        self.smtp: aiosmtplib.SMTP | None = None

    async def get(self) -> aiosmtplib.SMTP:
        if self.smtp is None:
            self.smtp = await self.sender._connect()
        return self.smtp

    async def reset(self) -> None:
        if self.smtp is not None:
            try:
                await self.smtp.rset()
            except Exception:
                self.drop()

    def drop(self) -> None:
        if self.smtp is not None:
            self.smtp.close()
            self.smtp = None

    async def close(self) -> None:
        smtp, self.smtp = self.smtp, None
        if smtp is not None:
            try:
                await smtp.quit()
            except Exception:
                smtp.close()

