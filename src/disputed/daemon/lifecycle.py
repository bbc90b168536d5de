"""Order life-cycle mail: drafts for imported orders, when the seller asks for them.

``[policy] lifecycle`` names the stages wanted (shipped, delivery_check,
feedback_request). An order gets at most one letter per stage, only when its facts
call for it (``handlers.lifecycle.due_stage``) and only while no dispute is open on
it: nobody should be asked for feedback in the middle of a claim.
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from disputed.config.settings import Settings
from disputed.drafting import DraftingContext, queue_draft
from disputed.handlers.lifecycle import due_stage, lifecycle_draft
from disputed.orders import order_record
from disputed.rendering import TemplateLibrary
from disputed.store.db import session_scope
from disputed.store.models import Case, CaseStatus, Draft, OrderFact, utcnow
from disputed.store.history import record

log = logging.getLogger(__name__)

BATCH = 500


def queue_lifecycle(settings: Settings, engine: Engine, templates: TemplateLibrary, *, now: datetime | None = None) -> int:
    """Queue the life-cycle letters that are due; returns how many."""
    wanted = set(settings.policy.lifecycle)
    if not wanted:
        return 0
    dctx = DraftingContext(settings=settings, templates=templates, now=now or utcnow())
    queued = 0
    with session_scope(engine) as session:
        ids = session.exec(select(OrderFact.order_id).where(OrderFact.buyer_email.is_not(None)).order_by(OrderFact.order_id).limit(BATCH * 20)).all()
        for order_id in ids:
            queued += _one_order(session, order_id, wanted, dctx)
    if queued:
        log.info("%d order life-cycle draft(s) queued", queued)
    return queued


def _one_order(session: Session, order_id: str, wanted: set[str], dctx: DraftingContext) -> int:
    order = order_record(session, order_id)
    key = f"{order.platform or 'shop'}:{order_id}"
    case = session.exec(select(Case).where(Case.key == key)).first()
    if case is not None and case.kind is not None and case.status != CaseStatus.RESOLVED:
        return 0  # a dispute is open on this order
    stage = due_stage(order, dctx.now, _sent_stages(session, case), feedback_after_days=dctx.policy.feedback_after_days)
    if stage is None or stage.value not in wanted:
        return 0
    if case is None:
        case = Case(key=key, platform=order.platform, order_id=order_id, buyer_name=order.buyer_name, buyer_address=order.buyer_email, subject=f"Order {order_id}")
        session.add(case)
        session.flush()
    outcome = lifecycle_draft(stage, dctx.policy, dctx.now, order)
    draft = queue_draft(session, case, None, outcome, dctx, handler="lifecycle")
    record(session, case_id=case.id, type="lifecycle", detail=f"{stage.value} letter queued as draft {draft.id}")
    return 1


def _sent_stages(session: Session, case: Case | None) -> set[str]:
    if case is None:
        return set()
    # Every stage drafted counts, whatever became of it: a rejected letter is not offered again,
    # and one superseded by the next stage is no longer wanted.
    return set(session.exec(select(Draft.template).where(Draft.case_id == case.id, Draft.template.startswith("order."))).all())
