"""Walmart Marketplace: seller-buyer messages are about the order only (no marketing, no
links, no redirection off Walmart, no review manipulation)."""

from disputed.platforms.rules import LINK, MessagingRule, Platform

PLATFORM = Platform(
    name="walmart",
    title="Walmart",
    messaging_rules=(
        MessagingRule("no_links", "Walmart forbids links in buyer messages", pattern=LINK),
        MessagingRule("no_marketing", "Walmart forbids marketing in buyer messages", together=("marketing",)),
        MessagingRule("no_outside_contact", "Walmart forbids redirecting the buyer outside Walmart", together=("outside_contact",)),
        MessagingRule("no_review_change", "Walmart forbids asking a buyer to change or remove a review", together=("review", "change")),
        MessagingRule("no_review_incentive", "Walmart forbids offering anything in exchange for a review", together=("review", "incentive")),
    ),
)
