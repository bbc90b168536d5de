"""Negative feedback or a poor review: apologise with options, check in later.

The follow-up asks, without any condition attached to the remedies, whether the buyer
would reconsider the review: marketplaces forbid tying compensation to a review.
"""

from __future__ import annotations

from disputed.config.settings import PolicySettings, Remedy
from disputed.handlers.base import CaseView, HandlerContext, Outcome, QueueDraft, ScheduleFollowUp
from disputed.handlers.common import BuyerReply, remedies
from disputed.notification import Notification
from disputed.vocabulary import Issue, Kind

# Offered when the seller's policy names nothing for the review's issue nor for "other".
FALLBACK_REMEDIES = (Remedy(type="reissue"), Remedy(type="full_refund"))

FOLLOWUP_TEMPLATE = "feedback.followup"


def feedback_remedies(policy: PolicySettings, issue: Issue | None) -> tuple[Remedy, ...]:
    return remedies(policy, issue) or remedies(policy, Issue.OTHER) or FALLBACK_REMEDIES


class NegativeFeedback(BuyerReply):
    name = "feedback"
    kinds = frozenset({Kind.FEEDBACK})
    issues = None

    def reply(self, note: Notification, case: CaseView, ctx: HandlerContext) -> list[Outcome]:
        return [
            QueueDraft(self.name, options=feedback_remedies(ctx.policy, note.issue)),
            ScheduleFollowUp(FOLLOWUP_TEMPLATE, days=ctx.policy.followup_days),
        ]
