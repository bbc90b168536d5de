"""Negative feedback or a poor review: solve the buyer's problem, check in later.

The reply offers the remedies of the problem the buyer complained about and never
mentions the review; the follow-up asks only whether the problem is solved. Amazon and
eBay forbid asking a buyer to change a review and offering anything for one. Where a
platform has its own way to ask for a revision (eBay), the operator is told where it is.
"""

from __future__ import annotations

from disputed.config.settings import PolicySettings, Remedy
from disputed.handlers.base import OPERATOR_ADVICE, CaseView, HandlerContext, Outcome, QueueDraft, ScheduleFollowUp
from disputed.handlers.common import BuyerReply, remedies
from disputed.notification import Notification
from disputed.platforms import platform
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
            QueueDraft(self.name, options=feedback_remedies(ctx.policy, note.issue), context=revision_advice(case.platform)),
            ScheduleFollowUp(FOLLOWUP_TEMPLATE, days=ctx.policy.followup_days, context=revision_advice(case.platform)),
        ]


def revision_advice(platform_name: str | None) -> dict[str, str]:
    """Where the seller may ask for a feedback revision, for platforms that have such a tool."""
    found = platform(platform_name)
    if found is None or found.feedback_revision_tool is None:
        return {}
    return {OPERATOR_ADVICE: f"Do not ask the buyer about the feedback in a message. Once the problem is solved, a revision may be requested only in {found.title}: {found.feedback_revision_tool}."}
