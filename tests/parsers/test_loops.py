"""No mail loops, end to end through real Dovecot and aiosmtpd: bounces, automatic replies (RFC 3834
Auto-Submitted, X-Autoreply, Precedence bulk/list/junk, List-*), no-reply senders and our own mail get no draft;
everything we send carries X-Disputed-Loop and, when it comes back, is recognised as ours; per-recipient send
limits hold."""

from __future__ import annotations

import email
import email.policy
from datetime import date, timedelta

import pytest
from sqlmodel import select

from disputed.daemon.runner import Daemon
from disputed.orders import parse_orders, upsert_orders
from disputed.store.db import make_engine, session_scope
from disputed.store.models import CaseEvent, Draft, DraftStatus, StoredMessage, utcnow
from tests.support import settings_for
from tests.daemon.test_faults import approve_all_pending, buyer_notice, count, order_id

OUR_ADDRESS = "support@innoshop.test"  # the From of tests.support.settings_for

# Each would be an authentic buyer message worth a reply, but for what marks it as a loop.
LOOPS = {
    "Auto-Submitted: auto-replied": dict(headers=("Auto-Submitted: auto-replied",)),
    "Auto-Submitted: auto-generated": dict(headers=("Auto-Submitted: auto-generated",)),
    "X-Autoreply: yes": dict(headers=("X-Autoreply: yes",)),
    "X-Autorespond": dict(headers=("X-Autorespond: vacation",)),
    "Precedence: bulk": dict(headers=("Precedence: bulk",)),
    "Precedence: list": dict(headers=("Precedence: list",)),
    "Precedence: junk": dict(headers=("Precedence: junk",)),
    "List-Id": dict(headers=("List-Id: <buyers.lists.example.test>",)),
    "List-Unsubscribe": dict(headers=("List-Unsubscribe: <mailto:leave@lists.example.test>",)),
    "out-of-office subject": dict(subject="Automatic reply: Inquiry from Amazon customer"),
    "no-reply sender": dict(sender='"Amazon Marketplace" <no-reply@marketplace.amazon.com>'),
    "do-not-reply sender": dict(sender='"Amazon Marketplace" <do-not-reply@marketplace.amazon.com>'),
    "our own address": dict(sender=f"Innoshop Support <{OUR_ADDRESS}>"),
    "our loop header": dict(headers=("X-Disputed-Loop: another-instance",)),
}


def bounce_for(draft: Draft, n: int) -> bytes:
    """A DSN for one of our replies, threaded to it."""
    return (
        "From: MAILER-DAEMON@mx.demo.test (Mail Delivery System)\r\n"
        f"To: {OUR_ADDRESS}\r\nSubject: Undelivered Mail Returned to Sender\r\n"
        f"Message-ID: <bounce-{n}@mx.demo.test>\r\nIn-Reply-To: {draft.message_id}\r\nReferences: {draft.message_id}\r\n"
        "Auto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="B"\r\n\r\n'
        "--B\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n"
        "--B\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.demo.test\r\n\r\n"
        f"Final-Recipient: rfc822; {draft.to_addr}\r\nAction: failed\r\nStatus: 5.1.1\r\n"
        "--B--\r\n"
    ).encode()


def test_bounces_auto_replies_no_reply_senders_and_our_own_mail_get_no_draft(tmp_path, imap_account):
    settings = settings_for(tmp_path, imap=imap_account)
    engine = make_engine(settings.database.url)
    imap_account.append(buyer_notice(0))  # the control: the same notice without a loop mark is answered
    for n, variant in enumerate(LOOPS.values(), start=1):
        imap_account.append(buyer_notice(n, **variant))
    Daemon(settings, engine).run_once()
    with session_scope(engine) as session:
        [control] = session.exec(select(Draft)).all()
        rows = {r.message_id: r for r in session.exec(select(StoredMessage)).all()}
    for n, name in enumerate(LOOPS, start=1):
        row = rows[f"<notice-{n}@marketplace.amazon.com>"]
        assert row.status == "processed", name
        assert row.kind in ("auto_reply", "unrecognised", "bounce") or row.parsed["sender"] == OUR_ADDRESS, (name, row.kind)
    assert control.to_addr == "buyer00000xyz@marketplace.amazon.com"

    # A bounce of that reply, and an out-of-office answer to it, once it has gone out: still no new draft.
    imap_account.append(bounce_for(control, 1))
    imap_account.append(buyer_notice(0, message_id="<ooo-0@marketplace.amazon.com>", headers=(f"In-Reply-To: {control.message_id}", "Auto-Submitted: auto-replied"),
                                     subject="Out of office: your parcel", text="I am away until Monday and will read your message then."))
    Daemon(settings, engine).run_once()
    with session_scope(engine) as session:
        assert len(session.exec(select(Draft)).all()) == 1
        bounce = session.exec(select(StoredMessage).where(StoredMessage.message_id == "<bounce-1@mx.demo.test>")).one()
        history = [e.type for e in session.exec(select(CaseEvent).where(CaseEvent.case_id == control.case_id))]
    assert bounce.kind == "bounce" and bounce.case_id == control.case_id  # kept with its case, for the operator
    assert "bounce" in history
    print(f"\nloops: {len(LOOPS) + 2} loop-marked messages (bounce, auto-replies, lists, no-reply, our own), 0 drafts")


def _import_order(engine, order: str) -> None:
    shipped = (date.today() - timedelta(days=10)).isoformat()
    report = f"order_id,ship_date,shipping_method,destination,tracking_number,carrier_status,item\n{order},{shipped},china_post,ES,LX204417385CN,in_transit,Garlic press\n"
    with session_scope(engine) as session:
        upsert_orders(session, parse_orders(report))


def test_what_we_send_carries_the_loop_header_and_is_not_answered_when_it_comes_back(tmp_path, imap_account, smtp_server):
    settings = settings_for(tmp_path, imap=imap_account, smtp=smtp_server, extra={"policy": {"auto_approve": ["not_received"]}})
    engine = make_engine(settings.database.url)
    _import_order(engine, order_id(1))  # with the order's facts the reply is complete, so policy may send it alone
    imap_account.append(buyer_notice(1))
    Daemon(settings, engine).run_once()  # auto-approved by policy: drafted and sent in one pass
    [sent] = smtp_server.messages
    parsed = email.message_from_bytes(sent.raw, policy=email.policy.default)
    assert parsed["X-Disputed-Loop"] == settings.daemon.instance_id
    assert parsed["Auto-Submitted"] == "auto-replied"  # RFC 3834: a machine answered on its own
    # The reply comes back: as a copy in the inbox, and relayed by the marketplace with our From rewritten.
    imap_account.append(sent.raw)
    relayed = sent.raw.replace(f"From: Innoshop Support <{OUR_ADDRESS}>".encode(), b"From: Innoshop <relay-7@marketplace.amazon.com>")
    relayed = relayed.replace(b"Message-ID: <", b"Message-ID: <relayed-")
    imap_account.append(relayed)
    report = Daemon(settings, engine).run_once()
    assert report.processed.processed == 2 and report.processed.drafts == 0
    assert len(smtp_server.messages) == 1 and count(engine, Draft) == 1


def test_manual_approval_marks_mail_as_not_automatic(tmp_path, imap_account, smtp_server):
    settings = settings_for(tmp_path, imap=imap_account, smtp=smtp_server)
    engine = make_engine(settings.database.url)
    imap_account.append(buyer_notice(1))
    Daemon(settings, engine).run_once()
    approve_all_pending(engine)
    Daemon(settings, engine).run_once()
    [sent] = smtp_server.messages
    parsed = email.message_from_bytes(sent.raw, policy=email.policy.default)
    assert parsed["Auto-Submitted"] == "no" and parsed["X-Disputed-Loop"]


@pytest.mark.parametrize("limit", [1, 3])
def test_per_recipient_daily_limit_holds(tmp_path, imap_account, smtp_server, limit):
    settings = settings_for(tmp_path, imap=imap_account, smtp=smtp_server, extra={"smtp": {"max_per_recipient_per_day": limit}})
    engine = make_engine(settings.database.url)
    same_buyer = '"Buyer - Amazon Marketplace" <samebuyer01xyz@marketplace.amazon.com>'
    for n in range(limit + 3):  # one buyer, several orders: a reply each, all approved at once
        imap_account.append(buyer_notice(n, sender=same_buyer))
    imap_account.append(buyer_notice(50))  # someone else
    Daemon(settings, engine).run_once()
    approve_all_pending(engine)
    for _ in range(3):  # several passes: the limit holds across them
        Daemon(settings, engine).run_once()
    to_same = [m for m in smtp_server.messages if m.rcpt_tos == ("samebuyer01xyz@marketplace.amazon.com",)]
    assert len(to_same) == limit
    assert len(smtp_server.messages) == limit + 1  # the other buyer is not held back
    with session_scope(engine) as session:
        waiting = session.exec(select(Draft).where(Draft.status == DraftStatus.APPROVED)).all()
        limited = session.exec(select(CaseEvent).where(CaseEvent.type == "send_limited")).all()
    assert len(waiting) == 3 and limited
    assert all(d.next_attempt_at > utcnow() + timedelta(minutes=50) for d in waiting)
