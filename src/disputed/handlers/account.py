"""Account health: letters to the platform, in English (platforms read English).

Each letter gives the structure the platform expects and the seller's standard steps;
the specifics only the seller knows (the root cause of these orders, dates, document
names) are left as [[FILL IN]] places for the operator.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from disputed.handlers.base import CaseView, HandlerContext, Outcome, QueueDraft
from disputed.notification import Notification
from disputed.vocabulary import Audience, Kind

# Which account metric a performance notice is about, by the words marketplaces use.
METRICS = {
    "order_defect_rate": r"order defect rate|\bodr\b|bestellmängelquote|taux de défauts de commande|tasso di difettosità|tasa de defectos|注文不良率",
    "late_shipment_rate": r"late shipment|verspätete[n]? versand|expéditions? en retard|spedizion[ei] in ritardo|envíos? con retraso|出荷遅延",
    "cancellation_rate": r"cancellation rate|pre-fulfil+ment cancel|stornorate|stornierungsrate|taux d'annulation|tasso di cancellazione|tasa de cancelación|キャンセル率",
    "valid_tracking_rate": r"valid tracking|gültige[n]? sendungsverfolgung|suivi valide|tracciabilità valida|seguimiento válido|追跡可能率",
}

FUNDS = r"\bfunds?\b|\breserve\b|disbursement|guthaben|auszahlung|\bfonds\b|\bfondi\b|\bfondos\b|資金|売上金"

LISTING_CAUSES = {
    "customer_experience": r"customer experience|kundenerfahrung|expérience client|esperienza (del )?cliente|experiencia del cliente|購入者の体験",
    "ip": r"intellectual property|trademark|copyright|image|bild|marque|marchio|marca|知的財産|商標|画像",
}


def _text(note: Notification) -> str:
    return f"{note.subject}\n{note.body_text}".lower()


def first_match(note: Notification, patterns: dict[str, str]) -> str | None:
    text = _text(note)
    return next((name for name, pattern in patterns.items() if re.search(pattern, text)), None)


def mentions_funds(note: Notification) -> bool:
    return re.search(FUNDS, _text(note)) is not None


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
        return {"metric": first_match(note, METRICS)}


class AccountDeactivated(PlatformLetter):
    """Selling privileges removed: an appeal with cause, corrections and prevention, and a
    request to release held funds when the notice mentions them."""

    name = "account_deactivated"
    kinds = frozenset({Kind.ACCOUNT_DEACTIVATED})
    template = "platform.appeal"

    def context(self, note: Notification) -> dict[str, Any]:
        return {"funds_held": mentions_funds(note)}


class AccountReview(PlatformLetter):
    """The account is under review (often with funds held): the business information the
    review asks for, and a plan."""

    name = "account_review"
    kinds = frozenset({Kind.ACCOUNT_REVIEW})
    template = "platform.account_review"

    def context(self, note: Notification) -> dict[str, Any]:
        return {"funds_held": mentions_funds(note)}


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
        return {"cause": first_match(note, LISTING_CAUSES)}


class PolicyWarning(PlatformLetter):
    name = "policy_warning"
    kinds = frozenset({Kind.POLICY_WARNING})
    template = "platform.policy_warning"
