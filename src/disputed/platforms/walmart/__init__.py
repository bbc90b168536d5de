"""Walmart Marketplace: its sites, the brand look-alikes imitate, its order ids, the hours it allows
for an answer, and its messaging rules; ``parser`` reads its mail.

Seller-buyer messages are about the order only (no marketing, no
links, no redirection off Walmart, no review manipulation)."""

import re

from disputed.platforms.rules import LINK, MessagingRule, Platform

# Thirteen digits: 1234567890123
ORDER_ID = re.compile(r"(?<![\d-])(\d{13})(?![\d-])")

PLATFORM = Platform(
    name="walmart",
    title="Walmart",
    sites={"walmart.com": "en", "walmart.ca": "en"},
    brand="walmart",
    other_names=("沃尔玛", "ウォルマート"),
    order_id=ORDER_ID,
    relay_subdomain="relay",
    deadlines_hours={"buyer_message": 48},
    messaging_rules=(
        MessagingRule("no_links", "Walmart forbids links in buyer messages", pattern=LINK),
        MessagingRule("no_marketing", "Walmart forbids marketing in buyer messages", together=("marketing",)),
        MessagingRule("no_outside_contact", "Walmart forbids redirecting the buyer outside Walmart", together=("outside_contact",)),
        MessagingRule("no_review_change", "Walmart forbids asking a buyer to change or remove a review", together=("review", "change")),
        MessagingRule("no_review_incentive", "Walmart forbids offering anything in exchange for a review", together=("review", "incentive")),
    ),
)
