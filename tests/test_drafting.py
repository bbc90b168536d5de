"""Queueing drafts: a newer draft supersedes the older pending one, and no more than that."""

from __future__ import annotations

from sqlmodel import select

from disputed.drafting import DraftingContext, queue_draft
from disputed.handlers.base import QueueDraft
from disputed.rendering import TemplateLibrary
from disputed.store.db import make_engine, session_scope
from disputed.store.models import Case, Draft, DraftStatus, utcnow
from disputed.vocabulary import Audience
from tests.support import settings_for

LETTER = {"dispute_open": False}


def _setup(tmp_path):
    settings = settings_for(tmp_path)
    engine = make_engine(settings.database.url)
    dctx = DraftingContext(settings=settings, templates=TemplateLibrary(), now=utcnow())
    with session_scope(engine) as session:
        case = Case(key="amazon:111-0000000-0000001", platform="amazon", order_id="111-0000000-0000001", kind="buyer_message", issue="wrong_item", buyer_address="b@marketplace.amazon.com")
        session.add(case)
        session.flush()
        first = queue_draft(session, case, None, QueueDraft("wrong_item", context=LETTER), dctx, handler="test")
    return engine, dctx, case.id, first.id


def _statuses(engine) -> dict[int, str]:
    with session_scope(engine) as session:
        return {d.id: d.status for d in session.exec(select(Draft)).all()}


def test_a_newer_draft_supersedes_the_pending_one(tmp_path):
    engine, dctx, case_id, first = _setup(tmp_path)
    with session_scope(engine) as session:
        second = queue_draft(session, session.get(Case, case_id), None, QueueDraft("wrong_item", context=LETTER), dctx, handler="test")
        internal = queue_draft(session, session.get(Case, case_id), None, QueueDraft("wrong_item", audience=Audience.INTERNAL, context=LETTER), dctx, handler="test")
    assert _statuses(engine) == {first: DraftStatus.SUPERSEDED, second.id: DraftStatus.PENDING, internal.id: DraftStatus.PENDING}


def test_a_decision_the_session_holds_unwritten_is_not_overridden(tmp_path):
    engine, dctx, case_id, first = _setup(tmp_path)
    with session_scope(engine) as session:
        case = session.get(Case, case_id)
        held = session.get(Draft, first)
        held.status, held.reject_reason = DraftStatus.REJECTED, "wrong tone"  # not flushed yet
        session.add(held)
        second = queue_draft(session, case, None, QueueDraft("wrong_item", context=LETTER), dctx, handler="test")
    assert _statuses(engine) == {first: DraftStatus.REJECTED, second.id: DraftStatus.PENDING}


def test_case_facts_are_checked_when_written_and_when_read(tmp_path):
    import pytest
    from pydantic import ValidationError
    from sqlalchemy import text

    from disputed.store.models import CaseFacts

    engine, _dctx, case_id, _first = _setup(tmp_path)
    with pytest.raises(ValidationError, match="sku"):  # a key CaseFacts does not declare is refused when set
        Case(key="x", facts={"sku": "A-1"})
    with session_scope(engine) as session:
        case = session.get(Case, case_id)
        case.facts = {"item": "Porcelain cup set"}  # a dict is taken as CaseFacts at once
        assert case.facts == CaseFacts(item="Porcelain cup set")
    with engine.begin() as conn:  # written around the model: reading it is an error naming the key
        conn.execute(text('UPDATE "case" SET facts = :facts WHERE id = :id'), {"facts": '{"_deadline_flag": "escalated"}', "id": case_id})
    with pytest.raises(ValidationError, match="_deadline_flag"):
        with session_scope(engine) as session:
            session.get(Case, case_id)


def test_a_letter_drafted_without_a_notice_still_knows_what_the_notices_said(tmp_path):
    """Follow-ups and an operator's replies have no notification: the item, reason and tracking number the
    notices named come from the case's facts, kept where the notices are folded into the case."""
    from disputed.cases import apply_notification
    from disputed.drafting import base_context
    from disputed.notification import Notification
    from disputed.vocabulary import Kind

    engine, dctx, case_id, _first = _setup(tmp_path)
    notice = Notification(kind=Kind.RETURN_REQUEST, platform="amazon", order_id="111-0000000-0000001", item="Garden hose 20 m",
                          reason="Defective", tracking_number="1Z999", marketplace="amazon.de", sku="HOSE-20")
    quiet = Notification(kind=Kind.BUYER_MESSAGE, platform="amazon", order_id="111-0000000-0000001")
    with session_scope(engine) as session:
        case = session.get(Case, case_id)
        apply_notification(case, notice, dctx.policy)
        apply_notification(case, quiet, dctx.policy)  # blanks never erase
    with session_scope(engine) as session:
        context = base_context(session.get(Case, case_id), None, dctx)
    assert (context["item"], context["reason"], context["tracking_number"], context["marketplace"]) == ("Garden hose 20 m", "Defective", "1Z999", "amazon.de")
    assert context["sku"] is None  # the notice's own, for the letter drafted from it; no letter says it later


def test_the_deadline_sweep_remembers_in_the_history_not_in_the_letter(tmp_path):
    """A draft's context is what its letter was rendered from; the sweep keeps what it has told elsewhere."""
    from datetime import timedelta

    from disputed.daemon.sweep import sweep
    from disputed.store.models import CaseEvent

    engine, dctx, case_id, first = _setup(tmp_path)
    with session_scope(engine) as session:
        draft = session.get(Draft, first)
        draft.due_at = utcnow() + timedelta(hours=1)
        context_before = dict(draft.context)
    near = sweep(dctx.settings, engine, dctx.templates)
    near_again = sweep(dctx.settings, engine, dctx.templates)
    with session_scope(engine) as session:
        session.get(Draft, first).due_at = utcnow() - timedelta(minutes=5)
    missed = sweep(dctx.settings, engine, dctx.templates)
    missed_again = sweep(dctx.settings, engine, dctx.templates)
    assert (near.escalated, near_again.escalated, missed.missed, missed_again.missed) == (1, 0, 1, 0)
    with session_scope(engine) as session:
        assert session.get(Draft, first).context == context_before
        told = [e.type for e in session.exec(select(CaseEvent).where(CaseEvent.case_id == case_id, CaseEvent.draft_id == first)).all()]
    assert [t for t in told if t in ("escalated", "deadline_missed")] == ["escalated", "deadline_missed"]


def test_choosing_the_remedy_is_the_approval_modules_step_and_rewrites_only_a_template_text(tmp_path):
    """The command line and the page both record the buyer's choice through ``queue.choose_remedy``."""
    import pytest

    from disputed.config.settings import Remedy
    from disputed.store import queue
    from disputed.store.models import CaseEvent

    engine, dctx, case_id, _first = _setup(tmp_path)
    offer = (Remedy(type="reissue"), Remedy(type="partial_refund", percent=40))
    with session_scope(engine) as session:
        queued = queue_draft(session, session.get(Case, case_id), None, QueueDraft("wrong_item", options=offer, context=LETTER), dctx, handler="test")
    with session_scope(engine) as session:
        choice = queue.choose_remedy(session, queued.id, 2, by="lena", templates=dctx.templates)
    assert choice.rewritten and choice.summary == "remedy 2: partial_refund 40%"
    with session_scope(engine) as session:
        draft = session.get(Draft, queued.id)
        assert draft.chosen_option == 2 and "40%" in draft.body
        types = [e.type for e in session.exec(select(CaseEvent).where(CaseEvent.draft_id == queued.id)).all()]
    assert types[-2:] == ["edited", "option_chosen"]
    with pytest.raises(queue.QueueError, match="no remedy 3"), session_scope(engine) as session:
        queue.choose_remedy(session, queued.id, 3, by="lena", templates=dctx.templates)
