"""The seller shipped to a wrong address.

Two ways in: a buyer says the parcel never came and the operator has recorded
``carrier_status = "wrong_address"`` for the order (CSV import), which makes the
not-received handler choose this variant; or an operator starts the letter for a case
with ``wrong_address_letter`` (for the command line).
"""

from __future__ import annotations

from datetime import datetime

from disputed.config.settings import PolicySettings
from disputed.handlers.base import OrderRecord, QueueDraft
from disputed.handlers.common import order_context, remedies
from disputed.vocabulary import Issue

TEMPLATE = "not_received.wrong_address"


def wrong_address_letter(policy: PolicySettings, now: datetime, order: OrderRecord | None = None, *, dispute_open: bool = False) -> QueueDraft:
    """Apologise for the seller's mistake, ask the buyer to confirm the address, and offer
    the seller's not-received remedies (resend or refund)."""
    context = {**order_context(order, policy, now), "dispute_open": dispute_open}
    return QueueDraft(TEMPLATE, options=remedies(policy, Issue.NOT_RECEIVED), context=context)
