"""The buyer's choice continues the case; reviews and replacements are followed up."""

from __future__ import annotations

import pytest

from disputed.config.settings import Remedy
from disputed.handlers.base import CLAIM_CODE, CLAIM_CODE_PERCENT, NEEDS_CLAIM_CODE, ScheduleFollowUp, remedies_from_dicts, option_dicts, unfilled
from disputed.handlers.feedback import FALLBACK_REMEDIES
from disputed.handlers.option_choice import refund_amount
from disputed.languages import TEMPLATE_LANGUAGES
from disputed.vocabulary import Issue, Kind
from tests.handlers.kit import case_view, followups, only_draft, only_hold, policy, render, run

WRONG_ITEM_OFFER = tuple(policy().remedies[Issue.WRONG_ITEM])  # claim_code 60, partial_refund 40, return_for_refund


def choose(number, offered=WRONG_ITEM_OFFER, **kwargs):
    return run(Kind.BUYER_MESSAGE, Issue.OPTION_CHOICE, offered=offered, chosen_option=number, **kwargs)


def test_first_option_a_claim_code_the_pipeline_fills_from_the_pool():
    name, outcomes = choose(1)
    draft = only_draft(outcomes)
    assert name == "option_choice" and draft.template == "option.claim_code"
    assert draft.context[NEEDS_CLAIM_CODE] is True and draft.context[CLAIM_CODE] is None
    assert draft.context[CLAIM_CODE_PERCENT] == 60
    assert draft.context["chosen"] == {"type": "claim_code", "percent": 60, "amount": None, "number": 1}


@pytest.mark.parametrize("language", TEMPLATE_LANGUAGES)
def test_claim_code_letter_shows_the_code_or_says_what_to_fill_in(language):
    draft = only_draft(choose(1)[1])
    empty = render(draft, language).body
    assert [gap for gap in unfilled(empty) if "60" in gap]
    filled = render(draft, language, claim_code="HTCB-AD73TB-L2M1TF").body
    assert "HTCB-AD73TB-L2M1TF" in filled and not unfilled(filled)


def test_partial_refund_works_out_the_amount_from_the_price_paid():
    draft = only_draft(choose(2)[1])
    assert draft.template == "option.refund"
    assert draft.context["refund_amount"] == "15.96"  # 40% of 39,90
    body = render(draft).body
    assert "15.96 EUR" in body and "keep the item" in body


def test_a_return_choice_says_how_to_send_it_back():
    draft = only_draft(choose(3)[1])
    assert draft.template == "option.return"
    assert unfilled(render(draft).body) == ["FILL IN: how to return it: the return label link or our return address"]


@pytest.mark.parametrize("remedy_type", ["reissue", "exchange", "resend_part"])
def test_a_replacement_is_confirmed_and_followed_up(remedy_type):
    offered = (Remedy(type="full_refund"), Remedy(type=remedy_type))
    outcomes = choose(2, offered=offered, settings=policy(followup_days=12))[1]
    draft, follow = outcomes
    assert draft.template == "option.replacement"
    assert isinstance(follow, ScheduleFollowUp)
    assert follow.template == "followup.replacement" and follow.days == 12
    assert "ask_review" not in follow.context and follow.context["chosen"]["type"] == remedy_type
    assert "confirm your full delivery address" in render(draft).body
    assert "update your review" not in render(follow).body


def test_after_a_negative_review_the_follow_up_never_asks_about_the_review():
    offered = tuple(FALLBACK_REMEDIES)
    case = case_view(Kind.FEEDBACK, opened_with=Kind.FEEDBACK)
    follow = followups(choose(1, offered=offered, case=case)[1])[0]
    assert "ask_review" not in follow.context and follow.days == policy().followup_days
    body = render(follow).body
    assert "reached you" in body and "review" not in body


def test_a_replacement_on_an_open_claim_asks_to_close_it_first():
    draft = only_draft([o for o in choose(1, offered=(Remedy(type="reissue"),), case=case_view(Kind.DISPUTE))[1] if o.template == "option.replacement"])
    assert draft.context["dispute_open"] is True and "close it now" in render(draft).body


@pytest.mark.parametrize(
    ("number", "offered", "why"),
    [
        (None, WRONG_ITEM_OFFER, "cannot be told"),
        (4, WRONG_ITEM_OFFER, "only 3 were offered"),
        (0, WRONG_ITEM_OFFER, "only 3 were offered"),
        (1, (), "no offer is on record"),
    ],
)
def test_a_choice_that_cannot_be_told_goes_to_an_operator(number, offered, why):
    assert why in only_hold(choose(number, offered=offered)[1]).reason


def test_an_unsure_choice_goes_to_an_operator():
    assert "confidence" in only_hold(choose(1, confidence=0.2)[1]).reason


def test_offers_survive_the_round_trip_through_stored_option_dicts():
    assert remedies_from_dicts(option_dicts(WRONG_ITEM_OFFER)) == WRONG_ITEM_OFFER


@pytest.mark.parametrize(
    ("remedy", "paid", "expected"),
    [
        (Remedy(type="full_refund"), "39.90", "39.90"),
        (Remedy(type="partial_refund", percent=15), "1.234,50", "185.18"),
        (Remedy(type="partial_refund", amount=2), None, "2.00"),
        (Remedy(type="refund_part"), "39.90", None),
        (Remedy(type="full_refund"), None, None),
    ],
)
def test_refund_amounts(remedy, paid, expected):
    from disputed.handlers.common import money

    assert refund_amount(remedy, money(paid)) == expected


# --- negative feedback ---------------------------------------------------------------------


def test_negative_feedback_apologises_with_options_and_schedules_a_follow_up():
    name, outcomes = run(Kind.FEEDBACK, Issue.QUALITY_DEFECT, settings=policy(followup_days=9))
    draft, follow = outcomes
    assert name == "feedback" and draft.template == "feedback"
    assert draft.options == tuple(policy().remedies[Issue.QUALITY_DEFECT])
    assert follow.template == "feedback.followup" and follow.days == 9
    assert "solved" in render(follow).body and "review" not in render(follow).body
    assert "review" not in render(draft).body  # the buyer's problem is solved; the review is not mentioned


def test_on_ebay_the_operator_is_told_where_a_feedback_revision_may_be_asked():
    ebay = case_view(Kind.FEEDBACK, Issue.DAMAGED, platform="ebay")
    draft, follow = run(Kind.FEEDBACK, Issue.DAMAGED, case=ebay, platform="ebay")[1]
    assert "Request feedback revision" in draft.context["operator_advice"] and "operator_advice" in follow.context
    assert "revision" not in render(draft).body and "feedback" not in render(follow).body.lower()
    amazon_draft = run(Kind.FEEDBACK, Issue.DAMAGED)[1][0]
    assert "operator_advice" not in amazon_draft.context


def test_feedback_without_an_issue_uses_the_sellers_other_remedies_or_a_fallback():
    assert run(Kind.FEEDBACK, None)[1][0].options == FALLBACK_REMEDIES
    own = [Remedy(type="claim_code", percent=20)]
    assert run(Kind.FEEDBACK, None, settings=policy(remedies={Issue.OTHER: own}))[1][0].options == tuple(own)
