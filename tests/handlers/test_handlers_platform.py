"""Claims, chargebacks, account health, the hijacker letter and the order life cycle."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from disputed.handlers.base import OPERATOR_QUESTION, OrderRecord, option_dicts, unfilled
from disputed.handlers.hijacker import hijacker_letter
from disputed.handlers.lifecycle import Stage, due_stage, lifecycle_draft
from disputed.vocabulary import Audience, Issue, Kind
from tests.handlers.kit import NOW, ORDER_ID, check_renders, only_draft, only_hold, policy, render, run, shipped


def test_atoz_claim_answers_the_buyer_and_the_platform_with_the_order_facts():
    order = shipped(40, "epacket", "DE", carrier_status="in_transit")
    name, outcomes = run(Kind.ATOZ_CLAIM, Issue.NOT_RECEIVED, order=order, amount=None)
    buyer, letter = outcomes
    assert name == "atoz_claim"
    assert buyer.audience == Audience.BUYER and buyer.template == "not_received.overdue"
    assert letter.audience == Audience.PLATFORM and letter.template == "platform.atoz_response"
    assert letter.context["offered"] == option_dicts(buyer.options)
    assert letter.context["ship_date"] == "2024-03-23" and letter.context["promised_days"] == 27
    body = render(letter).body
    assert "LX123456789CN" in body and "2024-03-23" in body and "1. We send you a new one" in body
    assert "Carrier status: in transit" in body and not unfilled(body)
    without_status = run(Kind.ATOZ_CLAIM, Issue.NOT_RECEIVED, order=shipped(40, "epacket", "DE"))[1][1]
    assert unfilled(render(without_status).body) == ["FILL IN: carrier status"]


def test_atoz_claim_without_a_known_issue_still_gets_its_letter():
    letter = only_draft(run(Kind.ATOZ_CLAIM, None)[1])
    assert letter.template == "platform.atoz_response" and letter.context["offered"] == []
    assert OPERATOR_QUESTION in letter.context
    assert "FILL IN: ship date" in unfilled(render(letter).body)


def test_chargeback_gets_its_own_letter_and_the_issue_reply():
    name, outcomes = run(Kind.CHARGEBACK, Issue.NOT_AS_DESCRIBED, order=shipped(20))
    assert name == "chargeback"
    assert [o.template for o in outcomes] == ["not_as_described", "platform.chargeback_response"]
    assert "card issuer" in render(outcomes[1]).body


def test_the_buyer_text_in_a_platform_letter_stays_text():
    letter = run(Kind.ATOZ_CLAIM, None)[1][0]
    body = render(letter, reason="{{ 7*7 }}", buyer_comment="{% if true %}X{% endif %}").body
    assert "{{ 7*7 }}" in body and "{% if true %}X{% endif %}" in body


def test_claim_decisions_are_read_by_an_operator_and_refunds_are_only_recorded():
    assert "appeal" in only_hold(run(Kind.ATOZ_DECISION)[1]).reason
    (ignored,) = run(Kind.REFUND_ISSUED)[1]
    assert type(ignored).__name__ == "Ignore"


# --- account health ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("subject", "metric", "says"),
    [
        ("Your Order Defect Rate is above 1%", "order_defect_rate", "order defect rate"),
        ("Action required: late shipment rate", "late_shipment_rate", "expected ship date"),
        ("Stornorate über dem Zielwert", "cancellation_rate", "cancelled before shipping"),
        ("Account health notice", None, "account performance"),
    ],
)
def test_performance_warning_gets_a_plan_of_action(subject, metric, says):
    letter = only_draft(run(Kind.PERFORMANCE_WARNING, subject=subject)[1])
    assert letter.audience == Audience.PLATFORM and letter.template == "platform.plan_of_action"
    assert letter.context["metric"] == metric
    body = render(letter).body
    assert says in body
    for part in ("1. Root cause", "2. Corrective steps", "3. Preventive steps"):
        assert part in body
    assert unfilled(body)  # the specifics are the seller's


@pytest.mark.parametrize(
    ("kind", "template", "body_text", "funds"),
    [
        (Kind.ACCOUNT_DEACTIVATED, "platform.appeal", "If you have any funds in your account, they will be held.", True),
        (Kind.ACCOUNT_DEACTIVATED, "platform.appeal", "Your listings have been removed.", False),
        (Kind.ACCOUNT_REVIEW, "platform.account_review", "Funds will not be transferred during the review.", True),
        (Kind.ACCOUNT_REVIEW, "platform.account_review", "Please send your plan.", False),
    ],
)
def test_appeals_and_reviews_ask_for_held_funds_when_there_are_any(kind, template, body_text, funds):
    letter = only_draft(run(kind, body_text=body_text)[1])
    assert letter.template == template and letter.audience == Audience.PLATFORM
    assert letter.context["funds_held"] is funds
    assert ("release the funds" in render(letter).body) is funds


def test_ip_infringement_and_listing_removal_get_remediation_letters():
    ip = only_draft(run(Kind.IP_INFRINGEMENT, asin="B0TESTASIN")[1])
    assert ip.template == "platform.ip_remediation" and "ASIN B0TESTASIN" in render(ip).body
    closed = only_draft(run(Kind.LISTING_REMOVED, subject="Listing closed: negative customer experience")[1])
    assert closed.template == "platform.listing_remediation" and closed.context["cause"] == "customer_experience"
    image = only_draft(run(Kind.LISTING_REMOVED, body_text="removed for an image that violates copyright")[1])
    assert image.context["cause"] == "ip"
    warning = only_draft(run(Kind.POLICY_WARNING)[1])
    assert warning.template == "platform.policy_warning" and warning.audience == Audience.PLATFORM


# --- hijacker ---------------------------------------------------------------------------


def test_hijacker_letter_names_the_mark_the_listings_and_the_deadline():
    letter = hijacker_letter("B0TESTASIN", "Cheap Copies Ltd", "Innoware", more_asins=["B0OTHERASN", "B0TESTASIN"], respond_hours=24, to="seller@example.test")
    check_renders(letter)
    assert letter.template == "hijacker" and letter.audience == Audience.PLATFORM and letter.to == "seller@example.test"
    assert letter.context["asins"] == ["B0TESTASIN", "B0OTHERASN"]
    body = render(letter, marketplace=None).body
    assert "Cheap Copies Ltd" in body and "B0OTHERASN" in body and "24 hours" in body
    assert unfilled(body) == ["FILL IN: trademark office and registration number"]
    registered = hijacker_letter("B0TESTASIN", "X", "Innoware", registration="USPTO 1234567", marketplace="amazon.com")
    assert "USPTO 1234567" in render(registered).body and "amazon.com" in render(registered).body


@pytest.mark.parametrize("args", [("", "X", "Y"), ("B0", " ", "Y"), ("B0", "X", "")])
def test_hijacker_letter_needs_its_facts(args):
    with pytest.raises(ValueError):
        hijacker_letter(*args)


# --- order life cycle ----------------------------------------------------------------------


@pytest.mark.parametrize("stage", list(Stage))
def test_every_life_cycle_letter_renders(stage):
    draft = lifecycle_draft(stage, policy(), NOW, shipped(3, carrier_status="delivered", delivered_date=NOW - timedelta(days=1)), handling_days=2)
    check_renders(draft)
    assert draft.template == f"order.{stage.value}" and draft.audience == Audience.BUYER


def test_shipped_letter_carries_tracking_and_the_promised_date():
    body = render(lifecycle_draft(Stage.SHIPPED, policy(), NOW, shipped(1, "epacket"))).body
    assert "LX123456789CN" in body and "2024-05-28" in body


def test_payment_confirmed_without_handling_days_asks_the_operator():
    assert unfilled(render(lifecycle_draft(Stage.PAYMENT_CONFIRMED, policy(), NOW)).body) == ["FILL IN: handling days"]


def test_due_stage_follows_the_order_facts():
    delivered_at = datetime(2024, 4, 20)
    unshipped = OrderRecord(order_id=ORDER_ID)
    on_its_way = shipped(3)
    delivered = shipped(20, carrier_status="delivered", delivered_date=delivered_at)
    assert due_stage(unshipped, NOW, set()) is None
    assert due_stage(on_its_way, NOW, set()) == Stage.SHIPPED
    assert due_stage(on_its_way, NOW, {"order.shipped"}) is None
    assert due_stage(delivered, NOW, {"shipped"}) == Stage.DELIVERY_CHECK
    assert due_stage(delivered, NOW, {"shipped", "delivery_check"}) == Stage.FEEDBACK_REQUEST
    assert due_stage(delivered, delivered_at + timedelta(days=3), {"delivery_check"}) is None
    assert due_stage(delivered, NOW, {"delivery_check", "feedback_request"}) is None
