"""Nothing unfinished, untrue or against a marketplace's rules leaves: the readiness check and
every way out that calls it (approval, auto-approval, the sender), the letters' account of
contact with the buyer, and an operator's edit carried onto the draft that replaces it."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import update
from sqlmodel import select

from disputed.daemon.sender import Sender
from disputed.drafting import DraftingContext, queue_draft
from disputed.handlers.base import OrderRecord, QueueDraft
from disputed.handlers.common import order_context
from disputed.notification import Notification
from disputed.rendering import TemplateLibrary
from disputed.store import readiness
from disputed.store.db import make_engine, session_scope
from disputed.store.models import Case, CaseEvent, Draft, DraftStatus, utcnow
from disputed.store.queue import QueueError, TextRefreshed, approve, digest_of, edit, take_over_edit
from disputed.vocabulary import Audience, Issue, Kind
from tests.support import settings_for

TEMPLATES = TemplateLibrary()
ORDER = "111-0000000-0000001"


def _case(session, *, platform: str = "amazon", issue: str = "tracking_inquiry", kind: str = "buyer_message") -> Case:
    case = Case(key=f"{platform}:{ORDER}", platform=platform, order_id=ORDER, kind=kind, issue=issue, language="en",
                buyer_address="b@marketplace.amazon.com", platform_address="atoz@amazon.com", last_message_id="<in-1@marketplace.amazon.com>", facts={"item": "Porcelain cup set"})
    session.add(case)
    session.flush()
    return case


def _dctx(tmp_path, **policy):
    settings = settings_for(tmp_path, extra={"policy": {"seller_name": "Lena", "shop_name": "Innoshop", **policy}})
    return settings, make_engine(settings.database.url), DraftingContext(settings=settings, templates=TEMPLATES, now=utcnow())


def _note(issue: Issue = Issue.TRACKING_INQUIRY, kind: Kind = Kind.BUYER_MESSAGE) -> Notification:
    return Notification(kind=kind, issue=issue, platform="amazon", order_id=ORDER, language="en", authentic=True, confidence=0.95)


def _facts(settings) -> dict:
    order = OrderRecord(order_id=ORDER, ship_date=utcnow() - timedelta(days=5), shipping_method="china_post", destination="US", tracking_number="LX123456789CN", carrier_status="in_transit")
    return order_context(order, settings.policy, utcnow())


def _tracking_draft(tmp_path, *, with_facts: bool):
    settings, engine, dctx = _dctx(tmp_path)
    with session_scope(engine) as session:
        case = _case(session)
        context = _facts(settings) if with_facts else {**order_context(None, settings.policy, utcnow()), "operator_note": "No order facts: fill in the ship date and tracking number."}
        queued = queue_draft(session, case, None, QueueDraft("tracking_inquiry", context=context), dctx, handler="tracking_inquiry")
    return settings, engine, queued.id


# --- the check itself -----------------------------------------------------------------


def test_an_unfinished_text_names_each_thing_missing():
    missing = readiness.unfinished("", "Re: order [ORDER ID]", "Shipped on [[FILL IN: ship date]] by <<carrier>>, {{ tracking }}.", {"operator_note": "Say when it shipped."}, edited=False)
    joined = " | ".join(missing)
    assert "no recipient" in joined
    assert "[[FILL IN: ship date]]" in joined and "[ORDER ID]" in joined and "<<carrier>>" in joined
    assert "template code" in joined and "Say when it shipped." in joined
    assert readiness.unfinished("b@x.test", "Re: order 1", "Shipped on 2026-11-02.", {"operator_note": "Say when it shipped."}, edited=True) == []


def test_a_value_the_template_did_not_know_becomes_a_place_to_complete(tmp_path):
    own = tmp_path / "en"
    own.mkdir()
    (own / "tracking_inquiry.txt").write_text("Subject: Tracking\n\nYour tracking number is {{ tracking_number }}.\n", encoding="utf-8")
    rendered = TemplateLibrary(tmp_path).render("tracking_inquiry", "en", {"tracking_number": None})
    assert "None" not in rendered.body
    assert any("FILL IN" in line for line in readiness.unfinished("b@x.test", rendered.subject, rendered.body, {}, edited=False))


# --- approval (CLI and web call this one action) ---------------------------------------


def test_approve_refuses_a_placeholder_draft_and_names_what_is_missing(tmp_path):
    _, engine, draft_id = _tracking_draft(tmp_path, with_facts=False)
    with pytest.raises(QueueError) as refused, session_scope(engine) as session:
        approve(session, draft_id, by="lena")
    assert "not ready to send" in str(refused.value) and "[[FILL IN: ship date]]" in str(refused.value) and "No order facts" in str(refused.value)
    with session_scope(engine) as session:
        assert session.get(Draft, draft_id).status == DraftStatus.PENDING


def test_once_completed_by_an_edit_the_draft_can_be_approved(tmp_path):
    _, engine, draft_id = _tracking_draft(tmp_path, with_facts=False)
    with session_scope(engine) as session:
        body = session.get(Draft, draft_id).body
        completed = body.replace("[[FILL IN: ship date]]", "2 November 2026").replace("[[FILL IN: tracking number]]", "LX123456789CN")
        completed = readiness.PLACEHOLDER.sub("in transit", completed)
        edit(session, draft_id, by="lena", body=completed)
    with session_scope(engine) as session:
        assert approve(session, draft_id, by="lena").status == DraftStatus.APPROVED


def test_a_complete_draft_is_approved(tmp_path):
    _, engine, draft_id = _tracking_draft(tmp_path, with_facts=True)
    with session_scope(engine) as session:
        assert approve(session, draft_id, by="lena").status == DraftStatus.APPROVED


# --- auto-approval ---------------------------------------------------------------------


def test_auto_approve_never_approves_an_unfinished_draft(tmp_path):
    settings, engine, dctx = _dctx(tmp_path, auto_approve=["tracking_inquiry"])
    with session_scope(engine) as session:
        case = _case(session)
        unfinished = queue_draft(session, case, _note(), QueueDraft("tracking_inquiry", context=order_context(None, settings.policy, utcnow())), dctx, handler="tracking_inquiry")
    assert unfinished.status == DraftStatus.PENDING
    with session_scope(engine) as session:
        assert "[[FILL IN" in session.get(Draft, unfinished.id).body


def test_auto_approve_takes_a_complete_draft(tmp_path):
    settings, engine, dctx = _dctx(tmp_path, auto_approve=["tracking_inquiry"])
    with session_scope(engine) as session:
        queued = queue_draft(session, _case(session), _note(), QueueDraft("tracking_inquiry", context=_facts(settings)), dctx, handler="tracking_inquiry")
    assert queued.status == DraftStatus.APPROVED


def test_a_sellers_template_that_breaks_amazons_rules_is_never_auto_approved(tmp_path):
    own = tmp_path / "own" / "en"
    own.mkdir(parents=True)
    (own / "tracking_inquiry.txt").write_text("Subject: Your order {{ order_id }}\n\nIt ships soon. If you are happy, please update your review to five stars.\n", encoding="utf-8")
    settings, engine, _ = _dctx(tmp_path, auto_approve=["tracking_inquiry"])
    dctx = DraftingContext(settings=settings, templates=TemplateLibrary(tmp_path / "own"), now=utcnow())
    with session_scope(engine) as session:
        queued = queue_draft(session, _case(session), _note(), QueueDraft("tracking_inquiry", context=_facts(settings)), dctx, handler="tracking_inquiry")
    assert queued.status == DraftStatus.PENDING
    with session_scope(engine) as session:
        draft = session.get(Draft, queued.id)
        found = readiness.check(session, draft)
        assert found.ready and any("review" in w and "no_review_change" in w for w in found.warnings)
        assert approve(session, draft.id, by="lena").status == DraftStatus.APPROVED  # a person, having read the warning


# --- the sender: the last line of defence ------------------------------------------------


def _send(settings, engine):
    sender = Sender(settings, engine)
    try:
        return asyncio.run(sender.send_due())
    finally:
        sender.close()


def _force_approved(engine, draft_id: int, *, body: str, by: str = "lena") -> None:
    """An approved draft whose text holds what the check refuses, as an older version or a
    direct database change could leave it: the approval's digest matches the text."""
    with session_scope(engine) as session:
        draft = session.get(Draft, draft_id)
        session.execute(update(Draft).where(Draft.id == draft_id).values(body=body, status=DraftStatus.APPROVED, approved_by=by, approved_at=utcnow(), approved_sha256=digest_of(draft.to_addr, draft.subject, body)))


def test_the_sender_never_sends_a_placeholder_and_returns_the_draft_with_the_reason(tmp_path, smtp_server):
    settings, engine, draft_id = _tracking_draft(tmp_path, with_facts=True)
    settings = settings_for(tmp_path, smtp=smtp_server, extra={"smtp": {"file_in_sent": False}})
    _force_approved(engine, draft_id, body="We shipped it on [[FILL IN: ship date]].\n")
    report = _send(settings, engine)
    assert report.sent == 0 and smtp_server.messages == []
    with session_scope(engine) as session:
        draft = session.get(Draft, draft_id)
        assert draft.status == DraftStatus.PENDING and draft.approved_sha256 is None and "[[FILL IN: ship date]]" in draft.smtp_response
        events = session.exec(select(CaseEvent).where(CaseEvent.draft_id == draft_id, CaseEvent.type == "send_refused")).all()
        assert events and "[[FILL IN: ship date]]" in events[0].detail


def test_the_sender_holds_an_auto_approved_draft_that_breaks_the_rules(tmp_path, smtp_server):
    settings, engine, draft_id = _tracking_draft(tmp_path, with_facts=True)
    settings = settings_for(tmp_path, smtp=smtp_server, extra={"smtp": {"file_in_sent": False}})
    _force_approved(engine, draft_id, body="It has shipped. Please change your review now that it is sorted.\n", by="auto")
    assert _send(settings, engine).sent == 0 and smtp_server.messages == []
    with session_scope(engine) as session:
        assert "needs a person's approval" in session.get(Draft, draft_id).smtp_response


def test_the_sender_sends_a_complete_approved_draft(tmp_path, smtp_server):
    _, engine, draft_id = _tracking_draft(tmp_path, with_facts=True)
    settings = settings_for(tmp_path, smtp=smtp_server, extra={"smtp": {"file_in_sent": False}})
    with session_scope(engine) as session:
        approve(session, draft_id, by="lena")
    assert _send(settings, engine).sent == 1 and len(smtp_server.messages) == 1


# --- true facts: contact with the buyer ---------------------------------------------------


def _atoz(tmp_path):
    settings, engine, dctx = _dctx(tmp_path)
    with session_scope(engine) as session:
        case = _case(session, issue="not_received", kind="atoz_claim")
        buyer = queue_draft(session, case, None, QueueDraft("not_received.in_transit", context={**_facts(settings), "dispute_open": True}), dctx, handler="atoz_claim")
        letter = queue_draft(session, case, None, QueueDraft("platform.atoz_response", audience=Audience.PLATFORM, context={**_facts(settings), "offered": []}), dctx, handler="atoz_claim")
    return engine, buyer.id, letter.id


def test_the_atoz_letter_says_the_buyer_was_not_written_to_while_nothing_was_sent(tmp_path):
    engine, _, letter_id = _atoz(tmp_path)
    with session_scope(engine) as session:
        body = session.get(Draft, letter_id).body
    assert "We wrote to the buyer" not in body and "We have not yet written to the buyer" in body


def test_the_atoz_letter_is_brought_up_to_date_from_the_recorded_send_before_approval(tmp_path):
    engine, buyer_id, letter_id = _atoz(tmp_path)
    sent_at = utcnow() - timedelta(days=1)
    with session_scope(engine) as session:
        session.execute(update(Draft).where(Draft.id == buyer_id).values(status=DraftStatus.SENT, sent_at=sent_at))
    with pytest.raises(QueueError) as stale, session_scope(engine) as session:  # without the templates: refused, with the reason
        approve(session, letter_id, by="lena")
    assert "the buyer was not written to" in str(stale.value) and sent_at.date().isoformat() in str(stale.value)
    with session_scope(engine) as session:
        with pytest.raises(TextRefreshed):
            approve(session, letter_id, by="lena", templates=TEMPLATES)
    with session_scope(engine) as session:
        letter = session.get(Draft, letter_id)
        assert f"We wrote to the buyer on {sent_at.date().isoformat()}" in letter.body
        assert approve(session, letter_id, by="lena", templates=TEMPLATES).status == DraftStatus.APPROVED


def test_a_rejected_buyer_reply_is_not_contact(tmp_path):
    engine, buyer_id, letter_id = _atoz(tmp_path)
    with session_scope(engine) as session:
        session.execute(update(Draft).where(Draft.id == buyer_id).values(status=DraftStatus.REJECTED))
        assert readiness.buyer_written_on(session, session.get(Draft, letter_id).case_id) is None
        assert approve(session, letter_id, by="lena", templates=TEMPLATES).status == DraftStatus.APPROVED


# --- an operator's edit is not thrown away -----------------------------------------------------


def test_an_edited_draft_that_is_superseded_is_carried_onto_its_replacement(tmp_path):
    settings, engine, dctx = _dctx(tmp_path)
    with session_scope(engine) as session:
        case = _case(session, issue="wrong_item")
        first = queue_draft(session, case, None, QueueDraft("wrong_item", context={"dispute_open": False}), dctx, handler="wrong_item")
    with session_scope(engine) as session:
        edit(session, first.id, by="lena", body="Dear Maria, my own careful words about the blue cups.\n")
    with session_scope(engine) as session:
        second = queue_draft(session, session.get(Case, case.id), None, QueueDraft("wrong_item", context={"dispute_open": True}), dctx, handler="wrong_item")
    with session_scope(engine) as session:
        replacement = session.get(Draft, second.id)
        carried = replacement.context["superseded_edit"]
        assert carried["draft_id"] == first.id and "my own careful words" in carried["body"]
        history = session.exec(select(CaseEvent).where(CaseEvent.case_id == case.id, CaseEvent.type == "edit_carried")).all()
        assert history and f"draft {first.id}" in history[0].detail
        taken = take_over_edit(session, second.id, by="lena")
        assert "my own careful words" in taken.body and taken.status == DraftStatus.PENDING


def test_an_unedited_draft_that_is_superseded_carries_nothing(tmp_path):
    settings, engine, dctx = _dctx(tmp_path)
    with session_scope(engine) as session:
        case = _case(session, issue="wrong_item")
        queue_draft(session, case, None, QueueDraft("wrong_item", context={"dispute_open": False}), dctx, handler="wrong_item")
        second = queue_draft(session, case, None, QueueDraft("wrong_item", context={"dispute_open": True}), dctx, handler="wrong_item")
    with session_scope(engine) as session:
        assert "superseded_edit" not in session.get(Draft, second.id).context
        with pytest.raises(QueueError):
            take_over_edit(session, second.id, by="lena")


def test_contact_and_the_carried_edit_on_postgresql(tmp_path, pg_url):
    settings = settings_for(tmp_path, database_url=pg_url, extra={"policy": {"seller_name": "Lena", "shop_name": "Innoshop"}})
    engine = make_engine(settings.database.url)
    dctx = DraftingContext(settings=settings, templates=TEMPLATES, now=utcnow())
    with session_scope(engine) as session:
        case = _case(session, issue="not_received", kind="atoz_claim")
        buyer = queue_draft(session, case, None, QueueDraft("not_received.in_transit", context={**_facts(settings), "dispute_open": True}), dctx, handler="atoz_claim")
    with session_scope(engine) as session:
        edit(session, buyer.id, by="lena", body="My own words to the buyer.\n")
        session.execute(update(Draft).where(Draft.id == buyer.id).values(status=DraftStatus.SENT, sent_at=utcnow()))
    with session_scope(engine) as session:
        letter = queue_draft(session, session.get(Case, case.id), None, QueueDraft("platform.atoz_response", audience=Audience.PLATFORM, context={**_facts(settings), "offered": []}), dctx, handler="atoz_claim")
        again = queue_draft(session, session.get(Case, case.id), None, QueueDraft("not_received.in_transit", context={**_facts(settings), "dispute_open": True}), dctx, handler="atoz_claim")
    with session_scope(engine) as session:
        assert f"We wrote to the buyer on {utcnow().date().isoformat()}" in session.get(Draft, letter.id).body
        assert "superseded_edit" not in session.get(Draft, again.id).context  # a sent draft is not superseded
        assert approve(session, letter.id, by="lena", templates=TEMPLATES).status == DraftStatus.APPROVED
        edit(session, again.id, by="lena", body="A second careful edit.\n")
    with session_scope(engine) as session:
        third = queue_draft(session, session.get(Case, case.id), None, QueueDraft("not_received.in_transit", context={**_facts(settings), "dispute_open": True}), dctx, handler="atoz_claim")
    with session_scope(engine) as session:
        assert session.get(Draft, third.id).context["superseded_edit"]["draft_id"] == again.id
    engine.dispose()


def test_the_sweep_brings_a_waiting_letter_up_to_date_once_the_buyer_reply_is_sent(tmp_path):
    from disputed.daemon.sweep import sweep

    engine, buyer_id, letter_id = _atoz(tmp_path)
    settings = settings_for(tmp_path, extra={"policy": {"seller_name": "Lena", "shop_name": "Innoshop"}})
    assert sweep(settings, engine, TEMPLATES).brought_up_to_date == 0
    with session_scope(engine) as session:
        session.execute(update(Draft).where(Draft.id == buyer_id).values(status=DraftStatus.SENT, sent_at=utcnow()))
    assert sweep(settings, engine, TEMPLATES).brought_up_to_date == 1
    with session_scope(engine) as session:
        letter = session.get(Draft, letter_id)
        assert f"We wrote to the buyer on {utcnow().date().isoformat()}" in letter.body and readiness.check(session, letter).ready
        assert session.exec(select(CaseEvent).where(CaseEvent.draft_id == letter_id, CaseEvent.type == "facts_updated")).first()
