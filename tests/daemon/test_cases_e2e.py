"""Every case in the brief, end to end: corpus mail APPENDed to Dovecot becomes the right
draft (template, audience, language), forged and loop mail becomes none, and a buyer's
answer to an offer continues the case through a real SMTP round trip."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from sqlmodel import select

from disputed.daemon.runner import Daemon
from disputed.drafting import fill_readings
from disputed.rendering import TemplateLibrary
from disputed.orders import upsert_orders
from disputed.handlers.base import OrderRecord
from disputed.store.db import make_engine, session_scope
from disputed.store import case_actions
from disputed.store.auth import Role
from disputed.store.models import Case, CaseStatus, ClaimCode, Draft, DraftStatus, StoredMessage, utcnow
from disputed.store.queue import approve
from tests.support import settings_for

CORPUS = Path(__file__).parents[1] / "fixtures" / "mail"
TRUSTED = {"security": {"trusted_authserv_ids": ["mx.seller-mail.test", "mx.demo.test"]}}

ACCOUNT_LETTERS = {
    "performance_warning": "platform.plan_of_action",
    "account_deactivated": "platform.appeal",
    "account_review": "platform.account_review",
    "ip_infringement": "platform.ip_remediation",
    "listing_removed": "platform.listing_remediation",
    "policy_warning": "platform.policy_warning",
}
BUYER_ISSUES = {
    "wrong_item", "not_as_described", "quality_defect", "damaged", "missing_parts", "empty_package", "size_fit",
    "exchange_request", "customs_tax", "tracking_inquiry", "usage_question", "cancellation",
}


def expected_templates(exp: dict) -> set[str]:
    """What the seller should find in the queue for one notification, from the brief."""
    kind, issue = exp["kind"], exp.get("issue")
    if exp.get("authentic") is False or kind in ("bounce", "auto_reply", "unrecognised", "atoz_decision", "chargeback_decision", "refund_issued"):
        return set()
    if kind in ACCOUNT_LETTERS:
        return {ACCOUNT_LETTERS[kind]}
    if kind == "feedback":
        return {"feedback"}
    if kind == "cancellation_request":
        return {"cancellation"}
    buyer = "not_received.no_facts" if issue == "not_received" else issue if issue in BUYER_ISSUES else None
    if kind == "atoz_claim":
        return {"platform.atoz_response"} | ({buyer} if buyer else set())
    if kind == "chargeback":
        return {"platform.chargeback_response"} | ({buyer} if buyer else set())
    if kind == "return_request" and issue in (None, "other"):
        return {"return_request"}
    return {buyer} if buyer else set()


def corpus():
    for path in sorted(CORPUS.rglob("*.eml")):
        expected = path.with_name(path.name.removesuffix(".eml") + ".expected.json")
        yield path, json.loads(expected.read_text(encoding="utf-8"))


def test_every_corpus_notification_gets_the_right_draft(tmp_path, imap_account, smtp_server):
    settings = settings_for(tmp_path, imap=imap_account, smtp=smtp_server, extra=TRUSTED)
    engine = make_engine(settings.database.url)
    fixtures = list(corpus())
    for path, _exp in fixtures:
        imap_account.append(path.read_bytes())
    report = Daemon(settings, engine).run_once()
    assert report.processed.processed + report.processed.quarantined == len(fixtures)

    with session_scope(engine) as session:
        rows = session.exec(select(StoredMessage).order_by(StoredMessage.uid)).all()
        drafts = session.exec(select(Draft)).all()
        assert all(d.reading_zh is None for d in drafts if d.language != "zh"), "readings are rendered on view, not when drafted"
        fill_readings(drafts, TemplateLibrary())  # as the case page and `disputed show` do
    by_message = {}
    for draft in drafts:
        by_message.setdefault(draft.case_id, []).append(draft)
        held = {case.id for case in session.exec(select(Case).where(Case.status == CaseStatus.TRIAGE)).all()}
    problems, covered, held_right = [], set(), []
    for (path, exp), row in zip(fixtures, rows, strict=True):
        # Case drafts are attributed to the message that opened the case; later messages on the same
        # case (none in this corpus share an order) would supersede them.
        got = {d.template for d in by_message.get(row.case_id, [])} if row.case_id else set()
        want = expected_templates(exp)
        if want and not got and row.case_id in held and (row.parsed or {}).get("issue") == exp.get("issue"):
            # Understood, but below the calibrated confidence (issue 14): a person decides, from the right issue.
            held_right.append(path.name)
            continue
        if got != want:
            problems.append(f"{path.relative_to(CORPUS)}: {exp['kind']}/{exp.get('issue')} wanted {sorted(want)}, got {sorted(got)}")
        covered |= got
        for draft in by_message.get(row.case_id, []) if row.case_id else []:
            if draft.audience == "buyer" and exp.get("language") in ("de", "fr", "it", "es", "ja"):
                assert draft.language == exp["language"], f"{path.name}: reply in {draft.language}"
            assert draft.reading_en and draft.reading_zh, f"{path.name}: readings missing"
    assert not problems, "\n".join(problems)
    # The coverage the blind set pins per language, here for the development corpus: at most this many held.
    assert len(held_right) <= 7, held_right  # 7 since the neighbours' vote (the blind set's coverage rose from 42% to 51%)
    print(f"\n{len(fixtures)} corpus messages, {len(drafts)} drafts, templates covered: {len(covered)}, held for a person: {held_right}")


def _relay(n: int, order: str, text: str, *, in_reply_to: str | None = None, subject: str | None = None) -> bytes:
    thread = f"In-Reply-To: {in_reply_to}\r\nReferences: {in_reply_to}\r\n" if in_reply_to else ""
    return (
        "Authentication-Results: mx.demo.test; dkim=pass header.d=marketplace.amazon.com; dmarc=pass header.from=marketplace.amazon.com\r\n"
        # One buyer, one relay address: mail for the order from another address is flagged, not answered.
        'From: "Ana Silva - Amazon Marketplace" <ana1x7q@marketplace.amazon.com>\r\n'
        f"To: support@innoshop.test\r\nSubject: {subject or f'Inquiry from Amazon customer Ana Silva (Order: {order})'}\r\n"
        f"Message-ID: <flow-{n}-{order}@marketplace.amazon.com>\r\n{thread}"
        "Date: Sun, 22 Nov 2026 10:00:00 +0000\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
        "------------- Begin message -------------\r\n\r\n"
        f"Order ID: {order}\r\n\r\n{text}\r\n\r\n"
        "------------- End message -------------\r\n"
    ).encode()


def _send_all(engine, settings, case_id: int) -> list[Draft]:
    with session_scope(engine) as session:
        pending = session.exec(select(Draft).where(Draft.case_id == case_id, Draft.status == DraftStatus.PENDING)).all()
        for draft in pending:
            approve(session, draft.id, by="lena")
    Daemon(settings, engine).run_once()
    return pending


def test_the_buyers_choice_continues_the_case(tmp_path, imap_account, smtp_server):
    settings = settings_for(tmp_path, imap=imap_account, smtp=smtp_server)
    engine = make_engine(settings.database.url)
    with session_scope(engine) as session:
        session.add(ClaimCode(code="HTCB-AD73TB-L2M1TF", percent=60))
    order = "205-1234567-7654321"
    imap_account.append(_relay(1, order, "The cups you sent have a red rose print, not the blue print I ordered. Wrong item!"))
    Daemon(settings, engine).run_once()
    with session_scope(engine) as session:
        case = session.exec(select(Case).where(Case.order_id == order)).one()
        if case.status == CaseStatus.TRIAGE:  # understood below the calibrated confidence: the operator sets the issue
            case_actions.classify(session, case.id, "wrong_item", by=case_actions.Actor("lena", Role.AGENT),
                                  drafting=case_actions.Drafting(settings, TemplateLibrary()))
    [offer] = _send_all(engine, settings, case.id)
    assert offer.template == "wrong_item" and [o["type"] for o in offer.options] == ["claim_code", "partial_refund", "return_for_refund"]
    sent = smtp_server.by_message_id()[offer.message_id][0].message

    # The buyer answers in the same thread and picks the first option.
    imap_account.append(_relay(2, order, "Thank you. I would like to choose the first solution, the code please.", in_reply_to=sent["Message-ID"], subject=f"Re: {sent['Subject']}"))
    Daemon(settings, engine).run_once()
    with session_scope(engine) as session:
        follow = session.exec(select(Draft).where(Draft.case_id == case.id, Draft.status == DraftStatus.PENDING)).one()
        code = session.get(ClaimCode, "HTCB-AD73TB-L2M1TF")
    assert follow.template == "option.claim_code" and "HTCB-AD73TB-L2M1TF" in follow.body
    assert code.case_id == case.id
    _send_all(engine, settings, case.id)
    reply = smtp_server.by_message_id()[follow.message_id][0].message
    assert offer.message_id in reply["References"]


def test_a_chosen_replacement_schedules_a_followup(tmp_path, imap_account, smtp_server):
    settings = settings_for(tmp_path, imap=imap_account, smtp=smtp_server)
    engine = make_engine(settings.database.url)
    order = "206-1234567-7654321"
    imap_account.append(_relay(1, order, "The teapot arrived broken, the lid was smashed into pieces and the box was crushed."))
    Daemon(settings, engine).run_once()
    with session_scope(engine) as session:
        case = session.exec(select(Case).where(Case.order_id == order)).one()
    [offer] = _send_all(engine, settings, case.id)
    assert offer.template == "damaged" and offer.options[0]["type"] == "reissue"
    sent = smtp_server.by_message_id()[offer.message_id][0].message
    imap_account.append(_relay(2, order, "Option 1 please, send me a new one.", in_reply_to=sent["Message-ID"], subject=f"Re: {sent['Subject']}"))
    Daemon(settings, engine).run_once()
    with session_scope(engine) as session:
        follow = session.exec(select(Draft).where(Draft.case_id == case.id, Draft.status == DraftStatus.PENDING)).one()
        case = session.get(Case, case.id)
        assert follow.template == "option.replacement"
        assert case.followup_at is not None and case.facts.followup.template == "followup.replacement"
        case.followup_at = utcnow() - timedelta(minutes=1)  # the days pass
        session.add(case)
    Daemon(settings, engine).run_once()
    with session_scope(engine) as session:
        templates = [d.template for d in session.exec(select(Draft).where(Draft.case_id == case.id))]
    assert "followup.replacement" in templates


NOT_RECEIVED_VARIANTS = {
    # order facts -> the reply the brief asks for
    "in_transit": (dict(days_ago=10, status="in_transit", method="china_post", dest="US"), "not_received.in_transit"),
    "overdue": (dict(days_ago=75, status="in_transit", method="china_post", dest="US"), "not_received.overdue"),
    "delivered": (dict(days_ago=20, status="delivered", method="epacket", dest="US"), "not_received.delivered"),
    "lost": (dict(days_ago=30, status="no_tracking", method="china_post", dest="US"), "not_received.lost"),
    "returned": (dict(days_ago=40, status="returned", method="china_post", dest="US"), "not_received.returned"),
    "brazil": (dict(days_ago=70, status="in_transit", method="china_post", dest="BR"), "not_received.in_transit"),
}


def test_not_received_variants_follow_the_order_facts(tmp_path, imap_account, smtp_server):
    settings = settings_for(tmp_path, imap=imap_account, smtp=smtp_server)
    engine = make_engine(settings.database.url)
    now = utcnow()
    orders = {}
    with session_scope(engine) as session:
        facts = []
        for n, (name, (f, _template)) in enumerate(NOT_RECEIVED_VARIANTS.items()):
            order = f"207-{n:07d}-1234567"
            orders[order] = name
            facts.append(OrderRecord(order_id=order, ship_date=now - timedelta(days=f["days_ago"]), shipping_method=f["method"],
                                    destination=f["dest"], tracking_number=f"RR{n:09d}CN", carrier_status=f["status"],
                                    delivered_date=now - timedelta(days=3) if f["status"] == "delivered" else None))
        upsert_orders(session, facts)
    for n, order in enumerate(orders):
        imap_account.append(_relay(n, order, "My order has still not arrived. Where is my package? I am waiting for weeks."))
    Daemon(settings, engine).run_once()
    with session_scope(engine) as session:
        for order, name in orders.items():
            case = session.exec(select(Case).where(Case.order_id == order)).one()
            draft = session.exec(select(Draft).where(Draft.case_id == case.id)).one()
            assert draft.template == NOT_RECEIVED_VARIANTS[name][1], f"{name}: {draft.template}"
            if name == "in_transit":
                assert "50" in draft.body  # days remaining of the 60 promised for China Post
            if name == "brazil":
                assert "20" in draft.body  # 90 days to Brazil, 70 gone
