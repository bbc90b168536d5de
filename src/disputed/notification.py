"""The typed notification: what the parse stage hands to the case stage."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import datetime
from decimal import Decimal
from typing import Any

from disputed.vocabulary import Issue, Kind, Platform, Remedy


@dataclass(frozen=True)
class Notification:
    """One message, understood.

    Every field but ``kind`` may be unknown (None). ``authentic`` is None for mail
    that does not claim to come from a marketplace, True when the sender passed the
    authenticity check, False when it claimed a marketplace and failed.
    """

    kind: Kind
    platform: Platform | None = None
    issue: Issue | None = None
    order_id: str | None = None
    asin: str | None = None
    sku: str | None = None
    item: str | None = None
    quantity: int | None = None
    reason: str | None = None  # the return / dispute reason exactly as printed
    buyer_comment: str | None = None  # the buyer's own words
    buyer_name: str | None = None
    reply_to: str | None = None  # where a reply reaches the buyer (relay address)
    amount: Decimal | None = None
    currency: str | None = None
    deadline: datetime | None = None
    language: str | None = None
    authentic: bool | None = None
    auth_evidence: str = ""
    confidence: float | None = None  # how sure the issue classifier was, 0..1
    marketplace: str | None = None  # e.g. "amazon.de", "ebay.com"
    tracking_number: str | None = None
    chosen_option: int | None = None  # 1-based, when the buyer picks an offered remedy
    subject: str = ""
    sender: str = ""
    message_id: str | None = None
    in_reply_to: str | None = None
    references: tuple[str, ...] = ()
    received_at: datetime | None = None
    body_text: str = ""
    remarks: tuple[str, ...] = field(default=())  # decoding repairs, parser remarks
    case_id: str | None = None  # the platform's own return / case / dispute number
    buyer_request: str | None = None  # what the buyer asks for in a dispute: "refund" or "return_and_refund"
    bounced_recipients: tuple[str, ...] = ()  # for a bounce: the addresses that failed
    # What the buyer's own words ask and offer (``parsers.reading``), for an operator who does not read them:
    remedy: Remedy | None = None  # the remedy asked for; None when there are no buyer words
    attachments: tuple[str, ...] = ()  # what they say they attached: "photo", "video"
    mentioned_facts: tuple[str, ...] = ()  # order facts named in their words: "order 123-456", "40 days", "25.00 EUR"
    # What an account notice is about (``parsers.account``); None for every other kind:
    metric: str | None = None  # the performance metric named: "order_defect_rate", "late_shipment_rate"...
    funds_held: bool | None = None  # whether the notice speaks of held funds
    listing_cause: str | None = None  # why a listing was closed: "customer_experience", "ip"

    def public_dict(self) -> dict[str, Any]:
        """JSON-ready view; enum members become their contract strings. (The fields are flat,
        so no deep copy as ``asdict`` makes: this runs once per message in a backfill.)"""
        out: dict[str, Any] = {}
        for key in _PUBLIC_FIELDS:
            value = getattr(self, key)
            if isinstance(value, Decimal):
                value = str(value)
            elif isinstance(value, datetime):
                value = value.isoformat()
            elif isinstance(value, tuple):
                value = list(value)
            out[key] = value
        return out


_PUBLIC_FIELDS = tuple(f.name for f in fields(Notification) if f.name != "body_text")
