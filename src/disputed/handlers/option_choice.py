"""The buyer picked one of the offered remedies: queue what that remedy needs.

  claim_code, next_order_discount      option.claim_code   (the pipeline fills the code from
                                                            the seller's pool: see base.NEEDS_CLAIM_CODE)
  reissue, exchange, resend_part       option.replacement  + follow-up "followup.replacement"
                                                            after policy.followup_days
  partial_refund, full_refund,
  refund_part, cleaning_cost           option.refund
  return_for_refund,
  return_for_replacement               option.return

When the choice cannot be told (no number, a number outside the offer, no offer on
record) an operator decides.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from disputed.config.settings import Remedy
from disputed.handlers.base import (
    CLAIM_CODE,
    CLAIM_CODE_PERCENT,
    NEEDS_CLAIM_CODE,
    CaseView,
    HandlerContext,
    Hold,
    Outcome,
    QueueDraft,
    ScheduleFollowUp,
    remedy_dict,
)
from disputed.handlers.common import BuyerReply, claim_open, money
from disputed.notification import Notification
from disputed.vocabulary import Issue

FOLLOW_UP = {
    "claim_code": "option.claim_code",
    "next_order_discount": "option.claim_code",
    "reissue": "option.replacement",
    "exchange": "option.replacement",
    "resend_part": "option.replacement",
    "partial_refund": "option.refund",
    "full_refund": "option.refund",
    "refund_part": "option.refund",
    "cleaning_cost": "option.refund",
    "return_for_refund": "option.return",
    "return_for_replacement": "option.return",
}

ARRIVAL_CHECK = "followup.replacement"


def chosen_remedy(note: Notification, offered: tuple[Remedy, ...]) -> Remedy | str:
    """The remedy picked, or why it cannot be told."""
    if not offered:
        return "the buyer picked an option but no offer is on record for this case"
    number = note.chosen_option
    if number is None:
        return "the buyer answered the offer but which option they chose cannot be told"
    if not 1 <= number <= len(offered):
        return f"the buyer chose option {number} but only {len(offered)} were offered"
    return offered[number - 1]


def refund_amount(remedy: Remedy, paid: Decimal | None) -> str | None:
    """What the refund comes to, when it can be worked out from the price paid."""
    if remedy.amount is not None:
        value = Decimal(str(remedy.amount))
    elif paid is None:
        return None
    elif remedy.type == "full_refund":
        value = paid
    elif remedy.type == "partial_refund" and remedy.percent:
        value = paid * remedy.percent / 100
    else:
        return None
    return str(value.quantize(Decimal("0.01")))


class OptionChoice(BuyerReply):
    name = "option_choice"
    issues = frozenset({Issue.OPTION_CHOICE})

    def reply(self, note: Notification, case: CaseView, ctx: HandlerContext) -> list[Outcome]:
        remedy = chosen_remedy(note, ctx.offered)
        if isinstance(remedy, str):
            return [Hold(remedy)]
        chosen = remedy_dict(remedy, note.chosen_option)
        template = FOLLOW_UP[remedy.type]
        context: dict[str, Any] = {"chosen": chosen, "dispute_open": claim_open(note, case)}
        if template == "option.claim_code":
            context.update({NEEDS_CLAIM_CODE: True, CLAIM_CODE: None, CLAIM_CODE_PERCENT: remedy.percent})
        if template == "option.refund":
            context["refund_amount"] = refund_amount(remedy, money(case.amount))
        outcomes: list[Outcome] = [QueueDraft(template, context=context)]
        if template == "option.replacement":
            # Only whether it arrived, even after a negative review: marketplaces forbid asking to change one.
            outcomes.append(ScheduleFollowUp(ARRIVAL_CHECK, days=ctx.policy.followup_days, context={"chosen": chosen}))
        return outcomes
