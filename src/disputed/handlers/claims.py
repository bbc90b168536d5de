"""Claims the buyer raised through the platform, the platform's decisions, and what is
left for an operator.

An A-to-z claim or a chargeback gets the buyer reply its issue calls for (from the same
handlers that answer buyer messages) and, in addition, a response letter to the platform
with the order facts and what the buyer was offered.
"""

from __future__ import annotations

from collections.abc import Sequence

from disputed.handlers.base import (
    OPERATOR_QUESTION,
    CaseView,
    Handler,
    HandlerContext,
    Hold,
    Ignore,
    Outcome,
    QueueDraft,
    option_dicts,
)
from disputed.handlers.common import BUYER_KINDS, BuyerReply, order_context, triage_hold
from disputed.notification import Notification
from disputed.vocabulary import Audience, Issue, Kind


class PlatformClaim:
    """Buyer reply by issue plus a platform response letter (``letter``)."""

    name = "atoz_claim"
    kinds = frozenset({Kind.ATOZ_CLAIM})
    issues = None
    letter = "platform.atoz_response"

    def __init__(self, buyer_handlers: Sequence[Handler]) -> None:
        self.buyer_handlers = tuple(buyer_handlers)

    def handle(self, note: Notification, case: CaseView, ctx: HandlerContext) -> list[Outcome]:
        held = triage_hold(note, ctx.policy)  # what the buyer was offered depends on the issue: an unsure one waits
        if held is not None:
            return [held]
        buyer = self._buyer_outcomes(note, case, ctx)
        offered = next((o.options for o in buyer if isinstance(o, QueueDraft) and o.audience == Audience.BUYER), ())
        context = {**order_context(ctx.order, ctx.policy, ctx.now), "offered": option_dicts(offered)}
        if ctx.order is None:
            context[OPERATOR_QUESTION] = "No order facts: complete the shipment lines marked [[FILL IN]] before sending."
        return [*buyer, QueueDraft(self.letter, audience=Audience.PLATFORM, context=context)]

    def _buyer_outcomes(self, note: Notification, case: CaseView, ctx: HandlerContext) -> list[Outcome]:
        if note.issue is None or note.issue == Issue.OTHER:
            return []
        for handler in self.buyer_handlers:
            if handler.issues is not None and note.issue in handler.issues:
                return handler.handle(note, case, ctx)
        return []


class Chargeback(PlatformClaim):
    name = "chargeback"
    kinds = frozenset({Kind.CHARGEBACK})
    letter = "platform.chargeback_response"


class ReturnRequest(BuyerReply):
    """A return request whose reason is no fault of the item ("no longer needed") or is
    unknown: acknowledge it, ask whether anything was wrong, and offer the seller's
    options for ``other`` if there are any."""

    name = "return_request"
    kinds = frozenset({Kind.RETURN_REQUEST})
    issues = None

    def reply(self, note: Notification, case: CaseView, ctx: HandlerContext) -> list[Outcome]:
        return [QueueDraft(self.name, options=tuple(ctx.policy.remedies.get(Issue.OTHER, ())))]


class ClaimDecision:
    """The platform decided a claim or chargeback: an operator reads it and decides on an appeal."""

    name = "claim_decision"
    kinds = frozenset({Kind.ATOZ_DECISION, Kind.CHARGEBACK_DECISION})
    issues = None

    def handle(self, note: Notification, case: CaseView, ctx: HandlerContext) -> list[Outcome]:
        return [Hold(f"{note.kind} received: read the decision and decide whether to appeal")]


class RefundIssued:
    name = "refund_issued"
    kinds = frozenset({Kind.REFUND_ISSUED})
    issues = None

    def handle(self, note: Notification, case: CaseView, ctx: HandlerContext) -> list[Outcome]:
        return [Ignore("refund issued; recorded, nothing to answer")]


class Triage:
    """Last in line for buyer notifications: an issue nobody handles, ``other``, or none."""

    name = "triage"
    kinds = BUYER_KINDS
    issues = None

    def handle(self, note: Notification, case: CaseView, ctx: HandlerContext) -> list[Outcome]:
        held = triage_hold(note, ctx.policy)
        if held is not None:
            return [held]
        return [Hold(f"buyer issue {note.issue or 'unknown'}: no standard answer, an operator decides")]
