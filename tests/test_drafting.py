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
