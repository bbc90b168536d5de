"""Send: approved drafts leave through SMTP, each exactly once.

A draft's way out: APPROVED -> SENDING (claimed) -> smtp_phase "data" (committed
just before DATA) -> SENT. After a crash, a SENDING draft that never reached DATA
is simply approved again; one that may have reached DATA is looked for in the Sent
folder and marked SENT when found, or UNKNOWN for an operator to settle. It is
never sent again on a guess.
"""

from __future__ import annotations

import asyncio
import logging
import random
import ssl
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import parseaddr

import aiosmtplib
from sqlalchemy import func, or_, select
from sqlalchemy.engine import Engine
from sqlmodel import Session

from disputed.cases import extend_references
from disputed.config.settings import Settings
from disputed.daemon.outgoing import build_message, recipients
from disputed.daemon.sentfolder import SentFolder, sent_folder_for
from disputed.store.db import is_postgres, session_scope
from disputed.store.models import Audience, Case, CaseStatus, Draft, DraftStatus, SendLog, utcnow
from disputed.store.queue import record, text_digest

log = logging.getLogger(__name__)

_NETWORK = (aiosmtplib.SMTPConnectError, aiosmtplib.SMTPServerDisconnected, aiosmtplib.SMTPTimeoutError, OSError, asyncio.TimeoutError)


@dataclass
class SendReport:
    sent: int = 0
    failed: int = 0
    deferred: int = 0
    unknown: int = 0
    reconciled: int = 0


class SmtpUnavailable(Exception):
    pass


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

    # -- the public passes ----------------------------------------------------------
    async def send_due(self) -> SendReport:
        """Send everything approved and due, reusing one connection per batch."""
        report = SendReport()
        report.reconciled = await asyncio.to_thread(self.reconcile)
        while True:
            ids = await asyncio.to_thread(self._claim)
            if not ids:
                return report
            await self._send_batch(ids, report)

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
    def _claim(self) -> list[int]:
        now = utcnow()
        lease = timedelta(seconds=max(self.settings.daemon.lease_seconds, self.smtp_settings.timeout_seconds * 2))
        with session_scope(self.engine) as session:
            stmt = (
                select(Draft)
                .where(Draft.status == DraftStatus.APPROVED, or_(Draft.next_attempt_at.is_(None), Draft.next_attempt_at <= now))
                .order_by(Draft.due_at.is_(None), Draft.due_at, Draft.id)
                .limit(self.batch)
            )
            if is_postgres(self.engine):
                stmt = stmt.with_for_update(skip_locked=True)
            drafts = session.execute(stmt).scalars().all()
            for draft in drafts:
                draft.status, draft.claimed_by, draft.smtp_phase = DraftStatus.SENDING, self.instance, None
                draft.send_attempts += 1
                draft.next_attempt_at = now + lease  # the claim's expiry
                session.add(draft)
            return [d.id for d in drafts]

    # -- sending --------------------------------------------------------------------
    async def _send_batch(self, ids: list[int], report: SendReport) -> None:
        smtp = None
        try:
            for draft_id in ids:
                if smtp is None:
                    try:
                        smtp = await self._connect()
                    except SmtpUnavailable as exc:
                        await asyncio.to_thread(self._defer_rest, ids[ids.index(draft_id) :], str(exc), report)
                        return
                smtp = await self._send_one(smtp, draft_id, report)
        finally:
            if smtp is not None:
                try:
                    await smtp.quit()
                except Exception:
                    smtp.close()

    async def _connect(self) -> aiosmtplib.SMTP:
        s = self.smtp_settings
        context = ssl.create_default_context()
        if not s.verify_tls:
            context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
        smtp = aiosmtplib.SMTP(
            hostname=s.host, port=s.port, timeout=s.timeout_seconds, use_tls=s.security == "ssl",
            start_tls=s.security == "starttls", tls_context=context,
        )
        try:
            await smtp.connect()
            if s.username:
                await smtp.login(s.username, s.secret())
        except (aiosmtplib.SMTPException, OSError, asyncio.TimeoutError) as exc:
            smtp.close()
            raise SmtpUnavailable(f"SMTP {s.host}:{s.port} unavailable: {type(exc).__name__}: {exc}") from exc
        return smtp

    async def _send_one(self, smtp: aiosmtplib.SMTP, draft_id: int, report: SendReport) -> aiosmtplib.SMTP | None:
        """Returns the connection to reuse, or None when it must be reopened."""
        prepared = await asyncio.to_thread(self._prepare, draft_id, report)
        if prepared is None:
            return smtp
        raw, rcpts = prepared
        try:
            await smtp.mail(self.envelope_from)
            for rcpt in rcpts:
                await smtp.rcpt(rcpt)
        except aiosmtplib.SMTPResponseException as exc:
            await asyncio.to_thread(self._refused, draft_id, exc.code, exc.message, report)
            return await _reset(smtp)
        except _NETWORK as exc:
            await asyncio.to_thread(self._defer, draft_id, f"connection lost before DATA: {exc}", report)
            smtp.close()
            return None
        await asyncio.to_thread(self._enter_data, draft_id)
        try:
            response = await smtp.data(raw)
        except aiosmtplib.SMTPResponseException as exc:
            await asyncio.to_thread(self._refused, draft_id, exc.code, exc.message, report)
            return await _reset(smtp)
        except _NETWORK as exc:
            smtp.close()
            await asyncio.to_thread(self._lost_in_data, draft_id, f"{type(exc).__name__}: {exc}", report)
            return None
        await asyncio.to_thread(self._delivered, draft_id, raw, f"{response.code} {response.message}", report)
        return smtp

    # -- state changes (each its own short transaction) -----------------------------
    def _prepare(self, draft_id: int, report: SendReport) -> tuple[bytes, list[str]] | None:
        with session_scope(self.engine) as session:
            draft = session.get(Draft, draft_id)
            if draft is None or draft.status != DraftStatus.SENDING or draft.claimed_by != self.instance:
                return None
            if draft.approved_sha256 != text_digest(draft):
                draft.status = DraftStatus.PENDING
                record(session, case_id=draft.case_id, type="unapproved", detail=f"draft {draft.id}: text differs from what was approved; back to pending", draft_id=draft.id)
                return None
            rcpts = recipients(draft.to_addr)
            if not rcpts or draft.audience == Audience.INTERNAL:
                self._fail(session, draft, "no deliverable recipient", report)
                return None
            if self._over_limit(session, rcpts):
                draft.status, draft.claimed_by = DraftStatus.APPROVED, None
                draft.next_attempt_at = utcnow() + timedelta(hours=1)
                record(session, case_id=draft.case_id, type="send_limited", detail=f"draft {draft.id}: {self.smtp_settings.max_per_recipient_per_day} messages a day to {rcpts[0]} reached; retrying in an hour", draft_id=draft.id)
                report.deferred += 1
                return None
            msg = build_message(draft, from_addr=self.from_addr, instance=self.instance, auto=draft.approved_by == "auto")
            return msg.as_bytes(), rcpts

    def _over_limit(self, session: Session, rcpts: list[str]) -> bool:
        since = utcnow() - timedelta(days=1)
        for rcpt in rcpts:
            count = session.execute(select(func.count()).select_from(SendLog).where(SendLog.recipient == rcpt.lower(), SendLog.at >= since)).scalar_one()
            if count >= self.smtp_settings.max_per_recipient_per_day:
                return True
        return False

    def _enter_data(self, draft_id: int) -> None:
        with session_scope(self.engine) as session:
            draft = session.get(Draft, draft_id)
            draft.smtp_phase = "data"
            session.add(draft)

    def _delivered(self, draft_id: int, raw: bytes, answer: str, report: SendReport) -> None:
        filed = self._file(raw)
        with session_scope(self.engine) as session:
            draft = session.get(Draft, draft_id)
            self._mark_sent(session, draft, answer, filed=filed)
        report.sent += 1

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
        delay = min(s.retry_cap_seconds, s.retry_base_seconds * 2 ** (draft.send_attempts - 1))
        draft.status, draft.claimed_by, draft.smtp_phase = DraftStatus.APPROVED, None, None
        draft.next_attempt_at = utcnow() + timedelta(seconds=delay * random.uniform(0.8, 1.2))
        draft.smtp_response = why[:500]
        session.add(draft)
        record(session, case_id=draft.case_id, type="send_deferred", detail=f"draft {draft.id}: {why[:200]}; next try in {delay:.0f}s", draft_id=draft.id)
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
            for draft in drafts:
                raw = build_message(draft, from_addr=self.from_addr, instance=self.instance).as_bytes()
                if self._file(raw):
                    draft.filed_at = utcnow()
                    session.add(draft)
                    filed += 1
        return filed

    def close(self) -> None:
        if self.sent_folder is not None:
            self.sent_folder.close()


async def _reset(smtp: aiosmtplib.SMTP) -> aiosmtplib.SMTP | None:
    try:
        await smtp.rset()
        return smtp
    except Exception:
        smtp.close()
        return None


def backoff_seconds(attempt: int, base: float, cap: float) -> float:
    return min(cap, base * 2 ** max(0, attempt - 1))


def now() -> datetime:
    return utcnow()
