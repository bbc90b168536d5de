"""Order life cycle: optional proactive mail, called by the scheduler, not by notifications.

  unpaid             reminder that an order is not paid yet (offer help with price or size)
  payment_confirmed  payment received; when it will ship (``handling_days``)
  shipped            shipped, with tracking number and promised delivery date
  delivery_check     the carrier says delivered: has it arrived well?
  feedback_request   some days after delivery: a neutral invitation to leave feedback

``due_stage`` picks the next stage the order facts support (shipped, delivery_check,
feedback_request); unpaid and payment_confirmed depend on payment events the order facts
do not carry, so the scheduler asks for them by name.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta
from enum import StrEnum

from disputed.config.settings import PolicySettings
from disputed.handlers.base import OrderRecord, QueueDraft
from disputed.handlers.common import naive_utc, order_context


class Stage(StrEnum):
    UNPAID = "unpaid"
    PAYMENT_CONFIRMED = "payment_confirmed"
    SHIPPED = "shipped"
    DELIVERY_CHECK = "delivery_check"
    FEEDBACK_REQUEST = "feedback_request"


def template_for(stage: Stage) -> str:
    return f"order.{stage.value}"


def lifecycle_draft(stage: Stage, policy: PolicySettings, now: datetime, order: OrderRecord | None = None, *, handling_days: int | None = None) -> QueueDraft:
    """The proactive letter for ``stage``; ``handling_days`` is how soon a paid order ships."""
    context = {**order_context(order, policy, now), "handling_days": handling_days}
    return QueueDraft(template_for(Stage(stage)), context=context)


def due_stage(order: OrderRecord, now: datetime, already_sent: Collection[str], *, feedback_after_days: int = 7) -> Stage | None:
    """The next life-cycle letter the order facts call for and that has not gone out.

    ``already_sent`` holds stage names (or their template names) sent for this order.
    """
    sent = {name.removeprefix("order.") for name in already_sent}
    delivered = order.carrier_status == "delivered" or order.delivered_date is not None
    if delivered:
        if Stage.DELIVERY_CHECK not in sent:
            return Stage.DELIVERY_CHECK
        since = order.delivered_date  # without a date, nobody can tell when "some days later" is
        if Stage.FEEDBACK_REQUEST not in sent and since is not None and naive_utc(now) - naive_utc(since) >= timedelta(days=feedback_after_days):
            return Stage.FEEDBACK_REQUEST
        return None
    if order.ship_date is not None and Stage.SHIPPED not in sent:
        return Stage.SHIPPED
    return None
