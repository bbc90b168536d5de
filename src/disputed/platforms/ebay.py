"""eBay: member-message rules. A seller may ask for a feedback revision only through eBay's
own Feedback Revision Request, a limited number of times, never in a message."""

from disputed.platforms.rules import MessagingRule, Platform

PLATFORM = Platform(
    name="ebay",
    title="eBay",
    messaging_rules=(
        MessagingRule("no_review_change", "eBay allows a feedback revision request only through its own tool, never in a message", together=("review", "change")),
        MessagingRule("no_review_incentive", "eBay forbids offering anything in exchange for feedback", together=("review", "incentive")),
        MessagingRule("no_positive_review_request", "eBay forbids asking for positive feedback in exchange or as a condition", together=("review", "positive")),
        MessagingRule("no_outside_contact", "eBay forbids offering to deal outside eBay", together=("outside_contact",)),
    ),
    feedback_revision_tool="Seller Hub > Performance > Feedback > Request feedback revision (once the buyer's problem is solved)",
)
