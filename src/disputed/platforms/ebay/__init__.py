"""eBay: its sites and their languages, the brand look-alikes imitate, its order ids, the hours it
allows for an answer, and its member-message rules; ``parser`` reads its mail.

Member-message rules: A seller may ask for a feedback revision only through eBay's
own Feedback Revision Request, a limited number of times, never in a message."""

import re

from disputed.platforms.rules import MessagingRule, Platform

# 23-11874-40219
ORDER_ID = re.compile(r"(?<![\w-])(\d{2})-(\d{5})-(\d{5})(?![\w-])")

PLATFORM = Platform(
    name="ebay",
    title="eBay",
    sites={
        "ebay.com": "en", "ebay.co.uk": "en", "ebay.de": "de", "ebay.fr": "fr", "ebay.it": "it", "ebay.es": "es",
        "ebay.ca": "en", "ebay.com.au": "en", "ebay.at": "de", "ebay.ch": "de", "ebay.ie": "en", "ebay.nl": "nl",
        "ebay.be": "fr", "ebay.pl": "pl", "ebay.com.hk": None, "ebay.com.sg": None, "ebay.com.my": None,
        "ebay.ph": None, "ebay.in": "en",
    },
    brand="ebay",
    other_names=("易贝", "イーベイ", "이베이"),
    order_id=ORDER_ID,
    relay_subdomain="members",
    deadlines_hours={"dispute": 72},
    messaging_rules=(
        MessagingRule("no_review_change", "eBay allows a feedback revision request only through its own tool, never in a message", together=("review", "change")),
        MessagingRule("no_review_incentive", "eBay forbids offering anything in exchange for feedback", together=("review", "incentive")),
        MessagingRule("no_positive_review_request", "eBay forbids asking for positive feedback in exchange or as a condition", together=("review", "positive")),
        MessagingRule("no_outside_contact", "eBay forbids offering to deal outside eBay", together=("outside_contact",)),
    ),
    feedback_revision_tool="Seller Hub > Performance > Feedback > Request feedback revision (once the buyer's problem is solved)",
)
