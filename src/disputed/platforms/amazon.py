"""Amazon: the buyer-seller messaging rules (Amazon's communication guidelines)."""

from disputed.platforms.rules import LINK, MessagingRule, Platform

PLATFORM = Platform(
    name="amazon",
    title="Amazon",
    messaging_rules=(
        MessagingRule("no_review_change", "Amazon forbids asking a buyer to change, remove or reconsider a review", together=("review", "change")),
        MessagingRule("no_review_incentive", "Amazon forbids offering anything in exchange for a review", together=("review", "incentive")),
        MessagingRule("no_positive_review_request", "Amazon forbids asking for a positive review", together=("review", "positive")),
        MessagingRule("no_links", "Amazon forbids links in buyer messages", pattern=LINK),
        MessagingRule("no_marketing", "Amazon forbids marketing and promotion in buyer messages", together=("marketing",)),
        MessagingRule("no_outside_contact", "Amazon forbids asking the buyer to contact the seller outside Amazon", together=("outside_contact",)),
    ),
)
