"""Amazon: its sites and their languages, the brand look-alikes imitate, its order ids, the hours it
allows for an answer, the buyer-seller messaging rules (Amazon's communication guidelines);
``parser`` reads its mail."""

import re

from disputed.platforms.rules import LINK, MessagingRule, Platform

# 114-3941689-8762232; digital orders D01-1234567-1234567.
ORDER_ID = re.compile(r"(?<![\w-])((?:\d{3}|D\d{2}))\s?-\s?(\d{7})\s?-\s?(\d{7})(?![\w-])")

PLATFORM = Platform(
    name="amazon",
    title="Amazon",
    sites={
        "amazon.com": "en", "amazon.ca": "en", "amazon.com.mx": "es", "amazon.com.br": "pt", "amazon.co.uk": "en",
        "amazon.de": "de", "amazon.fr": "fr", "amazon.it": "it", "amazon.es": "es", "amazon.nl": "nl", "amazon.se": "sv",
        "amazon.pl": "pl", "amazon.com.be": None, "amazon.com.tr": "tr", "amazon.ae": "en", "amazon.sa": None,
        "amazon.eg": None, "amazon.in": "en", "amazon.co.jp": "ja", "amazon.com.au": "en", "amazon.sg": "en",
        "amazon.cn": "zh", "amazon.ie": "en",
    },
    brand="amazon",
    other_names=("アマゾン", "亚马逊", "亞馬遜", "أمازون", "아마존"),
    order_id=ORDER_ID,
    relay_subdomain="marketplace",
    deadlines_hours={"return_request": 24, "buyer_message": 24, "atoz_claim": 72, "chargeback": 168,
                     "performance_warning": 72, "account_deactivated": 336},
    messaging_rules=(
        MessagingRule("no_review_change", "Amazon forbids asking a buyer to change, remove or reconsider a review", together=("review", "change")),
        MessagingRule("no_review_incentive", "Amazon forbids offering anything in exchange for a review", together=("review", "incentive")),
        MessagingRule("no_positive_review_request", "Amazon forbids asking for a positive review", together=("review", "positive")),
        MessagingRule("no_links", "Amazon forbids links in buyer messages", pattern=LINK),
        MessagingRule("no_marketing", "Amazon forbids marketing and promotion in buyer messages", together=("marketing",)),
        MessagingRule("no_outside_contact", "Amazon forbids asking the buyer to contact the seller outside Amazon", together=("outside_contact",)),
    ),
)
