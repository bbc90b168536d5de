"""The item is not what the buyer expected: not as described, wrong item, size, exchange."""

from __future__ import annotations

from typing import Any

from disputed.handlers.base import CaseView, HandlerContext, OrderRecord
from disputed.handlers.common import OfferReply, claim_open
from disputed.notification import Notification
from disputed.vocabulary import Issue


class NotAsDescribed(OfferReply):
    """Colour, size or style differs from the listing: ask whether the variant ordered was
    the one meant (multi-variant listings are the usual cause), then offer the remedies."""

    name = "not_as_described"
    issue = Issue.NOT_AS_DESCRIBED
    issues = frozenset({Issue.NOT_AS_DESCRIBED})


class WrongItem(OfferReply):
    """A different item arrived: ask for a photo of the label on the bag (it tells a wrong
    label from a picking error), then offer keep-with-compensation, reissue or refund."""

    name = "wrong_item"
    issue = Issue.WRONG_ITEM
    issues = frozenset({Issue.WRONG_ITEM})


class SizeFit(OfferReply):
    name = "size_fit"
    issue = Issue.SIZE_FIT
    issues = frozenset({Issue.SIZE_FIT})


def shipped(order: OrderRecord | None) -> bool | None:
    """Whether the order has left the warehouse; None when there are no facts to tell."""
    if order is None:
        return None
    return order.ship_date is not None or order.carrier_status is not None


class ExchangeRequest(OfferReply):
    """The buyer wants another size or colour. Once dispatched the parcel cannot be changed,
    so the letter offers the seller's remedies; before dispatch it asks what to change."""

    name = "exchange_request"
    issue = Issue.EXCHANGE_REQUEST
    issues = frozenset({Issue.EXCHANGE_REQUEST})

    def context(self, note: Notification, case: CaseView, ctx: HandlerContext) -> dict[str, Any]:
        return {"dispute_open": claim_open(note, case), "shipped": shipped(ctx.order)}
