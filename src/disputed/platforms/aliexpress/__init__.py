"""AliExpress: its sites, the brand look-alikes imitate, its order ids, the hours it allows for an
answer, and its messaging rules; ``parser`` reads its mail.

Messages stay on AliExpress (no links elsewhere, no dealing off the platform),
and feedback is not traded for anything."""

import re

from disputed.platforms.rules import LINK, MessagingRule, Platform

# Sixteen digits: 8123456789012345
ORDER_ID = re.compile(r"(?<![\d-])(\d{16})(?![\d-])")

PLATFORM = Platform(
    name="aliexpress",
    title="AliExpress",
    # Its notices come in the seller's language whatever the site, so no site tells one.
    sites={"aliexpress.com": None, "aliexpress.ru": None, "alibaba.com": None, "alibaba-inc.com": None, "aliyun.com": None},
    brand="aliexpress",
    other_names=("alibaba", "速卖通", "全球速卖通"),
    order_id=ORDER_ID,
    deadlines_hours={"dispute": 120},
    messaging_rules=(
        MessagingRule("no_links", "AliExpress forbids links leading buyers off the platform", pattern=LINK),
        MessagingRule("no_outside_contact", "AliExpress forbids moving the buyer to contact or pay outside AliExpress", together=("outside_contact",)),
        MessagingRule("no_review_incentive", "AliExpress forbids offering anything in exchange for feedback", together=("review", "incentive")),
    ),
)
