"""Item not received: the order facts decide which of the variants the buyer gets.

Variants (template ``not_received.<variant>``):
  in_transit     shipped, still inside the promised delivery time: ask to wait, say how
                 many days remain; no refund yet, so no options
  overdue        past the promised delivery time: reissue or refund
  delivered      the carrier says delivered: ask to check with family, neighbours and the
                 local post office
  lost           no tracking information, or the carrier lost it: reissue or refund
  returned       returned to sender: confirm the address, resend or refund
  wrong_address  the seller shipped to a wrong address (the operator records
                 carrier_status = "wrong_address" in the order facts): apologise, resend or refund
  no_facts       nothing (or no ship date) on record: the draft marks what the operator
                 must fill in
"""

from __future__ import annotations

from disputed.handlers.base import OPERATOR_QUESTION, CaseView, HandlerContext, OrderRecord, Outcome, QueueDraft
from disputed.handlers.common import BuyerReply, claim_open, naive_utc, order_context, promised_window, remedies
from disputed.notification import Notification
from disputed.vocabulary import Issue

# Variants in which the seller offers remedies now; the others explain and ask first.
OFFERING_VARIANTS = frozenset({"overdue", "lost", "returned", "wrong_address"})


def variant(order: OrderRecord | None, ctx: HandlerContext) -> str:
    if order is None:
        return "no_facts"
    status = order.carrier_status
    if status in ("wrong_address", "returned"):
        return status
    if status == "delivered" or order.delivered_date is not None:
        return "delivered"
    if status in ("lost", "no_tracking"):
        return "lost"
    _, expected_by = promised_window(order, ctx.policy)
    if expected_by is None:
        return "no_facts"
    return "in_transit" if expected_by > naive_utc(ctx.now).date() else "overdue"


def _operator_note(order: OrderRecord | None, order_id: str | None) -> str | None:
    if order is None:
        return (
            f"No order facts for {order_id or 'this order'}: import the order report "
            "(disputed orders import FILE) and reprocess, or complete the [[FILL IN]] lines."
        )
    if order.ship_date is None:
        return f"The order report has no ship date for {order.order_id}: complete the [[FILL IN]] lines."
    return None


class NotReceived(BuyerReply):
    name = "not_received"
    issues = frozenset({Issue.NOT_RECEIVED})

    def reply(self, note: Notification, case: CaseView, ctx: HandlerContext) -> list[Outcome]:
        chosen = variant(ctx.order, ctx)
        context = {**order_context(ctx.order, ctx.policy, ctx.now), "dispute_open": claim_open(note, case)}
        if chosen == "no_facts":
            context[OPERATOR_QUESTION] = _operator_note(ctx.order, case.order_id or note.order_id)
        options = remedies(ctx.policy, Issue.NOT_RECEIVED) if chosen in OFFERING_VARIANTS else ()
        return [QueueDraft(f"not_received.{chosen}", options=options, context=context)]
