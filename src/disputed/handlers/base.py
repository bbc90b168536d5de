"""What a handler is: a small, pure decision from a case to outcomes.

Handlers do no I/O and import nothing of the store. They read plain values (the
notification, a ``CaseView`` of the case, and a ``HandlerContext``: the seller's policy, the
order facts, and the case's history and last offer, each read when first asked for) and
return outcomes; drafting turns outcomes into draft rows.

Adding a handler:
1. A class with ``name``, ``kinds``, ``issues`` and ``handle`` (the ``Handler`` protocol) in
   a module of this package, and an instance in ``handlers.REGISTRY`` at the place its
   order calls for (the first handler that takes a kind and issue handles it).
2. A handler that answers a buyer's words extends ``common.BuyerReply``, or calls
   ``common.triage_hold`` first: that is the one triage gate, nothing else holds an unsure
   classification for an operator.
3. Whom a letter is for is a ``vocabulary.Audience``; a letter's template is
   ``languages/<code>/templates/<name>.txt`` in every served language for a buyer, English
   for a platform. The variables are ``BASE_CONTEXT_KEYS`` plus what ``QueueDraft.context`` adds.
4. A new kind or issue is a new public name: ``vocabulary``, the README's Names section and
   ``tests/test_vocabulary.py``.
5. Tests in ``tests/handlers/`` (``kit.run`` routes and handles as the pipeline does, and
   renders every letter).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any, ClassVar, Protocol

from disputed.config.settings import PolicySettings, Remedy
from disputed.notification import Notification
from disputed.vocabulary import Audience, Issue, Kind


@dataclass(frozen=True)
class QueueDraft:
    """Render ``template`` in the case's language and queue it for approval."""

    template: str  # file name without language or suffix, e.g. "wrong_item" or "not_received.in_transit"
    audience: Audience = Audience.BUYER
    options: tuple[Remedy, ...] = ()  # remedies offered, in the order the letter numbers them
    context: Mapping[str, Any] = field(default_factory=dict)  # extra template variables
    to: str | None = None  # None: the buyer (or the platform, for platform letters) from the case


@dataclass(frozen=True)
class Hold:
    """Put the case in front of an operator with a reason; no draft."""

    reason: str


@dataclass(frozen=True)
class Ignore:
    """Nothing to do; the reason goes into the case history."""

    reason: str


@dataclass(frozen=True)
class ScheduleFollowUp:
    """Queue ``template`` ``days`` from now, unless the case is resolved first."""

    template: str
    days: int
    context: Mapping[str, Any] = field(default_factory=dict)


Outcome = QueueDraft | Hold | Ignore | ScheduleFollowUp


@dataclass(frozen=True)
class OrderRecord:
    """What the seller's order report says about an order."""

    order_id: str
    ship_date: datetime | None = None
    shipping_method: str | None = None
    destination: str | None = None
    tracking_number: str | None = None
    carrier_status: str | None = None  # one of CARRIER_STATUSES
    delivered_date: datetime | None = None
    item: str | None = None
    platform: str | None = None
    buyer_name: str | None = None
    buyer_email: str | None = None  # where proactive order mail goes (a marketplace relay address)


@dataclass(frozen=True)
class CaseView:
    """A case as a handler sees it: plain values, no session."""

    id: int
    key: str
    kind: Kind
    issue: Issue | None
    platform: str | None
    order_id: str | None
    language: str
    status: str
    buyer_name: str | None = None
    asin: str | None = None
    amount: str | None = None
    currency: str | None = None
    opened_with: Kind | None = None  # the kind of the case's first notification (e.g. feedback)


@dataclass(frozen=True)
class HistoryItem:
    at: datetime
    type: str
    detail: str


def _nothing() -> tuple[()]:
    return ()


@dataclass(frozen=True)
class HandlerContext:
    """Everything a handler may know.

    The case's history and the remedies its last buyer letter offered are there for every handler; each is
    read from the store when a handler first asks for it (most never do), through the reader the pipeline
    hands in."""

    policy: PolicySettings
    now: datetime
    order: OrderRecord | None = None
    read_history: Callable[[], Iterable[HistoryItem]] = _nothing
    read_offered: Callable[[], Iterable[Remedy]] = _nothing

    @cached_property
    def history(self) -> tuple[HistoryItem, ...]:
        """The case's history, oldest first."""
        return tuple(self.read_history())

    @cached_property
    def offered(self) -> tuple[Remedy, ...]:
        """The remedies the case's newest buyer letter offered, in the order it numbered them."""
        return tuple(self.read_offered())


class Handler(Protocol):
    name: ClassVar[str]  # registry key, logged with every decision
    kinds: ClassVar[frozenset[Kind]]  # notification kinds it takes
    issues: ClassVar[frozenset[Issue] | None]  # buyer issues it takes; None means any (or none)

    def handle(self, note: Notification, case: CaseView, ctx: HandlerContext) -> list[Outcome]: ...


# --- Conventions shared by handlers, templates and the pipeline -------------------

# What the carrier (or the operator) says about a parcel. ``wrong_address`` is set by
# the operator when the seller shipped to a wrong address; it selects the apology variant.
CARRIER_STATUSES = ("in_transit", "delivered", "returned", "lost", "no_tracking", "wrong_address")

# Variables the pipeline puts into every template's context (any may be None).
BASE_CONTEXT_KEYS = (
    "buyer_name",
    "order_id",
    "item",
    "asin",
    "sku",
    "quantity",
    "reason",
    "buyer_comment",
    "amount",
    "currency",
    "platform",
    "marketplace",
    "seller_name",
    "shop_name",
    "tracking_number",
    "case_id",
    "today",
)

# QueueDraft.context keys with a meaning to the pipeline:
NEEDS_CLAIM_CODE = "needs_claim_code"  # True: fill CLAIM_CODE from the seller's pool
CLAIM_CODE = "claim_code"  # the code itself; None leaves an operator fill-in in the letter
CLAIM_CODE_PERCENT = "claim_code_percent"  # which pool (ClaimCode.percent); None takes any
# Asks the operator for a fact; the draft waits for their edit; never rendered. (Stored in drafts' context as
# "operator_note", the key the pages and stored drafts already use.)
OPERATOR_QUESTION = "operator_note"
OPERATOR_ADVICE = "operator_advice"  # tells the operator something (nothing to complete); never rendered

# Context keys the pipeline itself adds:
BUYER_WRITTEN_ON = "buyer_written_on"  # letters that say whether the buyer was written to: the first send's date, or None
SUPERSEDED_EDIT = "superseded_edit"  # an operator's edit of the draft this one replaced: draft_id, to_addr, subject, body

# Places an operator must complete before a draft can go out are written [[FILL IN: ...]].
_FILL_IN = re.compile(r"\[\[(.+?)\]\]", re.S)


def unfilled(text: str) -> list[str]:
    """The operator fill-ins still present in a rendered draft, e.g. ``["FILL IN: claim code"]``."""
    return [m.strip() for m in _FILL_IN.findall(text)]


def option_dicts(options: Iterable[Remedy]) -> list[dict[str, Any]]:
    """Remedies as templates see them: numbered from 1 in the order offered."""
    return [remedy_dict(remedy, number) for number, remedy in enumerate(options, 1)]


def remedy_dict(remedy: Remedy, number: int | None = None) -> dict[str, Any]:
    return {"type": remedy.type, "percent": remedy.percent, "amount": remedy.amount, "number": number}


def remedies_from_dicts(options: Iterable[Mapping[str, Any]]) -> tuple[Remedy, ...]:
    """Back from stored option dicts (a draft's ``options``) to Remedy values."""
    return tuple(Remedy(type=o["type"], percent=o.get("percent"), amount=o.get("amount")) for o in options)
