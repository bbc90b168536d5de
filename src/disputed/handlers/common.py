"""What buyer-facing handlers share: the triage gate, the seller's remedies, and the
order facts turned into template variables.

Every value put into a QueueDraft context here is JSON-ready (str, int, bool, None,
lists and dicts of those): the pipeline stores contexts with the draft.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar

from disputed.config.settings import PolicySettings, Remedy
from disputed.handlers.base import CaseView, HandlerContext, Hold, OrderRecord, Outcome, QueueDraft
from disputed.notification import Notification
from disputed.vocabulary import Issue, Kind

# Notifications that carry a buyer's problem with one order.
BUYER_KINDS = frozenset({Kind.BUYER_MESSAGE, Kind.RETURN_REQUEST, Kind.DISPUTE})

# Claims the buyer opened through the platform and can close once the problem is solved;
# letters then ask for that (AliExpress only lets a seller reissue after the dispute is closed).
CLAIM_KINDS = frozenset({Kind.DISPUTE, Kind.ATOZ_CLAIM})


def triage_hold(note: Notification, policy: PolicySettings) -> Hold | None:
    """An unsure classification goes to an operator rather than getting a confident draft."""
    if note.confidence is not None and note.confidence < policy.triage_threshold:
        return Hold(f"issue {note.issue or 'unknown'} at confidence {note.confidence:.2f}, below {policy.triage_threshold}")
    return None


def remedies(policy: PolicySettings, issue: Issue | None) -> tuple[Remedy, ...]:
    """The options the seller offers for ``issue``, in the order the letter numbers them."""
    return tuple(policy.remedies.get(issue, ())) if issue is not None else ()


def claim_open(note: Notification, case: CaseView) -> bool:
    return bool({note.kind, case.kind, case.opened_with} & CLAIM_KINDS)


def naive_utc(value: datetime) -> datetime:
    """Store columns may hand datetimes back with or without a zone; compare them as naive UTC."""
    return value.astimezone(timezone.utc).replace(tzinfo=None) if value.tzinfo is not None else value


def iso_date(value: date | datetime | None) -> str | None:
    if value is None:
        return None
    return (naive_utc(value).date() if isinstance(value, datetime) else value).isoformat()


def promised_window(order: OrderRecord, policy: PolicySettings) -> tuple[int, date | None]:
    """The promised delivery days for the order's method and destination, and the last promised day."""
    days = policy.promised_days(order.shipping_method, order.destination)
    if order.ship_date is None:
        return days, None
    return days, naive_utc(order.ship_date).date() + timedelta(days=days)


def order_context(order: OrderRecord | None, policy: PolicySettings, now: datetime) -> dict[str, Any]:
    """The order facts as template variables; every key is present, unknown ones are None.

    ``days_remaining`` counts whole days until the promised delivery date (positive while
    inside the promise); ``days_overdue`` counts the days past it.
    """
    context: dict[str, Any] = dict.fromkeys(ORDER_CONTEXT_KEYS)
    context["order_known"] = order is not None
    if order is None:
        return context
    promised, expected_by = promised_window(order, policy)
    context.update(
        ship_date=iso_date(order.ship_date),
        shipping_method=order.shipping_method,
        destination=order.destination,
        carrier_status=order.carrier_status,
        delivered_date=iso_date(order.delivered_date),
        promised_days=promised,
        expected_by=iso_date(expected_by),
    )
    if expected_by is not None:
        left = (expected_by - naive_utc(now).date()).days
        context["days_remaining"] = max(left, 0)
        context["days_overdue"] = max(-left, 0)
    if order.tracking_number:
        context["tracking_number"] = order.tracking_number  # else the pipeline's value stands
    return context


ORDER_CONTEXT_KEYS = (
    "order_known",
    "ship_date",
    "shipping_method",
    "destination",
    "carrier_status",
    "delivered_date",
    "promised_days",
    "expected_by",
    "days_remaining",
    "days_overdue",
)


def money(text: str | Decimal | None) -> Decimal | None:
    """A printed amount as a Decimal: ``119,00``, ``1.234,56``, ``$1,234.56`` and ``23.4`` all read."""
    if text is None:
        return None
    if isinstance(text, Decimal):
        return text
    cleaned = "".join(ch for ch in str(text) if ch.isdigit() or ch in ",.")
    if "," in cleaned and "." in cleaned:
        decimal_mark = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
    elif "," in cleaned:
        decimal_mark = "," if len(cleaned) - cleaned.rfind(",") - 1 in (1, 2) else "."
    else:
        decimal_mark = "."
    thousands = "." if decimal_mark == "," else ","
    cleaned = cleaned.replace(thousands, "").replace(decimal_mark, ".")
    try:
        return Decimal(cleaned) if cleaned else None
    except InvalidOperation:
        return None


class BuyerReply(ABC):
    """A handler that answers the buyer. Unsure classifications are held for an operator."""

    name: ClassVar[str]
    kinds: ClassVar[frozenset[Kind]] = BUYER_KINDS
    issues: ClassVar[frozenset[Issue] | None]

    def handle(self, note: Notification, case: CaseView, ctx: HandlerContext) -> list[Outcome]:
        held = triage_hold(note, ctx.policy)
        return [held] if held else self.reply(note, case, ctx)

    @abstractmethod
    def reply(self, note: Notification, case: CaseView, ctx: HandlerContext) -> list[Outcome]:
        """The outcomes for a notification the handler is sure about."""


class OfferReply(BuyerReply):
    """Apologise, ask for what the seller needs to check, and offer the seller's remedies
    for ``issue`` (template named after the handler)."""

    issue: ClassVar[Issue]

    def reply(self, note: Notification, case: CaseView, ctx: HandlerContext) -> list[Outcome]:
        return [QueueDraft(self.name, options=self.options(ctx.policy), context=self.context(note, case, ctx))]

    def options(self, policy: PolicySettings) -> tuple[Remedy, ...]:
        return remedies(policy, self.issue)

    def context(self, note: Notification, case: CaseView, ctx: HandlerContext) -> dict[str, Any]:
        return {"dispute_open": claim_open(note, case)}
