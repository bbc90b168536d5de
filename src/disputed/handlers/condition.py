"""The item arrived in a bad state: defect, damage, missing parts, an empty parcel."""

from __future__ import annotations

from typing import Any

from disputed.config.settings import PolicySettings, Remedy
from disputed.handlers.base import CaseView, HandlerContext
from disputed.handlers.common import OfferReply, claim_open, remedies
from disputed.notification import Notification
from disputed.vocabulary import Issue

# Remedies for a fault that does not stop the item being used; the rest are for serious faults.
MINOR_REMEDIES = frozenset({"partial_refund", "claim_code", "next_order_discount", "cleaning_cost"})


class QualityDefect(OfferReply):
    """Ask for photos; offer small remedies for a minor fault and reissue or refund for a
    serious one. Minor options are numbered first; ``minor_count`` says how many there are."""

    name = "quality_defect"
    issue = Issue.QUALITY_DEFECT
    issues = frozenset({Issue.QUALITY_DEFECT})

    def options(self, policy: PolicySettings) -> tuple[Remedy, ...]:
        offered = remedies(policy, self.issue)
        minor = [r for r in offered if r.type in MINOR_REMEDIES]
        return (*minor, *(r for r in offered if r.type not in MINOR_REMEDIES))

    def context(self, note: Notification, case: CaseView, ctx: HandlerContext) -> dict[str, Any]:
        minor_count = sum(1 for r in self.options(ctx.policy) if r.type in MINOR_REMEDIES)
        return {"dispute_open": claim_open(note, case), "minor_count": minor_count}


class Damaged(OfferReply):
    """Broken in transit: ask for photos of the item and the box, then offer the remedies."""

    name = "damaged"
    issue = Issue.DAMAGED
    issues = frozenset({Issue.DAMAGED})


class MissingParts(OfferReply):
    """Ask the buyer to check the parcel (small parts are often packed apart), then offer
    to resend the part or refund it."""

    name = "missing_parts"
    issue = Issue.MISSING_PARTS
    issues = frozenset({Issue.MISSING_PARTS})


class EmptyPackage(OfferReply):
    """Rare and often not what it seems: ask whether the parcel was opened or damaged on
    arrival, for photos of it and its label, and whether someone at home unpacked it; the
    remedies are offered once the carrier's weight record has been checked."""

    name = "empty_package"
    issue = Issue.EMPTY_PACKAGE
    issues = frozenset({Issue.EMPTY_PACKAGE})
