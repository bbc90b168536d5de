"""Questions rather than complaints: tracking, customs, how to use it, cancelling."""

from __future__ import annotations

from typing import Any

from disputed.handlers.base import OPERATOR_QUESTION, CaseView, HandlerContext, Outcome, QueueDraft
from disputed.handlers.common import BuyerReply, OfferReply, claim_open, order_context, remedies
from disputed.handlers.described import shipped
from disputed.notification import Notification
from disputed.vocabulary import Issue, Kind


class TrackingInquiry(BuyerReply):
    """Where is it, when will it come: the tracking number, ship date and promised date from
    the order facts; fill-ins for the operator when there are none."""

    name = "tracking_inquiry"
    issues = frozenset({Issue.TRACKING_INQUIRY})

    def reply(self, note: Notification, case: CaseView, ctx: HandlerContext) -> list[Outcome]:
        context = order_context(ctx.order, ctx.policy, ctx.now)
        if ctx.order is None:
            context[OPERATOR_QUESTION] = "No order facts: fill in the ship date and tracking number, or import the order report."
        return [QueueDraft(self.name, context=context)]


class CustomsTax(OfferReply):
    """Import duties are set by the destination's customs, not the seller. The letter says
    so kindly; goodwill options come from the seller's policy for customs_tax, if any."""

    name = "customs_tax"
    issue = Issue.CUSTOMS_TAX
    issues = frozenset({Issue.CUSTOMS_TAX})


class UsageQuestion(BuyerReply):
    """How do I use it: the answer is product knowledge, so the draft leaves it to the operator."""

    name = "usage_question"
    issues = frozenset({Issue.USAGE_QUESTION})

    def reply(self, note: Notification, case: CaseView, ctx: HandlerContext) -> list[Outcome]:
        return [QueueDraft(self.name, context={OPERATOR_QUESTION: "Write the answer or attach the manual where marked."})]


class Cancellation(BuyerReply):
    """Before dispatch the order is cancelled; after it, the parcel cannot be stopped, so the
    buyer may refuse it or use the seller's cancellation remedies (usually a return)."""

    name = "cancellation"
    issues = frozenset({Issue.CANCELLATION})
    template = "cancellation"

    def reply(self, note: Notification, case: CaseView, ctx: HandlerContext) -> list[Outcome]:
        has_left = shipped(ctx.order)
        options = remedies(ctx.policy, Issue.CANCELLATION) if has_left else ()
        context: dict[str, Any] = {"shipped": has_left, "dispute_open": claim_open(note, case)}
        if has_left is None:
            context[OPERATOR_QUESTION] = "No order facts: say whether the order has shipped where marked."
        return [QueueDraft(self.template, options=options, context=context)]


class CancellationRequest(Cancellation):
    """The platform's own cancellation-request notice; it may carry no buyer issue."""

    name = "cancellation_request"
    kinds = frozenset({Kind.CANCELLATION_REQUEST})
    issues = None
