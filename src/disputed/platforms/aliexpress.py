"""AliExpress: messages stay on AliExpress (no links elsewhere, no dealing off the platform),
and feedback is not traded for anything."""

from disputed.platforms.rules import LINK, MessagingRule, Platform

PLATFORM = Platform(
    name="aliexpress",
    title="AliExpress",
    messaging_rules=(
        MessagingRule("no_links", "AliExpress forbids links leading buyers off the platform", pattern=LINK),
        MessagingRule("no_outside_contact", "AliExpress forbids moving the buyer to contact or pay outside AliExpress", together=("outside_contact",)),
        MessagingRule("no_review_incentive", "AliExpress forbids offering anything in exchange for feedback", together=("review", "incentive")),
    ),
)
