"""The handler registry: an explicit, ordered list. The first handler that takes a
notification's kind and issue handles it.

Order matters where a kind is taken by more than one handler: the option-choice
follow-up comes before anything else a buyer message could match; negative feedback,
claims and cancellation notices take their kind whatever the issue; the issue handlers
answer buyer messages, return requests and disputes; what is left of those reaches the
generic return-request reply (return requests) or triage (everything else). Kinds that
must never be answered (bounce, auto_reply, unrecognised) have no handler.
"""

from __future__ import annotations

from disputed.handlers.account import (
    AccountDeactivated,
    AccountReview,
    IpInfringement,
    ListingRemoved,
    PerformanceWarning,
    PolicyWarning,
)
from disputed.handlers.base import Handler
from disputed.handlers.claims import Chargeback, ClaimDecision, PlatformClaim, RefundIssued, ReturnRequest, Triage
from disputed.handlers.condition import Damaged, EmptyPackage, MissingParts, QualityDefect
from disputed.handlers.described import ExchangeRequest, NotAsDescribed, SizeFit, WrongItem
from disputed.handlers.feedback import NegativeFeedback
from disputed.handlers.not_received import NotReceived
from disputed.handlers.option_choice import OptionChoice
from disputed.handlers.questions import Cancellation, CancellationRequest, CustomsTax, TrackingInquiry, UsageQuestion
from disputed.vocabulary import Issue, Kind

# One per buyer issue; A-to-z claims and chargebacks reuse them for their buyer reply.
ISSUE_HANDLERS: tuple[Handler, ...] = (
    NotReceived(),
    WrongItem(),
    NotAsDescribed(),
    QualityDefect(),
    Damaged(),
    MissingParts(),
    EmptyPackage(),
    SizeFit(),
    ExchangeRequest(),
    CustomsTax(),
    TrackingInquiry(),
    UsageQuestion(),
    Cancellation(),
)

REGISTRY: tuple[Handler, ...] = (
    OptionChoice(),
    NegativeFeedback(),
    PlatformClaim(ISSUE_HANDLERS),
    Chargeback(ISSUE_HANDLERS),
    CancellationRequest(),
    *ISSUE_HANDLERS,
    ReturnRequest(),
    Triage(),
    ClaimDecision(),
    RefundIssued(),
    PerformanceWarning(),
    AccountDeactivated(),
    AccountReview(),
    IpInfringement(),
    ListingRemoved(),
    PolicyWarning(),
)


def route(kind: Kind, issue: Issue | None, registry: tuple[Handler, ...] | None = None) -> Handler | None:
    for handler in REGISTRY if registry is None else registry:
        if kind in handler.kinds and (handler.issues is None or issue in handler.issues):
            return handler
    return None
