"""The sender against a real aiosmtpd server with faults switched on."""

from __future__ import annotations

import asyncio
import email
import email.policy
import time

from sqlmodel import select

from disputed.daemon.sender import Sender
from disputed.store.db import make_engine, session_scope
from disputed.store.models import Case, CaseEvent, Draft, DraftStatus
from disputed.store.queue import approve, edit
from tests.support import settings_for


def _approved_draft(engine, n: int = 1, *, to: str = "buyer@example.test", body: str = "Hello,\nyour refund is on its way.\n") -> int:
    with session_scope(engine) as session:
        case = Case(key=f"amazon:111-0000000-000000{n}", platform="amazon", order_id=f"111-0000000-000000{n}", kind="buyer_message", issue="not_received", last_message_id=f"<in-{n}@marketplace.amazon.com>")
        session.add(case)
        session.flush()
        draft = Draft(case_id=case.id, handler="test", template="t", to_addr=to, subject=f"Re: order {n}", body=body, message_id=f"<out-{n}@innoshop.test>", in_reply_to=case.last_message_id, references=case.last_message_id)
        session.add(draft)
        session.flush()
        approve(session, draft.id, by="lena")
        return draft.id


def _status(engine, draft_id: int) -> Draft:
    with session_scope(engine) as session:
        return session.get(Draft, draft_id)


def _send(settings, engine) -> object:
    sender = Sender(settings, engine)
    try:
        return asyncio.run(sender.send_due())
    finally:
        sender.close()


def _wait_due(engine, draft_id: int) -> None:
    due = _status(engine, draft_id).next_attempt_at
    if due is not None:
        from disputed.store.models import utcnow

        time.sleep(max(0.0, (due - utcnow()).total_seconds()) + 0.05)


def test_transient_refusal_is_retried_with_backoff_then_sent(tmp_path, smtp_server):
    settings = settings_for(tmp_path, smtp=smtp_server)
    engine = make_engine(settings.database.url)
    draft_id = _approved_draft(engine)
    smtp_server.fail_next(2, code=451, text="try again later")
    first = _send(settings, engine)
    assert first.deferred == 1 and first.sent == 0
    assert _status(engine, draft_id).status == DraftStatus.APPROVED
    _wait_due(engine, draft_id)
    assert _send(settings, engine).deferred == 1
    _wait_due(engine, draft_id)
    assert _send(settings, engine).sent == 1
    assert len(smtp_server.by_message_id()["<out-1@innoshop.test>"]) == 1
    assert _status(engine, draft_id).send_attempts == 3


def test_permanent_refusal_fails_with_the_servers_answer(tmp_path, smtp_server):
    settings = settings_for(tmp_path, smtp=smtp_server)
    engine = make_engine(settings.database.url)
    draft_id = _approved_draft(engine)
    smtp_server.fail_next(1, code=550, text="mailbox unavailable")
    assert _send(settings, engine).failed == 1
    draft = _status(engine, draft_id)
    assert draft.status == DraftStatus.FAILED and "550" in draft.smtp_response and "mailbox unavailable" in draft.smtp_response
    assert _send(settings, engine).sent == 0 and smtp_server.messages == []


def test_connection_lost_after_data_is_never_repeated(tmp_path, smtp_server):
    settings = settings_for(tmp_path, smtp=smtp_server, extra={"smtp": {"file_in_sent": False}})
    engine = make_engine(settings.database.url)
    draft_id = _approved_draft(engine)
    smtp_server.drop_after_data(1)
    report = _send(settings, engine)
    assert report.unknown == 1 and _status(engine, draft_id).status == DraftStatus.UNKNOWN
    for _ in range(3):
        assert _send(settings, engine).sent == 0
    assert len(smtp_server.messages) == 1  # the one DATA the server took before hanging up
    with session_scope(engine) as session:
        assert session.exec(select(CaseEvent).where(CaseEvent.type == "outcome_unknown")).first() is not None


def test_unknown_outcome_found_in_sent_is_marked_sent(tmp_path, smtp_server, imap_account):
    settings = settings_for(tmp_path, imap=imap_account, smtp=smtp_server)
    engine = make_engine(settings.database.url)
    draft_id = _approved_draft(engine)
    with session_scope(engine) as session:  # as if killed right after filing the copy
        draft = session.get(Draft, draft_id)
        draft.status, draft.smtp_phase = DraftStatus.SENDING, "data"
        session.add(draft)
    imap_account.append(b"Message-ID: <out-1@innoshop.test>\r\nSubject: x\r\n\r\nbody\r\n", folder="Sent")
    assert Sender(settings, engine).reconcile(all_claims=True) == 1
    assert _status(engine, draft_id).status == DraftStatus.SENT
    assert _send(settings, engine).sent == 0 and smtp_server.messages == []


def test_interrupted_before_data_is_sent_once_after_restart(tmp_path, smtp_server):
    settings = settings_for(tmp_path, smtp=smtp_server, extra={"smtp": {"file_in_sent": False}})
    engine = make_engine(settings.database.url)
    draft_id = _approved_draft(engine)
    with session_scope(engine) as session:  # claimed, then killed before DATA
        draft = session.get(Draft, draft_id)
        draft.status = DraftStatus.SENDING
        session.add(draft)
    Sender(settings, engine).reconcile(all_claims=True)
    assert _send(settings, engine).sent == 1 and len(smtp_server.messages) == 1


def test_edited_after_approval_is_not_sent(tmp_path, smtp_server):
    settings = settings_for(tmp_path, smtp=smtp_server)
    engine = make_engine(settings.database.url)
    draft_id = _approved_draft(engine)
    with session_scope(engine) as session:
        edit(session, draft_id, by="sam", body="A different text.\n")
    assert _status(engine, draft_id).status == DraftStatus.PENDING
    assert _send(settings, engine).sent == 0 and smtp_server.messages == []


def test_connections_are_reused_and_each_draft_sent_once(tmp_path, smtp_server):
    settings = settings_for(tmp_path, smtp=smtp_server, extra={"smtp": {"file_in_sent": False}})
    engine = make_engine(settings.database.url)
    for n in range(1, 8):
        _approved_draft(engine, n, to=f"buyer{n}@example.test")
    assert _send(settings, engine).sent == 7
    counts = {mid: len(msgs) for mid, msgs in smtp_server.by_message_id().items()}
    assert counts == {f"<out-{n}@innoshop.test>": 1 for n in range(1, 8)}
    assert len({m.peer for m in smtp_server.messages}) == 1  # one connection for the batch


def test_header_injection_is_stripped(tmp_path, smtp_server):
    settings = settings_for(tmp_path, smtp=smtp_server, extra={"smtp": {"file_in_sent": False}})
    engine = make_engine(settings.database.url)
    draft_id = _approved_draft(engine)
    with session_scope(engine) as session:
        draft = session.get(Draft, draft_id)
        draft.subject = "Re: hi\r\nBcc: victim@example.test"
        session.add(draft)
        session.flush()
        draft.status = DraftStatus.PENDING
        approve(session, draft_id, by="lena")
    _send(settings, engine)
    [received] = smtp_server.messages
    assert received.rcpt_tos == ("buyer@example.test",)
    assert b"\r\nBcc:" not in received.raw.split(b"\r\n\r\n")[0]


def test_each_copy_is_filed_in_sent_once_as_the_bytes_sent(tmp_path, smtp_server, imap_account):
    settings = settings_for(tmp_path, imap=imap_account, smtp=smtp_server)
    engine = make_engine(settings.database.url)
    ids = [_approved_draft(engine, n, to=f"buyer{n}@example.test") for n in range(1, 21)]  # several groups of copies
    assert _send(settings, engine).sent == 20
    sent = {m.message_id: m.raw for m in smtp_server.messages}
    with imap_account.client() as imap:
        imap.select_folder("Sent", readonly=True)
        found = imap.fetch(imap.search("ALL"), ["BODY.PEEK[]", "FLAGS"])
    filed = {}
    for item in found.values():
        raw = item[b"BODY[]"]
        assert b"\\Seen" in item[b"FLAGS"]
        filed.setdefault(_message_id(raw), []).append(raw)
    assert sorted(filed) == sorted(sent) and all(len(copies) == 1 for copies in filed.values())
    assert all(filed[mid][0] == raw for mid, raw in sent.items())  # the very bytes that went out
    assert all(_status(engine, draft_id).filed_at is not None for draft_id in ids)


def test_a_sent_folder_that_vanished_is_made_again_and_the_missing_copy_filed_later(tmp_path, smtp_server, imap_account):
    settings = settings_for(tmp_path, imap=imap_account, smtp=smtp_server)
    settings.mailbox[0].sent_folder = "Replies"  # not one Dovecot makes by itself, as it does Sent
    engine = make_engine(settings.database.url)
    sender = Sender(settings, engine)
    try:
        _approved_draft(engine, 1, to="buyer1@example.test")
        assert asyncio.run(sender.send_due()).sent == 1
        with imap_account.client() as imap:  # someone deletes it while the sender's connection stays open
            imap.delete_folder("Replies")
        second = _approved_draft(engine, 2, to="buyer2@example.test")
        assert asyncio.run(sender.send_due()).sent == 1
        assert _status(engine, second).filed_at is None  # the APPEND failed: recorded as not filed
        assert sender.file_unfiled() == 1
    finally:
        sender.close()
    assert [_message_id(raw) for raw in imap_account.fetch_all("Replies")] == ["<out-2@innoshop.test>"]
    assert _status(engine, second).filed_at is not None


def _message_id(raw: bytes) -> str:
    return str(email.message_from_bytes(raw, policy=email.policy.default)["Message-ID"])


def test_a_draft_that_cannot_be_built_fails_alone(tmp_path, smtp_server):
    settings = settings_for(tmp_path, smtp=smtp_server, extra={"smtp": {"file_in_sent": False}})
    engine = make_engine(settings.database.url)
    broken, good = _approved_draft(engine, 1), _approved_draft(engine, 2)
    with session_scope(engine) as session:  # as a hand-made row or a bug upstream might leave it
        draft = session.get(Draft, broken)
        draft.message_id = "<ünïcode-1@innoshop.test>"
        session.add(draft)
    report = _send(settings, engine)
    assert report.sent == 1 and report.failed == 1
    assert _status(engine, good).status == DraftStatus.SENT
    failed = _status(engine, broken)
    assert failed.status == DraftStatus.FAILED and "could not be built" in failed.smtp_response and "Message-ID" in failed.smtp_response
    assert list(smtp_server.by_message_id()) == ["<out-2@innoshop.test>"]
