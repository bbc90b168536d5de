"""Account health: letters to the platform, in English (platforms read English).

Each letter gives the structure the platform expects and the seller's standard steps;
the specifics only the seller knows (the root cause of these orders, dates, document
names) are left as [[FILL IN]] places for the operator. What a notice is about (the metric,
held funds, a listing's cause) the parser has read into the notification (``parsers.account``).
"""

from __future__ import annotations

from typing import Any, ClassVar

from disputed.handlers.base import CaseView, HandlerContext, Outcome, QueueDraft
from disputed.notification import Notification
from disputed.vocabulary import Audience, Kind


class PlatformLetter:
    """Answer an account notice with ``template``, addressed to the platform."""

    name: ClassVar[str]
    kinds: ClassVar[frozenset[Kind]]
    issues = None
    template: ClassVar[str]

    def handle(self, note: Notification, case: CaseView, ctx: HandlerContext) -> list[Outcome]:
        return [QueueDraft(self.template, audience=Audience.PLATFORM, context=self.context(note))]

    def context(self, note: Notification) -> dict[str, Any]:
        return {}


class PerformanceWarning(PlatformLetter):
    """A metric (order defect rate above 1%, late shipments...) missed its target: a plan of
    action with root cause, corrective steps and preventive steps."""

    name = "performance_warning"
    kinds = frozenset({Kind.PERFORMANCE_WARNING})
    template = "platform.plan_of_action"

    def context(self, note: Notification) -> dict[str, Any]:
        return {"metric": note.metric}


class AccountDeactivated(PlatformLetter):
    """Selling privileges removed: an appeal with cause, corrections and prevention, and a
    request to release held funds when the notice mentions them."""

    name = "account_deactivated"
    kinds = frozenset({Kind.ACCOUNT_DEACTIVATED})
    template = "platform.appeal"

    def context(self, note: Notification) -> dict[str, Any]:
        return {"funds_held": bool(note.funds_held)}


class AccountReview(PlatformLetter):
    """The account is under review (often with funds held): the business information the
    review asks for, and a plan."""

    name = "account_review"
    kinds = frozenset({Kind.ACCOUNT_REVIEW})
    template = "platform.account_review"

    def context(self, note: Notification) -> dict[str, Any]:
        return {"funds_held": bool(note.funds_held)}


class IpInfringement(PlatformLetter):
    """An intellectual-property complaint: apology and remediation."""

    name = "ip_infringement"
    kinds = frozenset({Kind.IP_INFRINGEMENT})
    template = "platform.ip_remediation"


class ListingRemoved(PlatformLetter):
    """A listing closed (negative customer experience, image or IP problem): remediation."""

    name = "listing_removed"
    kinds = frozenset({Kind.LISTING_REMOVED})
    template = "platform.listing_remediation"

    def context(self, note: Notification) -> dict[str, Any]:
        return {"cause": note.listing_cause}


class PolicyWarning(PlatformLetter):
    name = "policy_warning"
    kinds = frozenset({Kind.POLICY_WARNING})
    template = "platform.policy_warning"
